"""Fixtures shared by the report tests: a settable clock, and the six-ticket dataset (dataset.py)
whose figures the API, export and drill-down tests compute by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.reports.tests.dataset import Dataset, at, build, patch_clock

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    """A clock patched over django.utils.timezone.now; tests move it with `clock.now = ...`."""

    def __init__(self) -> None:
        self.now = MONDAY


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    frozen = Clock()
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


@pytest.fixture
def data(
    monkeypatch: pytest.MonkeyPatch, admin: User, agent: User, outsider: User, group: Group, other_group: Group, customer: User
) -> Dataset:
    clock = patch_clock(monkeypatch, at(1, 0))
    return build(clock, admin=admin, agent=agent, outsider=outsider, group=group, other_group=other_group, customer=customer)
