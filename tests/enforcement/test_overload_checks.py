"""Overload-station checks imported from the stations' own file layout, as a bulk import."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.timezone import localtime

from fazhi.core.integrity.models import SecurityEvent, SecurityEventKind
from fazhi.core.org.choices import Role
from fazhi.core.org.models import Department
from fazhi.core.org.scoping import scoped
from fazhi.domains.enforcement.models import OverloadCheck

from ..conftest import make_staff
from .city_fixtures import run_import, xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "站点名称",
    "检测单号",
    "车牌号",
    "检测时间",
    "轴数",
    "车货总重(kg)",
    "限载标准(kg)",
    "是否超限",
]


def test_the_station_file_is_checked_then_written_in_bulk_and_once(org: Any, people: Any) -> None:
    transport = Department.objects.create(
        name="鄂州市交通运输局", code="420700-JTYSJ", parent=org.city, enforces=True
    )
    clerk = make_staff("tina", (Role.CLERK, transport))
    bad = [
        ["樊口治超站", "ZC-1", "鄂G12345", "2019-03-05 08:12:33", 2, 20000, 18000, "是"],
        ["樊口治超站", "ZC-2", "鄂G54321", "2019-03-05 25:00", 2, 17000, 18000, "否"],
        ["樊口治超站", "ZC-3", "鄂GA1234", "2019-03-06 10:00:00", 5, 45000, 43000, "否"],
        ["樊口治超站", "ZC-4", "鄂GB1234", "2019-03-06 11:00:00", 1, 9000, 18000, "否"],
    ]
    job = run_import("overload-checks", transport, clerk, xlsx(HEADER, bad))
    assert job.status == "rejected" and not OverloadCheck.objects.exists()
    reasons = {(r, col): why for r, col, why in job.errors}
    assert "不是有效时间" in reasons[(3, "检测时间")]
    assert reasons[(4, "是否超限")] == "车货总重45000千克、限载标准43000千克，应为“是”"
    assert "不能小于2" in reasons[(5, "轴数")]

    good = [bad[0], ["樊口治超站", "ZC-2", "鄂G54321", "2019-03-05 09:00", 2, 17000, 18000, "否"]]
    job = run_import("overload-checks", transport, clerk, xlsx(HEADER, good))
    assert (job.status, job.created) == ("done", 2)
    first = OverloadCheck.objects.get(record_no="ZC-1")
    assert (first.overloaded, first.axles, localtime(first.checked_at).hour) == (True, 2, 8)
    assert SecurityEvent.objects.filter(
        kind=SecurityEventKind.BULK_IMPORT, object_repr="enforcement.OverloadCheck"
    ).exists()
    again = run_import("overload-checks", transport, clerk, xlsx(HEADER, good))
    assert (again.created, again.unchanged) == (0, 2)
    assert scoped(clerk, OverloadCheck).count() == 2
    assert not scoped(people.alice, OverloadCheck).exists()
