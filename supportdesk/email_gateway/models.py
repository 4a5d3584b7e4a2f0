"""Mailboxes, every received message (raw first), e-mail metadata of articles, and address health."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group
from supportdesk.email_gateway.choices import AfterImport, AuthMethod, DeliveryStatus, InboundSource, InboundStatus
from supportdesk.tickets.models import Article, Blob, Ticket


def language_choices() -> list[tuple[str, str]]:
    """The site's languages, read at call time (so a migration does not freeze them)."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def default_language() -> str:
    return str(settings.LANGUAGE_CODE)


class Mailbox(models.Model):
    """A support address: where mail is fetched from (IMAP) and which address replies come from.

    Secrets are stored encrypted (core.crypto); the plain values never reach logs, the UI or the API.
    With XOAUTH2, `imap_secret_encrypted` holds the current access token; when a refresh token is
    stored, oauth.py replaces the access token before it expires (`oauth_access_expires_at`).
    The poll health fields (`consecutive_failures`, `failure_alerted_at`) are written by health.py,
    the IDLE claim (`idle_owner`, `idle_heartbeat_at`) by idle.py; none of them is editable.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    email_address = models.EmailField(_("address"), help_text=_("From and reply address of outgoing mail."))
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="mailboxes", verbose_name=_("group"))
    is_active = models.BooleanField(_("active"), default=True)
    send_acknowledgement = models.BooleanField(_("acknowledge new tickets"), default=True)
    imap_host = models.CharField(_("IMAP host"), max_length=253, blank=True)
    imap_port = models.PositiveIntegerField(_("IMAP port"), default=993)
    imap_tls = models.BooleanField(_("TLS"), default=True)
    imap_username = models.CharField(_("IMAP user"), max_length=254, blank=True)
    auth_method = models.CharField(max_length=16, choices=AuthMethod.choices, default=AuthMethod.PASSWORD)
    imap_secret_encrypted = models.TextField(blank=True, editable=False)
    imap_folder = models.CharField(_("folder"), max_length=200, default="INBOX")
    poll_interval_seconds = models.PositiveIntegerField(_("poll interval (s)"), default=60)
    use_idle = models.BooleanField(_("use IMAP IDLE"), default=True)
    after_import = models.CharField(_("after import"), max_length=8, choices=AfterImport.choices, default=AfterImport.SEEN)
    move_folder = models.CharField(
        _("move to folder"), max_length=200, blank=True, help_text=_("Imported messages are moved here; created when missing.")
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=language_choices,
        default=default_language,
        help_text=_("Acknowledgements use it when neither the customer's settings nor their mail name a language."),
    )
    oauth_client_id = models.CharField(_("OAuth client ID"), max_length=200, blank=True)
    oauth_token_url = models.CharField(_("OAuth token endpoint"), max_length=500, blank=True)
    oauth_scope = models.CharField(_("OAuth scope"), max_length=500, blank=True)
    oauth_client_secret_encrypted = models.TextField(blank=True, editable=False)
    oauth_refresh_token_encrypted = models.TextField(blank=True, editable=False)
    oauth_access_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    imap_uidvalidity = models.BigIntegerField(null=True, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    failure_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)
    idle_owner = models.CharField(max_length=64, blank=True, editable=False)
    idle_heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email_address}>"


class InboundMessage(models.Model):
    """One received message. The raw bytes (a Blob, by hash) are stored and committed before any
    parsing, so nothing a customer sent is lost, whatever happens afterwards."""

    mailbox = models.ForeignKey(Mailbox, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages")
    source = models.CharField(max_length=10, choices=InboundSource.choices)
    raw = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="+")
    size = models.BigIntegerField()
    # Where the bytes are when a batch was stored in a pack file (intake_raw); else the blob's own file.
    raw_pack = models.CharField(max_length=100, blank=True, default="")
    raw_offset = models.BigIntegerField(null=True, blank=True)
    # Normalised Message-ID ("<...>" stripped, lower-cased domain); synthetic when the mail had none.
    message_id = models.CharField(max_length=998, blank=True, db_index=True)
    # Identifies "the same message" across re-deliveries: see intake.dedupe_key().
    dedupe_key = models.CharField(max_length=64, db_index=True)
    source_ref = models.CharField(max_length=300, blank=True, help_text="IMAP UID, import path, SMTP peer...")
    status = models.CharField(max_length=12, choices=InboundStatus.choices, default=InboundStatus.PENDING, db_index=True)
    reason = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    ticket = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "-received_at"], name="inbound_status_received")]
        # One row per IMAP message ("uidvalidity:uid" in a mailbox): a poll that crashed after storing
        # and before flagging, or two polls at once, cannot store it twice (BAD-INPUTS 6, 7).
        constraints = [
            models.UniqueConstraint(fields=["mailbox", "source_ref"], condition=models.Q(source="imap"), name="inbound_unique_imap_ref")
        ]

    def __str__(self) -> str:
        return f"inbound {self.pk} {self.status} {self.message_id[:60]}"


class ArticleEmail(models.Model):
    """The mail side of an article: identifiers for threading, and delivery state when we sent it."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="email")
    mailbox = models.ForeignKey(Mailbox, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    message_id = models.CharField(max_length=998, db_index=True)
    in_reply_to = models.CharField(max_length=998, blank=True)
    references = models.TextField(blank=True)
    inbound = models.ForeignKey(InboundMessage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    is_outbound = models.BooleanField(default=False)
    delivery_status = models.CharField(max_length=14, choices=DeliveryStatus.choices, blank=True)
    delivery_attempts = models.PositiveIntegerField(default=0)
    delivery_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.message_id


class AddressHealth(models.Model):
    """What bounces taught us about an address. A hard bounce marks it undeliverable."""

    address = models.CharField(max_length=254, unique=True)
    undeliverable = models.BooleanField(default=False)
    last_status = models.CharField(max_length=16, blank=True, help_text="DSN status code, e.g. 5.1.1")
    bounce_count = models.PositiveIntegerField(default=0)
    last_bounce_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.address


class ParticipantRole(models.TextChoices):
    CC = "cc", _("Cc recipient")
    FORWARDER = "forwarder", _("Forwarded by")


class TicketParticipant(models.Model):
    """Someone besides the customer who takes part in a ticket's mail thread (e.g. a Cc recipient).

    Participants may thread a reply by the ticket number in the subject; anyone else may not
    (BAD-INPUTS 10). Being a participant gives no access to the ticket in the UI.
    """

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="mail_participants")
    address = models.CharField(max_length=254)
    role = models.CharField(max_length=12, choices=ParticipantRole.choices, default=ParticipantRole.CC)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ticket", "address"], name="participant_unique_address")]
        indexes = [models.Index(fields=["address"], name="participant_address")]

    def __str__(self) -> str:
        return f"{self.address} on {self.ticket_id}"


class InboundFingerprint(models.Model):
    """Claims 'this message content was imported' (intake.content_key). The unique key makes two
    workers processing two copies of one message at once import it exactly once (BAD-INPUTS 6)."""

    key = models.CharField(max_length=64, unique=True)
    inbound = models.ForeignKey(InboundMessage, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key


class AcknowledgementStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Skipped")  # over a send cap, undeliverable, or nobody to answer
    FAILED = "failed", _("Failed")


class Acknowledgement(models.Model):
    """The one automatic 'we received your request' mail of a ticket. The ticket is the primary key,
    so a ticket is acknowledged at most once however often intake asks (loop guard, BAD-INPUTS 3)."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, primary_key=True, related_name="+")
    mailbox = models.ForeignKey(Mailbox, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recipient = models.CharField(max_length=254)
    # Chosen when queued (ack_language.py), so every retry is written in the same language.
    language = models.CharField(max_length=8, blank=True)
    message_id = models.CharField(max_length=998, db_index=True)
    status = models.CharField(max_length=10, choices=AcknowledgementStatus.choices, default=AcknowledgementStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"acknowledgement of {self.ticket_id}: {self.status}"
