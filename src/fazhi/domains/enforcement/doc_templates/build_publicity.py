"""Writes the enforcement publicity's Word templates (一册一单一表) beside this script.

    python -m fazhi.domains.enforcement.doc_templates.build_publicity

Each starts from the casework's GB/T 9704-2012 layout; a table's data row repeats with docxtpl's
``{%tr for … %}``. The .docx files are committed and may be reworded in Word.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Mm

from fazhi.core.casework.doc_templates import layout
from fazhi.core.casework.doc_templates.build import _new

HERE = Path(__file__).resolve().parent


def _table(doc: DocxDocument, headers: tuple[str, ...], cells: tuple[str, ...], loop: str) -> None:
    """A header row, then one row per item: ``{%tr for r in <loop> %}`` … ``{%tr endfor %}``."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    width = Mm(int(layout.TEXT_WIDTH.mm // len(headers)))
    blank = ("",) * (len(headers) - 1)
    texts = [headers, (f"{{%tr for r in {loop} %}}", *blank), cells, ("{%tr endfor %}", *blank)]
    for row, values in zip(table.rows, texts, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.width = width
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles[layout.STYLE_TABLE_TEXT]


def _head(doc: DocxDocument) -> None:
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_TITLE)
    doc.add_paragraph("{{ doc_title }}", style=layout.STYLE_TITLE)
    doc.add_paragraph("（{{ as_of }}）", style=layout.STYLE_NUMBER)


def _tail(doc: DocxDocument) -> None:
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_SIGNATURE)
    doc.add_paragraph("{{ date_cn }}", style=layout.STYLE_SIGNATURE)


def handbook() -> DocxDocument:
    """执法公示手册: the body, its powers with their basis, the procedure, the remedies."""
    doc = _new("行政执法公示手册")
    _head(doc)
    doc.add_paragraph("一、执法主体", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{{ body }}")
    doc.add_paragraph("二、执法职权及依据", style=layout.STYLE_ADDRESSEE)
    _table(
        doc,
        ("序号", "事项编码", "执法事项", "类型", "设定依据"),
        ("{{ r.n }}", "{{ r.code }}", "{{ r.name }}", "{{ r.kind }}", "{{ r.basis }}"),
        "powers",
    )
    doc.add_paragraph("三、执法程序", style=layout.STYLE_ADDRESSEE)
    _table(
        doc,
        ("序号", "环节", "办理人员", "依据"),
        ("{{ r.n }}", "{{ r.step }}", "{{ r.roles }}", "{{ r.basis }}"),
        "procedure",
    )
    doc.add_paragraph("四、救济渠道", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{%p for para in remedies %}")
    doc.add_paragraph("{{ para }}")
    doc.add_paragraph("{%p endfor %}")
    _tail(doc)
    return doc


def record_list() -> DocxDocument:
    """全过程记录清单: each step of the procedure and how it is recorded."""
    doc = _new("行政执法全过程记录清单")
    _head(doc)
    _table(
        doc,
        ("序号", "执法环节", "记录方式", "记录载体（文书、音像）", "依据"),
        ("{{ r.n }}", "{{ r.step }}", "{{ r.how }}", "{{ r.carrier }}", "{{ r.basis }}"),
        "rows",
    )
    _tail(doc)
    return doc


def review_catalog() -> DocxDocument:
    """重大执法决定法制审核目录清单: the situations, then the items they apply to."""
    doc = _new("重大执法决定法制审核目录清单")
    _head(doc)
    doc.add_paragraph("一、应当进行法制审核的情形", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{%p for para in situations %}")
    doc.add_paragraph("{{ para }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("二、涉及的执法事项", style=layout.STYLE_ADDRESSEE)
    _table(
        doc,
        ("序号", "执法事项", "设定依据", "审核机构"),
        ("{{ r.n }}", "{{ r.name }}", "{{ r.basis }}", "{{ r.reviewer }}"),
        "rows",
    )
    _tail(doc)
    return doc


TEMPLATES = {
    "handbook.docx": handbook,
    "record_list.docx": record_list,
    "review_catalog.docx": review_catalog,
}


def main(target: Path = HERE) -> list[Path]:
    return layout.write_templates(TEMPLATES, target)


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
