"""Enumerations of the e-mail channel."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundStatus(models.TextChoices):
    """What became of one received message. Every message keeps its raw bytes whatever the status."""

    PENDING = "pending", _("Pending")  # stored durably, not processed yet
    PROCESSED = "processed", _("Processed")  # became a ticket or an article
    DUPLICATE = "duplicate", _("Duplicate")  # same Message-ID and content as an earlier message
    IGNORED = "ignored", _("Ignored")  # auto-reply, our own mail coming back, list mail...
    BOUNCE = "bounce", _("Bounce")  # a delivery status notification, attached to the bounced article
    REVIEW = "review", _("Needs review")  # e.g. a reply to a ticket from a non-participant
    QUARANTINED = "quarantined", _("Quarantined")  # could not be parsed or broke a limit; can be reprocessed
    REJECTED = "rejected", _("Rejected")  # over the size limit; raw kept, not imported


class InboundSource(models.TextChoices):
    IMAP = "imap", _("IMAP")
    SMTP = "smtp", _("SMTP/LMTP")
    IMPORT = "import", _("Import")
    API = "api", _("API")


class DeliveryStatus(models.TextChoices):
    """Outbound state of an article sent as mail."""

    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Retrying")
    FAILED = "failed", _("Failed")  # gave up after retries, or a hard bounce came back
    BOUNCED_SOFT = "bounced_soft", _("Temporarily undeliverable")


class AuthMethod(models.TextChoices):
    PASSWORD = "password", _("Password")
    XOAUTH2 = "xoauth2", _("OAuth 2.0 (XOAUTH2)")


class AfterImport(models.TextChoices):
    """What the poller does to a message on the server once its raw copy is stored."""

    SEEN = "seen", _("Mark as read")
    MOVE = "move", _("Move to a folder")
