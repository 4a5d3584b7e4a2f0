"""Tickets, articles, attachments, tags, custom fields, links, watchers and the event log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group, Organization, User
from supportdesk.tickets.choices import (
    Channel,
    EventKind,
    FieldType,
    LinkKind,
    Priority,
    SenderType,
    State,
)


class Tag(models.Model):
    """A label; names are stored normalised (trimmed, lower-case) so 'VIP' and 'vip' are one tag."""

    name = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Ticket(models.Model):
    """One customer inquiry from any channel, with a human number the customer can quote."""

    number = models.BigIntegerField(unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=250)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.NEW)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("group"))
    owner = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_tickets", verbose_name=_("owner"))
    customer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="customer_tickets", verbose_name=_("customer"))
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets", verbose_name=_("organization")
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.WEB)
    language = models.CharField(_("language"), max_length=8, blank=True)
    pending_until = models.DateTimeField(_("pending until"), null=True, blank=True)
    custom_fields = models.JSONField(default=dict, blank=True)
    tags = models.ManyToManyField(Tag, through="TicketTag", related_name="tickets", blank=True)  # type: ignore[var-annotated]
    watchers = models.ManyToManyField(User, through="TicketWatcher", related_name="watched_tickets", blank=True)  # type: ignore[var-annotated]
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_tickets")

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    first_response_at = models.DateTimeField(null=True, blank=True)
    last_customer_message_at = models.DateTimeField(null=True, blank=True)
    last_agent_message_at = models.DateTimeField(null=True, blank=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    article_count = models.PositiveIntegerField(default=0)

    # SLA (kept by supportdesk.sla.tracking in the same transaction as every change): the policy in
    # force, the due time of each running target (empty when met, paused or not targeted), the
    # earliest of them for sorting, and the predicted risk (sla.risk) with its explanation.
    sla_policy = models.ForeignKey(
        "sla.SlaPolicy", null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets", verbose_name=_("SLA policy")
    )
    first_response_due_at = models.DateTimeField(_("first response due"), null=True, blank=True)
    next_response_due_at = models.DateTimeField(_("next response due"), null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True)
    sla_due_at = models.DateTimeField(_("SLA due"), null=True, blank=True)
    sla_paused = models.BooleanField(default=False)
    sla_at_risk = models.BooleanField(default=False)
    sla_risk = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["group", "state", "-updated_at", "-id"], name="ticket_group_state_upd"),
            models.Index(fields=["owner", "state", "-updated_at", "-id"], name="ticket_owner_state_upd"),
            models.Index(fields=["-updated_at", "-id"], name="ticket_updated"),
            models.Index(fields=["customer", "-updated_at"], name="ticket_customer_upd"),
            models.Index(fields=["organization", "-updated_at"], name="ticket_org_upd"),
            models.Index(fields=["state", "pending_until"], name="ticket_state_pending"),
            models.Index(fields=["sla_due_at"], condition=models.Q(sla_due_at__isnull=False), name="ticket_sla_due"),
            models.Index(fields=["group", "sla_due_at"], condition=models.Q(sla_due_at__isnull=False), name="ticket_group_sla_due"),
        ]

    def __str__(self) -> str:
        return f"{self.display_number} {self.subject}"

    @property
    def display_number(self) -> str:
        return f"{settings.SUPPORTDESK_TICKET_NUMBER_PREFIX}{self.number}"


class TicketTag(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ticket", "tag"], name="uniq_ticket_tag")]


class TicketWatcher(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ticket", "user"], name="uniq_ticket_watcher")]


class Article(models.Model):
    """A message on a ticket: a public reply or an internal note. Never edited once written."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="articles")
    is_internal = models.BooleanField(_("internal note"), default=False)
    sender_type = models.CharField(max_length=10, choices=SenderType.choices)
    author = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.WEB)
    from_address = models.CharField(max_length=320, blank=True)
    to_addresses = models.TextField(blank=True)
    cc_addresses = models.TextField(blank=True)
    subject = models.CharField(max_length=250, blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True, help_text="Sanitised on the way in; still escaped-safe to render.")
    time_spent_minutes = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at", "id"], name="article_ticket_created")]

    def __str__(self) -> str:
        return f"article {self.pk} on ticket {self.ticket_id}"


class Blob(models.Model):
    """Attachment content, stored once per SHA-256 under a generated path outside the web root."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.sha256


class Attachment(models.Model):
    """A file attached to an article, or uploaded and waiting to be attached (article is null).

    The display name is sanitised; the stored bytes are addressed only by their hash, so a hostile
    filename never reaches the file system.
    """

    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="attachments")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=127)
    size = models.BigIntegerField()
    content_id = models.CharField(max_length=255, blank=True)
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.filename


class CustomFieldDefinition(models.Model):
    """An admin-defined ticket field. Values live in Ticket.custom_fields under `key`."""

    key = models.SlugField(max_length=64, unique=True)
    label = models.CharField(max_length=120)
    field_type = models.CharField(max_length=16, choices=FieldType.choices)
    options = models.JSONField(default=list, blank=True, help_text="Allowed values for select types.")
    required_in_states = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class TicketLink(models.Model):
    """A typed link between two tickets (see LinkKind for direction)."""

    source = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=16, choices=LinkKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="uniq_ticket_link"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="ticket_link_not_self"),
        ]


class Mention(models.Model):
    """An @mention of an agent in an article; the agent is notified and becomes a watcher."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="uniq_mention")]


class Notification(models.Model):
    """An in-app notification for one user (mentions now; SLA warnings and more later)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    ticket = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_user_unread")]


class TicketEvent(models.Model):
    """Append-only history: who changed what, when, from what to what. Written by actions only."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    field = models.CharField(max_length=64, blank=True)
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at", "id"], name="event_ticket_created")]

    def __str__(self) -> str:
        return f"{self.kind} {self.field} on {self.ticket_id}"


class SavedView(models.Model):
    """A personal inbox view: a name and validated filter parameters (see selectors.TicketFilters)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="saved_views")
    name = models.CharField(max_length=100)
    filters = models.JSONField(default=dict)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name
