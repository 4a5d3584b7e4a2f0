"""Reading calendars: the gate for who may see them, and the CalendarSpec the maths runs on."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound
from supportdesk.sla.intervals import Interval
from supportdesk.sla.models import Calendar, ExtraWorkingDay
from supportdesk.sla.public_holidays import MAX_YEAR, MIN_YEAR
from supportdesk.sla.spec import CalendarSpec, build_spec

# Holidays are resolved from the year before `now` (tickets opened last December) to a few years
# ahead (targets of weeks or months); the maths refuses dates outside rather than guess.
YEARS_BACK = 1
YEARS_AHEAD = 5


def require_staff(user: User) -> None:
    """Helpdesk staff read calendars (SLA due times are shown to agents); for others they do not exist."""
    if not (user.is_authenticated and user.is_active and user.is_helpdesk_staff):
        raise NotFound()


def with_rules(queryset: QuerySet[Calendar]) -> QuerySet[Calendar]:
    """Prefetch hours, closed days and extra days with their hours: four queries for any number of calendars."""
    return queryset.prefetch_related(
        "working_hours",
        "closed_days",
        Prefetch("extra_days", queryset=ExtraWorkingDay.objects.prefetch_related("intervals")),
    )


def calendars(user: User) -> QuerySet[Calendar]:
    require_staff(user)
    return with_rules(Calendar.objects.all())


def get_calendar(user: User, calendar_id: int) -> Calendar:
    calendar = calendars(user).filter(pk=calendar_id).first()
    if calendar is None:
        raise NotFound(_("Calendar not found."))
    return calendar


def default_calendar() -> Calendar | None:
    """The calendar marked default, if any (for system code such as the SLA sweep: no user gate)."""
    return with_rules(Calendar.objects.filter(is_default=True)).first()


def spec_for(calendar: Calendar, *, now: datetime, years_back: int = YEARS_BACK, years_ahead: int = YEARS_AHEAD) -> CalendarSpec:
    """The calendar as a CalendarSpec, with public holidays resolved for the years around `now`.

    Reads the calendar's rows (prefetched ones when `with_rules` was used). The result is
    immutable and hashable; callers may cache it under (calendar.pk, calendar.updated_at, years).
    """
    week: list[list[Interval]] = [[] for _day in range(7)]
    for row in calendar.working_hours.all():
        week[row.weekday].append(row.interval)
    extra_days: dict[date, list[Interval]] = defaultdict(list)
    for day in calendar.extra_days.all():
        extra_days[day.date].extend(interval.interval for interval in day.intervals.all())
    # Clamped to the years the holiday tables support; beyond them the maths raises OutsideCalendarRange.
    first_year = min(max(now.year - years_back, MIN_YEAR), MAX_YEAR)
    last_year = min(max(now.year + years_ahead, first_year), MAX_YEAR)
    return build_spec(
        time_zone=calendar.time_zone,
        week=week,
        closed_days=[day.date for day in calendar.closed_days.all()],
        extra_days=extra_days,
        holiday_country=calendar.holiday_country,
        holiday_subdivision=calendar.holiday_subdivision,
        national_workdays=calendar.national_workdays,
        years=(first_year, last_year),
    )
