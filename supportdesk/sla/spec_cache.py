"""Calendar specs for the SLA engine, cached per process by (calendar, version, year).

Building a spec resolves public holidays for several years, which costs milliseconds; the SLA hook
runs on every ticket change. A spec is immutable and its key holds the calendar's `updated_at`
(every change through sla.actions touches it) and the current year (the resolved range moves with
it), so a cached spec is never stale and workers need no invalidation messages.
"""

from __future__ import annotations

from datetime import datetime
from threading import Lock

from supportdesk.sla.clock_math import ROUND_THE_CLOCK
from supportdesk.sla.models import Calendar, SlaPolicy
from supportdesk.sla.selectors import spec_for, with_rules
from supportdesk.sla.spec import CalendarSpec

_MAX_ENTRIES = 256
_cache: dict[tuple[int, datetime, int], CalendarSpec] = {}
_lock = Lock()


def calendar_spec(calendar: Calendar | None, now: datetime) -> CalendarSpec:
    """The spec of a calendar (rules are read on a miss); no calendar means round the clock."""
    if calendar is None:
        return ROUND_THE_CLOCK
    key = (calendar.pk, calendar.updated_at, now.year)
    spec = _cache.get(key)
    if spec is None:
        fresh = with_rules(Calendar.objects.filter(pk=calendar.pk)).first()
        spec = spec_for(fresh or calendar, now=now)
        with _lock:
            if len(_cache) >= _MAX_ENTRIES:
                _cache.clear()
            _cache[key] = spec
    return spec


def policy_calendar(policy: SlaPolicy, default: Calendar | None) -> Calendar | None:
    """A policy's own calendar, else the default calendar, else none (round the clock)."""
    return policy.calendar if policy.calendar_id else default
