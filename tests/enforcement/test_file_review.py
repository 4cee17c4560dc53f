"""案卷评查: a reproducible draw of closed cases per department, scoring against the checklist
version in force, problems, rectification to its deadline, who sees what, and the Word notice."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from typing import Any

import docx
import pytest

from fazhi.core.casework.collection import CaseFields, CaseIn, CollectedState, collect
from fazhi.core.casework.models import Notification
from fazhi.core.casework.workflow import StepRefused, TransitionError, register_case, take
from fazhi.core.org.scoping import scoped
from fazhi.domains.enforcement import filereview, supervision_tasks
from fazhi.domains.enforcement.models import (
    Checklist,
    DepartmentReview,
    FileProblem,
    FileReview,
    ItemScore,
    ReviewedFile,
)

pytestmark = pytest.mark.django_db

ITEMS = [("1", "执法程序", "程序合法", 60), ("2", "执法文书", "文书规范", 40)]


def collect_closed(unit: Any, n: int, prefix: str) -> None:
    """``n`` closed 2019 cases of ``unit``, collected from its sector system."""
    cases = [
        CaseIn(
            external_id=f"{prefix}-{i}",
            fields=CaseFields(
                title=f"{prefix}案件{i}",
                opened_on=date(2019, 3, 1),
                state=CollectedState.CLOSED,
                number=f"{prefix}立〔2019〕{i}号",
                closed_on=date(2019, 6, i % 28 + 1),
            ),
        )
        for i in range(1, n + 1)
    ]
    plan, outcome = collect(cases, source_system=f"{prefix}系统", owner=unit)
    assert outcome is not None, plan.problems


@pytest.fixture
def checklist(org: Any) -> Checklist:
    checklist = Checklist.objects.create(name="案卷评查标准", owner_unit=org.sfj)
    filereview.new_checklist_version(checklist, date(2019, 1, 1), ITEMS)
    return checklist


@pytest.fixture
def review(org: Any, people: Any, checklist: Checklist) -> FileReview:
    collect_closed(org.scjg, 12, "市监")
    collect_closed(org.sthj, 6, "环")
    return filereview.start_review(
        owner_unit=org.sfj,
        title="2019年度案卷评查",
        year=2019,
        seed="种子-2019",
        checklist=checklist,
        quotas={org.scjg: 5, org.sthj: 3},
        started_on=date(2019, 11, 1),
        actor=people.june,
    )


def part(review: FileReview, unit: Any) -> DepartmentReview:
    return review.departments.get(department=unit)


def score_all(dr: DepartmentReview, actor: Any, on: date = date(2019, 11, 10)) -> None:
    for rf in dr.files.all():
        filereview.score_file(rf, {"1": 50, "2": 40}, on=on, actor=actor)


def test_the_same_seed_draws_the_same_sample_as_anyone_can_recompute(
    org: Any, review: FileReview
) -> None:
    dr = part(review, org.scjg)
    drawn = list(dr.files.order_by("position").values_list("case__number", flat=True))
    # Re-derived with nothing but the recorded seed, rule and a standard hash function.
    numbers = [f"市监立〔2019〕{i}号" for i in range(1, 13)]
    expected = sorted(numbers, key=lambda k: hashlib.sha256(f"种子-2019:{k}".encode()).hexdigest())
    assert drawn == expected[:5]
    assert dr.population == 12 and review.seed == "种子-2019" and "SHA-256" in review.rule
    # Drawn again today, in any order of the cases, the sample is the same.
    assert filereview.redraw(review, org.scjg) == list(
        dr.files.order_by("position").values_list("case_id", flat=True)
    )
    pairs = filereview.closed_cases(review, org.scjg)
    assert filereview.draw("种子-2019", reversed(pairs), 5) == filereview.draw(
        "种子-2019", pairs, 5
    )
    assert [d.key for d in filereview.draw("另一种子", pairs, 5)] != drawn


def test_a_department_with_too_few_closed_cases_is_refused(
    org: Any, people: Any, checklist: Checklist
) -> None:
    collect_closed(org.scjg, 2, "市监")
    with pytest.raises(TransitionError, match="不足抽取的3件"):
        filereview.start_review(
            owner_unit=org.sfj,
            title="评查",
            year=2019,
            seed="s",
            checklist=checklist,
            quotas={org.scjg: 3},
            started_on=date(2019, 11, 1),
            actor=people.june,
        )
    with pytest.raises(TransitionError, match="司法行政部门"):
        filereview.start_review(
            owner_unit=org.scjg,
            title="评查",
            year=2019,
            seed="s",
            checklist=checklist,
            quotas={},
            started_on=date(2019, 11, 1),
            actor=people.alice,
        )


def test_scores_follow_the_version_in_force_and_a_new_version_changes_no_past_score(
    org: Any, people: Any, review: FileReview, checklist: Checklist
) -> None:
    first, second = list(part(review, org.scjg).files.order_by("position"))[:2]
    filereview.score_file(first, {"1": 55, "2": 30}, on=date(2019, 11, 10), actor=people.june)
    filereview.new_checklist_version(
        checklist,
        date(2019, 11, 15),
        [
            ("1", "执法程序", "程序合法", 50),
            ("2", "执法文书", "文书规范", 30),
            ("3", "裁量", "裁量", 20),
        ],
    )
    filereview.score_file(
        second, {"1": 50, "2": 30, "3": 10}, on=date(2019, 11, 20), actor=people.june
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.score, first.checklist_version.number) == (85, 1)
    assert (second.score, second.checklist_version.number) == (90, 2)
    assert set(
        ItemScore.objects.filter(reviewed_file=first).values_list(
            "item__version__number", flat=True
        )
    ) == {1}
    # Under version 2 the old item set is incomplete, and points above an item's value refused.
    third = list(part(review, org.scjg).files.order_by("position"))[2]
    with pytest.raises(TransitionError) as refused:
        filereview.score_file(third, {"1": 60, "2": 30}, on=date(2019, 11, 20), actor=people.june)
    messages = [r.message for r in refused.value.refusals]
    assert "评查项目“1”得分应在0至50分之间" in messages and "评查项目“3”未评分" in messages
    with pytest.raises(TransitionError, match="评查人员"):
        filereview.score_file(
            third, {"1": 1, "2": 1, "3": 1}, on=date(2019, 11, 20), actor=people.alice
        )


def test_problems_carry_their_category_and_rectification_is_tracked_to_its_deadline(
    org: Any, people: Any, review: FileReview
) -> None:
    scjg, sthj = part(review, org.scjg), part(review, org.sthj)
    rf = scjg.files.first()
    assert rf is not None
    problem = filereview.record_problem(
        rf, "送达回证缺少签收日期", on=date(2019, 11, 10), item_code="1", actor=people.june
    )
    assert problem.category == "执法程序"
    # Not before every file is scored: the gate names the regulation.
    with pytest.raises(TransitionError) as early:
        take(scjg.case, "notify", people.jack, on=date(2019, 12, 2))
    assert "未评分" in early.value.refusals[0].message
    assert "行政执法监督条例" in early.value.refusals[0].basis
    for dr in (scjg, sthj):
        score_all(dr, people.june)
        take(dr.case, "notify", people.jack, on=date(2019, 12, 2))
    deadline = filereview.rectification_deadline(scjg)
    assert deadline is not None and deadline.org_unit == org.scjg
    assert "行政执法监督条例" in deadline.basis
    # 30 days from 2019-12-02 is 2020-01-01, New Year's Day: the act moves to the next workday.
    assert deadline.due == date(2020, 1, 2)
    with pytest.raises(TransitionError, match="已通报"):
        filereview.record_problem(
            rf, "补记", on=date(2019, 12, 3), item_code="1", actor=people.june
        )
    # Only the department replies; the bureau's clerk cannot do it for them.
    with pytest.raises(StepRefused):
        take(scjg.case, "reply", people.june, data={"rectified": "x"}, on=date(2019, 12, 20))
    take(scjg.case, "reply", people.alice, data={"rectified": "已补正"}, on=date(2019, 12, 20))
    assert not filereview.is_late(scjg, date(2020, 3, 1))
    # 鄂州 environment bureau: nothing by the deadline is late, and a late reply stays late.
    assert not filereview.is_late(sthj, date(2020, 1, 2))
    assert filereview.is_late(sthj, date(2020, 1, 3))
    # The daily job tells the bureau's clerk and head, once.
    assert supervision_tasks.notify_late(date(2020, 1, 3)) == 2
    assert supervision_tasks.notify_late(date(2020, 1, 3)) == 0
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "june",
        "jack",
    }
    take(sthj.case, "reply", people.bob, data={"rectified": "已整改"}, on=date(2020, 1, 10))
    assert filereview.is_late(sthj, date(2020, 3, 1))
    late = DepartmentReview.objects.filter(filereview.late_q(date(2020, 3, 1)))
    assert list(late) == [sthj]
    take(scjg.case, "close", people.june, data={"note": "整改到位"}, on=date(2020, 1, 6))
    scjg.case.refresh_from_db()
    assert scjg.case.state == "closed" and scjg.case.closed_on == date(2020, 1, 6)


def test_a_department_sees_its_own_results_another_none_and_the_bureau_all(
    org: Any, people: Any, review: FileReview, client: Any
) -> None:
    for dr in review.departments.all():
        rf = dr.files.first()
        assert rf is not None
        filereview.record_problem(
            rf, "问题", on=date(2019, 11, 10), item_code="2", actor=people.june
        )
    scjg = part(review, org.scjg)

    def departments(user: Any) -> set[str]:
        return {
            dr.department.code for dr in scoped(user, DepartmentReview).select_related("department")
        }

    def files(user: Any) -> set[int]:
        return set(
            scoped(user, ReviewedFile).values_list("department_review__department_id", flat=True)
        )

    assert departments(people.alice) == {"420700-SCJG"} and files(people.alice) == {org.scjg.pk}
    assert departments(people.bob) == {"420700-STHJ"}
    assert departments(people.ellen) == set() and files(people.ellen) == set()
    assert not scoped(people.ellen, FileProblem).exists()
    for bureau in (people.june, people.jack, people.carol):
        assert departments(bureau) == {"420700-SCJG", "420700-STHJ"}
        assert scoped(bureau, FileProblem).count() == 2
    # The exercise itself (its seed and rule) is the bureau's.
    assert not scoped(people.alice, FileReview).exists()
    assert scoped(people.june, FileReview).count() == 1
    # And so on the screens.
    client.force_login(people.bob)
    assert (
        client.get(
            f"/office/enforcement/supervision/file-reviews/departments/{scjg.pk}/"
        ).status_code
        == 404
    )
    client.force_login(people.alice)
    # The department's review is a case on the case page, with its step for the department.
    case_page = client.get(f"/office/cases/{scjg.case.pk}/")
    assert case_page.status_code == 200 and "案卷评查" in case_page.content.decode()
    page = client.get(f"/office/enforcement/supervision/file-reviews/departments/{scjg.pk}/")
    assert page.status_code == 200 and "问题" in page.content.decode()
    listing = client.get("/office/enforcement/supervision/file-reviews/").content.decode()
    assert "鄂州市市场监督管理局" in listing and "鄂州市生态环境局" not in listing
    client.force_login(people.june)
    detail = client.get(
        f"/office/enforcement/supervision/file-reviews/{review.pk}/"
    ).content.decode()
    assert "种子-2019" in detail and "鄂州市生态环境局" in detail


def test_the_results_are_a_word_document_with_the_files_problems_and_deadline(
    org: Any, people: Any, review: FileReview, client: Any
) -> None:
    dr = part(review, org.scjg)
    rf = dr.files.order_by("position").first()
    assert rf is not None
    filereview.record_problem(
        rf, "处罚决定书未告知复议途径", on=date(2019, 11, 10), item_code="2", actor=people.june
    )
    score_all(dr, people.june)
    take(dr.case, "notify", people.jack, on=date(2019, 12, 2))
    client.force_login(people.june)
    response = client.post(
        f"/office/enforcement/supervision/file-reviews/departments/{dr.pk}/document/"
    )
    assert response.status_code == 200
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(b"".join(response.streaming_content))).paragraphs
    )
    assert "行政执法案卷评查结果通报" in text and "鄂州市市场监督管理局" in text
    assert "〔执法文书〕处罚决定书未告知复议途径" in text
    assert "共评查案卷5件，发现执法不规范问题1个" in text
    assert "2020年1月2日前完成整改" in text and "种子-2019" in text
    assert dr.case.documents.filter(form=filereview.RESULT_FORM).count() == 1


def test_a_penalty_case_handled_and_closed_here_is_drawn_beside_the_collected_ones(
    org: Any, people: Any, item: Any, checklist: Checklist
) -> None:
    data = {
        "title": "销售过期食品案",
        "power_item": item.pk,
        "violation_on": "2019-02-01",
        "facts": "群众举报",
    }
    # A lead closed through the workflow (不予立案, with its reason) is a closed case file too.
    case = register_case("penalty", people.alice, data, on=date(2019, 3, 1))
    take(case, "not_file", people.henry, data={"reason": "不属于本机关管辖"}, on=date(2019, 3, 2))
    collect_closed(org.scjg, 1, "市监")
    review = filereview.start_review(
        owner_unit=org.sfj,
        title="评查",
        year=2019,
        seed="s",
        checklist=checklist,
        quotas={org.scjg: 2},
        started_on=date(2019, 11, 1),
        actor=people.june,
    )
    drawn = set(part(review, org.scjg).files.values_list("case__kind", flat=True))
    assert drawn == {"penalty", "collected_enforcement"}


def test_the_bureau_opens_a_review_scores_and_records_problems_on_the_screens(
    client: Any, org: Any, people: Any, checklist: Checklist
) -> None:
    collect_closed(org.scjg, 4, "市监")
    client.force_login(people.alice)
    assert client.get("/office/enforcement/supervision/file-reviews/new/").status_code == 403
    client.force_login(people.june)
    base = "/office/enforcement/supervision/file-reviews/"
    made = client.post(
        f"{base}new/",
        {
            "title": "专项评查",
            "year": 2019,
            "seed": "屏幕种子",
            "checklist": checklist.pk,
            "departments": [org.scjg.pk],
            "quota": 2,
        },
    )
    review = FileReview.objects.get(title="专项评查")
    assert made.status_code == 302 and review.seed == "屏幕种子"
    rf = part(review, org.scjg).files.order_by("position").first()
    assert rf is not None
    # The department may look at its file but not score it: the service refuses, nothing saved.
    client.force_login(people.alice)
    refused = client.post(
        f"{base}files/{rf.pk}/score/", {"action": "score", "item_1": 60, "item_2": 40}
    )
    assert refused.status_code == 200 and "评查人员" in refused.content.decode()
    client.force_login(people.june)
    over = client.post(
        f"{base}files/{rf.pk}/score/", {"action": "score", "item_1": 61, "item_2": 40}
    )
    assert over.status_code == 200
    rf.refresh_from_db()
    assert rf.score is None
    client.post(f"{base}files/{rf.pk}/score/", {"action": "score", "item_1": 50, "item_2": 40})
    client.post(
        f"{base}files/{rf.pk}/score/",
        {"action": "problem", "item": "1", "description": "缺送达回证"},
    )
    rf.refresh_from_db()
    assert rf.score == 90 and rf.problems.get().category == "执法程序"
