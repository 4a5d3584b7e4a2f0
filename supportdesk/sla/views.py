"""Admin settings pages for business calendars and SLA policies.

Thin: each view parses a form and calls one function of sla.actions (calendars) or sla.policies;
their errors are shown next to the inputs they name. Only admins use these pages: anyone else
signed in gets the 403 page, signed-out users go to sign-in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.accounts.models import User
from supportdesk.core.errors import DomainError, PermissionDenied
from supportdesk.core.pages import guarded_page, see_other
from supportdesk.sla import actions, policies, selectors
from supportdesk.sla.business_time import add_business_time
from supportdesk.sla.choices import Metric
from supportdesk.sla.forms import CalendarForm, DueCheckForm, PolicyForm, format_duration
from supportdesk.sla.models import Calendar, SlaPolicy
from supportdesk.sla.policy_rules import ANY_PRIORITY
from supportdesk.tickets.choices import Priority

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
MAX_LISTED = 500


admin_page = guarded_page(policies.require_admin)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


# -- calendars ---------------------------------------------------------------------------------


@require_GET
@admin_page
def calendar_list(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.calendars(_user(request)).order_by("name")[:MAX_LISTED])
    used = set(SlaPolicy.objects.filter(calendar__isnull=False).values_list("calendar_id", flat=True))
    return render(request, "sla/calendars.html", {"calendars": rows, "used": used})


@require_http_methods(["GET", "POST"])
@admin_page
def calendar_create(request: HttpRequest) -> HttpResponse:
    form = CalendarForm(request.POST or None, initial=CalendarForm.initial_for(None))
    if request.method == "POST" and form.is_valid():
        try:
            calendar = actions.create_calendar(_user(request), form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Calendar created."))
            return see_other(reverse("sla-calendar-edit", args=[calendar.pk]))
    return render(request, "sla/calendar_form.html", {"form": form, "calendar": None})


@require_http_methods(["GET", "POST"])
@admin_page
def calendar_edit(request: HttpRequest, calendar_id: int) -> HttpResponse:
    user = _user(request)
    calendar = selectors.get_calendar(user, calendar_id)
    form = CalendarForm(request.POST or None, initial=CalendarForm.initial_for(calendar))
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_calendar(user, calendar, form.values(changed_rules_only=True))
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Calendar saved.") if changed else _("Nothing changed."))
            return see_other(reverse("sla-calendar-edit", args=[calendar.pk]))
    context = {"form": form, "calendar": calendar, **_due_check(request, calendar)}
    return render(request, "sla/calendar_form.html", context)


def _due_check(request: HttpRequest, calendar: Calendar) -> dict[str, Any]:
    """The "check a due time" mini form (GET parameters): the start is local time in the calendar's zone."""
    if "start" not in request.GET:
        return {"check_form": DueCheckForm(), "due": None}
    check = DueCheckForm(request.GET)
    due = None
    if check.is_valid():
        zone = ZoneInfo(calendar.time_zone)
        start = check.cleaned_data["start"].replace(tzinfo=None)
        start = start.replace(tzinfo=zone)
        try:
            moment = add_business_time(start, dt.timedelta(minutes=check.cleaned_data["duration"]), selectors.spec_for(calendar, now=start))
        except DomainError as exc:
            check.add_error(None, exc.message)
        else:
            due = {"start": start, "local": moment.astimezone(zone), "minutes": format_duration(check.cleaned_data["duration"])}
    return {"check_form": check, "due": due}


@require_POST
@admin_page
def calendar_delete(request: HttpRequest, calendar_id: int) -> HttpResponse:
    user = _user(request)
    calendar = selectors.get_calendar(user, calendar_id)
    try:
        actions.delete_calendar(user, calendar)
    except DomainError as exc:
        if isinstance(exc, PermissionDenied):
            raise
        messages.error(request, exc.message)
        return see_other(reverse("sla-calendar-edit", args=[calendar.pk]))
    messages.success(request, _("Calendar deleted."))
    return see_other(reverse("sla-calendars"))


# -- SLA policies ------------------------------------------------------------------------------


def _target_summary(policy: SlaPolicy) -> list[tuple[str, str, str]]:
    """(priority label, metric label, h:mm) for the list page."""
    priorities = {ANY_PRIORITY: _("any priority"), **dict(Priority.choices)}
    metrics = dict(Metric.choices)
    return [
        (str(priorities.get(priority, priority)), str(metrics.get(metric, metric)), format_duration(minutes))
        for priority, targets in policy.targets.items()
        for metric, minutes in targets.items()
    ]


@require_GET
@admin_page
def policy_list(request: HttpRequest) -> HttpResponse:
    rows = list(policies.visible_policies(_user(request))[:MAX_LISTED])
    items = [{"policy": policy, "targets": _target_summary(policy)} for policy in rows]
    return render(request, "sla/policies.html", {"items": items})


@require_http_methods(["GET", "POST"])
@admin_page
def policy_create(request: HttpRequest) -> HttpResponse:
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_for(None))
    if request.method == "POST" and form.is_valid():
        try:
            policy = policies.create_policy(_user(request), form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("SLA policy created."))
            return see_other(reverse("sla-policy-edit", args=[policy.pk]))
    return render(request, "sla/policy_form.html", {"form": form, "policy": None})


@require_http_methods(["GET", "POST"])
@admin_page
def policy_edit(request: HttpRequest, policy_id: int) -> HttpResponse:
    user = _user(request)
    policy = policies.get_policy(user, policy_id)
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_for(policy), policy=policy)
    if request.method == "POST" and form.is_valid():
        try:
            changed = policies.update_policy(user, policy, form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("SLA policy saved.") if changed else _("Nothing changed."))
            return see_other(reverse("sla-policy-edit", args=[policy.pk]))
    return render(request, "sla/policy_form.html", {"form": form, "policy": policy})


@require_POST
@admin_page
def policy_move(request: HttpRequest, policy_id: int) -> HttpResponse:
    user = _user(request)
    policy = policies.get_policy(user, policy_id)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        messages.error(request, _("Choose up or down."))
    else:
        policies.move_policy(user, policy, offset)
    return see_other(reverse("sla-policies"))


@require_POST
@admin_page
def policy_delete(request: HttpRequest, policy_id: int) -> HttpResponse:
    user = _user(request)
    policies.delete_policy(user, policies.get_policy(user, policy_id))
    messages.success(request, _("SLA policy deleted."))
    return see_other(reverse("sla-policies"))
