"""POST endpoints of the ticket page. Each parses a form and calls one action.

The ticket is fetched with access_ticket(for_write=True): an outsider (or customer) gets the same
404 as for a missing id, a read-only agent a 403. The actions check the finer permission again
(note, edit, move), so these views cannot grant more than the API would.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.tickets.access import access_ticket, visible_tickets
from supportdesk.tickets.actions import (
    add_article,
    add_tags,
    link_tickets,
    merge_tickets,
    remove_tags,
    split_ticket,
    unlink_tickets,
    update_ticket,
)
from supportdesk.tickets.attachments import create_attachment
from supportdesk.tickets.choices import FieldType
from supportdesk.tickets.custom_fields import active_definitions
from supportdesk.tickets.forms import ArticleForm, LinkForm, MergeForm, SplitForm, TagForm, form_error
from supportdesk.tickets.models import Ticket, TicketLink
from supportdesk.tickets.views._common import agent_required, current_user, domain_errors

MAX_FILES = 20


def _writable(request: HttpRequest, ticket_id: int) -> tuple[User, Ticket]:
    user = current_user(request)
    return user, access_ticket(user, ticket_id, for_write=True)


def _back_to(ticket: Ticket, anchor: str = "") -> HttpResponse:
    response = HttpResponseRedirect(f"/tickets/{ticket.pk}/{anchor}")
    response.status_code = 303
    return response


def ticket_post(view: Any) -> Any:
    """The decorators every ticket POST endpoint shares, outermost first."""
    return require_POST(agent_required(domain_errors(view)))


@ticket_post
def reply(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """A public reply or internal note, with uploaded files and time spent."""
    user, ticket = _writable(request, ticket_id)
    form = ArticleForm(request.POST)
    if not form.is_valid():
        raise form_error(form)
    files = request.FILES.getlist("files")
    if len(files) > MAX_FILES:
        raise ValidationFailed(_("Too many files."), field_errors={"files": _("At most 20 files at once.")})
    with transaction.atomic():
        attachment_ids = [
            create_attachment(chunks=f.chunks(), filename=f.name or "", content_type=f.content_type, uploaded_by_id=user.pk).pk
            for f in files
        ]
        add_article(
            user,
            ticket,
            body_text=form.cleaned_data["body"],
            is_internal=form.cleaned_data["internal"],
            time_spent_minutes=form.cleaned_data["time_spent"],
            attachment_ids=attachment_ids,
        )
    messages.success(request, _("Internal note added.") if form.cleaned_data["internal"] else _("Reply sent."))
    return _back_to(ticket, "#composer")


def _custom_field_changes(request: HttpRequest) -> dict[str, Any]:
    """Custom field inputs are named cf_<key>; an unchecked box or an empty input clears the value."""
    changes: dict[str, Any] = {}
    for key, definition in active_definitions().items():
        name = f"cf_{key}"
        if definition.field_type == FieldType.CHECKBOX:
            changes[key] = True if request.POST.get(name) else None
        elif definition.field_type == FieldType.MULTISELECT:
            changes[key] = request.POST.getlist(name)
        elif name in request.POST:
            changes[key] = request.POST.get(name, "").strip()
    return changes


@ticket_post
def update_properties(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """State, priority, owner, group, pending time and custom fields, in one update_ticket call."""
    user, ticket = _writable(request, ticket_id)
    post = request.POST
    changes: dict[str, Any] = {}
    for name in ("state", "priority"):
        if post.get(name):
            changes[name] = post[name]
    if "owner" in post:
        owner = post["owner"].strip()
        if owner and not owner.isdigit():
            raise ValidationFailed(_("Choose an agent."), field_errors={"owner": _("Choose an agent.")})
        changes["owner_id"] = int(owner) if owner else None
    if post.get("group", "").isdigit() and int(post["group"]) != ticket.group_id:
        changes["group_id"] = int(post["group"])
    if "pending_until" in post:
        changes["pending_until"] = post["pending_until"].strip() or None
    if "custom_fields" in post:
        changes["custom_fields"] = _custom_field_changes(request)
    changed = update_ticket(user, ticket, changes)
    if changed:
        messages.success(request, _("Ticket updated."))
    return _back_to(ticket)


@ticket_post
def tag_add(request: HttpRequest, ticket_id: int) -> HttpResponse:
    user, ticket = _writable(request, ticket_id)
    form = TagForm(request.POST)
    if not form.is_valid():
        raise form_error(form)
    add_tags(user, ticket, [form.cleaned_data["tag"]])
    return _back_to(ticket)


@ticket_post
def tag_remove(request: HttpRequest, ticket_id: int) -> HttpResponse:
    user, ticket = _writable(request, ticket_id)
    form = TagForm(request.POST)
    if not form.is_valid():
        raise form_error(form)
    remove_tags(user, ticket, [form.cleaned_data["tag"]])
    return _back_to(ticket)


def _visible_by_number(user: User, number: int | None) -> Ticket:
    ticket = visible_tickets(user).filter(number=number).first() if number is not None else None
    if ticket is None:
        raise ValidationFailed(_("No ticket with that number."), field_errors={"number": _("Unknown ticket number.")})
    return ticket


@ticket_post
def link_add(request: HttpRequest, ticket_id: int) -> HttpResponse:
    user, ticket = _writable(request, ticket_id)
    form = LinkForm(request.POST)
    if not form.is_valid():
        raise form_error(form)
    other = _visible_by_number(user, form.cleaned_data["number"])
    link_tickets(user, ticket, other, form.cleaned_data["kind"])
    messages.success(request, _("Linked to %(number)s.") % {"number": other.display_number})
    return _back_to(ticket)


@ticket_post
def link_remove(request: HttpRequest, ticket_id: int, link_id: int) -> HttpResponse:
    user, ticket = _writable(request, ticket_id)
    link = TicketLink.objects.select_related("source", "target").filter(Q(source=ticket) | Q(target=ticket), pk=link_id).first()
    if link is None:
        raise Http404()
    unlink_tickets(user, link)
    return _back_to(ticket)


@ticket_post
def merge(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """Merge this ticket into the one with the given number, then show the survivor."""
    user, ticket = _writable(request, ticket_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        raise form_error(form)
    target = _visible_by_number(user, form.cleaned_data["number"])
    merge_tickets(user, ticket, target)
    messages.success(request, _("Merged into %(number)s.") % {"number": target.display_number})
    return _back_to(target)


@ticket_post
def split(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """Move the selected articles to a new ticket, then show the new ticket."""
    user, ticket = _writable(request, ticket_id)
    form = SplitForm(request.POST)
    if not form.is_valid():
        raise form_error(form)
    new_ticket = split_ticket(user, ticket, form.cleaned_data["article_ids"], subject=form.cleaned_data["subject"])
    messages.success(request, _("Split into %(number)s.") % {"number": new_ticket.display_number})
    return _back_to(new_ticket)
