"""A textual progress bar for long commands (training, backfills), redrawn in place on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

Progress = Callable[[float, str], None]


class ProgressBar:
    """A textual bar on stderr, redrawn in place: `[#########...........]  45% group: fitting`."""

    def __init__(self, stream: Any = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width

    def __call__(self, prefix: str) -> Progress:
        def show(fraction: float, label: str) -> None:
            fraction = min(max(fraction, 0.0), 1.0)
            filled = round(fraction * self.width)
            bar = "#" * filled + "." * (self.width - filled)
            end = "\n" if fraction >= 1.0 else ""
            self.stream.write(f"\r[{bar}] {fraction * 100:3.0f}% {prefix}: {label:<16}{end}")
            self.stream.flush()

        return show
