"""Property-based tests of the business-time maths, and a brute-force reference on small ranges.

The reference knows nothing of the implementation's tricks (fold, bisection, week skipping): it
finds each interval boundary by walking UTC minute by minute until the local wall clock first
reaches the boundary (the rule the module docstring states), and counts working minutes one by
one. Calendars are random, in zones with unusual clock changes (Riga at 03:00, Santiago at
midnight, Lord Howe by 30 minutes, Kathmandu at +05:45), around their change dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from unittest import mock
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

from supportdesk.sla import business_time
from supportdesk.sla.business_time import add_business_time, business_time_between, is_business_time, next_business_moment
from supportdesk.sla.intervals import DayHours
from supportdesk.sla.spec import CalendarSpec, OutsideCalendarRange, build_spec

MINUTE = timedelta(minutes=1)
MICROSECOND = timedelta(microseconds=1)
ZONES = [
    "Europe/Budapest",
    "Europe/Riga",
    "Europe/Berlin",
    "America/Santiago",
    "Australia/Lord_Howe",
    "America/New_York",
    "Asia/Kathmandu",
    "UTC",
]
PLAIN_ANCHORS = [date(2025, 6, 16), date(2028, 2, 29), date(2025, 12, 31)]


@cache
def clock_changes(zone: str) -> tuple[tuple[date, frozenset[int]], ...]:
    """(local date, wall minutes next to the change) for each 2025 clock change of `zone`, found by scanning.

    The minutes are the wall times on either side of the jump (e.g. Berlin in spring: 120 and 180),
    so random calendars can put their interval boundaries exactly into or next to the odd hour.
    """
    tz, changes = ZoneInfo(zone), []
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(tz).utcoffset()
    while moment.year < 2026:
        moment += timedelta(minutes=15)
        if moment.astimezone(tz).utcoffset() != offset:
            offset = moment.astimezone(tz).utcoffset()
            before, after = (moment - MINUTE).astimezone(tz) + MINUTE, moment.astimezone(tz)
            for local in (before, after):
                minute = local.hour * 60 + local.minute
                changes.append((local.date(), frozenset({minute, 1440 if minute == 0 else minute})))
                if minute == 0:  # a change at midnight is 24:00 of the day before too
                    changes.append((local.date() - timedelta(days=1), frozenset({1440})))
    return tuple(changes)


@st.composite
def day_hours(draw: st.DrawFn, special: frozenset[int] = frozenset()) -> DayHours:
    near = [m + d for m in special for d in (-60, -30, -1, 0, 1, 30, 60) if 0 <= m + d <= 1440]
    boundary = st.one_of(st.integers(0, 48).map(lambda n: n * 30), st.integers(0, 1440), *([st.sampled_from(near)] if near else []))
    points = sorted(draw(st.lists(boundary, max_size=6, unique=True)))
    points = points[: len(points) // 2 * 2]
    return tuple(zip(points[::2], points[1::2], strict=True))


@dataclass(frozen=True)
class Case:
    """A random calendar and the UTC midnight of a date where it is interesting (a clock change, a leap day)."""

    spec: CalendarSpec
    anchor: datetime

    def at(self, minutes: int) -> datetime:
        return self.anchor + timedelta(minutes=minutes)


@st.composite
def cases(draw: st.DrawFn, *, holidays: bool = False) -> Case:
    zone = draw(st.sampled_from(ZONES))
    anchors = [(day, minutes) for day, minutes in clock_changes(zone)] + [(day, frozenset()) for day in PLAIN_ANCHORS]
    anchor, special = draw(st.sampled_from(anchors))
    week = draw(st.lists(day_hours(special), min_size=7, max_size=7))
    assume(any(week))
    near = st.integers(-6, 6).map(lambda n: anchor + timedelta(days=n))
    extra = draw(st.dictionaries(near, day_hours(special).filter(bool), max_size=3))
    closed = draw(st.lists(near, max_size=3))
    country = draw(st.sampled_from(["HU", "LV", "DE"])) if holidays else ""
    spec = build_spec(
        time_zone=zone,
        week=week,
        closed_days=closed,
        extra_days=extra,
        holiday_country=country,
        years=(2024, 2030) if country else None,
    )
    return Case(spec, datetime.combine(anchor, time(), tzinfo=UTC))


def offsets(days: int) -> st.SearchStrategy[int]:
    """Whole minutes within `days` of a case's anchor."""
    return st.integers(-days * 1440, days * 1440)


# --- the brute-force reference


@cache
def reference_wall(zone: str, day: date, minute: int) -> datetime:
    """The first whole UTC minute at which the local clock shows `minute` after midnight of `day`, or later."""
    tz = ZoneInfo(zone)
    target = datetime.combine(day, time()) + timedelta(minutes=minute)
    moment = datetime.combine(day, time(), tzinfo=UTC) - timedelta(hours=15)  # local clock before `day` everywhere
    while moment.astimezone(tz).replace(tzinfo=None) < target:
        moment += MINUTE
    return moment


def reference_is_business(spec: CalendarSpec, moment: datetime) -> bool:
    local_day = moment.astimezone(spec.tz).date()
    for day in (local_day - timedelta(days=1), local_day, local_day + timedelta(days=1)):
        for start, end in spec.hours_on(day):
            if reference_wall(spec.time_zone, day, start) <= moment < reference_wall(spec.time_zone, day, end):
                return True
    return False


def reference_between(spec: CalendarSpec, a: datetime, b: datetime) -> timedelta:
    minutes, moment = 0, a
    while moment < b:
        minutes += reference_is_business(spec, moment)
        moment += MINUTE
    return minutes * MINUTE


def reference_add(spec: CalendarSpec, start: datetime, minutes: int, *, limit_days: int = 12) -> datetime | None:
    """None when the answer lies further than `limit_days` away (the example is then skipped)."""
    if minutes == 0:
        return start
    moment, counted = start, 0
    while moment < start + timedelta(days=limit_days):
        if reference_is_business(spec, moment):
            counted += 1
            if counted == minutes:
                return moment + MINUTE
        moment += MINUTE
    return None


BRUTE = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@BRUTE
@given(case=cases(), offset=offsets(3), minutes=st.integers(0, 3 * 1440))
def test_add_matches_the_brute_force_reference(case: Case, offset: int, minutes: int) -> None:
    start = case.at(offset)
    expected = reference_add(case.spec, start, minutes)
    assume(expected is not None)
    assert add_business_time(start, minutes * MINUTE, case.spec) == expected


@BRUTE
@given(case=cases(), first=offsets(2), second=offsets(2))
def test_between_matches_the_brute_force_reference(case: Case, first: int, second: int) -> None:
    a, b = case.at(first), case.at(second)
    expected = reference_between(case.spec, min(a, b), max(a, b))
    assert business_time_between(a, b, case.spec) == (expected if a <= b else -expected)


@BRUTE
@given(case=cases(), offset=offsets(3))
def test_is_business_time_and_next_moment_match_the_reference(case: Case, offset: int) -> None:
    moment = case.at(offset)
    assert is_business_time(moment, case.spec) is reference_is_business(case.spec, moment)
    expected = moment
    while not reference_is_business(case.spec, expected) and expected < moment + timedelta(days=12):
        expected += MINUTE
    assume(reference_is_business(case.spec, expected))
    assert next_business_moment(moment, case.spec) == expected


# --- algebraic properties on longer ranges (no reference needed)


def add(start: datetime, duration: timedelta, spec: CalendarSpec) -> datetime:
    """add_business_time; an example whose answer lies beyond the resolved holiday years is dropped."""
    try:
        return add_business_time(start, duration, spec)
    except OutsideCalendarRange:
        reject()


def between(a: datetime, b: datetime, spec: CalendarSpec) -> timedelta:
    try:
        return business_time_between(a, b, spec)
    except OutsideCalendarRange:
        reject()


durations = st.integers(0, 2000 * 60).map(lambda minutes: minutes * MINUTE) | st.timedeltas(timedelta(0), timedelta(days=60))
# Seconds and microseconds too, not only whole minutes.
moments = st.integers(-60 * 86_400_000_000, 60 * 86_400_000_000).map(lambda us: timedelta(microseconds=us))


@PROPERTY
@given(case=cases(holidays=True), shift=moments, duration=durations)
def test_round_trip(case: Case, shift: timedelta, duration: timedelta) -> None:
    start = case.anchor + shift
    end = add(start, duration, case.spec)
    assert between(start, end, case.spec) == duration
    assert between(end, start, case.spec) == -duration


@PROPERTY
@given(case=cases(holidays=True), shift=moments, first=durations, second=durations)
def test_additivity(case: Case, shift: timedelta, first: timedelta, second: timedelta) -> None:
    start, spec = case.anchor + shift, case.spec
    assert add(add(start, first, spec), second, spec) == add(start, first + second, spec)


@PROPERTY
@given(case=cases(holidays=True), shift=moments, later=durations, first=durations, second=durations)
def test_monotonic_in_start_and_duration(case: Case, shift: timedelta, later: timedelta, first: timedelta, second: timedelta) -> None:
    start, spec = case.anchor + shift, case.spec
    small, large = sorted((first, second))
    assert add(start, small, spec) <= add(start, large, spec)
    assert add(start, small, spec) <= add(start + later, small, spec)


@PROPERTY
@given(case=cases(holidays=True), shift=moments, duration=durations)
def test_result_is_inside_working_hours_or_at_an_interval_end(case: Case, shift: timedelta, duration: timedelta) -> None:
    assume(duration > timedelta(0))
    end = add(case.anchor + shift, duration, case.spec)
    assert is_business_time(end - MICROSECOND, case.spec)
    assert between(end - MICROSECOND, end, case.spec) == MICROSECOND


@PROPERTY
@given(case=cases(holidays=True), a=moments, b=moments, c=moments)
def test_between_is_additive_over_any_three_moments(case: Case, a: timedelta, b: timedelta, c: timedelta) -> None:
    first, second, third = case.anchor + a, case.anchor + b, case.anchor + c
    assert between(first, second, case.spec) + between(second, third, case.spec) == between(first, third, case.spec)
    assert between(first, second, case.spec) == -between(second, first, case.spec)


@PROPERTY
@given(case=cases(holidays=True), shift=moments)
def test_next_business_moment_skips_only_closed_time(case: Case, shift: timedelta) -> None:
    moment = case.anchor + shift
    try:
        following = next_business_moment(moment, case.spec)
    except OutsideCalendarRange:
        reject()
    assert following >= moment
    assert is_business_time(following, case.spec)
    assert between(moment, following, case.spec) == timedelta(0)
    assert (following == moment) is is_business_time(moment, case.spec)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(case=cases(holidays=True), shift=moments, weeks=st.integers(1, 150), extra=st.integers(0, 10_000))
def test_whole_week_skipping_agrees_with_day_by_day_stepping(case: Case, shift: timedelta, weeks: int, extra: int) -> None:
    start, spec = case.anchor + shift, case.spec
    duration = weeks * spec.weekly_duration + extra * MINUTE
    fast_end = add(start, duration, spec)
    fast_span = between(start - timedelta(days=9), fast_end + timedelta(days=9), spec)
    with mock.patch.object(business_time, "_plain_week", return_value=False):
        assert add(start, duration, spec) == fast_end
        assert between(start - timedelta(days=9), fast_end + timedelta(days=9), spec) == fast_span
