"""GET /api/power-items/{id}/discretion/: typed statutory facts, and 400 (in Chinese) for bad
input, never 500."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from fazhi.domains.lists import services
from fazhi.domains.lists.models import DiscretionFactor, PowerItem

from .factories import PLAIN, business_licence_benchmark

pytestmark = pytest.mark.django_db

ORDINARY = {
    **{k: "false" for k in PLAIN},
    "first_offence": "false",
    "corrected": "否",
    "harm": "general",
    "on": "2021-09-01",
}


@pytest.fixture
def url(org) -> str:  # type: ignore[no-untyped-def]
    DiscretionFactor.objects.create(
        code="goods_value", label="违法经营的食品或产品货值金额", kind="number", unit="元"
    )
    item = services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={
            "kind": "penalty",
            "name": "对未按规定公示营业执照的处罚",
            "legal_basis": "《市场主体登记管理条例》",
        },
    )
    business_licence_benchmark(org, item)
    return f"/api/power-items/{item.pk}/discretion/"


def refused(url: str, **params: Any) -> str:
    response = APIClient().get(url, {**ORDINARY, "days_unremedied": "45", **params})
    assert response.status_code == 400, response.content
    return str(response.json())


def test_the_statute_answers_for_an_unlisted_item(url) -> None:
    answer = APIClient().get(url, {**ORDINARY, "no_fault": "true"}).json()
    assert (answer["finding"], answer["mandatory"], answer["entry"]) == ("no_penalty", True, "")
    assert answer["article"] == "行政处罚法 第三十三条第二款" and answer["proviso"]


def test_the_statutory_facts_still_open_are_listed(url) -> None:
    answer = APIClient().get(url, {"on": "2021-09-01", "days_unremedied": "45"}).json()
    assert answer["finding"] == "facts_needed" and answer["penalise"] is None
    assert {"minor_violation", "no_fault", "harm", "confessed"} <= set(answer["missing"])


def test_a_mitigated_tier_reports_lighter_and_reduced(url) -> None:
    answer = APIClient().get(url, {**ORDINARY, "days_unremedied": "45", "confessed": "是"}).json()
    assert (answer["finding"], answer["label"]) == ("tier", "从重")
    mitigation = answer["mitigation"]
    assert mitigation["applies"] == "从轻或者减轻"
    assert (mitigation["lighter_min"], mitigation["lighter_max"]) == ("3000.00", "10000.00")
    assert mitigation["reduced_below"] == "3000.00"


def test_nan_is_refused(url) -> None:
    assert "货值金额" in refused(url, goods_value="NaN")


def test_infinity_is_refused(url) -> None:
    assert "有限" in refused(url, goods_value="inf")


def test_a_negative_amount_is_refused(url) -> None:
    assert "负数" in refused(url, goods_value="-1")


def test_a_non_number_is_refused(url) -> None:
    assert "应为数值" in refused(url, days_unremedied="三十")


def test_an_unknown_factor_is_refused(url) -> None:
    assert "未知的裁量情节" in refused(url, illegal_gian="5000")


def test_a_boolean_that_is_neither_yes_nor_no_is_refused(url) -> None:
    assert "是或否" in refused(url, corrected="maybe")


def test_a_choice_outside_its_options_is_refused(url) -> None:
    assert "以下之一" in refused(url, harm="tiny")


def test_a_factor_given_twice_is_refused(url) -> None:
    response = APIClient().get(f"{url}?harm=none&harm=serious")
    assert response.status_code == 400 and "只能给出一个值" in str(response.json())


def test_a_malformed_date_is_refused(url) -> None:
    assert "日期格式" in refused(url, on="2021-13-01")


def test_an_item_that_is_not_a_penalty_is_refused(org) -> None:
    licence = services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"kind": "licensing", "name": "食品经营许可", "legal_basis": "《食品安全法》"},
    )
    response = APIClient().get(f"/api/power-items/{licence.pk}/discretion/", ORDINARY)
    assert response.status_code == 400 and "不是行政处罚事项" in str(response.json())


def test_the_schema_types_the_statutory_facts(client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/power-items/{id}/discretion/"]["get"]
    params = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert params["no_fault"]["type"] == "boolean"
    assert set(params["harm"]["enum"]) == {"none", "minor", "general", "serious"}
