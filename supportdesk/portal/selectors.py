"""Reads of the customer's side of the portal: the ticket list, one ticket, its public conversation,
the promised times and the phase of its processes.

Every ticket comes through tickets.access (visible_tickets / access_ticket). The portal narrows
that further to the customer's side: a ticket the user is the customer of, or one of a shared
organization they belong to. Staff using the portal as themselves therefore see their own tickets
there, never their group's (they have the agent workspace for those). The conversation is the
public articles only, whoever looks: internal notes never reach a portal page, even for staff.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supportdesk.accounts.models import Organization, User
from supportdesk.automation.processes.phase import process_phases
from supportdesk.core.errors import NotFound
from supportdesk.core.pagination import Page, paginate
from supportdesk.core.remote_images import has_remote_images
from supportdesk.email_gateway.templatetags.mailtext import fold_quoted, mail_html
from supportdesk.sla.display import shown_time
from supportdesk.tickets.access import TicketNotFound, TicketPermissions, access_ticket, ticket_permissions, visible_tickets
from supportdesk.tickets.actions.customer import customer_can_close, customer_can_reopen
from supportdesk.tickets.choices import OPEN_STATES, PENDING_STATES, Channel, SenderType, State
from supportdesk.tickets.models import Article, Attachment, Ticket

PAGE_SIZE = 25
MAX_ARTICLES = 500
SCOPES = ("mine", "organization")
STATUSES = ("open", "closed")
LIST_ORDER = ["-updated_at", "-id"]
LIST_COLUMNS = ("id", "number", "subject", "state", "updated_at", "customer_id", "organization_id")

# States in words a customer understands; the team's internal distinctions (pending reminder vs
# pending close) do not matter to them.
CUSTOMER_STATE_LABELS = {
    State.NEW: gettext_lazy("Received"),
    State.OPEN: gettext_lazy("In progress"),
    State.PENDING_REMINDER: gettext_lazy("Waiting for your reply"),
    State.PENDING_CLOSE: gettext_lazy("Waiting for your reply"),
    State.ON_HOLD: gettext_lazy("On hold"),
    State.SOLVED: gettext_lazy("Solved"),
    State.CLOSED: gettext_lazy("Closed"),
    State.MERGED: gettext_lazy("Merged"),
}


def customer_state_label(state: str) -> str:
    label = CUSTOMER_STATE_LABELS.get(state)  # type: ignore[call-overload]
    return str(label) if label is not None else state


def shared_organizations(user: User) -> list[Organization]:
    """The shared organizations the user belongs to: their tickets are on the "My organization" tab."""
    if not user.is_active:
        return []
    return list(user.organizations.filter(shared=True).order_by("name", "id"))


# -- the list --------------------------------------------------------------------------------------


def customer_tickets(user: User, *, scope: str, status: str, organizations: list[Organization] | None = None) -> QuerySet[Ticket]:
    """The tickets of one tab and filter: the user's own ("mine"), or those of their shared
    organizations ("organization"); "open" or "closed" (solved, closed or merged)."""
    if scope not in SCOPES or status not in STATUSES:
        raise NotFound()
    qs = visible_tickets(user)
    if scope == "mine":
        qs = qs.filter(customer=user)
    else:
        org_ids = [org.pk for org in (organizations if organizations is not None else shared_organizations(user))]
        qs = qs.filter(organization_id__in=org_ids)
    states = OPEN_STATES if status == "open" else frozenset(State) - OPEN_STATES
    return qs.filter(state__in=sorted(states))


def customer_ticket_page(
    user: User, *, scope: str, status: str, cursor: str | None, organizations: list[Organization] | None = None, limit: int = PAGE_SIZE
) -> Page[Ticket]:
    """One cursor page of a tab, newest update first; only the list columns are loaded (one query)."""
    qs = customer_tickets(user, scope=scope, status=status, organizations=organizations).only(*LIST_COLUMNS)
    return paginate(qs, order=LIST_ORDER, cursor=cursor, limit=limit)


@dataclass(frozen=True)
class ListRow:
    number: int
    display_number: str
    subject: str
    state: str
    state_label: str
    is_open: bool
    updated_iso: str
    updated_shown: str
    is_mine: bool


def list_rows(user: User, tickets: list[Ticket], tz: tzinfo) -> list[ListRow]:
    """Display values of a page, worked out once in Python (labels translated once per page)."""
    labels = {state: customer_state_label(state) for state in State.values}
    return [
        ListRow(
            number=ticket.number,
            display_number=ticket.display_number,
            subject=ticket.subject,
            state=ticket.state,
            state_label=labels.get(ticket.state, ticket.state),
            is_open=ticket.state in OPEN_STATES,
            updated_iso=ticket.updated_at.isoformat(),
            updated_shown=shown_time(ticket.updated_at, tz),
            is_mine=ticket.customer_id == user.pk,
        )
        for ticket in tickets
    ]


# -- one ticket ----------------------------------------------------------------------------------------


def is_customer_side(user: User, ticket: Ticket) -> bool:
    """The user is the ticket's customer, or a member of its shared organization."""
    if ticket.customer_id == user.pk:
        return True
    return ticket.organization_id is not None and user.organizations.filter(pk=ticket.organization_id, shared=True).exists()


def portal_ticket(user: User, number: int) -> Ticket:
    """The ticket with this number, on the user's customer side; TicketNotFound exactly as for a
    missing number otherwise (access_ticket decides readability, this only narrows it)."""
    ticket_id = Ticket.objects.filter(number=number).values_list("pk", flat=True).first() if isinstance(number, int) else None
    if ticket_id is None:
        raise TicketNotFound()
    ticket = access_ticket(user, ticket_id)
    if not is_customer_side(user, ticket):
        raise TicketNotFound()
    return ticket


@dataclass(frozen=True)
class PortalPermissions:
    """What the portal offers on one ticket (the actions check again)."""

    can_reply: bool
    can_close: bool
    can_reopen: bool


def portal_permissions(user: User, ticket: Ticket, perms: TicketPermissions | None = None) -> PortalPermissions:
    perms = perms or ticket_permissions(user, ticket)
    writable = perms.can_reply and ticket.state != State.MERGED
    return PortalPermissions(
        can_reply=writable,
        can_close=writable and customer_can_close(ticket),
        can_reopen=writable and customer_can_reopen(ticket),
    )


@dataclass(frozen=True)
class ConversationEntry:
    article: Article
    author: str
    from_customer: bool
    is_own: bool
    iso: str
    shown: str
    body: SafeString
    attachments: list[Attachment]


def public_articles(ticket: Ticket) -> QuerySet[Article]:
    """The ticket's public articles, oldest first, with authors and attachments (three queries)."""
    return (
        Article.objects.filter(ticket=ticket, is_internal=False)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
        .order_by("created_at", "id")
    )


def public_conversation(user: User, ticket: Ticket, tz: tzinfo) -> list[ConversationEntry]:
    """The public conversation as the page shows it (the newest MAX_ARTICLES)."""
    articles = list(public_articles(ticket).reverse()[:MAX_ARTICLES])[::-1]
    entries = []
    for article in articles:
        from_customer = article.sender_type == SenderType.CUSTOMER
        entries.append(
            ConversationEntry(
                article=article,
                author=_author(article, ticket, user),
                from_customer=from_customer,
                is_own=from_customer and article.author_id == user.pk,
                iso=timezone.localtime(article.created_at, tz).isoformat(),
                shown=shown_time(article.created_at, tz),
                body=article_body(article),
                attachments=list(article.attachments.all()),
            )
        )
    return entries


def _author(article: Article, ticket: Ticket, user: User) -> str:
    """Customers are named; team members by their name only (never their address), else "Support"."""
    if article.sender_type == SenderType.CUSTOMER:
        if article.author_id == user.pk:
            return _("You")
        if article.author is not None and article.author.full_name:
            return article.author.full_name
        return article.from_address or ticket.customer.display_name
    if article.sender_type == SenderType.AGENT and article.author is not None and article.author.full_name:
        return article.author.full_name
    return _("Support team")


_CID_SRC = re.compile(r'src="cid:([^"]{1,255})"', re.IGNORECASE)


def article_body(article: Article) -> SafeString:
    """An article's body rendered as on the agent page: sanitised HTML (inline images through the
    access-checked download), plain mail with its quoted history folded, other text with line breaks.

    Remote images stay inert (no src) with a notice but without the agent page's "Show images"
    link: customers have no opt-in, so the portal never makes a browser fetch a tracking pixel.
    """
    if article.body_html:
        if not has_remote_images(article.body_html):
            return mail_html(article)
        by_cid = {att.content_id: att.pk for att in article.attachments.all() if att.content_id}

        def replace(match: re.Match[str]) -> str:
            attachment_id = by_cid.get(html.unescape(match.group(1)))
            return match.group(0) if attachment_id is None else f'src="{reverse("attachment-download", args=[attachment_id])}"'

        body = _CID_SRC.sub(replace, article.body_html)
        notice = format_html('<p class="pt-notice small">{}</p>', _("Images from other websites are not shown."))
        return format_html("{}{}", notice, mark_safe(body))  # noqa: S308 - body_html was sanitised by nh3 on the way in
    if article.channel == Channel.EMAIL:
        return fold_quoted(article.body_text)
    return format_html('<div class="mail-text">{}</div>', linebreaksbr(article.body_text or "", autoescape=True))


# -- promised times ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Promise:
    """One sentence about when the team will answer or resolve; `tone` is ok, late or waiting."""

    text: str
    tone: str
    due_iso: str = ""


def promises(ticket: Ticket, *, now: datetime, tz: tzinfo) -> list[Promise]:
    """What the team promises, from the SLA due times kept on the ticket, in the reader's time zone.

    Nothing is promised for a finished ticket. While the clocks are paused the due times are empty:
    a pending ticket waits for the customer, one on hold for something else. A passed due time is
    said without blame (it is late for us, not for them).
    """
    if ticket.state not in OPEN_STATES:
        return []
    if ticket.sla_paused:
        if ticket.state in PENDING_STATES:
            return [Promise(_("We are waiting for your reply. Just answer here when you are ready."), "waiting")]
        return [Promise(_("Your request is on hold; we will get back to you."), "waiting")]
    result = []
    answer_due = ticket.first_response_due_at or ticket.next_response_due_at
    if answer_due is not None:
        if now < answer_due:
            text = _("We aim to answer by %(when)s") % {"when": shown_time(answer_due, tz)}
            result.append(Promise(text, "ok", answer_due.isoformat()))
        else:
            result.append(Promise(_("Our answer is taking longer than we planned. We will reply as soon as we can."), "late"))
    if ticket.resolution_due_at is not None:
        due = ticket.resolution_due_at
        if now < due:
            text = _("We aim to resolve your request by %(when)s") % {"when": shown_time(due, tz)}
            result.append(Promise(text, "ok", due.isoformat()))
        else:
            result.append(Promise(_("Resolving this is taking longer than we planned. We are still working on it."), "late"))
    if not result and ticket.first_response_at is not None and ticket.state != State.NEW:
        text = _("We first answered on %(when)s") % {"when": shown_time(ticket.first_response_at, tz)}
        result.append(Promise(text, "ok"))
    return result


# -- processes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phase:
    """A process of the ticket in customer-safe terms: its name, state and current step."""

    name: str
    state: str
    state_label: str
    text: str
    step: int
    of: int
    running: bool


def customer_phases(ticket: Ticket) -> list[Phase]:
    """The ticket's processes, newest first (processes.phase: names and states, never notes or people)."""
    phases = []
    for phase in process_phases(ticket):
        running = phase["state"] == "running"
        phases.append(
            Phase(
                name=str(phase["name"]),
                state=str(phase["state"]),
                state_label=str(phase["text"]) if not running else _("In progress"),
                text=str(phase["text"]),
                step=int(phase["step"]),
                of=int(phase["of"]),
                running=running,
            )
        )
    return phases


def ticket_page_context(user: User, ticket: Ticket, *, now: datetime, tz: tzinfo) -> dict[str, Any]:
    """Everything the portal ticket page shows."""
    perms = ticket_permissions(user, ticket)
    return {
        "ticket": ticket,
        "state_label": customer_state_label(ticket.state),
        "is_open": ticket.state in OPEN_STATES,
        "is_mine": ticket.customer_id == user.pk,
        "created_iso": timezone.localtime(ticket.created_at, tz).isoformat(),
        "created_shown": shown_time(ticket.created_at, tz),
        "portal_perms": portal_permissions(user, ticket, perms),
        "conversation": public_conversation(user, ticket, tz),
        "promises": promises(ticket, now=now, tz=tz),
        "phases": customer_phases(ticket),
    }
