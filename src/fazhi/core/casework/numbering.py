"""Numbers that are never reused: case numbers, document numbers, list item codes."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from .models import NumberSequence


def next_number(key: str, *, reserve: int = 1) -> int:
    """Take the next number (or the first of ``reserve`` consecutive ones) for ``key``."""
    if reserve < 1:
        raise ValueError("reserve must be positive")
    with transaction.atomic():
        row = NumberSequence.objects.select_for_update().filter(key=key).first()
        if row is None:
            try:
                with transaction.atomic():
                    row = NumberSequence.objects.create(key=key, last=0)
            except IntegrityError:  # another transaction created it first
                row = NumberSequence.objects.select_for_update().get(key=key)
        first = row.last + 1
        row.last += reserve
        row.save(update_fields=["last"])
        return first


def yearly_case_number(case: Any, letters: str, on: date) -> str:
    """A case number per (owning unit, kind letters, year), e.g. ``420700-SFJ-JZ-2019-0001``:
    what a workflow's ``numbering`` usually is."""
    owner = case.owner_unit()
    code = owner.code if owner else "X"
    return f"{code}-{letters}-{on.year}-{next_number(f'{code}:{letters}:{on.year}'):04d}"
