"""全过程记录 (行政处罚法 第四十七条): 行政机关应当依法以文字、音像等形式，对行政处罚的启动、
调查取证、审核、决定、送达、执行等进行全过程记录，归档保存.

The text record is the case's timeline (each step an event with its business date, actor and
data). Here the audio-visual part: a photo, a recording or law-enforcement recorder footage is
stored through the document store with its SHA-256 and recorded as ``Evidence`` linked to the
act (the event) it records. Both rows are sealed by the integrity streams (``documents`` and
``enforcement_evidence``, group ``cases``), and ``fazhi verify cases`` recomputes every file's
digest against both: a file replaced on disk, or a document row rewritten to match it, is
reported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.casework.files import store_document
from fazhi.core.casework.models import Case, Event, register_event_label
from fazhi.core.casework.workflow import Refusal, TransitionError, workflow_for
from fazhi.core.org.choices import Role

from .choices import EvidenceKind
from .models import Evidence

BASIS = "行政处罚法 第四十七条"
EVENT_KIND = "evidence_recorded"
register_event_label(EVENT_KIND, "登记音像证据")

SUFFIXES = {
    EvidenceKind.PHOTO: {"jpg", "jpeg", "png", "heic", "webp"},
    EvidenceKind.AUDIO: {"mp3", "wav", "m4a", "amr", "aac"},
    EvidenceKind.VIDEO: {"mp4", "mov", "avi", "mkv", "3gp"},
    EvidenceKind.RECORDER: {"mp4", "mov", "avi", "mkv", "3gp"},
}
RECORDING_ROLES = frozenset({Role.OFFICER, Role.CLERK, Role.DEPARTMENT_HEAD})
# Mechanism events record no act of enforcement (a deadline starting, a number voided …).
ACTS_BESIDES_STEPS = frozenset({"served", "document_issued"})


def _refusals(
    case: Case,
    event: Event,
    actor: Any,
    kind: str,
    filename: str,
    device_id: str,
    recorded_at: datetime | None,
) -> list[Refusal]:
    refusals: list[Refusal] = []
    owner = case.owner_unit()
    roles = (
        {r.org_unit_id for r in actor.role_rows() if r.role in RECORDING_ROLES} if actor else set()
    )
    if owner is None or owner.pk not in roles:
        refusals.append(Refusal("音像证据须由本案承办机关的执法人员或经办人登记", BASIS))
    wf = workflow_for(case.kind)
    steps = set(wf.transitions) if wf else set()
    if event.case_id != case.pk or (
        event.kind not in steps and event.kind not in ACTS_BESIDES_STEPS
    ):
        refusals.append(Refusal("音像证据须对应本案的一项执法行为（办理步骤）", BASIS))
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    allowed = SUFFIXES.get(EvidenceKind(kind), set())
    if suffix not in allowed:
        refusals.append(
            Refusal(
                f"{EvidenceKind(kind).label}文件应为 {'、'.join(sorted(allowed))} 格式，"
                f"“{filename}”不是",
                BASIS,
            )
        )
    if kind == EvidenceKind.RECORDER:
        if not device_id.strip() or recorded_at is None:
            refusals.append(Refusal("执法记录仪录像须登记记录仪编号和录制时间", BASIS))
        elif timezone.localtime(recorded_at).date() != event.business_date:
            refusals.append(
                Refusal(
                    f"录制时间 {timezone.localtime(recorded_at):%Y-%m-%d %H:%M} 与所记录的执法行为"
                    f"（{event.business_date.isoformat()}）不在同一天",
                    BASIS,
                )
            )
    return refusals


def record_evidence(
    case: Case,
    event: Event,
    content: bytes,
    filename: str,
    *,
    kind: str,
    actor: Any,
    description: str = "",
    device_id: str = "",
    recorded_at: datetime | None = None,
) -> Evidence:
    """Store an evidence file and record it against the act it records — all or nothing."""
    refusals = _refusals(case, event, actor, kind, filename, device_id, recorded_at)
    if refusals:
        raise TransitionError(refusals)
    label = EvidenceKind(kind).label
    with transaction.atomic():
        doc = store_document(
            content,
            filename,
            owner_unit=case.owner_unit(),
            kind=label,
            title=f"{label}：{description or filename}"[:200],
            case=case,
            created_by=actor,
        )
        try:
            evidence = Evidence.objects.create(
                case=case,
                event=event,
                document=doc,
                kind=kind,
                sha256=doc.sha256,
                description=description,
                device_id=device_id.strip(),
                recorded_at=recorded_at,
                recorded_by=actor,
            )
            Event.objects.create(
                case=case,
                actor=actor,
                kind=EVENT_KIND,
                occurred_on=event.business_date,
                note=f"{label}：{description or filename}",
                data={
                    "evidence": evidence.pk,
                    "of_event": event.pk,
                    "sha256": doc.sha256,
                    "device_id": evidence.device_id,
                    "recorded_at": recorded_at.isoformat() if recorded_at else "",
                },
                document_ids=[doc.pk],
            )
        except Exception:
            doc.file.delete(save=False)  # the rows roll back; the stored file would be orphaned
            raise
    return evidence


def check_evidence_files() -> Iterator[tuple[int, str]]:
    """For ``fazhi verify cases``: every evidence file still hashes to the digest sealed with
    its evidence row (and its document row still says the same)."""
    rows = (
        Evidence.objects.select_related("document").order_by("pk").unrestricted("校验证据文件摘要")
    )
    for ev in rows.iterator():
        if ev.document.sha256 != ev.sha256:
            yield ev.pk, "证据的文书登记摘要与封存的证据摘要不符"
            continue
        try:
            h = hashlib.sha256()
            with ev.document.file.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            ok = h.hexdigest() == ev.sha256
        except OSError:
            ok = False
        if not ok:
            yield ev.pk, "证据文件与登记的摘要不符或缺失（全过程记录被篡改）"
