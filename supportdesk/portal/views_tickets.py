"""The customer's pages: my tickets, one ticket (reply, close, reopen), and the new-ticket form with
its htmx helpers (the topic's fields, KB suggestions) and the "we received it" page.

Thin: each view parses input and calls one selector or action. Pages that show tickets are wrapped
in portal.access.customer_page (signed in, verified; NotFound -> 404). The new-ticket form is open
to signed-out visitors only while PortalSettings.public_form is on.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.accounts.models import User
from supportdesk.ai.suggestions.kb import kb_for_text
from supportdesk.core.errors import DomainError, PermissionDenied, ValidationFailed
from supportdesk.core.pages import see_other
from supportdesk.core.ratelimit import client_ip
from supportdesk.portal import actions
from supportdesk.portal.access import customer_page, is_verified, portal_sign_in_url
from supportdesk.portal.branding import get_portal_settings
from supportdesk.portal.forms_tickets import MAX_SEARCH, NewTicketForm, ReplyForm
from supportdesk.portal.selectors import (
    SCOPES,
    STATUSES,
    customer_ticket_page,
    list_rows,
    portal_ticket,
    shared_organizations,
    ticket_page_context,
)
from supportdesk.portal.topics import active_topic, active_topics, topic_fields
from supportdesk.portal.visits import FormTokenInvalid, clean_visit, deflection_url, form_token, new_visit, read_form_token
from supportdesk.sla.display import time_zone_of
from supportdesk.tickets.actions import customer_set_state
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

RECEIVED_KEY = "portal_received_number"
MAX_SUGGESTIONS = 5
MIN_SUGGEST_CHARS = 3


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _language() -> str:
    return (get_language() or "en")[:8]


# -- my tickets -----------------------------------------------------------------------------------------


@require_GET
@customer_page
def ticket_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    organizations = shared_organizations(user)
    scope = request.GET.get("tab", "mine")
    if scope not in SCOPES or (scope == "organization" and not organizations):
        scope = "mine"
    status = request.GET.get("status", "open")
    if status not in STATUSES:
        status = "open"
    cursor = request.GET.get("cursor") or None
    if cursor is not None and len(cursor) > 1000:
        return HttpResponseBadRequest(_("Invalid cursor."), content_type="text/plain; charset=utf-8")
    try:
        page = customer_ticket_page(user, scope=scope, status=status, cursor=cursor, organizations=organizations)
    except ValidationFailed:
        return HttpResponseBadRequest(_("Invalid cursor."), content_type="text/plain; charset=utf-8")
    context = {
        "rows": list_rows(user, page.items, time_zone_of(user.time_zone)),
        "next_cursor": page.next_cursor,
        "scope": scope,
        "status": status,
        "organizations": organizations,
        "is_first_page": cursor is None,
    }
    return render(request, "portal/tickets/list.html", context)


# -- one ticket ---------------------------------------------------------------------------------------------


def _ticket_page(request: HttpRequest, ticket: Ticket, form: ReplyForm, *, status: int = 200) -> HttpResponse:
    user = _user(request)
    context = ticket_page_context(user, ticket, now=timezone.now(), tz=time_zone_of(user.time_zone))
    return render(request, "portal/tickets/detail.html", {**context, "form": form}, status=status)


def _ticket_url(ticket: Ticket) -> str:
    return reverse("portal-ticket", args=[ticket.number])


@require_GET
@customer_page
def ticket_detail(request: HttpRequest, number: int) -> HttpResponse:
    ticket = portal_ticket(_user(request), number)
    return _ticket_page(request, ticket, ReplyForm())


@require_POST
@customer_page
def ticket_reply(request: HttpRequest, number: int) -> HttpResponse:
    """A reply with files; on an error the page comes back with the text kept and the reason shown."""
    user = _user(request)
    ticket = portal_ticket(user, number)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _ticket_page(request, ticket, form, status=422)
    try:
        article = actions.reply_to_ticket(user, ticket, body=form.cleaned_data["body"], files=request.FILES.getlist("files"))
    except PermissionDenied as exc:
        return render(request, "403.html", {"message": exc.message}, status=403)
    except DomainError as exc:
        form.add_domain_error(exc)
        return _ticket_page(request, ticket, form, status=exc.status)
    messages.success(request, _("Your reply was sent."))
    return see_other(f"{_ticket_url(ticket)}#article-{article.pk}")


@require_POST
@customer_page
def ticket_state(request: HttpRequest, number: int) -> HttpResponse:
    """Close (mark solved) or reopen the user's own ticket."""
    user = _user(request)
    ticket = portal_ticket(user, number)
    action = request.POST.get("action", "")
    if action not in ("close", "reopen"):
        return HttpResponseBadRequest(_("Unknown action."), content_type="text/plain; charset=utf-8")
    try:
        changed = customer_set_state(user, ticket, State.SOLVED if action == "close" else State.OPEN)
    except PermissionDenied as exc:
        return render(request, "403.html", {"message": exc.message}, status=403)
    except DomainError as exc:
        messages.error(request, exc.message)
        return see_other(_ticket_url(ticket))
    if changed:
        messages.success(request, _("Your request is closed. Thank you!") if action == "close" else _("Your request is open again."))
    return see_other(_ticket_url(ticket))


# -- the new-ticket form ----------------------------------------------------------------------------------


def _form_gate(request: HttpRequest) -> HttpResponse | None:
    """Who may use the form: verified signed-in users, and visitors while the public form is on."""
    if request.user.is_authenticated:
        if not is_verified(_user(request)):
            return HttpResponseRedirect(reverse("portal-verify-pending"))
        return None
    if not get_portal_settings().public_form:
        return HttpResponseRedirect(portal_sign_in_url(request.get_full_path()))
    return None


def _new_form(request: HttpRequest, data: Any = None, *, initial: dict[str, Any] | None = None) -> tuple[NewTicketForm, Any]:
    topics = active_topics()
    raw_topic = (data or {}).get("topic") if data is not None else (initial or {}).get("topic")
    topic = active_topic(raw_topic) if topics else None
    form = NewTicketForm(data, initial=initial, topics=topics, fields=topic_fields(topic), visitor=not request.user.is_authenticated)
    # htmx: choosing a topic swaps in its fields; typing the subject asks for KB suggestions.
    form.fields["topic"].widget.attrs.update(
        {"hx-get": reverse("portal-new-fields"), "hx-trigger": "change", "hx-target": "#topic-fields", "hx-swap": "innerHTML"}
    )
    form.fields["subject"].widget.attrs.update(
        {
            "hx-get": reverse("portal-new-suggestions"),
            "hx-trigger": "input changed delay:300ms",
            "hx-target": "#kb-suggestions",
            "hx-include": "[name=visit]",
            "hx-sync": "this:replace",
        }
    )
    return form, topic


def _render_form(request: HttpRequest, form: NewTicketForm, *, status: int = 200) -> HttpResponse:
    context = {"form": form, "visitor": not request.user.is_authenticated, "visit": form.data.get("visit") or form.initial.get("visit")}
    return render(request, "portal/tickets/new.html", context, status=status)


@require_http_methods(["GET", "POST"])
def new_ticket(request: HttpRequest) -> HttpResponse:
    gate = _form_gate(request)
    if gate is not None:
        return gate
    if request.method == "GET":
        visit = new_visit()
        form, _topic = _new_form(request, initial={"visit": visit, "form_token": form_token(visit), "topic": request.GET.get("topic", "")})
        return _render_form(request, form)
    return _submit(request)


def _submit(request: HttpRequest) -> HttpResponse:
    form, topic = _new_form(request, request.POST)
    ip = client_ip(request)
    if form.honeypot_filled():
        logger.warning("portal form: honeypot filled from %s; nothing created", ip)
        request.session[RECEIVED_KEY] = None
        return see_other(reverse("portal-new-received"))
    user = _user(request) if request.user.is_authenticated else None
    try:
        actions.check_submit_rate(ip=ip, email=str(request.POST.get("email", "")), user=user)
    except actions.TooManyRequests as exc:
        form.is_valid()
        form.add_error(None, exc.message)
        return _render_form(request, form, status=429)
    try:
        start = read_form_token(str(request.POST.get("form_token", "")))
    except FormTokenInvalid as exc:
        logger.info("portal form: start token refused (%s) from %s", exc, ip)
        form.is_valid()
        visit = clean_visit(request.POST.get("visit")) or new_visit()
        data = request.POST.copy()
        data["visit"], data["form_token"] = visit, form_token(visit)
        form.data = data
        form.add_error(None, _("Please check your request and send it again."))
        return _render_form(request, form, status=422)
    if not form.is_valid():
        return _render_form(request, form, status=422)
    submission = form.submission(topic=topic, language=_language())
    submission.visit = start.visit
    files = request.FILES.getlist("files")
    try:
        if user is not None:
            ticket = actions.submit_ticket(user, submission, files=files)
        else:
            ticket = actions.submit_visitor_ticket(submission, files=files)
    except DomainError as exc:
        form.add_domain_error(exc)
        return _render_form(request, form, status=exc.status if exc.status in (422, 429) else 422)
    if user is not None:
        messages.success(request, _("Thank you! We received your request %(number)s.") % {"number": ticket.display_number})
        return see_other(reverse("portal-ticket", args=[ticket.number]))
    request.session[RECEIVED_KEY] = ticket.display_number
    return see_other(reverse("portal-new-received"))


@require_GET
def new_ticket_received(request: HttpRequest) -> HttpResponse:
    """The visitor's confirmation: the number only, never the ticket's content (the address they typed
    is not proven theirs). The number is shown once, from the session."""
    number = request.session.pop(RECEIVED_KEY, None)
    return render(request, "portal/tickets/received.html", {"number": number})


@require_GET
def new_ticket_fields(request: HttpRequest) -> HttpResponse:
    """htmx: the custom fields of the chosen topic (an unknown or inactive topic has none)."""
    gate = _form_gate(request)
    if gate is not None:
        return HttpResponse(status=204)
    form, _topic = _new_form(request, initial={"topic": request.GET.get("topic", "")})
    return render(request, "portal/tickets/_topic_fields.html", {"form": form})


@require_GET
def new_ticket_suggestions(request: HttpRequest) -> HttpResponse:
    """htmx: up to five public KB articles matching the subject typed so far, linked with the visit."""
    gate = _form_gate(request)
    if gate is not None:
        return HttpResponse(status=204)
    query = " ".join(str(request.GET.get("subject", ""))[:MAX_SEARCH].split())
    visit = clean_visit(request.GET.get("visit"))
    hits: list[Any] = []
    if len(query) >= MIN_SUGGEST_CHARS and actions.check_suggest_rate(client_ip(request)):
        # The agents' retrieval (suggestions panel), public articles only: the visitor's language first.
        hits = kb_for_text(query, language=_language(), public_only=True, limit=MAX_SUGGESTIONS)
    suggestions = [
        {"title": hit.title, "snippet": hit.snippet, "url": deflection_url(hit.url, visit, query)} for hit in hits[:MAX_SUGGESTIONS]
    ]
    return render(request, "portal/tickets/_suggestions.html", {"suggestions": suggestions, "query": query})
