"""Pages of the local AI: the settings page (admins) and the sidebar panel's "Apply" button.

Thin: each view parses a form and calls one function (settings_access, apply).
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from supportdesk.accounts.models import User
from supportdesk.ai import apply, settings_access
from supportdesk.core.errors import DomainError, NotFound, PermissionDenied
from supportdesk.core.forms import DomainErrorForm
from supportdesk.core.pages import guarded_page, see_other


class AiSettingsForm(DomainErrorForm):
    triage_enabled = forms.BooleanField(label=gettext_lazy("Triage new tickets"), required=False)
    apply_threshold = forms.FloatField(label=gettext_lazy("Apply predictions at or above this confidence"), min_value=0, max_value=1)
    suggest_threshold = forms.FloatField(label=gettext_lazy("Suggest predictions at or above this confidence"), min_value=0, max_value=1)
    apply_language = forms.BooleanField(label=gettext_lazy("Set the ticket language"), required=False)
    apply_group = forms.BooleanField(label=gettext_lazy("Apply the predicted group"), required=False)
    apply_priority = forms.BooleanField(label=gettext_lazy("Apply the predicted priority"), required=False)
    apply_tags = forms.BooleanField(label=gettext_lazy("Apply predicted tags"), required=False)
    retrain_days = forms.IntegerField(label=gettext_lazy("Retrain every N days (0: only on demand)"), min_value=0, max_value=365)
    min_examples = forms.IntegerField(label=gettext_lazy("Minimum solved tickets to train"), min_value=1, max_value=1_000_000)
    llm_enabled = forms.BooleanField(label=gettext_lazy("LLM drafting and summaries"), required=False)
    llm_base_url = forms.CharField(label=gettext_lazy("OpenAI-compatible endpoint"), required=False, max_length=500)
    llm_model = forms.CharField(label=gettext_lazy("Model name"), required=False, max_length=120)
    llm_api_key = forms.CharField(
        label=gettext_lazy("API key"),
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False),
        help_text=gettext_lazy("Stored encrypted. Leave empty to keep the current key."),
    )
    llm_api_key_clear = forms.BooleanField(label=gettext_lazy("Remove the stored API key"), required=False)

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        clear = data.pop("llm_api_key_clear", False)
        if clear:
            data["llm_api_key"] = None
        return data


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@require_http_methods(["GET", "POST"])
@guarded_page(settings_access.check_ai_admin)
def ai_settings(request: HttpRequest) -> HttpResponse:
    row = settings_access.settings_view(_user(request))
    initial = {name: getattr(row, name) for name in AiSettingsForm.base_fields if name not in ("llm_api_key", "llm_api_key_clear")}
    form = AiSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            settings_access.update_ai_settings(_user(request), form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("AI settings saved."))
            return see_other(reverse("ai-settings"))
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "ai/settings.html", {"form": form, "has_key": bool(row.llm_api_key)}, status=status)


@require_POST
@guarded_page()
def apply_prediction(request: HttpRequest, ticket_id: int) -> HttpResponse:
    field = request.POST.get("field", "")
    try:
        apply.apply_suggestion(_user(request), ticket_id, field)
    except (NotFound, PermissionDenied):
        raise  # answered by guarded_page: 404 as for a missing ticket, 403 for read-only staff
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Suggestion applied."))
    return see_other(reverse("ticket", args=[ticket_id]))
