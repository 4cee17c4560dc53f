"""The full-process record of an enforcement case in the back office (/office/enforcement/):
each act of the case with its evidence files, and the upload of a photo, a recording or
recorder footage against the act it records (行政处罚法 第四十七条)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.casework.models import Case, Event
from fazhi.core.casework.workflow import Refusal, TransitionError, form_refusals, workflow_for
from fazhi.core.org.scoping import scoped
from fazhi.shell.office.cases import MAX_UPLOAD, case_for

from .choices import EvidenceKind
from .evidence import ACTS_BESIDES_STEPS, RECORDING_ROLES, record_evidence
from .models import Evidence


class ActChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.business_date:%Y-%m-%d} {obj.label()}"


class EvidenceForm(forms.Form):
    event = ActChoice(label="所记录的执法行为", queryset=Event.objects.none())
    kind = forms.ChoiceField(label="类别", choices=EvidenceKind.choices)
    file = forms.FileField(label="文件")
    description = forms.CharField(label="说明", max_length=300, required=False)
    device_id = forms.CharField(label="执法记录仪编号", max_length=60, required=False)
    recorded_at = forms.DateTimeField(
        label="录制时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


def _acts(request: HttpRequest, case: Case) -> Any:
    wf = workflow_for(case.kind)
    kinds = [*(wf.transitions if wf else ()), *ACTS_BESIDES_STEPS]
    return (
        scoped(request, Event, "view")
        .filter(case=case, kind__in=kinds)
        .order_by("occurred_on", "id")
    )


def _may_record(request: HttpRequest, case: Case) -> bool:
    owner = case.owner_unit()
    return owner is not None and any(
        r.role in RECORDING_ROLES and r.org_unit_id == owner.pk
        for r in request.user.role_rows()  # type: ignore[union-attr]  # login_required
    )


@login_required
def case_record(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    acts = _acts(request, case)
    form = EvidenceForm(request.POST or None, request.FILES or None, prefix="e")
    field = form.fields["event"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = acts
    refusals: list[Refusal] = []
    if request.method == "POST":
        upload = request.FILES.get("e-file")
        if upload is not None and (upload.size or 0) > MAX_UPLOAD:
            refusals.append(Refusal("上传的文件不能超过 20 MB"))
        elif not form.is_valid():
            refusals = form_refusals(form)
        else:
            data = form.cleaned_data
            try:
                record_evidence(
                    case,
                    data["event"],
                    data["file"].read(),
                    data["file"].name,
                    kind=data["kind"],
                    actor=request.user,
                    description=data["description"],
                    device_id=data["device_id"],
                    recorded_at=data["recorded_at"],
                )
            except TransitionError as exc:
                refusals = exc.refusals
            else:
                messages.success(request, "已登记音像证据")
                return redirect("enforcement_office:case_record", pk=case.pk)
    evidence = (
        scoped(request, Evidence, "view")
        .filter(case=case)
        .select_related("document", "recorded_by")
        .order_by("at", "id")
    )
    by_act: dict[int, list[Evidence]] = {}
    for ev in evidence:
        by_act.setdefault(ev.event_id, []).append(ev)
    rows = [
        {"event": e, "label": e.label(case.kind), "evidence": by_act.get(e.pk, [])} for e in acts
    ]
    return render(
        request,
        "enforcement/case_record.html",
        {
            "case": case,
            "rows": rows,
            "form": form if _may_record(request, case) else None,
            "refusals": refusals,
        },
        status=400 if refusals else 200,
    )
