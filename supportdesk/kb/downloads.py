"""Serving KB files: only through kb.access.access_attachment, never from a web-served directory.

A download unless a real raster image (kb.actions checks the bytes at upload), with nosniff and a
sandbox CSP, so an uploaded HTML or SVG file never runs script on our origin (BAD-INPUTS 26, 27).
"""

from __future__ import annotations

from django.http import FileResponse

from supportdesk.kb.models import ArticleAttachment
from supportdesk.tickets.downloads import stored_file_response


def attachment_response(attachment: ArticleAttachment) -> FileResponse:
    return stored_file_response(attachment.blob_id, filename=attachment.filename, content_type=attachment.content_type)
