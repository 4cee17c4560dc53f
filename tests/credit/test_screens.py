"""The screens: an enterprise account files a repair request for its own record on the portal and
follows it under 我的办件, where no other account sees it; the office lookup by 统一社会信用代码
shows the records the user may see and the measures with their reasons; a clerk records a broken
commitment; the risk classes are imported per scheme."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from fazhi.core.org.models import RiskClassification
from fazhi.domains.credit.models import CreditRecord, RepairRequest

from ..conftest import make_entity
from ..intake.helpers import run_import, xlsx
from .conftest import commitment, portal_client

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_entity_files_and_follows_its_request_and_no_one_else_sees_it(org, people, company):
    record = commitment(org, people, company, date(2025, 6, 10))
    c, account = portal_client(company)
    page = c.get(reverse("credit_portal:mine")).content.decode()
    assert "告知承诺失信" in page and "提高抽查比例" in page and "申请信用修复" in page
    response = c.post(
        reverse("credit_portal:apply", args=[record.pk]),
        {
            "correction": "已补交健康证明",
            "commitment_text": "本单位承诺守法诚信经营",
            "commitment_signed": "on",
        },
    )
    assert response.status_code == 302
    req = RepairRequest.objects.get(record=record)
    assert req.account == account and req.case.owner_unit() == org.scjg  # 谁认定、谁修复
    assert req.case.parties.get(role="applicant").entity == company
    mine = c.get(reverse("accounts:submissions")).content.decode()
    assert "信用修复：鄂州市甲乙食品有限公司" in mine
    # Another company's account: not its record, and not its submission.
    other = make_entity(
        org, "鄂州市丙丁商贸有限公司", legal_representative="王五", uscc="91420704MA4F000021"
    )
    c2, _ = portal_client(other, phone="13900000002")
    assert c2.get(reverse("credit_portal:apply", args=[record.pk])).status_code == 404
    assert "信用修复" not in c2.get(reverse("accounts:submissions")).content.decode()
    assert "丙丁" not in mine


def test_a_request_before_the_minimum_period_is_refused_on_the_portal(org, people, company):
    record = commitment(org, people, company, date(2026, 11, 2))
    c, _ = portal_client(company)
    response = c.post(
        reverse("credit_portal:apply", args=[record.pk]),
        {"correction": "已整改", "commitment_text": "承诺", "commitment_signed": "on"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "最短公示期至 2027-02-02 届满" in text and "2025年第36号" in text
    assert not RepairRequest.objects.exists()


def test_the_office_lookup_shows_records_within_scope_and_every_measure(
    client, org, people, company
) -> None:
    commitment(org, people, company, date(2026, 5, 10), "serious")
    url = reverse("credit_office:lookup")
    client.force_login(people.alice)
    page = client.get(url, {"uscc": company.uscc}).content.decode()
    assert "不适用告知承诺制" in page and "3000‰" in page and "告知承诺失信" in page
    assert "国办发〔2020〕42号" in page
    # Another department sees the measures and their reasons, not the other's record rows.
    client.force_login(people.bob)
    page = client.get(url, {"uscc": company.uscc}).content.decode()
    assert "不适用告知承诺制" in page and "没有本单位可见的信用记录" in page
    assert client.get("/office/r/credit-records/").status_code == 200


def test_a_clerk_records_a_broken_commitment(client, org, people, company) -> None:
    client.force_login(people.alice)
    response = client.post(
        reverse("credit_office:entry"),
        {
            "department": org.scjg.pk,
            "uscc": company.uscc,
            "source_kind": "commitment",
            "severity": "general",
            "recognised_on": "2026-11-20",
            "document_no": "鄂市监信〔2026〕3号",
            "summary": "承诺期限内未补交材料",
            "basis": "国办发〔2020〕42号",
        },
    )
    assert response.status_code == 302
    record = CreditRecord.objects.get(entity=company)
    assert record.department == org.scjg and record.publish_until == date(2027, 11, 20)
    client.force_login(people.carol)  # a supervisor, no clerk: no entry form
    assert client.get(reverse("credit_office:entry")).status_code == 404


def test_risk_classes_are_imported_per_scheme(org, people, company) -> None:
    data = xlsx(
        ["统一社会信用代码", "名称", "分类体系", "分类", "分类日期"],
        [
            [company.uscc, company.name, "市场监管", "A", "2026-06-30"],
            ["91420704MA4F000039", "不存在", "市场监管", "B", "2026-06-30"],
        ],
    )
    job = run_import("credit-risk-classes", data, department=org.scjg, actor=people.alice)
    assert job.status == "rejected"  # all-or-nothing: the unknown code is an error
    job = run_import(
        "credit-risk-classes", data, department=org.scjg, actor=people.alice, mode="good"
    )
    row = RiskClassification.objects.get(entity=company)
    assert (row.scheme, row.risk_class, row.as_of) == ("市场监管", "A", date(2026, 6, 30))


def test_the_api_lists_records_in_scope_and_answers_the_measures(org, people, company) -> None:
    from rest_framework.test import APIClient

    record = commitment(org, people, company, date(2026, 5, 10), "serious")
    api = APIClient()
    api.force_authenticate(people.alice)
    assert [r["id"] for r in api.get("/api/credit-records/").json()["results"]] == [record.pk]
    api.force_authenticate(people.bob)
    assert api.get("/api/credit-records/").json()["results"] == []
    rows = api.get(
        "/api/credit-records/measures/", {"uscc": company.uscc, "on": "2026-06-01"}
    ).json()
    assert {r["code"] for r in rows} == {"no_notify_commit", "ratio_serious"}
    assert rows[0]["records"] == [record.pk] and rows[0]["basis"]


def test_the_case_page_offers_each_step_to_its_role_only(client, org, people, company) -> None:
    from fazhi.core.casework.workflow import register_case, take

    record = commitment(org, people, company, date(2025, 6, 10))
    case = register_case(
        "credit_repair",
        people.alice,
        {
            "record": record.pk,
            "applicant_name": company.name,
            "correction": "已整改",
            "commitment_signed": "on",
        },
        on=date(2025, 9, 12),
    )
    take(case, "accept", people.alice, on=date(2025, 9, 12))
    url = reverse("office:case_detail", args=[case.pk])
    client.force_login(people.alice)
    page = client.get(url).content.decode()
    assert "信用修复申请" in page and "审核" in page and "已签署公开信用承诺" in page
    client.force_login(people.bob)  # another department: not its case
    assert client.get(url).status_code == 404
