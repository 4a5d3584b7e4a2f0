"""The search document of each ticket: one row per ticket holding everything searchable.

On PostgreSQL a GIN index over its tsvector serves queries; on SQLite an FTS5 table mirrors it
through triggers (see migrations). Both are kept in step by the ticket actions, in their transaction.
"""

from __future__ import annotations

from django.db import models

from supportdesk.tickets.models import Ticket


class TicketSearchDocument(models.Model):
    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, primary_key=True, related_name="search_document")
    content = models.TextField()

    def __str__(self) -> str:
        return f"search document of ticket {self.ticket_id}"
