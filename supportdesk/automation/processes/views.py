"""Pages of the processes app: admin pages for templates, "My process tasks", and the POST
endpoints of the ticket page's process panel. Thin: each calls one function of definitions or engine."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.automation.processes import definitions, engine, selectors
from supportdesk.automation.processes.forms import TemplateForm, attach_errors, make_step_formset, step_specs
from supportdesk.automation.processes.models import ProcessTemplate
from supportdesk.core.errors import DomainError
from supportdesk.core.pages import see_other
from supportdesk.sla.views import admin_page
from supportdesk.tickets.views._common import agent_required, current_user, domain_errors, post_int, redirect_back

MAX_LISTED = 500


# -- admin pages -------------------------------------------------------------------------------


@require_GET
@admin_page
def template_list(request: HttpRequest) -> HttpResponse:
    rows = list(definitions.visible_templates(current_user(request)).prefetch_related("steps")[:MAX_LISTED])
    return render(request, "processes/templates.html", {"templates": rows})


def _edit(request: HttpRequest, template: ProcessTemplate | None) -> HttpResponse:
    user = current_user(request)
    data = request.POST if request.method == "POST" else None
    form = TemplateForm(data, initial=TemplateForm.initial_for(template))
    formset = make_step_formset(template, data)
    if data is not None and form.is_valid() and formset.is_valid():
        values: dict[str, Any] = {**form.cleaned_data, "steps": step_specs(formset)}
        try:
            if template is None:
                template = definitions.create_template(user, values)
                messages.success(request, _("Process template created."))
            else:
                changed = definitions.update_template(user, template, values)
                messages.success(request, _("Process template saved.") if changed else _("Nothing changed."))
        except DomainError as exc:
            attach_errors(form, formset, exc)
        else:
            return see_other(reverse("process-template-edit", args=[template.pk]))
    return render(request, "processes/template_form.html", {"form": form, "formset": formset, "template": template})


@require_http_methods(["GET", "POST"])
@admin_page
def template_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@require_http_methods(["GET", "POST"])
@admin_page
def template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    return _edit(request, definitions.get_template(current_user(request), template_id))


@require_POST
@admin_page
def template_delete(request: HttpRequest, template_id: int) -> HttpResponse:
    user = current_user(request)
    definitions.delete_template(user, definitions.get_template(user, template_id))
    messages.success(request, _("Process template deleted."))
    return see_other(reverse("process-templates"))


# -- agents ------------------------------------------------------------------------------------


@require_GET
@agent_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    tasks = list(selectors.my_tasks(current_user(request))[: selectors.MAX_TASKS_LISTED])
    return render(request, "processes/my_tasks.html", {"tasks": tasks})


def _back_to_ticket(request: HttpRequest, ticket_id: int) -> HttpResponse:
    return redirect_back(request, fallback=reverse("ticket", args=[ticket_id]))


@require_POST
@agent_required
@domain_errors
def start(request: HttpRequest, ticket_id: int) -> HttpResponse:
    outcome = engine.check_start_process(current_user(request), ticket_id, post_int(request, "template_id"))
    messages.success(request, _("Process “%(name)s” started.") % {"name": outcome.run.name})
    return _back_to_ticket(request, ticket_id)


@require_POST
@agent_required
@domain_errors
def task_action(request: HttpRequest, task_id: int, verb: str) -> HttpResponse:
    user = current_user(request)
    note = request.POST.get("note", "")
    if verb == "complete":
        outcome = engine.check_complete_task(user, task_id, note=note)
    else:
        outcome = engine.check_decide_task(user, task_id, approve=verb == "approve", note=note)
    return _back_to_ticket(request, outcome.run.ticket_id)


@require_POST
@agent_required
@domain_errors
def cancel(request: HttpRequest, run_id: int) -> HttpResponse:
    outcome = engine.check_cancel_run(current_user(request), run_id, note=request.POST.get("note", ""))
    messages.success(request, _("Process cancelled."))
    return _back_to_ticket(request, outcome.run.ticket_id)
