"""The admin page of new-ticket topics (/portal/topics/): list, create, edit, deactivate.

Thin: each view parses the form and calls one function of portal.topics, which checks that the
user is an admin (guarded_page answers 403 otherwise, sign-in first for visitors).
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import DomainError
from supportdesk.core.pages import guarded_page, see_other
from supportdesk.portal import topics
from supportdesk.portal.forms_tickets import TopicForm
from supportdesk.portal.models import Topic
from supportdesk.tickets.custom_fields import active_definitions

MAX_LISTED = 500


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _form(request: HttpRequest, topic: Topic | None) -> TopicForm:
    return TopicForm(
        request.POST or None,
        initial=TopicForm.initial_for(topic),
        languages=[(code, str(name)) for code, name in settings.LANGUAGES],
        definitions=list(active_definitions().values()),
        groups=Group.objects.filter(is_active=True).order_by("name"),
    )


@require_GET
@guarded_page(topics.require_admin)
def topic_list(request: HttpRequest) -> HttpResponse:
    rows = list(topics.all_topics()[:MAX_LISTED])
    definitions = active_definitions()
    language = get_language() or "en"
    listed = [
        {
            "topic": topic,
            "name": topic.name_in(language),
            "fields": [definitions[key].label if key in definitions else key for key in topic.fields or []],
            "required": set(topic.required_fields or []),
        }
        for topic in rows
    ]
    return render(request, "portal/topics/list.html", {"rows": listed})


@require_http_methods(["GET", "POST"])
@guarded_page(topics.require_admin)
def topic_create(request: HttpRequest) -> HttpResponse:
    form = _form(request, None)
    if request.method == "POST" and form.is_valid():
        try:
            topics.create_topic(_user(request), form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Topic created."))
            return see_other(reverse("portal-topics"))
    return render(request, "portal/topics/form.html", {"form": form, "topic": None}, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@guarded_page(topics.require_admin)
def topic_edit(request: HttpRequest, topic_id: int) -> HttpResponse:
    user = _user(request)
    topic = topics.get_topic(user, topic_id)
    form = _form(request, topic)
    if request.method == "POST" and form.is_valid():
        try:
            topics.update_topic(user, topic, form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Topic saved."))
            return see_other(reverse("portal-topics"))
    name = topic.name_in(get_language() or "en")
    return render(request, "portal/topics/form.html", {"form": form, "topic": topic, "name": name}, status=422 if form.errors else 200)


@require_POST
@guarded_page(topics.require_admin)
def topic_deactivate(request: HttpRequest, topic_id: int) -> HttpResponse:
    user = _user(request)
    if topics.deactivate_topic(user, topics.get_topic(user, topic_id)):
        messages.success(request, _("Topic deactivated: it is no longer offered on the form."))
    return see_other(reverse("portal-topics"))
