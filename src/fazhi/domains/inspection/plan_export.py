"""The plan (一表) and its rules (一细则) as an Excel workbook: a sheet of rules, a sheet of
campaigns (one row per campaign, its items by code and name, its partners and dates)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .models import InspectionPlan

ENTRY_COLUMNS = [
    "序号",
    "任务名称",
    "抽查事项编码",
    "抽查事项",
    "联合抽查部门",
    "计划开始",
    "计划结束",
    "抽查比例（‰）",
]


def ratios_text(ratios: dict[str, int]) -> str:
    return " ".join(f"{k}:{ratios[k]}" for k in sorted(ratios))


def plan_workbook(plan: InspectionPlan) -> bytes:
    wb = Workbook()
    rules_sheet = wb.active
    assert rules_sheet is not None
    rules_sheet.title = "实施细则"
    for row in (
        ("计划名称", plan.title),
        ("部门", plan.department.name),
        ("年度", plan.year),
        ("状态", plan.get_state_display()),
        ("信用风险分类体系", plan.scheme),
        ("各类抽查比例（‰）", ratios_text(plan.ratios)),
        ("每组检查人员数", plan.team_size),
        ("不重复抽查间隔（日）", plan.no_repeat_days),
        ("同一企业年度检查次数上限", plan.yearly_cap),
        ("结果公示期限（工作日）", plan.publication_workdays),
        ("不得抽派本网格执法人员", "是" if plan.exclude_own_grid else "否"),
        ("依据", plan.basis),
        ("报备日期", plan.filed_on.isoformat() if plan.filed_on else ""),
        ("公布日期", plan.published_on.isoformat() if plan.published_on else ""),
    ):
        rules_sheet.append(row)
    rules_sheet.column_dimensions["A"].width = 26
    rules_sheet.column_dimensions["B"].width = 60
    entries = wb.create_sheet("抽查任务")
    entries.append(ENTRY_COLUMNS)
    for cell in entries[1]:
        cell.font = Font(bold=True)
    for e in plan.entries.prefetch_related("items", "partners").order_by("seq"):
        items = sorted(e.items.all(), key=lambda i: i.code)
        entries.append(
            [
                e.seq,
                e.name,
                "、".join(i.code for i in items),
                "、".join(i.name for i in items),
                "、".join(p.name for p in e.partners.order_by("code")),
                e.starts_on,
                e.ends_on,
                ratios_text(e.effective_ratios()),
            ]
        )
    for col, width in zip("ABCDEFGH", (6, 30, 40, 50, 24, 12, 12, 30), strict=True):
        entries.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
