"""Moving the demo's history from "the last few seconds" to "the past weeks".

While the loader runs, it drops an anchor (real time now -> invented time) just before each
action. Afterwards every stored timestamp is mapped through the latest anchor at or before it:
invented time of that anchor plus the few milliseconds the action took. Because the mapping goes
by the moment a row was written, not by the ticket it belongs to now, articles moved by a merge
keep the time they were written, and the order of events within each step never changes.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import datetime, timedelta

from django.utils import timezone

from supportdesk.tickets.models import Article, Ticket, TicketEvent, TicketLink

TICKET_TIME_FIELDS = (
    "created_at",
    "updated_at",
    "first_response_at",
    "last_customer_message_at",
    "last_agent_message_at",
    "solved_at",
    "closed_at",
)
# Gaps between two steps of one conversation: minutes to two days, mostly within office hours' reach.
GAP_MINUTES = (7, 25, 45, 90, 180, 240, 600, 1080, 1500, 2880)
LATEST = timedelta(minutes=1)


class Timeline:
    """Anchors in real time order, and each ticket's invented "current time"."""

    def __init__(self) -> None:
        self.reals: list[datetime] = []
        self.fakes: list[datetime] = []
        self.cursor: dict[int, datetime] = {}
        self.limit: datetime | None = None

    def _anchor(self, fake: datetime) -> None:
        self.reals.append(timezone.now())
        self.fakes.append(fake)

    def start(self, base: datetime, *, limit: datetime) -> None:
        """Anchor a ticket about to be created at invented time `base`; call before create_ticket."""
        self.limit = limit - LATEST
        self._anchor(min(base, self.limit))

    def started(self, ticket: Ticket) -> None:
        """Remember where the ticket just created by the last `start` is in invented time."""
        self.cursor[ticket.pk] = self.fakes[-1]

    def step(self, rng: random.Random, *tickets: Ticket) -> datetime:
        """Anchor the next action on these tickets a realistic gap after their latest step."""
        assert self.limit is not None, "start() first"
        latest = max(self.cursor[ticket.pk] for ticket in tickets)
        fake = latest + timedelta(minutes=rng.choice(GAP_MINUTES), seconds=rng.randint(0, 59))
        fake = max(latest + timedelta(seconds=1), min(fake, self.limit))
        for ticket in tickets:
            self.cursor[ticket.pk] = fake
        self._anchor(fake)
        return fake

    def map(self, real: datetime | None) -> datetime | None:
        """The invented time of a real timestamp written during the load; None stays None."""
        if real is None:
            return None
        position = bisect_right(self.reals, real) - 1
        if position < 0:  # written before the first anchor (cannot happen in a load); keep it
            return real
        return self.fakes[position] + (real - self.reals[position])


def spread_timestamps(timeline: Timeline, *, ticket_ids: list[int]) -> None:
    """Rewrite the timestamps of the demo's tickets, articles, events and links (one bulk update each)."""
    tickets = list(Ticket.objects.filter(pk__in=ticket_ids).only("id", *TICKET_TIME_FIELDS))
    for ticket in tickets:
        for name in TICKET_TIME_FIELDS:
            setattr(ticket, name, timeline.map(getattr(ticket, name)))
    Ticket.objects.bulk_update(tickets, list(TICKET_TIME_FIELDS), batch_size=500)
    articles = list(Article.objects.filter(ticket_id__in=ticket_ids).only("id", "created_at"))
    for article in articles:
        article.created_at = timeline.map(article.created_at)  # type: ignore[assignment]
    Article.objects.bulk_update(articles, ["created_at"], batch_size=500)
    events = list(TicketEvent.objects.filter(ticket_id__in=ticket_ids).only("id", "created_at"))
    for event in events:
        event.created_at = timeline.map(event.created_at)  # type: ignore[assignment]
    TicketEvent.objects.bulk_update(events, ["created_at"], batch_size=500)
    links = list(TicketLink.objects.filter(source_id__in=ticket_ids).only("id", "created_at"))
    for link in links:
        link.created_at = timeline.map(link.created_at)  # type: ignore[assignment]
    TicketLink.objects.bulk_update(links, ["created_at"])
