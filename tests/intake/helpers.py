"""Small workbooks for import tests, and a way to run an import as a clerk would."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import load_workbook

from fazhi.intake import services
from fazhi.intake.models import ImportJob
from fazhi.office.excel import write_xlsx


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
