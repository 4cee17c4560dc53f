"""Numbers written in the ways people write them: groups, dots, dashes of any width, full width.

STATUTES.md §masking (法释〔2016〕19号 第十条): ID numbers, phone numbers and licence plates are
deleted however they are written; registration and licence numbers of businesses are published.
"""

from __future__ import annotations

import re

import pytest

from fazhi.core.disclosure.masking import MARKER, mask_text
from fazhi.core.org.validators import luhn_valid, make_id_number

ID = make_id_number("42070419900101100")  # resident of 鄂州市华容区, born 1990-01-01


def fours(number: str, sep: str = " ") -> str:
    return sep.join(re.findall(".{1,4}", number))


def _windows(grouped: str) -> list[str]:
    groups = grouped.split(" ")
    return [
        " ".join(groups[i:j]) for i in range(len(groups)) for j in range(i + 3, len(groups) + 1)
    ]


@pytest.mark.parametrize(
    "written",
    [
        fours(ID),  # 4207 0419 9001 0112 3x
        fours(ID, "-"),
        fours(ID, "."),
        fours(ID, "  "),
        " ".join([ID[:6], ID[6:10], ID[10:14], ID[14:]]),  # 420704 1990 0101 123x
        fours(ID).translate(str.maketrans("0123456789 ", "０１２３４５６７８９\u3000")),
    ],
)
def test_id_number_in_groups_is_deleted(written: str) -> None:
    result = mask_text(f"证人身份证号：{written}，")
    assert result.text == f"证人身份证号：{MARKER}，"
    assert "id_number" in {f.kind for f in result.findings}


def test_grouped_run_with_a_wrong_check_digit_is_kept() -> None:
    # A wrong check character, chosen so that no window of the groups is a Luhn-valid card.
    wrong = next(
        ID[:17] + c
        for c in "0123456789"
        if c != ID[17]
        and not any(luhn_valid(w.replace(" ", "")) for w in _windows(fours(ID[:17] + c)))
    )
    assert mask_text(f"编码：{fours(wrong)}。").text == f"编码：{fours(wrong)}。"


@pytest.mark.parametrize(
    "phone",
    [
        "138-7123-4567",
        "138.7123.4567",
        "138 7123 4567",
        "138—7123—4567",  # em dash
        "138–7123–4567",  # en dash
        "138－7123－4567",  # full-width hyphen
        "１３８－７１２３－４５６７",
        "１３８．７１２３．４５６７",
        "138 - 7123 - 4567",
        "+86 138.7123.4567",
    ],
)
def test_mobile_with_dots_and_dashes_is_deleted(phone: str) -> None:
    result = mask_text(f"村民手机{phone}，")
    assert result.text == f"村民手机{MARKER}，"
    assert "mobile" in {f.kind for f in result.findings}


@pytest.mark.parametrize(
    "phone",
    [
        "0711 3201234",
        "0711-320 1234",
        "(0711)3201234",
        "（0711）320 1234",
        "0711.3201234",
        "０７１１－３２０１２３４",
    ],
)
def test_landline_with_a_space_inside_is_deleted(phone: str) -> None:
    result = mask_text(f"投诉人固定电话{phone}。")
    assert result.text == f"投诉人固定电话{MARKER}。"


@pytest.mark.parametrize(
    "plate",
    [
        "鄂g12345",
        "鄂Ｇ１２３４５",
        "鄂G 12345",
        "鄂G·12345",
        "鄂g·12345",
        "鄂Ｇ　１２３４５",
        "鄂gd12345",
    ],
)
def test_plate_in_any_case_and_width_is_deleted(plate: str) -> None:
    result = mask_text(f"车牌号为{plate}的货车")
    assert result.text == f"车牌号为{MARKER}的货车"
    assert [f.kind for f in result.findings] == ["plate"]


@pytest.mark.parametrize(
    "text",
    [
        "食品经营许可证 JY14207040012345，",
        "食品经营许可证编号：JY14207040012346。",
        "营业执照注册号：420704000012345。",
        "注册号420704600123455；",
        "统一社会信用代码：91420700MA4F12345X。",
        "统一社会信用代码为914207001234567890。",
        "生产许可证编号SC10642070400123。",
        "许可证号：420704199001011234。",  # a licence number shaped like an ID is still a licence
    ],
)
def test_registration_and_licence_numbers_are_kept(text: str) -> None:
    result = mask_text(text)
    assert result.text == text
    assert result.findings == ()


def test_a_phone_after_a_licence_number_is_still_deleted() -> None:
    text = "许可证编号JY14207040012345，负责人电话138-7123-4567。"
    assert mask_text(text).text == f"许可证编号JY14207040012345，负责人电话{MARKER}。"


def test_an_id_labelled_as_an_id_is_deleted_even_near_a_licence() -> None:
    text = f"许可证持有人身份证号码{ID}。"
    assert mask_text(text).text == f"许可证持有人身份证号码{MARKER}。"


def test_an_amount_with_its_unit_is_not_a_phone_number() -> None:
    for text in ("罚款000000.0000元", "没收违法所得0711.3201元", "面积0711 3201平方米"):
        assert mask_text(text).text == text, text
    # A telephone number is still deleted next to an amount.
    assert "13871234567" not in mask_text("罚款5000元，电话13871234567").text
