"""Schedulers: time-based rules the worker runs ("pending for 3 days -> remind", "solved 7 days -> close").

The "rules.schedulers" sweep claims each due scheduler with a conditional UPDATE of its next run
time (two workers never run one scheduler at once), selects at most `max_per_run` matching tickets
with one indexed query (rules.conditions.to_q), and acts on each in its own transaction inside
`caused_by("scheduler:<id>")`, re-checking the conditions on the locked row. A ticket acted on is
remembered (SchedulerTicket with the ticket's updated_at right after): the scheduler skips it until
the ticket changes again, or for good with `once_per_ticket`, so a reminder is sent once per
pending period, not once per run. Every run is audited in SchedulerRun.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from supportdesk.automation.registry import ActionContext, run_action
from supportdesk.automation.rules.actions import rule_named
from supportdesk.automation.rules.conditions import Context, evaluate, to_q
from supportdesk.automation.rules.engine import calendar_resolver
from supportdesk.automation.rules.models import Scheduler, SchedulerRun, SchedulerTicket
from supportdesk.core.errors import DomainError
from supportdesk.core.events import caused_by
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

MAX_SCHEDULERS_PER_SWEEP = 50
MAX_NOTES = 20


def run_due_schedulers(now: dt.datetime | None = None) -> int:
    """The sweep: run every active scheduler whose time has come; return how many ran."""
    moment = now or timezone.now()
    due = list(
        Scheduler.objects.filter(is_active=True, next_run_at__lte=moment)
        .order_by("next_run_at", "id")
        .values_list("pk", flat=True)[:MAX_SCHEDULERS_PER_SWEEP]
    )
    ran = 0
    for pk in due:
        if run_scheduler(pk, now=moment) is not None:
            ran += 1
    return ran


def _claim(scheduler_id: int, now: dt.datetime) -> Scheduler | None:
    """Move the next run time on if the scheduler is still due; only the worker whose UPDATE matched runs it."""
    scheduler = Scheduler.objects.filter(pk=scheduler_id, is_active=True).first()
    if scheduler is None:
        return None
    claimed = Scheduler.objects.filter(pk=scheduler_id, is_active=True, next_run_at=scheduler.next_run_at, next_run_at__lte=now).update(
        next_run_at=now + dt.timedelta(minutes=max(scheduler.every_minutes, 1)), last_run_at=now
    )
    return scheduler if claimed else None


def acted_before(scheduler: Scheduler) -> Exists:
    """Subquery: this scheduler already acted on the ticket and (unless once per ticket) it has not changed since."""
    marks = SchedulerTicket.objects.filter(scheduler=scheduler, ticket=OuterRef("pk"))
    if not scheduler.once_per_ticket:
        marks = marks.filter(ticket_updated_at__gte=OuterRef("updated_at"))
    return Exists(marks)


def matching_tickets(scheduler: Scheduler, now: dt.datetime) -> list[int]:
    """Ids of the tickets this run acts on, oldest change first, at most max_per_run."""
    resolver = calendar_resolver()
    probe = Context(ticket=Ticket(), now=now, calendars=resolver)
    query = to_q(scheduler.conditions or {}, now, context=probe) & ~Q(state=State.MERGED)
    rows = Ticket.objects.filter(query).exclude(acted_before(scheduler)).order_by("updated_at", "id")
    return list(rows.values_list("pk", flat=True)[: max(scheduler.max_per_run, 1)])


def run_scheduler(scheduler_id: int, *, now: dt.datetime | None = None, force: bool = False) -> SchedulerRun | None:
    """Run one scheduler if it is due (or `force`, for "run now"); return its audit row, None if not run."""
    moment = now or timezone.now()
    if force:
        Scheduler.objects.filter(pk=scheduler_id).update(next_run_at=moment)
    scheduler = _claim(scheduler_id, moment)
    if scheduler is None:
        return None
    run = SchedulerRun.objects.create(scheduler=scheduler, started_at=moment)
    try:
        ids = matching_tickets(scheduler, moment)
    except Exception as exc:  # stored conditions that no longer query (e.g. a removed calendar)
        logger.exception("scheduler %s could not select tickets", scheduler.pk)
        run.errors, run.notes = 1, [type(exc).__name__]
        ids = []
    run.matched = len(ids)
    resolver = calendar_resolver()
    for ticket_id in ids:
        try:
            if _act(scheduler, ticket_id, moment, resolver):
                run.acted += 1
        except DomainError as exc:
            run.errors += 1
            if len(run.notes) < MAX_NOTES:
                run.notes.append(f"ticket {ticket_id}: {exc.message}"[:300])
        except Exception as exc:
            logger.exception("scheduler %s failed on ticket %s", scheduler.pk, ticket_id)
            run.errors += 1
            if len(run.notes) < MAX_NOTES:
                run.notes.append(f"ticket {ticket_id}: {type(exc).__name__}")
    run.finished_at = timezone.now()
    run.save(update_fields=["matched", "acted", "errors", "notes", "finished_at"])
    return run


def _act(scheduler: Scheduler, ticket_id: int, now: dt.datetime, resolver: object) -> bool:
    source = f"scheduler:{scheduler.pk}"
    with transaction.atomic(), caused_by(source), rule_named(scheduler.name):
        ticket = (
            Ticket.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("customer", "organization", "group", "owner")
            .filter(pk=ticket_id)
            .exclude(acted_before(scheduler))
            .first()
        )
        # Re-check on the locked row: it may have changed since the selection (or be locked by an agent: next run).
        if ticket is None or not evaluate(scheduler.conditions or {}, Context(ticket=ticket, now=now, calendars=resolver)):  # type: ignore[arg-type]
            return False
        context = ActionContext(ticket=ticket, actor=None, source=source)
        for action in scheduler.actions or []:
            run_action(context, action)
        updated_at = Ticket.objects.filter(pk=ticket_id).values_list("updated_at", flat=True).get()
        SchedulerTicket.objects.update_or_create(
            scheduler=scheduler, ticket_id=ticket_id, defaults={"acted_at": now, "ticket_updated_at": updated_at}
        )
    return True
