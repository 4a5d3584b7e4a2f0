"""The condition language: validation names the path of every error; evaluation and to_q agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from supportdesk.accounts.models import Group, Organization, User
from supportdesk.automation.rules.conditions import Context, clean_conditions, evaluate, to_q
from supportdesk.core.errors import ValidationFailed
from supportdesk.tickets.actions import add_tags, update_ticket
from supportdesk.tickets.models import Article, Ticket

NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)  # a Wednesday


def _c(field: str, op: str, value: Any = None) -> dict[str, Any]:
    item: dict[str, Any] = {"field": field, "op": op}
    if value is not None:
        item["value"] = value
    return item


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        ({"all": [_c("nope", "is", 1)]}, "conditions.all[0].field"),
        ({"all": [_c("state", "contains", "x")]}, "conditions.all[0].op"),
        ({"all": [_c("state", "is", "bogus")]}, "conditions.all[0].value"),
        ({"any": [_c("ok", "is", 1), _c("group", "is", "x")]}, "conditions.any[0].field"),
        ({"all": [{"any": [_c("group", "is", -1)]}]}, "conditions.all[0].any[0].value"),
        ({"all": [_c("priority", "in", [])]}, "conditions.all[0].value"),
        ({"all": [_c("created_at", "older_than", -1)]}, "conditions.all[0].value"),
        ({"all": [_c("pending_until", "gt", "not a date")]}, "conditions.all[0].value"),
        ({"all": [_c("owner", "is_set", 3)]}, "conditions.all[0].value"),
        ({"all": [_c("custom_fields.a__b", "is", "x")]}, "conditions.all[0].field"),
        ({"all": [{"field": "state", "op": "is", "value": "new", "extra": 1}]}, "conditions.all[0].extra"),
        ({"all": [{"field": "state", "op": "is", "value": "new", "calendar": 1}]}, "conditions.all[0].calendar"),
        ({"all": "x"}, "conditions.all"),
        ({"none": []}, "conditions"),
        ({"all": [{"all": [{"all": [{"all": []}]}]}]}, "conditions.all[0].all[0].all[0]"),
        ({"all": [_c("subject", "contains", "x" * 501)]}, "conditions.all[0].value"),
    ],
)
def test_validation_names_the_path(raw: dict[str, Any], path: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        clean_conditions(raw)
    assert path in info.value.field_errors


def test_validation_bounds_the_number_of_conditions() -> None:
    with pytest.raises(ValidationFailed) as info:
        clean_conditions({"all": [_c("state", "is", "new")] * 51})
    assert "conditions" in info.value.field_errors


def test_article_fields_and_change_operators_are_refused_where_they_cannot_hold() -> None:
    with pytest.raises(ValidationFailed) as info:
        clean_conditions({"all": [_c("article.body", "contains", "x"), _c("state", "changed")]}, allow_article=False, allow_changes=False)
    assert set(info.value.field_errors) == {"conditions.all[0].field", "conditions.all[1].op"}


def test_cleaning_normalizes_values() -> None:
    cleaned = clean_conditions({"all": [_c("tags", "contains", " VIP "), _c("created_at", "gt", "2026-01-01T00:00:00")]})
    assert cleaned == {"all": [_c("tags", "contains", "vip"), _c("created_at", "gt", "2026-01-01T00:00:00+00:00")], "any": []}


@pytest.fixture
def acme(db: None) -> Organization:
    return Organization.objects.create(name="Acme Corp", tier="gold")


@pytest.fixture
def tickets(make_ticket: Callable[..., Ticket], agent: User, acme: Organization, other_customer: User) -> list[Ticket]:
    """A varied set of tickets built with the real actions."""
    first = make_ticket(subject="Printer on fire", priority="high")
    update_ticket(agent, first, {"owner_id": agent.pk, "custom_fields": {}})
    add_tags(agent, first, ["vip", "hardware"])
    second = make_ticket(subject="Invoice question", customer_email=other_customer.email)
    Ticket.objects.filter(pk=second.pk).update(organization=acme, custom_fields={"seats": 12, "plan": "Pro annual"}, language="de")
    third = make_ticket(subject="printer jam", priority="low")
    add_tags(agent, third, ["hardware"])
    Ticket.objects.filter(pk=third.pk).update(
        state="pending_reminder",
        pending_until=NOW - dt.timedelta(hours=80),
        created_at=NOW - dt.timedelta(days=10),
        custom_fields={"seats": 3, "plan": "basic"},
    )
    fourth = make_ticket(subject="Login fails", priority="urgent")
    due = NOW + dt.timedelta(hours=1)
    Ticket.objects.filter(pk=fourth.pk).update(sla_at_risk=True, sla_due_at=due, created_at=NOW - dt.timedelta(hours=2))
    return list(Ticket.objects.filter(pk__in=[first.pk, second.pk, third.pk, fourth.pk]).order_by("pk"))


CASES: list[tuple[dict[str, Any], list[int]]] = [
    ({"all": [_c("priority", "is", "high")]}, [0]),
    ({"all": [_c("priority", "in", ["high", "urgent"])]}, [0, 3]),
    ({"all": [_c("priority", "not_in", ["high", "urgent"])]}, [1, 2]),
    ({"all": [_c("state", "is_not", "new")]}, [2]),
    ({"all": [_c("subject", "contains", "PRINTER")]}, [0, 2]),
    ({"all": [_c("subject", "not_contains", "printer")]}, [1, 3]),
    ({"all": [_c("subject", "starts_with", "printer")]}, [0, 2]),
    ({"all": [_c("subject", "is", "printer JAM")]}, [2]),
    ({"all": [_c("tags", "contains", "vip")]}, [0]),
    ({"all": [_c("tags", "not_contains", "hardware")]}, [1, 3]),
    ({"all": [_c("tags", "in", ["vip", "hardware"])]}, [0, 2]),
    ({"all": [_c("tags", "not_in", ["vip"])]}, [1, 2, 3]),
    ({"all": [_c("tags", "is_not_set")]}, [1, 3]),
    ({"all": [_c("owner", "is_set")]}, [0]),
    ({"all": [_c("owner", "is_not_set")]}, [1, 2, 3]),
    ({"all": [_c("language", "is_set")]}, [1]),
    ({"all": [_c("customer.domain", "is", "OTHER.example")]}, [1]),
    ({"all": [_c("customer.domain", "not_in", ["other.example"])]}, [0, 2, 3]),
    ({"all": [_c("customer.email", "starts_with", "carla")]}, [0, 2, 3]),
    ({"all": [_c("organization.tier", "is", "gold")]}, [1]),
    ({"all": [_c("organization.name", "not_contains", "acme")]}, [0, 2, 3]),
    ({"all": [_c("organization.name", "is_not_set")]}, [0, 2, 3]),
    ({"all": [_c("custom_fields.seats", "gt", 5)]}, [1]),
    ({"all": [_c("custom_fields.seats", "lt", 5)]}, [2]),
    ({"all": [_c("custom_fields.seats", "is", 3)]}, [2]),
    ({"all": [_c("custom_fields.seats", "is_not", 3)]}, [0, 1, 3]),
    ({"all": [_c("custom_fields.plan", "contains", "annual")]}, [1]),
    ({"all": [_c("custom_fields.plan", "in", ["basic", "gold"])]}, [2]),
    ({"all": [_c("custom_fields.plan", "is_set")]}, [1, 2]),
    ({"all": [_c("custom_fields.plan", "is_not_set")]}, [0, 3]),
    ({"all": [_c("pending_until", "older_than", 72)]}, [2]),
    ({"all": [_c("pending_until", "is_not_set")]}, [0, 1, 3]),
    ({"all": [_c("created_at", "older_than", 24)]}, [2]),
    ({"all": [_c("created_at", "newer_than", 24)]}, [0, 1, 3]),  # 0 and 1 were created after NOW
    ({"all": [_c("created_at", "lt", "2026-03-01T00:00:00Z")]}, [2]),
    ({"all": [_c("sla_due_at", "gt", "2026-03-04T10:30:00Z")]}, [3]),
    ({"all": [_c("sla_at_risk", "is", True)]}, [3]),
    ({"all": [_c("priority", "is", "low")], "any": []}, [2]),
    ({"all": [], "any": [_c("priority", "is", "low"), _c("tags", "contains", "vip")]}, [0, 2]),
    ({"all": [{"any": [_c("priority", "is", "urgent"), _c("custom_fields.seats", "gt", 10)]}, _c("state", "is", "new")]}, [1, 3]),
    ({"all": [_c("time.weekday", "is", "wednesday")]}, [0, 1, 2, 3]),
    ({"all": [_c("time.hour", "gt", 11)]}, []),
    ({}, [0, 1, 2, 3]),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_evaluation_and_query_agree(tickets: list[Ticket], raw: dict[str, Any], expected: list[int]) -> None:
    conditions = clean_conditions(raw)
    # created_at of the fixtures is "now"; evaluate as of NOW with created_at shifted consistently.
    in_python = [index for index, ticket in enumerate(_fresh(tickets)) if evaluate(conditions, Context(ticket=ticket, now=NOW))]
    pks = [t.pk for t in tickets]
    query = to_q(conditions, NOW, context=Context(ticket=Ticket(), now=NOW))
    matched = set(Ticket.objects.filter(pk__in=pks).filter(query).values_list("pk", flat=True))
    in_db = [index for index, pk in enumerate(pks) if pk in matched]
    assert in_python == expected
    assert in_db == expected


def _fresh(tickets: list[Ticket]) -> list[Ticket]:
    return list(Ticket.objects.select_related("customer", "organization").filter(pk__in=[t.pk for t in tickets]).order_by("pk"))


def test_article_and_change_conditions(ticket: Ticket, agent: User, group: Group) -> None:
    article = Article.objects.filter(ticket=ticket).first()
    conditions = clean_conditions({"all": [_c("article.sender", "is", "customer"), _c("article.body", "contains", "ON FIRE")]})
    assert evaluate(conditions, Context(ticket=ticket, now=timezone.now(), article=article))
    assert not evaluate(conditions, Context(ticket=ticket, now=timezone.now()))
    changed = clean_conditions({"all": [_c("state", "changed_to", "open"), _c("state", "changed_from", "new"), _c("priority", "changed")]})
    ticket.state = "open"
    assert not evaluate(changed, Context(ticket=ticket, now=timezone.now(), changes={"state": "new"}))
    assert evaluate(changed, Context(ticket=ticket, now=timezone.now(), changes={"state": "new", "priority": "low"}))
    assert not evaluate(changed, Context(ticket=ticket, now=timezone.now(), changes={"state": "pending_close", "priority": "low"}))
    assert not evaluate(changed, Context(ticket=ticket, now=timezone.now(), changes=None))


# -- AI insight fields (supportdesk.ai TicketInsight) ----------------------------------------------


@pytest.mark.parametrize(
    ("condition", "angry", "calm", "untriaged"),
    [
        (_c("ai.sentiment", "lt", -0.5), True, False, False),
        (_c("ai.sentiment", "gt", -0.5), False, True, False),
        (_c("ai.urgency", "gt", 0.5), True, False, False),
        (_c("ai.language", "is", "DE"), True, False, False),
        (_c("ai.language", "is_not_set"), False, True, True),
        (_c("ai.priority", "in", ["high", "urgent"]), True, False, False),
        (_c("ai.group", "is_set"), True, False, False),
    ],
)
def test_ai_fields_in_memory_and_in_queries(
    make_ticket: Callable[..., Ticket], other_group: Group, condition: dict[str, Any], angry: bool, calm: bool, untriaged: bool
) -> None:
    from supportdesk.ai.models import TicketInsight

    tickets = [make_ticket(subject=name) for name in ("angry", "calm", "untriaged")]
    TicketInsight.objects.create(ticket=tickets[0], sentiment=-0.8, urgency=0.9, language="de", priority="urgent", group=other_group)
    TicketInsight.objects.create(ticket=tickets[1], sentiment=0.4, urgency=0.1, language="")
    conditions = clean_conditions({"all": [condition]})
    now = timezone.now()
    expected = [angry, calm, untriaged]
    fresh = [Ticket.objects.get(pk=t.pk) for t in tickets]
    assert [evaluate(conditions, Context(ticket=t, now=now)) for t in fresh] == expected
    matched = set(Ticket.objects.filter(to_q(conditions, now)).values_list("pk", flat=True))
    assert matched == {t.pk for t, hit in zip(tickets, expected, strict=True) if hit}


def test_ai_fields_are_validated() -> None:
    with pytest.raises(ValidationFailed):
        clean_conditions({"all": [_c("ai.sentiment", "lt", "low")]})
    with pytest.raises(ValidationFailed):
        clean_conditions({"all": [_c("ai.priority", "is", "bogus")]})
    with pytest.raises(ValidationFailed):
        clean_conditions({"all": [_c("ai.sentiment", "contains", "x")]})
