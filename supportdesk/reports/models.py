"""Report facts: what the dashboards read instead of the ticket table (docs/decisions/0002).

- TicketDayFact: a ticket's contributions to one local day, per agent. One row per (ticket, day,
  agent) that counted anything; the source of the rollups and of every drill-down list, so the
  tickets listed behind a number are exactly the ones counted in it.
- DailyFact, DailyAgentFact, DailyDimensionFact: the sums of those rows per day and per month,
  keyed by (group, channel), (group, agent) and (dimension, value) for organization, language,
  category and priority, with duration histograms. Narrow keys keep a year's rows few; filters
  no rollup carries (channel with agent, organization with group) read the fact rows.
- FactQueue: tickets (and ticket-less NPS invitations) whose facts must be recomputed; filled by
  event subscribers after commit, emptied by the worker's sweep (reports.refresh).
- ReportSchedule: a report mailed to a user every week.

Dimension ids are plain integers, 0 meaning "none" (unassigned, no organization), so a unique key
and a GROUP BY never meet NULL; deleting a group or user leaves old facts counted under its id.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.reports import measures

NONE_ID = 0


class TicketDayFact(models.Model):
    # No database constraint and no cascade: a deleted ticket's rows stay until the refresh (queued by
    # the deletion's event) removes them and rebuilds their days, so the rollups forget it too.
    ticket = models.ForeignKey("tickets.Ticket", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    # A periodic NPS invitation belongs to no ticket; its answer is counted through this.
    invitation = models.ForeignKey(
        "surveys.SurveyInvitation", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    day = models.DateField()
    group_id = models.IntegerField(default=NONE_ID)
    channel = models.CharField(max_length=16, blank=True)
    agent_id = models.IntegerField(default=NONE_ID)
    organization_id = models.IntegerField(default=NONE_ID)
    customer_id = models.IntegerField(default=NONE_ID)
    language = models.CharField(max_length=8, blank=True)
    category = models.CharField(max_length=64, blank=True)
    priority = models.CharField(max_length=10, blank=True)
    for _name in measures.COUNTS:
        locals()[_name] = models.IntegerField(default=0)
    for _name in measures.DURATIONS:
        locals()[_name] = models.IntegerField(null=True, blank=True)
    del _name

    class Meta:
        indexes = [
            models.Index(fields=["ticket"], name="reports_tdf_ticket"),
            models.Index(fields=["day", "group_id"], name="reports_tdf_day_group"),
            models.Index(fields=["agent_id", "day"], name="reports_tdf_agent_day"),
            models.Index(fields=["organization_id", "day"], name="reports_tdf_org_day"),
            models.Index(fields=["customer_id", "day"], name="reports_tdf_customer_day"),
            # Churn counts distinct customers with a ticket created in two periods: an index-only
            # scan of these narrow entries (PostgreSQL; SQLite has no INCLUDE and ignores it).
            models.Index(
                fields=["day", "customer_id"],
                include=["organization_id", "group_id", "channel", "agent_id"],
                condition=models.Q(created__gt=0),
                name="reports_tdf_contacts",
            ),
        ]

    def __str__(self) -> str:
        return f"fact of ticket {self.ticket_id} on {self.day} (agent {self.agent_id})"


class Grain(models.TextChoices):
    """A rollup row sums one day, or one calendar month (its `day` is the month's first day): a
    12-month range reads 12 monthly rows per key plus the days of partial months at its edges."""

    DAY = "d"
    MONTH = "m"


class RollupMeasures(models.Model):
    """The summed counts and the histogram buckets of every duration, shared by the rollups."""

    grain = models.CharField(max_length=1, choices=Grain.choices, default=Grain.DAY)
    day = models.DateField()
    for _name in measures.COUNTS:
        locals()[_name] = models.BigIntegerField(default=0)
    for _name in measures.ALL_BUCKET_COLUMNS:
        locals()[_name] = models.IntegerField(default=0)
    del _name

    class Meta:
        abstract = True


class DailyFact(RollupMeasures):
    """Per (day or month, group, channel): unfiltered figures, group and channel filters/breakdowns."""

    group_id = models.IntegerField(default=NONE_ID)
    channel = models.CharField(max_length=16, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["grain", "day", "group_id", "channel"], name="reports_daily_key")]

    def __str__(self) -> str:
        return f"{self.grain}{self.day} group {self.group_id} {self.channel}"


class DailyAgentFact(RollupMeasures):
    """Per (day or month, group, agent): agent filters and breakdowns, within groups."""

    group_id = models.IntegerField(default=NONE_ID)
    agent_id = models.IntegerField(default=NONE_ID)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["grain", "day", "group_id", "agent_id"], name="reports_agent_key")]
        indexes = [models.Index(fields=["agent_id", "grain", "day"], name="reports_agent_day")]

    def __str__(self) -> str:
        return f"{self.grain}{self.day} group {self.group_id} agent {self.agent_id}"


class Dimension(models.TextChoices):
    ORGANIZATION = "organization", _("Organization")
    LANGUAGE = "language", _("Language")
    CATEGORY = "category", _("Category")
    PRIORITY = "priority", _("Priority")


class DailyDimensionFact(RollupMeasures):
    """Per (day or month, dimension, value) for organization, language, category and priority."""

    dimension = models.CharField(max_length=16, choices=Dimension.choices)
    value = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dimension", "grain", "day", "value"], name="reports_dimension_key")]
        # The top keys of a long breakdown (organizations) are summed by value: one short index
        # range per value instead of a skip over every value of the period (690 ms -> a few ms).
        indexes = [models.Index(fields=["dimension", "value", "grain", "day"], name="reports_dimension_value")]

    def __str__(self) -> str:
        return f"{self.grain}{self.day} {self.dimension}={self.value}"


class FactQueue(models.Model):
    class Kind(models.TextChoices):
        TICKET = "ticket"
        NPS = "nps"

    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.TICKET)
    object_id = models.BigIntegerField()
    enqueued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="reports_queue_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class ReportSchedule(models.Model):
    """A report mailed weekly to its owner, covering the last seven local days with the saved filters."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_schedules")
    name = models.CharField(_("name"), max_length=120)
    report = models.CharField(_("report"), max_length=32, default="overview")
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    weekday = models.PositiveSmallIntegerField(_("weekday"), default=0, help_text=_("0 is Monday."))
    hour = models.PositiveSmallIntegerField(_("hour"), default=7)
    attach_csv = models.BooleanField(_("attach CSV"), default=True)
    attach_xlsx = models.BooleanField(_("attach XLSX"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="reports_schedule_weekday"),
            models.CheckConstraint(condition=models.Q(hour__lte=23), name="reports_schedule_hour"),
        ]

    def __str__(self) -> str:
        return self.name
