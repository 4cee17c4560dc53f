"""Keeping the calendar and the deadlines in step with the holiday table.

Any save or delete of a ``HolidayYear`` or ``CalendarDay`` resets this process's calendar and
sends ``calendar_changed(years=[...])``; casework listens and recomputes (with an audit entry) the
deadlines that touch those years. An admin save of a year with its inline days is one change:
``batched_changes()`` coalesces it into one signal.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone

from .calendar import reset_calendar

# Sent with ``years: list[int]``: the calendar years whose working days may have changed.
calendar_changed = Signal()

_batch: ContextVar[set[int] | None] = ContextVar("fazhi_clock_calendar_batch", default=None)


@contextmanager
def batched_changes() -> Iterator[None]:
    """Send one ``calendar_changed`` for all the changes made inside the block."""
    if _batch.get() is not None:  # already inside a batch: the outer one sends
        yield
        return
    years: set[int] = set()
    token = _batch.set(years)
    try:
        yield
    finally:
        _batch.reset(token)
    if years:
        _send(years)


def _send(years: set[int]) -> None:
    from .models import HolidayYear

    calendar_changed.send(sender=HolidayYear, years=sorted(years))


def _changed(years: set[int]) -> None:
    # Reset at once, not on commit: a listener recomputing in the same transaction must see
    # the new days.
    reset_calendar()
    batch = _batch.get()
    if batch is not None:
        batch.update(years)
    else:
        _send(years)


def holiday_year_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    _changed({instance.year})


def calendar_day_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .models import CalendarDay, HolidayYear

    years = {instance.date.year}
    if CalendarDay.year.is_cached(instance):
        years.add(instance.year.year)
    else:
        years.update(HolidayYear.objects.filter(pk=instance.year_id).values_list("year", flat=True))
    # Mark the year changed so other processes' calendars notice (see calendar._db_fingerprint).
    HolidayYear.objects.filter(pk=instance.year_id).update(updated_at=timezone.now())
    _changed(years)


def connect() -> None:
    from .models import CalendarDay, HolidayYear

    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(holiday_year_changed, sender=HolidayYear, dispatch_uid=f"clock-year-{name}")
        signal.connect(calendar_day_changed, sender=CalendarDay, dispatch_uid=f"clock-day-{name}")
