"""Serving attachment bytes: only through the access gate, never from a web-served directory.

Everything is sent as a download except raster images, with nosniff and a sandbox CSP, so an
uploaded HTML or SVG file can never run script on our origin.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from supportdesk.core.errors import NotFound
from supportdesk.tickets.access import access_attachment
from supportdesk.tickets.attachments import INLINE_SAFE_TYPES, blob_path
from supportdesk.tickets.models import Attachment


def stored_file_response(
    blob_id: str, *, filename: str, content_type: str, cache_control: str = "private, max-age=0, no-store"
) -> FileResponse:
    """The bytes of a stored blob as a response that can never run script on our origin: raster
    images inline, everything else as a download, with nosniff and a sandbox CSP. Shared by ticket
    attachments, KB files and the help centre."""
    path = blob_path(blob_id)
    if not path.exists():
        raise Http404("Attachment content missing.")
    inline = content_type in INLINE_SAFE_TYPES
    response = FileResponse(
        path.open("rb"),
        as_attachment=not inline,
        filename=filename,
        content_type=content_type if inline else "application/octet-stream",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = cache_control
    return response


def attachment_response(attachment: Attachment) -> FileResponse:
    return stored_file_response(attachment.blob_id, filename=attachment.filename, content_type=attachment.content_type)


@login_required
def attachment_download_view(request: HttpRequest, attachment_id: int) -> FileResponse:
    try:
        attachment = access_attachment(request.user, attachment_id)  # type: ignore[arg-type]
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return attachment_response(attachment)
