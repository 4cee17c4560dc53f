"""《全市行政机关负责人出庭应诉情况通报》 and the yearly loss rate, counted from the records.

For a quarter, per defendant department (or government) of the issuing justice bureau's area:
the court sessions it had (one ``Appearance`` per session and defendant), those at which a head
appeared (正职、副职或者其他参与分管的负责人, 2018解释 第一百二十八条; 负责人出庭规定 2020 第二条),
the rate, and the reasons recorded when no head appeared. The bulletin is made as a Word
document (``casework.documents``) and published on the portal through the disclosure gate:
department names and counts only, nothing about the plaintiffs or who appeared.

The loss rate (败诉率) of a year: of the lawsuits concluded that year (``ended_on``) against a
department, the share whose final result is a loss (``LOSSES``); 撤诉 and 调解 are concluded
cases that are not losses.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from fazhi.core.casework.documents import DocumentError, generate_document, register_form
from fazhi.core.casework.models import Case
from fazhi.core.disclosure.gate import publish
from fazhi.core.org.choices import JUSTICE_BUREAU_SUFFIX, Role
from fazhi.core.org.models import OrgUnit

from ..litigation_choices import HEAD_APPEARERS, LOSSES, AbsenceReason
from ..models import Appearance, AppearanceBulletin, LawsuitDefendant

FORM = "disputes.appearance_bulletin"
TITLE = "全市行政机关负责人出庭应诉情况通报"
KIND = "负责人出庭应诉情况通报"
QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
BASIS = (
    "统计口径：本季度内各被诉行政机关参加人民法院开庭审理的次数；负责人包括行政机关的正职、"
    "副职负责人以及其他参与分管的负责人（行政诉讼法 第三条第三款；最高人民法院关于适用"
    "《中华人民共和国行政诉讼法》的解释 第一百二十八条）。"
)
ISSUERS = (Role.CLERK, Role.DEPARTMENT_HEAD)


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    """The first day of the quarter and the first day of the next (a half-open range)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"季度须为 1 至 4：{quarter!r}")
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def percent(part: int, whole: int) -> str:
    if not whole:
        return "—"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{value}%"


def _area(issuer: OrgUnit) -> Q:
    return Q(defendant__path__startswith=issuer.government_path())


def quarter_rows(issuer: OrgUnit, year: int, quarter: int) -> list[dict[str, Any]]:
    """One row per defendant unit with a session in the quarter, in the order of their codes."""
    start, end = quarter_span(year, quarter)
    appearances = (
        Appearance.objects.unrestricted(f"{TITLE}：{year}年{QUARTERS[quarter - 1]}统计")
        .filter(_area(issuer), hearing__held_on__gte=start, hearing__held_on__lt=end)
        .select_related("defendant")
    )
    by_unit: dict[int, list[Appearance]] = defaultdict(list)
    units: dict[int, OrgUnit] = {}
    for a in appearances:
        by_unit[a.defendant_id].append(a)
        units[a.defendant_id] = a.defendant
    labels = dict(AbsenceReason.choices)
    rows = []
    for n, unit in enumerate(sorted(units.values(), key=lambda u: u.code), 1):
        items = by_unit[unit.pk]
        heads = sum(1 for a in items if a.appearer in HEAD_APPEARERS)
        reasons = Counter(a.absence_reason for a in items if a.appearer not in HEAD_APPEARERS)
        rows.append(
            {
                "n": n,
                "department": unit.name,
                "code": unit.code,
                "sessions": len(items),
                "head_sessions": heads,
                "rate": percent(heads, len(items)),
                "reasons": "；".join(
                    f"{labels.get(k, k)} {v}次" for k, v in sorted(reasons.items())
                )
                or "—",
            }
        )
    return rows


def _context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    rows = data.get("rows")
    year, quarter = data.get("year"), data.get("quarter")
    if rows is None or not isinstance(year, int) or not isinstance(quarter, int):
        raise DocumentError(f"{TITLE}须指明年度、季度和统计数据")
    sessions = sum(r["sessions"] for r in rows)
    heads = sum(r["head_sessions"] for r in rows)
    period = f"{year}年{QUARTERS[quarter - 1]}"
    summary = (
        f"{period}，全市被诉行政机关共参加人民法院开庭审理{sessions}次，其中行政机关负责人出庭应诉"
        f"{heads}次，出庭率{percent(heads, sessions)}。现将各单位情况通报如下。"
        if sessions
        else f"{period}，全市被诉行政机关没有参加人民法院开庭审理。"
    )
    return {
        "doc_title": TITLE,
        "period": period,
        "paragraphs": [summary],
        "rows": rows,
        "total_sessions": sessions,
        "total_heads": heads,
        "total_rate": percent(heads, sessions),
        "basis": BASIS,
    }


register_form(
    FORM, TITLE, Path(__file__).resolve().parent / "doc_templates" / "appearance_bulletin.docx",
    _context,
)  # fmt: skip


def may_issue(actor: Any, issuer: OrgUnit) -> bool:
    """A justice bureau's clerk or head issues the bulletin of its government's area."""
    if not issuer.code.endswith(JUSTICE_BUREAU_SUFFIX) or actor is None:
        return False
    return any(r.org_unit_id == issuer.pk and r.role in ISSUERS for r in actor.role_rows())


@transaction.atomic
def issue_bulletin(
    issuer: OrgUnit, year: int, quarter: int, *, actor: Any, on: date
) -> AppearanceBulletin:
    """Count the quarter, make the Word document and publish it; once per quarter and issuer
    (a second call returns the bulletin already issued)."""
    if not may_issue(actor, issuer):
        raise PermissionDenied(f"{TITLE}由司法局经办人或负责人印发")
    existing = AppearanceBulletin.objects.filter(issuer=issuer, year=year, quarter=quarter).first()
    if existing is not None:
        return existing
    _, end = quarter_span(year, quarter)
    if on < end:
        raise ValueError(f"{year}年{QUARTERS[quarter - 1]}尚未结束，不能印发该季度的通报")
    rows = quarter_rows(issuer, year, quarter)
    data = {"rows": rows, "year": year, "quarter": quarter}
    period = f"{year}年{QUARTERS[quarter - 1]}"
    doc = generate_document(
        FORM, owner_unit=issuer, data=data, actor=actor, issued_on=on, title=f"{period}{TITLE}"
    )
    public_rows = [
        {
            "被诉行政机关": r["department"],
            "开庭次数": r["sessions"],
            "负责人出庭次数": r["head_sessions"],
            "出庭率": r["rate"],
            "负责人未出庭的理由": r["reasons"],
        }
        for r in rows
    ]
    context = _context(None, data)
    pub = publish(
        kind=KIND,
        title=f"{period}{TITLE}",
        org_unit=issuer,
        fields={
            "期间": period,
            "概况": context["paragraphs"][0],
            "各单位情况": public_rows,
            "统计口径": BASIS,
        },
        actor=actor,
        published_on=on,
    )
    return AppearanceBulletin.objects.create(
        issuer=issuer,
        year=year,
        quarter=quarter,
        issued_on=on,
        rows=rows,
        document=doc,
        publication=pub,
        created_by=actor,
    )


# -- the yearly loss rate ------------------------------------------------------------------------


@dataclass(frozen=True)
class LossRate:
    unit: OrgUnit
    concluded: int
    lost: int

    @property
    def rate(self) -> str:
        return percent(self.lost, self.concluded)


def loss_rates(year: int, defendants: Any) -> list[LossRate]:
    """Per defendant unit, the lawsuits concluded in ``year`` and those lost. ``defendants`` is
    a (scoped) ``LawsuitDefendant`` queryset: a screen passes the user's, a report its own."""
    rows = defendants.filter(lawsuit__ended_on__year=year).select_related("org_unit", "lawsuit")
    concluded: Counter[int] = Counter()
    lost: Counter[int] = Counter()
    units: dict[int, OrgUnit] = {}
    for d in rows:
        units[d.org_unit_id] = d.org_unit
        concluded[d.org_unit_id] += 1
        if d.lawsuit.outcome in LOSSES:
            lost[d.org_unit_id] += 1
    return [
        LossRate(units[k], concluded[k], lost[k])
        for k in sorted(units, key=lambda k: units[k].code)
    ]


def city_loss_rates(year: int) -> list[LossRate]:
    return loss_rates(year, LawsuitDefendant.objects.unrestricted(f"{year}年行政应诉败诉率统计"))
