"""Training on the instance's solved tickets: accuracy against the majority baseline, versioning,
corrections as labels, skips, failures, the command with its progress bar, and the scheduled sweep."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.ai import classifier, sweeps, training
from supportdesk.ai.choices import ModelState, Target
from supportdesk.ai.models import AiSettings, TrainedModel
from supportdesk.testing.factories import GroupFactory
from supportdesk.tickets.actions import NewTicket, create_ticket, update_ticket
from supportdesk.tickets.models import CustomFieldDefinition, Ticket

# Per topic and language: words a customer would use. Topic -> (tag, {language: words}).
TOPICS: dict[str, tuple[str, dict[str, list[str]]]] = {
    "printing": (
        "hardware",
        {
            "en": ["printer", "toner", "paper jam", "scanner"],
            "de": ["Drucker", "Papierstau", "Toner", "Scanner"],
            "hu": ["nyomtató", "papírelakadás", "festékkazetta", "szkenner"],
            "lv": ["printeris", "papīra iestrēgšana", "tonera kasetne", "skeneris"],
        },
    ),
    "billing": (
        "finance",
        {
            "en": ["invoice", "refund", "charged twice", "payment"],
            "de": ["Rechnung", "Rückerstattung", "doppelt abgebucht", "Zahlung"],
            "hu": ["számla", "visszatérítés", "kétszer terhelték", "fizetés"],
            "lv": ["rēķins", "atmaksa", "divreiz iekasēts", "maksājums"],
        },
    ),
    "network": (
        "network",
        {
            "en": ["vpn", "wifi", "connection drops", "router"],
            "de": ["VPN", "WLAN", "Verbindung bricht ab", "Router"],
            "hu": ["vpn kapcsolat", "wifi", "megszakad a kapcsolat", "router"],
            "lv": ["vpn savienojums", "bezvadu tīkls", "savienojums pārtrūkst", "maršrutētājs"],
        },
    ),
}
FRAMES = {
    "en": ("Problem with the {a}", "Hello, since yesterday the {a} and the {b} do not work. {u}Please help. Thanks"),
    "de": ("Problem mit {a}", "Hallo, seit gestern funktionieren {a} und {b} nicht. {u}Bitte helfen Sie. Danke"),
    "hu": ("Probléma: {a}", "Jó napot, tegnap óta nem működik a {a} és a {b}. {u}Kérem segítsenek. Köszönöm"),
    "lv": ("Problēma ar {a}", "Labdien, kopš vakardienas nedarbojas {a} un {b}. {u}Lūdzu palīdziet. Paldies"),
}
URGENT = {"en": "This is urgent! ", "de": "Das ist dringend! ", "hu": "Ez sürgős! ", "lv": "Tas ir steidzami! "}


def ticket_words(topic: str, language: str, rng: random.Random, *, urgent: bool = False) -> tuple[str, str]:
    a, b = rng.sample(TOPICS[topic][1][language], 2)
    subject, body = FRAMES[language]
    return subject.format(a=a), body.format(a=a, b=b, u=URGENT[language] if urgent else "")


@pytest.fixture(autouse=True)
def _fresh_classifier() -> Iterator[None]:
    """Models and rules cached by other tests (of a rolled-back database) must not leak in or out."""
    classifier.forget_all()
    yield
    classifier.forget_all()


@pytest.fixture
def topic_groups(group: Group, other_group: Group) -> dict[str, Group]:
    return {"printing": group, "billing": other_group, "network": GroupFactory.create(name="Network")}


@pytest.fixture
def solved_tickets(admin: User, customer: User, topic_groups: dict[str, Group]) -> list[Ticket]:
    """Sixteen solved tickets per topic in en/de/hu/lv, a quarter urgent; built with the real actions."""
    AiSettings.objects.update_or_create(pk=1, defaults={"min_examples": 30})
    rng = random.Random(3)
    tickets = []
    for n in range(16):
        for topic, group in topic_groups.items():
            language = ["en", "de", "hu", "lv"][n % 4]
            urgent = n % 4 == 1 or n % 8 == 2
            subject, body = ticket_words(topic, language, rng, urgent=urgent)
            ticket = create_ticket(
                admin,
                NewTicket(
                    subject=subject,
                    body=body,
                    customer_email=customer.email,
                    group_id=group.pk,
                    priority="urgent" if urgent else "normal",
                    language=language,
                    tags=[TOPICS[topic][0]],
                ),
            )
            update_ticket(admin, ticket, {"state": "solved"})
            tickets.append(ticket)
    return tickets


def test_group_model_beats_the_majority_baseline_on_held_out_and_new_tickets(
    solved_tickets: list[Ticket], topic_groups: dict[str, Group]
) -> None:
    [result] = training.train([Target.GROUP])
    assert (result.status, result.version, result.examples) == ("trained", 1, 48)
    metrics = result.metrics
    majority_share = max(metrics["per_class"][label]["support"] for label in metrics["labels"]) / metrics["test_examples"]
    assert metrics["accuracy"] > majority_share + 0.3
    assert sorted(metrics["labels"]) == sorted(str(g.pk) for g in topic_groups.values())
    stored = TrainedModel.objects.get(target=Target.GROUP, version=1)
    assert stored.state == ModelState.READY and stored.metrics["accuracy"] == metrics["accuracy"] and len(bytes(stored.payload)) > 0

    rng = random.Random(99)
    right = 0
    for topic, group in topic_groups.items():
        for language in ("en", "de", "hu", "lv"):
            subject, body = ticket_words(topic, language, rng)
            predicted = classifier.predict(Target.GROUP, subject, body, language)
            assert 0.0 <= predicted[-1][1] <= predicted[0][1] <= 1.0
            right += predicted[0][0] == str(group.pk)
    assert right / 12 > 1 / 3 + 0.3
    assert classifier.model_version(Target.GROUP) == "v1"


def test_priority_and_tags_are_learnt(solved_tickets: list[Ticket]) -> None:
    results = {r.target: r for r in training.train([Target.PRIORITY, Target.TAGS, Target.TYPE])}
    assert results[Target.PRIORITY].status == "trained"
    assert results[Target.TYPE].status == "skipped" and "type" in results[Target.TYPE].message
    assert results[Target.TAGS].status == "trained"
    assert sorted(results[Target.TAGS].metrics["labels"]) == ["finance", "hardware", "network"]
    tags = classifier.predict(Target.TAGS, "Rechnung", "Die Rechnung wurde doppelt abgebucht, bitte Rückerstattung.", "de")
    assert tags and tags[0][0] == "finance"
    urgent = classifier.predict(Target.PRIORITY, "Problem", "Ez sürgős! A számla nem működik.", "hu")
    assert urgent[0][0] == "urgent"


def test_a_second_training_retires_the_first_and_processes_reload_within_the_interval(
    solved_tickets: list[Ticket], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(classifier, "_now", lambda: clock[0])
    training.train([Target.GROUP])
    assert classifier.model_version(Target.GROUP) == "v1"
    [second] = training.train([Target.GROUP])
    assert second.version == 2
    states = dict(TrainedModel.objects.filter(target=Target.GROUP).values_list("version", "state"))
    assert states == {1: ModelState.RETIRED, 2: ModelState.READY}
    assert bytes(TrainedModel.objects.get(target=Target.GROUP, version=1).payload) == b""
    # The cached v1 answers until the refresh interval has passed, then v2 is loaded.
    clock[0] += classifier.REFRESH_SECONDS - 1
    assert classifier.model_version(Target.GROUP) == "v1"
    clock[0] += 2
    assert classifier.model_version(Target.GROUP) == "v2"


def test_agent_corrections_are_the_labels(admin: User, customer: User, group: Group, other_group: Group) -> None:
    ticket = create_ticket(
        admin, NewTicket(subject="Invoice wrong", body="The invoice is wrong", customer_email=customer.email, group_id=group.pk)
    )
    update_ticket(admin, ticket, {"group_id": other_group.pk, "priority": "high"})
    update_ticket(admin, ticket, {"state": "closed"})
    open_ticket = create_ticket(admin, NewTicket(subject="Open", body="still open", customer_email=customer.email, group_id=group.pk))
    data = training.load_examples([Target.GROUP, Target.PRIORITY])
    assert data.labels == {Target.GROUP: [str(other_group.pk)], Target.PRIORITY: ["high"]}
    assert data.texts == ["Invoice wrong\nInvoice wrong\nThe invoice is wrong"]
    assert open_ticket.pk != ticket.pk


def test_type_is_trained_from_the_type_custom_field(solved_tickets: list[Ticket]) -> None:
    CustomFieldDefinition.objects.create(key="type", label="Type", field_type="select", options=["incident", "question"])
    for n, ticket in enumerate(solved_tickets):
        Ticket.objects.filter(pk=ticket.pk).update(custom_fields={"type": "incident" if n % 3 else "question"})
    [result] = training.train([Target.TYPE])
    assert result.status == "trained" and sorted(result.metrics["labels"]) == ["incident", "question"]


def test_too_few_examples_are_skipped_without_a_model(ticket: Ticket) -> None:
    [result] = training.train([Target.GROUP])
    assert result.status == "skipped" and "at least 50" in result.message
    assert not TrainedModel.objects.exists()
    assert classifier.predict(Target.GROUP, "x", "y", "en") == []
    assert classifier.model_version(Target.GROUP) == ""


def test_a_failed_fit_is_recorded_and_keeps_the_ready_model(solved_tickets: list[Ticket], monkeypatch: pytest.MonkeyPatch) -> None:
    training.train([Target.GROUP])

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("out of memory")

    monkeypatch.setattr(training, "fit_matrix", broken)
    [result] = training.train([Target.GROUP])
    assert (result.status, result.version) == ("failed", 2)
    failed = TrainedModel.objects.get(target=Target.GROUP, version=2)
    assert failed.state == ModelState.FAILED and "out of memory" in failed.error
    assert TrainedModel.objects.get(target=Target.GROUP, version=1).state == ModelState.READY


def test_a_version_claimed_by_another_worker_is_skipped(solved_tickets: list[Ticket], monkeypatch: pytest.MonkeyPatch) -> None:
    TrainedModel.objects.create(target=Target.GROUP, version=1, state=ModelState.TRAINING)
    # The other worker inserted v1 after this one read the newest version (0).
    monkeypatch.setattr(training, "_newest_version", lambda target: 0)
    [result] = training.train([Target.GROUP])
    assert result.status == "skipped" and "another training" in result.message


def test_the_command_shows_progress_and_a_summary(solved_tickets: list[Ticket]) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("ai", "train", "--target", "group", stdout=out, stderr=err)
    assert "group: v1 trained on 38 of 48 tickets" in out.getvalue()
    assert "held-out accuracy" in out.getvalue()
    assert "[##############################] 100% group: done" in err.getvalue()
    assert "tickets: loading" in err.getvalue()


def test_unknown_target_is_refused() -> None:
    with pytest.raises(ValueError):
        training.train(["owner"])


def test_scheduled_retraining_is_due_by_age(solved_tickets: list[Ticket]) -> None:
    now = timezone.now()
    AiSettings.objects.filter(pk=1).update(retrain_days=0)
    assert sweeps.retrain_if_due(now=now) == []
    AiSettings.objects.filter(pk=1).update(retrain_days=7)
    assert sweeps.retrain_due(now=now)
    results = sweeps.retrain_if_due(now=now)
    assert {r.target: r.status for r in results}[Target.GROUP] == "trained"
    assert not sweeps.retrain_due(now=now + timedelta(days=6))
    assert sweeps.retrain_due(now=now + timedelta(days=7, seconds=1))
    TrainedModel.objects.create(target=Target.GROUP, version=99, state=ModelState.TRAINING, trained_at=now + timedelta(days=8))
    assert not sweeps.retrain_due(now=now + timedelta(days=8))
    assert sweeps.retrain_due(now=now + timedelta(days=8) + sweeps.STALE_TRAINING + timedelta(seconds=1))
