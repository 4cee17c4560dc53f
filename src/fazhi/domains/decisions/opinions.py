"""The legal opinions register: numbering, registration, the Word document of an opinion.

An opinion's document is either the Word file its author uploaded or one generated here from
the register's fields (python-docx), so that every entry has its 法律意见书 on file.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core.casework.numbering import next_number

from .choices import OpinionKind
from .models import LegalOpinion

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LETTERS = {OpinionKind.LEGAL_OPINION: "FLYJ", OpinionKind.REVIEW_OPINION: "SCYJ"}


def opinion_number(author_unit: Any, kind: str, on: date) -> str:
    letters = LETTERS[OpinionKind(kind)]
    key = f"{author_unit.code}:{letters}:{on.year}"
    return f"{author_unit.code}-{letters}-{on.year}-{next_number(key):04d}"


@transaction.atomic
def register_opinion(
    *,
    kind: str,
    subject_kind: str,
    subject: str,
    requester: Any,
    author_unit: Any,
    received_on: date,
    issued_on: date,
    conclusion: str,
    summary: str,
    adviser: Any = None,
    decision: Any = None,
    upload: Any = None,
    actor: Any = None,
) -> LegalOpinion:
    """Enter an opinion in the register with its Word document (the upload, or generated)."""
    opinion = LegalOpinion(
        number=opinion_number(author_unit, kind, issued_on),
        kind=kind,
        subject_kind=subject_kind,
        subject=subject,
        requester=requester,
        author_unit=author_unit,
        adviser=adviser,
        received_on=received_on,
        issued_on=issued_on,
        conclusion=conclusion,
        summary=summary,
        decision=decision,
    )
    opinion.full_clean(exclude=["document"])
    opinion.save()
    if upload is not None:
        opinion.document.save(f"{opinion.number}.docx", upload, save=True)
    else:
        opinion.document.save(
            f"{opinion.number}.docx", ContentFile(render_docx(opinion)), save=True
        )
    return opinion


def render_docx(opinion: LegalOpinion) -> bytes:
    doc = Docx()
    title = doc.add_heading(opinion.get_kind_display(), level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(opinion.number).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph(f"{opinion.requester.name}：")
    doc.add_paragraph(
        f"你单位于{opinion.received_on:%Y年%m月%d日}送来的“{opinion.subject}”"
        f"（{opinion.get_subject_kind_display()}）收悉。经审查，提出意见如下："
    )
    for line in opinion.summary.splitlines() or [""]:
        doc.add_paragraph(line)
    doc.add_paragraph(f"结论：{opinion.get_conclusion_display()}。")
    if opinion.adviser is not None:
        doc.add_paragraph(f"提出意见的法律顾问：{opinion.adviser.name}（{opinion.adviser.firm}）")
    sign = doc.add_paragraph(f"{opinion.author_unit.name}\n{opinion.issued_on:%Y年%m月%d日}")
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
