"""Server-time benchmark of the core pages and endpoints against a seeded database.

Run after `supportdesk seed_bench`, e.g.:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sd_bench .venv/bin/python bench/bench_core.py --requests 50

Requests go through Django's test Client in-process (no network, no server), so the figures are
server time: middleware, view, queries, template or JSON rendering. Each scenario is warmed up,
then timed; query counts come from one extra captured request so capturing costs no timed time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Production-like settings: DEBUG off (no query log, cached templates).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdesk.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from supportdesk.accounts.choices import GroupAccess  # noqa: E402
from supportdesk.accounts.models import GroupMembership, User  # noqa: E402
from supportdesk.accounts.tokens import create_token  # noqa: E402
from supportdesk.search.seeding import BENCH_AGENT  # noqa: E402
from supportdesk.tickets.models import Article, Ticket  # noqa: E402

TARGETS_MS = {"inbox": 100, "api_list": 100, "ticket_page": 150, "search_ui": 300, "search_api": 300}


@dataclass
class Result:
    name: str
    url: str
    times_ms: list[float]
    queries: int
    status: int

    def pct(self, p: float) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def search_queries(agent: User) -> list[str]:
    """Realistic queries: common words in four languages, a prefix, two words, a name, an e-mail,
    an order number, a ticket number, and a word that matches nothing."""
    visible = Ticket.objects.filter(group_id__in=GroupMembership.objects.filter(user=agent).values("group_id"))
    sample = visible.select_related("customer").order_by("-id").first()
    assert sample is not None, "seed the database first"
    order_text = Article.objects.filter(ticket=sample, body_text__contains="ORD-").values_list("body_text", flat=True).first() or ""
    order = next((w.strip(".") for w in order_text.split() if w.startswith("ORD-")), "ORD-004711")
    return [
        "printer",
        "Rechnung",
        "számla",
        "rēķins nosūtiet",
        "refund delivery",
        "passw",
        sample.customer.full_name,
        sample.customer.email,
        order,
        f"#{sample.number}",
        "zzqxjv",
    ]


def run(client: Client, name: str, urls: list[str], *, warmup: int, requests: int, headers: dict[str, str]) -> Result:
    for i in range(warmup):
        client.get(urls[i % len(urls)], headers=headers)
    count = [0]

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        response = client.get(urls[0], headers=headers)
    assert response.status_code == 200, f"{name}: {urls[0]} answered {response.status_code}"
    times = []
    for i in range(requests):
        started = time.perf_counter()
        response = client.get(urls[i % len(urls)], headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, f"{name}: {urls[i % len(urls)]} answered {response.status_code}"
    return Result(name, urls[0] if len(urls) == 1 else f"{urls[0]} (+{len(urls) - 1} more)", times, count[0], response.status_code)


def big_ticket(agent: User) -> Ticket:
    """The seeded ticket with the most articles; the bench agent gets read access to its group."""
    ticket = Ticket.objects.filter(article_count__gte=200).order_by("id").first()
    assert ticket is not None, "seed_bench creates a ticket with 200 articles"
    GroupMembership.objects.get_or_create(group_id=ticket.group_id, user=agent, defaults={"access": GroupAccess.READ})
    return ticket


def scenarios(agent: User, ticket: Ticket) -> list[tuple[str, list[str], bool]]:
    queries = search_queries(agent)
    return [
        ("inbox", ["/inbox/"], False),
        ("api_list", ["/api/v1/tickets"], True),
        ("ticket_page", [f"/tickets/{ticket.pk}/"], False),
        ("search_ui", ["/search/?" + urlencode({"q": q}) for q in queries], False),
        ("search_api", ["/api/v1/search?" + urlencode({"q": q}) for q in queries], True),
    ]


def table(results: list[Result], title: str) -> str:
    lines = [
        f"### {title}",
        "",
        "| scenario | URL | requests | p50 ms | p95 ms | max ms | queries/request | target p95 ms | met |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        target = TARGETS_MS[r.name]
        met = "yes" if r.pct(0.95) < target else "**no**"
        lines.append(
            f"| {r.name} | `{r.url}` | {len(r.times_ms)} | {statistics.median(r.times_ms):.1f} | {r.pct(0.95):.1f} | "
            f"{max(r.times_ms):.1f} | {r.queries} | {target} | {met} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--only", default="", help=f"Run only these scenarios, comma-separated: {','.join(TARGETS_MS)}.")
    parser.add_argument("--out", default="", help="Write the Markdown table to this file.")
    args = parser.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if only - set(TARGETS_MS):
        parser.error(f"unknown scenario(s) {', '.join(sorted(only - set(TARGETS_MS)))}; choose from {', '.join(TARGETS_MS)}")
    agent = User.objects.get(email=BENCH_AGENT)
    ticket = big_ticket(agent)
    _token, key = create_token(agent, name="bench")
    client = Client()
    client.force_login(agent)
    results = []
    for name, urls, is_api in scenarios(agent, ticket):
        if only and name not in only:
            continue
        headers = {"Authorization": f"Token {key}"} if is_api else {}
        result = run(client, name, urls, warmup=args.warmup, requests=args.requests, headers=headers)
        print(f"{name:12} p50 {statistics.median(result.times_ms):7.1f} ms  p95 {result.pct(0.95):7.1f} ms  queries {result.queries}")
        results.append(result)
    tickets = Ticket.objects.count() if connection.vendor == "sqlite" else _estimate("tickets_ticket")
    title = f"{connection.vendor}, ~{tickets:,} tickets, {date.today().isoformat()}"
    output = table(results, title)
    print(output)
    if args.out:
        Path(args.out).write_text(output)


def _estimate(table_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table_name])
        return int(cursor.fetchone()[0])


if __name__ == "__main__":
    main()
