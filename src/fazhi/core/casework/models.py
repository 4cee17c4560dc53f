"""The casework core every procedure shares: Case, Participant, Party, Event, Deadline,
Document, Service. Each domain adds a one-to-one detail model and its transition table."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from fazhi.core.clock.periods import PeriodKind, Unit
from fazhi.core.integrity.appendonly import AppendOnlyModel, AppendOnlyQuerySet
from fazhi.core.org.models import OrgUnit, Person
from fazhi.core.org.scoping import RestrictedManager, Scope

from .choices import (
    ConsentChannel,
    DeadlineStatus,
    LinkKind,
    NotificationKind,
    ParticipantRole,
    PartyRole,
    SealStatus,
    ServiceMethod,
)


class Case(models.Model):
    """A procedure: kind, number, state and key dates; details live in the domain's model."""

    kind = models.CharField("案件类型", max_length=40, db_index=True)
    # Blank until the step that files the case allocates it (a lead or an application before
    # acceptance has none); a number once issued is never issued again (VoidedNumber).
    number = models.CharField("编号", max_length=60, blank=True)
    title = models.CharField("标题", max_length=200)
    state = models.CharField("状态", max_length=40, db_index=True)
    opened_on = models.DateField("立案/受理日期", default=timezone.localdate)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    # Cases handled in a sector's own system and collected (归集) into Fazhi.
    source_system = models.CharField("来源系统", max_length=60, blank=True)
    external_id = models.CharField("来源系统编号", max_length=100, blank=True)

    scope = Scope("participants", "")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "案件"
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"],
                condition=~models.Q(number=""),
                name="%(app_label)s_%(class)s_unique_number",
            ),
            models.UniqueConstraint(
                fields=["source_system", "external_id"],
                condition=~models.Q(source_system=""),
                name="%(app_label)s_%(class)s_unique_external",
            ),
        ]
        # The workbench's "awaiting" list walks one (kind, state) in opening order.
        indexes = [
            models.Index(
                fields=["kind", "state", "opened_on", "id"], name="casework_case_kind_state_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number or '（未编号）'} {self.title}"

    def kind_label(self) -> str:
        from .workflow import workflow_for

        wf = workflow_for(self.kind)
        return wf.label if wf else self.kind

    def owner_unit(self) -> OrgUnit | None:
        row = self.participants.filter(role="owner").select_related("org_unit").first()
        return row.org_unit if row else None

    @property
    def imported(self) -> bool:
        return bool(self.source_system)

    def get_state_display(self) -> str:
        from .workflow import workflow_for

        wf = workflow_for(self.kind)
        return wf.state_label(self.state) if wf else self.state


class Participant(models.Model):
    """An org unit (or, for personal assignments, a staff member) taking part in a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="个人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField("角色", max_length=30, choices=ParticipantRole.choices)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "参与单位"
        verbose_name_plural = "参与单位"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(org_unit__isnull=False) | models.Q(staff__isnull=False),
                name="%(app_label)s_%(class)s_unit_or_staff",
            ),
            models.UniqueConstraint(
                fields=["case", "org_unit", "role"],
                condition=models.Q(org_unit__isnull=False),
                name="%(app_label)s_%(class)s_unique_unit_role",
            ),
        ]
        indexes = [models.Index(fields=["org_unit", "case"])]

    def __str__(self) -> str:
        return f"{self.org_unit or self.staff}（{self.get_role_display()}）"


class Party(models.Model):
    """A person or entity in a case: applicant, party, third party, witness…"""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField("身份", max_length=20, choices=PartyRole.choices)
    person = models.ForeignKey(
        Person, verbose_name="自然人", null=True, blank=True, on_delete=models.PROTECT
    )
    entity = models.ForeignKey(
        "org.Entity", verbose_name="市场主体", null=True, blank=True, on_delete=models.PROTECT
    )

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(entity__isnull=False),
                name="%(app_label)s_%(class)s_person_or_entity",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.entity)


# The mechanisms' own events (a domain's steps are labelled by their workflow).
EVENT_LABELS = {
    "open": "登记",
    "deadline_started": "期限起算",
    "deadline_paused": "期限中止",
    "deadline_resumed": "期限恢复",
    "deadline_extended": "期限延长",
    "deadline_restarted": "期限重新起算",
    "deadline_met": "期限完成",
    "deadline_cancelled": "期限撤销",
    "deadline_recomputed": "期限重算",
    "deadline_lapsed": "期限届满",
    "number_voided": "编号作废",
    "linked": "关联案件",
    "collected": "归集",
    "collected_changed": "来源系统更新",
    "document_issued": "制作文书",
    "served": "送达",
    "service_consent": "电子送达确认",
}


def register_event_label(kind: str, label: str) -> None:
    """A domain's own event that is not a workflow step (e.g. evidence recorded on an act)."""
    EVENT_LABELS.setdefault(kind, label)


class EventQuerySet(AppendOnlyQuerySet):
    pass


class Event(AppendOnlyModel):
    """One step of a case's append-only timeline (the full-process record)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    # When the row was written (sealing uses it) …
    at = models.DateTimeField("记录时间", default=timezone.now, db_index=True)
    # … and the business date of the act, which for history (collected cases, the 2019
    # scenario) lies long before.
    occurred_on = models.DateField("发生日期", null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField("事项", max_length=60)
    from_state = models.CharField("原状态", max_length=40, blank=True)
    to_state = models.CharField("新状态", max_length=40, blank=True)
    note = models.TextField("说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)
    document_ids = models.JSONField("文书", default=list, blank=True)
    # For an event collected from a sector system (归集): "id:<the source's event id>", or
    # "sha:<digest of business date, kind and note>" when the source has no ids. A re-import
    # adds only events whose key the case does not have yet.
    source_key = models.CharField("来源过程标识", max_length=80, blank=True)

    scope = Scope("participants", "case")
    objects = models.Manager.from_queryset(EventQuerySet)()

    class Meta:
        verbose_name = "办理过程"
        verbose_name_plural = "办理过程"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["actor", "at"], name="casework_event_actor_at")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "source_key"],
                condition=~models.Q(source_key=""),
                name="%(app_label)s_%(class)s_unique_source_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on or self.at:%Y-%m-%d} {self.kind}"

    @property
    def business_date(self) -> date:
        return self.occurred_on or timezone.localdate(self.at)

    def label(self, case_kind: str | None = None) -> str:
        """What happened, in Chinese: the step's label, or the mechanism's own event."""
        from .workflow import workflow_for

        wf = workflow_for(case_kind or self.case.kind)
        if wf is not None and self.kind in wf.transitions:
            return wf.transitions[self.kind].label
        return EVENT_LABELS.get(self.kind, self.kind)


class Deadline(models.Model):
    """A statutory clock on a case, stored as dates so "what is overdue" is an indexed query."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name="责任机构", on_delete=models.PROTECT, related_name="deadlines"
    )
    key = models.CharField("期限代码", max_length=60)
    name = models.CharField("期限", max_length=100)
    basis = models.CharField("法律依据", max_length=200)
    start = models.DateField("起算日")
    amount = models.PositiveIntegerField("期间")
    unit = models.CharField("单位", max_length=10, choices=Unit.choices)
    pauses = models.JSONField("中止", default=list, blank=True)
    extension_amount = models.PositiveIntegerField("延长", default=0)
    extension_unit = models.CharField("延长单位", max_length=10, choices=Unit.choices, blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="延长批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    extension_reason = models.CharField("延长理由", max_length=200, blank=True)
    unrolled_due = models.DateField("届满日（未顺延）", null=True, blank=True)
    due = models.DateField("届满日", null=True, blank=True)
    provisional = models.BooleanField("暂定", default=False)
    status = models.CharField(
        "状态", max_length=20, choices=DeadlineStatus.choices, default=DeadlineStatus.RUNNING
    )
    met_on = models.DateField("完成日期", null=True, blank=True)
    note = models.CharField("版本说明", max_length=200, blank=True)
    # Whether the last day moves past rest days (an act) or not (a burden, an earliest date).
    kind = models.CharField(
        "期间性质", max_length=10, choices=PeriodKind.choices, default=PeriodKind.ACT
    )
    cancel_reason = models.CharField("撤销理由", max_length=200, blank=True)
    # Set once, when the lapse job records the statute's consequence (e.g. 视为受理); the job
    # skips deadlines that have it, so the consequence is recorded exactly once.
    lapse_recorded_at = models.DateTimeField("届满后果记录时间", null=True, blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["org_unit", "status", "due"], name="casework_deadline_unit_due"),
            models.Index(fields=["provisional", "status"], name="casework_deadline_prov"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.due or '—'}"

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == DeadlineStatus.RUNNING and self.due is not None and self.due < today

    def days_left(self, today: date | None = None) -> int | None:
        if self.due is None:
            return None
        return (self.due - (today or timezone.localdate())).days


def _document_q(user: Any, action: Any) -> models.Q:
    """A document is seen by its making unit and by the participants of its case."""
    from fazhi.core.org.scoping import scope_q

    return scope_q(Document, Scope("owner", "owner_unit"), user, action) | scope_q(
        Document, Scope("participants", "case"), user, action
    )


def document_path(instance: Document, filename: str) -> str:
    return f"documents/{timezone.now():%Y/%m}/{instance.sha256[:2]}/{instance.sha256}-{filename}"


class Document(models.Model):
    """A file kept in storage with its SHA-256: generated 文书 or evidence.

    The documents stream is sealed (integrity): a row is written once, complete. Signing
    happens before storing, so the stored bytes and ``seal_status`` never change afterwards.
    """

    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name="制作机构", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("文书种类", max_length=60)
    title = models.CharField("标题", max_length=200)
    number = models.CharField("文号", max_length=80, blank=True)
    # The registered form (casework.documents) a generated document came from; blank for
    # uploaded evidence.
    form = models.CharField("文书格式", max_length=60, blank=True)
    issued_on = models.DateField("成文日期", null=True, blank=True)
    file = models.FileField("文件", upload_to=document_path, max_length=300)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("大小")
    seal_status = models.CharField(
        "签章状态", max_length=20, choices=SealStatus.choices, default=SealStatus.UNSIGNED
    )
    seal_backend = models.CharField("签章方式", max_length=60, blank=True)
    seal_info = models.JSONField("签章信息", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)

    scope = Scope("owner", custom=lambda user, action: _document_q(user, action))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "文书材料"
        verbose_name_plural = "文书材料"
        ordering = ["-id"]
        constraints = [
            # A 文号 names one document of its unit (GB/T 9704-2012 第7.2.5条).
            models.UniqueConstraint(
                fields=["owner_unit", "number"],
                condition=~models.Q(number=""),
                name="%(app_label)s_%(class)s_unique_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or ''} {self.title}".strip()


class CollectedDocument(AppendOnlyModel):
    """A document of a collected case (归集) as its digest: the file stays in the sector system.

    Not a ``Document``: a Document is a file kept here (the documents stream checks every stored
    file against its digest) whose 文号 is unique in its unit and issued by our numbering; a
    collected document has no file here and its 文号 was issued elsewhere, so neither rule
    holds. The digest lets anyone holding the file prove it is the one the case names.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="collected_documents")
    title = models.CharField("标题", max_length=200)
    number = models.CharField("文号", max_length=80, blank=True)
    issued_on = models.DateField("成文日期", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    at = models.DateTimeField("记录时间", default=timezone.now)

    scope = Scope("participants", "case")
    objects = models.Manager.from_queryset(EventQuerySet)()

    class Meta:
        verbose_name = "归集文书摘要"
        verbose_name_plural = "归集文书摘要"
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "sha256"], name="%(app_label)s_%(class)s_unique_digest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or ''} {self.title}".strip()


class DocumentNumbering(models.Model):
    """The prefix (机关代字 + 类别) of one unit's 文号 for one document type, e.g. 鄂市监罚字.

    The 文号 reads ``{prefix}〔{year}〕{n}号``; n runs per (unit, type, year) and is never
    reused (``casework.numbering``).
    """

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name="机构", on_delete=models.PROTECT, related_name="+"
    )
    number_type = models.CharField(
        "文书类别",
        max_length=40,
        help_text="文书格式登记时声明的编号类别，如“答复”“告知”“处罚决定”",
    )
    prefix = models.CharField(
        "机关代字及类别", max_length=40, help_text="不含年份和序号，如“鄂市监罚字”"
    )

    # Prefixes are printed on every document sent out; only administrators change them.
    scope = Scope("public")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "文号规则"
        verbose_name_plural = "文号规则"
        ordering = ["org_unit", "number_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "number_type"], name="%(app_label)s_%(class)s_unique_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.number_type}：{self.prefix}〔年份〕序号号"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if any(ch in self.prefix for ch in "〔〕[]()（）0123456789"):
            raise ValidationError(
                {"prefix": "机关代字不含年份、括号和序号，系统按“代字〔年份〕序号号”自动编排"}
            )


class ServiceConsent(models.Model):
    """A party's consent to electronic service, with the signed 确认书 and the address.

    行政处罚法 第六十一条第二款: 当事人同意并签订确认书的，行政机关可以采用传真、电子邮件等
    方式送达; 民事诉讼法 第九十条: 经受送达人同意，可以采用能够确认其收悉的电子方式送达.
    """

    party = models.ForeignKey(
        Party, verbose_name="当事人", on_delete=models.PROTECT, related_name="service_consents"
    )
    channel = models.CharField("送达渠道", max_length=20, choices=ConsentChannel.choices)
    address = models.CharField("电子送达地址", max_length=200)
    consent_document = models.ForeignKey(
        Document, verbose_name="送达地址确认书", on_delete=models.PROTECT, related_name="+"
    )
    consented_on = models.DateField("确认日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope = Scope("participants", "party__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "电子送达确认"
        verbose_name_plural = "电子送达确认"
        ordering = ["-consented_on", "-id"]

    def __str__(self) -> str:
        return f"{self.party} {self.get_channel_display()} {self.address}"


class Service(models.Model):
    """送达: most statutory clocks start at service. Recorded through ``casework.service``."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="services")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    method = models.CharField("送达方式", max_length=20, choices=ServiceMethod.choices)
    served_on = models.DateField("送达日期")
    recipient = models.CharField("受送达人", max_length=100)
    party = models.ForeignKey(
        Party,
        verbose_name="受送达当事人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
    )
    address = models.CharField("送达地址", max_length=200, blank=True)
    receipt = models.ForeignKey(
        Document,
        verbose_name="送达回证",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tracking_number = models.CharField("邮件单号", max_length=60, blank=True)
    consent = models.ForeignKey(
        ServiceConsent,
        verbose_name="电子送达确认",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
    )
    # For electronic service: the system's delivery record (channel, address, message id,
    # the time it reached the recipient's system).
    delivery_record = models.JSONField("电子送达记录", default=dict, blank=True)
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True, null=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "送达"
        verbose_name_plural = "送达"
        ordering = ["served_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.served_on} {self.recipient}"


class NumberSequence(models.Model):
    """The last number issued for one key, e.g. ("420700-SCJG", "XK") or a 立案号 per year.

    Numbers are taken under a row lock, so two clerks never receive the same one; a number once
    issued is never issued again, even if the record is voided.
    """

    key = models.CharField("编号序列", max_length=120, unique=True)
    last = models.PositiveIntegerField("最后编号", default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"


class VoidedNumber(AppendOnlyModel):
    """作废编号: a number withdrawn from a case; it is never issued again."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="voided_numbers")
    number = models.CharField("编号", max_length=80)
    reason = models.CharField("作废理由", max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("记录时间", default=timezone.now)

    scope = Scope("participants", "case")
    objects = models.Manager.from_queryset(EventQuerySet)()

    class Meta:
        verbose_name = "作废编号"
        verbose_name_plural = "作废编号"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.number}（作废）"


class CaseLink(models.Model):
    """A case that bears on another: a reconsideration on the decision it reviews, a lawsuit on
    both, an inspection on the case it opened. The deciding body sees the linked case."""

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out")
    to_case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="links_in")
    kind = models.CharField("关联类型", max_length=30, choices=LinkKind.choices)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("participants", "from_case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "关联案件"
        verbose_name_plural = "关联案件"
        constraints = [
            models.UniqueConstraint(
                fields=["from_case", "to_case", "kind"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_case=models.F("to_case")),
                name="%(app_label)s_%(class)s_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_case} → {self.to_case}（{self.get_kind_display()}）"


def _own_notifications(user: Any, action: Any) -> models.Q:
    return models.Q(recipient_id=getattr(user, "pk", None))


class Notification(models.Model):
    """An in-app message to one staff member: a deadline approaching or overdue, a case
    awaiting their step. Scheduled jobs write them; the workbench shows them."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField("类型", max_length=20, choices=NotificationKind.choices)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    # The due date the message was about: a moved deadline is announced again.
    due = models.DateField("届满日", null=True, blank=True)
    title = models.CharField("标题", max_length=200)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    scope = Scope("none", custom=_own_notifications)
    objects = RestrictedManager()

    class Meta:
        verbose_name = "消息提醒"
        verbose_name_plural = "消息提醒"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "deadline", "kind", "due"],
                condition=models.Q(deadline__isnull=False),
                name="%(app_label)s_%(class)s_once_per_due",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="casework_notification_unread"),
            # The workbench's newest unread messages, without sorting every unread one.
            models.Index(
                fields=["recipient", "-created_at", "-id"],
                condition=models.Q(read_at__isnull=True),
                name="casework_notification_new",
            ),
        ]

    def __str__(self) -> str:
        return self.title
