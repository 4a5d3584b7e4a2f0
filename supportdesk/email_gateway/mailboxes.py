"""Mailbox settings and the quarantine list: the actions and selectors behind the admin pages and API.

Only admins may read or change mailboxes and received mail; for everyone else these objects do
not exist (NotFound), like any other gate. The secrets (IMAP password or access token, OAuth refresh
token and client secret) are write-only: they are encrypted on the way in (core.crypto) and no
function here returns them; an empty or missing value keeps the stored one.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from supportdesk.accounts.models import Group, User
from supportdesk.core.crypto import encrypt_secret
from supportdesk.core.errors import Conflict, NotFound, ValidationFailed, reject_unknown_fields
from supportdesk.email_gateway.choices import AfterImport, AuthMethod, InboundStatus
from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.email_gateway.oauth import check_token_url

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = (
    "name",
    "email_address",
    "group",
    "is_active",
    "send_acknowledgement",
    "imap_host",
    "imap_port",
    "imap_tls",
    "imap_username",
    "auth_method",
    "imap_folder",
    "poll_interval_seconds",
    "use_idle",
    "after_import",
    "move_folder",
    "language",
    "oauth_client_id",
    "oauth_token_url",
    "oauth_scope",
)
SINGLE_LINE_FIELDS = ("name", "imap_host", "imap_username", "imap_folder", "email_address", "move_folder", "oauth_client_id", "oauth_scope")
# Changing any of these points the mailbox at other messages: forget the old UIDVALIDITY.
SERVER_FIELDS = {"imap_host", "imap_port", "imap_username", "imap_folder"}
MIN_POLL_SECONDS = 10
MAX_POLL_SECONDS = 86_400
QUARANTINE_STATUSES = (InboundStatus.QUARANTINED, InboundStatus.REVIEW, InboundStatus.REJECTED)
REPROCESSABLE_STATUSES = (*QUARANTINE_STATUSES, InboundStatus.PENDING)
MAX_SECRET_CHARS = 4096  # OAuth access tokens are long; passwords are not
# Write-only secrets: argument name -> encrypted model field.
SECRET_FIELDS = {
    "secret": "imap_secret_encrypted",
    "refresh_token": "oauth_refresh_token_encrypted",
    "client_secret": "oauth_client_secret_encrypted",
}
SECRET_FORM_FIELDS = {"secret": "password", "refresh_token": "oauth_refresh_token", "client_secret": "oauth_client_secret"}


def require_admin(user: User) -> None:
    """The one gate of this module: non-admins get NotFound, so the pages and ids do not exist for them."""
    if not (user.is_authenticated and user.is_active and user.is_admin):
        raise NotFound()


def mailboxes(user: User) -> QuerySet[Mailbox]:
    require_admin(user)
    return Mailbox.objects.select_related("group")


def get_mailbox(user: User, mailbox_id: int) -> Mailbox:
    mailbox = mailboxes(user).filter(pk=mailbox_id).first()
    if mailbox is None:
        raise NotFound(_("Mailbox not found."))
    return mailbox


def _check_values(values: dict[str, Any]) -> None:
    """Rules beyond the model fields' own validators; field errors name the offending field."""
    errors: dict[str, str] = {}
    for name in (*SINGLE_LINE_FIELDS, "oauth_token_url"):
        text = values.get(name)
        if isinstance(text, str) and any(ch in text for ch in "\r\n\x00"):
            errors[name] = _("Line breaks and NUL characters are not allowed.")
    interval = values.get("poll_interval_seconds")
    if interval is not None and not MIN_POLL_SECONDS <= int(interval) <= MAX_POLL_SECONDS:
        errors["poll_interval_seconds"] = _("Between %(min)s and %(max)s seconds.") % {"min": MIN_POLL_SECONDS, "max": MAX_POLL_SECONDS}
    port = values.get("imap_port")
    if port is not None and not 1 <= int(port) <= 65535:
        errors["imap_port"] = _("Between 1 and 65535.")
    group = values.get("group")
    if "group" in values and not isinstance(group, Group):
        errors["group"] = _("Choose an existing group.")
    url = values.get("oauth_token_url")
    if isinstance(url, str) and url and "oauth_token_url" not in errors:
        problem = check_token_url(url)
        if problem:
            errors["oauth_token_url"] = problem
    if errors:
        raise ValidationFailed(_("Please correct the mailbox settings."), field_errors=errors)


def _check_combined(mailbox: Mailbox) -> None:
    """Rules across fields, on the mailbox as it would be saved."""
    errors: dict[str, str] = {}
    if mailbox.after_import == AfterImport.MOVE:
        if not mailbox.move_folder.strip():
            errors["move_folder"] = _("Enter the folder imported mail is moved to.")
        elif mailbox.move_folder.strip().casefold() == mailbox.imap_folder.strip().casefold():
            errors["move_folder"] = _("Choose a folder other than the one mail is fetched from.")
    if mailbox.auth_method == AuthMethod.XOAUTH2 and mailbox.oauth_refresh_token_encrypted:
        if not mailbox.oauth_client_id:
            errors["oauth_client_id"] = _("Required to refresh the access token.")
        if not mailbox.oauth_token_url:
            errors["oauth_token_url"] = _("Required to refresh the access token.")
    if errors:
        raise ValidationFailed(_("Please correct the mailbox settings."), field_errors=errors)


def _apply_secrets(mailbox: Mailbox, secrets: dict[str, str | None]) -> list[str]:
    """Encrypt the given (non-blank) secrets onto the mailbox; return the names of those set."""
    for name, value in secrets.items():
        if value is not None and len(value) > MAX_SECRET_CHARS:
            raise ValidationFailed(_("Please correct the mailbox settings."), field_errors={SECRET_FORM_FIELDS[name]: _("Too long.")})
    changed = []
    for name, value in secrets.items():
        if value:
            setattr(mailbox, SECRET_FIELDS[name], encrypt_secret(value))
            changed.append(name)
    if "refresh_token" in changed or "client_secret" in changed:
        mailbox.oauth_access_expires_at = None  # fetch an access token with the new credentials
    return changed


def _save(mailbox: Mailbox) -> None:
    _check_combined(mailbox)
    try:
        mailbox.full_clean(exclude=list(SECRET_FIELDS.values()))
    except DjangoValidationError as exc:
        errors = {field: " ".join(str(m) for m in msgs) for field, msgs in exc.message_dict.items()}
        raise ValidationFailed(_("Please correct the mailbox settings."), field_errors=errors) from exc
    try:
        with transaction.atomic():
            mailbox.save()
    except IntegrityError as exc:
        raise Conflict(_("A mailbox with this name exists already."), field_errors={"name": _("Already in use.")}) from exc


def create_mailbox(actor: User, values: dict[str, Any], *, secret: str = "", refresh_token: str = "", client_secret: str = "") -> Mailbox:
    """Create a mailbox from EDITABLE_FIELDS values (group as a Group); the secrets are stored encrypted."""
    require_admin(actor)
    reject_unknown_fields(values, EDITABLE_FIELDS)
    _check_values(values)
    mailbox = Mailbox(**values)
    _apply_secrets(mailbox, {"secret": secret, "refresh_token": refresh_token, "client_secret": client_secret})
    _save(mailbox)
    logger.info("mailbox %s created by user %s", mailbox.pk, actor.pk)
    return mailbox


def update_mailbox(
    actor: User,
    mailbox: Mailbox,
    changes: dict[str, Any],
    *,
    secret: str | None = None,
    refresh_token: str | None = None,
    client_secret: str | None = None,
) -> list[str]:
    """Apply changes; a blank or None secret keeps the stored one. Returns the changed field names
    (secrets by their argument name only).

    Switching to password authentication forgets the OAuth refresh token and client secret: they
    would be secrets kept for nothing.
    """
    require_admin(actor)
    reject_unknown_fields(changes, EDITABLE_FIELDS)
    _check_values(changes)
    changed = [name for name, value in changes.items() if getattr(mailbox, name) != value]
    for name in changed:
        setattr(mailbox, name, changes[name])
    if SERVER_FIELDS & set(changed):
        mailbox.imap_uidvalidity = None
    if "auth_method" in changed and mailbox.auth_method == AuthMethod.PASSWORD:
        mailbox.oauth_refresh_token_encrypted = mailbox.oauth_client_secret_encrypted = ""
        mailbox.oauth_access_expires_at = None
    changed += _apply_secrets(mailbox, {"secret": secret, "refresh_token": refresh_token, "client_secret": client_secret})
    if changed:
        _save(mailbox)
        logger.info("mailbox %s changed by user %s: %s", mailbox.pk, actor.pk, ", ".join(changed))
    return changed


def delete_mailbox(actor: User, mailbox: Mailbox) -> None:
    """Delete the settings; received messages stay (their mailbox becomes empty)."""
    require_admin(actor)
    mailbox.delete()
    logger.info("mailbox deleted by user %s", actor.pk)


def inbound_messages(user: User, *, statuses: tuple[str, ...] | None = None) -> QuerySet[InboundMessage]:
    """Received messages for the quarantine list (by default only those needing attention)."""
    require_admin(user)
    return InboundMessage.objects.select_related("mailbox").filter(status__in=statuses or QUARANTINE_STATUSES)


def get_inbound(user: User, inbound_id: int) -> InboundMessage:
    require_admin(user)
    inbound = InboundMessage.objects.select_related("mailbox", "raw").filter(pk=inbound_id).first()
    if inbound is None:
        raise NotFound(_("Message not found."))
    return inbound


def reprocess_inbound(actor: User, inbound_id: int) -> InboundMessage:
    """Run intake again on a quarantined, held or pending message (e.g. after a parser fix).

    The message is set back to pending so intake's idempotence check lets it through; if intake
    fails, the previous status stays and the failure is kept in `reason`. The raw bytes never change.
    """
    from supportdesk.email_gateway import intake

    inbound = get_inbound(actor, inbound_id)
    if inbound.status not in REPROCESSABLE_STATUSES:
        raise Conflict(_("This message was already imported; it cannot be processed again."))
    previous = inbound.status
    InboundMessage.objects.filter(pk=inbound.pk).update(status=InboundStatus.PENDING)
    try:
        result = intake.process_inbound(inbound.pk)
    except Exception as exc:
        logger.exception("reprocessing inbound %s failed", inbound.pk)
        reason = _("Reprocessing failed (%(error)s).") % {"error": type(exc).__name__}
        InboundMessage.objects.filter(pk=inbound.pk).update(status=previous, reason=reason)
        raise Conflict(reason) from exc
    logger.info("inbound %s reprocessed by user %s: %s", inbound.pk, actor.pk, result.status)
    return InboundMessage.objects.select_related("mailbox").get(pk=inbound.pk)
