"""Admin settings pages of the e-mail channel: mailboxes (with a connection test) and the quarantine.

Thin: each view parses input and calls one function of `mailboxes` or `imap`. Only admins see
these pages; for anyone else they do not exist (404), like every other gate.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.accounts.models import User
from supportdesk.core.errors import DomainError, NotFound, ValidationFailed
from supportdesk.core.pagination import paginate
from supportdesk.email_gateway import imap, mailboxes
from supportdesk.email_gateway.choices import AfterImport, InboundStatus
from supportdesk.email_gateway.forms import MailboxForm
from supportdesk.email_gateway.health import alert_threshold
from supportdesk.email_gateway.intake_raw import read_raw
from supportdesk.email_gateway.models import InboundMessage

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
QUARANTINE_PAGE = 50
MAX_MAILBOXES_LISTED = 500


def admin_required(view: ViewFunc) -> ViewFunc:
    """Signed-out users go to sign-in; anyone but an admin gets 404. NotFound from the actions is 404 too."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            mailboxes.require_admin(cast(User, request.user))
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return cast(ViewFunc, wrapper)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@require_GET
@admin_required
def mailbox_list(request: HttpRequest) -> HttpResponse:
    rows = list(mailboxes.mailboxes(_user(request)).order_by("name")[:MAX_MAILBOXES_LISTED])
    return render(request, "email_gateway/admin/mailboxes.html", {"mailboxes": rows})


@require_http_methods(["GET", "POST"])
@admin_required
def mailbox_create(request: HttpRequest) -> HttpResponse:
    initial = {
        "imap_port": 993,
        "imap_tls": True,
        "imap_folder": "INBOX",
        "poll_interval_seconds": 60,
        "use_idle": True,
        "after_import": AfterImport.SEEN,
        "language": settings.LANGUAGE_CODE,
    }
    form = MailboxForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            mailbox = mailboxes.create_mailbox(_user(request), form.values(), **form.secrets())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Mailbox created."))
            return redirect("mail-mailbox-edit", mailbox_id=mailbox.pk)
    return render(request, "email_gateway/admin/mailbox_form.html", {"form": form, "mailbox": None})


@require_http_methods(["GET", "POST"])
@admin_required
def mailbox_edit(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    mailbox = mailboxes.get_mailbox(_user(request), mailbox_id)
    initial = {name: getattr(mailbox, name) for name in mailboxes.EDITABLE_FIELDS}
    form = MailboxForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = mailboxes.update_mailbox(_user(request), mailbox, form.values(), **form.secrets())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Mailbox saved.") if changed else _("Nothing changed."))
            return redirect("mail-mailbox-edit", mailbox_id=mailbox.pk)
    context = {
        "form": form,
        "mailbox": mailbox,
        "has_secret": bool(mailbox.imap_secret_encrypted),
        "has_refresh_token": bool(mailbox.oauth_refresh_token_encrypted),
        "has_client_secret": bool(mailbox.oauth_client_secret_encrypted),
        "alert_after": alert_threshold(),
    }
    return render(request, "email_gateway/admin/mailbox_form.html", context)


@require_POST
@admin_required
def mailbox_test(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    """Log in with the stored settings and report success or a clean error (no secret, no trace)."""
    mailbox = mailboxes.get_mailbox(_user(request), mailbox_id)
    error = imap.check_connection(mailbox)
    if error:
        messages.error(request, _("Connection test failed: %(error)s") % {"error": error})
    else:
        messages.success(request, _("Connection test succeeded: signed in and opened %(folder)s.") % {"folder": mailbox.imap_folder})
    return redirect("mail-mailbox-edit", mailbox_id=mailbox.pk)


@require_POST
@admin_required
def mailbox_delete(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    mailbox = mailboxes.get_mailbox(_user(request), mailbox_id)
    mailboxes.delete_mailbox(_user(request), mailbox)
    messages.success(request, _("Mailbox deleted."))
    return redirect("mail-mailboxes")


def _status_filter(value: str) -> tuple[str, ...] | None:
    if not value:
        return None
    if value not in mailboxes.QUARANTINE_STATUSES:
        raise ValidationFailed(_("Unknown status."))
    return (value,)


@require_GET
@admin_required
def quarantine(request: HttpRequest) -> HttpResponse:
    """Held messages (quarantined, needing review, rejected), newest first, cursor-paginated."""
    status = request.GET.get("status", "")
    try:
        qs = mailboxes.inbound_messages(_user(request), statuses=_status_filter(status))
        page = paginate(qs, order=["-received_at", "-id"], cursor=request.GET.get("cursor") or None, limit=QUARANTINE_PAGE)
    except ValidationFailed as exc:
        raise Http404(exc.message) from exc
    statuses = [(value, InboundStatus(value).label) for value in mailboxes.QUARANTINE_STATUSES]
    context = {"messages_page": page.items, "next_cursor": page.next_cursor, "status": status, "statuses": statuses}
    return render(request, "email_gateway/admin/quarantine.html", context)


@require_POST
@admin_required
def reprocess(request: HttpRequest, inbound_id: int) -> HttpResponse:
    try:
        inbound = mailboxes.reprocess_inbound(_user(request), inbound_id)
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Message %(id)s reprocessed: %(status)s.") % {"id": inbound.pk, "status": inbound.get_status_display()})
    return HttpResponseRedirect(reverse("mail-quarantine"), status=303)


def raw_response(inbound: InboundMessage) -> FileResponse:
    """The exact received bytes as a download: never rendered, never sniffed, sandboxed."""
    try:
        raw = read_raw(inbound)
    except OSError as exc:
        raise NotFound(_("The raw message is missing from storage.")) from exc
    response = FileResponse(
        io.BytesIO(raw), as_attachment=True, filename=f"message-{inbound.pk}.eml", content_type="application/octet-stream"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, max-age=0, no-store"
    return response


@require_GET
@admin_required
def raw_download(request: HttpRequest, inbound_id: int) -> FileResponse:
    return raw_response(mailboxes.get_inbound(_user(request), inbound_id))
