"""The discretion function the enforcement domain calls (行政处罚法 第三十三条、第三十四条).

``tier_for(item, facts, on=date)`` looks up the no-penalty list first, then the benchmark
in force on the date, and returns the applicable tier with its range and article, or the
no-penalty finding. Facts are values of declared factors (``DiscretionFactor.code``), never
free text; a condition on a factor the facts do not give is not met.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q

from .choices import ListState
from .models import (
    DiscretionBenchmarkVersion,
    DiscretionTier,
    NoPenaltyItemVersion,
    PowerItem,
)

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "in": lambda a, b: a in b,
}


class UnknownFactor(ValueError):
    pass


def condition_holds(condition: Mapping[str, Any], facts: Mapping[str, Any]) -> bool:
    factor, op, expected = condition["factor"], condition.get("op", "="), condition["value"]
    if op not in OPERATORS:
        raise UnknownFactor(f"未知的比较方式：{op}")
    if factor not in facts:
        return False
    actual = facts[factor]
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        actual, expected = Decimal(str(actual)), Decimal(str(expected))
    return OPERATORS[op](actual, expected)


def all_hold(conditions: list[Mapping[str, Any]], facts: Mapping[str, Any]) -> bool:
    return all(condition_holds(c, facts) for c in conditions)


@dataclass(frozen=True)
class NoPenaltyFinding:
    entry: NoPenaltyItemVersion
    mandatory: bool
    basis: str
    measures: str

    @property
    def penalise(self) -> bool:
        return False


@dataclass(frozen=True)
class TierFinding:
    benchmark: DiscretionBenchmarkVersion
    tier: DiscretionTier
    fine_min: Decimal | None
    fine_max: Decimal | None
    article: str

    @property
    def penalise(self) -> bool:
        return True


def _in_force(qs: Any, on: date) -> Any:
    return qs.filter(state=ListState.IN_FORCE, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    )


def tier_for(
    item: PowerItem, facts: Mapping[str, Any], *, on: date
) -> NoPenaltyFinding | TierFinding | None:
    """The no-penalty finding or the benchmark tier for a violation of ``item`` on ``on``.

    None when the item has no published benchmark in force that covers the facts: the officer
    then decides within the statutory range and must give reasons.
    """
    for entry in _in_force(NoPenaltyItemVersion.objects.filter(power_item=item), on):
        if all_hold(entry.conditions, facts):
            return NoPenaltyFinding(entry, entry.mandatory, entry.basis, entry.measures)
    for benchmark in _in_force(DiscretionBenchmarkVersion.objects.filter(power_item=item), on):
        for tier in benchmark.tiers.order_by("order"):
            if all_hold(tier.conditions, facts):
                return TierFinding(benchmark, tier, tier.fine_min, tier.fine_max, tier.article)
    return None
