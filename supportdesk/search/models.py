"""The search document of each ticket: one row per ticket holding everything searchable.

On PostgreSQL the table also has a column `tsv`, the document's tsvector, generated and stored by
the database (migration 0003) and indexed with GIN; it is deliberately not a model field, because
SQLite has no such column (an FTS5 table mirrors the content there through triggers) and no Python
code ever reads or writes it. The content is kept in step by the ticket actions, in their transaction.
"""

from __future__ import annotations

from django.db import models

from supportdesk.tickets.models import Ticket


class TicketSearchDocument(models.Model):
    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, primary_key=True, related_name="search_document")
    content = models.TextField()

    def __str__(self) -> str:
        return f"search document of ticket {self.ticket_id}"
