"""Duration histograms: fixed bounds, summable days, percentiles close to the exact ones."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from supportdesk.reports import histograms as h


def test_the_bounds_are_fixed_and_geometric() -> None:
    # Stored histograms depend on these: changing them needs a backfill of every fact.
    assert h.SIZE == 50
    assert h.BOUNDS[0] == 60.0
    assert h.BOUNDS[-1] == 90 * 24 * 3600.0
    ratios = {round(b / a, 6) for a, b in zip(h.BOUNDS, h.BOUNDS[1:], strict=False)}
    assert len(ratios) == 1 and 1.27 < h.RATIO < 1.29


@pytest.mark.parametrize(
    ("seconds", "bucket"),
    [(-5, 0), (0, 0), (59.9, 0), (60, 1), (61, 1), (90 * 86400, 49), (10**9, 49), (math.inf, 49), (math.nan, 49)],
)
def test_bucket_of(seconds: float, bucket: int) -> None:
    assert h.bucket_of(seconds) == bucket


def test_days_add_up_to_the_period() -> None:
    monday = h.histogram([30, 600, 7200])
    tuesday = h.histogram([600, 86400])
    assert h.merge([monday, tuesday]) == h.histogram([30, 600, 7200, 600, 86400])
    assert sum(h.merge([monday, tuesday])) == 5
    with pytest.raises(ValueError, match="buckets"):
        h.merge([monday, [1, 2, 3]])


def test_hand_computed_percentiles() -> None:
    # Ten durations, all inside the first bucket [0, 60): linear interpolation from 0.
    counts = h.histogram([10] * 10)
    assert h.percentile(counts, 0.5) == pytest.approx(30.0)
    assert h.percentile(counts, 1.0) == pytest.approx(60.0)
    # Four durations in the bucket [60, 60*RATIO): the median is the geometric middle.
    counts = h.histogram([61, 62, 63, 64])
    assert h.percentile(counts, 0.5) == pytest.approx(60 * h.RATIO**0.5)
    assert h.percentile(h.histogram([]), 0.5) is None
    assert h.percentile(h.histogram([10**9]), 0.9) == h.BOUNDS[-1]  # the open bucket answers its floor
    with pytest.raises(ValueError):
        h.percentile(counts, 1.5)


@pytest.mark.parametrize("fraction", [0.5, 0.9])
def test_percentiles_stay_within_one_bucket_ratio_of_the_exact_value(fraction: float) -> None:
    rng = random.Random(11)
    durations = [rng.lognormvariate(math.log(4 * 3600), 1.3) for _ in range(5000)]  # minutes to weeks
    exact = statistics.quantiles(durations, n=100)[int(fraction * 100) - 1]
    estimate = h.percentile(h.histogram(durations), fraction)
    assert estimate is not None
    assert exact / h.RATIO <= estimate <= exact * h.RATIO
