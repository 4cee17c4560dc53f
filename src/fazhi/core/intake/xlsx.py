"""The one Excel writer. Cells that begin with = + - @ tab or CR are written as explicit text
cells so a spreadsheet never evaluates them (no formula injection), and they read back literally.

``write_xlsx`` writes a list (a header row and rows of values) for exports; the import engine's
error and template workbooks (fazhi.core.intake.excel) build their sheets from the same
``safe_cell`` and ``sheet_title``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING, Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NATIVE = (str, int, float, bool, Decimal, dt.date, dt.datetime, dt.time, dt.timedelta)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        # Control characters cannot be stored in .xlsx; one in a record must not break the
        # whole export for everyone.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if value is None or isinstance(value, _NATIVE):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
        return value
    return str(value)


def safe_cell(ws: Worksheet | WriteOnlyWorksheet, value: Any, **style: Any) -> Cell:
    """A cell that is never a formula: text beginning with = + - @ tab CR stays text."""
    cell = WriteOnlyCell(ws, value=_cell(value))
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
        # openpyxl would store "=…" as a formula; force the string type instead.
        cell.data_type = TYPE_STRING
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


def sheet_title(title: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of \\ / * ? : [ ]."""
    return re.sub(r"[\\/*?:\[\]]", "·", title)[:31] or "Sheet1"


def workbook_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet: the header row (frozen) and the rows, streamed (write-only), so an export of
    100,000 records does not hold every cell in memory."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(title))
    # A write-only sheet takes its column widths and panes before its first row.
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(str(h)) * 2 + 4))
    ws.freeze_panes = "A2"
    ws.append([safe_cell(ws, h) for h in headers])
    for row in rows:
        ws.append([safe_cell(ws, v) for v in row])
    return workbook_bytes(wb)
