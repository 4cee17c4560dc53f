"""阅卷 (行政复议法 第四十七条): the applicant, a third party or their agent asks to read and copy
the respondent's reply, evidence and basis; the reconsideration body agrees unless a statutory
exception applies (国家秘密、商业秘密、个人隐私, or a danger to national or public security or
social stability), which it names. Every reading — at the office, recorded by the handler, or
online by the applicant's account — is logged with who, when and which files, and appears in
the case's timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import models, transaction

from fazhi.core.casework.models import Case, Document, Event, Party, register_event_label
from fazhi.core.casework.workflow import Refusal, StepRefused, TransitionError
from fazhi.core.org.choices import Role

from .models import Application, FileAccess, FileAccessRequest, RespondentSubmission
from .party_choices import AccessMode, AccessState

BASIS = "行政复议法 第四十七条"
READERS = ("applicant", "third_party", "agent")
register_event_label("file_access_requested", "阅卷申请")
register_event_label("file_access_decided", "阅卷申请审查")
register_event_label("file_access", "阅卷")


def is_handler(case: Case, actor: Any) -> bool:
    owner = case.owner_unit()
    roles = (Role.RECONSIDERATION_HANDLER, Role.RECONSIDERATION_HEAD)
    return (
        actor is not None
        and owner is not None
        and any(r.role in roles and r.org_unit_id == owner.pk for r in actor.role_rows())
    )


def _handler(case: Case, actor: Any) -> None:
    if not is_handler(case, actor):
        raise StepRefused(Refusal("阅卷事项由本案行政复议机构的承办人或负责人办理", BASIS))


def _event(case: Case, actor: Any, kind: str, on: date, note: str, **data: Any) -> None:
    Event.objects.create(
        case=case, actor=actor, kind=kind, occurred_on=on, note=note, data={**data, "basis": BASIS}
    )


def readable_documents(case: Case) -> models.QuerySet[Document]:
    """What 第四十七条 opens: the respondent's written reply, evidence, basis and other material."""
    ids = RespondentSubmission.objects.filter(case=case).values_list("document_id", flat=True)
    return Document.objects.filter(pk__in=ids).order_by("id")


@transaction.atomic
def request_access(case: Case, actor: Any, requester: Party, *, on: date) -> FileAccessRequest:
    _handler(case, actor)
    if requester.case_id != case.pk or requester.role not in READERS:
        raise TransitionError(Refusal("只有本案申请人、第三人及其委托代理人可以申请阅卷", BASIS))
    row = FileAccessRequest.objects.create(case=case, requester=requester, requested_on=on)
    _event(case, actor, "file_access_requested", on, f"{requester} 申请查阅、复制答复和证据")
    return row


@transaction.atomic
def decide_access(
    request: FileAccessRequest,
    actor: Any,
    *,
    grant: bool,
    on: date,
    ground: str = "",
    reasons: str = "",
) -> FileAccessRequest:
    _handler(request.case, actor)
    if request.state != AccessState.REQUESTED:
        raise TransitionError(Refusal("该阅卷申请已经审查", BASIS))
    if not grant and not ground:
        # 第四十七条: 行政复议机构应当同意, 法定例外除外 — a refusal names its exception.
        raise TransitionError(Refusal("不同意查阅的，须写明属于哪一法定例外情形", BASIS))
    request.state = AccessState.GRANTED if grant else AccessState.REFUSED
    request.decided_on, request.decided_by = on, actor
    request.refusal_ground = "" if grant else ground
    request.reasons = reasons
    request.save()
    note = "同意查阅、复制" if grant else f"不同意：{request.get_refusal_ground_display()}"
    _event(request.case, actor, "file_access_decided", on, note, request=request.pk)
    return request


@transaction.atomic
def log_access(
    request: FileAccessRequest,
    *,
    mode: str,
    documents: Sequence[Document],
    on: date,
    staff: Any = None,
    account: Any = None,
) -> FileAccess:
    """One reading or copying of ``documents`` under a granted request."""
    case = request.case
    if staff is not None:
        _handler(case, staff)
    if request.state != AccessState.GRANTED:
        raise TransitionError(Refusal("阅卷申请未获同意，不能查阅", BASIS))
    allowed = set(readable_documents(case).values_list("pk", flat=True))
    if not documents or any(d.pk not in allowed for d in documents):
        raise TransitionError(Refusal("只能查阅、复制被申请人提交的答复、证据和依据", BASIS))
    row = FileAccess.objects.create(
        request=request,
        case=case,
        mode=mode,
        reader=str(request.requester),
        staff=staff,
        account=account,
    )
    row.documents.set(documents)
    titles = "、".join(d.title for d in documents)
    _event(
        case,
        staff,
        "file_access",
        on,
        f"{row.reader} {AccessMode(mode).label}：{titles}",
        access=row.pk,
        documents=[d.pk for d in documents],
    )
    return row


def granted_for_account(account: Any, case_pk: int) -> FileAccessRequest | None:
    """The account's applicant's granted request on its own online application, if any."""
    app = Application.objects.filter(account=account, case_id=case_pk).first()
    if app is None:
        return None
    return (
        FileAccessRequest.objects.filter(
            case_id=case_pk, requester__role="applicant", state=AccessState.GRANTED
        )
        .select_related("case", "requester")
        .order_by("-id")
        .first()
    )
