"""The only gate to surveys: who may read answers, change settings, or answer an invitation.

- Staff read invitations and answers of the groups they work in (admins: all); the group is the
  denormalized one of the ticket at solve time, so NPS answers (no ticket) follow the group of the
  ticket that prompted them. Results pages are for supervisors and admins, settings for admins.
- A customer reaches an invitation only through its signed link (no login) or, in the portal,
  as the invitation's own customer. Anything else is the same 404 as a missing invitation, and a
  shared-organization colleague who may read the ticket still never sees someone else's survey.
- Link problems are typed (LinkInvalid 400, LinkNotFound 404, LinkExpired and SurveyClosed 410,
  AlreadyAnswered 409), each with a friendly text in the customer's language.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.core.errors import DomainError, NotFound, PermissionDenied
from supportdesk.core.ratelimit import allow, client_ip
from supportdesk.surveys import signing
from supportdesk.surveys.choices import PORTAL_CHANNELS, TICKET_KINDS, InvitationStatus
from supportdesk.surveys.models import SurveyInvitation, SurveyResponse, SurveySettings
from supportdesk.surveys.texts import text
from supportdesk.tickets.access import READ, access_ticket, scope_for, ticket_permissions
from supportdesk.tickets.models import Ticket

# Answers per client address: a token cannot be guessed; this only bounds the work a script makes.
ANSWER_LIMIT = 60
ANSWER_WINDOW = timedelta(minutes=10)
CLOSED_STATUSES = frozenset({InvitationStatus.CANCELLED, InvitationStatus.SKIPPED, InvitationStatus.FAILED})
# A link is in the wild once its mail is being sent (queued); a pending invitation has none yet.
ANSWERABLE_STATUSES = frozenset({InvitationStatus.QUEUED, InvitationStatus.SENT, InvitationStatus.ANSWERED})


class SurveyLinkError(DomainError):
    """A link or answer that cannot be used; `page` names its texts (<page>_title, <page>_text)."""

    page = "invalid"

    def __init__(self, language: str | None = None) -> None:
        self.language = language or translation.get_language() or "en"
        super().__init__(text(self.language, f"{self.page}_title"))

    @property
    def explanation(self) -> str:
        return text(self.language, f"{self.page}_text")


class LinkInvalid(SurveyLinkError):
    status = 400
    page = "invalid"


class LinkNotFound(SurveyLinkError):
    status = 404
    page = "not_found"


class LinkExpired(SurveyLinkError):
    status = 410
    page = "expired"


class SurveyClosed(SurveyLinkError):
    status = 410
    page = "cancelled"


class AlreadyAnswered(SurveyLinkError):
    status = 409
    page = "already"


# -- staff -------------------------------------------------------------------------------------


def require_admin(user: User) -> None:
    if not (user.is_active and user.is_admin):
        raise PermissionDenied(_("Only admins may change survey settings."))


def require_results_viewer(user: User) -> None:
    if not (user.is_active and user.role in (Role.ADMIN, Role.SUPERVISOR)):
        raise PermissionDenied(_("Only supervisors and admins may see survey results."))


def require_staff(user: User) -> None:
    if not (user.is_active and user.is_helpdesk_staff):
        raise PermissionDenied(_("Only helpdesk staff may see survey answers."))


def staff_group_ids(user: User) -> list[int] | None:
    """The groups whose surveys this staff member reads; None means all (admins)."""
    require_staff(user)
    if user.role == Role.ADMIN:
        return None
    return scope_for(user).groups_with(READ)


def visible_invitations(user: User) -> QuerySet[SurveyInvitation]:
    groups = staff_group_ids(user)
    rows = SurveyInvitation.objects.all()
    return rows if groups is None else rows.filter(group_id__in=groups)


def visible_responses(user: User) -> QuerySet[SurveyResponse]:
    groups = staff_group_ids(user)
    rows = SurveyResponse.objects.all()
    return rows if groups is None else rows.filter(group_id__in=groups)


def ticket_invitations(user: User, ticket_id: int) -> tuple[Ticket, QuerySet[SurveyInvitation]]:
    """A ticket the user may read and its surveys: all of them for staff who work on it, only the
    user's own for anyone else (a shared-organization colleague sees none of the customer's)."""
    ticket = access_ticket(user, ticket_id)
    rows = SurveyInvitation.objects.filter(ticket=ticket).select_related("response").order_by("created_at", "id")
    if not ticket_permissions(user, ticket).is_staff_view:
        rows = rows.filter(customer=user)
    return ticket, rows


# -- customers ---------------------------------------------------------------------------------


def within_answer_limit(request: HttpRequest) -> bool:
    """Count one answer attempt from the caller's address; False once over the limit."""
    return allow(f"survey-answer:{client_ip(request)}", limit=ANSWER_LIMIT, window=ANSWER_WINDOW)


def invitation_from_token(token: str, conf: SurveySettings, *, now: datetime) -> tuple[SurveyInvitation, int | None]:
    """The invitation a signed link opens, and the score it preselects.

    Raises LinkInvalid (malformed, tampered), LinkNotFound (no such invitation, wrong key, not
    sent), LinkExpired (older than the lifetime) or SurveyClosed (cancelled, skipped, failed).
    An answered invitation is returned: whether it can still change is the action's question.
    """
    try:
        data = signing.read_token(token, max_age=timedelta(days=conf.link_lifetime_days))
    except signing.ExpiredToken as exc:
        raise LinkExpired() from exc
    except signing.BadToken as exc:
        raise LinkInvalid() from exc
    invitation = SurveyInvitation.objects.select_related("ticket").filter(pk=data.invitation_id).first()
    if invitation is None or not constant_time_compare(invitation.key, data.key):
        raise LinkNotFound()
    check_open(invitation, now=now)
    return invitation, data.score


def check_open(invitation: SurveyInvitation, *, now: datetime) -> None:
    """Raise the matching link error unless the invitation may be answered (or viewed) now."""
    if invitation.status in CLOSED_STATUSES:
        raise SurveyClosed(invitation.language)
    if invitation.status not in ANSWERABLE_STATUSES:
        raise LinkNotFound(invitation.language)
    if invitation.expires_at is not None and now >= invitation.expires_at:
        raise LinkExpired(invitation.language)


def access_own_invitation(user: User, invitation_id: int) -> SurveyInvitation:
    """An invitation addressed to this user (any kind and channel); else NotFound. A ticket survey
    also needs the ticket to be readable by them."""
    invitation = (
        SurveyInvitation.objects.select_related("ticket").filter(pk=invitation_id).first() if isinstance(invitation_id, int) else None
    )
    if invitation is None or not user.is_active or invitation.customer_id != user.pk:
        raise NotFound()
    if invitation.ticket_id is not None:
        access_ticket(user, invitation.ticket_id)
    return invitation


def access_portal_invitation(user: User, invitation_id: int) -> SurveyInvitation:
    """A ticket survey offered in the portal to this user as its customer; else NotFound."""
    invitation = (
        SurveyInvitation.objects.select_related("ticket").filter(pk=invitation_id, kind__in=TICKET_KINDS).first()
        if isinstance(invitation_id, int)
        else None
    )
    if invitation is None or invitation.customer_id != user.pk or invitation.channel not in PORTAL_CHANNELS or invitation.ticket_id is None:
        raise NotFound()
    access_ticket(user, invitation.ticket_id)  # the portal shows it on a ticket the user may read
    return invitation
