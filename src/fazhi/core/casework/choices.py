from __future__ import annotations

from django.db import models


class ParticipantRole(models.TextChoices):
    OWNER = "owner", "承办机关"
    HANDLER = "handler", "办理机构"
    RESPONDENT = "respondent", "被申请人"
    CO_INSPECTOR = "co_inspector", "联合检查单位"
    ENTRUSTED = "entrusted", "受委托组织"
    REVIEWER = "reviewer", "审核机构"
    SUPERVISOR = "supervisor", "监督机关"
    COMMITTEE_MEMBER = "committee_member", "复议委员会委员"


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", "申请人"
    PARTY = "party", "当事人"
    THIRD_PARTY = "third_party", "第三人"
    WITNESS = "witness", "证人"
    VICTIM = "victim", "被害人"
    AGENT = "agent", "代理人"
    OTHER = "other", "其他"


class DeadlineStatus(models.TextChoices):
    RUNNING = "running", "计时中"
    PAUSED = "paused", "中止"
    MET = "met", "已完成"
    CANCELLED = "cancelled", "已撤销"


class ServiceMethod(models.TextChoices):
    IN_PERSON = "in_person", "直接送达"
    LEFT_AT_ADDRESS = "left", "留置送达"
    POST = "post", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"
    ENTRUSTED = "entrusted", "委托送达"
    PUBLIC_NOTICE = "notice", "公告送达"


class LinkKind(models.TextChoices):
    REVIEWS = "reviews", "复议审查"
    LITIGATES = "litigates", "诉讼"
    OPENED = "opened", "检查发现、移送立案"
    RELATED = "related", "相关案件"


# Through a link the deciding body takes part in the linked case in this role, so it sees it
# (e.g. the reconsideration body sees the penalty decision it reviews).
LINK_GRANTS: dict[str, str] = {
    LinkKind.REVIEWS: "reviewer",
    LinkKind.LITIGATES: "reviewer",
    LinkKind.OPENED: "handler",
}


class NotificationKind(models.TextChoices):
    APPROACHING = "approaching", "期限临近"
    OVERDUE = "overdue", "已超期"
    AWAITING = "awaiting", "待办"


class SealStatus(models.TextChoices):
    UNSIGNED = "unsigned", "未签章"
    SEALED = "sealed", "已加盖电子印章"


class ConsentChannel(models.TextChoices):
    """The channels 行政处罚法 第六十一条第二款 names (传真、电子邮件) and the like."""

    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    SMS = "sms", "手机短信"
    PLATFORM = "platform", "电子送达平台"
