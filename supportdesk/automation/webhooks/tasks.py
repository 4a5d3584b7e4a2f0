"""Background task of the webhooks app: one delivery attempt, by id (idempotent, see delivery.attempt)."""

from __future__ import annotations

from django_tasks import task

from supportdesk.automation.webhooks import delivery


@task()
def deliver_webhook(delivery_pk: int) -> str:
    """Attempt delivery `delivery_pk` once; a failure schedules the next attempt itself."""
    return delivery.attempt(delivery_pk)
