"""What a file may hold before the reader sees it, and what a cell may hold.

The reader (calamine) allocates the whole rectangle up to the farthest cell and aborts the
process when that fails — an abort no ``except`` catches. ``check_extent`` streams the zip and
refuses such a file first. The bombs here are only ever handed to ``check_extent``, never to
the reader, so a regression fails a test instead of killing the test run; the end-to-end tests
use files the reader would survive.
"""

from __future__ import annotations

import io
import re

import pytest

from fazhi.core.intake.excel import (
    MAX_COLUMNS,
    FileRefused,
    _above,
    check_extent,
    error_workbook,
    template_workbook,
)
from fazhi.core.intake.specs import REGISTRY
from fazhi.core.org.models import Entity
from fazhi.core.org.validators import make_uscc

from .helpers import raw_xlsx, run_import, text_row, xlsx

HEADERS = ["统一社会信用代码", "名称", "类型", "行业门类", "登记辖区", "成立日期", "登记状态"]
HEADER_ROW = text_row(1, HEADERS)
SHEET = "xl/worksheets/sheet1.xml"


def uscc(n: int) -> str:
    return make_uscc(f"91420704MA4F{n:05d}")


def entity(n: int, name: str = "") -> list[str]:
    return [
        uscc(n),
        name or f"鄂州市测试{n}号商贸有限公司",
        "企业",
        "F",
        "鄂城区",
        "2015-01-01",
        "存续",
    ]


def refused(data: bytes) -> str:
    with pytest.raises(FileRefused) as exc:
        check_extent(io.BytesIO(data))
    return exc.value.reason


# --------------------------------------------------------------------------------------------
# The extent check on its own: bombs never reach the reader
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "reason"),
    [
        # The review's file: one cell at the last position Excel has.
        ('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "第 1,048,576 行"),
        ('<row r="7"><c r="XFD7"><v>1</v></c></row>', "第 16,384 列有内容或格式（单元格 XFD7）"),
        ('<row r="7"><c r="xfd7"><v>1</v></c></row>', "第 16,384 列"),  # read as XFD7
        ('<row r="7"><c r="A0001048576"><v>1</v></c></row>', "第 1,048,576 行"),
        ("<row r='7'><c r='XFD7'><v>1</v></c></row>", "第 16,384 列"),
        ('<row r="7"><c r = "XFD7"><v>1</v></c></row>', "第 16,384 列"),
        # A second r after a tab: the reader may take the last one.
        ('<row r="7"><c r="A7"\tr="XFD7"><v>1</v></c></row>', "第 16,384 列"),
        # A position after an attribute whose value holds ">".
        ('<row r="7"><c s=">" r="XFD7"><v>1</v></c></row>', "第 16,384 列"),
        ('<x:row xmlns:x="urn:x" r="7"><x:c r="XFD7"><x:v>1</x:v></x:c></x:row>', "第 16,384 列"),
        # Empty but formatted cells count: the limits are on what the sheet declares.
        ('<row r="1048576"><c r="A1048576" s="1"/></row>', "第 1,048,576 行"),
        # No r: the row's r places the cell, and cells follow each other along the row.
        ('<row r="1048576"><c><v>1</v></c></row>', "第 1,048,576 行"),
        ('<row r="7">' + "<c><v>1</v></c>" * (MAX_COLUMNS + 1) + "</row>", "第 201 列"),
        # No whitespace before r: the reader's attribute parser still finds it.
        ('<row r="7"><c r="A7" s="1"r="XFD7"><v>1</v></c></row>', "第 16,384 列"),
        # A "<" in a quoted value before r does not hide the cell.
        ('<row r="7"><c r="A7" s="<a:x k=\'1\'" r="XFD7"><v>1</v></c></row>', "第 16,384 列"),
        ('<row r="7"><c r="A7" s="<a:x" r="XFD7"><v>1</v></c></row>', "第 16,384 列"),
    ],
)
def test_cells_beyond_the_limits_are_refused_before_reading(sheet: str, reason: str) -> None:
    assert reason in refused(raw_xlsx(HEADER_ROW + sheet))


def test_rows_without_positions_are_counted(settings) -> None:
    settings.FAZHI_IMPORT_MAX_ROWS = 5  # + 10 header rows
    rows = "<row><c><v>1</v></c></row>"
    check_extent(io.BytesIO(raw_xlsx(HEADER_ROW + rows * 14)))
    assert "第 16 行" in refused(raw_xlsx(HEADER_ROW + rows * 15))


def test_the_declared_range_is_checked() -> None:
    reason = refused(raw_xlsx(HEADER_ROW, head='<dimension ref="A1:XFD1048576"/>'))
    assert "声明的使用范围 A1:XFD1048576" in reason and "超过单次导入上限" in reason


def test_a_shared_string_count_the_part_cannot_hold_is_refused() -> None:
    # The reader reserves room for uniqueCount strings before reading one: 4e9 × 24 bytes.
    sst = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"'
        b' uniqueCount="4000000000"><si><t>a</t></si></sst>'
    )
    data = raw_xlsx(HEADER_ROW, parts={"xl/sharedStrings.xml": sst})
    assert "共享字符串数量（4,000,000,000）" in refused(data)


def test_decompressed_bytes_are_capped_whatever_the_zip_declares(settings) -> None:
    settings.FAZHI_IMPORT_MAX_BYTES = 10_000  # × 20 = 200 kB unpacked at most
    padding = '<row r="2"><c r="A2"><v>1</v></c></row>' + " " * 300_000
    assert "解压后过大" in refused(raw_xlsx(HEADER_ROW + padding))


@pytest.mark.parametrize(
    ("parts", "reason"),
    [
        ({"xl/workbook.bin": b"\x00"}, "不是 Excel 工作簿"),  # the reader's .xlsb fallback
        ({"content.xml": b"<x/>"}, "不是 Excel 工作簿"),  # and its .ods one
        (
            {SHEET: b'<!DOCTYPE w [<!ENTITY a "b">]><w><c s="1"/></w>'},
            "DOCTYPE",
        ),
        ({SHEET: b"<worksheet><c s='1'><v>1</worksheet>"}, "格式不规范"),
        ({SHEET: b"<worksheet><row " + b" " * 70_000}, "标签过长"),
    ],
)
def test_other_parts_the_reader_could_be_led_to_are_refused(parts, reason) -> None:
    assert reason in refused(raw_xlsx(HEADER_ROW, parts=parts))


def test_a_sheet_stored_under_any_name_is_scanned() -> None:
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Target="media/sheet.png" Type="http://schemas.openxmlformats.'
        b'org/officeDocument/2006/relationships/worksheet"/></Relationships>'
    )
    sheet = b'<worksheet><sheetData><row r="9"><c r="XFD9"/></row></sheetData></worksheet>'
    data = raw_xlsx(
        HEADER_ROW,
        parts={"xl/_rels/workbook.xml.rels": rels, "xl/media/sheet.png": sheet},
    )
    assert "第 16,384 列" in refused(data)


def test_normal_workbooks_pass() -> None:
    # Up to the limits, other attributes that end in r (Excel writes this one), the engine's
    # own workbooks, and cells without r within the limits.
    at_limits = text_row(300_010, ["x"]).replace('r="A300010"', 'r="GR300010"')
    page = '<pageSetup firstPageNumber="4294967295" useFirstPageNumber="1"/>'
    data = raw_xlsx(HEADER_ROW + at_limits, head='<dimension ref="A1:GR300010"/>')
    check_extent(io.BytesIO(data))
    check_extent(io.BytesIO(raw_xlsx(HEADER_ROW, head=page)))
    implied = '<row r="2">' + "<c><v>1</v></c>" * MAX_COLUMNS + "</row><row><c><v>2</v></c></row>"
    check_extent(io.BytesIO(raw_xlsx(HEADER_ROW + implied)))
    spec = REGISTRY["power-items"]
    check_extent(io.BytesIO(template_workbook(spec.label, spec.columns, spec.notes)))
    check_extent(io.BytesIO(xlsx(HEADERS, [entity(n) for n in range(1, 200)])))


def test_the_beyond_pattern_compares_as_numbers() -> None:
    for limit in (1, 9, 10, 99, 300_010, 1_048_576):
        rx = re.compile(f"(?:{_above(str(limit), '0123456789')})$")
        for n in [*range(0, 120), *range(limit - 30, limit + 30), limit * 10, limit * 10 + 1]:
            assert bool(rx.match(str(n))) == (n > limit), (limit, n)
    from openpyxl.utils import get_column_letter

    for limit in (1, 26, 27, 52, 200, 702, 703):
        rx = re.compile(f"(?:{_above(get_column_letter(limit), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')})$")
        for n in range(1, 800):
            assert bool(rx.match(get_column_letter(n))) == (n > limit), (limit, n)


# --------------------------------------------------------------------------------------------
# End to end, with files the reader would survive
# --------------------------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytest.mark.django_db
def test_an_import_beyond_the_limits_is_refused_with_the_reason(org, people, settings) -> None:
    settings.FAZHI_IMPORT_MAX_ROWS = 5
    far = HEADER_ROW + text_row(2, entity(1)) + text_row(40, entity(2))
    job = run_import("entities", raw_xlsx(far), department=org.scjg, actor=people.alice)
    assert job.status == "refused" and "第 40 行" in job.message and "拆分" in job.message
    wide = HEADER_ROW + text_row(2, entity(1)).replace("</row>", '<c r="GS2"><v>1</v></c></row>')
    job = run_import("entities", raw_xlsx(wide), department=org.scjg, actor=people.alice)
    assert job.status == "refused" and "第 201 列" in job.message
    assert not Entity.objects.exists()


# --------------------------------------------------------------------------------------------
# Control characters in cells
# --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_control_characters_in_a_cell_refuse_the_row(org, people) -> None:
    # Excel stores a control character as _x000B_; the reader gives back the character itself.
    rows = [
        text_row(2, entity(1, "名称_x000B_带控制符")),
        text_row(3, [uscc(2) + "_x0001_", *entity(2)[1:]]),  # a code column
        text_row(4, entity(3, "制表符\t换行\n回车_x000D_可以")),  # Excel's way to store CR
        text_row(5, entity(4)),
    ]
    data = raw_xlsx(HEADER_ROW + "".join(rows))
    job = run_import("entities", data, department=org.scjg, actor=people.alice, mode="good")
    assert job.status == "done" and (job.created, job.bad_rows) == (2, 2)
    errors = {(r, c): reason for r, c, reason in job.errors}
    assert errors[(2, "名称")] == "含有不可见控制字符（U+000B），请删除后重新导入"
    assert any(r == 3 and "控制字符（U+0001）" in reason for r, _, reason in job.errors)
    assert Entity.objects.get(uscc=uscc(3)).name == "制表符\t换行\n回车\r可以"
    # The bad rows come back in the error workbook without the character.
    assert job.error_file


def test_the_error_workbook_of_such_rows_can_be_written() -> None:
    from fazhi.core.intake.excel import Column, build_table

    rows = [["名称"], ["a\x0bb"]]
    table = build_table(rows, [Column("name", "名称")], "t")
    assert table.errors and error_workbook(table, "t")
