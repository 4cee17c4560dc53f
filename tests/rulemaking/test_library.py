"""The built-in library over the real statute texts: loading, citations of every legal basis
in Fazhi, and the search's recall."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from fazhi.domains.rulemaking import bases, library
from fazhi.domains.rulemaking.choices import TextState
from fazhi.domains.rulemaking.citations import resolve
from fazhi.domains.rulemaking.compare import compare
from fazhi.domains.rulemaking.models import LegalText, Provision
from fazhi.domains.rulemaking.search import search

Loader = Callable[..., library.LoadResult]

# Texts and versions a basis may name that the library does not hold (the mirror has no
# file for them, or they are policy documents rather than statutes): reported, not errors.
NOT_IN_LIBRARY = {
    "行政执法监督条例",  # 国务院令第825号 (2026), newer than the mirror
    "信用修复管理办法",
    "失信行为纠正后的信用信息修复管理办法",
    "国办发〔2018〕118号",
    "国办发〔2018〕37号",  # 行政规范性文件: the filing period and validity are local settings
    "国发〔2019〕5号",
    "行政执法机关移送涉嫌犯罪案件的规定",
    "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释",  # 法释〔2018〕1号: not in the mirror
    # Drafting rules and normative documents (policy documents and a local rule).
    "国办发〔2018〕115号",
    "国发〔2016〕34号",
    "本市制度廉洁性评估规定",
}


def test_every_manifest_file_is_named_once_with_its_digest() -> None:
    versions = [v for t in library.manifest()["texts"] for v in t["versions"]]
    assert len({v["path"] for v in versions}) == len(versions)
    assert all(len(v["sha256"]) == 64 for v in versions)
    keys = {t["key"] for t in library.manifest()["texts"]}
    # At least every statute STATUTES.md cites with its articles.
    assert {
        "行政复议法",
        "行政处罚法",
        "行政许可法",
        "行政强制法",
        "行政诉讼法",
        "重大行政决策程序暂行条例",
        "规章制定程序条例",
        "立法法",
        "政府信息公开条例",
        "民事诉讼法",
        "法规规章备案审查条例",
    } <= keys


def test_versions_end_the_day_before_the_next_and_carry_their_state() -> None:
    spec = [
        {"effective_from": date(2018, 1, 1)},
        {"effective_from": date(2024, 1, 1)},
    ]
    assert library.version_states(spec, None, date(2025, 1, 1)) == [
        (date(2023, 12, 31), TextState.AMENDED),
        (None, TextState.IN_FORCE),
    ]
    repealed = [{"effective_from": date(2002, 1, 1), "effective_until": date(2024, 10, 31)}]
    assert library.version_states(repealed, "repealed", date(2025, 1, 1)) == [
        (date(2024, 10, 31), TextState.REPEALED)
    ]
    assert library.version_states(spec, None, date(2023, 6, 1))[1][1] == (
        TextState.NOT_YET_EFFECTIVE
    )


def test_loading_is_idempotent_and_the_versions_dated(load_library: Loader) -> None:
    first = load_library("行政复议法", "法规规章备案条例")
    assert (first.versions_loaded, first.versions_kept) == (3, 0)
    again = load_library("行政复议法", "法规规章备案条例")
    assert (again.versions_loaded, again.versions_kept) == (0, 3)
    law = LegalText.objects.get(library_key="行政复议法")
    assert law.public and law.state == TextState.IN_FORCE
    v2017, v2023 = law.versions.order_by("effective_from")
    assert (v2017.effective_until, v2017.state) == (date(2023, 12, 31), TextState.AMENDED)
    assert v2023.provisions.filter(level="article").count() == 90
    assert v2023.source.startswith("LawRefBook/Laws@2f4c5c237162:")
    repealed = LegalText.objects.get(library_key="法规规章备案条例")
    assert repealed.state == TextState.REPEALED


def test_the_2023_reconsideration_law_compared_with_2017(load_library: Loader) -> None:
    load_library("行政复议法")
    old, new = LegalText.objects.get(library_key="行政复议法").versions.order_by("effective_from")
    kinds = {c.kind for c in compare(old, new)}
    assert {"added", "removed", "changed"} <= kinds
    # The 60-day application period: 第九条 in 2017, 第二十条 in 2023.
    moved = next(c for c in compare(old, new) if c.old is not None and c.old.path == "第九条")
    assert moved.new is not None and moved.new.path == "第二十条"


def test_a_basis_resolves_to_the_text_in_force_on_its_date(load_library: Loader) -> None:
    load_library("行政复议法")
    then = resolve("行政复议法 第九条", date(2019, 6, 1))
    assert "六十日" in then.body and then.version.label == "2017年修正"
    now = resolve("行政复议法 第二十条第一款", date(2024, 6, 1))
    assert "六十日" in now.body and now.version.label == "2023年修订"


def test_every_legal_basis_in_fazhi_links_to_an_existing_provision(load_library: Loader) -> None:
    load_library()
    # A period's number must also be stated in the article it cites.
    assert bases.period_value_findings() == []
    findings = bases.check(bases.all_uses(date(2026, 1, 1)))
    assert len(findings) > 100  # the periods', steps' and refusals' bases were all read
    missing = [str(f) for f in findings if f.kind == "missing_provision"]
    assert missing == []
    unknown = {f.reference.name for f in findings if f.kind == "unknown_text" and f.reference}
    assert unknown <= NOT_IN_LIBRARY, unknown - NOT_IN_LIBRARY


def test_a_wrong_article_is_found(load_library: Loader) -> None:
    load_library("行政复议法")
    use = bases.BasisUse("行政复议法 第九十一条", "测试", date(2024, 1, 1))
    (finding,) = bases.check([use])
    assert finding.kind == "missing_provision"
    assert "没有第九十一条" in finding.message
    # An article that exists only in the later version is an error on the earlier date.
    use = bases.BasisUse("行政复议法 第六十二条", "测试", date(2019, 1, 1), date(2023, 12, 31))
    assert [f.kind for f in bases.check([use])] == ["missing_provision"]


# A query a user would type, and the provision it must find among the first five results.
RECALL = [
    ("复议申请期限 六十日", date(2024, 6, 1), "行政复议法", "第二十条"),
    ("行政复议 简易程序", date(2024, 6, 1), "行政复议法", "第五十三条"),
    ("听证 五日前 书面通知", date(2024, 6, 1), "行政复议法", "第五十一条"),
    ("附带审查 规范性文件", date(2024, 6, 1), "行政复议法", "第五十六条"),
    ("复议机关 受理 五日内审查", date(2019, 6, 1), "行政复议法", "第十七条"),
    ("违法行为 二年内未被发现 不再给予行政处罚", date(2022, 1, 1), "行政处罚法", "第三十六条"),
    ("当场收缴罚款", date(2022, 1, 1), "行政处罚法", "第六十八条"),
    ("听证 七日内提出", date(2022, 1, 1), "行政处罚法", "第六十四条"),
    ("法制审核 重大公共利益", date(2022, 1, 1), "行政处罚法", "第五十八条"),
    ("行政许可 二十日内 作出决定", date(2020, 1, 1), "行政许可法", "第四十二条"),
    ("查封 扣押 期限 三十日", date(2020, 1, 1), "行政强制法", "第二十五条"),
    ("催告 十日 申请人民法院强制执行", date(2020, 1, 1), "行政强制法", "第五十四条"),
    ("提起诉讼 六个月内", date(2020, 1, 1), "行政诉讼法", "第四十六条"),
    ("重大行政决策 征求意见 三十日", date(2020, 1, 1), "重大行政决策程序暂行条例", "第十五条"),
    ("合法性审查 不得少于7个工作日", date(2020, 1, 1), "重大行政决策程序暂行条例", "第二十六条"),
    ("规章 公布之日起30日后施行", date(2020, 1, 1), "规章制定程序条例", "第三十二条"),
    ("规章 备案 30日内", date(2020, 1, 1), "规章制定程序条例", "第三十四条"),
    ("政府信息公开 申请 二十个工作日 答复", date(2020, 1, 1), "政府信息公开条例", "第三十三条"),
    ("主动公开 二十个工作日", date(2020, 1, 1), "政府信息公开条例", "第二十六条"),
    ("规章 备案 三十日", date(2024, 1, 1), "立法法", "第一百零九条"),
    ("规章 备案 三十日", date(2020, 1, 1), "立法法", "第九十八条"),
    ("期间届满的最后一日是法定休假日", date(2024, 6, 1), "民事诉讼法", "第八十五条"),
]


def test_search_recall_over_the_statute_texts(load_library: Loader) -> None:
    load_library()
    misses = []
    for query, on, title, path in RECALL:
        top = [
            (h.provision.version.text.short_title, h.provision.path)
            for h in search(query, on=on, limit=5).hits
        ]
        if (title, path) not in top:
            misses.append((query, on, title, path, top))
    assert misses == [], misses


def test_search_as_of_a_date_finds_the_version_then(load_library: Loader) -> None:
    load_library("立法法")
    hits = search("规章 备案", on=date(2020, 1, 1)).hits
    assert {h.provision.version.label for h in hits} == {"2015年修正"}
    first = hits[0]
    assert "<mark>备案</mark>" in first.highlighted
    every = search("规章 备案").hits
    assert {h.provision.version.label for h in every} == {"2015年修正", "2023年修正"}


def test_the_command_loads_the_library(load_library: Loader, capsys: Any) -> None:
    out = StringIO()
    call_command("law_library", "status", stdout=out)
    assert "法规库文件夹" in out.getvalue()
    call_command("law_library", "load", "--only", "立法法", stdout=out)
    assert "法规 1 部；新载入版本 2 个" in out.getvalue()
    assert Provision.objects.filter(level="article").count() > 200


@pytest.fixture(autouse=True)
def _today_is_fixed(settings: Any) -> None:
    settings.TIME_ZONE = "Asia/Shanghai"
