"""Reports benchmark (issue 8): every dashboard endpoint under 500 ms p95 for a 12-month range over
1,000,000 tickets on PostgreSQL.

    .venv/bin/python bench/bench_reports.py seed [--tickets 1000000] [--database-url URL]
    .venv/bin/python bench/bench_reports.py time [--samples 30] [--database-url URL]

seed: a fresh database (dropped and created), migrated, then `seed_bench` (search.seeding: 20
groups, 200 agents, 2,000 organizations, tickets spread over two years, states, owners, channels
and languages distributed as there, 2 articles per ticket on average) and then
`supportdesk reports backfill`, timed, with the fact and rollup row counts and table sizes.

time: migrates (so later migrations apply), then requests each dashboard endpoint through the
whole Django stack (URL routing, token auth, access scope, JSON) with the test client as an
admin, for the last 12 months ending today, with compare=previous where the endpoint takes it:
the overview, series by day/week/month, breakdowns by each dimension, agents, churn, live tiles
and the first drill-down page; --samples times each after one warm-up, and prints p50/p95/max
in milliseconds. Also as a supervisor of 4 groups (the scoped queries) for the overview.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
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

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sd_bench_reports"


def setup(url: str) -> None:
    import django

    os.environ["DATABASE_URL"] = url
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(args: argparse.Namespace) -> None:
    fresh_database(args.database_url)
    setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("seed_bench", tickets=args.tickets, articles_per_ticket=2, batch=10000)
    print(f"seed: {args.tickets} tickets in {time.perf_counter() - started:.0f}s", flush=True)
    started = time.perf_counter()
    call_command("reports", "backfill")
    elapsed = time.perf_counter() - started
    print(f"backfill: {args.tickets / elapsed:.0f} tickets/s ({elapsed:.0f}s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        for table in ("reports_ticketdayfact", "reports_dailyfact", "reports_dailyagentfact", "reports_dailydimensionfact"):
            cursor.execute(f"SELECT count(*), pg_size_pretty(pg_total_relation_size('{table}')) FROM {table}")
            rows, size = cursor.fetchone()
            print(f"{table}: {rows} rows, {size}")


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_endpoints(args: argparse.Namespace) -> None:
    setup(args.database_url)
    from django.test import Client
    from django.utils import timezone

    from supportdesk.accounts.models import ApiToken, Group, User
    from supportdesk.accounts.tokens import create_token
    from supportdesk.testing.factories import add_member

    admin = User.objects.filter(role="admin").first() or User.objects.create_user(email="bench-admin@example.com", role="admin")
    supervisor, _ = User.objects.get_or_create(email="bench-supervisor@example.com", defaults={"role": "supervisor"})
    for group in Group.objects.order_by("pk")[:4]:
        if not group.memberships.filter(user=supervisor).exists():
            add_member(group, supervisor)
    ApiToken.objects.filter(name="bench-reports").delete()
    tokens = {who.email: create_token(who, name="bench-reports")[1] for who in (admin, supervisor)}
    client = Client()
    today = timezone.localdate()
    start = today - timedelta(days=364)
    common = f"from={start.isoformat()}&to={today.isoformat()}"
    agent_id = User.objects.filter(role="agent").order_by("pk").values_list("pk", flat=True).first()
    requests: list[tuple[str, str, str]] = [
        ("overview (compare)", admin.email, f"/api/v1/reports/overview?{common}&compare=previous"),
        ("series day: created,solved,backlog", admin.email, f"/api/v1/reports/series?{common}&interval=day&metrics=created,solved,backlog"),
        ("series week: frt/resolution medians", admin.email,
         f"/api/v1/reports/series?{common}&interval=week&metrics=frt_wall_median,frt_wall_p90,resolution_wall_median"),
        ("series month: volume (compare)", admin.email,
         f"/api/v1/reports/series?{common}&interval=month&metrics=created,solved,reopened,fcr_rate&compare=previous"),
        ("breakdown group", admin.email, f"/api/v1/reports/breakdown?{common}&by=group"),
        ("breakdown channel", admin.email, f"/api/v1/reports/breakdown?{common}&by=channel"),
        ("breakdown agent", admin.email, f"/api/v1/reports/breakdown?{common}&by=agent"),
        ("breakdown organization", admin.email, f"/api/v1/reports/breakdown?{common}&by=organization"),
        ("breakdown language", admin.email, f"/api/v1/reports/breakdown?{common}&by=language"),
        ("agents", admin.email, f"/api/v1/reports/agents?{common}"),
        ("churn", admin.email, f"/api/v1/reports/churn?{common}"),
        ("live tiles", admin.email, "/api/v1/reports/live"),
        ("drilldown solved, page 1", admin.email, f"/api/v1/reports/drilldown?{common}&measure=solved"),
        ("overview, one agent", admin.email, f"/api/v1/reports/overview?{common}&agent={agent_id}&compare=previous"),
        ("overview, supervisor of 4 groups", supervisor.email, f"/api/v1/reports/overview?{common}&compare=previous"),
        ("breakdown agent, supervisor", supervisor.email, f"/api/v1/reports/breakdown?{common}&by=agent"),
    ]  # fmt: skip
    print(f"machine: {platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} cores; range {start}..{today}")
    print(f"{'endpoint':<42} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    worst = 0.0
    for label, who, url in requests:
        headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Token {tokens[who]}"}
        response = client.get(url, **headers)
        if response.status_code != 200:
            print(f"{label}: HTTP {response.status_code} {response.content[:300]!r}")
            continue
        timings = []
        for _ in range(args.samples):
            began = time.perf_counter()
            client.get(url, **headers)
            timings.append((time.perf_counter() - began) * 1000)
        p95 = _percentile(timings, 0.95)
        worst = max(worst, p95)
        print(f"{label:<42} {statistics.median(timings):8.1f} {p95:8.1f} {max(timings):8.1f}", flush=True)
    print(f"worst p95: {worst:.1f} ms ({'under' if worst < 500 else 'OVER'} 500 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("part", choices=["seed", "time"])
    parser.add_argument("--database-url", default=os.environ.get("REPORTS_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("the reports benchmark runs on PostgreSQL (a postgres:// URL)")
    if args.part == "seed":
        seed(args)
    else:
        time_endpoints(args)


if __name__ == "__main__":
    main()
