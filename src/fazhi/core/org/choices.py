"""Choices of the org app. Chinese labels are what the user interface shows."""

from __future__ import annotations

from django.db import models


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府/管委会"
    DEPARTMENT = "department", "部门"


class GovernmentLevel(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    DISTRICT = "district", "区/县"
    ZONE = "zone", "开发区管委会"
    TOWNSHIP = "township", "乡镇/街道"


class RegionKind(models.TextChoices):
    VILLAGE = "village", "村"
    COMMUNITY = "community", "社区"
    ADDRESS = "address", "地址"


class Role(models.TextChoices):
    CLERK = "clerk", "部门经办人"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    DEPARTMENT_HEAD = "department_head", "部门负责人"
    OFFICER = "officer", "执法人员"
    SUPERVISOR = "supervisor", "司法局监督人员"
    RECONSIDERATION_HANDLER = "reconsideration_handler", "行政复议承办人"
    RECONSIDERATION_HEAD = "reconsideration_head", "行政复议机构负责人"
    COMMITTEE_MEMBER = "committee_member", "复议委员会非常任委员"
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


# Supervisors see their government's records and those of the governments below it.
SUPERVISORY_ROLES = frozenset({Role.SUPERVISOR})
# The three administrator roles of 等保 2.0 三权分立 see no business records at all.
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
# An external committee member sees only the cases assigned to them personally.
PERSONAL_ROLES = frozenset({Role.COMMITTEE_MEMBER})
# Roles that need full personal data (ID numbers, phones) of the parties in their records.
UNMASKED_ROLES = frozenset(
    {Role.CLERK, Role.OFFICER, Role.LEGAL_REVIEWER, Role.RECONSIDERATION_HANDLER}
)


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证/居住证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    FOREIGN_PERMANENT_RESIDENCE = "foreign_permanent_residence", "外国人永久居留身份证"
    PASSPORT = "passport", "护照"


class CredentialStatus(models.TextChoices):
    APPLIED = "applied", "已申领"
    QUALIFIED = "qualified", "考试合格"
    FAILED = "failed", "考试不合格"
    ISSUED = "issued", "已发证"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "已吊销/收回"


# The credential lifecycle the justice bureau runs; each transition is one service function.
CREDENTIAL_TRANSITIONS: dict[str, frozenset[str]] = {
    CredentialStatus.APPLIED: frozenset({CredentialStatus.QUALIFIED, CredentialStatus.FAILED}),
    CredentialStatus.FAILED: frozenset({CredentialStatus.APPLIED}),
    CredentialStatus.QUALIFIED: frozenset({CredentialStatus.ISSUED}),
    CredentialStatus.ISSUED: frozenset(
        {CredentialStatus.ISSUED, CredentialStatus.SUSPENDED, CredentialStatus.REVOKED}
    ),
    CredentialStatus.SUSPENDED: frozenset({CredentialStatus.ISSUED, CredentialStatus.REVOKED}),
    CredentialStatus.REVOKED: frozenset(),
}

# Who runs the lifecycle (M3, 省级行政执法证件管理规定: the 司法行政部门 of the people's
# government issues, checks and withdraws the credentials of its government's and the lower
# governments' enforcement bodies): the 承办人 (clerk) of a justice bureau, i.e. a department
# whose code ends in JUSTICE_BUREAU_SUFFIX. The officer's own department may only look.
JUSTICE_BUREAU_SUFFIX = "-SFJ"
CREDENTIAL_ROLES = frozenset({Role.CLERK})


class CredentialAction(models.TextChoices):
    """A step of the lifecycle, as the officer page offers it and the history records it."""

    EXAM = "exam", "录入考试成绩"
    ISSUE = "issue", "发证"
    ANNUAL_CHECK = "annual_check", "年审"
    SUSPEND = "suspend", "暂扣"
    REINSTATE = "reinstate", "恢复"
    REVOKE = "revoke", "吊销/收回"


# Which statuses each action can leave from (derived from CREDENTIAL_TRANSITIONS: an action is
# offered where one of its targets is allowed).
ACTION_TARGETS: dict[str, frozenset[str]] = {
    CredentialAction.EXAM: frozenset({CredentialStatus.QUALIFIED, CredentialStatus.FAILED}),
    CredentialAction.ISSUE: frozenset({CredentialStatus.ISSUED}),
    CredentialAction.ANNUAL_CHECK: frozenset({CredentialStatus.ISSUED}),
    CredentialAction.SUSPEND: frozenset({CredentialStatus.SUSPENDED}),
    CredentialAction.REINSTATE: frozenset({CredentialStatus.ISSUED}),
    CredentialAction.REVOKE: frozenset({CredentialStatus.REVOKED}),
}
# The statuses an action starts from, where the target alone does not tell (issuing and
# reinstating both lead to "issued"; a check applies only to an issued credential).
ACTION_SOURCES: dict[str, frozenset[str]] = {
    CredentialAction.EXAM: frozenset({CredentialStatus.APPLIED}),
    CredentialAction.ISSUE: frozenset({CredentialStatus.QUALIFIED}),
    CredentialAction.ANNUAL_CHECK: frozenset({CredentialStatus.ISSUED}),
    CredentialAction.SUSPEND: frozenset({CredentialStatus.ISSUED}),
    CredentialAction.REINSTATE: frozenset({CredentialStatus.SUSPENDED}),
    CredentialAction.REVOKE: frozenset({CredentialStatus.ISSUED, CredentialStatus.SUSPENDED}),
}


def allowed_actions(status: str) -> list[str]:
    """The actions the lifecycle allows from ``status``, in the order the page shows them."""
    return [
        a
        for a in CredentialAction
        if status in ACTION_SOURCES[a] and ACTION_TARGETS[a] & CREDENTIAL_TRANSITIONS[status]
    ]


class AdviserKind(models.TextChoices):
    LAWYER = "lawyer", "律师"
    GRASSROOTS = "grassroots", "基层法律服务工作者"


class EntityKind(models.TextChoices):
    COMPANY = "company", "企业"
    INDIVIDUAL = "individual", "个体工商户"
    COOPERATIVE = "cooperative", "农民专业合作社"
    OTHER = "other", "其他"


class EntityStatus(models.TextChoices):
    ACTIVE = "active", "存续"
    REVOKED = "revoked", "吊销"
    CANCELLED = "cancelled", "注销"


# GB/T 4754-2017 sections (门类) used for an entity's industry.
class Industry(models.TextChoices):
    A = "A", "农、林、牧、渔业"
    B = "B", "采矿业"
    C = "C", "制造业"
    D = "D", "电力、热力、燃气及水生产和供应业"
    E = "E", "建筑业"
    F = "F", "批发和零售业"
    G = "G", "交通运输、仓储和邮政业"
    H = "H", "住宿和餐饮业"
    I = "I", "信息传输、软件和信息技术服务业"  # noqa: E741
    J = "J", "金融业"
    K = "K", "房地产业"
    L = "L", "租赁和商务服务业"
    M = "M", "科学研究和技术服务业"
    N = "N", "水利、环境和公共设施管理业"
    O = "O", "居民服务、修理和其他服务业"  # noqa: E741
    P = "P", "教育"
    Q = "Q", "卫生和社会工作"
    R = "R", "文化、体育和娱乐业"
