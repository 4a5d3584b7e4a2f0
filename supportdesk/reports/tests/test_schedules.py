"""Report schedules through the API: create, read, replace, delete; owners and admins; validation
(422 naming the field), scope checks on the saved filters (403), other users' schedules (404)."""

from __future__ import annotations

from typing import Any

import pytest

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.reports import schedules
from supportdesk.reports.models import ReportSchedule
from supportdesk.testing.factories import AgentFactory, add_member

pytestmark = pytest.mark.django_db

BASE = "/api/v1/reports/schedules"


@pytest.fixture
def supervisor(group: Group) -> User:
    user = AgentFactory.create(email="sue@support.example", full_name="Sue Supervisor", role=Role.SUPERVISOR)
    add_member(group, user)
    return user


def body(**changes: Any) -> dict[str, Any]:
    return {"name": "Monday numbers", "weekday": 0, "hour": 7, **changes}


def test_create_read_replace_delete(supervisor: User, group: Group) -> None:
    client = ApiClient(supervisor)
    created = client.post(BASE, body(filters={"group": [group.pk], "channel": ["email", "web"]}, attach_xlsx=True))
    assert created.status_code == 201, created.content
    data = created.json()
    assert {k: v for k, v in data.items() if k not in ("id", "created_at")} == {
        "owner_id": supervisor.pk, "name": "Monday numbers", "report": "overview",
        "filters": {"group": [group.pk], "channel": ["email", "web"], "agent": [], "organization": []},
        "weekday": 0, "hour": 7, "attach_csv": True, "attach_xlsx": True, "is_active": True, "last_sent_at": None,
    }  # fmt: skip
    stored = ReportSchedule.objects.get(pk=data["id"])
    assert stored.owner == supervisor and stored.filters == {"group": [group.pk], "channel": ["email", "web"]}
    assert client.get(f"{BASE}/{stored.pk}").json() == data
    assert [row["id"] for row in client.get(BASE).json()] == [stored.pk]

    replaced = client.put(f"{BASE}/{stored.pk}", body(name="Friday", weekday=4, hour=16, attach_csv=False, is_active=False))
    assert replaced.status_code == 200, replaced.content
    stored.refresh_from_db()
    assert (stored.name, stored.weekday, stored.hour, stored.attach_csv, stored.attach_xlsx, stored.is_active, stored.filters) == (
        "Friday", 4, 16, False, False, False, {},
    )  # fmt: skip

    assert client.delete(f"{BASE}/{stored.pk}").status_code == 204
    assert not ReportSchedule.objects.exists()
    assert client.get(f"{BASE}/{stored.pk}").status_code == 404


def test_users_see_their_own_and_admins_all(supervisor: User, agent: User, admin: User) -> None:
    mine = schedules.create_schedule(supervisor, body())
    theirs = schedules.create_schedule(agent, body(name="Agent's"))
    assert [row["id"] for row in ApiClient(supervisor).get(BASE).json()] == [mine.pk]
    assert ApiClient(supervisor).get(f"{BASE}/{theirs.pk}").status_code == 404
    assert ApiClient(supervisor).put(f"{BASE}/{theirs.pk}", body()).status_code == 404
    assert ApiClient(supervisor).delete(f"{BASE}/{theirs.pk}").status_code == 404
    assert ApiClient(supervisor).post(f"{BASE}/{theirs.pk}/send").status_code == 404
    assert sorted(row["id"] for row in ApiClient(admin).get(BASE).json()) == sorted([mine.pk, theirs.pk])
    renamed = ApiClient(admin).put(f"{BASE}/{theirs.pk}", body(name="Renamed by admin"))
    assert renamed.status_code == 200 and renamed.json()["owner_id"] == agent.pk  # still the agent's


def test_customers_get_403(customer: User) -> None:
    assert ApiClient(customer).get(BASE).status_code == 403
    assert ApiClient(customer).post(BASE, body()).status_code == 403


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weekday": 7}, "weekday"),
        ({"hour": 24}, "hour"),
        ({"hour": -1}, "hour"),
        ({"name": ""}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"report": "pdf"}, "report"),
        ({"filters": {"channel": ["fax"]}}, "filters.channel"),
        ({"filters": {"group": ["abc"]}}, "filters.group.0"),
        ({"filters": {"colour": ["red"]}}, "filters.colour"),
        ({"owner_id": 1}, "owner_id"),
        ({"last_sent_at": "2026-01-01T00:00:00Z"}, "last_sent_at"),
    ],
)
def test_invalid_schedules_are_422(admin: User, changes: dict[str, Any], field: str) -> None:
    response = ApiClient(admin).post(BASE, body(**changes))
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert not ReportSchedule.objects.exists()


def test_saved_filters_must_be_in_the_owners_scope(supervisor: User, agent: User, reader: User, other_group: Group, admin: User) -> None:
    denied = ApiClient(supervisor).post(BASE, body(filters={"group": [other_group.pk]}))
    assert denied.status_code == 403
    assert ApiClient(agent).post(BASE, body(filters={"agent": [reader.pk]})).status_code == 403
    assert ApiClient(agent).post(BASE, body(filters={"agent": [agent.pk]})).status_code == 201
    own = schedules.create_schedule(supervisor, body())
    # An admin changing a supervisor's schedule cannot widen it beyond what the owner may see.
    assert ApiClient(admin).put(f"{BASE}/{own.pk}", body(filters={"group": [other_group.pk]})).status_code == 403


def test_actions_validate_without_the_api_schema(supervisor: User) -> None:
    from supportdesk.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as caught:
        schedules.create_schedule(supervisor, body(weekday=True))
    assert "weekday" in caught.value.field_errors
    with pytest.raises(ValidationFailed) as caught:
        schedules.create_schedule(supervisor, body(filters={"group": "1"}))
    assert "filters.group" in caught.value.field_errors
    with pytest.raises(ValidationFailed):
        schedules.create_schedule(supervisor, body(attach_csv="yes"))
    changed = schedules.update_schedule(supervisor, schedules.create_schedule(supervisor, body()), {"hour": 9, "name": "Monday numbers"})
    assert changed == ["hour"]


def test_a_user_has_at_most_fifty_schedules(supervisor: User) -> None:
    ReportSchedule.objects.bulk_create([ReportSchedule(owner=supervisor, name=f"S{n}") for n in range(schedules.MAX_SCHEDULES_PER_OWNER)])
    response = ApiClient(supervisor).post(BASE, body())
    assert response.status_code == 422
