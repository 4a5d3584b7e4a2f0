"""Enumerations of the accounts domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user is to the helpdesk. Group access narrows agents further (see access.py)."""

    ADMIN = "admin", _("Admin")
    SUPERVISOR = "supervisor", _("Supervisor")
    AGENT = "agent", _("Agent")
    CUSTOMER = "customer", _("Customer")


class GroupAccess(models.TextChoices):
    """An agent's access to one group's tickets: read < write < full."""

    READ = "read", _("Read")
    WRITE = "write", _("Write")
    FULL = "full", _("Full")


ACCESS_RANK = {GroupAccess.READ: 1, GroupAccess.WRITE: 2, GroupAccess.FULL: 3}
STAFF_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.AGENT})
