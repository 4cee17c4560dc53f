"""The enforcement forms (执法文书): each made from the case's own records, on the GB/T 9704
layout, numbered per unit and type, opened with python-docx and checked for its fields; made by
a person in a role from the case page."""

from __future__ import annotations

from datetime import date
from typing import Any

import docx
import pytest

from fazhi.core.casework.doc_templates import layout
from fazhi.core.casework.documents import DocumentError, generate_document, get_form
from fazhi.core.casework.models import Document
from fazhi.core.casework.workflow import take
from fazhi.domains.enforcement.documents import FORMS

from .township import BASIS, investigate_data, lead, township

pytestmark = pytest.mark.django_db

AT = {"started_at": "2019-04-03T09:00", "ended_at": "2019-04-03T10:30"}


def text_of(doc: Document) -> str:
    """Every paragraph and table cell of the stored Word file."""
    with doc.file.open("rb") as fh:
        word = docx.Document(fh)
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def make(code: str, case: Any, actor: Any, data: dict[str, Any], on: date) -> Document:
    form = get_form(code)
    bound = form.input_form(data, prefix=None) if form.input_form else None  # type: ignore[misc]
    assert bound is not None
    bind = getattr(bound, "bind_case", None)
    if bind:
        bind(case)
    assert bound.is_valid(), bound.errors
    return generate_document(
        code,
        owner_unit=case.owner_unit(),
        case=case,
        data=bound.cleaned_data,
        actor=actor,
        issued_on=on,
    )


def test_every_template_keeps_the_national_layout() -> None:
    assert len(FORMS) == 8
    for form in FORMS:
        assert layout.check(docx.Document(str(form.template))) == [], form.code


def test_each_document_opens_and_carries_the_case_fields(org, people) -> None:
    tz = township(org)
    case = lead(tz, org)
    officers = {"officer_a": tz.pair[0].pk, "officer_b": tz.pair[1].pk}
    approval = make(
        "enforcement.filing_approval",
        case,
        tz.officer1,
        {**officers, "source": "投诉举报", "opinion": "建议立案调查"},
        date(2019, 4, 2),
    )
    text = text_of(approval)
    assert approval.number == "燕矶综执立字〔2019〕1号"
    for field in ("燕矶镇", "露天焚烧秸秆案", "投诉举报", "鄂州市燕矶某农业有限公司", BASIS):
        assert field in text
    assert "陈立新（执法证号：42070410501）" in text and "待负责人审批" in text

    take(case, "file", tz.head, on=date(2019, 4, 2))
    inquiry = make(
        "enforcement.inquiry_record",
        case,
        tz.officer1,
        {
            **officers,
            **AT,
            "place": "燕矶镇综合执法办公室",
            "interviewee": "王某（当事人负责人）",
            "record": "问：你是否在村口焚烧秸秆？\n答：是的。",
        },
        date(2019, 4, 3),
    )
    text = text_of(inquiry)
    assert inquiry.number == "" and case.number in text
    assert "2019年4月3日9时00分至2019年4月3日10时30分" in text
    assert "问：你是否在村口焚烧秸秆？" in text and "答：是的。" in text
    assert "刘海燕（执法证号：42070410502）" in text and "出示执法证件" in text
    inspection = make(
        "enforcement.inspection_record",
        case,
        tz.officer2,
        {
            **officers,
            **AT,
            "place": "燕矶镇某村村口",
            "present": "王某",
            "record": "现场有焚烧痕迹约两亩",
        },
        date(2019, 4, 3),
    )
    assert "现场有焚烧痕迹约两亩" in text_of(inspection)

    # No notice before the investigation has ended, with the article.
    with pytest.raises(DocumentError, match="第四十四条"):
        make(
            "enforcement.penalty_notice",
            case,
            tz.officer1,
            {"proposed": "罚款", "proposed_fine": "1000"},
            date(2019, 4, 4),
        )
    take(case, "investigate", tz.officer1, data=investigate_data(tz), on=date(2019, 4, 4))
    take(case, "notify", tz.officer1, on=date(2019, 4, 8))
    notice = make(
        "enforcement.penalty_notice",
        case,
        tz.officer1,
        {"proposed": "罚款", "proposed_fine": "1000", "hearing": ""},
        date(2019, 4, 8),
    )
    text = text_of(notice)
    assert notice.number == "燕矶综执告字〔2019〕1号"
    assert "露天焚烧秸秆约两亩" in text and "罚款（罚款1,000.00元）" in text
    assert "陈述和申辩" in text and "要求听证" not in text
    hearing = make(
        "enforcement.hearing_notice",
        case,
        tz.officer1,
        {
            "hearing_at": "2019-04-20T09:30",
            "place": "燕矶镇人民政府会议室",
            "host": "张法制",
            "public": "on",
        },
        date(2019, 4, 11),
    )
    text = text_of(hearing)
    assert hearing.number == "燕矶综执听字〔2019〕1号"
    assert "2019年4月20日9时30分" in text and "张法制" in text and "公开举行" in text

    with pytest.raises(DocumentError, match="第五十七条"):
        make("enforcement.decision", case, tz.head, {"evidence": "询问笔录"}, date(2019, 4, 16))
    take(
        case,
        "decide",
        tz.head,
        data={"decision": "罚款人民币壹仟元", "fine": "1000"},
        on=date(2019, 4, 16),
    )
    decision = make(
        "enforcement.decision",
        case,
        tz.head,
        {"evidence": "现场检查笔录、询问笔录、现场照片", "payment": "到鄂州农商行缴纳"},
        date(2019, 4, 16),
    )
    text = text_of(decision)
    assert decision.number == "燕矶综执罚字〔2019〕1号"
    for field in (
        "罚款人民币壹仟元",
        "罚款1,000.00元",
        "十五日内",
        "鄂城区人民政府",
        "2019年4月2日立案",
        "2019年4月8日告知",
        BASIS,
    ):
        assert field in text, field
    receipt = make(
        "enforcement.service_receipt",
        case,
        tz.officer2,
        {
            "document": decision.pk,
            "recipient": "鄂州市燕矶某农业有限公司",
            "address": "燕矶镇某村",
            "method": "in_person",
            "server": "陈立新、刘海燕",
        },
        date(2019, 4, 17),
    )
    text = text_of(receipt)
    assert "行政处罚决定书（燕矶综执罚字〔2019〕1号）" in text and "直接送达" in text
    # The numbers run per unit and type: a second decision letter takes 2.
    second = make(
        "enforcement.decision", case, tz.head, {"evidence": "询问笔录"}, date(2019, 4, 18)
    )
    assert second.number == "燕矶综执罚字〔2019〕2号"


def test_the_no_penalty_decision_names_its_ground_and_the_education(org, people) -> None:
    tz = township(org)
    case = lead(tz, org, title="初次焚烧秸秆案")
    take(case, "file", tz.head, on=date(2019, 5, 6))
    take(
        case,
        "investigate",
        tz.officer1,
        data=investigate_data(tz, "当事人焚烧少量秸秆，当场扑灭"),
        on=date(2019, 5, 7),
    )
    doc = make(
        "enforcement.no_penalty",
        case,
        tz.head,
        {"reason": "minor", "education": "讲解秸秆禁烧规定，当事人签订承诺书"},
        date(2019, 5, 8),
    )
    text = text_of(doc)
    assert doc.number == "燕矶综执不罚字〔2019〕1号"
    assert "违法行为轻微并及时改正" in text and "第三十三条第一款" in text
    assert "签订承诺书" in text and "当场扑灭" in text


def test_the_case_page_offers_the_forms_to_the_roles_that_make_them(client, org, people) -> None:
    tz = township(org)
    case = lead(tz, org)
    take(case, "file", tz.head, on=date(2019, 4, 2))
    client.force_login(tz.officer1)
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "制作文书" in page and "询问笔录" in page and "立案审批表" in page
    response = client.post(
        f"/office/cases/{case.pk}/documents/enforcement.inspection_record/",
        {
            "d-officer_a": tz.pair[0].pk,
            "d-officer_b": tz.pair[1].pk,
            "d-started_at": "2019-04-03T09:00",
            "d-ended_at": "2019-04-03T10:00",
            "d-place": "燕矶镇某村村口",
            "d-present": "王某",
            "d-record": "现场有焚烧痕迹",
            "doc-issued_on": "2019-04-03",
        },
    )
    assert response.status_code == 302, response.content.decode()
    doc = Document.objects.get(case=case, form="enforcement.inspection_record")
    assert doc.issued_on == date(2019, 4, 3) and doc.created_by == tz.officer1
    assert case.events.filter(kind="document_issued").exists()
    download = client.get(f"/office/cases/{case.pk}/files/{doc.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"  # a Word (zip) file
    # A refusal names what is missing; one officer twice is no pair.
    refused = client.post(
        f"/office/cases/{case.pk}/documents/enforcement.inspection_record/",
        {
            "d-officer_a": tz.pair[0].pk,
            "d-officer_b": tz.pair[0].pk,
            "d-started_at": "2019-04-03T09:00",
            "d-ended_at": "2019-04-03T10:00",
            "d-place": "村口",
            "d-present": "王某",
            "d-record": "x",
        },
    )
    assert refused.status_code == 400 and "第四十二条" in refused.content.decode()
    # The legal reviewer makes no documents; another department's clerk does not see the case.
    client.force_login(tz.reviewer)
    assert "<h2>制作文书</h2>" not in client.get(f"/office/cases/{case.pk}/").content.decode()
    forbidden = client.post(f"/office/cases/{case.pk}/documents/enforcement.inquiry_record/", {})
    assert forbidden.status_code == 400 and "没有制作“询问笔录”的角色" in forbidden.content.decode()
    client.force_login(people.alice)
    assert client.get(f"/office/cases/{case.pk}/files/{doc.pk}/").status_code == 404
