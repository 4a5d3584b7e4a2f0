"""Enumerations of the SLA domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    """Days of the week as `date.weekday()` numbers them (Monday 0), so the maths needs no mapping."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


# Names used in the API, Monday first.
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Metric(models.TextChoices):
    """What an SLA target measures. Next response restarts with every unanswered customer message."""

    FIRST_RESPONSE = "first_response", _("First response")
    NEXT_RESPONSE = "next_response", _("Next response")
    RESOLUTION = "resolution", _("Resolution")


METRIC_ORDER = (Metric.FIRST_RESPONSE, Metric.NEXT_RESPONSE, Metric.RESOLUTION)


class Outcome(models.TextChoices):
    """How a clock ended; empty while it runs or is paused."""

    RUNNING = "", _("Running")
    MET = "met", _("Met")
    BREACHED = "breached", _("Breached")
    CANCELLED = "cancelled", _("Cancelled")


class Audience(models.TextChoices):
    """Who a warning or escalation notifies."""

    OWNER = "owner", _("Ticket owner")
    GROUP_SUPERVISORS = "group_supervisors", _("Group supervisors")
    MANAGER = "manager", _("Named manager")
    OWNER_MANAGER = "owner_manager", _("Owner's manager")


class NotifyChannel(models.TextChoices):
    IN_APP = "in_app", _("In-app notification")
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Webhook")


class EscalationAction(models.TextChoices):
    NOTIFY = "notify", _("Notify")
    SET_PRIORITY = "set_priority", _("Raise priority")
    MOVE_TO_GROUP = "move_to_group", _("Reassign to group")
    ADD_TAG = "add_tag", _("Add tag")


def default_pause_states() -> list[str]:
    """Pending (waiting on the customer or a date) and on hold stop the clock unless a policy says otherwise."""
    return ["on_hold", "pending_close", "pending_reminder"]
