#!/usr/bin/env python3
"""E-mail import benchmark (issue 3): correctness of threading and throughput, side by side with
bare `email.message_from_bytes` over the same files.

Usage: .venv/bin/python bench/bench_mail_import.py [--count 2000] [--workdir /tmp/sd_mail_bench] [--no-postgres]

1. Writes the corpus with ../shared/bench/make_mail_corpus.py DIR COUNT (threads.json = ground truth).
2. Times bare parsing (email.message_from_bytes) of every file.
3. For SQLite (a fresh file) and PostgreSQL (database sd_mail_bench, if reachable): migrates a fresh
   database, runs `supportdesk mail import DIR --json` in a subprocess, and checks exactly one
   ticket per thread root and none for mail whose root is null.
Prints one JSON line per run; exits non-zero when a correctness check fails.
"""

from __future__ import annotations

import argparse
import email
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS_SCRIPT = Path("/work/shared/bench/make_mail_corpus.py")
PG_URL = "postgres://postgres@127.0.0.1:5432/sd_mail_bench"
COUNT_SCRIPT = (
    "import json; from supportdesk.tickets.models import Ticket; from supportdesk.email_gateway.models import InboundMessage;"
    "rows = InboundMessage.objects.filter(ticket__isnull=False, status='processed').values_list('source_ref', 'ticket_id');"
    "print(json.dumps({'tickets': Ticket.objects.count(), 'refs': [[r, t] for r, t in rows]}))"
)


def bare_parse_rate(files: list[Path]) -> float:
    datas = [f.read_bytes() for f in files]
    started = time.perf_counter()
    for data in datas:
        email.message_from_bytes(data)
    return len(datas) / (time.perf_counter() - started)


def check_threads(corpus: Path, counts: dict) -> list[str]:
    """One ticket per thread root, every threaded mail in its root's ticket, none for null roots."""
    threads = json.loads((corpus / "threads.json").read_text())
    ticket_of = {Path(ref).name: ticket for ref, ticket in counts["refs"]}
    problems = []
    roots = {root for root in threads.values() if root}
    if counts["tickets"] != len(roots):
        problems.append(f"{counts['tickets']} tickets for {len(roots)} thread roots")
    for name, root in threads.items():
        if root is None and name in ticket_of:
            problems.append(f"{name} must open no ticket")
        elif root is not None and ticket_of.get(name) != ticket_of.get(root):
            problems.append(f"{name} not in the ticket of {root}")
    return problems[:20]


def run(label: str, database_url: str, corpus: Path, workdir: Path) -> dict:
    # Production settings (DEBUG off: no query log kept per statement), as a self-hosted instance runs.
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SUPPORTDESK_VAR_DIR": str(workdir / f"var-{label}"),
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "supportdesk.cli"]
    subprocess.run([*command, "migrate", "-v0"], check=True, env=env, cwd=REPO)
    started = time.perf_counter()
    done = subprocess.run([*command, "mail", "import", str(corpus), "--json"], check=True, env=env, cwd=REPO, capture_output=True)
    elapsed = time.perf_counter() - started
    summary = json.loads(done.stdout.decode().strip().splitlines()[-1])
    output = subprocess.run([*command, "shell", "-c", COUNT_SCRIPT], check=True, env=env, cwd=REPO, capture_output=True).stdout
    counts = json.loads(output.decode().strip().splitlines()[-1])
    problems = check_threads(corpus, counts)
    seconds = summary.pop("seconds")
    return {
        "db": label,
        "summary": summary,
        "seconds": seconds,  # the import itself, as the command measures it
        "mails_per_s": round(summary["read"] / seconds, 1),
        "wall_seconds_with_startup": round(elapsed, 2),
        "problems": problems,
    }


def postgres_reachable() -> bool:
    probe = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", "select 1", "-q"], capture_output=True)
    return probe.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--workdir", default="/tmp/sd_mail_bench")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    corpus = workdir / "corpus"
    subprocess.run([sys.executable, str(CORPUS_SCRIPT), str(corpus), str(args.count)], check=True)
    files = sorted(corpus.glob("*.eml"))
    runs = [("sqlite", f"sqlite:///{workdir / 'bench.sqlite3'}")]
    if not args.no_postgres and postgres_reachable():
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "sd_mail_bench"], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "sd_mail_bench"], check=True)
        runs.append(("postgres", PG_URL))
    results = []
    for label, url in runs:
        # Bare parsing is timed right before and after each import (best of the two), so a change
        # in machine load between the runs shows in both figures of the ratio.
        before = bare_parse_rate(files)
        result = run(label, url, corpus, workdir)
        bare = max(before, bare_parse_rate(files))
        result["bare_message_from_bytes_per_s"] = round(bare, 1)
        result["ratio_to_bare_parse"] = round(result["mails_per_s"] / bare, 3)
        results.append(result)
        print(json.dumps(result))
    return 1 if any(r["problems"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
