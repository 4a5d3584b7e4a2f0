"""Timeline sentences for the steps of multi-step processes (recorded as changes with reason "process")."""

from __future__ import annotations

from typing import Any

import pytest

from supportdesk.tickets.choices import EventKind
from supportdesk.tickets.models import TicketEvent
from supportdesk.tickets.templatetags.sd import event_sentence


def step_event(field: str, action: str, **extra: Any) -> TicketEvent:
    data = {"reason": "process", "action": action, "process": "Laptop repair", **extra}
    return TicketEvent(kind=EventKind.CHANGED, field=field, old_value="open", new_value=extra.pop("new", "done"), data=data)


@pytest.mark.parametrize(
    ("field", "action", "expected"),
    [
        ("process", "started", "System started the process Laptop repair"),
        ("Replace disk", "opened", "Step Replace disk of Laptop repair is open"),
        ("Replace disk", "done", "System completed the step Replace disk of Laptop repair"),
        ("Sign off", "approved", "System approved the step Sign off of Laptop repair"),
        ("Sign off", "rejected", "System rejected the step Sign off of Laptop repair"),
        ("process", "rejected", "Process Laptop repair ended: a step was rejected"),
        ("Back up data", "skipped", "Step Back up data of Laptop repair skipped"),
        ("process", "completed", "Process Laptop repair completed"),
        ("process", "cancelled", "System cancelled the process Laptop repair"),
    ],
)
def test_process_steps_read_as_sentences(field: str, action: str, expected: str) -> None:
    assert event_sentence(step_event(field, action)) == expected


def test_an_unknown_process_action_still_reads_as_a_change() -> None:
    assert event_sentence(step_event("Replace disk", "teleported")) == "System changed Replace disk from open to done"


def owner_event(data: dict[str, Any], new: str | None) -> TicketEvent:
    return TicketEvent(kind=EventKind.CHANGED, field="owner", old_value="ann@x.example", new_value=new, data=data)


def test_routing_and_absence_handovers_say_why() -> None:
    routed = owner_event(
        {"reason": "routing", "rule_name": "Speaks German", "chooser": "best_skill", "candidates": [1, 2], "filtered_out": [{}]},
        "bo@x.example",
    )
    assert event_sentence(routed) == (
        "System assigned the ticket to bo@x.example by the routing rule “Speaks German” (Best skill match; candidates: 2, filtered out: 1)"
    )
    delegated = owner_event({"reason": "absence", "absent": "ann@x.example", "handover": "delegate"}, "cy@x.example")
    assert event_sentence(delegated) == "ann@x.example is absent: handed to the delegate cy@x.example"
    waiting = owner_event({"reason": "absence", "absent": "ann@x.example", "handover": "unassigned"}, None)
    assert event_sentence(waiting) == "ann@x.example is absent: the ticket waits for the next free agent"
