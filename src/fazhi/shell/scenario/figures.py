"""The foundation's figures of the seed report (docs/figures.md rows 12, 18, 19, 35–38):
the org tree, the two pools of "一单两库" and the village legal advisers, counted from records.

System code (reports, ``fazhi figures``), not a request path: the plain managers are used.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.org.choices import UnitKind
from fazhi.core.org.models import (
    AdviserAssignment,
    Department,
    Entity,
    LegalAdviser,
    Officer,
    Region,
    RiskClassification,
)

from . import data

END_2019 = date(2019, 12, 31)
THIRD_ROUND = date(2019, 4, 1)  # 2019年4月，第三轮村（社区）法律顾问工作启动


def city_departments() -> int:
    return Department.objects.filter(parent__code=data.CITY.code).count()


def entity_pool(on: date = END_2019) -> int:
    """库一: active market entities registered by the day."""
    return Entity.objects.filter(status="active", registered_on__lte=on).count()


def classified_entities(on: date = END_2019) -> int:
    return RiskClassification.objects.filter(scheme=data.RISK_SCHEME, as_of=on).count()


def inspector_pool(on: date = END_2019) -> int:
    """库二: only an issued credential valid on the day counts, of the enforcement departments
    that run random inspections ("一单两库" is theirs); a township's comprehensive-enforcement
    officers (乡镇综合执法, handling cases in Fazhi) were not in it in 2019."""
    return Officer.objects.filter(
        status="issued",
        issued_on__lte=on,
        valid_until__gte=on,
        department__kind=UnitKind.DEPARTMENT,
    ).count()


def village_assignments() -> int:
    return AdviserAssignment.objects.filter(region__isnull=False, start=THIRD_ROUND).count()


def village_advisers(kind: str) -> int:
    return (
        LegalAdviser.objects.filter(
            kind=kind, assignments__region__isnull=False, assignments__start=THIRD_ROUND
        )
        .distinct()
        .count()
    )


def villages_with_adviser() -> int:
    return (
        Region.objects.filter(
            kind__in=["village", "community"], adviser_assignments__start=THIRD_ROUND
        )
        .distinct()
        .count()
    )


def register_figures() -> None:
    from fazhi import registry

    here = __name__
    registry.figure("12", "鄂州市市直部门", 36, city_departments)
    registry.figure("18", "检查对象名录库（市场主体）", 105672, entity_pool)
    registry.figure("18", "信用风险分类（市场监管）", 105672, classified_entities)
    registry.figure("19", "执法检查人员名录库（持有效执法证）", 1779, inspector_pool)
    registry.figure("35", "第三轮村（社区）法律顾问派驻", 362, village_assignments)
    registry.figure(
        "36",
        "派驻村（社区）的律师",
        64,
        lambda: village_advisers("lawyer"),
        query=f"{here}.village_advisers('lawyer')",
    )
    registry.figure(
        "37",
        "派驻村（社区）的基层法律服务工作者",
        13,
        lambda: village_advisers("grassroots"),
        query=f"{here}.village_advisers('grassroots')",
    )
    registry.figure("38", "有法律顾问的村（社区）", 362, villages_with_adviser)
