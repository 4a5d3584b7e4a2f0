"""Customer portal: branding and behaviour settings, new-ticket topics, and sign-in links.

`PortalSettings` is a single row (pk=1, created on first read by portal.selectors). Topics are what
a customer picks on the new-ticket form: each sends the ticket to a group and asks for its own
custom fields. `SignInLink` holds only the SHA-256 of a mailed one-time token, so a database dump
cannot sign anyone in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group
from supportdesk.tickets.models import Blob

MAX_BRAND = 120
HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"


class PortalSettings(models.Model):
    """Branding and switches of the portal; one row."""

    brand_name = models.CharField(_("name shown to customers"), max_length=MAX_BRAND, blank=True)
    logo = models.ForeignKey(Blob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("logo"))
    logo_content_type = models.CharField(max_length=127, blank=True)
    primary_colour = models.CharField(_("primary colour"), max_length=7, default="#1f5fbf")
    accent_colour = models.CharField(_("accent colour"), max_length=7, default="#0f7b5f")
    self_registration = models.BooleanField(_("customers may register themselves"), default=True)
    public_form = models.BooleanField(_("signed-out visitors may submit tickets"), default=True)
    sign_in_link_minutes = models.PositiveIntegerField(_("sign-in link lifetime (minutes)"), default=15)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return "portal settings"


class Topic(models.Model):
    """A choice on the new-ticket form: routes to `group` and asks for `fields` (custom field keys)."""

    names = models.JSONField(_("names"), default=dict, help_text=_("Language code -> name."))
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("group"))
    fields = models.JSONField(_("fields"), default=list, blank=True, help_text=_("Custom field keys asked on the form, in order."))
    required_fields = models.JSONField(_("required fields"), default=list, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name_in("en")

    def name_in(self, language: str) -> str:
        names = self.names or {}
        return names.get(language) or names.get("en") or next(iter(names.values()), "") or f"topic {self.pk}"


class SignInPurpose(models.TextChoices):
    SIGN_IN = "sign_in", _("Sign in")
    VERIFY = "verify", _("Verify address")


class SignInLink(models.Model):
    """A one-time link mailed to a customer: signs in (and so verifies the address) or verifies a
    self-registration. Single use (`used_at`), short-lived (`expires_at`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=10, choices=SignInPurpose.choices, default=SignInPurpose.SIGN_IN)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"], name="portal_signin_user_created")]

    def __str__(self) -> str:
        return f"sign-in link {self.pk} for {self.user_id}"
