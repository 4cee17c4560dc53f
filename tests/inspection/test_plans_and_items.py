"""The plan (一表) with its rules (一细则) is filed and published through the disclosure gate —
campaigns and rules, never a target; the check-item list (一单) is imported from Excel as a list
of the list mechanism, in force on a date, and exported in the same columns."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.core.intake import services as intake
from fazhi.core.intake.choices import ImportStatus
from fazhi.domains.inspection import plans
from fazhi.domains.inspection.models import (
    CheckItem,
    InspectionPlan,
    OfficerQualification,
    Qualification,
)
from fazhi.domains.lists import services
from fazhi.domains.lists.models import PowerItem
from tests.conftest import make_entity

from .campaign_fixtures import check_item, inspector


def xlsx(header: list[str], rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run(slug: str, unit: Any, data: bytes, **kw: Any) -> Any:
    job = intake.create_job(
        slug, department=unit, upload=io.BytesIO(data), file_name="f.xlsx", **kw
    )
    return intake.run(job.pk)


def test_a_plan_is_filed_then_published_without_targets(org: Any, people: Any) -> None:
    entity = make_entity(org)
    plan = plans.create_plan(org.scjg, 2024, actor=people.alice)
    assert plan.ratios == {"A": 20, "B": 30, "C": 60, "D": 200}  # Hubei's defaults (setting)
    with pytest.raises(Exception, match="须先报备"):
        plans.publish_plan(plan)
    joint = plans.add_entry(
        plan,
        "餐饮联合抽查",
        [check_item(org.scjg), check_item(org.sthj, "油烟排放检查")],
        date(2024, 3, 1),
        date(2024, 4, 30),
        partners=[org.sthj],
    )
    assert joint.joint
    plans.file_plan(plan, on=date(2024, 1, 10))
    pub = plans.publish_plan(plan, on=date(2024, 1, 15))
    assert pub.kind == "双随机抽查计划" and pub.published_on == date(2024, 1, 15)
    assert pub.payload["抽查任务"][0]["联合抽查部门"] == "鄂州市生态环境局"
    assert entity.uscc not in str(pub.payload) and entity.name not in str(pub.payload)
    page = Client().get(reverse("inspection_portal:plan_detail", args=[plan.pk])).content.decode()
    assert "餐饮联合抽查" in page and "420700-STHJ-CC-0001" in page


def test_the_team_rule_cannot_go_below_two(org: Any) -> None:
    with pytest.raises(ValidationError):
        plans.create_plan(org.scjg, 2024, team_size=1)
    with pytest.raises(IntegrityError):
        InspectionPlan.objects.create(department=org.scjg, year=2025, title="x", team_size=1)


def test_check_items_and_qualifications_are_imported_and_exported(org: Any) -> None:
    services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"name": "对食品经营者的监督检查", "kind": "inspection"},
    )
    job = run(
        "inspection-qualifications",
        org.scjg,
        xlsx(["资格代码", "资格名称"], [["scjg-sp", "食品安全检查"]]),
    )
    assert job.status == ImportStatus.DONE, job.errors
    inspector(org.scjg, "zhou", "周一", "42070001")
    job = run(
        "inspection-officer-qualifications",
        org.scjg,
        xlsx(["执法证号", "资格代码"], [["42070001", "SCJG-SP"]]),
    )
    assert job.status == ImportStatus.DONE, job.errors
    assert OfficerQualification.objects.get().qualification.code == "SCJG-SP"

    header = [
        "抽查事项",
        "对应权力事项",
        "行业门类",
        "主体类型",
        "事项类别",
        "资格代码",
        "抽查依据",
    ]
    bad = run(
        "check-items",
        org.scjg,
        xlsx(
            header, [["餐饮检查", "对食品经营者的监督检查", "H、Z9", "企业", "重点", "SCJG-XX", ""]]
        ),
    )
    assert bad.error_total == 2 and not CheckItem.objects.exists()  # nothing written, errors named
    job = run(
        "check-items",
        org.scjg,
        xlsx(
            header,
            [
                [
                    "餐饮检查",
                    "对食品经营者的监督检查",
                    "H",
                    "企业、个体工商户",
                    "重点",
                    "SCJG-SP",
                    "食品安全法 第一百一十条",
                ]
            ],
        ),
        valid_from=date(2019, 6, 1),
        reason="2019年随机抽查事项清单",
    )
    assert job.status == ImportStatus.DONE, job.errors
    item = CheckItem.objects.get()
    v = item.current_version()
    assert (v.industries, v.entity_kinds, v.key_item) == (["H"], ["company", "individual"], True)
    assert (
        v.qualification == Qualification.objects.get()
        and v.power_item.name == "对食品经营者的监督检查"
    )
    assert item.code == "420700-SCJG-CC-0001"
    # In force on a date: the portal shows the list as it stood, and exports it.
    url = reverse("inspection_portal:checkitem_list")
    before = Client().get(url, {"on": "2019-05-31"}).content.decode()
    assert "餐饮检查" not in before
    export = Client().get(reverse("inspection_portal:checkitem_export"), {"on": "2019-12-31"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[1][:2] == ("420700-SCJG-CC-0001", "餐饮检查") and rows[1][6] == "重点"
