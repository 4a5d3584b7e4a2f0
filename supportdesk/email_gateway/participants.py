"""Who takes part in a ticket's mail thread, and so may thread a reply into it.

A participant is the ticket's customer, an address recorded as a TicketParticipant (Cc recipients,
an agent who forwarded the mail), or an agent of the ticket's group. Being a participant only lets a
mail join the thread as an external (customer-side) message; it never grants access in the UI and
never makes a mail an agent reply (BAD-INPUTS 10, 11). Intake (intake_batch) checks these rules
against data it reads ahead for a whole batch; the rules themselves live here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from supportdesk.email_gateway.identity import find_reply_token, mail_domain
from supportdesk.email_gateway.models import Mailbox, ParticipantRole

# Bound the fan-out of one mail with 50k Cc recipients (BAD-INPUTS 21).
MAX_PARTICIPANTS_PER_MAIL = 50


def own_addresses() -> set[str]:
    """Addresses that are ours (mailboxes); never added as participants."""
    return {a.lower() for a in Mailbox.objects.values_list("email_address", flat=True)}


def new_participants(addresses: Iterable[str], *, customer_email: str, ours: set[str], role: str = ParticipantRole.CC) -> list[str]:
    """Which of a mail's addresses become participants: not the customer, not our own addresses or
    Message-ID domain, not a reply address carrying a token; at most MAX_PARTICIPANTS_PER_MAIL.
    Nothing for Cc when the setting SUPPORTDESK_MAIL_CC_PARTICIPANTS is off."""
    if role == ParticipantRole.CC and not settings.SUPPORTDESK_MAIL_CC_PARTICIPANTS:
        return []
    skip = {customer_email.lower()} | ours
    wanted: list[str] = []
    for address in addresses:
        address = address.strip().lower()[:254]
        if not address or "@" not in address or address in skip or address in wanted:
            continue
        local, _at, domain = address.partition("@")
        if domain == mail_domain() or f"{local.split('+')[0]}@{domain}" in ours or find_reply_token(address) is not None:
            continue
        wanted.append(address)
        if len(wanted) >= MAX_PARTICIPANTS_PER_MAIL:
            break
    return wanted
