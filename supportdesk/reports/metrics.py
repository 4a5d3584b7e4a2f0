"""KPIs from summed facts: the one place each dashboard figure is derived (docs/metrics.md).

Rates are percentages rounded to one decimal, durations seconds (percentiles from histograms, so
within one bucket's ratio of the exact value); None when there is nothing to divide by, never 0,
so "no data" does not read as "all bad". The survey figures use surveys.figures, the definition
the surveys page uses too.
"""

from __future__ import annotations

from typing import Any

from supportdesk.reports import histograms, measures
from supportdesk.reports.queries import Bucket
from supportdesk.surveys import figures

KPI_NAMES = (
    "created", "solved", "reopened", "reopen_rate", "fcr_rate", "aht_seconds", "replies", "tracked_seconds",
    "frt_wall_median", "frt_wall_p90", "frt_business_median", "frt_business_p90",
    "resolution_wall_median", "resolution_wall_p90", "resolution_business_median", "resolution_business_p90",
    "sla_first_response", "sla_next_response", "sla_resolution",
    "csat", "csat_response_rate", "nps", "nps_response_rate", "ces", "ces_response_rate",
)  # fmt: skip


def _percentile(bucket: Bucket, duration: str, fraction: float) -> float | None:
    value = histograms.percentile(bucket.histogram(duration), fraction)
    return round(value) if value is not None else None


def kpis(bucket: Bucket) -> dict[str, Any]:
    """Every KPI of one bucket of sums (missing sums count as 0)."""
    s = {name: bucket.sums.get(name, 0) for name in measures.COUNTS}
    result: dict[str, Any] = {
        "created": s["created"],
        "solved": s["solved"],
        "reopened": s["reopened"],
        "reopen_rate": figures.percent(s["reopened_after_solve"], s["solved"]),
        "fcr_rate": figures.percent(s["fcr"], s["solved"]),
        "aht_seconds": round(s["handling_seconds"] / s["solved"]) if s["solved"] else None,
        "replies": s["replies"],
        "tracked_seconds": s["tracked_seconds"],
    }
    for duration in measures.DURATIONS:
        result[f"{duration}_median"] = _percentile(bucket, duration, 0.5)
        result[f"{duration}_p90"] = _percentile(bucket, duration, 0.9)
    for metric in measures.SLA_METRICS:
        met, breached = s[f"sla_{metric}_met"], s[f"sla_{metric}_breached"]
        result[f"sla_{metric}"] = figures.percent(met, met + breached)
    result["csat"] = figures.csat_percent(s["csat_satisfied"], s["csat_answers"])
    result["nps"] = figures.net_promoter_score(s["nps_promoters"], s["nps_detractors"], s["nps_answers"])
    result["ces"] = figures.ces_average(s["ces_sum"], s["ces_answers"])
    for kind in measures.SURVEY_KINDS:
        result[f"{kind}_response_rate"] = figures.response_rate(s[f"{kind}_responded"], s[f"{kind}_sent"])
    return result


def change(current: Any, previous: Any) -> float | None:
    """Relative change in percent from the previous period; None without a base."""
    if not isinstance(current, int | float) or not isinstance(previous, int | float) or not previous:
        return None
    return round(100.0 * (current - previous) / abs(previous), 1)
