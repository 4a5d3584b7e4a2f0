"""`supportdesk worker`: the background task worker plus the periodic sweep loop, in one process.

Tasks come from django_tasks_db (its own Worker class, so queue claiming and locking stay theirs);
sweeps run in a thread beside it. Where sweeps run, the IMAP IDLE supervisor runs too (one watcher
thread per IDLE mailbox, email_gateway/idle.py) unless --no-idle. SIGINT/SIGTERM stop all: the sweep
loop finishes its current sweep, the IDLE watchers leave IDLE and log out, the task worker finishes
its current task or pause and the command returns (a second signal aborts the task, as in db_worker).
"""

from __future__ import annotations

import logging
import signal
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME, task_backends
from django_tasks_db.management.commands.db_worker import Worker, valid_interval

from supportdesk.core.sweeps import SweepLoop, registered_sweeps
from supportdesk.email_gateway.idle import IdleSupervisor

logger = logging.getLogger("supportdesk.worker")

SWEEP_JOIN_SECONDS = 30.0
IDLE_JOIN_SECONDS = 10.0


class Command(BaseCommand):
    help = "Run background tasks and periodic sweeps until stopped with Ctrl-C or SIGTERM."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--queue-name", default=DEFAULT_TASK_QUEUE_NAME, help="Queues to process, comma-separated; '*' for all.")
        parser.add_argument("--interval", type=valid_interval, default=1.0, help="Seconds to wait when the queue is empty.")
        parser.add_argument("--backend", dest="backend_name", default=DEFAULT_TASK_BACKEND_ALIAS, help="Task backend alias to work for.")
        parser.add_argument("--no-sweeps", action="store_true", help="Run tasks only (another worker runs the sweeps).")
        parser.add_argument("--sweeps-only", action="store_true", help="Run the periodic sweeps only, no tasks.")
        parser.add_argument("--no-idle", action="store_true", help="No IMAP IDLE watchers here (IDLE mailboxes are polled instead).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["sweeps_only"] and not isinstance(task_backends[options["backend_name"]], DatabaseBackend):
            # Tasks of other backends run elsewhere (immediately, or in that engine's own worker).
            self.stderr.write(f"Task backend {options['backend_name']!r} is not a database backend: running sweeps only.")
            options["sweeps_only"] = True
        loop = None if options["no_sweeps"] else SweepLoop(registered_sweeps())
        idle = None if options["no_sweeps"] or options["no_idle"] else IdleSupervisor()
        worker = Worker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=False,
            backend_name=options["backend_name"],
            startup_delay=True,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )

        def on_signal(signum: int, frame: FrameType | None) -> None:
            # Only flags here, no exception: an exception raised from a signal handler can land
            # between a logging handler's acquire() and its try block and leak that lock, after
            # which every other thread that logs hangs. The worker loop sees `running` go false
            # after its current task or sleep (at most --interval seconds).
            if loop is not None:
                loop.stop()
            if idle is not None:
                idle.stop()
            if options["sweeps_only"]:
                return
            if worker.running:
                worker.running = False
                logger.warning("received %s: stopping after the current task", signal.strsignal(signum))
            else:
                worker.shutdown(signum, frame)  # a second signal aborts the running task: SystemExit(1)

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
        try:
            # Started inside the try, so a signal arriving at any moment still reaches the join below.
            if idle is not None:
                idle.start_thread()
            if loop is not None:
                thread = loop.start_thread()
                while options["sweeps_only"] and thread.is_alive():
                    thread.join(timeout=0.5)
            if not options["sweeps_only"]:
                worker.run()
        finally:
            if idle is not None and not idle.stop_and_join(IDLE_JOIN_SECONDS):
                logger.warning("IMAP IDLE watchers did not stop within %s s", IDLE_JOIN_SECONDS)
            if loop is not None and not loop.stop_and_join(SWEEP_JOIN_SECONDS):
                logger.warning("sweep loop did not stop within %s s", SWEEP_JOIN_SECONDS)
            logger.info("worker stopped")
