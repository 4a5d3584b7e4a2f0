"""`supportdesk kb_reindex`: rebuild every KB translation's search document, in batches, with progress."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from supportdesk.kb.search import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search documents of all knowledge-base translations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=2000, help="Translations per transaction.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"reindexed {done}/{total} translations")

        count = reindex_all(batch_size=max(1, options["batch"]), progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Done: {count} documents in {time.monotonic() - started:.1f}s."))
