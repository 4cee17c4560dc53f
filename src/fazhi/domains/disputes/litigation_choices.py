"""The lawsuit's states, instances, outcomes and court appearances (行政应诉, GLOSSARY.md:
litigation / court appearance)."""

from __future__ import annotations

from django.db import models


class LawsuitState(models.TextChoices):
    # Allowed transitions are the steps of litigation/workflow.py, written once there:
    # first_instance → first_decided (judgment or ruling served; the appeal period runs)
    #   → second_instance (上诉) | closed (生效);
    # first_instance, second_instance, retrial → closed (撤诉、调解; 终审裁判);
    # closed → retrial (再审) → closed.
    FIRST_INSTANCE = "first_instance", "一审审理中"
    FIRST_DECIDED = "first_decided", "一审已裁判（上诉期内）"
    SECOND_INSTANCE = "second_instance", "二审审理中"
    RETRIAL = "retrial", "再审审理中"
    CLOSED = "closed", "已结案"


HEARING_STATES = (
    LawsuitState.FIRST_INSTANCE,
    LawsuitState.SECOND_INSTANCE,
    LawsuitState.RETRIAL,
)


class InstanceLevel(models.TextChoices):
    FIRST = "first", "一审"
    SECOND = "second", "二审"
    RETRIAL = "retrial", "再审"


class DecisionType(models.TextChoices):
    # 行政诉讼法 第八十五条: the appeal period differs (判决十五日, 裁定十日).
    JUDGMENT = "judgment", "判决"
    RULING = "ruling", "裁定"
    MEDIATION = "mediation", "调解书"


class LawsuitOutcome(models.TextChoices):
    """The result of an instance for the defendant agency (what the bulletin and the loss rate
    count). After an appeal or a retrial it is the result as that instance leaves it."""

    CLAIM_REJECTED = "claim_rejected", "胜诉：判决驳回原告诉讼请求"
    SUIT_DISMISSED = "suit_dismissed", "胜诉：裁定驳回起诉"
    REVOKED = "revoked", "败诉：判决撤销或者部分撤销"
    VARIED = "varied", "败诉：判决变更"
    DECLARED_UNLAWFUL = "declared_unlawful", "败诉：判决确认违法或者无效"
    ORDERED_TO_PERFORM = "ordered_to_perform", "败诉：判决履行法定职责或者给付义务"
    DAMAGES = "damages", "败诉：判决赔偿或者补偿"
    WITHDRAWN = "withdrawn", "原告撤诉"
    MEDIATED = "mediated", "调解结案"
    TERMINATED = "terminated", "诉讼终结"


WINS = frozenset({LawsuitOutcome.CLAIM_REJECTED, LawsuitOutcome.SUIT_DISMISSED})
LOSSES = frozenset(
    {
        LawsuitOutcome.REVOKED,
        LawsuitOutcome.VARIED,
        LawsuitOutcome.DECLARED_UNLAWFUL,
        LawsuitOutcome.ORDERED_TO_PERFORM,
        LawsuitOutcome.DAMAGES,
    }
)
# The outcomes a court's judgment or ruling gives (撤诉 and 调解 are steps of their own).
JUDGED = tuple(
    (o.value, o.label) for o in LawsuitOutcome if o in WINS | LOSSES | {LawsuitOutcome.TERMINATED}
)


class DefendantCapacity(models.TextChoices):
    # 行政诉讼法 第二十六条: who is the defendant, and why.
    ACTING_BODY = "acting_body", "作出行政行为的行政机关"
    RECONSIDERATION_UPHELD = "reconsideration_upheld", "复议机关（维持原行政行为，共同被告）"
    RECONSIDERATION_CHANGED = "reconsideration_changed", "复议机关（改变原行政行为）"
    OTHER = "other", "其他被告"


class Appearer(models.TextChoices):
    """Who appeared in court for the defendant. 负责人 (行政诉讼法 第三条第三款) includes the
    principal, the deputies and the other leaders in charge (2018解释 第一百二十八条第一款;
    负责人出庭规定 2020 第二条)."""

    PRINCIPAL = "principal", "正职负责人"
    DEPUTY = "deputy", "副职负责人"
    LEADER_IN_CHARGE = "leader_in_charge", "其他参与分管的负责人"
    STAFF = "staff", "相应的工作人员（负责人未出庭）"
    NOBODY = "nobody", "负责人和相应的工作人员均未出庭"


HEAD_APPEARERS = frozenset({Appearer.PRINCIPAL, Appearer.DEPUTY, Appearer.LEADER_IN_CHARGE})


class AbsenceReason(models.TextChoices):
    """负责人不能出庭的情形 (负责人出庭规定 2020 第八条; before 2020-07-01 the 2018解释
    第一百二十九条第三款 asks for 正当理由 without listing them, and these are recorded alike)."""

    FORCE_MAJEURE = "force_majeure", "不可抗力"
    ACCIDENT = "accident", "意外事件"
    IRREPLACEABLE_DUTY = "irreplaceable_duty", "需要履行他人不能代替的公务"
    OTHER_JUSTIFIED = "other_justified", "无法出庭的其他正当事由"
