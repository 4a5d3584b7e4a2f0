"""KB agent pages under /kb/: guards, list filters and query budget, editor, states, versions,
attachments, categories and the ticket button."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from supportdesk.accounts.models import User
from supportdesk.kb import actions
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Article, ArticleAttachment, Category, Translation, Version
from supportdesk.kb.search import KbHit
from supportdesk.kb.tests.test_actions_support import PNG, publish
from supportdesk.kb.tests.test_actions_support import kb_category as kb_category
from supportdesk.kb.tests.test_actions_support import make_article as make_article
from supportdesk.kb.tests.test_actions_support import supervisor as supervisor
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.models import Ticket

MakeArticle = Callable[..., Translation]


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pages_need_sign_in_and_do_not_exist_for_customers(make_article: MakeArticle, customer: User, agent: User) -> None:
    row = make_article()
    urls = [
        "/kb/",
        "/kb/review/",
        "/kb/new/",
        "/kb/categories/",
        f"/kb/articles/{row.article_id}/en/",
        f"/kb/articles/{row.article_id}/en/edit/",
        f"/kb/articles/{row.article_id}/en/versions/1/",
    ]
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
        assert login(customer).get(url).status_code == 404, url
        assert login(agent).get(url).status_code == 200, url
    assert login(customer).post(f"/kb/articles/{row.article_id}/en/state/", {"action": "submit"}).status_code == 404
    assert Translation.objects.get(pk=row.pk).state == ArticleState.DRAFT


def test_missing_and_other_languages_are_404(make_article: MakeArticle, agent: User) -> None:
    row = make_article()
    client = login(agent)
    assert client.get(f"/kb/articles/{row.article_id}/de/").status_code == 404
    assert client.get("/kb/articles/999999/en/").status_code == 404
    assert client.get("/kb/articles/99999999999999999999999/en/").status_code == 404
    assert client.get(f"/kb/articles/{row.article_id}/en/versions/7/").status_code == 404
    assert client.get(f"/kb/articles/{row.article_id}/en/versions/99999999999999/").status_code == 404  # beyond the int column
    assert client.get(f"/kb/articles/{row.article_id}/en/versions/1/", {"against": "99999999999"}).status_code == 200


def test_article_redirects_to_the_readers_language(make_article: MakeArticle, agent: User) -> None:
    row = make_article()
    actions.add_translation(agent, row.article, language="de", title="Passwort")
    client = login(agent)
    assert client.get(f"/kb/articles/{row.article_id}/")["Location"] == f"/kb/articles/{row.article_id}/en/"
    german = client.get(f"/kb/articles/{row.article_id}/", headers={"accept-language": "de"})
    assert german.status_code == 303 and german["Location"] == f"/kb/articles/{row.article_id}/de/"


def test_list_filters_and_escapes(make_article: MakeArticle, agent: User, supervisor: User, admin: User) -> None:
    internal = actions.create_category(admin, {"names": {"en": "Internal notes"}, "visibility": "internal"})
    draft = make_article(title='<img src=x onerror="alert(1)">Draft one')
    published = publish(supervisor, make_article(title="Published one"))
    german = make_article(title="Deutsch", language="de", visibility=Visibility.INTERNAL, category_id=internal.pk)
    client = login(agent)
    page = client.get("/kb/").content.decode()
    assert '<img src=x onerror="alert(1)">' not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Draft one" in page

    def titles(**params: str) -> list[str]:
        html = client.get("/kb/", params).content.decode()
        return re.findall(r'<td class="col-subject"><a href="[^"]+">([^<]+)</a>', html)

    assert titles(state="published") == [published.title]
    assert titles(language="de") == [german.title]
    assert titles(visibility="internal") == [german.title]
    assert titles(category=str(internal.pk)) == [german.title]
    assert len(titles()) == 3 and draft.pk
    bad = client.get("/kb/", {"state": "x'; DROP TABLE kb_article; --", "category": "abc", "cursor": "!!!"})
    assert bad.status_code == 200 and "Please correct the filters." in bad.content.decode()
    assert client.get("/kb/", {"cursor": "bm90IGpzb24"}).status_code == 200  # a tampered cursor: first page


def test_text_search_uses_the_search_interface_with_every_state(
    make_article: MakeArticle, agent: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = make_article(title="Printer jams"), make_article(title="Printer drivers")
    calls: list[dict[str, object]] = []

    def fake_search(query: str, **kwargs: object) -> list[KbHit]:
        calls.append({"query": query, **kwargs})
        return [KbHit(t.pk, t.article_id, t.language, t.title, "", "") for t in (second, first)]

    monkeypatch.setattr("supportdesk.kb.search.search_articles", fake_search)
    html = login(agent).get("/kb/", {"q": "printer", "language": "en"}).content.decode()
    assert calls == [{"query": "printer", "language": "en", "user": agent, "public_only": False, "limit": 50}]
    assert html.index("Printer drivers") < html.index("Printer jams")  # the search's order


def test_list_query_count_does_not_grow_with_rows(make_article: MakeArticle, agent: User, admin: User) -> None:
    client = login(agent)
    for n in range(3):
        row = make_article(title=f"Article {n}")
        actions.add_translation(agent, row.article, language="de", title=f"Artikel {n}")
    client.get("/kb/")  # warm the session and the content types
    with CaptureQueriesContext(connection) as few:
        assert client.get("/kb/").status_code == 200
    for n in range(3, 10):
        row = make_article(title=f"Article {n}", category_id=actions.create_category(admin, {"names": {"en": f"C{n}"}}).pk)
        actions.add_translation(agent, row.article, language="de", title=f"Artikel {n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/kb/")
    assert response.content.decode().count('data-testid="kb-row"') == 20
    assert len(many) == len(few) <= 10, [q["sql"] for q in many]


def test_review_queue_lists_only_translations_in_review(make_article: MakeArticle, agent: User) -> None:
    waiting = actions.change_state(agent, make_article(title="Waiting"), "submit")
    make_article(title="Still a draft")
    html = login(agent).get("/kb/review/").content.decode()
    assert waiting.title in html and "Still a draft" not in html


def test_create_edit_and_conflict(agent: User, supervisor: User, kb_category: Category) -> None:
    client = login(agent)
    form = client.get("/kb/new/").content.decode()
    assert "data-kb-editor" in form and 'name="body_html"' in form
    response = client.post(
        "/kb/new/",
        {
            "category": kb_category.pk,
            "language": "en",
            "visibility": "public",
            "title": "Wi-Fi",
            "body_html": "<p>Join <b>Guest</b></p>",
            "tags": "wifi, Net",
        },
    )
    row = Translation.objects.get(title="Wi-Fi")
    assert response.status_code == 303 and response["Location"] == f"/kb/articles/{row.article_id}/en/"
    assert sorted(row.article.tags.values_list("name", flat=True)) == ["net", "wifi"]
    editor = f"/kb/articles/{row.article_id}/en/edit/"
    saved = client.post(editor, {"title": "Wi-Fi access", "body_html": "<p>v2</p>", "base_version": 1, "note": "renamed"})
    assert saved.status_code == 303
    stale = login(supervisor).post(editor, {"title": "Wi-Fi", "body_html": "<p>mine</p><script>x</script>", "base_version": 1})
    assert stale.status_code == 409
    html = stale.content.decode()
    assert (
        'data-testid="kb-conflict"' in html
        and "&lt;p&gt;mine&lt;/p&gt;" in html
        and "script" not in html.split('data-testid="kb-editor-source"')[1][:200]
    )
    row.refresh_from_db()
    assert (row.version, row.title, row.body_html) == (2, "Wi-Fi access", "<p>v2</p>")


def test_create_errors_stay_on_the_form(agent: User, kb_category: Category) -> None:
    response = login(agent).post("/kb/new/", {"category": kb_category.pk, "language": "en", "visibility": "public", "title": "   "})
    assert response.status_code == 200 and "field-error" in response.content.decode()
    assert not Article.objects.exists()


def test_state_buttons_follow_the_role(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = make_article()
    url = f"/kb/articles/{row.article_id}/en/"
    agent_page = login(agent).get(url).content.decode()
    assert 'data-testid="kb-action-submit"' in agent_page and 'data-testid="kb-action-publish"' not in agent_page
    assert login(agent).post(url + "state/", {"action": "submit", "base_version": 1}).status_code == 303
    assert login(agent).post(url + "state/", {"action": "approve"}).status_code == 403
    supervisor_page = login(supervisor).get(url).content.decode()
    assert 'data-testid="kb-action-approve"' in supervisor_page and 'data-testid="kb-action-send_back"' in supervisor_page
    missing_note = login(supervisor).post(url + "state/", {"action": "send_back", "note": ""}, follow=True)
    assert "Say what should change." in missing_note.content.decode()
    assert login(supervisor).post(url + "state/", {"action": "approve"}).status_code == 303
    row.refresh_from_db()
    assert (row.state, row.reviewer) == (ArticleState.PUBLISHED, supervisor)
    page = login(agent).get(url).content.decode()
    assert 'data-testid="kb-edit"' not in page and "Published articles are changed by supervisors and admins." in page
    assert f'href="/help/en/a/{row.article_id}-{row.slug}/" data-testid="kb-public-link"' in page
    assert 'data-testid="kb-public-link"' not in agent_page  # a draft has no public page


def test_versions_diff_and_restore(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = make_article(body_html="<p>first line</p><p>shared</p>")
    actions.edit_translation(agent, row, title=row.title, body_html="<p>&lt;script&gt; line</p><p>shared</p>", base_version=1)
    base = f"/kb/articles/{row.article_id}/en/"
    diff = login(agent).get(base + "versions/2/").content.decode()
    assert '<tr class="kb-diff__del">' in diff and "first line" in diff
    assert "&lt;script&gt; line" in diff and "<script> line" not in diff
    source = login(agent).get(base + "versions/2/", {"source": "1"}).content.decode()
    assert "&lt;p&gt;&amp;lt;script&amp;gt; line&lt;/p&gt;" in source
    page = login(supervisor).get(base).content.decode()
    assert 'data-testid="kb-restore-1"' in page
    assert 'data-testid="kb-restore-1"' not in login(agent).get(base).content.decode()
    assert login(supervisor).post(base + "versions/1/restore/", {"base_version": 2}).status_code == 303
    row.refresh_from_db()
    assert (row.version, row.body_html) == (3, "<p>first line</p><p>shared</p>")
    history = login(agent).get(base).content.decode()
    assert "Restored (version 1)" in history


def test_article_settings_form(make_article: MakeArticle, agent: User, admin: User) -> None:
    other = actions.create_category(admin, {"names": {"en": "Other"}})
    row, related = make_article(), make_article(title="Related one")
    response = login(agent).post(
        f"/kb/articles/{row.article_id}/settings/",
        {"visibility": "internal", "category": other.pk, "tags": "a, b", "related": f"#{related.article_id}", "language": "en"},
    )
    assert response.status_code == 303 and response["Location"] == f"/kb/articles/{row.article_id}/en/"
    article = Article.objects.get(pk=row.article_id)
    assert (article.visibility, article.category_id) == ("internal", other.pk)
    assert list(related.article.related.values_list("pk", flat=True)) == [article.pk]
    bad = login(agent).post(
        f"/kb/articles/{row.article_id}/settings/", {"visibility": "public", "category": other.pk, "related": "x"}, follow=True
    )
    assert "Use article numbers" in bad.content.decode()


def test_image_upload_and_download_rules(make_article: MakeArticle, agent: User, supervisor: User, customer: User) -> None:
    row = make_article()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = login(agent).post(
        f"/kb/articles/{row.article_id}/attachments/",
        {"file": SimpleUploadedFile("shot.png", PNG, content_type="image/png"), "image": "1"},
        headers={"accept": "application/json"},
    )
    assert upload.status_code == 201
    data = upload.json()
    attachment = ArticleAttachment.objects.get()
    assert data == {"id": attachment.pk, "url": f"/kb/attachments/{attachment.pk}/shot.png", "filename": "shot.png"}
    svg = login(agent).post(
        f"/kb/articles/{row.article_id}/attachments/",
        {"file": SimpleUploadedFile("a.svg", b"<svg onload=alert(1)>", content_type="image/svg+xml"), "image": "1"},
        headers={"accept": "application/json"},
    )
    assert svg.status_code == 422 and ArticleAttachment.objects.count() == 1
    staff = login(agent).get(data["url"])
    assert staff.status_code == 200 and b"".join(staff.streaming_content) == PNG  # type: ignore[attr-defined]
    assert staff["Content-Type"] == "image/png" and staff["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in staff["Content-Security-Policy"]
    # A draft's files are not public: anonymous visitors and customers get the same 404 as a missing id.
    assert Client().get(data["url"]).status_code == 404
    assert login(customer).get(data["url"]).status_code == 404
    assert Client().get("/kb/attachments/999999/x.png").status_code == 404
    publish(supervisor, row)
    assert Client().get(data["url"]).status_code == 200
    actions.update_article(supervisor, row.article, {"visibility": "internal"})
    assert Client().get(data["url"]).status_code == 404


def test_non_image_downloads_are_attachments(make_article: MakeArticle, agent: User) -> None:
    row = make_article()
    attachment = actions.add_attachment(
        agent, row.article, chunks=[b"<html><script>alert(1)</script>"], filename="page.html", content_type="text/html"
    )
    response = login(agent).get(f"/kb/attachments/{attachment.pk}/page.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_categories_page_for_agents_and_admins(agent: User, admin: User, make_article: MakeArticle, kb_category: Category) -> None:
    page = login(agent).get("/kb/categories/").content.decode()
    assert "Getting started" in page and 'data-testid="kb-category-form"' not in page
    assert login(agent).post("/kb/categories/", {"name_en": "X", "kind": "faq", "visibility": "public", "position": 0}).status_code == 403
    assert login(agent).get(f"/kb/categories/{kb_category.pk}/").status_code == 403
    client = login(admin)
    created = client.post(
        "/kb/categories/",
        {"name_en": "FAQ", "name_hu": "GYIK", "kind": "faq", "visibility": "public", "position": 1, "parent": kb_category.pk},
    )
    faq = Category.objects.get(slug="faq")
    assert created.status_code == 303 and (faq.parent_id, faq.names, faq.kind) == (kb_category.pk, {"en": "FAQ", "hu": "GYIK"}, "faq")
    empty = client.post("/kb/categories/", {"kind": "faq", "visibility": "public", "position": 0})
    assert empty.status_code == 200 and "Give the name in at least one language." in empty.content.decode()
    cycle = client.post(
        f"/kb/categories/{kb_category.pk}/",
        {"name_en": "Getting started", "kind": "articles", "visibility": "public", "position": 0, "parent": faq.pk},
    )
    assert cycle.status_code == 200  # the form offers no descendants; a forged one is refused
    assert Category.objects.get(pk=kb_category.pk).parent_id is None
    make_article()
    refused = client.post(f"/kb/categories/{kb_category.pk}/delete/", follow=True)
    assert "This category has subcategories" in refused.content.decode()
    assert client.post(f"/kb/categories/{faq.pk}/delete/").status_code == 303
    assert not Category.objects.filter(pk=faq.pk).exists()


def test_turn_a_ticket_into_a_draft(make_ticket: Callable[..., Ticket], agent: User, outsider: User, kb_category: Category) -> None:
    ticket = make_ticket(subject="VPN drops every hour", body="It drops.")
    add_article(agent, ticket, body_text="internal: user is VIP", is_internal=True)
    client = login(agent)
    assert 'data-testid="kb-from-ticket"' in client.get(f"/tickets/{ticket.pk}/").content.decode()
    response = client.post(f"/kb/from-ticket/{ticket.pk}/")
    row = Translation.objects.get()
    assert response.status_code == 303 and response["Location"] == f"/kb/articles/{row.article_id}/{row.language}/edit/"
    assert "VIP" not in row.body_html and row.article.source_ticket_id == ticket.pk
    assert login(outsider).post(f"/kb/from-ticket/{ticket.pk}/").status_code == 404
    assert Translation.objects.count() == 1
    page = client.get(f"/kb/articles/{row.article_id}/{row.language}/").content.decode()
    assert f'href="/tickets/{ticket.pk}/"' in page


def test_topnav_links_the_knowledge_base(agent: User) -> None:
    assert 'href="/kb/"' in login(agent).get("/inbox/").content.decode()


def test_feedback_comments_and_counters_show(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    from supportdesk.kb.models import Feedback

    row = publish(supervisor, make_article())
    Feedback.objects.create(translation=row, helpful=False, comment="<b>Step 3</b> is missing")
    Translation.objects.filter(pk=row.pk).update(view_count=12, helpful_no=1)
    html = login(agent).get(f"/kb/articles/{row.article_id}/en/").content.decode()
    assert "&lt;b&gt;Step 3&lt;/b&gt; is missing" in html
    assert 'data-testid="kb-views">12<' in html
    assert Version.objects.filter(translation=row).count() == 3


def test_hostile_names_tags_and_files_are_escaped_everywhere(agent: User, admin: User) -> None:
    """BAD-INPUTS 24: the payloads in a category name, a tag, a title, a file name and a version note."""
    payload = '"><svg onload=alert(1)>'
    category = actions.create_category(admin, {"names": {"en": payload}})
    row = actions.create_article(agent, category_id=category.pk, language="en", title=payload, body_html="<p>x</p>", tags=[payload])
    actions.add_attachment(agent, row.article, chunks=[b"x"], filename=payload + ".txt", content_type="text/plain")
    row = actions.edit_translation(agent, row, title=payload, body_html="<p>y</p>", base_version=1, note=payload)
    client = login(agent)
    pages = [
        f"/kb/articles/{row.article_id}/en/",
        f"/kb/articles/{row.article_id}/en/edit/",
        f"/kb/articles/{row.article_id}/en/versions/2/",
        "/kb/",
        "/kb/categories/",
        "/kb/new/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<svg onload" not in html, url
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt;" in client.get(f"/kb/articles/{row.article_id}/en/").content.decode()
