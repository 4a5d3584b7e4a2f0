"""The calendar and SLA policy settings pages: admin gate, structured forms, errors next to inputs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from supportdesk.accounts.models import Group, User
from supportdesk.sla import actions as calendar_actions
from supportdesk.sla import policies
from supportdesk.sla.models import Calendar, ClosedDay, ExtraWorkingDay, SlaPolicy

pytestmark = pytest.mark.django_db

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@pytest.fixture(autouse=True)
def recomputes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr("supportdesk.sla.recompute.schedule_recompute", calls.append)
    return calls


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Any:
    """Run after-commit callbacks (the recompute) as a real commit would: `with commit(): ...`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def as_admin(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def calendar_post(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Budapest office",
        "time_zone": "Europe/Budapest",
        "holiday_country": "HU",
        "holiday_subdivision": "",
        "national_workdays": "on",
        **dict.fromkeys(WEEKDAYS, ""),
        "monday": "08:00-12:00, 13:00-17:00",
        "tuesday": "8:00-17:00",
        "closed_days": "2026-12-28 Team day\n\n2026-12-29",
        "extra_days": "2026-12-12 09:00-13:00, 14:00-15:00 Stock-taking",
    }
    data.update(overrides)
    return data


def policy_post(form_rows: int = 2, **overrides: str | list[str]) -> dict[str, Any]:
    """A posted policy form with `form_rows` empty rows of each kind and the overrides filled in."""
    data: dict[str, Any] = {"name": "Standard", "is_active": "on", "calendar": "", "manager": "", "webhook_url": ""}
    data.update({"pause_states": "on_hold"})
    for i in range(form_rows):
        data.update({f"c{i}_field": "", f"c{i}_op": "is", f"c{i}_value": ""})
        data.update({f"w{i}_kind": "", f"w{i}_amount": ""})
        data.update({f"e{i}_after": "", f"e{i}_priority": "", f"e{i}_group": "", f"e{i}_tag": ""})
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "url",
    ["/settings/calendars/", "/settings/calendars/new/", "/settings/sla-policies/", "/settings/sla-policies/new/"],
)
def test_only_admins_see_the_pages(url: str, agent: User, customer: User, as_admin: Client) -> None:
    assert Client().get(url).status_code == 302  # to sign-in
    for user in (agent, customer):
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403
        assert b"Not allowed" in response.content
    assert as_admin.get(url).status_code == 200


def test_agent_cannot_post_a_policy(agent: User) -> None:
    client = Client()
    client.force_login(agent)
    response = client.post("/settings/sla-policies/new/", policy_post(t_any_first_response="4:00"))
    assert response.status_code == 403
    assert not SlaPolicy.objects.exists()


def test_navigation_links_for_admins_only(as_admin: Client, agent: User) -> None:
    page = as_admin.get("/settings/").content.decode()
    assert 'href="/settings/sla-policies/"' in page and 'href="/settings/calendars/"' in page
    client = Client()
    client.force_login(agent)
    assert client.get("/settings/").status_code == 403


def test_create_calendar_with_intervals_closed_and_extra_days(as_admin: Client, recomputes: list[str], commit: Any) -> None:
    with commit():
        response = as_admin.post("/settings/calendars/new/", calendar_post())
    assert response.status_code == 303, response.content.decode()
    calendar = Calendar.objects.get(name="Budapest office")
    assert response["Location"] == f"/settings/calendars/{calendar.pk}/"
    hours = list(calendar.working_hours.order_by("weekday", "start_minute").values_list("weekday", "start_minute", "end_minute"))
    assert hours == [(0, 480, 720), (0, 780, 1020), (1, 480, 1020)]
    assert list(ClosedDay.objects.values_list("date", "name")) == [(date(2026, 12, 28), "Team day"), (date(2026, 12, 29), "")]
    extra = ExtraWorkingDay.objects.get()
    assert (extra.date, extra.name) == (date(2026, 12, 12), "Stock-taking")
    assert list(extra.intervals.values_list("start_minute", "end_minute")) == [(540, 780), (840, 900)]
    assert recomputes == []  # not the default calendar: no policy counts in it yet

    page = as_admin.get(response["Location"]).content.decode()
    assert 'value="08:00-12:00, 13:00-17:00"' in page
    assert "2026-12-12 09:00-13:00, 14:00-15:00 Stock-taking" in page


def test_calendar_errors_are_shown_next_to_their_inputs(as_admin: Client) -> None:
    data = calendar_post(monday="08:00-12:00, 11:00-13:00", wednesday="eight to five", holiday_country="XX", closed_days="tomorrow")
    response = as_admin.post("/settings/calendars/new/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["wednesday"] == ["Write hours as 08:00-12:00, 13:00-17:00."]
    assert errors["closed_days"] == ["Line 1: start with a date, e.g. 2026-12-24."]
    assert "holiday_country" in errors  # not a choice
    assert not Calendar.objects.exists()

    # Errors only the action knows (overlaps, a region of another country) land on their inputs too.
    response = as_admin.post("/settings/calendars/new/", calendar_post(monday="08:00-12:00, 11:00-13:00", holiday_subdivision="ZZ"))
    errors = response.context["form"].errors
    assert set(errors) == {"monday", "holiday_subdivision"}
    assert "field-error" in response.content.decode()
    assert not Calendar.objects.exists()


def test_closed_and_extra_on_the_same_date_is_refused(as_admin: Client) -> None:
    response = as_admin.post("/settings/calendars/new/", calendar_post(closed_days="2026-12-12 Off"))
    assert "cannot be both a closed day and an extra working day" in response.context["form"].errors["extra_days"][0]


def test_edit_calendar_recomputes_and_checks_a_due_time(as_admin: Client, admin: User, recomputes: list[str], commit: Any) -> None:
    calendar = calendar_actions.create_calendar(
        admin, {"name": "Office", "time_zone": "Europe/Budapest", "holiday_country": "HU", "week": dict.fromkeys(range(5), ((480, 1020),))}
    )
    url = f"/settings/calendars/{calendar.pk}/"
    with_hours = calendar_post(name="Office", **dict.fromkeys(WEEKDAYS[:5], "08:00-17:00"), closed_days="", extra_days="")
    with_hours["wednesday"] = "08:00-14:00"
    with commit():
        response = as_admin.post(url, with_hours)
    assert response.status_code == 303
    assert recomputes == [f"calendar {calendar.pk} changed"]
    assert calendar.working_hours.get(weekday=2).end_minute == 14 * 60
    with commit():
        assert as_admin.post(url, with_hours).status_code == 303
    assert recomputes == [f"calendar {calendar.pk} changed"]  # nothing changed the second time

    # Friday 16:30 + 4 business hours = Monday 11:30 (the example, November 2026).
    page = as_admin.get(url, {"start": "2026-11-20T16:30", "duration": "4:00"}).content.decode()
    assert "4:00 of business time after Fri 2026-11-20 16:30 is due at Mon 2026-11-23 11:30 (Europe/Budapest)." in page
    bad = as_admin.get(url, {"start": "yesterday", "duration": "x"})
    assert set(bad.context["check_form"].errors) == {"start", "duration"}


def test_delete_calendar_used_by_a_policy_is_refused(as_admin: Client, admin: User) -> None:
    calendar = calendar_actions.create_calendar(admin, {"name": "Office", "week": {0: ((480, 1020),)}})
    policies.create_policy(admin, {"name": "Std", "calendar_id": calendar.pk, "targets": {"*": {"resolution": 60}}})
    response = as_admin.post(f"/settings/calendars/{calendar.pk}/delete/", follow=True)
    assert "SLA policies use this calendar" in response.content.decode()
    assert Calendar.objects.filter(pk=calendar.pk).exists()
    SlaPolicy.objects.all().delete()
    response = as_admin.post(f"/settings/calendars/{calendar.pk}/delete/")
    assert response.status_code == 303 and response["Location"] == "/settings/calendars/"
    assert not Calendar.objects.exists()


def test_create_policy_from_structured_rows(as_admin: Client, group: Group, agent: User, recomputes: list[str], commit: Any) -> None:
    data = policy_post(
        manager=str(agent.pk),
        c0_field="priority",
        c0_op="in",
        c0_value="high, urgent",
        c1_field="group",
        c1_op="is",
        c1_value="support",  # by name, any case
        t_any_first_response="4:00",
        t_any_resolution="2880",
        t_urgent_first_response="0:30",
        w0_kind="percent",
        w0_amount="75",
        w0_audience=["owner", "manager"],
        w0_channels=["in_app", "email"],
        w1_kind="minutes_before",
        w1_amount="0:15",
        w1_audience="group_supervisors",
        w1_channels="in_app",
        e0_after="0:00",
        e0_notify="owner_manager",
        e0_priority="urgent",
        e1_after="1:00",
        e1_group=str(group.pk),
        e1_tag="escalated",
    )
    data["pause_states"] = ["on_hold", "pending_close"]
    with commit():
        response = as_admin.post("/settings/sla-policies/new/", data)
    assert response.status_code == 303, response.context["form"].errors if response.context else response
    policy = SlaPolicy.objects.get()
    assert policy.manager_id == agent.pk
    assert policy.conditions == [
        {"field": "priority", "op": "in", "value": ["high", "urgent"]},
        {"field": "group", "op": "is", "value": group.pk},
    ]
    assert policy.targets == {"*": {"first_response": 240, "resolution": 2880}, "urgent": {"first_response": 30}}
    assert policy.pause_states == ["pending_close", "on_hold"]
    assert policy.warnings == [
        {"percent": 75, "audience": ["owner", "manager"], "channels": ["in_app", "email"]},
        {"minutes_before": 15, "audience": ["group_supervisors"], "channels": ["in_app"]},
    ]
    assert policy.escalations == [
        {
            "after_minutes": 0,
            "actions": [
                {"action": "notify", "audience": ["owner_manager"], "channels": ["in_app"]},
                {"action": "set_priority", "value": "urgent"},
            ],
        },
        {"after_minutes": 60, "actions": [{"action": "move_to_group", "value": group.pk}, {"action": "add_tag", "value": "escalated"}]},
    ]
    assert recomputes == [f"SLA policy {policy.pk} created"]

    page = as_admin.get(f"/settings/sla-policies/{policy.pk}/").content.decode()
    assert 'value="high, urgent"' in page and 'value="Support"' in page and 'value="0:30"' in page


def test_warning_without_channels_gets_an_error_on_its_row(as_admin: Client) -> None:
    data = policy_post(t_any_first_response="4:00", w1_kind="minutes_before", w1_amount="0:15", w1_audience="owner")
    response = as_admin.post("/settings/sla-policies/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"w1_channels": ["Choose at least one."]}


def test_policy_errors_are_shown_next_to_their_inputs(as_admin: Client, group: Group) -> None:
    data = policy_post(
        form_rows=3,
        t_any_first_response="4:00",
        t_high_resolution="soon",
        c2_field="group",
        c2_op="is",
        c2_value="Nobody",
        w0_kind="percent",
        w0_amount="150",
        w0_audience="manager",
        w0_channels="webhook",
        e0_after="1:00",
        e0_tag="late",
        e1_after="0:30",
        e1_tag="later",
    )
    response = as_admin.post("/settings/sla-policies/new/", data)
    errors = response.context["form"].errors
    assert errors == {"t_high_resolution": ["Give minutes (90) or hours and minutes (1:30)."], "c2_value": ["Unknown name: Nobody."]}

    data.update(t_high_resolution="", c2_value="Support")
    response = as_admin.post("/settings/sla-policies/new/", data)
    errors = response.context["form"].errors
    assert errors == {
        "w0_amount": ["A whole percentage from 1 to 99."],
        "e1_after": ["Each level must come later than the one before."],
    }
    data.update(w0_amount="75", e1_after="2:00")  # the rules parse now; recipients are checked next
    errors = as_admin.post("/settings/sla-policies/new/", data).context["form"].errors
    assert errors == {
        "w0_audience": ["Choose the policy's manager to notify a named manager."],
        "w0_channels": ["Give the policy a webhook URL to notify by webhook."],
    }
    assert not SlaPolicy.objects.exists()


def test_duplicate_name_and_missing_target(as_admin: Client, admin: User) -> None:
    policies.create_policy(admin, {"name": "Standard", "targets": {"*": {"resolution": 60}}})
    errors = as_admin.post("/settings/sla-policies/new/", policy_post()).context["form"].errors
    assert errors == {"__all__": ["Give at least one target."]}
    response = as_admin.post("/settings/sla-policies/new/", policy_post(t_any_resolution="1:00"))
    assert response.context["form"].errors == {"name": ["Already in use."]}


def test_list_orders_and_moves_policies(as_admin: Client, admin: User, recomputes: list[str], commit: Any) -> None:
    first, second, third = (policies.create_policy(admin, {"name": n, "targets": {"*": {"resolution": 60}}}) for n in ("A", "B", "C"))
    recomputes.clear()
    page = as_admin.get("/settings/sla-policies/").content.decode()
    assert page.index(">A<") < page.index(">B<") < page.index(">C<")
    with commit():
        response = as_admin.post(f"/settings/sla-policies/{third.pk}/move/", {"direction": "up"})
    assert response.status_code == 303
    assert list(SlaPolicy.objects.values_list("name", flat=True)) == ["A", "C", "B"]
    with commit():
        as_admin.post(f"/settings/sla-policies/{first.pk}/move/", {"direction": "up"})  # already first
    assert list(SlaPolicy.objects.values_list("name", flat=True)) == ["A", "C", "B"]
    assert recomputes == ["SLA policies reordered"]
    as_admin.post(f"/settings/sla-policies/{first.pk}/move/", {"direction": "down"})
    assert list(SlaPolicy.objects.values_list("name", flat=True)) == ["C", "A", "B"]
    assert second.pk in SlaPolicy.objects.values_list("pk", flat=True)


def test_edit_and_delete_policy(as_admin: Client, admin: User, recomputes: list[str], commit: Any) -> None:
    policy = policies.create_policy(admin, {"name": "Standard", "targets": {"*": {"resolution": 60}}})
    recomputes.clear()
    url = f"/settings/sla-policies/{policy.pk}/"
    form = as_admin.get(url).context["form"]
    data: dict[str, Any] = {name: value for name, value in form.initial.items() if value not in (None, "")}
    data.update(policy_post(name="Renamed", t_any_resolution="1:00", pause_states="on_hold"))
    data["pause_states"] = list(policy.pause_states)
    with commit():
        response = as_admin.post(url, data)
    assert response.status_code == 303
    policy.refresh_from_db()
    assert policy.name == "Renamed"
    assert recomputes == []  # a new name moves no due time
    with commit():
        response = as_admin.post(f"{url}delete/")
    assert response.status_code == 303 and not SlaPolicy.objects.exists()
    assert recomputes == [f"SLA policy {policy.pk} deleted"]
    assert as_admin.get(url).status_code == 404
