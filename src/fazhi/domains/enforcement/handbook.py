"""事前公开: the public officer directory and 一册一单一表 per department.

- The officer directory (执法人员名录): each officer of the department with a credential valid on
  the day — name, credential number, enforcement field, nothing else — published through the
  disclosure gate; a new directory withdraws the one it replaces (国办发〔2018〕118号 事前公开, D1).
- 一册一单一表: the publicity handbook (执法主体、职权、依据、程序、救济), the full-process record
  list (全过程记录清单) and the major-decision legal-review catalog (重大执法决定法制审核目录清单),
  built from the lists in force and the penalty procedure's own steps — never typed in — as
  Word documents (``casework.documents``) and as public records through the gate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core.casework.documents import DocumentError, register_form
from fazhi.core.casework.models import Case, Document
from fazhi.core.disclosure.gate import publish, withdraw
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.models import Officer
from fazhi.domains.lists.choices import PowerKind
from fazhi.domains.lists.models import PowerItem
from fazhi.domains.lists.services import as_of

from .workflow import WORKFLOW

DIRECTORY_KIND = "行政执法人员名录"
BASIS_BEFORE = "国办发〔2018〕118号 事前公开；行政处罚法 第三十九条"

# The powers an enforcement body exercises on its own initiative (licensing and the like are
# the service guides' business).
ENFORCEMENT_KINDS = (PowerKind.PENALTY, PowerKind.COERCION, PowerKind.INSPECTION, PowerKind.OTHER)

REMEDIES = (
    "对行政处罚、行政强制等决定不服的，可以自知道该行政行为之日起六十日内申请行政复议"
    "（行政复议法 第二十条）。",
    "也可以自知道或者应当知道作出行政行为之日起六个月内直接向人民法院提起行政诉讼"
    "（行政诉讼法 第四十六条）。",
    "对执法人员的违法行为，可以向本机关或者司法行政机关（行政执法监督机构）投诉、举报，"
    "或者拨打 12345 政务服务便民热线。",
)

# 国办发〔2018〕118号 全过程记录 (D4) and 行政处罚法 第四十七条 (B7): how each step is recorded.
AUDIOVISUAL = "现场执法音像记录（直接涉及人身自由、生命健康、重大财产权益的，全程音像记录）"
RECORDS: dict[str, tuple[str, str]] = {
    "file": ("文字记录", "立案审批表"),
    "not_file": ("文字记录", "不予立案审批表"),
    "investigate": ("文字记录、音像记录", f"询问笔录、现场检查笔录；{AUDIOVISUAL}"),
    "review": ("文字记录", "法制审核意见书"),
    "review_return": ("文字记录", "法制审核意见书"),
    "notify": ("文字记录", "行政处罚告知书、送达回证"),
    "decide": ("文字记录", "行政处罚决定书、集体讨论记录"),
    "publicize": ("文字记录", "公开记录（公开内容摘要）"),
    "close": ("文字记录", "结案审批表"),
}

# 行政处罚法 第五十八条第一款 (B13) with 国办发〔2018〕118号 法制审核 (D5).
REVIEW_SITUATIONS = (
    "（一）涉及重大公共利益的；",
    "（二）直接关系当事人或者第三人重大权益，经过听证程序的；",
    "（三）案件情况疑难复杂、涉及多个法律关系的；",
    "（四）法律、法规规定应当进行法制审核的其他情形。",
    "依据：行政处罚法 第五十八条第一款；国办发〔2018〕118号（重大执法决定法制审核）。",
)


@dataclass(frozen=True)
class Sheet:
    code: str
    title: str
    template: str


SHEETS = {
    "handbook": Sheet("enforcement.handbook", "行政执法公示手册", "handbook.docx"),
    "record_list": Sheet("enforcement.record_list", "行政执法全过程记录清单", "record_list.docx"),
    "review_catalog": Sheet(
        "enforcement.review_catalog", "重大执法决定法制审核目录清单", "review_catalog.docx"
    ),
}


# -- the data -----------------------------------------------------------------------------------


def _powers(department: Any, on: date, kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    versions = (
        as_of(PowerItem, on)
        .filter(item__department=department, kind__in=kinds)
        .select_related("item")
        .order_by("item__code")
    )
    labels = dict(PowerKind.choices)
    return [
        {
            "n": n,
            "code": v.item.code,
            "name": v.name,
            "kind": str(labels.get(v.kind, v.kind)),
            "basis": v.legal_basis or "—",
        }
        for n, v in enumerate(versions, 1)
    ]


def _steps() -> list[Any]:
    return [s for s in WORKFLOW.transitions.values() if not s.system]


def handbook_data(department: Any, on: date) -> dict[str, Any]:
    parent = department.parent.name if department.parent_id else ""
    return {
        "doc_title": SHEETS["handbook"].title,
        "as_of": f"截至 {on.isoformat()}",
        "body": f"{department.name}（隶属{parent}），依法享有下列行政执法职权。",
        "powers": _powers(department, on, ENFORCEMENT_KINDS),
        "procedure": [
            {"n": n, "step": s.label, "roles": s.role_labels(), "basis": s.basis or "—"}
            for n, s in enumerate(_steps(), 1)
        ],
        "remedies": list(REMEDIES),
    }


def record_list_data(department: Any, on: date) -> dict[str, Any]:
    rows = []
    for n, s in enumerate(_steps(), 1):
        how, carrier = RECORDS.get(s.name, ("文字记录", f"{s.label}记录"))
        rows.append(
            {"n": n, "step": s.label, "how": how, "carrier": carrier, "basis": s.basis or "—"}
        )
    return {
        "doc_title": SHEETS["record_list"].title,
        "as_of": f"截至 {on.isoformat()}",
        "rows": rows,
    }


def review_catalog_data(department: Any, on: date) -> dict[str, Any]:
    rows = [
        {**p, "reviewer": f"{department.name}法制审核机构"}
        for p in _powers(department, on, (PowerKind.PENALTY, PowerKind.COERCION))
    ]
    return {
        "doc_title": SHEETS["review_catalog"].title,
        "as_of": f"截至 {on.isoformat()}",
        "situations": list(REVIEW_SITUATIONS),
        "rows": rows,
    }


BUILDERS = {
    "handbook": handbook_data,
    "record_list": record_list_data,
    "review_catalog": review_catalog_data,
}


def _context(name: str) -> Any:
    def context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
        department, on = data.get("department"), data.get("on")
        if department is None or not isinstance(on, date):
            raise DocumentError(f"{SHEETS[name].title}须指明执法主体和日期")
        return BUILDERS[name](department, on)

    return context


def register_forms() -> None:
    from pathlib import Path

    here = Path(__file__).resolve().parent / "doc_templates"
    for name, sheet in SHEETS.items():
        register_form(sheet.code, sheet.title, here / sheet.template, _context(name))


register_forms()


def generate_sheet(
    name: str, department: Any, *, actor: Any = None, on: date | None = None
) -> Document:
    """One of 一册一单一表 as a Word document of the department (GB/T 9704 layout)."""
    from fazhi.core.casework.documents import generate_document

    on = on or timezone.localdate()
    sheet = SHEETS[name]
    return generate_document(
        sheet.code,
        owner_unit=department,
        data={"department": department, "on": on},
        actor=actor,
        issued_on=on,
        title=f"{department.name}{sheet.title}",
    )


# -- publishing through the gate ------------------------------------------------------------------


def _replace(kind: str, department: Any, actor: Any, on: date) -> None:
    """A list is republished whole: the one it replaces is withdrawn, saying so."""
    for old in Publication.objects.filter(kind=kind, org_unit=department, withdrawal__isnull=True):
        withdraw(old, reason=f"{kind}已于 {on.isoformat()} 更新", actor=actor, on=on)


def directory_rows(department: Any, on: date) -> list[dict[str, str]]:
    officers = (
        Officer.objects.filter(department=department, status="issued")
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .exclude(credential_no="")
        .select_related("person")
        .order_by("credential_no")
    )
    return [
        {"姓名": o.person.name, "执法证号": o.credential_no, "执法领域": o.fields or "—"}
        for o in officers
        if o.has_valid_credential(on)
    ]


@transaction.atomic
def publish_directory(department: Any, *, actor: Any = None, on: date | None = None) -> Publication:
    """The department's officers with a valid credential: name, credential number and field
    only; the names are given to the gate as the record's own (kept, not masked as others)."""
    on = on or timezone.localdate()
    rows = directory_rows(department, on)
    _replace(DIRECTORY_KIND, department, actor, on)
    return publish(
        kind=DIRECTORY_KIND,
        title=f"{department.name}行政执法人员名录",
        org_unit=department,
        fields={"执法主体": department.name, "执法人员": rows, "公开依据": BASIS_BEFORE},
        party_names=[r["姓名"] for r in rows],
        actor=actor,
        published_on=on,
    )


@transaction.atomic
def publish_sheet(
    name: str, department: Any, *, actor: Any = None, on: date | None = None
) -> Publication:
    """One of 一册一单一表 as a public record through the gate (the portal's page)."""
    on = on or timezone.localdate()
    sheet = SHEETS[name]
    data = BUILDERS[name](department, on)
    _replace(sheet.title, department, actor, on)
    return publish(
        kind=sheet.title,
        title=f"{department.name}{sheet.title}",
        org_unit=department,
        fields={k: v for k, v in data.items() if k != "doc_title"},
        actor=actor,
        published_on=on,
    )


def publish_all(department: Any, *, actor: Any = None, on: date | None = None) -> list[Publication]:
    """The directory and 一册一单一表 of a department, published together."""
    return [publish_directory(department, actor=actor, on=on)] + [
        publish_sheet(name, department, actor=actor, on=on) for name in SHEETS
    ]
