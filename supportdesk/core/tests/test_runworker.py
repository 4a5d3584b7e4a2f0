"""`supportdesk worker`: runs tasks and sweeps, and SIGTERM stops both cleanly (the command returns)."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from supportdesk.core.management.commands import runworker
from supportdesk.core.sweeps import Sweep


@pytest.fixture
def restore_signal_handlers() -> Iterator[None]:
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


@pytest.mark.django_db(transaction=True)
def test_sigterm_stops_the_worker_and_the_sweep_loop(monkeypatch: pytest.MonkeyPatch, restore_signal_handlers: None, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    swept = threading.Event()
    monkeypatch.setattr(runworker, "registered_sweeps", lambda: [Sweep("test.sweep", 3600, swept.set)])
    threads_before = set(threading.enumerate())

    def terminate_once_swept() -> None:
        swept.wait(timeout=10)
        os.kill(os.getpid(), signal.SIGTERM)

    killer = threading.Thread(target=terminate_once_swept)
    killer.start()
    call_command("runworker", "--interval", "0.05", "--no-idle")  # IDLE watchers have their own tests
    killer.join()

    assert swept.is_set()
    assert [t.name for t in set(threading.enumerate()) - threads_before] == []
