"""`supportdesk reports backfill [--since DATE] [--batch N]` and `supportdesk reports verify [--sample N]`."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from supportdesk.core.progress import ProgressBar
from supportdesk.reports.backfill import BATCH, backfill, verify


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--since wants a date like 2026-01-31, not {value!r}") from exc


class Command(BaseCommand):
    help = "Report facts: build them for existing tickets (backfill) or check them (verify)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        fill = sub.add_parser("backfill", help="Compute the facts of existing tickets and rebuild the daily rollups.")
        fill.add_argument("--since", help="Only tickets created on or after this date (YYYY-MM-DD).")
        fill.add_argument("--batch", type=int, default=BATCH, help=f"Tickets per transaction (default {BATCH}).")
        fill.add_argument("--rollups-only", action="store_true", help="Keep the fact rows; rebuild the daily and monthly rollups.")
        check = sub.add_parser("verify", help="Recompute a sample of tickets and days and compare with the stored facts.")
        check.add_argument("--sample", type=int, default=200, help="How many tickets to check (default 200).")
        check.add_argument("--seed", type=int, help="Random seed, to repeat a check.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "backfill":
            self._backfill(options)
        else:
            self._verify(options)

    def _backfill(self, options: dict[str, Any]) -> None:
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1")
        since = _day(options["since"]) if options.get("since") else None
        started = time.perf_counter()
        if since is not None and options["rollups_only"]:
            raise CommandError("--since and --rollups-only do not go together")
        result = backfill(
            since=since, batch=options["batch"], rollups_only=options["rollups_only"], progress=ProgressBar(self.stderr)("facts")
        )
        self.stdout.write(
            f"backfill: {result.tickets} tickets, {result.invitations} NPS invitations, {len(result.days)} days rebuilt "
            f"({result.rollup_rows} rollup rows) in {time.perf_counter() - started:.1f}s"
        )

    def _verify(self, options: dict[str, Any]) -> None:
        if options["sample"] < 1:
            raise CommandError("--sample must be at least 1")
        result = verify(sample=options["sample"], seed=options.get("seed"))
        self.stdout.write(
            f"verify: {result.tickets_checked} tickets checked, {len(result.tickets_differing)} differ; "
            f"{result.days_checked} days checked, {len(result.days_differing)} differ"
        )
        if not result.ok:
            shown = ", ".join(str(t) for t in result.tickets_differing[:20])
            days = ", ".join(d.isoformat() for d in result.days_differing[:20])
            raise CommandError(f"facts differ: tickets [{shown}] days [{days}]; run `supportdesk reports backfill`")
