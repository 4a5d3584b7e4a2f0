"""Routing benchmark on PostgreSQL (issue 5): 500 agents in 20 groups, route new tickets.

    .venv/bin/python bench/bench_routing.py [--routings 1000] [--database-url postgres://...]

Creates a fresh database (default sd_routing_bench), migrates and bulk-inserts (seeding is not
what is measured): 20 groups of 25 agents, each agent with routing settings (a tenth away, a
tenth on a Budapest office calendar, capacity 40), three skills (a language, a product, a region)
and 10 open tickets already assigned (5,000), plus one absence per group. Each group has two
rules: "Language" (online, not absent, on shift, under capacity, language skill of
ticket.language >= 2; best skill) and "Anyone" (online, not absent, under capacity; round robin
or least loaded, alternating by group). Then it routes --routings new unassigned tickets spread
over the groups, one at a time, each with route_ticket (locks, counts, choice, the owner change,
its TicketEvent and the ticket hooks, committed), and prints median / p95 / max in ms as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench_database import fresh_database

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdesk.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["SUPPORTDESK_TASK_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sd_routing_bench"
GROUPS = 20
AGENTS_PER_GROUP = 25
OPEN_PER_AGENT = 10
LANGUAGES = ["en", "de", "hu", "lv", "fr"]


def seed(now: datetime, routings: int) -> tuple[list[int], dict[str, object]]:
    from supportdesk.accounts.choices import GroupAccess, Role
    from supportdesk.accounts.models import Group, GroupMembership, User
    from supportdesk.automation.routing.models import Absence, AgentRouting, AgentSkill, RoutingRule
    from supportdesk.automation.routing.rules_data import clean_filters
    from supportdesk.sla import actions as calendar_actions
    from supportdesk.tickets.choices import State
    from supportdesk.tickets.models import Ticket

    started = time.perf_counter()
    rng = random.Random(5)
    admin = User.objects.create(email="bench.admin@support.example", role=Role.ADMIN)
    customer = User.objects.create(email="bench.customer@customer.example", role=Role.CUSTOMER)
    office = calendar_actions.create_calendar(
        admin,
        {"name": "Budapest", "time_zone": "Europe/Budapest", "holiday_country": "HU", "week": dict.fromkeys(range(5), ((480, 1020),))},
    )
    groups = Group.objects.bulk_create([Group(name=f"Bench group {g}") for g in range(GROUPS)])
    agents = User.objects.bulk_create(
        [User(email=f"bench.agent{n}@support.example", role=Role.AGENT, full_name=f"Agent {n}") for n in range(GROUPS * AGENTS_PER_GROUP)]
    )
    GroupMembership.objects.bulk_create(
        [GroupMembership(group=groups[n // AGENTS_PER_GROUP], user=user, access=GroupAccess.FULL) for n, user in enumerate(agents)]
    )
    AgentRouting.objects.bulk_create(
        [
            AgentRouting(
                user=user,
                status="away" if n % 10 == 3 else "online",
                max_open_tickets=40,
                calendar=office if n % 10 == 7 else None,
            )
            for n, user in enumerate(agents)
        ]
    )
    AgentSkill.objects.bulk_create(
        [
            skill
            for n, user in enumerate(agents)
            for skill in (
                AgentSkill(user=user, kind="language", value=LANGUAGES[n % len(LANGUAGES)], level=rng.randint(1, 5)),
                AgentSkill(user=user, kind="product", value=f"product{n % 7}", level=rng.randint(1, 5)),
                AgentSkill(user=user, kind="region", value=f"region{n % 3}", level=rng.randint(1, 5)),
            )
        ]
    )
    Absence.objects.bulk_create(
        [
            Absence(
                user=agents[g * AGENTS_PER_GROUP], starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=5), handed_over_at=now
            )
            for g in range(GROUPS)
        ]
    )
    for g, group in enumerate(groups):
        up = [{"filter": "online"}, {"filter": "not_absent"}]
        RoutingRule.objects.create(
            group=group,
            name="Language",
            position=1,
            chooser="best_skill",
            filters=clean_filters([*up, {"filter": "on_shift"}, {"filter": "under_capacity"}, {"filter": "language", "min_level": 2}]),
        )
        RoutingRule.objects.create(
            group=group,
            name="Anyone",
            position=2,
            chooser="round_robin" if g % 2 else "least_loaded",
            filters=clean_filters([*up, {"filter": "under_capacity"}]),
        )
    number = 1
    rows = []
    for n, user in enumerate(agents):
        for _ in range(OPEN_PER_AGENT):
            rows.append(
                Ticket(number=number, subject="Open", state=State.OPEN, group=groups[n // AGENTS_PER_GROUP], owner=user, customer=customer)
            )
            number += 1
    new = []
    for n in range(routings):
        new.append(
            Ticket(
                number=number,
                subject="New",
                state=State.NEW,
                group=groups[n % GROUPS],
                customer=customer,
                language=LANGUAGES[rng.randrange(len(LANGUAGES) + 1) % len(LANGUAGES)] if n % 4 else "",
            )
        )
        number += 1
    Ticket.objects.bulk_create(rows, batch_size=2000)
    created = Ticket.objects.bulk_create(new, batch_size=2000)
    ids = [t.pk for t in created]
    rng.shuffle(ids)
    return ids, {"agents": len(agents), "groups": GROUPS, "open_tickets": len(rows), "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("ROUTING_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--routings", type=int, default=1000)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    fresh_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from supportdesk.automation.routing.engine import route_ticket

    call_command("migrate", verbosity=0)
    now = datetime.now(UTC)
    ids, seeded = seed(now, args.routings)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0]
    for ticket_id in ids[:20]:  # warm-up (connection, caches), not measured
        route_ticket(ticket_id, dry_run=True)
    timings: list[float] = []
    outcomes: dict[str, int] = {}
    for ticket_id in ids:
        started = time.perf_counter()
        result = route_ticket(ticket_id, auto_only=True, source="bench")
        timings.append((time.perf_counter() - started) * 1000)
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        json.dumps(
            {
                "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "postgres": version.split(" on ")[0]},
                "seed": seeded,
                "routings": len(timings),
                "outcomes": outcomes,
                "median_ms": round(statistics.median(timings), 2),
                "p95_ms": round(p95, 2),
                "max_ms": round(timings[-1], 2),
                "target_p95_ms": 20,
                "met": p95 < 20,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
