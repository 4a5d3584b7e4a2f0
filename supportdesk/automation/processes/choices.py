"""Enumerations of the processes app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunState(models.TextChoices):
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class TaskState(models.TextChoices):
    """waiting: some dependency is not done yet; open: workable; skipped: the run ended first."""

    WAITING = "waiting", _("Waiting")
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SKIPPED = "skipped", _("Skipped")


# A step that depends on a task in one of these states may open.
FINISHED_TASK_STATES = frozenset({TaskState.DONE, TaskState.APPROVED})
