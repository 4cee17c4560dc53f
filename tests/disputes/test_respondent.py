"""The respondent department's own screen (行政复议法 第四十八条): its cases from the copy until
the end, the copy's download, the reply with evidence, and late material marked (第七十条)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import StepRefused, take
from fazhi.domains.disputes import intake, respondent
from fazhi.domains.disputes.models import RespondentSubmission

from .parties_helpers import accepted_with_copy
from .test_intake import counter_data

pytestmark = pytest.mark.django_db
LIST = "/office/disputes/parties/respondent/"


@pytest.fixture
def counter_case(org: Any, fy_handler: Any) -> Case:
    return intake.register_at_counter(fy_handler, counter_data(org), on=date(2024, 3, 4))


def test_the_respondent_sees_its_case_from_the_copy_until_the_end(
    client: Any, people: Any, fy_handler: Any, fy_head: Any, counter_case: Case
) -> None:
    client.force_login(people.alice)  # a clerk of the market regulator, the respondent
    assert counter_case.title not in client.get(LIST).content.decode()  # no copy yet
    accepted_with_copy(counter_case, fy_handler)
    page = client.get(LIST).content.decode()
    assert counter_case.title in page
    detail = client.get(f"{LIST}{counter_case.pk}/").content.decode()
    copy = counter_case.documents.get(kind="行政复议申请书")
    assert f"/office/cases/{counter_case.pk}/files/{copy.pk}/" in detail
    download = client.get(f"/office/cases/{counter_case.pk}/files/{copy.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    # Another department's clerk sees neither the list entry nor the screen.
    client.force_login(people.bob)
    assert counter_case.title not in client.get(LIST).content.decode()
    assert client.get(f"{LIST}{counter_case.pk}/").status_code == 404
    # The case ends: it leaves the respondent's screen.
    take(counter_case, "decide", fy_head, data={"outcome": "uphold", "reasons": "合法"})
    client.force_login(people.alice)
    assert counter_case.title not in client.get(LIST).content.decode()


def test_the_reply_on_the_screen_takes_the_reply_step(
    client: Any, people: Any, fy_handler: Any, counter_case: Case
) -> None:
    accepted_with_copy(counter_case, fy_handler)
    client.force_login(people.henry)  # the respondent's head
    response = client.post(
        f"{LIST}{counter_case.pk}/",
        {
            "reply": SimpleUploadedFile("答复书.docx", b"reply"),
            "evidence": [
                SimpleUploadedFile("现场笔录.pdf", b"e1"),
                SimpleUploadedFile("询问笔录.pdf", b"e2"),
            ],
        },
    )
    assert response.status_code == 302
    counter_case.refresh_from_db()
    assert counter_case.state == "replied"
    rows = RespondentSubmission.objects.filter(case=counter_case)
    assert sorted(r.kind for r in rows) == ["evidence", "evidence", "reply"]
    # Submitted today, long after the fixture's 2024 deadline: marked late, on both screens.
    assert all(r.late for r in rows)
    assert "逾期提交" in client.get(f"{LIST}{counter_case.pk}/").content.decode()
    reply_event = counter_case.events.get(kind="reply")
    assert sorted(reply_event.document_ids) == sorted(r.document_id for r in rows)
    assert all(r.document.owner_unit.code == "420700-SCJG" for r in rows)


def test_material_after_the_deadline_is_marked_late(
    people: Any, org: Any, fy_handler: Any, counter_case: Case
) -> None:
    accepted_with_copy(counter_case, fy_handler)
    due = respondent.reply_deadline(counter_case).due  # type: ignore[union-attr]
    assert due is not None
    (on_time,) = respondent.submit(
        counter_case, people.alice, [("reply", "答复.docx", b"r")], on=due
    )
    assert not on_time.late
    (late,) = respondent.submit(
        counter_case, people.alice, [("evidence", "补充证据.pdf", b"x")], on=date(2024, 5, 6)
    )
    assert late.late and late.due == due
    with pytest.raises(StepRefused):  # only the respondent submits
        respondent.submit(counter_case, people.bob, [("evidence", "x.pdf", b"x")], on=due)
