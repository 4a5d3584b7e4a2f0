"""Enumerations of the routing app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SkillKind(models.TextChoices):
    LANGUAGE = "language", _("Language")
    PRODUCT = "product", _("Product")
    SERVICE_AREA = "service_area", _("Service area")
    REGION = "region", _("Region")


class AgentStatus(models.TextChoices):
    ONLINE = "online", _("Online")
    AWAY = "away", _("Away")
    OFFLINE = "offline", _("Offline")


class AbsenceHandling(models.TextChoices):
    """What happens to an agent's open tickets when an absence starts."""

    REROUTE = "reroute", _("Re-route by the group's rules")
    DELEGATE = "delegate", _("Hand to the absence's delegate")


class AbsenceKind(models.TextChoices):
    VACATION = "vacation", _("Vacation")
    SICK = "sick", _("Sick leave")
    OTHER = "other", _("Other")


class Chooser(models.TextChoices):
    ROUND_ROBIN = "round_robin", _("Round robin")
    LEAST_LOADED = "least_loaded", _("Least loaded")
    BEST_SKILL = "best_skill", _("Best skill match")
    STICKY = "sticky", _("Sticky: the customer's last agent")


# A sticky rule falls back to one of these when the customer's last agent cannot take the ticket.
FALLBACK_CHOOSERS = [Chooser.ROUND_ROBIN, Chooser.LEAST_LOADED, Chooser.BEST_SKILL]


class FilterName(models.TextChoices):
    SKILL = "skill", _("Skill match")
    LANGUAGE = "language", _("Speaks the ticket's language")
    REGION = "region", _("Region")
    ON_SHIFT = "on_shift", _("On shift")
    NOT_ABSENT = "not_absent", _("Not absent")
    ONLINE = "online", _("Status online")
    UNDER_CAPACITY = "under_capacity", _("Under capacity")
