"""A department plans its year and runs a campaign in the back office: the plan with its rules and
campaigns (a joint one too), filed, published and exported; the campaign opened, its pools
frozen, two officials committing and revealing in their own sessions, the draw and the tasks on
the inspectors' workbenches, their results, and the results published on time. Another
department gets 404; the targets stay secret to all but the running department's staff and the
assigned inspectors until the results are published; a campaign that cannot be staffed is
refused before the draw with its reason."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.core.casework.workbench import workbench
from fazhi.core.disclosure.models import Publication
from fazhi.core.integrity.models import AuditEntry
from fazhi.core.org.choices import Role
from fazhi.core.org.models import Entity, RiskClassification
from fazhi.core.org.validators import make_uscc
from fazhi.domains.inspection import running, services
from fazhi.domains.inspection.campaign_choices import PlanState, TaskState
from fazhi.domains.inspection.choices import CampaignState
from fazhi.domains.inspection.models import (
    CheckItem,
    InspectionPlan,
    InspectionTask,
    PlanEntry,
    SeedCommitment,
    Target,
)
from tests.conftest import make_staff

from .campaign_fixtures import campaign, check_item, drawn_tasks, inspector

pytestmark = pytest.mark.django_db

SECRET_ALICE = "a1" * 32
CSP_VIOLATION = re.compile(r"\sstyle=|<script>|\son[a-z]+=")


def signed_in(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def office(name: str, *args: Any) -> str:
    return reverse(f"inspection_office:{name}", args=args)


@dataclass
class Scene:
    year: int
    entities: list[Entity]
    item: CheckItem
    partner_item: CheckItem
    staff: dict[str, Any]


@pytest.fixture
def scene(org: Any, people: Any) -> Scene:
    year = timezone.localdate().year
    entities = []
    for i in range(3):
        e = Entity.objects.create(
            uscc=make_uscc(f"91420704MA4F{i:05d}"),
            name=f"鄂州市第{i}餐饮有限公司",
            kind="company",
            industry="H",
            region=org.district,
            registered_on=date(2015, 1, 1),
        )
        RiskClassification.objects.create(
            entity=e, scheme="市场监管", risk_class="A", as_of=date(2019, 1, 1), source="省局"
        )
        entities.append(e)
    staff = {
        "zhou": inspector(org.scjg, "zhou", "周一", "42070001")[0],
        "wu": inspector(org.scjg, "wu", "吴二", "42070002")[0],
    }
    return Scene(
        year,
        entities,
        check_item(org.scjg),
        check_item(org.sthj, "餐饮油烟排放检查"),
        staff,
    )


def plan_data(org: Any, year: int, **extra: Any) -> dict[str, Any]:
    return {
        "department": org.scjg.pk,
        "year": year,
        "title": "",
        "scheme": "市场监管",
        "ratios": "A:1000 B:300 C:600 D:1000 未分类:0",
        "team_size": 2,
        "no_repeat_days": 365,
        "yearly_cap": 2,
        "publication_workdays": 20,
        **extra,
    }


def published_plan(alice: Client, org: Any, s: Scene, *, joint: bool = False) -> PlanEntry:
    """Through the screens: create, add one campaign (joint: with the ecology bureau), file,
    publish."""
    assert alice.post(office("plan_create"), plan_data(org, s.year)).status_code == 302
    plan = InspectionPlan.objects.get(department=org.scjg, year=s.year)
    entry: dict[str, Any] = {
        "name": "餐饮服务联合抽查" if joint else "餐饮服务食品安全抽查",
        "starts_on": f"{s.year}-01-02",
        "ends_on": f"{s.year}-12-31",
        "items": [s.item.pk],
    }
    if joint:
        entry.update({"partners": [org.sthj.pk], "partner_items": [s.partner_item.pk]})
    response = alice.post(office("planentry_create", plan.pk), entry)
    assert response.status_code == 302, response.content.decode()
    alice.post(office("plan_publish", plan.pk))  # 报备
    alice.post(office("plan_publish", plan.pk))  # 公布
    plan.refresh_from_db()
    assert plan.state == PlanState.PUBLISHED
    return plan.entries.get()


def page(c: Client, entry: PlanEntry) -> str:
    response = c.get(office("campaign_detail", entry.pk))
    assert response.status_code == 200
    return response.content.decode()


def follow(c: Client, name: str, entry: PlanEntry, data: dict[str, Any] | None = None) -> str:
    response = c.post(office(f"campaign_{name}", entry.pk), data or {}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_plan_form_explains_its_errors_in_chinese(org: Any, people: Any, scene: Scene) -> None:
    alice = signed_in(people.alice)
    form = alice.get(office("plan_create")).content.decode()
    assert "A:20 B:30 C:60 D:200" in form  # the province's defaults
    assert not CSP_VIOLATION.search(form)
    html = alice.post(
        office("plan_create"),
        plan_data(org, scene.year, team_size=1, ratios="A:2000 B", publication_workdays=30),
    ).content.decode()
    assert "每组至少两名持证执法人员" in html
    assert "分类“A”的比例“2000”应为0至1000之间的整数" in html
    assert "二十个工作日内公示" in html
    assert not InspectionPlan.objects.exists()
    # Only a clerk or head of a department plans: an officer may not.
    assert signed_in(scene.staff["zhou"]).get(office("plan_create")).status_code == 403
    alice.post(office("plan_create"), plan_data(org, scene.year))
    again = alice.post(office("plan_create"), plan_data(org, scene.year)).content.decode()
    assert f"已有{scene.year}年度的抽查计划" in again
    # A draft's rules may be changed (department and year stay); a filed plan's not.
    plan = InspectionPlan.objects.get()
    changed = plan_data(org, scene.year, ratios="A:50 未分类:10", team_size=3)
    assert alice.post(office("plan_update", plan.pk), changed).status_code == 302
    plan.refresh_from_db()
    assert (plan.ratios, plan.team_size, plan.year) == ({"A": 50, "未分类": 10}, 3, scene.year)
    bad = alice.post(office("plan_update", plan.pk), {**changed, "ratios": ""}).content.decode()
    assert "请填写各分类的抽查比例" in bad
    assert signed_in(people.bob).get(office("plan_update", plan.pk)).status_code == 404


def test_an_entry_form_refuses_a_partner_item_without_its_department(
    org: Any, people: Any, scene: Scene
) -> None:
    alice = signed_in(people.alice)
    alice.post(office("plan_create"), plan_data(org, scene.year))
    plan = InspectionPlan.objects.get()
    html = alice.post(
        office("planentry_create", plan.pk),
        {
            "name": "联合抽查",
            "starts_on": f"{scene.year - 1}-12-01",
            "ends_on": f"{scene.year - 1}-11-01",
            "items": [scene.item.pk],
            "partner_items": [scene.partner_item.pk],
        },
    ).content.decode()
    assert f"任务须在计划年度（{scene.year}年）内开始" in html
    assert "计划结束日期不能早于开始日期" in html
    assert "须先将其选为联合抽查部门" in html
    assert not plan.entries.exists()
    # Another department's clerk cannot add to this plan (not even see the draft).
    assert signed_in(people.bob).get(office("planentry_create", plan.pk)).status_code == 404
    assert signed_in(people.bob).get(office("plan_detail", plan.pk)).status_code == 404


def test_a_department_plans_publishes_and_exports_its_plan(
    org: Any, people: Any, scene: Scene
) -> None:
    alice = signed_in(people.alice)
    entry = published_plan(alice, org, scene, joint=True)
    plan = entry.plan
    assert entry.partners.get() == org.sthj
    assert set(entry.items.all()) == {scene.item, scene.partner_item}
    assert plan.ratios["未分类"] == 0 and plan.created_by == people.alice
    # The published plan is on the portal (rules and campaigns, never a target).
    portal = Client().get(reverse("inspection_portal:plan_detail", args=[plan.pk]))
    assert "餐饮服务联合抽查" in portal.content.decode()
    detail = alice.get(office("plan_detail", plan.pk)).content.decode()
    assert office("campaign_detail", entry.pk) in detail and "导出 Excel" in detail
    # The Excel export opens with openpyxl and holds the rules and the campaign.
    export = alice.get(office("plan_export", plan.pk))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(export.content))
    rules = dict(book["实施细则"].iter_rows(values_only=True))
    assert rules["每组检查人员数"] == 2 and rules["同一企业年度检查次数上限"] == 2
    header, row = list(book["抽查任务"].iter_rows(values_only=True))
    assert header[:5] == ("序号", "任务名称", "抽查事项编码", "抽查事项", "联合抽查部门")
    assert row[1] == "餐饮服务联合抽查" and scene.item.code in row[2]
    assert scene.partner_item.code in row[2] and row[4] == "鄂州市生态环境局"


def test_a_department_runs_a_campaign_from_commitment_to_published_results(
    org: Any, people: Any, scene: Scene
) -> None:
    alice, henry = signed_in(people.alice), signed_in(people.henry)
    # The ecology bureau inspected the first entity ten days ago (a repeat alert later).
    earlier = campaign(org.sthj, "420700-STHJ-2026-001", "排污抽查")
    drawn_tasks(
        earlier,
        scene.entities[0],
        {
            org.sthj: [
                inspector(org.sthj, "ma", "马一", "42071001")[1],
                inspector(org.sthj, "niu", "牛二", "42071002")[1],
            ]
        },
        {org.sthj: [scene.partner_item]},
        on=timezone.localdate() - timedelta(days=10),
    )
    entry = published_plan(alice, org, scene)
    assert "未启动" in page(alice, entry)
    follow(alice, "open", entry)
    entry.refresh_from_db()
    camp = entry.campaign
    assert camp is not None and camp.created_by == people.alice

    # Another department: 404 on the page and on every step.
    bob = signed_in(people.bob)
    assert bob.get(office("campaign_detail", entry.pk)).status_code == 404
    assert bob.post(office("campaign_freeze", entry.pk)).status_code == 404

    html = follow(alice, "freeze", entry)
    pools = camp.pools
    assert "名录库已冻结：检查对象 3 户" in html
    assert pools.entities_digest in html and pools.inspectors_digest in html
    assert not CSP_VIOLATION.search(html)

    # Two officials, each in their own session: alice types a secret, henry lets the system
    # generate his (shown once). Only the commitments are stored.
    follow(alice, "commit", entry, {"secret": SECRET_ALICE})
    shown = henry.post(office("campaign_commit", entry.pk), {"secret": ""}).content.decode()
    henry_secret = re.search(r"<code class=\"token-key\">([0-9a-f]{64})</code>", shown)
    assert henry_secret is not None
    secret = henry_secret.group(1)
    rows = {c.official_id: c for c in SeedCommitment.objects.filter(campaign=camp)}
    assert (
        rows[people.alice.pk].commitment == hashlib.sha256(bytes.fromhex(SECRET_ALICE)).hexdigest()
    )
    assert rows[people.henry.pk].commitment == hashlib.sha256(bytes.fromhex(secret)).hexdigest()
    assert all(not c.reveal for c in rows.values())
    assert "已提交过承诺值" in follow(alice, "commit", entry, {"secret": "b2" * 32})
    # An officer (in the inspector pool) is no official of the draw.
    refused = follow(signed_in(scene.staff["zhou"]), "commit", entry, {"secret": "c3" * 32})
    assert "在场人员" in refused and SeedCommitment.objects.filter(campaign=camp).count() == 2

    # The pre-draw publication: rules, ratios, digests and commitments, on the portal.
    html = follow(alice, "announce", entry)
    camp.refresh_from_db()
    assert camp.state == CampaignState.COMMITTED and camp.manifest_digest in html
    pub = Publication.objects.get(kind=services.PUBLICATION_KIND_PLAN)
    assert sorted(pub.payload["digests"]["commitments"]) == sorted(
        c.commitment for c in rows.values()
    )
    portal = Client().get(reverse("inspection:campaign_detail", args=[camp.code])).content.decode()
    assert pools.entities_digest in portal and scene.entities[0].uscc not in portal

    # No draw before a reveal; a wrong secret is refused, not stored as an empty reveal.
    refused = follow(alice, "draw", entry)
    assert "尚无在场人员揭示" in refused and "须先：揭示秘密值" in refused
    assert "与您提交的承诺值不符" in follow(alice, "reveal", entry, {"secret": "d4" * 32})
    assert not SeedCommitment.objects.get(official=people.alice).reveal
    assert "秘密值应为32至128位" in follow(alice, "reveal", entry, {"secret": "xyz"})
    follow(alice, "reveal", entry, {"secret": SECRET_ALICE})
    follow(henry, "reveal", entry, {"secret": secret})
    assert "已抽取 3 户检查对象" in follow(alice, "draw", entry)
    camp.refresh_from_db()
    assert camp.state == CampaignState.DRAWN and services.verify(camp).ok

    # The tasks wait on the inspectors' workbenches; the targets are secret to the others.
    made = list(InspectionTask.objects.filter(target__campaign=camp))
    assert len(made) == 3
    zhou, wu = scene.staff["zhou"], scene.staff["wu"]
    today = timezone.localdate()
    assert {t.case for t in made} <= set(workbench(zhou, today=today).awaiting)
    html = page(alice, entry)
    assert all(e.name in html for e in scene.entities) and "周一（42070001）" in html
    alert = f"重复检查提示：鄂州市生态环境局 {timezone.localdate() - timedelta(days=10)}"
    assert html.count(alert) == 1
    carol = page(signed_in(people.carol), entry)  # the supervisor: not before publication
    assert not any(e.name in carol for e in scene.entities)
    other = make_staff("li", (Role.OFFICER, org.scjg))
    assert not any(e.name in page(signed_in(other), entry) for e in scene.entities)
    mine = page(signed_in(zhou), entry)
    assert scene.entities[0].name in mine and office("task_detail", made[0].pk) in mine
    assert "没有已确认、尚未公示的检查结果" in follow(alice, "publish", entry)

    # The inspectors record and confirm on the existing task screens.
    zc, wc = signed_in(zhou), signed_in(wu)
    for task in made:
        zc.post(
            office("task_record", task.pk),
            {"ended_on": today.isoformat(), "category": "no_problem"},
        )
        wc.post(office("task_confirm", task.pk), {})
    states = set(InspectionTask.objects.filter(target__campaign=camp).values_list("case__state"))
    assert states == {(TaskState.CONFIRMED,)}
    assert "检查人员已确认 3" in page(alice, entry)

    html = follow(alice, "publish", entry)
    camp.refresh_from_db()
    assert camp.state == CampaignState.RESULTS_PUBLISHED
    assert html.count("按期") == 3 and "逾期" in html  # the columns, none late
    assert not InspectionTask.objects.filter(target__campaign=camp, published_on=None).exists()
    # Each step is audited with the person who took it.
    actions = AuditEntry.objects.get_for_object(camp)
    assert actions.exists() and {a.actor for a in actions} == {people.alice}
    # Published: the supervisor now sees the targets; the other department still gets 404.
    assert scene.entities[0].name in page(signed_in(people.carol), entry)
    assert bob.get(office("campaign_detail", entry.pk)).status_code == 404
    assert Target.objects.filter(campaign=camp).count() == 3


def test_an_unstaffable_campaign_shows_the_reason_before_the_draw(
    org: Any, people: Any, scene: Scene
) -> None:
    from fazhi.core.org.models import Officer

    Officer.objects.filter(credential_no="42070002").update(valid_until=date(2019, 1, 1))
    alice = signed_in(people.alice)
    entry = published_plan(alice, org, scene)
    follow(alice, "open", entry)
    html = follow(alice, "freeze", entry)
    assert "只有1名具备资格的执法人员" in html and "国办发〔2024〕54号" in html
    entry.refresh_from_db()
    assert entry.campaign is not None and not hasattr(entry.campaign, "pools")


def test_a_joint_campaign_shows_each_departments_team(org: Any, people: Any, scene: Scene) -> None:
    alice = signed_in(people.alice)
    entry = published_plan(alice, org, scene, joint=True)
    follow(alice, "open", entry)
    # The partner has one inspector only: refused before the draw, naming the partner.
    ma = inspector(org.sthj, "ma", "马一", "42071001")[0]
    html = follow(alice, "freeze", entry)
    assert "联合抽查部门鄂州市生态环境局" in html and "只有1名" in html
    niu = inspector(org.sthj, "niu", "牛二", "42071002")[0]
    follow(alice, "freeze", entry)
    follow(alice, "commit", entry, {"secret": SECRET_ALICE})
    follow(signed_in(people.carol), "commit", entry, {"secret": "e5" * 16})  # a witness
    follow(alice, "announce", entry)
    follow(alice, "reveal", entry, {"secret": SECRET_ALICE})
    follow(alice, "draw", entry)
    html = page(alice, entry)
    assert "鄂州市市场监督管理局：周一（42070001）、吴二（42070002）" in html
    assert "鄂州市生态环境局：马一（42071001）、牛二（42071002）" in html
    assert html.count("鄂州市生态环境局：") == 3
    assert "重复检查提示" not in html  # the partners' tasks are the same visit
    by_dept = InspectionTask.objects.filter(target__campaign=entry.plan.entries.get().campaign)
    assert by_dept.filter(department=org.sthj).count() == 3
    sthj_task = by_dept.filter(department=org.sthj).first()
    assert sthj_task is not None
    assert [i.name for i in sthj_task.items.all()] == ["餐饮油烟排放检查"]
    assert sthj_task.case in workbench(ma, today=timezone.localdate()).awaiting
    assert sthj_task.case in workbench(niu, today=timezone.localdate()).awaiting
    # The partner's clerk runs nothing here: the campaign is the lead department's.
    assert signed_in(people.bob).get(office("campaign_detail", entry.pk)).status_code == 404


def test_the_progress_counts_late_and_overdue_results_per_department() -> None:
    """Lateness against each result's 20-working-day deadline, per department."""
    due = date(2024, 6, 5)

    def task(dept: str, pk: int, published: date | None) -> running.DepartmentTask:
        return running.DepartmentTask(
            dept, pk, pk, "confirmed", "检查人员已确认", due_on=due, published_on=published
        )

    rows = [
        running.TargetRow(0, "A", "甲", "1", 1, [task("市场监管局", 1, date(2024, 6, 5))]),
        running.TargetRow(1, "A", "乙", "2", 2, [task("市场监管局", 1, date(2024, 6, 12))]),
        running.TargetRow(2, "A", "丙", "3", 3, [task("生态环境局", 2, None)]),
    ]
    assert rows[1].tasks[0].late_days == 7 and rows[0].tasks[0].late_days == 0
    by = {p.department: p for p in running.summary(rows, today=date(2024, 6, 20))}
    assert (by["市场监管局"].published, by["市场监管局"].late) == (2, 1)
    assert (by["生态环境局"].published, by["生态环境局"].overdue) == (0, 1)


def test_a_public_random_value_named_in_advance_is_mixed_into_the_seed(
    org: Any, people: Any, scene: Scene
) -> None:
    alice = signed_in(people.alice)
    entry = published_plan(alice, org, scene)
    follow(alice, "open", entry)
    follow(alice, "freeze", entry)
    assert "应为一行文字" in follow(alice, "public", entry, {"label": "福利彩票\n开奖"})
    label = "开奖当日福利彩票3D开奖号码"
    assert f"已指定公共随机数来源：{label}" in follow(alice, "public", entry, {"label": label})
    follow(alice, "commit", entry, {"secret": SECRET_ALICE})
    follow(alice, "announce", entry)
    camp = PlanEntry.objects.get(pk=entry.pk).campaign
    assert camp is not None and camp.manifest.endswith(f"public {label}\n")
    follow(alice, "reveal", entry, {"secret": SECRET_ALICE})
    assert "尚未录入事先指定的公共随机数" in follow(alice, "draw", entry)
    follow(alice, "public", entry, {"value": "385"})
    assert "已抽取 3 户" in follow(alice, "draw", entry)
    camp.refresh_from_db()
    assert camp.public_random_value == "385" and services.verify(camp).ok
    # The value is part of the seed: another value gives another seed.
    seed = services.seed_of(camp)
    camp.public_random_value = "386"
    assert services.seed_of(camp) != seed
