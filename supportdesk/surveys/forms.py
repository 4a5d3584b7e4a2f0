"""Forms of the staff survey pages: the settings, and the results' period and group filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from supportdesk.core.forms import DomainErrorForm
from supportdesk.surveys.actions import SETTING_BOUNDS
from supportdesk.surveys.choices import CsatScale, DeliveryChannel
from supportdesk.surveys.models import SurveySettings

MAX_PERIOD_DAYS = 731


def _bounded(name: str, label: Any, help_text: Any = "") -> forms.IntegerField:
    bounds = SETTING_BOUNDS[name]
    assert bounds is not None
    return forms.IntegerField(label=label, min_value=bounds[0], max_value=bounds[1], help_text=help_text)


class SurveySettingsForm(DomainErrorForm):
    csat_enabled = forms.BooleanField(label=_("Ask for satisfaction (CSAT) when a ticket is solved"), required=False)
    csat_scale = forms.ChoiceField(label=_("CSAT scale"), choices=CsatScale.choices)
    ces_enabled = forms.BooleanField(label=_("Ask how easy it was (CES, 1 to 7) when a ticket is solved"), required=False)
    nps_enabled = forms.BooleanField(label=_("Ask how likely customers are to recommend you (NPS, 0 to 10)"), required=False)
    nps_interval_days = _bounded("nps_interval_days", _("Ask a customer for NPS at most every (days)"))
    delay_minutes = _bounded(
        "delay_minutes", _("Delay after solving (minutes)"), _("A reopen within the delay cancels the survey of that ticket.")
    )
    channel = forms.ChoiceField(
        label=_("Where to ask"), choices=DeliveryChannel.choices, help_text=_("NPS is always asked by e-mail: it belongs to no ticket.")
    )
    change_window_hours = _bounded("change_window_hours", _("Customers can change their answer for (hours)"))
    link_lifetime_days = _bounded("link_lifetime_days", _("Links in survey mails stay valid for (days)"))

    @staticmethod
    def initial_for(conf: SurveySettings) -> dict[str, Any]:
        return {name: getattr(conf, name) for name in SETTING_BOUNDS}

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in SETTING_BOUNDS}


class ResultsFilterForm(forms.Form):
    """The period (whole days, both included) and optionally one group."""

    start = forms.DateField(
        label=pgettext_lazy("start of a period", "From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=pgettext_lazy("end of a period", "To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    group = forms.TypedChoiceField(label=_("Group"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, groups: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("All my groups")), *groups]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: dt.date | None = data.get("start")
        end: dt.date | None = data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The end is before the start."))
            elif (end - start).days > MAX_PERIOD_DAYS:
                self.add_error("end", _("Choose at most two years."))
        return data
