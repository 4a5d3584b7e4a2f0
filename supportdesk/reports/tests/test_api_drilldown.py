"""The drill-down endpoint lists exactly the tickets behind a figure, within what the caller may
see, newest first with cursor paging; its values are the exact per-ticket durations."""

from __future__ import annotations

from typing import Any

import pytest

from supportdesk.accounts.models import User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.reports.tests.dataset import HYPERLINK, WEEK, Dataset

pytestmark = pytest.mark.django_db


def listed(user: User, params: str) -> dict[str, Any]:
    response = ApiClient(user).get(f"/api/v1/reports/drilldown?{WEEK}&{params}")
    assert response.status_code == 200, response.content
    return response.json()


def ids(body: dict[str, Any]) -> list[int]:
    return [item["id"] for item in body["items"]]


def test_the_tickets_behind_created(data: Dataset) -> None:
    body = listed(data.admin, "measure=created")
    assert body["measure"] == "created"
    assert ids(body) == [data.t4.pk, data.t3.pk, data.t2.pk, data.t1.pk]  # newest first; T5, T6 are before the range
    assert body["next_cursor"] is None
    t3 = body["items"][1]
    assert t3 == {
        "id": data.t3.pk, "number": data.t3.number, "subject": HYPERLINK, "state": "new", "group": "Support", "owner": None,
        "customer": "Bert Other", "created_at": "2026-03-03T08:00:00Z", "value": 1,
    }  # fmt: skip


def test_a_duration_kpi_lists_exact_seconds(data: Dataset) -> None:
    body = listed(data.admin, "measure=frt_wall_median")
    assert body["measure"] == "frt_wall"
    assert [(item["id"], item["value"]) for item in body["items"]] == [(data.t4.pk, 600), (data.t2.pk, 86400), (data.t1.pk, 1800)]
    resolution = listed(data.admin, "measure=resolution_wall_p90&by=group&key=" + str(data.support.pk))
    assert [(item["id"], item["value"]) for item in resolution["items"]] == [(data.t2.pk, 97200), (data.t1.pk, 7200)]


def test_a_breakdown_key_and_a_period_narrow_the_list(data: Dataset) -> None:
    assert ids(listed(data.admin, f"measure=created&by=group&key={data.support.pk}")) == [data.t3.pk, data.t2.pk, data.t1.pk]
    assert ids(listed(data.admin, "measure=created&by=channel&key=email")) == [data.t4.pk, data.t1.pk]
    assert ids(listed(data.admin, "measure=created&by=organization&key=0")) == [data.t4.pk, data.t3.pk]  # no organization
    assert ids(listed(data.admin, "measure=solved&period=2026-03-03&interval=day")) == [data.t2.pk]
    assert ids(listed(data.admin, "measure=solved&period=2026-03-02&interval=week")) == [data.t4.pk, data.t2.pk, data.t1.pk]
    assert ids(listed(data.admin, "measure=reopen_rate")) == [data.t4.pk]  # solves reopened later
    assert ids(listed(data.admin, "measure=fcr_rate")) == [data.t1.pk]
    assert ids(listed(data.admin, "measure=reopened")) == [data.t4.pk]


def test_cursor_paging_walks_the_whole_list_once(data: Dataset) -> None:
    first = listed(data.admin, "measure=created&limit=3")
    assert ids(first) == [data.t4.pk, data.t3.pk, data.t2.pk]
    assert first["next_cursor"]
    second = listed(data.admin, f"measure=created&limit=3&cursor={first['next_cursor']}")
    assert ids(second) == [data.t1.pk]
    assert second["next_cursor"] is None


def test_visibility_follows_the_scope(data: Dataset) -> None:
    assert ids(listed(data.supervisor, "measure=created")) == [data.t3.pk, data.t2.pk, data.t1.pk]  # not Billing's T4
    assert ids(listed(data.supervisor, f"measure=created&by=group&key={data.billing.pk}")) == []
    denied = ApiClient(data.supervisor).get(f"/api/v1/reports/drilldown?{WEEK}&measure=created&group={data.billing.pk}")
    assert denied.status_code == 403
    assert ids(listed(data.agent, "measure=created")) == [data.t2.pk, data.t1.pk]  # own tickets only
    assert ids(listed(data.outsider, "measure=solved")) == [data.t4.pk]
    assert ApiClient(data.carla).get(f"/api/v1/reports/drilldown?{WEEK}&measure=created").status_code == 403
