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
        try:
            actual, expected = Decimal(str(actual)), Decimal(str(expected))
        except ArithmeticError as exc:
            raise UnknownFactor(f"情节“{factor}”的值应为数值") from exc
    try:
        return OPERATORS[op](actual, expected)
    except TypeError as exc:
        raise UnknownFactor(f"情节“{factor}”的值类型不符") from exc


def all_hold(conditions: list[Mapping[str, Any]], facts: Mapping[str, Any]) -> bool:
    return all(condition_holds(c, facts) for c in conditions)


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


@dataclass(frozen=True)
class NoPenaltyFinding:
    """第三十三条: ``mandatory`` (第一款, 不予处罚) or discretionary (第二款, 可以不予处罚).

    A discretionary finding carries the tier that applies should the agency penalise after all.
    """

    entry: NoPenaltyItemVersion
    mandatory: bool
    basis: str
    measures: str
    fallback: TierFinding | None = None

    @property
    def penalise(self) -> bool:
        return False


@dataclass(frozen=True)
class FactsNeeded:
    """The benchmark cannot place the violation until these declared factors are given."""

    factors: tuple[str, ...]

    @property
    def penalise(self) -> None:
        return None


Finding = NoPenaltyFinding | TierFinding | FactsNeeded


def _in_force(qs: Any, on: date) -> Any:
    return qs.filter(state=ListState.IN_FORCE, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    )


def _missing(conditions: list[Mapping[str, Any]], facts: Mapping[str, Any]) -> list[str]:
    return [c["factor"] for c in conditions if c["factor"] not in facts]


def _may_apply(conditions: list[Mapping[str, Any]], facts: Mapping[str, Any]) -> bool:
    """No condition on a given fact fails (conditions on facts not given are open)."""
    return all(condition_holds(c, facts) for c in conditions if c["factor"] in facts)


def _tier(item: PowerItem, facts: Mapping[str, Any], on: date) -> TierFinding | FactsNeeded | None:
    for benchmark in _in_force(DiscretionBenchmarkVersion.objects.filter(power_item=item), on):
        for tier in benchmark.tiers.order_by("order"):
            if not _may_apply(tier.conditions, facts):
                continue
            missing = _missing(tier.conditions, facts)
            if missing:
                # Tiers are read in order; one that may apply but cannot be decided must not be
                # skipped in favour of a heavier one below it.
                return FactsNeeded(tuple(dict.fromkeys(missing)))
            return TierFinding(benchmark, tier, tier.fine_min, tier.fine_max, tier.article)
    return None


def tier_for(item: PowerItem, facts: Mapping[str, Any], *, on: date) -> Finding | None:
    """The no-penalty finding or the benchmark tier for a violation of ``item`` on ``on``.

    The mandatory no-penalty entries (第三十三条第一款) are tried first, then the discretionary
    ones (第二款, with the tier that would otherwise apply), then the benchmark's tiers. None
    when no published benchmark in force covers the facts: the officer then decides within the
    statutory range and gives reasons.
    """
    entries = sorted(
        _in_force(NoPenaltyItemVersion.objects.filter(power_item=item), on),
        key=lambda e: (not e.mandatory, e.valid_from, e.pk),
    )
    for entry in entries:
        if not _may_apply(entry.conditions, facts):
            continue
        missing = _missing(entry.conditions, facts)
        if missing:
            # Whether the violation is exempt (第三十三条) must be decided before any tier.
            return FactsNeeded(tuple(dict.fromkeys(missing)))
        if all_hold(entry.conditions, facts):
            fallback = None
            if not entry.mandatory:
                tier = _tier(item, facts, on)
                fallback = tier if isinstance(tier, TierFinding) else None
            return NoPenaltyFinding(entry, entry.mandatory, entry.basis, entry.measures, fallback)
    return _tier(item, facts, on)


OPS = frozenset(OPERATORS)


def validate_conditions(conditions: Any, factors: Mapping[str, Any] | None = None) -> list[str]:
    """Chinese reasons why ``conditions`` is not a list of {factor, op, value} on declared
    factors with values of the factor's kind; empty when it is."""
    from .models import DiscretionFactor

    if not isinstance(conditions, list):
        return ["适用情形应为条件列表"]
    if factors is None:
        factors = {f.code: f for f in DiscretionFactor.objects.all()}
    errors = []
    for i, c in enumerate(conditions, start=1):
        if not isinstance(c, Mapping) or "factor" not in c or "value" not in c:
            errors.append(f"第{i}个条件应包含 factor 和 value")
            continue
        op = c.get("op", "=")
        factor = factors.get(c["factor"])
        if op not in OPS:
            errors.append(f"第{i}个条件的比较方式“{op}”无效")
        if factor is None:
            errors.append(f"第{i}个条件的情节“{c['factor']}”未声明")
            continue
        value = c["value"]
        if factor.kind == "boolean" and not isinstance(value, bool):
            errors.append(f"第{i}个条件：“{factor.label}”的值应为是/否")
        elif factor.kind == "number" and (
            isinstance(value, bool)
            or not isinstance(value, int | float | str)
            or not _is_number(value)
        ):
            errors.append(f"第{i}个条件：“{factor.label}”的值应为数值")
        elif factor.kind == "choice" and factor.choices:
            values = value if op == "in" and isinstance(value, list) else [value]
            bad = [v for v in values if v not in factor.choices]
            if bad:
                errors.append(f"第{i}个条件：“{factor.label}”没有选项 {bad}")
    return errors


def _is_number(value: Any) -> bool:
    try:
        Decimal(str(value))
    except ArithmeticError:
        return False
    return True
