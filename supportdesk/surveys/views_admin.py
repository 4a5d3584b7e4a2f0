"""Staff pages of surveys: settings (admins) and results (supervisors and admins).

Thin: the settings page parses a form and calls actions.update_settings; the results page parses
the period and calls selectors.results over the user's visible answers (their groups; admins all).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import DomainError
from supportdesk.core.pages import guarded_page, see_other
from supportdesk.sla.zones import time_zone_error
from supportdesk.surveys import access, actions, selectors
from supportdesk.surveys.choices import SurveyKind
from supportdesk.surveys.forms import ResultsFilterForm, SurveySettingsForm
from supportdesk.surveys.texts import score_label, survey_language

DEFAULT_DAYS = 30


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@require_http_methods(["GET", "POST"])
@guarded_page(access.require_admin)
def settings_page(request: HttpRequest) -> HttpResponse:
    conf = selectors.get_settings()
    form = SurveySettingsForm(request.POST or None, initial=SurveySettingsForm.initial_for(conf))
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_settings(_user(request), form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Survey settings saved.") if changed else _("Nothing changed."))
            return see_other(reverse("survey-settings"))
    return render(request, "surveys/settings.html", {"form": form, "conf": conf})


def _zone(user: User) -> ZoneInfo:
    return ZoneInfo(user.time_zone if user.time_zone and not time_zone_error(user.time_zone) else "UTC")


def _period(form: ResultsFilterForm, zone: ZoneInfo) -> tuple[dt.date, dt.date]:
    today = timezone.now().astimezone(zone).date()
    data = form.cleaned_data if form.is_valid() else {}
    end = data.get("end") or today
    start = data.get("start") or end - dt.timedelta(days=DEFAULT_DAYS - 1)
    return start, end


@require_GET
@guarded_page(access.require_results_viewer)
def results_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    group_ids = access.staff_group_ids(user)
    groups = Group.objects.all() if group_ids is None else Group.objects.filter(pk__in=group_ids)
    form = ResultsFilterForm(request.GET or None, groups=list(groups.order_by("name").values_list("pk", "name")))
    zone = _zone(user)
    start, end = _period(form, zone)
    if not form.is_bound:
        form.initial = {"start": start, "end": end}
    group_id = form.cleaned_data.get("group") if form.is_valid() else None
    found = selectors.results(
        access.visible_responses(user),
        access.visible_invitations(user),
        start=dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        end=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
        group_id=group_id,
    )
    context: dict[str, Any] = {
        "form": form,
        "start": start,
        "end": end,
        "overall": found.overall,
        "agents": found.agents,
        "groups": found.groups,
        "comments": [_comment(row) for row in found.comments],
        "kinds": SurveyKind,
    }
    return render(request, "surveys/results.html", context)


def _comment(response: Any) -> dict[str, Any]:
    return {
        "response": response,
        "label": score_label(survey_language(translation.get_language()), response.kind, response.scale, response.score),
    }
