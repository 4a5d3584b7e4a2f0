"""New-ticket topics of the portal, and creating a ticket under a topic as the portal form does.

- `GET /portal/topics`: the active topics with their names (in the request language and all of
  them) and the custom fields each asks; any signed-in user, customers included.
- `POST /portal/tickets`: a ticket under a topic, as the signed-in caller (the portal form's path:
  the topic's group and required fields apply; attachments are uploaded first with
  POST /attachments). Rate-limited per account like the form.
- `/portal/admin/topics...`: list, read, create, change and delete topics; admins only.

The ticket API does the rest of what the portal offers: GET /tickets (own and shared-organization
tickets), GET /tickets/{id}/articles (public articles only for customers), POST
/tickets/{id}/articles with attachment_ids, POST /tickets/{id}/close and /reopen.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Id, Input, PathId
from supportdesk.api.schemas import TicketDetailOut, ticket_detail_out
from supportdesk.core.ratelimit import client_ip
from supportdesk.portal import actions, topics
from supportdesk.portal.models import Topic
from supportdesk.portal.visits import clean_visit
from supportdesk.tickets.access import access_ticket, ticket_permissions
from supportdesk.tickets.custom_fields import active_definitions
from supportdesk.tickets.models import CustomFieldDefinition

router = Router(tags=["portal"])

Names = Annotated[dict[str, Annotated[str, Field(max_length=topics.MAX_NAME)]], Field(description="Language code -> name.")]
FieldKeys = Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=topics.MAX_FIELDS)]


class TopicFieldOut(Schema):
    key: str
    label: str
    field_type: str
    options: list[Any]
    required: bool


class TopicOut(Schema):
    id: int
    name: str = Field(description="In the request language (else English, else any).")
    names: dict[str, str]
    position: int
    fields: list[TopicFieldOut]


class TopicAdminOut(Schema):
    id: int
    names: dict[str, str]
    group_id: int
    fields: list[str]
    required_fields: list[str]
    position: int
    is_active: bool


class TopicIn(Input):
    names: Names
    group_id: Id
    fields: FieldKeys = Field(default_factory=list, description="Custom field keys asked on the form, in order.")
    required_fields: FieldKeys = Field(default_factory=list, description="A subset of fields.")
    position: int = Field(0, ge=0, le=topics.MAX_POSITION)
    is_active: bool = True


class TopicUpdateIn(Input):
    names: Names | None = None
    group_id: Id | None = None
    fields: FieldKeys | None = None
    required_fields: FieldKeys | None = None
    position: int | None = Field(None, ge=0, le=topics.MAX_POSITION)
    is_active: bool | None = None


class PortalTicketIn(Input):
    topic_id: Id | None = Field(None, description="Required while any topic is active.")
    subject: str = Field(max_length=actions.MAX_SUBJECT)
    body: str = Field(max_length=actions.MAX_BODY)
    custom_fields: dict[str, Any] = Field(default_factory=dict, description="Values of the topic's fields by key.")
    attachment_ids: list[Id] = Field(default_factory=list, max_length=actions.MAX_FILES)
    visit: str = Field("", max_length=64, description="The form visit id, to link opened KB suggestions (deflection).")


def topic_out(topic: Topic, definitions: dict[str, CustomFieldDefinition], language: str) -> dict[str, Any]:
    return {
        "id": topic.pk,
        "name": topic.name_in(language),
        "names": dict(topic.names or {}),
        "position": topic.position,
        "fields": [
            {
                "key": item.key,
                "label": item.definition.label,
                "field_type": item.definition.field_type,
                "options": list(item.definition.options or []),
                "required": item.required,
            }
            for item in topics.topic_fields(topic, definitions)
        ],
    }


def topic_admin_out(topic: Topic) -> dict[str, Any]:
    return {
        "id": topic.pk,
        "names": dict(topic.names or {}),
        "group_id": topic.group_id,
        "fields": list(topic.fields or []),
        "required_fields": list(topic.required_fields or []),
        "position": topic.position,
        "is_active": topic.is_active,
    }


@router.get("/portal/topics", response=list[TopicOut], summary="Topics of the new-ticket form")
def list_topics(request: HttpRequest) -> list[dict[str, Any]]:
    actor(request)
    definitions = active_definitions()
    language = get_language() or "en"
    return [topic_out(topic, definitions, language) for topic in topics.active_topics()]


@router.post("/portal/tickets", response={201: TicketDetailOut}, summary="Create a ticket under a topic (as the portal form)")
def create_portal_ticket(request: HttpRequest, payload: PortalTicketIn) -> Status[dict[str, Any]]:
    """The caller becomes the customer; the ticket goes to the topic's group with the topic's fields
    checked (required ones must be given). 429 when the caller created too many tickets lately."""
    user = actor(request)
    actions.check_submit_rate(ip=client_ip(request), user=user)
    topic = actions.resolve_topic(payload.topic_id)
    submission = actions.Submission(
        subject=payload.subject,
        body=payload.body,
        topic=topic,
        custom_fields=payload.custom_fields,
        language=(get_language() or "")[:8],
        visit=clean_visit(payload.visit),
        attachment_ids=list(payload.attachment_ids),
    )
    ticket = actions.submit_ticket(user, submission)
    ticket = access_ticket(user, ticket.pk)
    return Status(201, ticket_detail_out(ticket, ticket_permissions(user, ticket)))


@router.get("/portal/admin/topics", response=list[TopicAdminOut], summary="All topics (admins)")
def admin_list_topics(request: HttpRequest) -> list[dict[str, Any]]:
    topics.require_admin(actor(request))
    return [topic_admin_out(topic) for topic in topics.all_topics()[:500]]


@router.post("/portal/admin/topics", response={201: TopicAdminOut}, summary="Create a topic (admins)")
def admin_create_topic(request: HttpRequest, payload: TopicIn) -> Status[dict[str, Any]]:
    topic = topics.create_topic(actor(request), payload.model_dump())
    return Status(201, topic_admin_out(topic))


@router.get("/portal/admin/topics/{topic_id}", response=TopicAdminOut, summary="Read a topic (admins)")
def admin_read_topic(request: HttpRequest, topic_id: PathId) -> dict[str, Any]:
    return topic_admin_out(topics.get_topic(actor(request), topic_id))


@router.patch("/portal/admin/topics/{topic_id}", response=TopicAdminOut, summary="Change a topic (admins)")
def admin_update_topic(request: HttpRequest, topic_id: PathId, payload: TopicUpdateIn) -> dict[str, Any]:
    user = actor(request)
    topic = topics.get_topic(user, topic_id)
    changes = {key: value for key, value in payload.model_dump(exclude_unset=True).items() if value is not None}
    topics.update_topic(user, topic, changes)
    return topic_admin_out(topics.get_topic(user, topic_id))


@router.delete("/portal/admin/topics/{topic_id}", response={204: None}, summary="Delete a topic (admins)")
def admin_delete_topic(request: HttpRequest, topic_id: PathId) -> Status[None]:
    user = actor(request)
    topics.delete_topic(user, topics.get_topic(user, topic_id))
    return Status(204, None)
