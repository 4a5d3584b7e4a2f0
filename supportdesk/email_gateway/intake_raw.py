"""Where received mail's raw bytes live: one file per message, or a pack file per import batch.

A single message (IMAP, SMTP, API) is stored as a blob file named by its hash
(tickets.attachments.store_blob). A batch of the import command is appended to one new pack file,
which is fsynced with its directory before any row naming it is committed: one file and two
fsyncs per batch (up to 2,000 messages) instead of a file, a temporary name, a rename and often two new
directories per message, and no machine-wide sync. The InboundMessage row records where its
bytes are (raw_pack, raw_offset, size); the Blob row (by hash) is written as for any raw mail.

A crash before the commit leaves at most an unreferenced pack (nothing acknowledged, nothing
lost; the re-run stores the messages again in a new pack). Every read checks the bytes against
the message's hash, so a damaged pack shows up as an unreadable message, never as other mail.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from supportdesk.email_gateway.models import InboundMessage
from supportdesk.tickets.attachments import blob_path

# "<yyyy-mm>/<timestamp>-<random>.pack", as write_pack names them; nothing else is ever opened.
_PACK_NAME = re.compile(r"[0-9]{4}-[0-9]{2}/[0-9]{8}T[0-9]{6}-[0-9a-f]{32}\.pack")


def pack_root() -> Path:
    return Path(settings.ATTACHMENT_ROOT) / "raw-packs"


def pack_path(name: str) -> Path:
    if not _PACK_NAME.fullmatch(name):
        raise OSError(f"not a raw pack name: {name[:80]!r}")
    return pack_root() / name


def _fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_durable_directory(path: Path) -> None:
    """mkdir -p, with each directory made here fsynced into its parent."""
    if path.is_dir():
        return
    _make_durable_directory(path.parent)
    try:
        path.mkdir()
    except FileExistsError:
        return
    _fsync_directory(path.parent)


def write_pack(contents: list[bytes]) -> tuple[str, list[int]]:
    """Write `contents` one after another into a new pack file and make it durable (the file's
    data and its directory entry fsynced). Returns the pack's name and each content's offset."""
    now = timezone.now()
    name = f"{now:%Y-%m}/{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex}.pack"
    path = pack_root() / name
    _make_durable_directory(path.parent)
    offsets: list[int] = []
    position = 0
    for content in contents:
        offsets.append(position)
        position += len(content)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.writelines(contents)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)
    _fsync_directory(path.parent)
    return name, offsets


def read_raw(inbound: InboundMessage, *, limit: int | None = None) -> bytes:
    """The exact bytes received for `inbound` (at most `limit` of them, from the start); OSError
    when they are missing or damaged. Whole messages from a pack are checked against their hash."""
    if not inbound.raw_pack:
        with blob_path(inbound.raw_id).open("rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    if inbound.raw_offset is None:
        raise OSError("raw mail has no offset in its pack")
    wanted = inbound.size if limit is None else min(limit, inbound.size)
    with pack_path(inbound.raw_pack).open("rb") as handle:
        handle.seek(inbound.raw_offset)
        data = handle.read(wanted)
    if len(data) != wanted or (limit is None and hashlib.sha256(data).hexdigest() != inbound.raw_id):
        raise OSError("raw mail in its pack does not match its hash")
    return data


def raw_exists(inbound: InboundMessage) -> bool:
    """Whether the raw bytes of `inbound` can be read (for a download's 'missing' answer)."""
    if not inbound.raw_pack:
        return blob_path(inbound.raw_id).exists()
    try:
        return pack_path(inbound.raw_pack).exists()
    except OSError:
        return False
