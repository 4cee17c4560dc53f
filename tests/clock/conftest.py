"""Fixtures for the clock: the package calendar (no database) and a clean process calendar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fazhi.core.clock.calendar import WorkCalendar, reset_calendar


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    """The calendar of the chinese_calendar package alone (2004–2026 official)."""
    return WorkCalendar.from_package()


@pytest.fixture(autouse=True)
def _fresh_process_calendar() -> Iterator[None]:
    # A test's database rows vanish at rollback without a post_delete signal, so the process
    # calendar built from them must not leak into the next test.
    reset_calendar()
    yield
    reset_calendar()
