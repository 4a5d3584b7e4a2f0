"""The `supportdesk` command: web, worker, demo, token, and every Django management command.

`supportdesk web` -> runweb, `supportdesk worker` -> runworker, `supportdesk demo` -> demo,
`supportdesk token create EMAIL` -> token create EMAIL; anything else is passed to Django unchanged.
"""

from __future__ import annotations

import os
import sys

ALIASES = {"web": "runweb", "worker": "runworker"}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdesk.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
