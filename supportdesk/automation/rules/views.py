"""Admin pages for triggers (with dry run and firing log), schedulers (with run log) and macros, and
the agent's macro buttons (one ticket, or the inbox selection).

Thin: each view parses a form and calls one function of rules.manage or rules.macros; errors are
shown next to the input their path names.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.accounts.models import User
from supportdesk.automation.registry import action_kinds
from supportdesk.automation.rules import manage
from supportdesk.automation.rules.condition_fields import FIELDS
from supportdesk.automation.rules.forms import MacroForm, SchedulerForm, TriggerForm
from supportdesk.automation.rules.macros import apply_macro, apply_macro_bulk
from supportdesk.automation.rules.models import Macro, Scheduler, Trigger
from supportdesk.core.errors import DomainError
from supportdesk.core.pages import see_other
from supportdesk.sla.views import admin_page

MAX_LISTED = 500
MAX_LOG = 50


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _help() -> dict[str, Any]:
    """What the JSON editors accept, listed on the form pages."""
    return {"condition_fields": [*FIELDS, "custom_fields.<key>"], "action_kinds": action_kinds()}


# -- triggers ------------------------------------------------------------------------------------


@require_GET
@admin_page
def trigger_list(request: HttpRequest) -> HttpResponse:
    rows = list(Trigger.objects.order_by("position", "id")[:MAX_LISTED])
    return render(request, "rules/triggers.html", {"triggers": rows})


@require_http_methods(["GET", "POST"])
@admin_page
def trigger_form(request: HttpRequest, trigger_id: int | None = None) -> HttpResponse:
    user = _user(request)
    trigger = manage.get_trigger(user, trigger_id) if trigger_id else None
    form = TriggerForm(request.POST or None, initial=TriggerForm.initial_for(trigger))
    dry = None
    if request.method == "POST" and form.is_valid():
        try:
            if "dry_run" in request.POST:
                dry = manage.dry_run(user, form.cleaned_data["conditions"], form.cleaned_data["actions"])
            elif trigger is None:
                trigger = manage.create_trigger(user, form.values())
                messages.success(request, _("Trigger created."))
                return see_other(reverse("rules-trigger-edit", args=[trigger.pk]))
            else:
                changed = manage.update_trigger(user, trigger, form.values())
                messages.success(request, _("Trigger saved.") if changed else _("Nothing changed."))
                return see_other(reverse("rules-trigger-edit", args=[trigger.pk]))
        except DomainError as exc:
            form.add_domain_error(exc)
    firings = list(trigger.firings.select_related("ticket")[:MAX_LOG]) if trigger else []
    context = {"form": form, "trigger": trigger, "dry": dry, "firings": firings, **_help()}
    return render(request, "rules/trigger_form.html", context)


@require_POST
@admin_page
def trigger_move(request: HttpRequest, trigger_id: int) -> HttpResponse:
    user = _user(request)
    direction = request.POST.get("direction", "")
    if direction in ("up", "down"):
        manage.move_trigger(user, manage.get_trigger(user, trigger_id), direction)
    return see_other(reverse("rules-triggers"))


@require_POST
@admin_page
def trigger_delete(request: HttpRequest, trigger_id: int) -> HttpResponse:
    user = _user(request)
    manage.delete_trigger(user, manage.get_trigger(user, trigger_id))
    messages.success(request, _("Trigger deleted."))
    return see_other(reverse("rules-triggers"))


# -- schedulers ----------------------------------------------------------------------------------


@require_GET
@admin_page
def scheduler_list(request: HttpRequest) -> HttpResponse:
    return render(request, "rules/schedulers.html", {"schedulers": list(Scheduler.objects.order_by("name", "id")[:MAX_LISTED])})


@require_http_methods(["GET", "POST"])
@admin_page
def scheduler_form(request: HttpRequest, scheduler_id: int | None = None) -> HttpResponse:
    user = _user(request)
    scheduler = manage.get_scheduler(user, scheduler_id) if scheduler_id else None
    form = SchedulerForm(request.POST or None, initial=SchedulerForm.initial_for(scheduler))
    if request.method == "POST" and form.is_valid():
        try:
            if scheduler is None:
                scheduler = manage.create_scheduler(user, form.values())
                messages.success(request, _("Scheduler created."))
            else:
                changed = manage.update_scheduler(user, scheduler, form.values())
                messages.success(request, _("Scheduler saved.") if changed else _("Nothing changed."))
            return see_other(reverse("rules-scheduler-edit", args=[scheduler.pk]))
        except DomainError as exc:
            form.add_domain_error(exc)
    runs = list(scheduler.runs.all()[:MAX_LOG]) if scheduler else []
    return render(request, "rules/scheduler_form.html", {"form": form, "scheduler": scheduler, "runs": runs, **_help()})


@require_POST
@admin_page
def scheduler_delete(request: HttpRequest, scheduler_id: int) -> HttpResponse:
    user = _user(request)
    manage.delete_scheduler(user, manage.get_scheduler(user, scheduler_id))
    messages.success(request, _("Scheduler deleted."))
    return see_other(reverse("rules-schedulers"))


# -- macros --------------------------------------------------------------------------------------


@require_GET
@admin_page
def macro_list(request: HttpRequest) -> HttpResponse:
    rows = list(Macro.objects.prefetch_related("groups").order_by("position", "name", "id")[:MAX_LISTED])
    return render(request, "rules/macros.html", {"macros": rows})


@require_http_methods(["GET", "POST"])
@admin_page
def macro_form(request: HttpRequest, macro_id: int | None = None) -> HttpResponse:
    user = _user(request)
    macro = manage.get_macro(user, macro_id) if macro_id else None
    form = MacroForm(request.POST or None, initial=MacroForm.initial_for(macro))
    if request.method == "POST" and form.is_valid():
        try:
            if macro is None:
                macro = manage.create_macro(user, form.values())
                messages.success(request, _("Macro created."))
            else:
                changed = manage.update_macro(user, macro, form.values())
                messages.success(request, _("Macro saved.") if changed else _("Nothing changed."))
            return see_other(reverse("rules-macro-edit", args=[macro.pk]))
        except DomainError as exc:
            form.add_domain_error(exc)
    return render(request, "rules/macro_form.html", {"form": form, "macro": macro, **_help()})


@require_POST
@admin_page
def macro_delete(request: HttpRequest, macro_id: int) -> HttpResponse:
    user = _user(request)
    manage.delete_macro(user, manage.get_macro(user, macro_id))
    messages.success(request, _("Macro deleted."))
    return see_other(reverse("rules-macros"))


# -- agents: applying macros ---------------------------------------------------------------------


def _int(value: Any) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 19 else None


@require_POST
@login_required
def apply_to_ticket(request: HttpRequest, ticket_id: int) -> HttpResponse:
    macro_id = _int(request.POST.get("macro"))
    try:
        if macro_id is None:
            raise DomainError(_("Choose a macro."))
        apply_macro(_user(request), ticket_id, macro_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Macro applied."))
    return see_other(reverse("ticket", args=[ticket_id]))


@require_POST
@login_required
def apply_to_selection(request: HttpRequest) -> HttpResponse:
    """The inbox bulk bar's "Apply macro" button (the selection's checkboxes are named ticket_ids)."""
    macro_id = _int(request.POST.get("macro"))
    ids = [pk for pk in (_int(v) for v in request.POST.getlist("ticket_ids")) if pk is not None]
    try:
        if macro_id is None:
            raise DomainError(_("Choose a macro."))
        result = apply_macro_bulk(_user(request), ids, macro_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Macro applied to %(n)s tickets.") % {"n": len(result.applied)})
        if result.failed:
            messages.error(request, _("%(n)s tickets could not be changed.") % {"n": len(result.failed)})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = reverse("inbox")
    return see_other(target)
