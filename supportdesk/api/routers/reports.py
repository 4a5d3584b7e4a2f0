"""REST API of reports (supportdesk.reports): KPIs, series, breakdowns, agents, churn, live tiles,
the tickets behind a figure, and weekly report mails. Staff only; customers get 403.

Common query parameters: `from`/`to` (inclusive local days, ISO dates; default the last 30 days
ending today; at most queries.MAX_DAYS), `compare=previous`, the filters `group`, `channel`,
`agent`, `organization` (repeatable or comma-separated) and `format=json|csv|xlsx` (csv and xlsx
answer with a download; cells made inert, BAD-INPUTS 29). Who sees what is reports.scope: admins
everything, supervisors their groups, agents their own numbers in their groups; a filter outside
that is a 403, a malformed one a 422 naming the parameter. Numbers are read from the report facts,
which the worker keeps about a minute behind (`as_of` says how current they are); the live tiles
and `open_now` are counted from the tickets themselves. Definitions: docs/metrics.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Id, Input, PathId
from supportdesk.reports import payloads, schedules, tabular
from supportdesk.reports.churn import churn
from supportdesk.reports.drilldown import MAX_LIMIT
from supportdesk.reports.live import live_counts
from supportdesk.reports.mailing import send_now
from supportdesk.reports.models import ReportSchedule
from supportdesk.reports.queries import ReportFilter
from supportdesk.reports.scope import checked_cursor, report_filter

router = Router(tags=["reports"])

Format = Literal["json", "csv", "xlsx"]
Interval = Literal["day", "week", "month"]
Breakdown = Literal["group", "channel", "agent", "organization", "language", "category", "priority"]
IdList = Annotated[list[str], Field(default_factory=list, description="Ids, repeated or comma-separated.")]
DOWNLOAD = "With format=csv or format=xlsx the same table comes as a file download (cells starting with = + - @ are made text)."


class ReportParams(Schema):
    """The query parameters every report takes."""

    from_: str | None = Field(None, alias="from", max_length=32, description="First local day, YYYY-MM-DD (default: 29 days before `to`).")
    to: str | None = Field(None, max_length=32, description="Last local day, YYYY-MM-DD, inclusive (default: today).")
    group: IdList
    channel: list[str] = Field(default_factory=list, description="Channels (email, web, portal, ...), repeated or comma-separated.")
    agent: IdList
    organization: IdList
    format: Format = "json"

    def as_params(self) -> dict[str, Any]:
        return {"from": self.from_, "to": self.to, "group": self.group, "channel": self.channel, "agent": self.agent,
                "organization": self.organization}  # fmt: skip


class CompareParams(Schema):
    compare: Literal["previous"] | None = Field(None, description="previous: also the period of the same length before.")


class SeriesParams(CompareParams):
    metrics: list[str] = Field(default_factory=list, description="KPI names or backlog, comma-separated (default created,solved,backlog).")
    interval: Interval = "day"


class BreakdownParams(Schema):
    by: Breakdown


class DrilldownParams(Schema):
    measure: str = Field(max_length=64, description="A KPI name (e.g. frt_wall_median) or a measure (e.g. created).")
    by: Breakdown | None = None
    key: str | None = Field(None, max_length=64, description="The breakdown key (an id for group, agent, organization; 0 for none).")
    period: str | None = Field(None, max_length=32, description="Start of one period of the series (YYYY-MM-DD).")
    interval: Interval = "day"
    cursor: Cursor = None
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


class RangeOut(Schema):
    from_: dt.date = Field(alias="from")
    to: dt.date


class FiltersOut(Schema):
    group: list[int]
    channel: list[str]
    agent: list[int]
    organization: list[int]


class KpisOut(Schema):
    """Counts; percentages (one decimal); seconds; null when there is nothing to divide by."""

    created: int
    solved: int
    reopened: int
    reopen_rate: float | None
    fcr_rate: float | None
    aht_seconds: int | None
    replies: int
    tracked_seconds: int
    frt_wall_median: int | None
    frt_wall_p90: int | None
    frt_business_median: int | None
    frt_business_p90: int | None
    resolution_wall_median: int | None
    resolution_wall_p90: int | None
    resolution_business_median: int | None
    resolution_business_p90: int | None
    sla_first_response: float | None
    sla_next_response: float | None
    sla_resolution: float | None
    csat: float | None
    csat_response_rate: float | None
    nps: float | None
    nps_response_rate: float | None
    ces: float | None
    ces_response_rate: float | None


class OverviewOut(Schema):
    from_: dt.date = Field(alias="from")
    to: dt.date
    previous: RangeOut | None
    kpis: KpisOut
    previous_kpis: KpisOut | None
    changes: dict[str, float | None] | None = Field(description="Change against the previous period in percent.")
    backlog: int = Field(description="Open tickets at the end of the range.")
    as_of: dt.datetime = Field(description="The facts include every change before this moment.")
    filters: FiltersOut


class PointOut(Schema):
    period: dt.date
    values: dict[str, int | float | None]


class SeriesOut(Schema):
    interval: str
    metrics: list[str]
    points: list[PointOut]
    previous_points: list[PointOut] | None


class BreakdownRowOut(Schema):
    key: int | str
    label: str
    kpis: KpisOut


class BreakdownOut(Schema):
    by: str
    rows: list[BreakdownRowOut]
    more: int = Field(0, description="Keys left out: JSON lists the 50 with most tickets created; CSV and XLSX list all.")


class AgentRowOut(Schema):
    agent_id: int
    name: str
    open_now: int = Field(description="Open tickets the agent owns now (live).")
    solved: int
    replies: int
    tracked_seconds: int
    aht_seconds: int | None
    fcr_rate: float | None
    csat: float | None
    occupancy: float | None = Field(description="Tracked time / scheduled working time x 100; null without a working schedule.")


class AgentsOut(Schema):
    rows: list[AgentRowOut]


class ChurnFiguresOut(Schema):
    previous_active: int
    churned: int
    rate: float | None


class ChurnOut(Schema):
    customers: ChurnFiguresOut
    organizations: ChurnFiguresOut


class LiveOut(Schema):
    open: int
    unassigned: int
    at_risk: int
    breached: int


class DrilldownItemOut(Schema):
    id: int
    number: int
    subject: str
    state: str
    group: str
    owner: str | None
    customer: str
    created_at: dt.datetime
    value: int | None = Field(description="The measure for this ticket (seconds for durations).")


class DrilldownOut(Schema):
    measure: str
    items: list[DrilldownItemOut]
    next_cursor: str | None


class ScheduleFiltersIn(Input):
    group: list[Id] = Field(default_factory=list, max_length=100)
    channel: list[str] = Field(default_factory=list, max_length=20)
    agent: list[Id] = Field(default_factory=list, max_length=100)
    organization: list[Id] = Field(default_factory=list, max_length=100)


class ScheduleIn(Input):
    name: str = Field(min_length=1, max_length=schedules.MAX_NAME)
    report: Literal["overview"] = "overview"
    filters: ScheduleFiltersIn = Field(default_factory=ScheduleFiltersIn)
    weekday: int = Field(0, ge=0, le=6, description="0 is Monday.")
    hour: int = Field(7, ge=0, le=23, description="Local hour in the instance's time zone.")
    attach_csv: bool = True
    attach_xlsx: bool = False
    is_active: bool = True


class ScheduleFiltersOut(Schema):
    group: list[int] = Field(default_factory=list)
    channel: list[str] = Field(default_factory=list)
    agent: list[int] = Field(default_factory=list)
    organization: list[int] = Field(default_factory=list)


class ScheduleOut(Schema):
    id: int
    owner_id: int
    name: str
    report: str
    filters: ScheduleFiltersOut
    weekday: int
    hour: int
    attach_csv: bool
    attach_xlsx: bool
    is_active: bool
    last_sent_at: dt.datetime | None
    created_at: dt.datetime


class SentOut(Schema):
    sent: bool
    from_: dt.date = Field(alias="from")
    to: dt.date
    recipient: str


def _answer(report: str, payload: dict[str, Any], fmt: str, *, suffix: str = "") -> dict[str, Any] | HttpResponse:
    return payload if fmt == "json" else tabular.download(report, payload, fmt, suffix=suffix)


def _days(flt: ReportFilter) -> str:
    """The file name suffix of a download: its range."""
    return f"{flt.start.isoformat()}-{flt.end.isoformat()}"


@router.get(
    "/reports/overview",
    response=OverviewOut,
    by_alias=True,
    summary="KPIs of a period, optionally against the one before",
    description=DOWNLOAD,
)
def overview(request: HttpRequest, common: Query[ReportParams], extra: Query[CompareParams]) -> Any:
    flt = report_filter(actor(request), common.as_params())
    payload = payloads.overview(flt, compare=extra.compare == "previous")
    return _answer("overview", payload, common.format, suffix=_days(flt))


@router.get("/reports/series", response=SeriesOut, summary="KPIs per day, week or month", description=DOWNLOAD)
def series(request: HttpRequest, common: Query[ReportParams], extra: Query[SeriesParams]) -> Any:
    flt = report_filter(actor(request), common.as_params())
    metrics = payloads.parse_metrics({"metrics": extra.metrics})
    payload = payloads.series(flt, metrics=metrics, interval=extra.interval, compare=extra.compare == "previous")
    return _answer("series", payload, common.format, suffix=_days(flt))


@router.get("/reports/breakdown", response=BreakdownOut, summary="KPIs per group, channel, agent, organization, ...", description=DOWNLOAD)
def breakdown(request: HttpRequest, common: Query[ReportParams], extra: Query[BreakdownParams]) -> Any:
    flt = report_filter(actor(request), common.as_params())
    limit = payloads.BREAKDOWN_LIMIT if common.format == "json" else None
    return _answer("breakdown", payloads.breakdown(flt, extra.by, limit=limit), common.format, suffix=_days(flt))


@router.get("/reports/agents", response=AgentsOut, summary="Workload, AHT, FCR, CSAT and occupancy per agent", description=DOWNLOAD)
def agents(request: HttpRequest, common: Query[ReportParams]) -> Any:
    flt = report_filter(actor(request), common.as_params())
    return _answer("agents", payloads.agents(flt), common.format, suffix=_days(flt))


@router.get(
    "/reports/churn", response=ChurnOut, summary="Customers and organizations with contact before and none now", description=DOWNLOAD
)
def churn_rates(request: HttpRequest, common: Query[ReportParams]) -> Any:
    flt = report_filter(actor(request), common.as_params())
    return _answer("churn", churn(flt), common.format, suffix=_days(flt))


@router.get("/reports/live", response=LiveOut, summary="Open, unassigned, at-risk and breached tickets now", description=DOWNLOAD)
def live(request: HttpRequest, common: Query[ReportParams]) -> Any:
    user = actor(request)
    flt = report_filter(user, common.as_params())
    return _answer("live", live_counts(user, flt), common.format)


@router.get("/reports/drilldown", response=DrilldownOut, summary="The tickets behind a figure, newest first (cursor paging)")
def drilldown(request: HttpRequest, common: Query[ReportParams], extra: Query[DrilldownParams]) -> Any:
    """format=csv|xlsx exports every ticket behind the figure, up to 10,000, ignoring cursor and limit."""
    user = actor(request)
    flt = report_filter(user, common.as_params())
    query = payloads.parse_drilldown(extra.model_dump())
    if common.format != "json":
        return tabular.download("drilldown", payloads.drilldown_export(user, flt, query), common.format, suffix=_days(flt))
    return payloads.drilldown_payload(user, flt, query, cursor=checked_cursor(extra.cursor), limit=extra.limit)


def schedule_out(schedule: ReportSchedule) -> dict[str, Any]:
    return {name: getattr(schedule, name) for name in ScheduleOut.model_fields}


@router.get("/reports/schedules", response=list[ScheduleOut], summary="Your weekly report mails (admins: everyone's)")
def list_schedules(request: HttpRequest) -> list[dict[str, Any]]:
    return [schedule_out(row) for row in schedules.visible_schedules(actor(request))]


@router.post("/reports/schedules", response={201: ScheduleOut}, summary="Schedule a weekly report mail to yourself")
def create_schedule(request: HttpRequest, payload: ScheduleIn) -> Status[dict[str, Any]]:
    schedule = schedules.create_schedule(actor(request), payload.model_dump())
    return Status(201, schedule_out(schedule))


@router.get("/reports/schedules/{schedule_id}", response=ScheduleOut, summary="One report schedule")
def read_schedule(request: HttpRequest, schedule_id: PathId) -> dict[str, Any]:
    return schedule_out(schedules.access_schedule(actor(request), schedule_id))


@router.put("/reports/schedules/{schedule_id}", response=ScheduleOut, summary="Replace a report schedule")
def replace_schedule(request: HttpRequest, schedule_id: PathId, payload: ScheduleIn) -> dict[str, Any]:
    user = actor(request)
    schedule = schedules.access_schedule(user, schedule_id)
    schedules.update_schedule(user, schedule, payload.model_dump())
    return schedule_out(schedule)


@router.delete("/reports/schedules/{schedule_id}", response={204: None}, summary="Delete a report schedule")
def delete_schedule(request: HttpRequest, schedule_id: PathId) -> Status[None]:
    user = actor(request)
    schedules.delete_schedule(user, schedules.access_schedule(user, schedule_id))
    return Status(204, None)


@router.post("/reports/schedules/{schedule_id}/send", response=SentOut, by_alias=True, summary="Mail a report schedule now")
def send_schedule(request: HttpRequest, schedule_id: PathId) -> dict[str, Any]:
    """Mails the last seven whole days to the schedule's owner; the weekly sending is unchanged.
    502 when the mail server does not accept it."""
    schedule = schedules.access_schedule(actor(request), schedule_id)
    start, end = send_now(schedule)
    return {"sent": True, "from": start, "to": end, "recipient": schedule.owner.email}
