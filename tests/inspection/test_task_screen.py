"""The inspection task on a phone-sized screen: the check list, the entity, findings with a photo
and its SHA-256 digest, the result, and a second inspector's confirmation."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fazhi.core.casework.models import Deadline
from fazhi.core.casework.workbench import workbench
from fazhi.domains.inspection import rules
from fazhi.domains.inspection.models import FindingPhoto, InspectionTask

from .campaign_fixtures import ASSIGNED, scene

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


def signed_in(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def s(org: Any) -> Any:
    return scene(org)


def test_it_renders_the_task_for_a_phone(s: Any) -> None:
    """GIVEN a drawn task WHEN an assigned inspector opens it THEN one narrow column with the
    entity, the check list and the finding form, and no inline style or script (CSP)."""
    c = signed_in(s.zhou)
    page = c.get(reverse("inspection_office:task_detail", args=[s.task.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="viewport"' in html and 'class="account"' in html
    assert s.entity.name in html and s.entity.uscc in html
    assert "食品经营者经营条件检查" in html and "检查经营场所" in html
    assert 'capture="environment"' in html  # the phone's camera
    assert not re.search(r"\sstyle=|<script>|\son[a-z]+=", html)
    listing = c.get(reverse("inspection_office:task_list"))
    assert s.entity.name in listing.content.decode()


def test_it_waits_on_the_assigned_inspectors_workbench(s: Any, org: Any) -> None:
    from fazhi.core.org.choices import Role
    from tests.conftest import make_staff

    other = make_staff("li", (Role.OFFICER, org.scjg))
    assert s.task.case in workbench(s.zhou, today=ASSIGNED).awaiting
    assert s.task.case not in workbench(other, today=ASSIGNED).awaiting


def test_it_records_a_finding_with_its_photo_digest_and_two_inspectors_confirm(s: Any) -> None:
    zhou, wu = signed_in(s.zhou), signed_in(s.wu)
    url = lambda name: reverse(f"inspection_office:task_{name}", args=[s.task.pk])  # noqa: E731
    photo = SimpleUploadedFile("p.png", PNG, content_type="image/png")
    zhou.post(
        url("finding"), {"item": s.item.pk, "text": "后厨从业人员1人健康证明过期", "photo": photo}
    )
    saved = FindingPhoto.objects.get()
    assert saved.sha256 == hashlib.sha256(PNG).hexdigest() == saved.document.sha256
    assert saved.sha256 in zhou.get(url("detail")).content.decode()

    zhou.post(
        url("record"), {"ended_on": "2024-05-08", "category": "corrected", "note": "已责令改正"}
    )
    # The one who recorded cannot confirm alone: two officers per inspection act.
    page = zhou.post(url("confirm"), {}, follow=True)
    assert "另一名检查人员确认" in page.content.decode()
    task = InspectionTask.objects.get(pk=s.task.pk)
    assert task.case.state == "recorded" and task.confirmed_by is None

    wu.post(url("confirm"), {"note": "核对无误"})
    task.refresh_from_db()
    assert task.case.state == "confirmed" and task.confirmed_by == s.officers[1]
    assert task.recorded_by == s.officers[0]
    # 20 working days from the end of the inspection (2024-05-08), Saturday 05-11 being a
    # make-up working day (劳动节调休): 2024-06-04.
    assert task.due_on == rules.results_due(date(2024, 5, 8)) == date(2024, 6, 4)
    d = Deadline.objects.get(case=task.case, key=rules.RESULT_PUBLICATION_KEY)
    assert d.due == task.due_on and d.status == "running"


def test_the_task_is_secret_until_published_even_within_the_department(
    s: Any, org: Any, people: Any
) -> None:
    """Unannounced: before publication only the two assigned inspectors take part; another
    officer of the department, its clerk and the supervisor above do not see the task."""
    from .campaign_fixtures import inspector

    li, _ = inspector(org.scjg, "li", "李三", "42070003")
    for user in (li, people.alice, people.carol):
        c = signed_in(user)
        assert c.get(reverse("inspection_office:task_detail", args=[s.task.pk])).status_code == 404
        page = c.post(
            reverse("inspection_office:task_record", args=[s.task.pk]), {"category": "no_problem"}
        )
        assert page.status_code == 404
    assert s.entity.name not in s.task.case.title
    assert InspectionTask.objects.get(pk=s.task.pk).case.state == "assigned"
    # Once the result is published, the department and the supervisors above see it.
    from fazhi.domains.inspection import results, tasks

    tasks.take_step(
        s.task,
        "record",
        s.zhou,
        data={"ended_on": date(2024, 5, 8), "category": "no_problem"},
        on=date(2024, 5, 8),
    )
    tasks.take_step(s.task, "confirm", s.wu, data={}, on=date(2024, 5, 8))
    assert (
        signed_in(people.carol)
        .get(reverse("inspection_office:task_detail", args=[s.task.pk]))
        .status_code
        == 404
    )
    results.publish_results(s.campaign, org.scjg, on=date(2024, 5, 10))
    for user in (people.alice, people.carol):
        assert (
            signed_in(user)
            .get(reverse("inspection_office:task_detail", args=[s.task.pk]))
            .status_code
            == 200
        )
    assert (
        signed_in(li).get(reverse("inspection_office:task_detail", args=[s.task.pk])).status_code
        == 200
    )


def test_a_violation_opens_a_penalty_case_at_its_clue_step(s: Any) -> None:
    zhou, wu = signed_in(s.zhou), signed_in(s.wu)
    url = lambda name: reverse(f"inspection_office:task_{name}", args=[s.task.pk])  # noqa: E731
    page = zhou.post(
        url("record"), {"ended_on": "2024-05-08", "category": "violation"}, follow=True
    )
    assert "须选择立案查处的处罚事项" in page.content.decode()
    zhou.post(
        url("record"),
        {
            "ended_on": "2024-05-08",
            "category": "violation",
            "note": "无证经营",
            "penalty_item": s.penalty_item.pk,
        },
    )
    wu.post(url("confirm"), {})
    task = InspectionTask.objects.get(pk=s.task.pk)
    assert task.follow_up == "case"
    case = task.enforcement_case
    assert case.kind == "penalty" and case.state == "lead"
    assert case.parties.get().entity == s.entity
    assert case.links_in.get().from_case == task.case
