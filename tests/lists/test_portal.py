"""The lists' public pages: search, filters, item pages with history, as-of and changes views,
Excel downloads, the 减证便民告知卡 and the negative-list search."""

from __future__ import annotations

import io
import time
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from fazhi.core.org.models import Government, Region
from fazhi.domains.lists import services
from fazhi.domains.lists.models import (
    DiscretionBenchmark,
    DiscretionFactor,
    DiscretionTier,
    FeeCleanup,
    FeeDocumentReview,
    FeeItem,
    NegativeListItem,
    NoPenaltyItem,
    PowerItem,
    PowerItemVersion,
    ProofRequirement,
)

pytestmark = pytest.mark.django_db

D = date


def power(org: Any, name: str, *, kind: str = "licensing", department: Any = None, **fields: Any):  # type: ignore[no-untyped-def]
    """A power item in force since 2018-06-01 (or a draft, with draft=True)."""
    draft = fields.pop("draft", False)
    valid_from = fields.pop("valid_from", D(2018, 6, 1))
    return services.create_item(
        PowerItem,
        department=department or org.scjg,
        valid_from=valid_from,
        fields={"kind": kind, "name": name, "legal_basis": "《某法》第十条", **fields},
        reason="2018年权责清单",
        draft=draft,
    )


def proof(org: Any, name: str, *, department: Any = None, **fields: Any):  # type: ignore[no-untyped-def]
    return services.create_item(
        ProofRequirement,
        department=department or org.scjg,
        valid_from=fields.pop("valid_from", D(2019, 3, 1)),
        fields={"name": name, "status": "retained", "issuer": "社区居委会", **fields},
        reason="证明事项清理",
    )


def negative_entry(org: Any, **fields: Any):  # type: ignore[no-untyped-def]
    return services.create_item(
        NegativeListItem,
        department=org.scjg,
        valid_from=D(2019, 1, 1),
        fields={
            "name": "未获得许可，不得从事食品生产经营",
            "edition": "2019年版",
            "number": "118",
            "kind": "licensed",
            "measure": "食品生产、食品销售和餐饮服务许可",
            "industry_codes": "C14、F5223、H62",
            "administering": "市场监管总局",
            **fields,
        },
    )


def lists_world(org: Any) -> SimpleNamespace:
    """A small city: a licence amended in 2019, one cancelled, one added, a draft, a transfer."""
    fire = power(org, "公众聚集场所投入使用、营业前消防安全检查", statutory_limit=10)
    food = power(org, "食品经营许可", promised_limit=10, restricts_market_access=True)
    cut = power(org, "公共场所卫生许可")
    penalty = power(org, "对未按规定公示营业执照的处罚", kind="penalty")
    draft = power(org, "草稿中的消防许可", draft=True)
    district = power(org, "个体工商户登记", department=org.ec_scjg)
    services.record(
        food, "amend", valid_from=D(2019, 3, 1), reason="法律修改", changes={"promised_limit": 5}
    )
    services.record(cut, "cancel", valid_from=D(2019, 7, 1), reason="国务院决定取消")
    added = power(org, "新设消防产品许可", valid_from=D(2019, 9, 1))
    return SimpleNamespace(
        fire=fire, food=food, cut=cut, penalty=penalty, draft=draft, district=district, added=added
    )


@pytest.fixture
def world(org):  # type: ignore[no-untyped-def]
    return lists_world(org)


def codes(response: Any) -> set[str]:
    return {v.item.code for v, _ in response.context["rows"]}


# --- search and filters -------------------------------------------------------------------


def test_a_chinese_substring_finds_the_items_whose_names_contain_it(client, world) -> None:
    response = client.get("/lists/power/", {"q": "消防"})
    assert response.status_code == 200
    assert codes(response) == {world.fire.code, world.added.code}  # not the draft
    page = response.content.decode()
    assert "公众聚集场所投入使用、营业前消防安全检查" in page and "食品经营许可" not in page


def test_the_code_and_the_provincial_code_find_an_item(client, world) -> None:
    assert codes(client.get("/lists/power/", {"q": world.food.code})) == {world.food.code}


def test_filters_by_department_and_kind(client, org, world) -> None:
    by_department = codes(client.get("/lists/power/", {"department": org.ec_scjg.code}))
    assert by_department == {world.district.code}
    by_kind = codes(client.get("/lists/power/", {"kind": "penalty"}))
    assert by_kind == {world.penalty.code}
    page = client.get("/lists/power/").content.decode()
    assert "鄂城区市场监督管理局" in page and "行政处罚" in page


def test_cancelled_entries_are_listed_apart(client, world) -> None:
    assert world.cut.code not in codes(client.get("/lists/power/"))
    assert codes(client.get("/lists/power/", {"state": "cancelled"})) == {world.cut.code}


def test_drafts_are_shown_only_to_their_department(client, people, world) -> None:
    assert world.draft.code not in codes(client.get("/lists/power/", {"state": "all"}))
    assert client.get(f"/lists/power/{world.draft.code}/").status_code == 404
    client.force_login(people.bob)
    assert world.draft.code not in codes(client.get("/lists/power/", {"state": "all"}))
    client.force_login(people.alice)
    assert codes(client.get("/lists/power/", {"state": "draft"})) == {world.draft.code}
    assert client.get(f"/lists/power/{world.draft.code}/").status_code == 200


def test_the_list_is_paginated(client, org) -> None:
    for i in range(55):
        power(org, f"测试许可{i:02d}")
    first = client.get("/lists/power/")
    assert len(first.context["rows"]) == 50 and first.context["page"].paginator.count == 55
    assert len(client.get("/lists/power/", {"page": 2}).context["rows"]) == 5


def test_searching_the_scenario_volume_is_fast(client, org) -> None:
    """4,221 items (the scenario's count): the search is two queries and well under a second."""
    items = PowerItem.objects.bulk_create(
        PowerItem(
            code=f"420700-SCJG-XK-{i:04d}",
            name=f"{'消防' if i % 97 == 0 else '其他'}许可事项{i}",
            department=org.scjg,
            state="in_force",
            kind="licensing",
        )
        for i in range(1, 4222)
    )
    PowerItemVersion.objects.bulk_create(
        PowerItemVersion(
            item=item,
            action="add",
            valid_from=D(2018, 6, 1),
            state="in_force",
            department=org.scjg,
            name=item.name,
            kind="licensing",
        )
        for item in items
    )
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/lists/power/", {"q": "消防"})
    elapsed = time.perf_counter() - started
    assert response.context["page"].paginator.count == 4221 // 97
    assert elapsed < 2.0, f"search took {elapsed:.2f}s"
    assert len(queries) < 15, [q["sql"] for q in queries]


# --- the item page --------------------------------------------------------------------------


def test_the_item_page_shows_every_version_with_its_action_reason_and_dates(client, world) -> None:
    response = client.get(f"/lists/power/{world.food.code}/")
    page = response.content.decode()
    history = list(response.context["history"])
    assert [v.action for v in history] == ["add", "amend"]
    assert "法律修改" in page and "2019-03-01" in page and "2018-06-01" in page
    assert "修改" in page and "登记日期" in page
    assert "职权运行流程图" in page and "<svg" in page


def test_a_transfer_shows_where_the_item_came_from(client, org, world) -> None:
    services.record(
        world.fire, "transfer", valid_from=D(2019, 4, 1), reason="机构改革", department=org.sthj
    )
    page = client.get(f"/lists/power/{world.fire.code}/").content.decode()
    assert "划转" in page and "自鄂州市市场监督管理局划转" in page and "鄂州市生态环境局" in page


def test_the_item_as_of_a_date(client, world) -> None:
    response = client.get(f"/lists/power/{world.food.code}/", {"on": "2018-12-31"})
    assert response.context["version"].action == "add"
    assert "2018-12-31 当日有效" in response.content.decode()
    cut = client.get(f"/lists/power/{world.cut.code}/", {"on": "2019-12-31"})
    assert cut.context["version"] is None


def test_an_unknown_item_is_not_found(client, world) -> None:
    assert client.get("/lists/power/420700-SCJG-XK-9999/").status_code == 404
    assert client.get("/lists/nope/").status_code == 404


# --- as of a date, and what changed between two -------------------------------------------


def test_the_list_as_it_stood_on_a_date(client, world) -> None:
    response = client.get("/lists/power/", {"on": "2018-12-31"})
    shown = codes(response)
    assert world.cut.code in shown and world.added.code not in shown
    assert world.draft.code not in shown
    assert "2018-12-31 当日有效的事项" in response.content.decode()


def test_what_changed_between_two_dates_with_field_names_in_chinese(client, world) -> None:
    response = client.get("/lists/power/", {"from": "2018-12-31", "to": "2019-12-31"})
    page = response.content.decode()
    kinds = {row["version"].item.code: row["kind"] for row in response.context["changes"]}
    assert kinds == {
        world.food.code: "changed",
        world.cut.code: "removed",
        world.added.code: "added",
    }
    assert response.context["counts"] == {"added": 1, "removed": 1, "changed": 1}
    assert "承诺办结时限（工作日）" in page and "移出清单" in page and "新增" in page
    assert "promised_limit" not in page


def test_the_changes_follow_the_filters(client, world) -> None:
    response = client.get("/lists/power/", {"from": "2018-12-31", "to": "2019-12-31", "q": "消防"})
    assert [row["version"].item.code for row in response.context["changes"]] == [world.added.code]


def test_a_bad_date_is_explained_not_an_error(client, world) -> None:
    response = client.get("/lists/power/", {"on": "2018-13-45"})
    assert response.status_code == 200 and "YYYY-MM-DD" in response.content.decode()
    assert "同时填写" in client.get("/lists/power/", {"from": "2019-01-01"}).content.decode()
    assert client.get("/lists/power/export/", {"on": "x"}).status_code == 400


# --- Excel ----------------------------------------------------------------------------------


def sheet(response: Any) -> list[tuple[Any, ...]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_filtered_list_downloads_as_excel(client, world) -> None:
    rows = sheet(client.get("/lists/power/export/", {"q": "消防"}))
    assert rows[0][:3] == ("编码", "事项编码（省库）", "实施部门")
    assert {r[0] for r in rows[1:]} == {world.fire.code, world.added.code}
    assert "filename*=UTF-8''" in client.get("/lists/power/export/")["Content-Disposition"]


def test_exported_cells_are_never_formulas(client, org) -> None:
    power(org, '=HYPERLINK("http://x")', responsibility="+1")
    rows = sheet(client.get("/lists/power/export/"))
    assert '=HYPERLINK("http://x")' in rows[1] and "+1" in rows[1]


def test_the_changes_download_as_excel(client, world) -> None:
    rows = sheet(client.get("/lists/power/export/", {"from": "2018-12-31", "to": "2019-12-31"}))
    assert rows[0][0] == "变化"
    assert ("变更", world.food.code) in {(r[0], r[1]) for r in rows[1:]}
    assert any(r[5] == "承诺办结时限（工作日）" and (r[6], r[7]) == ("10", "5") for r in rows)


def test_an_as_of_download(client, world) -> None:
    rows = sheet(client.get("/lists/power/export/", {"on": "2018-12-31"}))
    assert world.cut.code in {r[0] for r in rows[1:]}


# --- the other lists --------------------------------------------------------------------------


def test_every_list_has_its_pages(client, org, world) -> None:
    fee = services.create_item(
        FeeItem,
        department=org.scjg,
        valid_from=D(2019, 1, 1),
        fields={"name": "特种设备检验费", "standard": "100", "unit": "台次"},
    )
    pr = proof(org, "居住证明")
    entry = negative_entry(org)
    for path, code in [
        ("fees", fee.code),
        ("proofs", pr.code),
        ("negative", entry.code),
    ]:
        assert client.get(f"/lists/{path}/").status_code == 200
        assert client.get(f"/lists/{path}/{code}/").status_code == 200
        assert client.get(f"/lists/{path}/export/").status_code == 200
    for path in ["benchmarks", "no-penalty", "fees/cleanups", "proofs/card"]:
        assert client.get(f"/lists/{path}/").status_code == 200, path
    index = client.get("/lists/").content.decode()
    assert "权责清单" in index and "减证便民告知卡" in index
    assert client.get("/lists/fees/", {"kind": "true"}).context["page"].paginator.count == 0


def test_a_benchmark_shows_its_tiers_in_declared_factors(client, org, world) -> None:
    DiscretionFactor.objects.create(code="illegal_gain", label="违法所得", kind="number", unit="元")
    DiscretionFactor.objects.create(code="first_offence", label="初次违法", kind="boolean")
    bench = services.create_item(
        DiscretionBenchmark,
        department=org.scjg,
        valid_from=D(2019, 1, 1),
        fields={
            "name": "未公示营业执照裁量基准",
            "power_item": world.penalty,
            "violation": "未将营业执照置于醒目位置",
            "penalty_basis": "处1万元以下罚款",
        },
    )
    DiscretionTier.objects.create(
        version=bench.current_version(),
        order=1,
        label="从轻",
        article="第一档",
        conditions=[{"factor": "illegal_gain", "op": "<=", "value": 5000}],
        fine_min=Decimal("0"),
        fine_max=Decimal("3000"),
    )
    free = services.create_item(
        NoPenaltyItem,
        department=org.scjg,
        valid_from=D(2019, 6, 1),
        fields={
            "name": "首次未公示营业执照",
            "power_item": world.penalty,
            "violation": "首次、及时改正",
            "conditions": [{"factor": "first_offence", "value": True}],
        },
    )
    page = client.get(f"/lists/benchmarks/{bench.code}/").content.decode()
    assert "违法所得 不超过 5000元" in page and "从轻" in page and "3000" in page
    assert "初次违法：是" in client.get(f"/lists/no-penalty/{free.code}/").content.decode()
    item_page = client.get(f"/lists/power/{world.penalty.code}/").content.decode()
    assert "未公示营业执照裁量基准" in item_page and "首次未公示营业执照" in item_page
    assert "依职权实施，不设办事指南" in item_page


def test_unpublished_cleanup_results_are_not_public(client, people, org) -> None:
    cleanup = FeeCleanup.objects.create(
        title="2019年价费文件清理", department=org.scjg, concluded_on=D(2019, 10, 1)
    )
    FeeDocumentReview.objects.create(cleanup=cleanup, title="某收费文件", outcome="repeal")
    assert "2019年价费文件清理" not in client.get("/lists/fees/cleanups/").content.decode()
    client.force_login(people.alice)
    page = client.get("/lists/fees/cleanups/").content.decode()
    assert "2019年价费文件清理" in page and "结果尚未公开" in page and "废止" in page


# --- 减证便民告知卡 ------------------------------------------------------------------------------


@pytest.fixture
def community(org):  # type: ignore[no-untyped-def]
    street = Government.objects.create(
        name="凤凰街道",
        code="420704001000",
        division_code="420704001000",
        level="township",
        parent=org.district,
    )
    return Region.objects.create(kind="community", name="滨湖社区", government=street)


def test_the_card_lists_the_proofs_a_community_no_longer_issues(client, org, community) -> None:
    gone = proof(
        org, "无犯罪记录证明", status="cancelled", replacement="data_sharing", community_issued=True
    )
    proof(org, "出生医学证明", status="retained", community_issued=True)
    proof(org, "非社区开具的证明", status="cancelled", community_issued=False)
    district = proof(
        org, "鄂城区取消的证明", department=org.ec_scjg, status="cancelled", community_issued=True
    )
    elsewhere_gov = Government.objects.create(
        name="华容区",
        code="420703000000",
        division_code="420703000000",
        level="district",
        parent=org.city,
    )
    elsewhere = Region.objects.create(kind="community", name="外区社区", government=elsewhere_gov)
    by_list = proof(org, "已从清单取消的证明", community_issued=True)
    services.record(by_list, "cancel", valid_from=D(2019, 6, 1), reason="取消")

    response = client.get(f"/lists/proofs/card/{community.pk}/")
    page = response.content.decode()
    names = {p.name for p in response.context["proofs"]}
    assert names == {"无犯罪记录证明", "鄂城区取消的证明", "已从清单取消的证明"}
    assert "部门间数据共享核验" in page and "滨湖社区" in page
    assert "鄂州市司法局，或拨打 12345 政务服务便民热线" in page
    other = {p.name for p in client.get(f"/lists/proofs/card/{elsewhere.pk}/").context["proofs"]}
    assert other == {"无犯罪记录证明", "已从清单取消的证明"}
    assert gone.code and district.code


def test_the_complaint_contact_is_a_setting(client, org, community, settings) -> None:
    settings.FAZHI_PROOF_COMPLAINT_CONTACT = "鄂城区司法局（地址：某路1号）"
    assert (
        "鄂城区司法局（地址：某路1号）"
        in client.get(f"/lists/proofs/card/{community.pk}/").content.decode()
    )


def test_a_community_is_found_by_name(client, community) -> None:
    page = client.get("/lists/proofs/card/", {"q": "滨湖"}).content.decode()
    assert f"/lists/proofs/card/{community.pk}/" in page
    assert client.get("/lists/proofs/card/999999/").status_code == 404


# --- the negative list ------------------------------------------------------------------------


def test_the_negative_list_says_what_licence_an_activity_needs(client, org) -> None:
    entry = negative_entry(org)
    licence = power(org, "食品经营许可", negative_entry=entry, restricts_market_access=True)
    power(org, "食品生产许可（草稿）", negative_entry=entry, draft=True)
    for term in ["餐饮服务", "F5223"]:
        response = client.get("/lists/negative/", {"q": term})
        entries = response.context["entries"]
        assert [(v.item_id, [lv.item_id for lv in lic]) for v, lic in entries] == [
            (entry.pk, [licence.pk])
        ], term
    page = client.get("/lists/negative/", {"q": "餐饮服务"}).content.decode()
    assert "需要办理的许可" in page and "食品经营许可" in page and "草稿" not in page
    detail = client.get(f"/lists/negative/{entry.code}/").content.decode()
    assert "食品经营许可" in detail
    miss = client.get("/lists/negative/", {"q": "宠物美容"}).content.decode()
    assert "未检索到相关条目" in miss and "平等进入" in miss


def test_staff_see_licences_flagged_for_market_access_review(client, people, org) -> None:
    entry = negative_entry(org)
    flagged = power(org, "自设准入许可", restricts_market_access=True, legal_basis="")
    power(org, "有依据的准入许可", restricts_market_access=True)
    power(
        org,
        "引用负面清单的许可",
        restricts_market_access=True,
        legal_basis="",
        negative_entry=entry,
    )
    assert client.get("/lists/power/review/").status_code == 302
    client.force_login(people.bob)
    response = client.get("/lists/power/review/")
    assert [v.item_id for v in response.context["flagged"]] == [flagged.pk]
    page = client.get(f"/lists/power/{flagged.code}/").content.decode()
    assert "已列入待审查事项" in page
