"""Weekly report mails: creating, changing and deleting a user's schedules (reports.mailing sends).

Staff only. Each schedule belongs to the user who created it and mails them; users see and change
their own, admins every schedule. Filters are stored as asked for (group, channel, agent and
organization lists) and checked against the owner's report scope (reports.scope) when saved and
again at every sending, so a supervisor cannot schedule another group's numbers and loses them
when leaving the group. Unknown fields are refused, never dropped (BAD-INPUTS 33).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed, reject_unknown_fields
from supportdesk.reports.models import ReportSchedule
from supportdesk.reports.scope import LIST_PARAMETERS, report_filter, requested_filters, today

FIELDS = ("name", "report", "filters", "weekday", "hour", "attach_csv", "attach_xlsx", "is_active")
REPORTS = ("overview",)
MAX_NAME = 120
MAX_SCHEDULES_PER_OWNER = 50
BOOLEAN_FIELDS = ("attach_csv", "attach_xlsx", "is_active")


class ScheduleNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(_("Report schedule not found."))


def require_staff(user: User) -> None:
    if not (user.is_authenticated and user.is_active and user.is_helpdesk_staff):
        raise PermissionDenied(_("Reports are for helpdesk staff."))


def visible_schedules(user: User) -> QuerySet[ReportSchedule]:
    """The schedules a user may see and change: their own; admins all."""
    require_staff(user)
    rows = ReportSchedule.objects.select_related("owner")
    return rows if user.is_admin else rows.filter(owner=user)


def access_schedule(user: User, schedule_id: int) -> ReportSchedule:
    """One schedule of `visible_schedules`; another user's and a missing one are the same 404."""
    schedule = visible_schedules(user).filter(pk=schedule_id).first()
    if schedule is None:
        raise ScheduleNotFound()
    return schedule


def _integer(value: Any, name: str, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise ValidationFailed(_("Invalid schedule."), field_errors={name: _("Give a whole number from 0 to %(high)d.") % {"high": high}})
    return value


def clean_filters(owner: User, value: Any) -> dict[str, list[Any]]:
    """Filters in the stored shape (non-empty lists only), refused when the owner may not use them."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationFailed(_("Invalid schedule."), field_errors={"filters": _("Give the filters as an object of lists.")})
    unknown = sorted(set(value) - set(LIST_PARAMETERS))
    if unknown:
        raise ValidationFailed(_("Unknown fields."), field_errors={f"filters.{name}"[:200]: _("Unknown field.") for name in unknown})
    for name, values in value.items():
        if not isinstance(values, list | tuple) or not all(isinstance(item, int | str) and not isinstance(item, bool) for item in values):
            raise ValidationFailed(_("Invalid schedule."), field_errors={f"filters.{name}": _("Give a list of values.")})
    params = {name: [str(item) for item in values] for name, values in value.items()}
    try:
        parsed = requested_filters(params)
    except ValidationFailed as exc:
        raise ValidationFailed(exc.message, field_errors={f"filters.{key}": text for key, text in exc.field_errors.items()}) from None
    day = today()
    report_filter(owner, {**params, "from": day, "to": day})  # PermissionDenied outside the owner's scope
    return {name: list(values) for name, values in parsed.items() if values}


def clean_schedule(owner: User, data: Mapping[str, Any], *, current: ReportSchedule | None = None) -> dict[str, Any]:
    """Validated field values; on an update, fields not given keep their current values."""
    reject_unknown_fields(data, FIELDS)
    cleaned: dict[str, Any] = {}
    if "name" in data or current is None:
        name = " ".join(str(data.get("name") or "").split())
        if not name or len(name) > MAX_NAME:
            message = _("Give a name of at most %(count)d characters.") % {"count": MAX_NAME}
            raise ValidationFailed(message, field_errors={"name": message})
        cleaned["name"] = name
    if "report" in data:
        if data["report"] not in REPORTS:
            raise ValidationFailed(
                _("Unknown report."), field_errors={"report": _("Use one of: %(choices)s") % {"choices": ", ".join(REPORTS)}}
            )
        cleaned["report"] = data["report"]
    if "filters" in data:
        cleaned["filters"] = clean_filters(owner, data["filters"])
    if "weekday" in data:
        cleaned["weekday"] = _integer(data["weekday"], "weekday", 6)
    if "hour" in data:
        cleaned["hour"] = _integer(data["hour"], "hour", 23)
    for name in BOOLEAN_FIELDS:
        if name in data:
            if not isinstance(data[name], bool):
                raise ValidationFailed(_("Invalid schedule."), field_errors={name: _("Give true or false.")})
            cleaned[name] = data[name]
    return cleaned


def create_schedule(user: User, data: Mapping[str, Any]) -> ReportSchedule:
    """A new schedule owned by `user`; it first sends at its next weekday and hour."""
    require_staff(user)
    cleaned = clean_schedule(user, data)
    with transaction.atomic():
        # Lock the owner's row so two requests cannot both pass the count check.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if ReportSchedule.objects.filter(owner=user).count() >= MAX_SCHEDULES_PER_OWNER:
            raise ValidationFailed(_("You have too many report schedules; delete one first."))
        return ReportSchedule.objects.create(owner=user, **cleaned)


def update_schedule(user: User, schedule: ReportSchedule, data: Mapping[str, Any]) -> list[str]:
    """Change the given fields of a schedule `user` may access; filters are checked against the
    owner's scope (the mail goes to the owner). Returns the names of the fields that changed."""
    require_staff(user)
    cleaned = clean_schedule(schedule.owner, data, current=schedule)
    changed = [name for name, value in cleaned.items() if getattr(schedule, name) != value]
    for name in changed:
        setattr(schedule, name, cleaned[name])
    if changed:
        schedule.save(update_fields=changed)
    return changed


def delete_schedule(user: User, schedule: ReportSchedule) -> None:
    require_staff(user)
    schedule.delete()
