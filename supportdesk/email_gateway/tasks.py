"""Background tasks of the e-mail channel. Thin: they take ids and call one function."""

from __future__ import annotations

from django_tasks import task

from supportdesk.email_gateway.intake import process_inbound


@task()
def process_inbound_task(inbound_id: int) -> str:
    """Process one stored inbound message; returns its final status. Idempotent: a retry, or two
    workers running it at once, import the message once (intake locks the row)."""
    return str(process_inbound(inbound_id).status)
