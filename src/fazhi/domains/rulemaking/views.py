"""The texts' pages: search over provisions as of a date, a text as of a date, and two
versions compared. The portal shows published texts (``public``); the office every text the
user's scope reaches (published ones and their own units' drafts). Every query goes through
``scoped`` (restrict, fail closed)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.org.scoping import scoped

from .choices import TextKind, TextState
from .compare import compare, summary
from .models import LegalText, TextVersion
from .search import search


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", max_length=100, required=False)
    on = forms.DateField(
        label="施行日期",
        required=False,
        help_text="检索该日施行的条文；留空则检索所有版本",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "请输入有效日期，例如 2019-06-30"},
    )
    kind = forms.ChoiceField(
        label="类别", required=False, choices=[("", "全部"), *TextKind.choices]
    )


class AsOfForm(forms.Form):
    on = forms.DateField(
        label="查看日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "请输入有效日期，例如 2019-06-30"},
    )


def _search_page(request: HttpRequest, template: str, *, public_only: bool) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        texts = scoped(request, LegalText)
        if form.cleaned_data["kind"]:
            texts = texts.filter(kind=form.cleaned_data["kind"])
        results = search(
            form.cleaned_data["q"],
            on=form.cleaned_data["on"],
            texts=texts,
            public_only=public_only,
        )
    context: dict[str, Any] = {"form": form, "results": results, "texts": _text_list(request)}
    return render(request, template, context)


def _text_list(request: HttpRequest) -> Any:
    return scoped(request, LegalText).order_by("kind", "title")


def provision_search(request: HttpRequest) -> HttpResponse:
    return _search_page(request, "rulemaking/search.html", public_only=True)


@login_required
def office_search(request: HttpRequest) -> HttpResponse:
    return _search_page(request, "rulemaking/office/search.html", public_only=False)


def _text_or_404(request: HttpRequest, pk: int) -> LegalText:
    text = scoped(request, LegalText).filter(pk=pk).first()
    if text is None:
        raise Http404("没有该法律文本")
    return text


def text_detail(request: HttpRequest, pk: int) -> HttpResponse:
    text = _text_or_404(request, pk)
    form = AsOfForm(request.GET or None)
    on: date | None = form.cleaned_data["on"] if form.is_valid() else None
    # Drafts are read on their drafting case (office), not here: only promulgated versions.
    versions = list(
        scoped(request, TextVersion)
        .filter(text=text)
        .exclude(state=TextState.DRAFT)
        .order_by("effective_from")
    )
    if on is not None:
        version = text.version_on(on)
    else:
        version = text.latest_version() or (versions[-1] if versions else None)
    provisions = list(version.provisions.order_by("position")) if version else []
    return render(
        request,
        "rulemaking/text.html",
        {
            "text": text,
            "form": form,
            "on": on,
            "version": version,
            "version_rows": list(zip(versions, [None, *versions[:-1]], strict=True)),
            "provisions": provisions,
            "today": timezone.localdate(),
        },
    )


def version_compare(request: HttpRequest, pk: int, old: int, new: int) -> HttpResponse:
    text = _text_or_404(request, pk)
    versions = scoped(request, TextVersion).filter(text=text).exclude(state=TextState.DRAFT)
    a = versions.filter(pk=old).first()
    b = versions.filter(pk=new).first()
    if a is None or b is None:
        raise Http404("没有该版本")
    changes = compare(a, b)
    return render(
        request,
        "rulemaking/compare.html",
        {"text": text, "old": a, "new": b, "changes": changes, "summary": summary(changes)},
    )
