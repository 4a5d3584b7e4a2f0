"""Building raw test mails (bytes) the way real clients write them. Shared by the intake tests."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from supportdesk.email_gateway.intake import IntakeResult, import_inbound, store_raw


def make_mail(
    *,
    sender: str = "Carla Customer <carla@customer.example>",
    to: str = "support@support.example",
    subject: str = "Printer on fire",
    body: str = "The printer in room 4 is on fire.",
    message_id: str = "<m1@customer.example>",
    date: datetime = datetime(2026, 11, 2, 8, 0, tzinfo=UTC),
    html: str = "",
    extra: dict[str, str] | None = None,
    attachments: list[tuple[str, str, bytes, str]] | None = None,
) -> bytes:
    """A mail as bytes; `attachments` are (filename, content type, data, content id or '')."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    if message_id:
        msg["Message-ID"] = message_id
    for name, value in (extra or {}).items():
        msg[name] = value
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    for filename, content_type, data, cid in attachments or []:
        maintype, subtype = content_type.split("/")
        if cid:
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename, disposition="inline", cid=f"<{cid}>")
        else:
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(msg)


def deliver(raw: bytes, *, source: str = "smtp", **kwargs: object) -> IntakeResult:
    """Store then process one mail, as every source does (live mail by default: it is acknowledged)."""
    inbound = store_raw(raw, source=source, **kwargs)  # type: ignore[arg-type]
    return import_inbound(inbound.pk)
