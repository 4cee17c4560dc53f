"""Case-file review screens: the exercises and departments a user may see (scoped), one
department's files with their scores, problems and rectification, and its results as Word.

A department's staff see only their own department's results (they take part in its review
case as respondent); the justice bureau's staff see every department of its exercises; the
exercise's own page (seed, rule) belongs to the bureau. Everything goes through ``scoped``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.casework.workflow import TransitionError
from fazhi.core.org.choices import JUSTICE_BUREAU_SUFFIX
from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import scoped

from . import filereview
from .models import Checklist, DepartmentReview, FileProblem, FileReview, ReviewedFile


@login_required
def filereview_list(request: HttpRequest) -> HttpResponse:
    reviews = scoped(request, FileReview).select_related("owner_unit")
    departments = (
        scoped(request, DepartmentReview)
        .select_related("review", "department", "case")
        .order_by("-review__year", "department__code")
    )
    today = timezone.localdate()
    late = set(departments.filter(filereview.late_q(today)).values_list("pk", flat=True))
    return render(
        request,
        "enforcement/filereview_list.html",
        {
            "reviews": reviews,
            "departments": departments,
            "late": late,
            "can_start": bool(_bureau_units(request.user)),
        },
    )


@login_required
def filereview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = scoped(request, FileReview).filter(pk=pk).select_related("checklist").first()
    if review is None:
        raise Http404
    rows = filereview.summary(review)
    # Only the departments the user may see (all of them, for the bureau that owns it).
    visible = set(
        scoped(request, DepartmentReview).filter(review=review).values_list("pk", flat=True)
    )
    rows = [r for r in rows if r["case"].file_review.pk in visible]
    return render(
        request,
        "enforcement/filereview_detail.html",
        {
            "review": review,
            "rows": rows,
            "files": sum(r["files"] for r in rows),
            "problems": sum(r["problems"] for r in rows),
        },
    )


def _department(request: HttpRequest, pk: int) -> DepartmentReview:
    dr = (
        scoped(request, DepartmentReview)
        .filter(pk=pk)
        .select_related("review", "department", "case")
        .first()
    )
    if dr is None:
        raise Http404
    return dr


@login_required
def departmentreview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dr = _department(request, pk)
    files = (
        scoped(request, ReviewedFile)
        .filter(department_review=dr)
        .select_related("case", "checklist_version")
    )
    problems = scoped(request, FileProblem).filter(reviewed_file__department_review=dr)
    by_file: dict[int, list[FileProblem]] = {}
    for p in problems:
        by_file.setdefault(p.reviewed_file_id, []).append(p)
    today = timezone.localdate()
    return render(
        request,
        "enforcement/departmentreview_detail.html",
        {
            "dr": dr,
            "files": [(f, by_file.get(f.pk, [])) for f in files],
            "problems": sum(len(v) for v in by_file.values()),
            "deadline": filereview.rectification_deadline(dr),
            "late": filereview.is_late(dr, today),
            "can_score": any(u.pk == dr.review.owner_unit_id for u in _bureau_units(request.user)),
        },
    )


@login_required
@require_POST
def departmentreview_document(request: HttpRequest, pk: int) -> FileResponse:
    """Make (and store, numbered and digested) the results notice as a Word document."""
    dr = _department(request, pk)
    doc = filereview.result_document(dr, actor=request.user)
    name = f"案卷评查结果通报-{dr.department.name}.docx"
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=name)


# -- the bureau's acts: open a review, score a file, record a problem --------------------------


def _bureau_units(user: Any) -> list[OrgUnit]:
    """The justice bureaus in which ``user`` may organise a review and score files."""
    return [
        r.org_unit
        for r in user.role_rows()
        if r.role in filereview.BUREAU_ROLES and r.org_unit.code.endswith(JUSTICE_BUREAU_SUFFIX)
    ]


class StartForm(forms.Form):
    title = forms.CharField(label="评查活动", max_length=200)
    year = forms.IntegerField(label="评查年度", min_value=2000, max_value=2100)
    seed = forms.CharField(label="随机种子", max_length=64)
    checklist = forms.ModelChoiceField(label="评查标准", queryset=Checklist.objects.none())
    departments = forms.ModelMultipleChoiceField(
        label="被评查部门", queryset=OrgUnit.objects.none()
    )
    quota = forms.IntegerField(label="每个部门抽取案卷数", min_value=1, max_value=100)


@login_required
def filereview_start(request: HttpRequest) -> HttpResponse:
    units = _bureau_units(request.user)
    if not units:
        raise PermissionDenied("案卷评查由司法行政部门的工作人员组织")
    bureau = units[0]
    form = StartForm(request.POST or None)
    checklist_field = form.fields["checklist"]
    departments_field = form.fields["departments"]
    assert isinstance(checklist_field, forms.ModelChoiceField)
    assert isinstance(departments_field, forms.ModelMultipleChoiceField)
    checklist_field.queryset = scoped(request, Checklist)
    # The enforcement bodies of the bureau's government and the governments below it.
    departments_field.queryset = OrgUnit.objects.filter(
        kind="department", enforces=True, path__startswith=bureau.government_path()
    ).exclude(pk=bureau.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = filereview.start_review(
                owner_unit=bureau,
                title=data["title"],
                year=data["year"],
                seed=data["seed"],
                checklist=data["checklist"],
                quotas={d: data["quota"] for d in data["departments"]},
                started_on=timezone.localdate(),
                actor=request.user,
            )
        except TransitionError as exc:
            for refusal in exc.refusals:
                form.add_error(None, str(refusal))
        else:
            messages.success(request, f"已按随机种子抽取案卷：{review.title}")
            return redirect("enforcement_supervision:filereview_detail", review.pk)
    return render(request, "enforcement/filereview_start.html", {"form": form, "bureau": bureau})


class ProblemForm(forms.Form):
    item = forms.ChoiceField(label="评查项目")
    description = forms.CharField(label="问题描述", widget=forms.Textarea, max_length=4000)


def _score_form(items: list[Any], data: Any = None) -> forms.Form:
    form = forms.Form(data)
    for item in items:
        form.fields[f"item_{item.code}"] = forms.IntegerField(
            label=f"{item.code} {item.category}：{item.text}（{item.points}分）",
            min_value=0,
            max_value=item.points,
        )
    return form


@login_required
def reviewedfile_score(request: HttpRequest, pk: int) -> HttpResponse:
    rf = (
        scoped(request, ReviewedFile, "change")
        .filter(pk=pk)
        .select_related("case", "department_review__review__checklist", "checklist_version")
        .first()
    )
    if rf is None:
        raise Http404
    today = timezone.localdate()
    version = rf.checklist_version or rf.department_review.review.checklist.version_on(today)
    items = list(version.items.all()) if version else []
    action = request.POST.get("action") if request.method == "POST" else None
    score_form = _score_form(items, request.POST if action == "score" else None)
    problem_form = ProblemForm(request.POST if action == "problem" else None)
    problem_form.fields["item"].choices = [(i.code, str(i)) for i in items]  # type: ignore[attr-defined]  # a ChoiceField
    form = {"score": score_form, "problem": problem_form}.get(action or "")
    if form is not None and form.is_valid():
        try:
            if action == "score":
                points = {k.removeprefix("item_"): v for k, v in form.cleaned_data.items()}
                filereview.score_file(rf, points, on=today, actor=request.user)
                messages.success(request, "已评分")
            else:
                filereview.record_problem(
                    rf,
                    form.cleaned_data["description"],
                    on=today,
                    item_code=form.cleaned_data["item"],
                    actor=request.user,
                )
                messages.success(request, "已记录发现的问题")
        except TransitionError as exc:
            for refusal in exc.refusals:
                form.add_error(None, str(refusal))
        else:
            return redirect("enforcement_supervision:reviewedfile_score", rf.pk)
    return render(
        request,
        "enforcement/reviewedfile_score.html",
        {
            "rf": rf,
            "version": version,
            "score_form": score_form,
            "problem_form": problem_form,
            "problems": scoped(request, FileProblem).filter(reviewed_file=rf),
        },
    )
