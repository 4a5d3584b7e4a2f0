"""The one list of what the report facts count, shared by the models, the rollups and the queries.

A *count* is summed over days and keys (tickets created, first-solved, reopened, SLA clocks met...).
A *duration* is one value per ticket on the day it completed (first response, first resolution);
per-ticket rows keep the seconds, the daily rollups keep a histogram of them (reports.histograms),
from which a period's median and p90 are read. Adding a measure here adds the columns (a migration)
and needs `supportdesk reports backfill` to fill them for old tickets; docs/metrics.md defines each.
"""

from __future__ import annotations

from supportdesk.reports import histograms

# Summable integer measures: name -> what one unit is (for docs and column help texts).
COUNTS: dict[str, str] = {
    "created": "ticket created (its day)",
    "solved": "ticket solved for the first time (that day)",
    "reopened": "reopening: a solved or closed ticket became open again",
    "reopened_after_solve": "first solve of a ticket that was reopened later (on the first-solve day)",
    "done_final": "ticket reached the solved/closed/merged state it is still in (for the backlog)",
    "fcr": "first solve with exactly one public agent reply before it and never reopened",
    "responded": "ticket got its first public agent reply (counts the first response times)",
    "replies": "public agent replies written (by their author)",
    "handling_seconds": "tracked handling time of a ticket, on its first-solve day (AHT numerator)",
    "tracked_seconds": "time tracked by an agent that day (occupancy numerator; by the author)",
    "sla_first_response_met": "first response SLA clock met",
    "sla_first_response_breached": "first response SLA clock breached",
    "sla_next_response_met": "next response SLA clock met",
    "sla_next_response_breached": "next response SLA clock breached",
    "sla_resolution_met": "resolution SLA clock met",
    "sla_resolution_breached": "resolution SLA clock breached",
    "csat_sent": "CSAT invitation delivered",
    "csat_responded": "CSAT invitation delivered that day and answered (by delivery day)",
    "csat_answers": "CSAT answer (by answer day)",
    "csat_satisfied": "CSAT answer of 4-5 of five, or good",
    "ces_sent": "CES invitation delivered",
    "ces_responded": "CES invitation delivered that day and answered",
    "ces_answers": "CES answer",
    "ces_sum": "sum of CES answers (1-7)",
    "nps_sent": "NPS invitation delivered",
    "nps_responded": "NPS invitation delivered that day and answered",
    "nps_answers": "NPS answer",
    "nps_promoters": "NPS answer of 9-10",
    "nps_detractors": "NPS answer of 0-6",
}

# Durations in seconds, one per ticket on the day the measured span ended.
DURATIONS: dict[str, str] = {
    "frt_wall": "first response time, wall clock",
    "frt_business": "first response time in business hours (the ticket's SLA calendar; wall time without one)",
    "resolution_wall": "time to first solve, wall clock",
    "resolution_business": "time to first solve in business hours (as above)",
}

SLA_METRICS = ("first_response", "next_response", "resolution")
SURVEY_KINDS = ("csat", "ces", "nps")


def bucket_column(duration: str, index: int) -> str:
    """The rollup column holding bucket `index` of a duration's histogram, e.g. frt_wall_h07."""
    return f"{duration}_h{index:02d}"


def bucket_columns(duration: str) -> list[str]:
    return [bucket_column(duration, index) for index in range(histograms.SIZE)]


ALL_BUCKET_COLUMNS: list[str] = [column for duration in DURATIONS for column in bucket_columns(duration)]
