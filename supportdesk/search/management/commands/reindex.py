"""`supportdesk reindex`: rebuild every ticket's search document, in batches, with progress."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from supportdesk.search.documents import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search documents of all tickets (after an upgrade that changes what is indexed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=2000, help="Tickets per transaction.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            rate = done / max(time.monotonic() - started, 0.001)
            self.stdout.write(f"reindexed {done}/{total} tickets ({rate:.0f}/s)")

        count = reindex_all(batch_size=max(1, options["batch"]), progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Done: {count} documents in {time.monotonic() - started:.1f}s."))
