"""裁量基准 and 免罚清单 imported from the departments' own workbooks (several rows per
benchmark), validated per cell, written through the list mechanism."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from fazhi.domains.lists import services
from fazhi.domains.lists.condition_text import ConditionText
from fazhi.domains.lists.discretion import (
    NoPenaltyFinding,
    TierFinding,
    declared_factors,
    tier_for,
)
from fazhi.domains.lists.models import (
    DiscretionBenchmark,
    DiscretionBenchmarkVersion,
    DiscretionFactor,
    DiscretionTier,
    NoPenaltyItem,
    NoPenaltyItemVersion,
    PowerItem,
)

from ..intake.helpers import run_import, xlsx
from .factories import PLAIN

pytestmark = pytest.mark.django_db

D = date
FOOD = "对未取得食品经营许可从事食品经营活动的处罚"
LICENCE = "对未将营业执照置于醒目位置的处罚"
HEADERS = [
    "序号",
    "违法行为",
    "处罚事项",
    "法律依据",
    "处罚依据",
    "阶次",
    "情节",
    "罚款下限（元）",
    "罚款上限（元）",
    "其他处罚",
    "适用条款",
]
BASIS = "《食品安全法》第一百二十二条第一款"
FOOD_ROWS: list[list[Any]] = [
    [1, "未取得食品经营许可从事食品经营活动", FOOD, "《食品安全法》第三十五条", BASIS,
     "轻微", "货值金额<10000；危害后果：没有危害后果、轻微；及时改正", 50000, 70000,
     "没收违法所得和违法经营的食品", BASIS],
    [None, None, None, None, None,
     "一般", "货值金额不足1万元；危害后果：一般", 70000, 85000, "没收违法所得", BASIS],
    [None, None, None, None, None,
     "严重", "货值金额<10000", 85000, 100000, "没收工具设备", BASIS],
]  # fmt: skip
# The second benchmark repeats its item cells on every tier row, as some departments do.
_LICENCE_ITEM = [2, "未将营业执照置于住所醒目位置", LICENCE, "", "处1万元以下罚款"]
LICENCE_ROWS: list[list[Any]] = [
    [*_LICENCE_ITEM, "轻微", "初次违法；及时改正", 0, 3000, "", ""],
    [*_LICENCE_ITEM, "较重", "", 3000, 10000, "", ""],
]
ROWS = FOOD_ROWS + LICENCE_ROWS


@pytest.fixture
def items(org) -> dict[str, PowerItem]:  # type: ignore[no-untyped-def]
    DiscretionFactor.objects.create(code="goods_value", label="货值金额", kind="number", unit="元")
    out = {}
    for name in (FOOD, LICENCE):
        out[name] = services.create_item(
            PowerItem,
            department=org.scjg,
            valid_from=D(2019, 1, 1),
            fields={"kind": "penalty", "name": name, "legal_basis": "《食品安全法》"},
        )
    services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=D(2019, 1, 1),
        fields={"kind": "licensing", "name": "食品经营许可"},
    )
    return out


def imported(org, people, rows, headers=HEADERS, spec="discretion-benchmarks", **extra):  # type: ignore[no-untyped-def]
    options = {"valid_from": D(2019, 9, 20), "reason": "制定裁量基准", **extra}
    return run_import(spec, xlsx(headers, rows), department=org.scjg, actor=people.alice, **options)


def errors_of(job) -> set[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    return {(row, column, reason) for row, column, reason in job.errors}


def test_a_multi_row_workbook_imports_and_tier_for_proposes_its_tier(org, people, items) -> None:
    job = imported(org, people, ROWS)
    assert job.status == "done", job.errors
    assert (job.created, job.updated, job.unchanged) == (2, 0, 0)
    food = DiscretionBenchmark.objects.get(name="未取得食品经营许可从事食品经营活动裁量基准")
    version = food.current_version()
    assert isinstance(version, DiscretionBenchmarkVersion)
    assert (version.action, version.valid_from, version.recorded_by) == (
        "add",
        D(2019, 9, 20),
        people.alice,
    )
    assert version.power_item_id == items[FOOD].pk and version.penalty_basis == BASIS
    tiers = list(version.tiers.order_by("order"))
    assert [(t.order, t.label, t.fine_min, t.fine_max) for t in tiers] == [
        (1, "轻微", Decimal(50000), Decimal(70000)),
        (2, "一般", Decimal(70000), Decimal(85000)),
        (3, "严重", Decimal(85000), Decimal(100000)),
    ]
    assert tiers[0].conditions == [
        {"factor": "goods_value", "op": "<", "value": 10000},
        {"factor": "harm", "op": "in", "value": ["none", "minor"]},
        {"factor": "corrected", "op": "=", "value": True},
    ]
    assert tiers[1].conditions[0] == {"factor": "goods_value", "op": "<", "value": 10000}
    assert tiers[1].conditions[1] == {"factor": "harm", "op": "=", "value": "general"}
    licence = DiscretionBenchmark.objects.get(name="未将营业执照置于住所醒目位置裁量基准")
    assert licence.current_version().tiers.count() == 2  # type: ignore[union-attr]

    facts = {**PLAIN, "first_offence": False, "goods_value": 5000, "corrected": True}
    finding = tier_for(items[FOOD], {**facts, "harm": "general"}, on=D(2019, 10, 8))
    assert isinstance(finding, TierFinding), finding
    assert (finding.tier.label, finding.fine_min, finding.fine_max) == (
        "一般",
        Decimal(70000),
        Decimal(85000),
    )
    before = tier_for(items[FOOD], {**facts, "harm": "general"}, on=D(2019, 9, 1))
    assert not isinstance(before, TierFinding)  # the benchmark takes effect on 2019-09-20


def test_each_error_names_its_row_and_column_and_nothing_is_written(org, people, items) -> None:
    rows: list[list[Any]] = [
        # a tier row with no benchmark above it
        [None, None, None, None, None, "轻微", "及时改正", 0, 100, "", "x"],
        [1, "未取得食品经营许可从事食品经营活动", "对无照经营的处罚", "", BASIS,
         "轻微", "货值金额<10000；态度良好", -5, 70000, "", ""],
        [None, None, None, None, None,
         "严重", "货值金额<10000；危害后果：严重", 90000, 80000, "", ""],
        [None, None, None, None, None, "一般", "", 70000, 85000, "", ""],
        [2, "经营无证食品", "食品经营许可", "", BASIS, "轻微", "", 0, 1000, "", ""],
        [None, None, None, None, None, "严重", "初次违法", 500, 2000, "", ""],
    ]  # fmt: skip
    job = imported(org, people, rows)
    assert job.status == "rejected"
    errors = errors_of(job)
    expected = {
        (2, "违法行为", "阶次行之前没有裁量基准：请在基准的第一行填写违法行为、处罚事项和处罚依据"),
        (
            3,
            "处罚事项",
            "找不到本部门在 2019-09-20 有效的处罚事项“对无照经营的处罚”"
            "（请填写权责清单中的编码或名称）",
        ),
        (
            3,
            "情节",
            "“态度良好”不是已声明的裁量情节（请使用情节名称，如“初次违法”“危害后果：轻微”）",
        ),
        (3, "罚款下限（元）", "罚款金额不能为负数"),
        (4, "罚款上限（元）", "罚款上限 80000 小于下限 90000"),
        (5, "阶次", "阶次“一般”排在第4行的“严重”之后；阶次应由轻到重排列"),
        (6, "处罚事项", "“食品经营许可”不是行政处罚事项，不能制定裁量基准或免罚清单"),
        (
            7,
            "情节",
            "第6行的阶次“轻微”没有适用情形，总是适用，本阶次不会被适用；没有情形的阶次应放在最后",
        ),
    }
    assert expected <= errors, errors - expected
    assert job.error_file  # the error workbook to correct and import again
    assert not DiscretionBenchmark.objects.exists()
    assert not DiscretionTier.objects.exists()


def test_overlapping_fines_of_ladder_tiers_are_refused(org, people, items) -> None:
    rows = [list(r) for r in FOOD_ROWS]
    rows[1][7] = 60000  # 一般 from 60000 while 轻微 reaches 70000
    job = imported(org, people, rows)
    assert job.status == "rejected"
    assert (
        3,
        "罚款下限（元）",
        "罚款下限 60000 低于第2行较轻阶次“轻微”的上限 70000，幅度重叠",
    ) in errors_of(job)


def test_reimporting_the_same_workbook_creates_nothing(org, people, items) -> None:
    imported(org, people, ROWS)
    again = imported(org, people, ROWS)
    assert again.status == "done", again.errors
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert DiscretionBenchmarkVersion.objects.count() == 2
    assert DiscretionTier.objects.count() == 5


def test_a_changed_tier_makes_a_new_version(org, people, items) -> None:
    imported(org, people, ROWS)
    rows = [list(r) for r in ROWS]
    rows[2][8] = 90000  # 严重 up to 90,000 from 2020
    job = imported(org, people, rows, valid_from=D(2020, 1, 1), reason="修订裁量基准")
    assert job.status == "done", job.errors
    assert (job.created, job.updated, job.unchanged) == (0, 1, 1)
    food = DiscretionBenchmark.objects.get(name__startswith="未取得食品经营许可")
    old, new = food.versions.order_by("valid_from")
    assert (old.valid_to, new.valid_from, new.action, new.reason) == (
        D(2020, 1, 1),
        D(2020, 1, 1),
        "amend",
        "修订裁量基准",
    )
    assert [t.fine_max for t in old.tiers.order_by("order")][-1] == Decimal(100000)
    assert [t.fine_max for t in new.tiers.order_by("order")][-1] == Decimal(90000)
    assert new.tiers.count() == 3
    facts = {**PLAIN, "first_offence": False, "goods_value": 5000, "harm": "serious"}
    in_2019 = tier_for(items[FOOD], facts, on=D(2019, 12, 1))
    in_2020 = tier_for(items[FOOD], facts, on=D(2020, 2, 1))
    assert isinstance(in_2019, TierFinding) and isinstance(in_2020, TierFinding)
    assert (in_2019.fine_max, in_2020.fine_max) == (Decimal(100000), Decimal(90000))


NP_HEADERS = ["序号", "处罚事项", "情形", "免罚条件", "处理方式", "依据"]
NP_ROWS: list[list[Any]] = [
    [1, LICENCE, "未将营业执照置于醒目位置", "没有危害后果；及时改正", "不予处罚",
     "行政处罚法 第三十三条第一款"],
    [2, FOOD, "首次无证经营散装食品", "首次违法、危害后果轻微、及时改正", "可以不予处罚", ""],
]  # fmt: skip


def test_a_no_penalty_list_is_imported(org, people, items) -> None:
    job = imported(org, people, NP_ROWS, NP_HEADERS, spec="no-penalty-items")
    assert job.status == "done", job.errors
    assert job.created == 2
    mandatory = NoPenaltyItemVersion.objects.get(violation="未将营业执照置于醒目位置")
    assert mandatory.mandatory and mandatory.basis == "行政处罚法 第三十三条第一款"
    assert mandatory.conditions == [
        {"factor": "harm", "op": "=", "value": "none"},
        {"factor": "corrected", "op": "=", "value": True},
    ]
    discretionary = NoPenaltyItemVersion.objects.get(violation="首次无证经营散装食品")
    assert not discretionary.mandatory and discretionary.basis == "行政处罚法 第三十三条"
    assert discretionary.conditions == [
        {"factor": "first_offence", "op": "=", "value": True},
        {"factor": "harm", "op": "=", "value": "minor"},
        {"factor": "corrected", "op": "=", "value": True},
    ]
    assert discretionary.power_item_id == items[FOOD].pk
    facts = {**PLAIN, "first_offence": True, "harm": "minor", "corrected": True}
    finding = tier_for(items[FOOD], {**facts, "goods_value": 100}, on=D(2019, 10, 1))
    assert isinstance(finding, NoPenaltyFinding) and not finding.mandatory

    again = imported(org, people, NP_ROWS, NP_HEADERS, spec="no-penalty-items")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = [list(r) for r in NP_ROWS]
    changed[1][4] = "不予处罚"
    amended = imported(
        org, people, changed, NP_HEADERS, spec="no-penalty-items", valid_from=D(2020, 1, 1)
    )
    assert (amended.created, amended.updated, amended.unchanged) == (0, 1, 1)
    item = NoPenaltyItem.objects.get(name="首次无证经营散装食品")
    assert item.versions.count() == 2 and item.current_version().mandatory  # type: ignore[union-attr]


def test_no_penalty_errors_are_per_cell_and_nothing_is_written(org, people, items) -> None:
    rows = [list(r) for r in NP_ROWS]
    rows[0][1] = "对不存在事项的处罚"
    rows[1][3] = "危害后果：很小"
    rows[1][4] = "免予处罚"
    job = imported(org, people, rows, NP_HEADERS, spec="no-penalty-items")
    assert job.status == "rejected"
    errors = errors_of(job)
    assert {
        (
            2,
            "处罚事项",
            "找不到本部门在 2019-09-20 有效的处罚事项“对不存在事项的处罚”"
            "（请填写权责清单中的编码或名称）",
        ),
        (3, "免罚条件", "“危害后果”没有选项“很小”，应为：没有危害后果、轻微、一般、严重"),
    } <= errors, errors
    assert any(r == 3 and c == "处理方式" for r, c, _ in errors)
    assert not NoPenaltyItem.objects.exists()


def test_conditions_read_as_departments_write_them(org, items) -> None:
    parse = ConditionText(declared_factors()).parse
    assert parse("初次违法且危害后果轻微并及时改正") == (
        [
            {"factor": "first_offence", "op": "=", "value": True},
            {"factor": "harm", "op": "=", "value": "minor"},
            {"factor": "corrected", "op": "=", "value": True},
        ],
        [],
    )
    assert parse("货值金额1万元以上；非初次违法")[0] == [
        {"factor": "goods_value", "op": ">=", "value": 10000},
        {"factor": "first_offence", "op": "=", "value": False},
    ]
    assert parse("货值金额：很多")[1] == ["“货值金额”的取值应为数值，而不是“很多”"]
    assert parse("货值金额<-1")[1] == ["“货值金额”的取值不能为负数"]


def test_writing_the_good_rows_skips_a_benchmark_with_a_bad_row_whole(org, people, items) -> None:
    rows = [list(r) for r in ROWS]
    rows[2][6] = "态度良好"  # the food benchmark's third tier
    job = imported(org, people, rows, mode="good")
    assert job.status == "done", job.message
    assert (job.created, job.bad_rows) == (1, 3)
    assert (2, "", "同一裁量基准的第4行有错误，未导入") in errors_of(job)
    assert list(DiscretionBenchmark.objects.values_list("name", flat=True)) == [
        "未将营业执照置于住所醒目位置裁量基准"
    ]


@pytest.mark.parametrize("spec", ["discretion-benchmarks", "no-penalty-items"])
def test_the_template_is_one_its_import_reads(client, org, people, spec) -> None:  # type: ignore[no-untyped-def]
    import io

    from fazhi.core.intake import services as intake

    client.force_login(people.alice)
    data = client.get(f"/office/imports/template/{spec}/").content
    job = intake.run(
        intake.create_job(
            spec,
            department=org.scjg,
            upload=io.BytesIO(data),
            file_name="t.xlsx",
            actor=people.alice,
        ).pk
    )
    assert job.status == "refused" and "没有数据行" in job.message
