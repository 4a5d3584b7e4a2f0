"""`supportdesk openapi` writes openapi.json; `supportdesk openapi --check` fails when it drifted.

The committed file is the API contract (STYLE 10): CI runs --check, so a change to the API that is
not reflected in the committed schema fails the build instead of surprising clients.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def render_schema() -> str:
    """The schema as stable text: sorted keys, two-space indent, trailing newline."""
    from supportdesk.api.urls import api

    schema = api.get_openapi_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI schema to openapi.json, or check that the committed file is current."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--check", action="store_true", help="Exit non-zero if the file differs from the code.")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "openapi.json"))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        text = render_schema()
        if options["check"]:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                raise CommandError(f"{path} is out of date with the API code. Run `supportdesk openapi` and commit the result.")
            self.stdout.write(f"{path} is up to date.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {path}.")
