"""The translated words of the report pages: KPI and measure names, choices, and the texts reports.js
shows (passed to it as JSON in the page, since a static script cannot translate).

Functions, not module constants, so every label is translated in the request's language.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from supportdesk.reports import measures
from supportdesk.tickets.choices import Channel

BREAKDOWN_NAMES = ("group", "channel", "agent", "organization", "language", "category", "priority")
# Measures whose value is seconds: shown as a duration in the drill-down list.
DURATION_MEASURES = frozenset({*measures.DURATIONS, "handling_seconds", "tracked_seconds"})


def kpi_labels() -> dict[str, str]:
    """Every KPI of metrics.KPI_NAMES, plus the backlog, by name."""
    return {
        "created": _("Created"),
        "solved": _("Solved"),
        "backlog": _("Backlog"),
        "reopened": _("Reopened"),
        "reopen_rate": _("Reopen rate"),
        "fcr_rate": _("First contact resolution"),
        "aht_seconds": _("Average handling time"),
        "replies": _("Replies"),
        "tracked_seconds": _("Tracked time"),
        "frt_wall_median": _("First response time, median (wall clock)"),
        "frt_wall_p90": _("First response time, 90th percentile (wall clock)"),
        "frt_business_median": _("First response time, median (business hours)"),
        "frt_business_p90": _("First response time, 90th percentile (business hours)"),
        "resolution_wall_median": _("Resolution time, median (wall clock)"),
        "resolution_wall_p90": _("Resolution time, 90th percentile (wall clock)"),
        "resolution_business_median": _("Resolution time, median (business hours)"),
        "resolution_business_p90": _("Resolution time, 90th percentile (business hours)"),
        "sla_first_response": _("SLA met: first response"),
        "sla_next_response": _("SLA met: next response"),
        "sla_resolution": _("SLA met: resolution"),
        "csat": _("CSAT"),
        "csat_response_rate": _("CSAT response rate"),
        "nps": _("NPS"),
        "nps_response_rate": _("NPS response rate"),
        "ces": _("CES"),
        "ces_response_rate": _("CES response rate"),
    }


def measure_labels() -> dict[str, str]:
    """The fact measures a drill-down lists (reports.measures), by name."""
    return {
        "created": _("Created"),
        "solved": _("Solved"),
        "reopened": _("Reopened"),
        "reopened_after_solve": _("Solved, then reopened"),
        "done_final": _("Done (solved or closed for good)"),
        "fcr": _("Solved at first contact"),
        "responded": _("First responses"),
        "replies": _("Replies"),
        "handling_seconds": _("Handling time"),
        "tracked_seconds": _("Tracked time"),
        "sla_first_response_met": _("First response SLA met"),
        "sla_first_response_breached": _("First response SLA breached"),
        "sla_next_response_met": _("Next response SLA met"),
        "sla_next_response_breached": _("Next response SLA breached"),
        "sla_resolution_met": _("Resolution SLA met"),
        "sla_resolution_breached": _("Resolution SLA breached"),
        "csat_sent": _("CSAT surveys sent"),
        "csat_responded": _("CSAT surveys answered"),
        "csat_answers": _("CSAT answers"),
        "csat_satisfied": _("Satisfied CSAT answers"),
        "ces_sent": _("CES surveys sent"),
        "ces_responded": _("CES surveys answered"),
        "ces_answers": _("CES answers"),
        "ces_sum": _("CES answers (sum of scores)"),
        "nps_sent": _("NPS surveys sent"),
        "nps_responded": _("NPS surveys answered"),
        "nps_answers": _("NPS answers"),
        "nps_promoters": _("NPS promoters"),
        "nps_detractors": _("NPS detractors"),
        "frt_wall": _("First response time (wall clock)"),
        "frt_business": _("First response time (business hours)"),
        "resolution_wall": _("Resolution time (wall clock)"),
        "resolution_business": _("Resolution time (business hours)"),
    }


def measure_label(name: str) -> str:
    """A KPI's or a measure's name for a heading; the raw name if neither knows it."""
    return kpi_labels().get(name) or measure_labels().get(name) or name


def measure_value_label(measure: str) -> str:
    """The heading of the value column of a drill-down list."""
    if measure in measures.DURATIONS or measure in ("handling_seconds", "tracked_seconds"):
        return measure_labels()[measure]
    return _("Count")


def breakdown_choices() -> list[tuple[str, str]]:
    return [
        ("group", _("Group")),
        ("channel", _("Channel")),
        ("agent", _("Agent")),
        ("organization", _("Organization")),
        ("language", _("Language")),
        ("category", _("Category")),
        ("priority", _("Priority")),
    ]


def breakdown_label(name: str) -> str:
    return dict(breakdown_choices()).get(name, name)


def range_choices() -> list[tuple[str, str]]:
    return [
        ("7d", _("Last 7 days")),
        ("30d", _("Last 30 days")),
        ("90d", _("Last 90 days")),
        ("month", _("This month")),
        ("12m", _("Last 12 months")),
        ("custom", _("Custom range")),
    ]


def interval_choices() -> list[tuple[str, str]]:
    return [("", _("Automatic")), ("day", _("By day")), ("week", _("By week")), ("month", _("By month"))]


def channel_label(key: str) -> str:
    return str(Channel(key).label) if key in Channel.values else key


def format_seconds(seconds: int) -> str:
    """A duration as people read it: '45 s', '12 min', '3 h 05 min', '2 d 4 h'."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return _("%(s)d s") % {"s": seconds}
    minutes = seconds // 60
    if minutes < 60:
        return _("%(m)d min") % {"m": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
    days, hours = divmod(hours, 24)
    return _("%(d)d d %(h)d h") % {"d": days, "h": hours}


def format_value(value: int | None, *, duration: bool) -> str:
    if value is None:
        return "–"
    return format_seconds(value) if duration else str(value)


def js_texts() -> dict[str, Any]:
    """Everything reports.js writes into the page, translated."""
    return {
        "kpi": kpi_labels(),
        "loading": _("Loading…"),
        "failed": _("The report could not be loaded."),
        "no_data": _("No data in this range."),
        "previous": _("previous period: %(value)s"),
        "no_change": _("no change"),
        "response_rate": _("response rate %(value)s"),
        "open_now": _("Open now"),
        "as_of": _("Figures as of %(time)s, updated every minute."),
        "live_at": _("Live, as of %(time)s."),
        "hours": _("Hours"),
        "tickets": _("Tickets"),
        "period_previous": _("%(name)s (previous period)"),
        "unit": {"s": _("%(s)d s"), "min": _("%(m)d min"), "h": _("%(h)d h %(m)02d min"), "d": _("%(d)d d %(h)d h")},
        "open_drilldown": _("Show the tickets behind this number"),
    }
