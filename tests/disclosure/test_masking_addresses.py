"""Home addresses in free text are cut to the county, as structured address fields are.

STATUTES.md §masking (法释〔2016〕19号 第十条): 家庭住址 kept only down to the county.
"""

from __future__ import annotations

import pytest

from fazhi.core.disclosure.masking import cut_address, mask_text


def masked(text: str) -> str:
    return mask_text(text, find_names=False).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("家住华容区段店镇某某村5组12号", "家住华容区"),
        ("当事人王某，住华容区段店镇某某村5组12号。", "当事人王某，住华容区。"),
        ("住址：湖北省鄂州市鄂城区滨湖南路25号3栋2单元501室，", "住址：湖北省鄂州市鄂城区，"),
        ("现住鄂州市华容区华容镇文明路8号幢4楼；", "现住鄂州市华容区；"),
        ("地址为鄂城区凤凰街道南浦社区西山巷7号。", "地址为鄂城区。"),
        ("户籍地湖北省鄂州市梁子湖区太和镇胡进村3组", "户籍地湖北省鄂州市梁子湖区"),
        ("家住长港镇新庄村2组的王某称", "家住的王某称"),  # no county: nothing of it is kept
        ("家住湖北省鄂州市鄂城区", "家住湖北省鄂州市鄂城区"),  # nothing below the county
    ],
)
def test_free_text_address_is_cut_after_the_county(text: str, expected: str) -> None:
    assert masked(text) == expected


def test_free_text_reaches_what_cut_address_gives() -> None:
    for address in (
        "湖北省鄂州市鄂城区滨湖南路25号",
        "北京市朝阳区建国路1号",
        "湖北省荆州市洪湖市新堤街道",
        "内蒙古自治区阿拉善盟阿拉善左旗巴彦浩特镇",
        "湖北省神农架林区松柏镇",
    ):
        assert masked(f"家住{address}。") == f"家住{cut_address(address)}。"


def test_a_township_name_is_not_taken_for_a_city() -> None:
    # "段店镇集市" ends with 市 but is below the county: it goes, in both kinds of address.
    assert cut_address("段店镇集市路3号") == ""
    assert masked("家住段店镇集市路3号，") == "家住，"


@pytest.mark.parametrize(
    "text",
    [
        "当事人于2024年3月住院治疗。",
        "，住院期间费用由其自理。",
        "经营地点在华容区段店镇某某村5组12号。",  # a place of business, not a home address
        "电子邮件地址：abc@example.com。",
        "请记住华容区的投诉电话。",
        "居住证有效期至2025年。",
    ],
)
def test_text_without_a_home_address_is_left_alone(text: str) -> None:
    assert masked(text) == text


def test_address_findings_are_spans_of_the_input() -> None:
    text = "家住华容区段店镇某某村5组12号，电话13812345678"
    result = mask_text(text, find_names=False)
    kinds = [(f.kind, text[f.start : f.end]) for f in result.findings]
    assert kinds == [("address", "段店镇某某村5组12号"), ("mobile", "13812345678")]


def test_cut_free_text_address_is_idempotent() -> None:
    once = masked("家住华容区段店镇某某村5组12号，其妻住鄂城区文明路3号。")
    assert once == "家住华容区，其妻住鄂城区。"
    assert masked(once) == once
