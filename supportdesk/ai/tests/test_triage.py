"""Triage: the insight it writes, what it applies (only above the threshold, never over a person's
choice), the history entries with the model version, corrections, and the task on ticket creation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.ai import classifier, sentiment, sweeps, tasks
from supportdesk.ai.apply import load_settings
from supportdesk.ai.models import TicketInsight
from supportdesk.ai.triage import backfill, ticket_text, triage_ticket
from supportdesk.automation.rules import manage
from supportdesk.tickets.actions import add_tags, remove_tags, update_ticket
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Ticket, TicketEvent

Capture = Callable[..., Any]


class FakeModels:
    """Deterministic stand-ins for the classifier and the sentiment analyser."""

    def __init__(self) -> None:
        self.predictions: dict[str, list[tuple[str, float]]] = {}
        self.versions = {"group": "v3", "priority": "v2", "type": "rules", "tags": "v1"}
        self.analysis = sentiment.Analysis(sentiment=-0.7, urgency=0.8, cues=["word:unacceptable", "deadline:today"])
        self.seen: list[tuple[str, str, str, str]] = []

    def predict(self, target: str, subject: str, body: str, language: str) -> list[tuple[str, float]]:
        self.seen.append((target, subject, body, language))
        return self.predictions.get(target, [])

    def model_version(self, target: str) -> str:
        return self.versions.get(target, "")

    def analyse(self, text: str, language: str) -> sentiment.Analysis:
        return self.analysis


@pytest.fixture(autouse=True)
def _triage_in_tests(settings: Any) -> None:
    """The immediate task backend of the tests runs tasks in the caller; allow triage there."""
    settings.SUPPORTDESK_AI_TRIAGE_IN_CALLER = True


@pytest.fixture
def models(monkeypatch: pytest.MonkeyPatch) -> FakeModels:
    fake = FakeModels()
    monkeypatch.setattr(classifier, "predict", fake.predict)
    monkeypatch.setattr(classifier, "model_version", fake.model_version)
    monkeypatch.setattr(sentiment, "analyse", fake.analyse)
    return fake


@pytest.fixture
def settings_on(db: None) -> Any:
    row = load_settings()
    row.apply_group = row.apply_priority = row.apply_tags = True
    row.apply_threshold, row.suggest_threshold = 0.8, 0.4
    row.save()
    return row


@pytest.fixture
def customer_ticket(make_ticket: Callable[..., Ticket], customer: User, group: Group) -> Ticket:
    """A ticket the customer wrote (nobody chose its group or priority)."""
    return make_ticket(
        actor=customer,
        subject="Rechnung doppelt abgebucht",
        body="Guten Tag, Sie haben meine Rechnung für November zweimal abgebucht. Bitte erstatten Sie den Betrag.\n\n"
        "Am 3. Dezember schrieb Support:\n> Vielen Dank für Ihre Nachricht",
    )


def test_text_is_subject_and_first_customer_message_without_quote(customer_ticket: Ticket) -> None:
    subject, body = ticket_text(customer_ticket)
    assert subject == "Rechnung doppelt abgebucht"
    assert body.startswith("Guten Tag")
    assert "Vielen Dank" not in body and "schrieb" not in body


def test_triage_writes_insight_and_applies_language(customer_ticket: Ticket, models: FakeModels) -> None:
    insight = triage_ticket(customer_ticket.pk)
    assert insight is not None
    insight.refresh_from_db()
    customer_ticket.refresh_from_db()
    assert (insight.language, customer_ticket.language) == ("de", "de")
    assert insight.language_confidence > 0.5
    assert (insight.sentiment, insight.urgency, insight.cues) == (-0.7, 0.8, ["word:unacceptable", "deadline:today"])
    assert insight.model_versions == {"group": "v3", "priority": "v2", "type": "rules", "tags": "v1", "language": "lingua"}
    assert insight.applied == ["language"]
    assert insight.elapsed_ms > 0
    assert {target for target, *_rest in models.seen} == {"group", "priority", "type", "tags"}
    assert all(language == "de" for *_rest, language in models.seen)
    event = TicketEvent.objects.get(ticket=customer_ticket, field="language")
    assert (event.actor, event.old_value, event.new_value) == (None, "", "de")
    assert event.data == {"source": "ai", "source_name": "AI lingua", "model_version": "lingua"}


def test_applies_only_at_or_above_threshold_with_model_version(
    customer_ticket: Ticket, models: FakeModels, settings_on: Any, other_group: Group
) -> None:
    models.predictions = {
        "group": [(str(other_group.pk), 0.92)],
        "priority": [("high", 0.79)],
        "type": [("incident", 0.95)],
        "tags": [("billing", 0.8), ("refund", 0.5)],
    }
    insight = triage_ticket(customer_ticket.pk)
    assert insight is not None
    customer_ticket.refresh_from_db()
    assert customer_ticket.group_id == other_group.pk
    assert customer_ticket.priority == "normal"  # 0.79 < 0.8: suggested only
    assert set(customer_ticket.tags.values_list("name", flat=True)) == {"billing"}
    assert (insight.group_id, insight.priority, insight.priority_confidence, insight.type) == (other_group.pk, "high", 0.79, "incident")
    assert insight.tags == [["billing", 0.8], ["refund", 0.5]]
    assert sorted(insight.applied) == ["group", "language", "tags:billing"]
    group_event = TicketEvent.objects.get(ticket=customer_ticket, field="group")
    assert (group_event.actor, group_event.new_value) == (None, other_group.name)
    assert group_event.data == {"source": "ai", "source_name": "AI v3", "model_version": "v3"}
    tag_event = TicketEvent.objects.get(ticket=customer_ticket, kind="tag_added")
    assert tag_event.data == {"source": "ai", "source_name": "AI v1", "model_version": "v1"}
    assert not TicketEvent.objects.filter(ticket=customer_ticket, field="priority").exists()


def test_switches_off_apply_nothing_but_insight(customer_ticket: Ticket, models: FakeModels, other_group: Group) -> None:
    row = load_settings()
    row.apply_language = False
    row.save()
    models.predictions = {"group": [(str(other_group.pk), 0.99)], "priority": [("urgent", 0.99)]}
    insight = triage_ticket(customer_ticket.pk)
    customer_ticket.refresh_from_db()
    assert insight is not None and insight.applied == []
    assert (customer_ticket.group_id, customer_ticket.priority, customer_ticket.language) != (other_group.pk, "urgent", "de")
    assert customer_ticket.language == ""


def test_agent_value_is_never_overridden(
    customer_ticket: Ticket, models: FakeModels, settings_on: Any, agent: User, other_group: Group
) -> None:
    update_ticket(agent, customer_ticket, {"priority": "low", "language": "en"})
    add_tags(agent, customer_ticket, ["refund"])
    remove_tags(agent, customer_ticket, ["refund"])
    models.predictions = {"priority": [("urgent", 0.99)], "tags": [("refund", 0.99)]}
    insight = triage_ticket(customer_ticket.pk)
    customer_ticket.refresh_from_db()
    assert (customer_ticket.priority, customer_ticket.language) == ("low", "en")
    assert not customer_ticket.tags.exists()
    assert insight is not None and insight.applied == []


def test_staff_created_ticket_keeps_its_group_and_priority(
    make_ticket: Callable[..., Ticket], models: FakeModels, settings_on: Any, other_group: Group
) -> None:
    ticket = make_ticket(priority="low")
    models.predictions = {"group": [(str(other_group.pk), 0.99)], "priority": [("urgent", 0.99)]}
    triage_ticket(ticket.pk)
    ticket.refresh_from_db()
    assert (ticket.group.name, ticket.priority) == ("Support", "low")


def test_triage_twice_applies_once(customer_ticket: Ticket, models: FakeModels, settings_on: Any, other_group: Group) -> None:
    models.predictions = {"group": [(str(other_group.pk), 0.9)]}
    triage_ticket(customer_ticket.pk)
    triage_ticket(customer_ticket.pk)
    assert TicketEvent.objects.filter(ticket=customer_ticket, field="group").count() == 1
    assert TicketInsight.objects.filter(ticket=customer_ticket).count() == 1
    assert sorted(TicketInsight.objects.get(ticket=customer_ticket).applied) == ["group", "language"]


def test_ai_applied_group_is_not_a_person_choice_but_a_later_move_is(
    customer_ticket: Ticket, models: FakeModels, settings_on: Any, admin: User, group: Group, other_group: Group
) -> None:
    models.predictions = {"group": [(str(other_group.pk), 0.9)]}
    triage_ticket(customer_ticket.pk)
    customer_ticket.refresh_from_db()
    update_ticket(admin, customer_ticket, {"group_id": group.pk})
    tasks.on_ticket_updated(
        tasks.DomainEvent("ticket.updated", {"ticket_id": customer_ticket.pk, "actor_id": admin.pk, "changed": ["group_id"]})
    )
    triage_ticket(customer_ticket.pk)
    customer_ticket.refresh_from_db()
    assert customer_ticket.group_id == group.pk
    assert "corrected:group" in TicketInsight.objects.get(ticket=customer_ticket).applied


def test_correction_recorded_through_the_event_bus(
    customer_ticket: Ticket,
    models: FakeModels,
    settings_on: Any,
    admin: User,
    group: Group,
    other_group: Group,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    models.predictions = {"group": [(str(other_group.pk), 0.9)]}
    triage_ticket(customer_ticket.pk)
    customer_ticket.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        update_ticket(admin, customer_ticket, {"group_id": group.pk, "priority": "high"})
    applied = TicketInsight.objects.get(ticket=customer_ticket).applied
    assert "corrected:group" in applied
    assert "corrected:priority" not in applied  # the AI had not applied a priority


def test_disabled_triage_does_nothing_unless_forced(customer_ticket: Ticket, models: FakeModels) -> None:
    row = load_settings()
    row.triage_enabled = False
    row.save()
    assert triage_ticket(customer_ticket.pk) is None
    assert not TicketInsight.objects.exists()
    assert triage_ticket(customer_ticket.pk, force=True) is not None


def test_missing_ticket_and_unknown_group_prediction(customer_ticket: Ticket, models: FakeModels, settings_on: Any) -> None:
    assert triage_ticket(10**12) is None
    models.predictions = {"group": [("999999", 0.99)], "priority": [("bogus", 0.99)]}
    insight = triage_ticket(customer_ticket.pk)
    customer_ticket.refresh_from_db()
    assert insight is not None and (insight.group_id, insight.group_confidence) == (None, 0.0)
    assert customer_ticket.priority == "normal"


def test_short_and_empty_text(make_ticket: Callable[..., Ticket], customer: User, models: FakeModels) -> None:
    ticket = make_ticket(actor=customer, subject="?", body="!!")
    insight = triage_ticket(ticket.pk)
    assert insight is not None and (insight.language, insight.language_confidence) == ("", 0.0)
    ticket.refresh_from_db()
    assert ticket.language == ""


def test_huge_body_is_bounded(make_ticket: Callable[..., Ticket], customer: User, models: FakeModels) -> None:
    ticket = make_ticket(actor=customer, subject="Lange Nachricht", body="Das ist ein sehr langer Text. " * 2000)
    triage_ticket(ticket.pk)
    assert max(len(body) for _t, _s, body, _l in models.seen) <= 5000


def test_task_enqueued_after_commit_not_in_the_request(
    make_ticket: Callable[..., Ticket],
    customer: User,
    models: FakeModels,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    enqueued: list[int] = []
    monkeypatch.setattr(tasks, "triage_ticket_task", SimpleNamespace(enqueue=enqueued.append))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ticket = make_ticket(actor=customer)
    assert enqueued == [] and not TicketInsight.objects.exists()  # nothing before commit
    for callback in callbacks:
        callback()
    assert enqueued == [ticket.pk]
    assert not TicketInsight.objects.exists()  # the request only enqueued


def test_task_triages_in_the_worker(
    make_ticket: Callable[..., Ticket], customer: User, models: FakeModels, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend runs the task at once
        ticket = make_ticket(actor=customer)
    assert TicketInsight.objects.filter(ticket=ticket).exists()


def test_trigger_on_sentiment_raises_priority(
    make_ticket: Callable[..., Ticket], customer: User, admin: User, models: FakeModels, django_capture_on_commit_callbacks: Capture
) -> None:
    manage.create_trigger(
        admin,
        {
            "name": "Angry customers first",
            "events": ["ticket.updated"],
            "conditions": {"all": [{"field": "ai.sentiment", "op": "lt", "value": -0.5}]},
            "actions": [{"action": "set_field", "field": "priority", "value": "high"}],
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        angry = make_ticket(actor=customer, subject="Unacceptable")
    models.analysis = sentiment.Analysis(sentiment=0.2)
    with django_capture_on_commit_callbacks(execute=True):
        calm = make_ticket(actor=customer, subject="Thanks")
    angry.refresh_from_db()
    calm.refresh_from_db()
    assert (angry.priority, calm.priority) == ("high", "normal")


def test_not_enqueued_when_the_backend_would_run_it_in_the_request(
    make_ticket: Callable[..., Ticket], customer: User, models: FakeModels, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    settings.SUPPORTDESK_AI_TRIAGE_IN_CALLER = False
    with django_capture_on_commit_callbacks(execute=True):
        make_ticket(actor=customer)
    assert not TicketInsight.objects.exists()


def test_backfill_and_command(make_ticket: Callable[..., Ticket], customer: User, models: FakeModels) -> None:
    first = make_ticket(actor=customer)
    second = make_ticket(actor=customer)
    third = make_ticket(actor=customer)
    assert backfill(2) == 2
    assert set(TicketInsight.objects.values_list("ticket_id", flat=True)) == {second.pk, third.pk}
    call_command("ai", "triage", "--backfill", "5")
    assert TicketInsight.objects.filter(ticket=first).exists()


def test_catchup_sweep_triages_only_recent_untriaged_open_tickets_after_the_grace(
    make_ticket: Callable[..., Ticket], customer: User, models: FakeModels
) -> None:
    lost, fresh, old, closed, done = (make_ticket(actor=customer) for _ in range(5))
    now = timezone.now()
    ages = {
        lost: timedelta(minutes=30),
        fresh: timedelta(minutes=2),
        old: timedelta(days=3),
        closed: timedelta(hours=1),
        done: timedelta(hours=1),
    }
    for ticket, age in ages.items():
        Ticket.objects.filter(pk=ticket.pk).update(created_at=now - age)
    Ticket.objects.filter(pk=closed.pk).update(state=State.CLOSED)
    TicketInsight.objects.create(ticket=done)

    assert sweeps.untriaged_ticket_ids(now=now) == [lost.pk]
    assert sweeps.triage_missed(now=now) == 1
    assert TicketInsight.objects.filter(ticket=lost).exists()
    assert not TicketInsight.objects.filter(ticket__in=[fresh, old, closed]).exists()
    assert sweeps.triage_missed(now=now) == 0  # nothing left: the next run is a no-op


def test_catchup_sweep_respects_the_switch_and_the_cap(make_ticket: Callable[..., Ticket], customer: User, models: FakeModels) -> None:
    tickets = [make_ticket(actor=customer) for _ in range(3)]
    now = timezone.now()
    Ticket.objects.filter(pk__in=[t.pk for t in tickets]).update(created_at=now - timedelta(hours=1))
    row = load_settings()
    row.triage_enabled = False
    row.save()
    assert sweeps.triage_missed(now=now) == 0
    row.triage_enabled = True
    row.save()
    assert sweeps.triage_missed(now=now, limit=2) == 2
    assert TicketInsight.objects.count() == 2
