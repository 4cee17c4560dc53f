"""Back-office pages: registering an application at the counter or orally; the case's
reconsideration panel (parties, incidental reviews, hearings, the committee's opinions shown to
the decision-maker, the respondent's material with its late marks, 阅卷 and its log); and the
respondent department's own screen (行政复议法 第四十八条)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.casework.models import Case, Document, Party
from fazhi.core.casework.workflow import Refusal, TransitionError, form_refusals
from fazhi.core.org.scoping import scoped
from fazhi.shell.office.cases import MAX_UPLOAD, case_for

from . import access
from . import intake as intake_svc
from . import respondent as respondent_svc
from .models import (
    Application,
    CommitteeOpinion,
    CommitteeReferral,
    FileAccess,
    FileAccessRequest,
    Hearing,
    IncidentalReview,
    PartyRecord,
    RespondentSubmission,
)
from .party_choices import AccessMode, AccessRefusalGround, SubmissionKind
from .workflow import KIND


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    form = intake_svc.CounterForm(request.POST or None)
    refusals: list[Refusal] = []
    if request.method == "POST":
        try:
            case = intake_svc.register_at_counter(
                request.user, request.POST, on=timezone.localdate()
            )
        except TransitionError as exc:
            refusals = exc.refusals
        else:
            messages.success(request, "已登记行政复议申请")
            return redirect("office:case_detail", pk=case.pk)
    return render(
        request,
        "disputes/intake.html",
        {"form": form, "refusals": refusals},
        status=400 if refusals else 200,
    )


# -- the case's reconsideration panel ---------------------------------------------------------


class RequestForm(forms.Form):
    requester = forms.ModelChoiceField(label="申请阅卷的当事人", queryset=Party.objects.none())
    on = forms.DateField(label="申请日期", required=False)


class DecideForm(forms.Form):
    request_id = forms.ModelChoiceField(label="阅卷申请", queryset=FileAccessRequest.objects.none())
    grant = forms.TypedChoiceField(
        label="审查结果",
        choices=[("1", "同意查阅、复制"), ("0", "不同意")],
        coerce=lambda v: v == "1",
    )
    ground = forms.ChoiceField(
        label="不同意的法定情形",
        choices=[("", "—"), *AccessRefusalGround.choices],
        required=False,
    )
    reasons = forms.CharField(label="理由", widget=forms.Textarea, required=False, max_length=2000)
    on = forms.DateField(label="决定日期", required=False)


class LogForm(forms.Form):
    request_id = forms.ModelChoiceField(label="阅卷申请", queryset=FileAccessRequest.objects.none())
    mode = forms.ChoiceField(
        label="方式", choices=[c for c in AccessMode.choices if c[0] != AccessMode.ONLINE]
    )
    documents = forms.ModelMultipleChoiceField(
        label="所阅材料", queryset=Document.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    on = forms.DateField(label="阅卷日期", required=False)


def _bind(request: HttpRequest, case: Case, data: Any = None) -> dict[str, forms.Form]:
    requests = scoped(request, FileAccessRequest, "view").filter(case=case)
    out: dict[str, forms.Form] = {
        "request": RequestForm(data, prefix="rq"),
        "decide": DecideForm(data, prefix="dc"),
        "log": LogForm(data, prefix="lg"),
    }
    fields = out["request"].fields["requester"]
    assert isinstance(fields, forms.ModelChoiceField)
    fields.queryset = scoped(request, Party, "view").filter(case=case, role__in=access.READERS)
    decide = out["decide"].fields["request_id"]
    assert isinstance(decide, forms.ModelChoiceField)
    decide.queryset = requests.filter(state="requested")
    log = out["log"].fields["request_id"]
    assert isinstance(log, forms.ModelChoiceField)
    log.queryset = requests.filter(state="granted")
    docs = out["log"].fields["documents"]
    assert isinstance(docs, forms.ModelMultipleChoiceField)
    docs.queryset = scoped(request, Document, "view").filter(
        pk__in=access.readable_documents(case).values("pk")
    )
    return out


def _act(request: HttpRequest, case: Case, action: str, form: forms.Form) -> None:
    if not form.is_valid():
        raise TransitionError(form_refusals(form, access.BASIS))
    data = form.cleaned_data
    on = data.get("on") or timezone.localdate()
    if action == "request":
        access.request_access(case, request.user, data["requester"], on=on)
    elif action == "decide":
        access.decide_access(
            data["request_id"],
            request.user,
            grant=data["grant"],
            on=on,
            ground=data["ground"],
            reasons=data["reasons"],
        )
    else:
        access.log_access(
            data["request_id"],
            mode=data["mode"],
            documents=list(data["documents"]),
            on=on,
            staff=request.user,
        )


def _parties(request: HttpRequest, case: Case) -> list[dict[str, Any]]:
    records = {
        r.party_id: r
        for r in scoped(request, PartyRecord, "view").filter(case=case).select_related("principal")
    }
    rows = []
    for party in (
        scoped(request, Party, "view").filter(case=case).select_related("person", "entity")
    ):
        rows.append({"party": party, "record": records.get(party.pk)})
    return rows


@login_required
def case_panel(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    if case.kind != KIND:
        raise Http404
    refusals: list[Refusal] = []
    action = request.POST.get("action", "")
    forms_ = _bind(request, case, request.POST if action else None)
    if request.method == "POST" and action in forms_:
        try:
            _act(request, case, action, forms_[action])
        except TransitionError as exc:
            refusals = exc.refusals
        else:
            messages.success(request, "已登记")
            return redirect("disputes_parties:case_panel", pk=case.pk)
    referrals = scoped(request, CommitteeReferral, "view").filter(case=case)
    context = {
        "case": case,
        "application": scoped(request, Application, "view").filter(case=case).first(),
        "parties": _parties(request, case),
        "incidental": scoped(request, IncidentalReview, "view").filter(case=case),
        "hearings": scoped(request, Hearing, "view").filter(case=case).prefetch_related("members"),
        "referrals": referrals,
        "opinions": scoped(request, CommitteeOpinion, "view").filter(case=case),
        "submissions": scoped(request, RespondentSubmission, "view")
        .filter(case=case)
        .select_related("document"),
        "late_note": respondent_svc.LATE_NOTE,
        "requests": scoped(request, FileAccessRequest, "view").filter(case=case),
        "accesses": scoped(request, FileAccess, "view")
        .filter(case=case)
        .prefetch_related("documents"),
        # Only the body's handler or head acts on 阅卷; the others (the respondent, a member)
        # see the requests and the log.
        "forms": forms_ if access.is_handler(case, request.user) else {},
        "refusals": refusals,
    }
    return render(request, "disputes/case_panel.html", context, status=400 if refusals else 200)


# -- the respondent's screen ------------------------------------------------------------------


@login_required
def respondent_list(request: HttpRequest) -> HttpResponse:
    cases = respondent_svc.respondent_cases(request)
    rows = [{"case": c, "deadline": respondent_svc.reply_deadline(c)} for c in cases]
    return render(request, "disputes/respondent_list.html", {"rows": rows})


UPLOADS = (
    ("reply", SubmissionKind.REPLY),
    ("evidence", SubmissionKind.EVIDENCE),
    ("basis", SubmissionKind.BASIS),
    ("other", SubmissionKind.OTHER),
)


@login_required
def respondent_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = respondent_svc.respondent_cases(request).filter(pk=pk).first()
    if case is None:
        raise Http404
    refusals: list[Refusal] = []
    if request.method == "POST":
        files = [(kind, f) for field, kind in UPLOADS for f in request.FILES.getlist(field)]
        if any((f.size or 0) > MAX_UPLOAD for _, f in files):
            refusals.append(Refusal("上传的文件不能超过 20 MB"))
        else:
            try:
                respondent_svc.submit(
                    case,
                    request.user,
                    [(kind, f.name or "材料", f.read()) for kind, f in files],
                    on=timezone.localdate(),
                    note=request.POST.get("note", "")[:2000],
                )
            except TransitionError as exc:
                refusals = exc.refusals
            else:
                messages.success(request, "已提交答复材料")
                return redirect("disputes_parties:respondent_case", pk=case.pk)
    context = {
        "case": case,
        "copies": respondent_svc.copy_documents(request, case),
        "deadline": respondent_svc.reply_deadline(case),
        "submissions": scoped(request, RespondentSubmission, "view")
        .filter(case=case)
        .select_related("document"),
        "late_note": respondent_svc.LATE_NOTE,
        "uploads": [(field, kind.label) for field, kind in UPLOADS],
        "refusals": refusals,
    }
    return render(
        request, "disputes/respondent_case.html", context, status=400 if refusals else 200
    )
