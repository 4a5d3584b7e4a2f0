"""The weekly report schedules page: list one's own schedules, create, delete and send one now.

Thin: the form parses the input; reports.schedules (create, access, delete) and reports.mailing
(send_now) validate it, check the owner and do the work, exactly as the API's endpoints do.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from supportdesk.accounts.models import User
from supportdesk.core.errors import DomainError, NotFound, PermissionDenied
from supportdesk.core.forms import DomainErrorForm
from supportdesk.core.pages import guarded_page, see_other
from supportdesk.reports import mailing, schedules
from supportdesk.reports.models import ReportSchedule
from supportdesk.reports.views import FILTER_PARAMS, filter_choices, require_staff, sees_team

FILTER_LABELS = {
    "group": gettext_lazy("Groups"),
    "channel": gettext_lazy("Channels"),
    "agent": gettext_lazy("Agents"),
    "organization": gettext_lazy("Organizations"),
}


class ScheduleForm(DomainErrorForm):
    """A new schedule: when it is sent, which numbers (filters) and which files are attached."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    weekday = forms.TypedChoiceField(label=gettext_lazy("Day"), coerce=int, choices=sorted(WEEKDAYS.items()), initial=0)
    hour = forms.TypedChoiceField(label=gettext_lazy("Hour"), coerce=int, choices=[(h, f"{h:02d}:00") for h in range(24)], initial=7)
    attach_csv = forms.BooleanField(label=gettext_lazy("Attach CSV"), required=False, initial=True)
    attach_xlsx = forms.BooleanField(label=gettext_lazy("Attach XLSX"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = filter_choices(user)
        # Agents' reports are their own numbers (the scope forces it): no group, agent or org to pick.
        names = FILTER_PARAMS if sees_team(user) else ("channel",)
        for name in names:
            self.fields[name] = forms.TypedMultipleChoiceField(
                label=FILTER_LABELS[name],
                required=False,
                choices=choices[name],
                coerce=str if name == "channel" else int,
                help_text=_("None chosen: all."),
            )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "report": "overview",
            "weekday": data["weekday"],
            "hour": data["hour"],
            "attach_csv": data["attach_csv"],
            "attach_xlsx": data["attach_xlsx"],
            "is_active": True,
            "filters": {name: list(data[name]) for name in FILTER_PARAMS if data.get(name)},
        }


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _rows(user: User) -> list[dict[str, Any]]:
    """The user's schedules with their filters spelled out (names of what the user may see)."""
    choices = {name: dict(options) for name, options in filter_choices(user).items()}
    rows = []
    for schedule in ReportSchedule.objects.filter(owner=user).order_by("name", "id"):
        filters = schedule.filters or {}
        shown = []
        for name in FILTER_PARAMS:
            values = [choices[name].get(str(value), f"#{value}") for value in filters.get(name, [])]
            if values:
                shown.append(f"{FILTER_LABELS[name]}: {', '.join(values)}")
        rows.append({"schedule": schedule, "weekday": WEEKDAYS.get(schedule.weekday, ""), "filters": shown})
    return rows


@require_http_methods(["GET", "POST"])
@guarded_page(require_staff)
def schedules_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ScheduleForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            schedules.create_schedule(user, form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The report is scheduled."))
            return see_other(reverse("reports-schedules"))
    status = 422 if request.method == "POST" else 200
    return render(request, "reports/schedules.html", {"form": form, "rows": _rows(user), "team": sees_team(user)}, status=status)


@require_POST
@guarded_page(require_staff)
def delete_schedule(request: HttpRequest, schedule_id: int) -> HttpResponse:
    user = _user(request)
    schedules.delete_schedule(user, schedules.access_schedule(user, schedule_id))
    messages.success(request, _("The schedule is deleted."))
    return see_other(reverse("reports-schedules"))


@require_POST
@guarded_page(require_staff)
def send_schedule(request: HttpRequest, schedule_id: int) -> HttpResponse:
    schedule = schedules.access_schedule(_user(request), schedule_id)
    try:
        start, end = mailing.send_now(schedule)
    except (NotFound, PermissionDenied):
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        days = {
            "start": date_format(start, "SHORT_DATE_FORMAT"),
            "end": date_format(end, "SHORT_DATE_FORMAT"),
            "email": schedule.owner.email,
        }
        messages.success(request, _("The report of %(start)s to %(end)s was sent to %(email)s.") % days)
    return see_other(reverse("reports-schedules"))
