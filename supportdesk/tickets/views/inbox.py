"""The inbox: built-in and saved views, filters, sort, cursor pages and bulk actions.

The list is built from selectors only (inbox views, TicketFilters, ticket_list_page) so the
number of queries is fixed whatever the page size; tests assert it. View counts are capped
(selectors.VIEW_COUNT_CAP), so the sidebar costs the same for 100 tickets or a million.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import patch_vary_headers
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from supportdesk.accounts.choices import GroupAccess
from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import DomainError, NotFound, ValidationFailed
from supportdesk.sla.display import NO_SLA, SlaCell, inbox_cells, time_zone_of
from supportdesk.tickets.access import access_ticket, scope_for, visible_tickets
from supportdesk.tickets.actions import bulk_update, merge_tickets
from supportdesk.tickets.actions.workspace import create_saved_view, delete_saved_view
from supportdesk.tickets.choices import SETTABLE_STATES, Priority, State
from supportdesk.tickets.forms import BulkForm, SavedViewForm, form_error
from supportdesk.tickets.models import SavedView, Ticket
from supportdesk.tickets.selectors import INBOX_VIEWS, SORTS, TicketFilters, inbox_view, ticket_list_page, view_counts
from supportdesk.tickets.views._common import agent_required, current_user, domain_errors, flash_error, redirect_back

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
# Query parameters that select what to show but are not ticket filters.
NON_FILTER_PARAMS = ("view", "saved", "cursor", "limit")
SORT_LABELS = {
    "-updated_at": gettext_lazy("Recently updated"),
    "updated_at": gettext_lazy("Least recently updated"),
    "-created_at": gettext_lazy("Newest"),
    "created_at": gettext_lazy("Oldest"),
    "-number": gettext_lazy("Number, descending"),
    "number": gettext_lazy("Number, ascending"),
    "sla_due_at": gettext_lazy("SLA due, soonest first"),
}
SENTIMENT_FILTER_LABELS = [
    ("negative", gettext_lazy("Negative")),
    ("neutral", gettext_lazy("Neutral")),
    ("positive", gettext_lazy("Positive")),
]
SLA_FILTER_LABELS = [
    ("breached", gettext_lazy("Breached (overdue)")),
    ("at_risk", gettext_lazy("At risk")),
    ("due_soon", gettext_lazy("Due within 1 h")),
]


def _filter_params(params: QueryDict) -> dict[str, list[str]]:
    """The query parameters that are ticket filters, with empty values (blank form fields) dropped."""
    out: dict[str, list[str]] = {}
    for key in params:
        if key in NON_FILTER_PARAMS:
            continue
        values = [v for v in params.getlist(key) if v.strip()]
        if values:
            out[key] = values
    return out


def _page_size(params: QueryDict) -> int:
    raw = params.get("limit", "")
    return max(1, min(int(raw), MAX_PAGE_SIZE)) if raw.isdigit() else PAGE_SIZE


def _base_queryset(user: User, params: QueryDict) -> tuple[QuerySet[Ticket], str, SavedView | None]:
    """The tickets of the chosen built-in or saved view, before filters."""
    saved_id = params.get("saved", "")
    if saved_id:
        saved = SavedView.objects.filter(pk=int(saved_id) if saved_id.isdigit() else 0, user=user).first()
        if saved is None:
            raise Http404()
        return visible_tickets(user), "", saved
    slug = params.get("view", "mine")
    try:
        return inbox_view(slug).queryset(user), slug, None
    except ValidationFailed as exc:
        raise Http404() from exc


def _groups_of(user: User) -> list[Group]:
    if user.is_admin:
        return list(Group.objects.filter(is_active=True).order_by("name"))
    return list(Group.objects.filter(pk__in=scope_for(user).group_access, is_active=True).order_by("name"))


@dataclass(frozen=True)
class InboxRow:
    """A list row with its display values worked out in Python: per row, the template's date,
    timesince and get_FOO_display lookups cost more than the row's queries."""

    ticket: Ticket
    url: str
    select_label: str  # the checkbox's accessible name
    state_label: str
    priority_label: str
    updated_iso: str
    updated_shown: str
    updated_ago: str
    sla: SlaCell = NO_SLA


def inbox_rows(tickets: list[Ticket], *, time_zone: str = "") -> list[InboxRow]:
    """Display values of a page of tickets; SLA cells in bulk (sla.display.inbox_cells), due times in `time_zone`."""
    states = {value: str(label) for value, label in State.choices}
    priorities = {value: str(label) for value, label in Priority.choices}
    now = timezone.now()
    sla_cells = inbox_cells(tickets, now=now, tz=time_zone_of(time_zone))
    rows = []
    for ticket in tickets:
        local = timezone.localtime(ticket.updated_at)
        rows.append(
            InboxRow(
                ticket=ticket,
                url=reverse("ticket", args=[ticket.pk]),
                select_label=_("Select %(number)s") % {"number": ticket.display_number},
                state_label=states.get(ticket.state, ticket.state),
                priority_label=priorities.get(ticket.priority, ticket.priority),
                updated_iso=local.isoformat(),
                updated_shown=formats.date_format(local, "DATETIME_FORMAT"),
                updated_ago=_("%(since)s ago") % {"since": timesince(ticket.updated_at, now)},
                sla=sla_cells.get(ticket.pk, NO_SLA),
            )
        )
    return rows


def _agents_of(groups: list[Group]) -> list[User]:
    """Agents who can own tickets in these groups (write access or more), for owner pickers."""
    return list(
        User.objects.filter(
            group_memberships__group__in=groups,
            group_memberships__access__in=[GroupAccess.WRITE, GroupAccess.FULL],
            is_active=True,
        )
        .only("id", "full_name", "email")
        .distinct()
        .order_by("full_name", "email")
    )


def _parse_filters(params: QueryDict, saved: SavedView | None) -> tuple[TicketFilters, dict[str, str]]:
    """The saved view's filters overlaid with the query's, or no filters and the reasons why."""
    raw_filters: Any = dict(saved.filters) if saved else _filter_params(params)
    if saved:
        raw_filters.update(_filter_params(params))
    try:
        return TicketFilters.parse(raw_filters), {}
    except ValidationFailed as exc:
        return TicketFilters(), dict(exc.field_errors)


def _is_list_refresh(request: HttpRequest) -> bool:
    """A live refresh of #inbox-list by htmx: it keeps only the list, so only the list is rendered."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == "inbox-list"


def _sidebar_context(user: User, slug: str, saved: SavedView | None) -> dict[str, Any]:
    """Views with their (capped) counts, saved views and the pickers of the filter and bulk forms."""
    groups = _groups_of(user)
    agents = _agents_of(groups)
    counts = view_counts(user)
    return {
        "views": [{"slug": v.slug, "label": v.label, "count": counts.get(v.slug)} for v in INBOX_VIEWS],
        "current_view": slug,
        "saved": saved,
        "saved_views": list(SavedView.objects.filter(user=user)),
        "groups": groups,
        "agent_options": [(str(agent.pk), agent.display_name) for agent in agents],
        "states": State.choices,
        "settable_states": [(s.value, s.label) for s in SETTABLE_STATES],
        "priorities": Priority.choices,
        "sorts": [(key, SORT_LABELS[key]) for key in SORTS],
        "sla_filters": SLA_FILTER_LABELS,
        "sentiment_filters": SENTIMENT_FILTER_LABELS,
        "languages": settings.LANGUAGES,
    }


@require_GET
@agent_required
def inbox(request: HttpRequest) -> HttpResponse:
    """One page of a view's tickets, with the sidebar of views, counts and saved views."""
    user = current_user(request)
    base, slug, saved = _base_queryset(user, request.GET)
    filters, filter_errors = _parse_filters(request.GET, saved)
    status = 200
    queryset = filters.apply(base, user)
    order, limit = SORTS[filters.sort], _page_size(request.GET)
    try:
        page = ticket_list_page(queryset, order=order, cursor=request.GET.get("cursor") or None, limit=limit)
    except ValidationFailed as exc:  # a tampered cursor: show the first page and say why
        filter_errors, status = {**filter_errors, **exc.field_errors}, 422
        page = ticket_list_page(queryset, order=order, cursor=None, limit=limit)
    next_query = request.GET.copy()
    next_query["cursor"] = page.next_cursor or ""
    context = {
        "tickets": page.items,
        "rows": inbox_rows(page.items, time_zone=user.time_zone),
        "next_cursor": page.next_cursor,
        "next_query": next_query.urlencode(),
    }
    if _is_list_refresh(request):
        response = render(request, "tickets/_inbox_list.html", context, status=status)
    else:
        context |= _sidebar_context(user, slug, saved)
        context |= {
            "filters": filters,
            "filter_params": filters.to_params(),
            "filter_errors": filter_errors,
            "query_string": request.GET.urlencode(),
        }
        response = render(request, "tickets/inbox.html", context, status=status)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_POST
@agent_required
@domain_errors
def bulk(request: HttpRequest) -> HttpResponse:
    """Apply one change (owner, state, priority, tag) or a merge to the selected tickets."""
    user = current_user(request)
    form = BulkForm(request.POST)
    if not form.is_valid():
        raise form_error(form, _("Check the bulk action."))
    ids: list[int] = form.cleaned_data["ticket_ids"]
    if form.cleaned_data["merge_into"]:
        _bulk_merge(request, user, ids, form.cleaned_data["merge_into"])
        return redirect_back(request, fallback="/inbox/")
    changes, tags = form.changes(user)
    if not changes and not tags:
        raise ValidationFailed(_("Choose a change to apply."))
    result = bulk_update(user, ids, changes=changes, tags=tags)
    if result.updated:
        count = len(result.updated)
        messages.success(request, ngettext("%(count)d ticket updated.", "%(count)d tickets updated.", count) % {"count": count})
    for ticket_id, reason in result.failed.items():
        messages.error(request, _("Ticket %(id)s not updated: %(reason)s") % {"id": ticket_id, "reason": reason})
    return redirect_back(request, fallback="/inbox/")


def _bulk_merge(request: HttpRequest, user: User, ids: list[int], target_number: int) -> None:
    """Merge every selected ticket (except the target itself) into the ticket with that number."""
    target = visible_tickets(user).filter(number=target_number).first()
    if target is None:
        raise ValidationFailed(_("No ticket with that number."), field_errors={"merge_into": _("Unknown ticket number.")})
    merged = 0
    for ticket_id in ids:
        if ticket_id == target.pk:
            continue
        try:
            with transaction.atomic():
                source = access_ticket(user, ticket_id, for_write=True, lock=True)
                merge_tickets(user, source, target)
            merged += 1
        except DomainError as exc:
            flash_error(request, exc)
    if merged:
        messages.success(
            request,
            ngettext("%(count)d ticket merged into %(target)s.", "%(count)d tickets merged into %(target)s.", merged)
            % {"count": merged, "target": target.display_number},
        )


@require_POST
@agent_required
@domain_errors
def save_view(request: HttpRequest) -> HttpResponse:
    """Save the current filters under a name as a personal view."""
    user = current_user(request)
    form = SavedViewForm(request.POST)
    if not form.is_valid():
        raise form_error(form, _("Check the view name and filters."))
    saved = create_saved_view(user, name=form.cleaned_data["name"], filters=form.cleaned_data["filters"])
    messages.success(request, _("View saved."))
    return redirect(f"/inbox/?saved={saved.pk}")


@require_POST
@agent_required
def delete_view(request: HttpRequest, view_id: int) -> HttpResponse:
    """Delete one of the user's own saved views; someone else's id is a 404."""
    try:
        delete_saved_view(current_user(request), view_id)
    except NotFound as exc:
        raise Http404() from exc
    messages.success(request, _("View deleted."))
    return redirect("inbox")
