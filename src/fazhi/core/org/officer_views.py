"""The justice bureau's credential screens (/office/officers/, 执法证件管理): the officers a user
may see, an officer's page with the credential history, and one small form per lifecycle action
allowed from the current status.

Who may look and who may act is the scope of ``Officer`` (``credential_rule`` in models.py,
docs/visibility.md): ``restrict(user, "view")`` lists, ``restrict(user, "change")`` acts, so a
department's own clerk sees its officers and the page offers them no action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import services
from .choices import CredentialAction, allowed_actions
from .credential_forms import FORMS, StepForm
from .filtersets import FilterError, OfficerFilterSet
from .models import CredentialEvent, Officer
from .scoping import scoped


@login_required
def officer_list(request: HttpRequest) -> HttpResponse:
    officers = scoped(request, Officer, "view").select_related("person", "department")
    filters = OfficerFilterSet(request.GET, queryset=officers, request=request)
    try:
        shown = filters.check()
    except FilterError as exc:
        context: dict[str, Any] = {"filters": filters, "page": None, "errors": exc.messages}
        return render(request, "org/officer_list.html", context, status=400)
    page = Paginator(shown.order_by("department__path", "credential_no", "pk"), 50)
    context = {"filters": filters, "page": page.get_page(request.GET.get("page")), "errors": []}
    return render(request, "org/officer_list.html", context)


def _may_act(request: HttpRequest, officer: Officer) -> bool:
    return scoped(request, Officer, "change").filter(pk=officer.pk).exists()


def _page(
    request: HttpRequest, officer: Officer, bound: StepForm | None = None, **extra: Any
) -> dict[str, Any]:
    may_act = _may_act(request, officer)
    actions = []
    if may_act:
        for action in allowed_actions(officer.status):
            form = bound if bound is not None and bound.prefix == action else None
            actions.append(
                {
                    "name": action,
                    "label": CredentialAction(action).label,
                    "form": form or FORMS[action](prefix=action),
                    "open": form is not None,
                }
            )
    history = (
        scoped(request, CredentialEvent, "view")
        .filter(officer=officer)
        .select_related("actor")
        .order_by("-on", "-at", "-pk")
    )
    return {
        "officer": officer,
        "may_act": may_act,
        "actions": actions,
        "history": history,
        "refusals": [],
        **extra,
    }


def _officer(request: HttpRequest, pk: int) -> Officer:
    qs = scoped(request, Officer, "view").select_related("person", "department")
    return get_object_or_404(qs, pk=pk)


@login_required
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _officer(request, pk)
    return render(request, "org/officer_detail.html", _page(request, officer))


def _apply(action: str, officer: Officer, data: dict[str, Any], actor: Any) -> Officer:
    common = {"on": data["on"], "actor": actor, "note": data.get("note", "")}
    if action == CredentialAction.EXAM:
        return services.record_exam(officer, score=data["score"], **common)
    if action == CredentialAction.ISSUE:
        return services.issue(
            officer,
            credential_no=data["credential_no"].strip(),
            fields=data["areas"],
            valid_until=data.get("valid_until"),
            **common,
        )
    if action == CredentialAction.ANNUAL_CHECK:
        return services.annual_check(officer, passed=data["passed"], **common)
    if action == CredentialAction.SUSPEND:
        return services.suspend(officer, **common)
    if action == CredentialAction.REINSTATE:
        return services.reinstate(officer, **common)
    return services.revoke(officer, **common)


@login_required
@require_POST
def officer_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One lifecycle action; a refusal re-shows the page with its reason, in Chinese."""
    if action not in FORMS:
        raise Http404
    officer = _officer(request, pk)
    if not _may_act(request, officer):
        raise PermissionDenied("只有本级或上级司法局的经办人可以办理执法证件事项")
    label = CredentialAction(action).label
    form = FORMS[action](request.POST, prefix=action)
    if action not in allowed_actions(officer.status):
        refusal = f"证件状态为“{officer.get_status_display()}”，不能办理“{label}”"
        context = _page(request, officer, refusals=[refusal])
        return render(request, "org/officer_detail.html", context, status=400)
    if form.is_valid():
        try:
            _apply(action, officer, form.cleaned_data, request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, f"已办理“{label}”")
            return redirect("officers:detail", pk=officer.pk)
    officer.refresh_from_db()
    # Another clerk may have moved the credential meanwhile: the form is then no longer offered
    # and its refusal is shown at the top.
    lost = [] if action in allowed_actions(officer.status) else list(form.non_field_errors())
    context = _page(request, officer, bound=form, refusals=lost)
    return render(request, "org/officer_detail.html", context, status=400)
