"""CalendarSpec construction (precedence of holidays and custom days), interval rules, regions, time zones."""

from __future__ import annotations

from datetime import date

import pytest

from supportdesk.sla.intervals import day_error, format_minutes, normalise_day, parse_hhmm
from supportdesk.sla.public_holidays import RegionError, canonical_region, public_holidays, weekend_workdays
from supportdesk.sla.spec import CalendarSpec, build_spec
from supportdesk.sla.tests.specs import BUDAPEST, OFFICE, hours, spec, weekdays
from supportdesk.sla.zones import time_zone_error

# --- intervals


@pytest.mark.parametrize(("text", "minutes"), [("00:00", 0), ("08:30", 510), ("23:59", 1439), ("24:00", 1440)])
def test_parse_and_format_times(text: str, minutes: int) -> None:
    assert parse_hhmm(text) == minutes
    assert format_minutes(minutes) == text


@pytest.mark.parametrize("text", ["24:01", "25:00", "8:30", "08:60", "0830", "", " 08:30", "08:30\n", "٠٨:٣٠", None, 510])
def test_bad_times_do_not_parse(text: object) -> None:
    assert parse_hhmm(text) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("intervals", "message"),
    [
        (hours("08:00-12:00", "13:00-17:00"), None),
        (hours("08:00-12:00", "12:00-13:00"), None),  # touching is fine
        (hours("00:00-24:00"), None),  # a whole day
        ((), None),  # closed
        (hours("13:00-17:00", "08:00-12:00"), None),  # any order
        (hours("08:00-12:00", "11:00-13:00"), "08:00-12:00 and 11:00-13:00 overlap."),
        (hours("08:00-17:00", "09:00-10:00"), "08:00-17:00 and 09:00-10:00 overlap."),
        (hours("08:00-12:00", "08:00-12:00"), "08:00-12:00 and 08:00-12:00 overlap."),
        (hours("12:00-08:00"), "12:00-08:00: the start must be before the end."),
        (hours("09:00-09:00"), "09:00-09:00: the start must be before the end."),
        (((0, 1441),), "Times must lie between 00:00 and 24:00."),
        (((-1, 60),), "Times must lie between 00:00 and 24:00."),
        (((8.5, 60),), "Times must be whole minutes."),
        (tuple((n * 2, n * 2 + 1) for n in range(25)), "At most 24 intervals per day."),
    ],
)
def test_day_rules(intervals: tuple[tuple[int, int], ...], message: str | None) -> None:
    assert day_error(intervals) == message


def test_normalise_day_sorts_and_refuses_overlaps() -> None:
    assert normalise_day([(780, 1020), (480, 720)]) == ((480, 720), (780, 1020))
    with pytest.raises(ValueError, match="overlap"):
        normalise_day([(480, 720), (700, 800)])


# --- time zones and regions


@pytest.mark.parametrize("name", ["Europe/Budapest", "Europe/Riga", "Europe/Berlin", "UTC", "America/Argentina/Buenos_Aires"])
def test_known_time_zones(name: str) -> None:
    assert time_zone_error(name) is None


@pytest.mark.parametrize(
    "name", ["Europe/Atlantis", "CET+1", "", "../../../etc/passwd", "/usr/share/zoneinfo/UTC", "localtime", "europe/budapest", None]
)
def test_unknown_time_zones(name: object) -> None:
    assert "is not a known time zone" in (time_zone_error(name) or "")


@pytest.mark.parametrize(
    ("country", "subdivision", "expected"),
    [
        ("HU", "", ("HU", "")),
        ("lv", "", ("LV", "")),
        ("DE", "BY", ("DE", "BY")),
        ("de", "by", ("DE", "BY")),
        ("AT", "9", ("AT", "9")),
        ("GB", "ENG", ("GB", "ENG")),
        ("GB", "sct", ("GB", "SCT")),
        ("", "", ("", "")),
    ],
)
def test_regions(country: str, subdivision: str, expected: tuple[str, str]) -> None:
    assert canonical_region(country, subdivision) == expected


@pytest.mark.parametrize(
    ("country", "subdivision", "field", "message"),
    [
        ("XX", "", "holiday_country", "Public holidays are not available for the country “XX”."),
        ("HUN", "", "holiday_country", "not available"),
        ("DE", "ZZ", "holiday_subdivision", "Unknown region “ZZ” for DE (known: BB, BE, BW, BY,"),
        ("HU", "BY", "holiday_subdivision", "Unknown region “BY” for HU"),
        ("", "BY", "holiday_subdivision", "Choose a country for this region."),
    ],
)
def test_unknown_regions(country: str, subdivision: str, field: str, message: str) -> None:
    with pytest.raises(RegionError) as caught:
        canonical_region(country, subdivision)
    assert caught.value.field == field
    assert message in caught.value.message


def test_regional_holidays_differ() -> None:
    # Epiphany (6 January) is a holiday in Bavaria, not in Berlin; Scotland has 2 January, England not.
    assert date(2025, 1, 6) in public_holidays("DE", "BY", 2025, 2025)
    assert date(2025, 1, 6) not in public_holidays("DE", "BE", 2025, 2025)
    assert date(2025, 1, 2) in public_holidays("GB", "SCT", 2025, 2025)
    assert date(2025, 1, 2) not in public_holidays("GB", "ENG", 2025, 2025)
    assert date(2025, 12, 8) in public_holidays("AT", "", 2025, 2025)


def test_hungarian_and_latvian_days() -> None:
    hu = public_holidays("HU", "", 2024, 2025)
    assert {date(2024, 3, 15), date(2025, 3, 15), date(2025, 5, 2), date(2025, 10, 23)} <= set(hu)
    assert weekend_workdays("HU", "", 2025, 2025) == {date(2025, 5, 17), date(2025, 10, 18), date(2025, 12, 13)}
    lv = public_holidays("LV", "", 2025, 2025)
    assert {date(2025, 5, 4), date(2025, 5, 5), date(2025, 11, 18)} <= set(lv)
    assert public_holidays("", "", 2025, 2025) == {}


# --- building specs


def test_precedence_of_days() -> None:
    built = spec(
        BUDAPEST,
        weekdays(OFFICE),
        country="HU",
        extra={date(2025, 10, 23): hours("09:00-11:00"), date(2025, 6, 14): hours("10:00-14:00")},
        closed=[date(2025, 5, 17), date(2025, 6, 13)],
    )
    assert built.hours_on(date(2025, 3, 17)) == OFFICE  # a plain Monday
    assert built.hours_on(date(2025, 3, 22)) == ()  # a plain Saturday
    assert built.hours_on(date(2025, 3, 14)) == OFFICE
    assert built.hours_on(date(2024, 3, 15)) == ()  # holiday on a Friday
    assert built.hours_on(date(2025, 10, 18)) == OFFICE  # national working Saturday: Friday's hours
    assert built.hours_on(date(2025, 10, 23)) == hours("09:00-11:00")  # extra hours beat the holiday
    assert built.hours_on(date(2025, 6, 14)) == hours("10:00-14:00")  # extra Saturday
    assert built.hours_on(date(2025, 5, 17)) == ()  # closed beats the national working Saturday
    assert built.hours_on(date(2025, 6, 13)) == ()  # custom closed Friday


def test_working_saturday_takes_the_nearest_earlier_working_day() -> None:
    week = [hours("09:00-17:00"), (), (), hours("10:00-14:00"), (), (), ()]  # Monday and Thursday only
    built = spec(BUDAPEST, week, country="HU")
    assert built.hours_on(date(2025, 5, 17)) == hours("10:00-14:00")
    assert spec(BUDAPEST, week, country="HU", national_workdays=False).hours_on(date(2025, 5, 17)) == ()


def test_exceptions_equal_to_the_week_are_dropped() -> None:
    built = spec(BUDAPEST, weekdays(OFFICE), closed=[date(2025, 3, 22)], extra={date(2025, 3, 17): OFFICE})
    assert built.exceptions == ()


def test_specs_are_values() -> None:
    one = spec(BUDAPEST, weekdays(OFFICE), country="HU")
    two = spec(BUDAPEST, weekdays(OFFICE), country="HU")
    assert one == two
    assert hash(one) == hash(two)
    assert len({one, two}) == 1
    assert one != spec(BUDAPEST, weekdays(OFFICE), country="LV")
    with pytest.raises(AttributeError):
        one.time_zone = "UTC"  # type: ignore[misc]


def test_spec_range_follows_the_years() -> None:
    built = build_spec(time_zone="Europe/Budapest", week=weekdays(OFFICE), holiday_country="HU", years=(2025, 2026))
    assert (built.first_day, built.last_day) == (date(2025, 1, 1), date(2026, 12, 31))
    unbounded = build_spec(time_zone="Europe/Budapest", week=weekdays(OFFICE))
    assert (unbounded.first_day, unbounded.last_day) == (None, None)


def test_bad_specs_are_refused() -> None:
    with pytest.raises(ValueError, match="years"):
        build_spec(time_zone="Europe/Budapest", week=weekdays(OFFICE), holiday_country="HU")
    with pytest.raises(ValueError, match="seven days"):
        build_spec(time_zone="Europe/Budapest", week=[OFFICE] * 5)
    with pytest.raises(ValueError, match="overlap"):
        build_spec(time_zone="Europe/Budapest", week=weekdays(hours("08:00-12:00", "11:00-13:00")))
    with pytest.raises(RegionError):
        build_spec(time_zone="Europe/Budapest", week=weekdays(OFFICE), holiday_country="XX", years=(2025, 2025))
    with pytest.raises(ValueError, match="sorted"):
        CalendarSpec(time_zone="UTC", week=tuple(weekdays(OFFICE)), exceptions=((date(2025, 2, 1), ()), (date(2025, 1, 1), ())))
    with pytest.raises(ValueError, match="years must satisfy"):
        public_holidays("HU", "", 2025, 2024)
