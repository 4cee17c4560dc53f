"""Case-file review screens: the exercises and departments a user may see (scoped), one
department's files with their scores, problems and rectification, and its results as Word.

A department's staff see only their own department's results (they take part in its review
case as respondent); the justice bureau's staff see every department of its exercises; the
exercise's own page (seed, rule) belongs to the bureau. Everything goes through ``scoped``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.org.scoping import scoped

from . import filereview
from .models import DepartmentReview, FileProblem, FileReview, ReviewedFile


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
        {"reviews": reviews, "departments": departments, "late": late},
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
