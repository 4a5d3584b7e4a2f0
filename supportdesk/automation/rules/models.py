"""Triggers, schedulers and macros, and the logs of what they did.

Conditions and actions are stored as validated JSON (rules.conditions, automation.registry); only
the actions in rules.manage write these rows, after validating them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group
from supportdesk.tickets.models import Ticket


class TriggerEvent(models.TextChoices):
    TICKET_CREATED = "ticket.created", _("Ticket created")
    TICKET_UPDATED = "ticket.updated", _("Ticket updated")
    CUSTOMER_REPLIED = "customer.replied", _("Customer replied")
    AGENT_REPLIED = "agent.replied", _("Agent replied")
    SLA_WARNING = "sla.warning", _("SLA warning")


class Trigger(models.Model):
    """When one of `events` happens to a ticket and `conditions` hold, run `actions` (in `position` order).

    `stop_processing` keeps later triggers from looking at the same event once this one fired.
    """

    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    events = models.JSONField(_("events"), default=list)
    conditions = models.JSONField(_("conditions"), default=dict, blank=True)
    actions = models.JSONField(_("actions"), default=list)
    stop_processing = models.BooleanField(_("stop processing later triggers"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["is_active", "position", "id"], name="trigger_active_pos")]

    def __str__(self) -> str:
        return self.name


class TriggerFiring(models.Model):
    """One firing of a trigger on a ticket: what it did, or the error that rolled it back."""

    trigger = models.ForeignKey(Trigger, on_delete=models.CASCADE, related_name="firings")
    ticket = models.ForeignKey(Ticket, null=True, on_delete=models.SET_NULL, related_name="+")
    event = models.CharField(max_length=32)
    notes = models.JSONField(default=list, blank=True)
    ok = models.BooleanField(default=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["trigger", "-created_at"], name="trigger_firing_trigger"),
            models.Index(fields=["ticket", "-created_at"], name="trigger_firing_ticket"),
        ]


class Scheduler(models.Model):
    """Every `every_minutes`, run `actions` on at most `max_per_run` tickets matching `conditions`.

    A ticket acted on is skipped by this scheduler until it changes again (SchedulerTicket), or
    for good when `once_per_ticket` is set.
    """

    name = models.CharField(_("name"), max_length=120)
    is_active = models.BooleanField(_("active"), default=True)
    conditions = models.JSONField(_("conditions"), default=dict, blank=True)
    actions = models.JSONField(_("actions"), default=list)
    every_minutes = models.PositiveIntegerField(_("every (minutes)"), default=60)
    max_per_run = models.PositiveIntegerField(_("max tickets per run"), default=100)
    once_per_ticket = models.BooleanField(_("act once per ticket"), default=False)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    next_run_at = models.DateTimeField(_("next run"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["is_active", "next_run_at"], name="scheduler_due")]

    def __str__(self) -> str:
        return self.name


class SchedulerRun(models.Model):
    """The audit of one scheduler run."""

    scheduler = models.ForeignKey(Scheduler, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    matched = models.PositiveIntegerField(default=0)
    acted = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["scheduler", "-started_at"], name="scheduler_run_recent")]


class SchedulerTicket(models.Model):
    """A scheduler acted on a ticket; `ticket_updated_at` is the ticket's updated_at right after."""

    scheduler = models.ForeignKey(Scheduler, on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    acted_at = models.DateTimeField(default=timezone.now)
    ticket_updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheduler", "ticket"], name="uniq_scheduler_ticket")]


class Macro(models.Model):
    """A named bundle of actions an agent applies to a ticket; `groups` empty means every group."""

    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    groups = models.ManyToManyField(Group, blank=True, related_name="+", verbose_name=_("groups"))  # type: ignore[var-annotated]
    actions = models.JSONField(_("actions"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "name", "id"]

    def __str__(self) -> str:
        return self.name
