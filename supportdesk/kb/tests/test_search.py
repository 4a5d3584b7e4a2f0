"""KB search on the engine of the test database (SQLite FTS5 by default, PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from supportdesk.accounts.models import User
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Category, SearchDocument, Translation
from supportdesk.kb.search import index_category, index_translation, reindex_all, search_articles
from supportdesk.kb.tests.kbpub_factories import make_article, make_category, tr

pytestmark = pytest.mark.django_db(transaction=False)


def titles(query: str, **kwargs: Any) -> list[str]:
    return [hit.title for hit in search_articles(query, **kwargs)]


@pytest.fixture
def cat() -> Category:
    return make_category("billing", names={"en": "Billing", "de": "Abrechnung", "hu": "Számlázás", "lv": "Rēķini"})


def test_finds_by_title_and_body(cat: Category) -> None:
    make_article(cat, {"en": ("Reset your password", "Open the sign-in page and choose Forgot password.")})
    make_article(cat, {"en": ("Printer setup", "Install the driver and restart the spooler.")})
    assert titles("password") == ["Reset your password"]
    assert titles("SPOOLER restart") == ["Printer setup"]
    assert titles("nothing-like-this") == []


def test_hit_fields_and_public_url(cat: Category) -> None:
    article = make_article(cat, {"en": ("Reset your password", "Open the sign-in page and choose Forgot password.")})
    [hit] = search_articles("forgot")
    translation = tr(article)
    assert hit.translation_id == translation.pk
    assert hit.article_id == article.pk
    assert hit.language == "en"
    assert hit.url == f"/help/en/a/{article.pk}-reset-your-password/"
    assert "Forgot password" in hit.snippet
    assert hit.public is True


@pytest.mark.parametrize(
    ("language", "title", "body", "queries"),
    [
        (
            "de",
            "Rechnung über Gebühren",
            "Die Größe der Datei ist begrenzt.",
            ["größe", "große", "GRÖßE", "uber gebuhren", "Größ", "begrenz"],
        ),
        (
            "hu",
            "Számla letöltése",
            "A jelszó visszaállítása őszintén gyűrűs folyamat.",
            ["számla", "szamla", "őszintén", "oszinten", "gyűrűs", "gyurus", "szám"],
        ),
        (
            "lv",
            "Rēķins un maksājums",
            "Nosūtiet čeku šodien, žēl.",
            ["rēķins", "rekins", "maksājums", "maksajums", "čeku", "ceku", "šodien", "sodien", "žēl", "zel", "rēķ"],
        ),
    ],
)
def test_diacritics_with_and_without(language: str, title: str, body: str, queries: list[str]) -> None:
    cat = make_category("general", names={"en": "General"})
    make_article(cat, {language: (title, body)})
    make_article(cat, {language: ("Other", "Unrelated words only.")})
    for query in queries:
        assert titles(query, language=language) == [title], query


def test_prefix_matches_last_word_from_three_letters(cat: Category) -> None:
    make_article(cat, {"en": ("Configuring printers", "Settings for every printer model.")})
    assert titles("configur") == ["Configuring printers"]
    assert titles("printer sett") == ["Configuring printers"]
    # Two letters are too short for a prefix: no flood of matches while typing.
    assert titles("co") == []
    # Only the last word is a prefix.
    assert titles("configur printers") == []


def test_language_filter(cat: Category) -> None:
    make_article(cat, {"en": ("Invoice download", "Get the invoice."), "de": ("Rechnung herunterladen", "Die Rechnung (invoice) holen.")})
    assert titles("invoice", language="en") == ["Invoice download"]
    assert titles("invoice", language="de") == ["Rechnung herunterladen"]
    assert sorted(titles("invoice")) == ["Invoice download", "Rechnung herunterladen"]
    assert titles("invoice", language="xx") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unterminated',
        "*",
        "NEAR(a b)",
        ") AND (",
        "password OR 1=1 --",
        "'; DROP TABLE kb_searchdocument; --",
        "title:password",
        "pass\x00word",
        "^password",
        "-password",
        "a" * 10_000,
        "password " * 500,
        "{title}: password",
        "password:*",
        "& | ! <->",
        "",
        "   ",
    ],
)
def test_hostile_queries_never_fail(cat: Category, query: str) -> None:
    make_article(cat, {"en": ("Reset your password", "Open the sign-in page.")})
    hits = search_articles(query)
    assert all(hit.title == "Reset your password" for hit in hits)
    assert SearchDocument.objects.count() == 1  # nothing was dropped


def test_operator_words_are_plain_words(cat: Category) -> None:
    make_article(cat, {"en": ("Near the office", "Parking AND bikes OR cars NOT trucks.")})
    assert titles("NEAR") == ["Near the office"]
    assert titles("not trucks") == ["Near the office"]


def test_public_only_never_leaks_internal_draft_or_archived(cat: Category) -> None:
    internal_cat = make_category("internal", visibility=Visibility.INTERNAL)
    child_of_internal = make_category("child", parent=internal_cat)
    make_article(cat, {"en": ("Zebra public", "zebra")})
    make_article(cat, {"en": ("Zebra internal article", "zebra")}, visibility=Visibility.INTERNAL)
    make_article(internal_cat, {"en": ("Zebra in internal category", "zebra")})
    make_article(child_of_internal, {"en": ("Zebra under internal parent", "zebra")})
    for state in (ArticleState.DRAFT, ArticleState.IN_REVIEW, ArticleState.ARCHIVED):
        make_article(cat, {"en": (f"Zebra {state}", "zebra")}, state=state)
    assert titles("zebra") == ["Zebra public"]
    assert titles("zebra", public_only=True, language="en") == ["Zebra public"]
    assert len(titles("zebra", public_only=False)) == 7


def test_agents_see_everything_customers_never(cat: Category, agent: User, customer: User) -> None:
    make_article(cat, {"en": ("Zebra public", "zebra")})
    internal = make_article(cat, {"en": ("Zebra internal", "zebra")}, visibility=Visibility.INTERNAL)
    staff_hits = search_articles("zebra", user=agent, public_only=False)
    assert {hit.title for hit in staff_hits} == {"Zebra public", "Zebra internal"}
    [internal_hit] = [hit for hit in staff_hits if hit.title == "Zebra internal"]
    assert internal_hit.public is False
    assert internal_hit.visibility == Visibility.INTERNAL
    assert internal_hit.url == f"/kb/articles/{internal.pk}/en/"
    assert internal.pk == internal_hit.article_id
    # A customer asking for everything still gets public hits only.
    assert titles("zebra", user=customer, public_only=False) == ["Zebra public"]


def test_ranking_title_before_body(cat: Category) -> None:
    make_article(cat, {"en": ("General notes", "Some text that mentions the router once among many other words.")})
    make_article(cat, {"en": ("Router reboot", "How to turn it off and on.")})
    make_article(cat, {"en": ("Other", "router router in the body only, twice.")})
    assert titles("router")[0] == "Router reboot"


def test_category_names_and_tags_are_searchable(cat: Category) -> None:
    make_article(cat, {"hu": ("Fizetés kártyával", "Bankkártya elfogadva.")}, tags=["vip-customers"])
    assert titles("számlázás", language="hu") == ["Fizetés kártyával"]
    assert titles("vip", language="hu") == ["Fizetés kártyával"]


def test_reindex_follows_state_and_text_changes(cat: Category) -> None:
    article = make_article(cat, {"en": ("Old title", "alpha body")}, state=ArticleState.DRAFT)
    assert titles("alpha") == []
    translation = tr(article)
    translation.state = ArticleState.PUBLISHED
    translation.title = "New title"
    translation.body_text = "beta body"
    translation.save()
    index_translation(translation)
    assert titles("alpha") == []
    assert titles("beta") == ["New title"]
    assert titles("old") == []


def test_category_visibility_change_reindexes_subtree(cat: Category) -> None:
    child = make_category("child-cat", parent=cat)
    make_article(child, {"en": ("Deep article", "walrus")})
    assert titles("walrus") == ["Deep article"]
    cat.visibility = Visibility.INTERNAL
    cat.save()
    assert index_category(cat) == 1
    assert titles("walrus") == []
    assert titles("walrus", public_only=False) == ["Deep article"]


def test_reindex_all_and_command(cat: Category) -> None:
    make_article(cat, {"en": ("One", "walrus"), "de": ("Eins", "walross")})
    make_article(cat, {"lv": ("Viens", "valzirgs")}, visibility=Visibility.INTERNAL)
    SearchDocument.objects.all().delete()
    assert titles("walrus") == []
    assert reindex_all(batch_size=1) == 3
    assert titles("walrus") == ["One"]
    assert titles("valzirgs") == []
    assert titles("valzirgs", public_only=False) == ["Viens"]
    SearchDocument.objects.all().delete()
    call_command("kb_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchDocument.objects.count() == 3
    assert titles("walross") == ["Eins"]


def test_deleted_translation_leaves_the_index(cat: Category) -> None:
    article = make_article(cat, {"en": ("Walrus facts", "tusks")})
    Translation.objects.filter(article=article).delete()
    assert titles("walrus") == []
    assert titles("tusks", public_only=False) == []


def test_limit_is_bounded(cat: Category) -> None:
    for n in range(12):
        make_article(cat, {"en": (f"Walrus {n}", "walrus")})
    assert len(search_articles("walrus", limit=5)) == 5
    assert len(search_articles("walrus", limit=0)) == 1
    assert len(search_articles("walrus", limit=10_000)) == 12


def test_snippet_is_plain_text_and_short(cat: Category) -> None:
    body = "x " * 300 + "<script>alert(1)</script> the walrus sleeps " + "y " * 300
    make_article(cat, {"en": ("Walrus", body)})
    [hit] = search_articles("walrus sleeps")
    assert "walrus sleeps" in hit.snippet
    assert len(hit.snippet) <= 170


def test_title_match_wins_even_when_reranking_is_capped(cat: Category, monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.kb import search

    monkeypatch.setattr(search, "RERANK_CANDIDATES", 1)  # PostgreSQL's second step sees one candidate
    for n in range(4):
        make_article(cat, {"en": (f"Body only {n}", "the router router router is mentioned here")})
    make_article(cat, {"en": ("Router manual", "How to use it.")})
    assert titles("router", limit=1) == ["Router manual"]
    hits = titles("router")  # the limit is always re-ranked in full
    assert hits[0] == "Router manual"
    assert len(hits) == 5
