"""insert_rows, update_rows and create_objects write exactly what Django's own save would."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connections
from django.db.models import JSONField, Value
from django.db.models.signals import post_init
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from supportdesk.core.bulk import _column_preparer, _prepare_rows, create_objects, insert_rows, new_objects, update_rows
from supportdesk.email_gateway.models import TicketParticipant
from supportdesk.tickets.choices import Channel, EventKind, State
from supportdesk.tickets.models import Article, Attachment, Ticket, TicketEvent

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


def _row(model: Any, pk: int) -> dict:
    return {key: value for key, value in model.objects.filter(pk=pk).values().get().items() if key not in ("id", "number")}


def test_create_objects_sets_ids_in_order_and_stores_what_bulk_create_stores(group, customer, ticket: Ticket) -> None:
    now = timezone.now()

    def build(subject: str, number: int) -> Ticket:
        return Ticket(
            number=number, subject=subject, group=group, customer=customer, created_at=now, updated_at=now, custom_fields={"k": ["ü"]}
        )

    ours = [build(f"ours {n}", 900_000 + n) for n in range(40)]  # more rows than one SQLite statement takes
    theirs = [build(f"ours {n}", 950_000 + n) for n in range(40)]
    create_objects(ours)
    Ticket.objects.bulk_create(theirs)

    assert all(not obj._state.adding and obj._state.db == "default" for obj in ours)
    assert [Ticket.objects.get(pk=obj.pk).subject for obj in ours] == [f"ours {n}" for n in range(40)]
    assert [_row(Ticket, obj.pk) for obj in ours] == [_row(Ticket, obj.pk) for obj in theirs]
    create_objects([])  # nothing to do


def _attributes(obj: Any) -> tuple[dict[str, Any], dict[str, Any], bool, Any]:
    values = {key: value for key, value in vars(obj).items() if key != "_state"}
    return values, obj._state.fields_cache, obj._state.adding, obj._state.db


def test_new_objects_builds_what_the_model_builds(group, customer, ticket: Ticket) -> None:
    now = timezone.now()
    rows = [
        {"number": 700_000 + n, "subject": f"s{n}", "group": group, "customer": customer, "organization_id": None, "created_at": now}
        for n in range(3)
    ]
    built = new_objects(Ticket, rows)
    expected = [Ticket(**row) for row in rows]
    # updated_at's default is timezone.now, called per instance: compare it apart.
    assert all(now <= obj.updated_at <= timezone.now() for obj in built)
    for obj in [*built, *expected]:
        obj.updated_at = now
    assert [_attributes(obj) for obj in built] == [_attributes(obj) for obj in expected]
    assert built[0].customer is customer and built[0].group_id == group.pk
    assert built[0].custom_fields == {} and built[0].custom_fields is not built[1].custom_fields  # no shared default dict
    row = {"ticket_id": ticket.pk, "author": None, "sender_type": "customer", "body_text": "x", "created_at": now}
    assert _attributes(new_objects(Article, [row])[0]) == _attributes(Article(**row))
    assert new_objects(Article, []) == []
    create_objects(built)
    assert [Ticket.objects.get(pk=obj.pk).subject for obj in built] == ["s0", "s1", "s2"]


def test_new_objects_runs_the_model_when_init_signals_listen(group, customer) -> None:
    seen: list[str] = []

    def listener(sender: Any, instance: Ticket, **kwargs: Any) -> None:
        seen.append(instance.subject)

    post_init.connect(listener, sender=Ticket)
    try:
        new_objects(Ticket, [{"number": 1, "subject": "heard", "group": group, "customer": customer}])
    finally:
        post_init.disconnect(listener, sender=Ticket)
    assert seen == ["heard"]


def test_prepare_rows_keeps_plain_columns_and_prepares_the_others(ticket: Ticket) -> None:
    connection = connections["default"]
    fields: list[Any] = [Ticket._meta.get_field(name) for name in ("subject", "state", "customer", "custom_fields")]
    preparers = [_column_preparer(field, connection) for field in fields]
    rows = [("a", State.OPEN, ticket.customer_id, {"k": 1}), ("b", "new", "", None)]
    prepared = _prepare_rows(preparers, rows)
    expected = [tuple(field.get_db_prep_save(value, connection) for field, value in zip(fields, row, strict=True)) for row in rows]
    assert [(row[0], row[1], row[2]) for row in prepared] == [(row[0], row[1], row[2]) for row in expected]
    assert prepared[1][2] is None  # "" for a foreign key is NULL, as get_db_prep_save makes it
    assert _prepare_rows(preparers, []) == []
    with pytest.raises(ValueError, match="every row needs 4 values"):
        _prepare_rows(preparers, [("a", "new", None)])


def test_create_objects_leaves_objects_with_ids_to_bulk_create(ticket: Ticket, customer) -> None:
    article = Article(pk=987_654, ticket=ticket, author=customer, sender_type="customer", channel="email", body_text="x")
    create_objects([article])
    assert Article.objects.get(pk=987_654).body_text == "x"


def test_preparer_shortcuts_give_what_get_db_prep_save_gives(ticket: Ticket) -> None:
    connection = connections["default"]
    now = timezone.now()
    cases: dict[Any, dict[str, list[Any]]] = {
        Ticket: {
            "subject": ["plain", "", None, SafeString("safe"), gettext_lazy("lazy"), 12],
            "state": [State.OPEN, "open", None],
            "channel": [Channel.EMAIL],
            "pending_until": [None, now],
            "number": [5, 2**40, None],
            "customer": [ticket.customer_id, None, ""],
            "sla_paused": [True, False, None, 1] if any(f.name == "sla_paused" for f in Ticket._meta.fields) else [],
            "created_at": [now, now, None],
            "custom_fields": [{"a": 1}, None, [1, "ü"], "text", 3, 2.5, True, Value(None, JSONField())],
            "id": [7],
        },
        Article: {"body_text": ["x" * 10, "", None], "is_internal": [True, False, 0, None], "time_spent_minutes": [0, 3, None]},
        TicketEvent: {"kind": [EventKind.CHANGED], "old_value": ["new", None, {"a": [1]}], "data": [{"article_id": 1}], "actor": [None]},
        Attachment: {"blob": ["0" * 64], "size": [10]},
    }
    for model, fields in cases.items():
        for name, values in fields.items():
            field: Any = model._meta.get_field(name)
            prepare, unchanged = _column_preparer(field, connection)
            for value in values:
                ours, django = prepare(value), field.get_db_prep_save(value, connection)
                # psycopg's Jsonb wrapper has no __eq__: compare what it wraps (and the wrapper's type).
                assert type(ours) is type(django) and getattr(ours, "obj", ours) == getattr(django, "obj", django), (model, name, value)
                if type(value) in unchanged:  # a column of such values is passed on without the preparer
                    assert django is value or (type(django) is type(value) and django == value), (model, name, value)
