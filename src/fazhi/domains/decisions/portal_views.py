"""The portal's pages of the decisions domain (/decisions/): the village (community) legal
advisers' directory as the disclosure gate published it, with a message form to reach one
through the platform; the published decision catalogs and decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.accounts.validators import normalize_phone, validate_mobile
from fazhi.core.casework.workflow import TransitionError
from fazhi.core.disclosure.models import Publication, PublicationQuerySet
from fazhi.core.org.models import Region
from fazhi.core.org.scoping import ensure_restricted, scoped
from fazhi.shell.portal.throttle import lookup_allowed

from . import advisers, catalog, workflow


def _current(request: HttpRequest) -> PublicationQuerySet:
    return ensure_restricted(Publication.objects.restrict(request.user, "view")).current()


def adviser_directory(request: HttpRequest) -> HttpResponse:
    """每个村（社区）的法律顾问: the published directories, searchable by the place's name."""
    term = request.GET.get("q", "").strip()
    pubs = list(_current(request).filter(kind=advisers.DIRECTORY_KIND).order_by("title"))
    found: list[dict[str, Any]] = []
    if term:
        for pub in pubs:
            for row in pub.payload.get("法律顾问", []):
                if term in row.get("村（社区）", ""):
                    found.append(
                        {
                            "township": pub.payload.get("乡镇（街道）", ""),
                            "place": row.get("村（社区）", ""),
                            "adviser": row.get("法律顾问", ""),
                            "kind": row.get("类型", ""),
                            "firm": row.get("执业机构", ""),
                            "contact": row.get("联系方式", ""),
                        }
                    )
    places = {
        (r.government.name, r.name): r.pk
        for r in scoped(request.user, Region)
        .filter(name__in=[f["place"] for f in found])
        .select_related("government")
    }
    for f in found:
        f["region_id"] = places.get((f["township"], f["place"]))
    return render(
        request,
        "decisions/portal/adviser_directory.html",
        {"q": term, "found": found, "directories": pubs},
    )


class MessageForm(forms.Form):
    name = forms.CharField(label="您的姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=20)
    message = forms.CharField(label="咨询内容", widget=forms.Textarea, max_length=2000)

    def clean_phone(self) -> str:
        phone = normalize_phone(self.cleaned_data["phone"])
        try:
            validate_mobile(phone)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return phone


def adviser_contact(request: HttpRequest, region_id: int) -> HttpResponse:
    """Reach the adviser of a place through the platform (their telephone is not published)."""
    region = scoped(request.user, Region).filter(pk=region_id).select_related("government").first()
    if region is None:
        raise Http404("没有这个村（社区）")
    published = (
        _current(request)
        .filter(
            kind=advisers.DIRECTORY_KIND,
            subject=advisers.directory_subject(region.government_id),
        )
        .exists()
    )
    if not published:
        raise Http404("该村（社区）的法律顾问名录尚未公布")
    form = MessageForm(request.POST or None)
    sent = False
    status = 200
    if request.method == "POST" and form.is_valid():
        allowed, wait = lookup_allowed(request)
        if not allowed:
            form.add_error(None, f"提交过于频繁，请 {wait} 秒后再试")
            status = 429
        else:
            try:
                advisers.leave_message(region, on=timezone.localdate(), **form.cleaned_data)
            except TransitionError as error:
                form.add_error(None, "；".join(r.message for r in error.refusals))
            else:
                sent = True
    return render(
        request,
        "decisions/portal/adviser_contact.html",
        {"region": region, "form": form, "sent": sent},
        status=status,
    )


def decision_list(request: HttpRequest) -> HttpResponse:
    """重大行政决策事项目录 and the decisions published (条例 第三条、第三十二条)."""
    pubs = _current(request).filter(
        kind__in=[catalog.PUBLICATION_KIND, workflow.PUBLICATION_KIND, workflow.CONSULTATION_KIND]
    )
    return render(
        request,
        "decisions/portal/decision_list.html",
        {
            "catalogs": pubs.filter(kind=catalog.PUBLICATION_KIND),
            "consultations": pubs.filter(kind=workflow.CONSULTATION_KIND),
            "decisions": pubs.filter(kind=workflow.PUBLICATION_KIND),
        },
    )
