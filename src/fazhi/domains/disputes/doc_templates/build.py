"""Writes the reconsideration documents as Word templates beside this script.

    python -m fazhi.domains.disputes.doc_templates.build

Like casework's own (``fazhi.core.casework.doc_templates.build``), every template starts from
the GB/T 9704-2012 layout and the .docx files are committed, so the reconsideration body may
adjust the wording in Word and put the file back. The context functions are in
``fazhi.domains.disputes.decision_docs`` and ``fazhi.domains.disputes.typical``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document as DocxDocument

from fazhi.core.casework.doc_templates import layout
from fazhi.core.casework.doc_templates.build import _new

HERE = Path(__file__).resolve().parent


def _head(doc: DocxDocument, title: str) -> None:
    doc.add_paragraph("{{ body_name }}", style=layout.STYLE_TITLE)
    doc.add_paragraph(title, style=layout.STYLE_TITLE)
    doc.add_paragraph("{{ number }}", style=layout.STYLE_NUMBER)
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)


def _loop(doc: DocxDocument, name: str) -> None:
    doc.add_paragraph(f"{{%p for para in {name} %}}")
    doc.add_paragraph("{{ para }}")
    doc.add_paragraph("{%p endfor %}")


def _parties(doc: DocxDocument) -> None:
    doc.add_paragraph("申请人：{{ applicants }}")
    doc.add_paragraph("被申请人：{{ respondent }}")
    doc.add_paragraph("{%p if third_parties %}")
    doc.add_paragraph("第三人：{{ third_parties }}")
    doc.add_paragraph("{%p endif %}")


def _sign(doc: DocxDocument) -> None:
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{{ body_name }}", style=layout.STYLE_SIGNATURE)
    doc.add_paragraph("{{ date_cn }}", style=layout.STYLE_SIGNATURE)


def decision() -> DocxDocument:
    """行政复议决定书 (行政复议法 第七十五条): parties, the act, the course of the case, the
    claims, the facts found, the reasoning, the decision under its article, what must be done
    by when, and the right to sue."""
    doc = _new("行政复议决定书")
    _head(doc, "行政复议决定书")
    _parties(doc)
    doc.add_paragraph(
        "申请人不服被申请人{{ act_complained }}，于{{ applied_date }}向本机关申请行政复议，"
        "本机关依法于{{ accepted_date }}受理，适用{{ procedure }}审理。{{ course }}"
    )
    doc.add_paragraph("申请人请求：{{ claims }}")
    doc.add_paragraph("经审理查明：")
    _loop(doc, "facts")
    doc.add_paragraph("本机关认为：")
    _loop(doc, "reasoning")
    doc.add_paragraph(
        "依据《中华人民共和国行政复议法》{{ article }}的规定，本机关决定：{{ decision_text }}"
    )
    doc.add_paragraph("{%p if performance_text %}")
    doc.add_paragraph("{{ performance_text }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ remedy }}")
    _sign(doc)
    return doc


def mediation() -> DocxDocument:
    """行政复议调解书 (行政复议法 第七十三条): the agreement, effective once every party has
    signed and the body has sealed it."""
    doc = _new("行政复议调解书")
    _head(doc, "行政复议调解书")
    _parties(doc)
    doc.add_paragraph(
        "申请人不服被申请人{{ act_complained }}，于{{ applied_date }}向本机关申请行政复议，"
        "本机关依法于{{ accepted_date }}受理。经本机关主持调解，各方当事人自愿达成如下协议："
    )
    _loop(doc, "agreement")
    doc.add_paragraph("{%p if performance_text %}")
    doc.add_paragraph("{{ performance_text }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph(
        "本调解书经各方当事人签字或者签章，并加盖行政复议机关印章，即具有法律效力"
        "（《中华人民共和国行政复议法》第七十三条）。"
    )
    doc.add_paragraph("申请人（签字或者签章）：")
    doc.add_paragraph("被申请人（签章）：")
    _sign(doc)
    return doc


def typical_cases() -> DocxDocument:
    """典型案例汇编: by category, each case's heading, facts, outcome and significance."""
    doc = _new("行政复议典型案例")
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_TITLE)
    doc.add_paragraph("{{ title }}", style=layout.STYLE_TITLE)
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{{ preface }}")
    doc.add_paragraph("{%p for entry in entries %}")
    doc.add_paragraph("{{ entry.number }}、{{ entry.category }}：{{ entry.heading }}")
    doc.add_paragraph("【基本案情】{{ entry.summary }}")
    doc.add_paragraph("【处理结果】{{ entry.outcome_text }}")
    doc.add_paragraph("{%p if entry.significance %}")
    doc.add_paragraph("【典型意义】{{ entry.significance }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_SIGNATURE)
    doc.add_paragraph("{{ date_cn }}", style=layout.STYLE_SIGNATURE)
    return doc


TEMPLATES = {
    "decision.docx": decision,
    "mediation.docx": mediation,
    "typical_cases.docx": typical_cases,
}


def main(target: Path = HERE) -> list[Path]:
    return layout.write_templates(TEMPLATES, target)


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
