"""POST /api/collect/cases/: a sector system pushes its cases with a token registered for its
source system; personal tokens and other systems' tokens are refused in Chinese."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from fazhi.core.casework.models import Case, Event
from fazhi.core.org.tokens import create_token

from ..conftest import make_entity

pytestmark = pytest.mark.django_db
URL = "/api/collect/cases/"
SOURCE = "湖北省市场监管综合执法系统"


def api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def case(uscc: str, *events: dict) -> dict:
    return {
        "external_id": "SC-2019-007",
        "title": "某公司未按规定公示年报案",
        "state": "调查",
        "opened_on": "2019-07-01",
        "parties": [{"kind": "entity", "name": "鄂州市甲乙有限公司", "uscc": uscc}],
        "events": list(events)
        or [
            {"id": "E1", "occurred_on": "2019-07-01", "kind": "立案", "actor": "李四"},
            {"occurred_on": "2019-07-15", "kind": "调查", "note": "现场检查"},
        ],
        "documents": [{"title": "立案审批表", "sha256": "cd" * 32, "size": 1024}],
    }


@pytest.fixture
def source_key(people) -> str:
    return create_token(people.alice, "执法系统对接", source_system=SOURCE).key


def test_a_source_token_pushes_cases_with_their_history(org, people, source_key) -> None:
    entity = make_entity(org)
    response = api(source_key).post(URL, {"cases": [case(entity.uscc)]}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["created"] == 1 and response.json()["events_added"] == 2
    pushed = Case.objects.get(source_system=SOURCE, external_id="SC-2019-007")
    assert (pushed.state, pushed.owner_unit()) == ("investigating", org.scjg)
    dates = Event.objects.filter(case=pushed).exclude(source_key="").values_list("occurred_on")
    assert sorted(d for (d,) in dates) == [date(2019, 7, 1), date(2019, 7, 15)]


def test_pushing_again_adds_only_new_events(org, people, source_key) -> None:
    entity = make_entity(org)
    api(source_key).post(URL, {"cases": [case(entity.uscc)]}, format="json")
    more = case(
        entity.uscc,
        {"id": "E1", "occurred_on": "2019-07-01", "kind": "立案", "actor": "李四"},
        {"occurred_on": "2019-07-15", "kind": "调查", "note": "现场检查"},
        {"id": "E3", "occurred_on": "2019-08-01", "kind": "告知"},
    )
    body = api(source_key).post(URL, {"cases": [more]}, format="json").json()
    assert (body["created"], body["updated"], body["events_added"]) == (0, 1, 1)


def test_the_case_list_flags_collected_cases(org, people, source_key) -> None:
    entity = make_entity(org)
    api(source_key).post(URL, {"cases": [case(entity.uscc)]}, format="json")
    client = APIClient()
    client.force_authenticate(people.carol)
    rows = client.get("/api/cases/?collected=true").json()
    rows = rows.get("results", rows)
    assert [(r["external_id"], r["collected"]) for r in rows] == [("SC-2019-007", True)]


def test_a_personal_token_is_refused(org, people) -> None:
    key = create_token(people.alice, "个人脚本").key
    response = api(key).post(URL, {"cases": [case(make_entity(org).uscc)]}, format="json")
    assert response.status_code == 403
    assert "只有登记了来源系统的令牌才能推送归集案件" in response.json()["detail"]
    assert not Case.objects.exists()


def test_another_source_systems_cases_are_refused(org, people, source_key) -> None:
    body = {"source_system": "湖北省生态环境执法系统", "cases": [case(make_entity(org).uscc)]}
    response = api(source_key).post(URL, body, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == (
        f"该令牌只能推送“{SOURCE}”的案件，不能推送“湖北省生态环境执法系统”的案件"
    )


def test_errors_name_the_case_and_field_and_nothing_is_written(org, people, source_key) -> None:
    bad = case("91420704MA4F000013")
    bad["opened_on"] = "2019-13-01"
    response = api(source_key).post(URL, {"cases": [bad]}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "case": 0,
            "external_id": "SC-2019-007",
            "field": "opened_on",
            "message": "不是有效日期“2019-13-01”，应写作 YYYY-MM-DD",
        }
    ]
    bad["opened_on"] = "2019-07-01"
    response = api(source_key).post(URL, {"cases": [bad]}, format="json")
    assert response.json()["errors"][0]["field"] == "parties[0].uscc"
    assert not Case.objects.exists()
