"""PostgreSQL helpers shared by the benchmarks that build their own large dataset: the server
(``FAZHI_BENCH_PG``), a named benchmark database kept between runs with a marker row of its
finished build, and a timed progress line per build step."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
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


ROOT = Path(__file__).resolve().parent.parent


def run_script(script: str, args: list[str], db: str, var: Path, *, stream: bool = False) -> dict:
    """Run ``script --child <args>`` in a fresh process on database ``db``; its result is the
    JSON object on its last line (``stream``: its progress lines are printed as they come)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "DATABASE_URL": database_url(db),
        "FAZHI_VAR_DIR": str(var),
        "FAZHI_LOG_LEVEL": "ERROR",
        "FAZHI_STRICT_SCOPING": "1",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    cmd = [sys.executable, script, "--child", *args]
    if stream:  # progress lines as they come, the result on the last line
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
        last = ""
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("{"):
                last = line
            else:
                print(line, end="", flush=True)
        if proc.wait() != 0:
            raise SystemExit(f"{args[0]} on {db} failed")
        return json.loads(last)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    sys.stderr.write(done.stderr if "--explain" in args or done.returncode else "")
    if done.returncode != 0:
        sys.stderr.write(done.stdout)
        raise SystemExit(f"{args[0]} on {db} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])
