"""Legal advisers (法律顾问): rounds, contracts, work logs, yearly evaluations, coverage checks and
the public directory of each village's (community's) adviser.

The directory is published through the disclosure gate, one record per township: each place,
its adviser's name, kind and firm — their work contact is the platform itself (a message left on
the portal reaches the justice bureau, which forwards it), so no personal telephone is public.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from fazhi.core.casework.workflow import Refusal, TransitionError
from fazhi.core.disclosure.gate import publish, withdraw
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.choices import GovernmentLevel, RegionKind, UnitKind
from fazhi.core.org.models import AdviserAssignment, LegalAdviser, OrgUnit, Region

from .models import AdviserContract, AdviserEvaluation, AdviserMessage, AdviserRound, WorkLog

DIRECTORY_KIND = "村（社区）法律顾问名录"
CONTACT = "通过本平台“联系法律顾问”留言，由司法局转交"
BASIS = "《关于推行法律顾问制度和公职律师公司律师制度的意见》（中办发〔2016〕30号）"
AGENCY_LEVELS = (GovernmentLevel.CITY, GovernmentLevel.DISTRICT, GovernmentLevel.ZONE)


def active(on: date) -> Q:
    """Assignments in force on ``on``."""
    return Q(start__lte=on) & (Q(end__isnull=True) | Q(end__gte=on))


# -- coverage ---------------------------------------------------------------------------------


def agencies(root: OrgUnit) -> QuerySet[OrgUnit]:
    """The agencies that must have an adviser (政府法律顾问): the governments and management
    committees at city and district level under ``root`` and every department of theirs."""
    under = OrgUnit.objects.filter(path__startswith=root.path, active=True)
    return under.filter(
        Q(kind=UnitKind.DEPARTMENT) | Q(kind=UnitKind.GOVERNMENT, level__in=AGENCY_LEVELS)
    ).order_by("path")


def agencies_without_adviser(root: OrgUnit, on: date) -> QuerySet[OrgUnit]:
    served = AdviserAssignment.objects.filter(active(on), org_unit__isnull=False).values(
        "org_unit_id"
    )
    return agencies(root).exclude(pk__in=served)


def places_without_adviser(root: OrgUnit, on: date) -> QuerySet[Region]:
    served = AdviserAssignment.objects.filter(active(on), region__isnull=False).values("region_id")
    return (
        Region.objects.filter(
            government__path__startswith=root.path,
            kind__in=[RegionKind.VILLAGE, RegionKind.COMMUNITY],
        )
        .exclude(pk__in=served)
        .order_by("government__code", "name")
    )


# -- contracts, logs, evaluations ------------------------------------------------------------


@transaction.atomic
def sign_contract(
    adviser: LegalAdviser,
    *,
    contract_no: str,
    signed_on: date,
    start: date,
    end: date,
    org_unit: OrgUnit | None = None,
    region: Region | None = None,
    round: AdviserRound | None = None,
) -> AdviserContract:
    """The adviser's contract with an agency or a village (community), and its assignment."""
    if (org_unit is None) == (region is None):
        raise TransitionError(Refusal("合同须写明服务对象：一个机关，或一个村（社区）"))
    if end < start:
        raise TransitionError(Refusal("服务终止日期不能早于起始日期"))
    if region is not None and round is None:
        raise TransitionError(Refusal("村（社区）法律顾问合同须属于某一轮次"))
    assignment = AdviserAssignment.objects.filter(
        adviser=adviser, org_unit=org_unit, region=region, start=start
    ).first() or AdviserAssignment.objects.create(
        adviser=adviser, org_unit=org_unit, region=region, start=start, end=end
    )
    if assignment.end != end:
        assignment.end = end
        assignment.save(update_fields=["end"])
    return AdviserContract.objects.create(
        assignment=assignment,
        round=round,
        contract_no=contract_no,
        firm=adviser.firm,
        signed_on=signed_on,
        start=start,
        end=end,
    )


def log_work(
    assignment: AdviserAssignment, *, on: date, kind: str, summary: str, count: int = 1
) -> WorkLog:
    if on < assignment.start or (assignment.end is not None and on > assignment.end):
        raise TransitionError(Refusal(f"{on.isoformat()} 不在该法律顾问的服务期内"))
    return WorkLog.objects.create(
        assignment=assignment, on=on, kind=kind, summary=summary, count=count
    )


def evaluate(
    assignment: AdviserAssignment,
    *,
    year: int,
    grade: str,
    on: date,
    remarks: str = "",
) -> AdviserEvaluation:
    """The client's yearly evaluation; the client is the agency or the village served."""
    if on.year < year:
        raise TransitionError(Refusal(f"{year} 年度的评价须在该年度内或之后作出"))
    if assignment.start.year > year:
        raise TransitionError(Refusal(f"该法律顾问 {year} 年度尚未提供服务"))
    client = assignment.org_unit or assignment.region
    return AdviserEvaluation.objects.create(
        assignment=assignment,
        year=year,
        grade=grade,
        evaluator=str(client),
        evaluated_on=on,
        remarks=remarks,
    )


def work_summary(assignments: QuerySet[AdviserAssignment], year: int) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for kind, count in WorkLog.objects.filter(
        assignment__in=assignments, on__year=year
    ).values_list("kind", "count"):
        totals[kind] += count
    return dict(totals)


# -- the public directory ----------------------------------------------------------------------


def directory_subject(township_id: int) -> str:
    return f"org.orgunit:{township_id}"


def directory_rows(township: OrgUnit, on: date) -> list[dict[str, str]]:
    rows = []
    qs = (
        AdviserAssignment.objects.filter(active(on), region__government=township)
        .select_related("adviser", "region")
        .order_by("region__code", "region__name")
    )
    for a in qs:
        rows.append(
            {
                "村（社区）": a.region.name if a.region else "",
                "法律顾问": a.adviser.name,
                "类型": a.adviser.get_kind_display(),
                "执业机构": a.adviser.firm,
                "联系方式": CONTACT,
            }
        )
    return rows


@transaction.atomic
def publish_directory(
    township: OrgUnit, *, on: date, actor: Any = None, publisher: OrgUnit | None = None
) -> Publication | None:
    """Publish (or republish) a township's advisers through the gate: the names are the record's
    own (kept); anything else personal in the text is masked by the gate."""
    rows = directory_rows(township, on)
    if not rows:
        return None
    # Keyed as the plain org unit (not its Government proxy), so the portal finds it by id.
    subject = OrgUnit.objects.get(pk=township.pk)
    for old in Publication.objects.filter(
        kind=DIRECTORY_KIND, subject=directory_subject(township.pk), withdrawal__isnull=True
    ):
        withdraw(old, reason="名录更新", actor=actor, on=on)
    return publish(
        kind=DIRECTORY_KIND,
        title=f"{township.name}村（社区）法律顾问名录",
        org_unit=publisher or township,
        fields={"乡镇（街道）": township.name, "法律顾问": rows, "依据": BASIS},
        subject=subject,
        party_names=[r["法律顾问"] for r in rows],
        actor=actor,
        published_on=on,
    )


def leave_message(region: Region, *, name: str, phone: str, message: str, on: date) -> Any:
    """A resident's message to the adviser serving ``region`` on ``on``."""
    assignment = (
        AdviserAssignment.objects.filter(active(on), region=region).order_by("-start").first()
    )
    if assignment is None:
        raise TransitionError(Refusal(f"{region.name}目前没有派驻法律顾问"))
    return AdviserMessage.objects.create(
        assignment=assignment, name=name, phone=phone, message=message
    )
