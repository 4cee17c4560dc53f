"""Intake by every channel (行政复议法 第二十二条), the parties (第十六条, 第十七条) and the
incidental review of normative documents (第十三条, 第五十六条至第六十条)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from docx import Document as Docx

from fazhi.core.accounts.submissions import submissions_for
from fazhi.core.casework.models import Case, CaseLink, Party
from fazhi.core.casework.workflow import TransitionError, open_case, take
from fazhi.core.clock import statutes
from fazhi.domains.disputes import incidental, intake
from fazhi.domains.disputes.models import Application, IncidentalReview, PartyRecord

from .conftest import KNEW_ON, apply
from .parties_helpers import ACCEPTED_ON, citizen, sign_in_account

pytestmark = pytest.mark.django_db


def counter_data(org: Any, **extra: Any) -> dict[str, Any]:
    return {
        "title": "不服罚款决定",
        "act_complained": "市场监管局罚款五千元",
        "respondent": org.scjg.pk,
        "knew_on": KNEW_ON,
        "procedure": "ordinary",
        "applicant_name": "李四",
        "applicant_phone": "13871230002",
        "request": "撤销罚款决定",
        "facts": "事实不清",
        "channel": "counter",
        **extra,
    }


def test_an_oral_application_needs_the_record_and_the_signature(org: Any, fy_handler: Any) -> None:
    with pytest.raises(TransitionError) as exc:
        intake.register_at_counter(
            fy_handler, counter_data(org, channel="oral"), on=date(2024, 3, 4)
        )
    text = " ".join(str(r) for r in exc.value.refusals)
    assert "口头申请须当场记录" in text and "签字确认" in text and "第二十二条" in text
    assert not Case.objects.filter(kind="reconsideration").exists()  # nothing half-registered
    data = counter_data(org, channel="oral", oral_record="申请人称：罚款过重。", signed="on")
    case = intake.register_at_counter(fy_handler, data, on=date(2024, 3, 4))
    app = Application.objects.get(case=case)
    assert app.channel == "oral" and app.signed_on == date(2024, 3, 4)
    assert app.recorded_by == fy_handler
    assert case.parties.get(role="applicant").person.name == "李四"
    # The record is stored as a Word file: the copy the respondent receives.
    record = case.documents.get(kind="口头申请笔录")
    text = "\n".join(p.text for p in Docx(record.file.open("rb")).paragraphs)
    assert "申请人称：罚款过重。" in text and "李四" in text
    assert case.deadlines.filter(key="reconsideration.acceptance_review").exists()


def test_only_the_handler_registers_at_the_counter(org: Any, people: Any) -> None:
    with pytest.raises(TransitionError):
        intake.register_at_counter(people.june, counter_data(org), on=date(2024, 3, 4))


def test_the_counter_screen_registers_the_application(
    client: Any, org: Any, fy_handler: Any
) -> None:
    client.force_login(fy_handler)
    assert "口头申请" in client.get("/office/disputes/parties/intake/").content.decode()
    response = client.post("/office/disputes/parties/intake/", counter_data(org))
    case = Case.objects.get(kind="reconsideration")
    assert response.status_code == 302 and response["Location"] == f"/office/cases/{case.pk}/"
    assert Application.objects.get(case=case).channel == "counter"


def test_an_applicant_applies_online_and_follows_the_case(
    client: Any, org: Any, settings: Any
) -> None:
    settings.FAZHI_RECONSIDERATION_BODY = org.sfj.code
    penalty = open_case("penalty", number="SCJG-2024-7", title="罚款", owner=org.scjg)
    account = citizen()
    assert client.get("/disputes/apply/").status_code == 302  # sign in first
    sign_in_account(client, account)
    assert "知道该行政行为之日" in client.get("/disputes/apply/").content.decode()
    form = {
        "title": "不服罚款",
        "act_complained": "罚款五千元",
        "respondent": org.scjg.pk,
        "knew_on": "2024-02-01",
        "decision_number": "SCJG-2024-7",
        "applicant_name": "张三",
        "request": "撤销",
        "facts": "程序违法",
    }
    response = client.post("/disputes/apply/", form)
    assert response.status_code == 302
    case = Case.objects.get(kind="reconsideration")
    assert case.owner_unit() == org.sfj and case.state == "received"
    app = Application.objects.get(case=case)
    assert app.channel == "online" and app.account == account
    applicant = case.parties.get(role="applicant").person
    assert applicant.phone == account.phone
    assert CaseLink.objects.filter(from_case=case, to_case=penalty, kind="reviews").exists()
    groups = {g.source.key: g.items for g in submissions_for(account)}
    assert [i.title for i in groups["reconsideration"]] == ["行政复议申请：不服罚款"]
    other = citizen("13871230009", "王五")
    assert all(not g.items for g in submissions_for(other))
    assert "不服罚款" in client.get("/account/submissions/").content.decode()


def test_third_party_and_at_most_two_agents(org: Any, fy_handler: Any, application: Case) -> None:
    take(
        application,
        "add_third_party",
        fy_handler,
        data={"name": "王五", "joined_by": "notified", "interest": "举报人"},
    )
    third = application.parties.get(role="third_party")
    assert PartyRecord.objects.get(party=third).joined_by == "notified"
    applicant = Party.objects.create(case=application, role="applicant", person=third.person)
    for name in ("律师甲", "律师乙"):
        take(
            application,
            "add_agent",
            fy_handler,
            data={
                "principal": applicant.pk,
                "name": name,
                "agent_kind": "lawyer",
                "mandate": "一般代理，至复议终结",
            },
        )
    with pytest.raises(TransitionError) as exc:
        take(
            application,
            "add_agent",
            fy_handler,
            data={"principal": applicant.pk, "name": "丙", "agent_kind": "other", "mandate": "x"},
        )
    assert "第十七条" in str(exc.value.refusals[0])
    assert PartyRecord.objects.filter(principal=applicant).count() == 2
    # The third party may have agents of their own.
    take(
        application,
        "add_agent",
        fy_handler,
        data={"principal": third.pk, "name": "丁", "agent_kind": "other", "mandate": "x"},
    )


def test_incidental_review_handled_here_or_transferred(
    org: Any, fy_handler: Any, application: Case
) -> None:
    on = date(2024, 3, 5)
    take(
        application,
        "incidental_review",
        fy_handler,
        on=on,
        data={
            "document_title": "鄂州市市场监管行政处罚裁量基准",
            "level": "local_government",
            "maker": "鄂州市市场监督管理局",
            "competent": "on",
        },
    )
    take(
        application,
        "incidental_review",
        fy_handler,
        on=on,
        data={
            "document_title": "某省规范性文件",
            "level": "local_government",
            "maker": "湖北省某厅",
            "routed_to": org.ec_sfj.pk,
        },
    )
    here, there = IncidentalReview.objects.order_by("id")
    assert (here.state, here.routed_to) == ("handling", org.sfj)
    assert (there.state, there.routed_to) == ("to_transfer", org.ec_sfj)
    handle = application.deadlines.get(key="reconsideration.incidental_handle")
    assert handle.due == statutes.compute_statutory("reconsideration.incidental_handle", on).due
    transfer = application.deadlines.get(key="reconsideration.incidental_transfer")
    assert transfer.unit == "workdays" and transfer.basis == "行政复议法 第五十六条"
    with pytest.raises(TransitionError):  # not yet transferred: no answer from there
        take(
            application,
            "answer_incidental",
            fy_handler,
            data={"review": there.pk, "conclusion": "lawful", "answer": "合法"},
        )
    take(
        application,
        "transfer_incidental",
        fy_handler,
        on=date(2024, 3, 7),
        data={"review": there.pk},
    )
    reply = application.deadlines.get(key="reconsideration.incidental_transfer_reply")
    assert reply.org_unit == org.ec_sfj and reply.amount == 60
    # The receiving body's answer (the rulemaking app will call this when it records one).
    there.refresh_from_db()
    incidental.answer_incidental(
        there, conclusion="unlawful", answer="超越权限", on=date(2024, 4, 1)
    )
    there.refresh_from_db()
    assert there.state == "answered" and there.conclusion == "unlawful"
    assert (
        application.deadlines.get(key="reconsideration.incidental_transfer_reply").status == "met"
    )
    take(application, "notify_maker", fy_handler, on=ACCEPTED_ON, data={"review": here.pk})
    assert application.deadlines.get(key="reconsideration.incidental_maker_reply").amount == 10


def test_apply_helper_still_registers(org: Any, fy_handler: Any) -> None:
    # A case registered without a channel (the generic 登记) has no Application: the panel says so.
    case = apply(org, fy_handler)
    assert not Application.objects.filter(case=case).exists()
