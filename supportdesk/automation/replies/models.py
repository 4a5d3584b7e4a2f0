"""Models of the replies app: reply templates (canned replies) agents insert from the composer and
triggers send as mail."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group


class ReplyTemplate(models.Model):
    """A canned reply. `language` "" fits any customer; no `groups` means every group. The body is
    plain text, or sanitised HTML when `is_html` (sanitised at save by replies.actions). Variables
    such as {{ customer.name }} are checked at save against replies.rendering.VARIABLES."""

    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(_("language"), max_length=8, blank=True)
    groups = models.ManyToManyField(Group, blank=True, related_name="+", verbose_name=_("groups"))  # type: ignore[var-annotated]
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    body = models.TextField(_("body"))
    is_html = models.BooleanField(_("HTML body"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    usage_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("position", "name", "id")

    def __str__(self) -> str:
        return self.name
