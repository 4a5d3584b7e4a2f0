"""Process templates (steps with groups, dependencies and approvals) and their runs on tickets.

A run copies its template's steps into tasks when it starts, so editing or deleting a template
never changes a process already running on a ticket.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group, User
from supportdesk.automation.processes.choices import RunState, TaskState
from supportdesk.tickets.models import Ticket

MAX_NAME = 120
MAX_KEY = 64
MAX_STEP_NAME = 64  # also the field of the step's history events
MAX_STEPS = 50
MAX_TEXT = 5000
MAX_DUE_MINUTES = 525_600  # a year


class ProcessTemplate(models.Model):
    """A named process; edited by admins through processes.definitions, validated as a whole."""

    name = models.CharField(_("name"), max_length=MAX_NAME, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ProcessStep(models.Model):
    """One step of a template. `depends_on` holds keys of steps of the same template; none: it opens
    as soon as the process starts. `due_minutes` counts from the moment the step opens."""

    template = models.ForeignKey(ProcessTemplate, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(_("key"), max_length=MAX_KEY)
    name = models.CharField(_("name"), max_length=MAX_STEP_NAME)
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner group"))
    instructions = models.TextField(_("instructions"), blank=True)
    due_minutes = models.PositiveIntegerField(_("due after (minutes)"), null=True, blank=True)
    depends_on = models.JSONField(_("depends on"), default=list, blank=True)
    is_approval = models.BooleanField(_("approval step"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="process_step_unique_key")]

    def __str__(self) -> str:
        return self.name


class ProcessRun(models.Model):
    """A process running (or finished) on one ticket. Its row is the lock every change takes."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="process_runs")
    template = models.ForeignKey(ProcessTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs")
    name = models.CharField(max_length=MAX_NAME)
    state = models.CharField(max_length=12, choices=RunState.choices, default=RunState.RUNNING)
    started_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(max_length=64, blank=True, help_text="The automation that started it, e.g. trigger:7.")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="Why it was rejected or cancelled (internal).")

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["ticket", "state"], name="process_run_ticket_state")]

    def __str__(self) -> str:
        return f"{self.name} on ticket {self.ticket_id}"


class ProcessTask(models.Model):
    """One step of a run, copied from the template when the run started."""

    run = models.ForeignKey(ProcessRun, on_delete=models.CASCADE, related_name="tasks")
    key = models.SlugField(max_length=MAX_KEY)
    name = models.CharField(max_length=MAX_STEP_NAME)
    instructions = models.TextField(blank=True)
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    depends_on = models.JSONField(default=list, blank=True)
    is_approval = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    due_minutes = models.PositiveIntegerField(null=True, blank=True)
    state = models.CharField(max_length=12, choices=TaskState.choices, default=TaskState.WAITING)
    opened_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="Internal; never shown to customers.")

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["run", "key"], name="process_task_unique_key")]
        indexes = [
            models.Index(fields=["group", "state"], name="process_task_group_state"),
            models.Index(fields=["assignee", "state"], name="process_task_assignee_state"),
        ]

    def __str__(self) -> str:
        return self.name
