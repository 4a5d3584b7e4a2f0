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
from supportdesk.sla.choices import Metric, Outcome, Weekday, default_pause_states
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


class SlaPolicy(TimeStampedModel):
    """Service targets for the tickets that match its conditions; the first matching policy applies.

    Conditions, targets, warnings and escalations are validated data (see sla.policy_rules), not
    code: `conditions` is a list of {"field", "op", "value"} that must all hold; `targets` maps a
    priority (or "*" for any) to {metric: business minutes}; `warnings` is a list of
    {"percent" | "minutes_before", "audience", "channels"}; `escalations` is a ladder of
    {"after_minutes", "actions"} steps taken after a breach. Times count in the business hours of
    `calendar` (the default calendar when empty; round the clock when there is none).
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    calendar = models.ForeignKey(
        Calendar, null=True, blank=True, on_delete=models.PROTECT, related_name="policies", verbose_name=_("calendar")
    )
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    targets = models.JSONField(_("targets"), default=dict)
    pause_states = models.JSONField(_("states that pause the clock"), default=default_pause_states, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    escalations = models.JSONField(_("escalations"), default=list, blank=True)
    manager = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("manager")
    )
    webhook_url = models.URLField(_("webhook URL"), blank=True, max_length=500)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")

    def __str__(self) -> str:
        return self.name


class SlaClock(models.Model):
    """One target's stopwatch on one ticket: business time consumed, due time, how it ended.

    A clock runs (running_since set), is paused (paused_at set) or has stopped (outcome set). The
    business time used so far is `consumed_seconds` plus the business time since `running_since`.
    `next_check_at` is the next moment the sweep must look at it (a warning, the breach, an
    escalation step); the sweep reads only clocks whose moment has come, through a partial index,
    so its cost follows the number of due clocks, not of open tickets. Rows stay after stopping:
    they are the per-ticket record reports read (met or breached, business and wall time).
    """

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="sla_clocks")
    policy = models.ForeignKey(SlaPolicy, null=True, blank=True, on_delete=models.SET_NULL, related_name="clocks")
    metric = models.CharField(max_length=16, choices=Metric.choices)
    cycle = models.PositiveIntegerField(default=1)
    target_seconds = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    running_since = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    consumed_seconds = models.PositiveIntegerField(default=0)
    paused_seconds = models.PositiveIntegerField(default=0, help_text="Wall-clock seconds spent paused.")
    due_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.RUNNING, blank=True)
    business_seconds = models.PositiveIntegerField(null=True, blank=True)
    wall_seconds = models.PositiveIntegerField(null=True, blank=True)
    fired_steps = models.JSONField(default=list, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [models.UniqueConstraint(fields=["ticket", "metric", "cycle"], name="sla_clock_unique_cycle")]
        indexes = [
            models.Index(fields=["next_check_at"], condition=Q(next_check_at__isnull=False), name="sla_clock_next_check"),
            models.Index(fields=["ticket", "outcome"], name="sla_clock_ticket_outcome"),
        ]

    def __str__(self) -> str:
        return f"{self.metric} #{self.cycle} on ticket {self.ticket_id}"

    @property
    def is_running(self) -> bool:
        return self.running_since is not None

    @property
    def is_paused(self) -> bool:
        return self.running_since is None and self.paused_at is not None and not self.outcome


class SlaFiring(models.Model):
    """A warning, breach or escalation step that has fired. The unique key makes firing exactly-once
    across workers: whoever inserts the row performs the step's effects in the same transaction."""

    clock = models.ForeignKey(SlaClock, on_delete=models.CASCADE, related_name="firings")
    step = models.CharField(max_length=32)
    fired_at = models.DateTimeField()
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["fired_at", "id"]
        constraints = [models.UniqueConstraint(fields=["clock", "step"], name="sla_firing_once")]

    def __str__(self) -> str:
        return f"{self.step} of {self.clock_id}"
