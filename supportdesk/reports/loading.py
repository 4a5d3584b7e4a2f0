"""Loading many tickets' histories at once (five queries per batch, whatever its size)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from supportdesk.reports.ticket_facts import (
    ClockOutcome,
    PublicReply,
    StateChange,
    SurveyFacts,
    TicketHistory,
    TrackedTime,
    category_of,
)
from supportdesk.sla.models import SlaClock
from supportdesk.surveys.models import SurveyInvitation, SurveyResponse
from supportdesk.tickets.models import Article, Ticket, TicketEvent

DELIVERED = ("sent", "answered")

TICKET_FIELDS = (
    "id", "created_at", "group_id", "channel", "owner_id", "organization_id", "customer_id", "language",
    "custom_fields", "priority", "state", "solved_at", "closed_at", "first_response_at", "updated_at",
)  # fmt: skip


def load_histories(ticket_ids: Sequence[int]) -> list[TicketHistory]:
    """The histories of the tickets that still exist among `ticket_ids`, in id order."""
    histories: dict[int, TicketHistory] = {}
    for row in Ticket.objects.filter(pk__in=ticket_ids).order_by("pk").values(*TICKET_FIELDS):
        histories[row["id"]] = TicketHistory(
            ticket_id=row["id"],
            created_at=row["created_at"],
            group_id=row["group_id"],
            channel=row["channel"],
            owner_id=row["owner_id"],
            organization_id=row["organization_id"],
            customer_id=row["customer_id"],
            language=row["language"] or "",
            category=category_of(row["custom_fields"]),
            priority=row["priority"],
            state=row["state"],
            solved_at=row["solved_at"],
            closed_at=row["closed_at"],
            first_response_at=row["first_response_at"],
            updated_at=row["updated_at"],
        )
    if not histories:
        return []
    ids = list(histories)
    events = TicketEvent.objects.filter(ticket_id__in=ids, kind="changed", field="state").order_by("created_at", "id")
    for ticket_id, at, old, new in events.values_list("ticket_id", "created_at", "old_value", "new_value"):
        histories[ticket_id].state_changes.append(StateChange(at=at, old=str(old or ""), new=str(new or "")))
    articles = Article.objects.filter(ticket_id__in=ids).order_by("created_at", "id")
    for ticket_id, at, sender, internal, author_id, minutes in articles.values_list(
        "ticket_id", "created_at", "sender_type", "is_internal", "author_id", "time_spent_minutes"
    ):
        history = histories[ticket_id]
        if sender == "agent" and not internal:
            history.replies.append(PublicReply(at=at, author_id=author_id))
        if minutes:
            history.tracked.append(TrackedTime(at=at, author_id=author_id, seconds=minutes * 60))
    clocks = SlaClock.objects.filter(ticket_id__in=ids).order_by("started_at", "id")
    for ticket_id, metric, cycle, outcome, stopped_at, breached_at, business in clocks.values_list(
        "ticket_id", "metric", "cycle", "outcome", "stopped_at", "breached_at", "business_seconds"
    ):
        histories[ticket_id].clocks.append(ClockOutcome(metric, cycle, outcome, stopped_at, breached_at, business))
    invitations = SurveyInvitation.objects.filter(ticket_id__in=ids, status__in=DELIVERED)
    for survey in survey_facts(invitations.values("id", "ticket_id", "kind", "agent_id", "sent_at")):
        histories[survey[0]].surveys.append(survey[1])
    return list(histories.values())


def survey_facts(invitations: Any) -> list[tuple[int, SurveyFacts]]:
    """(ticket id or invitation id, facts) for delivered invitations, with their answers joined."""
    rows = list(invitations)
    answers = {
        row["invitation_id"]: row
        for row in SurveyResponse.objects.filter(invitation_id__in=[row["id"] for row in rows]).values(
            "invitation_id", "answered_at", "score", "satisfied"
        )
    }
    result = []
    for row in rows:
        answer = answers.get(row["id"])
        facts = SurveyFacts(
            kind=row["kind"],
            agent_id=row["agent_id"],
            sent_at=row["sent_at"],
            answered_at=answer["answered_at"] if answer else None,
            score=answer["score"] if answer else None,
            satisfied=answer["satisfied"] if answer else None,
        )
        result.append((row["ticket_id"] if row.get("ticket_id") else row["id"], facts))
    return result


def load_nps_invitations(invitation_ids: Sequence[int]) -> list[tuple[dict[str, Any], SurveyFacts]]:
    """Ticket-less (periodic NPS) invitations that were delivered, with their answers."""
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in SurveyInvitation.objects.filter(pk__in=invitation_ids, ticket__isnull=True, status__in=DELIVERED).values(
            "id", "kind", "agent_id", "sent_at", "group_id", "ticket_channel", "organization_id", "customer_id", "language"
        )
    ]
    by_id = {row["id"]: row for row in rows}
    return [(by_id[ref], facts) for ref, facts in survey_facts(rows)]
