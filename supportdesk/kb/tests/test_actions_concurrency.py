"""Two people save the same translation at the same moment from the same version, on PostgreSQL:
the row lock serialises them, one save wins and the other gets a Conflict, and no text is lost
silently. Skipped on SQLite (its write lock serialises everything anyway)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict
from supportdesk.kb import actions
from supportdesk.kb.models import Translation, Version
from supportdesk.kb.tests.test_actions_support import kb_category as kb_category
from supportdesk.kb.tests.test_actions_support import make_article as make_article
from supportdesk.kb.tests.test_actions_support import supervisor as supervisor


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_parallel_saves_from_one_version_conflict(
    attempt: int, agent: User, supervisor: User, make_article: Callable[..., Translation]
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks): run with DATABASE_URL=postgres://...")
    row = make_article()
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(user: User, text: str) -> None:
        try:
            barrier.wait()
            fresh = Translation.objects.get(pk=row.pk)
            actions.edit_translation(User.objects.get(pk=user.pk), fresh, title=fresh.title, body_html=f"<p>{text}</p>", base_version=1)
            outcomes[text] = "saved"
        except Conflict:
            outcomes[text] = "conflict"
        except BaseException as exc:  # reported below
            outcomes[text] = repr(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(agent, "agent")), threading.Thread(target=save, args=(supervisor, "supervisor"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
    winner = next(text for text, outcome in outcomes.items() if outcome == "saved")
    row.refresh_from_db()
    assert (row.version, row.body_text) == (2, winner)
    assert list(Version.objects.filter(translation=row).order_by("number").values_list("number", flat=True)) == [1, 2]
