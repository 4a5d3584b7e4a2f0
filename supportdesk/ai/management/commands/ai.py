"""`supportdesk ai ...`: train, evaluate and triage. Each subcommand lives in its own module.

- `ai train [--target T]`: train models on the instance's solved tickets (supportdesk.ai.training).
- `ai evaluate --dataset CSV --text-col C --label-col L [...]`: accuracy, macro-F1, per class,
  latency, with majority-class and keyword baselines (supportdesk.ai.evaluation).
- `ai evaluate-sentiment --dataset PATH [...]`: sentiment figures (supportdesk.ai.sentiment_eval).
- `ai triage [--backfill N]`: triage tickets now (supportdesk.ai.triage).
"""

from __future__ import annotations

import importlib
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

# subcommand -> module providing add_arguments(parser) and run(command, options)
SUBCOMMANDS = {
    "train": "supportdesk.ai.training",
    "evaluate": "supportdesk.ai.evaluation",
    "evaluate-sentiment": "supportdesk.ai.sentiment_eval",
    "triage": "supportdesk.ai.triage",
}


class Command(BaseCommand):
    help = "Local AI: train, evaluate, triage."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, module_name in SUBCOMMANDS.items():
            subparser = sub.add_parser(name)
            module = _module(module_name)
            if module is not None:
                module.add_arguments(subparser)

    def handle(self, *args: Any, **options: Any) -> None:
        module = _module(SUBCOMMANDS[options["subcommand"]])
        if module is None:
            raise CommandError(f"ai {options['subcommand']} is not available yet.")
        module.run(self, options)


def _module(name: str) -> Any:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
    return module if hasattr(module, "run") else None
