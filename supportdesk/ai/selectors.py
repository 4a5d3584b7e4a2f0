"""Reads of the local AI: a ticket's insight for staff, shaped for the sidebar panel and the API.

Insight is agent-side information (like internal notes): only users with the staff view of a
ticket (`ticket_permissions(...).is_staff_view`) see it; for everyone else it does not exist, and
the API answers exactly as for a missing ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.ai.apply import load_settings
from supportdesk.ai.models import AiSettings, TicketInsight
from supportdesk.tickets.access import TicketNotFound, TicketPermissions, access_ticket, ticket_permissions
from supportdesk.tickets.choices import Priority
from supportdesk.tickets.models import Ticket


def staff_insight(user: User, ticket_id: int) -> tuple[Ticket, TicketInsight | None]:
    """The ticket and its insight (None: not triaged yet) for a user with the staff view; else
    TicketNotFound, as for a missing ticket."""
    ticket = access_ticket(user, ticket_id)
    if not ticket_permissions(user, ticket).is_staff_view:
        raise TicketNotFound()
    return ticket, TicketInsight.objects.filter(ticket=ticket).select_related("group").first()


@dataclass(frozen=True)
class Prediction:
    field: str  # group, priority, type, tags, language
    label: str
    value: str
    shown: str
    confidence: float
    status: str  # applied, suggested, low, current
    can_apply: bool


def _status(name: str, confidence: float, applied: set[str], is_current: bool, settings: AiSettings) -> str:
    if name in applied:
        return "applied"
    if is_current:
        return "current"
    if confidence >= settings.suggest_threshold:
        return "suggested"
    return "low"


def predictions(ticket: Ticket, insight: TicketInsight, settings: AiSettings, *, can_edit: bool, tags: set[str]) -> list[Prediction]:
    """Every prediction with its state: applied (by the AI), current (the ticket already has it),
    suggested (at or above the suggest threshold; an "Apply" button when the user may edit), low."""
    applied = {entry.split(":", 1)[0] for entry in insight.applied if not entry.startswith(("corrected:", "accepted:"))}
    rows: list[Prediction] = []
    if insight.group is not None:
        status = _status("group", insight.group_confidence, applied, insight.group_id == ticket.group_id, settings)
        rows.append(Prediction("group", _("Group"), str(insight.group_id), insight.group.name, insight.group_confidence, status, False))
    if insight.priority:
        shown = str(dict(Priority.choices).get(insight.priority, insight.priority))
        status = _status("priority", insight.priority_confidence, applied, insight.priority == ticket.priority, settings)
        rows.append(Prediction("priority", _("Priority"), insight.priority, shown, insight.priority_confidence, status, False))
    if insight.type:
        status = "low" if insight.type_confidence < settings.suggest_threshold else "suggested"
        rows.append(Prediction("type", _("Type"), insight.type, insight.type, insight.type_confidence, status, False))
    for name, confidence in insight.tags:
        if name in tags:
            status = "applied" if f"tags:{name}" in insight.applied else "current"
        else:
            status = "suggested" if float(confidence) >= settings.suggest_threshold else "low"
        rows.append(Prediction("tags", _("Tag"), str(name), str(name), float(confidence), status, False))
    return [
        Prediction(
            row.field,
            row.label,
            row.value,
            row.shown,
            row.confidence,
            row.status,
            can_edit and row.status == "suggested" and row.field != "type",
        )
        for row in rows
    ]


def insight_panel(user: User, ticket: Ticket, perms: TicketPermissions) -> dict[str, Any]:
    """What the sidebar's AI panel shows; {"visible": False} for anyone without the staff view."""
    if not perms.is_staff_view:
        return {"visible": False}
    insight = TicketInsight.objects.filter(ticket=ticket).select_related("group").first()
    if insight is None:
        return {"visible": True, "insight": None}
    settings = load_settings()
    tags = set(ticket.tags.values_list("name", flat=True))
    return {
        "visible": True,
        "insight": insight,
        "predictions": predictions(ticket, insight, settings, can_edit=perms.can_edit, tags=tags),
        "language_differs": bool(insight.language) and insight.language != ticket.language,
        "can_edit": perms.can_edit,
    }


def insight_out(ticket: Ticket, insight: TicketInsight | None) -> dict[str, Any]:
    """The API shape of a ticket's insight (predictions with confidences, sentiment, cues, versions)."""
    if insight is None:
        return {"ticket_id": ticket.pk, "triaged": False}
    return {
        "ticket_id": ticket.pk,
        "triaged": True,
        "language": insight.language,
        "language_confidence": insight.language_confidence,
        "group_id": insight.group_id,
        "group_confidence": insight.group_confidence,
        "priority": insight.priority,
        "priority_confidence": insight.priority_confidence,
        "type": insight.type,
        "type_confidence": insight.type_confidence,
        "tags": [{"name": str(name), "confidence": float(confidence)} for name, confidence in insight.tags],
        "sentiment": insight.sentiment,
        "urgency": insight.urgency,
        "cues": [str(cue) for cue in insight.cues],
        "applied": [str(entry) for entry in insight.applied],
        "model_versions": {str(k): str(v) for k, v in (insight.model_versions or {}).items()},
        "triaged_at": insight.triaged_at,
        "elapsed_ms": insight.elapsed_ms,
    }
