"""Which enforcement sector a department belongs to: its ``DepartmentSector`` row, else words of
its name (``sectors`` in data/publicity_rules.yaml). One answer for every rule that differs by
sector — the publication rules, the order of legal review and notice, hearing time left out of
the decision period."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

import yaml

from .models import DepartmentSector
from .models.publicity import Sector

RULES_FILE = Path(__file__).resolve().parent / "data" / "publicity_rules.yaml"


@cache
def config() -> dict[str, Any]:
    with RULES_FILE.open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def _sector_by_name(name: str) -> str:
    for sector, words in config()["sectors"].items():
        if any(w in name for w in words):
            return str(sector)
    return Sector.OTHER


def sectors_of(departments: Iterable[Any]) -> dict[int, str]:
    """The sector of each department (an ``OrgUnit`` or its id): its ``DepartmentSector`` row,
    else the words of its name. Two queries at most, whatever the number of departments."""
    from fazhi.core.org.models import OrgUnit

    units = list(departments)
    ids = [getattr(u, "pk", u) for u in units]
    names = {u.pk: u.name for u in units if isinstance(u, OrgUnit)}
    missing = [i for i in ids if i not in names]
    if missing:
        names.update(OrgUnit.objects.filter(pk__in=missing).values_list("pk", "name"))
    declared = dict(
        DepartmentSector.objects.filter(department_id__in=ids).values_list(
            "department_id", "sector"
        )
    )
    return {i: declared.get(i) or _sector_by_name(names.get(i, "")) for i in ids}


def sector_of(department: Any) -> str:
    if department is None:
        return Sector.OTHER
    return sectors_of([department])[department.pk]


class SectorRule(Protocol):
    """A rule of a sector's own procedure, declared with the day it took effect."""

    @property
    def sector(self) -> str: ...

    @property
    def effective_from(self) -> date: ...


R = TypeVar("R", bound=SectorRule)


def rule_in_force(rules: Sequence[R], department: Any, on: date) -> R | None:
    """The latest of ``rules`` declared for the department's sector and in force on ``on``."""
    sector = sector_of(department)
    found = [r for r in rules if r.sector == sector and r.effective_from <= on]
    return found[-1] if found else None
