"""PostgreSQL specifics of the suggestions engine: planner estimates on large tables, and the
bounded statements (settings put back, a timeout gives no candidates and leaves the transaction usable)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection

from supportdesk.accounts.models import User
from supportdesk.ai.suggestions import engine
from supportdesk.ai.suggestions.selectors import suggestions_for
from supportdesk.ai.tests.suggestions_world import solved_ticket
from supportdesk.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://...")


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s)", [name])
        return str(cursor.fetchone()[0])


def test_large_tables_use_planner_estimates(make_ticket: Callable[..., Ticket], agent: User, monkeypatch: pytest.MonkeyPatch) -> None:
    past = solved_ticket(make_ticket, agent, subject="Scanner driver crash", body="The scanner driver crashes.", reply="Reinstall it.")
    ticket = make_ticket(subject="Scanner driver crash", body="My scanner driver crashes.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_ticketsearchdocument")  # the statistics the estimates come from
    monkeypatch.setattr(engine, "PG_EXACT_BELOW", 0)
    found = engine.document_frequencies(["scanner", "nothingsuch"], total=2, cap=50)
    assert found["scanner"] == 2 and 0 <= found["nothingsuch"] <= 1
    assert [t.id for t in suggestions_for(agent, ticket.pk).similar] == [past.pk]


def test_bounded_statements_restore_settings_and_survive_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _setting("enable_seqscan")

    def probe() -> str:
        return _setting("enable_seqscan")

    assert engine.run_bounded(probe) == "off"
    assert _setting("enable_seqscan") == before
    monkeypatch.setitem(engine.PG_SETTINGS, "statement_timeout", "20ms")

    def slow() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(0.5)")

    assert engine.run_bounded(slow) is None
    assert _setting("enable_seqscan") == before  # the savepoint rolled the settings back
    assert Ticket.objects.count() >= 0  # the outer (test) transaction is still usable
