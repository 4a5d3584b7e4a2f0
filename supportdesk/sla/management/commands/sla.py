"""`supportdesk sla recompute`: recompute every open ticket's SLA due times in the foreground;
`supportdesk sla webhook-key`: print the key SLA webhook receivers verify signatures with."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from supportdesk.sla.recompute import recompute_all
from supportdesk.sla.webhook import webhook_key


class Command(BaseCommand):
    help = "SLA operations. `sla recompute`: recompute due times now; `sla webhook-key`: print the webhook signing key."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        recompute = commands.add_parser("recompute", help="Recompute the SLA due times of every open ticket (after a calendar change).")
        recompute.add_argument("--batch-size", type=int, default=1000, help="Tickets per transaction.")
        commands.add_parser("webhook-key", help="Print the hex HMAC-SHA256 key of the X-Supportdesk-Signature header.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "webhook-key":
            self.stdout.write(webhook_key().hex())
            return
        done = recompute_all(batch_size=max(1, options["batch_size"]), progress=self._progress)
        self.stdout.write(_("%(count)s open tickets recomputed.") % {"count": done})

    def _progress(self, done: int, elapsed: float) -> None:
        line = _("%(done)s tickets recomputed (%(rate).0f/s)") % {"done": done, "rate": done / max(elapsed, 0.001)}
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
