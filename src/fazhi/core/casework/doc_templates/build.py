"""Writes the casework's standard Word templates (the .docx files beside this script).

    python -m fazhi.core.casework.doc_templates.build

The .docx files are committed: an administrator may open one in Word, adjust the wording and
put it back (docxtpl keeps Word's formatting); this script recreates the shipped defaults.
Every template starts from ``layout.apply`` so it has the GB/T 9704-2012 page, grid and
fonts; placeholders are Jinja tags that docxtpl fills (``{%p … %}`` repeats a paragraph).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.shared import Mm

from . import layout

HERE = Path(__file__).resolve().parent


def _new(title: str) -> DocxDocument:
    doc = layout.apply(docx.Document())
    body = doc.element.body
    for p in list(body.iterchildren(docx.oxml.ns.qn("w:p"))):
        body.remove(p)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "法治", "法治"
    props.created = props.modified = dt.datetime(2019, 1, 1)
    props.comments = "GB/T 9704-2012 版式；由 fazhi.core.casework.doc_templates.build 生成"
    return doc


def letter() -> DocxDocument:
    """答复书 / 告知书 and other letters: title, 文号, addressee, paragraphs, sign-off."""
    doc = _new("答复书、告知书")
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_TITLE)
    doc.add_paragraph("{{ doc_title }}", style=layout.STYLE_TITLE)
    doc.add_paragraph("{{ number }}", style=layout.STYLE_NUMBER)
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)  # 标题与主送机关之间空一行
    doc.add_paragraph("{{ addressee }}：", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{%p for para in paragraphs %}")
    doc.add_paragraph("{{ para }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_SIGNATURE)
    doc.add_paragraph("{{ date_cn }}", style=layout.STYLE_SIGNATURE)
    return doc


RECEIPT_ROWS = (
    ("送达文书名称及文号", "{{ served_title }}{{ served_number }}"),
    ("受送达人", "{{ recipient }}"),
    ("送达地点", "{{ address }}"),
    ("送达方式", "{{ method }}"),
    ("受送达人签名或者盖章", "年　　月　　日"),
    ("代收人及代收理由", ""),
    ("见证人（留置送达时）", ""),
    ("送达人", "{{ server }}"),
    ("备注", "{{ remark }}"),
)


def service_receipt() -> DocxDocument:
    """送达回证 (民事诉讼法 第八十七条): the recipient signs and dates it on receipt."""
    doc = _new("送达回证")
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_TITLE)
    doc.add_paragraph("送达回证", style=layout.STYLE_TITLE)
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)
    table = doc.add_table(rows=len(RECEIPT_ROWS), cols=2)
    table.style = doc.styles["Table Grid"]
    widths = (Mm(50), layout.TEXT_WIDTH - Mm(50))
    for row, (label, value) in zip(table.rows, RECEIPT_ROWS, strict=True):
        for cell, text, width in zip(row.cells, (label, value), widths, strict=True):
            cell.width = width
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles[layout.STYLE_TABLE_TEXT]
    doc.add_paragraph(
        "受送达人在送达回证上的签收日期为送达日期（《中华人民共和国民事诉讼法》第八十七条）。",
        style=layout.STYLE_ADDRESSEE,
    )
    return doc


TEMPLATES = {"letter.docx": letter, "service_receipt.docx": service_receipt}


def main(target: Path = HERE) -> list[Path]:
    return layout.write_templates(TEMPLATES, target)


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
