"""The seed report's enforcement figures (section 二 4), each counted from records
(docs/figures.md rows 47, 48, 54–57).

"2019" is the calendar year by the day a decision was taken (``decided_on``) or a meeting held
(``held_on``); the report's "截至12月底" is the same cut. A department is found by its name as
the org tree holds it: 鄂州市生态环境局 and its 分局 (鄂州市生态环境局××分局), 鄂州市交通运输局.

System code (``fazhi figures``, the scenario's checks), not a request path: plain managers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, Sum

from fazhi.core.casework.models import Event

from .choices import Outcome
from .collected import HEARING
from .models import EnforcementCase, Meeting

Y2019 = (date(2019, 1, 1), date(2019, 12, 31))
ECOLOGY = "鄂州市生态环境局"  # and its 分局, whose names begin with it
TRANSPORT = "鄂州市交通运输局"
TAXI = "出租车违规经营"
ILLEGAL_OPERATION = "非法营运"


def _penalties(department_prefix: str) -> QuerySet[EnforcementCase]:
    return EnforcementCase.objects.filter(
        outcome=Outcome.PENALTY,
        decided_on__range=Y2019,
        case__participants__role="owner",
        case__participants__org_unit__name__startswith=department_prefix,
    )


def ecology_decisions() -> QuerySet[EnforcementCase]:
    """The ecology bureau's penalty decisions of 2019, served by 2019-12-31 (下达)."""
    return _penalties(ECOLOGY).filter(served_on__lte=Y2019[1])


def ecology_decisions_2019() -> int:
    """58: 下达行政处罚决定书58份."""
    return ecology_decisions().count()


def ecology_fines_2019() -> Decimal:
    """8,046,000.00 yuan: the fines of those decisions (罚款804.6万元)."""
    return ecology_decisions().aggregate(total=Sum("fine"))["total"] or Decimal("0.00")


def ecology_fines_2019_yuan() -> int:
    """The same sum in whole yuan, as ``fazhi figures`` prints integers."""
    return int(ecology_fines_2019().to_integral_value())


def ecology_hearings_2019() -> int:
    """5: hearings held in 2019 in those cases (听证会5次)."""
    return Event.objects.filter(
        kind=HEARING,
        occurred_on__range=Y2019,
        case_id__in=ecology_decisions().values("case_id"),
    ).count()


def ecology_meetings_2019() -> int:
    """11: case-review meetings of the ecology bureau held in 2019 (召开案审会11次)."""
    return Meeting.objects.filter(
        department__name__startswith=ECOLOGY, held_on__range=Y2019
    ).count()


def _vehicles(category: str) -> int:
    plates = _penalties(TRANSPORT).filter(category=category).exclude(vehicle_plate="")
    return plates.order_by().values("vehicle_plate").distinct().count()


def taxis_2019() -> int:
    """144: distinct taxis (plates) in the transport bureau's 2019 penalty cases."""
    return _vehicles(TAXI)


def illegal_operation_vehicles_2019() -> int:
    """78: distinct vehicles (plates) penalised for illegal operation (非法营运) in 2019."""
    return _vehicles(ILLEGAL_OPERATION)


def register_figures() -> None:
    from fazhi import registry

    registry.figure("47", "违规出租车（辆）", 144, taxis_2019)
    registry.figure("48", "非法营运车辆（辆）", 78, illegal_operation_vehicles_2019)
    registry.figure("54", "生态环境行政处罚决定书（份）", 58, ecology_decisions_2019)
    registry.figure("55", "生态环境罚款（元）", 8_046_000, ecology_fines_2019_yuan)
    registry.figure("56", "生态环境案审会（次）", 11, ecology_meetings_2019)
    registry.figure("57", "生态环境听证会（次）", 5, ecology_hearings_2019)
