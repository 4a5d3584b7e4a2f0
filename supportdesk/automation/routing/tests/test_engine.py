"""Routing scenarios: filters with reasons, choosers, capacity, schedules and the recorded history."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.automation.routing.choices import AgentStatus, Chooser, SkillKind
from supportdesk.automation.routing.engine import route_ticket
from supportdesk.automation.routing.models import Absence, AgentRouting, AgentSkill
from supportdesk.automation.routing.rules_data import clean_filters
from supportdesk.sla.models import Calendar
from supportdesk.testing.factories import CustomerFactory
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.models import CustomFieldDefinition, Ticket, TicketEvent

pytestmark = pytest.mark.django_db

ALL_UP = [{"filter": "online"}, {"filter": "not_absent"}, {"filter": "under_capacity"}]


def owner_event(ticket: Ticket) -> TicketEvent:
    return TicketEvent.objects.filter(ticket=ticket, field="owner").latest("id")


def test_skill_filter_picks_the_skilled_agent_and_records_why(agents, make_rule, make_ticket) -> None:
    CustomFieldDefinition.objects.create(key="product", label="Product", field_type="text")
    a1, a2, a3 = agents
    AgentSkill.objects.create(user=a2, kind=SkillKind.PRODUCT, value="printers", level=4)
    AgentSkill.objects.create(user=a3, kind=SkillKind.PRODUCT, value="printers", level=1)
    rule = make_rule(
        name="Printers", filters=[*ALL_UP, {"filter": "skill", "kind": "product", "source": "custom_field:product", "min_level": 2}]
    )
    ticket = make_ticket(custom_fields={"product": "Printers"})

    result = route_ticket(ticket.pk)

    assert result.outcome == "assigned"
    assert result.agent_id == a2.pk
    ticket.refresh_from_db()
    assert ticket.owner_id == a2.pk
    event = owner_event(ticket)
    assert event.actor is None and event.old_value is None and event.new_value == a2.email
    label = "skill product=printers>=2"
    assert event.data == {
        "reason": "routing",
        "source": "routing",
        "rule": rule.pk,
        "rule_name": "Printers",
        "chooser": "round_robin",
        "candidates": [a2.pk],
        "filtered_out": [
            {"agent_id": a1.pk, "agent": a1.email, "filter": label},
            {"agent_id": a3.pk, "agent": a3.email, "filter": label},
        ],
    }


def test_a_ticket_without_the_required_value_requires_nothing(agents, make_rule, make_ticket) -> None:
    make_rule(filters=[{"filter": "language"}])
    ticket = make_ticket()  # no language
    result = route_ticket(ticket.pk, dry_run=True)
    assert result.outcome == "dry_run" and result.candidates == [a.pk for a in agents] and result.filtered_out == []
    ticket.refresh_from_db()
    assert ticket.owner_id is None  # a dry run changes nothing


def test_language_filter_uses_language_skills(agents, make_rule, make_ticket) -> None:
    AgentSkill.objects.create(user=agents[2], kind=SkillKind.LANGUAGE, value="de", level=5)
    make_rule(filters=[{"filter": "language", "min_level": 3}])
    ticket = make_ticket(language="DE")
    assert route_ticket(ticket.pk).agent_id == agents[2].pk


def test_capacity_status_and_absence_filters(agents, make_rule, make_ticket) -> None:
    a1, a2, a3 = agents
    AgentRouting.objects.create(user=a1, max_open_tickets=1)
    AgentRouting.objects.create(user=a2, status=AgentStatus.AWAY)
    make_rule(filters=ALL_UP, chooser=Chooser.LEAST_LOADED)
    busy = make_ticket()
    update_ticket(a1, busy, {"owner_id": a1.pk})
    now = timezone.now()
    Absence.objects.create(user=a3, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=1))
    ticket = make_ticket()

    result = route_ticket(ticket.pk)

    assert result.outcome == "no_agent" and result.agent_id is None
    assert {(row["agent_id"], row["filter"]) for row in result.filtered_out} == {
        (a1.pk, "under_capacity"),
        (a2.pk, "online"),
        (a3.pk, "not_absent"),
    }
    ticket.refresh_from_db()
    assert ticket.owner_id is None


def test_chat_capacity_counts_open_chats(agents, make_rule, make_ticket) -> None:
    a1, _a2, _a3 = agents
    AgentRouting.objects.create(user=a1, max_chats=1)
    make_rule(filters=[{"filter": "under_capacity"}], chooser=Chooser.LEAST_LOADED)
    chat = make_ticket(channel="chat")
    update_ticket(a1, chat, {"owner_id": a1.pk})
    assert route_ticket(make_ticket(channel="chat").pk, dry_run=True).filtered_out == [
        {"agent_id": a1.pk, "agent": a1.email, "filter": "under_capacity"}
    ]
    assert route_ticket(make_ticket(channel="email").pk, dry_run=True).filtered_out == []


def test_on_shift_uses_the_agents_calendar(agents, make_rule, make_ticket) -> None:
    closed = Calendar.objects.create(name="Never open", time_zone="UTC")  # no working hours at all
    AgentRouting.objects.create(user=agents[0], calendar=closed)
    make_rule(filters=[{"filter": "on_shift"}])
    result = route_ticket(make_ticket().pk, dry_run=True)
    assert result.filtered_out == [{"agent_id": agents[0].pk, "agent": agents[0].email, "filter": "on_shift"}]


def test_round_robin_is_fair_over_1000_assignments(agents, make_rule, make_ticket) -> None:
    make_rule(filters=[{"filter": "online"}], chooser=Chooser.ROUND_ROBIN)
    tickets = [make_ticket() for _ in range(4)]
    picks: list[int] = []
    for n in range(1000):
        result = route_ticket(tickets[n % 4].pk, reassign=True)
        assert result.agent_id is not None
        picks.append(result.agent_id)
    counts = Counter(picks)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert sorted(counts) == sorted(a.pk for a in agents)
    assert all(a != b for a, b in itertools.pairwise(picks))  # never the same agent twice in a row


def test_least_loaded_and_best_skill(agents, make_rule, make_ticket) -> None:
    a1, a2, a3 = agents
    for owner in (a1, a1, a2):
        update_ticket(owner, make_ticket(), {"owner_id": owner.pk})
    rule = make_rule(chooser=Chooser.LEAST_LOADED)
    assert route_ticket(make_ticket().pk, dry_run=True).agent_id == a3.pk
    AgentSkill.objects.create(user=a1, kind=SkillKind.REGION, value="emea", level=5)
    AgentSkill.objects.create(user=a2, kind=SkillKind.REGION, value="emea", level=3)
    rule.chooser = Chooser.BEST_SKILL
    rule.filters = clean_filters([{"filter": "region", "source": "value", "value": "emea"}])
    rule.save()
    result = route_ticket(make_ticket().pk, dry_run=True)
    assert (result.agent_id, result.chooser) == (a1.pk, "best_skill")


def test_sticky_prefers_the_customers_last_agent_and_falls_back(agents, make_rule, make_ticket) -> None:
    a1, a2, _a3 = agents
    previous = make_ticket()
    update_ticket(a2, previous, {"owner_id": a2.pk})
    make_rule(filters=[{"filter": "online"}], chooser=Chooser.STICKY, fallback_chooser=Chooser.LEAST_LOADED)
    result = route_ticket(make_ticket().pk)
    assert (result.agent_id, result.chooser) == (a2.pk, "sticky")

    AgentRouting.objects.filter(user=a2).update(status=AgentStatus.OFFLINE)
    result = route_ticket(make_ticket().pk)
    assert (result.agent_id, result.chooser) == (a1.pk, "least_loaded")
    other = CustomerFactory.create()
    result = route_ticket(make_ticket(customer_email=other.email).pk, dry_run=True)
    assert result.chooser == "least_loaded"


def test_rules_apply_in_order_and_the_first_with_candidates_decides(agents, make_rule, make_ticket) -> None:
    make_rule(name="German speakers", filters=[{"filter": "skill", "kind": "language", "source": "value", "value": "de"}])
    second = make_rule(name="Anyone", chooser=Chooser.LEAST_LOADED)
    result = route_ticket(make_ticket().pk, dry_run=True)
    assert result.rule_id == second.pk
    assert [row["name"] for row in result.rules_tried] == ["German speakers", "Anyone"]


def test_no_rules_and_inactive_or_read_only_members(agents, make_rule, make_ticket, reader, group: Group) -> None:
    ticket = make_ticket()
    assert route_ticket(ticket.pk).outcome == "no_rules"
    make_rule(auto_assign=False)
    assert route_ticket(ticket.pk, auto_only=True).outcome == "no_rules"
    User.objects.filter(pk=agents[0].pk).update(is_active=False)
    result = route_ticket(ticket.pk, dry_run=True)
    assert reader.pk not in result.candidates and agents[0].pk not in result.candidates
    assert result.candidates == [agents[1].pk, agents[2].pk]


def test_an_assigned_or_solved_ticket_is_left_alone(agents, make_rule, make_ticket) -> None:
    make_rule()
    ticket = make_ticket()
    update_ticket(agents[1], ticket, {"owner_id": agents[1].pk})
    assert route_ticket(ticket.pk).outcome == "already_assigned"
    update_ticket(agents[1], ticket, {"state": "solved"})
    assert route_ticket(ticket.pk, reassign=True).outcome == "not_open"
