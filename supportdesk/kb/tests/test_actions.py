"""KB authoring actions: articles, translations, states, versions, conflicts, slugs, sanitizing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from supportdesk.kb import actions
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import MAX_BODY, MAX_TITLE, Article, Category, Translation, Version
from supportdesk.kb.tests.test_actions_support import kb_category as kb_category
from supportdesk.kb.tests.test_actions_support import make_article as make_article
from supportdesk.kb.tests.test_actions_support import publish
from supportdesk.kb.tests.test_actions_support import supervisor as supervisor

MakeArticle = Callable[..., Translation]


def test_create_article_is_a_draft_at_version_one(make_article: MakeArticle, agent: User, kb_category: Category) -> None:
    row = make_article(title="Reset your  password", tags=["Login", "login ", "SSO"])
    assert (row.state, row.version, row.author, row.language) == (ArticleState.DRAFT, 1, agent, "en")
    assert row.title == "Reset your password"
    assert row.slug == "reset-your-password"
    assert row.body_text == "Open Settings and choose Reset."
    assert [(v.number, v.author, v.note) for v in Version.objects.filter(translation=row)] == [(1, agent, "[create]")]
    article = row.article
    assert (article.category, article.visibility, article.created_by) == (kb_category, Visibility.PUBLIC, agent)
    assert sorted(article.tags.values_list("name", flat=True)) == ["login", "sso"]


def test_customer_and_inactive_users_cannot_create(make_article: MakeArticle, customer: User, agent: User) -> None:
    with pytest.raises(NotFound):
        make_article(actor=customer)
    agent.is_active = False
    agent.save()
    with pytest.raises(NotFound):
        make_article(actor=agent)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("title", "field"),
    [("", "title"), ("   ", "title"), ("x" * (MAX_TITLE + 1), "title"), (None, "title")],
)
def test_titles_are_bounded_and_required(make_article: MakeArticle, title: object, field: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        make_article(title=title)
    assert field in error.value.field_errors


def test_title_control_characters_and_newlines_are_removed(make_article: MakeArticle) -> None:
    row = make_article(title="Line\r\nBcc: x@evil.example\x00 end")
    assert row.title == "Line Bcc: x@evil.example end"


def test_body_over_the_limit_is_refused(make_article: MakeArticle) -> None:
    with pytest.raises(ValidationFailed) as error:
        make_article(body_html="<p>" + "a" * MAX_BODY + "</p>")
    assert "body_html" in error.value.field_errors
    assert not Article.objects.exists()


@pytest.mark.parametrize("language", ["xx", "", "EN", None, "en-gb"])
def test_unknown_languages_are_refused(make_article: MakeArticle, language: object) -> None:
    with pytest.raises(ValidationFailed) as error:
        make_article(language=language)
    assert "language" in error.value.field_errors


def test_unknown_category_is_a_validation_error(make_article: MakeArticle) -> None:
    with pytest.raises(ValidationFailed) as error:
        make_article(category_id=999_999)
    assert error.value.field_errors == {"category_id": "Unknown category."}


# BAD-INPUTS 23: hostile HTML is removed by the allowlist sanitizer before it is stored.
HOSTILE = [
    "<script>alert(1)</script><p>ok</p>",
    '<img src=x onerror="alert(1)"><p>ok</p>',
    '<iframe src=" javascript:alert(1)"></iframe><p>ok</p>',
    "<svg onload=alert(1)><p>ok</p></svg>",
    '<base href="https://evil.example/"><p>ok</p>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example"><p>ok</p>',
    '<form action="https://evil.example"><input name="pw"></form><p>ok</p>',
    "<style>@import url(https://evil.example/x.css);</style><p>ok</p>",
    '<p style="width: expression(alert(1))">ok</p>',
    '<a href="javascript:alert(1)">ok</a>',
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_html_is_sanitized_on_create_and_edit(make_article: MakeArticle, agent: User, payload: str) -> None:
    row = make_article(body_html=payload)
    for stored in (row.body_html, Version.objects.get(translation=row, number=1).body_html):
        lowered = stored.lower()
        for bad in (
            "<script",
            "onerror",
            "onload",
            "javascript:",
            "<iframe",
            "<svg",
            "<base",
            "<meta",
            "<form",
            "<input",
            "<style",
            "style=",
            "expression(",
        ):
            assert bad not in lowered, (bad, stored)
    assert "ok" in row.body_text
    edited = actions.edit_translation(agent, row, title=row.title, body_html=payload + "<p>more</p>", base_version=1)
    assert "<script" not in edited.body_html.lower() and "javascript:" not in edited.body_html.lower()


def test_hostile_title_is_stored_as_plain_text(make_article: MakeArticle) -> None:
    row = make_article(title='"><script>alert(1)</script>')
    assert row.title == '"><script>alert(1)</script>'  # kept as text: templates and the API escape it
    assert row.slug == "scriptalert1script"


def test_edit_appends_a_version_and_keeps_history(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = make_article()
    row = actions.edit_translation(supervisor, row, title="Reset a password", body_html="<p>New text</p>", base_version=1, note="clearer")
    assert (row.version, row.title, row.slug, row.body_text) == (2, "Reset a password", "reset-a-password", "New text")
    assert row.author == agent  # the author stays; the version says who saved
    versions = list(Version.objects.filter(translation=row).order_by("number"))
    assert [(v.number, v.title, v.author, v.note) for v in versions] == [
        (1, "Reset your password", agent, "[create]"),
        (2, "Reset a password", supervisor, "[edit] clearer"),
    ]
    assert versions[0].body_html == "<p>Open <b>Settings</b> and choose Reset.</p>"


def test_saving_unchanged_text_writes_no_version(make_article: MakeArticle, agent: User) -> None:
    row = make_article()
    same = actions.edit_translation(agent, row, title=row.title, body_html=row.body_html, base_version=1)
    assert same.version == 1 and Version.objects.filter(translation=row).count() == 1


def test_a_stale_save_is_a_conflict_and_overwrites_nothing(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = make_article()
    actions.edit_translation(supervisor, row, title=row.title, body_html="<p>Supervisor's text</p>", base_version=1)
    with pytest.raises(Conflict) as error:
        actions.edit_translation(agent, row, title=row.title, body_html="<p>Agent's text</p>", base_version=1)
    assert "version 2" in error.value.message
    assert "base_version" in error.value.field_errors
    row.refresh_from_db()
    assert (row.version, row.body_text) == (2, "Supervisor's text")
    assert Version.objects.filter(translation=row).count() == 2


def test_base_version_is_required_and_must_be_a_number(make_article: MakeArticle, agent: User) -> None:
    row = make_article()
    with pytest.raises(ValidationFailed):
        actions.edit_translation(agent, row, title="x", body_html="", base_version="1")  # type: ignore[arg-type]


def test_two_saves_racing_for_the_same_number_conflict(make_article: MakeArticle, agent: User) -> None:
    """The unique (translation, number) constraint is the last guard when two savers pass the check
    at the same moment (SQLite ignores row locks)."""
    row = make_article()
    Version.objects.create(translation=row, number=2, title="racer", body_html="", author=agent, note="[edit]")
    with pytest.raises(Conflict):
        actions.edit_translation(agent, row, title="Mine", body_html="<p>mine</p>", base_version=1)
    row.refresh_from_db()
    assert row.title == "Reset your password"


def test_slugs_are_unique_per_language_and_folded(make_article: MakeArticle, agent: User) -> None:
    first = make_article(title="Számla és fizetés")
    second = make_article(title="Számla és fizetés")
    german = make_article(title="Straße öffnen", language="de")
    latvian = make_article(title="Rēķins ļoti ātri", language="lv")
    other_language = actions.add_translation(agent, first.article, language="de", title="Számla és fizetés")
    assert (first.slug, second.slug) == ("szamla-es-fizetes", "szamla-es-fizetes-2")
    assert german.slug == "strasse-offnen"
    assert latvian.slug == "rekins-loti-atri"
    assert other_language.slug == "szamla-es-fizetes"  # unique per language only
    assert make_article(title="🙂 ✓").slug == "article"
    long = make_article(title="word " * 39)
    assert len(long.slug) <= 80 and not long.slug.endswith("-")
    assert len(make_article(title="word " * 39).slug) <= 80


def test_retitling_keeps_the_slug_unique(make_article: MakeArticle, agent: User) -> None:
    make_article(title="Printer setup")
    row = make_article(title="Scanner setup")
    row = actions.edit_translation(agent, row, title="Printer setup", body_html=row.body_html, base_version=1)
    assert row.slug == "printer-setup-2"


def test_add_translation_links_languages_of_one_article(make_article: MakeArticle, agent: User) -> None:
    english = make_article()
    german = actions.add_translation(agent, english.article, language="de", title="Passwort zurücksetzen", body_html="<p>Öffnen</p>")
    assert german.article_id == english.article_id
    assert (german.state, german.version, german.slug) == (ArticleState.DRAFT, 1, "passwort-zurucksetzen")
    assert Version.objects.get(translation=german).note == "[translate]"
    with pytest.raises(Conflict):
        actions.add_translation(agent, english.article, language="de", title="Noch einmal")
    assert sorted(Translation.objects.filter(article=english.article).values_list("language", flat=True)) == ["de", "en"]


# -- states ----------------------------------------------------------------------------------------


def test_agent_submits_supervisor_approves(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = make_article()
    row = actions.change_state(agent, row, "submit", note="please check")
    assert (row.state, row.version, row.reviewer, row.published_at) == (ArticleState.IN_REVIEW, 2, None, None)
    with pytest.raises(PermissionDenied):
        actions.change_state(agent, row, "approve")
    row = actions.change_state(supervisor, row, "approve")
    assert (row.state, row.reviewer, row.version) == (ArticleState.PUBLISHED, supervisor, 3)
    assert row.published_at is not None
    notes = list(Version.objects.filter(translation=row).order_by("number").values_list("note", "author__email"))
    assert notes == [
        ("[create]", agent.email),
        ("[submit] please check", agent.email),
        ("[approve]", supervisor.email),
    ]


def test_send_back_needs_a_note(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = actions.change_state(agent, make_article(), "submit")
    with pytest.raises(ValidationFailed) as error:
        actions.change_state(supervisor, row, "send_back", note="  ")
    assert "note" in error.value.field_errors
    row = actions.change_state(supervisor, row, "send_back", note="Add a screenshot")
    assert row.state == ArticleState.DRAFT and row.reviewer is None
    assert Version.objects.get(translation=row, number=row.version).note == "[send_back] Add a screenshot"


def test_agents_edit_only_drafts(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = actions.change_state(agent, make_article(), "submit")
    with pytest.raises(PermissionDenied):
        actions.edit_translation(agent, row, title="x", body_html="", base_version=row.version)
    row = actions.change_state(agent, row, "withdraw")
    row = actions.edit_translation(agent, row, title="Agent fix", body_html="<p>fixed</p>", base_version=row.version)
    row = publish(supervisor, row)
    with pytest.raises(PermissionDenied):
        actions.edit_translation(agent, row, title="x", body_html="<p>y</p>", base_version=row.version)
    row = actions.edit_translation(supervisor, row, title="Typo fixed", body_html="<p>fixed</p>", base_version=row.version)
    assert row.state == ArticleState.PUBLISHED and row.title == "Typo fixed"


@pytest.mark.parametrize("transition", ["publish", "archive", "unpublish", "unarchive", "approve", "send_back"])
def test_agents_cannot_use_reviewer_transitions(make_article: MakeArticle, agent: User, supervisor: User, transition: str) -> None:
    row = make_article()
    sources = {"unpublish": "published", "unarchive": "archived", "approve": "in_review", "send_back": "in_review"}
    if sources.get(transition) == "published":
        row = publish(supervisor, row)
    elif sources.get(transition) == "archived":
        row = actions.change_state(supervisor, row, "archive")
    elif sources.get(transition) == "in_review":
        row = actions.change_state(agent, row, "submit")
    with pytest.raises(PermissionDenied):
        actions.change_state(agent, row, transition, note="n")
    assert Translation.objects.get(pk=row.pk).state == row.state


def test_a_transition_from_the_wrong_state_is_a_conflict(make_article: MakeArticle, supervisor: User) -> None:
    row = make_article()
    with pytest.raises(Conflict):
        actions.change_state(supervisor, row, "approve")
    with pytest.raises(Conflict):
        actions.change_state(supervisor, row, "unarchive")
    with pytest.raises(ValidationFailed):
        actions.change_state(supervisor, row, "delete")


def test_empty_articles_are_not_published(make_article: MakeArticle, supervisor: User) -> None:
    row = make_article(body_html="<p>  </p>")
    with pytest.raises(ValidationFailed):
        actions.change_state(supervisor, row, "publish")
    with pytest.raises(ValidationFailed):
        actions.change_state(supervisor, row, "submit")


def test_publish_archive_unarchive(make_article: MakeArticle, admin: User) -> None:
    row = actions.change_state(admin, make_article(), "publish")
    assert row.state == ArticleState.PUBLISHED and row.reviewer == admin
    row = actions.change_state(admin, row, "archive")
    assert row.state == ArticleState.ARCHIVED
    with pytest.raises(PermissionDenied):
        actions.edit_translation(admin, row, title="x", body_html="", base_version=row.version)
    row = actions.change_state(admin, row, "unarchive")
    assert row.state == ArticleState.DRAFT


def test_state_change_with_a_stale_base_version_conflicts(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = make_article()
    actions.edit_translation(agent, row, title="Changed", body_html=row.body_html, base_version=1)
    with pytest.raises(Conflict):
        actions.change_state(supervisor, row, "publish", base_version=1)
    assert Translation.objects.get(pk=row.pk).state == ArticleState.DRAFT


# -- restore -------------------------------------------------------------------------------------------


def test_restore_writes_a_new_version_with_the_old_text(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = make_article()
    row = actions.edit_translation(agent, row, title="Second title", body_html="<p>second</p>", base_version=1)
    row = actions.restore_version(supervisor, row, 1, base_version=2)
    assert (row.version, row.title, row.body_text, row.slug) == (
        3,
        "Reset your password",
        "Open Settings and choose Reset.",
        "reset-your-password",
    )
    last = Version.objects.get(translation=row, number=3)
    assert (last.note, last.author, last.body_html) == ("[restore:1]", supervisor, "<p>Open <b>Settings</b> and choose Reset.</p>")
    assert Version.objects.filter(translation=row).count() == 3  # nothing rewritten


def test_restore_is_for_reviewers_and_checks_its_input(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = make_article()
    row = actions.edit_translation(agent, row, title="Second", body_html="<p>2</p>", base_version=1)
    with pytest.raises(PermissionDenied):
        actions.restore_version(agent, row, 1)
    with pytest.raises(NotFound):
        actions.restore_version(supervisor, row, 99)
    with pytest.raises(NotFound):
        actions.restore_version(supervisor, row, 2**40)
    with pytest.raises(ValidationFailed):
        actions.restore_version(supervisor, row, 2)  # already the current text
    with pytest.raises(Conflict):
        actions.restore_version(supervisor, row, 1, base_version=1)


# -- article settings ---------------------------------------------------------------------------------


def test_related_articles_are_symmetrical(make_article: MakeArticle, agent: User) -> None:
    a, b, c = make_article(title="A").article, make_article(title="B").article, make_article(title="C").article
    actions.update_article(agent, a, {"related_ids": [b.pk, c.pk]})
    assert set(b.related.values_list("pk", flat=True)) == {a.pk}
    assert set(a.related.values_list("pk", flat=True)) == {b.pk, c.pk}
    actions.update_article(agent, b, {"related_ids": []})
    assert set(a.related.values_list("pk", flat=True)) == {c.pk}
    with pytest.raises(ValidationFailed):
        actions.update_article(agent, a, {"related_ids": [a.pk]})
    with pytest.raises(ValidationFailed):
        actions.update_article(agent, a, {"related_ids": [999_999]})
    with pytest.raises(ValidationFailed):
        actions.update_article(agent, a, {"related_ids": ["1"]})


def test_tags_visibility_category_and_unknown_fields(make_article: MakeArticle, admin: User, agent: User) -> None:
    other = actions.create_category(admin, {"names": {"en": "Billing"}})
    article = make_article().article
    actions.update_article(agent, article, {"tags": ["VPN", " vpn", "Wi-Fi"], "visibility": "internal", "category_id": other.pk})
    article.refresh_from_db()
    assert (article.visibility, article.category_id) == (Visibility.INTERNAL, other.pk)
    assert sorted(article.tags.values_list("name", flat=True)) == ["vpn", "wi-fi"]
    with pytest.raises(ValidationFailed):
        actions.update_article(agent, article, {"visibility": "secret"})
    with pytest.raises(ValidationFailed):
        actions.update_article(agent, article, {"tags": ["x" * 65]})
    with pytest.raises(ValidationFailed):
        actions.update_article(agent, article, {"tags": [f"t{n}" for n in range(51)]})
    with pytest.raises(ValidationFailed) as error:
        actions.update_article(agent, article, {"created_by_id": admin.pk})  # BAD-INPUTS 33
    assert "created_by_id" in error.value.field_errors


def test_agents_cannot_change_published_articles(make_article: MakeArticle, agent: User, supervisor: User) -> None:
    row = publish(supervisor, make_article())
    with pytest.raises(PermissionDenied):
        actions.update_article(agent, row.article, {"visibility": "internal"})
    actions.update_article(supervisor, row.article, {"visibility": "internal"})
    assert Article.objects.get(pk=row.article_id).visibility == Visibility.INTERNAL


def test_every_text_state_or_setting_change_reindexes_each_translation(
    make_article: MakeArticle, agent: User, supervisor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr("supportdesk.kb.search.index_translation", lambda t: calls.append(t.pk))
    english = make_article()
    german = actions.add_translation(agent, english.article, language="de", title="Passwort")
    assert calls == [english.pk, german.pk]
    calls.clear()
    actions.edit_translation(agent, english, title="New", body_html="<p>x</p>", base_version=1)
    actions.change_state(supervisor, german, "archive")
    assert calls == [english.pk, german.pk]
    calls.clear()
    actions.update_article(supervisor, english.article, {"tags": ["a"]})
    assert sorted(calls) == sorted([english.pk, german.pk])
    calls.clear()
    actions.update_article(supervisor, english.article, {"related_ids": []})  # not searchable: no reindex
    assert calls == []
