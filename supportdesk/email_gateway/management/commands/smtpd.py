"""`supportdesk smtpd [--host H] [--port P] [--lmtp]`: the SMTP/LMTP listener for direct delivery.

Point an MTA (Postfix `transport`/`lmtp:`) at it. Every message is stored durably before the
250 answer; when storing fails the answer is 451 and the MTA retries. Stops cleanly on SIGINT/SIGTERM.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from supportdesk.email_gateway.smtpd import DEFAULT_MAX_BYTES, DeliveryHandler, server_factory


class Command(BaseCommand):
    help = "Run the SMTP (or LMTP) listener that stores delivered mail for the e-mail channel."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
        parser.add_argument("--port", type=int, default=2525, help="Port (default 2525).")
        parser.add_argument("--lmtp", action="store_true", help="Speak LMTP instead of SMTP.")
        parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="Largest message accepted, in bytes.")
        parser.add_argument("--hostname", default=socket.gethostname(), help="Name announced in the greeting.")

    def handle(self, *args: Any, **options: Any) -> None:
        # aiosmtpd logs every command with the addresses at INFO: keep personal data out of the logs.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        if not 0 < options["port"] < 65536:
            raise CommandError("--port must be between 1 and 65535.")
        if options["max_bytes"] < 1024:
            raise CommandError("--max-bytes must be at least 1024.")
        try:
            asyncio.run(self._serve(options))
        except OSError as exc:
            raise CommandError(f"Cannot listen on {options['host']}:{options['port']}: {exc.strerror or exc}") from exc

    async def _serve(self, options: dict[str, Any]) -> None:
        handler = DeliveryHandler(max_bytes=options["max_bytes"], lmtp=options["lmtp"])
        factory = server_factory(handler, lmtp=options["lmtp"], hostname=options["hostname"])
        loop = asyncio.get_running_loop()
        server = await loop.create_server(factory, host=options["host"], port=options["port"])
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        protocol = "LMTP" if options["lmtp"] else "SMTP"
        self.stdout.write(f"{protocol} listener on {options['host']}:{options['port']} (Ctrl-C to stop)")
        async with server:
            await stop.wait()
        self.stdout.write("stopped")
