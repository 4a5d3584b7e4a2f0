"""Who sees which report numbers: request parameters -> a checked ReportFilter for one user.

The API and the report pages both call `report_filter`, so a figure cannot be reached through one
that the other refuses (contract of issue 8, docs/metrics.md):

- admins: everything, with any filters;
- supervisors: the groups they are members of; no group filter means all of them, a group outside
  them is refused (403);
- agents: their own numbers only (the agent filter is forced to themselves; another agent is a 403),
  within their groups as for supervisors;
- customers: nothing (403).

Parameters are strings as they come from a query string (repeatable or comma-separated lists), or
already parsed values; anything malformed is a ValidationFailed naming the parameter, never a 500.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.core.errors import PermissionDenied, ValidationFailed
from supportdesk.reports.queries import MAX_DAYS, ReportFilter
from supportdesk.reports.ticket_facts import local_day
from supportdesk.tickets.access import scope_for
from supportdesk.tickets.choices import Channel

DEFAULT_DAYS = 30
MAX_ID = 2**63 - 1
MAX_VALUES = 100  # ids in one filter: a longer list is a mistake or an attempt to make queries huge
LIST_PARAMETERS = ("group", "channel", "agent", "organization")


def values_of(params: Mapping[str, Any], name: str) -> list[str]:
    """Every value of a list parameter: repeated (?group=1&group=2), comma-separated (?group=1,2)
    or a list already; blanks dropped."""
    getlist = getattr(params, "getlist", None)
    raw: Any = getlist(name) if callable(getlist) else params.get(name)
    if raw is None:
        return []
    items = raw if isinstance(raw, list | tuple | set | frozenset) else [raw]
    values: list[str] = []
    for item in items:
        values.extend(part.strip() for part in str(item).split(","))
    return [value for value in values if value]


def single_value(params: Mapping[str, Any], name: str) -> Any:
    """The last value of a parameter (None when absent), for parameters that are not lists."""
    getlist = getattr(params, "getlist", None)
    if callable(getlist):
        found = getlist(name)
        return found[-1] if found else None
    return params.get(name)


def _ids(params: Mapping[str, Any], name: str) -> tuple[int, ...]:
    values = values_of(params, name)
    if len(values) > MAX_VALUES:
        raise ValidationFailed(_("Too many values."), field_errors={name: _("At most %(count)d values.") % {"count": MAX_VALUES}})
    ids: list[int] = []
    for value in values:
        if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
            raise ValidationFailed(_("Give whole-number ids."), field_errors={name: _("Not a valid id: %(value)s") % {"value": value[:40]}})
        ids.append(int(value))
    return tuple(sorted(set(ids)))


def _channels(params: Mapping[str, Any]) -> tuple[str, ...]:
    values = values_of(params, "channel")
    unknown = [value for value in values if value not in Channel.values]
    if unknown:
        raise ValidationFailed(
            _("Unknown channel."), field_errors={"channel": _("Unknown channel: %(value)s") % {"value": unknown[0][:40]}}
        )
    return tuple(sorted(set(values)))


def _day(params: Mapping[str, Any], name: str) -> date | None:
    value = single_value(params, name)
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationFailed(_("Give dates as YYYY-MM-DD."), field_errors={name: _("Not a date (YYYY-MM-DD).")}) from None


def today() -> date:
    """Today in the instance's time zone, the zone report days are counted in."""
    return local_day(timezone.now())


def date_range(params: Mapping[str, Any]) -> tuple[date, date]:
    """The inclusive local days asked for; the last DEFAULT_DAYS days ending today by default."""
    start, end = _day(params, "from"), _day(params, "to")
    if end is None:
        end = today()
    if start is None:
        start = end - timedelta(days=DEFAULT_DAYS - 1)
    if end < start:
        raise ValidationFailed(_("The range ends before it starts."), field_errors={"to": _("Choose an end on or after the start.")})
    if (end - start).days + 1 > MAX_DAYS:
        message = _("A range can span at most %(days)d days.") % {"days": MAX_DAYS}
        raise ValidationFailed(message, field_errors={"from": message})
    return start, end


def wants_comparison(params: Mapping[str, Any]) -> bool:
    """`compare=previous` asks for the period of the same length before; nothing else is known."""
    value = single_value(params, "compare")
    if value in (None, ""):
        return False
    if value != "previous":
        raise ValidationFailed(_("Unknown comparison."), field_errors={"compare": _("Use compare=previous or leave it out.")})
    return True


def member_groups(user: User) -> tuple[int, ...]:
    """The active groups a supervisor or agent works in (at any access level)."""
    return tuple(sorted(scope_for(user).group_access))


def requested_filters(params: Mapping[str, Any]) -> dict[str, tuple[Any, ...]]:
    """The filters as asked for (parsed and validated, not yet scoped to the user)."""
    return {
        "group": _ids(params, "group"),
        "channel": _channels(params),
        "agent": _ids(params, "agent"),
        "organization": _ids(params, "organization"),
    }


def report_filter(user: User, params: Mapping[str, Any]) -> ReportFilter:
    """The filter this user may run for these parameters (see the module docstring)."""
    if not (user.is_authenticated and user.is_active and user.is_helpdesk_staff):
        raise PermissionDenied(_("Reports are for helpdesk staff."))
    start, end = date_range(params)
    requested = requested_filters(params)
    groups, agents = requested["group"], requested["agent"]
    channels, organizations = requested["channel"], requested["organization"]
    if user.role != Role.ADMIN:
        own = member_groups(user)
        if not own:
            raise PermissionDenied(_("You are not a member of any group, so there are no reports for you."))
        outside = set(groups) - set(own)
        if outside:
            raise PermissionDenied(_("You can only see reports of your own groups."))
        groups = groups or own
        if user.role == Role.AGENT:
            if set(agents) - {user.pk}:
                raise PermissionDenied(_("Agents can only see their own numbers."))
            agents = (user.pk,)
    return ReportFilter(start=start, end=end, groups=groups, channels=channels, agents=agents, organizations=organizations).checked()


def filter_echo(flt: ReportFilter) -> dict[str, list[Any]]:
    """The filters in force (after scoping), as the payloads repeat them."""
    return {"group": list(flt.groups), "channel": list(flt.channels), "agent": list(flt.agents), "organization": list(flt.organizations)}


def checked_cursor(cursor: str | None) -> str | None:
    """A drill-down cursor that decodes to one id in range (the pager keys on -id); a cursor that
    was tampered with is a 422 naming `cursor`, never a database error."""
    if not cursor:
        return None
    invalid = ValidationFailed(_("Invalid cursor."), field_errors={"cursor": _("Invalid cursor.")})
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, UnicodeDecodeError):
        raise invalid from None
    if not (isinstance(values, list) and len(values) == 1 and type(values[0]) is int and 1 <= values[0] <= MAX_ID):
        raise invalid
    return cursor
