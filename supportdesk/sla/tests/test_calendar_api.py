"""The calendars API: staff read, admins write, problem+json errors, a query budget, and due-time."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from supportdesk.accounts.models import User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.sla.models import Calendar, ExtraWorkingHours, WorkingHours

PROBLEM = "application/problem+json"
OFFICE = [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}]


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Budapest office",
        "time_zone": "Europe/Budapest",
        "holiday_country": "HU",
        "week": dict.fromkeys(("monday", "tuesday", "wednesday", "thursday", "friday"), OFFICE),
        "closed_days": [{"date": "2025-06-13", "name": "Team day"}],
        "extra_days": [{"date": "2025-06-14", "name": "Migration", "hours": [{"start": "10:00", "end": "14:00"}]}],
    }
    data.update(overrides)
    return data


@pytest.fixture
def as_admin(admin: User) -> ApiClient:
    return ApiClient(admin)


@pytest.fixture
def created(as_admin: ApiClient) -> dict[str, Any]:
    response = as_admin.post("/api/v1/calendars", body())
    assert response.status_code == 201, response.content
    return response.json()


def test_create_returns_the_whole_calendar(created: dict[str, Any]) -> None:
    assert {k: v for k, v in created.items() if k not in {"id", "created_at", "updated_at"}} == {
        "name": "Budapest office",
        "time_zone": "Europe/Budapest",
        "holiday_country": "HU",
        "holiday_subdivision": "",
        "national_workdays": True,
        "is_default": False,
        "week": {
            "monday": OFFICE,
            "tuesday": OFFICE,
            "wednesday": OFFICE,
            "thursday": OFFICE,
            "friday": OFFICE,
            "saturday": [],
            "sunday": [],
        },
        "closed_days": [{"date": "2025-06-13", "name": "Team day"}],
        "extra_days": [{"date": "2025-06-14", "name": "Migration", "hours": [{"start": "10:00", "end": "14:00"}]}],
    }
    assert WorkingHours.objects.count() == 10
    assert list(ExtraWorkingHours.objects.values_list("start_minute", "end_minute")) == [(600, 840)]


def test_whole_days_round_trip_as_24_00(as_admin: ApiClient) -> None:
    response = as_admin.post("/api/v1/calendars", body(name="Round the clock", week={"sunday": [{"start": "00:00", "end": "24:00"}]}))
    assert response.status_code == 201, response.content
    assert response.json()["week"]["sunday"] == [{"start": "00:00", "end": "24:00"}]
    assert WorkingHours.objects.get(calendar__name="Round the clock").end_minute == 1440


def test_due_time_answers_the_issue_example(agent: User, created: dict[str, Any]) -> None:
    response = ApiClient(agent).get(f"/api/v1/calendars/{created['id']}/due-time", {"start": "2025-03-14T16:30:00+01:00", "minutes": 240})
    assert response.status_code == 200, response.content
    # Friday 16:30 + 4 business hours = Monday 11:30 in Budapest (10:30 UTC).
    assert response.json() == {"start": "2025-03-14T16:30:00+01:00", "minutes": 240, "due": "2025-03-17T10:30:00Z"}
    # Over the closed Friday onto the extra Saturday, which ends at 14:00 local (12:00 UTC).
    response = ApiClient(agent).get(f"/api/v1/calendars/{created['id']}/due-time", {"start": "2025-06-12T16:00:00+02:00", "minutes": 180})
    assert response.json()["due"] == "2025-06-14T10:00:00Z"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2025-03-14T16:30:00", "minutes": 60}, "start"),  # no UTC offset
        ({"start": "0001-01-01T00:00:00+14:00", "minutes": 60}, "start"),
        ({"start": "2025-03-14T16:30:00Z", "minutes": -1}, "minutes"),
        ({"start": "2025-03-14T16:30:00Z", "minutes": 10**12}, "minutes"),
        ({"start": "yesterday", "minutes": 60}, "start"),
    ],
)
def test_due_time_rejects_bad_input(as_admin: ApiClient, created: dict[str, Any], params: dict[str, Any], field: str) -> None:
    response = as_admin.get(f"/api/v1/calendars/{created['id']}/due-time", params)
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    assert field in response.json()["errors"]


def test_due_time_beyond_the_holiday_years_is_a_clear_422(as_admin: ApiClient, created: dict[str, Any]) -> None:
    response = as_admin.get(f"/api/v1/calendars/{created['id']}/due-time", {"start": "2025-03-14T16:30:00Z", "minutes": 8 * 60 * 260 * 7})
    assert response.status_code == 422
    assert "public holidays are known from 2024-01-01 to 2030-12-31" in response.json()["detail"]


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"week": {"monday": [{"start": "08:00", "end": "12:00"}, {"start": "11:00", "end": "13:00"}]}},
            {"week.monday": "08:00-12:00 and 11:00-13:00 overlap."},
        ),
        ({"week": {"monday": [{"start": "17:00", "end": "08:00"}]}}, {"week.monday": "17:00-08:00: the start must be before the end."}),
        ({"week": {"monday": [{"start": "24:30", "end": "24:45"}]}}, {"week.monday": "Times must lie between 00:00 and 24:00."}),
        ({"week": {}}, {"week": "Give at least one weekday working hours; without them no due time can ever be reached."}),
        (
            {"time_zone": "Mars/Olympus"},
            {"time_zone": "“Mars/Olympus” is not a known time zone; use an IANA name such as Europe/Budapest."},
        ),
        ({"holiday_country": "XX"}, {"holiday_country": "Public holidays are not available for the country “XX”."}),
        ({"holiday_subdivision": "ZZ"}, {"holiday_subdivision": "Unknown region “ZZ” for HU (known: none)."}),
        (
            {"extra_days": [{"date": "2025-06-13", "hours": [{"start": "10:00", "end": "11:00"}]}]},
            {"extra_days": "A date cannot be both a closed day and an extra working day: 2025-06-13."},
        ),
    ],
)
def test_rule_errors_name_the_field(as_admin: ApiClient, overrides: dict[str, Any], errors: dict[str, str]) -> None:
    response = as_admin.post("/api/v1/calendars", body(**overrides))
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    assert response.json()["errors"] == errors
    assert not Calendar.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"week": {"funday": OFFICE}},
        {"week": {"monday": [{"start": "8:00", "end": "12:00"}]}},
        {"week": {"monday": [{"start": "08:00\n", "end": "12:00"}]}},
        {"id": 7},  # mass assignment
        {"is_default": "maybe"},
        {"name": "Office\r\nX-Injected: 1"},
        {"closed_days": [{"date": "2025-02-30"}]},
        {"holiday_country": "HUN"},
    ],
)
def test_malformed_bodies_are_422(as_admin: ApiClient, overrides: dict[str, Any]) -> None:
    response = as_admin.post("/api/v1/calendars", body(**overrides))
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    assert not Calendar.objects.exists()


def test_patch_replaces_only_the_given_rules(as_admin: ApiClient, created: dict[str, Any]) -> None:
    url = f"/api/v1/calendars/{created['id']}"
    response = as_admin.patch(url, {"week": {"saturday": [{"start": "09:00", "end": "13:00"}]}, "holiday_subdivision": ""})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["week"]["saturday"] == [{"start": "09:00", "end": "13:00"}]
    assert data["week"]["monday"] == []
    assert data["closed_days"] == created["closed_days"]
    assert data["extra_days"] == created["extra_days"]
    assert data["updated_at"] > created["updated_at"]


def test_names_conflict(as_admin: ApiClient, created: dict[str, Any]) -> None:
    response = as_admin.post("/api/v1/calendars", body())
    assert response.status_code == 409
    assert response.json()["errors"] == {"name": "Already in use."}


def test_who_may_do_what(admin: User, agent: User, customer: User, created: dict[str, Any]) -> None:
    url = f"/api/v1/calendars/{created['id']}"
    as_agent, as_customer, anonymous = ApiClient(agent), ApiClient(customer), ApiClient(None)
    assert as_agent.get(url).status_code == 200
    assert as_agent.get("/api/v1/calendars").json()["items"][0]["id"] == created["id"]
    assert as_agent.post("/api/v1/calendars", body(name="Agent's")).status_code == 403
    assert as_agent.patch(url, {"name": "Renamed"}).status_code == 403
    assert as_agent.delete(url).status_code == 403
    for response in (
        as_customer.get(url),
        as_customer.get("/api/v1/calendars"),
        as_customer.post("/api/v1/calendars", body(name="Customer's")),
        as_customer.patch(url, {"name": "Renamed"}),
        as_customer.delete(url),
        as_customer.get(f"{url}/due-time", {"start": "2025-03-14T16:30:00Z", "minutes": 1}),
    ):
        assert response.status_code == 404
        assert response["Content-Type"].startswith(PROBLEM)
    assert anonymous.get(url).status_code == 401
    assert Calendar.objects.get().name == "Budapest office"


def test_delete(as_admin: ApiClient, created: dict[str, Any]) -> None:
    url = f"/api/v1/calendars/{created['id']}"
    assert as_admin.delete(url).status_code == 204
    assert as_admin.get(url).status_code == 404
    assert not WorkingHours.objects.exists()


def test_list_query_count_does_not_grow_with_calendars(as_admin: ApiClient) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = as_admin.get("/api/v1/calendars")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    as_admin.post("/api/v1/calendars", body(name="A"))
    one = count()
    for name in "BCDEF":
        as_admin.post("/api/v1/calendars", body(name=name))
    assert count() == one
    assert len(as_admin.get("/api/v1/calendars").json()["items"]) == 6
