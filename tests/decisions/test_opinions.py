"""The legal opinions register: each opinion with its Word document (uploaded or generated),
listed and exported to Excel, scoped to the unit that asked and the office that issued it."""

from __future__ import annotations

import io
from datetime import date

from docx import Document as Docx
from openpyxl import load_workbook

from fazhi.domains.decisions.models import LegalOpinion
from fazhi.domains.decisions.opinions import register_opinion


def _opinion(w, requester, subject="关于招商引资协议的审查", **extra):
    return register_opinion(
        kind="legal_opinion",
        subject_kind="agreement",
        subject=subject,
        requester=requester,
        author_unit=w.org.sfj,
        adviser=w.adviser,
        received_on=date(2019, 5, 6),
        issued_on=date(2019, 5, 13),
        conclusion="with_changes",
        summary="一、第七条违约责任不对等。",
        **extra,
    )


def test_a_generated_opinion_is_a_word_document_with_its_number(world) -> None:
    opinion = _opinion(world, world.org.scjg)
    assert opinion.number == "420700-SFJ-FLYJ-2019-0001"
    text = "\n".join(p.text for p in Docx(opinion.document.open("rb")).paragraphs)
    assert "法律意见书" in text and "第七条违约责任不对等" in text and "李明" in text
    assert "修改后可行" in text


def test_the_office_form_takes_an_upload_and_refuses_other_files(client, world) -> None:
    w = world
    client.force_login(w.reviewer)
    doc = Docx()
    doc.add_paragraph("上传的意见书")
    raw = io.BytesIO()
    doc.save(raw)
    data = {
        "kind": "review_opinion",
        "subject_kind": "draft",
        "subject": "某规范性文件草案",
        "requester": w.org.scjg.pk,
        "received_on": "2019-06-03",
        "issued_on": "2019-06-10",
        "conclusion": "no_objection",
        "summary": "无法律障碍",
    }
    bad = io.BytesIO(b"not word")
    bad.name = "意见.pdf"
    page = client.post("/office/decisions/opinions/new/", {**data, "document": bad})
    assert "请上传 Word（.docx）文件" in page.content.decode()
    assert not LegalOpinion.objects.exists()
    early = client.post("/office/decisions/opinions/new/", {**data, "issued_on": "2019-06-01"})
    assert "出具日期不能早于收件日期" in early.content.decode()
    raw.name = "意见.docx"
    raw.seek(0)
    assert (
        client.post("/office/decisions/opinions/new/", {**data, "document": raw}).status_code == 302
    )
    opinion = LegalOpinion.objects.get()
    assert opinion.number.startswith("420700-SFJ-SCYJ-2019-")
    response = client.get(f"/office/decisions/opinions/{opinion.pk}/document/")
    body = b"".join(response.streaming_content)
    assert "上传的意见书" in Docx(io.BytesIO(body)).paragraphs[0].text


def test_the_register_exports_to_excel_within_scope(client, world) -> None:
    w = world
    _opinion(w, w.org.scjg, subject="市场监管局的协议")
    _opinion(w, w.org.sthj, subject="生态环境局的协议")
    client.force_login(w.people.june)  # the justice bureau, which issued both
    rows = _export(client)
    assert {r[3] for r in rows[1:]} == {"市场监管局的协议", "生态环境局的协议"}
    client.force_login(w.people.alice)  # the market regulator sees what it asked for
    assert [r[3] for r in _export(client)[1:]] == ["市场监管局的协议"]


def _export(client):
    response = client.get("/office/r/legal-opinions/export/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]
