"""The case page: one generic page for every kind of case, and the one view that takes a step.

A domain registers its workflow (states, steps with roles, forms, effects) and, through
``Workflow.detail``, the detail record shown here; it writes no transition view of its own.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core.casework.deadlines import computation
from fazhi.core.casework.documents import (
    DocumentError,
    Form,
    forms_for_kind,
    generate_document,
    get_form,
    input_form,
    issuing_units,
)
from fazhi.core.casework.files import store_document
from fazhi.core.casework.models import (
    Case,
    CaseLink,
    CollectedDocument,
    Deadline,
    Document,
    Event,
    Party,
)
from fazhi.core.casework.workflow import (
    Refusal,
    Step,
    TransitionError,
    form_refusals,
    refusals_for,
    register_case,
    step_form,
    steps_for,
    take,
    workflow_for,
    workflows,
)
from fazhi.core.org.scoping import scoped

from .display import field_value, masked, model_rows, show

MAX_UPLOAD = 20 * 1024 * 1024


class StepForm(forms.Form):
    """What every step asks besides its own fields: the business date, a note, files."""

    on = forms.DateField(label="办理日期", required=False, help_text="默认为今天")
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    files = forms.FileField(label="文书材料", required=False)  # type: ignore[assignment]  # a declared field: Django moves it off the class


class DocumentDateForm(forms.Form):
    """What every generated document asks besides its own fields: its date (成文日期)."""

    issued_on = forms.DateField(label="成文日期", required=False, help_text="默认为今天")


def document_forms(form: Form, case: Case, data: Any = None) -> list[forms.Form]:
    own = input_form(form, case, data)
    common = DocumentDateForm(data, prefix="doc")
    return [f for f in (own, common) if f is not None]


def _document_offers(request: HttpRequest, case: Case) -> list[dict[str, Any]]:
    """The document forms (文书格式) of the case's kind the user may make here."""
    return [
        {"form": f, "forms": document_forms(f, case)}
        for f in forms_for_kind(case.kind)
        if issuing_units(case, request.user, f)
    ]


def step_forms(step: Step, case: Case, data: Any = None, files: Any = None) -> list[forms.Form]:
    common = StepForm(data, files, prefix="step")
    own = step_form(step, case, data, prefix="f")
    return [f for f in (own, common) if f is not None]


def case_for(request: HttpRequest, pk: int) -> Case:
    """The case if the user may see it; 404 otherwise (the same answer as for no case)."""
    case = scoped(request, Case, "view").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def _detail(case: Case) -> list[tuple[str, Any]]:
    wf = workflow_for(case.kind)
    obj = wf.detail(case) if wf and wf.detail else None
    if obj is None:
        return []
    return model_rows(obj, exclude=("case",))


def _parties(request: HttpRequest, case: Case) -> list[dict[str, Any]]:
    rows = []
    for party in (
        scoped(request, Party, "view").filter(case=case).select_related("person", "entity")
    ):
        person, entity = party.person, party.entity
        rows.append(
            {
                "role": party.get_role_display(),
                "name": str(person or entity),
                # Personal data masked on the case page; the full value is on the person's own
                # page, revealed by a role that needs it (audited).
                "id": masked(person.id_number, "id_number")
                if person
                else entity.uscc
                if entity
                else "",
                "phone": masked(person.phone, "phone") if person else "",
                "person_id": person.pk if person else None,
            }
        )
    return rows


def _timeline(request: HttpRequest, case: Case) -> list[dict[str, Any]]:
    wf = workflow_for(case.kind)
    events = (
        scoped(request, Event, "view")
        .filter(case=case)
        .select_related("actor")
        .order_by("occurred_on", "at", "id")
    )
    return [
        {
            "on": show(e.business_date),
            "at": show(e.at),
            "kind": e.label(case.kind),
            "actor": _actor(e),
            "state": wf.state_label(e.to_state) if wf and e.to_state else "",
            "note": e.note,
            "documents": e.document_ids,
        }
        for e in events
    ]


def _actor(e: Event) -> str:
    if e.actor is not None:
        return str(e.actor)
    if e.source_key:
        # A collected event: the sector system's staff are named as text, not our accounts.
        return str(e.data.get("actor_name") or "（来源系统）")
    return "系统"


def _deadlines(request: HttpRequest, case: Case) -> list[dict[str, Any]]:
    rows = []
    for d in scoped(request, Deadline, "view").filter(case=case).order_by("start", "id"):
        rows.append(
            {
                "name": d.name,
                "due": show(d.due) if d.due else "（中止中）",
                "status": d.get_status_display(),
                "overdue": d.is_overdue(),
                "provisional": d.provisional,
                "basis": d.basis,
                "explain": computation(d).explain(),
            }
        )
    return rows


def _links(request: HttpRequest, case: Case) -> list[dict[str, Any]]:
    links = list(
        CaseLink.objects.filter(models.Q(from_case=case) | models.Q(to_case=case)).select_related(
            "from_case", "to_case"
        )
    )
    others = [link.to_case if link.from_case_id == case.pk else link.from_case for link in links]
    # One query for which linked cases the user may open, not one per link.
    visible = set(
        scoped(request, Case, "view")
        .filter(pk__in=[o.pk for o in others])
        .values_list("pk", flat=True)
    )
    rows = []
    for link, other in zip(links, others, strict=True):
        rows.append(
            {
                "kind": link.get_kind_display(),
                "direction": "本案→" if link.from_case_id == case.pk else "→本案",
                "case": other,
                "visible": other.pk in visible,
            }
        )
    return rows


def page_context(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    wf = workflow_for(case.kind)
    offered: list[dict[str, Any]] = []
    blocked: list[tuple[Step, list[Refusal]]] = []
    for step, refusals in steps_for(case, request.user):
        if refusals:
            blocked.append((step, refusals))
        else:
            offered.append({"step": step, "forms": step_forms(step, case)})
    return {
        "case": case,
        "kind_label": wf.label if wf else case.kind,
        "state_label": case.get_state_display(),
        "detail": _detail(case),
        "participants": case.participants.select_related("org_unit", "staff"),
        "parties": _parties(request, case),
        "timeline": _timeline(request, case),
        "documents": scoped(request, Document, "view").filter(case=case).order_by("id"),
        "collected_documents": scoped(request, CollectedDocument, "view").filter(case=case),
        "deadlines": _deadlines(request, case),
        "links": _links(request, case),
        "offered": offered,
        "blocked": blocked,
        "document_offers": _document_offers(request, case),
        "case_pages": [(label, reverse(name, args=[case.pk])) for label, name in wf.pages]
        if wf
        else [],
        "voided": case.voided_numbers.all(),
        "field_value": field_value,
        **extra,
    }


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    return render(request, "office/case_detail.html", page_context(request, case))


@login_required
@require_POST
def case_step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Take one step from the case page; a refusal re-shows the page with what is missing."""
    case = case_for(request, pk)
    wf = workflow_for(case.kind)
    if wf is None or name not in wf.transitions:
        raise Http404
    step = wf.transitions[name]
    bound = step_forms(step, case, request.POST, request.FILES)
    common = bound[-1]
    own = bound[0] if step.form is not None else None
    # Who may act is checked before any file is stored.
    refusals: list[Refusal] = refusals_for(case, name, request.user)
    if not common.is_valid():
        refusals += form_refusals(common)
    upload = request.FILES.get("step-files")
    if upload is not None and (upload.size or 0) > MAX_UPLOAD:
        refusals.append(Refusal("上传的文件不能超过 20 MB"))
    if not refusals:
        data = dict(own.data.items()) if own is not None else {}
        data = {k.removeprefix("f-"): v for k, v in data.items() if k.startswith("f-")}
        try:
            with transaction.atomic():  # a refused step keeps no uploaded document either
                document_ids = _store(request, case, step, upload)
                take(
                    case,
                    name,
                    request.user,
                    data=data,
                    on=common.cleaned_data.get("on") or None,
                    note=common.cleaned_data.get("note", ""),
                    document_ids=document_ids,
                )
        except TransitionError as exc:
            refusals = exc.refusals
        else:
            messages.success(request, f"已完成“{step.label}”")
            return redirect("office:case_detail", pk=case.pk)
    case.refresh_from_db()
    context = page_context(request, case, refused=step, refusals=refusals)
    for entry in context["offered"]:
        if entry["step"].name == name:
            entry["forms"] = bound
    return render(request, "office/case_detail.html", context, status=400)


@login_required
@require_POST
def case_document(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Make a document of a registered form (文书格式) for the case, in the name of the unit
    in which the user holds a role the form names; a refusal re-shows the page."""
    case = case_for(request, pk)
    try:
        form = get_form(code)
    except DocumentError:
        raise Http404 from None
    if case.kind not in form.kinds:
        raise Http404
    bound = document_forms(form, case, request.POST)
    common = bound[-1]
    refusals: list[Refusal] = []
    units = issuing_units(case, request.user, form)
    if not units:
        refusals.append(Refusal(f"您在本案参与单位中没有制作“{form.title}”的角色"))
    for f in bound:
        if not f.is_valid():
            refusals += form_refusals(f)
    if not refusals:
        own = bound[0] if len(bound) > 1 else None
        try:
            doc = generate_document(
                code,
                owner_unit=units[0],
                case=case,
                data=own.cleaned_data if own is not None else {},
                actor=request.user,
                issued_on=common.cleaned_data.get("issued_on") or None,
            )
        except DocumentError as exc:
            refusals = [Refusal(m) for m in exc.messages]
        except PermissionDenied as exc:
            refusals = [Refusal(str(exc))]
        else:
            messages.success(request, f"已制作“{doc}”")
            return redirect("office:case_detail", pk=case.pk)
    context = page_context(request, case, doc_refused=form, refusals=refusals)
    for entry in context["document_offers"]:
        if entry["form"].code == code:
            entry["forms"] = bound
    return render(request, "office/case_detail.html", context, status=400)


@login_required
def case_document_file(request: HttpRequest, pk: int, doc: int) -> FileResponse:
    """Download one of the case's documents, if the user may see it."""
    case = case_for(request, pk)
    document = scoped(request, Document, "view").filter(case=case, pk=doc).first()
    if document is None:
        raise Http404
    suffix = document.file.name.rsplit(".", 1)[-1] if "." in document.file.name else "bin"
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=f"{document}.{suffix}"
    )


def _store(request: HttpRequest, case: Case, step: Step, upload: Any) -> list[int]:
    if upload is None:
        return []
    doc = store_document(
        upload.read(),
        upload.name,
        owner_unit=case.owner_unit(),
        kind=step.label,
        title=f"{step.label}材料：{upload.name}",
        case=case,
        created_by=request.user,
    )
    return [doc.pk]


@login_required
def case_new(request: HttpRequest, kind: str) -> HttpResponse:
    """Register a new case of a kind whose workflow declares a creation form."""
    wf = workflow_for(kind)
    if wf is None or wf.create_form is None or not wf.creating_units(request.user):
        raise Http404
    refusals: list[Refusal] = []
    form = wf.create_form(request.POST or None)
    if request.method == "POST":
        try:
            case = register_case(kind, request.user, request.POST)
        except TransitionError as exc:
            refusals = exc.refusals
        else:
            messages.success(request, f"已登记{wf.label}")
            return redirect("office:case_detail", pk=case.pk)
    return render(
        request,
        "office/case_new.html",
        {"wf": wf, "form": form, "refusals": refusals},
        status=400 if refusals else 200,
    )


def creatable(user: Any) -> list[Any]:
    return [wf for wf in workflows() if wf.create_form is not None and wf.creating_units(user)]
