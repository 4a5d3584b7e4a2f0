"""Writes of the surveys domain: the settings (admins) and answers (customers, by link or portal).

An answer is not a change of the ticket, so it writes no TicketEvent: SurveyResponse is its own
record (with answered_at and changed_at). After commit it publishes "survey.answered" {invitation_id,
response_id, ticket_id, kind, score, created} and, for ticket surveys, "ticket.changed" so an agent's
open ticket page shows the answer without a reload.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed, reject_unknown_fields
from supportdesk.core.events import publish_on_commit
from supportdesk.surveys.access import AlreadyAnswered, LinkNotFound, check_open, require_admin
from supportdesk.surveys.choices import AnswerChannel, CsatScale, DeliveryChannel, InvitationStatus, is_satisfied, valid_scores
from supportdesk.surveys.models import MAX_COMMENT, SurveyInvitation, SurveyResponse, SurveySettings
from supportdesk.surveys.selectors import change_deadline, get_settings
from supportdesk.surveys.texts import text
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

# field -> (lowest, highest) for the numbers; None for the others.
SETTING_BOUNDS: dict[str, tuple[int, int] | None] = {
    "csat_enabled": None,
    "csat_scale": None,
    "ces_enabled": None,
    "nps_enabled": None,
    "delay_minutes": (0, 30 * 24 * 60),
    "channel": None,
    "change_window_hours": (0, 30 * 24),
    "link_lifetime_days": (1, 365),
    "nps_interval_days": (1, 730),
}
BOOLEAN_SETTINGS = ("csat_enabled", "ces_enabled", "nps_enabled")


# -- settings ----------------------------------------------------------------------------------


def update_settings(actor: User, changes: Mapping[str, Any]) -> list[str]:
    """Change survey settings (admins); return the names of the fields that changed.

    Unknown fields are refused (422), as are values out of bounds. New values apply to invitations
    planned from now on; scheduled ones keep their time, channel and scale, and a link's lifetime
    is checked against the settings at the moment it is used.
    """
    require_admin(actor)
    reject_unknown_fields(changes, SETTING_BOUNDS)
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        bounds = SETTING_BOUNDS[name]
        if name in BOOLEAN_SETTINGS:
            if not isinstance(value, bool):
                errors[name] = _("Give true or false.")
            clean[name] = value
        elif name == "csat_scale":
            if value not in CsatScale.values:
                errors[name] = _("Unknown scale.")
            clean[name] = value
        elif name == "channel":
            if value not in DeliveryChannel.values:
                errors[name] = _("Unknown channel.")
            clean[name] = value
        elif bounds is not None:
            low, high = bounds
            if type(value) is not int or not low <= value <= high:
                errors[name] = _("Give a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
            clean[name] = value
    if errors:
        raise ValidationFailed(_("Please correct the survey settings."), field_errors=errors)
    with transaction.atomic():
        conf = SurveySettings.objects.select_for_update().filter(pk=get_settings().pk).get()
        changed = [name for name, value in clean.items() if getattr(conf, name) != value]
        if changed:
            for name in changed:
                setattr(conf, name, clean[name])
            conf.updated_at, conf.updated_by = timezone.now(), actor
            conf.save(update_fields=[*changed, "updated_at", "updated_by"])
            logger.info("survey settings changed by user %s: %s", actor.pk, ", ".join(changed))
    return changed


# -- answers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerOutcome:
    response: SurveyResponse
    created: bool  # the first answer
    changed: bool  # something was written (False: the same answer again)


def clean_comment(value: Any, *, language: str) -> str:
    """A comment as stored: plain text, line breaks kept, control and invisible format characters
    (NUL, bidi overrides, zero-width spaces) dropped, trimmed; over MAX_COMMENT is refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationFailed(text(language, "comment_too_long", max=MAX_COMMENT), field_errors={"comment": _("Give a text.")})
    lines = value.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = "".join(ch for ch in lines if ch in "\n\t" or ch.isprintable()).strip()
    if len(cleaned) > MAX_COMMENT:
        message = text(language, "comment_too_long", max=MAX_COMMENT)
        raise ValidationFailed(message, field_errors={"comment": message})
    return cleaned


def check_score(invitation: SurveyInvitation, score: Any) -> int:
    """The score if this invitation's question accepts it; else ValidationFailed (in its language)."""
    allowed = valid_scores(invitation.kind, invitation.scale or CsatScale.FIVE_POINT)
    if type(score) is not int or score not in allowed:
        message = text(invitation.language, "invalid_score")
        raise ValidationFailed(message, field_errors={"score": message})
    return score


def check_answer(invitation: SurveyInvitation, *, score: Any, comment: Any, channel: str, now: datetime | None = None) -> AnswerOutcome:
    """Validate an answer to an invitation the caller reached through its gate, then record it.

    `comment` None keeps a stored comment (the API may leave it out); a text replaces it.
    """
    clean_score = check_score(invitation, score)
    clean = None if comment is None else clean_comment(comment, language=invitation.language)
    return do_record_answer(invitation.pk, score=clean_score, comment=clean, channel=channel, now=now)


def do_record_answer(invitation_id: int, *, score: int, comment: str | None, channel: str, now: datetime | None = None) -> AnswerOutcome:
    """Record or change the answer (inputs already checked); one answer per invitation.

    The invitation row is locked, so two clicks at once make one answer and one change. The first
    answer marks the invitation answered; later ones within the change window (from the first
    answer) change it and set changed_at; after it, AlreadyAnswered and nothing changes. A closed,
    expired or unsent invitation raises its link error and nothing changes either.
    """
    now = now or timezone.now()
    conf = get_settings()
    with transaction.atomic():
        invitation = SurveyInvitation.objects.select_for_update().filter(pk=invitation_id).first()
        if invitation is None:
            raise LinkNotFound()
        check_open(invitation, now=now)
        response = SurveyResponse.objects.filter(invitation=invitation).first()
        if response is None:
            response = _first_answer(invitation, score=score, comment=comment or "", channel=channel, now=now)
            created = changed = True
        else:
            if now >= change_deadline(response, conf):
                raise AlreadyAnswered(invitation.language)
            created = False
            new_comment = response.comment if comment is None else comment
            changed = (response.score, response.comment) != (score, new_comment)
            if changed:
                response.score, response.comment, response.changed_at = score, new_comment, now
                response.satisfied = is_satisfied(response.kind, response.scale, score)
                response.save(update_fields=["score", "comment", "changed_at", "satisfied"])
        if changed:
            _announce(invitation, response, created=created)
    return AnswerOutcome(response=response, created=created, changed=changed)


def _first_answer(invitation: SurveyInvitation, *, score: int, comment: str, channel: str, now: datetime) -> SurveyResponse:
    if invitation.sent_at is None:  # answered in the portal while its mail was still on the way
        invitation.sent_at = now
    invitation.status = InvitationStatus.ANSWERED
    invitation.save(update_fields=["status", "sent_at"])
    return SurveyResponse.objects.create(
        invitation=invitation,
        kind=invitation.kind,
        scale=invitation.scale,
        score=score,
        satisfied=is_satisfied(invitation.kind, invitation.scale, score),
        comment=comment,
        channel=channel if channel in AnswerChannel.values else AnswerChannel.EMAIL_LINK,
        language=invitation.language,
        answered_at=now,
        ticket_id=invitation.ticket_id,
        customer_id=invitation.customer_id,
        agent_id=invitation.agent_id,
        group_id=invitation.group_id,
        organization_id=invitation.organization_id,
        ticket_channel=invitation.ticket_channel,
        sent_at=invitation.sent_at,
    )


def _announce(invitation: SurveyInvitation, response: SurveyResponse, *, created: bool) -> None:
    publish_on_commit(
        "survey.answered",
        invitation_id=invitation.pk,
        response_id=response.pk,
        ticket_id=invitation.ticket_id,
        kind=invitation.kind,
        score=response.score,
        created=created,
    )
    if invitation.ticket_id is not None:
        ticket = Ticket.objects.filter(pk=invitation.ticket_id).values("group_id", "number").first()
        if ticket is not None:
            publish_on_commit("ticket.changed", ticket_id=invitation.ticket_id, group_id=ticket["group_id"], number=ticket["number"])
