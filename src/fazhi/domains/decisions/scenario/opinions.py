"""The justice bureau's 2019 legal opinions and review opinions (stage 422; seed row 33: 出具审查
意见、法律意见书65份). Besides the two legality reviews of the major decisions (stage 420), the
bureau and the advisers it retains gave opinions on the city's major agreements, on drafts of
normative documents and on disputes; each is entered in the register with its Word document.

The subjects are synthetic (the seed names none); the dates are spread over 2019. Idempotence:
an opinion is keyed by (subject, issued_on); a second run creates nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fazhi.core.org.models import LegalAdviser, OrgUnit
from fazhi.shell.scenario.planning import Digest, rng_for

from ..choices import OpinionConclusion, OpinionKind, OpinionSubject
from ..models import LegalOpinion
from ..opinions import register_opinion
from .common import unit

SFJ = "420700-SFJ"


@dataclass(frozen=True)
class Batch:
    """``count`` opinions of one kind on one kind of subject, requested by these units."""

    kind: str
    subject_kind: str
    subjects: tuple[str, ...]
    count: int
    requesters: tuple[str, ...]


BATCHES = (
    Batch(
        OpinionKind.LEGAL_OPINION,
        OpinionSubject.AGREEMENT,
        (
            "PPP项目合同",
            "国有土地使用权出让合同",
            "招商引资协议",
            "政府购买服务合同",
            "特许经营协议",
            "征收补偿协议",
        ),
        30,
        ("420700000000", "420700-ZJJ", "420700-ZRZYGHJ", "420700-FGW", "420700-SWJ"),
    ),
    Batch(
        OpinionKind.REVIEW_OPINION,
        OpinionSubject.DRAFT,
        ("规范性文件草案", "政府规章草案", "政策措施文件草案"),
        21,
        ("420700000000", "420700-SCJG", "420700-STHJ", "420700-JYJ", "420700-JTYSJ"),
    ),
    Batch(
        OpinionKind.LEGAL_OPINION,
        OpinionSubject.LITIGATION,
        ("行政应诉案件", "信访事项", "历史遗留涉法问题"),
        12,
        ("420700000000", "420700-ZRZYGHJ", "420700-ZJJ"),
    ),
)
CONCLUSIONS = (
    (OpinionConclusion.NO_OBJECTION,) * 5
    + (OpinionConclusion.WITH_CHANGES,) * 3
    + (OpinionConclusion.OBJECTION,)
)


def plan(seed: int) -> list[dict[str, Any]]:
    rng = rng_for(seed, "legal-opinions")
    rows = []
    for batch in BATCHES:
        for i in range(batch.count):
            received = date.fromordinal(date(2019, 1, 7).toordinal() + rng.randrange(330))
            issued = date.fromordinal(received.toordinal() + rng.randint(3, 12))
            subject = batch.subjects[i % len(batch.subjects)]
            rows.append(
                {
                    "kind": batch.kind,
                    "subject_kind": batch.subject_kind,
                    "subject": f"关于{subject}的审查（2019-{i + 1:02d}）",
                    "requester": batch.requesters[i % len(batch.requesters)],
                    "received_on": received,
                    "issued_on": min(issued, date(2019, 12, 31)),
                    "conclusion": rng.choice(CONCLUSIONS),
                }
            )
    return rows


def load_opinions(builder: Any, result: Any) -> None:
    digest = Digest()
    sfj = unit(SFJ)
    advisers = list(
        LegalAdviser.objects.filter(kind="lawyer", assignments__org_unit=sfj).order_by("license_no")
    ) or list(LegalAdviser.objects.filter(kind="lawyer").order_by("license_no")[:3])
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={r["requester"] for r in plan(0)})}
    have = set(LegalOpinion.objects.values_list("subject", "issued_on"))
    created = 0
    for i, row in enumerate(plan(builder.seed)):
        if (row["subject"], row["issued_on"]) in have:
            result.existing += 1
            continue
        opinion = register_opinion(
            **{**row, "requester": units[row["requester"]]},
            author_unit=sfj,
            adviser=advisers[i % len(advisers)] if advisers and i % 2 == 0 else None,
            summary="经审查，提出如下意见：一、主体适格；二、程序合法；三、条款完善建议见附件。",
        )
        created += 1
        digest.add(opinion.number, opinion.subject, opinion.issued_on)
    result.created = created
    result.extra["opinions"] = created
    builder.audit("decisions.LegalOpinion", created, digest, opinions=created)
