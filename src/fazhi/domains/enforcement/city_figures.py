"""Figures of the 2019 report counted from urban-management matters and overload checks
(docs/figures.md rows 43, 45, 46, 49–53).

"余" (rows 49, 50, 52): the report gives a count rounded down ("680余处": at least 680); the
records are counted exactly and rounded down the same way (to tens, or to thousands for "1.2万余")
before they are compared with the seed. Row 43's three shares are whole percentages of the
matters resolved in 2019 by each of the three ways, rounded half up (``city.Shares.percent``).
"""

from __future__ import annotations

from fazhi import registry

from . import city
from .city_choices import MatterKind, Resolution
from .models import OverloadCheck

YEAR = 2019
# The two campaigns of the report's rows 49 and 52 (separate campaigns: docs/figures.md).
STREET_CAMPAIGN = "城区出店占道经营专项整治"
SCHOOL_CAMPAIGN = "校园周边环境专项整治"


def rounded_down(n: int, step: int) -> int:
    """What the report writes for ``n`` records as "<figure>余": ``n`` rounded down to ``step``."""
    return n - n % step


def share_service_2019() -> int:
    return city.shares(YEAR).percent(Resolution.SERVICE)


def share_management_2019() -> int:
    return city.shares(YEAR).percent(Resolution.MANAGEMENT)


def share_enforcement_2019() -> int:
    return city.shares(YEAR).percent(Resolution.ENFORCEMENT)


def overload_checks_2019() -> int:
    return OverloadCheck.objects.filter(checked_at__year=YEAR).count()


def overloaded_2019() -> int:
    return OverloadCheck.objects.filter(checked_at__year=YEAR, overloaded=True).count()


def street_occupations_2019() -> int:
    """Exact count; the report's "680余" is ``rounded_down(…, 10)``."""
    return city.found_in(YEAR, [MatterKind.STREET_OCCUPATION], STREET_CAMPAIGN).count()


def hangings_2019() -> int:
    return city.found_in(YEAR, [MatterKind.HANGING]).count()


def school_occupations_2019() -> int:
    return city.found_in(YEAR, [MatterKind.STREET_OCCUPATION], SCHOOL_CAMPAIGN).count()


def demolitions_2019() -> int:
    return city.removed_in(YEAR, MatterKind.ILLEGAL_BUILDING).count()


def advertisements_removed_2019() -> int:
    return city.removed_in(YEAR, MatterKind.ILLEGAL_AD).count()


def advertisement_area_2019() -> int:
    """Square metres removed, as the whole number the report gives (2601平方米)."""
    return int(city.area_removed(YEAR, MatterKind.ILLEGAL_AD))


def street_occupations_2019_about() -> int:
    return rounded_down(street_occupations_2019(), 10)


def hangings_2019_about() -> int:
    return rounded_down(hangings_2019(), 10)


def school_occupations_2019_about() -> int:
    return rounded_down(school_occupations_2019(), 1000)


def register_figures() -> None:
    here = __name__
    for row, label, seed, fn in (
        ("43", "“721”服务解决占比（%）", 70, share_service_2019),
        ("43", "“721”管理解决占比（%）", 20, share_management_2019),
        ("43", "“721”执法解决占比（%）", 10, share_enforcement_2019),
        ("45", "治超站点检测货运车辆（台次）", 8677, overload_checks_2019),
        ("46", "认定违法车辆（台次）", 2617, overloaded_2019),
        ("49", "整治出店占道经营（余处）", 680, street_occupations_2019_about),
        ("50", "清理乱牵乱挂（余处）", 120, hangings_2019_about),
        ("51", "拆除违搭违建（处）", 8, demolitions_2019),
        ("52", "整治校园周边出店占道（余处）", 12000, school_occupations_2019_about),
        ("53", "拆除违法违规广告（处）", 19, advertisements_removed_2019),
        ("53", "拆除违法违规广告面积（平方米）", 2601, advertisement_area_2019),
    ):
        registry.figure(row, label, seed, fn, query=f"{here}.{fn.__name__}")
