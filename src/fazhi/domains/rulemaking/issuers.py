"""The issuing-body list (制定主体清单) and the annual plan (年度制定计划).

The list is a list of the list mechanism (``lists.services``): each body an entry with its
versions, in force on a date, and the whole list published through the disclosure gate. It is
the source of truth for "may this body issue a normative document (or make a rule) on this
date"; ``OrgUnit.may_issue_documents`` only seeds it (``seed_from_flags``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core.casework.workflow import Refusal
from fazhi.core.disclosure.gate import publish
from fazhi.core.org.choices import GovernmentLevel, UnitKind
from fazhi.core.org.models import OrgUnit
from fazhi.domains.lists import services as lists
from fazhi.domains.lists.choices import ListState
from fazhi.domains.lists.models import CatalogItem

from .choices import TextKind
from .models import IssuingBody, IssuingBodyVersion, PlanEntry, RulemakingPlan
from .periods import NOTICE_37

LIST_KIND = "行政规范性文件制定主体清单"
PLAN_KIND = "年度规章和规范性文件制定计划"
ULTRA_VIRES = f"{NOTICE_37}（严禁越权发文）"
# 立法法 (2015修正) 第八十二条 / (2023修正) 第九十三条: the people's governments of provinces and of
# cities divided into districts make government rules.
RULE_MAKERS = "立法法（2015）第八十二条；立法法 第九十三条"


def makes_rules(unit: OrgUnit) -> bool:
    return unit.kind == UnitKind.GOVERNMENT and unit.level in (
        GovernmentLevel.PROVINCE,
        GovernmentLevel.CITY,
    )


def entry_on(unit: OrgUnit, on: date) -> IssuingBodyVersion | None:
    """The unit's entry on the list in force on ``on`` (None when it is not on the list)."""
    version = lists.as_of(IssuingBody, on).filter(department=unit).order_by("-valid_from").first()
    return version


def issuing_refusal(unit: OrgUnit, kind: str, on: date) -> Refusal | None:
    """Why ``unit`` may not issue a text of ``kind`` on ``on``, or None."""
    version = entry_on(unit, on)
    if version is None:
        return Refusal(
            f"{unit.name}在 {on.isoformat()} 不在行政规范性文件制定主体清单内，不得制发"
            "规章、规范性文件",
            ULTRA_VIRES,
        )
    if kind == TextKind.GOVERNMENT_RULE and not version.may_make_rules:
        return Refusal(f"{unit.name}不是有权制定政府规章的机关", RULE_MAKERS)
    return None


@transaction.atomic
def seed_from_flags(
    government: OrgUnit, *, on: date, actor: Any = None, reason: str = ""
) -> list[CatalogItem]:
    """Draft entries for the government and those of its departments flagged
    ``may_issue_documents`` that are not on the list yet (the flag only seeds the list)."""
    units = [government, *government.children.filter(kind=UnitKind.DEPARTMENT).order_by("code")]
    have = set(IssuingBody.objects.values_list("department_id", flat=True))
    made = []
    for unit in units:
        if unit.pk in have or not unit.may_issue_documents:
            continue
        made.append(
            lists.create_item(
                IssuingBody,
                department=unit,
                valid_from=on,
                fields={
                    "name": unit.name,
                    "legal_basis": "地方各级人民代表大会和地方各级人民政府组织法"
                    if unit.kind == UnitKind.GOVERNMENT
                    else "机构职能规定（三定方案）",
                    "may_make_rules": makes_rules(unit),
                    "scope_note": "本级人民政府职权范围内"
                    if unit.kind == UnitKind.GOVERNMENT
                    else "本部门法定职责范围内",
                },
                reason=reason or "依据机构职能梳理纳入清单",
                actor=actor,
                draft=True,
            )
        )
    return made


@transaction.atomic
def publish_list(government: OrgUnit, *, on: date, actor: Any = None) -> Any:
    """Publish the government's list: its draft entries come into force and the list as it
    stands on ``on`` goes out through the disclosure gate."""
    area = [government.pk, *government.children.values_list("pk", flat=True)]
    for item in IssuingBody.objects.filter(department_id__in=area, state=ListState.DRAFT):
        lists.publish_draft(item, actor=actor)
    rows = [
        {
            "编码": v.item.code,
            "制定主体": v.department.name,
            "可以制定政府规章": "是" if v.may_make_rules else "否",
            "制定范围": v.scope_note,
            "依据": v.legal_basis,
        }
        for v in lists.as_of(IssuingBody, on)
        .filter(department_id__in=area)
        .select_related("item", "department")
        .order_by("item__code")
    ]
    return publish(
        kind=LIST_KIND,
        title=f"{government.name}行政规范性文件制定主体清单",
        org_unit=government,
        fields={"清单日期": on, "制定主体": rows, "依据": NOTICE_37},
        actor=actor,
        published_on=on,
    )


# -- the annual plan --------------------------------------------------------------------------


@transaction.atomic
def make_plan(
    government: OrgUnit,
    year: int,
    entries: Iterable[Mapping[str, Any]],
    *,
    approved_on: date,
) -> RulemakingPlan:
    """The year's plan with its entries (规章制定程序条例 第十二条、第十三条: 名称、起草单位、
    完成时间), approved by the government."""
    plan = RulemakingPlan.objects.create(government=government, year=year, approved_on=approved_on)
    for number, entry in enumerate(entries, 1):
        PlanEntry.objects.create(plan=plan, number=number, **entry)
    return plan


@transaction.atomic
def publish_plan(plan: RulemakingPlan, *, on: date, actor: Any = None) -> RulemakingPlan:
    """规章制定程序条例 第十二条: 年度规章制定工作计划…报本级人民政府批准后向社会公布."""
    if plan.approved_on is None:
        raise ValueError("计划尚未经本级人民政府批准，不能公布")
    pub = publish(
        kind=PLAN_KIND,
        title=f"{plan.government.name}{plan.year}年度规章和规范性文件制定计划",
        org_unit=plan.government,
        fields={
            "年度": plan.year,
            "批准日期": plan.approved_on,
            "项目": [
                {
                    "序号": e.number,
                    "名称": e.title,
                    "类别": e.get_kind_display(),
                    "项目类别": e.get_category_display(),
                    "起草单位": e.drafting_unit.name,
                    "完成时间": e.due,
                }
                for e in plan.entries.select_related("drafting_unit").order_by("number")
            ],
            "依据": "规章制定程序条例 第十二条",
        },
        subject=plan,
        actor=actor,
        published_on=on,
    )
    plan.published_on, plan.publication = on, pub
    plan.save(update_fields=["published_on", "publication"])
    return plan
