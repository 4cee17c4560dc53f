"""Making credit records from their sources and ending them.

- A penalty decision published through the disclosure gate (``post_save`` of ``Publication``,
  connected in ``apps.py``): one record per entity party, with the periods the publication
  already carries (``enforcement.publicity.publication_end``); the penalty publication is the
  record's publication.
- A campaign's published results (``inspection.results.results_published``): one record per
  task whose result is a violation or a refusal to cooperate, published on its own (the
  campaign's record lists many entities; a repair must end one entity's information only).
- A department records a broken notify-commit commitment (告知承诺) or a licence with its basis
  (``record_entry``; the office form ``forms.EntryForm``).

A record ends once (``choices.RECORD_TRANSITIONS``): on repair (``end_record`` from the repair
step, which withdraws its publication with the reason 信用修复), at the end of its longest period
(``expire_records``, a daily job: on that very day, never moved past rest days), or when its
source is withdrawn (a revoked decision).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.casework.models import Party
from fazhi.core.clock.periods import day_after
from fazhi.core.disclosure.gate import publish, withdraw
from fazhi.core.disclosure.models import OutboxMessage, Publication, Withdrawal
from fazhi.core.org.models import Entity
from fazhi.domains.enforcement.publicity import CREDIT_REPAIR_REASON as REPAIR_REASON

from .choices import Nature, RecordState, Severity, SourceKind
from .models import CreditRecord
from .periods import record_periods

CREDIT_KIND = "信用信息"
# The credit platforms told of a record and of its repair through the outbox (信用中国; the
# enterprise credit publicity system for enterprises). A provincial credit platform needs a
# channel of the disclosure outbox of its own (not yet a ``Channel``).
CREDIT_PLATFORMS = ("credit_china", "gsxt")

# Which inspection results are adverse credit information, and how serious (a problem corrected
# on the spot is not 失信; unreachable entities and unfiled annual reports go to the market
# regulator's abnormal-operation list, which is not a record of the inspecting department).
INSPECTION_SEVERITY = {"violation": Severity.GENERAL, "uncooperative": Severity.GENERAL}
INSPECTION_BASIS = (
    "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见（国发〔2019〕5号）"
)


def _ref(obj: Any, entity: Entity | None = None) -> str:
    ref = f"{obj._meta.label_lower}:{obj.pk}"
    return f"{ref}:{entity.pk}" if entity is not None else ref


def _terms(record: CreditRecord) -> str:
    out = f"自 {record.published_from.isoformat()} 起至 {record.publish_until.isoformat()}"
    if record.earliest_repair:
        out += f"（{record.earliest_repair.isoformat()} 起可申请信用修复）"
    return out


def publish_record(record: CreditRecord, *, on: date, actor: Any = None) -> Publication:
    """Publish the record on its own through the gate, to the portal and the credit platforms,
    until its longest period ends."""
    fields = {
        "统一社会信用代码": record.entity.uscc,
        "名称": record.entity.name,
        "信息性质": record.get_nature_display(),
        "信息来源": record.get_source_kind_display(),
        "信息内容": record.summary,
        "失信程度": record.get_severity_display() if record.severity else "",
        "认定单位": record.department.name,
        "认定文书文号": record.document_no,
        "认定日期": record.recognised_on.isoformat(),
        "认定依据": record.basis,
        "公示期限": _terms(record),
        "公示期限依据": record.period_basis,
    }
    pub = publish(
        kind=CREDIT_KIND,
        title=(
            f"{record.entity.name} {record.get_nature_display()}"
            f"（{record.get_source_kind_display()}）"
        ),
        org_unit=record.department,
        subject=record,
        fields=fields,
        publish_until=record.publish_until,
        actor=actor,
        outbox_targets=CREDIT_PLATFORMS,
        published_on=on,
    )
    record.publication = pub
    record.save(update_fields=["publication"])
    return pub


# -- from penalty decisions ---------------------------------------------------------------------


def from_penalty(pub: Publication) -> list[CreditRecord]:
    """The records of a published penalty decision: one per entity party (a decision on a
    natural person makes no enterprise credit record here). Idempotent."""
    from fazhi.domains.enforcement import publicity
    from fazhi.domains.enforcement.models import EnforcementCase

    if pub.case_id is None:
        return []
    ec = (
        EnforcementCase.objects.select_related("power_item", "case")
        .filter(case_id=pub.case_id)
        .first()
    )
    if ec is None or ec.decided_on is None:
        return []
    entities = [
        p.entity
        for p in Party.objects.filter(case_id=pub.case_id, role="party", entity__isnull=False)
        .select_related("entity")
        .order_by("pk")
    ]
    if not entities:
        return []
    end = publicity.publication_end(ec)
    severity = publicity.severity_of(ec)
    payload = pub.payload or {}
    summary = "；".join(
        v for v in (payload.get("执法事项"), payload.get("处罚种类"), payload.get("处罚决定")) if v
    )
    made = []
    for entity in entities:
        # By publication: a decision changed and published again makes a new record (the
        # first ended when its publication was withdrawn).
        ref = _ref(pub, entity)
        if CreditRecord.objects.filter(source_ref=ref).exists():
            continue
        made.append(
            CreditRecord.objects.create(
                entity=entity,
                source_kind=SourceKind.PENALTY,
                source_ref=ref,
                case_id=pub.case_id,
                source_publication=pub,
                publication=pub,
                severity=severity,
                department=pub.org_unit,
                document_no=ec.decision_no or ec.case.number,
                recognised_on=ec.decided_on,
                published_from=pub.public_date,
                earliest_repair=end.earliest,
                publish_until=end.until,
                period_basis=end.basis,
                period_note=end.note,
                summary=summary or ec.case.title,
                basis=ec.power_item.name if ec.power_item else ec.category,
            )
        )
    return made


# -- from inspection results --------------------------------------------------------------------


def from_inspection(
    publication: Publication, tasks: list[Any], *, on: date, actor: Any = None
) -> list[CreditRecord]:
    """The records of a department's published results: one per adverse result. Idempotent."""
    made = []
    for task in tasks:
        severity = INSPECTION_SEVERITY.get(task.category)
        if severity is None:
            continue
        ref = _ref(task)
        if CreditRecord.objects.filter(source_ref=ref).exists():
            continue
        recognised = task.confirmed_on or task.ended_on or on
        end = record_periods(recognised, severity=severity)
        record = CreditRecord.objects.create(
            entity=task.entity,
            source_kind=SourceKind.INSPECTION,
            source_ref=ref,
            case_id=task.case_id,
            source_publication=publication,
            severity=severity,
            department=task.department,
            document_no=task.case.number if task.case_id else "",
            recognised_on=recognised,
            published_from=on,
            earliest_repair=end.earliest,
            publish_until=end.until,
            period_basis=end.basis,
            period_note=end.note,
            summary=f"双随机抽查：{task.get_category_display()}"
            + (f"（{task.note}）" if task.note else ""),
            basis=INSPECTION_BASIS,
        )
        publish_record(record, on=on, actor=actor)
        made.append(record)
    return made


def on_results_published(
    sender: Any, publication: Publication, tasks: list[Any], on: date, actor: Any = None, **_: Any
) -> None:
    from_inspection(publication, tasks, on=on, actor=actor)


# -- entered by a department ------------------------------------------------------------------


@transaction.atomic
def record_entry(
    *,
    department: Any,
    entity: Entity,
    source_kind: str,
    recognised_on: date,
    summary: str,
    basis: str,
    document_no: str = "",
    severity: str = "",
    valid_until: date | None = None,
    actor: Any = None,
    on: date | None = None,
) -> CreditRecord:
    """A department records credit information it recognised itself: a notify-commit
    commitment found untrue or not kept (告知承诺: adverse, with its severity), or a licence
    (good information, published until the licence's end)."""
    on = on or timezone.localdate()
    if not basis.strip():
        raise ValueError("须写明认定依据")
    if source_kind == SourceKind.LICENCE:
        if valid_until is None or valid_until < recognised_on:
            raise ValueError("行政许可信息须写明有效期至（不早于许可日期）")
        nature, severity = Nature.GOOD, ""
        earliest, until, period_basis, note = None, valid_until, "行政许可有效期", ""
    else:
        if severity not in Severity.values:
            raise ValueError("失信信息须写明失信程度（轻微、一般、严重）")
        nature = Nature.ADVERSE
        end = record_periods(recognised_on, severity=severity)
        earliest, until, period_basis, note = end.earliest, end.until, end.basis, end.note
    record = CreditRecord.objects.create(
        entity=entity,
        nature=nature,
        source_kind=source_kind,
        severity=severity,
        department=department,
        document_no=document_no,
        recognised_on=recognised_on,
        published_from=on,
        earliest_repair=earliest,
        publish_until=until,
        period_basis=period_basis,
        period_note=note,
        summary=summary,
        basis=basis,
    )
    publish_record(record, on=on, actor=actor)
    return record


# -- ending a record ----------------------------------------------------------------------------


def _set_end(record: CreditRecord, state: str, ended_on: date, reason: str) -> None:
    if not record.can_become(state):
        raise ValueError(
            f"信用记录当前状态为“{record.get_state_display()}”，不能变为“{RecordState(state).label}”"
        )
    record.state = state
    record.ended_on = ended_on
    record.end_reason = reason
    record.save(update_fields=["state", "ended_on", "end_reason"])


@transaction.atomic
def repair_record(record: CreditRecord, *, on: date, actor: Any = None, note: str = "") -> None:
    """Credit repair approved: the record ends on ``on`` and its publication is withdrawn with
    the reason 信用修复 (publications are append-only: ending early is a withdrawal), which the
    outbox passes to every platform that received it; the credit platforms that did not are
    told as well."""
    record = CreditRecord.objects.select_for_update().get(pk=record.pk)
    _set_end(record, RecordState.REPAIRED, on, REPAIR_REASON + (f"：{note}" if note else ""))
    pub = record.publication
    if pub is None or hasattr(pub, "withdrawal"):
        return
    withdrawal = withdraw(pub, reason=REPAIR_REASON, actor=actor, on=on)
    told = set(pub.messages.values_list("target", flat=True))
    for target in CREDIT_PLATFORMS:
        if target in told:
            continue
        OutboxMessage.objects.create(
            target=target,
            publication=pub,
            payload={
                "action": "credit_repair",
                "uscc": record.entity.uscc,
                "title": pub.title,
                "reason": REPAIR_REASON,
                "sha256": pub.sha256,
                "withdrawn_on": withdrawal.public_date.isoformat(),
            },
        )


def expire_records(on: date | None = None) -> int:
    """Daily: records whose longest period ended before ``on`` stop (the last day shown is the
    period's own end, not moved past rest days)."""
    on = on or timezone.localdate()
    due = (
        CreditRecord.objects.unrestricted("信用记录最长公示期届满自动停止")
        .filter(state=RecordState.PUBLISHED, publish_until__lt=on)
        .order_by("pk")
    )
    count = 0
    for record in due:
        _set_end(record, RecordState.EXPIRED, day_after(record.publish_until), "最长公示期届满")
        count += 1
    return count


def on_publication(sender: Any, instance: Any, created: bool = False, **_: Any) -> None:
    """``post_save`` of ``Publication`` (a penalty decision published: its records) and of
    ``Withdrawal`` (a source withdrawn for another reason than repair: its records end too)."""
    if not created:
        return
    if isinstance(instance, Publication):
        from fazhi.domains.enforcement.publicity import PENALTY_KIND

        if instance.kind == PENALTY_KIND and instance.case_id is not None:
            from_penalty(instance)
        return
    if isinstance(instance, Withdrawal) and instance.reason != REPAIR_REASON:
        source_withdrawn(instance)


def source_withdrawn(withdrawal: Withdrawal) -> None:
    pub_id = withdrawal.publication_id
    records = CreditRecord.objects.unrestricted("来源公开记录撤回，相应信用记录停止").filter(
        state=RecordState.PUBLISHED, source_publication_id=pub_id
    )
    for record in records.select_related("publication"):
        _set_end(
            record,
            RecordState.WITHDRAWN,
            withdrawal.public_date,
            f"来源信息撤回：{withdrawal.reason}",
        )
        own = record.publication
        if own is not None and own.pk != pub_id and not hasattr(own, "withdrawal"):
            withdraw(own, reason=f"来源信息已撤回：{withdrawal.reason}", on=withdrawal.public_date)
