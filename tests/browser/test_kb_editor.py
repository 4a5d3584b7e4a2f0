"""The KB editor in a real browser, under the strict CSP: an agent writes an article (bold text and an
uploaded image), submits it for review, and a supervisor approves it, which publishes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from supportdesk.accounts.choices import Role
from supportdesk.kb import actions
from supportdesk.kb.choices import ArticleState
from supportdesk.kb.models import ArticleAttachment, Translation
from supportdesk.testing.factories import AgentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _sign_in(page, live_server, client, user) -> None:
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def test_write_submit_approve_publish(live_server, page, admin, agent, client, tmp_path):
    supervisor = AgentFactory.create(email="sue@support.example", full_name="Sue Supervisor", role=Role.SUPERVISOR)
    actions.create_category(admin, {"names": {"en": "Printers"}})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)

    # The agent writes a draft in the rich-text editor.
    _sign_in(page, live_server, client, agent)
    page.goto(f"{live_server.url}/kb/")
    page.click("[data-testid=kb-new-article]")
    page.fill("#id_title", "Clear a paper jam")
    area = page.locator("[data-testid=kb-editor-area]")
    expect(area).to_be_visible()  # the script replaced the HTML textarea
    expect(page.locator("[data-testid=kb-editor-source]")).to_be_hidden()
    area.click()
    page.keyboard.type("Open the front cover")
    page.keyboard.press("Enter")
    page.keyboard.type("Pull the paper out slowly.")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Home")
    page.keyboard.press("Shift+End")
    page.click(".kb-editor__toolbar [data-cmd=bold]")
    page.click("[data-testid=kb-save]")
    page.wait_for_url(f"{live_server.url}/kb/articles/*/en/")
    expect(page.locator("[data-testid=kb-state]")).to_have_text("Draft")
    expect(page.locator("[data-testid=kb-body] b")).to_have_text("Open the front cover")
    row = Translation.objects.get(title="Clear a paper jam")
    assert row.body_html == "<p><b>Open the front cover</b></p><p>Pull the paper out slowly.</p>"

    # It adds a picture from the editor's image button (an upload, then an <img> in the text).
    page.click("[data-testid=kb-edit]")
    image = tmp_path / "cover.png"
    image.write_bytes(PNG)
    page.locator("[data-testid=kb-editor-area] p").last.click()
    page.keyboard.press("End")
    page.locator("[data-image-input]").set_input_files(str(image))
    expect(page.locator("[data-testid=kb-editor-area] img")).to_have_count(1)
    page.click("[data-testid=kb-save]")
    page.wait_for_url(f"{live_server.url}/kb/articles/*/en/")
    attachment = ArticleAttachment.objects.get()
    row.refresh_from_db()
    assert f'<img src="/kb/attachments/{attachment.pk}/cover.png" alt="cover.png">' in row.body_html
    assert row.version == 2
    expect(page.locator("[data-testid=kb-body] img")).to_have_js_property("naturalWidth", 1)  # served to the agent

    # Submit for review.
    page.fill("[data-testid=kb-note]", "Please check the steps")
    page.click("[data-testid=kb-action-submit]")
    expect(page.locator("[data-testid=kb-state]")).to_have_text("In review")
    expect(page.locator("[data-testid=kb-action-approve]")).to_have_count(0)

    # The supervisor finds it in the review queue and approves it: published.
    _sign_in(page, live_server, client, supervisor)
    page.goto(f"{live_server.url}/kb/review/")
    page.click("text=Clear a paper jam")
    expect(page.locator("[data-testid=kb-state]")).to_have_text("In review")
    expect(page.locator("[data-testid=kb-versions]")).to_contain_text("Please check the steps")
    page.click("[data-testid=kb-action-approve]")
    expect(page.locator("[data-testid=kb-state]")).to_have_text("Published")
    row.refresh_from_db()
    assert (row.state, row.reviewer_id, row.author_id) == (ArticleState.PUBLISHED, supervisor.pk, agent.pk)
    assert row.published_at is not None
    page.goto(f"{live_server.url}/kb/review/")
    expect(page.locator("[data-testid=kb-row]")).to_have_count(0)
    assert errors == []
