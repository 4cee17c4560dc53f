from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Run Celery tasks in-process, as the embedded default does with FAZHI_TASKS_EAGER."""
    from fazhi.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before
