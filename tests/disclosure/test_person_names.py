"""Names of natural persons the record does not list are found in free text and reduced.

法释〔2016〕19号 第九条 (STATUTES.md §masking): persons other than the party → surname + 某.
The corpus (tests/disclosure/corpus/names.jsonl, see its README) measures recall and over-masking.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi.core.disclosure.masking import MARKER, mask_text
from fazhi.core.disclosure.person_names import find_person_names

CORPUS = Path(__file__).parent / "corpus" / "names.jsonl"
RECALL_GOAL = 0.95  # share of person-name occurrences masked
OVER_MASKING_GOAL = 0.02  # share of other Han characters wrongly replaced by 某


def masked(text: str, **kwargs: object) -> str:
    return mask_text(text, **kwargs).text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("证人张建国称其不知情。", "证人张某某称其不知情。"),
        ("询问人：钱伟、吴刚，记录人：孙丽。", "询问人：钱某、吴某，记录人：孙某。"),
        ("投诉人欧阳明月反映，", "投诉人欧阳某某反映，"),
        ("证人司马南证实，", "证人司马某证实，"),
        ("村民和建平反映粉尘污染。", "村民和某某反映粉尘污染。"),
        ("翻译人员艾力·买买提为当事人翻译。", "翻译人员艾某某某某为当事人翻译。"),
        ("经办人：崔永健，联系电话0711-3201234。", f"经办人：崔某某，联系电话{MARKER}。"),
    ],
)
def test_unlisted_names_are_reduced(text: str, expected: str) -> None:
    assert masked(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "鄂州市长港镇文明路万达广场一楼。",
        "华容区段店镇张家湾村村民委员会出具了证明。",
        "湖北金山食品有限公司销售李宁牌运动鞋和王老吉凉茶。",
        "张科长和李某某到现场核查，王局长作了部署。",
        "市委书记、市长出席会议，申请人的陈述已记录在案。",
        "当事人食品经营许可证编号JY14207040012345。",
    ],
)
def test_places_companies_brands_and_titles_are_kept(text: str) -> None:
    result = mask_text(text)
    assert result.text == text
    assert result.findings == ()


def test_party_names_stay() -> None:
    text = "证人孙建军证实，当事人王海涛多次无证经营。"
    assert masked(text, party_names=["王海涛"]) == "证人孙某某证实，当事人王海涛多次无证经营。"


def test_a_name_inside_the_party_name_stays() -> None:
    text = "当事人胡德胜经营的华容区德胜副食店未亮证经营，证人胡德称其知情。"
    out = masked(text, party_names=["胡德胜"])
    assert out.startswith("当事人胡德胜经营的华容区德胜副食店")


def test_found_name_findings_are_spans_of_the_input() -> None:
    text = "手机13812345678的证人刘小芳称"
    result = mask_text(text)
    assert [(f.kind, text[f.start : f.end]) for f in result.findings] == [
        ("mobile", "13812345678"),
        ("name", "刘小芳"),
    ]


def test_names_can_be_left_to_the_caller() -> None:
    assert masked("证人刘小芳称", find_names=False) == "证人刘小芳称"
    assert find_person_names("证人刘小芳称") == [(2, 5)]


def _corpus() -> list[dict[str, object]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def test_corpus_is_big_and_varied() -> None:
    rows = _corpus()
    assert len(rows) >= 200
    without = [r for r in rows if not r["names"]]
    assert len(without) >= 80  # sentences with places, companies, titles, but no person
    names = [n for r in rows for n in r["names"]]  # type: ignore[attr-defined]
    assert any(n[:2] in ("欧阳", "司马", "诸葛", "上官", "慕容") for n in names)
    assert {2, 3} <= {len(n) for n in names}


def _measure(rows: list[dict[str, object]]) -> tuple[int, int, int, int]:
    """(names masked, names, other characters masked, other Han characters)."""
    hit = total = wrong = others = 0
    for row in rows:
        text = str(row["text"])
        result = mask_text(text, party_names=row["parties"])  # type: ignore[arg-type]
        occurrences = [
            (i, i + len(name))
            for name in row["names"]  # type: ignore[attr-defined]
            for i in range(len(text))
            if text.startswith(name, i)
        ]
        spans = [(f.start, f.end) for f in result.findings if f.kind == "name"]
        for start, end in occurrences:
            total += 1
            hit += any(s <= start and end <= e for s, e in spans)
        in_names = {p for start, end in occurrences for p in range(start, end)}
        others += sum(
            1 for p, ch in enumerate(text) if p not in in_names and "\u4e00" <= ch <= "\u9fff"
        )
        # Every character a found name replaces by 某 (all but the first: the surname is kept,
        # so this counts a compound surname's second character against us too).
        wrong += sum(1 for s, e in spans for p in range(s + 1, e) if p not in in_names)
    return hit, total, wrong, others


def test_corpus_recall_and_over_masking() -> None:
    hit, total, wrong, others = _measure(_corpus())
    recall, over = hit / total, wrong / others
    print(f"\nrecall {hit}/{total} = {recall:.1%}; over-masking {wrong}/{others} = {over:.2%}")
    assert recall >= RECALL_GOAL
    assert over <= OVER_MASKING_GOAL


def test_corpus_masking_is_idempotent() -> None:
    for row in _corpus():
        once = masked(str(row["text"]), party_names=row["parties"])
        assert masked(once, party_names=row["parties"]) == once


def test_a_unit_after_a_number_is_not_a_surname() -> None:
    assert find_person_names("处以罚款2000元整，证人张三在场") == [(13, 15)]
    assert find_person_names("罚款5000元监督执行") == []
