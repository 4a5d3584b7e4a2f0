"""The JSON payloads of the reports API (overview, series, breakdown, agents) and the labels of
their keys; the CSV/XLSX exports (reports.tabular) and the weekly mail (reports.mailing) are built
from the same dictionaries, so a download always shows the numbers the dashboard shows.

Every function takes a ReportFilter already checked and scoped by reports.scope; nothing here
decides who may see what. Values follow reports.metrics: counts, percentages with one decimal,
durations in seconds, None where there is nothing to divide by.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supportdesk.accounts.choices import STAFF_ROLES
from supportdesk.accounts.models import Group, GroupMembership, Organization, User
from supportdesk.core.errors import ValidationFailed
from supportdesk.reports import measures, occupancy
from supportdesk.reports.drilldown import MAX_LIMIT, DrilldownRow, drilldown, measure_for
from supportdesk.reports.metrics import KPI_NAMES, change, kpis
from supportdesk.reports.models import NONE_ID, FactQueue
from supportdesk.reports.queries import BREAKDOWNS, INTERVALS, Bucket, ReportFilter, backlog, period_start, sums, totals
from supportdesk.reports.scope import filter_echo, single_value, values_of
from supportdesk.tickets.choices import OPEN_STATES, Channel, Priority
from supportdesk.tickets.models import Ticket

METRICS = (*KPI_NAMES, "backlog")
DEFAULT_METRICS = ("created", "solved", "backlog")
ID_BREAKDOWNS = ("group", "agent", "organization")

KPI_LABELS: dict[str, Promise] = {
    "created": gettext_lazy("Created"),
    "solved": gettext_lazy("Solved"),
    "reopened": gettext_lazy("Reopened"),
    "reopen_rate": gettext_lazy("Reopen rate"),
    "fcr_rate": gettext_lazy("First contact resolution"),
    "aht_seconds": gettext_lazy("Average handling time"),
    "replies": gettext_lazy("Replies"),
    "tracked_seconds": gettext_lazy("Tracked time"),
    "frt_wall_median": gettext_lazy("First response, median"),
    "frt_wall_p90": gettext_lazy("First response, 90th percentile"),
    "frt_business_median": gettext_lazy("First response in business hours, median"),
    "frt_business_p90": gettext_lazy("First response in business hours, 90th percentile"),
    "resolution_wall_median": gettext_lazy("Resolution, median"),
    "resolution_wall_p90": gettext_lazy("Resolution, 90th percentile"),
    "resolution_business_median": gettext_lazy("Resolution in business hours, median"),
    "resolution_business_p90": gettext_lazy("Resolution in business hours, 90th percentile"),
    "sla_first_response": gettext_lazy("First response SLA met"),
    "sla_next_response": gettext_lazy("Next response SLA met"),
    "sla_resolution": gettext_lazy("Resolution SLA met"),
    "csat": gettext_lazy("CSAT"),
    "csat_response_rate": gettext_lazy("CSAT response rate"),
    "nps": gettext_lazy("NPS"),
    "nps_response_rate": gettext_lazy("NPS response rate"),
    "ces": gettext_lazy("CES"),
    "ces_response_rate": gettext_lazy("CES response rate"),
    "backlog": gettext_lazy("Backlog"),
}
PERCENT_KPIS = frozenset(
    {"reopen_rate", "fcr_rate", "sla_first_response", "sla_next_response", "sla_resolution", "csat",
     "csat_response_rate", "nps_response_rate", "ces_response_rate"}
)  # fmt: skip
SECONDS_KPIS = frozenset(name for name in KPI_NAMES if name.endswith(("_seconds", "_median", "_p90")))

# The summed columns each KPI is computed from (counts, durations): a series sums only these.
KPI_INPUTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "created": (("created",), ()),
    "solved": (("solved",), ()),
    "reopened": (("reopened",), ()),
    "reopen_rate": (("reopened_after_solve", "solved"), ()),
    "fcr_rate": (("fcr", "solved"), ()),
    "aht_seconds": (("handling_seconds", "solved"), ()),
    "replies": (("replies",), ()),
    "tracked_seconds": (("tracked_seconds",), ()),
    **{f"{duration}_{stat}": ((), (duration,)) for duration in measures.DURATIONS for stat in ("median", "p90")},
    **{f"sla_{metric}": ((f"sla_{metric}_met", f"sla_{metric}_breached"), ()) for metric in measures.SLA_METRICS},
    "csat": (("csat_satisfied", "csat_answers"), ()),
    "nps": (("nps_promoters", "nps_detractors", "nps_answers"), ()),
    "ces": (("ces_sum", "ces_answers"), ()),
    **{f"{kind}_response_rate": ((f"{kind}_responded", f"{kind}_sent"), ()) for kind in measures.SURVEY_KINDS},
}


def metric_label(name: str) -> str:
    """A KPI's name as people read it, with its unit: "Reopen rate (%)", "Tracked time (s)"."""
    label = str(KPI_LABELS.get(name, name))
    if name in PERCENT_KPIS:
        return f"{label} (%)"
    if name in SECONDS_KPIS:
        return f"{label} ({_('s')})"
    return label


# --- Parameters -----------------------------------------------------------------------------------


def parse_metrics(params: Mapping[str, Any]) -> list[str]:
    names = values_of(params, "metrics") or list(DEFAULT_METRICS)
    unknown = [name for name in names if name not in METRICS]
    if unknown:
        raise ValidationFailed(_("Unknown metric."), field_errors={"metrics": _("Unknown metric: %(name)s") % {"name": unknown[0][:40]}})
    return list(dict.fromkeys(names))


def parse_choice(params: Mapping[str, Any], name: str, choices: Sequence[str], default: str | None) -> str | None:
    values = values_of(params, name)
    if not values:
        return default
    if len(values) > 1 or values[0] not in choices:
        raise ValidationFailed(
            _("Unknown value for %(name)s.") % {"name": name},
            field_errors={name: _("Use one of: %(choices)s") % {"choices": ", ".join(choices)}},
        )
    return values[0]


def parse_interval(params: Mapping[str, Any]) -> str:
    return parse_choice(params, "interval", INTERVALS, "day") or "day"


def parse_breakdown(params: Mapping[str, Any], *, required: bool) -> str | None:
    by = parse_choice(params, "by", BREAKDOWNS, None)
    if by is None and required:
        raise ValidationFailed(
            _("Choose a breakdown."), field_errors={"by": _("Use one of: %(choices)s") % {"choices": ", ".join(BREAKDOWNS)}}
        )
    return by


def parse_key(by: str | None, params: Mapping[str, Any]) -> Any:
    """The breakdown key of a drill-down: an id for groups, agents and organizations (0: none)."""
    value = single_value(params, "key")
    if by is None:
        if value not in (None, ""):
            raise ValidationFailed(_("A key needs a breakdown."), field_errors={"by": _("Give the breakdown the key belongs to.")})
        return None
    if value is None:
        raise ValidationFailed(_("Give the key of the breakdown."), field_errors={"key": _("A key is required with a breakdown.")})
    raw = str(value).strip()
    if by in ID_BREAKDOWNS:
        if not raw.isdigit() or int(raw) > 2**63 - 1:
            raise ValidationFailed(
                _("Give a whole-number key."), field_errors={"key": _("Not a valid id: %(value)s") % {"value": raw[:40]}}
            )
        return int(raw)
    return raw[:64]


# --- Payloads -------------------------------------------------------------------------------------


def as_of() -> datetime:
    """How current the facts are: the oldest change still waiting in the queue, else now."""
    oldest: datetime | None = FactQueue.objects.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return oldest or timezone.now()


def overview(flt: ReportFilter, *, compare: bool) -> dict[str, Any]:
    current = kpis(totals(flt))
    previous_flt = flt.previous() if compare else None
    previous = kpis(totals(previous_flt)) if previous_flt else None
    return {
        "from": flt.start,
        "to": flt.end,
        "previous": {"from": previous_flt.start, "to": previous_flt.end} if previous_flt else None,
        "kpis": current,
        "previous_kpis": previous,
        "changes": {name: change(current[name], previous[name]) for name in KPI_NAMES} if previous else None,
        "backlog": backlog(flt)[-1][1],
        "as_of": as_of(),
        "filters": filter_echo(flt),
    }


def periods(flt: ReportFilter, interval: str) -> list[date]:
    """The start of every period the range touches (the first may begin before the range)."""
    found: list[date] = []
    day = period_start(flt.start, interval)
    while day <= flt.end:
        found.append(day)
        day = period_start(day + timedelta(days={"day": 1, "week": 7}.get(interval, 31)), interval)
    return found


def _points(flt: ReportFilter, metrics: Sequence[str], interval: str) -> list[dict[str, Any]]:
    kpi_metrics = [name for name in metrics if name != "backlog"]
    counts = sorted({column for name in kpi_metrics for column in KPI_INPUTS[name][0]})
    durations = sorted({column for name in kpi_metrics for column in KPI_INPUTS[name][1]})
    buckets: dict[date | None, Bucket] = {}
    if kpi_metrics:
        buckets = {bucket.period: bucket for bucket in sums(flt, interval=interval, counts=counts, durations=durations)}
    backlog_by_period = dict(backlog(flt, interval)) if "backlog" in metrics else {}
    points = []
    for period in periods(flt, interval):
        figures = kpis(buckets.get(period, Bucket()))
        values = {name: backlog_by_period.get(period) if name == "backlog" else figures[name] for name in metrics}
        points.append({"period": period, "values": values})
    return points


def series(flt: ReportFilter, *, metrics: Sequence[str], interval: str, compare: bool) -> dict[str, Any]:
    return {
        "interval": interval,
        "metrics": list(metrics),
        "points": _points(flt, metrics, interval),
        "previous_points": _points(flt.previous(), metrics, interval) if compare else None,
    }


def _names(model: Any, ids: Iterable[int], field: str) -> dict[int, str]:
    return {pk: str(name) for pk, name in model.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", field)}


def _user_names(ids: Iterable[int]) -> dict[int, str]:
    rows = User.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "full_name", "email")
    return {pk: full_name or email for pk, full_name, email in rows}


def language_name(code: str) -> str:
    names = {key: str(name) for key, name in settings.LANGUAGES}
    return names.get(code, code)


EMPTY_LABELS = {
    "channel": lambda: _("No channel"),
    "language": lambda: _("No language"),
    "category": lambda: _("No category"),
    "priority": lambda: _("No priority"),
}


def key_labels(by: str, keys: Iterable[Any]) -> dict[Any, str]:
    """Display names of breakdown keys; deleted groups or users show as #id, "none" keys say so."""
    keys = list(keys)
    if by in ID_BREAKDOWNS:
        found = {"group": lambda: _names(Group, keys, "name"), "agent": lambda: _user_names(keys),
                 "organization": lambda: _names(Organization, keys, "name")}[by]()  # fmt: skip
        none = {"group": _("No group"), "agent": _("Unassigned"), "organization": _("No organization")}[by]
        return {key: none if key == NONE_ID else found.get(key, f"#{key}") for key in keys}
    labels: dict[Any, str] = {}
    for key in keys:
        if key == "":
            labels[key] = EMPTY_LABELS[by]()
        elif by == "channel":
            labels[key] = str(Channel(key).label) if key in Channel.values else key
        elif by == "priority":
            labels[key] = str(Priority(key).label) if key in Priority.values else key
        elif by == "language":
            labels[key] = language_name(key)
        else:
            labels[key] = str(key)
    return labels


BREAKDOWN_LIMIT = 50


def breakdown(flt: ReportFilter, by: str, *, limit: int | None = BREAKDOWN_LIMIT) -> dict[str, Any]:
    """KPIs per key, most tickets created first. With more keys than `limit` (organizations: often
    thousands) only the top ones are summed in full; `more` says how many were left out, and an
    export (limit None) lists them all."""
    ranked = sorted(sums(flt, breakdown=by, counts=["created"], durations=[]), key=lambda b: (-b.sums["created"], str(b.key)))
    more = max(0, len(ranked) - limit) if limit is not None else 0
    keys = [bucket.key for bucket in ranked[:limit]] if more else None
    buckets = sums(flt, breakdown=by, keys=keys)
    labels = key_labels(by, [bucket.key for bucket in buckets])
    rows = [{"key": bucket.key, "label": labels[bucket.key], "kpis": kpis(bucket)} for bucket in buckets]
    rows.sort(key=lambda row: (-row["kpis"]["created"], row["label"].lower(), str(row["key"])))
    return {"by": by, "rows": rows, "more": more}


AGENT_COUNTS = ("solved", "replies", "tracked_seconds", "handling_seconds", "fcr", "csat_satisfied", "csat_answers")


def report_agents(flt: ReportFilter) -> list[int]:
    """Who the agents table lists: staff members of the filtered groups (all active staff without a
    group filter), narrowed by the agent filter."""
    if flt.groups:
        staff = GroupMembership.objects.filter(group_id__in=flt.groups, user__is_active=True, user__role__in=STAFF_ROLES)
        ids = set(staff.values_list("user_id", flat=True))
    else:
        ids = set(User.objects.filter(is_active=True, role__in=STAFF_ROLES).values_list("pk", flat=True))
    return sorted(ids & set(flt.agents) if flt.agents else ids)


def open_now(flt: ReportFilter, agent_ids: Sequence[int]) -> dict[int, int]:
    """Open tickets owned now per agent (live), within the filter's groups, channels, organizations."""
    tickets = Ticket.objects.filter(state__in=OPEN_STATES, owner_id__in=agent_ids)
    if flt.groups:
        tickets = tickets.filter(group_id__in=flt.groups)
    if flt.channels:
        tickets = tickets.filter(channel__in=flt.channels)
    if flt.organizations:
        tickets = tickets.filter(organization_id__in=flt.organizations)
    return dict(tickets.order_by().values("owner_id").annotate(n=Count("id")).values_list("owner_id", "n"))


def agents(flt: ReportFilter, *, now: datetime | None = None) -> dict[str, Any]:
    """One row per agent: workload (open now, solved, replies, tracked time), AHT, FCR, CSAT and
    occupancy. Agents with facts in the range are listed even if they left the group since."""
    now = now or timezone.now()
    figures = {bucket.key: kpis(bucket) for bucket in sums(flt, breakdown="agent", counts=AGENT_COUNTS, durations=[]) if bucket.key}
    ids = sorted(set(report_agents(flt)) | set(figures))
    names = _user_names(ids)
    empty = kpis(Bucket())
    open_counts = open_now(flt, ids)
    occupancies = occupancy.occupancy_by_agent(
        {agent_id: figures.get(agent_id, empty)["tracked_seconds"] for agent_id in ids}, flt, now=now
    )
    rows = []
    for agent_id in ids:
        found = figures.get(agent_id, empty)
        rows.append(
            {
                "agent_id": agent_id,
                "name": names.get(agent_id, f"#{agent_id}"),
                "open_now": open_counts.get(agent_id, 0),
                "solved": found["solved"],
                "replies": found["replies"],
                "tracked_seconds": found["tracked_seconds"],
                "aht_seconds": found["aht_seconds"],
                "fcr_rate": found["fcr_rate"],
                "csat": found["csat"],
                "occupancy": occupancies.get(agent_id),
            }
        )
    rows.sort(key=lambda row: (row["name"].lower(), row["agent_id"]))
    return {"rows": rows}


# --- Drill-down -----------------------------------------------------------------------------------

DRILLDOWN_EXPORT_ROWS = 10_000


@dataclass(frozen=True)
class DrilldownQuery:
    """Which figure to list: a KPI or measure name, maybe one breakdown key and one period."""

    measure: str
    by: str | None = None
    key: Any = None
    period: date | None = None
    interval: str = "day"


def parse_drilldown(params: Mapping[str, Any]) -> DrilldownQuery:
    name = single_value(params, "measure")
    if name in (None, ""):
        raise ValidationFailed(_("Choose a measure."), field_errors={"measure": _("A measure is required.")})
    measure_for(str(name))  # unknown names are a 422 naming `measure`
    by = parse_breakdown(params, required=False)
    period = single_value(params, "period")
    day: date | None = None
    if period not in (None, ""):
        try:
            day = period if isinstance(period, date) else date.fromisoformat(str(period).strip())
        except ValueError:
            raise ValidationFailed(_("Give dates as YYYY-MM-DD."), field_errors={"period": _("Not a date (YYYY-MM-DD).")}) from None
    return DrilldownQuery(measure=str(name), by=by, key=parse_key(by, params), period=day, interval=parse_interval(params))


def drilldown_item(row: DrilldownRow) -> dict[str, Any]:
    ticket = row.ticket
    return {
        "id": ticket.pk,
        "number": ticket.number,
        "subject": ticket.subject,
        "state": ticket.state,
        "group": ticket.group.name,
        "owner": ticket.owner.display_name if ticket.owner else None,
        "customer": ticket.customer.display_name,
        "created_at": ticket.created_at,
        "value": row.value,
    }


def drilldown_payload(user: User, flt: ReportFilter, query: DrilldownQuery, *, cursor: str | None, limit: int) -> dict[str, Any]:
    """One page of the tickets behind a figure (reports.drilldown; visibility as in the inbox)."""
    page = drilldown(
        user, flt, query.measure, by=query.by, key=query.key, period=query.period, interval=query.interval, cursor=cursor, limit=limit
    )
    return {"measure": page.measure, "items": [drilldown_item(row) for row in page.rows], "next_cursor": page.next_cursor}


def drilldown_export(user: User, flt: ReportFilter, query: DrilldownQuery, *, limit: int = DRILLDOWN_EXPORT_ROWS) -> dict[str, Any]:
    """Every ticket behind a figure, up to `limit`, page by page, for a CSV or XLSX download."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    measure = query.measure
    while len(items) < limit:
        page = drilldown_payload(user, flt, query, cursor=cursor, limit=min(MAX_LIMIT, limit - len(items)))
        measure = page["measure"]
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    return {"measure": measure, "items": items, "next_cursor": None}
