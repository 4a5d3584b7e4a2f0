"""Build the demo helpdesk through the real actions, then spread its history over past weeks.

Everything a user will click on (tickets, articles, owners, tags, states, merges, links) is
created with the same actions the UI and API use, so the demo can only contain states the
product itself can produce. Only the timestamps are rewritten afterwards, in one bulk update per
table: actions stamp "now", and a demo where all 200 tickets are a second old shows nothing of
inbox sorting, pending reminders or history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from supportdesk.accounts.actions import create_agent, get_or_create_customer
from supportdesk.accounts.choices import ACCESS_RANK, Role
from supportdesk.accounts.models import Group, Organization, OrganizationDomain, User
from supportdesk.demo import people
from supportdesk.demo.automation import load_automation
from supportdesk.demo.content import Language, Topic, de, en, hu, lv
from supportdesk.demo.knowledge_base import load_knowledge_base
from supportdesk.demo.portal import load_portal
from supportdesk.demo.service_levels import load_service_levels
from supportdesk.demo.surveys import load_surveys
from supportdesk.demo.timeline import Timeline, spread_timestamps
from supportdesk.reports.backfill import backfill
from supportdesk.tickets.actions import NewTicket, add_article, add_tags, create_ticket, link_tickets, merge_tickets, update_ticket
from supportdesk.tickets.choices import Channel, FieldType, LinkKind, Priority, State
from supportdesk.tickets.models import CustomFieldDefinition, Ticket

CONTENT: dict[str, tuple[Language, tuple[Topic, ...]]] = {
    "en": (en.LANGUAGE, en.TOPICS),
    "de": (de.LANGUAGE, de.TOPICS),
    "hu": (hu.LANGUAGE, hu.TOPICS),
    "lv": (lv.LANGUAGE, lv.TOPICS),
}
PRODUCTS = ("Aurora POS", "Aurora Cloud", "Aurora Scanner", "Aurora Mobile App")
DEFAULT_TICKETS = 200
DEFAULT_SEED = 2026
HISTORY_DAYS = 42

# (value, weight): a helpdesk mid-week, with a backlog and a long tail of closed tickets.
STATE_WEIGHTS = (
    (State.NEW, 14),
    (State.OPEN, 24),
    (State.PENDING_REMINDER, 10),
    (State.PENDING_CLOSE, 5),
    (State.ON_HOLD, 4),
    (State.SOLVED, 15),
    (State.CLOSED, 28),
)
PRIORITY_WEIGHTS = ((Priority.LOW, 18), (Priority.NORMAL, 56), (Priority.HIGH, 19), (Priority.URGENT, 7))
CHANNEL_WEIGHTS = ((Channel.EMAIL, 55), (Channel.WEB, 20), (Channel.PORTAL, 12), (Channel.PHONE, 13))
LANGUAGE_WEIGHTS = (("en", 35), ("de", 27), ("hu", 19), ("lv", 19))


@dataclass
class DemoSummary:
    """What was loaded, for the command's output and the tests."""

    organizations: int = 0
    customers: int = 0
    staff: int = 0
    tickets: int = 0
    articles: int = 0
    internal_notes: int = 0
    merges: int = 0
    links: int = 0
    sla_policies: int = 0
    automation: dict[str, int] = field(default_factory=dict)
    knowledge_base: dict[str, int] = field(default_factory=dict)
    portal: dict[str, int] = field(default_factory=dict)
    surveys: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def demo_present() -> bool:
    """The demo admin is the marker: once it exists, loading again would only add duplicates."""
    return User.objects.filter(email=people.ADMIN_LOGIN[0]).exists()


def load_demo(*, tickets: int = DEFAULT_TICKETS, seed: int = DEFAULT_SEED, now: datetime | None = None) -> DemoSummary | None:
    """Load the demo helpdesk in one transaction; return None (and change nothing) if it is there.

    Deterministic for a given seed, so its counts can be asserted. Side effects: the usual
    after-commit ticket events, delivered once when the transaction commits.
    """
    if demo_present():
        return None
    builder = _DemoBuilder(random.Random(seed), now or timezone.now())
    with transaction.atomic():
        builder.build(tickets)
    # After the commit: the tickets' creation events have been delivered, so the demo trigger does
    # not re-judge the demo's own history.
    builder.summary.automation = load_automation(builder.staff[people.ADMIN_LOGIN[0]], builder.groups)
    builder.summary.knowledge_base = load_knowledge_base(builder.staff[people.ADMIN_LOGIN[0]])
    builder.summary.portal = load_portal(builder.groups)
    # After the commit too: the survey planner has seen the solved tickets' events by then.
    builder.summary.surveys = load_surveys(builder.ticket_ids, builder.now)
    # Last: the demo's history (spread timestamps, survey answers) was written around the events,
    # so the report facts are built from what is stored, and the dashboards have data at once.
    backfill()
    return builder.summary


def _weighted(rng: random.Random, pairs: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([value for value, _weight in pairs], weights=[weight for _value, weight in pairs])[0]


class _DemoBuilder:
    """Holds the demo's cast while tickets are written; one instance per load."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.summary = DemoSummary()
        self.groups: dict[str, Group] = {}
        self.staff: dict[str, User] = {}
        self.customers: dict[str, list[User]] = {"en": [], "de": [], "hu": [], "lv": []}
        self.timeline = Timeline()
        self._writers_cache: dict[int, list[User]] = {}
        self.ticket_ids: list[int] = []

    # --- people -------------------------------------------------------------------------------

    def build(self, ticket_count: int) -> None:
        self._create_groups_and_staff()
        self._create_customers()
        self._create_custom_fields()
        created = [self._create_ticket(index, ticket_count) for index in range(ticket_count)]
        self._merge_and_link(created)
        spread_timestamps(self.timeline, ticket_ids=[ticket.pk for ticket in created])
        admin = self.staff[people.ADMIN_LOGIN[0]]
        self.summary.sla_policies = load_service_levels(admin, self.groups, [ticket.pk for ticket in created], self.now)
        self.ticket_ids = [ticket.pk for ticket in created]
        self.summary.tickets = len(created)

    def _create_groups_and_staff(self) -> None:
        for name, description in people.GROUPS:
            self.groups[name] = Group.objects.create(name=name, description=description)
        # Hashing is deliberately slow; the extra agents share one hash of their common password.
        shared_hash = make_password("agent")
        for member in people.STAFF:
            is_login = member.email in {people.ADMIN_LOGIN[0], people.AGENT_LOGIN[0]}
            user = create_agent(
                member.email,
                full_name=member.full_name,
                password=member.password if is_login else None,
                role=member.role,
                groups={self.groups[name]: access for name, access in member.groups.items()},
            )
            if not is_login:
                user.password = shared_hash
                user.password_changed_at = self.now
            user.language = member.languages[0]
            user.save(update_fields=["password", "password_changed_at", "language"])
            user.agent_profile.languages = list(member.languages)
            user.agent_profile.save(update_fields=["languages"])
            self.staff[member.email] = user
        self.summary.staff = len(self.staff)
        self.summary.logins = [
            (people.ADMIN_LOGIN[0], people.ADMIN_LOGIN[1], Role.ADMIN),
            (people.AGENT_LOGIN[0], people.AGENT_LOGIN[1], Role.AGENT),
            (people.CUSTOMER_LOGIN[0], people.CUSTOMER_LOGIN[1], Role.CUSTOMER),
        ]

    def _create_customers(self) -> None:
        for org in people.ORGANIZATIONS:
            organization = Organization.objects.create(name=org.name, shared=org.shared)
            OrganizationDomain.objects.create(organization=organization, domain=org.domain)
            for full_name in org.people:
                # The domain puts the new customer into the organization, as for a mail from them.
                self._add_customer(people.email_for(full_name, org.domain, org.language), full_name, org.language)
        self.summary.organizations = len(people.ORGANIZATIONS)
        for email, full_name, language in people.PRIVATE_CUSTOMERS:
            self._add_customer(email, full_name, language)
        login = self._add_customer(people.CUSTOMER_LOGIN[0], people.CUSTOMER_NAME, "en")
        login.set_password(people.CUSTOMER_LOGIN[1])
        login.save(update_fields=["password", "password_changed_at"])
        login.organizations.add(Organization.objects.get(name=people.CUSTOMER_ORGANIZATION))
        self.summary.customers = sum(len(users) for users in self.customers.values())

    def _add_customer(self, email: str, full_name: str, language: str) -> User:
        user = get_or_create_customer(email, full_name=full_name)
        user.language = language
        user.save(update_fields=["language"])
        self.customers[language].append(user)
        return user

    def _create_custom_fields(self) -> None:
        CustomFieldDefinition.objects.create(
            key="product", label="Product", field_type=FieldType.SELECT, options=list(PRODUCTS), position=1
        )
        CustomFieldDefinition.objects.create(key="contract_number", label="Contract number", field_type=FieldType.TEXT, position=2)
        CustomFieldDefinition.objects.create(
            key="callback_requested", label="Callback requested", field_type=FieldType.CHECKBOX, position=3
        )

    # --- tickets ------------------------------------------------------------------------------

    def _writers(self, group: Group) -> list[User]:
        """Agents who may reply in the group (write or full access); the owner is one of them."""
        if group.pk not in self._writers_cache:
            self._writers_cache[group.pk] = [
                user
                for user in self.staff.values()
                if user.role != Role.ADMIN
                and any(m.group_id == group.pk and ACCESS_RANK[m.access] >= 2 for m in user.group_memberships.all())  # type: ignore[index]
            ]
        return self._writers_cache[group.pk]

    def _create_ticket(self, index: int, total: int) -> Ticket:
        rng = self.rng
        language = _weighted(rng, LANGUAGE_WEIGHTS)
        frame, topics = CONTENT[language]
        topic = rng.choice(topics)
        customer = self._pick_customer(language, index)
        group = self.groups["DACH"] if language == "de" and rng.random() < 0.5 else self.groups[topic.group]
        writers = self._writers(group)
        # Prefer agents who speak the customer's language, as routing by language would.
        speakers = [user for user in writers if language in user.agent_profile.languages] or writers
        state = _weighted(rng, STATE_WEIGHTS)
        owner = None if state == State.NEW or rng.random() < 0.12 else rng.choice(speakers)
        responder = owner or rng.choice(speakers)
        values = self._placeholders(customer, responder, language)
        base = self.now - timedelta(days=HISTORY_DAYS * (1 - index / total), minutes=rng.randint(0, 600))
        triage: dict[str, Any] = {
            "group_id": group.pk,
            "priority": Priority.URGENT if topic.key == "outage" and rng.random() < 0.6 else _weighted(rng, PRIORITY_WEIGHTS),
            "custom_fields": {"product": values["product"]},
        }
        if topic.key == "contract":
            triage["custom_fields"]["contract_number"] = f"AUR-{rng.randint(10000, 99999)}"
        if owner is not None:
            triage["owner_id"] = owner.pk
        self.timeline.start(base, limit=self.now)
        ticket = self._open_ticket(customer, responder, frame, topic, values, triage)
        self.timeline.started(ticket)
        self._converse(ticket, state, frame, topic, customer, responder, values)
        self._finish(ticket, state, responder)
        return ticket

    def _open_ticket(
        self, customer: User, agent: User, frame: Language, topic: Topic, values: dict[str, Any], triage: dict[str, Any]
    ) -> Ticket:
        """The customer writes in (or an agent records their call); then an admin triages the ticket."""
        rng = self.rng
        channel = _weighted(rng, CHANNEL_WEIGHTS)
        data = NewTicket(
            subject=rng.choice(topic.subjects).format_map(values),
            body=self._customer_text(frame, rng.choice(topic.openings), values),
            customer_email=customer.email,
            channel=channel,
            language=frame.code,
        )
        if channel == Channel.PHONE:
            data.group_id = triage["group_id"]
        ticket = create_ticket(agent if channel == Channel.PHONE else customer, data)
        admin = self.staff[people.ADMIN_LOGIN[0]]
        update_ticket(admin, ticket, triage)
        add_tags(admin, ticket, list(topic.tags[: rng.randint(1, len(topic.tags))]))
        return ticket

    def _pick_customer(self, language: str, index: int) -> User:
        pool = self.customers[language]
        # Every tenth English ticket belongs to the demo customer, so their portal is not empty.
        if language == "en" and index % 10 == 0:
            return next(user for user in pool if user.email == people.CUSTOMER_LOGIN[0])
        return self.rng.choice(pool)

    def _placeholders(self, customer: User, agent: User, language: str) -> dict[str, Any]:
        rng = self.rng
        names = customer.full_name.split()
        given = names[-1] if language == "hu" else names[0]
        day = (self.now - timedelta(days=rng.randint(10, 60))).date()
        date = {"de": day.strftime("%d.%m.%Y"), "hu": day.strftime("%Y. %m. %d."), "lv": day.strftime("%d.%m.%Y.")}.get(
            language, day.strftime("%d %B %Y")
        )
        return {
            "customer": given,
            "agent": agent.full_name.split()[0],
            "company": people.COMPANY,
            "invoice": f"RE-{day.year}-{rng.randint(1000, 9999)}",
            "order": f"SO-{rng.randint(100000, 999999)}",
            "amount": f"{rng.randint(40, 2400)},{rng.randint(0, 99):02d}"
            if language != "en"
            else f"{rng.randint(40, 2400)}.{rng.randint(0, 99):02d}",
            "date": date,
            "product": rng.choice(PRODUCTS),
            "users": rng.choice((5, 8, 12, 15, 20, 25, 40)),
        }

    @staticmethod
    def _customer_text(frame: Language, text: str, values: dict[str, Any]) -> str:
        body = text.format_map(values)
        greeting, separator, rest = body.partition("\n\n")
        if separator and not frame.lowercase_after_greeting:
            body = f"{greeting}\n\n{rest[:1].upper()}{rest[1:]}"
        return body + "\n\n" + frame.customer_signoff.format_map(values)

    @staticmethod
    def _agent_text(frame: Language, text: str, values: dict[str, Any]) -> str:
        body = text.format_map(values)
        if not frame.lowercase_after_greeting:
            body = body[:1].upper() + body[1:]
        greeting = frame.agent_greeting.format_map(values)
        return f"{greeting}\n\n{body}\n\n{frame.agent_signoff.format_map(values)}"

    def _converse(
        self, ticket: Ticket, state: str, frame: Language, topic: Topic, customer: User, agent: User, values: dict[str, Any]
    ) -> None:
        """Write 0-5 more articles after the opening; a new ticket has no agent reply yet."""
        rng = self.rng
        if state == State.NEW:
            if rng.random() < 0.25:
                self._article(ticket, customer, self._customer_text(frame, rng.choice(topic.followups), values))
            return
        turns: list[tuple[User, str, bool]] = [(agent, self._agent_text(frame, rng.choice(topic.replies), values), False)]
        if rng.random() < 0.7:
            turns.append((customer, self._customer_text(frame, rng.choice(topic.followups), values), False))
            turns.append((agent, self._agent_text(frame, rng.choice(topic.closings), values), False))
        if state in {State.SOLVED, State.CLOSED} and rng.random() < 0.6:
            turns.append((customer, self._customer_text(frame, rng.choice(frame.thanks), values), False))
        if rng.random() < 0.3:
            turns.insert(rng.randint(0, len(turns)), (agent, rng.choice(frame.notes), True))
        # A customer reply reopens a solved or pending ticket, so the final state is set afterwards.
        for author, text, internal in turns[:5]:
            self._article(ticket, author, text, internal=internal)

    def _article(self, ticket: Ticket, author: User, text: str, *, internal: bool = False) -> None:
        self.timeline.step(self.rng, ticket)
        add_article(author, ticket, body_text=text, is_internal=internal, time_spent_minutes=self.rng.choice((0, 0, 3, 5, 10, 15)))
        self.summary.articles += 1
        self.summary.internal_notes += int(internal)

    def _finish(self, ticket: Ticket, state: str, agent: User) -> None:
        self.summary.articles += 1  # the opening article written by create_ticket
        if state in {State.NEW, State.OPEN}:
            return
        changes: dict[str, Any] = {"state": state}
        if state == State.PENDING_REMINDER:
            # Some reminders are due already, so "pending reminders reached" has something to show.
            changes["pending_until"] = self.now + timedelta(hours=self.rng.randint(-72, 120))
        elif state == State.PENDING_CLOSE:
            changes["pending_until"] = self.now + timedelta(days=self.rng.randint(1, 7))
        self.timeline.step(self.rng, ticket)
        update_ticket(agent, ticket, changes)

    # --- merges and links ---------------------------------------------------------------------

    def _merge_and_link(self, created: list[Ticket]) -> None:
        """Merge two duplicate inquiries and link a few related ones, as a team would."""
        admin = self.staff[people.ADMIN_LOGIN[0]]
        by_customer: dict[int, list[Ticket]] = {}
        for ticket in created:
            ticket.refresh_from_db()
            if ticket.state in {State.NEW, State.OPEN}:
                by_customer.setdefault(ticket.customer_id, []).append(ticket)
        pairs = [tickets[:2] for tickets in by_customer.values() if len(tickets) >= 2]
        for source, target in pairs[:2]:
            self.timeline.step(self.rng, source, target)
            merge_tickets(admin, source, target)
            self.summary.merges += 1
        merged = {ticket.pk for pair in pairs[:2] for ticket in pair}
        candidates = [ticket for ticket in created if ticket.pk not in merged and ticket.state != State.MERGED]
        kinds = (LinkKind.RELATED, LinkKind.PARENT_CHILD, LinkKind.DUPLICATE, LinkKind.RELATED)
        for position, kind in enumerate(kinds):
            if position * 7 + 3 >= len(candidates):
                break
            source, target = candidates[position * 7], candidates[position * 7 + 3]
            self.timeline.step(self.rng, source, target)
            link_tickets(admin, source, target, kind)
            self.summary.links += 1
