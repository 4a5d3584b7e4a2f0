"""Turning a parsed mail into the ticket side's incoming message (tickets.actions.channel_intake).

Mail is always an external message: whoever the From address belongs to (a customer, a Cc
participant, even an agent), the article is written with the customer sender type, so a forged
agent From can never produce an agent reply that goes out to the customer (BAD-INPUTS 11).
Reply-To gives no privilege: identity is the From address only (BAD-INPUTS 12).
"""

from __future__ import annotations

import re
from email.utils import parseaddr

from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.email_gateway.parsing import Address, ParsedMail
from supportdesk.tickets.actions.articles import MAX_ADDRESS_FIELD
from supportdesk.tickets.actions.channel_intake import IncomingFile, IncomingMessage
from supportdesk.tickets.choices import Channel

# "---------- Forwarded message ---------" (Gmail), "-------- Weitergeleitete Nachricht --------"
# (Thunderbird de), "-----Original Message-----" (Outlook) and their kin.
FORWARD_MARKER = re.compile(
    r"^\s*-{2,}\s*(?:forwarded message|weitergeleitete nachricht|original message|urspr\u00fcngliche nachricht)\s*-*\s*$",
    re.IGNORECASE | re.MULTILINE,
)
FORWARD_FROM = re.compile(r"^\s*\*?(?:from|von)\s*:\*?\s*(.+)$", re.IGNORECASE | re.MULTILINE)
# The forwarded header block is short; do not scan a whole novel for a From: line.
FORWARD_SCAN_CHARS = 2_000


def address_list(addresses: list[Address]) -> str:
    """'Name <a@b>, c@d' for an article's To/Cc, on one line and bounded."""
    parts = []
    for address in addresses:
        name = " ".join(address.name.replace('"', "").split())
        parts.append(f'"{name}" <{address.email}>' if name else address.email)
    return ", ".join(parts).replace("\r", " ").replace("\n", " ")[:MAX_ADDRESS_FIELD]


def forwarded_sender(parsed: ParsedMail) -> Address | None:
    """The original sender of a mail forwarded into the mailbox, from the forward's header block."""
    marker = FORWARD_MARKER.search(parsed.text or "")
    if marker is None:
        return None
    block = parsed.text[marker.end() : marker.end() + FORWARD_SCAN_CHARS]
    line = FORWARD_FROM.search(block)
    if line is None:
        return None
    name, email = parseaddr(line.group(1).replace("[mailto:", "<").replace("]", ">"))
    email = email.strip().lower()
    if "@" not in email or email == parsed.from_address.email:
        return None
    return Address(name=" ".join(name.split())[:200], email=email[:254])


def incoming_files(parsed: ParsedMail) -> list[IncomingFile]:
    """Every attachment of the mail; inline images keep their Content-ID for cid: references."""
    return [IncomingFile(part.filename, part.content_type, part.data, part.content_id[:255]) for part in parsed.attachments]


def mail_body(parsed: ParsedMail) -> str:
    text = parsed.text or ""
    if not text.strip() and not parsed.html.strip():
        return _("(This mail has no text.)")
    return text


def incoming_message(parsed: ParsedMail, author: User) -> IncomingMessage:
    """The article-to-be of a mail: always external (customer side), whoever `author` is."""
    return IncomingMessage(
        author=author,
        body_text=mail_body(parsed),
        body_html=parsed.html,
        channel=Channel.EMAIL,
        from_address=author.email,
        to_addresses=address_list(parsed.to),
        cc_addresses=address_list(parsed.cc),
        subject=" ".join(parsed.subject.split())[:250],  # empty: the article shows the ticket's subject
        files=incoming_files(parsed),
    )
