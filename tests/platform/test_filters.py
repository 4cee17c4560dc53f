"""Filters: one filter set per model, shared by the back-office list, its export, its filter
choices and the API. An invalid value answers 400 with a Chinese message (never 500), and a
foreign-key filter resolves only among the records the user may see."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from fazhi import registry
from fazhi.core.org.filtersets import ScopedFilterSet
from fazhi.core.org.models import Person
from fazhi.domains.lists import models as lists
from fazhi.domains.lists import services
from fazhi.shell.office import resources

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "fazhi" / "templates"


@pytest.fixture
def items(org):  # type: ignore[no-untyped-def]
    """A published power item of the city regulator and a draft of the district's, each with
    a service guide."""

    def item(unit, name, draft):  # type: ignore[no-untyped-def]
        return services.create_item(
            lists.PowerItem,
            department=unit,
            valid_from=date(2019, 1, 1),
            fields={"name": name, "kind": "licensing"},
            draft=draft,
        )

    published = item(org.scjg, "食品经营许可", False)
    draft = item(org.ec_scjg, "区局草稿许可", True)
    for power, code in [(published, "G-PUB"), (draft, "G-DRAFT")]:
        lists.ServiceGuide.objects.create(power_item=power, code=code, sub_item="新办")
    return published, draft


def api_errors(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"] == "筛选条件无效"
    return body["errors"]


# --- back office ----------------------------------------------------------------------------


def test_a_malformed_unit_id_re_shows_the_list_with_a_chinese_message(client, people) -> None:
    client.force_login(people.alice)
    response = client.get("/office/r/persons/", {"owner_unit": "abc"})
    assert response.status_code == 400
    assert "筛选条件无效" in response.content.decode()
    [message] = response.context["filter_errors"]
    assert message.startswith("登记机构：") and "选择一个有效的选项" in message
    assert response.context["rows"] == []


def test_a_boolean_filter_takes_true_and_false(client, org, people) -> None:
    client.force_login(people.alice)
    response = client.get("/office/r/departments/", {"enforces": "true"})
    assert response.status_code == 200
    shown = {pk for pk, _ in response.context["rows"]}
    assert shown == {org.scjg.pk, org.sthj.pk, org.ec_scjg.pk}


def test_an_unknown_boolean_word_is_refused_rather_than_ignored(client, people) -> None:
    client.force_login(people.alice)
    response = client.get("/office/r/departments/", {"enforces": "maybe"})
    assert response.status_code == 400
    assert "请填写 true 或 false" in response.content.decode()


def test_an_invalid_choice_is_refused(client, people) -> None:
    client.force_login(people.alice)
    assert client.get("/office/r/entities/", {"status": "nonsense"}).status_code == 400


def test_the_export_refuses_invalid_filters_like_the_list(client, people) -> None:
    client.force_login(people.alice)
    response = client.get("/office/r/persons/export/", {"owner_unit": "abc"})
    assert response.status_code == 400
    assert "筛选条件无效" in response.content.decode()


def test_the_export_applies_the_same_filters(client, org, people) -> None:
    import io

    from openpyxl import load_workbook

    client.force_login(people.carol)
    response = client.get("/office/r/departments/export/", {"parent": org.district.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row - 1 == 2  # 鄂城区司法局 and 鄂城区市场监督管理局


def test_filtering_on_another_units_id_shows_nothing_of_it(client, org, people) -> None:
    Person.objects.create(name="王五", owner_unit=org.sthj)
    Person.objects.create(name="赵六", owner_unit=org.scjg)
    client.force_login(people.alice)
    response = client.get("/office/r/persons/", {"owner_unit": org.sthj.pk})
    assert response.status_code == 200 and response.context["rows"] == []


def test_a_hidden_related_record_is_refused_like_a_missing_one(client, people, items) -> None:
    _, draft = items
    client.force_login(people.alice)  # the district's draft is not alice's to see
    hidden = client.get("/office/r/service-guides/", {"power_item": draft.pk})
    missing = client.get("/office/r/service-guides/", {"power_item": 999999})
    assert hidden.status_code == missing.status_code == 400


def test_the_list_department_drop_down_offers_what_its_filter_takes(client, org, people, items):  # type: ignore[no-untyped-def]
    client.force_login(people.alice)
    options = client.get("/office/r/power-items/choices/", {"field": "department"}).json()
    assert {o["id"] for o in options["results"]} == {org.scjg.code}
    shown = client.get("/office/r/power-items/", {"department": org.scjg.code}).context["rows"]
    assert [pk for pk, _ in shown] == [items[0].pk]


def test_every_back_office_screen_names_its_filter_set() -> None:
    for res in resources.REGISTRY.values():
        assert res.filterset is not None and issubclass(res.filterset, ScopedFilterSet), res.slug
        assert res.filterset._meta.model is res.model, res.slug


# --- API ------------------------------------------------------------------------------------


def test_the_api_refuses_a_malformed_government_with_chinese_errors(org) -> None:
    errors = api_errors(APIClient().get("/api/departments/", {"government": "abc"}))
    assert list(errors) == ["government"] and "有效" in errors["government"][0]


def test_the_api_filters_departments_by_government(org) -> None:
    response = APIClient().get("/api/departments/", {"government": org.district.pk})
    assert {r["id"] for r in response.json()["results"]} == {org.ec_sfj.pk, org.ec_scjg.pk}


def test_an_out_of_range_id_is_refused_not_a_server_error(items) -> None:
    response = APIClient().get("/api/service-guides/", {"power_item": "99999999999999999999"})
    assert list(api_errors(response)) == ["power_item"]


def test_a_draft_power_item_filter_is_refused_to_the_public(items) -> None:
    published, draft = items
    anon = APIClient()
    ok = anon.get("/api/service-guides/", {"power_item": published.pk})
    assert [g["code"] for g in ok.json()["results"]] == ["G-PUB"]
    assert list(api_errors(anon.get("/api/service-guides/", {"power_item": draft.pk}))) == [
        "power_item"
    ]


def test_a_list_date_filter_is_refused_in_chinese(items) -> None:
    errors = api_errors(APIClient().get("/api/power-items/", {"on": "2019-13-01"}))
    assert errors["on"] == ["查询日期格式应为 YYYY-MM-DD，例如 2018-12-31"]


def test_a_non_finite_discretion_fact_is_refused(org, items) -> None:
    from fazhi.domains.lists.models import DiscretionFactor

    DiscretionFactor.objects.create(code="goods_value", label="货值金额", kind="number")
    penalty = services.create_item(
        lists.PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"name": "某处罚", "kind": "penalty"},
    )
    response = APIClient().get(f"/api/power-items/{penalty.pk}/discretion/", {"goods_value": "NaN"})
    assert response.status_code == 400


def test_the_schema_declares_each_list_endpoints_filters(client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    names = {p["name"] for p in schema["paths"]["/api/departments/"]["get"]["parameters"]}
    assert {"government", "parent", "enforces", "may_issue_documents", "page"} <= names
    guide = {p["name"] for p in schema["paths"]["/api/service-guides/"]["get"]["parameters"]}
    assert {"power_item", "online"} <= guide


def test_every_api_list_names_its_filter_set() -> None:
    for prefix, route in registry.REGISTRY.api.items():
        filterset = getattr(route.viewset, "filterset_class", None)
        assert filterset is not None and issubclass(filterset, ScopedFilterSet), prefix


# --- NUL characters (PostgreSQL refuses them in any query) -----------------------------------


@pytest.mark.parametrize(
    "path", ["/api/entities/?q=a%00", "/api/negative-list/search/?q=a%00", "/api/cases/?kind=%00"]
)
def test_a_nul_character_in_an_api_parameter_is_refused(people, path: str) -> None:
    client = APIClient()
    client.force_authenticate(people.alice)
    response = client.get(path)
    assert response.status_code == 400
    assert response.json() == {"detail": "请求参数不能包含空字符"}


@pytest.mark.parametrize(
    "path", ["/office/r/cases/?q=a%00", "/office/r/persons/picker/?q=a%00", "/lists/power/?q=a%00"]
)
def test_a_nul_character_in_a_search_is_refused(client, people, path: str) -> None:
    client.force_login(people.alice)
    response = client.get(path)
    assert response.status_code == 400 and "请求有误" in response.content.decode()


# --- error pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("code,words", [("400", "请求有误"), ("404", "页面"), ("500", "服务器")])
def test_the_error_pages_are_chinese(code: str, words: str) -> None:
    text = (TEMPLATES / f"{code}.html").read_text(encoding="utf-8")
    assert words in text
