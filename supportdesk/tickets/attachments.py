"""Storing attachment bytes by content hash, and making hostile filenames harmless to display."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.core.bulk import insert_rows
from supportdesk.core.errors import ValidationFailed
from supportdesk.tickets.models import Attachment, Blob

MAX_FILENAME = 200
# Types a browser may display inline from our origin without running code. SVG and HTML never are.
INLINE_SAFE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
_DANGEROUS_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}  # control, format (RTL override, zero-width)...


def clean_filename(name: str) -> str:
    """A display name with no path parts, control or bidi characters, and a bounded length."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(
        " " if unicodedata.category(ch).startswith("Z") else ch  # NBSP, line/paragraph separators
        for ch in name
        if unicodedata.category(ch) not in _DANGEROUS_CATEGORIES
    )
    name = " ".join(name.split()).lstrip(".").strip()
    if not name:
        name = "attachment"
    if len(name) > MAX_FILENAME:
        stem, ext = os.path.splitext(name)
        ext = ext[:20]
        name = stem[: MAX_FILENAME - len(ext)] + ext
    return name


def blob_path(sha256: str) -> Path:
    """Where a blob's bytes live: under ATTACHMENT_ROOT, named by hash only."""
    return Path(settings.ATTACHMENT_ROOT) / sha256[:2] / sha256[2:4] / sha256


def guess_content_type(filename: str, declared: str | None) -> str:
    declared = (declared or "").split(";")[0].strip().lower()
    if declared and "/" in declared and len(declared) < 100:
        return declared
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def store_blob(chunks: Iterable[bytes]) -> Blob:
    """Write content to a temporary file, hash it, move it into place atomically; dedupe by hash."""
    root = Path(settings.ATTACHMENT_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=root, delete=False, prefix=".upload-") as tmp:
        try:
            for chunk in chunks:
                size += len(chunk)
                if size > settings.ATTACHMENT_MAX_BYTES:
                    raise ValidationFailed(
                        _("The file is too large."),
                        field_errors={"file": _("Maximum size is %(n)s bytes.") % {"n": settings.ATTACHMENT_MAX_BYTES}},
                    )
                digest.update(chunk)
                tmp.write(chunk)
            tmp.flush()
            os.fsync(tmp.fileno())
        except BaseException:
            tmp.close()
            os.unlink(tmp.name)
            raise
    sha = digest.hexdigest()
    target = blob_path(sha)
    if target.exists():
        os.unlink(tmp.name)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp.name, target)
    blob, _created = Blob.objects.get_or_create(sha256=sha, defaults={"size": size})
    return blob


def store_blobs(contents: list[bytes]) -> list[Blob]:
    """store_blob for many contents at once (mail import), with two syncs per call instead of one
    fsync per file: every new file is written to a temporary name, synced, then moved into place and
    synced again, so a file is never visible under its hash before its bytes are on disk, and all
    are durable (data and directory entries) when this returns. Returns the blobs in input order."""
    root = Path(settings.ATTACHMENT_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    shas = [hashlib.sha256(content).hexdigest() for content in contents]
    pending: dict[str, str] = {}  # sha -> temporary file
    base = str(root)
    try:
        for sha, content in zip(shas, contents, strict=True):
            if len(content) > settings.ATTACHMENT_MAX_BYTES:
                raise ValidationFailed(_("The file is too large."))
            if sha in pending or os.path.exists(os.path.join(base, sha[:2], sha[2:4], sha)):
                continue
            fd, name = tempfile.mkstemp(dir=root, prefix=".upload-")
            pending[sha] = name
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(content)
        if pending:
            os.sync()  # Linux waits for completion: the bytes are on disk before any rename
        made: set[str] = set()
        for sha, name in pending.items():
            folder = os.path.join(base, sha[:2], sha[2:4])
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            os.replace(name, os.path.join(folder, sha))
    except BaseException:
        for name in pending.values():
            if os.path.exists(name):
                os.unlink(name)
        raise
    if pending:
        os.sync()  # the renames and new directories
    sizes = {sha: len(content) for sha, content in zip(shas, contents, strict=True)}
    now = timezone.now()
    insert_rows(Blob, ("sha256", "size", "created_at"), [(sha, size, now) for sha, size in sizes.items()], ignore_conflicts=True)
    return [Blob(sha256=sha, size=sizes[sha]) for sha in shas]


def create_attachment(*, chunks: Iterable[bytes], filename: str, content_type: str | None, uploaded_by_id: int | None) -> Attachment:
    """Store an uploaded file as an unattached Attachment (linked to an article later)."""
    name = clean_filename(filename)
    blob = store_blob(chunks)
    return Attachment.objects.create(
        blob=blob,
        filename=name,
        content_type=guess_content_type(name, content_type),
        size=blob.size,
        uploaded_by_id=uploaded_by_id,
    )


def is_inline_safe(attachment: Attachment) -> bool:
    return attachment.content_type in INLINE_SAFE_TYPES
