"""A ticket's contributions to the report days: pure functions from its loaded history to fact rows.

Each row is one (local day, agent) of one ticket with the counts and durations that happened that
day (reports.measures). "Agent" is the ticket's owner for what the ticket did (created, solved,
reopened, times, SLA, surveys) and the author for the work an agent did (public replies, tracked
time), so an agent's workload counts their own replies on tickets they do not own. Definitions are
those of docs/metrics.md; the loader (reports.loading) gathers the inputs for many tickets at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from supportdesk.reports.models import NONE_ID

DONE = frozenset({"solved", "closed", "merged"})
SOLVED = frozenset({"solved", "closed"})
CATEGORY_FIELD = "type"  # the custom field the AI classifies as the ticket type (ai.training.TYPE_FIELD)


@dataclass
class StateChange:
    at: datetime
    old: str
    new: str


@dataclass
class PublicReply:
    at: datetime
    author_id: int | None


@dataclass
class TrackedTime:
    at: datetime
    author_id: int | None
    seconds: int


@dataclass
class ClockOutcome:
    metric: str
    cycle: int
    outcome: str
    stopped_at: datetime | None
    breached_at: datetime | None
    business_seconds: int | None


@dataclass
class SurveyFacts:
    kind: str
    agent_id: int | None
    sent_at: datetime | None
    answered_at: datetime | None = None
    score: int | None = None
    satisfied: bool | None = None


@dataclass
class TicketHistory:
    """Everything the facts of one ticket are computed from."""

    ticket_id: int
    created_at: datetime
    group_id: int
    channel: str
    owner_id: int | None
    organization_id: int | None
    customer_id: int | None
    language: str
    category: str
    priority: str
    state: str
    solved_at: datetime | None
    closed_at: datetime | None
    first_response_at: datetime | None
    updated_at: datetime
    state_changes: list[StateChange] = field(default_factory=list)
    replies: list[PublicReply] = field(default_factory=list)
    tracked: list[TrackedTime] = field(default_factory=list)
    clocks: list[ClockOutcome] = field(default_factory=list)
    surveys: list[SurveyFacts] = field(default_factory=list)


def report_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_day(moment: datetime, zone: ZoneInfo | None = None) -> date:
    """The day of the instance's time zone a moment falls on (reports count local days)."""
    return moment.astimezone(zone or report_zone()).date()


def category_of(custom_fields: Any) -> str:
    value = custom_fields.get(CATEGORY_FIELD) if isinstance(custom_fields, dict) else None
    return str(value)[:64] if value not in (None, "") else ""


class RowBuilder:
    """Collects a ticket's rows keyed by (day, agent); the dimensions are the ticket's current ones."""

    def __init__(self, dimensions: dict[str, Any], zone: ZoneInfo) -> None:
        self.dimensions = dimensions
        self.zone = zone
        self.rows: dict[tuple[date, int], dict[str, Any]] = {}

    def row(self, moment: datetime, agent_id: int | None) -> dict[str, Any]:
        key = (local_day(moment, self.zone), agent_id or NONE_ID)
        if key not in self.rows:
            self.rows[key] = {**self.dimensions, "day": key[0], "agent_id": key[1]}
        return self.rows[key]

    def add(self, moment: datetime, agent_id: int | None, measure: str, amount: int = 1) -> None:
        row = self.row(moment, agent_id)
        row[measure] = row.get(measure, 0) + amount


def first_solve(history: TicketHistory) -> datetime | None:
    """When the ticket was first solved or closed: from the state log, else the ticket's own stamps
    (tickets imported or seeded without a log)."""
    for change in history.state_changes:
        if change.new in SOLVED and change.old not in SOLVED:
            return change.at
    stamps = [stamp for stamp in (history.solved_at, history.closed_at) if stamp is not None]
    return min(stamps) if stamps and history.state in SOLVED else None


def reopenings(history: TicketHistory) -> list[datetime]:
    return [change.at for change in history.state_changes if change.old in DONE and change.new not in DONE]


def final_done_at(history: TicketHistory) -> datetime | None:
    """When the ticket entered the done state it is in now; None while it is open."""
    if history.state not in DONE:
        return None
    entered = None
    for change in history.state_changes:
        if change.new in DONE and change.old not in DONE:
            entered = change.at
    if entered is not None:
        return entered
    return history.solved_at or history.closed_at or history.updated_at


def _business(history: TicketHistory, metric: str, wall: int) -> int:
    """Business seconds of the ticket's first clock of a metric, when that clock has stopped;
    wall time for tickets without an SLA."""
    for clock in history.clocks:
        if clock.metric == metric and clock.cycle == 1 and clock.business_seconds is not None and clock.stopped_at is not None:
            return clock.business_seconds
    return wall


def _seconds(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds()))


def ticket_rows(history: TicketHistory, zone: ZoneInfo | None = None) -> list[dict[str, Any]]:
    """The fact rows of one ticket (see the module docstring); merged tickets count as created
    (and in the backlog until merged) but never as solved."""
    zone = zone or report_zone()
    dimensions = {
        "ticket_id": history.ticket_id,
        "invitation_id": None,
        "group_id": history.group_id or NONE_ID,
        "channel": history.channel,
        "organization_id": history.organization_id or NONE_ID,
        "customer_id": history.customer_id or NONE_ID,
        "language": history.language,
        "category": history.category,
        "priority": history.priority,
    }
    rows = RowBuilder(dimensions, zone)
    owner = history.owner_id
    rows.add(history.created_at, owner, "created")
    if history.first_response_at is not None:
        wall = _seconds(history.created_at, history.first_response_at)
        row = rows.row(history.first_response_at, owner)
        row["responded"] = row.get("responded", 0) + 1
        row["frt_wall"] = wall
        row["frt_business"] = _business(history, "first_response", wall)
    for reply in history.replies:
        rows.add(reply.at, reply.author_id, "replies")
    for entry in history.tracked:
        rows.add(entry.at, entry.author_id, "tracked_seconds", entry.seconds)
    reopened_at = reopenings(history)
    for moment in reopened_at:
        rows.add(moment, owner, "reopened")
    solved_at = first_solve(history)
    if solved_at is not None:
        wall = _seconds(history.created_at, solved_at)
        row = rows.row(solved_at, owner)
        reopened_later = any(moment > solved_at for moment in reopened_at)
        replies_before = sum(1 for reply in history.replies if reply.at <= solved_at)
        row["solved"] = row.get("solved", 0) + 1
        row["resolution_wall"] = wall
        row["resolution_business"] = _business(history, "resolution", wall)
        row["reopened_after_solve"] = row.get("reopened_after_solve", 0) + int(reopened_later)
        row["fcr"] = row.get("fcr", 0) + int(replies_before == 1 and not reopened_later)
        row["handling_seconds"] = row.get("handling_seconds", 0) + sum(entry.seconds for entry in history.tracked)
    done_at = final_done_at(history)
    if done_at is not None:
        rows.add(done_at, owner, "done_final")
    for clock in history.clocks:
        if clock.breached_at is not None:
            rows.add(clock.breached_at, owner, f"sla_{clock.metric}_breached")
        elif clock.outcome == "met" and clock.stopped_at is not None:
            rows.add(clock.stopped_at, owner, f"sla_{clock.metric}_met")
    for survey in history.surveys:
        add_survey(rows, survey, owner)
    return list(rows.rows.values())


def add_survey(rows: RowBuilder, survey: SurveyFacts, owner: int | None) -> None:
    """A delivered invitation counts on its delivery day (and as responded there once answered);
    its answer counts on the answer day. Both for the agent the invitation names."""
    agent = survey.agent_id if survey.agent_id is not None else owner
    kind = survey.kind
    if survey.sent_at is not None:
        rows.add(survey.sent_at, agent, f"{kind}_sent")
        if survey.answered_at is not None:
            rows.add(survey.sent_at, agent, f"{kind}_responded")
    if survey.answered_at is None or survey.score is None:
        return
    rows.add(survey.answered_at, agent, f"{kind}_answers")
    if kind == "csat" and survey.satisfied:
        rows.add(survey.answered_at, agent, "csat_satisfied")
    elif kind == "ces":
        rows.add(survey.answered_at, agent, "ces_sum", survey.score)
    elif kind == "nps":
        if survey.score >= 9:
            rows.add(survey.answered_at, agent, "nps_promoters")
        elif survey.score <= 6:
            rows.add(survey.answered_at, agent, "nps_detractors")


def invitation_rows(invitation: dict[str, Any], survey: SurveyFacts, zone: ZoneInfo | None = None) -> list[dict[str, Any]]:
    """Rows of a periodic NPS invitation that belongs to no ticket, keyed by what it records."""
    dimensions = {
        "ticket_id": None,
        "invitation_id": invitation["id"],
        "group_id": invitation["group_id"] or NONE_ID,
        "channel": invitation["ticket_channel"] or "",
        "organization_id": invitation["organization_id"] or NONE_ID,
        "customer_id": invitation["customer_id"] or NONE_ID,
        "language": invitation["language"] or "",
        "category": "",
        "priority": "",
    }
    rows = RowBuilder(dimensions, zone or report_zone())
    add_survey(rows, survey, None)
    return list(rows.rows.values())


def rows_key(rows: Iterable[dict[str, Any]]) -> set[tuple[Any, ...]]:
    """A comparable form of fact rows, to find the days whose facts really changed."""
    return {tuple(sorted((name, value) for name, value in row.items() if name != "id")) for row in rows}
