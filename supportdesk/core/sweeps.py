"""Periodic sweeps: small jobs the worker runs on a fixed interval (reminders, SLA warnings, polling).

Apps register their sweeps in `AppConfig.ready()`; `supportdesk worker` runs them in a `SweepLoop`
thread next to the task worker. The registry is configuration written once at start-up, never
state that changes while serving. Several workers may run the same sweep at the same time, so every
sweep must be idempotent and take its own row locks: the loop gives no cross-process exclusivity.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import close_old_connections, connections

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sweep:
    """A named function the loop calls every `every_seconds` seconds (first call at loop start)."""

    name: str
    every_seconds: float
    function: Callable[[], object]


_registry: dict[str, Sweep] = {}


def register_sweep(name: str, every_seconds: float, function: Callable[[], object]) -> Sweep:
    """Register (or re-register under the same name) a periodic sweep. Call from AppConfig.ready()."""
    if every_seconds <= 0:
        raise ValueError("every_seconds must be positive")
    sweep = Sweep(name=name, every_seconds=float(every_seconds), function=function)
    _registry[name] = sweep
    return sweep


def registered_sweeps() -> list[Sweep]:
    """All registered sweeps, in name order (a stable order makes logs comparable between runs)."""
    return [_registry[name] for name in sorted(_registry)]


class SweepLoop:
    """Runs sweeps when they are due until stopped.

    A failing sweep is logged and retried at its next interval; it never stops the loop or the
    other sweeps. `stop()` may be called from a signal handler or another thread; the loop wakes
    at once and returns after the sweep it is running, if any, has finished.
    """

    def __init__(
        self,
        sweeps: Iterable[Sweep],
        *,
        clock: Callable[[], float] = time.monotonic,
        max_sleep: float = 1.0,
        manage_connections: bool = True,
    ) -> None:
        self.sweeps = list(sweeps)
        self.manage_connections = manage_connections
        self.clock = clock
        self.max_sleep = max_sleep
        self._stop = threading.Event()
        start = clock()
        self._next_due: dict[str, float] = {sweep.name: start for sweep in self.sweeps}

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def run_due(self) -> list[str]:
        """Run every sweep whose time has come; return the names of those run (failed ones too)."""
        ran: list[str] = []
        for sweep in self.sweeps:
            if self._stop.is_set():
                break
            now = self.clock()
            if now < self._next_due[sweep.name]:
                continue
            self._next_due[sweep.name] = now + sweep.every_seconds
            self._run_one(sweep)
            ran.append(sweep.name)
        return ran

    def _run_one(self, sweep: Sweep) -> None:
        # Same connection hygiene as a request: drop connections that died or grew too old.
        if self.manage_connections:
            close_old_connections()
        started = time.monotonic()
        try:
            result = sweep.function()
        except Exception:
            logger.exception("sweep %s failed", sweep.name)
        else:
            logger.debug("sweep %s done in %.3fs: %r", sweep.name, time.monotonic() - started, result)
        finally:
            if self.manage_connections:
                close_old_connections()

    def seconds_until_next(self) -> float:
        if not self.sweeps:
            return self.max_sleep
        wait = min(self._next_due.values()) - self.clock()
        return max(0.0, min(wait, self.max_sleep))

    def run(self) -> None:
        """Loop until stop(); meant as a thread target. Closes this thread's DB connections on exit."""
        logger.info("sweep loop started: %s", ", ".join(s.name for s in self.sweeps) or "(no sweeps)")
        try:
            while not self._stop.is_set():
                self.run_due()
                self._stop.wait(self.seconds_until_next())
        finally:
            connections.close_all()
            logger.info("sweep loop stopped")

    def start_thread(self) -> threading.Thread:
        self._thread = threading.Thread(target=self.run, name="supportdesk-sweeps", daemon=True)
        self._thread.start()
        return self._thread

    def stop_and_join(self, timeout: float) -> bool:
        """Stop and wait for the loop thread (if started); return whether it has ended."""
        self.stop()
        thread = getattr(self, "_thread", None)
        if thread is None:
            return True
        thread.join(timeout=timeout)
        return not thread.is_alive()
