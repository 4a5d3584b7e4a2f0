"""winmail.dat (Outlook's TNEF container): unpacked into its files and body with tnefparse.

Outlook sends it to non-Outlook recipients when "rich text" is on; leaving it packed would hide
every attachment from the agent. A broken container is kept as it is (the caller attaches it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from supportdesk.email_gateway.parsing.charsets import decode_bytes

TNEF_TYPES = ("application/ms-tnef", "application/vnd.ms-tnef")


@dataclass
class UnpackedTnef:
    text: str = ""
    html: str = ""
    files: list[tuple[str, bytes]] = field(default_factory=list)


def is_tnef(content_type: str, filename: str) -> bool:
    return content_type in TNEF_TYPES or filename.lower() == "winmail.dat"


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return decode_bytes(value.rstrip(b"\x00"), "utf-8")
    return str(value or "").rstrip("\x00")


def unpack_tnef(data: bytes) -> UnpackedTnef | None:
    """The files and body inside a TNEF blob, or None when it is not readable TNEF."""
    from tnefparse import TNEF  # imported lazily: only Outlook mail needs it

    try:
        tnef = TNEF(data)
        files = [(_text(a.long_filename()) or _text(getattr(a, "name", "")), bytes(a.data or b"")) for a in tnef.attachments]
        return UnpackedTnef(text=_text(getattr(tnef, "body", "")), html=_text(getattr(tnef, "htmlbody", "")), files=files)
    except Exception:  # tnefparse raises ValueError, struct.error, IndexError... on damaged blobs
        return None
