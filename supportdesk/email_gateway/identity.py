"""Our identifiers in mail: Message-IDs we generate and signed per-ticket reply tokens.

A reply token proves a reply belongs to a ticket without trusting the subject or From header:
it is an HMAC over the ticket id, so a sender cannot forge one for another ticket (BAD-INPUTS 11).
"""

from __future__ import annotations

import hmac
import re
import secrets
from hashlib import sha256

from django.conf import settings

TOKEN_LENGTH = 16  # hex characters of the HMAC kept in the token: 64 bits, enough against guessing per ticket
_TOKEN = re.compile(r"sd-(\d{1,19})-([0-9a-f]{16})", re.IGNORECASE)


def mail_domain() -> str:
    """The domain of Message-IDs we generate; mail whose Message-ID ends in it is ours."""
    return settings.SUPPORTDESK_MAIL_DOMAIN.lower()


def normalize_message_id(value: str) -> str:
    """'<Abc@Example.COM>' -> 'Abc@example.com': strip brackets and space, lower-case the domain part only."""
    value = value.strip().strip("<>").strip()
    if "@" in value:
        local, _, domain = value.rpartition("@")
        return f"{local}@{domain.lower()}"[:998]
    return value[:998]


def new_message_id(kind: str = "article") -> str:
    """A fresh, unguessable Message-ID at our domain (normalised form, without brackets)."""
    return f"{kind}.{secrets.token_hex(12)}@{mail_domain()}"


def is_own_message_id(message_id: str) -> bool:
    return normalize_message_id(message_id).lower().endswith("@" + mail_domain())


def _signature(ticket_id: int) -> str:
    key = (settings.SECRET_KEY + ":reply-token").encode()
    return hmac.new(key, str(ticket_id).encode(), sha256).hexdigest()[:TOKEN_LENGTH]


def reply_token(ticket_id: int) -> str:
    """'sd-42-<hmac>': put in the reply address (plus-addressing) and in our Message-IDs."""
    return f"sd-{ticket_id}-{_signature(ticket_id)}"


def find_reply_token(*texts: str) -> int | None:
    """The ticket id of the first valid token in the given header values, or None. Forged or
    mistyped tokens are ignored, never trusted."""
    for text in texts:
        for match in _TOKEN.finditer(text or ""):
            ticket_id = int(match.group(1))
            if hmac.compare_digest(match.group(2).lower(), _signature(ticket_id)):
                return ticket_id
    return None
