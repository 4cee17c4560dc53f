"""A major decision (重大行政决策): the detail of a casework ``Case`` of kind ``major_decision``,
and the records of its statutory procedures (重大行政决策程序暂行条例 第二章至第四章)."""

from __future__ import annotations

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import MeetingOutcome, ReviewConclusion, RiskConclusion, Stance


class MajorDecision(models.Model):
    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="major_decision"
    )
    item = models.ForeignKey(
        "decisions.CatalogItem",
        verbose_name="目录事项",
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    draft = models.TextField("决策草案及说明")
    # 条例 第十四条: 依法不予公开的决策事项 need no public participation; the reason is recorded.
    not_public_reason = models.CharField("依法不予公开的理由", max_length=500, blank=True)
    party_report_on = models.DateField("向同级党委请示报告日期", null=True, blank=True)
    fair_competition_note = models.TextField("公平竞争审查情况", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="公开记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    archived_on = models.DateField("归档日期", null=True, blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"
        ordering = ["-id"]

    def __str__(self) -> str:
        return str(self.case)


class _Procedure(models.Model):
    decision = models.ForeignKey(MajorDecision, verbose_name="决策", on_delete=models.CASCADE)

    scope = Scope("participants", "decision__case")
    objects = RestrictedManager()

    class Meta:
        abstract = True


class Consultation(_Procedure):
    """公开征求意见 (条例 第十五条): at least 30 days unless a shorter period is explained."""

    opened_on = models.DateField("公布草案日期")
    closes_on = models.DateField("征求意见截止日期")
    shortened_reason = models.CharField("缩短期限的理由", max_length=500, blank=True)
    channels = models.CharField("公布途径", max_length=200, default="政府网站")
    comments = models.PositiveIntegerField("收到意见（条）", default=0)
    adoption = models.TextField("意见研究采纳情况", blank=True)
    closed_on = models.DateField("结束日期", null=True, blank=True)

    class Meta:
        verbose_name = "公开征求意见"
        verbose_name_plural = "公开征求意见"
        default_related_name = "consultations"

    def __str__(self) -> str:
        return f"{self._meta.verbose_name}：{self.decision}"


class Hearing(_Procedure):
    """听证会 (条例 第十六条、第十七条)."""

    held_on = models.DateField("听证日期")
    place = models.CharField("地点", max_length=200)
    draft_published_on = models.DateField("公布草案及听证信息日期")
    selection_published_on = models.DateField("公布参加人遴选办法日期", null=True, blank=True)
    participants_published_on = models.DateField("公布参加人名单日期")
    materials_delivered_on = models.DateField("听证材料送达日期")
    participants = models.TextField("听证参加人名单")
    record_signed = models.BooleanField("参加人已确认记录并签字", default=False)

    class Meta:
        verbose_name = "听证会"
        verbose_name_plural = "听证会"
        default_related_name = "hearings"

    def __str__(self) -> str:
        return f"{self._meta.verbose_name}：{self.decision}"


class ExpertReview(_Procedure):
    """专家论证 (条例 第十九条、第二十条)."""

    held_on = models.DateField("论证日期")
    method = models.CharField("方式", max_length=50, default="论证会")
    opinion = models.TextField("论证意见")
    adoption = models.TextField("意见研究采纳情况", blank=True)

    class Meta:
        verbose_name = "专家论证"
        verbose_name_plural = "专家论证"
        default_related_name = "expert_reviews"

    def __str__(self) -> str:
        return f"{self._meta.verbose_name}：{self.decision}"


class Expert(models.Model):
    review = models.ForeignKey(
        ExpertReview, verbose_name="专家论证", on_delete=models.CASCADE, related_name="experts"
    )
    name = models.CharField("姓名", max_length=50)
    affiliation = models.CharField("工作单位", max_length=100)
    # Recorded as declared; the step refuses a review that names one with a direct interest.
    interest = models.CharField("利害关系声明", max_length=200, blank=True)

    scope = Scope("participants", "review__decision__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "论证专家"
        verbose_name_plural = "论证专家"

    def __str__(self) -> str:
        return self.name


class RiskAssessment(_Procedure):
    """风险评估 (条例 第二十二条至第二十四条): the report, its risk points and the conclusion."""

    reported_on = models.DateField("报告日期")
    assessor = models.CharField("评估单位", max_length=100)
    risk_points = models.TextField("风险点")
    measures = models.TextField("防范措施和处置预案")
    conclusion = models.CharField("结论", max_length=20, choices=RiskConclusion.choices)

    class Meta:
        verbose_name = "风险评估"
        verbose_name_plural = "风险评估"
        default_related_name = "risk_assessments"

    def __str__(self) -> str:
        return f"{self._meta.verbose_name}：{self.decision}"


class LegalityReview(_Procedure):
    """合法性审查 (条例 第二十五条至第二十八条)."""

    submitted_on = models.DateField("送审日期")
    opinion_on = models.DateField("审查意见日期", null=True, blank=True)
    conclusion = models.CharField(
        "审查结论", max_length=30, choices=ReviewConclusion.choices, blank=True
    )
    opinion = models.TextField("审查意见", blank=True)
    advisers = models.ManyToManyField(
        "org.LegalAdviser", verbose_name="提出意见的法律顾问", blank=True, related_name="+"
    )
    public_lawyers = models.CharField("提出意见的公职律师", max_length=200, blank=True)

    class Meta:
        verbose_name = "合法性审查"
        verbose_name_plural = "合法性审查"
        default_related_name = "legality_reviews"

    def __str__(self) -> str:
        return f"{self._meta.verbose_name}：{self.decision}"


class Discussion(_Procedure):
    """集体讨论决定 (条例 第三十条): the meeting, the members' opinions in speaking order (the
    head last), the head's decision and, against the majority, the reasons."""

    meeting = models.ForeignKey(
        "decisions.Meeting", verbose_name="会议", on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField("决定", max_length=20, choices=MeetingOutcome.choices)
    head_opinion = models.TextField("行政首长意见")
    against_majority_reasons = models.TextField("与多数意见不一致的理由", blank=True)

    class Meta:
        verbose_name = "集体讨论决定"
        verbose_name_plural = "集体讨论决定"
        default_related_name = "discussions"

    def __str__(self) -> str:
        return f"{self._meta.verbose_name}：{self.decision}"


class MemberOpinion(models.Model):
    discussion = models.ForeignKey(
        Discussion, verbose_name="集体讨论", on_delete=models.CASCADE, related_name="opinions"
    )
    order = models.PositiveIntegerField("发言顺序")
    member = models.CharField("会议组成人员", max_length=50)
    stance = models.CharField("意见", max_length=20, choices=Stance.choices)
    remarks = models.TextField("发表的意见", blank=True)

    scope = Scope("participants", "discussion__decision__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "会议组成人员意见"
        verbose_name_plural = "会议组成人员意见"
        ordering = ["discussion", "order"]

    def __str__(self) -> str:
        return f"{self.member}：{self.get_stance_display()}"


class ImplementationReport(_Procedure):
    """决策执行情况报告 (条例 第三十四条、第三十五条)."""

    reported_on = models.DateField("报告日期")
    summary = models.TextField("执行情况")
    problems = models.TextField("存在问题", blank=True)

    class Meta:
        verbose_name = "决策执行情况报告"
        verbose_name_plural = "决策执行情况报告"
        default_related_name = "implementation_reports"

    def __str__(self) -> str:
        return f"{self._meta.verbose_name}：{self.decision}"


class PostEvaluation(_Procedure):
    """决策后评估 (条例 第三十六条): not by the body that argued for the decision before it."""

    evaluated_on = models.DateField("评估日期")
    evaluator = models.CharField("评估单位", max_length=100)
    evaluator_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name="评估单位（本平台机构）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    trigger = models.CharField("评估原因", max_length=200)
    findings = models.TextField("评估结论")

    class Meta:
        verbose_name = "决策后评估"
        verbose_name_plural = "决策后评估"
        default_related_name = "post_evaluations"

    def __str__(self) -> str:
        return f"{self._meta.verbose_name}：{self.decision}"
