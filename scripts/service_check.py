#!/usr/bin/env python3
"""Tell whether a PostgreSQL server is reachable, for `make test` to decide on its PostgreSQL run.

Usage: service_check.py postgres URL  -> exit 0 if a connection succeeds within a few seconds.

It connects to the server's `postgres` maintenance database rather than to the database named in
URL, because the test run creates its own `test_<name>` database and the named one need not exist.
Run with the venv's interpreter (it needs psycopg).
"""

from __future__ import annotations

import sys
from urllib.parse import unquote, urlsplit


def postgres_reachable(url: str, *, timeout: int = 3) -> tuple[bool, str]:
    """Try one connection; return (ok, reason) without raising."""
    try:
        import psycopg
    except ImportError:
        return False, "psycopg is not installed"
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        return False, f"not a PostgreSQL URL: {parts.scheme}://"
    try:
        with psycopg.connect(
            host=parts.hostname or "localhost",
            port=parts.port or 5432,
            user=unquote(parts.username or "postgres"),
            password=unquote(parts.password or "") or None,
            dbname="postgres",
            connect_timeout=timeout,
        ) as connection:
            connection.execute("SELECT 1")
    except Exception as exc:  # any failure means "not available"; the caller prints the reason
        return False, str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return True, "ok"


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] != "postgres":
        print("usage: service_check.py postgres URL", file=sys.stderr)
        return 2
    ok, reason = postgres_reachable(argv[2])
    if not ok:
        print(f"service_check: PostgreSQL unreachable: {reason}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
