"""Cleanup campaigns (清理, STATUTES.md H5; 规章制定程序条例 第三十七条): the justice bureau selects
the rules and normative documents of its government issued in a window and in force on a date,
a reviewer records each one's outcome (保留、修改、废止、宣布失效) with its reason, the campaign is
concluded — a repeal or a declaration then ends the text on its stated date — and the result list
is published through the disclosure gate, as the fee-document cleanups publish theirs
(``lists.cleanups``), and exported as Excel and Word.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from docx import Document as Docx
from openpyxl import Workbook

from fazhi.core.casework.doc_templates import layout
from fazhi.core.casework.workflow import Refusal, StepRefused, TransitionError
from fazhi.core.disclosure.gate import publish
from fazhi.core.org.choices import Role
from fazhi.core.org.models import OrgUnit

from .choices import TextKind
from .filing import filing_office
from .filing_choices import CLEANUP_TRANSITIONS, CleanupOutcome, CleanupState
from .models import Cleanup, CleanupEntry, TextVersion, in_force_on
from .validity import declare_invalid, repeal

BASIS = "规章制定程序条例 第三十七条"
PUBLICATION_KIND = "规章和规范性文件清理结果"
# Who runs the campaign and records outcomes in the justice bureau.
RUNNERS = frozenset({Role.CLERK, Role.DEPARTMENT_HEAD})
REVIEWERS = frozenset({Role.LEGAL_REVIEWER, Role.CLERK, Role.DEPARTMENT_HEAD})
ENDING = (CleanupOutcome.REPEAL, CleanupOutcome.DECLARE_INVALID)
DEFAULT_KINDS = [TextKind.GOVERNMENT_RULE.value, TextKind.NORMATIVE_DOCUMENT.value]


def _require(actor: Any, unit: OrgUnit, roles: frozenset[str], what: str) -> None:
    if actor is None or not any(
        r.role in roles and r.org_unit_id == unit.pk for r in actor.role_rows()
    ):
        labels = "、".join(sorted(str(Role(r).label) for r in roles))
        raise StepRefused(Refusal(f"{what}须由{unit.name}的{labels}办理", BASIS))


def _move(cleanup: Cleanup, state: str) -> None:
    if state not in CLEANUP_TRANSITIONS[cleanup.state]:
        raise TransitionError(
            Refusal(
                f"清理当前为“{cleanup.get_state_display()}”，不能改为“{CleanupState(state).label}”",
                BASIS,
            )
        )
    cleanup.state = state


@transaction.atomic
def open_cleanup(
    *,
    title: str,
    government: OrgUnit,
    issued_from: date,
    issued_to: date,
    as_of: date,
    on: date,
    actor: Any,
    kinds: list[str] | None = None,
) -> Cleanup:
    """Open a campaign and select its documents: the rules and normative documents of the
    government and of its departments promulgated in the window and in force on ``as_of``."""
    owner = filing_office(government)
    _require(actor, owner, RUNNERS, "开展清理")
    if issued_from > issued_to:
        raise TransitionError(Refusal("发布日期起不得晚于发布日期止", BASIS))
    cleanup = Cleanup.objects.create(
        title=title,
        owner=owner,
        government=government,
        issued_from=issued_from,
        issued_to=issued_to,
        as_of=as_of,
        kinds=kinds or list(DEFAULT_KINDS),
        opened_on=on,
    )
    select(cleanup)
    return cleanup


def selection(cleanup: Cleanup) -> Any:
    return (
        TextVersion.objects.filter(in_force_on(cleanup.as_of))
        .filter(
            # The government's own texts and its departments' (a lower government cleans up its
            # own).
            Q(text__issuing_unit=cleanup.government)
            | Q(
                text__issuing_unit__parent=cleanup.government, text__issuing_unit__kind="department"
            ),
            text__kind__in=cleanup.kinds,
            promulgated_on__gte=cleanup.issued_from,
            promulgated_on__lte=cleanup.issued_to,
        )
        .select_related("text")
        .order_by("promulgated_on", "id")
    )


def select(cleanup: Cleanup) -> int:
    """Add the selection's documents not yet in the campaign; returns how many were added."""
    have = set(cleanup.entries.values_list("version_id", flat=True))
    rows = [
        CleanupEntry(cleanup=cleanup, version=v) for v in selection(cleanup) if v.pk not in have
    ]
    CleanupEntry.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def record_outcome(
    entry: CleanupEntry,
    *,
    outcome: str,
    reason: str,
    on: date,
    actor: Any,
    effective_on: date | None = None,
) -> CleanupEntry:
    cleanup = Cleanup.objects.select_for_update().get(pk=entry.cleanup_id)
    _require(actor, cleanup.owner, REVIEWERS, "审核清理结果")
    if cleanup.state != CleanupState.OPEN:
        raise TransitionError(Refusal("清理已完成，不能再修改清理结果", BASIS))
    outcome = CleanupOutcome(outcome)
    if outcome != CleanupOutcome.RETAIN and not reason.strip():
        raise TransitionError(Refusal(f"清理结果为“{outcome.label}”的，须说明理由", BASIS))
    if outcome in ENDING and effective_on is None:
        raise TransitionError(Refusal(f"清理结果为“{outcome.label}”的，须写明生效日期", BASIS))
    entry.outcome = outcome
    entry.reason = reason
    entry.effective_on = effective_on if outcome in ENDING else None
    entry.reviewer = actor
    entry.reviewed_on = on
    entry.save(update_fields=["outcome", "reason", "effective_on", "reviewer", "reviewed_on"])
    return entry


@transaction.atomic
def conclude(cleanup: Cleanup, *, on: date, actor: Any) -> Cleanup:
    """Conclude: every document has its outcome; repeals and declarations end their texts."""
    cleanup = Cleanup.objects.select_for_update().get(pk=cleanup.pk)
    _require(actor, cleanup.owner, RUNNERS, "完成清理")
    pending = cleanup.entries.filter(outcome="").count()
    if pending:
        raise TransitionError(
            Refusal(f"还有{pending}件文件未审核清理结果，须先逐件审核，才能完成清理", BASIS)
        )
    _move(cleanup, CleanupState.CONCLUDED)
    cleanup.concluded_on = on
    cleanup.save(update_fields=["state", "concluded_on"])
    for entry in cleanup.entries.filter(outcome__in=ENDING).select_related("version__text"):
        assert entry.effective_on is not None
        end = declare_invalid if entry.outcome == CleanupOutcome.DECLARE_INVALID else repeal
        end(
            entry.version,
            on=entry.effective_on,
            actor=actor,
            reason=f"{cleanup.title}：{entry.reason}",
            cleanup_entry=entry,
        )
    return cleanup


def result_rows(cleanup: Cleanup) -> list[dict[str, Any]]:
    return [
        {
            "文件名称": e.version.text.title,
            "文号": e.version.doc_number,
            "制定机关": e.version.text.issuing_body,
            "类别": e.version.text.get_kind_display(),
            "清理结果": e.get_outcome_display(),
            "理由": e.reason,
            "生效日期": e.effective_on,
        }
        for e in cleanup.entries.select_related("version__text").order_by("id")
    ]


@transaction.atomic
def publish_result(cleanup: Cleanup, *, on: date, actor: Any) -> Cleanup:
    """Publish the result list through the disclosure gate (as ``lists.cleanups`` does)."""
    cleanup = Cleanup.objects.select_for_update().get(pk=cleanup.pk)
    _require(actor, cleanup.owner, RUNNERS, "公布清理结果")
    _move(cleanup, CleanupState.PUBLISHED)
    counts = Counter(cleanup.entries.values_list("outcome", flat=True))
    fields = {
        "清理名称": cleanup.title,
        "清理范围": f"{cleanup.issued_from.isoformat()}至{cleanup.issued_to.isoformat()}发布、"
        f"截至{cleanup.as_of.isoformat()}有效的规章和规范性文件",
        "完成日期": cleanup.concluded_on,
        **{o.label: counts.get(o.value, 0) for o in CleanupOutcome},
        "文件": result_rows(cleanup),
    }
    cleanup.publication = publish(
        kind=PUBLICATION_KIND,
        title=f"{cleanup.title}结果",
        org_unit=cleanup.government,
        fields=fields,
        subject=cleanup,
        actor=actor,
        published_on=on,
    )
    cleanup.save(update_fields=["state", "publication"])
    return cleanup


HEADERS = ["文件名称", "文号", "制定机关", "类别", "清理结果", "理由", "生效日期"]


def result_xlsx(cleanup: Cleanup) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "清理结果"
    ws.append(HEADERS)
    for row in result_rows(cleanup):
        ws.append([_cell(row[h]) for h in HEADERS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in "=+-@":
        return "'" + value  # a formula-looking cell is text
    return value


def result_docx(cleanup: Cleanup) -> bytes:
    doc = layout.apply(Docx())
    doc.add_paragraph(f"{cleanup.title}结果", style=layout.STYLE_TITLE)
    counts = Counter(cleanup.entries.values_list("outcome", flat=True))
    doc.add_paragraph(
        "，".join(f"{o.label}{counts.get(o.value, 0)}件" for o in CleanupOutcome) + "。"
    )
    rows = result_rows(cleanup)
    columns = ["文件名称", "文号", "清理结果", "理由"]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].text = head
        cell.paragraphs[0].style = doc.styles[layout.STYLE_TABLE_TEXT]
    for row in rows:
        cells = table.add_row().cells
        for cell, head in zip(cells, columns, strict=True):
            cell.paragraphs[0].text = str(row[head] or "")
            cell.paragraphs[0].style = doc.styles[layout.STYLE_TABLE_TEXT]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
