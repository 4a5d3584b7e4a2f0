"""The SLA sweep with a frozen clock: the Budapest Friday ticket of issue 4 (4 business hours,
08:00-17:00) with warnings at 75% and 15 minutes before, the breach and an escalation level; pauses
and replies; audiences and channels (in-app, mail, a webhook to a local receiver); superseded
warnings; the recompute job after a calendar change."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from supportdesk.accounts.choices import GroupAccess, Role
from supportdesk.accounts.models import AgentProfile, Group, User
from supportdesk.sla import actions as calendar_actions
from supportdesk.sla import webhook
from supportdesk.sla.choices import Metric
from supportdesk.sla.models import SlaClock, SlaFiring, SlaPolicy
from supportdesk.sla.notify import notify
from supportdesk.sla.sweep import run_sla_sweep
from supportdesk.testing.factories import AdminFactory, AgentFactory, add_member
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.choices import EventKind, Priority, State
from supportdesk.tickets.models import Notification, Ticket, TicketEvent

pytestmark = pytest.mark.django_db

FRIDAY_1630_BUDAPEST = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
MONDAY = datetime(2026, 11, 23, tzinfo=UTC)
WORKDAY = ((8 * 60, 17 * 60),)
WARNINGS = [
    {"percent": 75, "audience": ["owner"], "channels": ["in_app"]},
    {"minutes_before": 15, "audience": ["owner"], "channels": ["in_app"]},
]
ESCALATIONS = [
    {
        "after_minutes": 30,
        "actions": [
            {"action": "notify", "audience": ["group_supervisors"], "channels": ["in_app"]},
            {"action": "set_priority", "value": "high"},
            {"action": "add_tag", "value": "Escalated"},
        ],
    }
]


def budapest(day: datetime, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return day.replace(hour=hour - 1, minute=minute)  # CET is UTC+1 in November


class Clock:
    """A settable clock patched over django.utils.timezone.now (the actions and the sweep read it)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def at(self, hhmm: str, day: datetime = MONDAY) -> Clock:
        self.now = budapest(day, hhmm)
        return self


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    frozen = Clock(FRIDAY_1630_BUDAPEST)
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


@pytest.fixture
def policy(admin: User) -> SlaPolicy:
    calendar = calendar_actions.create_calendar(
        admin,
        {"name": "Budapest office", "time_zone": "Europe/Budapest", "holiday_country": "HU", "week": dict.fromkeys(range(5), WORKDAY)},
    )
    return SlaPolicy.objects.create(
        name="Standard", calendar=calendar, targets={"*": {"first_response": 240}}, warnings=WARNINGS, escalations=ESCALATIONS
    )


@pytest.fixture
def supervisor(group: Group) -> User:
    user = AgentFactory.create(email="sue@support.example", full_name="Sue Supervisor", role=Role.SUPERVISOR)
    add_member(group, user, GroupAccess.FULL)
    return user


@pytest.fixture
def owned_ticket(clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User) -> Ticket:
    ticket = make_ticket()
    update_ticket(agent, ticket, {"owner_id": agent.pk})
    return ticket


def first_clock(ticket: Ticket) -> SlaClock:
    return SlaClock.objects.get(ticket=ticket, metric=Metric.FIRST_RESPONSE)


def notes(user: User) -> list[tuple[str, str]]:
    return [(note.kind, note.text) for note in Notification.objects.filter(user=user).order_by("id")]


def sweep_at(clock: Clock, hhmm: str) -> int:
    clock.at(hhmm)
    return run_sla_sweep()


def test_warnings_breach_and_escalation_fire_once_at_their_moments(
    clock: Clock, owned_ticket: Ticket, agent: User, supervisor: User
) -> None:
    ticket = owned_ticket
    assert first_clock(ticket).next_check_at == budapest(MONDAY, "10:30")  # 3 of 4 hours: 0:30 Friday + 2:30 Monday

    assert sweep_at(clock, "10:29") == 0
    assert sweep_at(clock, "10:30") == 1
    text = f"SLA warning: First response due 11/23/2026 10:30 a.m. on {ticket.display_number} Printer on fire"  # owner's zone: UTC
    assert notes(agent) == [("sla_warning", text)]
    assert first_clock(ticket).next_check_at == budapest(MONDAY, "11:15")
    assert sweep_at(clock, "10:31") == 0  # nothing due; the warning does not fire twice
    assert run_sla_sweep(now=budapest(MONDAY, "10:30")) == 0

    assert sweep_at(clock, "11:15") == 1
    assert [kind for kind, _text in notes(agent)] == ["sla_warning", "sla_warning"]
    warnings = TicketEvent.objects.filter(ticket=ticket, kind=EventKind.SLA, data__what="warning").order_by("id")
    assert [event.data["step"] for event in warnings] == ["warn:75%", "warn:-15m"]
    assert first_clock(ticket).next_check_at == budapest(MONDAY, "11:30")

    assert sweep_at(clock, "11:30") == 1
    sla_clock = first_clock(ticket)
    assert sla_clock.breached_at == budapest(MONDAY, "11:30") and sla_clock.fired_steps == ["warn:75%", "warn:-15m", "breach"]
    breach = TicketEvent.objects.filter(ticket=ticket, kind=EventKind.SLA, data__what="breach").get()
    assert breach.data == {"what": "breach", "metric": "first_response", "due_at": "2026-11-23T10:30:00+00:00"}
    assert breach.actor is None
    # The breach tells the first escalation level's audience (the group's supervisor), nobody else.
    assert [kind for kind, _text in notes(supervisor)] == ["sla_breach"]
    assert len(notes(agent)) == 2

    assert sweep_at(clock, "11:59") == 0
    assert sweep_at(clock, "12:00") == 1
    ticket.refresh_from_db()
    assert ticket.priority == Priority.HIGH
    assert list(ticket.tags.values_list("name", flat=True)) == ["escalated"]
    changes = TicketEvent.objects.filter(ticket=ticket, data__reason="sla_escalation").order_by("id")
    assert [(e.kind, e.field, e.old_value, e.new_value, e.data) for e in changes] == [
        (EventKind.CHANGED, "priority", "normal", "high", {"reason": "sla_escalation", "level": 0}),
        (EventKind.TAG_ADDED, "tags", None, "escalated", {"reason": "sla_escalation", "level": 0}),
    ]
    assert TicketEvent.objects.filter(ticket=ticket, kind=EventKind.SLA, data__what="escalated").get().data["level"] == 0
    assert [kind for kind, _text in notes(supervisor)] == ["sla_breach", "sla_escalation"]
    sla_clock = first_clock(ticket)
    assert sla_clock.next_check_at is None and sla_clock.fired_steps == ["warn:75%", "warn:-15m", "breach", "esc:0"]
    assert sorted(SlaFiring.objects.filter(clock=sla_clock).values_list("step", flat=True)) == ["breach", "esc:0", "warn:-15m", "warn:75%"]
    assert sweep_at(clock, "16:00") == 0


def test_escalation_only_raises_the_priority(clock: Clock, owned_ticket: Ticket, agent: User) -> None:
    update_ticket(agent, owned_ticket, {"priority": Priority.URGENT})
    assert sweep_at(clock, "12:00") == 4
    owned_ticket.refresh_from_db()
    assert owned_ticket.priority == Priority.URGENT
    assert not TicketEvent.objects.filter(ticket=owned_ticket, field="priority", data__reason="sla_escalation").exists()


def test_move_to_group_unassigns_an_owner_who_cannot_work_there(
    clock: Clock, owned_ticket: Ticket, policy: SlaPolicy, other_group: Group, agent: User
) -> None:
    policy.escalations = [{"after_minutes": 0, "actions": [{"action": "move_to_group", "value": other_group.pk}]}]
    policy.save()
    assert sweep_at(clock, "11:30") == 4  # both warnings (one superseded), the breach and level 0 with it
    owned_ticket.refresh_from_db()
    assert owned_ticket.group_id == other_group.pk
    assert owned_ticket.owner_id is None
    events = TicketEvent.objects.filter(ticket=owned_ticket, data__reason="sla_escalation").order_by("id")
    assert [(e.field, e.old_value, e.new_value) for e in events] == [("group", "Support", "Billing"), ("owner", agent.email, None)]


def test_a_pending_state_moves_the_warnings_and_a_reply_stops_them(
    clock: Clock, owned_ticket: Ticket, make_ticket: Callable[..., Ticket], agent: User
) -> None:
    answered = make_ticket(subject="Answered soon")
    clock.at("09:00")
    update_ticket(agent, owned_ticket, {"state": State.PENDING_REMINDER, "pending_until": "2026-12-01T09:00:00Z"})
    assert first_clock(owned_ticket).next_check_at is None
    clock.at("10:00")
    add_article(agent, answered, body_text="Fixed it.")
    assert first_clock(answered).next_check_at is None
    update_ticket(agent, owned_ticket, {"state": State.OPEN})  # paused 09:00-10:00: everything an hour later
    assert first_clock(owned_ticket).next_check_at == budapest(MONDAY, "11:30")

    assert sweep_at(clock, "10:30") == 0
    assert sweep_at(clock, "11:29") == 0
    assert sweep_at(clock, "11:30") == 1
    assert sweep_at(clock, "12:30") == 2  # -15m at 12:15 and the breach at 12:30, both due now
    assert first_clock(owned_ticket).breached_at == budapest(MONDAY, "12:30")
    assert not SlaFiring.objects.filter(clock__ticket=answered).exists()
    assert not Notification.objects.filter(ticket=answered).exists()


def test_warnings_due_together_notify_only_the_latest(clock: Clock, owned_ticket: Ticket, agent: User) -> None:
    assert sweep_at(clock, "11:20") == 2
    firings = {firing.step: firing.data for firing in SlaFiring.objects.filter(clock__ticket=owned_ticket)}
    assert firings == {
        "warn:75%": {"due_at": "2026-11-23T10:30:00+00:00", "superseded": True},
        "warn:-15m": {"due_at": "2026-11-23T10:30:00+00:00"},
    }
    assert len(notes(agent)) == 1


def test_a_step_fired_elsewhere_is_not_fired_again(clock: Clock, owned_ticket: Ticket, agent: User) -> None:
    """A worker that read fired_steps before another one wrote them still fires nothing twice."""
    sla_clock = first_clock(owned_ticket)
    SlaFiring.objects.create(clock=sla_clock, step="warn:75%", fired_at=budapest(MONDAY, "10:30"))
    assert sweep_at(clock, "10:30") == 0
    assert notes(agent) == []
    sla_clock.refresh_from_db()
    assert sla_clock.fired_steps == ["warn:75%"] and sla_clock.next_check_at == budapest(MONDAY, "11:15")


def test_a_clock_that_fails_is_retried_later_and_does_not_stop_the_others(
    clock: Clock, owned_ticket: Ticket, make_ticket: Callable[..., Ticket], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = make_ticket(subject="Second")
    from supportdesk.sla import sweep

    original = sweep.ClockSweep._warn

    def broken(self: Any, ticket: Ticket, *args: Any) -> None:
        if ticket.pk == owned_ticket.pk:
            raise RuntimeError("boom")
        original(self, ticket, *args)

    monkeypatch.setattr(sweep.ClockSweep, "_warn", broken)
    assert sweep_at(clock, "10:30") == 1
    assert SlaFiring.objects.filter(clock__ticket=other).count() == 1
    assert not SlaFiring.objects.filter(clock__ticket=owned_ticket).exists()  # rolled back with its effects
    assert first_clock(owned_ticket).next_check_at == clock.now + timedelta(seconds=sweep.RETRY_SECONDS)


# -- audiences and channels --------------------------------------------------------------------


@pytest.fixture
def team(group: Group, agent: User, supervisor: User) -> dict[str, User]:
    boss = AgentFactory.create(email="boss@support.example", full_name="Bo Boss", role=Role.SUPERVISOR)
    add_member(group, boss, GroupAccess.READ)
    AgentProfile.objects.filter(user=agent).update(manager=boss)
    retired = AgentFactory.create(email="old@support.example", role=Role.SUPERVISOR, is_active=False)
    add_member(group, retired, GroupAccess.FULL)
    stranger = AgentFactory.create(email="far@support.example", full_name="Far Away")
    return {"owner": agent, "supervisor": supervisor, "boss": boss, "stranger": stranger}


def test_audiences_are_resolved_deduplicated_and_limited_to_readers(
    clock: Clock, owned_ticket: Ticket, policy: SlaPolicy, team: dict[str, User]
) -> None:
    policy.manager = team["boss"]
    policy.save()
    audience = ["owner", "group_supervisors", "manager", "owner_manager"]
    notified = notify(owned_ticket, policy, audience=audience, channels=["in_app"], kind="sla_warning", data={"metric": "first_response"})
    # The boss is a supervisor of the group, the named manager and the owner's manager: told once.
    assert notified == [team["owner"].pk, team["supervisor"].pk, team["boss"].pk]
    assert Notification.objects.filter(kind="sla_warning").count() == 3

    policy.manager = team["stranger"]  # cannot read the group's tickets: never shown the subject
    assert notify(owned_ticket, policy, audience=["manager"], channels=["in_app"], kind="sla_warning", data={}) == []


def test_group_supervisors_fall_back_to_full_access_admins(clock: Clock, owned_ticket: Ticket, policy: SlaPolicy, group: Group) -> None:
    member_admin = AdminFactory.create(email="root@support.example")
    add_member(group, member_admin, GroupAccess.FULL)
    AdminFactory.create(email="elsewhere@support.example")  # an admin, but not a member of the group
    assert notify(owned_ticket, policy, audience=["group_supervisors"], channels=["in_app"], kind="sla_warning", data={}) == [
        member_admin.pk
    ]


def test_notification_text_is_in_the_recipients_language_and_zone(
    clock: Clock, owned_ticket: Ticket, policy: SlaPolicy, agent: User
) -> None:
    agent.language, agent.time_zone = "de", "America/New_York"
    agent.save()
    data = {"metric": "first_response", "due_at": budapest(MONDAY, "11:30")}
    notify(
        Ticket.objects.select_related("owner", "group").get(pk=owned_ticket.pk),
        policy,
        audience=["owner"],
        channels=["in_app"],
        kind="sla_warning",
        data=data,
    )
    (note,) = Notification.objects.filter(user=agent)
    assert "23.11.2026 05:30" in note.text  # 10:30 UTC is 05:30 in New York; German date format


def test_mail_channel_sends_an_auto_submitted_mail_with_the_link(
    clock: Clock, owned_ticket: Ticket, policy: SlaPolicy, agent: User, django_capture_on_commit_callbacks: Any
) -> None:
    policy.warnings = [{"percent": 75, "audience": ["owner"], "channels": ["email"]}]
    policy.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_at(clock, "10:30") == 1
    (message,) = mail.outbox
    assert message.to == [agent.email]
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.subject == f"SLA warning: First response due 11/23/2026 10:30 a.m. on {owned_ticket.display_number} Printer on fire"
    assert f"/tickets/{owned_ticket.pk}/" in message.body
    assert "\n" not in message.subject
    assert not Notification.objects.exists()  # e-mail only: no in-app row


# -- webhook -----------------------------------------------------------------------------------


class Receiver:
    """A local HTTP server recording requests; answers with the queued statuses, then 200."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                if status in (301, 302, 307):
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/sla?token=abc"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    settings.SUPPORTDESK_SLA_WEBHOOK_ALLOW_LOOPBACK = True
    settings.SUPPORTDESK_SLA_WEBHOOK_BACKOFF_SECONDS = 0
    server = Receiver()
    yield server
    server.close()


def _webhook_policy(policy: SlaPolicy, url: str) -> None:
    policy.webhook_url = url
    policy.warnings = [{"percent": 75, "audience": ["owner"], "channels": ["webhook"]}]
    policy.save()


def test_webhook_posts_signed_json_with_a_delivery_id(
    clock: Clock, owned_ticket: Ticket, policy: SlaPolicy, receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    _webhook_policy(policy, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        sweep_at(clock, "10:30")
    (request,) = receiver.requests
    assert request["path"] == "/hooks/sla?token=abc"
    body = request["body"]
    assert json.loads(body) == {
        "event": "sla_warning",
        "ticket": {
            "id": owned_ticket.pk,
            "number": owned_ticket.display_number,
            "subject": "Printer on fire",
            "priority": "normal",
            "group": "Support",
        },
        "metric": "first_response",
        "due_at": "2026-11-23T10:30:00+00:00",
        "step": "warn:75%",
    }
    expected = hmac.new(webhook.webhook_key(), body, hashlib.sha256).hexdigest()
    assert request["headers"]["X-Supportdesk-Signature"] == f"sha256={expected}"
    assert uuid.UUID(request["headers"]["X-Supportdesk-Delivery"])
    assert request["headers"]["Content-Type"] == "application/json"


def test_webhook_retries_failures_with_the_same_delivery_id_and_never_follows_redirects(
    clock: Clock, owned_ticket: Ticket, policy: SlaPolicy, receiver: Receiver, admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    _webhook_policy(policy, receiver.url)
    receiver.statuses = [500, 302, 503]
    with django_capture_on_commit_callbacks(execute=True):
        sweep_at(clock, "10:30")
    assert len(receiver.requests) == 4
    assert {request["path"] for request in receiver.requests} == {"/hooks/sla?token=abc"}  # the 302 was not followed
    assert len({request["headers"]["X-Supportdesk-Delivery"] for request in receiver.requests}) == 1
    assert not Notification.objects.filter(kind=webhook.FAILED_KIND).exists()


def test_webhook_gives_up_after_the_attempts_and_tells_the_admins(
    clock: Clock, owned_ticket: Ticket, policy: SlaPolicy, receiver: Receiver, admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    _webhook_policy(policy, receiver.url)
    receiver.statuses = [500] * 10
    with django_capture_on_commit_callbacks(execute=True):
        sweep_at(clock, "10:30")
    assert len(receiver.requests) == 6  # the first attempt and five retries
    (alert,) = Notification.objects.filter(kind=webhook.FAILED_KIND)
    assert alert.user == admin and "127.0.0.1" in alert.text and "token" not in alert.text


def test_webhook_to_loopback_is_refused_at_send_time_without_the_test_setting(
    clock: Clock,
    owned_ticket: Ticket,
    policy: SlaPolicy,
    receiver: Receiver,
    admin: User,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _webhook_policy(policy, receiver.url)
    settings.SUPPORTDESK_SLA_WEBHOOK_ALLOW_LOOPBACK = False
    with django_capture_on_commit_callbacks(execute=True):
        sweep_at(clock, "10:30")
    assert receiver.requests == []
    assert Notification.objects.filter(kind=webhook.FAILED_KIND, user=admin).count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8080/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://172.16.5.5/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
        "file:///etc/passwd",
        "gopher://example.com/",
        "ftp://example.com/",
        "http://user:secret@example.com/hook",
        "http://no-such-host.invalid/hook",
        "http://[not-an-address/hook",
    ],
)
def test_unsafe_webhook_targets_are_refused(url: str) -> None:
    with pytest.raises(webhook.UnsafeTarget):
        webhook.check_target(url)
    assert webhook.unsafe_reason(url)


def test_a_public_address_is_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webhook.socket, "getaddrinfo", lambda *args, **kwargs: [(2, 1, 6, "", ("93.184.215.14", 443))])
    target = webhook.check_target("https://hooks.example.com/sla?x=1")
    assert (target.address, target.host_header, target.port, target.path) == ("93.184.215.14", "hooks.example.com", 443, "/sla?x=1")


def test_a_host_with_one_private_address_among_public_ones_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [(2, 1, 6, "", ("93.184.215.14", 80)), (2, 1, 6, "", ("10.0.0.5", 80))]
    monkeypatch.setattr(webhook.socket, "getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(webhook.UnsafeTarget):
        webhook.check_target("http://rebind.example.com/")


# -- recompute --------------------------------------------------------------------------------


def test_calendar_change_recomputes_due_times_and_next_checks(
    clock: Clock, owned_ticket: Ticket, policy: SlaPolicy, admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    assert policy.calendar is not None
    clock.now = FRIDAY_1630_BUDAPEST + timedelta(minutes=10)
    with django_capture_on_commit_callbacks(execute=True):
        calendar_actions.update_calendar(admin, policy.calendar, {"week": dict.fromkeys(range(5), ((9 * 60, 17 * 60),))})
    owned_ticket.refresh_from_db()
    # Friday 16:30-17:00 still counts (it is past); Monday now starts at 09:00: due 12:30, 75% at 11:30.
    assert owned_ticket.first_response_due_at == budapest(MONDAY, "12:30")
    assert first_clock(owned_ticket).next_check_at == budapest(MONDAY, "11:30")


def test_recompute_command_reports_progress(clock: Clock, owned_ticket: Ticket, policy: SlaPolicy) -> None:
    SlaClock.objects.filter(ticket=owned_ticket).update(due_at=None, next_check_at=None)  # as if stale
    Ticket.objects.filter(pk=owned_ticket.pk).update(first_response_due_at=None, sla_due_at=None)
    out, err = StringIO(), StringIO()
    call_command("sla", "recompute", stdout=out, stderr=err)
    assert out.getvalue().strip() == "1 open tickets recomputed."
    assert first_clock(owned_ticket).next_check_at == budapest(MONDAY, "10:30")
    owned_ticket.refresh_from_db()
    assert owned_ticket.first_response_due_at == budapest(MONDAY, "11:30")


def test_a_queued_recompute_is_not_queued_twice(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    from supportdesk.sla.recompute import schedule_recompute

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with django_capture_on_commit_callbacks(execute=True):
        schedule_recompute("calendar 1 changed")
        schedule_recompute("policy 2 changed")
    assert DBTaskResult.objects.filter(task_path="supportdesk.sla.tasks.recompute_sla_task", status="READY").count() == 1
    DBTaskResult.objects.update(status="RUNNING")  # started: a later change needs a new run
    with django_capture_on_commit_callbacks(execute=True):
        schedule_recompute("calendar 1 changed again")
    assert DBTaskResult.objects.filter(task_path="supportdesk.sla.tasks.recompute_sla_task").count() == 2
