"""Back-office pages of enforcement: the supervision views (监督) and the case-review meetings.

Reading goes through ``scoped``: a department sees its own figures and meetings, the justice
bureau's supervisors those of their government's departments. Recording a meeting is for the
department's head (``meetings.may_record``); every write is audited (django-auditlog).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.casework.models import Case
from fazhi.core.org.choices import Role
from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import scoped

from . import meetings
from . import supervision_stats as views_of
from .models import (
    AttendanceRole,
    EnforcementCase,
    Meeting,
    MeetingAttendance,
    MeetingCase,
    MeetingDecision,
)

YEARS_BACK = 8


def _year(request: HttpRequest, today: Any) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and today.year - YEARS_BACK <= int(raw) <= today.year:
        return int(raw)
    return int(today.year)


@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    """Overdue cases, publication lateness and cases by state and kind, for the year chosen."""
    today = timezone.localdate()
    year = _year(request, today)
    return render(
        request,
        "enforcement/office/supervision.html",
        {
            "year": year,
            "years": list(range(today.year, today.year - YEARS_BACK - 1, -1)),
            "today": today,
            "overdue": views_of.overdue(request.user, today),
            "publication": views_of.publication(request.user, year, today),
            "states": views_of.states(request.user, year),
        },
    )


# -- case-review meetings ---------------------------------------------------------------------


def _head_units(request: HttpRequest) -> list[OrgUnit]:
    return [
        row.org_unit
        for row in request.user.role_rows()  # type: ignore[union-attr]  # login_required
        if row.role == Role.DEPARTMENT_HEAD
    ]


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    qs = (
        scoped(request, Meeting)
        .select_related("department")
        .annotate(cases=Count("items", distinct=True))
        .order_by("-held_on", "-id")[:200]
    )
    return render(
        request,
        "enforcement/office/meeting_list.html",
        {"meetings": qs, "can_record": bool(_head_units(request))},
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = scoped(request, Meeting).select_related("department").filter(pk=pk).first()
    if meeting is None:
        raise Http404("没有这次案审会")
    attendance = scoped(request, MeetingAttendance).filter(meeting=meeting)
    items = scoped(request, MeetingCase).filter(meeting=meeting).select_related("case")
    return render(
        request,
        "enforcement/office/meeting_detail.html",
        {"meeting": meeting, "attendance": attendance, "items": items},
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label="召开日期", widget=forms.DateInput(attrs={"type": "date"}))
    subject = forms.CharField(label="会议名称", max_length=200)
    place = forms.CharField(label="地点", max_length=100, required=False)


class AttendeeForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    title = forms.CharField(label="职务", max_length=50, required=False)
    role = forms.ChoiceField(label="会议角色", choices=AttendanceRole.choices)


class ItemForm(forms.Form):
    case = forms.ModelChoiceField(label="案件", queryset=Case.objects.none())
    opinion = forms.CharField(label="讨论意见", widget=forms.Textarea(attrs={"rows": 2}))
    decision = forms.ChoiceField(label="决定", choices=MeetingDecision.choices)
    note = forms.CharField(label="决定说明", max_length=500, required=False)


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=6, min_num=3, validate_min=True)
ItemFormSet = forms.formset_factory(ItemForm, extra=4, min_num=1, validate_min=True)


def _cases(request: HttpRequest, department: OrgUnit) -> Any:
    """The department's enforcement cases (handled and collected), newest first."""
    ids = EnforcementCase.objects.filter(
        case__participants__role="owner", case__participants__org_unit=department
    ).values("case_id")
    return scoped(request, Case).filter(pk__in=ids).order_by("-opened_on", "-id")


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    units = _head_units(request)
    if not units:
        raise PermissionDenied("只有部门负责人可以登记案审会（行政处罚法 第五十七条）")
    department = units[0]
    cases = _cases(request, department)
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data)
    people = AttendeeFormSet(data, prefix="a")
    items = ItemFormSet(data, prefix="c")
    for f in [*items.forms, items.empty_form]:
        choice = f.fields["case"]
        assert isinstance(choice, forms.ModelChoiceField)
        choice.queryset = cases
    if data is not None and form.is_valid() and people.is_valid() and items.is_valid():
        try:
            meeting = meetings.record_meeting(
                department=department,
                held_on=form.cleaned_data["held_on"],
                subject=form.cleaned_data["subject"],
                place=form.cleaned_data["place"],
                attendance=[
                    meetings.Attendee(d["name"], d["role"], d.get("title", ""))
                    for d in people.cleaned_data
                    if d
                ],
                items=[
                    meetings.Item(d["case"].pk, d["opinion"], d["decision"], d.get("note", ""))
                    for d in items.cleaned_data
                    if d
                ],
                actor=request.user,  # type: ignore[arg-type]  # login_required
            )
        except meetings.MeetingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "案审会已登记")
            return redirect("enforcement_office:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "enforcement/office/meeting_form.html",
        {"form": form, "people": people, "items": items, "department": department},
    )
