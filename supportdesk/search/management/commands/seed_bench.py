"""`supportdesk seed_bench`: fill the database with a large realistic helpdesk for benchmarks."""

from __future__ import annotations

import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from supportdesk.search import seeding


class Command(BaseCommand):
    help = "Generate tickets, articles, customers and search documents fast (benchmark databases only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tickets", type=int, required=True)
        parser.add_argument("--articles-per-ticket", type=int, default=5, help="Average articles per ticket.")
        parser.add_argument("--batch", type=int, default=10_000, help="Tickets per transaction.")
        parser.add_argument("--customers", type=int, default=0, help="Default: one per five tickets.")
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args: Any, **options: Any) -> None:
        tickets = options["tickets"]
        if tickets < 1 or options["articles_per_ticket"] < 1 or options["batch"] < 1:
            raise CommandError("--tickets, --articles-per-ticket and --batch must be positive.")
        rng = random.Random(options["seed"])
        started = time.monotonic()

        def progress(line: str) -> None:
            self.stdout.write(f"[{time.monotonic() - started:7.0f}s] {line}")
            self.stdout.flush()

        seeding.fast_load_session()
        world = seeding.build_world(rng, customers=options["customers"] or max(10, tickets // 5))
        progress(f"world: {len(world.group_ids)} groups, {len(world.customers)} customers, {len(world.tag_ids)} tags")
        ddl = seeding.drop_secondary_indexes(progress)
        big_id = seeding.seed_tickets(
            rng, world, tickets=tickets, articles_per_ticket=options["articles_per_ticket"], batch_size=options["batch"], progress=progress
        )
        seeding.recreate_indexes(ddl, progress)
        progress(f"bench agent: {seeding.BENCH_AGENT}")
        self.stdout.write(self.style.SUCCESS(f"big ticket id: {big_id} ({seeding.BIG_TICKET_ARTICLES} articles)"))
