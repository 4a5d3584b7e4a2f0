"""Drafts from tickets (never internal notes) and article attachments (images checked by content)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed
from supportdesk.kb import actions
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Article, ArticleAttachment, Category, Translation
from supportdesk.kb.tests.test_actions_support import PNG, publish
from supportdesk.kb.tests.test_actions_support import kb_category as kb_category
from supportdesk.kb.tests.test_actions_support import make_article as make_article
from supportdesk.kb.tests.test_actions_support import supervisor as supervisor
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.attachments import blob_path
from supportdesk.tickets.models import Ticket


@pytest.fixture
def conversation(make_ticket: Callable[..., Ticket], agent: User, customer: User) -> Ticket:
    ticket = make_ticket(subject="Scanner shows error E42", body="My scanner shows E42 after the update.", language="de")
    add_article(agent, ticket, body_text="SECRET: customer is on the watch list", is_internal=True)
    add_article(agent, ticket, body_text="Please restart the scanner.")
    add_article(customer, ticket, body_text="Still broken.")
    add_article(agent, ticket, body_text="", body_html="<p>Hold <b>reset</b> for 10 seconds.</p><script>alert(1)</script>")
    add_article(agent, ticket, body_text="INTERNAL: fixed by firmware 2.1, do not tell", is_internal=True)
    return ticket


def test_draft_from_ticket_copies_the_question_and_the_last_public_reply(conversation: Ticket, agent: User, kb_category: Category) -> None:
    row = actions.draft_from_ticket(agent, conversation)  # a Ticket, or its id (below)
    assert (row.title, row.language, row.state, row.author, row.version) == ("Scanner shows error E42", "de", ArticleState.DRAFT, agent, 1)
    assert row.article.source_ticket_id == conversation.pk
    assert row.article.visibility == Visibility.INTERNAL
    assert row.article.category == kb_category
    assert row.body_html.startswith("<h2>")
    assert "My scanner shows E42 after the update." in row.body_text
    assert "Hold reset for 10 seconds." in row.body_text
    assert "Please restart the scanner." not in row.body_text  # only the last public reply
    assert "Still broken." not in row.body_text
    assert "<script" not in row.body_html
    for secret in ("SECRET", "watch list", "INTERNAL", "firmware 2.1"):
        assert secret not in row.body_html and secret not in row.title


def test_draft_language_follows_the_ticket_then_the_agent(make_ticket: Callable[..., Ticket], agent: User, kb_category: Category) -> None:
    agent.language = "lv"
    agent.save()
    untagged = make_ticket(language="")
    assert actions.draft_from_ticket(agent, untagged.pk).language == "lv"
    assert actions.draft_from_ticket(agent, untagged.pk, language="hu").language == "hu"
    with pytest.raises(ValidationFailed):
        actions.draft_from_ticket(agent, untagged.pk, language="xx")


def test_draft_needs_read_access_to_the_ticket(conversation: Ticket, outsider: User, customer: User, kb_category: Category) -> None:
    with pytest.raises(NotFound):
        actions.draft_from_ticket(outsider, conversation)  # an object does not skip the access check
    with pytest.raises(NotFound):
        actions.draft_from_ticket(outsider, conversation.pk)
    with pytest.raises(NotFound):
        actions.draft_from_ticket(customer, conversation.pk)
    assert not Article.objects.exists()


def test_draft_needs_a_category(conversation: Ticket, agent: User) -> None:
    with pytest.raises(ValidationFailed) as error:
        actions.draft_from_ticket(agent, conversation.pk)
    assert "category_id" in error.value.field_errors


def test_draft_in_a_chosen_category(conversation: Ticket, agent: User, admin: User, kb_category: Category) -> None:
    other = actions.create_category(admin, {"names": {"en": "Scanners"}})
    assert actions.draft_from_ticket(agent, conversation.pk, category_id=other.pk).article.category == other
    with pytest.raises(ValidationFailed):
        actions.draft_from_ticket(agent, conversation.pk, category_id=999_999)


# -- attachments -------------------------------------------------------------------------------------


def test_image_upload_is_stored_by_content(make_article: Callable[..., Translation], agent: User) -> None:
    article = make_article().article
    image = actions.add_attachment(
        agent, article, chunks=[PNG[:4], PNG[4:]], filename="../../shot.png", content_type="image/png", image_only=True
    )
    assert (image.filename, image.content_type, image.size, image.uploaded_by) == ("shot.png", "image/png", len(PNG), agent)
    assert blob_path(image.blob_id).read_bytes() == PNG
    assert actions.attachment_url(image) == f"/kb/attachments/{image.pk}/shot.png"


@pytest.mark.parametrize(
    ("content", "name", "declared"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "a.svg", "image/svg+xml"),
        (b"<html><script>alert(1)</script></html>", "x.png", "image/png"),
        (b"GIF8", "tiny.gif", "image/gif"),
    ],
)
def test_the_image_button_refuses_what_is_not_a_raster_image(
    make_article: Callable[..., Translation], agent: User, content: bytes, name: str, declared: str
) -> None:
    article = make_article().article
    with pytest.raises(ValidationFailed):
        actions.add_attachment(agent, article, chunks=[content], filename=name, content_type=declared, image_only=True)
    assert not ArticleAttachment.objects.exists()


def test_files_pretending_to_be_images_are_downloads(make_article: Callable[..., Translation], agent: User) -> None:
    article = make_article().article
    fake = actions.add_attachment(agent, article, chunks=[b"<html>hi</html>"], filename="x.png", content_type="image/png")
    svg = actions.add_attachment(agent, article, chunks=[b"<svg/>"], filename="a.svg", content_type=None)
    pdf = actions.add_attachment(agent, article, chunks=[b"%PDF-1.4"], filename="guide.pdf", content_type="application/pdf")
    assert [fake.content_type, svg.content_type, pdf.content_type] == [
        "application/octet-stream",
        "application/octet-stream",
        "application/pdf",
    ]


@pytest.mark.parametrize("name", ["\u202egnp.exe", "a\x00b.png", "x" * 1000 + ".png", "\u200b.htaccess", "   "])
def test_hostile_filenames_are_made_harmless(make_article: Callable[..., Translation], agent: User, name: str) -> None:
    article = make_article().article
    attachment = actions.add_attachment(agent, article, chunks=[PNG], filename=name, content_type="image/png")
    assert "\u202e" not in attachment.filename and "\x00" not in attachment.filename and "/" not in attachment.filename
    assert 0 < len(attachment.filename) <= 200 and not attachment.filename.startswith(".")


def test_uploads_respect_the_size_limit(make_article: Callable[..., Translation], agent: User, settings: object) -> None:
    settings.ATTACHMENT_MAX_BYTES = 10  # type: ignore[attr-defined]
    with pytest.raises(ValidationFailed):
        actions.add_attachment(agent, make_article().article, chunks=[PNG], filename="big.png", content_type="image/png")
    assert not ArticleAttachment.objects.exists()


def test_agents_cannot_upload_to_published_articles(make_article: Callable[..., Translation], agent: User, supervisor: User) -> None:
    row = publish(supervisor, make_article())
    with pytest.raises(PermissionDenied):
        actions.add_attachment(agent, row.article, chunks=[PNG], filename="a.png", content_type="image/png")
    attachment = actions.add_attachment(supervisor, row.article, chunks=[PNG], filename="a.png", content_type="image/png")
    with pytest.raises(PermissionDenied):
        actions.delete_attachment(agent, attachment)
    actions.delete_attachment(supervisor, attachment)
    assert not ArticleAttachment.objects.exists()
