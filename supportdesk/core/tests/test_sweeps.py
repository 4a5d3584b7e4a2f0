"""The sweep registry and loop: intervals, isolation of failures, clean stop."""

from __future__ import annotations

import logging
import threading

import pytest

from supportdesk.core.sweeps import Sweep, SweepLoop, register_sweep, registered_sweeps


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_register_sweep_rejects_a_non_positive_interval() -> None:
    with pytest.raises(ValueError, match="every_seconds"):
        register_sweep("broken", 0, lambda: None)


def test_apps_register_their_sweeps_at_start_up() -> None:
    names = [sweep.name for sweep in registered_sweeps()]
    assert names == [
        "ai.retrain",
        "ai.triage_catchup",
        "api.expire_idempotency_records",
        "core.purge_rate_limits",
        "email_gateway.imap_polls",
        "email_gateway.requeue_stale_pending",
        "portal.sign_in_links",
        "realtime.purge_stale_presence",
        "reports.mail",
        "reports.refresh",
        "routing.drain",
        "rules.schedulers",
        "sla.clocks",
        "sla.risk",
        "surveys.send",
        "tickets.pending_close",
        "tickets.pending_reminders",
        "webhooks.deliveries",
    ]


def test_sweeps_run_at_start_and_then_at_their_own_interval() -> None:
    calls: list[str] = []
    clock = FakeClock()
    loop = SweepLoop(
        [Sweep("fast", 10, lambda: calls.append("fast")), Sweep("slow", 60, lambda: calls.append("slow"))],
        clock=clock,
        manage_connections=False,
    )

    assert loop.run_due() == ["fast", "slow"]
    clock.now += 9
    assert loop.run_due() == []
    clock.now += 1
    assert loop.run_due() == ["fast"]
    clock.now += 50
    assert loop.run_due() == ["fast", "slow"]
    assert calls == ["fast", "slow", "fast", "fast", "slow"]


def test_a_failing_sweep_is_logged_and_does_not_stop_the_others_or_the_loop(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[str] = []
    clock = FakeClock()

    def explode() -> None:
        calls.append("boom")
        raise RuntimeError("database on fire")

    loop = SweepLoop([Sweep("a.boom", 5, explode), Sweep("b.ok", 5, lambda: calls.append("ok"))], clock=clock, manage_connections=False)
    with caplog.at_level(logging.ERROR, logger="supportdesk.core.sweeps"):
        assert loop.run_due() == ["a.boom", "b.ok"]
        clock.now += 5
        assert loop.run_due() == ["a.boom", "b.ok"]
    assert calls == ["boom", "ok", "boom", "ok"]
    assert [r.getMessage() for r in caplog.records] == ["sweep a.boom failed", "sweep a.boom failed"]


def test_the_loop_thread_stops_promptly_when_asked(db: None) -> None:
    ran = threading.Event()
    loop = SweepLoop([Sweep("quick", 3600, ran.set)])
    thread = loop.start_thread()
    assert ran.wait(timeout=5)
    loop.stop()
    thread.join(timeout=3)
    assert not thread.is_alive()
    assert loop.stopped
