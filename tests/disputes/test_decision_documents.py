"""行政复议决定书 and 调解书 from their Word templates (行政复议法 第七十三、七十五条), numbered
by the body's 文号 rule, offered on the case page by role and served through casework."""

from __future__ import annotations

from datetime import date
from typing import Any

import docx
import pytest

from fazhi.core.casework.doc_templates import layout
from fazhi.core.casework.documents import DocumentError, generate_document, get_form
from fazhi.core.casework.models import Service
from fazhi.domains.disputes import decision_docs
from fazhi.domains.disputes.models import DecisionPerformance

from .conftest import apply
from .decided import (
    APPLICANT,
    ISSUED_ON,
    decided_case,
    decision_document,
    docx_text,
    numbering,
)

pytestmark = pytest.mark.django_db


def test_the_templates_follow_the_gb_t_9704_layout() -> None:
    for code in ("disputes.decision", "disputes.mediation", "disputes.typical_cases"):
        assert layout.check(docx.Document(str(get_form(code).template))) == [], code


def test_an_upheld_decision_cites_article_68_and_the_right_to_sue(
    org: Any, fy_handler: Any, fy_head: Any
) -> None:
    case = decided_case(org, fy_handler, fy_head, "uphold")
    doc = decision_document(case, org, fy_head)
    assert doc.number == "鄂州政复决字〔2024〕1号"
    text = docx_text(doc)
    assert "鄂州市人民政府" in text and "行政复议决定书" in text
    assert f"申请人：{APPLICANT}" in text
    assert "被申请人：鄂州市市场监督管理局" in text
    assert "于2024年3月4日向本机关申请行政复议" in text and "于2024年3月8日受理" in text
    assert "第六十八条" in text and "维持被申请人作出的" in text
    assert "十五日内，依法向人民法院提起行政诉讼" in text
    assert "2024年4月15日" in text
    # Nothing to perform after an upheld decision.
    assert not DecisionPerformance.objects.filter(case=case).exists()


def test_no_decision_document_before_the_decision(org: Any, fy_handler: Any, fy_head: Any) -> None:
    case = apply(org, fy_handler)
    from fazhi.core.casework.models import Party
    from fazhi.core.casework.workflow import take
    from fazhi.core.org.models import Person

    Party.objects.create(
        case=case, role="applicant", person=Person.objects.create(name="李四", owner_unit=org.sfj)
    )
    numbering(org)
    with pytest.raises(DocumentError, match="复议申请尚未受理"):
        decision_document(case, org, fy_head)
    take(case, "accept", fy_handler, on=date(2024, 3, 8))
    with pytest.raises(DocumentError, match="尚未作出行政复议决定"):
        decision_document(case, org, fy_head)


def test_an_order_to_perform_states_what_and_by_when_and_is_tracked(
    org: Any, fy_handler: Any, fy_head: Any
) -> None:
    case = decided_case(org, fy_handler, fy_head, "order_performance")
    with pytest.raises(DocumentError, match="第六十六条"):
        decision_document(case, org, fy_head)
    assert not DecisionPerformance.objects.filter(case=case).exists()  # nothing half-made
    doc = decision_document(
        case, org, fy_head, required_act="对申请人的举报作出处理并书面答复", period_days=30
    )
    text = docx_text(doc)
    assert "第六十六条" in text
    assert "责令被申请人自收到本决定书之日起30日内对申请人的举报作出处理并书面答复" in text
    assert "并将履行情况书面报送本机关" in text
    perf = DecisionPerformance.objects.get(case=case)
    assert (perf.period_days, perf.due, perf.state) == (30, None, "awaiting")


def test_an_upheld_decision_orders_nothing(org: Any, fy_handler: Any, fy_head: Any) -> None:
    case = decided_case(org, fy_handler, fy_head, "uphold")
    with pytest.raises(DocumentError, match="不责令被申请人履行"):
        decision_document(case, org, fy_head, required_act="重新作出", period_days=10)


def test_a_mediation_document_only_for_a_mediated_case(
    org: Any, fy_handler: Any, fy_head: Any
) -> None:
    upheld = decided_case(org, fy_handler, fy_head, "uphold")
    with pytest.raises(DocumentError, match="未以调解结案"):
        generate_document(
            "disputes.mediation", owner_unit=org.sfj, case=upheld, data={"agreement": "x"}
        )
    mediated = decided_case(org, fy_handler, fy_head, "mediate")
    with pytest.raises(DocumentError, match="不制作决定书"):
        decision_document(mediated, org, fy_head)
    doc = generate_document(
        "disputes.mediation",
        owner_unit=org.sfj,
        case=mediated,
        data={
            "agreement": "被申请人将罚款减为二千元。\n申请人撤回其他请求。",
            "required_act": "退还多收的罚款",
            "period_days": 15,
        },
        actor=fy_head,
        issued_on=ISSUED_ON,
    )
    assert doc.number == "鄂州政复调字〔2024〕1号"
    text = docx_text(doc)
    assert "行政复议调解书" in text and "被申请人将罚款减为二千元。" in text
    assert "第七十三条" in text
    assert DecisionPerformance.objects.get(case=mediated).required_act == "退还多收的罚款"


def test_the_case_page_offers_the_decision_to_the_body_only(
    client: Any, org: Any, people: Any, fy_handler: Any, fy_head: Any
) -> None:
    case = decided_case(org, fy_handler, fy_head, "uphold")
    client.force_login(fy_head)
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "行政复议决定书" in page and "复议决定书·送达·公开·履行" in page
    response = client.post(
        f"/office/cases/{case.pk}/documents/disputes.decision/",
        {
            "d-claims": "撤销",
            "d-facts": "事实",
            "d-reasoning": "理由",
            "doc-issued_on": "2024-04-15",
        },
    )
    assert response.status_code in (200, 302)
    assert decision_docs.decision_documents(case).count() == 1
    # The respondent's clerk sees the case but is not offered the decision document.
    client.force_login(people.alice)
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "disputes.decision" not in page


def test_service_on_the_respondent_starts_the_period(
    org: Any, fy_handler: Any, fy_head: Any
) -> None:
    case = decided_case(org, fy_handler, fy_head, "revoke")
    doc = decision_document(case, org, fy_head, required_act="重新作出行政行为", period_days=30)
    decision_docs.serve(
        doc,
        method="post",
        served_on=date(2024, 4, 17),
        actor=fy_handler,
        to_respondent=True,
        tracking_number="EMS1234567890",
    )
    service = Service.objects.get(document=doc)
    assert service.recipient == "鄂州市市场监督管理局"
    perf = DecisionPerformance.objects.get(case=case)
    # 30 natural days from 2024-04-17: 2024-05-17 (a Friday, a working day).
    assert (perf.served_on, perf.due) == (date(2024, 4, 17), date(2024, 5, 17))
    assert decision_docs.served_on(case) == date(2024, 4, 17)
