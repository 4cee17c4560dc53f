"""The one Excel writer (fazhi.core.intake.xlsx): exports and the import engine's workbooks."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from fazhi.core.intake.xlsx import sheet_title, write_xlsx


def _sheet(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data)).worksheets[0]


def test_a_cell_that_looks_like_a_formula_stays_text() -> None:
    ws = _sheet(write_xlsx("清单", ["名称"], [["=1+1"]]))
    assert (ws["A2"].value, ws["A2"].data_type) == ("=1+1", "s")


def test_a_header_that_looks_like_a_formula_stays_text() -> None:
    ws = _sheet(write_xlsx("清单", ["=HYPERLINK()"], []))
    assert ws["A1"].data_type == "s"


def test_the_header_row_is_frozen() -> None:
    assert _sheet(write_xlsx("清单", ["名称"], [])).freeze_panes == "A2"


def test_a_time_is_written_in_local_time() -> None:
    ws = _sheet(write_xlsx("清单", ["时间"], [[datetime(2024, 3, 1, 2, 30, tzinfo=UTC)]]))
    assert ws["A2"].value == datetime(2024, 3, 1, 10, 30)


def test_a_sheet_title_excel_accepts() -> None:
    assert sheet_title("2024/03 清单[草稿]") == "2024·03 清单·草稿·"
