"""When surveys are planned: a ticket solved (or closed) gets its CSAT/CES invitations; leaving
those states before the mail goes out cancels them; NPS rides along, at most once per interval.

Driven by domain events after commit (core.events), in their own transaction, so a ticket change
never waits for or fails because of surveys:
- "ticket.updated" whose `changed` names "state": the ticket entered or left solved/closed (an
  agent, a rule, a pending-close timer, a merge, a failed delivery's reopen);
- "article.added" from the customer: a reply reopens a solved ticket (add_article and the mail
  intake change the state without a "ticket.updated").
Both come as batches (a mail import commits thousands), handled with a fixed number of queries.

Rules:
- One CSAT and one CES invitation per ticket, ever (unique per (kind, ticket)): solving again after
  a reopen does not ask again, and a cancelled invitation stays cancelled.
- The invitation is due `delay_minutes` after the solve; until the sweep sends it, a reopen or a
  merge cancels it (and the sweep re-checks the state before sending).
- Customers who must not be asked get a `skipped` invitation with the reason, so "why no survey?"
  has an answer: deactivated, staff, no usable address, or an automatic sender (mailer-daemon,
  no-reply...: the system senders email_gateway's loop protection knows).
- NPS: when a ticket of a customer who may be asked is solved, the customer is invited to NPS if
  their last NPS invitation is older than `nps_interval_days` (or there is none). The NpsSchedule
  row is the claim: a conditional UPDATE or a unique INSERT, so two tickets of one customer solved
  at the same moment in two processes create one NPS invitation. NPS goes out by mail only (it
  belongs to no ticket page), NPS_OFFSET after the ticket's own survey, so the customer does not
  get two mails at once.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.core.events import DomainEvent
from supportdesk.email_gateway.compose import UnsafeHeader, checked_address, customer_language
from supportdesk.email_gateway.parsing.classify import auto_submitted_reason
from supportdesk.surveys.choices import SURVEYED_STATES, DeliveryChannel, InvitationStatus, SkipReason, SurveyKind
from supportdesk.surveys.models import NpsSchedule, SurveyInvitation, SurveySettings
from supportdesk.surveys.selectors import get_settings
from supportdesk.surveys.texts import survey_language
from supportdesk.tickets.choices import SenderType
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

NPS_OFFSET = timedelta(days=1)
CHUNK = 500  # tickets per query: a mail import may deliver thousands of events at once


def new_key() -> str:
    """The random part of an invitation's links (128 bits)."""
    return secrets.token_urlsafe(16)


def on_tickets_updated(events: list[DomainEvent]) -> None:
    """Batch subscriber of "ticket.updated": plan or cancel for tickets whose state changed."""
    ids = sorted({int(event.payload["ticket_id"]) for event in events if "state" in event.payload.get("changed", ())})
    for start in range(0, len(ids), CHUNK):
        plan_for_tickets(ids[start : start + CHUNK])


def on_articles_added(events: list[DomainEvent]) -> None:
    """Batch subscriber of "article.added": a customer's message may have reopened the ticket."""
    ids = sorted(
        {
            int(event.payload["ticket_id"])
            for event in events
            if event.payload.get("sender") == SenderType.CUSTOMER
            and not event.payload.get("internal")
            and not event.payload.get("creating")
        }
    )
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            cancel_unsent(ids[start : start + CHUNK])


def cancel_unsent(ticket_ids: list[int]) -> int:
    """Cancel the not yet sent invitations of these tickets that are no longer solved or closed."""
    return (
        SurveyInvitation.objects.filter(ticket_id__in=ticket_ids, status=InvitationStatus.PENDING)
        .exclude(ticket__state__in=SURVEYED_STATES)
        .update(status=InvitationStatus.CANCELLED)
    )


def plan_for_tickets(ticket_ids: list[int], *, now: datetime | None = None) -> int:
    """Cancel what reopened tickets had pending, invite for solved ones; return how many were planned."""
    now = now or timezone.now()
    with transaction.atomic():
        tickets = list(Ticket.objects.filter(pk__in=ticket_ids).select_related("customer"))
        leaving = [ticket.pk for ticket in tickets if ticket.state not in SURVEYED_STATES]
        if leaving:
            cancel_unsent(leaving)
        solved = [ticket for ticket in tickets if ticket.state in SURVEYED_STATES]
        return invite_for_tickets(solved, get_settings(), now=now) if solved else 0


def skip_reason(customer: User) -> str:
    """Why this customer must not be asked ("" when they may be)."""
    if not customer.is_active:
        return SkipReason.INACTIVE
    if customer.is_helpdesk_staff:
        return SkipReason.STAFF
    try:
        address = checked_address(customer.email)
    except UnsafeHeader:
        return SkipReason.NO_ADDRESS
    if auto_submitted_reason({}, from_email=address, subject=""):
        return SkipReason.ROBOT
    return ""


def ticket_kinds(conf: SurveySettings) -> list[str]:
    kinds: list[str] = []
    if conf.csat_enabled:
        kinds.append(SurveyKind.CSAT)
    if conf.ces_enabled:
        kinds.append(SurveyKind.CES)
    return kinds


def invite_for_tickets(tickets: list[Ticket], conf: SurveySettings, *, now: datetime) -> int:
    """Create the missing CSAT/CES invitations of solved tickets, and NPS where due (the caller
    holds a transaction); return how many were planned. Existing invitations of a ticket,
    whatever their status, are kept."""
    kinds = ticket_kinds(conf)
    if not kinds and not conf.nps_enabled:
        return 0
    existing = set(SurveyInvitation.objects.filter(ticket__in=tickets, kind__in=kinds).values_list("ticket_id", "kind")) if kinds else set()
    rows: list[SurveyInvitation] = []
    nps_for: dict[int, Ticket] = {}
    for ticket in tickets:
        reason = skip_reason(ticket.customer)
        new = [kind for kind in kinds if (ticket.pk, kind) not in existing]
        rows += [_invitation(kind, ticket, conf, now=now, reason=reason) for kind in new]
        if conf.nps_enabled and not reason and (new or not kinds):
            nps_for.setdefault(ticket.customer_id, ticket)
    if rows:
        # A concurrent planner may have created the same (kind, ticket) meanwhile: keep theirs.
        SurveyInvitation.objects.bulk_create(rows, ignore_conflicts=True)
    nps = sum(invite_to_nps(ticket, conf, now=now) is not None for ticket in nps_for.values())
    if rows or nps:
        logger.info("surveys: %d ticket invitation(s) and %d NPS invitation(s) planned", len(rows), nps)
    return len(rows) + nps


def _invitation(kind: str, ticket: Ticket, conf: SurveySettings, *, now: datetime, reason: str) -> SurveyInvitation:
    return SurveyInvitation(
        kind=kind,
        scale=conf.csat_scale if kind == SurveyKind.CSAT else "",
        ticket=ticket,
        customer=ticket.customer,
        agent_id=ticket.owner_id,
        group_id=ticket.group_id,
        organization_id=ticket.organization_id,
        ticket_channel=ticket.channel,
        language=survey_language(customer_language(ticket)),
        channel=conf.channel,
        key=new_key(),
        status=InvitationStatus.SKIPPED if reason else InvitationStatus.PENDING,
        skip_reason=reason,
        created_at=now,
        send_after=now + timedelta(minutes=conf.delay_minutes),
    )


def claim_nps(customer_id: int, *, interval: timedelta, now: datetime) -> bool:
    """Take this customer's NPS turn if it is due; True for exactly one of concurrent callers."""
    if NpsSchedule.objects.filter(customer_id=customer_id, last_invited_at__lte=now - interval).update(last_invited_at=now):
        return True
    if NpsSchedule.objects.filter(customer_id=customer_id).exists():
        return False
    try:
        with transaction.atomic():  # a savepoint: losing the race must not abort the caller's transaction
            NpsSchedule.objects.create(customer_id=customer_id, last_invited_at=now)
    except IntegrityError:
        return False
    return True


def invite_to_nps(ticket: Ticket, conf: SurveySettings, *, now: datetime) -> SurveyInvitation | None:
    """Invite the ticket's customer to NPS when their turn has come; None when it has not."""
    if not claim_nps(ticket.customer_id, interval=timedelta(days=conf.nps_interval_days), now=now):
        return None
    return SurveyInvitation.objects.create(
        kind=SurveyKind.NPS,
        scale="",
        ticket=None,
        customer_id=ticket.customer_id,
        agent_id=ticket.owner_id,
        group_id=ticket.group_id,
        organization_id=ticket.organization_id,
        ticket_channel=ticket.channel,
        language=survey_language(customer_language(ticket)),
        channel=DeliveryChannel.EMAIL,
        key=new_key(),
        status=InvitationStatus.PENDING,
        created_at=now,
        send_after=now + timedelta(minutes=conf.delay_minutes) + NPS_OFFSET,
    )
