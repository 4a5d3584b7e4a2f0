"""Outbound mail: agent replies and acknowledgements, sent by background tasks after commit.

Contract: queue_article_mail(article_id) and queue_acknowledgement(ticket_id, mailbox_id) are safe to
call inside a transaction (they enqueue on commit) and at most once per article/ticket has effect.
"""

from __future__ import annotations


def queue_article_mail(article_id: int) -> None:
    """Send a public agent reply as mail (implemented by the outbound work)."""


def queue_acknowledgement(ticket_id: int, mailbox_id: int | None) -> None:
    """Acknowledge a new ticket opened by mail (implemented by the outbound work)."""
