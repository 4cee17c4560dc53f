"""PostgreSQL helpers shared by the benchmarks that build their own large dataset: the server
(``FAZHI_BENCH_PG``), a named benchmark database kept between runs with a marker row of its
finished build, and a timed progress line per build step."""

from __future__ import annotations

import os
import time
from typing import Any

SERVER = os.environ.get("FAZHI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")


def database_url(name: str) -> str:
    return f"{SERVER}/{name}"


def admin() -> Any:
    import psycopg

    return psycopg.connect(database_url("postgres"), autocommit=True)


def built(name: str) -> dict | None:
    """The marker row of a finished build, or None."""
    import psycopg

    with admin() as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return None
    with psycopg.connect(database_url(name)) as conn:
        ok = conn.execute("SELECT to_regclass('bench_marker') IS NOT NULL").fetchone()
        if not ok or not ok[0]:
            return None
        row = conn.execute("SELECT info FROM bench_marker").fetchone()
        return row[0] if row else None


def recreate(name: str) -> None:
    with admin() as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def step(label: str, started: float) -> float:
    now = time.perf_counter()
    print(f"    {label:<58} {now - started:7.1f} s", flush=True)
    return now
