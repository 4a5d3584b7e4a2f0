"""Mailboxes and received mail (admins only): settings CRUD, the quarantine list, reprocess, raw bytes.

The secrets are write-only: `password` (or XOAUTH2 access token), `oauth_refresh_token` and
`oauth_client_secret` are accepted on create and update (blank or absent keeps the stored one) and
never returned; `has_secret`, `has_refresh_token` and `has_client_secret` say whether one is stored.
For non-admins these resources do not exist (404), as on the settings pages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from supportdesk.accounts.models import Group
from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Id, Input, Limit, PageOut, PathId, paginate_list
from supportdesk.core.errors import ValidationFailed
from supportdesk.email_gateway import imap, mailboxes
from supportdesk.email_gateway.choices import AfterImport, AuthMethod
from supportdesk.email_gateway.idle import is_watched
from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.email_gateway.views import raw_response

router = Router(tags=["mail"])

HeldStatus = Literal["quarantined", "review", "rejected"]
HOST_PATTERN = r"^[^\s\x00]*$"
LINE_PATTERN = r"^[^\r\n\x00]*$"
LANGUAGE_DOC = "One of the site's languages (settings.LANGUAGES); default LANGUAGE_CODE."


class MailboxOut(Schema):
    id: int
    name: str
    email_address: str
    group_id: int
    is_active: bool
    send_acknowledgement: bool
    imap_host: str
    imap_port: int
    imap_tls: bool
    imap_username: str
    auth_method: str
    imap_folder: str
    poll_interval_seconds: int
    use_idle: bool
    after_import: str
    move_folder: str
    language: str
    oauth_client_id: str
    oauth_token_url: str
    oauth_scope: str
    has_secret: bool
    has_refresh_token: bool
    has_client_secret: bool
    oauth_access_expires_at: datetime | None
    last_polled_at: datetime | None
    last_error: str
    consecutive_failures: int
    failure_alerted_at: datetime | None
    idle_watched: bool = Field(description="A worker's IDLE watcher holds this mailbox now.")


class MailboxIn(Input):
    name: str = Field(min_length=1, max_length=100, pattern=r"^[^\r\n\x00]*$")
    email_address: str = Field(min_length=3, max_length=254, description="Checked like the settings form.")
    group_id: Id
    is_active: bool = True
    send_acknowledgement: bool = True
    imap_host: str = Field("", max_length=253, pattern=HOST_PATTERN)
    imap_port: int = Field(993, ge=1, le=65535)
    imap_tls: bool = True
    imap_username: str = Field("", max_length=254, pattern=r"^[^\r\n\x00]*$")
    auth_method: AuthMethod = AuthMethod.PASSWORD
    imap_folder: str = Field("INBOX", min_length=1, max_length=200, pattern=r"^[^\r\n\x00]*$")
    poll_interval_seconds: int = Field(60, ge=mailboxes.MIN_POLL_SECONDS, le=mailboxes.MAX_POLL_SECONDS)
    use_idle: bool = True
    after_import: AfterImport = AfterImport.SEEN
    move_folder: str = Field("", max_length=200, pattern=LINE_PATTERN, description="Required when after_import is `move`.")
    language: str | None = Field(None, max_length=8, description=LANGUAGE_DOC)
    oauth_client_id: str = Field("", max_length=200, pattern=LINE_PATTERN)
    oauth_token_url: str = Field("", max_length=500, description="https (http only for 127.0.0.1).")
    oauth_scope: str = Field("", max_length=500, pattern=LINE_PATTERN)
    password: str = Field("", max_length=mailboxes.MAX_SECRET_CHARS, description="Write-only; never returned.")
    oauth_refresh_token: str = Field("", max_length=mailboxes.MAX_SECRET_CHARS, description="Write-only; never returned.")
    oauth_client_secret: str = Field("", max_length=mailboxes.MAX_SECRET_CHARS, description="Write-only; never returned.")


class MailboxUpdateIn(Input):
    name: str | None = Field(None, min_length=1, max_length=100, pattern=r"^[^\r\n\x00]*$")
    email_address: str | None = Field(None, min_length=3, max_length=254)
    group_id: Id | None = None
    is_active: bool | None = None
    send_acknowledgement: bool | None = None
    imap_host: str | None = Field(None, max_length=253, pattern=HOST_PATTERN)
    imap_port: int | None = Field(None, ge=1, le=65535)
    imap_tls: bool | None = None
    imap_username: str | None = Field(None, max_length=254, pattern=r"^[^\r\n\x00]*$")
    auth_method: AuthMethod | None = None
    imap_folder: str | None = Field(None, min_length=1, max_length=200, pattern=r"^[^\r\n\x00]*$")
    poll_interval_seconds: int | None = Field(None, ge=mailboxes.MIN_POLL_SECONDS, le=mailboxes.MAX_POLL_SECONDS)
    use_idle: bool | None = None
    after_import: AfterImport | None = None
    move_folder: str | None = Field(None, max_length=200, pattern=LINE_PATTERN)
    language: str | None = Field(None, max_length=8, description=LANGUAGE_DOC)
    oauth_client_id: str | None = Field(None, max_length=200, pattern=LINE_PATTERN)
    oauth_token_url: str | None = Field(None, max_length=500)
    oauth_scope: str | None = Field(None, max_length=500, pattern=LINE_PATTERN)
    password: str | None = Field(None, max_length=mailboxes.MAX_SECRET_CHARS, description="Write-only; blank keeps the stored one.")
    oauth_refresh_token: str | None = Field(
        None, max_length=mailboxes.MAX_SECRET_CHARS, description="Write-only; blank keeps the stored one."
    )
    oauth_client_secret: str | None = Field(
        None, max_length=mailboxes.MAX_SECRET_CHARS, description="Write-only; blank keeps the stored one."
    )


class ConnectionTestOut(Schema):
    ok: bool
    error: str


class InboundOut(Schema):
    id: int
    mailbox_id: int | None
    source: str
    status: str
    reason: str
    attempts: int
    size: int
    message_id: str
    source_ref: str
    ticket_id: int | None
    article_id: int | None
    received_at: datetime
    processed_at: datetime | None


def mailbox_out(mailbox: Mailbox) -> dict[str, Any]:
    data = {name: getattr(mailbox, name) for name in MailboxOut.model_fields if hasattr(mailbox, name)}
    data["has_secret"] = bool(mailbox.imap_secret_encrypted)
    data["has_refresh_token"] = bool(mailbox.oauth_refresh_token_encrypted)
    data["has_client_secret"] = bool(mailbox.oauth_client_secret_encrypted)
    data["idle_watched"] = is_watched(mailbox)
    return data


def _secrets(data: dict[str, Any]) -> dict[str, Any]:
    """Take the write-only secrets out of the input, as keyword arguments of the actions."""
    return {name: data.pop(field, None) for name, field in mailboxes.SECRET_FORM_FIELDS.items()}


def _values(data: dict[str, Any]) -> dict[str, Any]:
    """Turn API input into action values: group_id -> the Group (a 422 when it does not exist)."""
    if data.get("language", "") is None:
        data.pop("language")  # the model's default: the site's language
    if "group_id" in data:
        group = Group.objects.filter(pk=data.pop("group_id")).first()
        if group is None:
            raise ValidationFailed(_("Please correct the mailbox settings."), field_errors={"group_id": _("Choose an existing group.")})
        data["group"] = group
    return data


@router.get("/mailboxes", response=PageOut[MailboxOut], summary="List mailboxes (admins)")
def list_mailboxes(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    page = paginate_list(mailboxes.mailboxes(actor(request)), order=["name"], cursor=cursor, limit=limit)
    return {"items": [mailbox_out(m) for m in page.items], "next_cursor": page.next_cursor}


@router.post("/mailboxes", response={201: MailboxOut}, summary="Create a mailbox (admins)")
def create(request: HttpRequest, payload: MailboxIn) -> Status[dict[str, Any]]:
    user = actor(request)
    mailboxes.require_admin(user)
    data = payload.model_dump()
    secrets = {name: value or "" for name, value in _secrets(data).items()}
    mailbox = mailboxes.create_mailbox(user, _values(data), **secrets)
    return Status(201, mailbox_out(mailbox))


@router.get("/mailboxes/{mailbox_id}", response=MailboxOut, summary="Read a mailbox (admins)")
def read(request: HttpRequest, mailbox_id: PathId) -> dict[str, Any]:
    return mailbox_out(mailboxes.get_mailbox(actor(request), mailbox_id))


@router.patch("/mailboxes/{mailbox_id}", response=MailboxOut, summary="Change a mailbox (admins)")
def update(request: HttpRequest, payload: MailboxUpdateIn, mailbox_id: PathId) -> dict[str, Any]:
    user = actor(request)
    mailbox = mailboxes.get_mailbox(user, mailbox_id)
    data = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    secrets = _secrets(data)
    mailboxes.update_mailbox(user, mailbox, _values(data), **secrets)
    return mailbox_out(mailbox)


@router.delete("/mailboxes/{mailbox_id}", response={204: None}, summary="Delete a mailbox (admins; its mail stays)")
def delete(request: HttpRequest, mailbox_id: PathId) -> Status[None]:
    user = actor(request)
    mailboxes.delete_mailbox(user, mailboxes.get_mailbox(user, mailbox_id))
    return Status(204, None)


@router.post("/mailboxes/{mailbox_id}/test", response=ConnectionTestOut, summary="Test the IMAP login (admins)")
def test_connection(request: HttpRequest, mailbox_id: PathId) -> dict[str, Any]:
    error = imap.check_connection(mailboxes.get_mailbox(actor(request), mailbox_id))
    return {"ok": not error, "error": error}


@router.get("/inbound-messages", response=PageOut[InboundOut], summary="Held received mail (admins)")
def list_inbound(request: HttpRequest, status: HeldStatus | None = None, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    """Quarantined, held for review and rejected messages, newest first; `status` narrows to one."""
    qs = mailboxes.inbound_messages(actor(request), statuses=(status,) if status else None)
    page = paginate_list(qs, order=["-received_at", "-id"], cursor=cursor, limit=limit)
    return {"items": list(page.items), "next_cursor": page.next_cursor}


@router.get("/inbound-messages/{inbound_id}", response=InboundOut, summary="One received message (admins)")
def read_inbound(request: HttpRequest, inbound_id: PathId) -> InboundMessage:
    return mailboxes.get_inbound(actor(request), inbound_id)


@router.post("/inbound-messages/{inbound_id}/reprocess", response=InboundOut, summary="Run intake again (admins)")
def reprocess(request: HttpRequest, inbound_id: PathId) -> InboundMessage:
    return mailboxes.reprocess_inbound(actor(request), inbound_id)


@router.get("/inbound-messages/{inbound_id}/raw", summary="The exact received bytes (admins; a download)")
def raw(request: HttpRequest, inbound_id: PathId) -> FileResponse:
    return raw_response(mailboxes.get_inbound(actor(request), inbound_id))
