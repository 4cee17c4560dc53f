"""阅卷 (行政复议法 第四十七条): requested, granted or refused with its statutory ground, and every
reading logged (who, when, which files) and shown on the case page; online by the applicant."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import StepRefused, TransitionError
from fazhi.domains.disputes import access, intake, respondent
from fazhi.domains.disputes.models import FileAccess

from .parties_helpers import accepted_with_copy, citizen, sign_in_account

pytestmark = pytest.mark.django_db
ON = date(2024, 3, 20)


@pytest.fixture
def replied(client: Any, org: Any, people: Any, fy_handler: Any, settings: Any) -> Case:
    settings.FAZHI_RECONSIDERATION_BODY = org.sfj.code
    account = citizen()
    data = {
        "title": "不服罚款",
        "act_complained": "罚款",
        "respondent": org.scjg,
        "knew_on": date(2024, 2, 1),
        "applicant_name": "张三",
        "request": "撤销",
        "facts": "理由",
        "reviewed_case": None,
    }
    case = intake.apply_online(account, data, on=date(2024, 3, 4))
    accepted_with_copy(case, fy_handler)
    respondent.submit(
        case,
        people.alice,
        [("reply", "答复书.docx", b"r"), ("evidence", "现场笔录.pdf", b"e")],
        on=date(2024, 3, 15),
    )
    case.account = account  # type: ignore[attr-defined]  # for the tests below
    return case


def test_refusal_needs_a_statutory_ground(fy_handler: Any, people: Any, replied: Case) -> None:
    applicant = replied.parties.get(role="applicant")
    with pytest.raises(StepRefused):  # the respondent does not decide on access
        access.request_access(replied, people.alice, applicant, on=ON)
    req = access.request_access(replied, fy_handler, applicant, on=ON)
    with pytest.raises(TransitionError) as exc:
        access.decide_access(req, fy_handler, grant=False, on=ON)
    assert "第四十七条" in str(exc.value)
    access.decide_access(req, fy_handler, grant=False, on=ON, ground="trade_secret", reasons="配方")
    req.refresh_from_db()
    assert req.state == "refused" and req.get_refusal_ground_display() == "涉及商业秘密"
    with pytest.raises(TransitionError):  # nothing is read under a refused request
        access.log_access(
            req, mode="read", documents=list(access.readable_documents(replied)), on=ON
        )


def test_every_access_is_logged_and_shown(
    client: Any, fy_handler: Any, fy_head: Any, replied: Case
) -> None:
    applicant = replied.parties.get(role="applicant")
    page_url = f"/office/disputes/parties/cases/{replied.pk}/"
    client.force_login(fy_handler)
    client.post(
        page_url, {"action": "request", "rq-requester": applicant.pk, "rq-on": "2024-03-20"}
    )
    req = replied.file_access_requests.get()
    client.post(page_url, {"action": "decide", "dc-request_id": req.pk, "dc-grant": "1"})
    req.refresh_from_db()
    assert req.state == "granted" and req.decided_by == fy_handler
    docs = list(access.readable_documents(replied))
    assert len(docs) == 2
    response = client.post(
        page_url,
        {"action": "log", "lg-request_id": req.pk, "lg-mode": "copy", "lg-documents": [docs[0].pk]},
    )
    assert response.status_code == 302
    row = FileAccess.objects.get()
    assert (row.staff, row.mode, list(row.documents.all())) == (fy_handler, "copy", [docs[0]])
    # The log on the reconsideration page, and each reading in the case page's timeline.
    client.force_login(fy_head)
    assert "张三" in client.get(page_url).content.decode()
    case_page = client.get(f"/office/cases/{replied.pk}/").content.decode()
    assert "阅卷" in case_page and docs[0].title in case_page
    # Online: the applicant's account reads the granted files; each download is logged.
    portal = client.__class__()
    sign_in_account(portal, replied.account)  # type: ignore[attr-defined]
    listing = portal.get(f"/disputes/apply/cases/{replied.pk}/files/").content.decode()
    assert docs[1].title in listing
    download = portal.get(f"/disputes/apply/cases/{replied.pk}/files/{docs[1].pk}/")
    assert download.status_code == 200
    online = FileAccess.objects.get(mode="online")
    assert online.account == replied.account and online.staff is None  # type: ignore[attr-defined]
    # The API lists the log to whoever sees the case.
    api = APIClient()
    api.force_authenticate(fy_head)
    rows = api.get("/api/reconsideration-file-access/", {"case": replied.pk}).json()["results"]
    assert {r["mode"] for r in rows} == {"copy", "online"}


def test_another_account_reads_nothing(client: Any, replied: Case, fy_handler: Any) -> None:
    applicant = replied.parties.get(role="applicant")
    req = access.request_access(replied, fy_handler, applicant, on=ON)
    access.decide_access(req, fy_handler, grant=True, on=ON)
    sign_in_account(client, citizen("13871230005", "路人"))
    assert client.get(f"/disputes/apply/cases/{replied.pk}/files/").status_code == 404
    doc = access.readable_documents(replied).first()
    assert doc is not None
    assert client.get(f"/disputes/apply/cases/{replied.pk}/files/{doc.pk}/").status_code == 404
    assert not FileAccess.objects.exists()


def test_the_respondent_sees_the_log_but_does_not_act(
    client: Any, people: Any, replied: Case
) -> None:
    client.force_login(people.alice)
    response = client.get(f"/office/disputes/parties/cases/{replied.pk}/")
    page = response.content.decode()
    assert response.status_code == 200 and "阅卷记录" in page
    assert 'name="action"' not in page
