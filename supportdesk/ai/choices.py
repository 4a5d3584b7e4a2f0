"""Choices of the local AI."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.TextChoices):
    """A ticket field the classifier predicts."""

    GROUP = "group", _("Group")
    PRIORITY = "priority", _("Priority")
    TYPE = "type", _("Type")
    TAGS = "tags", _("Tags")


class ModelState(models.TextChoices):
    TRAINING = "training", _("Training")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
    RETIRED = "retired", _("Retired")
