"""Background tasks of the routing app: thin, take ids, safe to run twice."""

from __future__ import annotations

from django_tasks import task

from supportdesk.automation.routing import backlog


@task()
def drain_groups(group_ids: list[int]) -> int:
    """Drain these groups' unassigned backlogs; return how many tickets were assigned."""
    return backlog.drain_groups(group_ids)


@task()
def hand_over_absence_task(absence_id: int) -> int:
    """Hand an absence's tickets over (once); return how many were handed over."""
    return len(backlog.hand_over_absence(absence_id))
