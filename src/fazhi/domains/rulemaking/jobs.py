"""What the rulemaking app's daily job does, callable with a date (tests, the scenario)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from fazhi.core.org.models import OrgUnit

from .choices import TextKind
from .filing import open_catalogue
from .models import TextVersion
from .validity import apply_expiries, remind_evaluations


def open_catalogues(today: date) -> int:
    """In January: the catalogue of last year's rules of every government that made one."""
    if today.month != 1:
        return 0
    year = today.year - 1
    ids = set(
        TextVersion.objects.filter(
            text__kind=TextKind.GOVERNMENT_RULE, promulgated_on__year=year
        ).values_list("text__issuing_unit", flat=True)
    )
    opened = 0
    for government in OrgUnit.objects.filter(pk__in=ids, kind="government"):
        if open_catalogue(government, year) is not None:
            opened += 1
    return opened


def run_daily(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return {
        "expired": apply_expiries(today),
        "evaluations": remind_evaluations(today),
        "catalogues": open_catalogues(today),
    }
