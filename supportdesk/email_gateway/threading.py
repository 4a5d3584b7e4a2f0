"""Which ticket an inbound mail belongs to.

Order (issue 3): a signed reply token we put in our reply addresses and Message-IDs; then
In-Reply-To/References against the Message-IDs of every stored inbound and outbound mail; then the
ticket number in the subject. The caller decides whether the sender may join the thread (see
participants.is_participant): a match is only a candidate, never a permission.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

from supportdesk.email_gateway.identity import find_reply_token
from supportdesk.email_gateway.models import ArticleEmail
from supportdesk.email_gateway.parsing import ParsedMail
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Ticket

# A chain of merges longer than this is a data error; stop rather than loop.
MAX_MERGE_HOPS = 20
# Headers (lower-cased) besides To/Cc that may carry our plus-addressed reply address.
TOKEN_HEADERS = ("delivered-to", "x-original-to", "envelope-to")


@dataclass(frozen=True)
class ThreadMatch:
    """A candidate ticket for a mail and how it was found ("token", "headers" or "subject")."""

    ticket: Ticket
    method: str


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


def _by_token(parsed: ParsedMail, headers: dict[str, str]) -> Ticket | None:
    texts = [a.email for a in (*parsed.to, *parsed.cc)]
    texts += [headers.get(name, "") for name in TOKEN_HEADERS]
    texts += [*parsed.in_reply_to, *parsed.references]
    ticket_id = find_reply_token(*texts)
    if ticket_id is None:
        return None
    return Ticket.objects.select_related("customer").filter(pk=ticket_id).first()


def _by_headers(parsed: ParsedMail) -> Ticket | None:
    # The direct parent first, then the references from the newest to the oldest.
    ids = [*parsed.in_reply_to, *reversed(parsed.references)]
    ids = [i for i in dict.fromkeys(ids) if i and i != parsed.message_id][:100]
    if not ids:
        return None
    rows = ArticleEmail.objects.filter(message_id__in=ids).order_by("article_id").values_list("message_id", "article__ticket_id")
    found: dict[str, int] = {}
    for message_id, ticket_id in rows:
        found.setdefault(message_id, ticket_id)
    for message_id in ids:
        if message_id in found:
            return Ticket.objects.select_related("customer").filter(pk=found[message_id]).first()
    return None


def _by_subject(parsed: ParsedMail) -> Ticket | None:
    numbers = subject_numbers(parsed.subject)
    if not numbers:
        return None
    return Ticket.objects.select_related("customer").filter(number=numbers[0]).first()


def find_thread(parsed: ParsedMail, headers: dict[str, str]) -> ThreadMatch | None:
    """The ticket this mail replies to, by the first method that finds one; merged tickets resolve
    to their survivor. `headers` are the rule headers with our control headers already stripped."""
    ticket = _by_token(parsed, headers)
    method = "token"
    if ticket is None:
        ticket, method = _by_headers(parsed), "headers"
    if ticket is None:
        ticket, method = _by_subject(parsed), "subject"
    return ThreadMatch(ticket=survivor(ticket), method=method) if ticket is not None else None
