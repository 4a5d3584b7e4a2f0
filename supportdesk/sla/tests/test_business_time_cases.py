"""Hand-computed business-time cases: lunch breaks, public holidays, working Saturdays, DST nights, midnight.

Every expectation was worked out by hand from the calendar (comments say how); none is produced by
the code under test. Times are local unless the comment says UTC.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest

from supportdesk.sla.business_time import (
    CalendarSpec,
    NoBusinessTime,
    OutsideCalendarRange,
    add_business_time,
    business_time_between,
    is_business_time,
    next_business_moment,
)
from supportdesk.sla.tests.specs import (
    BERLIN,
    BUDAPEST,
    BUDAPEST_OFFICE,
    OFFICE,
    RIGA,
    RIGA_OFFICE,
    UTC_ZONE,
    at,
    every_day,
    hours,
    spec,
    weekdays,
)

H = timedelta(hours=1)
M = timedelta(minutes=1)

BUDAPEST_NO_SWAP = spec(BUDAPEST, weekdays(OFFICE), country="HU", national_workdays=False)
BUDAPEST_247 = spec(BUDAPEST, every_day(hours("00:00-24:00")))
RIGA_247 = spec(RIGA, every_day(hours("00:00-24:00")))
BERLIN_247 = spec(BERLIN, every_day(hours("00:00-24:00")))
BERLIN_NIGHT = spec(BERLIN, every_day(hours("01:00-05:00")))  # spans 02:00-03:00, skipped or repeated
RIGA_NIGHT = spec(RIGA, every_day(hours("03:00-05:00")))  # Riga changes clocks at 03:00/04:00 local
BUDAPEST_FROM_GAP = spec(BUDAPEST, every_day(hours("02:30-06:00")))  # starts inside the skipped hour
BUDAPEST_TO_GAP = spec(BUDAPEST, every_day(hours("00:00-02:30")))  # ends inside the skipped/repeated hour
UTC_WEEKDAYS = spec(UTC_ZONE, weekdays(hours("09:00-17:00")))
UTC_MONDAY_TUESDAY = spec(UTC_ZONE, [hours("00:00-24:00"), hours("00:00-24:00"), (), (), (), (), ()])
UTC_MONDAY = spec(UTC_ZONE, [hours("00:00-24:00"), (), (), (), (), (), ()])
NIGHT_SHIFT = spec(
    UTC_ZONE,
    [
        hours("22:00-24:00"),
        hours("00:00-06:00", "22:00-24:00"),
        hours("00:00-06:00", "22:00-24:00"),
        hours("00:00-06:00", "22:00-24:00"),
        hours("00:00-06:00", "22:00-24:00"),
        hours("00:00-06:00"),
        (),
    ],
)
SHUTDOWN = [date(2025, 7, 7) + timedelta(days=n) for n in range(19) if (date(2025, 7, 7) + timedelta(days=n)).weekday() < 5]

ADD_CASES = [
    # --- Budapest office: Mon-Fri 08:00-12:00 and 13:00-17:00, Hungarian holidays
    (
        "issue example: Fri 16:30 + 4h = 0.5h Fri + 3.5h Mon",
        BUDAPEST_OFFICE,
        at(BUDAPEST, 2025, 3, 14, 16, 30),
        4 * H,
        at(BUDAPEST, 2025, 3, 17, 11, 30),
    ),
    ("15 March 2024 (Fri) is a holiday", BUDAPEST_OFFICE, at(BUDAPEST, 2024, 3, 14, 16), 2 * H, at(BUDAPEST, 2024, 3, 18, 9)),
    ("start on the holiday itself", BUDAPEST_OFFICE, at(BUDAPEST, 2024, 3, 15, 10), H, at(BUDAPEST, 2024, 3, 18, 9)),
    ("across lunch", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 17, 11), 2 * H, at(BUDAPEST, 2025, 3, 17, 14)),
    ("ends at lunch, not after it", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 17, 10), 2 * H, at(BUDAPEST, 2025, 3, 17, 12)),
    ("start during lunch", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 17, 12, 30), H, at(BUDAPEST, 2025, 3, 17, 14)),
    ("start before opening", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 17, 6), H, at(BUDAPEST, 2025, 3, 17, 9)),
    ("start at closing time", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 21, 17), H, at(BUDAPEST, 2025, 3, 24, 9)),
    ("one minute from Saturday", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 22, 10), M, at(BUDAPEST, 2025, 3, 24, 8, 1)),
    ("1 May (Thu) holiday, 2 May swapped day off", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 4, 30, 16), 2 * H, at(BUDAPEST, 2025, 5, 5, 9)),
    (
        "Sat 17 May 2025 is worked, with Friday's hours",
        BUDAPEST_OFFICE,
        at(BUDAPEST, 2025, 5, 16, 16),
        9 * H,
        at(BUDAPEST, 2025, 5, 17, 17),
    ),
    ("one hour past the working Saturday", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 5, 16, 16), 10 * H, at(BUDAPEST, 2025, 5, 19, 9)),
    ("working Saturdays switched off", BUDAPEST_NO_SWAP, at(BUDAPEST, 2025, 5, 16, 16), 2 * H, at(BUDAPEST, 2025, 5, 19, 9)),
    ("Easter: Good Friday and Easter Monday", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 4, 17, 16), 2 * H, at(BUDAPEST, 2025, 4, 22, 9)),
    ("Christmas: 24 (swapped), 25, 26 Dec", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 12, 23, 16), 2 * H, at(BUDAPEST, 2025, 12, 29, 9)),
    # 8 weeks of 40h from 3 March, minus Good Friday and Easter Monday (16h): 38 days to Fri 25 April, then Mon+Tue.
    ("320h across the DST change and Easter", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 3, 8), 320 * H, at(BUDAPEST, 2025, 4, 29, 17)),
    # --- custom days on top of the Budapest office
    (
        "extra working Saturday 10:00-14:00",
        spec(BUDAPEST, weekdays(OFFICE), country="HU", extra={date(2025, 6, 14): hours("10:00-14:00")}),
        at(BUDAPEST, 2025, 6, 13, 16),
        3 * H,
        at(BUDAPEST, 2025, 6, 14, 12),
    ),
    (
        "extra hours on a holiday (23 Oct) override it",
        spec(BUDAPEST, weekdays(OFFICE), country="HU", extra={date(2025, 10, 23): hours("09:00-11:00")}),
        at(BUDAPEST, 2025, 10, 22, 16),
        2 * H,
        at(BUDAPEST, 2025, 10, 23, 10),
    ),
    (
        "past the extra hours: 24 Oct is a swapped day off",
        spec(BUDAPEST, weekdays(OFFICE), country="HU", extra={date(2025, 10, 23): hours("09:00-11:00")}),
        at(BUDAPEST, 2025, 10, 22, 16),
        4 * H,
        at(BUDAPEST, 2025, 10, 27, 9),
    ),
    (
        "custom closed Friday",
        spec(BUDAPEST, weekdays(OFFICE), country="HU", closed=[date(2025, 6, 13)]),
        at(BUDAPEST, 2025, 6, 12, 16),
        2 * H,
        at(BUDAPEST, 2025, 6, 16, 9),
    ),
    (
        "three closed weeks (summer shutdown)",
        spec(BUDAPEST, weekdays(OFFICE), country="HU", closed=SHUTDOWN),
        at(BUDAPEST, 2025, 7, 4, 16),
        2 * H,
        at(BUDAPEST, 2025, 7, 28, 9),
    ),
    (
        "extra hours replace a national working Saturday's",
        spec(BUDAPEST, weekdays(OFFICE), country="HU", extra={date(2025, 5, 17): hours("09:00-10:00")}),
        at(BUDAPEST, 2025, 5, 16, 16),
        3 * H,
        at(BUDAPEST, 2025, 5, 19, 9),
    ),
    (
        "a closed day beats a national working Saturday",
        spec(BUDAPEST, weekdays(OFFICE), country="HU", closed=[date(2025, 5, 17)]),
        at(BUDAPEST, 2025, 5, 16, 16),
        2 * H,
        at(BUDAPEST, 2025, 5, 19, 9),
    ),
    # --- Riga office: Mon-Fri 09:00-18:00, Latvian holidays
    ("LV: 1 May, swapped 2 May, 4 May observed on Mon 5", RIGA_OFFICE, at(RIGA, 2025, 4, 30, 17), 2 * H, at(RIGA, 2025, 5, 6, 10)),
    ("LV 2024: 4 May (Sat) observed on Mon 6", RIGA_OFFICE, at(RIGA, 2024, 5, 3, 17), 2 * H, at(RIGA, 2024, 5, 7, 10)),
    ("LV 2026: 1 May (Fri) and 4 May (Mon)", RIGA_OFFICE, at(RIGA, 2026, 4, 30, 17), 2 * H, at(RIGA, 2026, 5, 5, 10)),
    ("LV: swapped 17 Nov and 18 November", RIGA_OFFICE, at(RIGA, 2025, 11, 14, 17), 2 * H, at(RIGA, 2025, 11, 19, 10)),
    ("LV: Sat 8 Nov 2025 is worked", RIGA_OFFICE, at(RIGA, 2025, 11, 7, 17), 2 * H, at(RIGA, 2025, 11, 8, 10)),
    # --- daylight saving time (Budapest/Berlin: 02:00->03:00 on 30 March, 03:00->02:00 on 26 October 2025)
    ("24/7 over the spring-forward night", BUDAPEST_247, at(BUDAPEST, 2025, 3, 29, 22), 6 * H, at(BUDAPEST, 2025, 3, 30, 5)),
    ("24/7 over the fall-back night", BUDAPEST_247, at(BUDAPEST, 2025, 10, 25, 22), 6 * H, at(BUDAPEST, 2025, 10, 26, 3)),
    ("Riga 24/7: the spring day has 23 hours", RIGA_247, at(RIGA, 2025, 3, 30), 23 * H, at(RIGA, 2025, 3, 31)),
    ("night 01:00-05:00 lasts 3h in spring", BERLIN_NIGHT, at(BERLIN, 2025, 3, 30, 1), 3 * H, at(BERLIN, 2025, 3, 30, 5)),
    ("and the rest comes the next night", BERLIN_NIGHT, at(BERLIN, 2025, 3, 30, 1), 3 * H + 30 * M, at(BERLIN, 2025, 3, 31, 1, 30)),
    ("night 01:00-05:00 lasts 5h in autumn", BERLIN_NIGHT, at(BERLIN, 2025, 10, 26, 1), 5 * H, at(BERLIN, 2025, 10, 26, 5)),
    ("4h into the 5h autumn night is 04:00 CET", BERLIN_NIGHT, at(BERLIN, 2025, 10, 26, 1), 4 * H, datetime(2025, 10, 26, 3, tzinfo=UTC)),
    # 01:00 CEST is 23:00 UTC; the clocks go back at 01:00 UTC (03:00 CEST -> 02:00 CET).
    (
        "1h into the autumn night is the first 02:00 (CEST)",
        BERLIN_NIGHT,
        at(BERLIN, 2025, 10, 26, 1),
        H,
        datetime(2025, 10, 26, 0, tzinfo=UTC),
    ),
    ("2h into it is the second 02:00 (CET)", BERLIN_NIGHT, at(BERLIN, 2025, 10, 26, 1), 2 * H, at(BERLIN, 2025, 10, 26, 2, fold=1)),
    ("3h into it is 03:00 CET", BERLIN_NIGHT, at(BERLIN, 2025, 10, 26, 1), 3 * H, datetime(2025, 10, 26, 2, tzinfo=UTC)),
    ("one minute past the autumn night", BERLIN_NIGHT, at(BERLIN, 2025, 10, 26, 1), 5 * H + M, at(BERLIN, 2025, 10, 27, 1, 1)),
    # Riga 03:00-05:00: on 30 March 03:00 does not exist (03:00 EET = 01:00 UTC jumps to 04:00), so 1h.
    ("Riga 03:00-05:00 is 1h in spring", RIGA_NIGHT, at(RIGA, 2025, 3, 30), H, at(RIGA, 2025, 3, 30, 5)),
    ("Riga: the second hour is the next night", RIGA_NIGHT, at(RIGA, 2025, 3, 30), 2 * H, at(RIGA, 2025, 3, 31, 4)),
    # On 26 October 04:00 EEST goes back to 03:00 EET: 03:00 EEST (00:00 UTC) to 05:00 EET (03:00 UTC) is 3h.
    ("Riga 03:00-05:00 is 3h in autumn", RIGA_NIGHT, at(RIGA, 2025, 10, 26), 3 * H, datetime(2025, 10, 26, 3, tzinfo=UTC)),
    ("Riga: 1.5h in is the second 03:30", RIGA_NIGHT, at(RIGA, 2025, 10, 26), 90 * M, at(RIGA, 2025, 10, 26, 3, 30, fold=1)),
    # 02:30 does not exist on 30 March in Budapest: the interval starts when the clocks jump (01:00 UTC).
    ("interval starting in the skipped hour", BUDAPEST_FROM_GAP, at(BUDAPEST, 2025, 3, 30), H, datetime(2025, 3, 30, 2, tzinfo=UTC)),
    ("interval ending in the skipped hour", BUDAPEST_TO_GAP, at(BUDAPEST, 2025, 3, 30), 2 * H, datetime(2025, 3, 30, 1, tzinfo=UTC)),
    ("the rest after the short spring day", BUDAPEST_TO_GAP, at(BUDAPEST, 2025, 3, 30), 2 * H + M, at(BUDAPEST, 2025, 3, 31, 0, 1)),
    # --- midnight
    ("Monday 24:00 meets Tuesday 00:00", UTC_MONDAY_TUESDAY, at(UTC_ZONE, 2025, 3, 17, 23), 2 * H, at(UTC_ZONE, 2025, 3, 18, 1)),
    ("ends at 24:00, the earliest moment", UTC_MONDAY, at(UTC_ZONE, 2025, 3, 17, 22), 2 * H, at(UTC_ZONE, 2025, 3, 18)),
    ("a minute more is next Monday", UTC_MONDAY, at(UTC_ZONE, 2025, 3, 17, 22), 2 * H + M, at(UTC_ZONE, 2025, 3, 24, 0, 1)),
    ("night shift across midnight", NIGHT_SHIFT, at(UTC_ZONE, 2025, 3, 17, 23), 2 * H, at(UTC_ZONE, 2025, 3, 18, 1)),
    ("night shift: Fri 1h + Sat 6h + Mon 1h", NIGHT_SHIFT, at(UTC_ZONE, 2025, 3, 21, 23), 8 * H, at(UTC_ZONE, 2025, 3, 24, 23)),
    # --- leap days
    ("into 29 February 2028", UTC_WEEKDAYS, at(UTC_ZONE, 2028, 2, 28, 16), 2 * H, at(UTC_ZONE, 2028, 2, 29, 10)),
    ("over 29 February 2024", UTC_WEEKDAYS, at(UTC_ZONE, 2024, 2, 28, 16), 10 * H, at(UTC_ZONE, 2024, 3, 1, 10)),
    # --- long durations: whole weeks of 40h
    ("10 weeks", UTC_WEEKDAYS, at(UTC_ZONE, 2025, 1, 6, 9), 400 * H, at(UTC_ZONE, 2025, 3, 14, 17)),
    ("10 weeks and an hour", UTC_WEEKDAYS, at(UTC_ZONE, 2025, 1, 6, 9), 401 * H, at(UTC_ZONE, 2025, 3, 17, 10)),
    ("156 weeks (3 years)", UTC_WEEKDAYS, at(UTC_ZONE, 2025, 1, 6, 9), 156 * 40 * H, at(UTC_ZONE, 2027, 12, 31, 17)),
    (
        "zero duration returns the start, even at night",
        BUDAPEST_OFFICE,
        at(BUDAPEST, 2025, 3, 22, 3),
        timedelta(0),
        at(BUDAPEST, 2025, 3, 22, 3),
    ),
]


@pytest.mark.parametrize(("spec", "start", "duration", "expected"), [case[1:] for case in ADD_CASES], ids=[case[0] for case in ADD_CASES])
def test_add_business_time(spec: CalendarSpec, start: datetime, duration: timedelta, expected: datetime) -> None:
    result = add_business_time(start, duration, spec)
    # Via UTC: Python never calls a fold=1 time equal to a time in another zone (PEP 495).
    assert result == expected.astimezone(UTC)
    assert result.tzinfo is UTC
    assert business_time_between(start, result, spec) == duration


BETWEEN_CASES = [
    ("issue example", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 14, 16, 30), at(BUDAPEST, 2025, 3, 17, 11, 30), 4 * H),
    ("reversed is negative", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 17, 11, 30), at(BUDAPEST, 2025, 3, 14, 16, 30), -4 * H),
    ("equal is zero", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 17, 10), at(BUDAPEST, 2025, 3, 17, 10), timedelta(0)),
    ("within a closed night", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 17, 18), at(BUDAPEST, 2025, 3, 17, 23), timedelta(0)),
    ("half an hour each side of lunch", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 3, 17, 11, 30), at(BUDAPEST, 2025, 3, 17, 13, 30), H),
    ("week of 15 March 2024: four days", BUDAPEST_OFFICE, at(BUDAPEST, 2024, 3, 11), at(BUDAPEST, 2024, 3, 18), 32 * H),
    # 261 weekdays - 12 holidays on weekdays + 3 working Saturdays = 252 days of 8h.
    ("Hungarian working year 2025", BUDAPEST_OFFICE, at(BUDAPEST, 2025, 1, 1), at(BUDAPEST, 2026, 1, 1), 252 * 8 * H),
    ("LV week of 1-5 May 2025: two days", RIGA_OFFICE, at(RIGA, 2025, 4, 30), at(RIGA, 2025, 5, 7), 18 * H),
    ("Budapest spring day", BUDAPEST_247, at(BUDAPEST, 2025, 3, 30), at(BUDAPEST, 2025, 3, 31), 23 * H),
    ("Budapest autumn day", BUDAPEST_247, at(BUDAPEST, 2025, 10, 26), at(BUDAPEST, 2025, 10, 27), 25 * H),
    ("Berlin spring day", BERLIN_247, at(BERLIN, 2025, 3, 30), at(BERLIN, 2025, 3, 31), 23 * H),
    ("Berlin autumn day", BERLIN_247, at(BERLIN, 2025, 10, 26), at(BERLIN, 2025, 10, 27), 25 * H),
    ("Riga spring day", RIGA_247, at(RIGA, 2025, 3, 30), at(RIGA, 2025, 3, 31), 23 * H),
    ("Riga autumn day", RIGA_247, at(RIGA, 2025, 10, 26), at(RIGA, 2025, 10, 27), 25 * H),
    ("24/7 year with both changes", BERLIN_247, at(BERLIN, 2025, 1, 1), at(BERLIN, 2026, 1, 1), 365 * 24 * H),
    ("00:00-02:30 on the spring day: 2h", BUDAPEST_TO_GAP, at(BUDAPEST, 2025, 3, 30), at(BUDAPEST, 2025, 3, 31), 2 * H),
    ("00:00-02:30 on the autumn day: to the first 02:30", BUDAPEST_TO_GAP, at(BUDAPEST, 2025, 10, 26), at(BUDAPEST, 2025, 10, 27), 150 * M),
    (
        "02:30-06:00 on the autumn day: 3.5h plus the repeated hour",
        BUDAPEST_FROM_GAP,
        at(BUDAPEST, 2025, 10, 26),
        at(BUDAPEST, 2025, 10, 27),
        270 * M,
    ),
    ("02:30-06:00 on the spring day: from the jump", BUDAPEST_FROM_GAP, at(BUDAPEST, 2025, 3, 30), at(BUDAPEST, 2025, 3, 31), 3 * H),
    (
        "two days over 29 February",
        spec(UTC_ZONE, every_day(hours("00:00-24:00"))),
        at(UTC_ZONE, 2028, 2, 28),
        at(UTC_ZONE, 2028, 3, 1),
        48 * H,
    ),
]


@pytest.mark.parametrize(("spec", "a", "b", "expected"), [case[1:] for case in BETWEEN_CASES], ids=[case[0] for case in BETWEEN_CASES])
def test_business_time_between(spec: CalendarSpec, a: datetime, b: datetime, expected: timedelta) -> None:
    assert business_time_between(a, b, spec) == expected


IS_BUSINESS_CASES = [
    (at(BUDAPEST, 2025, 3, 17, 8), True),
    (at(BUDAPEST, 2025, 3, 17, 7, 59), False),
    (at(BUDAPEST, 2025, 3, 17, 11, 59), True),
    (at(BUDAPEST, 2025, 3, 17, 12), False),  # an interval's end is outside
    (at(BUDAPEST, 2025, 3, 17, 13), True),
    (at(BUDAPEST, 2025, 3, 17, 16, 59), True),
    (at(BUDAPEST, 2025, 3, 17, 17), False),
    (at(BUDAPEST, 2025, 3, 22, 10), False),  # Saturday
    (at(BUDAPEST, 2025, 5, 17, 10), True),  # national working Saturday
    (at(BUDAPEST, 2024, 3, 15, 10), False),  # 15 March
    (at(BUDAPEST, 2025, 5, 2, 10), False),  # swapped day off
    (datetime(2025, 3, 17, 7, 0, tzinfo=UTC), True),  # 08:00 in Budapest, given in UTC
]


@pytest.mark.parametrize(("moment", "expected"), IS_BUSINESS_CASES, ids=[str(case[0]) for case in IS_BUSINESS_CASES])
def test_is_business_time(moment: datetime, expected: bool) -> None:
    assert is_business_time(moment, BUDAPEST_OFFICE) is expected


NEXT_CASES = [
    (at(BUDAPEST, 2025, 3, 17, 9, 15), at(BUDAPEST, 2025, 3, 17, 9, 15)),
    (at(BUDAPEST, 2025, 3, 17, 12), at(BUDAPEST, 2025, 3, 17, 13)),
    (at(BUDAPEST, 2025, 3, 22, 10), at(BUDAPEST, 2025, 3, 24, 8)),
    (at(BUDAPEST, 2025, 3, 21, 17), at(BUDAPEST, 2025, 3, 24, 8)),
    (at(BUDAPEST, 2025, 5, 16, 17), at(BUDAPEST, 2025, 5, 17, 8)),  # to the working Saturday
    (at(BUDAPEST, 2025, 4, 30, 17), at(BUDAPEST, 2025, 5, 5, 8)),  # over 1 and 2 May
]


@pytest.mark.parametrize(("moment", "expected"), NEXT_CASES, ids=[str(case[0]) for case in NEXT_CASES])
def test_next_business_moment(moment: datetime, expected: datetime) -> None:
    result = next_business_moment(moment, BUDAPEST_OFFICE)
    assert result == expected
    assert result.tzinfo is UTC


# --- errors and bounds

NEVER_OPEN = spec(UTC_ZONE, [(), (), (), (), (), (), ()])
ONE_EXTRA_DAY = spec(UTC_ZONE, [(), (), (), (), (), (), ()], extra={date(2025, 6, 14): hours("10:00-12:00")})


def test_a_calendar_without_working_time_raises_instead_of_looping() -> None:
    start = at(UTC_ZONE, 2025, 6, 1)
    with pytest.raises(NoBusinessTime, match="no working hours on or after 2025-06-01"):
        add_business_time(start, M, NEVER_OPEN)
    with pytest.raises(NoBusinessTime):
        next_business_moment(start, NEVER_OPEN)
    assert is_business_time(start, NEVER_OPEN) is False
    assert business_time_between(start, at(UTC_ZONE, 2035, 6, 1), NEVER_OPEN) == timedelta(0)


def test_working_time_only_on_extra_days_runs_out() -> None:
    start = at(UTC_ZONE, 2025, 6, 1)
    assert add_business_time(start, H, ONE_EXTRA_DAY) == at(UTC_ZONE, 2025, 6, 14, 11)
    assert add_business_time(start, 2 * H, ONE_EXTRA_DAY) == at(UTC_ZONE, 2025, 6, 14, 12)
    with pytest.raises(NoBusinessTime, match="2025-06-15"):
        add_business_time(start, 2 * H + M, ONE_EXTRA_DAY)
    with pytest.raises(NoBusinessTime):
        next_business_moment(at(UTC_ZONE, 2025, 6, 14, 12), ONE_EXTRA_DAY)


def test_dates_outside_the_resolved_holiday_years_are_refused() -> None:
    # BUDAPEST_OFFICE knows holidays for 2024-2028 only.
    with pytest.raises(OutsideCalendarRange, match="2024-01-01 to 2028-12-31"):
        add_business_time(at(BUDAPEST, 2029, 1, 2, 9), H, BUDAPEST_OFFICE)
    with pytest.raises(OutsideCalendarRange):
        add_business_time(at(BUDAPEST, 2028, 12, 28, 9), 100 * H, BUDAPEST_OFFICE)
    with pytest.raises(OutsideCalendarRange):
        business_time_between(at(BUDAPEST, 2023, 12, 30), at(BUDAPEST, 2024, 1, 10), BUDAPEST_OFFICE)
    with pytest.raises(OutsideCalendarRange):
        is_business_time(at(BUDAPEST, 2023, 6, 1, 9), BUDAPEST_OFFICE)
    # The last covered day still works.
    assert add_business_time(at(BUDAPEST, 2028, 12, 29, 16), H, BUDAPEST_OFFICE) == at(BUDAPEST, 2028, 12, 29, 17)


@pytest.mark.parametrize("call", ["add", "between_a", "between_b", "is", "next"])
def test_naive_datetimes_are_refused(call: str) -> None:
    naive, aware = datetime(2025, 3, 17, 9), at(BUDAPEST, 2025, 3, 17, 9)
    with pytest.raises(ValueError, match="aware datetime"):
        if call == "add":
            add_business_time(naive, H, BUDAPEST_OFFICE)
        elif call == "between_a":
            business_time_between(naive, aware, BUDAPEST_OFFICE)
        elif call == "between_b":
            business_time_between(aware, naive, BUDAPEST_OFFICE)
        elif call == "is":
            is_business_time(naive, BUDAPEST_OFFICE)
        else:
            next_business_moment(naive, BUDAPEST_OFFICE)


def test_negative_durations_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_time(at(BUDAPEST, 2025, 3, 17, 9), -M, BUDAPEST_OFFICE)


def test_sub_minute_precision_is_kept() -> None:
    start = at(BUDAPEST, 2025, 3, 17, 11, 59) + timedelta(seconds=30, microseconds=5)
    assert add_business_time(start, timedelta(seconds=31), BUDAPEST_OFFICE) == at(BUDAPEST, 2025, 3, 17, 13) + timedelta(
        seconds=1, microseconds=5
    )


def test_long_durations_stay_fast_and_absurd_ones_are_refused() -> None:
    started = time.perf_counter()
    # 20 years of 40-hour weeks on a DST zone without holidays: whole weeks are skipped.
    end = add_business_time(at(BUDAPEST, 2025, 1, 6, 8), 20 * 52 * 40 * H, spec(BUDAPEST, weekdays(OFFICE)))
    assert end == at(BUDAPEST, 2044, 12, 9, 17)  # Monday 2025-01-06 + 1039 weeks + 4 days
    assert time.perf_counter() - started < 2  # about 0.05 s; generous for loaded CI machines
    with pytest.raises(OutsideCalendarRange, match="more than 200 years ahead"):
        add_business_time(at(UTC_ZONE, 2025, 1, 6), timedelta(days=999_999), UTC_WEEKDAYS)
