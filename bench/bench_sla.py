"""SLA engine benchmark on PostgreSQL (issue 4): 100,000 open tickets with SLA clocks.

    .venv/bin/python bench/bench_sla.py [--tickets 100000] [--runs 50] [--keep]

Creates a fresh database (default sd_sla_bench; --database-url to change), migrates, and bulk-inserts
the tickets (not through the actions: seeding is not what is measured) with a Budapest calendar
(08:00-17:00, Hungarian holidays), one policy (first response 4 h, resolution 48 h, warnings at
75% and 15 minutes before, one escalation level) and two running clocks per ticket whose due times
and next checks are computed with the real maths (add_business_time). Then:
(a) one sweep when nothing is due: median and p95 over --runs runs (target < 50 ms);
(b) the recompute after a calendar change (08:00 -> 09:00 start), as the background job runs it:
    tickets per second (target > 2,000/s), and how many due times moved;
(c) one sweep with 1,000 due clocks (a 75% warning each, in-app to the owner).
Prints JSON.
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
# Tasks queued by the calendar change are not run here: (b) runs the recompute itself and times it.
os.environ["SUPPORTDESK_TASK_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sd_sla_bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("SLA_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--keep", action="store_true", help="Reuse the database if it is seeded already.")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    if not args.keep:
        fresh_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    result: dict[str, object] = {"machine": machine(), "tickets": args.tickets}
    now = datetime.now(UTC).replace(microsecond=0)
    seeded = seed(args.tickets, now) if not (args.keep and already_seeded()) else {}
    result["seed"] = seeded
    result["sweep_nothing_due"] = bench_idle_sweep(now, args.runs)
    result["recompute"] = bench_recompute()
    result["sweep_due"] = bench_due_sweep(now, args.due)
    print(json.dumps(result, indent=2))


def machine() -> dict[str, object]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0]
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "postgres": version.split(" on ")[0]}


def already_seeded() -> bool:
    from supportdesk.sla.models import SlaClock

    return SlaClock.objects.exists()


def seed(count: int, now: datetime) -> dict[str, object]:
    """Bulk rows: users, a group, a calendar, a policy, tickets and two running clocks per ticket."""
    from django.db import connection, transaction

    from supportdesk.accounts.choices import GroupAccess, Role
    from supportdesk.accounts.models import Group, GroupMembership, User
    from supportdesk.sla import actions as calendar_actions
    from supportdesk.sla import clock_math
    from supportdesk.sla.models import SlaClock, SlaPolicy
    from supportdesk.sla.policy_rules import rules_of
    from supportdesk.sla.spec_cache import calendar_spec
    from supportdesk.tickets.choices import State
    from supportdesk.tickets.models import Ticket

    started = time.perf_counter()
    rng = random.Random(4)
    admin = User.objects.create(email="bench.admin@support.example", role=Role.ADMIN, full_name="Bench Admin")
    agent = User.objects.create(email="bench.sla.agent@support.example", role=Role.AGENT, full_name="Bench Agent")
    customer = User.objects.create(email="bench.customer@customer.example", role=Role.CUSTOMER)
    group = Group.objects.create(name="Bench SLA")
    GroupMembership.objects.create(group=group, user=agent, access=GroupAccess.FULL)
    calendar = calendar_actions.create_calendar(
        admin,
        {"name": "Budapest", "time_zone": "Europe/Budapest", "holiday_country": "HU", "week": dict.fromkeys(range(5), ((480, 1020),))},
    )
    policy = SlaPolicy.objects.create(
        name="Bench",
        calendar=calendar,
        targets={"*": {"first_response": 240, "resolution": 2880}},
        warnings=[
            {"percent": 75, "audience": ["owner"], "channels": ["in_app"]},
            {"minutes_before": 15, "audience": ["owner"], "channels": ["in_app"]},
        ],
        escalations=[
            {"after_minutes": 30, "actions": [{"action": "set_priority", "value": "high"}, {"action": "add_tag", "value": "late"}]}
        ],
    )
    rules, spec = rules_of(policy), calendar_spec(calendar, now)
    batch = 5_000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        tickets = []
        for index in range(start, start + size):
            created = now - timedelta(seconds=rng.randint(0, 3 * 3600))
            tickets.append(
                Ticket(
                    number=100_001 + index,
                    subject=f"Bench ticket {index}",
                    state=State.OPEN,
                    group=group,
                    owner=agent,
                    customer=customer,
                    created_at=created,
                    updated_at=created,
                    sla_policy=policy,
                )
            )
        with transaction.atomic():
            Ticket.objects.bulk_create(tickets)
            clocks, due_updates = [], []
            for ticket in tickets:
                dues = {}
                for metric, minutes in (("first_response", 240), ("resolution", 2880)):
                    clock = SlaClock(
                        ticket=ticket,
                        policy=policy,
                        metric=metric,
                        target_seconds=minutes * 60,
                        started_at=ticket.created_at,
                        running_since=ticket.created_at,
                    )
                    clock.due_at = clock_math.reached_at(clock, clock.target_seconds, spec)
                    clock.next_check_at = clock_math.next_step_at(clock, rules.steps(clock.target_seconds), [], spec)
                    dues[metric] = clock.due_at
                    clocks.append(clock)
                due_updates.append((dues["first_response"], dues["resolution"], min(d for d in dues.values() if d), ticket.pk))
            SlaClock.objects.bulk_create(clocks)
            with connection.cursor() as cursor:
                cursor.executemany(
                    "UPDATE tickets_ticket SET first_response_due_at = %s, resolution_due_at = %s, sla_due_at = %s WHERE id = %s",
                    due_updates,
                )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {"seconds": round(time.perf_counter() - started, 1), "clocks": SlaClock.objects.count()}


def bench_idle_sweep(now: datetime, runs: int) -> dict[str, object]:
    """(a) The sweep at a moment when no clock is due: its cost is the index probe and a transaction."""
    from django.db import connection

    from supportdesk.sla.models import SlaClock
    from supportdesk.sla.sweep import due_clocks, run_sla_sweep

    earliest = (
        SlaClock.objects.filter(next_check_at__isnull=False).order_by("next_check_at").values_list("next_check_at", flat=True).first()
    )
    moment = min(now, earliest - timedelta(seconds=1)) if earliest else now
    for _ in range(3):
        run_sla_sweep(now=moment)  # warm-up: connection, imports
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fired = run_sla_sweep(now=moment)
        times.append((time.perf_counter() - started) * 1000)
        assert fired == 0
    from django.db import transaction

    with transaction.atomic():
        plan = due_clocks(moment).explain(analyze=True)
    times.sort()
    return {
        "runs": runs,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "max_ms": round(times[-1], 2),
        "target_ms": 50,
        "plan": plan.splitlines()[:4],
        "vendor": connection.vendor,
    }


def bench_recompute() -> dict[str, object]:
    """(b) Change the calendar (working day starts at 09:00), then run the recompute job as the task does."""
    from supportdesk.accounts.models import User
    from supportdesk.sla import actions as calendar_actions
    from supportdesk.sla.models import Calendar, SlaClock
    from supportdesk.sla.recompute import recompute_all

    before = dict(SlaClock.objects.filter(metric="first_response").values_list("pk", "due_at"))
    admin = User.objects.get(email="bench.admin@support.example")
    calendar = Calendar.objects.get(name="Budapest")
    calendar_actions.update_calendar(admin, calendar, {"week": dict.fromkeys(range(5), ((540, 1020),))})
    started = time.perf_counter()
    done = recompute_all()
    seconds = time.perf_counter() - started
    after = dict(SlaClock.objects.filter(metric="first_response").values_list("pk", "due_at"))
    moved = sum(1 for pk, due in after.items() if before.get(pk) != due)
    calendar_actions.update_calendar(admin, calendar, {"week": dict.fromkeys(range(5), ((480, 1020),))})  # back, untimed
    recompute_all()
    return {
        "tickets": done,
        "seconds": round(seconds, 2),
        "tickets_per_second": round(done / seconds),
        "due_times_moved": moved,
        "target_per_second": 2000,
    }


def bench_due_sweep(now: datetime, due: int) -> dict[str, object]:
    """(c) Make `due` first-response clocks reach their 75% warning now, then sweep them in one run."""
    from django.db.models import F

    from supportdesk.sla.models import SlaClock, SlaFiring
    from supportdesk.sla.sweep import run_sla_sweep
    from supportdesk.tickets.models import Notification

    ids = list(SlaClock.objects.filter(metric="first_response", outcome="").order_by("pk").values_list("pk", flat=True)[:due])
    moment = now + timedelta(seconds=1)
    SlaClock.objects.filter(pk__in=ids).update(
        consumed_seconds=F("target_seconds") * 76 / 100, running_since=moment, next_check_at=now, fired_steps=[]
    )
    SlaFiring.objects.filter(clock_id__in=ids).delete()
    notes_before = Notification.objects.count()
    started = time.perf_counter()
    fired = run_sla_sweep(now=moment, limit=due)
    seconds = time.perf_counter() - started
    return {
        "due_clocks": len(ids),
        "fired": fired,
        "notifications": Notification.objects.count() - notes_before,
        "seconds": round(seconds, 2),
        "ms_per_clock": round(seconds * 1000 / max(1, len(ids)), 2),
    }


if __name__ == "__main__":
    main()
