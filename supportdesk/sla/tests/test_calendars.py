"""Calendars in the database: the actions' validation, the admin gate, defaults, and spec_for."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from supportdesk.sla import actions, selectors
from supportdesk.sla.actions import DayOff, ExtraDay
from supportdesk.sla.business_time import add_business_time
from supportdesk.sla.models import Calendar, ClosedDay, ExtraWorkingDay, ExtraWorkingHours, WorkingHours
from supportdesk.sla.tests.specs import BUDAPEST, OFFICE, at, hours

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 14, 12, tzinfo=UTC)
OFFICE_WEEK = dict.fromkeys(range(5), OFFICE)


def budapest_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Budapest office",
        "time_zone": "Europe/Budapest",
        "holiday_country": "HU",
        "week": OFFICE_WEEK,
        "closed_days": [DayOff(date(2025, 6, 13), "Team day")],
        "extra_days": [ExtraDay(date(2025, 6, 14), hours("10:00-14:00"), "Migration Saturday")],
    }
    values.update(overrides)
    return values


def field_errors(values: dict[str, Any], admin: User) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        actions.create_calendar(admin, values)
    assert caught.value.message == "Please correct the calendar."
    assert not Calendar.objects.exists()
    return caught.value.field_errors


def test_create_and_compute_from_the_database(admin: User) -> None:
    calendar = actions.create_calendar(admin, budapest_values())
    assert calendar.time_zone == "Europe/Budapest"
    assert calendar.holiday_country == "HU"
    assert sorted((row.weekday, row.start_minute, row.end_minute) for row in WorkingHours.objects.all()) == [
        (day, start, end) for day in range(5) for start, end in OFFICE
    ]
    assert list(ClosedDay.objects.values_list("date", "name")) == [(date(2025, 6, 13), "Team day")]
    assert list(ExtraWorkingHours.objects.values_list("day__date", "start_minute", "end_minute")) == [(date(2025, 6, 14), 600, 840)]

    spec = selectors.spec_for(calendar, now=NOW)
    assert (spec.first_day, spec.last_day) == (date(2024, 1, 1), date(2030, 12, 31))
    # The example, then over the closed Friday onto the extra Saturday.
    assert add_business_time(at(BUDAPEST, 2025, 3, 14, 16, 30), timedelta(hours=4), spec) == at(BUDAPEST, 2025, 3, 17, 11, 30)
    assert add_business_time(at(BUDAPEST, 2025, 6, 12, 16), timedelta(hours=3), spec) == at(BUDAPEST, 2025, 6, 14, 12)


def test_spec_for_a_prefetched_calendar_makes_no_queries(admin: User, django_assert_num_queries: Any) -> None:
    actions.create_calendar(admin, budapest_values())
    actions.create_calendar(admin, budapest_values(name="Riga", time_zone="Europe/Riga", holiday_country="LV"))
    with django_assert_num_queries(5):  # calendars, hours, closed days, extra days, their hours
        loaded = list(selectors.calendars(admin))
    with django_assert_num_queries(0):
        specs = [selectors.spec_for(calendar, now=NOW) for calendar in loaded]
    assert [spec.time_zone for spec in specs] == ["Europe/Budapest", "Europe/Riga"]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"week": {0: hours("08:00-12:00", "11:00-13:00")}}, {"week.monday": "08:00-12:00 and 11:00-13:00 overlap."}),
        ({"week": {4: hours("17:00-08:00")}}, {"week.friday": "17:00-08:00: the start must be before the end."}),
        ({"week": {6: ((0, 1500),)}}, {"week.sunday": "Times must lie between 00:00 and 24:00."}),
        ({"week": {}}, {"week": "Give at least one weekday working hours; without them no due time can ever be reached."}),
        ({"week": {7: OFFICE}}, {"week": "Give working hours by weekday, Monday to Sunday."}),
        (
            {"time_zone": "Europe/Atlantis"},
            {"time_zone": "“Europe/Atlantis” is not a known time zone; use an IANA name such as Europe/Budapest."},
        ),
        ({"holiday_country": "XX"}, {"holiday_country": "Public holidays are not available for the country “XX”."}),
        ({"holiday_country": "", "holiday_subdivision": "BY"}, {"holiday_subdivision": "Choose a country for this region."}),
        ({"name": "  "}, {"name": "A name is required."}),
        ({"name": "Office\r\nBcc: x@y.example"}, {"name": "Line breaks and NUL characters are not allowed."}),
        ({"name": "x" * 101}, {"name": "At most 100 characters."}),
        ({"is_default": "yes"}, {"is_default": "Must be true or false."}),
        (
            {"closed_days": [DayOff(date(2025, 6, 13)), DayOff(date(2025, 6, 13))]},
            {"closed_days[1]": "2025-06-13 is listed twice."},
        ),
        (
            {"closed_days": [DayOff(date(2025, 6, 14))]},
            {"extra_days": "A date cannot be both a closed day and an extra working day: 2025-06-14."},
        ),
        ({"extra_days": [ExtraDay(date(2025, 6, 14), ())]}, {"extra_days[0]": "An extra working day needs working hours."}),
        (
            {"extra_days": [ExtraDay(date(2025, 6, 14), hours("10:00-14:00", "13:00-15:00"))]},
            {"extra_days[0]": "10:00-14:00 and 13:00-15:00 overlap."},
        ),
        ({"closed_days": [DayOff(date(1066, 10, 14))]}, {"closed_days[0]": "Dates must lie between the years 1900 and 2200."}),
        ({"closed_days": "2025-06-13"}, {"closed_days": "Invalid list of days."}),
        ({"closed_days": [DayOff(date(2025, 1, 1) + timedelta(days=n)) for n in range(1001)]}, {"closed_days": "At most 1000 days."}),
    ],
)
def test_validation_names_the_field(admin: User, overrides: dict[str, Any], expected: dict[str, str]) -> None:
    assert field_errors(budapest_values(**overrides), admin) == expected


def test_unknown_region_lists_the_known_ones(admin: User) -> None:
    errors = field_errors(budapest_values(holiday_country="DE", holiday_subdivision="Bavaria"), admin)
    assert errors["holiday_subdivision"].startswith("Unknown region “Bavaria” for DE (known: BB, BE, BW, BY,")


def test_several_errors_are_reported_together(admin: User) -> None:
    errors = field_errors(
        budapest_values(time_zone="Nowhere", week={0: hours("09:00-08:00"), 1: hours("08:00-09:00", "08:30-10:00")}), admin
    )
    assert set(errors) == {"time_zone", "week.monday", "week.tuesday"}


def test_required_and_unknown_fields(admin: User) -> None:
    with pytest.raises(ValidationFailed) as caught:
        actions.create_calendar(admin, {"name": "No week"})
    assert caught.value.field_errors == {"week": "Required."}
    with pytest.raises(ValidationFailed) as caught:
        actions.create_calendar(admin, budapest_values(id=5, created_at=NOW))
    assert caught.value.field_errors == {"created_at": "Unknown field.", "id": "Unknown field."}


def test_region_codes_are_stored_canonically(admin: User) -> None:
    calendar = actions.create_calendar(admin, budapest_values(holiday_country="gb", holiday_subdivision="sct", time_zone="Europe/London"))
    assert (calendar.holiday_country, calendar.holiday_subdivision) == ("GB", "SCT")


def test_names_are_unique(admin: User) -> None:
    actions.create_calendar(admin, budapest_values())
    with pytest.raises(Conflict) as caught:
        actions.create_calendar(admin, budapest_values())
    assert caught.value.field_errors == {"name": "Already in use."}


def test_only_admins_change_calendars(admin: User, agent: User, customer: User) -> None:
    calendar = actions.create_calendar(admin, budapest_values())
    for user in (agent, customer):
        with pytest.raises(PermissionDenied):
            actions.create_calendar(user, budapest_values(name="Other"))
        with pytest.raises(PermissionDenied):
            actions.update_calendar(user, calendar, {"name": "Renamed"})
        with pytest.raises(PermissionDenied):
            actions.delete_calendar(user, calendar)
    assert Calendar.objects.get().name == "Budapest office"


def test_staff_read_calendars_and_customers_do_not_see_them(admin: User, agent: User, customer: User) -> None:
    calendar = actions.create_calendar(admin, budapest_values())
    assert selectors.get_calendar(agent, calendar.pk) == calendar
    with pytest.raises(NotFound):
        selectors.get_calendar(customer, calendar.pk)
    with pytest.raises(NotFound):
        selectors.calendars(customer)
    with pytest.raises(NotFound):
        selectors.get_calendar(agent, calendar.pk + 1000)


def test_one_default_calendar(admin: User) -> None:
    first = actions.create_calendar(admin, budapest_values(is_default=True))
    second = actions.create_calendar(admin, budapest_values(name="Riga", is_default=True))
    first.refresh_from_db()
    assert (first.is_default, second.is_default) == (False, True)
    assert selectors.default_calendar() == second
    actions.update_calendar(admin, first, {"is_default": True})
    second.refresh_from_db()
    assert (second.is_default, selectors.default_calendar()) == (False, first)
    with pytest.raises(IntegrityError), transaction.atomic():
        Calendar.objects.filter(pk=second.pk).update(is_default=True)  # the database refuses two defaults too


def test_update_replaces_given_rules_only(admin: User) -> None:
    calendar = actions.create_calendar(admin, budapest_values())
    before = calendar.updated_at
    changed = actions.update_calendar(admin, calendar, {"week": {5: hours("09:00-13:00")}, "time_zone": "Europe/Riga"})
    assert changed == ["time_zone", "week"]
    assert list(WorkingHours.objects.values_list("weekday", "start_minute", "end_minute")) == [(5, 540, 780)]
    assert ClosedDay.objects.count() == 1  # not given, kept
    assert ExtraWorkingDay.objects.count() == 1
    calendar.refresh_from_db()
    assert calendar.time_zone == "Europe/Riga"
    assert calendar.updated_at > before  # the cache key of specs moves


def test_update_checks_the_whole_calendar(admin: User) -> None:
    calendar = actions.create_calendar(admin, budapest_values())
    # The new closed day collides with the stored extra day.
    with pytest.raises(ValidationFailed) as caught:
        actions.update_calendar(admin, calendar, {"closed_days": [DayOff(date(2025, 6, 14))]})
    assert set(caught.value.field_errors) == {"extra_days"}
    # A region that does not belong to the stored country.
    with pytest.raises(ValidationFailed) as caught:
        actions.update_calendar(admin, calendar, {"holiday_subdivision": "BY"})
    assert set(caught.value.field_errors) == {"holiday_subdivision"}
    assert actions.update_calendar(admin, calendar, {"name": "Budapest office", "week": OFFICE_WEEK}) == ["week"]
    assert actions.update_calendar(admin, calendar, {"name": "Budapest office"}) == []


def test_delete_removes_the_rules(admin: User) -> None:
    calendar = actions.create_calendar(admin, budapest_values())
    actions.delete_calendar(admin, calendar)
    assert not Calendar.objects.exists()
    assert not WorkingHours.objects.exists()
    assert not ExtraWorkingHours.objects.exists()


def test_model_level_checks_stand_behind_the_actions(admin: User) -> None:
    calendar = actions.create_calendar(admin, budapest_values())
    with pytest.raises(ValidationError) as caught:
        Calendar(name="Mars", time_zone="Mars/Olympus_Mons").full_clean()
    assert "time_zone" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkingHours.objects.create(calendar=calendar, weekday=0, start_minute=600, end_minute=600)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkingHours.objects.create(calendar=calendar, weekday=0, start_minute=0, end_minute=1441)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClosedDay.objects.create(calendar=calendar, date=date(2025, 6, 13))
