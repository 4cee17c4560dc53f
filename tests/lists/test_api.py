"""The lists through the API: filters, as-of, history, changes, guides and the negative-list
search, scoped like every other path and described in the OpenAPI schema."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from fazhi.domains.lists import services
from fazhi.domains.lists.models import (
    DiscretionBenchmark,
    DiscretionTier,
    GuideMaterial,
    ServiceGuide,
)

from .test_portal import lists_world, negative_entry, power

pytestmark = pytest.mark.django_db

LIST_PATHS = [
    "/api/power-items/",
    "/api/service-guides/",
    "/api/proofs/",
    "/api/fees/",
    "/api/fee-cleanups/",
    "/api/negative-list/",
    "/api/discretion-benchmarks/",
    "/api/discretion-factors/",
    "/api/no-penalty-items/",
]


@pytest.fixture
def world(org):  # type: ignore[no-untyped-def]
    return lists_world(org)


def results(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_schema_describes_the_lists_endpoints(client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    for path in LIST_PATHS:
        assert path in paths, path
    assert "/api/power-items/changes/" in paths and "/api/power-items/{id}/history/" in paths
    assert "/api/negative-list/search/" in paths
    names = {p["name"] for p in paths["/api/power-items/"]["get"]["parameters"]}
    assert {"q", "department", "kind", "state", "on"} <= names
    assert "PowerItemVersion" in schema["components"]["schemas"]


def test_the_public_reads_every_list(org, world) -> None:
    anon = APIClient()
    for path in LIST_PATHS:
        assert anon.get(path).status_code == 200, path


def test_search_and_filters(org, world) -> None:
    anon = APIClient()
    found = results(anon.get("/api/power-items/", {"q": "消防"}))
    assert {r["code"] for r in found} == {world.fire.code, world.added.code}
    assert found[0]["version"]["name"]
    by_kind = results(anon.get("/api/power-items/", {"kind": "penalty"}))
    assert [r["id"] for r in by_kind] == [world.penalty.pk]
    by_dept = results(anon.get("/api/power-items/", {"department": org.ec_scjg.code}))
    assert [r["id"] for r in by_dept] == [world.district.pk]
    cancelled = results(anon.get("/api/power-items/", {"state": "cancelled"}))
    assert [r["id"] for r in cancelled] == [world.cut.pk]


def test_drafts_are_their_departments_only(people, world) -> None:
    anon = APIClient()
    assert world.draft.pk not in {r["id"] for r in results(anon.get("/api/power-items/"))}
    assert anon.get(f"/api/power-items/{world.draft.pk}/").status_code == 404
    alice = APIClient()
    alice.force_authenticate(people.alice)
    assert alice.get(f"/api/power-items/{world.draft.pk}/").status_code == 200


def test_the_list_as_of_a_date_carries_that_dates_version(world) -> None:
    anon = APIClient()
    rows = {r["id"]: r for r in results(anon.get("/api/power-items/", {"on": "2018-12-31"}))}
    assert world.cut.pk in rows and world.added.pk not in rows
    assert rows[world.food.pk]["version"]["promised_limit"] == 10
    today = {r["id"]: r for r in results(anon.get("/api/power-items/"))}
    assert today[world.food.pk]["version"]["promised_limit"] == 5
    assert anon.get("/api/power-items/", {"on": "2019-02-30"}).status_code == 400


def test_history_and_changes(world) -> None:
    anon = APIClient()
    history = anon.get(f"/api/power-items/{world.food.pk}/history/").json()
    assert [(v["action"], v["valid_from"], v["valid_to"]) for v in history] == [
        ("add", "2018-06-01", "2019-03-01"),
        ("amend", "2019-03-01", None),
    ]
    assert history[1]["reason"] == "法律修改" and "recorded_by" not in history[1]
    changes = results(
        anon.get("/api/power-items/changes/", {"from": "2018-12-31", "to": "2019-12-31"})
    )
    by_item = {c["item"]: c for c in changes}
    assert by_item[world.cut.pk]["change"] == "removed"
    assert by_item[world.added.pk]["change"] == "added"
    changed = by_item[world.food.pk]
    assert changed["fields"] == [
        {"field": "promised_limit", "label": "承诺办结时限（工作日）", "before": "10", "after": "5"}
    ]
    assert anon.get("/api/power-items/changes/").status_code == 400


def test_the_negative_list_search_names_the_licence_needed(org) -> None:
    entry = negative_entry(org)
    licence = power(org, "食品经营许可", negative_entry=entry, restricts_market_access=True)
    anon = APIClient()
    found = results(anon.get("/api/negative-list/search/", {"q": "F5223"}))
    assert [(r["item"], [lic["item"] for lic in r["licences"]]) for r in found] == [
        (entry.pk, [licence.pk])
    ]
    assert found[0]["licences"][0]["code"] == licence.code
    assert results(anon.get("/api/negative-list/search/", {"q": "宠物美容"})) == []
    assert anon.get("/api/negative-list/search/").status_code == 400


def test_a_guide_through_the_api_reads_its_item(org) -> None:
    item = power(org, "食品经营许可", statutory_limit=20)
    guide = ServiceGuide.objects.create(power_item=item, code="G-1", sub_item="新办")
    GuideMaterial.objects.create(guide=guide, name="申请书", source="e_licence")
    services.record(
        item, "amend", valid_from=date(2019, 3, 1), reason="修改", changes={"statutory_limit": 15}
    )
    row = results(APIClient().get("/api/service-guides/", {"power_item": item.pk}))[0]
    resolved = row["resolved"]
    assert resolved["statutory_limit"] == 15 and resolved["department"] == "鄂州市市场监督管理局"
    assert resolved["materials"][0]["source"] == "电子证照库调取"
    assert "六十日内" in resolved["remedies"][0]
    assert [s["name"] for s in resolved["steps"]][:2] == ["申请", "受理"]


def test_a_benchmark_carries_its_tiers(org, world) -> None:
    bench = services.create_item(
        DiscretionBenchmark,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={
            "name": "裁量基准",
            "power_item": world.penalty,
            "violation": "违法行为",
            "penalty_basis": "处罚依据",
        },
    )
    DiscretionTier.objects.create(
        version=bench.current_version(), order=1, label="从轻", article="第一档", conditions=[]
    )
    row = APIClient().get(f"/api/discretion-benchmarks/{bench.pk}/").json()
    assert [t["label"] for t in row["version"]["tiers"]] == ["从轻"]
