"""Small workbooks for import tests, and a way to run an import as a clerk would."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import load_workbook

from fazhi.core.intake import services
from fazhi.core.intake.models import ImportJob
from fazhi.core.intake.xlsx import write_xlsx


def xlsx(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "Sheet1") -> bytes:
    """A workbook written the way the back office exports (formula-like text stays text)."""
    return write_xlsx(title, headers, rows)


def run_import(
    spec: str,
    data: bytes,
    *,
    department: Any,
    actor: Any = None,
    mode: str = "all",
    name: str = "导入.xlsx",
    **extra: Any,
) -> ImportJob:
    job = services.create_job(
        spec,
        department=department,
        upload=io.BytesIO(data),
        file_name=name,
        actor=actor,
        mode=mode,
        **extra,
    )
    return services.run(job.pk)


def sheet_rows(data: bytes, sheet: int = 0) -> list[list[Any]]:
    wb = load_workbook(io.BytesIO(data), read_only=True)
    return [list(r) for r in wb.worksheets[sheet].iter_rows(values_only=True)]


def raw_xlsx(sheet_data: str, *, head: str = "", parts: dict[str, bytes] | None = None) -> bytes:
    """A workbook whose first sheet's XML is written by hand: ``head`` (e.g. a ``<dimension>``)
    then ``<sheetData>`` holding ``sheet_data``; ``parts`` adds or replaces zip members. For
    what no writer produces — cells at odd positions, control characters (``_x000B_``)."""
    import zipfile

    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{head}<sheetData>{sheet_data}</sheetData></worksheet>"
    ).encode()
    replace = {"xl/worksheets/sheet1.xml": sheet, **(parts or {})}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, replace.pop(info.filename, src.read(info.filename)))
        for name, data in replace.items():
            dst.writestr(name, data)
    return out.getvalue()


def text_row(n: int, values: Sequence[str]) -> str:
    """One ``<row>`` of inline-string cells A, B, … for ``raw_xlsx``."""
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    cells = "".join(
        f'<c r="{get_column_letter(c)}{n}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
        for c, v in enumerate(values, start=1)
    )
    return f'<row r="{n}">{cells}</row>'
