"""The lawsuit on the back office's screens: registered from the complaint copy on the case
page's form, a hearing taken as a step with a Chinese refusal when the reason is missing, the
list screens with their Excel export, and the API — each scoped to the case's participants."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from fazhi.domains.disputes.models import Appearance, LawsuitCase

from .litigation_helpers import hearing, sue

pytestmark = pytest.mark.django_db


def test_a_clerk_registers_the_lawsuit_on_its_form(client: Any, org: Any, people: Any) -> None:
    client.force_login(people.alice)
    form = client.get("/office/cases/new/lawsuit/")
    assert form.status_code == 200 and "收到起诉状副本之日" in form.content.decode()
    response = client.post(
        "/office/cases/new/lawsuit/",
        {
            "title": "不服行政处罚决定",
            "court": "鄂州市鄂城区人民法院",
            "court_number": "(2019)鄂0704行初18号",
            "plaintiffs": "张三",
            "served_on": "2019-03-04",
            "defendant": org.scjg.pk,
            "reconsideration_body": org.city.pk,
        },
    )
    assert response.status_code == 302
    lawsuit = LawsuitCase.objects.unrestricted("test").get()
    assert lawsuit.defendants.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "提交答辩状及证据" in page and "行政应诉答辩举证" in page


def test_a_hearing_without_head_and_reason_is_refused_on_the_page(
    client: Any, org: Any, people: Any
) -> None:
    case = sue(org, people.alice)
    client.force_login(people.alice)
    url = f"/office/cases/{case.pk}/steps/record_hearing/"
    fields = {"f-defendant": org.scjg.pk, "f-name": "李四", "f-post": "法规科科长"}
    refused = client.post(url, {**fields, "f-appearer": "staff", "step-on": "2019-05-07"})
    assert refused.status_code == 400
    assert "须选择不能出庭的理由" in refused.content.decode()
    assert not Appearance.objects.unrestricted("test").exists()
    done = client.post(
        url,
        {**fields, "f-appearer": "staff", "f-absence_reason": "accident", "step-on": "2019-05-07"},
    )
    assert done.status_code == 302
    row = Appearance.objects.unrestricted("test").get()
    assert (row.hearing.held_on, row.absence_reason) == (date(2019, 5, 7), "accident")


def test_the_lists_export_to_excel_within_scope(client: Any, org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    hearing(case, people.alice, org.scjg, date(2019, 5, 7), "principal")
    client.force_login(people.alice)
    for slug in ("lawsuits", "court-appearances", "judicial-suggestions"):
        assert client.get(f"/office/r/{slug}/").status_code == 200, slug
    exported = client.get("/office/r/court-appearances/export/")
    assert exported.status_code == 200
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet is not None
    values = [str(c.value) for row in sheet.iter_rows() for c in row]
    assert "正职负责人" in values and "(2019)鄂0704行初18号" in values
    client.force_login(people.bob)
    other = client.get("/office/r/court-appearances/export/")
    sheet = load_workbook(io.BytesIO(other.content)).active
    assert sheet is not None and sheet.max_row == 1  # the header only


def test_the_api_lists_lawsuits_without_the_plaintiffs(client: Any, org: Any, people: Any) -> None:
    sue(org, people.alice)
    client.force_login(people.alice)
    rows = client.get("/api/lawsuits/").json()
    items = rows["results"] if isinstance(rows, dict) else rows
    assert [r["cause"] for r in items] == ["不服行政处罚决定"]
    assert "plaintiffs" not in items[0]
    client.force_login(people.bob)
    rows = client.get("/api/lawsuits/").json()
    assert (rows["results"] if isinstance(rows, dict) else rows) == []
