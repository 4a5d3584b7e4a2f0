"""SLA times in the agent UI (sla.display): compact durations, colours through running, the last
quarter, overdue and paused; the inbox column, sort and filters with a bounded number of queries;
the ticket page's panel; the timeline's SLA sentences. The Budapest Friday ticket of issue 4."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.client import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.sla import actions as calendar_actions
from supportdesk.sla.display import Tone, event_sentence, format_duration, inbox_cells, remaining_text, ticket_panel, tone_for
from supportdesk.sla.models import SlaPolicy
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.choices import Priority, State
from supportdesk.tickets.models import Ticket

FRIDAY_1630_BUDAPEST = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
MONDAY = datetime(2026, 11, 23, tzinfo=UTC)
WORKDAY = ((8 * 60, 17 * 60),)
BUDAPEST = ZoneInfo("Europe/Budapest")


def budapest(hhmm: str, day: datetime = MONDAY) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return day.replace(hour=hour - 1, minute=minute)  # CET is UTC+1 in November


# -- pure formatting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "< 1 min"),
        (59, "< 1 min"),
        (60, "1 min"),
        (35 * 60 + 59, "35 min"),
        (7200, "2 h"),
        (7800, "2 h 10 min"),
        (-2100, "35 min"),
        (26 * 3600, "26 h"),
    ],
)
def test_durations_are_compact_whole_minutes(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("remaining", "target", "overdue", "tone"),
    [
        (3601, 14400, False, Tone.OK),  # just over a quarter of 4 h left
        (3600, 14400, False, Tone.WARN),  # exactly a quarter
        (0, 14400, False, Tone.WARN),  # due at the next opening: nothing left in business time, not yet late
        (0, 14400, True, Tone.OVER),
        (-2100, 14400, True, Tone.OVER),
        (60, None, False, Tone.OK),  # target unknown: only overdue turns red
    ],
)
def test_colours(remaining: int, target: int | None, overdue: bool, tone: Tone) -> None:
    assert tone_for(remaining_seconds=remaining, target_seconds=target, overdue=overdue) == tone


def test_overdue_text() -> None:
    assert remaining_text(-2100, overdue=True) == "overdue 35 min"
    assert remaining_text(-30, overdue=True) == "overdue"  # e.g. due at 17:00 on Friday, read on Saturday
    assert remaining_text(7800, overdue=False) == "2 h 10 min"


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        ({"what": "policy", "policy": "Standard", "policy_id": 1}, "SLA policy Standard applied"),
        ({"what": "met", "metric": "first_response", "by_seconds": 5400}, "First response met (1 h 30 min before the target)"),
        ({"what": "met", "metric": "first_response", "by_seconds": 0}, "First response met (at the target)"),
        ({"what": "breached", "metric": "resolution", "by_seconds": 7200}, "Resolution breached by 2 h"),
        ({"what": "resumed", "metric": "resolution", "cycle": 1}, "Resolution clock resumed"),
        ({"what": "cancelled", "metric": "next_response"}, "Next response clock cancelled (no SLA target applies)"),
        (
            {"what": "breach", "metric": "first_response", "due_at": "2026-11-23T10:30:00+00:00"},
            "First response target breached (due time passed)",
        ),
        ({"what": "warning", "metric": "first_response", "step": "warn:75%"}, "SLA warning: First response, 75% of the target used"),
        ({"what": "warning", "metric": "first_response", "step": "warn:-15m"}, "SLA warning: First response, 15 min before the due time"),
        ({"what": "escalated", "metric": "resolution", "level": 0}, "SLA escalation level 1: Resolution"),
        ({"what": "frobnicated", "metric": "resolution"}, "SLA: frobnicated (Resolution)"),
        ({}, "SLA: ? (SLA)"),
        (None, "SLA: ? (SLA)"),
    ],
)
def test_timeline_sentences_for_every_kind_of_sla_event(data: Any, sentence: str) -> None:
    assert event_sentence(data) == sentence


# -- with tickets ----------------------------------------------------------------------------------


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    frozen = Clock(FRIDAY_1630_BUDAPEST)
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    yield frozen


@pytest.fixture
def policy(admin: User) -> SlaPolicy:
    calendar = calendar_actions.create_calendar(
        admin,
        {"name": "Budapest office", "time_zone": "Europe/Budapest", "holiday_country": "HU", "week": dict.fromkeys(range(5), WORKDAY)},
    )
    return SlaPolicy.objects.create(
        name="Standard",
        calendar=calendar,
        conditions=[{"field": "priority", "op": "is_not", "value": "low"}],  # low-priority tickets have no SLA
        targets={"*": {"first_response": 240, "next_response": 120, "resolution": 1080}, "urgent": {"first_response": 60}},
    )


@pytest.fixture
def budapest_agent(agent: User) -> User:
    agent.time_zone = "Europe/Budapest"
    agent.save(update_fields=["time_zone"])
    return agent


def cell(ticket: Ticket, now: datetime) -> Any:
    ticket.refresh_from_db()
    return inbox_cells([ticket], now=now, tz=BUDAPEST)[ticket.pk]


pytestmark = pytest.mark.django_db


def test_the_friday_ticket_counts_down_in_business_time_and_changes_colour(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    # 20 minutes after creation on Friday: 3 h 40 min left, although the due time is Monday 11:30.
    first = cell(ticket, FRIDAY_1630_BUDAPEST + timedelta(minutes=20))
    assert (first.tone, first.text) == (Tone.OK, "3 h 40 min")
    assert first.title == "First response due 11/23/2026 11:30 a.m. · target 4 h"
    assert (cell(ticket, budapest("10:29")).tone, cell(ticket, budapest("10:29")).text) == (Tone.OK, "1 h 1 min")
    assert (cell(ticket, budapest("10:30")).tone, cell(ticket, budapest("10:30")).text) == (Tone.WARN, "1 h")
    assert (cell(ticket, budapest("12:05")).tone, cell(ticket, budapest("12:05")).text) == (Tone.OVER, "overdue 35 min")
    # Overdue time is business time too: at Monday 18:00 it is 5 h 30 min (11:30-17:00), not 6 h 30 min.
    assert cell(ticket, budapest("18:00")).text == "overdue 5 h 30 min"

    clock.now = budapest("09:00")
    update_ticket(agent, ticket, {"state": State.ON_HOLD})
    paused = cell(ticket, budapest("09:30"))
    assert (paused.tone, paused.text) == (Tone.PAUSED, "paused")


def test_the_ticket_panel_shows_each_target_in_the_agents_time_zone(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User, customer: User, django_assert_max_num_queries: Any
) -> None:
    ticket = make_ticket()
    clock.now = budapest("09:00")
    update_ticket(agent, ticket, {"state": State.ON_HOLD})
    clock.now = budapest("09:35")
    ticket.refresh_from_db()
    with django_assert_max_num_queries(3):
        panel = ticket_panel(ticket, now=clock.now, tz=BUDAPEST)
    assert panel is not None and panel.policy_name == "Standard"
    first, resolution = panel.rows
    assert (first.label, first.status, first.tone, first.note) == (
        "First response",
        "paused, 2 h 30 min left",
        Tone.PAUSED,
        "paused for 35 min",
    )

    update_ticket(agent, ticket, {"state": State.OPEN})
    clock.now = budapest("10:00")
    ticket.refresh_from_db()
    first, resolution = ticket_panel(ticket, now=clock.now, tz=BUDAPEST).rows  # type: ignore[union-attr]
    assert (first.status, first.tone, first.target) == ("2 h 5 min left", Tone.OK, "4 h")
    assert first.due_shown == "11/23/2026 12:05 p.m." and first.note == "paused for 35 min so far"
    # 18 h less 1 h 55 min used: 7 h today, 9 h Tuesday, 5 min on Wednesday.
    assert (resolution.status, resolution.due_shown) == ("16 h 5 min left", "11/25/2026 8:05 a.m.")

    add_article(agent, ticket, body_text="On it.")
    clock.now = budapest("10:30")
    add_article(customer, ticket, body_text="Thanks, and the scanner?")
    clock.now = budapest("13:00")
    ticket.refresh_from_db()
    rows = ticket_panel(ticket, now=clock.now, tz=BUDAPEST).rows  # type: ignore[union-attr]
    assert [(row.label, row.status, row.tone) for row in rows] == [
        ("First response", "met in 1 h 55 min", Tone.OK),  # 30 min Friday, 08:00-09:00 and 09:35-10:00 Monday
        ("Next response", "overdue 30 min", Tone.OVER),  # 2 h from 10:30
        ("Resolution", "13 h 5 min left", Tone.OK),  # 18 h less 30 min Friday, 08:00-09:00 and 09:35-13:00 Monday
    ]


def test_breached_target_in_panel_and_timeline(
    client: Client, clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], budapest_agent: User, customer: User
) -> None:
    ticket = make_ticket()
    clock.now = budapest("13:00")
    add_article(budapest_agent, ticket, body_text="Sorry for the wait.")
    update_ticket(budapest_agent, ticket, {"state": State.SOLVED})
    clock.now = budapest("14:00")
    add_article(customer, ticket, body_text="Still broken.")  # reopens: the resolution clock resumes
    client.force_login(budapest_agent)
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert 'data-testid="sla-panel"' in page and "<strong>Standard</strong>" in page
    assert "breached by 1 h 30 min" in page
    for sentence in (
        "SLA policy Standard applied",
        "First response breached by 1 h 30 min",
        "Resolution met (12 h 30 min before the target)",  # 30 min + 5 h of 18 h
        "Resolution clock resumed",
    ):
        assert sentence in page, sentence


def _subjects(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return [row.ticket.subject for row in response.context["rows"]]


@pytest.fixture
def queue(clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket]) -> dict[str, Ticket]:
    """Due Monday: 'late' at 09:30 (urgent, from 08:30), 'soon' at 11:30 (from Friday 16:30), 'later' at 12:00; 'none' has no SLA."""
    tickets = {"soon": make_ticket(subject="soon")}
    clock.now = budapest("08:00")
    tickets["later"] = make_ticket(subject="later")
    tickets["none"] = make_ticket(subject="none", priority=Priority.LOW)
    clock.now = budapest("08:30")
    tickets["late"] = make_ticket(subject="late", priority=Priority.URGENT)
    return tickets


def test_inbox_sorts_by_sla_due_with_tickets_without_sla_last_across_pages(
    client: Client, clock: Clock, queue: dict[str, Ticket], budapest_agent: User
) -> None:
    clock.now = budapest("10:00")
    client.force_login(budapest_agent)
    assert _subjects(client, "/inbox/?view=open&sort=sla_due_at") == ["late", "soon", "later", "none"]
    first = client.get("/inbox/?view=open&sort=sla_due_at&limit=2")
    assert [row.ticket.subject for row in first.context["rows"]] == ["late", "soon"]
    second = client.get(f"/inbox/?view=open&sort=sla_due_at&limit=2&cursor={first.context['next_cursor']}")
    assert [row.ticket.subject for row in second.context["rows"]] == ["later", "none"]
    assert second.context["next_cursor"] is None
    third = client.get("/inbox/?view=open&sort=sla_due_at&limit=3")
    assert [row.ticket.subject for row in third.context["rows"]] == ["late", "soon", "later"]
    rest = client.get(f"/inbox/?view=open&sort=sla_due_at&limit=3&cursor={third.context['next_cursor']}")
    assert [row.ticket.subject for row in rest.context["rows"]] == ["none"]


def test_inbox_column_and_filters(client: Client, clock: Clock, queue: dict[str, Ticket], budapest_agent: User) -> None:
    clock.now = budapest("10:35")  # 'late' is 65 min overdue, 'soon' has 55 min left (amber), 'later' 1 h 25 min
    late = queue["late"]
    Ticket.objects.filter(pk=queue["later"].pk).update(
        sla_at_risk=True,
        sla_risk={
            "position": 2,
            "backlog": 3,
            "rate_per_hour": 1.0,
            "agents_on_shift": 1,
            "due_at": budapest("12:00").isoformat(),
            "explanation": "queue",
        },
    )
    client.force_login(budapest_agent)
    page = client.get("/inbox/?view=open").content.decode()
    assert (
        f'data-testid="sla-{late.pk}"><span class="sla sla--over" title="First response due 11/23/2026 9:30 a.m. · target 1 h">'
        "overdue 1 h 5 min</span>"
    ) in page
    assert f'data-testid="sla-{queue["soon"].pk}"><span class="sla sla--warn"' in page and ">55 min</span>" in page
    assert f'data-testid="sla-{queue["later"].pk}"><span class="sla sla--ok"' in page
    assert f'data-testid="sla-{queue["none"].pk}"><span class="muted">–</span></td>' in page
    assert "Position 2 of 3 in the group&#x27;s queue · about 1.0 replies per business hour with 1 agent on shift" in page
    assert _subjects(client, "/inbox/?view=open&sla=breached") == ["late"]
    assert _subjects(client, "/inbox/?view=open&sla=due_soon") == ["soon"]
    assert _subjects(client, "/inbox/?view=open&sla=at_risk") == ["later"]
    clock.now = budapest("11:05")
    assert _subjects(client, "/inbox/?view=open&sla=due_soon&sort=sla_due_at") == ["soon", "later"]
    assert _subjects(client, "/inbox/?view=open&sla=breached&sort=sla_due_at") == ["late"]
    refused = client.get("/inbox/?view=open&sla=whenever")
    assert refused.status_code == 200 and "sla: Use breached, at_risk or due_soon." in refused.content.decode()


def test_due_within_one_hour_counts_business_time(
    client: Client, clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], budapest_agent: User
) -> None:
    clock.now = FRIDAY_1630_BUDAPEST - timedelta(minutes=10)
    make_ticket(subject="monday", priority=Priority.URGENT)  # 40 min on Friday, 20 on Monday: due 08:20
    client.force_login(budapest_agent)
    clock.now = FRIDAY_1630_BUDAPEST - timedelta(minutes=15)  # 16:15: 45 business minutes left, 2.7 days on the wall
    assert _subjects(client, "/inbox/?view=open&sla=due_soon") == []
    clock.now = FRIDAY_1630_BUDAPEST + timedelta(minutes=10)  # 16:40: 40 business minutes left
    assert _subjects(client, "/inbox/?view=open&sla=due_soon") == ["monday"]


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_inbox_sla_column_costs_the_same_for_5_or_50_tickets_with_policies(
    client: Client, clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], budapest_agent: User, admin: User
) -> None:
    round_the_clock = SlaPolicy.objects.create(
        name="Urgent 24/7",
        position=0,
        conditions=[{"field": "priority", "op": "is", "value": "urgent"}],
        targets={"*": {"first_response": 30}},
    )
    policy.position = 1
    policy.save()
    clock.now = budapest("08:00")
    for n in range(5):
        make_ticket(subject=f"first {n}", priority=Priority.URGENT if n % 2 else Priority.NORMAL)
    client.force_login(budapest_agent)
    url = "/inbox/?view=open&limit=50&sort=sla_due_at"
    client.get(url)  # warm up the session and the calendar spec cache
    small = _count(client, url)
    for n in range(45):
        make_ticket(subject=f"more {n}", priority=Priority.URGENT if n % 2 else Priority.NORMAL, customer_email=f"c{n}@many.example")
    update_ticket(budapest_agent, Ticket.objects.get(subject="more 3"), {"state": State.ON_HOLD})
    response = client.get(url)
    rows = response.context["rows"]
    assert len(rows) == 50
    assert {row.ticket.sla_policy_id for row in rows} == {policy.pk, round_the_clock.pk}
    assert {row.sla.tone for row in rows} == {Tone.OK, Tone.PAUSED}
    large = _count(client, url)
    assert large == small
    # The SLA column reads the page's running clocks, the policies, and the default calendar (the
    # 24/7 policy names none), whatever the number of rows; calendar specs come from the cache.
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    sla_reads = [q["sql"].split(" WHERE ")[0].rsplit(" FROM ", 1)[1] for q in ctx.captured_queries if ' FROM "sla_' in q["sql"]]
    assert sla_reads == [
        '"sla_slaclock"',
        '"sla_slapolicy" LEFT OUTER JOIN "sla_calendar" ON ("sla_slapolicy"."calendar_id" = "sla_calendar"."id")',
        '"sla_calendar"',
    ]
