"""Writes the enforcement forms (执法文书) as Word templates beside this script.

    python -m fazhi.domains.enforcement.doc_templates.build

Like casework's own (``fazhi.core.casework.doc_templates.build``), every template starts from
the GB/T 9704-2012 layout and the .docx files are committed, so a department may adjust the
wording in Word and put the file back. Placeholders are Jinja tags docxtpl fills; the context
functions are in ``fazhi.domains.enforcement.documents``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Mm

from fazhi.core.casework.doc_templates import layout
from fazhi.core.casework.doc_templates.build import _new

HERE = Path(__file__).resolve().parent
LABEL_WIDTH = Mm(46)


def _head(doc: DocxDocument, title: str, number: str = "{{ number }}") -> None:
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_TITLE)
    doc.add_paragraph(title, style=layout.STYLE_TITLE)
    doc.add_paragraph(number, style=layout.STYLE_NUMBER)


def _table(doc: DocxDocument, rows: tuple[tuple[str, str], ...]) -> None:
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = doc.styles["Table Grid"]
    widths = (LABEL_WIDTH, layout.TEXT_WIDTH - LABEL_WIDTH)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        for cell, text, width in zip(row.cells, (label, value), widths, strict=True):
            cell.width = width
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles[layout.STYLE_TABLE_TEXT]


def _paragraphs(doc: DocxDocument, name: str = "paragraphs") -> None:
    doc.add_paragraph(f"{{%p for para in {name} %}}")
    doc.add_paragraph("{{ para }}")
    doc.add_paragraph("{%p endfor %}")


def _sign(doc: DocxDocument) -> None:
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{{ org_name }}", style=layout.STYLE_SIGNATURE)
    doc.add_paragraph("{{ date_cn }}", style=layout.STYLE_SIGNATURE)


def filing_approval() -> DocxDocument:
    """立案审批表 (行政处罚法 第五十四条): the case as proposed, and the head's approval."""
    doc = _new("立案审批表")
    _head(doc, "立案审批表")
    _table(
        doc,
        (
            ("案件名称", "{{ case_title }}"),
            ("案件来源", "{{ source }}"),
            ("当事人", "{{ party_text }}"),
            ("违法行为发生（终了）日期", "{{ violation_date }}"),
            ("执法事项", "{{ item_name }}"),
            ("法律依据", "{{ legal_basis }}"),
            ("简要案情", "{{ facts }}"),
            ("承办人员（执法证号）", "{{ officer_text }}"),
            ("承办人意见", "{{ opinion }}"),
            ("负责人审批意见", "{{ approval }}"),
        ),
    )
    return doc


def inquiry_record() -> DocxDocument:
    """询问笔录 (行政处罚法 第五十五条): who asked whom, when and where, and the answers."""
    doc = _new("询问笔录")
    _head(doc, "询问笔录", "案号：{{ case_number }}")
    _table(
        doc,
        (
            ("询问时间", "{{ period }}"),
            ("询问地点", "{{ place }}"),
            ("询问人（执法证号）", "{{ officer_text }}"),
            ("被询问人", "{{ interviewee }}"),
            ("案由", "{{ case_title }}"),
        ),
    )
    doc.add_paragraph("{{ shown }}")
    _paragraphs(doc)
    doc.add_paragraph("被询问人签名：　　　　　　　执法人员签名：")
    return doc


def inspection_record() -> DocxDocument:
    """现场检查笔录 (行政处罚法 第五十五条): the inspection, its officers and what they saw."""
    doc = _new("现场检查笔录")
    _head(doc, "现场检查笔录", "案号：{{ case_number }}")
    _table(
        doc,
        (
            ("检查时间", "{{ period }}"),
            ("检查地点", "{{ place }}"),
            ("当事人", "{{ party_text }}"),
            ("检查人员（执法证号）", "{{ officer_text }}"),
            ("在场人", "{{ present }}"),
        ),
    )
    doc.add_paragraph("{{ shown }}")
    doc.add_paragraph("现场检查情况：")
    _paragraphs(doc)
    doc.add_paragraph("当事人（在场人）签名：　　　　　执法人员签名：")
    return doc


def penalty_notice() -> DocxDocument:
    """行政处罚告知书 (行政处罚法 第四十四条、第六十三条、第六十四条)."""
    doc = _new("行政处罚告知书")
    _head(doc, "行政处罚告知书")
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{{ party_text }}：", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("经查，{{ facts }}")
    doc.add_paragraph(
        "你（单位）的上述行为违反了{{ legal_basis }}的规定。依据上述规定，本机关拟对你（单位）"
        "作出如下行政处罚：{{ proposed }}。"
    )
    doc.add_paragraph(
        "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和"
        "申辩。{{ hearing_text }}逾期未提出的，视为放弃上述权利。"
    )
    doc.add_paragraph("承办人员：{{ officer_text }}")
    _sign(doc)
    return doc


def hearing_notice() -> DocxDocument:
    """听证通知书 (行政处罚法 第六十四条): seven days before, its time, place and host."""
    doc = _new("听证通知书")
    _head(doc, "听证通知书")
    doc.add_paragraph("", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph("{{ party_text }}：", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph(
        "根据你（单位）的申请，本机关定于{{ hearing_time }}在{{ place }}就{{ case_title }}一案"
        "举行听证会，由{{ host }}主持。{{ public_text }}"
    )
    doc.add_paragraph(
        "你（单位）可以亲自参加听证，也可以委托一至二人代理；认为主持人与本案有直接利害关系的，"
        "有权申请回避。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利"
        "（《中华人民共和国行政处罚法》第六十四条）。"
    )
    _sign(doc)
    return doc


def decision() -> DocxDocument:
    """行政处罚决定书 (行政处罚法 第五十九条): the parties, facts, evidence, basis, penalty,
    how to pay, and the remedies with their periods."""
    doc = _new("行政处罚决定书")
    _head(doc, "行政处罚决定书")
    doc.add_paragraph("当事人：{{ party_text }}")
    doc.add_paragraph("{{ case_title }}一案，本机关于{{ filed_date }}立案调查。")
    doc.add_paragraph("经查明：{{ facts }}")
    doc.add_paragraph("以上事实有{{ evidence }}等证据证实。")
    doc.add_paragraph("{{ notified_text }}")
    doc.add_paragraph(
        "本机关认为，你（单位）的上述行为违反了{{ legal_basis }}的规定，依据上述规定，"
        "决定：{{ decision }}"
    )
    doc.add_paragraph("{{ payment_text }}")
    doc.add_paragraph(
        "如不服本决定，可以在收到本决定书之日起六十日内向{{ reconsideration_body }}申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼。"
    )
    _sign(doc)
    return doc


def no_penalty() -> DocxDocument:
    """不予行政处罚决定书 (行政处罚法 第三十三条): why not punished, and the education given."""
    doc = _new("不予行政处罚决定书")
    _head(doc, "不予行政处罚决定书")
    doc.add_paragraph("当事人：{{ party_text }}")
    doc.add_paragraph("{{ case_title }}一案，本机关于{{ filed_date }}立案调查。")
    doc.add_paragraph("经查明：{{ facts }}")
    doc.add_paragraph(
        "鉴于{{ reason }}，依据《中华人民共和国行政处罚法》{{ article }}的规定，"
        "本机关决定不予行政处罚。"
    )
    doc.add_paragraph("{{ education }}")
    doc.add_paragraph(
        "如不服本决定，可以在收到本决定书之日起六十日内向{{ reconsideration_body }}申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼。"
    )
    _sign(doc)
    return doc


TEMPLATES = {
    "filing_approval.docx": filing_approval,
    "inquiry_record.docx": inquiry_record,
    "inspection_record.docx": inspection_record,
    "penalty_notice.docx": penalty_notice,
    "hearing_notice.docx": hearing_notice,
    "decision.docx": decision,
    "no_penalty.docx": no_penalty,
}


def main(target: Path = HERE) -> list[Path]:
    return layout.write_templates(TEMPLATES, target)


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
