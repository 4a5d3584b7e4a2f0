"""update_ticket: validation, permissions, events, group moves, pending times, custom fields."""

from __future__ import annotations

import pytest

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed
from supportdesk.testing.factories import AgentFactory, add_member
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.choices import FieldType, State
from supportdesk.tickets.models import CustomFieldDefinition, TicketEvent


def changes_of(ticket):
    return list(TicketEvent.objects.filter(ticket=ticket, kind="changed").values_list("field", "old_value", "new_value"))


def test_update_records_old_and_new_values(ticket, agent):
    changed = update_ticket(agent, ticket, {"priority": "high", "subject": "New subject", "owner_id": agent.pk})
    assert sorted(changed) == ["owner_id", "priority", "subject"]
    assert changes_of(ticket) == [
        ("subject", "Printer on fire", "New subject"),
        ("priority", "normal", "high"),
        ("owner", None, agent.email),
    ]


def test_no_op_update_writes_nothing(ticket, agent):
    assert update_ticket(agent, ticket, {"priority": "normal"}) == []
    assert changes_of(ticket) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"state": "merged"},
        {"state": "bogus"},
        {"priority": "critical"},
        {"is_admin": True},
        {"customer_id": 1},
        {"pending_until": "tomorrow"},
        {"custom_fields": ["not", "a", "dict"]},
    ],
)
def test_bad_changes_are_refused(ticket, agent, changes):
    with pytest.raises(ValidationFailed):
        update_ticket(agent, ticket, changes)


def test_pending_state_needs_time_and_leaving_it_clears_time(ticket, agent):
    with pytest.raises(ValidationFailed) as exc:
        update_ticket(agent, ticket, {"state": State.PENDING_REMINDER})
    assert "pending_until" in exc.value.field_errors
    update_ticket(agent, ticket, {"state": State.PENDING_REMINDER, "pending_until": "2030-05-01T08:00:00Z"})
    ticket.refresh_from_db()
    assert ticket.pending_until.isoformat() == "2030-05-01T08:00:00+00:00"
    update_ticket(agent, ticket, {"state": State.OPEN})
    ticket.refresh_from_db()
    assert ticket.pending_until is None


def test_solved_and_closed_stamp_times(ticket, agent):
    update_ticket(agent, ticket, {"state": State.SOLVED})
    update_ticket(agent, ticket, {"state": State.CLOSED})
    ticket.refresh_from_db()
    assert ticket.solved_at is not None and ticket.closed_at is not None


def test_reader_and_outsider_cannot_update(ticket, reader, outsider):
    with pytest.raises(PermissionDenied):
        update_ticket(reader, ticket, {"priority": "high"})
    with pytest.raises(PermissionDenied):
        update_ticket(outsider, ticket, {"priority": "high"})


def test_owner_must_be_agent_with_write_access(ticket, agent, reader, outsider, customer):
    for candidate in (reader, outsider, customer):
        with pytest.raises(ValidationFailed):
            update_ticket(agent, ticket, {"owner_id": candidate.pk})
    with pytest.raises(ValidationFailed):
        update_ticket(agent, ticket, {"owner_id": "1; DROP TABLE"})


def test_group_move_needs_write_in_target_and_drops_owner_without_access(ticket, agent, group, other_group):
    with pytest.raises(NotFound):
        update_ticket(agent, ticket, {"group_id": other_group.pk})
    add_member(other_group, agent, "write")
    agent = User.objects.get(pk=agent.pk)  # group access is cached per user object, i.e. per request
    helper = AgentFactory.create(email="helper@support.example")
    add_member(group, helper, "full")
    update_ticket(agent, ticket, {"owner_id": helper.pk})
    update_ticket(agent, ticket, {"group_id": other_group.pk})
    ticket.refresh_from_db()
    assert ticket.group == other_group
    assert ticket.owner is None
    assert ("group", "Support", "Billing") in changes_of(ticket)


def test_write_access_cannot_move_groups(ticket, group, other_group):
    writer = AgentFactory.create(email="writer@support.example")
    add_member(group, writer, "write")
    add_member(other_group, writer, "full")
    with pytest.raises(PermissionDenied):
        update_ticket(writer, ticket, {"group_id": other_group.pk})


@pytest.fixture
def fields(db):
    CustomFieldDefinition.objects.create(key="product", label="Product", field_type=FieldType.SELECT, options=["Alpha", "Beta"])
    CustomFieldDefinition.objects.create(key="units", label="Units", field_type=FieldType.NUMBER)
    CustomFieldDefinition.objects.create(key="resolution", label="Resolution", field_type=FieldType.TEXT, required_in_states=[State.SOLVED])
    CustomFieldDefinition.objects.create(key="tags2", label="Areas", field_type=FieldType.MULTISELECT, options=["a", "b", "c"])
    CustomFieldDefinition.objects.create(key="due", label="Due", field_type=FieldType.DATE)
    CustomFieldDefinition.objects.create(key="vip", label="VIP", field_type=FieldType.CHECKBOX)


def test_custom_fields_are_validated_and_coerced(ticket, agent, fields):
    update_ticket(
        agent, ticket, {"custom_fields": {"product": "Beta", "units": "3", "tags2": ["c", "a", "c"], "due": "2026-12-24", "vip": "on"}}
    )
    ticket.refresh_from_db()
    assert ticket.custom_fields == {"product": "Beta", "units": 3, "tags2": ["a", "c"], "due": "2026-12-24", "vip": True}
    with pytest.raises(ValidationFailed) as exc:
        update_ticket(agent, ticket, {"custom_fields": {"product": "Gamma", "units": "NaN", "nope": 1, "due": "24.12."}})
    assert set(exc.value.field_errors) == {
        "custom_fields.product",
        "custom_fields.units",
        "custom_fields.nope",
        "custom_fields.due",
    }


def test_custom_field_required_in_state(ticket, agent, fields):
    with pytest.raises(ValidationFailed) as exc:
        update_ticket(agent, ticket, {"state": State.SOLVED})
    assert "custom_fields.resolution" in exc.value.field_errors
    update_ticket(agent, ticket, {"state": State.SOLVED, "custom_fields": {"resolution": "Replaced toner"}})
    ticket.refresh_from_db()
    assert ticket.state == State.SOLVED


def test_renamed_ticket_is_found_by_its_new_subject(ticket, agent):
    from supportdesk.search.queries import search_tickets

    update_ticket(agent, ticket, {"subject": "Toner cartridge jammed"})
    assert [t.pk for t in search_tickets(agent, "cartridge").items] == [ticket.pk]
