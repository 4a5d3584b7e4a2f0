"""The task that makes and mails portal sign-in and verification links.

Thin and id-free on purpose: it takes the address as typed, so the web request that queued it does
the same work for every address (no timing oracle), and the decision whether anybody gets a mail
is taken here, after commit, out of the visitor's sight. Running it twice mails two links, each
valid on its own; the rate limits were counted before it was queued.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_tasks import task

from supportdesk.accounts.models import User
from supportdesk.portal.auth_links import issue_link
from supportdesk.portal.branding import get_portal_settings
from supportdesk.portal.models import SignInPurpose

logger = logging.getLogger(__name__)


def relative_next(value: str) -> str:
    """`value` when it is a path on this site ("/portal/..."), else "" (no open redirect)."""
    value = (value or "").strip()
    if not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 500:
        return ""
    return value if url_has_allowed_host_and_scheme(value, allowed_hosts=None) else ""


def link_url(token: str, next_path: str = "") -> str:
    url = settings.SUPPORTDESK_BASE_URL.rstrip("/") + reverse("portal-link", args=[token])
    next_path = relative_next(next_path)
    return url + ("?" + urlencode({"next": next_path}) if next_path else "")


@task()
def send_portal_link(address: str, purpose: str, next_path: str = "") -> bool:
    """Mail a `purpose` link to the active user with `address`; nothing for unknown or inactive
    addresses, and no sign-in link for staff. Returns whether a mail was sent."""
    user = User.objects.filter(email=address, is_active=True).first()
    if user is None:
        logger.info("portal link: no active user for the requested address; nothing sent")
        return False
    if purpose == SignInPurpose.VERIFY and user.email_verified_at is not None:
        purpose = SignInPurpose.SIGN_IN  # already verified: a sign-in link is what helps them
    if user.is_helpdesk_staff and purpose == SignInPurpose.SIGN_IN:
        logger.info("portal link: user %s is staff; staff sign in with a password, nothing sent", user.pk)
        return False
    token = issue_link(user, purpose)
    row = get_portal_settings()
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "url": link_url(token, next_path),
            "minutes": row.sign_in_link_minutes,
            "brand": row.brand_name,
            "verify": purpose == SignInPurpose.VERIFY,
        }
        subject = render_to_string("portal/mail/link_subject.txt", context)
        text = render_to_string("portal/mail/link.txt", context)
        html = render_to_string("portal/mail/link.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split())[:200],  # one line: no header injection (BAD-INPUTS 43)
        text,
        None,
        [user.email],
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
    )
    message.attach_alternative(html, "text/html")
    message.send()
    logger.info("portal %s link mailed to user %s", purpose, user.pk)
    return True
