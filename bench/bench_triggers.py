"""Trigger engine benchmark (issue 5): 200 active triggers, time per ticket event.

    .venv/bin/python bench/bench_triggers.py [--triggers 200] [--events 500] [--database-url URL]

Creates a fresh PostgreSQL database (default sd_rules_bench), migrates, and creates through the
real actions one group, an agent, 50 tickets and --triggers active triggers with 2-4 conditions
each, spread over the five trigger events and the condition fields (subject contains, priority
in, tags contains, customer domain, custom field, organization tier, owner set, age in hours,
nested any-groups). Then it times `engine.run_triggers` per event, as the after-commit subscriber
calls it, for:
(a) ticket.updated events on which no trigger matches (pure evaluation: load triggers, ticket,
    tags, history of the changed field, evaluate 200 condition sets);
(b) ticket.created events on which 2 triggers match and fire (each in its own transaction with
    its row lock and a TriggerFiring row; their tag is already there, so no cascade follows).
Prints JSON with median and p95 in milliseconds (target: < 10 ms per event).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from bench_database import fresh_database

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdesk.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["SUPPORTDESK_TASK_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sd_rules_bench"
EVENTS = ["ticket.created", "ticket.updated", "customer.replied", "agent.replied", "sla.warning"]


def conditions_for(index: int) -> dict[str, object]:
    """Varied condition sets that do not match the benchmark tickets (except the two 'hits')."""
    shapes: list[dict[str, object]] = [
        {
            "all": [
                {"field": "subject", "op": "contains", "value": f"never-{index}"},
                {"field": "priority", "op": "in", "value": ["high", "urgent"]},
            ]
        },
        {"all": [{"field": "tags", "op": "contains", "value": f"tag-{index}"}, {"field": "owner", "op": "is_set"}]},
        {"all": [{"field": "customer.domain", "op": "is", "value": f"d{index}.example"}]},
        {
            "all": [
                {"field": f"custom_fields.k{index % 7}", "op": "gt", "value": 10_000},
                {"field": "created_at", "op": "older_than", "value": 48},
            ]
        },
        {
            "all": [{"field": "state", "op": "is_not", "value": "closed"}],
            "any": [{"field": "organization.tier", "op": "is", "value": f"tier-{index}"}, {"field": "language", "op": "is", "value": "xx"}],
        },
        {
            "all": [
                {"field": "priority", "op": "changed_to", "value": "urgent"},
                {"field": "subject", "op": "starts_with", "value": f"zz{index}"},
            ]
        },
    ]
    return shapes[index % len(shapes)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("RULES_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--triggers", type=int, default=200)
    parser.add_argument("--events", type=int, default=500)
    args = parser.parse_args()
    fresh_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from supportdesk.accounts.choices import GroupAccess
    from supportdesk.automation.rules import manage
    from supportdesk.automation.rules.engine import TicketEventInfo, run_triggers
    from supportdesk.testing.factories import AdminFactory, AgentFactory, CustomerFactory, GroupFactory, add_member
    from supportdesk.tickets.actions import NewTicket, add_tags, create_ticket, update_ticket

    group = GroupFactory.create(name="Support")
    admin = AdminFactory.create(email="admin@bench.example")
    agent = AgentFactory.create(email="agent@bench.example")
    add_member(group, agent, GroupAccess.FULL)
    CustomerFactory.create(email="carla@customer.example")
    tickets = []
    for number in range(50):
        ticket = create_ticket(
            agent, NewTicket(subject=f"Printer {number}", body="It broke.", customer_email="carla@customer.example", group_id=group.pk)
        )
        update_ticket(agent, ticket, {"priority": "high"})
        add_tags(agent, ticket, ["bench"])
        tickets.append(ticket)
    for index in range(args.triggers - 2):
        manage.create_trigger(
            admin,
            {
                "name": f"T{index}",
                "events": [EVENTS[index % 2], EVENTS[2 + index % 3]],  # every trigger listens to created or updated
                "conditions": conditions_for(index),
                "actions": [{"action": "add_tag", "value": f"t{index}"}],
            },
        )
    for hit in range(2):  # match every created ticket; the tag is present, so the firing changes nothing
        manage.create_trigger(
            admin,
            {
                "name": f"hit {hit}",
                "events": ["ticket.created"],
                "conditions": {"all": [{"field": "tags", "op": "contains", "value": "bench"}]},
                "actions": [{"action": "add_tag", "value": "bench"}],
            },
        )

    def measure(kind: str, changed: tuple[str, ...]) -> dict[str, float]:
        timings = []
        for round_number in range(args.events):
            ticket = tickets[round_number % len(tickets)]
            started = time.perf_counter()
            fired = run_triggers(TicketEventInfo(kind, ticket.pk, changed=changed))
            timings.append((time.perf_counter() - started) * 1000)
            assert len(fired) == (2 if kind == "ticket.created" else 0), fired
        timings.sort()
        return {
            "median_ms": round(statistics.median(timings), 3),
            "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 3),
            "max_ms": round(timings[-1], 3),
        }

    run_triggers(TicketEventInfo("ticket.updated", tickets[0].pk, changed=("priority",)))  # warm the compiled-trigger cache
    result = {
        "machine": f"{platform.processor() or platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "active_triggers": args.triggers,
        "events_per_case": args.events,
        "no_match_updated": measure("ticket.updated", ("priority",)),
        "two_fire_created": measure("ticket.created", ()),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
