"""The survey figures, as pure functions of counts (no database): the one definition of each.

- CSAT % = satisfied answers / all CSAT answers x 100 (satisfied: 4 or 5 of five, or "good").
- NPS = % promoters (9-10) - % detractors (0-6) of all NPS answers, from -100 to 100.
- CES = the average answer on the 1-7 scale; "easy %" = answers of 5-7 / all x 100.
- Response rate = invitations answered / invitations delivered (sent) x 100, for the
  invitations delivered in the period; an answer can come after the period ends.
None when there is nothing to divide by, never 0, so "no data" is not read as "all bad".
Rounded to one decimal (CES to two).
"""

from __future__ import annotations


def percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def csat_percent(satisfied: int, answers: int) -> float | None:
    return percent(satisfied, answers)


def net_promoter_score(promoters: int, detractors: int, answers: int) -> float | None:
    if not answers:
        return None
    return round(100.0 * (promoters - detractors) / answers, 1)


def ces_average(score_sum: int, answers: int) -> float | None:
    return round(score_sum / answers, 2) if answers else None


def response_rate(answered: int, sent: int) -> float | None:
    return percent(answered, sent)
