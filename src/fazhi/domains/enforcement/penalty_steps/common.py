"""What the penalty steps share: the case's detail, its events, and where its department is."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fazhi.core.casework.models import Case, Event

from ..models import EnforcementCase


def detail(case: Case) -> EnforcementCase:
    return EnforcementCase.objects.select_related("power_item").get(case=case)


def last_event(case: Case, *kinds: str) -> Event | None:
    """The case's latest event of one of ``kinds`` (by id: the order the steps were taken)."""
    return case.events.filter(kind__in=kinds).order_by("-id").first()


def taken_after(case: Case, kind: str, after: Event | None) -> bool:
    """Whether step ``kind`` was taken after the event ``after`` (or at all, when None)."""
    qs = case.events.filter(kind=kind)
    if after is not None:
        qs = qs.filter(id__gt=after.pk)
    return qs.exists()


def province_of(unit: Any) -> str:
    """The two-digit province code of an org unit (GB/T 2260: 42 = 湖北省), read from its own
    code or division code or those of the unit above it."""
    while unit is not None:
        for code in (getattr(unit, "division_code", ""), getattr(unit, "code", "")):
            if code and code[:2].isdigit():
                return code[:2]
        unit = getattr(unit, "parent", None)
    return ""


def money(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value))
