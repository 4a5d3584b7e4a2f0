"""`supportdesk demo`: a first look in one command: migrate, load demo data, run web and worker.

The web server and the worker run as child processes in their own process groups, so a Ctrl-C in
the terminal reaches only this command, which forwards one SIGTERM to each child and waits for
them to finish cleanly. If either child dies on its own, the other is stopped too.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

STOP_TIMEOUT_SECONDS = 20.0
POLL_SECONDS = 0.3

DEMO_LOGINS = [
    ("admin", "admin@example.com", "admin"),
    ("supervisor", "supervisor@example.com", "agent"),
    ("agent", "agent@example.com", "agent"),
    ("customer", "customer@example.com", "customer"),
]


class Command(BaseCommand):
    help = "Set up a demo database and run the web server and the worker until Ctrl-C."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--skip-setup", action="store_true", help="Do not migrate or load demo data; just run.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["skip_setup"]:
            self._prepare()
        host, port = options["host"], str(options["port"])
        python = [sys.executable, "-m", "supportdesk.cli"]
        children = {
            "web": subprocess.Popen([*python, "web", "--host", host, "--port", port], start_new_session=True),  # noqa: S603
            "worker": subprocess.Popen([*python, "worker"], start_new_session=True),  # noqa: S603
        }
        self._announce(f"http://{host}:{port}")
        stop_requested: list[int] = []

        def on_signal(signum: int, frame: FrameType | None) -> None:
            stop_requested.append(signum)

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
        failed = ""
        while not stop_requested and not failed:
            failed = next((name for name, child in children.items() if child.poll() is not None), "")
            time.sleep(POLL_SECONDS)
        self.stdout.write(_("Stopping…"))
        self._stop(children)
        if failed:
            raise CommandError(
                _("The %(name)s process stopped unexpectedly (exit code %(code)s).") % {"name": failed, "code": children[failed].returncode}
            )
        self.stdout.write(_("Stopped."))

    def _prepare(self) -> None:
        if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
            settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=1)
        if "load_demo" in get_commands():
            call_command("load_demo")
        else:
            self.stderr.write(_("The load_demo command is not available; starting with an empty database."))
        call_command("collectstatic", interactive=False, verbosity=0)

    def _announce(self, url: str) -> None:
        lines = ["", _("Supportdesk demo is running at %(url)s") % {"url": url}, _("Sign in with:")]
        lines += [f"  {role:<10} {email} / {password}" for role, email, password in DEMO_LOGINS]
        base = url.rstrip("/")
        lines += [
            _("Customer portal: %(url)s (the customer login above)") % {"url": f"{base}/portal/"},
            _("Help centre: %(url)s") % {"url": f"{base}/help/"},
            _("Reports (admin, supervisor): %(url)s") % {"url": f"{base}/reports/"},
        ]
        lines += [_("Press Ctrl-C to stop."), ""]
        self.stdout.write("\n".join(lines))

    def _stop(self, children: dict[str, subprocess.Popen[bytes]]) -> None:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        for name, child in children.items():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(_("The %(name)s process did not stop in time; killing it.") % {"name": name})
                child.kill()
                child.wait()
