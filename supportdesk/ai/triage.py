"""Triage of one ticket: language, classification of every target, sentiment and urgency.

`triage_ticket(ticket_id)` runs in the worker (tasks.triage_ticket_task), never in a request: in
one transaction it locks the ticket, reads the subject and the first customer message (quoted
history cut), detects the language, asks the classifier for each Target and the sentiment
analyser, writes the TicketInsight (with the time it took), and applies what the settings allow
(apply.auto_apply). After commit it publishes "ticket.updated" with changed ["ai"], so update
triggers can act on the insight (e.g. "ai.sentiment lt -0.5" -> priority high).

Running it twice re-computes the insight and applies nothing twice (applied values are equal, and
values the AI set count as its own, never as an agent's choice).

Command: `supportdesk ai triage [--ticket ID ...] [--backfill N] [--force]`.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from supportdesk.accounts.models import Group
from supportdesk.ai import classifier, language, sentiment
from supportdesk.ai.apply import SOURCE, auto_apply, load_settings
from supportdesk.ai.choices import Target
from supportdesk.ai.models import TicketInsight
from supportdesk.core.events import caused_by, publish_on_commit
from supportdesk.email_gateway.parsing.quotes import split_reply
from supportdesk.tickets.choices import SenderType, State
from supportdesk.tickets.models import Article, Ticket

MAX_BODY = 5000
MAX_TAGS = 5


def ticket_text(ticket: Ticket) -> tuple[str, str]:
    """(subject, body): the body is the first customer message without quoted history, bounded."""
    first = (
        Article.objects.filter(ticket=ticket, is_internal=False, sender_type=SenderType.CUSTOMER)
        .order_by("created_at", "id")
        .values_list("body_text", flat=True)
        .first()
    )
    body = (first or "")[: MAX_BODY * 4]
    visible, _quoted = split_reply(body)
    return ticket.subject, visible[:MAX_BODY]


def _best(candidates: list[tuple[str, float]]) -> tuple[str, float]:
    return candidates[0] if candidates else ("", 0.0)


def analyse_ticket(ticket: Ticket, insight: TicketInsight) -> None:
    """Fill the insight's predictions from the ticket's text (no writes)."""
    subject, body = ticket_text(ticket)
    text = f"{subject}\n{body}".strip()
    code, confidence = language.detect(text)
    insight.language, insight.language_confidence = code, confidence
    lang = code or ticket.language
    versions: dict[str, str] = {}
    group_id, insight.group_confidence = _best(classifier.predict(Target.GROUP, subject, body, lang))
    group = Group.objects.filter(pk=int(group_id), is_active=True).first() if group_id.isdigit() else None
    insight.group = group
    if group is None:
        insight.group_confidence = 0.0
    insight.priority, insight.priority_confidence = _best(classifier.predict(Target.PRIORITY, subject, body, lang))
    insight.type, insight.type_confidence = _best(classifier.predict(Target.TYPE, subject, body, lang))
    insight.priority, insight.type = insight.priority[:10], insight.type[:64]
    insight.tags = [[name[:64], round(float(score), 4)] for name, score in classifier.predict(Target.TAGS, subject, body, lang)[:MAX_TAGS]]
    for target in Target.values:
        versions[target] = classifier.model_version(target)
    versions["language"] = "lingua"
    insight.model_versions = versions
    analysis = sentiment.analyse(text, lang)
    insight.sentiment = max(-1.0, min(1.0, float(analysis.sentiment)))
    insight.urgency = max(0.0, min(1.0, float(analysis.urgency)))
    insight.cues = list(analysis.cues)[:50]


def _relaxed_commit() -> None:
    """On PostgreSQL, let this transaction's commit return before its WAL reaches the disk.

    The commit's disk flush was most of triage's time on PostgreSQL (about 20 ms of 30). A crash
    right after commit can lose the last fraction of a second of such transactions, never part of
    one (the database stays consistent); a ticket whose triage was lost has no insight and the
    catch-up sweep (ai.sweeps.triage_missed) triages it again. Scoped with SET LOCAL: other
    transactions of the connection keep full durability.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def triage_ticket(ticket_id: int, *, force: bool = False) -> TicketInsight | None:
    """Triage one ticket; return its insight, or None when the ticket is gone, merged, or triage is
    off (unless `force`). Idempotent."""
    settings = load_settings()
    if not settings.triage_enabled and not force:
        return None
    started = time.perf_counter()
    with transaction.atomic(), caused_by(SOURCE):
        _relaxed_commit()
        ticket = Ticket.objects.select_for_update(of=("self",)).select_related("group", "owner").filter(pk=ticket_id).first()
        if ticket is None or ticket.state == State.MERGED:
            return None
        insight = TicketInsight.objects.filter(ticket=ticket).first() or TicketInsight(ticket=ticket)
        analyse_ticket(ticket, insight)
        insight.triaged_at = timezone.now()
        insight.save()
        applied = auto_apply(ticket, insight, settings)
        previous = set(insight.applied)
        insight.applied = [*insight.applied, *(name for name in applied if name not in previous)]
        insight.elapsed_ms = round((time.perf_counter() - started) * 1000, 3)
        insight.save(update_fields=["applied", "elapsed_ms"])
        publish_on_commit("ticket.updated", ticket_id=ticket.pk, actor_id=None, changed=["ai"])
    return insight


def backfill(limit: int, *, force: bool = False) -> int:
    """Triage up to `limit` open tickets that have no insight yet, newest first; return how many."""
    ids = list(
        Ticket.objects.filter(insight__isnull=True)
        .exclude(state__in=[State.MERGED, State.CLOSED])
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)[: max(0, limit)]
    )
    done = 0
    for ticket_id in ids:
        if triage_ticket(ticket_id, force=force) is not None:
            done += 1
    return done


# -- `supportdesk ai triage` ---------------------------------------------------------------------


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--ticket", type=int, action="append", default=[], help="Triage this ticket id (repeatable).")
    parser.add_argument("--backfill", type=int, default=0, help="Triage up to N open tickets without insight, newest first.")
    parser.add_argument("--force", action="store_true", help="Triage even when triage is switched off in the settings.")


def run(command: Any, options: dict[str, Any]) -> None:
    language.preload()
    count = 0
    for ticket_id in options.get("ticket") or []:
        if triage_ticket(ticket_id, force=options.get("force", False)) is not None:
            count += 1
    if options.get("backfill"):
        count += backfill(options["backfill"], force=options.get("force", False))
    command.stdout.write(f"Triaged {count} ticket(s).")
