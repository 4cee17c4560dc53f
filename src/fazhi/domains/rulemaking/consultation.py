"""Public consultation (公开征求意见) of a draft: the draft published through the disclosure gate
with its explanation and closing date, comments of the public on provisions (anchored, so they
stay attached when the draft is revised: ``anchors.py``), moderation with reasons, and the
feedback — what was heard and what changed, comment by comment — published and exported as a
Word document in the national layout (GB/T 9704-2012).

Identity: a comment is made by a signed-in public account (``core.accounts``); where the
consultation allows it, anonymously. The public sees the draft, the published comments and the
feedback only as publications of the gate.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.db import transaction
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core.casework.doc_templates import layout
from fazhi.core.casework.workflow import Refusal, TransitionError
from fazhi.core.disclosure.gate import publish
from fazhi.core.disclosure.models import Publication

from .anchors import anchors_of, provision_of
from .compare import compare
from .drafting_choices import CommentStatus
from .models import Comment, Consultation, Draft, ProvisionAnchor

CONSULTATION_KIND = "规章和规范性文件草案公开征求意见"
COMMENT_KIND = "规章和规范性文件草案公众意见"
FEEDBACK_KIND = "规章和规范性文件草案征求意见采纳情况"
ANONYMOUS = "匿名"


def subject_of(consultation: Consultation) -> str:
    return f"{consultation._meta.label_lower}:{consultation.pk}"


def draft_fields(d: Draft, c: Consultation, basis: str) -> dict[str, Any]:
    """The public record of a draft put out for comment: every provision with its anchor."""
    anchors = anchors_of(c.version)
    provisions = [
        {
            "level": p.level,
            "label": p.label,
            "path": p.path,
            "heading": p.heading,
            "body": p.body if p.level == "article" else "",
            "anchor": anchors[p.pk].key if p.pk in anchors else "",
        }
        for p in c.version.provisions.order_by("position")
        if p.level in ("part", "chapter", "section", "article")
    ]
    owner = d.case.owner_unit()
    return {
        "draft": d.case_id,
        "草案名称": d.case.title,
        "类别": d.get_kind_display(),
        "起草单位": owner.name if owner else "",
        "制定机关": d.issuer.name,
        "起草说明": d.explanation,
        "公布日期": c.opened_on,
        "截止日期": c.closes_on,
        "缩短期限的理由": c.shortened_reason,
        "允许匿名": c.anonymous_allowed,
        "条文": provisions,
        "依据": basis,
    }


def publish_draft(d: Draft, c: Consultation, *, basis: str, actor: Any) -> Publication:
    pub = publish(
        kind=CONSULTATION_KIND,
        title=f"关于《{d.case.title}（征求意见稿）》公开征求意见",
        org_unit=d.case.owner_unit(),
        fields=draft_fields(d, c, basis),
        subject=c,
        actor=actor,
        published_on=c.opened_on,
        publish_until=c.closes_on,
    )
    c.publication = pub
    c.save(update_fields=["publication"])
    return pub


# -- the public's comments ----------------------------------------------------------------------


def consultation_for(pub: Publication) -> Consultation | None:
    """The consultation behind a publication of the draft (a service, not a request path)."""
    if pub.kind != CONSULTATION_KIND:
        return None
    return Consultation.objects.select_related("draft__case").filter(publication=pub).first()


def submit_comment(
    pub: Publication,
    *,
    body: str,
    on: date,
    anchor_key: str = "",
    account: Any = None,
    display_name: str = "",
) -> Comment:
    """A comment of the public; refused after the closing date, and without an account unless
    the consultation allows anonymous comments."""
    c = consultation_for(pub)
    if c is None:
        raise TransitionError(Refusal("没有该征求意见"))
    basis = str(pub.payload.get("依据", ""))
    if c.closed_on is not None or on > c.closes_on or on < c.opened_on:
        raise TransitionError(
            Refusal(f"征求意见期限为 {c.opened_on.isoformat()} 至 {c.closes_on.isoformat()}", basis)
        )
    if account is None and not c.anonymous_allowed:
        raise TransitionError(Refusal("本次征求意见不接受匿名意见，请登录公众账号后提出"))
    if not body.strip():
        raise TransitionError(Refusal("请填写意见内容"))
    anchor = None
    path = ""
    if anchor_key:
        anchor = ProvisionAnchor.objects.filter(draft=c.draft, key=anchor_key).first()
        provision = provision_of(anchor, c.version) if anchor else None
        if anchor is None or provision is None:
            raise TransitionError(Refusal("征求意见稿中没有该条文"))
        path = provision.path
    name = ANONYMOUS if account is None else (display_name.strip() or account.display_name)
    return Comment.objects.create(
        consultation=c,
        anchor=anchor,
        path=path,
        account=account,
        display_name=name,
        body=body.strip(),
        submitted_on=on,
    )


@transaction.atomic
def moderate(comment: Comment, *, decision: str, reason: str, actor: Any, on: date) -> Comment:
    """Publish a comment through the gate, or refuse it with a reason (shown to its author)."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.status != CommentStatus.PENDING:
        raise TransitionError(Refusal("该意见已审核"))
    if decision == CommentStatus.REJECTED and not reason.strip():
        raise TransitionError(Refusal("不予公开的，须说明理由"))
    locked.status = decision
    locked.moderated_on, locked.moderated_by, locked.moderation_reason = on, actor, reason
    if decision == CommentStatus.PUBLISHED:
        c = locked.consultation
        names = [] if locked.account_id is None else [locked.display_name]
        locked.publication = publish(
            kind=COMMENT_KIND,
            title=f"对《{c.draft.case.title}》{locked.path or '总体'}的意见",
            org_unit=c.draft.case.owner_unit(),
            fields={
                "draft": c.draft.case_id,
                "consultation": c.publication_id,
                "anchor": locked.anchor.key if locked.anchor else "",
                "条文": locked.path or "总体意见",
                "意见": locked.body,
                "署名": locked.display_name,
                "提出日期": locked.submitted_on,
            },
            known_names=names,
            subject=locked,
            actor=actor,
            published_on=on,
        )
    locked.save()
    return locked


def answer(comment: Comment, *, adoption: str, response: str) -> None:
    Comment.objects.filter(pk=comment.pk).update(adoption=adoption, response=response)


def feedback_fields(d: Draft, c: Consultation, summary: str, basis: str) -> dict[str, Any]:
    """What was heard and what changed, comment by comment, and the provisions changed since
    the draft put out for comment (compared provision by provision)."""
    current = d.current
    rows = []
    for n, cm in enumerate(
        c.comments.filter(status=CommentStatus.PUBLISHED).select_related("anchor").order_by("pk"),
        1,
    ):
        now = ""
        if cm.anchor is not None and current is not None:
            p = provision_of(cm.anchor, current)
            now = p.path if p else "已删除"
        rows.append(
            {
                "序号": n,
                "条文": cm.path or "总体意见",
                "现条文": now or ("—" if cm.anchor is None else ""),
                "意见": cm.body,
                "采纳情况": cm.get_adoption_display(),
                "说明": cm.response,
            }
        )
    changes = []
    if current is not None and current.pk != c.version_id:
        changes = [
            {
                "变化": ch.label,
                "原条文": ch.old.path if ch.old else "",
                "现条文": ch.new.path if ch.new else "",
            }
            for ch in compare(c.version, current)
        ]
    return {
        "draft": d.case_id,
        "consultation": c.publication_id,
        "草案名称": d.case.title,
        "征求意见期间": f"{c.opened_on.isoformat()} 至 {c.closes_on.isoformat()}",
        "收到意见": c.comments.count(),
        "公开意见": len(rows),
        "不予公开": c.comments.filter(status=CommentStatus.REJECTED).count(),
        "总体说明": summary,
        "意见及采纳情况": rows,
        "修改情况": changes,
        "依据": basis,
    }


def publish_feedback(
    d: Draft, c: Consultation, *, summary: str, basis: str, actor: Any, on: date
) -> Publication:
    pub = publish(
        kind=FEEDBACK_KIND,
        title=f"关于《{d.case.title}》公开征求意见采纳情况的说明",
        org_unit=d.case.owner_unit(),
        fields=feedback_fields(d, c, summary, basis),
        subject=c,
        actor=actor,
        published_on=on,
    )
    c.feedback_on, c.feedback_summary, c.feedback_publication = on, summary, pub
    c.save(update_fields=["feedback_on", "feedback_summary", "feedback_publication"])
    return pub


# -- the Word document ----------------------------------------------------------------------------


def _date_cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def feedback_docx(pub: Publication) -> bytes:
    """The feedback as a Word document in the GB/T 9704-2012 layout, from the public record."""
    f = pub.payload
    doc = layout.apply(Document())
    doc.add_paragraph(pub.title, style=layout.STYLE_TITLE)
    doc.add_paragraph(
        f"《{f['草案名称']}》于{f['征求意见期间']}向社会公开征求意见，共收到意见{f['收到意见']}条，"
        f"其中公开{f['公开意见']}条、依规不予公开{f['不予公开']}条。现将意见采纳情况说明如下。"
    )
    if f.get("总体说明"):
        doc.add_paragraph(str(f["总体说明"]))
    doc.add_paragraph("一、意见及采纳情况")
    rows = f.get("意见及采纳情况") or []
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, head in zip(
        table.rows[0].cells, ("序号", "条文", "意见", "采纳情况", "说明"), strict=True
    ):
        cell.text = head
    for row in rows:
        cells = table.add_row().cells
        where = row["条文"] + (
            f"（现{row['现条文']}）" if row.get("现条文") not in ("", "—") else ""
        )
        for cell, value in zip(
            cells, (row["序号"], where, row["意见"], row["采纳情况"], row["说明"]), strict=True
        ):
            cell.text = str(value)
    for row_cells in table.rows:
        for cell in row_cells.cells:
            for p in cell.paragraphs:
                p.style = doc.styles[layout.STYLE_TABLE_TEXT]
    doc.add_paragraph("二、修改情况")
    changes = f.get("修改情况") or []
    if not changes:
        doc.add_paragraph("征求意见后未修改条文。")
    for ch in changes:
        old, new = ch.get("原条文") or "—", ch.get("现条文") or "—"
        doc.add_paragraph(f"{ch['变化']}：{old} → {new}")
    sign = doc.add_paragraph(
        f"{pub.org_unit.name}\n{_date_cn(pub.public_date)}", style=layout.STYLE_SIGNATURE
    )
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
