"""Local AI: a ticket's insight (staff), applying a suggestion, and the AI settings (admins).

Insight is agent-side information: for customers (and anyone without the staff view of the
ticket) it does not exist, and the answer is the same 404 as for a missing ticket.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from supportdesk.ai import apply, selectors, settings_access
from supportdesk.ai.models import AiSettings
from supportdesk.api.auth import actor
from supportdesk.api.common import Input, PathId

router = Router(tags=["ai"])


class TagPredictionOut(Schema):
    name: str
    confidence: float


class InsightOut(Schema):
    """What triage found. Fields other than ticket_id and triaged are absent until triage ran."""

    ticket_id: int
    triaged: bool
    language: str | None = Field(None, description="ISO 639-1 code; empty when the text was too short.")
    language_confidence: float | None = None
    group_id: int | None = None
    group_confidence: float | None = None
    priority: str | None = None
    priority_confidence: float | None = None
    type: str | None = None
    type_confidence: float | None = None
    tags: list[TagPredictionOut] | None = None
    sentiment: float | None = Field(None, description="-1 (angry) .. 1 (happy).")
    urgency: float | None = Field(None, description="0 .. 1.")
    cues: list[str] | None = Field(None, description='What moved sentiment and urgency, e.g. "word:unacceptable".')
    applied: list[str] | None = Field(
        None, description='Applied by the AI ("group", "priority", "language", "tags:<name>"), "accepted:<field>", "corrected:<field>".'
    )
    model_versions: dict[str, str] | None = Field(None, description='Target -> model version ("v3", "rules", "lingua").')
    triaged_at: dt.datetime | None = None
    elapsed_ms: float | None = None


class ApplyIn(Input):
    field: Literal["group", "priority", "tags", "language"]


class ApplyOut(Schema):
    changed: list[str] = Field(description="Ticket fields that changed (tags as tags:<name>).")


class AiSettingsOut(Schema):
    triage_enabled: bool
    apply_threshold: float
    suggest_threshold: float
    apply_group: bool
    apply_priority: bool
    apply_tags: bool
    apply_language: bool
    retrain_days: int
    min_examples: int
    llm_enabled: bool
    llm_base_url: str
    llm_model: str
    llm_api_key_set: bool = Field(description="The key itself is never returned.")
    updated_at: dt.datetime


class AiSettingsIn(Input):
    """Every field is optional: only those given change."""

    triage_enabled: bool | None = None
    apply_threshold: float | None = Field(None, ge=0, le=1)
    suggest_threshold: float | None = Field(None, ge=0, le=1)
    apply_group: bool | None = None
    apply_priority: bool | None = None
    apply_tags: bool | None = None
    apply_language: bool | None = None
    retrain_days: int | None = Field(None, ge=0, le=settings_access.MAX_RETRAIN_DAYS)
    min_examples: int | None = Field(None, ge=1, le=settings_access.MAX_MIN_EXAMPLES)
    llm_enabled: bool | None = None
    llm_base_url: str | None = Field(None, max_length=settings_access.MAX_URL, description="http(s) to a public address.")
    llm_model: str | None = Field(None, max_length=120)
    llm_api_key: str | None = Field(None, max_length=settings_access.MAX_KEY, description='A new key; "" clears the stored key.')


def settings_out(row: AiSettings) -> dict[str, Any]:
    return {
        **{name: getattr(row, name) for name in AiSettingsOut.model_fields if name != "llm_api_key_set"},
        "llm_api_key_set": bool(row.llm_api_key),
    }


@router.get("/tickets/{ticket_id}/insight", response=InsightOut, summary="A ticket's AI insight (staff)")
def ticket_insight(request: HttpRequest, ticket_id: PathId) -> dict[str, Any]:
    ticket, insight = selectors.staff_insight(actor(request), ticket_id)
    return selectors.insight_out(ticket, insight)


@router.post("/tickets/{ticket_id}/insight/apply", response=ApplyOut, summary="Apply one AI suggestion to the ticket (staff with write)")
def apply_insight(request: HttpRequest, payload: ApplyIn, ticket_id: PathId) -> dict[str, Any]:
    user = actor(request)
    selectors.staff_insight(user, ticket_id)  # customers: 404 before anything else
    return {"changed": apply.apply_suggestion(user, ticket_id, payload.field)}


@router.get("/ai/settings", response=AiSettingsOut, summary="The AI settings (admins)")
def read_settings(request: HttpRequest) -> dict[str, Any]:
    return settings_out(settings_access.settings_view(actor(request)))


@router.put("/ai/settings", response=AiSettingsOut, summary="Change the AI settings (admins)")
def update_settings(request: HttpRequest, payload: AiSettingsIn) -> dict[str, Any]:
    user = actor(request)
    changes = payload.model_dump(exclude_unset=True)
    changes = {name: value for name, value in changes.items() if value is not None or name == "llm_api_key"}
    if changes.get("llm_api_key") == "":
        changes["llm_api_key"] = None  # "" in the API clears the key (the form's "" keeps it)
    settings_access.update_ai_settings(user, changes)
    return settings_out(settings_access.settings_view(user))
