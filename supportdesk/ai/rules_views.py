"""Admin pages of the keyword rules (/settings/ai/rules/): list, create, edit, delete.

Thin: each view parses input and calls one function of supportdesk.ai.keyword_rules, which checks
the rule (value of the field, keywords, language, confidence) and the admin role.
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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.accounts.models import Group, User
from supportdesk.ai import keyword_rules
from supportdesk.ai.choices import Target
from supportdesk.ai.models import KeywordRule
from supportdesk.core.errors import DomainError
from supportdesk.core.forms import DomainErrorForm
from supportdesk.core.pages import guarded_page, see_other

MAX_LISTED = 500


class KeywordRuleForm(DomainErrorForm):
    target = forms.ChoiceField(label=gettext_lazy("Field"), choices=Target.choices)
    value = forms.CharField(
        label=gettext_lazy("Value"),
        max_length=keyword_rules.MAX_VALUE,
        help_text=gettext_lazy("The group id, priority (low, normal, high, urgent), type or tag to predict."),
    )
    keywords = forms.CharField(
        label=gettext_lazy("Keywords"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=keyword_rules.MAX_KEYWORDS * (keyword_rules.MAX_KEYWORD + 1),
        help_text=gettext_lazy("One word or phrase per line; any one matches. Upper or lower case and punctuation do not matter."),
    )
    language = forms.CharField(
        label=gettext_lazy("Language"),
        max_length=8,
        required=False,
        help_text=gettext_lazy("A language code such as en or de; empty: every language."),
    )
    weight = forms.FloatField(label=gettext_lazy("Confidence"), min_value=0.0, max_value=1.0, initial=0.6)
    is_active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)
    position = forms.IntegerField(label=gettext_lazy("Position"), min_value=0, max_value=keyword_rules.MAX_POSITION, initial=0)

    @staticmethod
    def initial_for(rule: KeywordRule | None) -> dict[str, Any]:
        if rule is None:
            return {"is_active": True, "position": 0, "weight": 0.6}
        fields = ("target", "value", "language", "weight", "is_active", "position")
        return {**{name: getattr(rule, name) for name in fields}, "keywords": "\n".join(rule.keywords)}

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["keywords"] = [line for line in data["keywords"].splitlines() if line.strip()]
        return data


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _groups() -> dict[str, str]:
    return {str(pk): name for pk, name in Group.objects.values_list("pk", "name")}


@require_GET
@guarded_page(keyword_rules.require_admin)
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = list(keyword_rules.visible_rules(_user(request)).order_by("target", "position", "id")[:MAX_LISTED])
    groups = _groups()
    rows = [(rule, groups.get(rule.value, rule.value) if rule.target == Target.GROUP else rule.value) for rule in rules]
    return render(request, "ai/rules/list.html", {"rows": rows})


def _form_page(request: HttpRequest, form: KeywordRuleForm, rule: KeywordRule | None) -> HttpResponse:
    return render(request, "ai/rules/form.html", {"form": form, "rule": rule, "groups": sorted(_groups().items(), key=lambda g: g[1])})


@require_http_methods(["GET", "POST"])
@guarded_page(keyword_rules.require_admin)
def rule_create(request: HttpRequest) -> HttpResponse:
    form = KeywordRuleForm(request.POST or None, initial=KeywordRuleForm.initial_for(None))
    if request.method == "POST" and form.is_valid():
        try:
            keyword_rules.create_rule(_user(request), form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Keyword rule created."))
            return see_other(reverse("ai-rules"))
    return _form_page(request, form, None)


@require_http_methods(["GET", "POST"])
@guarded_page(keyword_rules.require_admin)
def rule_edit(request: HttpRequest, rule_id: int) -> HttpResponse:
    user = _user(request)
    rule = keyword_rules.get_rule(user, rule_id)
    form = KeywordRuleForm(request.POST or None, initial=KeywordRuleForm.initial_for(rule))
    if request.method == "POST" and form.is_valid():
        try:
            keyword_rules.update_rule(user, rule, form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Keyword rule saved."))
            return see_other(reverse("ai-rules"))
    return _form_page(request, form, rule)


@require_POST
@guarded_page(keyword_rules.require_admin)
def rule_delete(request: HttpRequest, rule_id: int) -> HttpResponse:
    user = _user(request)
    keyword_rules.delete_rule(user, keyword_rules.get_rule(user, rule_id))
    messages.success(request, _("Keyword rule deleted."))
    return see_other(reverse("ai-rules"))
