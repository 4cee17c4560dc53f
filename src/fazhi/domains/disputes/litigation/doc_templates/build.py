"""Writes the litigation sub-domain's Word template beside this script.

    python -m fazhi.domains.disputes.litigation.doc_templates.build

It starts from casework's GB/T 9704-2012 layout; the table's data row repeats with docxtpl's
``{%tr for … %}``. The .docx is committed and may be reworded in Word; the context comes from
``fazhi.domains.disputes.litigation.bulletin``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Mm

from fazhi.core.casework.doc_templates import layout
from fazhi.core.casework.doc_templates.build import _new

HERE = Path(__file__).resolve().parent
HEADERS = ("序号", "被诉行政机关", "开庭次数", "负责人出庭次数", "出庭率", "负责人未出庭的理由")
CELLS = (
    "{{ r.n }}",
    "{{ r.department }}",
    "{{ r.sessions }}",
    "{{ r.head_sessions }}",
    "{{ r.rate }}",
    "{{ r.reasons }}",
)


def bulletin() -> DocxDocument:
    """《全市行政机关负责人出庭应诉情况通报》: the quarter's figures per department."""
    doc = _new("全市行政机关负责人出庭应诉情况通报")
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_TITLE)
    doc.add_paragraph("{{ doc_title }}", style=layout.STYLE_TITLE)
    doc.add_paragraph("（{{ period }}）", style=layout.STYLE_NUMBER)
    doc.add_paragraph("各区人民政府，市政府各部门：", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{%p for para in paragraphs %}")
    doc.add_paragraph("{{ para }}")
    doc.add_paragraph("{%p endfor %}")
    table = doc.add_table(rows=5, cols=len(HEADERS))
    table.style = doc.styles["Table Grid"]
    width = Mm(int(layout.TEXT_WIDTH.mm // len(HEADERS)))
    blank = ("",) * (len(HEADERS) - 1)
    texts = [
        HEADERS,
        ("{%tr for r in rows %}", *blank),
        CELLS,
        ("{%tr endfor %}", *blank),
        ("合计", "", "{{ total_sessions }}", "{{ total_heads }}", "{{ total_rate }}", ""),
    ]
    for row, values in zip(table.rows, texts, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.width = width
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles[layout.STYLE_TABLE_TEXT]
    doc.add_paragraph("{{ basis }}")
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_SIGNATURE)
    doc.add_paragraph("{{ date_cn }}", style=layout.STYLE_SIGNATURE)
    return doc


TEMPLATES = {"appearance_bulletin.docx": bulletin}


def main(target: Path = HERE) -> list[Path]:
    return layout.write_templates(TEMPLATES, target)


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
