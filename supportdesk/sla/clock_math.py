"""Stopwatch maths on SLA clocks: pure functions of a clock's numbers, a calendar spec and a moment.

A clock has used `consumed_seconds` of business time before `running_since` (None while paused or
stopped). Everything else follows: how much is used at any moment, when a threshold (a warning, the
target, an escalation step) is reached, and how a clock ends. No database, no clock of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from supportdesk.sla.business_time import add_business_time, business_time_between
from supportdesk.sla.spec import CalendarSpec

ROUND_THE_CLOCK = CalendarSpec(time_zone="UTC", week=(((0, 24 * 60),),) * 7)


class ClockNumbers(Protocol):
    target_seconds: int
    consumed_seconds: int
    running_since: datetime | None
    started_at: datetime


@dataclass(frozen=True)
class Ending:
    """How a clock ended: business and wall time from start to stop, and whether it met its target."""

    business_seconds: int
    wall_seconds: int
    met: bool

    def by_seconds(self, target_seconds: int) -> int:
        """How far inside (met) or beyond (breached) the target, in business seconds, never negative."""
        return abs(target_seconds - self.business_seconds)


def used_at(clock: ClockNumbers, moment: datetime, spec: CalendarSpec) -> int:
    """Business seconds used by `moment` (a paused or stopped clock uses no more)."""
    if clock.running_since is None or moment <= clock.running_since:
        return clock.consumed_seconds
    return clock.consumed_seconds + int(business_time_between(clock.running_since, moment, spec).total_seconds())


def reached_at(clock: ClockNumbers, threshold_seconds: int, spec: CalendarSpec) -> datetime | None:
    """When a running clock has used `threshold_seconds`; its resume moment if already past; None if paused."""
    if clock.running_since is None:
        return None
    remaining = threshold_seconds - clock.consumed_seconds
    if remaining <= 0:
        return clock.running_since
    return add_business_time(clock.running_since, timedelta(seconds=remaining), spec)


def next_step_at(clock: ClockNumbers, steps: Sequence[tuple[str, int]], fired: Sequence[str], spec: CalendarSpec) -> datetime | None:
    """The moment of the earliest step not yet fired (steps are (key, threshold) in firing order)."""
    done = set(fired)
    pending = [threshold for key, threshold in steps if key not in done]
    return reached_at(clock, min(pending), spec) if pending else None


def ending(clock: ClockNumbers, stop: datetime, spec: CalendarSpec) -> Ending:
    """Close the books at `stop`: business time used, wall time since start, met or not."""
    business = used_at(clock, stop, spec)
    wall = max(0, int((stop - clock.started_at).total_seconds()))
    return Ending(business_seconds=business, wall_seconds=wall, met=business <= clock.target_seconds)


def pause(clock: ClockNumbers, moment: datetime, spec: CalendarSpec) -> int:
    """Business seconds used when pausing at `moment` (the caller stores it and clears running_since)."""
    return used_at(clock, moment, spec)
