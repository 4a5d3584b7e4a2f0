"""Churn on a small exact case: contact (a ticket created) in the previous period of the same length
and none in this one, for customers and organizations, under the report filters."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from supportdesk.accounts.models import Group, Organization, User
from supportdesk.reports.churn import churn
from supportdesk.reports.queries import ReportFilter
from supportdesk.reports.tests.dataset import patch_clock, refresh_all
from supportdesk.testing.factories import CustomerFactory
from supportdesk.tickets.actions import NewTicket, create_ticket

pytestmark = pytest.mark.django_db

THIS_WEEK = ReportFilter(start=date(2026, 3, 8), end=date(2026, 3, 14))  # previous: 1-7 March


@pytest.fixture
def contacts(monkeypatch: pytest.MonkeyPatch, admin: User, group: Group, other_group: Group) -> dict[str, User]:
    """A: 1 and 9 March (stays); B: 7 March by phone (churned); C: 8 March only (new); D: 28 February
    (before both periods); E: 3 March in Billing (churned). A and B are Org1, C Org2, D Org3, E Org4."""
    clock = patch_clock(monkeypatch, datetime(2026, 3, 1, tzinfo=UTC))
    orgs = {name: Organization.objects.create(name=name) for name in ("Org1", "Org2", "Org3", "Org4")}
    people: dict[str, User] = {}
    for name, org in (("A", "Org1"), ("B", "Org1"), ("C", "Org2"), ("D", "Org3"), ("E", "Org4")):
        people[name] = CustomerFactory.create(email=f"{name.lower()}@example.com")
        people[name].organizations.add(orgs[org])
    for name, day, channel, where in (
        ("A", (3, 1), "email", group), ("A", (3, 9), "email", group), ("B", (3, 7), "phone", group), ("C", (3, 8), "email", group),
        ("D", (2, 28), "email", group), ("E", (3, 3), "email", other_group),
    ):  # fmt: skip
        clock.now = datetime(2026, day[0], day[1], 12, tzinfo=UTC)
        create_ticket(admin, NewTicket(subject="Hi", body="Hi", customer_email=people[name].email, group_id=where.pk, channel=channel))
    refresh_all()
    return people


def test_customers_and_organizations(contacts: dict[str, User]) -> None:
    assert churn(THIS_WEEK) == {
        "customers": {"previous_active": 3, "churned": 2, "rate": 66.7},  # A, B, E before; B and E gone
        "organizations": {"previous_active": 2, "churned": 1, "rate": 50.0},  # Org1 (A stays), Org4 gone
    }


def test_filters_narrow_both_periods(contacts: dict[str, User], group: Group, other_group: Group) -> None:
    email = ReportFilter(start=THIS_WEEK.start, end=THIS_WEEK.end, channels=("email",))
    assert churn(email)["customers"] == {"previous_active": 2, "churned": 1, "rate": 50.0}  # A stays, E gone; B was a call
    support = ReportFilter(start=THIS_WEEK.start, end=THIS_WEEK.end, groups=(group.pk,))
    assert churn(support) == {
        "customers": {"previous_active": 2, "churned": 1, "rate": 50.0},
        "organizations": {"previous_active": 1, "churned": 0, "rate": 0.0},
    }
    billing = ReportFilter(start=THIS_WEEK.start, end=THIS_WEEK.end, groups=(other_group.pk,))
    assert churn(billing)["organizations"] == {"previous_active": 1, "churned": 1, "rate": 100.0}


def test_a_longer_range_compares_with_an_equally_long_one(contacts: dict[str, User]) -> None:
    fortnight = ReportFilter(start=date(2026, 3, 1), end=date(2026, 3, 14))  # previous: 15-28 February
    assert churn(fortnight)["customers"] == {"previous_active": 1, "churned": 1, "rate": 100.0}  # D (28 Feb), not back since
    nothing_before = ReportFilter(start=date(2026, 2, 1), end=date(2026, 2, 7))
    assert churn(nothing_before)["customers"] == {"previous_active": 0, "churned": 0, "rate": None}
