"""The respondent department's side of a reconsideration (行政复议法 第四十八条): from the day
the body sends it the application copy until the case ends, its clerks and head see the case,
download the copy, and reply with the evidence, the basis and other material. What arrives after
the reply deadline is marked late: 第七十条 — a respondent that does not reply and produce its
evidence in time is deemed to have no evidence or basis for the act (unless a third party's
rights are involved and the third party produces evidence).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import models, transaction

from fazhi.core.casework.files import store_document
from fazhi.core.casework.models import Case, Deadline, Document
from fazhi.core.casework.workflow import Refusal, StepRefused, TransitionError, acting_units, take
from fazhi.core.org.choices import Role
from fazhi.core.org.scoping import scoped

from .choices import ReconsiderationState
from .models import Application, RespondentSubmission
from .party_choices import Channel, SubmissionKind
from .workflow import KIND, REPLY, SIMPLIFIED_REPLY, WORKFLOW, detail

RESPONDENT_ROLES = (Role.CLERK, Role.DEPARTMENT_HEAD)
COPY_KINDS = ("行政复议申请书", "口头申请笔录")
LATE_BASIS = "行政复议法 第四十八条、第七十条"
LATE_NOTE = (
    "被申请人未在期限内提出书面答复、提交证据和依据的，视为该行政行为没有证据、依据"
    "（行政复议法 第七十条；行政行为涉及第三人合法权益，第三人提供证据的除外）"
)


# -- the application copy -----------------------------------------------------------------------


def store_application(case: Case, application: Application, applicant: str, actor: Any) -> Document:
    """The application (or the oral record) as a Word file: the copy sent to the respondent."""
    from docx import Document as Docx

    oral = application.channel == Channel.ORAL
    title = "口头申请笔录" if oral else "行政复议申请书"
    rc = detail(case)
    doc = Docx()
    doc.add_heading(title, level=1)
    rows = [
        ("申请人", applicant),
        ("被申请人", str(rc.respondent() or "")),
        ("申请方式", application.get_channel_display()),
        ("收到申请日期", case.opened_on.isoformat()),
        ("被申请复议的行政行为", rc.act_complained),
        ("申请人知道该行政行为之日", rc.knew_on.isoformat()),
        ("行政复议请求", application.request),
        ("主要事实和理由", application.facts),
    ]
    if oral:
        rows += [
            ("笔录", application.oral_record),
            (
                "申请人签字确认日期",
                application.signed_on.isoformat() if application.signed_on else "",
            ),
        ]
    for label, value in rows:
        doc.add_paragraph(f"{label}：{value}")
    out = io.BytesIO()
    doc.save(out)
    owner = case.owner_unit()
    return store_document(
        out.getvalue(),
        f"{title}.docx",
        owner_unit=owner,
        kind=title,
        title=f"{title}（{case.title}）",
        case=case,
        created_by=actor,
    )


# -- what the respondent sees --------------------------------------------------------------------


def respondent_unit_ids(user: Any) -> list[int]:
    return [r.org_unit_id for r in user.role_rows() if r.role in RESPONDENT_ROLES]


def respondent_cases(request: Any) -> models.QuerySet[Case]:
    """The open cases in which one of the user's departments is the respondent and has been
    sent the copy (第四十八条), through the one scoping method."""
    units = respondent_unit_ids(request.user)
    return (
        scoped(request, Case, "view")
        .filter(
            kind=KIND,
            closed_on__isnull=True,
            participants__role="respondent",
            participants__org_unit_id__in=units,
            events__kind="send_copy",
        )
        .distinct()
        .order_by("opened_on", "id")
    )


def reply_deadline(case: Case) -> Deadline | None:
    return case.deadlines.filter(key__in=[REPLY, SIMPLIFIED_REPLY]).order_by("-id").first()


def copy_documents(request: Any, case: Case) -> models.QuerySet[Document]:
    return scoped(request, Document, "view").filter(case=case, kind__in=COPY_KINDS)


# -- replying ------------------------------------------------------------------------------------


def _may_submit(case: Case, actor: Any) -> None:
    step = WORKFLOW.transitions["reply"]
    if not acting_units(case, actor, step):
        raise StepRefused(
            Refusal("只有本案被申请人的经办人或负责人可以提交答复和证据", "行政复议法 第四十八条")
        )
    if not case.events.filter(kind="send_copy").exists():
        raise TransitionError(
            Refusal("尚未收到行政复议申请书副本", "行政复议法 第四十八条", missing_step="send_copy")
        )
    if case.closed_on is not None:
        raise TransitionError(Refusal("本案已办结，不能再提交材料", "行政复议法 第四十八条"))


@transaction.atomic
def submit(
    case: Case,
    actor: Any,
    files: Sequence[tuple[str, str, bytes]],
    *,
    on: date,
    note: str = "",
) -> list[RespondentSubmission]:
    """Store ``files`` ((kind, filename, content)) as the respondent's material. While the case
    awaits the reply, a file of kind ``reply`` takes the ``reply`` step; material sent later is
    kept as supplementary. Either way, what comes after the reply deadline is marked late."""
    _may_submit(case, actor)
    if not files:
        raise TransitionError(Refusal("请上传答复书或证据材料", "行政复议法 第四十八条"))
    unit = detail(case).respondent()
    deadline = reply_deadline(case)
    due = deadline.due if deadline is not None else None
    rows = []
    for kind, name, content in files:
        label = SubmissionKind(kind).label
        doc = store_document(
            content,
            name,
            owner_unit=unit,
            kind=f"被申请人{label}",
            title=f"被申请人{label}：{name}",
            case=case,
            created_by=actor,
        )
        rows.append(
            RespondentSubmission.objects.create(
                case=case,
                document=doc,
                kind=kind,
                submitted_on=on,
                due=due,
                late=due is not None and on > due,
                submitted_by=actor,
            )
        )
    replying = any(r.kind == SubmissionKind.REPLY for r in rows)
    if replying and case.state == ReconsiderationState.ACCEPTED:
        take(case, "reply", actor, on=on, note=note, document_ids=[r.document_id for r in rows])
    return rows
