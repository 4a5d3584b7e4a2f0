"""Per-ticket fact rows from a constructed history, against hand-computed days and values."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from supportdesk.reports.ticket_facts import (
    ClockOutcome,
    PublicReply,
    StateChange,
    SurveyFacts,
    TicketHistory,
    TrackedTime,
    final_done_at,
    first_solve,
    ticket_rows,
)

UTC_ZONE = ZoneInfo("UTC")
OWNER, HELPER = 7, 9


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def history(**overrides: object) -> TicketHistory:
    base = TicketHistory(
        ticket_id=1, created_at=at(2, 9), group_id=3, channel="email", owner_id=OWNER, organization_id=None,
        customer_id=5, language="de", category="billing", priority="normal", state="solved",
        solved_at=at(3, 10), closed_at=None, first_response_at=at(2, 10, 30), updated_at=at(3, 10),
    )  # fmt: skip
    for name, value in overrides.items():
        setattr(base, name, value)
    return base


def by_key(rows: list[dict[str, object]]) -> dict[tuple[date, int], dict[str, object]]:
    return {(row["day"], row["agent_id"]): row for row in rows}  # type: ignore[misc]


def test_one_reply_then_solved_is_fcr_with_times_on_their_days() -> None:
    ticket = history(
        replies=[PublicReply(at(2, 10, 30), OWNER)],
        state_changes=[StateChange(at(2, 10, 30), "new", "open"), StateChange(at(3, 10), "open", "solved")],
        tracked=[TrackedTime(at(2, 10, 30), OWNER, 600), TrackedTime(at(3, 9), HELPER, 300)],
    )
    rows = by_key(ticket_rows(ticket, UTC_ZONE))
    day2, day3 = rows[(date(2026, 3, 2), OWNER)], rows[(date(2026, 3, 3), OWNER)]
    assert (day2["created"], day2["responded"], day2["frt_wall"], day2["frt_business"], day2["replies"]) == (1, 1, 5400, 5400, 1)
    assert day2["tracked_seconds"] == 600
    assert (day3["solved"], day3["fcr"], day3["resolution_wall"], day3["done_final"]) == (1, 1, 25 * 3600, 1)
    assert day3["handling_seconds"] == 900  # all tracked time of the ticket, on the first-solve day
    assert rows[(date(2026, 3, 3), HELPER)]["tracked_seconds"] == 300  # the helper's own work
    assert "solved" not in rows[(date(2026, 3, 3), HELPER)]
    assert day3["category"] == "billing" and day3["organization_id"] == 0


def test_reopened_ticket_is_not_fcr_and_counts_reopen_and_final_done() -> None:
    ticket = history(
        solved_at=at(6, 12),
        replies=[PublicReply(at(2, 10, 30), OWNER), PublicReply(at(5, 11), OWNER)],
        state_changes=[
            StateChange(at(3, 10), "open", "solved"),
            StateChange(at(4, 8), "solved", "open"),
            StateChange(at(6, 12), "open", "solved"),
        ],
    )
    rows = by_key(ticket_rows(ticket, UTC_ZONE))
    assert first_solve(ticket) == at(3, 10)
    assert final_done_at(ticket) == at(6, 12)
    solved_day = rows[(date(2026, 3, 3), OWNER)]
    assert (solved_day["solved"], solved_day["fcr"], solved_day["reopened_after_solve"]) == (1, 0, 1)
    assert "done_final" not in solved_day
    assert rows[(date(2026, 3, 4), OWNER)]["reopened"] == 1
    assert rows[(date(2026, 3, 6), OWNER)]["done_final"] == 1
    assert "solved" not in rows[(date(2026, 3, 6), OWNER)]  # solved counts once, on the first solve


def test_two_replies_before_solve_is_not_fcr() -> None:
    ticket = history(
        replies=[PublicReply(at(2, 10, 30), OWNER), PublicReply(at(2, 15), OWNER)],
        state_changes=[StateChange(at(3, 10), "open", "solved")],
    )
    assert by_key(ticket_rows(ticket, UTC_ZONE))[(date(2026, 3, 3), OWNER)]["fcr"] == 0


def test_business_time_comes_from_the_stopped_sla_clock_and_outcomes_count_on_their_day() -> None:
    ticket = history(
        clocks=[
            ClockOutcome("first_response", 1, "met", at(2, 10, 30), None, 1800),
            ClockOutcome("resolution", 1, "breached", at(3, 10), at(2, 17), 7200),
            ClockOutcome("next_response", 2, "", None, None, None),  # still running: nothing
        ]
    )
    rows = by_key(ticket_rows(ticket, UTC_ZONE))
    assert rows[(date(2026, 3, 2), OWNER)]["frt_business"] == 1800
    assert rows[(date(2026, 3, 2), OWNER)]["sla_first_response_met"] == 1
    assert rows[(date(2026, 3, 2), OWNER)]["sla_resolution_breached"] == 1  # on the breach day
    assert rows[(date(2026, 3, 3), OWNER)]["resolution_business"] == 7200
    assert not any("sla_next_response" in key for row in rows.values() for key in row)


def test_tickets_without_a_state_log_use_their_stamps_and_open_ones_have_no_solve() -> None:
    assert first_solve(history()) == at(3, 10)  # seeded/imported: no events
    open_ticket = history(state="open", solved_at=None)
    rows = ticket_rows(open_ticket, UTC_ZONE)
    assert sum(int(row.get("solved", 0)) for row in rows) == 0  # type: ignore[call-overload]
    assert sum(int(row.get("done_final", 0)) for row in rows) == 0  # type: ignore[call-overload]


def test_surveys_count_delivery_and_answer_days_for_the_named_agent() -> None:
    ticket = history(
        surveys=[
            SurveyFacts("csat", HELPER, at(4, 9), at(5, 9), 4, True),
            SurveyFacts("ces", None, at(4, 9), at(4, 20), 6, None),
            SurveyFacts("nps", None, at(4, 9)),  # delivered, not answered
        ]
    )
    rows = by_key(ticket_rows(ticket, UTC_ZONE))
    sent_helper, answered_helper = rows[(date(2026, 3, 4), HELPER)], rows[(date(2026, 3, 5), HELPER)]
    assert (sent_helper["csat_sent"], sent_helper["csat_responded"]) == (1, 1)
    assert (answered_helper["csat_answers"], answered_helper["csat_satisfied"]) == (1, 1)
    owner_day4 = rows[(date(2026, 3, 4), OWNER)]
    assert (owner_day4["ces_sent"], owner_day4["ces_answers"], owner_day4["ces_sum"], owner_day4["nps_sent"]) == (1, 1, 6, 1)
    assert "nps_responded" not in owner_day4


def test_days_are_local_days_of_the_report_time_zone() -> None:
    late = history(created_at=datetime(2026, 3, 2, 23, 30, tzinfo=UTC), first_response_at=None, state="open", solved_at=None)
    (row,) = ticket_rows(late, ZoneInfo("Europe/Budapest"))
    assert row["day"] == date(2026, 3, 3)
