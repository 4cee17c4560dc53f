"""States and vocabularies of major decisions (重大行政决策) and legal advisers (法律顾问)."""

from __future__ import annotations

from django.db import models


class DecisionState(models.TextChoices):
    # Allowed transitions are the workflow's steps (workflow.py), written once there:
    # drafting → under_review (送请合法性审查) → reviewed (审查合法)
    #   | drafting (不合法, 修改后重新送审);
    # drafting/under_review/reviewed → on_agenda (列入会议议题, only with every procedure done);
    # on_agenda → decided (通过) | drafting (不通过、暂缓, 修改后重新履行程序);
    # decided → published → archived; any open state → withdrawn (决策机关决定不再启动).
    DRAFTING = "drafting", "草案拟订中"
    UNDER_REVIEW = "under_review", "合法性审查中"
    REVIEWED = "reviewed", "已通过合法性审查"
    ON_AGENDA = "on_agenda", "已列入会议议题"
    DECIDED = "decided", "已集体讨论决定"
    PUBLISHED = "published", "已公布"
    ARCHIVED = "archived", "已归档"
    WITHDRAWN = "withdrawn", "终止决策程序"


OPEN_STATES = (
    DecisionState.DRAFTING,
    DecisionState.UNDER_REVIEW,
    DecisionState.REVIEWED,
    DecisionState.ON_AGENDA,
)


class DecisionCategory(models.TextChoices):
    # 重大行政决策程序暂行条例 第三条第一款 (一)至(五).
    PUBLIC_POLICY = "public_policy", "重大公共政策和措施"
    PLAN = "plan", "经济和社会发展等方面的重要规划"
    RESOURCES = "resources", "开发利用、保护重要自然资源和文化资源的重大公共政策和措施"
    PROJECT = "project", "重大公共建设项目"
    OTHER = "other", "其他重大事项"


class CatalogState(models.TextChoices):
    DRAFT = "draft", "拟订中"
    APPROVED = "approved", "经同级党委同意"
    PUBLISHED = "published", "已向社会公布"


class AdjustmentAction(models.TextChoices):
    ADD = "add", "增加"
    AMEND = "amend", "修改"
    CANCEL = "cancel", "取消"


class RiskConclusion(models.TextChoices):
    CONTROLLABLE = "controllable", "风险可控"
    UNCONTROLLABLE = "uncontrollable", "风险不可控"


class ReviewConclusion(models.TextChoices):
    # 条例 第二十五条第二款: 未经审查或者经审查不合法的不得提交讨论; 探索性改革事项可明示法律风险.
    LAWFUL = "lawful", "合法"
    LAWFUL_WITH_CHANGES = "lawful_with_changes", "修改后合法"
    EXPLORATORY = "exploratory", "探索性改革事项，明示法律风险"
    UNLAWFUL = "unlawful", "不合法"


PASSING_REVIEW = (
    ReviewConclusion.LAWFUL,
    ReviewConclusion.LAWFUL_WITH_CHANGES,
    ReviewConclusion.EXPLORATORY,
)


class MeetingKind(models.TextChoices):
    # 条例 第三十条: 常务会议或者全体会议.
    EXECUTIVE = "executive", "政府常务会议"
    PLENARY = "plenary", "政府全体会议"


class Stance(models.TextChoices):
    AGREE = "agree", "同意"
    DISAGREE = "disagree", "不同意"
    ABSTAIN = "abstain", "弃权"


class MeetingOutcome(models.TextChoices):
    ADOPTED = "adopted", "通过"
    NOT_ADOPTED = "not_adopted", "不予通过"
    DEFERRED = "deferred", "暂缓决定"


class OpinionKind(models.TextChoices):
    LEGAL_OPINION = "legal_opinion", "法律意见书"
    REVIEW_OPINION = "review_opinion", "审查意见"


class OpinionSubject(models.TextChoices):
    AGREEMENT = "agreement", "重大合同、协议"
    DECISION = "decision", "重大行政决策"
    DRAFT = "draft", "规章、规范性文件草案"
    LITIGATION = "litigation", "涉法事务、信访、诉讼"
    OTHER = "other", "其他"


class OpinionConclusion(models.TextChoices):
    NO_OBJECTION = "no_objection", "无法律障碍"
    WITH_CHANGES = "with_changes", "修改后可行"
    OBJECTION = "objection", "存在法律障碍，不建议"


class WorkKind(models.TextChoices):
    CONSULTATION = "consultation", "法律咨询"
    REVIEW = "review", "审查合同、文件"
    TRAINING = "training", "法治宣传、培训"
    MEDIATION = "mediation", "调解矛盾纠纷"
    OTHER = "other", "其他"


class EvaluationGrade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    COMPETENT = "competent", "称职"
    BASIC = "basic", "基本称职"
    INCOMPETENT = "incompetent", "不称职"
