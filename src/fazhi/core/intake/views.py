"""The back office's import screens (/office/imports/): upload with a template per list, a
progress page polled with htmx, and the result with every bad row and the error workbook.

Jobs are scoped like every other record: a clerk sees and starts imports of their own
department only (``ImportJob.scope`` and the form's department choices)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from fazhi.core.intake.xlsx import write_xlsx
from fazhi.core.org.scoping import scoped

from . import services
from .choices import ImportStatus
from .excel import XLSX_CONTENT_TYPE, FileRefused, template_workbook
from .forms import ImportForm
from .models import ImportJob
from .specs import REGISTRY, ImportSpec

ERRORS_PER_PAGE = 500


def _spec(slug: str) -> ImportSpec:
    try:
        return REGISTRY[slug]
    except KeyError as exc:
        raise Http404("没有这种导入") from exc


def _jobs(request: HttpRequest) -> models.QuerySet:
    return scoped(request.user, ImportJob, "view")


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = _jobs(request).select_related("department", "created_by")
    page = Paginator(jobs, 50).get_page(request.GET.get("page"))
    specs = [(s, s.departments(request.user).exists()) for s in REGISTRY.values()]
    return render(request, "intake/job_list.html", {"page": page, "specs": specs})


@login_required
def job_create(request: HttpRequest, spec: str) -> HttpResponse:
    declaration = _spec(spec)
    if not declaration.departments(request.user).exists():
        raise PermissionDenied("您没有可以导入的部门")
    form = ImportForm(
        request.POST or None, request.FILES or None, user=request.user, spec=declaration
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = services.create_job(
                spec,
                department=data["department"],
                upload=data["file"],
                file_name=data["file"].name,
                actor=request.user,
                mode=data["mode"],
                valid_from=data.get("valid_from"),
                reason=data.get("reason") or "",
            )
        except FileRefused as exc:
            form.add_error("file", exc.reason)
        else:
            services.enqueue(job)
            return redirect("intake:job_detail", pk=job.pk)
    return render(request, "intake/job_form.html", {"form": form, "spec": declaration})


def _progress_context(job: ImportJob, request: HttpRequest) -> dict[str, Any]:
    status, done, total = services.read_progress(job)
    ctx: dict[str, Any] = {
        "job": job,
        "status": status,
        "status_label": ImportStatus(status).label,
        "done": done,
        "total": total,
        "percent": int(done * 100 / total) if total else 0,
        "finished": job.finished,
    }
    if job.finished:
        ctx["errors"] = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    return ctx


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(_jobs(request).select_related("department", "created_by"), pk=pk)
    return render(request, "intake/job_detail.html", _progress_context(job, request))


@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The part of the job page that htmx polls until the job has finished."""
    job = get_object_or_404(_jobs(request).select_related("department", "created_by"), pk=pk)
    return render(request, "intake/_progress.html", _progress_context(job, request))


@login_required
def error_download(request: HttpRequest, pk: int) -> FileResponse:
    job = get_object_or_404(_jobs(request), pk=pk)
    if not job.error_file:
        raise Http404("这次导入没有错误行")
    stem = job.file_name.rsplit(".", 1)[0]
    return FileResponse(
        job.error_file.open("rb"),
        as_attachment=True,
        filename=f"{stem}-错误行.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


@login_required
def template_download(request: HttpRequest, spec: str) -> HttpResponse:
    declaration = _spec(spec)
    data = template_workbook(declaration.label, declaration.columns, declaration.notes)
    return _xlsx(data, f"{declaration.label}-导入模板.xlsx")


@login_required
def list_export(request: HttpRequest, spec: str) -> HttpResponse:
    """The user's own department's entries in the import's columns: edit, then import back."""
    declaration = _spec(spec)
    if not declaration.exportable:
        raise Http404("这种导入没有对应的导出")
    qs = scoped(request.user, declaration.model, "change")
    headers, rows = declaration.export(qs.order_by("code"))
    data = write_xlsx(declaration.label, headers, rows)
    return _xlsx(data, f"{declaration.label}-{timezone.localdate():%Y%m%d}.xlsx")
