"""CSAT, NPS and CES surveys: the settings, the invitations sent, and the answers received.

An invitation is one question to one customer (CSAT or CES about one ticket, NPS about the company);
a response is its answer, at most one per invitation (changeable for a while). Both carry
denormalized copies of what reports slice by (agent at solve time, group, organization, the
ticket's channel, language, times), so a report reads one table with an index on its time column
and never joins back through tickets whose owner or group has changed since.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group, Organization
from supportdesk.surveys.choices import AnswerChannel, CsatScale, DeliveryChannel, InvitationStatus, SkipReason, SurveyKind
from supportdesk.tickets.models import Ticket

MAX_COMMENT = 2000


class SurveySettings(models.Model):
    """What is asked, when and where; one row (pk=1, created on first read by selectors.get_settings)."""

    csat_enabled = models.BooleanField(_("ask for satisfaction (CSAT) after a ticket is solved"), default=False)
    csat_scale = models.CharField(_("CSAT scale"), max_length=12, choices=CsatScale.choices, default=CsatScale.FIVE_POINT)
    ces_enabled = models.BooleanField(_("ask for effort (CES) after a ticket is solved"), default=False)
    nps_enabled = models.BooleanField(_("ask for the likelihood to recommend (NPS) periodically"), default=False)
    delay_minutes = models.PositiveIntegerField(_("delay after solving (minutes)"), default=60)
    channel = models.CharField(_("channel"), max_length=8, choices=DeliveryChannel.choices, default=DeliveryChannel.BOTH)
    change_window_hours = models.PositiveIntegerField(_("answers can be changed for (hours)"), default=72)
    link_lifetime_days = models.PositiveIntegerField(_("links stay valid for (days)"), default=30)
    nps_interval_days = models.PositiveIntegerField(_("ask a customer for NPS at most every (days)"), default=90)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return "survey settings"


class SurveyInvitation(models.Model):
    """One question to one customer. CSAT and CES are unique per ticket; NPS has no ticket (the
    agent, group and organization are those of the solved ticket that prompted it)."""

    kind = models.CharField(_("kind"), max_length=4, choices=SurveyKind.choices)
    scale = models.CharField(_("scale"), max_length=12, choices=CsatScale.choices, blank=True)
    ticket = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.CASCADE, related_name="survey_invitations")
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ticket_channel = models.CharField(max_length=16, blank=True)
    language = models.CharField(_("language"), max_length=8)
    channel = models.CharField(_("channel"), max_length=8, choices=DeliveryChannel.choices)
    # Random, part of every signed link: a link cannot be derived from the id alone.
    key = models.CharField(max_length=32)
    status = models.CharField(_("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING)
    skip_reason = models.CharField(max_length=16, choices=SkipReason.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    send_after = models.DateTimeField()
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=998, blank=True)
    mail_attempts = models.PositiveSmallIntegerField(default=0)
    mail_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "ticket"], condition=Q(ticket__isnull=False), name="survey_invitation_once_per_ticket"),
            models.CheckConstraint(
                condition=(Q(kind=SurveyKind.NPS) & Q(ticket__isnull=True)) | (~Q(kind=SurveyKind.NPS) & Q(ticket__isnull=False)),
                name="survey_invitation_ticket_by_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["send_after"], condition=Q(status=InvitationStatus.PENDING), name="survey_inv_due"),
            models.Index(fields=["queued_at"], condition=Q(status=InvitationStatus.QUEUED), name="survey_inv_queued"),
            models.Index(fields=["customer", "kind", "-created_at"], name="survey_inv_customer"),
            models.Index(fields=["kind", "sent_at"], name="survey_inv_kind_sent"),
            models.Index(fields=["group", "kind", "sent_at"], name="survey_inv_group_sent"),
            models.Index(fields=["agent", "kind", "sent_at"], name="survey_inv_agent_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} invitation {self.pk} ({self.status})"


class SurveyResponse(models.Model):
    """The answer to one invitation: the score, an optional comment, how and when it came."""

    invitation = models.OneToOneField(SurveyInvitation, on_delete=models.CASCADE, related_name="response")
    kind = models.CharField(_("kind"), max_length=4, choices=SurveyKind.choices)
    scale = models.CharField(_("scale"), max_length=12, choices=CsatScale.choices, blank=True)
    score = models.PositiveSmallIntegerField(_("score"))
    # CSAT only (None for NPS and CES): 4-5 on the five-point scale, or "good".
    satisfied = models.BooleanField(null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=MAX_COMMENT)
    channel = models.CharField(_("answered via"), max_length=12, choices=AnswerChannel.choices)
    language = models.CharField(_("language"), max_length=8)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)
    # Denormalized from the invitation, for reports.
    ticket = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.CASCADE, related_name="survey_responses")
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ticket_channel = models.CharField(max_length=16, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-answered_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(score__lte=10), name="survey_response_score_range")]
        indexes = [
            models.Index(fields=["answered_at", "id"], name="survey_resp_answered"),
            models.Index(fields=["kind", "answered_at"], name="survey_resp_kind_answered"),
            models.Index(fields=["agent", "kind", "answered_at"], name="survey_resp_agent_answered"),
            models.Index(fields=["group", "kind", "answered_at"], name="survey_resp_group_answered"),
            models.Index(fields=["organization", "kind", "answered_at"], name="survey_resp_org_answered"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.score} for invitation {self.invitation_id}"


class NpsSchedule(models.Model):
    """When a customer was last invited to NPS: the race-safe throttle (see scheduling.claim_nps)."""

    customer = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+")
    last_invited_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"NPS schedule of {self.customer_id}"
