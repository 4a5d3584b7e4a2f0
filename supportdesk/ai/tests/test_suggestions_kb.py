"""KB retrieval from free text (kb_for_text): the agents' panel and the portal's deflection share it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.ai.suggestions.kb import MAX_LIMIT, kb_for_text
from supportdesk.ai.suggestions.selectors import suggestions_for
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Category
from supportdesk.kb.tests.kbpub_factories import make_article, make_category
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

TICKET = (
    "Hello support,\n\nsince this morning the VPN client shows certificate expired and will not connect. "
    "I restarted the laptop twice. The VPN certificate should be valid until next year.\n\nThanks, Carla"
)


@pytest.fixture
def cat() -> Category:
    return make_category("it", names={"en": "IT", "de": "IT"})


@pytest.fixture
def articles(cat: Category) -> dict[str, int]:
    vpn = make_article(
        cat,
        {
            "en": ("Renew an expired VPN certificate", "When the VPN client says certificate expired, open Settings and renew it."),
            "de": ("Abgelaufenes VPN-Zertifikat erneuern", "Wenn der VPN-Client certificate expired meldet, erneuern Sie das Zertifikat."),
        },
    )
    wifi = make_article(cat, {"en": ("Connect to the office wifi", "Choose the office network and sign in; the VPN is not needed.")})
    internal = make_article(
        cat,
        {"en": ("VPN certificate authority runbook", "Internal: rotate the VPN certificate authority yearly.")},
        visibility=Visibility.INTERNAL,
    )
    draft = make_article(
        cat, {"en": ("VPN certificate expired (draft)", "Draft text about the expired VPN certificate.")}, state=ArticleState.DRAFT
    )
    printer = make_article(cat, {"en": ("Printer paper jam", "Open tray 2 and remove the sheet.")})
    return {"vpn": vpn.pk, "wifi": wifi.pk, "internal": internal.pk, "draft": draft.pk, "printer": printer.pk}


def ids(found: list) -> list[int]:  # type: ignore[type-arg]
    return [hit.article_id for hit in found]


def test_a_whole_ticket_finds_the_article_with_most_of_its_words(articles: dict[str, int]) -> None:
    found = kb_for_text(TICKET, language="en", public_only=True, limit=5)
    assert ids(found)[0] == articles["vpn"]
    assert found[0].language == "en" and found[0].public and found[0].score > 0.5
    assert articles["printer"] not in ids(found)
    assert not {articles["internal"], articles["draft"]} & set(ids(found))  # public only; drafts never
    assert len(ids(found)) == len(set(ids(found)))  # one translation per article


def test_the_language_first_then_one_translation_per_article(articles: dict[str, int]) -> None:
    found = kb_for_text(TICKET, language="de", public_only=True, limit=5)
    assert (found[0].article_id, found[0].language) == (articles["vpn"], "de")
    assert [hit.language for hit in found] == sorted((hit.language for hit in found), key=lambda code: code != "de")


def test_agents_also_get_internal_articles_customers_never(articles: dict[str, int], agent: User, customer: User) -> None:
    assert articles["internal"] in ids(kb_for_text(TICKET, language="en", public_only=False, user=agent, limit=5))
    # A non-staff user asking for everything still gets public articles only (search_articles' rule).
    assert articles["internal"] not in ids(kb_for_text(TICKET, language="en", public_only=False, user=customer, limit=5))
    assert articles["draft"] not in ids(kb_for_text(TICKET, language="en", public_only=False, user=agent, limit=5))


def test_short_text_is_searched_whole_first(articles: dict[str, int]) -> None:
    found = kb_for_text("office wifi", language="en", public_only=True, limit=5)
    assert ids(found)[0] == articles["wifi"] and found[0].score == 1.0


@pytest.mark.parametrize(
    "text",
    [
        '"vpn" NEAR(certificate expired) AND -x:* ( ) ^',
        "vpn* OR certificate NOT x",
        "scope : zzkbpublic vpn certificate",
        "\x00\u202e{[]}\\",
    ],
)
def test_search_syntax_is_only_words(articles: dict[str, int], text: str) -> None:
    found = kb_for_text(text, language="en", public_only=True, limit=5)
    assert articles["internal"] not in ids(found)
    if "vpn" in text:
        assert articles["vpn"] in ids(found)


def test_empty_huge_and_limits(articles: dict[str, int]) -> None:
    assert kb_for_text("", language="en", public_only=True, limit=5) == []
    assert kb_for_text(" ... !!! ", language="en", public_only=True, limit=5) == []
    huge = ("expired VPN certificate " * 20_000) + "x" * 1_000_000
    assert ids(kb_for_text(huge, language="en", public_only=True, limit=1)) == [articles["vpn"]]
    assert len(kb_for_text(TICKET, language=None, public_only=True, limit=10_000)) <= MAX_LIMIT


def test_the_panel_lists_kb_articles_for_the_ticket(make_ticket: Callable[..., Ticket], agent: User, articles: dict[str, int]) -> None:
    ticket = make_ticket(subject="VPN certificate expired", body=TICKET, language="en")
    found = suggestions_for(agent, ticket.pk).kb
    assert ids(found)[0] == articles["vpn"]
    assert articles["internal"] in ids(found)  # agents: internal articles too


def test_the_portal_deflection_uses_the_same_retrieval(client: Client, articles: dict[str, int]) -> None:
    text = client.get("/portal/new/suggestions/", {"subject": "vpn certificate expired"}).content.decode()
    assert "Renew an expired VPN certificate" in text
    assert "runbook" not in text and "(draft)" not in text
    # More words than any article holds together: the word-by-word step still finds the article.
    text = client.get("/portal/new/suggestions/", {"subject": "my vpn says certificate expired since monday"}).content.decode()
    assert "Renew an expired VPN certificate" in text and "runbook" not in text
