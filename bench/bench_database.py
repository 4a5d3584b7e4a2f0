"""Shared by the PostgreSQL benchmarks: start each run from an empty database."""

from __future__ import annotations

from urllib.parse import urlsplit


def fresh_database(url: str) -> None:
    """Drop and create the database named in a postgres:// URL (connecting to `postgres`)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
