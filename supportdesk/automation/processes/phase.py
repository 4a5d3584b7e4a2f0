"""Where a ticket's processes stand, in customer-safe terms: names and states, never instructions,
notes or who did what. The ticket page, the ticket API and (later) the portal show it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from supportdesk.automation.processes.choices import FINISHED_TASK_STATES, RunState, TaskState
from supportdesk.automation.processes.models import ProcessRun, ProcessTask
from supportdesk.tickets.models import Ticket

MAX_RUNS_SHOWN = 20


def runs_with_tasks(ticket: Ticket, *, related: Sequence[str] = ()) -> list[ProcessRun]:
    """The ticket's runs, newest first, with their tasks in step order: two queries."""
    tasks = ProcessTask.objects.order_by("position", "id")
    if related:
        tasks = tasks.select_related(*related)
    runs = ProcessRun.objects.filter(ticket=ticket).order_by("-started_at", "-id").prefetch_related(Prefetch("tasks", queryset=tasks))
    return list(runs[:MAX_RUNS_SHOWN])


def run_phase(run: ProcessRun) -> dict[str, Any]:
    """The phase of one run from its prefetched tasks: "Step 2 of 4: Replace disk" while running."""
    tasks = list(run.tasks.all())
    done = [t.name for t in tasks if t.state in FINISHED_TASK_STATES]
    open_ = [t.name for t in tasks if t.state == TaskState.OPEN]
    remaining = [t.name for t in tasks if t.state == TaskState.WAITING]
    total = len(tasks)
    step = min(len(done) + 1, total) if run.state == RunState.RUNNING else len(done)
    if run.state == RunState.RUNNING:
        text = _("Step %(step)d of %(of)d: %(names)s") % {"step": step, "of": total, "names": ", ".join(open_)}
    else:
        text = str(RunState(run.state).label)
    return {
        "run_id": run.pk,
        "name": run.name,
        "state": run.state,
        "step": step,
        "of": total,
        "text": text,
        "open": open_,
        "remaining": remaining,
        "done": done,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
    }


def current_run(runs: Sequence[ProcessRun]) -> ProcessRun | None:
    """The newest running run, else the newest finished one."""
    return next((run for run in runs if run.state == RunState.RUNNING), runs[0] if runs else None)


def process_phase(ticket: Ticket) -> dict[str, Any] | None:
    """The phase of the ticket's current process (see current_run), or None without any."""
    run = current_run(runs_with_tasks(ticket))
    return run_phase(run) if run is not None else None


def process_phases(ticket: Ticket) -> list[dict[str, Any]]:
    """Every run's phase, newest first."""
    return [run_phase(run) for run in runs_with_tasks(ticket)]
