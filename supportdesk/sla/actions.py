"""Creating, changing and deleting calendars (admins only).

A calendar is validated as a whole before anything is written: every rule that spans rows (no
overlapping intervals in a day, a date not both closed and an extra working day, a region that
belongs to the country) is checked here, and errors name the offending field, e.g.
`week.monday` or `extra_days[2]`. Rules given in a change replace the stored ones wholesale.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict, PermissionDenied, ValidationFailed, reject_unknown_fields
from supportdesk.sla import recompute
from supportdesk.sla.choices import WEEKDAY_KEYS
from supportdesk.sla.intervals import DayHours, Interval, day_error
from supportdesk.sla.models import Calendar, ClosedDay, ExtraWorkingDay, ExtraWorkingHours, WorkingHours
from supportdesk.sla.public_holidays import MAX_YEAR, MIN_YEAR, RegionError, canonical_region
from supportdesk.sla.selectors import with_rules
from supportdesk.sla.zones import time_zone_error

logger = logging.getLogger(__name__)

SCALAR_FIELDS = ("name", "time_zone", "holiday_country", "holiday_subdivision", "national_workdays", "is_default")
RULE_FIELDS = ("week", "closed_days", "extra_days")
EDITABLE_FIELDS = SCALAR_FIELDS + RULE_FIELDS
MAX_NAME = 100
MAX_CUSTOM_DAYS = 1000


@dataclass(frozen=True)
class DayOff:
    """A custom closed day."""

    date: date
    name: str = ""


@dataclass(frozen=True)
class ExtraDay:
    """An extra working day with its own hours."""

    date: date
    intervals: Sequence[Interval] = field(default_factory=tuple)
    name: str = ""


def _require_admin(actor: User) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionDenied(_("Only admins may change calendars."))


def create_calendar(actor: User, values: Mapping[str, Any]) -> Calendar:
    """Create a calendar from EDITABLE_FIELDS values; `name` and `week` are required.

    `week` maps weekday numbers (Monday 0) to (start, end) minute intervals; `closed_days` is a
    list of DayOff and `extra_days` of ExtraDay. Marking it default unmarks the previous default.
    """
    _require_admin(actor)
    reject_unknown_fields(values, EDITABLE_FIELDS)
    missing = [name for name in ("name", "week") if name not in values]
    if missing:
        raise ValidationFailed(_("Please correct the calendar."), field_errors=dict.fromkeys(missing, _("Required.")))
    merged = {"time_zone": "UTC", "holiday_country": "", "holiday_subdivision": "", "national_workdays": True, "is_default": False}
    merged.update(values)
    merged.setdefault("closed_days", [])
    merged.setdefault("extra_days", [])
    clean = _clean(merged)
    calendar = Calendar(**{name: clean[name] for name in SCALAR_FIELDS})
    with transaction.atomic():
        _save(calendar)
        _write_rules(calendar, clean)
        if calendar.is_default:  # policies without a calendar of their own now count in this one
            _recompute_after_commit(f"calendar {calendar.pk} created")
    logger.info("calendar %s created by user %s", calendar.pk, actor.pk)
    return with_rules(Calendar.objects.filter(pk=calendar.pk)).get()


def update_calendar(actor: User, calendar: Calendar, changes: Mapping[str, Any]) -> list[str]:
    """Apply changes (rules given replace the stored ones); returns the names of the changed fields."""
    _require_admin(actor)
    reject_unknown_fields(changes, EDITABLE_FIELDS)
    merged: dict[str, Any] = {name: getattr(calendar, name) for name in SCALAR_FIELDS}
    merged.update(_stored_rules(calendar))
    merged.update(changes)
    clean = _clean(merged)
    changed = [name for name in SCALAR_FIELDS if getattr(calendar, name) != clean[name]]
    changed += [name for name in RULE_FIELDS if name in changes]
    if not changed:
        return []
    for name in SCALAR_FIELDS:
        setattr(calendar, name, clean[name])
    with transaction.atomic():
        _save(calendar)  # also moves updated_at, the key of cached specs
        _write_rules(calendar, clean, only=[name for name in RULE_FIELDS if name in changes])
        _recompute_after_commit(f"calendar {calendar.pk} changed")
    logger.info("calendar %s changed by user %s: %s", calendar.pk, actor.pk, ", ".join(changed))
    return changed


def delete_calendar(actor: User, calendar: Calendar) -> None:
    """Delete a calendar and its rules."""
    _require_admin(actor)
    calendar_id = calendar.pk
    try:
        with transaction.atomic():
            calendar.delete()
            _recompute_after_commit(f"calendar {calendar_id} deleted")
    except ProtectedError as exc:
        raise Conflict(_("SLA policies use this calendar; give them another calendar first.")) from exc
    logger.info("calendar %s deleted by user %s", calendar_id, actor.pk)


def _recompute_after_commit(reason: str) -> None:
    """Due times count in calendars: after a change, open tickets' clocks are recomputed in the background."""
    transaction.on_commit(lambda: recompute.schedule_recompute(reason))


def _save(calendar: Calendar) -> None:
    try:
        with transaction.atomic():
            if calendar.is_default:
                Calendar.objects.filter(is_default=True).exclude(pk=calendar.pk).update(is_default=False)
            calendar.save()
    except IntegrityError as exc:
        if Calendar.objects.filter(name=calendar.name).exclude(pk=calendar.pk).exists():
            raise Conflict(_("A calendar with this name exists already."), field_errors={"name": _("Already in use.")}) from exc
        raise Conflict(_("Another calendar was made the default at the same time; try again.")) from exc


def _write_rules(calendar: Calendar, clean: Mapping[str, Any], *, only: Iterable[str] = RULE_FIELDS) -> None:
    only = set(only)
    if "week" in only:
        calendar.working_hours.all().delete()
        WorkingHours.objects.bulk_create(
            WorkingHours(calendar=calendar, weekday=weekday, start_minute=start, end_minute=end)
            for weekday, hours in enumerate(clean["week"])
            for start, end in hours
        )
    if "closed_days" in only:
        calendar.closed_days.all().delete()
        ClosedDay.objects.bulk_create(ClosedDay(calendar=calendar, date=day.date, name=day.name) for day in clean["closed_days"])
    if "extra_days" in only:
        calendar.extra_days.all().delete()
        days = ExtraWorkingDay.objects.bulk_create(
            ExtraWorkingDay(calendar=calendar, date=day.date, name=day.name) for day in clean["extra_days"]
        )
        ExtraWorkingHours.objects.bulk_create(
            ExtraWorkingHours(day=row, start_minute=start, end_minute=end)
            for row, day in zip(days, clean["extra_days"], strict=True)
            for start, end in day.intervals
        )


def _stored_rules(calendar: Calendar) -> dict[str, Any]:
    week: list[list[Interval]] = [[] for _day in range(7)]
    for row in calendar.working_hours.all():
        week[row.weekday].append(row.interval)
    return {
        "week": dict(enumerate(week)),
        "closed_days": [DayOff(day.date, day.name) for day in calendar.closed_days.all()],
        "extra_days": [ExtraDay(day.date, tuple(i.interval for i in day.intervals.all()), day.name) for day in calendar.extra_days.all()],
    }


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a complete calendar; returns normalised values or raises ValidationFailed naming every bad field."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    clean["name"] = _clean_name(values["name"], "name", errors, required=True)
    error = time_zone_error(values["time_zone"])
    if error:
        errors["time_zone"] = error
    clean["time_zone"] = values["time_zone"]
    try:
        clean["holiday_country"], clean["holiday_subdivision"] = canonical_region(
            _text(values["holiday_country"]), _text(values["holiday_subdivision"])
        )
    except RegionError as exc:
        errors[exc.field] = exc.message
    for flag in ("national_workdays", "is_default"):
        if not isinstance(values[flag], bool):
            errors[flag] = _("Must be true or false.")
        clean[flag] = values[flag]
    clean["week"] = _clean_week(values["week"], errors)
    closed = _clean_days(values["closed_days"], DayOff, "closed_days", errors)
    extra = _clean_days(values["extra_days"], ExtraDay, "extra_days", errors)
    for index, day in enumerate(extra):
        error = day_error(day.intervals) if day.intervals else _("An extra working day needs working hours.")
        if error:
            errors[f"extra_days[{index}]"] = error
    both = {day.date for day in closed} & {day.date for day in extra}
    if both:
        errors["extra_days"] = _("A date cannot be both a closed day and an extra working day: %(dates)s.") % {
            "dates": ", ".join(sorted(d.isoformat() for d in both))
        }
    clean["closed_days"] = closed
    clean["extra_days"] = [replace(day, intervals=tuple(sorted(tuple(i) for i in day.intervals))) for day in extra]
    if errors:
        raise ValidationFailed(_("Please correct the calendar."), field_errors=errors)
    return clean


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _clean_name(value: Any, key: str, errors: dict[str, str], *, required: bool) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if isinstance(value, str) and any(ch in value for ch in "\r\n\x00"):
        errors[key] = _("Line breaks and NUL characters are not allowed.")
    elif required and not text:
        errors[key] = _("A name is required.")
    elif len(text) > MAX_NAME:
        errors[key] = _("At most %(count)d characters.") % {"count": MAX_NAME}
    return text


def _clean_week(week: Any, errors: dict[str, str]) -> tuple[DayHours, ...]:
    """Weekday number -> intervals, into seven sorted days; at least one day must have hours."""
    if not isinstance(week, Mapping) or any(key not in range(7) for key in week):
        errors["week"] = _("Give working hours by weekday, Monday to Sunday.")
        return ((),) * 7
    days: list[DayHours] = []
    for weekday in range(7):
        hours = tuple(sorted(tuple(interval) for interval in week.get(weekday, ())))
        error = day_error(hours)
        if error:
            errors[f"week.{WEEKDAY_KEYS[weekday]}"] = error
        days.append(hours)
    if not any(days) and not any(key.startswith("week.") for key in errors):
        errors["week"] = _("Give at least one weekday working hours; without them no due time can ever be reached.")
    return tuple(days)


def _clean_days(days: Any, kind: type[DayOff] | type[ExtraDay], key: str, errors: dict[str, str]) -> list[Any]:
    if not isinstance(days, list | tuple) or any(not isinstance(day, kind) for day in days):
        errors[key] = _("Invalid list of days.")
        return []
    if len(days) > MAX_CUSTOM_DAYS:
        errors[key] = _("At most %(count)d days.") % {"count": MAX_CUSTOM_DAYS}
        return []
    seen: set[date] = set()
    cleaned = []
    for index, day in enumerate(days):
        if not isinstance(day.date, date) or not MIN_YEAR <= day.date.year <= MAX_YEAR:
            errors[f"{key}[{index}]"] = _("Dates must lie between the years %(first)d and %(last)d.") % {
                "first": MIN_YEAR,
                "last": MAX_YEAR,
            }
        elif day.date in seen:
            errors[f"{key}[{index}]"] = _("%(date)s is listed twice.") % {"date": day.date.isoformat()}
        seen.add(day.date)
        name = _clean_name(day.name, f"{key}[{index}]", errors, required=False)
        cleaned.append(replace(day, name=name))
    return cleaned
