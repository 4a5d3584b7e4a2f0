"""The weekly report mail: when it is due, sent once per week even when sweeps repeat, what it says
(KPIs with the change against the week before, in the owner's language), its CSV/XLSX attachments
opened back, failures retried, and the send-now endpoint. Mail goes to the locmem backend."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from supportdesk.accounts.models import Group, GroupMembership, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.email_gateway.sending import SendFailure
from supportdesk.locale.catalog.de_reports_api import REPORTS_API as GERMAN
from supportdesk.reports import mailing, payloads, tabular
from supportdesk.reports.models import ReportSchedule
from supportdesk.reports.scope import report_filter
from supportdesk.reports.tests.dataset import Clock, Dataset, at, build, patch_clock

pytestmark = pytest.mark.django_db

BUDAPEST = ZoneInfo("Europe/Budapest")
MONDAY_0705 = at(9, 7, 5)


@pytest.mark.parametrize(
    ("weekday", "hour", "now", "zone", "due"),
    [
        (0, 7, at(9, 7, 5), UTC, at(9, 7)),  # Monday 07:05: this morning
        (0, 7, at(9, 7), UTC, at(9, 7)),  # exactly on time
        (0, 7, at(9, 6, 59), UTC, at(2, 7)),  # a minute early: last week's
        (0, 7, at(8, 23), UTC, at(2, 7)),  # Sunday night
        (4, 16, at(9, 7), UTC, at(6, 16)),  # Friday afternoon, asked on Monday
        (0, 7, at(9, 6, 30), BUDAPEST, at(9, 6)),  # 07:30 in Budapest is 06:30 UTC (CET)
        (0, 7, at(30, 5, 30), BUDAPEST, at(30, 5)),  # after the change to summer time: CEST, UTC+2
        (6, 2, at(29, 2), BUDAPEST, at(29, 1)),  # 02:00 does not exist on 29 March: the moment of the jump
    ],
)
def test_due_moment(weekday: int, hour: int, now: datetime, zone: ZoneInfo, due: datetime) -> None:
    assert mailing.due_moment(weekday, hour, now, zone) == due


def test_report_days_are_the_seven_days_before() -> None:
    assert mailing.report_days(at(9, 7)) == (date(2026, 3, 2), date(2026, 3, 8))
    assert mailing.report_days(at(8, 23, 30), BUDAPEST) == (date(2026, 3, 2), date(2026, 3, 8))  # already Monday 00:30 there


@pytest.fixture
def clocked(
    monkeypatch: pytest.MonkeyPatch, admin: User, agent: User, outsider: User, group: Group, other_group: Group, customer: User
) -> tuple[Dataset, Clock]:
    clock = patch_clock(monkeypatch, at(1, 0))
    data = build(clock, admin=admin, agent=agent, outsider=outsider, group=group, other_group=other_group, customer=customer)
    return data, clock


def csv_text(content: str | bytes) -> str:
    """A CSV attachment's text (Django keeps text/* attachments as str), byte order mark checked."""
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    assert text.startswith("\ufeff")
    return text[1:]


def schedule_for(user: User, **fields: Any) -> ReportSchedule:
    values: dict[str, Any] = {"name": "Monday numbers", "weekday": 0, "hour": 7, "attach_csv": True, "attach_xlsx": True,
                              "created_at": at(6, 12), **fields}  # fmt: skip
    return ReportSchedule.objects.create(owner=user, **values)


def test_the_sweep_sends_once_per_week(clocked: tuple[Dataset, Clock]) -> None:
    data, clock = clocked
    schedule = schedule_for(data.supervisor)
    clock.now = at(9, 6, 55)
    assert mailing.run_mail_sweep() == 0  # not yet
    clock.now = MONDAY_0705
    assert mailing.run_mail_sweep() == 1
    assert mailing.run_mail_sweep() == 0  # the next sweep, five minutes later or at once
    clock.now = at(9, 7, 10)
    assert mailing.run_mail_sweep() == 0
    assert len(mail.outbox) == 1
    schedule.refresh_from_db()
    assert schedule.last_sent_at == MONDAY_0705
    clock.now = at(16, 7)
    assert mailing.run_mail_sweep() == 1  # the week after
    assert len(mail.outbox) == 2


def test_a_schedule_created_after_the_moment_starts_next_week(clocked: tuple[Dataset, Clock]) -> None:
    data, clock = clocked
    clock.now = at(9, 8)
    schedule_for(data.supervisor, created_at=clock.now)
    assert mailing.run_mail_sweep() == 0
    clock.now = at(16, 7, 1)
    assert mailing.run_mail_sweep() == 1


def test_inactive_schedules_and_owners_get_nothing(clocked: tuple[Dataset, Clock]) -> None:
    data, clock = clocked
    schedule_for(data.supervisor, is_active=False)
    schedule_for(data.outsider)
    User.objects.filter(pk=data.outsider.pk).update(is_active=False)
    clock.now = MONDAY_0705
    assert mailing.run_mail_sweep() == 0
    assert mail.outbox == []


def test_the_mail_says_what_the_dashboard_says(clocked: tuple[Dataset, Clock]) -> None:
    data, clock = clocked
    schedule_for(data.supervisor, filters={"channel": ["email", "web", "phone"]})
    clock.now = MONDAY_0705
    assert mailing.run_mail_sweep() == 1
    (message,) = mail.outbox
    assert message.to == ["sue@support.example"]
    assert message.subject == "Weekly report “Monday numbers”: 03/02/2026 – 03/08/2026"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    text = message.body
    assert "Hello Sue Supervisor," in text
    assert "Channels: E-mail, Web form, Phone" in text
    # Support this week: T1, T2, T3 created (T5 the week before); T1, T2 solved; backlog T3.
    assert "Created: 3 (week before: 1, change: +200.0 %)" in text
    assert "Solved: 2 (week before: 1, change: +100.0 %)" in text
    assert "Backlog: 1 (week before: 0, change: –)" in text
    assert "First contact resolution: 50.0 % (week before: 100.0 %, change: −50.0 %)" in text
    assert "Average handling time: 15 min (week before: 0 s, change: –)" in text
    assert "http://127.0.0.1:8000/reports/?from=2026-03-02&to=2026-03-08" in text
    assert isinstance(message, EmailMultiAlternatives)
    html, mime = message.alternatives[0]
    assert mime == "text/html" and isinstance(html, str)
    assert (
        '<tr data-kpi="created"><td>Created</td><td align="right">3</td><td align="right">1</td><td align="right">+200.0 %</td></tr>'
        in html
    )

    flt = report_filter(data.supervisor, {"channel": ["email", "web", "phone"], "from": "2026-03-02", "to": "2026-03-08"})
    expected = tabular.overview_table(payloads.overview(flt, compare=True))
    names = [name for name, _content, _mime in message.attachments]
    assert names == ["overview-2026-03-02-2026-03-08.csv", "overview-2026-03-02-2026-03-08.xlsx"]
    _name, content, mime = message.attachments[0]
    assert mime == "text/csv"
    rows = list(csv.reader(io.StringIO(csv_text(content))))
    assert rows == [expected.header, *[["" if v is None else str(v) for v in row] for row in expected.rows]]
    _name, content, mime = message.attachments[1]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells == [expected.header, *[[None if v in (None, "") else v for v in row] for row in expected.rows]]
    assert cells[1][:3] == ["Created", "created", 3]


def test_attachments_follow_the_schedule(clocked: tuple[Dataset, Clock]) -> None:
    data, clock = clocked
    schedule_for(data.supervisor, attach_csv=False, attach_xlsx=False)
    clock.now = MONDAY_0705
    mailing.run_mail_sweep()
    assert mail.outbox[0].attachments == []


def test_the_mail_is_in_the_owners_language(clocked: tuple[Dataset, Clock]) -> None:
    data, clock = clocked
    data.supervisor.language = "de"
    data.supervisor.save(update_fields=["language"])
    schedule_for(data.supervisor, name="Montagszahlen")
    clock.now = MONDAY_0705
    mailing.run_mail_sweep()
    (message,) = mail.outbox
    assert message.subject == str(GERMAN["Weekly report “%(name)s”: %(period)s"]) % {
        "name": "Montagszahlen",
        "period": "02.03.2026 – 08.03.2026",
    }
    assert message.subject == "Wochenbericht „Montagszahlen“: 02.03.2026 – 08.03.2026"
    assert message.extra_headers["Content-Language"] == "de"
    assert "Erstellt: 3 (Woche davor: 1, Veränderung: +200,0 %)" in message.body
    assert "Guten Tag Sue Supervisor," in message.body
    header = next(csv.reader(io.StringIO(csv_text(message.attachments[0][1]))))
    assert header == ["Kennzahl", "Schlüssel", "Wert", "Vorperiode", "Veränderung (%)"]
    assert translation.get_language() == "en"  # the sweep leaves the worker's language alone


def test_a_failed_delivery_is_retried_by_a_later_sweep(clocked: tuple[Dataset, Clock], monkeypatch: pytest.MonkeyPatch) -> None:
    data, clock = clocked
    schedule = schedule_for(data.supervisor)
    clock.now = MONDAY_0705
    monkeypatch.setattr(mailing, "send_message", lambda message: SendFailure("SMTP 451 try later", permanent=False))
    assert mailing.run_mail_sweep() == 0
    schedule.refresh_from_db()
    assert schedule.last_sent_at is None  # the claim was given back
    monkeypatch.undo()
    patch_clock(monkeypatch, at(9, 7, 10))
    assert mailing.run_mail_sweep() == 1
    assert len(mail.outbox) == 1


def test_an_unexpected_error_skips_one_schedule_and_keeps_it_due(clocked: tuple[Dataset, Clock], monkeypatch: pytest.MonkeyPatch) -> None:
    data, clock = clocked
    broken = schedule_for(data.supervisor, name="Broken")
    schedule_for(data.agent, name="Fine")
    real = mailing.compose_report_mail

    def compose(schedule: ReportSchedule, **kwargs: Any) -> Any:
        if schedule.name == "Broken":
            raise RuntimeError("bug")
        return real(schedule, **kwargs)

    monkeypatch.setattr(mailing, "compose_report_mail", compose)
    clock.now = MONDAY_0705
    assert mailing.run_mail_sweep() == 1
    assert [message.to for message in mail.outbox] == [["agent@support.example"]]
    broken.refresh_from_db()
    assert broken.last_sent_at is None


def test_an_owner_who_lost_the_group_gets_no_mail(clocked: tuple[Dataset, Clock]) -> None:
    data, clock = clocked
    schedule = schedule_for(data.supervisor, filters={"group": [data.support.pk]})
    GroupMembership.objects.filter(user=data.supervisor).delete()
    clock.now = MONDAY_0705
    assert mailing.run_mail_sweep() == 0
    assert mail.outbox == []
    schedule.refresh_from_db()
    assert schedule.last_sent_at == MONDAY_0705  # not retried every five minutes


def test_send_now_through_the_api(clocked: tuple[Dataset, Clock], monkeypatch: pytest.MonkeyPatch) -> None:
    data, clock = clocked
    schedule = schedule_for(data.supervisor, attach_xlsx=False)
    clock.now = at(9, 10)
    response = ApiClient(data.supervisor).post(f"/api/v1/reports/schedules/{schedule.pk}/send")
    assert response.status_code == 200, response.content
    assert response.json() == {"sent": True, "from": "2026-03-02", "to": "2026-03-08", "recipient": "sue@support.example"}
    (message,) = mail.outbox
    assert [name for name, _c, _m in message.attachments] == ["overview-2026-03-02-2026-03-08.csv"]
    schedule.refresh_from_db()
    assert schedule.last_sent_at is None  # the weekly sending is not affected
    assert ApiClient(data.agent).post(f"/api/v1/reports/schedules/{schedule.pk}/send").status_code == 404
    monkeypatch.setattr(mailing, "send_message", lambda message: SendFailure("SMTP 554 refused", permanent=True))
    failed = ApiClient(data.admin).post(f"/api/v1/reports/schedules/{schedule.pk}/send")
    assert failed.status_code == 502
    assert failed.json()["detail"] == "The mail server did not accept the report mail. Try again later."


def test_the_sweep_is_registered_by_the_lead_through_register_mail_sweep() -> None:
    from supportdesk.core.sweeps import _registry

    mailing.register_mail_sweep()
    sweep = _registry["reports.mail"]
    assert sweep.every_seconds == 300 and sweep.function is mailing.run_mail_sweep


@pytest.mark.django_db(transaction=True)
def test_workers_sweeping_at_once_send_each_mail_once(group: Group) -> None:
    """Four threads with their own connections sweep the same due schedules at the same moment;
    the conditional UPDATE lets exactly one send each. PostgreSQL only (SQLite serialises writers)."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://...")
    from supportdesk.accounts.choices import Role
    from supportdesk.testing.factories import AgentFactory, add_member

    owners = [AgentFactory.create(email=f"sup{n}@support.example", role=Role.SUPERVISOR) for n in range(3)]
    for owner in owners:
        add_member(group, owner)
        schedule_for(owner, attach_xlsx=False)
    barrier = threading.Barrier(4)
    sent: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            sent.append(mailing.run_mail_sweep(now=MONDAY_0705))
        except BaseException as exc:  # surfaced in the test thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sum(sent) == 3
    assert sorted(message.to[0] for message in mail.outbox) == ["sup0@support.example", "sup1@support.example", "sup2@support.example"]
    assert set(ReportSchedule.objects.values_list("last_sent_at", flat=True)) == {MONDAY_0705}
