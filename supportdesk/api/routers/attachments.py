"""Attachments: upload first (get an id), then pass the id as attachment_ids on a ticket or article.

Downloads go through tickets.access.access_attachment, so a customer cannot reach a file of an
internal note or of someone else's ticket by guessing ids (BAD-INPUTS 30).
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import File, Router, Status
from ninja.files import UploadedFile

from supportdesk.api.auth import actor
from supportdesk.api.common import PathId
from supportdesk.api.schemas import AttachmentOut, attachment_out
from supportdesk.tickets.access import access_attachment
from supportdesk.tickets.attachments import create_attachment
from supportdesk.tickets.downloads import attachment_response

router = Router(tags=["attachments"])


@router.post("/attachments", response={201: AttachmentOut}, summary="Upload a file (multipart, field `file`)")
def upload(request: HttpRequest, file: File[UploadedFile]) -> Status[dict[str, Any]]:
    attachment = create_attachment(
        chunks=file.chunks(),
        filename=file.name or "attachment",
        content_type=file.content_type,
        uploaded_by_id=actor(request).pk,
    )
    return Status(201, attachment_out(attachment))


@router.get("/attachments/{attachment_id}", response=AttachmentOut, summary="Attachment metadata")
def read(request: HttpRequest, attachment_id: PathId) -> dict[str, Any]:
    return attachment_out(access_attachment(actor(request), attachment_id))


@router.get("/attachments/{attachment_id}/content", url_name="attachment_content", summary="Download an attachment")
def content(request: HttpRequest, attachment_id: PathId) -> FileResponse:
    """The bytes, as a download unless a raster image, with nosniff and a sandbox CSP."""
    return attachment_response(access_attachment(actor(request), attachment_id))
