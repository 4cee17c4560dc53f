"""Choices of the reconsideration's parties, hearings, committee and file access (行政复议法
2023): the intake channels, the agents, the incidental review, the hearing and the 阅卷."""

from __future__ import annotations

from django.db import models


class Channel(models.TextChoices):
    # 第二十二条: 书面 (邮寄、指定的互联网渠道、当面) 或者口头.
    ONLINE = "online", "网上申请"
    COUNTER = "counter", "当面提交申请书"
    POST = "post", "邮寄申请书"
    ORAL = "oral", "口头申请"


class AgentKind(models.TextChoices):
    # 第十七条: 律师、基层法律服务工作者或者其他代理人.
    LAWYER = "lawyer", "律师"
    LEGAL_WORKER = "legal_worker", "基层法律服务工作者"
    OTHER = "other", "其他代理人"


class ThirdPartyJoin(models.TextChoices):
    # 第十六条: 申请参加, 或者由行政复议机构通知参加.
    APPLIED = "applied", "申请参加"
    NOTIFIED = "notified", "复议机构通知参加"


class NormativeLevel(models.TextChoices):
    # 第十三条 (规章除外).
    STATE_COUNCIL_DEPT = "state_council_dept", "国务院部门的规范性文件"
    LOCAL_GOVERNMENT = "local_government", "县级以上地方各级人民政府及其工作部门的规范性文件"
    TOWNSHIP = "township", "乡、镇人民政府的规范性文件"
    AUTHORISED = "authorised", "法律、法规、规章授权的组织的规范性文件"


class IncidentalState(models.TextChoices):
    # Allowed transitions: INCIDENTAL_TRANSITIONS below, written once.
    HANDLING = "handling", "本机关处理中（三十日内）"
    TO_TRANSFER = "to_transfer", "待转送（七个工作日内）"
    TRANSFERRED = "transferred", "已转送，待有权机关回复"
    ANSWERED = "answered", "已处理"


INCIDENTAL_TRANSITIONS: dict[str, frozenset[str]] = {
    IncidentalState.HANDLING: frozenset({IncidentalState.ANSWERED}),
    IncidentalState.TO_TRANSFER: frozenset({IncidentalState.TRANSFERRED}),
    IncidentalState.TRANSFERRED: frozenset({IncidentalState.ANSWERED}),
    IncidentalState.ANSWERED: frozenset(),
}


class IncidentalConclusion(models.TextChoices):
    # 第五十九条.
    LAWFUL = "lawful", "相关条款合法（在复议决定书中一并告知）"
    UNLAWFUL = "unlawful", "相关条款超越权限或者违反上位法（停止执行并责令纠正）"


class ViewsMethod(models.TextChoices):
    # 第四十九条: 当面或者通过互联网、电话等方式听取; 因当事人原因不能听取的, 可以书面审理.
    IN_PERSON = "in_person", "当面听取"
    ONLINE = "online", "通过互联网听取"
    PHONE = "phone", "电话听取"
    WRITTEN = "written", "因当事人原因不能听取，书面审理"


class HearingGround(models.TextChoices):
    # 第五十条.
    MAJOR = "major", "重大、疑难、复杂案件（应当听证）"
    REQUESTED = "requested", "申请人请求听证"
    NECESSARY = "necessary", "复议机构认为有必要"


class HearingState(models.TextChoices):
    SCHEDULED = "scheduled", "已通知"
    HELD = "held", "已举行"


class CommitteeGround(models.TextChoices):
    # 第五十二条第二款.
    MAJOR = "major", "案情重大、疑难、复杂"
    TECHNICAL = "technical", "专业性、技术性较强"
    ARTICLE_24 = "article_24", "本法第二十四条第二款规定的行政复议案件"
    NECESSARY = "necessary", "行政复议机构认为有必要"


class AccessState(models.TextChoices):
    REQUESTED = "requested", "已申请"
    GRANTED = "granted", "同意查阅"
    REFUSED = "refused", "不同意查阅"


class AccessRefusalGround(models.TextChoices):
    # 第四十七条 的法定例外.
    STATE_SECRET = "state_secret", "涉及国家秘密"
    TRADE_SECRET = "trade_secret", "涉及商业秘密"
    PRIVACY = "privacy", "涉及个人隐私"
    SECURITY = "security", "可能危及国家安全、公共安全、社会稳定"


class AccessMode(models.TextChoices):
    READ = "read", "查阅"
    COPY = "copy", "复制"
    ONLINE = "online", "网上查阅下载"


class SubmissionKind(models.TextChoices):
    # 第四十八条: 书面答复, 并提交作出行政行为的证据、依据和其他有关材料.
    REPLY = "reply", "书面答复"
    EVIDENCE = "evidence", "证据"
    BASIS = "basis", "依据"
    OTHER = "other", "其他有关材料"
