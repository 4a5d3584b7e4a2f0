"""Which ticket an inbound mail belongs to.

Order (issue 3): a signed reply token we put in our reply addresses and Message-IDs; then
In-Reply-To/References against the Message-IDs of every stored inbound and outbound mail; then the
ticket number in the subject (intake_batch applies the order, with data read ahead for a batch). The
caller decides whether the sender may join the thread (see participants): a match is only a
candidate, never a permission.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings

from supportdesk.email_gateway.identity import find_reply_token
from supportdesk.email_gateway.parsing import ParsedMail
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Ticket

# A chain of merges longer than this is a data error; stop rather than loop.
MAX_MERGE_HOPS = 20
# Bound the ids one mail may make us look up (References can be long).
MAX_THREAD_IDS = 100
# Headers (lower-cased) besides To/Cc that may carry our plus-addressed reply address.
TOKEN_HEADERS = ("delivered-to", "x-original-to", "envelope-to")


@lru_cache(maxsize=8)
def _subject_pattern(prefix: str) -> re.Pattern[str]:
    # "[Ticket#10042]" always; "#10042" (the configured prefix) as a whole word.
    alternatives = [r"\[ticket#\s*(\d{1,18})\]"]
    if prefix:
        alternatives.append(r"(?<![\w#])" + re.escape(prefix.lower()) + r"(\d{1,18})\b")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def subject_numbers(subject: str) -> list[int]:
    """Ticket numbers mentioned in a subject, in order of appearance (at most 5)."""
    numbers: list[int] = []
    for match in _subject_pattern(settings.SUPPORTDESK_TICKET_NUMBER_PREFIX).finditer(subject or ""):
        value = next(group for group in match.groups() if group)
        numbers.append(int(value))
        if len(numbers) >= 5:
            break
    return numbers


def survivor(ticket: Ticket) -> Ticket:
    """The ticket a merged ticket now lives in (following merge chains); the ticket itself otherwise."""
    hops = 0
    while ticket.state == State.MERGED and ticket.merged_into_id is not None and hops < MAX_MERGE_HOPS:
        following = Ticket.objects.select_related("customer").filter(pk=ticket.merged_into_id).first()
        if following is None:
            break
        ticket = following
        hops += 1
    return ticket


def token_ticket(parsed: ParsedMail, headers: dict[str, str]) -> int | None:
    """The ticket id of a valid reply token in the recipients, delivery headers or referenced ids.
    `headers` are the rule headers, with our control headers already stripped."""
    texts = [a.email for a in (*parsed.to, *parsed.cc)]
    texts += [headers.get(name, "") for name in TOKEN_HEADERS]
    texts += [*parsed.in_reply_to, *parsed.references]
    return find_reply_token(*texts)


def thread_ids(parsed: ParsedMail) -> list[str]:
    """Message-IDs to look up: the direct parent first, then the references from the newest to the oldest."""
    ids = [*parsed.in_reply_to, *reversed(parsed.references)]
    return [i for i in dict.fromkeys(ids) if i and i != parsed.message_id][:MAX_THREAD_IDS]
