"""Excel export. Cells that begin with = + - @ tab or CR are written as explicit text cells
so a spreadsheet never evaluates them (no formula injection), and they read back literally."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NATIVE = (str, int, float, bool, Decimal, dt.date, dt.datetime)


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


def write_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = re.sub(r"[\\/*?:\[\]]", "·", title)[:31] or "Sheet1"
    ws.append(list(headers))
    for row in rows:
        ws.append([_cell(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                # openpyxl would store "=…" as a formula; force the string type instead.
                cell.data_type = TYPE_STRING
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(str(h)) * 2 + 4))
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
