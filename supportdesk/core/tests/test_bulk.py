"""insert_rows and update_rows write exactly what Django's own save would."""

from __future__ import annotations

import pytest
from django.utils import timezone

from supportdesk.core.bulk import insert_rows, update_rows
from supportdesk.email_gateway.models import TicketParticipant
from supportdesk.tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db


def test_insert_rows_prepares_json_dates_and_foreign_keys_like_save(ticket: Ticket, agent) -> None:
    now = timezone.now()
    insert_rows(
        TicketEvent,
        ("ticket", "actor", "kind", "field", "old_value", "new_value", "data", "created_at"),
        [(ticket.pk, agent.pk, "changed", "state", "new", None, {"reason": "ü", "n": [1, 2]}, now)],
    )
    event = TicketEvent.objects.filter(ticket=ticket, field="state").get()
    assert (event.actor_id, event.old_value, event.new_value, event.data, event.created_at) == (
        agent.pk,
        "new",
        None,
        {"reason": "ü", "n": [1, 2]},
        now,
    )


def test_insert_rows_can_skip_rows_that_exist_already(ticket: Ticket) -> None:
    now = timezone.now()
    rows = [(ticket.pk, "cc@example.org", "cc", now)]
    insert_rows(TicketParticipant, ("ticket", "address", "role", "created_at"), rows, ignore_conflicts=True)
    insert_rows(TicketParticipant, ("ticket", "address", "role", "created_at"), rows, ignore_conflicts=True)
    assert TicketParticipant.objects.filter(ticket=ticket).count() == 1


def test_update_rows_writes_each_objects_own_values(make_ticket) -> None:
    first, second = make_ticket(subject="one"), make_ticket(subject="two")
    first.subject, second.subject = "first", "second"
    second.article_count = 7
    assert update_rows([first, second], ["subject", "article_count"]) == 2
    assert list(Ticket.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk").values_list("subject", "article_count")) == [
        ("first", first.article_count),
        ("second", 7),
    ]
