"""`supportdesk mail import PATH [--mailbox NAME] [--json]`: import a directory of .eml files, a
Maildir or an mbox (migration and backfill).

Messages are stored raw in batches (one pack file fsynced, then their rows committed together) and then
processed as a batch in one transaction (intake_batch), so the import can be killed at any point
and simply run again: bytes already stored are found by their hash and not
stored twice, a message stored but not yet processed is processed then, and content imported
before is recognised as a duplicate. Works on a fresh database: tickets land in the default group.
"""

from __future__ import annotations

import gc
import hashlib
import json
import mailbox as mailboxes
import os
import sys
import time
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from supportdesk.email_gateway.choices import InboundSource, InboundStatus
from supportdesk.email_gateway.intake import IntakeResult, import_inbound, store_raw, store_raw_batch
from supportdesk.email_gateway.intake_batch import import_batch as process_batch
from supportdesk.email_gateway.models import InboundMessage, Mailbox

PROGRESS_EVERY = 100
# Messages stored together (one pack file fsynced, rows committed in one transaction) and then
# processed together: at most this many, and at most BATCH_BYTES of raw mail (bounding the memory
# a batch holds: its bytes, parsed mail and planned rows). Every batch pays fixed costs (a pack
# fsync, two syncs of attachment files, commits, a dozen read-ahead queries), so bigger is faster.
STORE_BATCH = 2000
BATCH_BYTES = 64 * 1024 * 1024
SUMMARY_KEYS = ("read", "tickets_created", "articles_added", "duplicates", "ignored", "bounces", "quarantined", "review")


def iter_messages(path: Path) -> Iterator[tuple[str, bytes]]:
    """(source reference, raw bytes) of every message under `path`, in a stable order.

    A directory with cur/ and new/ is a Maildir; another directory is walked for *.eml files
    (sorted by path); a file is an mbox unless it ends in .eml.
    """
    if path.is_dir():
        if (path / "cur").is_dir() and (path / "new").is_dir():
            box = mailboxes.Maildir(str(path), factory=None, create=False)
            for key in sorted(box.iterkeys()):
                yield f"maildir:{key}", box.get_bytes(key)
            return
        for file in eml_files(path):
            yield str(file), file.read_bytes()
        return
    if path.suffix.lower() == ".eml":
        yield str(path), path.read_bytes()
        return
    mbox = mailboxes.mbox(str(path), factory=None, create=False)
    for index, key in enumerate(mbox.iterkeys()):
        yield f"mbox:{path.name}#{index}", mbox.get_bytes(key)


def eml_files(root: Path) -> list[Path]:
    """The files `root.rglob("*.eml")` finds (symlinked directories are not entered; symlinks to
    files count), in sorted(Path) order, from one scandir per directory: DirEntry knows whether an
    entry is a file without a stat per file, and sorting by parts is what Path ordering does."""
    found: list[tuple[tuple[str, ...], Path]] = []
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(directory / entry.name)
                    elif entry.name.endswith(".eml") and entry.is_file():
                        file = directory / entry.name
                        found.append((file.parts, file))
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue  # gone or unreadable meanwhile, as rglob skips it
    found.sort(key=itemgetter(0))
    return [file for _parts, file in found]


def import_one(raw: bytes, *, source_ref: str, mailbox: Mailbox | None) -> IntakeResult | None:
    """Store (unless these exact bytes are stored already) and process one message.

    Returns None when the very same bytes were imported before, so a re-run adds nothing.
    """
    existing = InboundMessage.objects.filter(raw_id=hashlib.sha256(raw).hexdigest()).order_by("id").first()
    if existing is not None and existing.status != InboundStatus.PENDING:
        return None
    inbound = existing or store_raw(raw, source=InboundSource.IMPORT, mailbox=mailbox, source_ref=source_ref)
    return import_inbound(inbound.pk)


def import_batch(batch: list[tuple[str, bytes]], *, mailbox: Mailbox | None) -> list[IntakeResult | None]:
    """import_one for a batch, in order: the new bytes are stored together first (store_raw_batch:
    nothing is acknowledged before all are durable), then each message is processed."""
    shas = [hashlib.sha256(raw).hexdigest() for _ref, raw in batch]
    existing: dict[str, InboundMessage] = {}
    for inbound in InboundMessage.objects.filter(raw_id__in=set(shas)).order_by("-id"):
        existing[inbound.raw_id] = inbound  # the earliest row per hash wins, as in import_one
    todo: list[InboundMessage | None] = []
    new: list[tuple[bytes, str]] = []
    new_at: list[int] = []
    seen: set[str] = set()
    for (source_ref, raw), sha in zip(batch, shas, strict=True):
        found = existing.get(sha)
        if (found is not None and found.status != InboundStatus.PENDING) or (found is None and sha in seen):
            todo.append(None)  # the very same bytes were imported before (or earlier in this batch)
        elif found is not None:
            todo.append(found)
        elif len(raw) > settings.ATTACHMENT_MAX_BYTES:
            todo.append(store_raw(raw, source=InboundSource.IMPORT, mailbox=mailbox, source_ref=source_ref))
        else:
            seen.add(sha)
            new_at.append(len(todo))
            new.append((raw, source_ref))
            todo.append(None)
    stored = store_raw_batch(new, source=InboundSource.IMPORT, mailbox=mailbox, shas=[shas[index] for index in new_at])
    for index, inbound in zip(new_at, stored, strict=True):
        todo[index] = inbound
    in_memory = dict(zip(shas, (raw for _ref, raw in batch), strict=True))
    results = iter(process_batch([inbound.pk for inbound in todo if inbound is not None], raw=in_memory, stored=stored))
    return [None if inbound is None else next(results) for inbound in todo]


def count(summary: dict[str, int], result: IntakeResult | None) -> None:
    """Add one message's outcome to the summary."""
    summary["read"] += 1
    if result is None:
        summary["duplicates"] += 1
        return
    status = result.inbound.status
    if status == InboundStatus.PROCESSED:
        summary["tickets_created" if result.created_ticket else "articles_added"] += 1
    elif status == InboundStatus.DUPLICATE:
        summary["duplicates"] += 1
    elif status in (InboundStatus.IGNORED, InboundStatus.REJECTED):
        summary["ignored"] += 1
    elif status == InboundStatus.BOUNCE:
        summary["bounces"] += 1
    elif status == InboundStatus.REVIEW:
        summary["review"] += 1
    else:
        summary["quarantined"] += 1


class Command(BaseCommand):
    help = "E-mail channel operations. `mail import PATH`: import .eml files, a Maildir or an mbox."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        importer = commands.add_parser("import", help="Import a directory of .eml files, a Maildir or an mbox.")
        importer.add_argument("path", help="Directory, Maildir or mbox file.")
        importer.add_argument("--mailbox", default="", help="Name of the mailbox the mail belongs to (its group gets the tickets).")
        importer.add_argument("--json", action="store_true", help="Print the summary as JSON.")
        importer.add_argument(
            "--batch-size", type=int, default=STORE_BATCH, help=f"Messages stored and processed together (default {STORE_BATCH})."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(_("No such file or directory: %(path)s") % {"path": path})
        mailbox = None
        if options["mailbox"]:
            mailbox = Mailbox.objects.filter(name=options["mailbox"]).first()
            if mailbox is None:
                raise CommandError(_("Unknown mailbox: %(name)s") % {"name": options["mailbox"]})
        limit = options["batch_size"]
        if limit < 1:
            raise CommandError(_("The batch size must be at least 1."))
        summary = dict.fromkeys(SUMMARY_KEYS, 0)
        started = time.monotonic()
        # Everything alive now (Django, the app registry, compiled templates...) lives as long as
        # the process: keep the cycle collector from scanning it again for every few hundred new
        # objects of a batch (up to 8% of an import's time, measured). Undone afterwards, for callers that
        # run the command in a longer-lived process.
        gc.freeze()
        try:
            batch: list[tuple[str, bytes]] = []
            size = 0
            for item in iter_messages(path):
                if batch and size + len(item[1]) > BATCH_BYTES:
                    self._run(batch, summary, started, mailbox)
                    batch, size = [], 0
                batch.append(item)
                size += len(item[1])
                if len(batch) >= limit:
                    self._run(batch, summary, started, mailbox)
                    batch, size = [], 0
            self._run(batch, summary, started, mailbox)
        finally:
            gc.unfreeze()
        self._progress(summary, started)
        if options["json"]:
            # The time of the import itself (not of starting Python and Django), for benchmarks.
            self.stdout.write(json.dumps({**summary, "seconds": round(time.monotonic() - started, 3)}))
        else:
            self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))

    def _run(self, batch: list[tuple[str, bytes]], summary: dict[str, int], started: float, mailbox: Mailbox | None) -> None:
        # A batch allocates hundreds of thousands of objects that live until it ends (parsed mail,
        # planned rows): the cycle collector would run a few hundred times over them and find
        # nothing to free (0.02 ms per mail, measured). It is paused for the batch, whose size bounds
        # what waits for it, and collects the batch's leftovers when it next runs.
        enabled = gc.isenabled()
        gc.disable()
        try:
            results = import_batch(batch, mailbox=mailbox)
        finally:
            if enabled:
                gc.enable()
        for result in results:
            count(summary, result)
            if summary["read"] % PROGRESS_EVERY == 0:
                self._progress(summary, started)

    def _progress(self, summary: dict[str, int], started: float) -> None:
        elapsed = max(time.monotonic() - started, 0.001)
        line = _("%(read)s messages read, %(tickets)s tickets created (%(rate).0f/s)") % {
            "read": summary["read"],
            "tickets": summary["tickets_created"],
            "rate": summary["read"] / elapsed,
        }
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
