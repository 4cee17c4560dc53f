"""Proof complaints are cases tracked to their reply; fee cleanups publish their result."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.workflow import TransitionError
from fazhi.domains.lists import cleanups, complaints, services
from fazhi.domains.lists.models import FeeCleanup, FeeDocumentReview, ProofRequirement

pytestmark = pytest.mark.django_db


def test_a_complaint_about_a_cancelled_proof_is_tracked_to_its_reply(org, people) -> None:
    proof = services.create_item(
        ProofRequirement,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={
            "name": "无犯罪记录证明",
            "status": "cancelled",
            "issuer": "社区居委会",
            "replacement": "data_sharing",
            "community_issued": True,
        },
    )
    c = complaints.receive(
        handler=org.sfj,
        proof=proof,
        demanded_by="某培训机构",
        description="仍要求社区开具",
        received_on=date(2019, 8, 1),
        actor=people.june,
    )
    # Registered without a number; the respondent is the department that holds the proof.
    assert c.case.state == "registered" and c.case.number == ""
    assert set(c.case.participants.values_list("role", flat=True)) == {"owner", "respondent"}
    complaints.accept(c, actor=people.june, on=date(2019, 8, 1))
    assert c.case.number == "420700-SFJ-JZ-2019-0001"
    deadline = c.case.deadlines.get(key="complaint.reply")
    assert (deadline.due, deadline.basis) == (date(2019, 9, 30), "信访工作条例 第三十四条")
    # The respondent department's handler records what verification found.
    complaints.verify(c, "确有此事，已责令改正", actor=people.alice, on=date(2019, 8, 3))
    with pytest.raises(TransitionError, match="答复内容"):
        complaints.reply(c, " ", actor=people.jack, on=date(2019, 8, 5))
    complaints.reply(c, "已督促该机构改正", actor=people.jack, on=date(2019, 8, 5))
    c.case.refresh_from_db()
    assert c.case.state == "replied" and c.case.closed_on == date(2019, 8, 5)
    assert c.reply == "已督促该机构改正"
    deadline.refresh_from_db()
    assert (deadline.status, deadline.met_on) == ("met", date(2019, 8, 5))


def test_a_fee_cleanup_publishes_its_counts(org) -> None:
    cleanup = FeeCleanup.objects.create(
        title="2019年价费文件清理", department=org.scjg, concluded_on=date(2019, 10, 1)
    )
    for outcome in ["retain", "retain", "amend", "repeal"]:
        FeeDocumentReview.objects.create(
            cleanup=cleanup, title="某收费文件", number="鄂价〔2010〕1号", outcome=outcome
        )
    cleanups.publish_result(cleanup)
    payload = cleanup.publication.payload
    assert (payload["保留"], payload["修改"], payload["废止"]) == (2, 1, 1)


def test_a_withdrawn_cleanup_result_is_no_longer_public(org) -> None:
    from django.contrib.auth.models import AnonymousUser

    from fazhi.core.disclosure.gate import withdraw

    cleanup = FeeCleanup.objects.create(
        title="2019年价费文件清理", department=org.scjg, concluded_on=date(2019, 10, 1)
    )
    FeeDocumentReview.objects.create(cleanup=cleanup, title="某收费文件", outcome="retain")
    cleanups.publish_result(cleanup)
    assert FeeCleanup.objects.restrict(AnonymousUser()).filter(pk=cleanup.pk).exists()
    withdraw(cleanup.publication, reason="清理结果有误")
    assert not FeeCleanup.objects.restrict(AnonymousUser()).filter(pk=cleanup.pk).exists()


def test_control_characters_do_not_break_the_excel_export(org) -> None:
    import io

    from openpyxl import load_workbook

    from fazhi.core.intake.xlsx import write_xlsx

    data = write_xlsx("清单", ["名称"], [["食品\x0b经营许可"]])
    assert load_workbook(io.BytesIO(data)).active["A2"].value == "食品经营许可"
