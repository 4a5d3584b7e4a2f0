"""Portal benchmark (issue 6): the "my tickets" page of a customer with 1,000 tickets.

    .venv/bin/python bench/bench_portal.py                      # SQLite, a fresh file in /tmp
    .venv/bin/python bench/bench_portal.py --database-url postgres://postgres@127.0.0.1:5432/sd_portaltix

The database is created fresh (PostgreSQL: dropped and created; SQLite: a new temporary file) and
migrated. Seeded with bulk inserts (the page only reads ticket rows): 5 groups, 2,000 other
customers in 200 organizations, 100,000 tickets of theirs, and the benchmark customer with 1,000
tickets (about 40 % open) in a shared organization whose 5 colleagues have 500 more.

Then the portal pages are requested through Django's test Client in-process (middleware, session,
view, queries, template; no network), signed in as the benchmark customer, DEBUG off: each page
is warmed up, then timed --runs times (default 50). Prints JSON with p50/p95/max in milliseconds
and the number of queries per page. Target: /portal/ under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdesk.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["SUPPORTDESK_TASK_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"

TARGET_MS = 100
OTHER_TICKETS = 100_000
OWN_TICKETS = 1_000
COLLEAGUE_TICKETS = 500
OTHER_CUSTOMERS = 2_000
BATCH = 5_000
STATES = [("closed", 45), ("solved", 15), ("open", 20), ("new", 8), ("pending_reminder", 5), ("on_hold", 7)]


def fresh_database(url: str | None) -> str:
    """The database URL to use, created empty."""
    if url is None:
        folder = tempfile.mkdtemp(prefix="sd-bench-portal-")
        return f"sqlite:///{folder}/bench.sqlite3"
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def seed(rng: random.Random) -> tuple[int, int]:
    """Bulk rows; returns (benchmark customer id, seconds taken)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from supportdesk.accounts.choices import Role
    from supportdesk.accounts.models import Group, Organization, User
    from supportdesk.tickets.models import Ticket

    started = time.perf_counter()
    now = timezone.now()
    groups = Group.objects.bulk_create([Group(name=f"Group {i}") for i in range(5)])
    organizations = Organization.objects.bulk_create([Organization(name=f"Org {i}", shared=i % 2 == 0) for i in range(200)])
    shared = Organization.objects.create(name="Bench Shared Ltd", shared=True)
    password = User(email="x@example.com")
    password.set_unusable_password()
    users = User.objects.bulk_create(
        [
            User(email=f"c{i}@customers.example", full_name=f"Customer {i}", role=Role.CUSTOMER, password=password.password)
            for i in range(OTHER_CUSTOMERS)
        ]
    )
    membership = User.organizations.through
    membership.objects.bulk_create([membership(user_id=u.pk, organization_id=organizations[i % 200].pk) for i, u in enumerate(users)])
    me = User.objects.create(email="bench.customer@shared.example", full_name="Bench Customer", role=Role.CUSTOMER, email_verified_at=now)
    colleagues = User.objects.bulk_create([User(email=f"colleague{i}@shared.example", role=Role.CUSTOMER) for i in range(5)])
    membership.objects.bulk_create([membership(user_id=u.pk, organization_id=shared.pk) for u in [me, *colleagues]])
    org_of = {u.pk: organizations[i % 200].pk for i, u in enumerate(users)}

    number = 10_000

    def ticket(customer_id: int, organization_id: int | None) -> Ticket:
        nonlocal number
        number += 1
        created = now - timedelta(minutes=rng.randint(10, 60 * 24 * 700))
        updated = min(now, created + timedelta(minutes=rng.randint(1, 60 * 24 * 20)))
        state = rng.choices([s for s, _ in STATES], [w for _, w in STATES])[0]
        return Ticket(
            number=number,
            subject=f"Question {number} about the printer",
            state=state,
            group_id=groups[number % 5].pk,
            customer_id=customer_id,
            organization_id=organization_id,
            channel="email",
            language="en",
            created_at=created,
            updated_at=updated,
            pending_until=updated + timedelta(days=3) if state.startswith("pending") else None,
            article_count=2,
        )

    plan = [(me.pk, shared.pk)] * OWN_TICKETS + [(rng.choice(colleagues).pk, shared.pk) for _ in range(COLLEAGUE_TICKETS)]
    plan += [(u.pk, org_of[u.pk]) for u in rng.choices(users, k=OTHER_TICKETS)]
    rng.shuffle(plan)
    for start in range(0, len(plan), BATCH):
        with transaction.atomic():
            Ticket.objects.bulk_create([ticket(c, o) for c, o in plan[start : start + BATCH]], batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return me.pk, int(time.perf_counter() - started)


def time_page(client: object, url: str, runs: int) -> dict[str, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(url)  # type: ignore[attr-defined]
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)  # type: ignore[attr-defined]
    ordered = sorted(times)
    return {
        "url": url,
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1),
        "max_ms": round(ordered[-1], 1),
        "queries": len(captured),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (dropped and recreated); default: a fresh SQLite file")
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = fresh_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from supportdesk.accounts.models import User

    call_command("migrate", verbosity=0)
    customer_id, seed_seconds = seed(random.Random(6))
    client = Client()
    client.force_login(User.objects.get(pk=customer_id))
    pages = [
        time_page(client, "/portal/", args.runs),
        time_page(client, "/portal/?status=closed", args.runs),
        time_page(client, "/portal/?tab=organization", args.runs),
    ]
    first = client.get("/portal/?status=closed").content.decode()
    cursor = first.split("cursor=")[1].split('"')[0].replace("&amp;", "&") if "cursor=" in first else ""
    if cursor:
        from urllib.parse import unquote

        pages.append(time_page(client, f"/portal/?status=closed&cursor={unquote(cursor)}", args.runs))
    result = {
        "database": connection.vendor,
        "python": platform.python_version(),
        "tickets": OTHER_TICKETS + OWN_TICKETS + COLLEAGUE_TICKETS,
        "own_tickets": OWN_TICKETS,
        "seed_seconds": seed_seconds,
        "runs": args.runs,
        "target_ms": TARGET_MS,
        "load_average": os.getloadavg()[0],
        "pages": pages,
        "target_met": all(float(page["p95_ms"]) < TARGET_MS for page in pages),  # type: ignore[arg-type]
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
