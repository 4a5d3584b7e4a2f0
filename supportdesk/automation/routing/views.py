"""Routing pages: a group's rules (admins, supervisors of the group) with a "test on a ticket"
preview, an agent's routing settings, skills and absences, and the top-bar status switch.

Thin: each view parses a form and calls one function of routing.actions; errors are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import GroupMembership, User
from supportdesk.automation.routing import actions
from supportdesk.automation.routing.engine import route_ticket
from supportdesk.automation.routing.forms import AbsenceForm, PreviewForm, RuleForm, SettingsForm, StatusForm
from supportdesk.automation.routing.models import Absence, AgentRouting, AgentSkill, RoutingRule
from supportdesk.automation.routing.permissions import can_manage_agent, get_agent, get_managed_group, manageable_groups
from supportdesk.core.errors import DomainError, NotFound, PermissionDenied
from supportdesk.core.pages import guarded_page, see_other
from supportdesk.sla.models import Calendar
from supportdesk.tickets.access import access_ticket

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


def _require_staff(user: User) -> None:
    if not user.is_helpdesk_staff:
        raise PermissionDenied(_("Only helpdesk staff may do this."))


staff_page = guarded_page(_require_staff)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _form_errors(form: Any, exc: DomainError) -> None:
    form.add_error(None, exc.message)
    for name, message in exc.field_errors.items():
        form.add_error(None, f"{name}: {message}")


@require_GET
@staff_page
def group_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.role not in (Role.ADMIN, Role.SUPERVISOR):
        raise PermissionDenied(_("Only admins and supervisors manage routing rules."))
    groups = manageable_groups(user)  # may be empty: no groups yet, or none of a supervisor's
    return render(request, "routing/groups.html", {"groups": groups})


@require_http_methods(["GET", "POST"])
@staff_page
def group_rules(request: HttpRequest, group_id: int) -> HttpResponse:
    user = _user(request)
    group = get_managed_group(user, group_id)
    form = RuleForm(request.POST or None, initial={"plain": ["online", "not_absent", "under_capacity"], "auto_assign": True})
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_rule(user, group.pk, form.values())
        except DomainError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Rule added."))
            return see_other(reverse("routing-group", args=[group.pk]))
    preview = None
    preview_form = PreviewForm(request.GET if "ticket" in request.GET else None)
    if preview_form.is_valid():
        ticket = access_ticket(user, preview_form.cleaned_data["ticket"])
        if ticket.group_id != group.pk:
            preview_form.add_error("ticket", _("This ticket is in another group."))
        else:
            preview = {"ticket": ticket, "result": route_ticket(ticket.pk, dry_run=True)}
    rules = list(RoutingRule.objects.filter(group=group).order_by("position", "id"))
    context = {"group": group, "rules": rules, "form": form, "preview_form": preview_form, "preview": preview}
    return render(request, "routing/group_rules.html", context)


@require_POST
@staff_page
def rule_action(request: HttpRequest, rule_id: int) -> HttpResponse:
    user = _user(request)
    rule = RoutingRule.objects.filter(pk=rule_id).first()
    if rule is None:
        raise NotFound()
    get_managed_group(user, rule.group_id)
    what = request.POST.get("do", "")
    if what in ("up", "down"):
        actions.move_rule(user, rule, what)
    elif what == "toggle":
        actions.update_rule(user, rule, {"is_active": not rule.is_active})
    elif what == "delete":
        actions.delete_rule(user, rule)
        messages.success(request, _("Rule deleted."))
    return see_other(reverse("routing-group", args=[rule.group_id]))


@require_GET
@staff_page
def my_routing(request: HttpRequest) -> HttpResponse:
    return see_other(reverse("routing-agent", args=[request.user.pk]))


@require_http_methods(["GET", "POST"])
@staff_page
def agent_page(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _user(request)
    agent = get_agent(user, user_id)
    manager = can_manage_agent(user, agent)
    row = AgentRouting.objects.filter(user=agent).first() or AgentRouting(user=agent)
    skills = list(AgentSkill.objects.filter(user=agent).order_by("kind", "value"))
    calendars = list(Calendar.objects.order_by("name").values_list("pk", "name")[:200])
    settings_form = SettingsForm(
        request.POST if request.POST.get("form") == "settings" else None,
        calendars=calendars,
        initial={
            "max_open_tickets": row.max_open_tickets,
            "max_chats": row.max_chats,
            "calendar_id": row.calendar_id,
            "absence_handling": row.absence_handling,
            "skills": "\n".join(f"{s.kind}:{s.value}:{s.level}" for s in skills),
        },
    )
    groups = GroupMembership.objects.filter(user=agent).values("group_id")
    delegates = list(
        User.objects.filter(is_active=True, group_memberships__group_id__in=groups)
        .exclude(pk=agent.pk)
        .distinct()
        .order_by("email")
        .values_list("pk", "email")[:200]
    )
    absence_form = AbsenceForm(request.POST if request.POST.get("form") == "absence" else None, delegates=delegates)
    if request.method == "POST":
        try:
            if request.POST.get("form") == "settings" and settings_form.is_valid():
                values = {k: settings_form.cleaned_data[k] for k in ("max_open_tickets", "max_chats", "calendar_id", "absence_handling")}
                actions.update_settings(user, agent, values)
                actions.set_skills(user, agent, settings_form.skill_rows())
                messages.success(request, _("Routing settings saved."))
                return see_other(reverse("routing-agent", args=[agent.pk]))
            if request.POST.get("form") == "absence" and absence_form.is_valid():
                data = absence_form.cleaned_data
                actions.create_absence(
                    user,
                    agent,
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    kind=data["kind"],
                    delegate_id=data["delegate"],
                    note=data["note"],
                )
                messages.success(request, _("Absence recorded."))
                return see_other(reverse("routing-agent", args=[agent.pk]))
        except DomainError as exc:
            _form_errors(settings_form if request.POST.get("form") == "settings" else absence_form, exc)
    absences = Absence.objects.filter(user=agent, ends_at__gt=timezone.now()).select_related("delegate").order_by("starts_at")[:50]
    context = {
        "agent": agent,
        "row": row,
        "skills": skills,
        "manager": manager,
        "settings_form": settings_form,
        "absence_form": absence_form,
        "absences": absences,
        "statuses": AgentRouting._meta.get_field("status").choices,
    }
    return render(request, "routing/agent.html", context)


@require_POST
@staff_page
def absence_delete(request: HttpRequest, absence_id: int) -> HttpResponse:
    user = _user(request)
    absence = Absence.objects.select_related("user").filter(pk=absence_id).first()
    if absence is None:
        raise NotFound()
    get_agent(user, absence.user_id)
    actions.delete_absence(user, absence)
    messages.success(request, _("Absence removed."))
    return see_other(reverse("routing-agent", args=[absence.user_id]))


@require_POST
@staff_page
def set_status(request: HttpRequest) -> HttpResponse:
    """The top-bar switch: the signed-in agent's own status; back to the page they were on."""
    form = StatusForm(request.POST)
    if form.is_valid():
        actions.update_settings(_user(request), _user(request), {"status": form.cleaned_data["status"]})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = reverse("inbox")
    return see_other(target)
