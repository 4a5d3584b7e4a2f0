"""REST API of the customer portal: sign-in links, registration, verification, the public status
check, the customer's password, and the portal settings (admins).

Public operations (`auth=None`): asking for a sign-in link, registering, redeeming a link for an
API token, and the status check. They are rate-limited like the pages, and the first two answer
exactly the same (202) for every well-formed address, so they reveal nobody's account.
"""

from __future__ import annotations

import datetime as dt
import logging
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from supportdesk.accounts.tokens import create_token
from supportdesk.api.auth import actor
from supportdesk.api.common import Input, admin_actor
from supportdesk.core.errors import DomainError, NotFound, PermissionDenied
from supportdesk.core.ratelimit import allow, client_ip
from supportdesk.portal import auth_links, registration, status_check
from supportdesk.portal.access import is_verified
from supportdesk.portal.account import change_own_password
from supportdesk.portal.branding import LOGO_MAX_BYTES, MAX_LINK_MINUTES, get_portal_settings, update_portal_settings
from supportdesk.portal.models import HEX_COLOUR, MAX_BRAND, PortalSettings, SignInPurpose

logger = logging.getLogger(__name__)

router = Router(tags=["portal"])

SINGLE_LINE = r"^[^\r\n\x00]*$"
REDEEM_IP_LIMIT = (30, timedelta(hours=1))


class TooMany(DomainError):
    status = 429


class PortalAcceptedOut(Schema):
    detail: str


class PortalSignInLinkIn(Input):
    email: str = Field(min_length=3, max_length=254, pattern=SINGLE_LINE, examples=["carla@customer.example"])


class PortalRegistrationIn(Input):
    full_name: str = Field(min_length=1, max_length=200, pattern=SINGLE_LINE)
    email: str = Field(min_length=3, max_length=254, pattern=SINGLE_LINE)
    password: str = Field("", max_length=128, description="Optional; without one the customer signs in with mailed links.")
    language: str = Field("", max_length=8, description="en, de, hu, lv, or empty: the language of the mails.")


class PortalRedeemIn(Input):
    token: str = Field(min_length=1, max_length=100, description="The last path segment of the mailed link /portal/link/<token>/.")


class PortalTokenOut(Schema):
    token: str = Field(description="A new API token for `Authorization: Token <key>`; shown only now.")
    user_id: int


class PortalStatusIn(Input):
    number: str = Field(min_length=1, max_length=24, examples=["10001"])
    secret: str = Field(min_length=1, max_length=64, description="The status code from the acknowledgement mail.")


class PortalStatusOut(Schema):
    number: str
    subject: str
    state: str
    created_at: dt.datetime
    updated_at: dt.datetime
    first_response_due_at: dt.datetime | None
    first_response_at: dt.datetime | None
    next_response_due_at: dt.datetime | None
    resolution_due_at: dt.datetime | None
    solved_at: dt.datetime | None


class PortalPasswordIn(Input):
    current_password: str = Field("", max_length=128, description="Required when the account has a password.")
    new_password: str = Field(min_length=1, max_length=128)


class PortalSettingsOut(Schema):
    brand_name: str
    primary_colour: str
    accent_colour: str
    self_registration: bool
    public_form: bool
    sign_in_link_minutes: int
    has_logo: bool
    logo_content_type: str
    updated_at: dt.datetime


class PortalSettingsIn(Input):
    """Fields left out stay as they are."""

    brand_name: str | None = Field(None, max_length=MAX_BRAND, pattern=SINGLE_LINE)
    primary_colour: str | None = Field(None, pattern=HEX_COLOUR, examples=["#1f5fbf"])
    accent_colour: str | None = Field(None, pattern=HEX_COLOUR, examples=["#0f7b5f"])
    self_registration: bool | None = None
    public_form: bool | None = None
    sign_in_link_minutes: int | None = Field(None, ge=1, le=MAX_LINK_MINUTES)


def settings_out(row: PortalSettings) -> dict[str, Any]:
    data = {name: getattr(row, name) for name in PortalSettingsOut.model_fields if name != "has_logo"}
    data["has_logo"] = row.logo_id is not None
    return data


def _accepted() -> PortalAcceptedOut:
    return PortalAcceptedOut(detail=_("If the address can be used, we have sent it a mail. Please check your inbox."))


@router.post("/portal/sign-in-links", auth=None, response={202: PortalAcceptedOut}, summary="Mail a sign-in link (public)")
def request_sign_in_link(request: HttpRequest, payload: PortalSignInLinkIn) -> Status[PortalAcceptedOut]:
    """Always 202 with the same body, whatever the address (known, unknown, inactive, staff, over
    the rate limit); only an active customer with this address gets a mail."""
    auth_links.request_link(payload.email, ip=client_ip(request))
    return Status(202, _accepted())


@router.post(
    "/portal/sign-in-links/redeem", auth=None, response={201: PortalTokenOut}, summary="Use a mailed link for an API token (public)"
)
def redeem_sign_in_link(request: HttpRequest, payload: PortalRedeemIn) -> Status[dict[str, Any]]:
    """Uses the link once (like pressing "Sign in" on its page), verifies the address and returns a
    new API token. Unknown, expired and used links are a 404. Staff get no token (403): they use
    tokens made with their password sign-in."""
    if not allow(f"portal-redeem:ip:{client_ip(request)}", limit=REDEEM_IP_LIMIT[0], window=REDEEM_IP_LIMIT[1]):
        raise TooMany(_("Too many attempts. Please wait a few minutes and try again."))
    try:
        link = auth_links.consume(payload.token)
    except auth_links.LinkRefused as exc:
        raise NotFound(str(auth_links.LINK_PROBLEM_TEXT[exc.kind])) from exc
    if link.user.is_helpdesk_staff:
        raise PermissionDenied(_("Staff sign in with their password."))
    _token, key = create_token(link.user, name="portal sign-in link")
    return Status(201, {"token": key, "user_id": link.user_id})


@router.post("/portal/registrations", auth=None, response={202: PortalAcceptedOut}, summary="Register as a customer (public)")
def register(request: HttpRequest, payload: PortalRegistrationIn) -> Status[PortalAcceptedOut]:
    """When self-registration is on (404 otherwise). 202 with the same body for new and existing
    addresses; a new customer is unverified until they use the mailed link."""
    registration.register_customer(
        payload.email, full_name=payload.full_name, password=payload.password, language=payload.language, ip=client_ip(request)
    )
    return Status(202, _accepted())


@router.post("/portal/verification-mails", response={202: PortalAcceptedOut}, summary="Mail my verification link again")
def resend_verification(request: HttpRequest) -> Status[PortalAcceptedOut]:
    user = actor(request)
    if is_verified(user):
        return Status(202, PortalAcceptedOut(detail=_("Your e-mail address is already confirmed.")))
    if not auth_links.mail_link_to_user(user, SignInPurpose.VERIFY, ip=client_ip(request)):
        raise TooMany(_("Too many mails were requested. Please wait a few minutes and try again."))
    return Status(202, _accepted())


@router.post("/portal/status", auth=None, response=PortalStatusOut, summary="Check a ticket's status (public)")
def check_status(request: HttpRequest, payload: PortalStatusIn) -> dict[str, Any]:
    """Number plus the status code of the acknowledgement mail. A wrong code and a missing ticket
    are the same 404; 429 over the rate limit."""
    result = status_check.check_status(payload.number, payload.secret, ip=client_ip(request))
    return {name: getattr(result, name) for name in PortalStatusOut.model_fields}


@router.put("/portal/account/password", response=PortalTokenOut, summary="Change my password")
def change_password(request: HttpRequest, payload: PortalPasswordIn) -> dict[str, Any]:
    """Every API token issued before (the one used for this call too) stops working; the answer
    carries a new token."""
    user = actor(request)
    change_own_password(user, current=payload.current_password, new=payload.new_password)
    _token, key = create_token(user, name="password change")
    return {"token": key, "user_id": user.pk}


@router.get("/portal/settings", response=PortalSettingsOut, summary="Portal settings (admins)")
def read_settings(request: HttpRequest) -> dict[str, Any]:
    admin_actor(request)
    return settings_out(get_portal_settings())


@router.put("/portal/settings", response=PortalSettingsOut, summary="Change portal settings (admins)")
def write_settings(request: HttpRequest, payload: PortalSettingsIn) -> dict[str, Any]:
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    row, _changed = update_portal_settings(admin_actor(request), changes)
    return settings_out(row)


@router.post("/portal/settings/logo", response=PortalSettingsOut, summary="Upload the portal logo (admins)")
def upload_logo(request: HttpRequest, file: File[UploadedFile]) -> dict[str, Any]:
    """PNG, JPEG or WebP (checked by content, not by name), at most 512 KB; SVG is refused."""
    admin = admin_actor(request)
    content = file.read(LOGO_MAX_BYTES + 1)
    row, _changed = update_portal_settings(admin, {}, logo=content)
    return settings_out(row)


@router.delete("/portal/settings/logo", response=PortalSettingsOut, summary="Remove the portal logo (admins)")
def delete_logo(request: HttpRequest) -> dict[str, Any]:
    row, _changed = update_portal_settings(admin_actor(request), {}, remove_logo=True)
    return settings_out(row)
