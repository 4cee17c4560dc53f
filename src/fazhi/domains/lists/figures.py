"""The seed report's figures of section (一) 2–3, each counted from records (docs/figures.md).

One function per figure, each a query returning an int; nothing here knows the expected
numbers. "City departments" are the working departments directly under 鄂州市人民政府
(``CITY``); "2019" is the calendar year by the date a version takes effect (``valid_from``),
a material was cut (``cut_on``) or a complaint was closed (``closed_on``).

System code (reports, the scenario's checks), not a request path: the plain managers are used.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db.models import Q, QuerySet

from fazhi.core.casework.models import Case

from . import complaints
from .choices import ListAction, ListState, ProofStatus
from .models import (
    DiscretionBenchmark,
    FeeDocumentReview,
    FeeItem,
    GuideMaterial,
    NoPenaltyItem,
    PowerItem,
    PowerItemVersion,
    ProofComplaint,
    ProofRequirement,
    ProofRequirementVersion,
    ServiceGuide,
)
from .services import as_of

CITY = "420700000000"  # 鄂州市人民政府
END_2019 = date(2019, 12, 31)
Y2019 = (date(2019, 1, 1), END_2019)


PUBLISHED = (ListState.IN_FORCE, ListState.CANCELLED)


def _city(qs: QuerySet, path: str = "department") -> QuerySet:
    return qs.filter(**{f"{path}__parent__code": CITY})


def _distinct(qs: QuerySet, field: str) -> int:
    # order_by() drops the models' default ordering, which would otherwise enter the DISTINCT.
    return qs.order_by().values(field).distinct().count()


# -- 权责清单 --------------------------------------------------------------------------------


def power_items_retained(on: date = END_2019) -> int:
    """4,221: power items of the city departments in force on the day (保留的权力事项)."""
    return _distinct(_city(as_of(PowerItem, on)), "item")


def power_item_departments(on: date = END_2019) -> int:
    """36: city departments holding at least one power item in force on the day."""
    return _distinct(_city(as_of(PowerItem, on)), "department")


def power_item_adjustments_2019() -> int:
    """2,902: power items adjusted (调整) or transferred (划转) by a version taking effect in
    2019 — each counted once, whatever department holds it after the transfer."""
    versions = PowerItemVersion.objects.filter(
        action__in=[ListAction.ADJUST, ListAction.TRANSFER], valid_from__range=Y2019
    ).filter(state__in=PUBLISHED)  # an edit of a never-published draft is no adjustment
    return _distinct(_city(versions), "item")


def power_item_transfers_2019() -> int:
    """The transfers among the 2,902 (a part of that figure, not a figure of the report)."""
    versions = PowerItemVersion.objects.filter(
        action=ListAction.TRANSFER, valid_from__range=Y2019, state__in=PUBLISHED
    )
    return _distinct(_city(versions), "item")


def power_items_cancelled_2019() -> int:
    """Items of the 2018 list cancelled in 2019: the scenario's reading, not in the report."""
    versions = PowerItemVersion.objects.filter(action=ListAction.CANCEL, valid_from__range=Y2019)
    return _distinct(_city(versions), "item")


def service_guides(on: date = END_2019) -> int:
    """4,421: standardized service guides of the city departments' items in force on the day
    (anchored to the date, so a later cancellation does not change the 2019 figure)."""
    in_force = as_of(PowerItem, on).values("item_id")
    guides = ServiceGuide.objects.filter(power_item_id__in=in_force)
    return _city(guides, "power_item__department").count()


# -- 减证便民 --------------------------------------------------------------------------------


def items_with_cut_materials_2019() -> int:
    """97: items applied for whose guide materials were cut in 2019 (精减97项…事项)."""
    items = PowerItem.objects.filter(guides__materials__cut_on__range=Y2019)
    return _distinct(_city(items), "id")


def materials_cut_2019() -> int:
    """318: guide materials cut in 2019 (涉及的318项办事资料)."""
    materials = GuideMaterial.objects.filter(cut_on__range=Y2019)
    return _city(materials, "guide__power_item__department").count()


def _community_proofs_cancelled_2019() -> QuerySet:
    return _city(
        ProofRequirementVersion.objects.filter(
            action=ListAction.CANCEL,
            status=ProofStatus.CANCELLED,
            community_issued=True,
            valid_from__range=Y2019,
        )
    )


def proofs_cancelled_2019() -> int:
    """18: community-issued proofs cancelled in 2019 (取消意外伤害、取环证明等18项)."""
    return _distinct(_community_proofs_cancelled_2019(), "item")


def departments_cancelling_proofs_2019() -> int:
    """9: departments that cancelled those proofs (督促公安、医保、卫健、公证等9个部门)."""
    return _distinct(_community_proofs_cancelled_2019(), "department")


def proof_complaints_handled_2019() -> int:
    """16: complaints about cancelled proofs still demanded, replied to in 2019."""
    return ProofComplaint.objects.filter(
        case__kind=complaints.KIND,
        case__state=complaints.ComplaintState.REPLIED,
        case__closed_on__range=Y2019,
    ).count()


def proof_complaints_open(on: date = END_2019) -> int:
    """Complaints received by the day and not yet replied to on it (0 in the scenario)."""
    return (
        Case.objects.filter(kind=complaints.KIND, opened_on__lte=on)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on))
        .count()
    )


def notify_commit_departments() -> int:
    """3: departments piloting notify-commit for proofs (市场监管、住建、交通)."""
    proofs = ProofRequirement.objects.filter(status=ProofStatus.NOTIFY_COMMIT)
    return _distinct(_city(proofs), "department")


def notify_commit_materials() -> int:
    """Guide materials an applicant may replace by a written commitment (告知承诺)."""
    return GuideMaterial.objects.filter(source="notify_commit", cut_on__isnull=True).count()


# -- 收费清单 --------------------------------------------------------------------------------


def fee_documents(outcome: str, year: int = 2019) -> int:
    """53 / 6 / 10: fee documents of the year's cleanup by outcome (retain / amend / repeal)."""
    # Only cleanups whose result was published (and not withdrawn), led by a city department.
    return _city(
        FeeDocumentReview.objects.filter(
            cleanup__concluded_on__year=year,
            outcome=outcome,
            cleanup__publication__isnull=False,
            cleanup__publication__withdrawal__isnull=True,
        ),
        "cleanup__department",
    ).count()


def fee_items(*, enterprise_related: bool | None = None, on: date = END_2019) -> int:
    """The two fee lists: all government-priced fees in force (《…收费标准清单》), or only the
    enterprise-related ones (《…涉企收费标准清单》) with ``enterprise_related=True``."""
    versions = as_of(FeeItem, on)
    if enterprise_related is not None:
        versions = versions.filter(enterprise_related=enterprise_related)
    return _distinct(versions, "item")


# -- 裁量基准与免罚清单 ------------------------------------------------------------------------


def discretion_benchmarks(on: date = END_2019) -> int:
    return _distinct(as_of(DiscretionBenchmark, on), "item")


def no_penalty_items(on: date = END_2019) -> int:
    return _distinct(as_of(NoPenaltyItem, on), "item")


def register_figures() -> None:
    """The seed's figures of section (一) 2–3 with the rows of docs/figures.md they fill."""
    from fazhi import registry

    here = __name__
    rows: tuple[tuple[str, str, int, Callable[[], int], str], ...] = (
        ("5", "精减办事资料的依申请事项", 97, items_with_cut_materials_2019, ""),
        ("6", "精减的办事资料", 318, materials_cut_2019, ""),
        ("8", "取消证明事项的部门", 9, departments_cancelling_proofs_2019, ""),
        ("9", "取消的高频证明事项", 18, proofs_cancelled_2019, ""),
        ("10", "处理的减证便民投诉", 16, proof_complaints_handled_2019, ""),
        ("11", "2019年调整、划转的权力事项", 2902, power_item_adjustments_2019, ""),
        ("12", "持有权力事项的市直部门", 36, power_item_departments, ""),
        ("13", "保留的权力事项（2019-12-31）", 4221, power_items_retained, ""),
        ("14", "标准化办事指南", 4421, service_guides, ""),
        ("16", "价费文件：保留", 53, lambda: fee_documents("retain"), "fee_documents('retain')"),
        ("16", "价费文件：修改", 6, lambda: fee_documents("amend"), "fee_documents('amend')"),
        ("16", "价费文件：废止", 10, lambda: fee_documents("repeal"), "fee_documents('repeal')"),
    )
    for row, label, seed, count, query in rows:
        registry.figure(row, label, seed, count, query=f"{here}.{query}" if query else "")
