"""A citizen or an enterprise complains on the portal that a cancelled proof is still demanded.

The complaint is registered as a case of the justice bureau (the handler of 减证便民 complaints),
with the complainant as its applicant, and walks the same steps as one registered by staff. The
account sees it, and only its own, under 我的办件 (``accounts.submissions``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.accounts.session import account_required, signed_in_account
from fazhi.core.accounts.submissions import SubmissionItem
from fazhi.core.casework.models import Party
from fazhi.core.org.models import OrgUnit, Person

from . import complaints
from .choices import ProofStatus
from .models import ProofComplaint, ProofRequirement


class PublicComplaintForm(forms.Form):
    demanded_by = forms.CharField(label="要求您提供该证明的单位", max_length=200)
    description = forms.CharField(
        label="情况说明", widget=forms.Textarea(attrs={"rows": 5}), max_length=2000
    )


def handler_unit() -> OrgUnit:
    """The unit that handles the complaints: ``FAZHI_PROOF_COMPLAINT_HANDLER`` (an org unit
    code), by default the justice bureau of the site's government."""
    code = getattr(settings, "FAZHI_PROOF_COMPLAINT_HANDLER", "") or (
        f"{settings.FAZHI_SITE_GOVERNMENT[:6]}-SFJ"
    )
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise Http404("本平台尚未设置减证便民投诉的受理机构")
    return unit


@account_required
def complain(request: HttpRequest, code: str) -> HttpResponse:
    proof = ProofRequirement.objects.filter(code=code, status=ProofStatus.CANCELLED).first()
    if proof is None:
        raise Http404("该证明事项未被取消，或不存在")
    account = signed_in_account(request)
    form = PublicComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit(account, proof, **form.cleaned_data)
        return redirect("accounts:submissions")
    return render(request, "lists/complain.html", {"proof": proof, "form": form})


@transaction.atomic
def submit(account: Any, proof: ProofRequirement, *, demanded_by: str, description: str) -> Any:
    handler = handler_unit()
    complaint = complaints.receive(
        handler=handler,
        proof=proof,
        demanded_by=demanded_by,
        description=description,
        received_on=timezone.localdate(),
    )
    # The complainant is the case's applicant, registered with the handling unit; their phone
    # is shown masked on staff screens like every party's.
    person = Person.objects.create(
        name=account.display_name, phone=account.phone, owner_unit=handler
    )
    Party.objects.create(case=complaint.case, role="applicant", person=person)
    ProofComplaint.objects.filter(pk=complaint.pk).update(account=account)
    return complaint


def submissions(account: Any) -> Iterable[SubmissionItem]:
    """The account's own complaints, for 我的办件."""
    for c in (
        ProofComplaint.objects.filter(account=account)
        .select_related("case", "proof")
        .order_by("-case__opened_on")
    ):
        yield SubmissionItem(
            account_id=account.pk,
            title=f"减证便民投诉：{c.proof.name}",
            submitted_at=c.case.opened_on,
            status=c.case.get_state_display(),
            reference=c.case.number,
        )
