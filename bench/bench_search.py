"""Per-query timing of search_tickets (no view, no rendering), for diagnosing the search rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sd_bench .venv/bin/python bench/bench_search.py --repeat 5

For each query of bench_core's search set: which plan shape ran (id set or newest-first walk),
the probe's time, and the median and worst time of the whole search_tickets call.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_core

from supportdesk.accounts.models import User
from supportdesk.search.queries import _match, search_tickets
from supportdesk.search.seeding import BENCH_AGENT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    agent = User.objects.get(email=BENCH_AGENT)
    print(f"{'query':32} {'shape':6} {'probe ms':>9} {'p50 ms':>8} {'max ms':>8} {'hits':>5}")
    for query in bench_core.search_queries(agent):
        match = _match(query)
        shape, probe_ms = "-", 0.0
        if match is not None:
            started = time.perf_counter()
            shape = "walk" if match.is_common() else "ids"
            probe_ms = (time.perf_counter() - started) * 1000
        times, hits = [], 0
        for _ in range(max(1, args.repeat)):
            started = time.perf_counter()
            hits = len(search_tickets(agent, query).items)
            times.append((time.perf_counter() - started) * 1000)
        print(f"{query[:32]:32} {shape:6} {probe_ms:9.1f} {statistics.median(times):8.1f} {max(times):8.1f} {hits:5}")


if __name__ == "__main__":
    main()
