"""The drafting screens: the office's draft list and the workbench of one draft (its provisions
with the public's comments kept attached, moderation and answers), and the portal's open
consultations, the draft page with a comment form on each article, and the feedback as a Word
document. Every query goes through the scoping method (office) or the disclosure gate (portal).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.accounts.models import PublicAccount
from fazhi.core.accounts.session import current_account
from fazhi.core.accounts.submissions import SubmissionItem
from fazhi.core.casework.workflow import TransitionError, take, workflow_for
from fazhi.core.disclosure.models import Publication, PublicationQuerySet
from fazhi.core.org.scoping import ensure_restricted, scoped
from fazhi.shell.office.cases import case_for
from fazhi.shell.portal.throttle import lookup_allowed

from . import consultation as consult
from .anchors import anchors_of
from .compare import compare
from .drafting import KIND
from .drafting_choices import Adoption, CommentStatus
from .issuers import LIST_KIND
from .models import Comment, Draft, TextVersion

# -- office ---------------------------------------------------------------------------------------


@login_required
def draft_list(request: HttpRequest) -> HttpResponse:
    drafts = scoped(request, Draft).select_related("case", "issuer").order_by("-case__opened_on")
    wf = workflow_for(KIND)
    return render(
        request,
        "rulemaking/drafting/draft_list.html",
        {
            "drafts": [(d, wf.state_label(d.case.state) if wf else d.case.state) for d in drafts],
            "may_create": bool(wf and wf.creating_units(request.user)),
            "kind": KIND,
        },
    )


def _draft_versions(d: Draft) -> list[TextVersion]:
    return list(
        TextVersion.objects.filter(text=d.text, source__startswith=f"起草案件 {d.case.number}")
        .filter(state="draft")
        .order_by("pk")
    )


@login_required
def draft_workbench(request: HttpRequest, pk: int) -> HttpResponse:
    """草案条文与公众意见: the current draft article by article, each with the comments made on
    it in any consultation (kept attached across revisions), to moderate and to answer."""
    case = case_for(request, pk)
    d = scoped(request, Draft).filter(case=case).select_related("current", "issuer").first()
    if d is None:
        raise Http404
    comments = list(
        scoped(request, Comment)
        .filter(consultation__draft=d)
        .select_related("anchor", "consultation")
        .order_by("submitted_at", "pk")
    )
    by_anchor: dict[int | None, list[Comment]] = {}
    for c in comments:
        by_anchor.setdefault(c.anchor_id, []).append(c)
    articles = []
    placed: set[int] = set()
    if d.current is not None:
        anchors = anchors_of(d.current)
        for p in d.current.provisions.order_by("position"):
            anchor = anchors.get(p.pk)
            if anchor is not None:
                placed.add(anchor.pk)
            articles.append(
                {
                    "provision": p,
                    "anchor": anchor,
                    "comments": by_anchor.get(anchor.pk, []) if anchor else [],
                }
            )
    removed = [
        c
        for anchor_id, rows in by_anchor.items()
        if anchor_id and anchor_id not in placed
        for c in rows
    ]
    versions = _draft_versions(d)
    changes = compare(versions[-2], versions[-1]) if len(versions) > 1 else []
    return render(
        request,
        "rulemaking/drafting/workbench.html",
        {
            "case": case,
            "draft": d,
            "articles": articles,
            "general": by_anchor.get(None, []),
            "removed": removed,
            "versions": versions,
            "changes": changes,
            "adoptions": Adoption.choices,
            "pending": CommentStatus.PENDING,
            "published": CommentStatus.PUBLISHED,
        },
    )


def _take_from_workbench(request: HttpRequest, pk: int, step: str, data: dict[str, Any]) -> None:
    case = case_for(request, pk)
    try:
        take(case, step, request.user, data=data)
    except TransitionError as error:
        messages.error(request, "；".join(str(r) for r in error.refusals))
    else:
        messages.success(request, "已办理")


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int, comment: int) -> HttpResponse:
    _take_from_workbench(
        request,
        pk,
        "moderate_comment",
        {
            "comment": comment,
            "decision": request.POST.get("decision", ""),
            "reason": request.POST.get("reason", ""),
        },
    )
    return redirect("rulemaking_drafting:draft_workbench", pk=pk)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, comment: int) -> HttpResponse:
    _take_from_workbench(
        request,
        pk,
        "answer_comment",
        {
            "comment": comment,
            "adoption": request.POST.get("adoption", ""),
            "response": request.POST.get("response", ""),
        },
    )
    return redirect("rulemaking_drafting:draft_workbench", pk=pk)


# -- portal ---------------------------------------------------------------------------------------


def _public(request: HttpRequest) -> PublicationQuerySet:
    qs = ensure_restricted(Publication.objects.restrict(request.user, "view"))
    return qs.filter(withdrawal__isnull=True)


def consultation_list(request: HttpRequest) -> HttpResponse:
    """公开征求意见: the drafts open for comment, then the closed ones with their feedback."""
    pubs = _public(request).filter(kind=consult.CONSULTATION_KIND).order_by("-published_on", "-pk")
    today = timezone.localdate()
    open_: list[Publication] = []
    closed: list[Publication] = []
    for pub in pubs:
        (open_ if pub.publish_until and pub.publish_until >= today else closed).append(pub)
    feedback = {
        f.payload.get("consultation"): f
        for f in _public(request).filter(kind=consult.FEEDBACK_KIND)
    }
    issuers = _public(request).filter(kind=LIST_KIND).order_by("-published_on", "-pk").first()
    return render(
        request,
        "rulemaking/consult/list.html",
        {
            "open": open_,
            "closed": [(p, feedback.get(p.pk)) for p in closed],
            "issuers": issuers,
        },
    )


class CommentForm(forms.Form):
    anchor = forms.CharField(required=False, widget=forms.HiddenInput, max_length=12)
    body = forms.CharField(label="意见", widget=forms.Textarea, max_length=4000)


def _consultation_pub(request: HttpRequest, pk: int) -> Publication:
    pub = _public(request).filter(pk=pk, kind=consult.CONSULTATION_KIND).first()
    if pub is None:
        raise Http404("没有该征求意见")
    return pub


def _published_comments(request: HttpRequest, pub: Publication) -> Iterable[Publication]:
    return (
        _public(request)
        .filter(kind=consult.COMMENT_KIND, payload__draft=pub.payload.get("draft"))
        .order_by("published_on", "pk")
    )


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft for comment article by article, the published comments on each (those of an
    earlier draft stay with the article they were made on), and a comment form on each."""
    pub = _consultation_pub(request, pk)
    today = timezone.localdate()
    is_open = pub.publish_until is not None and pub.public_date <= today <= pub.publish_until
    by_anchor: dict[str, list[Publication]] = {}
    for c in _published_comments(request, pub):
        by_anchor.setdefault(str(c.payload.get("anchor", "")), []).append(c)
    provisions = [
        {**p, "comments": by_anchor.get(p.get("anchor", ""), []) if p.get("anchor") else []}
        for p in pub.payload.get("条文", [])
    ]
    account = current_account(request)
    feedback = _public(request).filter(kind=consult.FEEDBACK_KIND, payload__consultation=pub.pk)
    return render(
        request,
        "rulemaking/consult/detail.html",
        {
            "pub": pub,
            "f": pub.payload,
            "provisions": provisions,
            "general": by_anchor.get("", []),
            "is_open": is_open,
            "account": account,
            "may_comment": is_open and (account is not None or pub.payload.get("允许匿名")),
            "form": CommentForm(),
            "feedback": feedback.order_by("-pk").first(),
        },
    )


@require_POST
def comment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    pub = _consultation_pub(request, pk)
    form = CommentForm(request.POST)
    account = current_account(request)
    target = reverse("rulemaking_consult:consultation_detail", args=[pub.pk])
    if not form.is_valid():
        messages.error(request, "请填写意见内容")
        return redirect(target)
    if account is None:
        allowed, wait = lookup_allowed(request)
        if not allowed:
            messages.error(request, f"提交过于频繁，请 {wait} 秒后再试")
            return redirect(target)
    try:
        consult.submit_comment(
            pub,
            body=form.cleaned_data["body"],
            anchor_key=form.cleaned_data["anchor"],
            account=account,
            on=timezone.localdate(),
        )
    except TransitionError as error:
        messages.error(request, "；".join(str(r) for r in error.refusals))
    else:
        messages.success(request, "意见已提交，经审核后公开")
    return redirect(target)


def feedback_docx(request: HttpRequest, pk: int) -> HttpResponse:
    pub = _public(request).filter(pk=pk, kind=consult.FEEDBACK_KIND).first()
    if pub is None:
        raise Http404("没有该反馈")
    response = HttpResponse(
        consult.feedback_docx(pub),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="feedback-{pub.pk}.docx"'
    return response


def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pub = _public(request).filter(pk=pk, kind=consult.FEEDBACK_KIND).first()
    if pub is None:
        raise Http404("没有该反馈")
    return render(request, "rulemaking/consult/feedback.html", {"pub": pub, "f": pub.payload})


def issuer_list(request: HttpRequest) -> HttpResponse:
    pub = _public(request).filter(kind=LIST_KIND).order_by("-published_on", "-pk").first()
    return render(request, "rulemaking/consult/issuers.html", {"pub": pub})


def my_comments(account: PublicAccount) -> Iterable[SubmissionItem]:
    """The account's own comments for the "my submissions" page (with a refusal's reason)."""
    for c in (
        Comment.objects.filter(account=account)
        .select_related("consultation__draft__case")
        .order_by("-submitted_at")
    ):
        status = c.get_status_display()
        if c.status == CommentStatus.REJECTED:
            status += f"（{c.moderation_reason}）"
        elif c.adoption:
            status += f"，{c.get_adoption_display()}"
        yield SubmissionItem(
            account_id=c.account_id or 0,
            title=f"《{c.consultation.draft.case.title}》{c.path or '总体意见'}",
            submitted_at=c.submitted_at,
            status=status,
        )
