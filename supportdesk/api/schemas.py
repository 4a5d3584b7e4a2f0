"""Response schemas and the functions that build them from models.

Builders read only what the list selectors already loaded (select_related / prefetch_related), so
serializing a page costs no extra queries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from ninja import Schema

from supportdesk.accounts.models import Group, Organization, User
from supportdesk.automation.processes.phase import process_phase
from supportdesk.tickets.access import TicketPermissions
from supportdesk.tickets.models import Article, Attachment, CustomFieldDefinition, Ticket, TicketEvent, TicketLink

# Kept by sla.tracking; the clocks behind them are at /tickets/{id}/sla.
TICKET_SLA_FIELDS = (
    "sla_policy_id",
    "first_response_due_at",
    "next_response_due_at",
    "resolution_due_at",
    "sla_due_at",
    "sla_paused",
    "sla_at_risk",
)


class UserRef(Schema):
    id: int
    name: str
    email: str


class GroupRef(Schema):
    id: int
    name: str


class OrganizationRef(Schema):
    id: int
    name: str


class TicketOut(Schema):
    id: int
    number: int
    display_number: str
    subject: str
    state: str
    priority: str
    group: GroupRef
    owner: UserRef | None
    customer: UserRef
    organization: OrganizationRef | None
    channel: str
    language: str
    pending_until: datetime | None
    custom_fields: dict[str, Any]
    tags: list[str]
    merged_into_id: int | None
    article_count: int
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    sla_policy_id: int | None
    first_response_due_at: datetime | None
    next_response_due_at: datetime | None
    resolution_due_at: datetime | None
    sla_due_at: datetime | None
    sla_paused: bool
    sla_at_risk: bool


class PermissionsOut(Schema):
    can_reply: bool
    can_note: bool
    can_edit: bool
    can_move: bool
    can_delete: bool


class ProcessPhaseOut(Schema):
    """The ticket's current process in customer-safe terms (processes.phase); details at /tickets/{id}/processes."""

    run_id: int
    name: str
    state: str
    step: int
    of: int
    text: str
    open: list[str]
    remaining: list[str]
    done: list[str]
    started_at: datetime
    finished_at: datetime | None


class TicketDetailOut(TicketOut):
    permissions: PermissionsOut
    process_phase: ProcessPhaseOut | None


class AttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    download_url: str


class ArticleOut(Schema):
    id: int
    ticket_id: int
    is_internal: bool
    sender_type: str
    author: UserRef | None
    channel: str
    from_address: str
    to_addresses: str
    cc_addresses: str
    subject: str
    body_text: str
    body_html: str
    time_spent_minutes: int
    created_at: datetime
    attachments: list[AttachmentOut]


class EventOut(Schema):
    id: int
    kind: str
    field: str
    old_value: Any
    new_value: Any
    data: dict[str, Any]
    actor: UserRef | None
    created_at: datetime


class LinkOut(Schema):
    id: int
    kind: str
    source_id: int
    target_id: int
    created_at: datetime


class FieldDefinitionOut(Schema):
    id: int
    key: str
    label: str
    field_type: str
    options: list[Any]
    required_in_states: list[str]
    position: int
    is_active: bool


def user_ref(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.display_name, "email": user.email}


def group_ref(group: Group) -> dict[str, Any]:
    return {"id": group.pk, "name": group.name}


def organization_ref(organization: Organization | None) -> dict[str, Any] | None:
    return None if organization is None else {"id": organization.pk, "name": organization.name}


def ticket_out(ticket: Ticket) -> dict[str, Any]:
    """A ticket as the API shows it; tags come from the prefetch cache when the list loaded them."""
    return {
        "id": ticket.pk,
        "number": ticket.number,
        "display_number": ticket.display_number,
        "subject": ticket.subject,
        "state": ticket.state,
        "priority": ticket.priority,
        "group": group_ref(ticket.group),
        "owner": user_ref(ticket.owner),
        "customer": user_ref(ticket.customer),
        "organization": organization_ref(ticket.organization),
        "channel": ticket.channel,
        "language": ticket.language,
        "pending_until": ticket.pending_until,
        "custom_fields": ticket.custom_fields or {},
        "tags": sorted(tag.name for tag in ticket.tags.all()),
        "merged_into_id": ticket.merged_into_id,
        "article_count": ticket.article_count,
        "created_at": ticket.created_at,
        "updated_at": ticket.updated_at,
        "first_response_at": ticket.first_response_at,
        **{name: getattr(ticket, name) for name in TICKET_SLA_FIELDS},
    }


def ticket_detail_out(ticket: Ticket, perms: TicketPermissions) -> dict[str, Any]:
    data = ticket_out(ticket)
    data["permissions"] = {
        "can_reply": perms.can_reply,
        "can_note": perms.can_note,
        "can_edit": perms.can_edit,
        "can_move": perms.can_move,
        "can_delete": perms.can_delete,
    }
    data["process_phase"] = process_phase(ticket)
    return data


def attachment_out(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "download_url": reverse("api:attachment_content", kwargs={"attachment_id": attachment.pk}),
    }


def article_out(article: Article) -> dict[str, Any]:
    return {
        "id": article.pk,
        "ticket_id": article.ticket_id,
        "is_internal": article.is_internal,
        "sender_type": article.sender_type,
        "author": user_ref(article.author),
        "channel": article.channel,
        "from_address": article.from_address,
        "to_addresses": article.to_addresses,
        "cc_addresses": article.cc_addresses,
        "subject": article.subject,
        "body_text": article.body_text,
        "body_html": article.body_html,
        "time_spent_minutes": article.time_spent_minutes,
        "created_at": article.created_at,
        "attachments": [attachment_out(a) for a in article.attachments.all()],
    }


def event_out(event: TicketEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "field": event.field,
        "old_value": event.old_value,
        "new_value": event.new_value,
        "data": event.data or {},
        "actor": user_ref(event.actor),
        "created_at": event.created_at,
    }


def link_out(link: TicketLink) -> dict[str, Any]:
    return {"id": link.pk, "kind": link.kind, "source_id": link.source_id, "target_id": link.target_id, "created_at": link.created_at}


def field_definition_out(definition: CustomFieldDefinition) -> dict[str, Any]:
    return {
        "id": definition.pk,
        "key": definition.key,
        "label": definition.label,
        "field_type": definition.field_type,
        "options": list(definition.options or []),
        "required_in_states": list(definition.required_in_states or []),
        "position": definition.position,
        "is_active": definition.is_active,
    }
