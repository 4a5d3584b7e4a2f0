"""Admin pages of the webhooks app: webhooks (the secret shown once), the delivery log, redelivery.

Thin: each view parses a form and calls one function of webhooks.actions. Admins only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.accounts.models import User
from supportdesk.automation.webhooks import actions
from supportdesk.automation.webhooks.delivery import body_of
from supportdesk.automation.webhooks.forms import DeliveryFilterForm, WebhookForm
from supportdesk.core.errors import DomainError
from supportdesk.core.pages import guarded_page, see_other

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
LOG_PAGE = 100


admin_page = guarded_page(actions.require_admin)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@require_GET
@admin_page
def webhook_list(request: HttpRequest) -> HttpResponse:
    rows = list(actions.visible_webhooks(_user(request)).order_by("name", "id")[:500])
    return render(request, "webhooks/webhooks.html", {"webhooks": rows})


@require_http_methods(["GET", "POST"])
@admin_page
def webhook_create(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None, initial=WebhookForm.initial_for(None))
    if request.method == "POST" and form.is_valid():
        try:
            webhook, secret = actions.create_webhook(_user(request), form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            # Shown on this response only (no redirect): the secret is never displayed again.
            return render(request, "webhooks/secret.html", {"webhook": webhook, "secret": secret})
    return render(request, "webhooks/webhook_form.html", {"form": form, "webhook": None})


@require_http_methods(["GET", "POST"])
@admin_page
def webhook_edit(request: HttpRequest, webhook_id: int) -> HttpResponse:
    user = _user(request)
    webhook = actions.get_webhook(user, webhook_id)
    form = WebhookForm(request.POST or None, initial=WebhookForm.initial_for(webhook))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_webhook(user, webhook, form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Webhook saved."))
            return see_other(reverse("webhook-edit", args=[webhook.pk]))
    return render(request, "webhooks/webhook_form.html", {"form": form, "webhook": webhook})


@require_POST
@admin_page
def webhook_secret(request: HttpRequest, webhook_id: int) -> HttpResponse:
    user = _user(request)
    webhook = actions.get_webhook(user, webhook_id)
    secret = actions.regenerate_secret(user, webhook)
    return render(request, "webhooks/secret.html", {"webhook": webhook, "secret": secret, "regenerated": True})


@require_POST
@admin_page
def webhook_delete(request: HttpRequest, webhook_id: int) -> HttpResponse:
    user = _user(request)
    actions.delete_webhook(user, actions.get_webhook(user, webhook_id))
    messages.success(request, _("Webhook deleted."))
    return see_other(reverse("webhooks"))


@require_GET
@admin_page
def delivery_log(request: HttpRequest) -> HttpResponse:
    filters = DeliveryFilterForm(request.GET or None)
    values: dict[str, Any] = filters.cleaned_data if filters.is_valid() else {}
    webhook = values.get("webhook")
    rows = actions.delivery_log(
        _user(request), webhook_id=webhook.pk if webhook else None, status=values.get("status") or None, event=values.get("event") or None
    )
    page = list(rows.select_related("webhook").order_by("-id")[:LOG_PAGE])
    return render(request, "webhooks/deliveries.html", {"filters": filters, "deliveries": page, "limit": LOG_PAGE})


@require_GET
@admin_page
def delivery_detail(request: HttpRequest, delivery_id: int) -> HttpResponse:
    row = actions.get_delivery(_user(request), delivery_id)
    return render(request, "webhooks/delivery.html", {"delivery": row, "body": body_of(row).decode()})


@require_POST
@admin_page
def delivery_redeliver(request: HttpRequest, delivery_id: int) -> HttpResponse:
    user = _user(request)
    try:
        actions.redeliver(user, actions.get_delivery(user, delivery_id))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The delivery was queued again."))
    return see_other(reverse("webhook-delivery", args=[delivery_id]))
