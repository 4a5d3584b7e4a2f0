# ruff: noqa: SIM905 - word lists read better as prose than as list literals.
"""Fast generation of a large, realistic helpdesk for benchmarks (`supportdesk seed_bench`).

This deliberately bypasses the actions: a million tickets through create_ticket would take days.
Rows are written with COPY on PostgreSQL and executemany on SQLite, in big transactions, with
explicit ids so foreign keys need no read-back. Never run it against a production database.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Model
from django.utils import timezone

from supportdesk.accounts.choices import GroupAccess, Role
from supportdesk.accounts.models import AgentProfile, Group, GroupMembership, Organization, User
from supportdesk.core.models import Sequence as Counter
from supportdesk.search.documents import MAX_DOCUMENT_CHARS, header_text
from supportdesk.search.engines import PG_CREATE_INDEX
from supportdesk.search.models import TicketSearchDocument
from supportdesk.tickets.models import Article, Tag, Ticket, TicketEvent, TicketTag

WORDS = {
    "en": "printer invoice password reset login error account payment refund delivery order broken screen laptop "
    "network slow update install license upgrade server email mailbox calendar meeting access denied backup "
    "restore contract renewal discount shipping tracking package damaged missing replacement warranty battery "
    "keyboard monitor cable wifi router vpn certificate expired please thanks urgent help today tomorrow "
    "customer support question problem issue request again still cannot works working".split(),
    "de": "Rechnung Passwort Anmeldung Fehler Konto Zahlung Rückerstattung Lieferung Bestellung kaputt Bildschirm "
    "Drucker Netzwerk langsam Aktualisierung Lizenz Vertrag Kündigung Versand Paket beschädigt fehlt Ersatz "
    "Garantie Akku Tastatur Zugang verweigert Sicherung Wiederherstellung bitte danke dringend heute morgen "
    "Frage Problem Anfrage wieder immer noch funktioniert nicht Grüße Straße März Größe Überweisung".split(),
    "hu": "számla jelszó bejelentkezés hiba fiók fizetés visszatérítés szállítás rendelés törött képernyő "
    "nyomtató hálózat lassú frissítés licenc szerződés felmondás csomag sérült hiányzik csere garancia "
    "akkumulátor billentyűzet hozzáférés megtagadva mentés kérem köszönöm sürgős ma holnap kérdés probléma "
    "kérés újra még mindig nem működik üdvözlettel összeg hibás érkezett".split(),
    "lv": "rēķins parole pieteikšanās kļūda konts maksājums atmaksa piegāde pasūtījums salūzis ekrāns printeris "
    "tīkls lēns atjauninājums licence līgums sūtījums bojāts trūkst nomaiņa garantija akumulators tastatūra "
    "piekļuve liegta dublējums lūdzu paldies steidzami šodien rīt jautājums problēma pieprasījums atkal "
    "joprojām nedarbojas sveicieni summa nosūtiet vēlreiz".split(),
}
PRODUCTS = "Aurora Borealis Cobalt Delta Ember Falcon Granite Helix Iris Jade Krypton Lumen Magnet Nimbus Onyx Pulsar".split()
FIRST = "Anna Bence Carla Dieter Eva Ferenc Greta Hans Ilze Janis Kati Laura Marta Nora Otto Peteris Rita Sandor Uwe Zsofia".split()
LAST = "Berzins Kalnins Nagy Kovacs Muller Schmidt Weber Toth Szabo Ozols Liepa Fischer Horvath Klein Varga Jansons".split()
STATES = [("closed", 50), ("solved", 12), ("open", 14), ("new", 8), ("pending_reminder", 6), ("pending_close", 3), ("on_hold", 7)]
PRIORITIES = [("low", 15), ("normal", 60), ("high", 20), ("urgent", 5)]
CHANNELS = ["email", "email", "email", "web", "portal", "phone", "chat", "api"]
GROUPS = 20
AGENTS = 200
ORGANIZATIONS = 2000
TAGS = 60
BIG_TICKET_ARTICLES = 200
BENCH_AGENT = "bench.agent@support.example"
# The bench agent works in the first (biggest) groups, which hold about half of all tickets.
BENCH_GROUPS = 4
SPAN = timedelta(days=730)


@dataclass
class World:
    """Ids of the rows tickets refer to, created once before the ticket batches."""

    group_ids: list[int]
    group_weights: list[int]
    agents_by_group: dict[int, list[int]]
    customers: list[tuple[int, str, str, int | None]]  # id, name, email, organization id
    tag_ids: list[int]
    next_ids: dict[str, int] = field(default_factory=dict)


def _columns(model: type[Model], names: Sequence[str]) -> list[str]:
    return [str(model._meta.get_field(name).column) for name in names]  # type: ignore[union-attr]


def _defaulted_columns(model: type[Model], names: Sequence[str]) -> tuple[list[str], list[Any]]:
    """Columns the caller did not name but the model gives a default (a NOT NULL column added by
    a later migration would otherwise break the raw insert), with their database values."""
    named = set(names)
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.name not in named and not f.primary_key and (f.has_default() or (not f.null and f.empty_strings_allowed))
    ]
    return [str(f.column) for f in fields], [f.get_db_prep_save(f.get_default(), connection) for f in fields]


def write_rows(model: type[Model], names: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert rows into the model's table: COPY on PostgreSQL, executemany elsewhere. Columns not
    named are filled with the model's defaults."""
    table = model._meta.db_table
    extra_columns, extra_values = _defaulted_columns(model, names)
    columns = _columns(model, names) + extra_columns
    rows = (tuple(row) + tuple(extra_values) for row in rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor behind Django's wrapper
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", list(rows))  # noqa: S608


def _next_id(model: type[Model]) -> int:
    return (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1


def build_world(rng: random.Random, *, customers: int) -> World:
    """Groups, agents (with the bench agent), organizations, customers and tags."""
    now = timezone.now()
    groups = [Group.objects.get_or_create(name=f"Bench group {i:02d}")[0] for i in range(1, GROUPS + 1)]
    group_ids = [g.pk for g in groups]
    weights = [max(1, 40 - 3 * i) for i in range(GROUPS)]
    agents_by_group: dict[int, list[int]] = {gid: [] for gid in group_ids}
    bench = User.objects.filter(email=BENCH_AGENT).first() or User.objects.create_user(
        BENCH_AGENT, "bench-password", full_name="Bench Agent", role=Role.AGENT
    )
    AgentProfile.objects.get_or_create(user=bench)
    for gid in group_ids[:BENCH_GROUPS]:
        GroupMembership.objects.get_or_create(group_id=gid, user=bench, defaults={"access": GroupAccess.FULL})
    user_id = _next_id(User)
    agent_rows, memberships = [], []
    for i in range(AGENTS):
        agent_rows.append(_user_row(user_id, f"agent{user_id}@support.example", f"{rng.choice(FIRST)} {rng.choice(LAST)}", Role.AGENT, now))
        for gid in rng.sample(group_ids, 2 if i % 3 else 3):
            memberships.append(GroupMembership(group_id=gid, user_id=user_id, access=GroupAccess.FULL))
            agents_by_group[gid].append(user_id)
        user_id += 1
    org_id = _next_id(Organization)
    org_rows = [(org_id + i, f"Bench Organization {org_id + i}", "", False, now, now) for i in range(ORGANIZATIONS)]
    with transaction.atomic():
        write_rows(User, USER_FIELDS, agent_rows)
        GroupMembership.objects.bulk_create(memberships)
        write_rows(Organization, ["id", "name", "notes", "shared", "created_at", "updated_at"], org_rows)
    customer_list: list[tuple[int, str, str, int | None]] = []
    start = user_id
    for chunk in range(0, customers, 50_000):
        rows, links = [], []
        for uid in range(start + chunk, start + min(customers, chunk + 50_000)):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            org = org_id + rng.randrange(ORGANIZATIONS) if rng.random() < 0.6 else None
            email = f"{name.split()[0].lower()}.{uid}@{'org' + str(org) if org else 'mail'}.example"
            rows.append(_user_row(uid, email, name, Role.CUSTOMER, now))
            if org:
                links.append((uid, org))
            customer_list.append((uid, name, email, org))
        with transaction.atomic():
            write_rows(User, USER_FIELDS, rows)
            write_rows(User.organizations.through, ["user_id", "organization_id"], links)  # type: ignore[arg-type]
    tag_ids = [Tag.objects.get_or_create(name=f"{rng.choice(PRODUCTS).lower()}-{i}")[0].pk for i in range(TAGS)]
    reset_sequences([User, Organization, GroupMembership, User.organizations.through])  # type: ignore[list-item]
    return World(group_ids, weights, agents_by_group, customer_list, tag_ids)


USER_FIELDS = ["id", "password", "is_superuser", "email", "full_name", "role", "language", "time_zone", "phone", "is_active", "is_staff"]
USER_FIELDS += ["created_at", "updated_at"]


def _user_row(uid: int, email: str, name: str, role: str, now: datetime) -> tuple[Any, ...]:
    return (uid, "!bench", False, email, name, role, "", "UTC", "", True, False, now, now)


def reset_sequences(models: list[type[Model]]) -> None:
    """After explicit ids, move PostgreSQL's id sequences past them (SQLite needs nothing)."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def body_text(rng: random.Random, language: str) -> str:
    """A message of 15-60 words from the language's list, with a product and sometimes an order number."""
    words = rng.choices(WORDS[language], k=rng.randint(15, 60))
    words.insert(rng.randrange(len(words)), rng.choice(PRODUCTS))
    if rng.random() < 0.3:
        words.append(f"ORD-{rng.randrange(10**6):06d}")
    return " ".join(words).capitalize() + "."


TICKET_FIELDS = ["id", "number", "subject", "state", "priority", "group_id", "owner_id", "customer_id", "organization_id", "channel"]
TICKET_FIELDS += ["language", "pending_until", "custom_fields", "created_at", "updated_at", "first_response_at"]
TICKET_FIELDS += ["last_customer_message_at", "last_agent_message_at", "solved_at", "closed_at", "article_count"]
ARTICLE_FIELDS = ["id", "ticket_id", "is_internal", "sender_type", "author_id", "channel", "from_address", "to_addresses"]
ARTICLE_FIELDS += ["cc_addresses", "subject", "body_text", "body_html", "time_spent_minutes", "created_at"]


@dataclass
class Batch:
    """Rows of one batch of tickets, written in one transaction."""

    tickets: list[tuple[Any, ...]] = field(default_factory=list)
    articles: list[tuple[Any, ...]] = field(default_factory=list)
    documents: list[tuple[int, str]] = field(default_factory=list)
    tags: list[tuple[int, int]] = field(default_factory=list)


def _ticket(rng: random.Random, world: World, batch: Batch, tid: int, number: int, n_articles: int, now: datetime) -> None:
    """Append one ticket with its articles, tags and search document to the batch."""
    state = rng.choices([s for s, _w in STATES], [w for _s, w in STATES])[0]
    group_id = rng.choices(world.group_ids, world.group_weights)[0]
    agents: list[int | None] = list(world.agents_by_group[group_id]) or [None]
    owner = rng.choice(agents) if (state != "new" and rng.random() < 0.85) else None
    cust_id, cust_name, cust_email, org_id = rng.choice(world.customers)
    language = rng.choices(["en", "de", "hu", "lv"], [55, 20, 15, 10])[0]
    created = now - SPAN * rng.random()
    updated = min(now, created + timedelta(minutes=rng.randint(5, 60 * 24 * 30)))
    subject = " ".join(rng.choices(WORDS[language], k=rng.randint(3, 7))).capitalize() + f" {rng.choice(PRODUCTS)}"
    step = (updated - created) / max(n_articles, 1)
    bodies = []
    aid = world.next_ids["article"]
    for i in range(n_articles):
        from_customer = i % 2 == 0
        text = body_text(rng, language)
        bodies.append(text)
        internal = not from_customer and rng.random() < 0.1
        author = cust_id if from_customer else (owner or agents[0])
        batch.articles.append(
            (aid, tid, internal, "customer" if from_customer else "agent", author, "email", cust_email if from_customer else "",
             "" if from_customer else cust_email, "", subject, text, "", 0, created + step * i)
        )  # fmt: skip
        aid += 1
    world.next_ids["article"] = aid
    pending = updated + timedelta(days=rng.randint(1, 14)) if state.startswith("pending") else None
    done_at = updated if state in ("solved", "closed") else None
    first_response = created + step if n_articles > 1 else None
    batch.tickets.append(
        (tid, number, subject, state, rng.choices([p for p, _w in PRIORITIES], [w for _p, w in PRIORITIES])[0], group_id, owner,
         cust_id, org_id, rng.choice(CHANNELS), language, pending, "{}", created, updated, first_response, created,
         first_response, done_at, done_at if state == "closed" else None, n_articles)
    )  # fmt: skip
    content = "\n".join([header_text(number, subject, cust_name, cust_email), *bodies])[:MAX_DOCUMENT_CHARS]
    batch.documents.append((tid, content))
    if rng.random() < 0.3:
        batch.tags.extend((tid, tag) for tag in set(rng.sample(world.tag_ids, rng.randint(1, 3))))


def _write(batch: Batch) -> None:
    with transaction.atomic():
        write_rows(Ticket, TICKET_FIELDS, batch.tickets)
        write_rows(Article, ARTICLE_FIELDS, batch.articles)
        write_rows(TicketSearchDocument, ["ticket_id", "content"], batch.documents)
        write_rows(TicketTag, ["ticket_id", "tag_id"], batch.tags)


def seed_tickets(
    rng: random.Random, world: World, *, tickets: int, articles_per_ticket: int, batch_size: int, progress: Callable[[str], None]
) -> int:
    """Write `tickets` tickets (the first with BIG_TICKET_ARTICLES articles); returns that ticket's id.

    Article counts vary from 1 to 2*articles_per_ticket-1, so the average is articles_per_ticket.
    """
    now = timezone.now()
    tid = _next_id(Ticket)
    number = max(Ticket.objects.aggregate(m=Max("number"))["m"] or 0, settings.SUPPORTDESK_TICKET_NUMBER_START - 1) + 1
    world.next_ids["article"] = _next_id(Article)
    big_id = tid
    started = time.monotonic()
    written = articles = 0
    while written < tickets:
        batch = Batch()
        for _ in range(min(batch_size, tickets - written)):
            n = BIG_TICKET_ARTICLES if tid == big_id else rng.randint(1, max(1, 2 * articles_per_ticket - 1))
            _ticket(rng, world, batch, tid, number, n, now)
            tid += 1
            number += 1
            written += 1
        _write(batch)
        articles += len(batch.articles)
        elapsed = time.monotonic() - started
        progress(f"{written}/{tickets} tickets, {articles} articles, {elapsed:.0f}s ({written / max(elapsed, 0.001):.0f} tickets/s)")
    _big_ticket_events(big_id)
    reset_sequences([Ticket, Article, TicketTag, TicketEvent])
    Counter.objects.update_or_create(name="ticket_number", defaults={"value": number - 1})
    return big_id


def _big_ticket_events(ticket_id: int) -> None:
    """The ticket page benchmark shows a timeline of articles and events: give the big ticket both."""
    articles = Article.objects.filter(ticket_id=ticket_id).values_list("id", "created_at", "sender_type")
    TicketEvent.objects.bulk_create(
        [
            TicketEvent(ticket_id=ticket_id, kind="article_added", data={"article_id": aid, "sender": sender}, created_at=at)
            for aid, at, sender in articles
        ]
    )


BULK_TABLES = [Ticket, Article, TicketSearchDocument, TicketTag]


def drop_secondary_indexes(progress: Callable[[str], None]) -> list[str]:
    """PostgreSQL: drop the indexes of the bulk tables that back no constraint; return their DDL.

    Building an index once after the load is many times faster than maintaining it row by row.
    """
    if connection.vendor != "postgresql":
        return []
    tables = [m._meta.db_table for m in BULK_TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class t ON t.oid = i.indrelid LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid "
            "WHERE t.relname = ANY(%s) AND c.oid IS NULL",
            [tables],
        )
        found = cursor.fetchall()
        for name, _ddl in found:
            progress(f"dropping index {name}")
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
    return [ddl for _name, ddl in found]


def recreate_indexes(ddl: list[str], progress: Callable[[str], None]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem = '2GB'")
        for statement in ddl:
            started = time.monotonic()
            cursor.execute(statement)
            progress(f"{statement[:110]} ({time.monotonic() - started:.0f}s)")
        if connection.vendor == "postgresql":
            cursor.execute(PG_CREATE_INDEX)  # present whatever state the load started from
        progress("analyzing")
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")


def fast_load_session() -> None:
    """Session settings for the load: no fsync wait per commit; no FK triggers where we may skip them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                # Our rows are consistent by construction; checking 5M foreign keys one by one is the slow part.
                cursor.execute("SET session_replication_role = replica")
        else:
            cursor.execute("PRAGMA synchronous = OFF")
