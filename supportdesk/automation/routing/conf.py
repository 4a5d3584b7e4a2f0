"""Settings of the routing app, read at call time (env-driven with defaults; see docs/configuration.md)."""

from __future__ import annotations

import os

from django.conf import settings


def drain_batch() -> int:
    """How many unassigned tickets one drain routes per group and run."""
    return int(getattr(settings, "SUPPORTDESK_ROUTING_DRAIN_BATCH", os.environ.get("SUPPORTDESK_ROUTING_DRAIN_BATCH", "50")))


def sweep_seconds() -> float:
    """How often the worker runs the routing.drain sweep."""
    return float(getattr(settings, "SUPPORTDESK_ROUTING_SWEEP_SECONDS", os.environ.get("SUPPORTDESK_ROUTING_SWEEP_SECONDS", "60")))
