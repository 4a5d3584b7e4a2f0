"""The suggested reply, canned replies ranked by fit, and the pure text helpers behind them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import override_settings

from supportdesk.accounts.models import Group, User
from supportdesk.ai.suggestions import replytext
from supportdesk.ai.suggestions.canned import ranked_templates
from supportdesk.ai.suggestions.selectors import suggestions_for
from supportdesk.ai.suggestions.terms import fold, term_counts, weighted_terms
from supportdesk.ai.tests.suggestions_world import solved_ticket
from supportdesk.automation.replies import actions as replies
from supportdesk.kb.tests.kbpub_factories import make_article, make_category
from supportdesk.tickets.models import Ticket

# -- pure text helpers -----------------------------------------------------------------------------


def test_fold_and_weighted_terms() -> None:
    assert fold("Größe") == "grosse" and fold("RĒĶINS") == "rekins" and fold("Számla") == "szamla"
    terms = weighted_terms("Számla hibás", "A szamla összege hibás. ORD-123456 2024 ab the and über", limit=10)
    assert [(t.text, t.key, t.weight) for t in terms] == [
        ("számla", "szamla", 3.0),
        ("hibás", "hibas", 3.0),
        ("összege", "osszege", 1.0),
        ("ord", "ord", 1.0),
        ("123456", "123456", 1.0),
    ]
    assert weighted_terms("", "", limit=5) == [] and weighted_terms("printer", "", limit=0) == []
    assert term_counts("Printer printer PRINTER x" + "y" * 50) == {"printer": 3}


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("en", "Carla Customer", "Hello Carla,"),
        ("de", "Anna Muster", "Hallo Anna,"),
        ("hu", "Nagy Anna", "Kedves Nagy Anna!"),
        ("lv", "Ilze Ozola", "Labdien, Ilze!"),
        ("de-at", "Anna Muster", "Hallo Anna,"),
        ("xx", "Carla", "Hello Carla,"),
        ("de", "", "Guten Tag,"),
        ("hu", "  ", "Tisztelt Ügyfelünk!"),
    ],
)
def test_greeting(language: str, name: str, expected: str) -> None:
    assert replytext.greeting(language, name) == expected


def test_reply_body_cuts_greeting_closing_signature_and_quotes() -> None:
    text = (
        "Hi Bert,\n\nPlease restart the router.\nThanks for reporting, I also reset your password.\n\n\n\nKind regards,\nBob\n"
        "-- \nBob Agent | ACME\n\nOn Monday Bert wrote:\n> it is broken"
    )
    assert replytext.reply_body(text) == "Please restart the router.\nThanks for reporting, I also reset your password."
    assert replytext.reply_body("Mit freundlichen Grüßen") == "Mit freundlichen Grüßen"  # nothing else: kept
    assert replytext.reply_body("Hallo Anna,\n\nbitte neu starten.\n\nViele Grüße aus Berlin") == "bitte neu starten."
    assert replytext.reply_body("LG monitor replaced.\nBest practice: keep the receipt.") == (
        "LG monitor replaced.\nBest practice: keep the receipt."
    )
    assert len(replytext.reply_body("word " * 10_000)) <= replytext.MAX_REPLY_CHARS + 1


def test_compose() -> None:
    text = replytext.compose(
        "de", customer_name="Anna Muster", body="Bitte neu starten.", link="Anleitung: https://x/", agent_name="Alex  Agent"
    )
    assert text == "Hallo Anna,\n\nBitte neu starten.\n\nAnleitung: https://x/\n\nViele Grüße\nAlex Agent"


# -- the suggested reply ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_reply_from_the_best_solved_ticket_in_the_ticket_language(make_ticket: Callable[..., Ticket], agent: User, customer: User) -> None:
    solved_ticket(
        make_ticket,
        agent,
        subject="Router firmware bricked",
        body="The firmware update bricked the router.",
        reply="Hello Bert,\n\nHold reset for 30 seconds to restore the old firmware.\n\nBest regards,\nBob",
        note="INTERNAL: do not tell about the recall",
    )
    ticket = make_ticket(subject="Router firmware bricked", body="Firmware update bricked my router.", language="de")
    reply = suggestions_for(agent, ticket.pk).reply
    assert reply is not None and reply.source == "ticket" and reply.link == ""
    assert reply.text == "Hallo Carla,\n\nHold reset for 30 seconds to restore the old firmware.\n\nViele Grüße\nAlex Agent"
    assert "INTERNAL" not in reply.text


@pytest.mark.django_db
@override_settings(SUPPORTDESK_BASE_URL="https://help.example")
def test_reply_from_a_public_kb_article_with_a_link_never_an_internal_one(make_ticket: Callable[..., Ticket], agent: User) -> None:
    from supportdesk.kb.choices import Visibility

    cat = make_category("net")
    make_article(
        cat, {"en": ("VPN runbook", "Internal VPN certificate steps for the expired VPN certificate.")}, visibility=Visibility.INTERNAL
    )
    ticket = make_ticket(subject="VPN certificate expired", body="My VPN certificate expired.", language="en")
    assert suggestions_for(agent, ticket.pk).reply is None  # the only match is internal
    article = make_article(cat, {"en": ("Renew the VPN certificate", "Open Settings, VPN, and click Renew certificate.")})
    reply = suggestions_for(agent, ticket.pk).reply
    assert reply is not None and reply.source == "kb"
    url = f"https://help.example/help/en/a/{article.pk}-renew-the-vpn-certificate/"
    assert reply.link == url
    assert reply.text == (
        f"Hello Carla,\n\nOpen Settings, VPN, and click Renew certificate.\n\nRenew the VPN certificate: {url}\n\nBest regards,\nAlex Agent"
    )


@pytest.mark.django_db
def test_no_reply_when_nothing_fits(make_ticket: Callable[..., Ticket], agent: User) -> None:
    solved_ticket(make_ticket, agent, subject="Invoice wrong", body="Invoice amount wrong.", reply="Fixed the invoice.")
    ticket = make_ticket(subject="Printer on fire", body="Smoke from the printer.")
    assert suggestions_for(agent, ticket.pk).reply is None


# -- canned replies --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_templates_ranked_by_text_language_and_group(
    make_ticket: Callable[..., Ticket], admin: User, agent: User, group: Group, other_group: Group
) -> None:
    refund = replies.create_template(
        admin, {"name": "Refund issued", "body": "Hello {{ customer.first_name }}, your refund for the invoice is on its way."}
    )
    refund_de = replies.create_template(
        admin, {"name": "Erstattung", "language": "de", "body": "Ihre Erstattung (refund) für die Rechnung (invoice) ist unterwegs."}
    )
    mine = replies.create_template(admin, {"name": "Refund (support)", "body": "Refund for the invoice approved.", "group_ids": [group.pk]})
    theirs = replies.create_template(admin, {"name": "Refund (billing)", "body": "Refund invoice", "group_ids": [other_group.pk]})
    replies.create_template(admin, {"name": "Printer", "body": "Restart the printer."})
    inactive = replies.create_template(admin, {"name": "Old refund", "body": "refund invoice", "is_active": False})
    ticket = make_ticket(subject="Refund for invoice 17", body="Please refund the double invoice.", language="en")
    ranked = ranked_templates(agent, ticket, subject=ticket.subject, body="Please refund the double invoice.", language="en", limit=10)
    names = [r.name for r in ranked]
    assert set(names) == {refund.name, refund_de.name, mine.name}  # no printer (no shared word), other group, inactive
    assert theirs.name not in names and inactive.name not in names
    assert names.index(refund.name) < names.index(refund_de.name)  # the reply language wins over a German one
    by_name = {r.name: r for r in ranked}
    assert by_name[refund.name].text == "Hello Carla, your refund for the invoice is on its way."
    assert all(0 < r.score <= 1 for r in ranked) and [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    german = make_ticket(subject="Refund for invoice 17", body="Please refund the double invoice.", language="de")
    first = ranked_templates(agent, german, subject=german.subject, body="Erstattung Rechnung refund invoice", language="de", limit=1)
    assert [r.name for r in first] == [refund_de.name]
