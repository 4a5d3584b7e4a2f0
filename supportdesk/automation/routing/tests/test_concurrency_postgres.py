"""Two (and more) workers routing at once never assign an agent beyond capacity (PostgreSQL).

Each thread has its own connection and routes its own tickets at the same moment; the candidates'
AgentRouting rows are locked in id order before their open tickets are counted, so the counts are
always current. On SQLite this test is skipped (its single write lock serialises everything).
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from supportdesk.automation.routing.choices import Chooser
from supportdesk.automation.routing.engine import route_ticket
from supportdesk.automation.routing.models import AgentRouting
from supportdesk.tickets.models import Ticket

WORKERS = 6
TICKETS = 30
CAPACITY = 3


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks: run with DATABASE_URL=postgres://...")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("chooser", [Chooser.LEAST_LOADED, Chooser.ROUND_ROBIN])
def test_parallel_routing_never_exceeds_capacity(agents, make_rule, make_ticket, chooser) -> None:
    for user in agents:
        AgentRouting.objects.create(user=user, max_open_tickets=CAPACITY)
    make_rule(filters=[{"filter": "under_capacity"}], chooser=chooser, auto_assign=False)  # routed below, not on create
    ids = [make_ticket().pk for _ in range(TICKETS)]
    barrier = threading.Barrier(WORKERS)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def work(mine: list[int]) -> None:
        try:
            barrier.wait()
            for ticket_id in mine:
                outcomes.append(route_ticket(ticket_id).outcome)
        except BaseException as exc:  # surfaced in the test thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(ids[n::WORKERS],)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    per_agent = Counter(Ticket.objects.filter(owner__isnull=False).values_list("owner_id", flat=True))
    assert per_agent == {user.pk: CAPACITY for user in agents}
    assert Counter(outcomes) == {"assigned": CAPACITY * len(agents), "no_agent": TICKETS - CAPACITY * len(agents)}
