"""Reads of the ticket domain: filtered lists for inbox and API, inbox views and counts, the timeline.

Every list starts from access.visible_tickets, so nothing here can widen what a user sees.
Filter and sort names are an allowlist: anything else is refused with a field error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.core.pagination import Page, paginate
from supportdesk.tickets.access import visible_tickets
from supportdesk.tickets.choices import OPEN_STATES, Priority, State
from supportdesk.tickets.models import Article, Attachment, Tag, Ticket, TicketEvent

SORTS: dict[str, list[str]] = {
    "-updated_at": ["-updated_at", "-id"],
    "updated_at": ["updated_at", "id"],
    "-created_at": ["-created_at", "-id"],
    "created_at": ["created_at", "id"],
    "-number": ["-number"],
    "number": ["number"],
    # Soonest SLA due first, tickets without a running target after them (see sla_due_page).
    "sla_due_at": ["sla_due_at", "id"],
}
MAX_LIST_VALUES = 50
# SLA filters: an overdue running target, a predicted miss (sla.risk), due within the next business hour.
SLA_FILTERS = ("breached", "at_risk", "due_soon")
SLA_DUE_SOON = timedelta(hours=1)
# Filters on the local AI's insight (ai.TicketInsight, agent-side information like notes): the
# sentiment bands and the urgency that counts as high. Customers cannot use them.
SENTIMENT_FILTERS = ("negative", "neutral", "positive")
SENTIMENT_NEGATIVE_BELOW = -0.25
SENTIMENT_POSITIVE_ABOVE = 0.25
URGENCY_FILTERS = ("high",)
URGENCY_HIGH_FROM = 0.5


@dataclass
class TicketFilters:
    """Validated filters shared by the inbox, saved views and the API ticket list."""

    state: list[str] = field(default_factory=list)
    priority: list[str] = field(default_factory=list)
    group: list[int] = field(default_factory=list)
    owner: str = ""  # "", "me", "none" or a user id
    tag: str = ""
    customer: int | None = None
    organization: int | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    sla: str = ""  # one of SLA_FILTERS
    language: list[str] = field(default_factory=list)  # the ticket's language codes
    sentiment: str = ""  # one of SENTIMENT_FILTERS (staff only)
    urgency: str = ""  # one of URGENCY_FILTERS (staff only)
    sort: str = "-updated_at"

    FIELDS = (
        "state",
        "priority",
        "group",
        "owner",
        "tag",
        "customer",
        "organization",
        "created_after",
        "created_before",
        "updated_after",
        "updated_before",
        "sla",
        "language",
        "sentiment",
        "urgency",
        "sort",
    )

    @classmethod
    def parse(cls, params: Mapping[str, Any], *, strict: bool = True) -> TicketFilters:
        """Parse query parameters or saved-view JSON; list values may be repeated or comma-separated."""
        errors: dict[str, str] = {}
        result = cls()

        def values(name: str) -> list[str]:
            raw = params.getlist(name) if hasattr(params, "getlist") else params.get(name, [])
            raw = raw if isinstance(raw, list) else [raw]
            items = [str(v).strip() for item in raw for v in str(item).split(",") if str(v).strip()]
            if len(items) > MAX_LIST_VALUES:
                errors[name] = gettext("Too many values.")
            return items[:MAX_LIST_VALUES]

        def single(name: str) -> str:
            items = values(name)
            return items[0] if items else ""

        result.state = values("state")
        if bad := [s for s in result.state if s not in State.values and s != "open_states"]:
            errors["state"] = gettext("Unknown state: %(state)s") % {"state": bad[0][:40]}
        result.priority = values("priority")
        if any(p not in Priority.values for p in result.priority):
            errors["priority"] = gettext("Unknown priority.")
        try:
            result.group = [int(g) for g in values("group")]
        except ValueError:
            errors["group"] = gettext("Group ids are numbers.")
        owner = single("owner")
        if owner and owner not in ("me", "none") and not owner.isdigit():
            errors["owner"] = gettext("Use me, none or a user id.")
        result.owner = owner
        result.tag = single("tag")[:64].lower()
        for name in ("customer", "organization"):
            value = single(name)
            if value:
                if value.isdigit():
                    setattr(result, name, int(value))
                else:
                    errors[name] = gettext("Must be an id.")
        for name in ("created_after", "created_before", "updated_after", "updated_before"):
            value = single(name)
            if value:
                parsed = _parse_when(value, end_of_day=name.endswith("before"))
                if parsed is None:
                    errors[name] = gettext("Use a date (YYYY-MM-DD) or ISO 8601 time.")
                setattr(result, name, parsed)
        result.sla = single("sla")
        if result.sla and result.sla not in SLA_FILTERS:
            errors["sla"] = gettext("Use breached, at_risk or due_soon.")
            result.sla = ""
        result.language = [code.lower() for code in values("language")]
        if any(len(code) > 8 or not code.replace("-", "").isalpha() for code in result.language):
            errors["language"] = gettext("Use language codes such as en or de.")
            result.language = []
        result.sentiment = single("sentiment")
        if result.sentiment and result.sentiment not in SENTIMENT_FILTERS:
            errors["sentiment"] = gettext("Use negative, neutral or positive.")
            result.sentiment = ""
        result.urgency = single("urgency")
        if result.urgency and result.urgency not in URGENCY_FILTERS:
            errors["urgency"] = gettext("Use high.")
            result.urgency = ""
        sort = single("sort") or "-updated_at"
        if sort not in SORTS:
            errors["sort"] = gettext("Unknown sort.")
        result.sort = sort
        if strict:
            unknown = [k for k in params if k not in cls.FIELDS and k not in ("cursor", "limit", "view", "q", "page")]
            for key in unknown:
                errors[str(key)[:40]] = gettext("Unknown filter.")
        if errors:
            raise ValidationFailed(gettext("Invalid filters."), field_errors=errors)
        return result

    def to_params(self) -> dict[str, Any]:
        """A JSON-safe dict that parse() reads back (used for saved views and links)."""
        out: dict[str, Any] = {}
        for name in self.FIELDS:
            value = getattr(self, name)
            if value in (None, "", []) or (name == "sort" and value == "-updated_at"):
                continue
            out[name] = value.isoformat() if isinstance(value, datetime) else value
        return out

    def apply(self, qs: QuerySet[Ticket], user: User) -> QuerySet[Ticket]:
        if self.state:
            states = set(self.state)
            if "open_states" in states:
                states = (states - {"open_states"}) | set(OPEN_STATES)
            qs = qs.filter(state__in=states)
        if self.priority:
            qs = qs.filter(priority__in=self.priority)
        if self.group:
            qs = qs.filter(group_id__in=self.group)
        if self.owner == "me":
            qs = qs.filter(owner=user)
        elif self.owner == "none":
            qs = qs.filter(owner__isnull=True)
        elif self.owner:
            qs = qs.filter(owner_id=int(self.owner))
        if self.tag:
            tag_id = Tag.objects.filter(name=self.tag).values_list("id", flat=True).first()
            qs = qs.filter(tickettag__tag_id=tag_id) if tag_id else qs.none()
        if self.customer:
            qs = qs.filter(customer_id=self.customer)
        if self.organization:
            qs = qs.filter(organization_id=self.organization)
        for name, lookup in (
            ("created_after", "created_at__gte"),
            ("created_before", "created_at__lte"),
            ("updated_after", "updated_at__gte"),
            ("updated_before", "updated_at__lte"),
        ):
            if getattr(self, name):
                qs = qs.filter(**{lookup: getattr(self, name)})
        if self.sla:
            qs = qs.filter(sla_condition(self.sla, timezone.now()))
        if self.language:
            qs = qs.filter(language__in=self.language)
        if self.sentiment or self.urgency:
            if not user.is_helpdesk_staff:
                raise ValidationFailed(gettext("Invalid filters."), field_errors={"sentiment": gettext("Unknown filter.")})
            qs = qs.filter(insight_condition(self.sentiment, self.urgency))
        return qs


def insight_condition(sentiment: str, urgency: str) -> Q:
    """The AI filters as a condition on the ticket's insight row (untriaged tickets never match)."""
    condition = Q()
    if sentiment == "negative":
        condition &= Q(insight__sentiment__lt=SENTIMENT_NEGATIVE_BELOW)
    elif sentiment == "positive":
        condition &= Q(insight__sentiment__gt=SENTIMENT_POSITIVE_ABOVE)
    elif sentiment == "neutral":
        condition &= Q(insight__sentiment__gte=SENTIMENT_NEGATIVE_BELOW, insight__sentiment__lte=SENTIMENT_POSITIVE_ABOVE)
    if urgency == "high":
        condition &= Q(insight__urgency__gte=URGENCY_HIGH_FROM)
    return condition


def sla_condition(name: str, now: datetime) -> Q:
    """The SLA filter as a condition on the ticket's indexed due column (sla_due_at, partial index).

    breached: a running target is past its due time; at_risk: predicted to miss a target not yet
    due (a flag the risk sweep keeps; requiring a due time hides flags left on solved or paused
    tickets); due_soon: due within one business hour of the ticket's policy calendar, one range
    per policy (policies are few).
    """
    if name == "breached":
        return Q(sla_due_at__lte=now)
    if name == "at_risk":
        return Q(sla_due_at__gt=now, sla_at_risk=True)
    from supportdesk.sla.business_time import NoBusinessTime, OutsideCalendarRange, add_business_time
    from supportdesk.sla.display import policy_specs
    from supportdesk.sla.models import SlaPolicy

    condition = Q(pk__in=[])
    for policy_id, spec in policy_specs(SlaPolicy.objects.values_list("pk", flat=True), now).items():
        try:
            until = add_business_time(now, SLA_DUE_SOON, spec)
        except (NoBusinessTime, OutsideCalendarRange):
            until = now + SLA_DUE_SOON
        condition |= Q(sla_policy_id=policy_id, sla_due_at__gt=now, sla_due_at__lte=until)
    return condition


def _parse_when(value: str, *, end_of_day: bool) -> datetime | None:
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            return None
        parsed = datetime.combine(day, datetime.max.time() if end_of_day else datetime.min.time())
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_current_timezone())
    return parsed


@dataclass(frozen=True)
class InboxView:
    """A built-in inbox view: a name and the filters it adds to visible tickets."""

    slug: str
    label: StrOrPromise

    def queryset(self, user: User, *, base: QuerySet[Ticket] | None = None) -> QuerySet[Ticket]:
        """The view's tickets; pass `base` (visible_tickets(user)) to reuse it across several views."""
        base = visible_tickets(user) if base is None else base
        if not user.is_helpdesk_staff:
            return base.filter(customer=user)
        open_q = Q(state__in=OPEN_STATES)
        if self.slug == "mine":
            return base.filter(open_q, owner=user)
        if self.slug == "unassigned":
            return base.filter(open_q, owner__isnull=True)
        if self.slug == "open":
            return base.filter(open_q)
        if self.slug == "reminders":
            return base.filter(state=State.PENDING_REMINDER, pending_until__lte=timezone.now())
        return base  # "recent": everything visible, newest change first


INBOX_VIEWS = [
    InboxView("mine", _("My open tickets")),
    InboxView("unassigned", _("Unassigned")),
    InboxView("open", _("All open")),
    InboxView("reminders", _("Reminders due")),
    InboxView("recent", _("Recently updated")),
]
INBOX_VIEWS_BY_SLUG = {view.slug: view for view in INBOX_VIEWS}


def inbox_view(slug: str) -> InboxView:
    view = INBOX_VIEWS_BY_SLUG.get(slug)
    if view is None:
        raise ValidationFailed(gettext("Unknown view."), field_errors={"view": gettext("Unknown view.")})
    return view


# Counting stops here: an exact COUNT(*) over an agent's 400,000 visible tickets costs 100-300 ms
# per view on PostgreSQL, while counting at most this many rows is a short index or table walk.
VIEW_COUNT_CAP = 1000


@dataclass(frozen=True)
class ViewCount:
    """A view's ticket count: exact below VIEW_COUNT_CAP, else only "at least the cap"."""

    value: int

    @property
    def capped(self) -> bool:
        return self.value >= VIEW_COUNT_CAP

    @property
    def label(self) -> str:
        """What the sidebar shows: '42', or '999+' once the cap is reached."""
        if self.capped:
            return gettext("%(count)d+") % {"count": VIEW_COUNT_CAP - 1}
        return str(self.value)

    @property
    def title(self) -> str:
        """A tooltip for a capped count, which says what the '+' means."""
        return gettext("More than %(count)d tickets") % {"count": VIEW_COUNT_CAP - 1} if self.capped else ""

    def __str__(self) -> str:
        return self.label


def view_counts(user: User) -> dict[str, ViewCount]:
    """Ticket count per built-in view ('recent' is not counted: it is everything).

    Each count is `SELECT count(*) FROM (... LIMIT cap)`, so its cost is bounded by the cap and not
    by the size of the agent's groups. The ordering is dropped first: with it, the LIMIT subquery
    would sort every matching row before counting the first cap of them. The visibility condition
    is built once for all views.
    """
    base = visible_tickets(user)
    counts = {}
    for view in INBOX_VIEWS:
        if view.slug != "recent":
            counts[view.slug] = ViewCount(view.queryset(user, base=base).order_by()[:VIEW_COUNT_CAP].count())
    return counts


def with_list_relations(qs: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """Everything a ticket list row shows, in a fixed number of queries whatever the page size."""
    return qs.select_related("group", "owner", "customer", "organization").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.only("id", "name"))
    )


def ticket_list_page(qs: QuerySet[Ticket], *, order: list[str], cursor: str | None, limit: int) -> Page[Ticket]:
    """One cursor page of `qs` (already scoped by visible_tickets) with its list relations loaded.

    Two steps, because one query with the relations joined lets SQLite's planner start from the
    users table and sort every visible ticket (1.1 s at 100,000 tickets): first the page's ids from
    the ticket table alone, in keyset order, which walks the matching (updated_at, id) index and
    stops after limit + 1 rows; then the rows and relations of those ids only, put back in order.
    The ids came from the scoped queryset, so loading them by primary key widens nothing.
    """
    keys = {name.lstrip("-") for name in order} | {"id"}
    if order == SORTS["sla_due_at"]:
        ids_page = sla_due_page(qs.only(*keys, "updated_at"), cursor=cursor, limit=limit)
    else:
        ids_page = paginate(qs.only(*keys), order=order, cursor=cursor, limit=limit)
    ids = [ticket.pk for ticket in ids_page.items]
    rows = with_list_relations(Ticket.objects.filter(pk__in=ids)).in_bulk(ids) if ids else {}
    return Page(items=[rows[pk] for pk in ids if pk in rows], next_cursor=ids_page.next_cursor)


# The cursor of the second part of the SLA sort (tickets without a due time) starts with this;
# the first part's cursors are paginate's base64, which never contains a dot.
_NO_DUE_CURSOR = "n."
_NO_DUE_ORDER = ["-updated_at", "-id"]


def sla_due_page(qs: QuerySet[Ticket], *, cursor: str | None, limit: int) -> Page[Ticket]:
    """A keyset page in SLA order: due tickets soonest first, then those without a due time.

    Keyset pagination cannot step over NULLs, so the order is two keyset walks: (sla_due_at, id)
    over the partial index of due tickets, then the rest by last update. A page that ends the
    first walk is filled from the second; the cursor says which walk it continues.
    """
    due, rest = qs.filter(sla_due_at__isnull=False), qs.filter(sla_due_at__isnull=True)
    if cursor is not None and cursor.startswith(_NO_DUE_CURSOR):
        page = paginate(rest, order=_NO_DUE_ORDER, cursor=cursor[len(_NO_DUE_CURSOR) :] or None, limit=limit)
        return Page(items=page.items, next_cursor=_NO_DUE_CURSOR + page.next_cursor if page.next_cursor else None)
    first = paginate(due, order=SORTS["sla_due_at"], cursor=cursor, limit=limit)
    if first.next_cursor is not None:
        return first
    room = limit - len(first.items)
    if room <= 0:
        return Page(items=first.items, next_cursor=_NO_DUE_CURSOR if rest.exists() else None)
    second = paginate(rest, order=_NO_DUE_ORDER, cursor=None, limit=room)
    next_cursor = _NO_DUE_CURSOR + second.next_cursor if second.next_cursor else None
    return Page(items=[*first.items, *second.items], next_cursor=next_cursor)


def ticket_articles(user: User, ticket: Ticket) -> QuerySet[Article]:
    """Articles the user may read: customers never see internal notes."""
    qs = (
        Article.objects.filter(ticket=ticket)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
    )
    if not _is_staff_for(user, ticket):
        qs = qs.filter(is_internal=False)
    return qs.order_by("created_at", "id")


def _is_staff_for(user: User, ticket: Ticket) -> bool:
    from supportdesk.tickets.access import staff_access_level

    return staff_access_level(user, ticket) is not None


def ticket_events(ticket: Ticket) -> QuerySet[TicketEvent]:
    return TicketEvent.objects.filter(ticket=ticket).select_related("actor").order_by("created_at", "id")


@dataclass(frozen=True)
class TimelineEntry:
    """An article or an event, in time order, for the ticket page."""

    when: datetime
    article: Article | None = None
    event: TicketEvent | None = None


def ticket_timeline(user: User, ticket: Ticket) -> list[TimelineEntry]:
    """Articles and events (except the 'article added' events, which the articles show) merged by time."""
    entries = [TimelineEntry(when=a.created_at, article=a) for a in ticket_articles(user, ticket)]
    if _is_staff_for(user, ticket):
        entries += [TimelineEntry(when=e.created_at, event=e) for e in ticket_events(ticket).exclude(kind="article_added")]
    entries.sort(key=lambda entry: (entry.when, 0 if entry.article else 1))
    return entries


# Entries (articles and events together) rendered per timeline page. Rendering is the ticket page's
# main cost (about 0.3 ms per entry), so a ticket with 200 articles shows only its latest entries.
TIMELINE_PAGE_SIZE = 40
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_ID = 2**63 - 1
_TIMELINE_CURSOR = re.compile(r"([0-9]{1,19})-([01])-([0-9]{1,19})")


@dataclass(frozen=True)
class TimelineCursor:
    """A position in the timeline's order (time, articles before events at the same time, id)."""

    when: datetime
    rank: int  # 0 article, 1 event
    pk: int

    def encode(self) -> str:
        delta = self.when - _EPOCH
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        return f"{micros}-{self.rank}-{self.pk}"

    @classmethod
    def decode(cls, raw: str) -> TimelineCursor:
        """Parse a cursor from a query parameter; anything malformed is a ValidationFailed."""
        match = _TIMELINE_CURSOR.fullmatch(raw)
        if match is None:
            raise ValidationFailed(gettext("Invalid cursor."), field_errors={"before": gettext("Invalid cursor.")})
        micros, rank, pk = (int(part) for part in match.groups())
        try:
            if pk > _MAX_ID:  # would overflow the database's 64-bit integer
                raise OverflowError(pk)
            when = _EPOCH + timedelta(microseconds=micros)
        except OverflowError as exc:
            raise ValidationFailed(gettext("Invalid cursor."), field_errors={"before": gettext("Invalid cursor.")}) from exc
        return cls(when=when, rank=rank, pk=pk)

    def articles_before(self) -> Q:
        """Articles that sort before this position."""
        same_time = Q(created_at=self.when, id__lt=self.pk) if self.rank == 0 else Q(created_at=self.when)
        return Q(created_at__lt=self.when) | same_time

    def events_before(self) -> Q:
        """Events that sort before this position (at the same time, events follow articles)."""
        if self.rank == 0:
            return Q(created_at__lt=self.when)
        return Q(created_at__lt=self.when) | Q(created_at=self.when, id__lt=self.pk)


@dataclass(frozen=True)
class TimelinePage:
    """The newest `limit` timeline entries before a position, oldest first, and how to get older ones."""

    entries: list[TimelineEntry]
    earlier_cursor: str | None  # pass back as `before` for the entries above these; None at the start
    earlier_count: int  # how many entries come before this page


def _sort_key(entry: TimelineEntry) -> tuple[datetime, int, int]:
    item = entry.article or entry.event
    return (entry.when, 0 if entry.article else 1, item.pk if item else 0)


def timeline_page(user: User, ticket: Ticket, *, before: str | None = None, limit: int | None = None) -> TimelinePage:
    """A keyset page of the ticket's timeline, newest entries last, as the ticket page shows it.

    The newest `limit` articles and the newest `limit` events before `before` are read (each
    through its (ticket, created_at, id) index), merged, and the newest `limit` of them kept, so
    the cost of a page does not depend on how long the conversation is. Customers get no events
    and no internal notes, exactly as in ticket_timeline.
    """
    limit = limit or TIMELINE_PAGE_SIZE
    cursor = TimelineCursor.decode(before) if before else None
    articles = ticket_articles(user, ticket)
    events = ticket_events(ticket).exclude(kind="article_added") if _is_staff_for(user, ticket) else TicketEvent.objects.none()
    if cursor is not None:
        articles, events = articles.filter(cursor.articles_before()), events.filter(cursor.events_before())
    newest = [TimelineEntry(when=a.created_at, article=a) for a in articles.order_by("-created_at", "-id")[: limit + 1]]
    newest += [TimelineEntry(when=e.created_at, event=e) for e in events.order_by("-created_at", "-id")[: limit + 1]]
    newest.sort(key=_sort_key, reverse=True)
    if len(newest) <= limit:
        return TimelinePage(entries=newest[::-1], earlier_cursor=None, earlier_count=0)
    shown = newest[:limit][::-1]
    when, rank, pk = _sort_key(shown[0])
    oldest = TimelineCursor(when=when, rank=rank, pk=pk)
    earlier = articles.filter(oldest.articles_before()).count() + events.filter(oldest.events_before()).count()
    return TimelinePage(entries=shown, earlier_cursor=oldest.encode(), earlier_count=earlier)


def ticket_time_spent(user: User, ticket: Ticket) -> int:
    """Minutes spent over the articles the user may read (the sidebar total, whatever page is shown)."""
    return ticket_articles(user, ticket).aggregate(total=Sum("time_spent_minutes"))["total"] or 0


def customer_other_tickets(user: User, ticket: Ticket, *, limit: int = 10) -> list[Ticket]:
    return list(visible_tickets(user).filter(customer_id=ticket.customer_id).exclude(pk=ticket.pk).order_by("-updated_at", "-id")[:limit])
