"""Urban-management matters: resolving them by service, management or enforcement (the "721"
method), and counting the shares per year and department.

``resolve`` is the one state change: it locks the matters (``select_for_update``), checks each
may move from its state (``RESOLUTION_TRANSITIONS``) and writes the resolution. It takes one
matter from the matter's page, or many from the 批量处置 page (a campaign's cleared
stalls are resolved together), the same function either way. An enforcement resolution names
the enforcement case it was handled in: an existing one the department takes part in, or a
penalty lead opened from the matter (``open_lead``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from fazhi.core.casework.models import Case, Participant
from fazhi.core.casework.workflow import Refusal, StepRefused, TransitionError, open_case

from .city_choices import RESOLUTION_TRANSITIONS, RESOLVED, MatterKind, Resolution
from .models import EnforcementCase, UrbanMatter

# The 721 method is the urban-management work method of 住房和城乡建设部《全国城市管理执法队伍
# "强基础、转作风、树形象"专项行动方案》(建督〔2016〕244号); it sets no legal rule, so a
# refusal below cites the enforcement law where one applies and the method otherwise.
METHOD_BASIS = "建督〔2016〕244号（721工作方法）"
CASE_BASIS = "行政处罚法 第五十四条"


@dataclass(frozen=True)
class Shares:
    service: int
    management: int
    enforcement: int

    @property
    def total(self) -> int:
        return self.service + self.management + self.enforcement

    def percent(self, how: str) -> int:
        """The share in whole percent, rounded half up (70.5 % → 71 %); 0 with no matter."""
        if not self.total:
            return 0
        value = Decimal(getattr(self, how) * 100) / Decimal(self.total)
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def resolve(
    matters: Iterable[UrbanMatter | int],
    how: str,
    *,
    actor: Any,
    on: date | None = None,
    removed: bool = False,
    note: str = "",
    case: Case | None = None,
    cases: Mapping[int, Case] | None = None,
) -> int:
    """Resolve pending matters by ``how`` (service / management / enforcement) on ``on``.

    An enforcement resolution names its case: ``case`` for all the matters, or ``cases``, one
    per matter id (a campaign's matters each handled in a case of its own).
    All or nothing: a matter already resolved, of another department than its case's, or an
    enforcement resolution without its case refuses the whole call with the reasons.
    Returns how many matters were resolved."""
    on = on or timezone.localdate()
    if how not in RESOLVED:
        raise TransitionError(Refusal(f"处置方式须为服务、管理或执法解决，不能是“{how}”"))
    ids = sorted({m.pk if isinstance(m, UrbanMatter) else int(m) for m in matters})
    if not ids:
        return 0
    case_of: dict[int, Case] = dict(cases or {})
    if case is not None:
        case_of.update((pk, case) for pk in ids)
    if how == Resolution.ENFORCEMENT and any(pk not in case_of for pk in ids):
        raise TransitionError(Refusal("执法解决的事项须关联执法案件", CASE_BASIS))
    if how != Resolution.ENFORCEMENT and case_of:
        raise TransitionError(Refusal("只有执法解决的事项关联执法案件", METHOD_BASIS))
    with transaction.atomic():
        # Two clerks resolving the same matter: the second waits here and then sees it done.
        locked = list(
            UrbanMatter.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values("pk", "record_no", "resolution", "department_id", "found_on")
        )
        refusals = []
        if len(locked) != len(ids):
            refusals.append(Refusal("部分事项不存在"))
        for row in locked:
            if how not in RESOLUTION_TRANSITIONS[row["resolution"]]:
                label = Resolution(row["resolution"]).label
                refusals.append(
                    Refusal(f"事项 {row['record_no']} 已{label}，不能再处置", METHOD_BASIS)
                )
            if on < row["found_on"]:
                refusals.append(Refusal(f"事项 {row['record_no']} 的处置日期早于发现日期"))
        if case_of:
            owners = set(
                Participant.objects.filter(
                    case_id__in={c.pk for c in case_of.values()}, role="owner"
                ).values_list("case_id", "org_unit_id")
            )
            for row in locked:
                if (case_of[row["pk"]].pk, row["department_id"]) not in owners:
                    refusals.append(
                        Refusal(
                            f"事项 {row['record_no']} 关联的执法案件须由其处置部门承办", CASE_BASIS
                        )
                    )
        if refusals:
            raise TransitionError(refusals)
        fields = {
            "resolution": how,
            "resolved_on": on,
            "removed": removed,
            "resolution_note": note[:500],
            "resolved_by": actor if getattr(actor, "pk", None) else None,
        }
        if fields["resolved_by"] is not None:
            # A staff member's resolution: saved row by row, so the change log records each
            # matter's change under their name.
            for obj in UrbanMatter.objects.filter(pk__in=ids).order_by("pk"):
                for name, value in fields.items():
                    setattr(obj, name, value)
                obj.case = case_of.get(obj.pk)
                obj.save(update_fields=[*fields, "case"])
            return len(ids)
        # The department's system reporting its history (the scenario): one bulk write, audited
        # as the import it belongs to.
        if not case_of:
            return UrbanMatter.objects.filter(pk__in=ids).update(**fields)
        rows = [UrbanMatter(pk=pk, case=case_of[pk], **fields) for pk in ids]
        UrbanMatter.objects.bulk_update(rows, [*fields, "case"], batch_size=1000)
        return len(rows)


def open_lead(matter: UrbanMatter, *, actor: Any, on: date | None = None) -> Case:
    """A penalty lead (行政处罚案件 线索) of the matter's department, opened from the matter:
    the case the enforcement resolution then names.

    A staff member must hold a role that registers penalty cases in the department (the
    workflow's ``create_roles``): a case opened here is opened by a person."""
    from .workflow import WORKFLOW

    on = on or timezone.localdate()
    department = matter.department
    if actor is None or department.pk not in {u.pk for u in WORKFLOW.creating_units(actor)}:
        raise StepRefused(Refusal("立案线索须由本部门的经办人或执法人员登记", CASE_BASIS))
    title = f"{matter.get_kind_display()}（{matter.place}）"[:200]
    case = open_case("penalty", title=title, owner=department, actor=actor, opened_on=on)
    EnforcementCase.objects.create(
        case=case,
        violation_on=matter.found_on,
        facts=f"城管事项 {matter.record_no}：{matter.description or title}",
    )
    return case


# -- counting -------------------------------------------------------------------------------


def resolved_in(year: int, department: Any = None) -> QuerySet[UrbanMatter]:
    """Matters resolved in ``year`` (by the date of their resolution), of one department or,
    with ``department=None``, of every department. The caller scopes: screens pass a scoped
    queryset's department, figures count the city."""
    qs = UrbanMatter.objects.filter(resolved_on__year=year, resolution__in=RESOLVED)
    if department is not None:
        qs = qs.filter(department=department)
    return qs


def shares(year: int, department: Any = None, *, qs: QuerySet | None = None) -> Shares:
    rows = (qs if qs is not None else resolved_in(year, department)).filter(
        resolved_on__year=year, resolution__in=RESOLVED
    )
    counts = dict(
        rows.order_by()
        .values_list("resolution")
        .annotate(n=Count("id"))
        .values_list("resolution", "n")
    )
    return Shares(
        counts.get(Resolution.SERVICE, 0),
        counts.get(Resolution.MANAGEMENT, 0),
        counts.get(Resolution.ENFORCEMENT, 0),
    )


def shares_by_department(qs: QuerySet[UrbanMatter], year: int) -> list[tuple[Any, Shares]]:
    """One row per department of ``qs`` (already scoped): the 721 table of the back office."""
    rows = (
        qs.filter(resolved_on__year=year, resolution__in=RESOLVED)
        .order_by()
        .values_list("department_id", "department__name", "resolution")
        .annotate(n=Count("id"))
    )
    table: dict[int, dict[str, Any]] = {}
    for dept_id, name, how, n in rows:
        table.setdefault(dept_id, {"name": name})[how] = n
    return [
        (
            v["name"],
            Shares(
                v.get(Resolution.SERVICE, 0),
                v.get(Resolution.MANAGEMENT, 0),
                v.get(Resolution.ENFORCEMENT, 0),
            ),
        )
        for _, v in sorted(table.items(), key=lambda kv: str(kv[1]["name"]))
    ]


def found_in(year: int, kinds: Sequence[str], campaign: str | None = None) -> QuerySet:
    qs = UrbanMatter.objects.filter(found_on__year=year, kind__in=kinds)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs


def removed_in(year: int, kind: str) -> QuerySet:
    return UrbanMatter.objects.filter(
        kind=kind, removed=True, resolved_on__year=year, resolution__in=RESOLVED
    )


def area_removed(year: int, kind: str) -> Decimal:
    return removed_in(year, kind).aggregate(s=Sum("area"))["s"] or Decimal(0)


__all__ = [
    "MatterKind",
    "Resolution",
    "Shares",
    "area_removed",
    "found_in",
    "open_lead",
    "removed_in",
    "resolve",
    "resolved_in",
    "shares",
    "shares_by_department",
]
