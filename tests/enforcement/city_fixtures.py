"""The units and staff of the city-matter and hotline tests: the urban-management commission
(市城管执法委) and a district bureau, the 12345 hotline centre (市政务服务和大数据局)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from fazhi.core.intake import services as intake
from fazhi.core.org.choices import Role
from fazhi.core.org.models import Department, OrgUnit, Staff

from ..conftest import make_staff


@dataclass
class City:
    cgw: OrgUnit
    ec_cgj: OrgUnit
    centre: OrgUnit
    gina: Staff  # clerk, 市城管执法委
    gus: Staff  # head, 市城管执法委
    hank: Staff  # clerk, the hotline centre
    ed: Staff  # clerk, 鄂城区城管执法局


def make_city(org: Any) -> City:
    cgw = Department.objects.create(
        name="鄂州市城市管理执法委员会", code="420700-CGW", parent=org.city, enforces=True
    )
    ec_cgj = Department.objects.create(
        name="鄂州市鄂城区城市管理执法局", code="420704-CGJ", parent=org.district, enforces=True
    )
    centre = Department.objects.create(
        name="鄂州市政务服务和大数据管理局", code="420700-ZWFWJ", parent=org.city
    )
    return City(
        cgw=cgw,
        ec_cgj=ec_cgj,
        centre=centre,
        gina=make_staff("gina", (Role.CLERK, cgw)),
        gus=make_staff("gus", (Role.DEPARTMENT_HEAD, cgw)),
        hank=make_staff("hank", (Role.CLERK, centre)),
        ed=make_staff("ed", (Role.CLERK, ec_cgj)),
    )


def xlsx(header: list[str], rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run_import(slug: str, unit: OrgUnit, actor: Staff, data: bytes) -> Any:
    job = intake.create_job(
        slug, department=unit, upload=io.BytesIO(data), file_name="导入.xlsx", actor=actor
    )
    return intake.run(job.pk)
