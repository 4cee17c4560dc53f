"""Who applied and how (第二十二条), the parties' details (第十六条 第三人, 第十七条 代理人) and
the incidental review requests of normative documents (第十三条, 第五十六条至第六十条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..party_choices import (
    INCIDENTAL_TRANSITIONS,
    AgentKind,
    Channel,
    IncidentalConclusion,
    IncidentalState,
    NormativeLevel,
    ThirdPartyJoin,
)


class Application(models.Model):
    """How the application came in: online by a public account, at the counter, by post, or
    orally — the clerk's record of an oral application, confirmed by the applicant's signature."""

    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="reconsideration_application"
    )
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    # The applicant's public account (online): they follow the case under 我的办件.
    account = models.ForeignKey(
        "accounts.PublicAccount",
        verbose_name="申请人网上账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reconsideration_applications",
    )
    request = models.TextField("行政复议请求", blank=True)
    facts = models.TextField("主要事实和理由", blank=True)
    # 第二十二条第三款: 口头申请的, 当场记录申请人的基本情况、请求、主要事实、理由和时间.
    oral_record = models.TextField("口头申请笔录", blank=True)
    signed_on = models.DateField("申请人签字确认日期", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "行政复议申请"
        verbose_name_plural = "行政复议申请"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel=Channel.ORAL) | ~models.Q(oral_record=""),
                name="%(app_label)s_%(class)s_oral_recorded",
            ),
            models.CheckConstraint(
                condition=models.Q(channel=Channel.ONLINE) | models.Q(account__isnull=True),
                name="%(app_label)s_%(class)s_account_online_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}（{self.get_channel_display()}）"


class PartyRecord(models.Model):
    """What reconsideration adds to a case's party: how a third party joined, and an agent's
    kind, principal and mandate (授权委托书)."""

    party = models.OneToOneField(
        "casework.Party", on_delete=models.CASCADE, related_name="reconsideration_record"
    )
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    joined_by = models.CharField(
        "参加方式", max_length=20, choices=ThirdPartyJoin.choices, blank=True
    )
    interest = models.CharField("利害关系", max_length=300, blank=True)
    principal = models.ForeignKey(
        "casework.Party",
        verbose_name="委托人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agents",
    )
    agent_kind = models.CharField(
        "代理人类别", max_length=20, choices=AgentKind.choices, blank=True
    )
    mandate = models.CharField("委托事项、权限和期限", max_length=300, blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "复议参加人信息"
        verbose_name_plural = "复议参加人信息"

    def __str__(self) -> str:
        return str(self.party)


class IncidentalReview(models.Model):
    """附带审查: a request to review the normative document the act relied on, routed to the
    body that handles it. The rulemaking app answers it (``incidental.answer_incidental``)."""

    case = models.ForeignKey(
        "casework.Case", on_delete=models.CASCADE, related_name="incidental_reviews"
    )
    document_title = models.CharField("规范性文件名称", max_length=200)
    document_number = models.CharField("文号", max_length=80, blank=True)
    level = models.CharField("文件类别", max_length=30, choices=NormativeLevel.choices)
    maker = models.CharField("制定机关", max_length=200)
    clauses = models.CharField("请求审查的条款", max_length=300, blank=True)
    requested_on = models.DateField("申请日期")
    # 第五十六条: 本机关有权处理 (三十日内处理), 或者转送有权处理的机关 (七日内).
    competent = models.BooleanField("本机关有权处理")
    routed_to = models.ForeignKey(
        "org.OrgUnit", verbose_name="处理机关", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField("状态", max_length=20, choices=IncidentalState.choices)
    transferred_on = models.DateField("转送日期", null=True, blank=True)
    answered_on = models.DateField("处理（回复）日期", null=True, blank=True)
    conclusion = models.CharField(
        "处理结论", max_length=20, choices=IncidentalConclusion.choices, blank=True
    )
    answer = models.TextField("处理意见", blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "规范性文件附带审查"
        verbose_name_plural = "规范性文件附带审查"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"《{self.document_title}》附带审查"

    def may_become(self, state: str) -> bool:
        return state in INCIDENTAL_TRANSITIONS[self.state]
