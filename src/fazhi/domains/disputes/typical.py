"""典型案例: typical reconsideration cases, compiled by act category from concluded cases,
exported as a Word document and published through the disclosure gate.

The category is the kind of act complained of (``ActCategory``): a penalty or coercion case
handled in Fazhi that the case reviews says so itself; otherwise the act's description is read
for the words that name a category (信息公开, 工伤, 登记 …). A compilation takes, for each category
with concluded cases in the year, the earliest decided one (a decision on the merits or a
mediation); the body may then edit the entries' text before exporting and publishing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from fazhi.core.casework.choices import LinkKind
from fazhi.core.casework.documents import DocumentError, generate_document, register_form
from fazhi.core.casework.models import Case, CaseLink, Document, Party
from fazhi.core.disclosure.gate import publish
from fazhi.core.disclosure.masking import mask_name
from fazhi.core.disclosure.models import Publication

from .decision_choices import ActCategory
from .models import ReconsiderationCase, TypicalCase, TypicalCaseCompilation

TEMPLATES = Path(__file__).resolve().parent / "doc_templates"
FORM = "disputes.typical_cases"
KIND = "行政复议典型案例"

# Words of the act's description that name its category, most specific first (an omission
# to act on a complaint is a non-performance case, not a complaint-handling one).
KEYWORDS: tuple[tuple[ActCategory, tuple[str, ...]], ...] = (
    (ActCategory.INFORMATION, ("信息公开", "政府信息")),
    (ActCategory.WORK_INJURY, ("工伤",)),
    (ActCategory.AGREEMENT, ("行政协议", "协议")),
    (ActCategory.EXPROPRIATION, ("征收", "征用", "补偿", "拆迁")),
    (ActCategory.NATURAL_RESOURCES, ("土地", "林地", "山林", "权属", "水域")),
    (ActCategory.REGISTRATION, ("登记", "不动产", "确权", "户籍")),
    (ActCategory.SOCIAL_SECURITY, ("社会保险", "社保", "养老", "低保", "最低生活保障")),
    (ActCategory.NONPERFORMANCE, ("不履行", "未履行", "不作为", "拖延履行", "法定职责")),
    (ActCategory.COMPLAINT, ("投诉", "举报")),
    (ActCategory.LICENSING, ("许可", "审批", "执照", "证照")),
    (ActCategory.COERCION, ("查封", "扣押", "冻结", "强制", "拆除")),
    (ActCategory.PENALTY, ("罚款", "处罚", "吊销", "没收", "警告", "拘留")),
)


def classify(rc: ReconsiderationCase) -> str:
    reviewed = set(
        CaseLink.objects.filter(from_case_id=rc.case_id, kind=LinkKind.REVIEWS).values_list(
            "to_case__kind", flat=True
        )
    )
    if "penalty" in reviewed:
        return ActCategory.PENALTY
    if reviewed & {"coercion", "coercive_measure"}:
        return ActCategory.COERCION
    text = f"{rc.case.title} {rc.act_complained}"
    for category, words in KEYWORDS:
        if any(w in text for w in words):
            return category
    return ActCategory.OTHER


def concluded(year: int) -> Any:
    """Cases concluded in ``year`` with a decision on the merits or a mediation (system code:
    the compilation is the body's own work over its cases)."""
    return (
        ReconsiderationCase.objects.filter(ended_on__year=year)
        .exclude(outcome="")
        .select_related("case")
        .order_by("ended_on", "pk")
    )


def _applicants(case: Case) -> str:
    names = []
    for p in Party.objects.filter(case=case, role="applicant").select_related("person", "entity"):
        if p.entity is not None:
            names.append(p.entity.name)
        elif p.person is not None:
            names.append(mask_name(p.person.name))
    return "、".join(names) or "申请人"


def entry_text(rc: ReconsiderationCase, category: str) -> dict[str, str]:
    respondent = rc.respondent()
    who = respondent.name if respondent is not None else "被申请人"
    return {
        "heading": f"{_applicants(rc.case)}不服{who}{ActCategory(category).label}案",
        "summary": f"申请人不服{who}{rc.act_complained}，申请行政复议。",
        "outcome_text": f"行政复议机关决定：{rc.get_outcome_display()}。{rc.end_reasons}".strip(),
    }


def compile_typical_cases(
    owner: Any,
    year: int,
    *,
    on: date,
    title: str = "",
    per_category: int = 1,
    categories: int | None = None,
) -> TypicalCaseCompilation:
    """Compile (or refresh) ``owner``'s typical cases of ``year``: per category, the earliest
    ``per_category`` concluded cases. Existing entries keep their edited text.

    ``categories`` is the body's choice of how many types to present (the seed's "选取近十种典型
    案件类型"): the most frequent categories of the year's concluded cases, "其他" never among
    them; None takes every category."""
    title = title or f"{year}年度行政复议典型案例"
    # Each concluded case classified once (classify reads the case's links).
    owned = [
        (rc, classify(rc)) for rc in concluded(year).filter(case__participants__org_unit=owner)
    ]
    chosen: set[str] | None = None
    if categories is not None:
        counts = Counter(category for _, category in owned)
        counts.pop(ActCategory.OTHER, None)
        order = list(ActCategory.values)
        ranked = sorted(counts, key=lambda c: (-counts[c], order.index(c)))
        chosen = set(ranked[:categories])
    with transaction.atomic():
        comp, _ = TypicalCaseCompilation.objects.get_or_create(
            owner=owner, year=year, title=title, defaults={"compiled_on": on}
        )
        taken: dict[str, int] = {}
        for e in comp.entries.all():
            taken[e.category] = taken.get(e.category, 0) + 1
        have = set(comp.entries.values_list("case_id", flat=True))
        position = comp.entries.count()
        for rc, category in owned:
            if rc.case_id in have:
                continue
            if chosen is not None and category not in chosen:
                continue
            if taken.get(category, 0) >= per_category:
                continue
            taken[category] = taken.get(category, 0) + 1
            position += 1
            TypicalCase.objects.create(
                compilation=comp,
                case=rc.case,
                category=category,
                position=position,
                **entry_text(rc, category),
            )
    return comp


def _entries(comp: TypicalCaseCompilation) -> list[dict[str, Any]]:
    order = {c.value: i for i, c in enumerate(ActCategory)}
    rows = sorted(comp.entries.all(), key=lambda e: (order[e.category], e.position))
    return [
        {
            "number": i,
            "category": e.get_category_display(),
            "heading": e.heading,
            "summary": e.summary,
            "outcome_text": e.outcome_text,
            "significance": e.significance,
        }
        for i, e in enumerate(rows, 1)
    ]


def compilation_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    comp = data.get("compilation")
    if not isinstance(comp, TypicalCaseCompilation):
        raise DocumentError("须指明典型案例汇编")
    entries = _entries(comp)
    if not entries:
        raise DocumentError("汇编中还没有案例：请先从已审结的案件中编选")
    return {
        "title": comp.title,
        "preface": (
            f"为发挥行政复议化解行政争议的主渠道作用，现将{comp.year}年度审结的"
            f"{comp.categories()}类{len(entries)}个典型案例汇编如下。"
        ),
        "entries": entries,
    }


FORM_SPEC = register_form(
    FORM, "行政复议典型案例", TEMPLATES / "typical_cases.docx", compilation_context
)


def export_word(
    comp: TypicalCaseCompilation, *, actor: Any = None, on: date | None = None
) -> Document:
    doc = generate_document(
        FORM,
        owner_unit=comp.owner,
        data={"compilation": comp},
        actor=actor,
        issued_on=on or comp.compiled_on,
        title=comp.title,
    )
    TypicalCaseCompilation.objects.filter(pk=comp.pk).update(document=doc)
    comp.document = doc
    return doc


def _natural_persons(comp: TypicalCaseCompilation) -> list[str]:
    return list(
        Party.objects.filter(
            case__in=comp.entries.values("case_id"), person__isnull=False
        ).values_list("person__name", flat=True)
    )


def publish_compilation(
    comp: TypicalCaseCompilation, *, actor: Any = None, on: date | None = None
) -> Publication:
    """Publish through the gate: every natural person named in the cases is masked (the
    compilation is not the decision; no one in it is the published record's party)."""
    entries = _entries(comp)
    if not entries:
        raise DocumentError("汇编中还没有案例，不能公开")
    if comp.publication_id is not None and not hasattr(comp.publication, "withdrawal"):
        raise DocumentError("本汇编已经公开")
    pub = publish(
        kind=KIND,
        title=comp.title,
        org_unit=comp.owner,
        fields={
            "年度": comp.year,
            "案件类型数": comp.categories(),
            "案例": [
                {
                    "序号": e["number"],
                    "案件类型": e["category"],
                    "标题": e["heading"],
                    "基本案情": e["summary"],
                    "处理结果": e["outcome_text"],
                    "典型意义": e["significance"],
                }
                for e in entries
            ],
        },
        subject=comp,
        known_names=_natural_persons(comp),
        actor=actor,
        published_on=on,
    )
    TypicalCaseCompilation.objects.filter(pk=comp.pk).update(publication=pub)
    comp.publication = pub
    return pub


def published_categories(year: int) -> int:
    """Figure row 77: the act categories of the typical cases of ``year`` published (not
    withdrawn) — the seed's 近十种典型案件类型."""
    return (
        TypicalCase.objects.filter(
            compilation__year=year,
            compilation__publication__isnull=False,
            compilation__publication__withdrawal__isnull=True,
        )
        .values("category")
        .distinct()
        .count()
    )


def categories_2019() -> int:
    return published_categories(2019)
