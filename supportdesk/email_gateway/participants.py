"""Who takes part in a ticket's mail thread, and so may thread a reply into it.

A participant is the ticket's customer, an address recorded as a TicketParticipant (Cc recipients,
an agent who forwarded the mail), or an agent of the ticket's group. Being a participant only lets a
mail join the thread as an external (customer-side) message; it never grants access in the UI and
never makes a mail an agent reply (BAD-INPUTS 10, 11).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from supportdesk.accounts.models import GroupMembership
from supportdesk.email_gateway.identity import find_reply_token, mail_domain
from supportdesk.email_gateway.models import Mailbox, ParticipantRole, TicketParticipant
from supportdesk.tickets.models import Ticket

# Bound the fan-out of one mail with 50k Cc recipients (BAD-INPUTS 21).
MAX_PARTICIPANTS_PER_MAIL = 50


def is_participant(ticket: Ticket, address: str) -> bool:
    """Whether mail from `address` may join this ticket's thread."""
    address = (address or "").strip().lower()
    if not address:
        return False
    if ticket.customer.email.lower() == address:
        return True
    if TicketParticipant.objects.filter(ticket=ticket, address=address).exists():
        return True
    return GroupMembership.objects.filter(group_id=ticket.group_id, user__email=address, user__is_active=True).exists()


def own_addresses() -> set[str]:
    """Addresses that are ours (mailboxes and the Message-ID domain); never added as participants."""
    return {a.lower() for a in Mailbox.objects.values_list("email_address", flat=True)}


def add_participants(ticket: Ticket, addresses: Iterable[str], *, role: str = ParticipantRole.CC) -> list[str]:
    """Record new participants of a ticket (at most MAX_PARTICIPANTS_PER_MAIL); return those added.

    Skips the customer, our own addresses and addresses already recorded. Does nothing when the
    setting SUPPORTDESK_MAIL_CC_PARTICIPANTS is off and the role is Cc.
    """
    if role == ParticipantRole.CC and not settings.SUPPORTDESK_MAIL_CC_PARTICIPANTS:
        return []
    addresses = list(addresses)
    if not addresses:
        return []  # most mail has no Cc: skip the mailbox query
    ours = own_addresses()
    skip = {ticket.customer.email.lower()} | ours
    wanted: list[str] = []
    for address in addresses:
        address = address.strip().lower()
        if not address or "@" not in address or address in skip or address in wanted:
            continue
        local, _at, domain = address.partition("@")
        if domain == mail_domain() or f"{local.split('+')[0]}@{domain}" in ours or find_reply_token(address) is not None:
            continue
        wanted.append(address[:254])
        if len(wanted) >= MAX_PARTICIPANTS_PER_MAIL:
            break
    if not wanted:
        return []
    existing = set(TicketParticipant.objects.filter(ticket=ticket, address__in=wanted).values_list("address", flat=True))
    new = [a for a in wanted if a not in existing]
    TicketParticipant.objects.bulk_create([TicketParticipant(ticket=ticket, address=a, role=role) for a in new], ignore_conflicts=True)
    return new
