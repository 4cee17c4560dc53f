"""Results are published through the disclosure gate to the portal and, through the outbox, to
国家企业信用信息公示系统 and the provincial platform, within 20 working days of the inspection's
end; lateness is measured per inspection. Before publication the public sees nothing of the
targets; after it, the entity's burden counts it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.casework.models import Deadline
from fazhi.core.disclosure.models import OutboxMessage, Publication
from fazhi.domains.inspection import results, rules, tasks
from fazhi.domains.inspection.models import InspectionTask

from .campaign_fixtures import scene


def confirmed(s: Any, ended: date, on: date) -> InspectionTask:
    tasks.take_step(
        s.task, "record", s.zhou, data={"ended_on": ended, "category": "no_problem"}, on=on
    )
    tasks.take_step(s.task, "confirm", s.wu, data={}, on=on)
    return InspectionTask.objects.get(pk=s.task.pk)


@pytest.fixture
def s(org: Any) -> Any:
    return scene(org)


def test_it_publishes_in_time_to_the_portal_and_both_platforms(s: Any, org: Any) -> None:
    task = confirmed(s, date(2024, 5, 8), date(2024, 5, 9))
    pub = results.publish_results(s.campaign, org.scjg, on=date(2024, 5, 20))
    assert pub.on_time is True and pub.statutory_deadline == task.due_on
    row = dict(
        zip(pub.payload["栏目"].split("｜"), pub.payload["抽查结果"][0].split("｜"), strict=True)
    )
    assert row["统一社会信用代码"] == s.entity.uscc and row["名称"] == s.entity.name
    assert row["检查结果"] == "未发现问题"
    assert set(OutboxMessage.objects.filter(publication=pub).values_list("target", flat=True)) == {
        "gsxt",
        "province_random",
    }
    task.refresh_from_db()
    assert task.published_on == date(2024, 5, 20) and task.days_late == 0
    d = Deadline.objects.get(case=task.case, key=rules.RESULT_PUBLICATION_KEY)
    assert d.status == "met" and d.met_on == date(2024, 5, 20)
    # Nothing is left to publish: a second press is refused with the reason.
    with pytest.raises(Exception, match="没有已确认、尚未公示的检查结果"):
        results.publish_results(s.campaign, org.scjg, on=date(2024, 5, 21))


def test_lateness_is_measured(s: Any, org: Any) -> None:
    task = confirmed(s, date(2024, 5, 8), date(2024, 5, 9))
    assert (
        results.lateness(InspectionTask.objects.all(), today=date(2024, 6, 10)).unpublished_overdue
        == 1
    )
    pub = results.publish_results(s.campaign, org.scjg, on=date(2024, 6, 11))
    task.refresh_from_db()
    assert pub.on_time is False
    assert task.days_late == (date(2024, 6, 11) - date(2024, 6, 4)).days == 7
    late = results.lateness(InspectionTask.objects.all(), today=date(2024, 6, 11))
    assert (late.published, late.late, late.unpublished_overdue, late.worst_days) == (1, 1, 0, 7)


def test_an_unconfirmed_result_is_not_published(s: Any, org: Any) -> None:
    tasks.take_step(
        s.task,
        "record",
        s.zhou,
        data={"ended_on": date(2024, 5, 8), "category": "no_problem"},
        on=date(2024, 5, 8),
    )
    with pytest.raises(Exception, match="须两名检查人员确认后公示"):
        results.publish_results(s.campaign, org.scjg, on=date(2024, 5, 9))
    assert not Publication.objects.filter(kind=results.RESULT_KIND).exists()


def test_targets_stay_secret_until_the_results_are_published(s: Any, org: Any) -> None:
    """The public lookup counts only published inspections; nothing is published before."""
    public = Client()
    url = reverse("inspection_portal:entity_burden")
    query = {"uscc": s.entity.uscc, "year": 2024}
    before = public.get(url, query).content.decode()
    assert "已公示的抽查检查 0 次" in before
    assert not Publication.objects.filter(payload__icontains=s.entity.uscc).exists()
    confirmed(s, date(2024, 5, 8), date(2024, 5, 9))
    assert "已公示的抽查检查 0 次" in public.get(url, query).content.decode()  # confirmed ≠ public
    results.publish_results(s.campaign, org.scjg, on=date(2024, 5, 20))
    after = public.get(url, query).content.decode()
    assert "已公示的抽查检查 1 次" in after and "鄂州市市场监督管理局" in after


def test_a_market_only_category_of_another_department_is_referred(org: Any) -> None:
    from fazhi.core.org.validators import make_uscc
    from tests.conftest import make_entity

    from .campaign_fixtures import campaign, check_item, drawn_tasks, inspector

    entity = make_entity(org, "鄂州市清水环保科技有限公司", uscc=make_uscc("91420704MA4F00002"))
    a, o1 = inspector(org.sthj, "ma", "马一", "42071001")
    b, o2 = inspector(org.sthj, "niu", "牛二", "42071002")
    camp = campaign(org.sthj, "420700-STHJ-2024-001", "排污单位抽查")
    (task,) = drawn_tasks(
        camp,
        entity,
        {org.sthj: [o1, o2]},
        {org.sthj: [check_item(org.sthj, "排污许可执行情况检查")]},
    )
    tasks.take_step(
        task,
        "record",
        a,
        data={"ended_on": date(2024, 5, 8), "category": "unreachable"},
        on=date(2024, 5, 8),
    )
    tasks.take_step(task, "confirm", b, data={}, on=date(2024, 5, 8))
    task.refresh_from_db()
    assert task.follow_up == "referral" and task.referred_to == org.scjg
