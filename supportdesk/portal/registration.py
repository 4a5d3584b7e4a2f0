"""Self-registration of portal customers (when PortalSettings.self_registration is on).

Every registration answers "check your mail", whether the address is new or not, so the form
cannot be used to find out who has an account. A new address becomes an unverified customer (in
the organization owning its mail domain, through accounts.get_or_create_customer) and gets a
verification link; an existing active customer gets a sign-in link instead of a second account;
inactive and staff addresses get nothing. Until the address is verified the portal shows no
ticket (portal.access.customer_page), so registering with somebody else's address at a customer's
domain opens nothing (BAD-INPUTS 14).

A password chosen at registration is kept, but works for tickets only once the owner of the
mailbox confirmed it; the verification mail tells anyone who did not register to ignore it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.actions import _check_language, clean_name, get_or_create_customer, normalize_email
from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, ValidationFailed
from supportdesk.core.ratelimit import allow
from supportdesk.portal.auth_links import mail_link_to_user, request_link
from supportdesk.portal.branding import get_portal_settings
from supportdesk.portal.models import SignInPurpose

logger = logging.getLogger(__name__)

IP_LIMIT = (10, timedelta(hours=1))


def check_registration_open() -> None:
    if not get_portal_settings().self_registration:
        raise NotFound()


def check_password(password: str) -> str:
    """The password when it passes the configured validators ("" means: no password, links only)."""
    if not password:
        return ""
    try:
        validate_password(password)
    except DjangoValidationError as exc:
        message = " ".join(str(m) for m in exc.messages)
        raise ValidationFailed(message, field_errors={"password": message}) from exc
    return password


def register_customer(email: str, *, full_name: str, password: str, language: str, ip: str) -> User | None:
    """Register `email` as a portal customer; see the module docstring. Returns the new user, or
    None when no account was created (existing address, rate limit): for tests and logs only,
    callers answer the same either way. ValidationFailed for malformed input, NotFound when
    registration is off."""
    check_registration_open()
    address = normalize_email(email)
    name = clean_name(full_name)
    password = check_password(password)
    language = _check_language(language)
    # Hash for every address, so a new and an existing address take the same time.
    hashed = make_password(password or None)
    if not allow(f"portal-register:ip:{ip}", limit=IP_LIMIT[0], window=IP_LIMIT[1]):
        logger.warning("portal registration over the rate limit (ip %s)", ip)
        return None
    started = timezone.now()
    with transaction.atomic():
        if User.objects.filter(email=address).exists():
            request_link(address, ip=ip)  # a sign-in link to the owner; nothing for staff or inactive
            logger.info("portal registration for an existing address: sign-in link requested instead")
            return None
        user = get_or_create_customer(address, full_name=name)
        if user.created_at < started or user.role != Role.CUSTOMER:
            # Created meanwhile by another path (e.g. a mail import): treat it as existing.
            request_link(address, ip=ip)
            return None
        user.password = hashed
        user.password_changed_at = started
        user.language = language
        user.save(update_fields=["password", "password_changed_at", "language", "updated_at"])
        mail_link_to_user(user, SignInPurpose.VERIFY, ip=ip)
    logger.info("portal registration: customer %s created, verification mail queued", user.pk)
    return user


def explain(exc: ValidationFailed) -> dict[str, str]:
    """Field errors of a registration, with a general message when none names a field."""
    return exc.field_errors or {"__all__": exc.message or _("Please check your input.")}
