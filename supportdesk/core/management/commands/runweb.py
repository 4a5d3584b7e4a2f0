"""`supportdesk web`: serve HTTP and websockets (supportdesk.asgi) with uvicorn.

Static files are served by WhiteNoise from STATIC_ROOT (run `collectstatic`, or pass
--collectstatic), or straight from the app directories when WHITENOISE_USE_FINDERS is on (DEBUG).
"""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

import uvicorn
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the web server (HTTP and websockets)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"), help="Interface to bind (env HOST).")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")), help="Port (env PORT).")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "1")), help="Number of web processes.")
        parser.add_argument("--collectstatic", action="store_true", help="Collect static files into STATIC_ROOT first.")
        parser.add_argument("--proxy-headers", action="store_true", help="Trust X-Forwarded-* from FORWARDED_ALLOW_IPS.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1.")
        if options["workers"] > 1 and "InMemory" in settings.CHANNEL_LAYERS["default"]["BACKEND"]:
            self.stderr.write("Warning: several web processes with the in-memory channel layer cannot share live updates; set REDIS_URL.")
        if options["collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        uvicorn.run(
            "supportdesk.asgi:application",
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            lifespan="off",  # Channels' router speaks http and websocket only
            proxy_headers=options["proxy_headers"],
            timeout_graceful_shutdown=10,
            log_level="info",
        )
