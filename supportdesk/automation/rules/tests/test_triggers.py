"""Triggers: firing on events, order, stop_processing, loop safety, logging and history."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.test import override_settings

from supportdesk.accounts.models import User
from supportdesk.automation.rules import manage
from supportdesk.automation.rules.models import Trigger, TriggerFiring
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.models import Ticket, TicketEvent

Capture = Callable[..., Any]


@pytest.fixture
def run_events(django_capture_on_commit_callbacks: Capture) -> Callable[[], Any]:
    """Run after-commit callbacks (and the ones they add) as a real commit would."""

    @contextmanager
    def run() -> Iterator[None]:
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run


def _trigger(admin: User, name: str, events: list[str], conditions: dict[str, Any], actions: list[dict[str, Any]], **extra: Any) -> Trigger:
    return manage.create_trigger(admin, {"name": name, "events": events, "conditions": conditions, "actions": actions, **extra})


def _tags(ticket: Ticket) -> set[str]:
    return set(ticket.tags.values_list("name", flat=True))


def test_created_trigger_sets_fields_and_names_itself_in_history(
    admin: User, make_ticket: Callable[..., Ticket], run_events: Callable[[], Any]
) -> None:
    trigger = _trigger(
        admin,
        "Printers are urgent",
        ["ticket.created"],
        {"all": [{"field": "subject", "op": "contains", "value": "printer"}]},
        [{"action": "set_field", "field": "priority", "value": "urgent"}, {"action": "add_tag", "value": "Hardware"}],
    )
    with run_events():
        ticket = make_ticket(subject="Printer on fire")
        other = make_ticket(subject="Invoice")
    ticket.refresh_from_db()
    other.refresh_from_db()
    assert (ticket.priority, _tags(ticket)) == ("urgent", {"hardware"})
    assert (other.priority, _tags(other)) == ("normal", set())
    event = TicketEvent.objects.get(ticket=ticket, field="priority")
    assert (event.actor, event.old_value, event.new_value) == (None, "normal", "urgent")
    assert event.data == {"source": f"trigger:{trigger.pk}", "source_name": "Printers are urgent"}
    firing = TriggerFiring.objects.get(trigger=trigger)
    assert (firing.ticket_id, firing.event, firing.ok) == (ticket.pk, "ticket.created", True)


def test_order_and_stop_processing(admin: User, make_ticket: Callable[..., Ticket], run_events: Callable[[], Any]) -> None:
    first = _trigger(admin, "first", ["ticket.created"], {}, [{"action": "add_tag", "value": "one"}], stop_processing=True)
    _trigger(admin, "second", ["ticket.created"], {}, [{"action": "add_tag", "value": "two"}])
    with run_events():
        ticket = make_ticket()
    assert _tags(ticket) == {"one"}
    manage.update_trigger(admin, first, {"stop_processing": False})
    with run_events():
        ticket = make_ticket()
    assert _tags(ticket) == {"one", "two"}


def test_later_triggers_see_earlier_changes(admin: User, make_ticket: Callable[..., Ticket], run_events: Callable[[], Any]) -> None:
    _trigger(admin, "tag", ["ticket.created"], {}, [{"action": "add_tag", "value": "vip"}])
    _trigger(
        admin,
        "vip urgent",
        ["ticket.created"],
        {"all": [{"field": "tags", "op": "contains", "value": "vip"}]},
        [{"action": "set_field", "field": "priority", "value": "urgent"}],
    )
    with run_events():
        ticket = make_ticket()
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"


def test_a_trigger_never_refires_on_its_own_change(admin: User, agent: User, ticket: Ticket, run_events: Callable[[], Any]) -> None:
    trigger = _trigger(
        admin,
        "note every update",
        ["ticket.updated"],
        {},
        [{"action": "add_tag", "value": "touched"}, {"action": "set_field", "field": "priority", "value": "high"}],
    )
    with run_events():
        update_ticket(agent, ticket, {"priority": "low"})
    ticket.refresh_from_db()
    assert ticket.priority == "high"
    assert TriggerFiring.objects.filter(trigger=trigger).count() == 1


def test_ping_pong_between_two_triggers_is_bounded(admin: User, agent: User, ticket: Ticket, run_events: Callable[[], Any]) -> None:
    up = _trigger(
        admin,
        "up",
        ["ticket.updated"],
        {"all": [{"field": "priority", "op": "is", "value": "low"}]},
        [{"action": "set_field", "field": "priority", "value": "high"}],
    )
    down = _trigger(
        admin,
        "down",
        ["ticket.updated"],
        {"all": [{"field": "priority", "op": "is", "value": "high"}]},
        [{"action": "set_field", "field": "priority", "value": "low"}],
    )
    with run_events():
        update_ticket(agent, ticket, {"priority": "low"})
    ticket.refresh_from_db()
    # On the agent's change: up (low -> high), then down sees high (-> low). On up's change nothing
    # matches (down is done, up is in the chain); on down's change up fires again (chain down, up);
    # on that change both are in the chain. The ping-pong ends after three firings.
    assert ticket.priority == "high"
    assert TriggerFiring.objects.filter(trigger=up).count() == 2
    assert TriggerFiring.objects.filter(trigger=down).count() == 1


@override_settings(SUPPORTDESK_TRIGGER_MAX_DEPTH=3)
def test_chains_stop_at_the_depth_limit(admin: User, agent: User, ticket: Ticket, run_events: Callable[[], Any]) -> None:
    for step in range(6, 0, -1):  # later steps first, so each step fires on the event of the one before
        _trigger(
            admin,
            f"step {step}",
            ["ticket.updated"],
            {"all": [{"field": "tags", "op": "contains", "value": f"t{step - 1}"}]},
            [{"action": "add_tag", "value": f"t{step}"}],
        )
    from supportdesk.tickets.actions import add_tags

    with run_events():
        add_tags(agent, ticket, ["t0"])
    assert _tags(ticket) == {"t0", "t1", "t2", "t3"}
    assert TriggerFiring.objects.count() == 3


def test_reply_triggers_and_article_conditions(
    admin: User, agent: User, customer: User, ticket: Ticket, run_events: Callable[[], Any]
) -> None:
    _trigger(
        admin,
        "angry",
        ["customer.replied"],
        {"all": [{"field": "article.body", "op": "contains", "value": "refund"}]},
        [{"action": "add_tag", "value": "refund"}],
    )
    _trigger(admin, "answered", ["agent.replied"], {}, [{"action": "add_note", "text": "Answered {{ticket.number}} for {{customer.name}}"}])
    with run_events():
        add_article(customer, ticket, body_text="I want a REFUND now")
        add_article(agent, ticket, body_text="Sure.")
        add_article(agent, ticket, body_text="internal", is_internal=True)
    assert _tags(ticket) == {"refund"}
    notes = list(ticket.articles.filter(sender_type="system").values_list("body_text", "is_internal", "author"))
    assert notes == [(f"Answered {ticket.display_number} for Carla Customer", True, None)]


def test_changed_from_reads_the_history(admin: User, agent: User, ticket: Ticket, run_events: Callable[[], Any]) -> None:
    _trigger(
        admin,
        "deescalated",
        ["ticket.updated"],
        {"all": [{"field": "priority", "op": "changed_from", "value": "urgent"}]},
        [{"action": "add_tag", "value": "calmer"}],
    )
    with run_events():
        update_ticket(agent, ticket, {"priority": "high"})
    assert _tags(ticket) == set()
    with run_events():
        update_ticket(agent, ticket, {"priority": "urgent"})
        update_ticket(agent, ticket, {"priority": "low"})
    assert _tags(ticket) == {"calmer"}


def test_a_failing_trigger_is_logged_and_does_not_stop_the_next(
    admin: User, make_ticket: Callable[..., Ticket], run_events: Callable[[], Any]
) -> None:
    broken = _trigger(
        admin,
        "pending without time",
        ["ticket.created"],
        {},
        [{"action": "add_tag", "value": "lost"}, {"action": "set_field", "field": "state", "value": "pending_close"}],
    )
    _trigger(admin, "fine", ["ticket.created"], {}, [{"action": "add_tag", "value": "fine"}])
    with run_events():
        ticket = make_ticket()
    assert _tags(ticket) == {"fine"}  # the broken trigger's tag was rolled back with it
    firing = TriggerFiring.objects.get(trigger=broken)
    assert (firing.ok, firing.error) == (False, "A pending state needs a time.")


def test_inactive_triggers_and_other_events_do_nothing(
    admin: User, agent: User, make_ticket: Callable[..., Ticket], run_events: Callable[[], Any]
) -> None:
    _trigger(admin, "off", ["ticket.created"], {}, [{"action": "add_tag", "value": "off"}], is_active=False)
    _trigger(admin, "sla", ["sla.warning"], {}, [{"action": "add_tag", "value": "sla"}])
    with run_events():
        ticket = make_ticket()
    assert _tags(ticket) == set()
    assert TriggerFiring.objects.count() == 0


def test_a_note_with_an_unknown_variable_is_refused_when_the_rule_is_saved() -> None:
    from supportdesk.automation.registry import clean_action
    from supportdesk.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as caught:
        clean_action({"action": "add_note", "text": "Hello {{ customer.shoe_size }}"}, "actions[0]")
    assert "customer.shoe_size" in caught.value.field_errors["actions[0].text"]
    cleaned = clean_action({"action": "add_note", "text": "Hi {{ customer.first_name }}"}, "actions[0]")
    assert cleaned["text"] == "Hi {{ customer.first_name }}"
