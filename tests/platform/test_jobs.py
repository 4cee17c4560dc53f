"""A real job through the machine's Redis to a worker started by the test."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
from celery import Celery


def test_a_job_runs_on_a_worker_through_redis(redis_url, tmp_path) -> None:
    queue = f"fazhi-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "REDIS_URL": redis_url,
        "FAZHI_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "fazhi",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    client = Celery("fazhi-test", broker=redis_url, backend=redis_url)
    try:
        result = client.send_task(
            "fazhi.core.clock.tasks.compute_due", args=["2019-09-20", 20, "workdays"], queue=queue
        )
        assert result.get(timeout=60) == {"due": "2019-10-23", "provisional": False}
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
        client.close()


@pytest.mark.django_db
def test_the_scheduled_jobs_are_declared_on_beat() -> None:
    from fazhi.celery import app, beat_schedule

    app.loader.import_default_modules()
    schedule = beat_schedule()
    # The mechanisms' jobs are registered from their apps, not listed in settings.
    assert {"seal-integrity", "deadline-notifications", "outbox-deliver"} <= set(schedule)
    for entry in schedule.values():
        assert entry["task"] in app.tasks, entry["task"]
