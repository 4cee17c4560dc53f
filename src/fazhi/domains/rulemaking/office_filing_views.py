"""The back-office screens of filing, validity, cleanups and incidental review
(/office/rulemaking/…). Every query goes through ``scoped`` (restrict, fail closed); every
change goes through the service functions, whose refusals name their article."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.casework.workflow import TransitionError
from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import scoped, visible_unit_ids
from fazhi.domains.disputes.models import IncidentalReview
from fazhi.domains.disputes.party_choices import IncidentalConclusion

from . import cleanup as cleanups
from . import incidental, validity
from .filing_choices import CleanupOutcome, FilingState, Recipient
from .models import Cleanup, CleanupEntry, Filing, IncidentalLink, TextVersion, Validity

DATE = forms.DateInput(attrs={"type": "date"})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _refused(request: HttpRequest, error: TransitionError) -> None:
    for r in error.refusals:
        messages.error(request, str(r))


# -- filings -----------------------------------------------------------------------------------


class FilingFilter(forms.Form):
    recipient = forms.ChoiceField(
        label="备案机关", required=False, choices=[("", "全部"), *Recipient.choices]
    )
    state = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), *FilingState.choices]
    )
    year = forms.IntegerField(label="公布年度", required=False, min_value=2000, max_value=2100)
    late = forms.BooleanField(label="只看逾期", required=False)


@login_required
def filing_list(request: HttpRequest) -> HttpResponse:
    form = FilingFilter(request.GET or None)
    filings = scoped(request, Filing).select_related("case", "version__text")
    if form.is_valid():
        data = form.cleaned_data
        if data["recipient"]:
            filings = filings.filter(recipient=data["recipient"])
        if data["state"]:
            filings = filings.filter(case__state=data["state"])
        if data["year"]:
            filings = filings.filter(published_on__year=data["year"])
    rows = list(filings.order_by("-published_on", "version_id", "recipient"))
    if form.is_valid() and form.cleaned_data["late"]:
        rows = [f for f in rows if f.late]
    summary = Counter((f.get_recipient_display(), f.case.get_state_display()) for f in rows)
    return render(
        request,
        "rulemaking/office/filing_list.html",
        {"form": form, "filings": rows, "summary": sorted(summary.items())},
    )


class AttachForm(forms.Form):
    explanation = forms.FileField(label="起草说明", required=False)
    review_opinion = forms.FileField(label="合法性审核意见", required=False)


@login_required
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    filing = scoped(request, Filing).select_related("case", "version__text").filter(pk=pk).first()
    if filing is None:
        raise Http404("没有这个备案")
    form = AttachForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not scoped(request, Filing, "change").filter(pk=pk).exists():
            raise PermissionDenied("只有负责备案的法制机构可以上传备案材料")
        if form.is_valid():
            for name in ("explanation", "review_opinion"):
                upload = form.cleaned_data.get(name)
                if upload is not None:
                    getattr(filing, name).save(upload.name, upload, save=True)
            messages.success(request, "备案材料已上传，报送时随备案报告一并报送")
            return redirect("rulemaking_office:filing_detail", pk=pk)
    return render(request, "rulemaking/office/filing_detail.html", {"f": filing, "form": form})


# -- validity ----------------------------------------------------------------------------------


class EndForm(forms.Form):
    action = forms.ChoiceField(
        label="事项", choices=[("declare_invalid", "宣布失效"), ("repeal", "废止")]
    )
    on = forms.DateField(label="生效日期", widget=DATE)
    reason = forms.CharField(label="理由", max_length=500)


class EvaluationForm(forms.Form):
    on = forms.DateField(label="评估日期", widget=DATE)
    conclusion = forms.CharField(label="评估结论", widget=forms.Textarea, max_length=2000)


@login_required
def validity_list(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    rows = scoped(request, Validity).select_related("version__text").order_by("valid_until")
    if year.isdigit():
        rows = rows.filter(valid_until__year=int(year))
    own = set(visible_unit_ids(request.user, "change"))
    return render(
        request,
        "rulemaking/office/validity_list.html",
        {
            "rows": rows,
            "year": year,
            "own": own,
            "end_form": EndForm(initial={"on": timezone.localdate()}),
            "evaluation_form": EvaluationForm(initial={"on": timezone.localdate()}),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def version_end(request: HttpRequest, pk: int) -> HttpResponse:
    version = scoped(request, TextVersion).select_related("text").filter(pk=pk).first()
    if version is None:
        raise Http404("没有这个文本")
    form = EndForm(request.POST)
    if form.is_valid():
        fn = (
            validity.declare_invalid
            if form.cleaned_data["action"] == "declare_invalid"
            else validity.repeal
        )
        try:
            fn(
                version,
                on=form.cleaned_data["on"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, f"已登记：{version}")
        except TransitionError as e:
            _refused(request, e)
    else:
        messages.error(request, "请填写生效日期和理由")
    return redirect("rulemaking_office:validity_list")


@login_required
@require_POST
def validity_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    row = scoped(request, Validity).select_related("version__text").filter(pk=pk).first()
    if row is None:
        raise Http404("没有这个有效期")
    form = EvaluationForm(request.POST)
    if form.is_valid():
        try:
            validity.record_evaluation(
                row, on=form.cleaned_data["on"], actor=request.user,
                conclusion=form.cleaned_data["conclusion"],
            )  # fmt: skip
            messages.success(request, "评估已登记")
        except TransitionError as e:
            _refused(request, e)
    return redirect("rulemaking_office:validity_list")


# -- cleanups ----------------------------------------------------------------------------------


class CleanupForm(forms.Form):
    title = forms.CharField(label="清理名称", max_length=200)
    issued_from = forms.DateField(label="发布日期起", widget=DATE)
    issued_to = forms.DateField(label="发布日期止", widget=DATE)
    as_of = forms.DateField(label="截至日期（在该日有效的文件）", widget=DATE)
    on = forms.DateField(label="启动日期", widget=DATE)


class OutcomeForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label="清理结果", choices=CleanupOutcome.choices)
    reason = forms.CharField(label="理由", max_length=300, required=False)
    effective_on = forms.DateField(label="废止或失效日期", widget=DATE, required=False)
    on = forms.DateField(label="审核日期", widget=DATE)


class DateForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE)


def _runner_governments(request: HttpRequest) -> list[OrgUnit]:
    user: Any = request.user
    return [
        r.org_unit.government
        for r in user.role_rows()
        if r.role in cleanups.RUNNERS and r.org_unit.code.endswith("-SFJ")
    ]


@login_required
def cleanup_list(request: HttpRequest) -> HttpResponse:
    governments = _runner_governments(request)
    form = CleanupForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not governments:
            raise PermissionDenied("只有司法局的经办人、负责人可以开展清理")
        if form.is_valid():
            data = form.cleaned_data
            try:
                c = cleanups.open_cleanup(
                    title=data["title"], government=governments[0],
                    issued_from=data["issued_from"], issued_to=data["issued_to"],
                    as_of=data["as_of"], on=data["on"], actor=request.user,
                )  # fmt: skip
                return redirect("rulemaking_office:cleanup_detail", pk=c.pk)
            except TransitionError as e:
                _refused(request, e)
    return render(
        request,
        "rulemaking/office/cleanup_list.html",
        {"cleanups": scoped(request, Cleanup), "form": form, "may_create": bool(governments)},
    )


def _cleanup(request: HttpRequest, pk: int) -> Cleanup:
    c = scoped(request, Cleanup).filter(pk=pk).first()
    if c is None:
        raise Http404("没有这次清理")
    return c


@login_required
def cleanup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = _cleanup(request, pk)
    entries = (
        scoped(request, CleanupEntry).filter(cleanup=c).select_related("version__text", "reviewer")
    )
    may_change = scoped(request, Cleanup, "change").filter(pk=pk).exists()
    today = timezone.localdate()
    return render(
        request,
        "rulemaking/office/cleanup_detail.html",
        {
            "c": c,
            "entries": entries,
            "counts": sorted(Counter(e.get_outcome_display() or "待审核" for e in entries).items()),
            "may_change": may_change,
            "outcome_form": OutcomeForm(initial={"on": today}),
            "date_form": DateForm(initial={"on": today}),
        },
    )


@login_required
@require_POST
def cleanup_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    c = _cleanup(request, pk)
    try:
        if action == "outcome":
            form = OutcomeForm(request.POST)
            if not form.is_valid():
                messages.error(request, "请选择清理结果并填写审核日期")
                return redirect("rulemaking_office:cleanup_detail", pk=pk)
            data = form.cleaned_data
            entry = c.entries.filter(pk=data["entry"]).first()
            if entry is None:
                raise Http404("没有这件文件")
            cleanups.record_outcome(
                entry, outcome=data["outcome"], reason=data["reason"], on=data["on"],
                actor=request.user, effective_on=data["effective_on"],
            )  # fmt: skip
        elif action in ("conclude", "publish"):
            form2 = DateForm(request.POST)
            if not form2.is_valid():
                messages.error(request, "请填写日期")
                return redirect("rulemaking_office:cleanup_detail", pk=pk)
            fn = cleanups.conclude if action == "conclude" else cleanups.publish_result
            fn(c, on=form2.cleaned_data["on"], actor=request.user)
        else:
            raise Http404
    except TransitionError as e:
        _refused(request, e)
    return redirect("rulemaking_office:cleanup_detail", pk=pk)


@login_required
def cleanup_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    c = _cleanup(request, pk)
    if fmt == "xlsx":
        body, mime = cleanups.result_xlsx(c), XLSX
    elif fmt == "docx":
        body, mime = cleanups.result_docx(c), DOCX
    else:
        raise Http404
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="cleanup-{c.pk}.{fmt}"'
    return response


# -- incidental review -------------------------------------------------------------------------


class AnswerForm(forms.Form):
    conclusion = forms.ChoiceField(label="处理结论", choices=IncidentalConclusion.choices)
    answer = forms.CharField(label="处理意见", widget=forms.Textarea, max_length=4000)
    handling = forms.CharField(
        label="对文件的处理（认定违法时必填）",
        widget=forms.Textarea,
        max_length=2000,
        required=False,
    )
    on = forms.DateField(label="答复日期", widget=DATE)


class LinkForm(forms.Form):
    version = forms.IntegerField(label="文本版本编号")


@login_required
def incidental_list(request: HttpRequest) -> HttpResponse:
    reviews = (
        scoped(request, IncidentalReview)
        .select_related("case", "routed_to", "document_link__version__text")
        .order_by("-requested_on", "-id")
    )
    rows = []
    for r in reviews:
        link = getattr(r, "document_link", None)
        rows.append(
            {
                "r": r,
                "link": link,
                "deadlines": list(
                    r.case.deadlines.filter(key__startswith="reconsideration.incidental")
                ),
                "may_answer": incidental.may_answer(r, request.user) and r.state != "answered",
            }
        )
    return render(
        request,
        "rulemaking/office/incidental_list.html",
        {"rows": rows, "answer_form": AnswerForm(initial={"on": timezone.localdate()}),
         "link_form": LinkForm()},
    )  # fmt: skip


@login_required
@require_POST
def incidental_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    review = scoped(request, IncidentalReview).filter(pk=pk).first()
    if review is None:
        raise Http404("没有这件附带审查申请")
    try:
        if action == "answer":
            form = AnswerForm(request.POST)
            if not form.is_valid():
                messages.error(request, "请填写处理结论、处理意见和答复日期")
                return redirect("rulemaking_office:incidental_list")
            data = form.cleaned_data
            incidental.answer(
                review, conclusion=data["conclusion"], answer_text=data["answer"],
                on=data["on"], actor=request.user, handling=data["handling"],
            )  # fmt: skip
            messages.success(request, "附带审查答复已登记")
        elif action == "link":
            if not incidental.may_answer(review, request.user):
                raise PermissionDenied("只有处理机关可以关联文件")
            form2 = LinkForm(request.POST)
            version = None
            if form2.is_valid():
                version = (
                    scoped(request, TextVersion).filter(pk=form2.cleaned_data["version"]).first()
                )
            if version is None:
                messages.error(request, "没有这个文本版本")
            else:
                incidental.link_request(review, version)
        else:
            raise Http404
    except TransitionError as e:
        _refused(request, e)
    return redirect("rulemaking_office:incidental_list")


@login_required
def case_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """The normative documents a reconsideration case's incidental review requests name (the
    case's side of the link)."""
    links = (
        scoped(request, IncidentalLink)
        .filter(review__case_id=pk)
        .select_related("review", "version__text")
    )
    return render(request, "rulemaking/office/case_documents.html", {"links": links, "case_pk": pk})


@login_required
def version_incidental(request: HttpRequest, pk: int) -> HttpResponse:
    """The document's side: the requests about this version (only those whose case the user
    may see)."""
    version = scoped(request, TextVersion).select_related("text").filter(pk=pk).first()
    if version is None:
        raise Http404("没有这个文本")
    links = scoped(request, IncidentalLink).filter(version=version).select_related("review__case")
    return render(
        request, "rulemaking/office/version_incidental.html", {"version": version, "links": links}
    )
