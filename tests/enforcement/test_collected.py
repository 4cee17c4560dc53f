"""Collected enforcement cases carry the decision (outcome, 文号, dates, fine, category, plate)
through both collect fronts — the Excel file's 案件 row and the push API's flat keys — and a
re-import upserts them with the change on the timeline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from fazhi.core.casework.models import Case, Event
from fazhi.core.org.tokens import create_token
from fazhi.domains.enforcement.models import EnforcementCase
from tests.casework.test_collection import HEADERS as CASE_HEADERS
from tests.conftest import make_entity
from tests.intake.helpers import run_import, xlsx

SOURCE = "湖北省交通运输综合执法管理系统"
DETAIL_HEADERS = ["结果", "处罚种类", "决定书文号", "决定日期", "罚款金额（元）", "决定书送达日期",
                  "违法类别", "车辆号牌"]  # fmt: skip
HEADERS = [*CASE_HEADERS, *DETAIL_HEADERS]


def case_row(**cells: object) -> list[object]:
    values = {
        "来源系统": SOURCE,
        "来源编号": "JT-2019-001",
        "记录类型": "案件",
        "案件名称": "张某驾驶出租车拒载案",
        "案件编号": "鄂州交罚〔2019〕1号",
        "案件状态": "结案",
        "立案日期": "2019-05-06",
        "结案日期": "2019-06-01",
        "结果": "给予行政处罚",
        "处罚种类": "fine",
        "决定书文号": "鄂州交运罚字〔2019〕第0001号",
        "决定日期": "2019-05-20",
        "罚款金额（元）": "500",
        "决定书送达日期": "2019-05-21",
        "违法类别": "出租车违规经营",
        "车辆号牌": "鄂GT0001",
        **cells,
    }
    return [values.get(h, "") for h in HEADERS]


def _import(org, people, *rows):
    return run_import(
        "collected-cases", xlsx(HEADERS, list(rows)), department=org.scjg, actor=people.alice
    )


def test_an_excel_collect_carries_the_decision_and_a_reimport_upserts_it(org, people) -> None:
    job = _import(org, people, case_row())
    assert job.status == "done", (job.message, job.errors)
    ec = EnforcementCase.objects.get(case__external_id="JT-2019-001")
    assert (ec.outcome, ec.penalty_type, ec.decision_no) == (
        "penalty", "fine", "鄂州交运罚字〔2019〕第0001号",
    )  # fmt: skip
    assert (ec.decided_on, ec.served_on, ec.fine) == (
        date(2019, 5, 20), date(2019, 5, 21), Decimal("500.00"),
    )  # fmt: skip
    assert (ec.category, ec.vehicle_plate, ec.power_item) == ("出租车违规经营", "鄂GT0001", None)
    assert ec.violation_on == date(2019, 5, 6)  # not reported: the filing date bounds it

    # The same file again changes nothing; a corrected fine is updated, the change recorded.
    assert _import(org, people, case_row()).status == "done"
    assert not Event.objects.filter(kind="collected_changed").exists()
    job = _import(org, people, case_row(**{"罚款金额（元）": "800", "车辆号牌": "鄂GT0002"}))
    assert job.status == "done", job.errors
    ec.refresh_from_db()
    assert (ec.fine, ec.vehicle_plate) == (Decimal("800.00"), "鄂GT0002")
    assert EnforcementCase.objects.count() == 1
    change = Event.objects.get(kind="collected_changed")
    assert change.data["changes"] == {
        "fine": ["500.00", "800.00"],
        "vehicle_plate": ["鄂GT0001", "鄂GT0002"],
    }
    assert "罚款金额（元）" in change.note and "车辆号牌" in change.note


def test_a_negative_fine_or_unknown_outcome_is_a_row_error(org, people) -> None:
    job = _import(org, people, case_row(**{"罚款金额（元）": "-5", "结果": "罚酒三杯"}))
    messages = str(job.errors)
    assert "不小于0" in messages and "罚酒三杯" in messages and not Case.objects.exists()


@pytest.fixture
def push(people) -> APIClient:
    client = APIClient()
    key = create_token(people.alice, "交通执法系统", source_system=SOURCE).key
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def pushed(uscc: str, **extra: object) -> dict:
    return {
        "external_id": "JT-2019-009",
        "title": "某公司非法营运案",
        "state": "决定",
        "opened_on": "2019-08-01",
        "parties": [{"kind": "entity", "name": "鄂州市甲乙有限公司", "uscc": uscc}],
        "outcome": "penalty",
        "penalty_type": "罚款、没收违法所得、没收非法财物",
        "decision_no": "鄂州交运罚字〔2019〕第0009号",
        "decided_on": "2019-08-20",
        "fine": "10000.00",
        "category": "非法营运",
        "vehicle_plate": "鄂GA1234",
        **extra,
    }


def test_the_push_api_carries_the_decision_and_upserts_it(org, people, push) -> None:
    entity = make_entity(org)
    response = push.post("/api/collect/cases/", {"cases": [pushed(entity.uscc)]}, format="json")
    assert response.status_code == 200, response.json()
    ec = EnforcementCase.objects.get(case__external_id="JT-2019-009")
    assert (ec.outcome, ec.penalty_type, ec.fine, ec.category) == (
        "penalty", "fine", Decimal("10000.00"), "非法营运",
    )  # fmt: skip
    again = pushed(entity.uscc, served_on="2019-08-22", fine=12000)
    assert push.post("/api/collect/cases/", {"cases": [again]}, format="json").status_code == 200
    ec.refresh_from_db()
    assert (ec.served_on, ec.fine) == (date(2019, 8, 22), Decimal("12000.00"))
    assert Event.objects.get(kind="collected_changed").data["changes"]["served_on"] == [
        None, "2019-08-22",
    ]  # fmt: skip


def test_the_push_api_refuses_bad_decision_fields_naming_them(org, people, push) -> None:
    entity = make_entity(org)
    bad = pushed(entity.uscc, fine="-1", decided_on="20.8.2019", outcome="?")
    response = push.post("/api/collect/cases/", {"cases": [bad]}, format="json")
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"fine", "decided_on", "outcome"}
    assert not Case.objects.exists()
