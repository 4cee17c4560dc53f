"""Operations on cases besides the steps of their workflow: links between cases, voided
numbers. Each is one atomic function that records itself on the timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from .choices import LINK_GRANTS, LinkKind
from .models import Case, CaseLink, Event, Participant, VoidedNumber


def link_cases(
    from_case: Case, to_case: Case, kind: str, *, actor: Any = None, on: date | None = None
) -> CaseLink:
    """``from_case`` bears on ``to_case`` (a reconsideration on the decision it reviews …).
    The units deciding ``from_case`` take part in ``to_case`` in the role the link grants, so
    they see it; the link is recorded on both timelines."""
    if from_case.pk == to_case.pk:
        raise ValueError("案件不能关联自身")
    LinkKind(kind)  # a closed list
    on = on or timezone.localdate()
    with transaction.atomic():
        link, created = CaseLink.objects.get_or_create(
            from_case=from_case, to_case=to_case, kind=kind, defaults={"created_by": actor}
        )
        if not created:
            return link
        grant = LINK_GRANTS.get(kind)
        if grant:
            deciding = Participant.objects.filter(
                case=from_case, role="owner", org_unit__isnull=False
            ).values_list("org_unit_id", flat=True)
            for unit_id in deciding:
                Participant.objects.get_or_create(case=to_case, org_unit_id=unit_id, role=grant)
        label = LinkKind(kind).label
        for case, other in ((from_case, to_case), (to_case, from_case)):
            Event.objects.create(
                case=case,
                actor=actor,
                kind="linked",
                occurred_on=on,
                note=f"{label}：{other.number or other.title}",
                data={"link": link.pk, "kind": kind, "other": other.pk},
            )
        return link


def void_number(case: Case, reason: str, *, actor: Any = None, on: date | None = None) -> str:
    """作废编号: the case gives up its number (e.g. filed in error); the number is recorded as
    voided and is never issued again (the sequence only moves forward)."""
    if not reason.strip():
        raise ValueError("作废编号须说明理由")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if not locked.number:
            raise ValueError("本案尚未编号")
        number = locked.number
        VoidedNumber.objects.create(case=locked, number=number, reason=reason, actor=actor)
        locked.number = ""
        locked.save(update_fields=["number"])
        Event.objects.create(
            case=locked,
            actor=actor,
            kind="number_voided",
            occurred_on=on or timezone.localdate(),
            note=reason,
            data={"number": number},
        )
        case.number = ""
        return number
