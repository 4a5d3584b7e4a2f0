"""Business calendars: a time zone, weekly working hours, public holidays, custom closed and extra days.

The rows only store settings; `selectors.spec_for` turns a calendar into a CalendarSpec for the
pure maths in business_time. Changes go through `actions`, which validate a whole calendar at once
(intervals must not overlap within a day, which no single row can check) and touch `updated_at`,
so a cached spec can be keyed by (id, updated_at).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from supportdesk.core.models import TimeStampedModel
from supportdesk.sla.choices import Weekday
from supportdesk.sla.intervals import MINUTES_PER_DAY, format_interval
from supportdesk.sla.zones import time_zone_error


def validate_time_zone(value: str) -> None:
    error = time_zone_error(value)
    if error:
        raise ValidationError(error)


class Calendar(TimeStampedModel):
    """When a team works: SLA due times count only the business time of the policy's calendar.

    At most one calendar is the default (a partial unique index), used when a policy names none.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_time_zone])
    holiday_country = models.CharField(_("public holidays of country"), max_length=2, blank=True)
    holiday_subdivision = models.CharField(_("region"), max_length=16, blank=True)
    national_workdays = models.BooleanField(_("work on national weekend working days"), default=True)
    is_default = models.BooleanField(_("default calendar"), default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="sla_calendar_one_default"),
        ]

    def __str__(self) -> str:
        return self.name


class MinuteInterval(models.Model):
    """A span of local wall time within one day, in minutes after midnight (end 1440 is 24:00)."""

    start_minute = models.PositiveSmallIntegerField(_("start"), validators=[MaxValueValidator(MINUTES_PER_DAY)])
    end_minute = models.PositiveSmallIntegerField(_("end"), validators=[MaxValueValidator(MINUTES_PER_DAY)])

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(start_minute__lt=F("end_minute")) & Q(end_minute__lte=MINUTES_PER_DAY),
                name="%(app_label)s_%(class)s_ordered",
            ),
        ]

    def __str__(self) -> str:
        return format_interval(self.interval)

    @property
    def interval(self) -> tuple[int, int]:
        return (self.start_minute, self.end_minute)


class WorkingHours(MinuteInterval):
    """One interval of a weekday's regular hours; a day may have several (a lunch break between)."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="working_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)

    class Meta(MinuteInterval.Meta):
        ordering = ["weekday", "start_minute"]


class ClosedDay(models.Model):
    """A date the team does not work although the week says so (company holiday, office move)."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="sla_closedday_unique_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.name}".strip()


class ExtraWorkingDay(models.Model):
    """A date with its own hours, replacing the week's and any public holiday (a working Saturday)."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="extra_days")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="sla_extraworkingday_unique_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.name}".strip()


class ExtraWorkingHours(MinuteInterval):
    """One interval of an extra working day."""

    day = models.ForeignKey(ExtraWorkingDay, on_delete=models.CASCADE, related_name="intervals")

    class Meta(MinuteInterval.Meta):
        ordering = ["start_minute"]
