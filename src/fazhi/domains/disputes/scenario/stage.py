"""The reconsideration history of the Ezhou 2019 scenario (stage 240), walked through the
workflow.

Each planned application (``plan.py``) is registered by the reconsideration handler
(``fy_handler``) on the day it was received, and every later step is taken with ``take()`` on
its business date by the person the law names: 受理 / 不予受理 and 发送副本 by the handler,
答复 by the respondent department's clerk, 延长、决定、调解、驳回、终止 by the head of the
reconsideration body (``fy_head``), 和解 recorded by the handler. A few applications are not
accepted by anyone: the lapse job, run on the day after the review period, accepts them as the
1999 law says (第十七条第二款). The figures of the seed report (docs/figures.md rows 67–75) are
counted from what this leaves on the record (``figures.py``).

Idempotence: a case is keyed by its title (it carries the plan's serial number); the staff and
their roles by their natural keys. A second run creates nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from fazhi import registry
from fazhi.core.casework.deadlines import record_lapses
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import register_case, take
from fazhi.core.org.choices import Role
from fazhi.core.org.models import OrgUnit, RoleAssignment, Staff
from fazhi.shell.scenario.planning import Digest

from ..workflow import KIND, REVIEW
from .plan import (
    DECISION_REASONS,
    DISMISS_REASONS,
    RESPONDENTS,
    WITHDRAW_REASONS,
    CaseSpec,
    plan,
)

BODY = "420700-SFJ"  # the city government's reconsideration body sits in the justice bureau
HANDLER, HEAD = "fy_handler", "fy_head"
CITY = "420700-"
CLERK_NAMES = {
    "gaj_clerk": "市公安局经办人（行政复议答复）",
    "zrzy_clerk": "市自然资源和规划局经办人（行政复议答复）",
    "rsj_clerk": "市人社局经办人（行政复议答复）",
    "zjj_clerk": "市住建局经办人（行政复议答复）",
    "zhzf_clerk": "市综合执法支队经办人（行政复议答复）",
}


def register_personas() -> None:
    """The respondents' clerks the stage acts as, beside the foundation's (scjg_clerk,
    sthj_clerk) and the enforcement domain's (jtys_clerk)."""
    for code, clerk, _, _ in RESPONDENTS:
        if clerk in CLERK_NAMES:
            registry.persona(clerk, Role.CLERK, CITY + code, CLERK_NAMES[clerk], app="disputes")


def _staff(username: str, role: str, unit: OrgUnit, digest: Digest) -> Staff:
    staff = Staff.objects.filter(username=username).first()
    if staff is None:  # the accounts stage has not run with this persona
        staff = Staff(username=username, display_name=username)
        staff.set_unusable_password()
        staff.save()
        digest.add("staff", username)
    _, created = RoleAssignment.objects.get_or_create(staff=staff, role=role, org_unit=unit)
    if created:
        digest.add("role", username, role, unit.code)
    return staff


def _walk(spec: CaseSpec, respondent: OrgUnit, people: dict[str, Staff], clerk: Staff) -> Case:
    handler, head = people[HANDLER], people[HEAD]
    case = register_case(
        KIND,
        handler,
        {
            "title": spec.title,
            "act_complained": f"{respondent.name}作出的{spec.act}",
            "respondent": respondent.pk,
            "knew_on": spec.knew_on.isoformat(),
            "procedure": "ordinary",
        },
        on=spec.received_on,
    )
    if spec.not_accept_on is not None:
        take(case, "not_accept", handler, data={"reasons": spec.not_accept_reasons},
             on=spec.not_accept_on)  # fmt: skip
        return case
    assert spec.accept_on and spec.copy_on and spec.reply_on
    if spec.deemed:
        # Nobody decided within the five working days: the hourly job, on the next day.
        review = case.deadlines.get(key=REVIEW)
        assert review.due is not None
        record_lapses(spec.copy_on, keys=[REVIEW])
        case.refresh_from_db()
        if case.state != "accepted":
            raise RuntimeError(f"{case.title}: 审查期限届满后未视为受理")
    else:
        take(case, "accept", handler, on=spec.accept_on)
    take(case, "send_copy", handler, on=spec.copy_on)
    take(case, "reply", clerk, on=spec.reply_on)
    if spec.extend_on is not None:
        take(case, "extend", head, data={"days": 30, "reasons": "案情复杂，需进一步调查核实"},
             on=spec.extend_on)  # fmt: skip
    if spec.settle_on is not None:
        take(case, "settle", handler, data={"terms": "被申请人与申请人就争议事项自愿达成和解"},
             on=spec.settle_on)  # fmt: skip
    if not spec.end:
        return case  # pending at the year's end
    assert spec.end_on is not None
    data: dict[str, Any]
    if spec.end == "decide":
        data = {"outcome": spec.outcome, "reasons": DECISION_REASONS[spec.outcome]}
        take(case, "decide", head, data=data, on=spec.end_on)
    elif spec.end == "mediate":
        data = {"terms": "经行政复议机构主持调解，双方当事人自愿达成协议", "signed": True}
        take(case, "mediate", head, data=data, on=spec.end_on)
    elif spec.end == "withdraw":
        data = {"reason": spec.outcome, "reasons": WITHDRAW_REASONS}
        take(case, "terminate", head, data=data, on=spec.end_on)
    elif spec.end == "dismiss":
        take(case, "dismiss", head, data={"reasons": DISMISS_REASONS}, on=spec.end_on)
    return case


def load(builder: Any, result: Any) -> None:
    body = OrgUnit.objects.get(code=BODY)
    digest = Digest()
    people = {
        HANDLER: _staff(HANDLER, Role.RECONSIDERATION_HANDLER, body, digest),
        HEAD: _staff(HEAD, Role.RECONSIDERATION_HEAD, body, digest),
    }
    specs = plan(builder.seed)
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith=CITY)}
    # A small org tree (a test's) lacks some departments: their cases go to those present.
    present = [r for r in RESPONDENTS if CITY + r[0] in units]
    if not present:
        raise ValueError("场景中没有可作为被申请人的市直部门，请先运行机构阶段")
    have = set(
        Case.objects.filter(kind=KIND)
        .filter(Q(opened_on__year=2018) | Q(opened_on__year=2019))
        .values_list("title", flat=True)
    )
    clerks: dict[str, Staff] = {}
    created = 0
    for spec in specs:
        if spec.title in have:
            result.existing += 1
            continue
        if CITY + spec.respondent not in units:
            spec.respondent, spec.clerk = present[spec.serial % len(present)][:2]
        respondent = units[CITY + spec.respondent]
        if spec.clerk not in clerks:
            clerks[spec.clerk] = _staff(spec.clerk, Role.CLERK, respondent, digest)
        case = _walk(spec, respondent, people, clerks[spec.clerk])
        created += 1
        digest.add("case", case.title, case.number, case.state, case.closed_on or "")
    result.created = created
    result.extra["cases"] = created
    builder.audit("casework.Case", created, digest, reconsideration=created)
