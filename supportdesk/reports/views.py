"""Report pages: the supervisor and agent dashboards and the drill-down list (schedules: views_schedules).

The dashboards are shells: the server renders the filter form with the groups, agents and
organizations the user may see, plus the translated labels; static/js/reports.js fetches every
figure from /api/v1/reports/* (one scope, one set of numbers with the API and the exports) and
keeps the state in the query string, so a view can be shared and the back button works.
The drill-down list is rendered here from drilldown.drilldown with the scope's ReportFilter
(reports.scope.report_filter, shared with the API), so the page and its CSV list the same tickets.

Agents have no team dashboard: /reports/ sends them to /reports/me with the same query, where the
agent filter is forced to themselves (by the scope, not by this page).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from supportdesk.accounts.choices import STAFF_ROLES, Role
from supportdesk.accounts.models import Group, Organization, User
from supportdesk.api.scoping import visible_groups, visible_organizations
from supportdesk.core.errors import PermissionDenied, ValidationFailed
from supportdesk.core.pages import guarded_page
from supportdesk.reports import drilldown, payloads
from supportdesk.reports import page_labels as labels
from supportdesk.reports.payloads import DrilldownQuery
from supportdesk.reports.queries import ReportFilter, ReportRangeError, period_start
from supportdesk.reports.scope import checked_cursor, member_groups, report_filter, today
from supportdesk.tickets.choices import Channel

DEFAULT_RANGE = "30d"
FILTER_PARAMS = ("group", "channel", "agent", "organization")
# Every query parameter a dashboard or drill-down link carries (anything else is dropped).
STATE_PARAMS = ("range", "from", "to", "compare", "time", *FILTER_PARAMS, "interval", "breakdown")
MAX_ORGANIZATION_CHOICES = 500  # a select of more is unusable; the URL still takes any id
DRILLDOWN_PAGE_SIZE = 50

Choice = tuple[str, str]  # (value, text) of a select option
FilterField = tuple[str, str, list[tuple[str, str, bool]]]  # (name, label, [(value, text, selected)])


def require_staff(user: User) -> None:
    if not (user.is_active and user.is_helpdesk_staff):
        raise PermissionDenied(_("Only helpdesk staff may see reports."))


def sees_team(user: User) -> bool:
    """Supervisors and admins see their groups' (admins: all) numbers; agents only their own."""
    return user.role in (Role.ADMIN, Role.SUPERVISOR)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


# -- the date range -------------------------------------------------------------------------------


def presets(today: date) -> dict[str, tuple[date, date]]:
    """The preset ranges ending today (the instance's local day): key -> (from, to), both included."""
    months = today.year * 12 + today.month - 1 - 11  # the month eleven months back: 12 whole months
    return {
        "7d": (today - timedelta(days=6), today),
        "30d": (today - timedelta(days=29), today),
        "90d": (today - timedelta(days=89), today),
        "month": (today.replace(day=1), today),
        "12m": (date(months // 12, months % 12 + 1, 1), today),
    }


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class DashboardState:
    """The range of a dashboard as the form shows it (a preset resolved to today's dates)."""

    range: str
    start: date
    end: date


def dashboard_state(params: Mapping[str, Any], today: date) -> DashboardState:
    """A preset wins over from/to, so a shared "last 7 days" link means the last 7 days when opened;
    `range=custom` (or from/to without a range) keeps the dates. Unreadable dates fall back to the
    default range rather than failing the page; the API answers a reversed or too long range."""
    ranges = presets(today)
    chosen = str(params.get("range") or "")
    start, end = _parse_date(params.get("from")), _parse_date(params.get("to"))
    if chosen in ranges:
        return DashboardState(chosen, *ranges[chosen])
    if (chosen == "custom" or not chosen) and start and end:
        return DashboardState("custom", start, end)
    return DashboardState(DEFAULT_RANGE, *ranges[DEFAULT_RANGE])


# -- the choices of the filter form ---------------------------------------------------------------


def filter_choices(user: User) -> dict[str, list[Choice]]:
    """What the filter selects offer: only groups, agents and organizations the user may see."""
    groups = list(visible_groups(user).filter(is_active=True).order_by("name").values_list("pk", "name"))
    group_ids = [pk for pk, _name in groups]
    staff = User.objects.filter(role__in=STAFF_ROLES, is_active=True)
    if not user.is_admin:
        staff = staff.filter(group_memberships__group_id__in=group_ids)
    agents = sorted(
        {(pk, full_name or email) for pk, full_name, email in staff.values_list("pk", "full_name", "email")}, key=lambda a: a[1].lower()
    )
    organizations = visible_organizations(user).order_by("name").values_list("pk", "name")[:MAX_ORGANIZATION_CHOICES]
    return {
        "group": [(str(pk), name) for pk, name in groups],
        "channel": [(str(value), str(label)) for value, label in Channel.choices],
        "agent": [(str(pk), name) for pk, name in agents],
        "organization": [(str(pk), name) for pk, name in organizations],
    }


def _filter_fields(choices: dict[str, list[Choice]], values: Mapping[str, str]) -> list[FilterField]:
    """(name, label, [(value, text, selected)]) of each filter select, in the form's order."""
    names = dict(labels.breakdown_choices())
    return [(name, names[name], [(value, text, value == values.get(name)) for value, text in choices[name]]) for name in FILTER_PARAMS]


def _state_query(params: Mapping[str, Any], state: DashboardState) -> dict[str, str]:
    query = {name: str(params.get(name) or "") for name in STATE_PARAMS}
    query.update({"range": state.range, "from": state.start.isoformat(), "to": state.end.isoformat()})
    return {name: value for name, value in query.items() if value}


def _dashboard(request: HttpRequest, *, team: bool) -> HttpResponse:
    user = _user(request)
    day = today()
    state = dashboard_state(request.GET, day)
    values = _state_query(request.GET, state)
    if not team:
        values["agent"] = str(user.pk)
    config = {
        "mode": "team" if team else "agent",
        "api": "/api/v1/reports/",
        "drilldown": reverse("reports-drilldown"),
        "inbox": reverse("inbox"),
        "self_agent": user.pk,
        "presets": {key: [start.isoformat(), end.isoformat()] for key, (start, end) in presets(day).items()},
        "texts": labels.js_texts(),
    }
    context: dict[str, Any] = {
        "team": team,
        "state": state,
        "values": values,
        "filter_fields": _filter_fields(filter_choices(user), values) if team else [],
        "range_choices": labels.range_choices(),
        "breakdowns": labels.breakdown_choices(),
        "intervals": labels.interval_choices(),
        "config": config,
    }
    return render(request, "reports/dashboard.html" if team else "reports/agent_dashboard.html", context)


@require_GET
@guarded_page(require_staff)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The supervisor dashboard; agents are sent to their own with the same query."""
    if not sees_team(_user(request)):
        query = request.GET.urlencode()
        return HttpResponseRedirect(reverse("reports-me") + (f"?{query}" if query else ""))
    return _dashboard(request, team=True)


@require_GET
@guarded_page(require_staff)
def my_dashboard(request: HttpRequest) -> HttpResponse:
    """Anyone's own numbers (the scope forces the agent filter for agents; the page sets it for all)."""
    return _dashboard(request, team=False)


# -- the drill-down list --------------------------------------------------------------------------


def _key_label(query: DrilldownQuery) -> str:
    """The display name of a breakdown key, as the dashboard's breakdown rows show it."""
    return payloads.key_labels(query.by, [query.key])[query.key] if query.by else ""


def _period_label(target: DrilldownQuery) -> str:
    if target.period is None:
        return ""
    start = period_start(target.period, target.interval)
    if target.interval == "week":
        return _("week from %(day)s") % {"day": date_format(start, "DATE_FORMAT")}
    if target.interval == "month":
        return date_format(start, "YEAR_MONTH_FORMAT")
    return date_format(start, "DATE_FORMAT")


def _filter_labels(flt: ReportFilter, user: User) -> list[str]:
    """Names of the filters in force, except the scope's own defaults (a supervisor's groups)."""
    found: list[str] = []
    explicit_groups = flt.groups if user.is_admin or len(flt.groups) < len(member_groups(user)) else ()
    found += list(Group.objects.filter(pk__in=explicit_groups).order_by("name").values_list("name", flat=True)) if explicit_groups else []
    found += [labels.channel_label(channel) for channel in flt.channels]
    if flt.agents:
        found += [agent.display_name for agent in User.objects.filter(pk__in=flt.agents).order_by("full_name")]
    if flt.organizations:
        found += list(Organization.objects.filter(pk__in=flt.organizations).order_by("name").values_list("name", flat=True))
    return found


def _query_without(params: QueryDict, *names: str) -> str:
    kept = [(name, value) for name, values in params.lists() if name not in names for value in values]
    return urlencode(kept)


@require_GET
@guarded_page(require_staff)
def drilldown_page(request: HttpRequest) -> HttpResponse:
    """The tickets behind one figure, exact values, newest first, with a cursor and exports."""
    user = _user(request)
    dashboard_url = reverse("reports" if sees_team(user) else "reports-me")
    back = f"{dashboard_url}?{_query_without(request.GET, 'cursor', 'format', 'measure', 'by', 'key', 'period', 'interval')}"
    try:
        flt = report_filter(user, request.GET)
        target = payloads.parse_drilldown(request.GET)
        found = drilldown.drilldown(
            user,
            flt,
            target.measure,
            by=target.by,
            key=target.key,
            period=target.period,
            interval=target.interval,
            cursor=checked_cursor(str(request.GET.get("cursor") or "") or None),
            limit=DRILLDOWN_PAGE_SIZE,
        )
    except ValidationFailed as exc:
        return render(request, "reports/drilldown.html", {"error": exc.message, "back": back}, status=422)
    except ReportRangeError as exc:
        return render(request, "reports/drilldown.html", {"error": str(exc), "back": back}, status=422)
    query = _query_without(request.GET, "cursor", "format")
    is_duration = found.measure in labels.DURATION_MEASURES
    context: dict[str, Any] = {
        "flt": flt,
        "target": target,
        "back": back,
        "title": labels.measure_label(target.measure),
        "measure_label": labels.measure_label(found.measure),
        "key_label": _key_label(target),
        "by_label": labels.breakdown_label(target.by) if target.by else "",
        "period_label": _period_label(target),
        "filter_labels": _filter_labels(flt, user),
        "rows": [{"ticket": row.ticket, "value": labels.format_value(row.value, duration=is_duration)} for row in found.rows],
        "value_label": labels.measure_value_label(found.measure),
        "next_query": f"{query}&{urlencode({'cursor': found.next_cursor})}" if found.next_cursor else "",
        "csv_url": f"/api/v1/reports/drilldown?{query}&format=csv",
        "xlsx_url": f"/api/v1/reports/drilldown?{query}&format=xlsx",
    }
    return render(request, "reports/drilldown.html", context)
