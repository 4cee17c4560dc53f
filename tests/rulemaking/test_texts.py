"""The text model: versions as of a date, provision-level comparison, citations, scoping."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.org.scoping import scoped
from fazhi.domains.rulemaking.choices import ChangeKind, TextState
from fazhi.domains.rulemaking.citations import (
    ProvisionNotFound,
    UnknownText,
    VersionNotFound,
    parse_citation,
    resolve,
)
from fazhi.domains.rulemaking.compare import compare
from fazhi.domains.rulemaking.models import LegalText, TextVersion

from .conftest import make_text


def test_the_text_as_of_a_date(sample: LegalText) -> None:
    assert sample.version_on(date(2016, 12, 31)) is None
    assert sample.version_on(date(2019, 6, 30)).label == "2017年"
    assert sample.version_on(date(2021, 3, 31)).label == "2017年"
    assert sample.version_on(date(2021, 4, 1)).label == "2021年"


def test_two_versions_compared_provision_by_provision(sample: LegalText) -> None:
    old, new = sample.versions.order_by("effective_from")
    changes = {
        (c.kind, c.old.path if c.old else None, c.new.path if c.new else None)
        for c in compare(old, new)
    }
    assert changes == {
        (ChangeKind.ADDED, None, "第三条"),  # the online application
        (ChangeKind.RENUMBERED, "第三条", "第四条"),  # the materials, word for word
        (ChangeKind.RENUMBERED_CHANGED, "第四条", "第五条"),  # twenty days became fifteen
        (ChangeKind.CHANGED, "第六条", "第六条"),  # the effective date
        (ChangeKind.REMOVED, "第五条", None),
    }
    changed = next(c for c in compare(old, new) if c.kind == ChangeKind.RENUMBERED_CHANGED)
    assert changed.inline_diff() == [
        ("=", "主管部门应当自受理之日起"),
        ("-", "二"),
        ("=", "十"),
        ("+", "五"),
        ("=", "日内作出决定。"),
    ]


def test_a_citation_resolves_to_the_provision_in_force_then(sample: LegalText) -> None:
    then = resolve("鄂州市示例管理办法 第三条第一款第二项", date(2019, 6, 1))
    assert (then.version.label, then.body) == ("2017年", "（二）身份证明。")
    now = resolve("《鄂州市示例管理办法》第3条", date(2022, 1, 1))
    assert now.version.label == "2021年" and "在线提交" in now.body


@pytest.mark.parametrize(
    ("citation", "on", "error", "message"),
    [
        ("鄂州市示例管理办法 第七条", date(2022, 1, 1), ProvisionNotFound, "没有第七条"),
        (
            "鄂州市示例管理办法 第三条第二款",
            date(2022, 1, 1),
            ProvisionNotFound,
            "没有第三条第二款",
        ),
        ("鄂州市示例管理办法 第一条", date(2016, 1, 1), VersionNotFound, "没有已收录的施行版本"),
        ("鄂州市示例管理办法（2015）第一条", date(2022, 1, 1), VersionNotFound, "未收录"),
        ("鄂州市不存在办法 第一条", date(2022, 1, 1), UnknownText, "法规库中没有"),
    ],
)
def test_a_citation_that_does_not_resolve_says_why(
    sample: LegalText, citation: str, on: date, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        resolve(citation, on)


def test_citations_are_parsed_with_versions_ranges_and_several_laws() -> None:
    refs = parse_citation("规章制定程序条例 第三十四条；立法法（2015）第九十八条")
    assert [(r.name, r.year, r.path) for r in refs] == [
        ("规章制定程序条例", None, "第三十四条"),
        ("立法法", 2015, "第九十八条"),
    ]
    refs = parse_citation("中华人民共和国行政复议法 第五十六条至第六十条、第六十二条第二款")
    assert [r.path for r in refs] == ["第五十六条", "第六十条", "第六十二条第二款"]
    assert (
        parse_citation("行政处罚法 第五十八条第一款第（二）项")[0].path == "第五十八条第一款第二项"
    )
    assert parse_citation("法律法规修订，调整设定依据") == []


def test_drafts_are_seen_by_their_unit_only(org: Any, people: Any) -> None:
    draft = make_text(org.scjg, public=False, versions=(OLD_DRAFT,))
    TextVersion.objects.filter(text=draft).update(state=TextState.DRAFT)
    published = make_text()
    assert set(scoped(people.alice, LegalText)) == {draft, published}
    assert set(scoped(people.bob, LegalText)) == {published}
    # The justice bureau's supervisor sees the city's drafts (legality review).
    assert draft in scoped(people.carol, LegalText)
    # Writes need the issuing unit.
    assert set(scoped(people.bob, LegalText, "change")) == set()
    assert set(scoped(people.alice, LegalText, "change")) == {draft}


OLD_DRAFT = "第一条 草案的第一条。\n"
