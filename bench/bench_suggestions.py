"""Suggestions for agents benchmark (issue 7): latency on 20,000 tickets and retrieval quality.

    .venv/bin/python bench/bench_suggestions.py latency [--tickets 20000] [--samples 200] [--database-url URL]
    .venv/bin/python bench/bench_suggestions.py quality [--holdout 0.1] [--database-url URL]

Each part starts from a fresh database (default: a temporary SQLite file; a postgres:// URL is
dropped and created, bench_database.fresh_database) and migrates it. Ticket text comes from
/work/shared/corpus/tobi-bueck-support-tickets-partial (synthetic LLM-written helpdesk mails with
subject, body, agent answer, queue and language; CC BY-NC 4.0, used here for evaluation only,
nothing of it is shipped; see its SOURCE.md).

latency: the search app's world (seeding.build_world: 20 groups, 200 agents, customers and the
bench agent in the 4 biggest groups), then --tickets tickets written in bulk like seed_bench, with
corpus subjects, customer messages and agent answers (a product name and an order number added
so rows differ; states, groups and internal notes distributed as seed_bench does), 500 KB articles
and 50 reply templates from corpus answers. Then `selectors.suggestions_for(bench agent, id)`, all
four suggestions as the panel and the API compute them, is timed on --samples open tickets the
bench agent sees, on one CPU core. Prints p50/p95/max in milliseconds and the parts' medians.

quality: the corpus files that share the 10 queues (aa_..., multi-lang-4-20k; duplicates dropped)
are loaded, all in one group (so group preference cannot leak the queue), with their language; a
seeded 10% are held out as open tickets, the rest are solved tickets with their queue. For each
held-out ticket: do the top-1 and any of the top-5 similar tickets share its queue? Compared with
random solved tickets (the same number drawn per ticket, seeded) and with the majority queue.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdesk.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["SUPPORTDESK_TASK_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"

from bench_database import fresh_database

CORPUS = Path("/work/shared/corpus/tobi-bueck-support-tickets-partial")
QUEUE_FILES = ["aa_dataset-tickets-multi-lang-5-2-50-version.csv", "dataset-tickets-multi-lang-4-20k.csv"]
LATENCY_FILES = [*QUEUE_FILES, "dataset-tickets-multi-lang3-4k.csv"]
PRODUCTS = ["Aurora", "Borealis", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Helix", "Iris", "Jade", "Krypton", "Lumen"]


def corpus_rows(files: list[str]) -> list[dict[str, str]]:
    """Rows with subject, body, answer, queue and language; literal '\\n' made newlines; duplicates dropped."""
    rows, seen = [], set()
    for name in files:
        with (CORPUS / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                body = (row.get("body") or "").replace("\\n", "\n").strip()
                subject = " ".join((row.get("subject") or "").split())
                key = (subject, body)
                if not body or key in seen:
                    continue
                seen.add(key)
                answer = (row.get("answer") or "").replace("\\n", "\n").strip()
                rows.append(
                    {"subject": subject or body[:60], "body": body, "answer": answer, "queue": row["queue"], "language": row["language"]}
                )
    return rows


def setup_django(url: str) -> None:
    if url.startswith("postgres"):
        fresh_database(url)
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def pct(times: list[float], p: float) -> float:
    ordered = sorted(times)
    return round(ordered[min(len(ordered) - 1, max(0, round(p * len(ordered)) - 1))], 2)


# -- bulk loading ----------------------------------------------------------------------------------


def write_tickets(items: list[dict[str, Any]], *, world: Any, rng: random.Random) -> list[int]:
    """Write tickets with their articles and search documents in bulk (bulk_create, not the
    actions: 20,000 tickets through create_ticket would take long; the rows are what it writes).

    Each item: subject, body, answer, language, state, group_id, optional note. Returns the ids."""
    from django.conf import settings
    from django.db import transaction
    from django.db.models import Max
    from django.utils import timezone

    from supportdesk.search.documents import MAX_DOCUMENT_CHARS, header_text
    from supportdesk.search.models import TicketSearchDocument
    from supportdesk.tickets.models import Article, Ticket

    now = timezone.now()
    number = max(Ticket.objects.aggregate(m=Max("number"))["m"] or 0, settings.SUPPORTDESK_TICKET_NUMBER_START - 1) + 1
    ids: list[int] = []
    for start in range(0, len(items), 2000):
        batch = items[start : start + 2000]
        tickets, threads = [], []
        for item in batch:
            cust_id, cust_name, cust_email, _org = rng.choice(world.customers)
            owner = rng.choice(world.agents_by_group.get(item["group_id"]) or [None])
            created = now - timedelta(days=730 * rng.random())
            done = item["state"] in ("solved", "closed")
            bodies = [(False, "customer", cust_id, item["body"])]
            if item.get("answer"):
                bodies.append((False, "agent", owner or cust_id, item["answer"]))
            if item.get("note"):
                bodies.append((True, "agent", owner or cust_id, item["note"]))
            responded = created + timedelta(minutes=10) if len(bodies) > 1 else None
            tickets.append(
                Ticket(number=number, subject=item["subject"][:250], state=item["state"], group_id=item["group_id"], owner_id=owner,
                       customer_id=cust_id, channel="email", language=item["language"][:8], created_at=created,
                       updated_at=created + timedelta(hours=1), first_response_at=responded, last_customer_message_at=created,
                       last_agent_message_at=responded, solved_at=created + timedelta(hours=1) if done else None,
                       closed_at=created + timedelta(hours=1) if item["state"] == "closed" else None, article_count=len(bodies))
            )  # fmt: skip
            threads.append((number, item["subject"], cust_name, cust_email, created, bodies))
            number += 1
        with transaction.atomic():
            made = Ticket.objects.bulk_create(tickets)
            articles, documents = [], []
            for ticket, (num, subject, name, email, created, bodies) in zip(made, threads, strict=True):
                for offset, (internal, sender, author, text) in enumerate(bodies):
                    articles.append(
                        Article(ticket_id=ticket.pk, is_internal=internal, sender_type=sender, author_id=author, channel="email",
                                from_address=email if sender == "customer" else "", subject=subject[:250], body_text=text,
                                created_at=created + timedelta(minutes=10 * offset))
                    )  # fmt: skip
                content = "\n".join([header_text(num, subject, name, email), *(b[3] for b in bodies)])
                documents.append(TicketSearchDocument(ticket_id=ticket.pk, content=content[:MAX_DOCUMENT_CHARS]))
                ids.append(ticket.pk)
            Article.objects.bulk_create(articles, batch_size=2000)
            TicketSearchDocument.objects.bulk_create(documents, batch_size=2000)
    return ids


def add_kb_and_templates(rows: list[dict[str, str]], *, articles: int, templates: int, rng: random.Random) -> None:
    """KB articles (published, a tenth internal) and reply templates from corpus answers."""
    from django.utils import timezone
    from django.utils.text import slugify

    from supportdesk.accounts.models import User
    from supportdesk.automation.replies.models import ReplyTemplate
    from supportdesk.kb.models import Article as KbArticle
    from supportdesk.kb.models import Category, Translation
    from supportdesk.kb.search import reindex_all

    with_answer = [row for row in rows if row["answer"]]
    category = Category.objects.create(slug="bench", names={"en": "Bench", "de": "Bench"})
    for index, row in enumerate(rng.sample(with_answer, min(articles, len(with_answer)))):
        article = KbArticle.objects.create(category=category, visibility="internal" if index % 10 == 0 else "public")
        Translation.objects.create(
            article=article, language=row["language"][:8], title=row["subject"][:200], slug=slugify(row["subject"])[:80] or "a",
            body_text=row["answer"], body_html="", state="published", published_at=timezone.now(),
        )  # fmt: skip
    reindex_all()
    ReplyTemplate.objects.bulk_create(
        [ReplyTemplate(name=row["subject"][:100], language=row["language"][:8], body=row["answer"][:2000])
         for row in rng.sample(with_answer, min(templates, len(with_answer)))]
    )  # fmt: skip
    assert User.objects.exists()


def build_world(rng: random.Random, *, customers: int) -> Any:
    """Groups, agents and customers through the ORM (search.seeding.World shape): 20 groups with
    seed_bench's weights, 60 agents in 2-3 groups each, the bench agent in the 4 biggest groups."""
    from supportdesk.accounts.choices import GroupAccess, Role
    from supportdesk.accounts.models import AgentProfile, Group, GroupMembership, User
    from supportdesk.search.seeding import BENCH_AGENT, BENCH_GROUPS, GROUPS, World

    groups = [Group.objects.create(name=f"Bench group {i:02d}") for i in range(1, GROUPS + 1)]
    group_ids = [g.pk for g in groups]
    bench = User.objects.create_user(BENCH_AGENT, "bench-password", full_name="Bench Agent", role=Role.AGENT)
    AgentProfile.objects.create(user=bench)
    GroupMembership.objects.bulk_create(
        GroupMembership(group_id=gid, user=bench, access=GroupAccess.FULL) for gid in group_ids[:BENCH_GROUPS]
    )
    agents = User.objects.bulk_create(
        User(email=f"agent{i}@support.example", full_name=f"Agent {i}", role=Role.AGENT, password="!bench") for i in range(60)
    )
    by_group: dict[int, list[int]] = {gid: [] for gid in group_ids}
    memberships = []
    for agent in agents:
        for gid in rng.sample(group_ids, rng.choice([2, 3])):
            memberships.append(GroupMembership(group_id=gid, user_id=agent.pk, access=GroupAccess.FULL))
            by_group[gid].append(agent.pk)
    GroupMembership.objects.bulk_create(memberships)
    people = User.objects.bulk_create(
        (
            User(email=f"customer{i}@mail.example", full_name=f"Customer {i}", role=Role.CUSTOMER, password="!bench")
            for i in range(customers)
        ),
        batch_size=2000,
    )
    return World(group_ids, [max(1, 40 - 3 * i) for i in range(GROUPS)], by_group, [(u.pk, u.full_name, u.email, None) for u in people], [])


# -- the two parts ---------------------------------------------------------------------------------


def latency(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection

    from supportdesk.accounts.models import User
    from supportdesk.ai.suggestions import selectors
    from supportdesk.search.seeding import BENCH_AGENT, STATES, fast_load_session
    from supportdesk.tickets.models import Ticket

    rng = random.Random(7)
    rows = corpus_rows(LATENCY_FILES)
    fast_load_session()
    world = build_world(rng, customers=max(10, args.tickets // 5))
    items = []
    for index in range(args.tickets):
        row = rows[index % len(rows)]
        state = rng.choices([s for s, _w in STATES], [w for _s, w in STATES])[0]
        body = f"{row['body']}\n\n{rng.choice(PRODUCTS)} ORD-{rng.randrange(10**6):06d}"
        note = "Internal: checked the logs, nothing unusual." if rng.random() < 0.1 else ""
        answer = row["answer"] if state not in ("new",) else ""
        group_id = rng.choices(world.group_ids, world.group_weights)[0]
        items.append({"subject": row["subject"], "body": body, "answer": answer, "note": note, "language": row["language"],
                      "state": state, "group_id": group_id})  # fmt: skip
    started = time.perf_counter()
    write_tickets(items, world=world, rng=rng)
    add_kb_and_templates(rows, articles=500, templates=50, rng=rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    load_s = time.perf_counter() - started
    agent = User.objects.get(email=BENCH_AGENT)
    sample = list(
        Ticket.objects.filter(state__in=["new", "open"], group_id__in=world.group_ids[:4])
        .order_by("?")
        .values_list("pk", flat=True)[: args.samples]
    )
    for ticket_id in sample[:5]:
        selectors.suggestions_for(agent, ticket_id)  # warm up: connections, caches, imports
    times: list[float] = []
    found: Counter[str] = Counter()
    steps: defaultdict[str, list[float]] = defaultdict(list)
    for ticket_id in sample:
        agent = User.objects.get(pk=agent.pk)  # a fresh user per request, as a request would have
        t0 = time.perf_counter()
        result = selectors.suggestions_for(agent, ticket_id)
        times.append((time.perf_counter() - t0) * 1000)
        found["with_similar"] += bool(result.similar)
        found["with_kb"] += bool(result.kb)
        found["with_reply"] += result.reply is not None
        found["with_templates"] += bool(result.templates)
        for name, value in result.steps_ms.items():
            steps[name].append(value)
    return {
        "benchmark": "ai suggestions latency",
        "database": connection.vendor,
        "tickets": Ticket.objects.count(),
        "samples": len(times),
        "load_s": round(load_s, 1),
        "p50_ms": pct(times, 0.5),
        "p95_ms": pct(times, 0.95),
        "max_ms": round(max(times), 2),
        "share_with": {name: round(count / max(1, len(times)), 3) for name, count in sorted(found.items())},
        "steps_p50_ms": {name: pct(values, 0.5) for name, values in steps.items()},
        "steps_p95_ms": {name: pct(values, 0.95) for name, values in steps.items()},
    }


def quality(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection

    from supportdesk.accounts.models import Group, User
    from supportdesk.ai.suggestions.similar import query_terms, similar_tickets
    from supportdesk.ai.triage import ticket_text
    from supportdesk.search.seeding import World
    from supportdesk.testing.factories import AdminFactory, CustomerFactory
    from supportdesk.tickets.models import Ticket

    rng = random.Random(11)
    rows = corpus_rows(QUEUE_FILES)
    rng.shuffle(rows)
    held = max(1, int(len(rows) * args.holdout))
    group = Group.objects.create(name="Support")
    admin = AdminFactory.create(email="bench.admin@support.example")
    customer = CustomerFactory.create(email="bench.customer@customer.example", full_name="Bench Customer")
    world = World([group.pk], [1], {group.pk: [admin.pk]}, [(customer.pk, customer.full_name, customer.email, None)], [])
    items = [{**row, "state": "new" if i < held else "solved", "group_id": group.pk, "answer": "" if i < held else row["answer"]}
             for i, row in enumerate(rows)]  # fmt: skip
    ids = write_tickets(items, world=world, rng=rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    queue_of = {tid: row["queue"] for tid, row in zip(ids, rows, strict=True)}
    solved_ids = ids[held:]
    admin = User.objects.get(pk=admin.pk)
    top1 = top5 = answered = 0
    random1 = random5 = 0
    times = []
    by_language: Counter[str] = Counter()
    hits_by_language: Counter[str] = Counter()
    for tid, row in zip(ids[:held], rows[:held], strict=True):
        ticket = Ticket.objects.get(pk=tid)
        t0 = time.perf_counter()
        subject, body = ticket_text(ticket)
        found = similar_tickets(admin, ticket, query_terms(subject, body), language=ticket.language, limit=5)
        times.append((time.perf_counter() - t0) * 1000)
        queues = [queue_of[match.id] for match in found]
        by_language[row["language"]] += 1
        if queues:
            answered += 1
            top1 += queues[0] == row["queue"]
            top5 += row["queue"] in queues
            hits_by_language[row["language"]] += queues[0] == row["queue"]
        drawn = [queue_of[pick] for pick in rng.sample(solved_ids, 5)]
        random1 += drawn[0] == row["queue"]
        random5 += row["queue"] in drawn
    solved_queues = Counter(queue_of[t] for t in solved_ids)
    majority, majority_count = solved_queues.most_common(1)[0]
    held_queues = Counter(row["queue"] for row in rows[:held])
    expected_random1 = sum((held_queues[q] / held) * (solved_queues[q] / len(solved_ids)) for q in held_queues)
    return {
        "benchmark": "ai suggestions retrieval quality",
        "database": connection.vendor,
        "corpus": "tobi-bueck-support-tickets-partial (" + ", ".join(QUEUE_FILES) + ")",
        "solved_tickets": len(solved_ids),
        "held_out": held,
        "queues": len(solved_queues),
        "with_a_suggestion": round(answered / held, 3),
        "top1_same_queue": round(top1 / held, 3),
        "top5_any_same_queue": round(top5 / held, 3),
        "top1_same_queue_where_suggested": round(top1 / max(1, answered), 3),
        "top1_by_language": {lang: round(hits_by_language[lang] / n, 3) for lang, n in sorted(by_language.items())},
        "random_top1": round(random1 / held, 3),
        "random_top1_expected": round(expected_random1, 3),
        "random_top5_any": round(random5 / held, 3),
        "majority_queue": majority,
        "majority_top1": round(held_queues[majority] / held, 3),
        "majority_share_of_solved": round(majority_count / len(solved_ids), 3),
        "similar_p50_ms": pct(times, 0.5),
        "similar_p95_ms": pct(times, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=["latency", "quality"])
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--holdout", type=float, default=0.1)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='sd-suggest-bench-')}/bench.sqlite3"
    setup_django(url)
    result = latency(args) if args.part == "latency" else quality(args)
    result.update({"python": platform.python_version(), "cpus_used": 1})
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
