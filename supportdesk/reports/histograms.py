"""Duration histograms: how daily facts keep response and resolution times summable.

A median or a p90 cannot be added up from daily medians, and reading every ticket of a year is what
makes peers' reports time out. So each daily fact stores how many durations fell into each of a
fixed set of buckets; a period's histogram is the element-wise sum of its days', and its percentiles
are read from that sum (docs/decisions/0002-reports-facts.md).

The buckets grow geometrically (each upper bound RATIO times the one before) from 1 minute to 90
days, plus one bucket for anything shorter and one for anything longer. Inside a bucket the
percentile is interpolated geometrically, so the answer is never off by more than one bucket's
ratio (about 28%) and usually by much less; the drill-down lists exact values. Changing the bounds
would invalidate every stored histogram, so they are fixed here and tested.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence

FIRST_BOUND = 60.0  # seconds
LAST_BOUND = 90 * 24 * 3600.0
INNER_BUCKETS = 48
RATIO = (LAST_BOUND / FIRST_BOUND) ** (1 / INNER_BUCKETS)
# Upper bounds of the buckets 0..INNER_BUCKETS; bucket 0 is [0, 60 s), the last one [90 days, inf).
BOUNDS: tuple[float, ...] = (*(FIRST_BOUND * RATIO**index for index in range(INNER_BUCKETS)), LAST_BOUND)
SIZE = len(BOUNDS) + 1


def bucket_of(seconds: float) -> int:
    """The bucket a duration falls into (negative durations, a clock skew, count as zero)."""
    if not math.isfinite(seconds):
        return SIZE - 1
    return bisect.bisect_right(BOUNDS, max(0.0, seconds))


def histogram(durations: Iterable[float]) -> list[int]:
    counts = [0] * SIZE
    for seconds in durations:
        counts[bucket_of(seconds)] += 1
    return counts


def merge(histograms: Iterable[Sequence[int]]) -> list[int]:
    """Element-wise sum; every histogram must have SIZE counts (a stored one of another size is a bug)."""
    total = [0] * SIZE
    for counts in histograms:
        if len(counts) != SIZE:
            raise ValueError(f"a histogram has {len(counts)} buckets, expected {SIZE}")
        for index, count in enumerate(counts):
            total[index] += count
    return total


def _bucket_range(index: int) -> tuple[float, float]:
    low = 0.0 if index == 0 else BOUNDS[index - 1]
    high = BOUNDS[index] if index < len(BOUNDS) else BOUNDS[-1]
    return low, high


def percentile(counts: Sequence[int], fraction: float) -> float | None:
    """The duration below which `fraction` (0..1) of the counted durations lie, in seconds; None
    when nothing was counted. Within a bucket the position is interpolated: linearly in the first
    bucket (from 0), geometrically in the others; the open last bucket answers its lower bound."""
    if not 0.0 <= fraction <= 1.0:
        raise ValueError("fraction must be between 0 and 1")
    total = sum(counts)
    if total <= 0:
        return None
    rank = fraction * total
    seen = 0
    for index, count in enumerate(counts):
        if count <= 0:
            continue
        if seen + count >= rank:
            low, high = _bucket_range(index)
            share = (rank - seen) / count
            if index == 0:
                return low + (high - low) * share
            if index == len(counts) - 1:
                return low
            return low * (high / low) ** share
        seen += count
    return _bucket_range(len(counts) - 1)[0]
