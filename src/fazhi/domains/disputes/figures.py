"""The seed report's reconsideration figures (section 五; docs/figures.md rows 67–75), each
counted from the reconsideration cases' records.

"In 2019" is the calendar year by the day the application was received (``Case.opened_on``:
接到申请) or the day the case ended (``ended_on``: 审结). 受理 counts the handler's acceptance and
the law's (视为受理) alike (``accepted_on``). 审结 is the end of an accepted case — a decision, a
调解书, a dismissal or a termination; an application not accepted was never under review.

System code (``fazhi figures``, the scenario's checks), not a request path.
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from .choices import Outcome, ProceduralEnd, TerminationReason
from .models import ReconsiderationCase

Y2019 = (date(2019, 1, 1), date(2019, 12, 31))


def _all() -> QuerySet[ReconsiderationCase]:
    return ReconsiderationCase.objects.unrestricted("统计报告数字：行政复议案件")


def received(year_range: tuple[date, date] = Y2019) -> QuerySet[ReconsiderationCase]:
    return _all().filter(case__opened_on__range=year_range)


def concluded(year_range: tuple[date, date] = Y2019) -> QuerySet[ReconsiderationCase]:
    """Accepted cases that ended in the period, whichever year they were accepted."""
    return _all().filter(ended_on__range=year_range, accepted_on__isnull=False)


def received_2019() -> int:
    """86: 共接到行政复议申请86件."""
    return received().count()


def accepted_2019() -> int:
    """80: 受理80件 — of the applications received in 2019, those accepted (the other 6 were
    not accepted)."""
    return received().filter(accepted_on__isnull=False).count()


def not_accepted_2019() -> int:
    return received().filter(procedural_end=ProceduralEnd.NOT_ACCEPTED).count()


def concluded_2019() -> int:
    """81: 已经审结81件（含上一年结转审结的10件）."""
    return concluded().count()


def carried_over_concluded_2019() -> int:
    """10: of those, accepted in 2018."""
    return concluded().filter(accepted_on__year=2018).count()


def pending_2019() -> int:
    """Accepted in 2019 and still open on 2019-12-31 (80 + 10 − 81 = 9)."""
    return _all().filter(accepted_on__range=Y2019).exclude(ended_on__lte=Y2019[1]).count()


def _outcome(outcome: str) -> int:
    return concluded().filter(outcome=outcome).count()


def upheld_2019() -> int:
    """37: 作出复议决定维持原行政机关具体行政行为的37件."""
    return _outcome(Outcome.UPHOLD)


def revoked_2019() -> int:
    """10: 撤销违法不当行为的10件."""
    return _outcome(Outcome.REVOKE)


def mediated_2019() -> int:
    """4: 组织调解，以调解意见结案的4件."""
    return _outcome(Outcome.MEDIATE)


def withdrawn_2019() -> int:
    """21: 当事人申请撤回复议申请的21件 — terminated, reason withdrawn."""
    return (
        concluded()
        .filter(
            procedural_end=ProceduralEnd.TERMINATED, termination_reason=TerminationReason.WITHDRAWN
        )
        .count()
    )


def dismissed_2019() -> int:
    """3: 驳回申请人复议申请的3件 — 驳回复议申请 (procedural, after acceptance)."""
    return concluded().filter(procedural_end=ProceduralEnd.APPLICATION_DISMISSED).count()


def ordered_to_perform_2019() -> int:
    """6: 责令被申请人限期履行职责的6件."""
    return _outcome(Outcome.ORDER_PERFORMANCE)


def register_figures() -> None:
    from fazhi import registry

    registry.figure("67", "行政复议申请（件）", 86, received_2019)
    registry.figure("68", "受理行政复议申请（件）", 80, accepted_2019)
    registry.figure("69", "审结行政复议案件（件）", 81, concluded_2019)
    registry.figure("69", "其中上一年结转审结（件）", 10, carried_over_concluded_2019)
    registry.figure("70", "复议决定维持（件）", 37, upheld_2019)
    registry.figure("71", "复议决定撤销（件）", 10, revoked_2019)
    registry.figure("72", "调解结案（件）", 4, mediated_2019)
    registry.figure("73", "申请人撤回、终止（件）", 21, withdrawn_2019)
    registry.figure("74", "驳回复议申请（件）", 3, dismissed_2019)
    registry.figure("75", "责令履行（件）", 6, ordered_to_perform_2019)
