"""Background tasks and event subscribers of the local AI: thin, take ids, safe to run twice.

New tickets are triaged in the worker: the "ticket.created" batch subscriber runs after the
creating transaction has committed and enqueues one task per ticket (a mail import commits many
tickets at once; the settings are read once per batch). Nothing here runs model code in the
request: with the database task backend, enqueueing is one INSERT.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django_tasks import task

from supportdesk.ai.apply import load_settings, record_correction
from supportdesk.core.events import DomainEvent

logger = logging.getLogger(__name__)


@task()
def triage_ticket_task(ticket_id: int) -> bool:
    """Triage one ticket; return whether an insight was written."""
    from supportdesk.ai import language
    from supportdesk.ai.triage import triage_ticket

    language.detector(preload=True)  # in the worker: every model loaded once, before the first ticket
    return triage_ticket(ticket_id) is not None


def runs_in_caller() -> bool:
    """Whether the task backend runs tasks synchronously in the enqueuing process (the immediate
    backend of development and tests): triage would then run in the request, which it must not,
    unless SUPPORTDESK_AI_TRIAGE_IN_CALLER allows it (tests of the pipeline do)."""
    from django_tasks import task_backends

    if getattr(settings, "SUPPORTDESK_AI_TRIAGE_IN_CALLER", False):
        return False
    return type(task_backends[triage_ticket_task.backend]).__name__ == "ImmediateBackend"


def on_tickets_created(events: list[DomainEvent]) -> None:
    """Enqueue triage for each new ticket (after commit), unless triage is switched off or the task
    would run right here (`supportdesk ai triage --backfill N` catches up)."""
    ids = [event.payload["ticket_id"] for event in events if isinstance(event.payload.get("ticket_id"), int)]
    if not ids or runs_in_caller() or not load_settings().triage_enabled:
        return
    for ticket_id in ids:
        try:
            triage_ticket_task.enqueue(ticket_id)
        except Exception:  # one failed enqueue must not stop the others; `ai triage --backfill` catches up
            logger.exception("could not enqueue triage of ticket %s", ticket_id)


def on_ticket_updated(event: DomainEvent) -> None:
    """A person changed a field the AI had applied: remember the correction for training."""
    payload = event.payload
    actor_id = payload.get("actor_id")
    ticket_id = payload.get("ticket_id")
    if isinstance(actor_id, int) and isinstance(ticket_id, int):
        record_correction(ticket_id, actor_id, [str(name) for name in payload.get("changed") or []])
