"""Legal advisers' 2019 rounds, contracts, work logs and evaluations (stage 421).

The foundation placed the third round of village (community) advisers from 2019-04-01 (64
lawyers and 13 grassroots legal workers covering 362 places, rows 35–38) and retained lawyers
for 11 agencies. Here: the third round as a record; a contract behind every village assignment;
a lawyer retained by every agency the foundation left without one (政府法律顾问 全覆盖), each on a
contract with its firm — no new village assignment, so rows 35–38 stay true; a year's work log
and the client's 2019 evaluation of every assignment; and the directory of each township's
village advisers published through the disclosure gate.

Idempotence: the round by its number, contracts by their numbers, logs and evaluations by their
assignment; a second run creates nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.org.models import AdviserAssignment, LegalAdviser, OrgUnit
from fazhi.shell.scenario.data import ADVISER_ROUND_START
from fazhi.shell.scenario.planning import Digest, rng_for

from .. import advisers
from ..choices import EvaluationGrade, WorkKind
from ..models import AdviserContract, AdviserEvaluation, AdviserRound, WorkLog
from .common import unit

CITY = "420700000000"
SFJ = "420700-SFJ"
ROUND_END = date(2022, 3, 31)
AGENCY_START, AGENCY_END, AGENCY_SIGNED = date(2019, 1, 1), date(2021, 12, 31), date(2018, 12, 28)
DIRECTORY_ON = date(2019, 4, 10)
GRADES = (
    (EvaluationGrade.EXCELLENT,) * 3 + (EvaluationGrade.COMPETENT,) * 6 + (EvaluationGrade.BASIC,)
)
VILLAGE_WORK = (
    (WorkKind.CONSULTATION, "为村（居）民提供法律咨询"),
    (WorkKind.MEDIATION, "参与调解邻里、土地承包纠纷"),
    (WorkKind.TRAINING, "开展法治宣传讲座"),
    (WorkKind.REVIEW, "审查村规民约、合同"),
)
AGENCY_WORK = (
    (WorkKind.REVIEW, "审查合同、规范性文件"),
    (WorkKind.CONSULTATION, "列席会议，提供法律意见"),
    (WorkKind.TRAINING, "为机关工作人员讲授法律知识"),
)


def _round(sfj: OrgUnit, digest: Digest) -> AdviserRound:
    third, created = AdviserRound.objects.get_or_create(
        owner_unit=sfj,
        number=3,
        defaults={
            "name": "第三轮村（社区）法律顾问",
            "start": ADVISER_ROUND_START,
            "end": ROUND_END,
        },
    )
    if created:
        digest.add("round", 3, ADVISER_ROUND_START)
    return third


def _village_contracts(third: AdviserRound, digest: Digest) -> int:
    have = set(AdviserContract.objects.values_list("assignment_id", flat=True))
    rows = []
    qs = AdviserAssignment.objects.filter(region__isnull=False, start=ADVISER_ROUND_START)
    for i, a in enumerate(qs.select_related("adviser").order_by("pk"), 1):
        if a.pk in have:
            continue
        rows.append(
            AdviserContract(
                assignment=a,
                round=third,
                contract_no=f"鄂州司法顾问村〔2019〕{i:03d}号",
                firm=a.adviser.firm,
                signed_on=date(2019, 3, 28),
                start=a.start,
                end=ROUND_END,
            )
        )
        digest.add("contract", a.pk)
    AdviserContract.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _agency_contracts(root: OrgUnit, digest: Digest) -> int:
    created = 0
    lawyers = list(
        LegalAdviser.objects.filter(kind="lawyer", assignments__region__isnull=False)
        .distinct()
        .order_by("license_no")
    )
    if not lawyers:
        raise RuntimeError("法律顾问尚未载入：须先运行“法律顾问与派驻”阶段")
    # The foundation's retained lawyers get their contracts on their own assignments.
    existing = AdviserAssignment.objects.filter(org_unit__isnull=False, contract__isnull=True)
    for a in existing.select_related("adviser", "org_unit").order_by("org_unit__code"):
        advisers.sign_contract(
            a.adviser,
            contract_no=f"鄂州司法顾问机关〔2019〕{a.org_unit.code}号",
            signed_on=AGENCY_SIGNED,
            start=a.start,
            end=AGENCY_END,
            org_unit=a.org_unit,
        )
        created += 1
        digest.add("contract", a.org_unit.code, a.adviser.license_no)
    for i, agency in enumerate(advisers.agencies_without_adviser(root, AGENCY_START)):
        lawyer = lawyers[i % len(lawyers)]
        advisers.sign_contract(
            lawyer,
            contract_no=f"鄂州司法顾问机关〔2019〕{agency.code}号",
            signed_on=AGENCY_SIGNED,
            start=AGENCY_START,
            end=AGENCY_END,
            org_unit=agency,
        )
        created += 1
        digest.add("contract", agency.code, lawyer.license_no)
    return created


def _logs_and_evaluations(seed: int, digest: Digest) -> int:
    rng = rng_for(seed, "adviser-work")
    logged = set(WorkLog.objects.values_list("assignment_id", flat=True))
    evaluated = set(
        AdviserEvaluation.objects.filter(year=2019).values_list("assignment_id", flat=True)
    )
    logs, evaluations = [], []
    qs = AdviserAssignment.objects.filter(contract__isnull=False).select_related(
        "org_unit", "region"
    )
    for a in qs.order_by("pk"):
        work = AGENCY_WORK if a.org_unit_id else VILLAGE_WORK
        if a.pk not in logged:
            for kind, summary in work:
                month = rng.randint(max(a.start.month, 4 if a.region_id else 1), 12)
                logs.append(
                    WorkLog(
                        assignment=a,
                        on=date(2019, month, rng.randint(1, 28)),
                        kind=kind,
                        count=rng.randint(1, 6),
                        summary=summary,
                    )
                )
        if a.pk not in evaluated:
            evaluations.append(
                AdviserEvaluation(
                    assignment=a,
                    year=2019,
                    grade=rng.choice(GRADES),
                    evaluator=str(a.org_unit or a.region),
                    evaluated_on=date(2019, 12, 20),
                )
            )
            digest.add("evaluation", a.pk)
    WorkLog.objects.bulk_create(logs, batch_size=500)
    AdviserEvaluation.objects.bulk_create(evaluations, batch_size=500)
    return len(logs) + len(evaluations)


def _directories(root: OrgUnit, sfj: OrgUnit, digest: Digest) -> int:
    from fazhi.core.disclosure.models import Publication

    published = set(
        Publication.objects.filter(kind=advisers.DIRECTORY_KIND).values_list("subject", flat=True)
    )
    count = 0
    townships = OrgUnit.objects.filter(path__startswith=root.path, level="township")
    for township in townships.order_by("code"):
        if advisers.directory_subject(township.pk) in published:
            continue
        if advisers.publish_directory(township, on=DIRECTORY_ON, publisher=sfj) is not None:
            count += 1
            digest.add("directory", township.code)
    return count


def load_advisers(builder: Any, result: Any) -> None:
    digest = Digest()
    sfj, root = unit(SFJ), unit(CITY)
    third = _round(sfj, digest)
    villages = _village_contracts(third, digest)
    agencies = _agency_contracts(root, digest)
    work = _logs_and_evaluations(builder.seed, digest)
    directories = _directories(root, sfj, digest)
    result.created = villages + agencies + work + directories
    result.extra.update(
        village_contracts=villages, agency_contracts=agencies, directories=directories
    )
    builder.audit("decisions.AdviserContract", result.created, digest, **result.extra)
