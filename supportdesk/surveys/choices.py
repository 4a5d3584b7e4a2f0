"""Enumerations of the surveys domain, and the score range of each kind of question."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from supportdesk.tickets.choices import State


class SurveyKind(models.TextChoices):
    """CSAT and CES ask about one solved ticket; NPS asks about the company, periodically."""

    CSAT = "csat", _("CSAT")
    NPS = "nps", _("NPS")
    CES = "ces", _("CES")


TICKET_KINDS = (SurveyKind.CSAT, SurveyKind.CES)


class CsatScale(models.TextChoices):
    """Five points (1 very dissatisfied .. 5 very satisfied) or two (0 bad, 1 good)."""

    FIVE_POINT = "five_point", _("1 to 5")
    GOOD_BAD = "good_bad", _("Good or bad")


class DeliveryChannel(models.TextChoices):
    """Where an invitation is offered: a mail with one-click links, the portal ticket page, or both."""

    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Portal")
    BOTH = "both", _("E-mail and portal")


MAIL_CHANNELS = frozenset({DeliveryChannel.EMAIL, DeliveryChannel.BOTH})
PORTAL_CHANNELS = frozenset({DeliveryChannel.PORTAL, DeliveryChannel.BOTH})


class InvitationStatus(models.TextChoices):
    """pending (waiting for send_after) -> queued (mail task enqueued) -> sent -> answered.

    cancelled: the ticket was reopened (or merged) before sending; skipped: never sent (robot,
    staff or address-less customer, undeliverable address, send cap); failed: the mail could not
    be delivered. Only sent and answered invitations count for response rates.
    """

    PENDING = "pending", _("Scheduled")
    QUEUED = "queued", _("Sending")
    SENT = "sent", _("Sent")
    ANSWERED = "answered", _("Answered")
    CANCELLED = "cancelled", _("Cancelled")
    SKIPPED = "skipped", _("Skipped")
    FAILED = "failed", _("Failed")


OPEN_STATUSES = frozenset({InvitationStatus.SENT, InvitationStatus.ANSWERED})
DELIVERED_STATUSES = (InvitationStatus.SENT, InvitationStatus.ANSWERED)


class AnswerChannel(models.TextChoices):
    """How an answer arrived."""

    EMAIL_LINK = "email_link", _("E-mail link")
    PORTAL = "portal", _("Portal")
    API = "api", _("API")


class SkipReason(models.TextChoices):
    NO_ADDRESS = "no_address", _("The customer has no usable e-mail address")
    STAFF = "staff", _("The customer is a member of staff")
    ROBOT = "robot", _("The customer is an automatic sender")
    INACTIVE = "inactive", _("The customer is deactivated")
    UNDELIVERABLE = "undeliverable", _("The address bounced")
    SEND_CAP = "send_cap", _("Too many survey mails to this address")


# A CSAT/CES invitation is created when a ticket reaches one of these states; leaving them before
# the mail goes out (a reopen, a merge) cancels it.
SURVEYED_STATES = frozenset({State.SOLVED, State.CLOSED})

NPS_PROMOTER_MIN = 9  # 9-10 promoters, 7-8 passives, 0-6 detractors
NPS_PASSIVE_MIN = 7
CSAT_SATISFIED_MIN = 4  # on the five-point scale: 4 satisfied, 5 very satisfied
CES_EASY_MIN = 5  # 5-7 agree that it was easy


def valid_scores(kind: str, scale: str = CsatScale.FIVE_POINT) -> range:
    """The scores a question of this kind (and CSAT scale) accepts, lowest first."""
    if kind == SurveyKind.NPS:
        return range(0, 11)
    if kind == SurveyKind.CES:
        return range(1, 8)
    if scale == CsatScale.GOOD_BAD:
        return range(0, 2)
    return range(1, 6)


def is_satisfied(kind: str, scale: str, score: int) -> bool | None:
    """CSAT only: a satisfied answer (4-5 of five, or good); None for other kinds."""
    if kind != SurveyKind.CSAT:
        return None
    if scale == CsatScale.GOOD_BAD:
        return score == 1
    return score >= CSAT_SATISFIED_MIN
