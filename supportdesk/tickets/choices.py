"""Enumerations of the ticket domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    PENDING_REMINDER = "pending_reminder", _("Pending reminder")
    PENDING_CLOSE = "pending_close", _("Pending close")
    ON_HOLD = "on_hold", _("On hold")
    SOLVED = "solved", _("Solved")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged")


OPEN_STATES = frozenset({State.NEW, State.OPEN, State.PENDING_REMINDER, State.PENDING_CLOSE, State.ON_HOLD})
PENDING_STATES = frozenset({State.PENDING_REMINDER, State.PENDING_CLOSE})
DONE_STATES = frozenset({State.SOLVED, State.CLOSED, State.MERGED})
# Merged is reached only through merge_tickets, never set directly.
SETTABLE_STATES = [s for s in State if s != State.MERGED]


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


PRIORITY_RANK = {Priority.LOW: 1, Priority.NORMAL: 2, Priority.HIGH: 3, Priority.URGENT: 4}


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WEB = "web", _("Web form")
    PORTAL = "portal", _("Portal")
    PHONE = "phone", _("Phone")
    CHAT = "chat", _("Chat")
    MESSENGER = "messenger", _("Messenger")
    API = "api", _("API")
    AGENT = "agent", _("Agent")


class SenderType(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    AGENT = "agent", _("Agent")
    SYSTEM = "system", _("System")


class LinkKind(models.TextChoices):
    """Parent/child: source is the parent. Duplicate: source duplicates target. Related: symmetric."""

    PARENT_CHILD = "parent_child", _("Parent / child")
    RELATED = "related", _("Related")
    DUPLICATE = "duplicate", _("Duplicate")


class FieldType(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    SELECT = "select", _("Select")
    MULTISELECT = "multiselect", _("Multi-select")
    CHECKBOX = "checkbox", _("Checkbox")


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    ARTICLE_ADDED = "article_added", _("Article added")
    TAG_ADDED = "tag_added", _("Tag added")
    TAG_REMOVED = "tag_removed", _("Tag removed")
    WATCHER_ADDED = "watcher_added", _("Watcher added")
    WATCHER_REMOVED = "watcher_removed", _("Watcher removed")
    MENTIONED = "mentioned", _("Mentioned")
    LINKED = "linked", _("Linked")
    UNLINKED = "unlinked", _("Unlinked")
    MERGED_INTO = "merged_into", _("Merged into")
    MERGED_FROM = "merged_from", _("Merged from")
    SPLIT_FROM = "split_from", _("Split from")
    SPLIT_TO = "split_to", _("Split to")
    SLA = "sla", _("SLA")
