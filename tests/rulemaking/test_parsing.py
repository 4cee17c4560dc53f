"""Statute Markdown cut into a provision tree with citation paths."""

from __future__ import annotations

import pytest

from fazhi.domains.rulemaking.numerals import to_chinese, to_int
from fazhi.domains.rulemaking.parsing import ParseError, parse

from .conftest import OLD


@pytest.mark.parametrize(
    ("number", "chinese"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (101, "一百零一"),
        (109, "一百零九"),
        (110, "一百一十"),
        (306, "三百零六"),
    ],
)
def test_numerals_both_ways(number: int, chinese: str) -> None:
    assert to_chinese(number) == chinese
    assert to_int(chinese) == number


def test_tree_paths_and_levels() -> None:
    parsed = parse(OLD)
    assert parsed.title == "鄂州市示例管理办法"
    assert parsed.preamble == ["2017年3月1日 鄂州市人民政府令第1号公布"]
    paths = {n.path: n for n in parsed.all_nodes()}
    assert [n.path for n in parsed.nodes] == ["第一章", "第二章", "第三章"]
    assert paths["第二章第一节"].heading == "申请"
    # 第三条: a lead-in 款 with two 项, then a second 款.
    article = paths["第三条"]
    assert [c.path for c in article.children] == ["第三条第一款", "第三条第二款"]
    assert [i.path for i in paths["第三条第一款"].children] == [
        "第三条第一款第一项",
        "第三条第一款第二项",
    ]
    assert article.body.splitlines() == [
        "申请人应当提交下列材料：",
        "（一）申请书；",
        "（二）身份证明。",
        "材料不齐全的，应当一次告知需要补正的全部内容。",
    ]
    # Articles hang under the section, the section under its chapter.
    assert "第三条" in [c.path for c in paths["第二章第一节"].children]
    assert len(parsed.articles()) == 6


def test_a_repeated_article_is_refused() -> None:
    with pytest.raises(ParseError, match="第一条重复"):
        parse("第一条 甲。\n\n第一条 乙。\n")


def test_a_text_without_articles_is_refused() -> None:
    with pytest.raises(ParseError, match="没有找到任何条文"):
        parse("# 标题\n\n只有一段话。\n")
