"""案卷评查: the justice bureau draws closed case files of each department, scores them against
the checklist in force, records the problems found and follows the rectification to its deadline.

The draw is reproducible by anyone from what the exercise records: the closed cases of the
department (owner participant) of the recorded kinds, closed within the recorded window, each
keyed by its case number (a collected case without one: ``<source system>/<external id>``; a
lead closed here before numbering: ``case:<id>``), are ordered by ``sha256("<seed>:<key>")``
in hexadecimal, ties broken by the key, and the first ``quota`` are drawn. The same seed over
the same cases always gives the same sample.

Each department's part is a casework case of kind ``file_review`` owned by the bureau with the
department as respondent: 评查中 → 通报评查结果 (the bureau's head; starts the rectification
period, a declared setting) → 整改反馈 (the department) → 办结 (the bureau's clerk).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.db import models, transaction
from django.db.models import Count, Q

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.collection import COLLECTED_KIND, SUPERVISION_BASIS
from fazhi.core.casework.deadlines import start_deadline
from fazhi.core.casework.documents import TEMPLATES_DIR, DocumentError, generate_document
from fazhi.core.casework.documents import register_form as register_doc_form
from fazhi.core.casework.models import Case, Deadline, Document
from fazhi.core.casework.numbering import yearly_case_number
from fazhi.core.casework.workflow import (
    Refusal,
    StepContext,
    TransitionError,
    Workflow,
    open_case,
    register,
)
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit
from fazhi.core.org.choices import JUSTICE_BUREAU_SUFFIX, Role
from fazhi.core.org.models import OrgUnit

from .choices import FileReviewState
from .models import (
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    DepartmentReview,
    FileProblem,
    FileReview,
    ItemScore,
    ReviewedFile,
)

KIND = "file_review"
# The closed enforcement cases a review draws from: handled penalty cases and collected ones.
ENFORCEMENT_KINDS = ("penalty", COLLECTED_KIND)

# The period a department has to rectify and reply. 行政执法监督条例 (国务院令第825号) governs
# the justice bureau's supervision; its articles were not read (STATUTES.md M2), so the value
# is a setting of this city with the regulation named as its basis, not a statutory figure.
RECTIFICATION = statutes.register(
    statutes.StatutoryPeriod(
        "enforcement.file_review_rectification",
        "案卷评查问题整改反馈",
        (
            statutes.Version(
                date(2026, 2, 1),
                Period(30, Unit.DAYS, f"{SUPERVISION_BASIS}；整改期限为本市设定"),
            ),
        ),
        PeriodKind.ACT,
    )
)


class ReviewRefused(TransitionError):
    """A review act refused; the refusals name their basis."""


# -- the draw ---------------------------------------------------------------------------------


def draw_key(number: str, source_system: str, external_id: str, pk: int) -> str:
    if number:
        return number
    if source_system:
        return f"{source_system}/{external_id}"
    return f"case:{pk}"


def draw_digest(seed: str, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


@dataclass(frozen=True)
class Drawn:
    case_id: int
    key: str
    digest: str


def draw(seed: str, cases: Iterable[tuple[int, str]], quota: int) -> list[Drawn]:
    """The first ``quota`` of ``cases`` ((id, key) pairs) in the order of their digests: a
    pure function of the seed and the keys, whatever order the cases come in."""
    ranked = sorted(
        (Drawn(pk, key, draw_digest(seed, key)) for pk, key in cases),
        key=lambda d: (d.digest, d.key),
    )
    return ranked[:quota]


def closed_cases(review: FileReview, department: OrgUnit) -> list[tuple[int, str]]:
    """The department's closed cases the review may draw, as (id, key). System code: the draw
    is over every closed case of the department, whoever may see them."""
    rows = (
        Case.objects.filter(
            kind__in=review.kinds,
            closed_on__gte=review.closed_from,
            closed_on__lte=review.closed_to,
            participants__role="owner",
            participants__org_unit=department,
        )
        .values_list("pk", "number", "source_system", "external_id")
        .distinct()
    )
    return [(pk, draw_key(n, s, e, pk)) for pk, n, s, e in rows]


def rule_text(kinds: Sequence[str], closed_from: date, closed_to: date) -> str:
    return (
        f"从各被评查部门（承办机关）{closed_from.isoformat()}至{closed_to.isoformat()}结案的"
        f"执法案件（类型：{'、'.join(kinds)}）中，以“随机种子:案件编号”（无编号的归集案件为"
        "“来源系统/来源编号”，未编号的本平台案件为“case:案件内部编号”）的SHA-256摘要（十六进制）"
        "升序排列，取前N件（N为该部门抽取案卷数）。"
    )


# -- starting an exercise ---------------------------------------------------------------------


def _may_act_for(actor: Any, unit: OrgUnit, roles: Iterable[str]) -> bool:
    if actor is None:
        return True  # a scheduled job or the scenario's system step
    wanted = set(roles)
    return any(r.org_unit_id == unit.pk and r.role in wanted for r in actor.role_rows())


BUREAU_ROLES = (Role.CLERK, Role.DEPARTMENT_HEAD, Role.SUPERVISOR)


def start_review(
    *,
    owner_unit: OrgUnit,
    title: str,
    year: int,
    seed: str,
    checklist: Checklist,
    quotas: Mapping[OrgUnit, int],
    started_on: date,
    actor: Any = None,
    closed_from: date | None = None,
    closed_to: date | None = None,
    kinds: Sequence[str] = ENFORCEMENT_KINDS,
) -> FileReview:
    """Open a review of ``year``'s closed cases and draw each department's files."""
    if not owner_unit.code.endswith(JUSTICE_BUREAU_SUFFIX):
        raise ReviewRefused(Refusal("案卷评查由司法行政部门组织", SUPERVISION_BASIS))
    if not _may_act_for(actor, owner_unit, BUREAU_ROLES):
        raise ReviewRefused(Refusal(f"须由{owner_unit}的工作人员组织案卷评查", SUPERVISION_BASIS))
    if not seed.strip():
        raise ReviewRefused(Refusal("须记录随机种子，抽取结果才能复核", SUPERVISION_BASIS))
    if checklist.version_on(started_on) is None:
        raise ReviewRefused(Refusal(f"“{checklist}”在 {started_on} 没有施行的版本"))
    closed_from = closed_from or date(year, 1, 1)
    closed_to = closed_to or date(year, 12, 31)
    with transaction.atomic():
        review = FileReview.objects.create(
            owner_unit=owner_unit,
            title=title,
            year=year,
            closed_from=closed_from,
            closed_to=closed_to,
            kinds=list(kinds),
            seed=seed,
            rule=rule_text(kinds, closed_from, closed_to),
            checklist=checklist,
            started_on=started_on,
        )
        for department, quota in quotas.items():
            _draw_department(review, department, quota, actor)
    return review


def _draw_department(review: FileReview, department: OrgUnit, quota: int, actor: Any) -> None:
    population = closed_cases(review, department)
    if len(population) < quota:
        raise ReviewRefused(
            Refusal(f"{department}在评查期间结案的案卷只有{len(population)}件，不足抽取的{quota}件")
        )
    case = open_case(
        KIND,
        title=f"{review.title}（{department.name}）",
        owner=review.owner_unit,
        actor=actor,
        opened_on=review.started_on,
        extra_participants=[(department, "respondent")],
    )
    case.number = yearly_case_number(case, "PC", review.started_on)
    case.save(update_fields=["number"])
    dr = DepartmentReview.objects.create(
        review=review, department=department, quota=quota, population=len(population), case=case
    )
    ReviewedFile.objects.bulk_create(
        ReviewedFile(
            department_review=dr,
            case_id=d.case_id,
            draw_key=d.key,
            draw_digest=d.digest,
            position=n,
        )
        for n, d in enumerate(draw(review.seed, population, quota), 1)
    )


def redraw(review: FileReview, department: OrgUnit) -> list[int]:
    """The case ids the recorded rule and seed draw today (to check a sample against)."""
    dr = review.departments.get(department=department)
    return [d.case_id for d in draw(review.seed, closed_cases(review, department), dr.quota)]


# -- scoring and problems ---------------------------------------------------------------------


def _check_scoring(rf: ReviewedFile, actor: Any) -> DepartmentReview:
    dr = rf.department_review
    if dr.case.state != FileReviewState.REVIEWING:
        raise ReviewRefused(
            Refusal(
                "评查结果已通报，不能再修改评分或问题（整改须由被评查部门反馈）",
                SUPERVISION_BASIS,
            )
        )
    if not _may_act_for(actor, dr.review.owner_unit, BUREAU_ROLES):
        raise ReviewRefused(Refusal(f"须由{dr.review.owner_unit}的评查人员评分", SUPERVISION_BASIS))
    return dr


def score_file(
    rf: ReviewedFile, points: Mapping[str, int], *, on: date, actor: Any = None
) -> ReviewedFile:
    """Score ``rf`` on every item of the checklist version in force on ``on``; the scores keep
    that version's items, so a later version changes no past score."""
    with transaction.atomic():
        rf = (
            ReviewedFile.objects.select_for_update()
            .select_related("department_review__case", "department_review__review__checklist")
            .get(pk=rf.pk)
        )
        dr = _check_scoring(rf, actor)
        if rf.score is not None:
            raise ReviewRefused(Refusal("该案卷已评分"))
        version = dr.review.checklist.version_on(on)
        if version is None:
            raise ReviewRefused(Refusal(f"{on} 没有施行的评查标准版本"))
        items = list(version.items.all())
        codes = {i.code for i in items}
        problems = [
            f"评查项目“{c}”不在第{version.number}版标准中" for c in points if c not in codes
        ]
        for item in items:
            given = points.get(item.code)
            if given is None:
                problems.append(f"评查项目“{item.code}”未评分")
            elif not 0 <= given <= item.points:
                problems.append(f"评查项目“{item.code}”得分应在0至{item.points}分之间")
        if problems:
            raise ReviewRefused([Refusal(p) for p in problems])
        ItemScore.objects.bulk_create(
            ItemScore(reviewed_file=rf, item=item, points=points[item.code]) for item in items
        )
        rf.checklist_version = version
        rf.score = sum(points[i.code] for i in items)
        rf.scored_on = on
        rf.reviewer = actor
        rf.save(update_fields=["checklist_version", "score", "scored_on", "reviewer"])
        return rf


def record_problem(
    rf: ReviewedFile,
    description: str,
    *,
    on: date,
    item_code: str = "",
    category: str = "",
    actor: Any = None,
) -> FileProblem:
    """A problem found in ``rf``; its category is its checklist item's, or given."""
    dr = _check_scoring(rf, actor)
    item: ChecklistItem | None = None
    if item_code:
        version = rf.checklist_version or dr.review.checklist.version_on(on)
        item = ChecklistItem.objects.filter(version=version, code=item_code).first()
        if item is None:
            raise ReviewRefused(Refusal(f"评查标准中没有项目“{item_code}”"))
        category = item.category
    if not category or not description.strip():
        raise ReviewRefused(Refusal("问题须写明类别和具体描述"))
    return FileProblem.objects.create(
        reviewed_file=rf, item=item, category=category, description=description, found_on=on
    )


def new_checklist_version(
    checklist: Checklist,
    valid_from: date,
    items: Sequence[tuple[str, str, str, int]],
    *,
    note: str = "",
) -> ChecklistVersion:
    """A new version of ``checklist`` from ``valid_from`` with items (code, category, text,
    points). Earlier versions stay as they were."""
    with transaction.atomic():
        last = checklist.versions.order_by("-number").first()
        if last is not None and valid_from <= last.valid_from:
            raise ReviewRefused(Refusal("新版本的施行日期须晚于现行版本"))
        version = ChecklistVersion.objects.create(
            checklist=checklist,
            number=(last.number + 1) if last else 1,
            valid_from=valid_from,
            note=note,
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(version=version, code=c, category=cat, text=t, points=p)
            for c, cat, t, p in items
        )
        return version


# -- the rectification workflow ---------------------------------------------------------------


def _detail(case: Case) -> DepartmentReview:
    return DepartmentReview.objects.select_related("department", "review").get(case=case)


def all_scored(ctx: StepContext) -> Refusal | None:
    left = ReviewedFile.objects.filter(department_review__case=ctx.case, score__isnull=True)
    if left.exists():
        return Refusal(f"尚有{left.count()}件案卷未评分，评完后方可通报评查结果", SUPERVISION_BASIS)
    return None


def _start_rectification(ctx: StepContext, event: Any) -> None:
    # The department must reply: the deadline is the department's, not the bureau's.
    start_deadline(
        ctx.case, RECTIFICATION.key, ctx.on, org_unit=_detail(ctx.case).department, actor=ctx.actor
    )


def _save_reply(ctx: StepContext, event: Any) -> None:
    DepartmentReview.objects.filter(case=ctx.case).update(rectified=ctx.data["rectified"])


class NotifyForm(forms.Form):
    note = forms.CharField(label="通报意见", max_length=4000, widget=forms.Textarea, required=False)


class ReplyForm(forms.Form):
    rectified = forms.CharField(label="整改情况", max_length=8000, widget=forms.Textarea)


class CloseForm(forms.Form):
    note = forms.CharField(label="审核意见", max_length=4000, widget=forms.Textarea)


WORKFLOW = register(
    Workflow(
        KIND,
        "案卷评查",
        FileReviewState,
        FileReviewState.REVIEWING,
        detail=lambda case: DepartmentReview.objects.filter(case=case).first(),
        numbering=lambda case, on: yearly_case_number(case, "PC", on),
    )
)
WORKFLOW.add(
    "notify",
    "通报评查结果",
    [FileReviewState.REVIEWING],
    FileReviewState.RECTIFYING,
    staff_roles=[Role.DEPARTMENT_HEAD],
    basis=SUPERVISION_BASIS,
    form=NotifyForm,
    gates=[all_scored],
    effect=_start_rectification,
)
WORKFLOW.add(
    "reply",
    "整改反馈",
    [FileReviewState.RECTIFYING],
    FileReviewState.REPLIED,
    staff_roles=[Role.CLERK, Role.DEPARTMENT_HEAD],
    unit_roles=["respondent"],
    basis=SUPERVISION_BASIS,
    form=ReplyForm,
    effect=_save_reply,
    meets=(RECTIFICATION.key,),
)
WORKFLOW.add(
    "return",
    "退回重新整改",
    [FileReviewState.REPLIED],
    FileReviewState.RECTIFYING,
    staff_roles=[Role.CLERK, Role.DEPARTMENT_HEAD],
    basis=SUPERVISION_BASIS,
    form=CloseForm,
)
WORKFLOW.add(
    "close",
    "整改审核办结",
    [FileReviewState.REPLIED],
    FileReviewState.CLOSED,
    staff_roles=[Role.CLERK, Role.DEPARTMENT_HEAD],
    basis=SUPERVISION_BASIS,
    form=CloseForm,
    closes=True,
)


# -- lateness ---------------------------------------------------------------------------------


def rectification_deadline(dr: DepartmentReview) -> Deadline | None:
    return dr.case.deadlines.filter(key=RECTIFICATION.key).order_by("-id").first()


def is_late(dr: DepartmentReview, today: date) -> bool:
    """Replied after the deadline, or not replied and the deadline passed."""
    d = rectification_deadline(dr)
    if d is None or d.due is None:
        return False
    if d.status == DeadlineStatus.MET:
        return d.met_on is not None and d.met_on > d.due
    return d.status == DeadlineStatus.RUNNING and today > d.due


def late_q(today: date) -> Q:
    """Department reviews whose rectification is late (as a filter, one query)."""
    late = Deadline.objects.filter(key=RECTIFICATION.key).filter(
        Q(status=DeadlineStatus.MET, met_on__gt=models.F("due"))
        | Q(status=DeadlineStatus.RUNNING, due__lt=today)
    )
    return Q(case__in=late.values("case"))


# -- the results as a Word document -----------------------------------------------------------

RESULT_FORM = "enforcement.file_review_result"


def _result_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    if case is None:
        raise DocumentError("评查结果通报须针对一个部门的评查")
    dr = _detail(case)
    files = list(dr.files.select_related("case", "checklist_version").prefetch_related("problems"))
    paragraphs = [
        f"根据{dr.review.title}的安排，本机关按照记录的抽取规则和随机种子（{dr.review.seed}），"
        f"从你单位{dr.review.year}年结案的{dr.population}件执法案卷中抽取{dr.quota}件进行了评查。"
        f"抽取规则：{dr.review.rule}",
    ]
    problems = 0
    for rf in files:
        found = list(rf.problems.all())
        problems += len(found)
        score = "未评分" if rf.score is None else f"{rf.score}分"
        version = f"（第{rf.checklist_version.number}版标准）" if rf.checklist_version else ""
        name = f"{rf.case.number or rf.draw_key} {rf.case.title}"
        line = f"{rf.position}. {name}：得分{score}{version}"
        if found:
            line += "；发现问题：" + "；".join(f"〔{p.category}〕{p.description}" for p in found)
        paragraphs.append(line + "。")
    paragraphs.append(f"共评查案卷{len(files)}件，发现执法不规范问题{problems}个。")
    deadline = rectification_deadline(dr)
    if deadline is not None and deadline.due is not None:
        paragraphs.append(
            f"请于{deadline.due.year}年{deadline.due.month}月{deadline.due.day}日前完成整改"
            f"并书面反馈整改情况（{deadline.basis}）。"
        )
    return {
        "doc_title": "行政执法案卷评查结果通报",
        "addressee": dr.department.name,
        "paragraphs": paragraphs,
    }


register_doc_form(
    RESULT_FORM, "行政执法案卷评查结果通报", TEMPLATES_DIR / "letter.docx", _result_context
)


def result_document(dr: DepartmentReview, *, actor: Any = None, on: date | None = None) -> Document:
    return generate_document(
        RESULT_FORM,
        owner_unit=dr.review.owner_unit,
        case=dr.case,
        actor=actor,
        issued_on=on,
        title=f"{dr.review.title}结果通报（{dr.department.name}）",
    )


# -- what the report counts -------------------------------------------------------------------


def _files(year: int) -> Any:
    return ReviewedFile.objects.filter(department_review__review__year=year)


def reviewed_departments(year: int = 2019) -> int:
    """Distinct departments whose files were reviewed in the year's exercises (row 59)."""
    return (
        DepartmentReview.objects.filter(review__year=year, files__isnull=False)
        .values("department")
        .distinct()
        .count()
    )


def reviewed_files(year: int = 2019) -> int:
    """Case files drawn and reviewed in the year's exercises (row 60)."""
    return _files(year).count()


def problems_found(year: int = 2019) -> int:
    """Problems recorded in those files (row 61)."""
    return FileProblem.objects.filter(reviewed_file__department_review__review__year=year).count()


def summary(review: FileReview) -> list[dict[str, Any]]:
    """Per department: files, mean score, problems (for the exercise's detail screen)."""
    rows = review.departments.annotate(
        files_n=Count("files", distinct=True),
        problems_n=Count("files__problems", distinct=True),
    ).select_related("department", "case")
    return [
        {
            "department": r.department,
            "case": r.case,
            "files": r.files_n,
            "problems": r.problems_n,
        }
        for r in rows
    ]


__all__ = [
    "ENFORCEMENT_KINDS",
    "KIND",
    "RECTIFICATION",
    "ReviewRefused",
    "draw",
    "is_late",
    "late_q",
    "new_checklist_version",
    "problems_found",
    "record_problem",
    "redraw",
    "result_document",
    "reviewed_departments",
    "reviewed_files",
    "score_file",
    "start_review",
]
