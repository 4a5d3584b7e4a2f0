"""Serving attachment bytes: only through the access gate, never from a web-served directory.

Everything is sent as a download except raster images, with nosniff and a sandbox CSP, so an
uploaded HTML or SVG file can never run script on our origin.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from supportdesk.core.errors import NotFound
from supportdesk.tickets.access import access_attachment
from supportdesk.tickets.attachments import blob_path, is_inline_safe
from supportdesk.tickets.models import Attachment


def attachment_response(attachment: Attachment) -> FileResponse:
    path = blob_path(attachment.blob_id)
    if not path.exists():
        raise Http404("Attachment content missing.")
    inline = is_inline_safe(attachment)
    response = FileResponse(
        path.open("rb"),
        as_attachment=not inline,
        filename=attachment.filename,
        content_type=attachment.content_type if inline else "application/octet-stream",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, max-age=0, no-store"
    return response


@login_required
def attachment_download_view(request: HttpRequest, attachment_id: int) -> FileResponse:
    try:
        attachment = access_attachment(request.user, attachment_id)  # type: ignore[arg-type]
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return attachment_response(attachment)
