"""Reply templates: admin changes, and the agent-side lookups of the composer.

Admins create, change and delete templates. Bodies and subjects may only use the variables of
replies.rendering (checked here, with the allowed list in the error); HTML bodies are sanitised
here, once, at save. Agents see the active templates of the ticket's group (or of every group),
those of the customer's language first.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import Group, User
from supportdesk.automation.replies.models import ReplyTemplate
from supportdesk.automation.replies.rendering import VARIABLES, Subject, render, unknown_variables
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed, reject_unknown_fields
from supportdesk.core.html import html_to_text, sanitize_html
from supportdesk.email_gateway.compose import customer_language
from supportdesk.tickets.access import access_ticket
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = ("name", "language", "group_ids", "subject", "body", "is_html", "is_active", "position")
MAX_NAME = 100
MAX_SUBJECT = 250
MAX_BODY = 20_000
MAX_SEARCH = 100
MAX_RESULTS = 20


def require_admin(actor: User) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionDenied(_("Only admins may change reply templates."))


def visible_templates(actor: User) -> QuerySet[ReplyTemplate]:
    """Every template, for helpdesk staff; customers see none (404 rather than 403)."""
    if not (actor.is_active and actor.is_helpdesk_staff):
        raise NotFound()
    return ReplyTemplate.objects.prefetch_related("groups")


def get_template(actor: User, template_id: int) -> ReplyTemplate:
    template = visible_templates(actor).filter(pk=template_id).first()
    if template is None:
        raise NotFound()
    return template


def _single_line(value: Any, key: str, limit: int, errors: dict[str, str], *, required: bool) -> str:
    if not isinstance(value, str):
        errors[key] = _("Give a text.")
        return ""
    text = " ".join(value.split())
    if required and not text:
        errors[key] = _("Required.")
    elif len(text) > limit:
        errors[key] = _("At most %(count)d characters.") % {"count": limit}
    return text


def _variables_error(text: str) -> str:
    unknown = unknown_variables(text)
    if not unknown:
        return ""
    return _("Unknown variables: %(unknown)s. Use: %(allowed)s.") % {
        "unknown": ", ".join(unknown),
        "allowed": ", ".join("{{ " + name + " }}" for name in VARIABLES),
    }


def _clean(values: Mapping[str, Any], template: ReplyTemplate | None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for key, limit, required in (("name", MAX_NAME, True), ("subject", MAX_SUBJECT, False)):
        if key in values:
            clean[key] = _single_line(values[key], key, limit, errors, required=required)
    if "language" in values:
        codes = {code for code, _name in settings.LANGUAGES}
        if values["language"] not in codes | {""}:
            errors["language"] = _("Use one of: %(codes)s, or empty for any.") % {"codes": ", ".join(sorted(codes))}
        clean["language"] = values["language"]
    for key in ("is_html", "is_active"):
        if key in values:
            if not isinstance(values[key], bool):
                errors[key] = _("Use true or false.")
            clean[key] = values[key]
    if "position" in values:
        position = values["position"]
        if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position <= 1_000_000:
            errors["position"] = _("Use a number from 0 to 1000000.")
        clean["position"] = position
    if "group_ids" in values:
        ids = values["group_ids"]
        if not isinstance(ids, list | tuple) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
            errors["group_ids"] = _("Use a list of group ids.")
        else:
            groups = list(Group.objects.filter(pk__in=ids))
            if len(groups) != len(set(ids)):
                errors["group_ids"] = _("Unknown group.")
            clean["groups"] = groups
    if "body" in values:
        body = values["body"]
        if not isinstance(body, str) or not body.strip():
            errors["body"] = _("Required.")
        elif len(body) > MAX_BODY:
            errors["body"] = _("At most %(count)d characters.") % {"count": MAX_BODY}
        else:
            clean["body"] = body
    is_html = clean.get("is_html", template.is_html if template else False)
    if "body" in clean and is_html is True:
        clean["body"] = sanitize_html(clean["body"])
    for key in ("subject", "body"):
        error = _variables_error(clean.get(key, ""))
        if error:
            errors[key] = error
    if errors:
        raise ValidationFailed(_("Please correct the reply template."), field_errors=errors)
    return clean


def _save(template: ReplyTemplate, clean: dict[str, Any]) -> None:
    groups = clean.pop("groups", None)
    for key, value in clean.items():
        setattr(template, key, value)
    template.updated_at = timezone.now()
    with transaction.atomic():
        template.save()
        if groups is not None:
            template.groups.set(groups)


def create_template(actor: User, values: Mapping[str, Any]) -> ReplyTemplate:
    """Create a template; `name` and `body` are required."""
    require_admin(actor)
    reject_unknown_fields(values, EDITABLE_FIELDS)
    missing = [key for key in ("name", "body") if key not in values]
    if missing:
        raise ValidationFailed(_("Please correct the reply template."), field_errors=dict.fromkeys(missing, _("Required.")))
    template = ReplyTemplate()
    _save(template, _clean(values, None))
    logger.info("reply template %s created by user %s", template.pk, actor.pk)
    return template


def update_template(actor: User, template: ReplyTemplate, changes: Mapping[str, Any]) -> ReplyTemplate:
    require_admin(actor)
    reject_unknown_fields(changes, EDITABLE_FIELDS)
    clean = _clean(changes, template)
    if "is_html" in clean and "body" not in clean and clean["is_html"]:
        clean["body"] = sanitize_html(template.body)  # switching to HTML: what is stored must be clean
    _save(template, clean)
    logger.info("reply template %s changed by user %s", template.pk, actor.pk)
    return template


def delete_template(actor: User, template: ReplyTemplate) -> None:
    require_admin(actor)
    pk = template.pk
    template.delete()
    logger.info("reply template %s deleted by user %s", pk, actor.pk)


# --- the composer ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """A template rendered for one ticket: `text` goes into the reply textarea."""

    template: ReplyTemplate
    subject: str
    text: str
    html: str


def render_template(template: ReplyTemplate, ticket: Ticket, agent: User | None) -> Rendered:
    who = Subject(ticket=ticket, agent=agent)
    subject = render(template.subject, who)
    if template.is_html:
        html = sanitize_html(render(template.body, who, html=True))
        return Rendered(template, subject, html_to_text(html), html)
    return Rendered(template, subject, render(template.body, who), "")


def templates_for(ticket: Ticket, *, query: str = "") -> QuerySet[ReplyTemplate]:
    """Active templates usable on the ticket: of its group or of every group; the customer's
    language, then language-neutral ones, then others; then by position and name."""
    language = customer_language(ticket)
    rows = ReplyTemplate.objects.filter(is_active=True).filter(Q(groups__isnull=True) | Q(groups=ticket.group_id)).distinct()
    query = " ".join(query.split())[:MAX_SEARCH]
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(subject__icontains=query) | Q(body__icontains=query))
    rank = Case(When(language=language, then=Value(0)), When(language="", then=Value(1)), default=Value(2), output_field=IntegerField())
    return rows.annotate(language_rank=rank).order_by("language_rank", "position", "name", "id")


def search_for_ticket(actor: User, ticket_id: int, *, query: str = "") -> tuple[Ticket, list[Rendered]]:
    """The composer search: templates for a ticket the agent may read, rendered for it."""
    if not actor.is_helpdesk_staff:
        raise NotFound()
    ticket = access_ticket(actor, ticket_id)
    ticket = Ticket.objects.select_related("customer", "group", "organization").get(pk=ticket.pk)
    rows = list(templates_for(ticket, query=query)[:MAX_RESULTS])
    return ticket, [render_template(row, ticket, actor) for row in rows]


def count_use(actor: User, ticket_id: int, template_id: int) -> None:
    """The agent inserted a template into a reply (usage statistics for admins)."""
    if not actor.is_helpdesk_staff:
        raise NotFound()
    ticket = Ticket.objects.select_related("customer").get(pk=access_ticket(actor, ticket_id).pk)
    if not templates_for(ticket).filter(pk=template_id).exists():
        raise NotFound()
    ReplyTemplate.objects.filter(pk=template_id).update(usage_count=F("usage_count") + 1)
