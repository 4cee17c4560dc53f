"""Who: governments and departments (one org tree), places, staff and their roles, persons,
enforcement officers, legal advisers and market entities."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import timezone

from .choices import (
    CREDENTIAL_ROLES,
    JUSTICE_BUREAU_SUFFIX,
    AdviserKind,
    CredentialAction,
    CredentialStatus,
    EntityKind,
    EntityStatus,
    GovernmentLevel,
    IdType,
    Industry,
    RegionKind,
    Role,
    UnitKind,
)
from .scoping import Action, RestrictedManager, RestrictedQuerySet, Scope, visible_unit_ids
from .validators import validate_identity, validate_uscc

division_code_validator = RegexValidator(r"^\d{12}$", "统计用区划代码应为12位数字")


class OrgUnit(models.Model):
    """One node of the org tree: a government (人民政府/管委会) or one of its departments.

    One table serves both so that participants, scoping and the supervisory subtree
    (a materialized ``path`` of codes) work the same for every kind of unit.
    """

    kind = models.CharField("类型", max_length=20, choices=UnitKind.choices)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    code = models.CharField(
        "机构代码",
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[0-9A-Za-z_-]+$", "机构代码只能包含字母、数字、-和_")],
    )
    division_code = models.CharField(
        "统计用区划代码", max_length=12, blank=True, validators=[division_code_validator]
    )
    level = models.CharField("层级", max_length=20, choices=GovernmentLevel.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("路径", max_length=400, db_index=True, editable=False)
    enforces = models.BooleanField("行政执法主体", default=False)
    may_issue_documents = models.BooleanField("规范性文件制定主体", default=False)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    sort = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("有效", default=True)

    scope = Scope("public")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="department") | models.Q(parent__isnull=False),
                name="%(app_label)s_%(class)s_department_has_government",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        old_path = self.path
        self.path = self.compute_path()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                # Moved or re-coded: every unit below follows, or supervisors would keep
                # (or never get) the subtree.
                for unit in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    OrgUnit.objects.filter(pk=unit.pk).update(
                        path=self.path + unit.path[len(old_path) :]
                    )

    def compute_path(self) -> str:
        return f"{self.parent.path if self.parent else '/'}{self.code}/"

    def clean(self) -> None:
        if self.kind == UnitKind.DEPARTMENT and (
            self.parent is None or self.parent.kind != UnitKind.GOVERNMENT
        ):
            raise ValidationError({"parent": "部门必须隶属于一个人民政府或管委会"})
        if self.kind == UnitKind.GOVERNMENT and not self.level:
            raise ValidationError({"level": "请选择政府层级"})

    @property
    def government(self) -> OrgUnit:
        return self if self.kind == UnitKind.GOVERNMENT or self.parent is None else self.parent

    def government_path(self) -> str:
        return self.government.path


class GovernmentManager(RestrictedManager["Government"]):
    def get_queryset(self) -> models.QuerySet[Government]:
        return super().get_queryset().filter(kind=UnitKind.GOVERNMENT)


class DepartmentManager(RestrictedManager["Department"]):
    def get_queryset(self) -> models.QuerySet[Department]:
        return super().get_queryset().filter(kind=UnitKind.DEPARTMENT)


class Government(OrgUnit):
    """人民政府 / 管委会."""

    objects: ClassVar[GovernmentManager] = GovernmentManager()

    class Meta:
        proxy = True
        verbose_name = "人民政府/管委会"
        verbose_name_plural = "人民政府/管委会"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kind = UnitKind.GOVERNMENT
        super().save(*args, **kwargs)


class Department(OrgUnit):
    """部门 / 行政机关."""

    objects: ClassVar[DepartmentManager] = DepartmentManager()

    class Meta:
        proxy = True
        verbose_name = "部门"
        verbose_name_plural = "部门"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kind = UnitKind.DEPARTMENT
        super().save(*args, **kwargs)


class Region(models.Model):
    """Places below governments: villages, communities, addresses (村 / 社区)."""

    kind = models.CharField("类型", max_length=20, choices=RegionKind.choices)
    name = models.CharField("名称", max_length=100)
    code = models.CharField("区划代码", max_length=12, blank=True, db_index=True)
    government = models.ForeignKey(
        OrgUnit, verbose_name="所属乡镇/街道", on_delete=models.PROTECT, related_name="regions"
    )
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT
    )

    scope = Scope("public")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "村/社区"
        verbose_name_plural = "村/社区"
        ordering = ["code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "name"], name="%(app_label)s_%(class)s_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StaffManager(UserManager):
    pass


class Staff(AbstractUser):
    """A login account of a government worker (工作人员)."""

    display_name = models.CharField("姓名", max_length=50, blank=True)
    # 行政处罚法 第五十八条第二款: 初次从事行政处罚决定法制审核的人员，应当通过国家统一
    # 法律职业资格考试取得法律职业资格. Recorded so that the legal-review gates can check it.
    legal_qualification_no = models.CharField("法律职业资格证书编号", max_length=30, blank=True)
    legal_qualified_on = models.DateField("取得法律职业资格日期", null=True, blank=True)

    objects: ClassVar[StaffManager] = StaffManager()

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self) -> None:
        super().clean()
        self.legal_qualification_no = self.legal_qualification_no.strip()
        if self.legal_qualification_no and self.legal_qualified_on is None:
            raise ValidationError(
                {"legal_qualified_on": "填写了法律职业资格证书编号，请同时填写取得资格的日期"}
            )
        if self.legal_qualified_on is not None and not self.legal_qualification_no:
            raise ValidationError(
                {"legal_qualification_no": "填写了取得法律职业资格的日期，请同时填写证书编号"}
            )
        if self.legal_qualified_on is not None and self.legal_qualified_on > timezone.localdate():
            raise ValidationError({"legal_qualified_on": "取得法律职业资格的日期不能晚于今天"})

    def role_rows(self) -> list[RoleAssignment]:
        cache = self.__dict__.get("_fazhi_role_rows")
        if cache is None:
            cache = list(
                RoleAssignment.objects.filter(staff=self, active=True).select_related("org_unit")
            )
            self.__dict__["_fazhi_role_rows"] = cache
        return cache

    def has_role(self, *roles: str) -> bool:
        return any(row.role in roles for row in self.role_rows())

    def units_with_role(self, *roles: str) -> list[OrgUnit]:
        return [row.org_unit for row in self.role_rows() if row.role in roles]


class RoleAssignment(models.Model):
    """(staff, role, org unit): a staff member holds several."""

    staff = models.ForeignKey(
        Staff, verbose_name="工作人员", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField("角色", max_length=40, choices=Role.choices)
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name="机构", on_delete=models.PROTECT, related_name="role_assignments"
    )
    active = models.BooleanField("有效", default=True)

    scope = Scope("owner", "org_unit")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "role", "org_unit"], name="%(app_label)s_%(class)s_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.get_role_display()} · {self.org_unit}"


def _own_tokens(user: Staff, action: str) -> models.Q:
    """A staff member sees and revokes their own tokens; the security and audit administrators
    (三权分立) may read everyone's token list, never the keys (only digests are stored)."""
    from .choices import Role

    if action == "view" and user.has_role(Role.SECURITY_ADMIN, Role.AUDIT_ADMIN):
        return models.Q()
    return models.Q(staff_id=user.pk)


class ApiTokenQuerySet(RestrictedQuerySet):
    def usable(self, at: datetime | None = None) -> ApiTokenQuerySet:
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=at)


class ApiToken(models.Model):
    """An API key of one staff member, who creates and revokes it in the back office.

    Only the SHA-256 digest of the key is stored (the key is shown once, when created), with a
    short prefix to tell keys apart. A token acts with its staff member's roles: the API scopes
    its requests through ``restrict`` exactly as for the signed-in user.
    """

    PREFIX = "fz_"
    PREFIX_LENGTH = 11  # "fz_" and the first 8 characters of the random part

    staff = models.ForeignKey(
        Staff, verbose_name="工作人员", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("名称", max_length=100)
    prefix = models.CharField("前缀", max_length=16, db_index=True, editable=False)
    digest = models.CharField("摘要", max_length=64, unique=True, editable=False)
    # For "collected cases": a token used by a source system (its name) rather than a person.
    source_system = models.CharField("来源系统", max_length=100, blank=True)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    expires_at = models.DateTimeField("有效期至")
    last_used = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    revoked_reason = models.CharField("吊销原因", max_length=200, blank=True)

    scope = Scope("none", custom=_own_tokens)
    objects = models.Manager.from_queryset(ApiTokenQuerySet)()

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @staticmethod
    def digest_of(key: str) -> str:
        # The key carries 256 random bits, so a plain SHA-256 is enough: there is nothing to
        # guess that a slow password hash would protect.
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def expired(self, at: datetime | None = None) -> bool:
        return self.expires_at <= (at or timezone.now())

    def usable(self, at: datetime | None = None) -> bool:
        return not self.revoked and not self.expired(at)

    def status_display(self) -> str:
        if self.revoked:
            return "已吊销"
        return "已过期" if self.expired() else "有效"


class Person(models.Model):
    """当事人 / 自然人: a party or other natural person in a record."""

    name = models.CharField("姓名", max_length=50)
    id_type = models.CharField(
        "证件类型", max_length=40, choices=IdType.choices, default=IdType.RESIDENT_ID
    )
    id_number = models.CharField("证件号码", max_length=20, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    address = models.CharField("住址", max_length=200, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    staff = models.OneToOneField(
        Staff,
        verbose_name="工作人员账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name="登记机构", on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("owner", "owner_unit")
    objects = RestrictedManager()
    # Fields holding personal data that are shown masked unless the role needs them.
    sensitive_fields = ("id_number", "phone", "address")

    class Meta:
        verbose_name = "自然人"
        verbose_name_plural = "自然人"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.id_number:
            try:
                validate_identity(self.id_type, self.id_number)
            except ValidationError as exc:
                raise ValidationError({"id_number": exc.messages}) from exc

    def is_minor(self, on: date | None = None) -> bool:
        if self.birth_date is None:
            return False
        on = on or timezone.localdate()
        years = (
            on.year
            - self.birth_date.year
            - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))
        )
        return years < 18


def credential_rule(department: str) -> Any:
    """The scope of credentials (docs/visibility.md, ``owner-or-justice-bureau``): the officer's
    own department views them (and supervisors above it); a justice bureau's clerk views and
    changes those of every department of its government and of the governments below (M3,
    省级行政执法证件管理规定). ``department`` is the path to the officer's department."""

    def rule(user: Staff, action: Action) -> models.Q:
        reach = models.Q(pk__in=[])
        for row in user.role_rows():
            unit = row.org_unit
            if row.role in CREDENTIAL_ROLES and unit.code.endswith(JUSTICE_BUREAU_SUFFIX):
                reach |= models.Q(**{f"{department}__path__startswith": unit.government_path()})
        if action == "change":
            return reach
        return reach | models.Q(**{f"{department}__in": visible_unit_ids(user, "view")})

    return rule


class Officer(models.Model):
    """执法人员 and the credential (执法证) the justice bureau issues to them."""

    person = models.ForeignKey(Person, verbose_name="人员", on_delete=models.PROTECT)
    department = models.ForeignKey(
        OrgUnit, verbose_name="所属执法主体", on_delete=models.PROTECT, related_name="officers"
    )
    staff = models.OneToOneField(
        Staff,
        verbose_name="工作人员账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer",
    )
    status = models.CharField(
        "证件状态",
        max_length=20,
        choices=CredentialStatus.choices,
        default=CredentialStatus.APPLIED,
    )
    credential_no = models.CharField("执法证号", max_length=30, blank=True)
    fields = models.CharField("执法领域", max_length=200, blank=True)
    exam_score = models.PositiveSmallIntegerField("考试成绩", null=True, blank=True)
    exam_date = models.DateField("考试日期", null=True, blank=True)
    issued_on = models.DateField("发证日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    last_checked_on = models.DateField("最近年审", null=True, blank=True)

    scope = Scope("owner", "department", custom=credential_rule("department"))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["department_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["credential_no"],
                condition=~models.Q(credential_no=""),
                name="%(app_label)s_%(class)s_unique_credential",
            ),
        ]
        indexes = [models.Index(fields=["department", "status"])]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.credential_no or '未发证'}）"

    def has_valid_credential(self, on: date | None = None) -> bool:
        """Only an issued, unexpired credential counts (行政处罚法 第四十二条)."""
        on = on or timezone.localdate()
        return (
            self.status == CredentialStatus.ISSUED
            and bool(self.credential_no)
            and self.valid_until is not None
            and self.valid_until >= on
        )


class CredentialEventQuerySet(RestrictedQuerySet):
    """The history is append-only: a row is never changed or removed (org is the lowest
    mechanism and cannot use integrity's ``AppendOnlyModel``, so it refuses the same way)."""

    def update(self, **kwargs: Any) -> int:
        raise RuntimeError("执法证件记录为只增表，不能修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise RuntimeError("执法证件记录为只增表，不能删除")


class CredentialEvent(models.Model):
    """One step of an officer's credential lifecycle: what was done, on which business date,
    by whom, with the status before and after and the clerk's note."""

    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("事项", max_length=20, choices=CredentialAction.choices)
    on = models.DateField("办理日期")
    at = models.DateTimeField("记录时间", default=timezone.now, editable=False)
    actor = models.ForeignKey(
        Staff,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_status = models.CharField("原状态", max_length=20, choices=CredentialStatus.choices)
    to_status = models.CharField("新状态", max_length=20, choices=CredentialStatus.choices)
    note = models.TextField("说明", blank=True)

    scope = Scope("owner", "officer.department", custom=credential_rule("officer__department"))
    objects = models.Manager.from_queryset(CredentialEventQuerySet)()

    class Meta:
        verbose_name = "执法证件记录"
        verbose_name_plural = "执法证件记录"
        ordering = ["officer_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.on:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("执法证件记录为只增表，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("执法证件记录为只增表，不能删除")


class LegalAdviser(models.Model):
    """法律顾问: a lawyer or a grassroots legal worker."""

    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("类型", max_length=20, choices=AdviserKind.choices)
    firm = models.CharField("执业机构", max_length=100, blank=True)
    license_no = models.CharField("执业证号", max_length=30, blank=True)
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name="管理机构", on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("owner", "owner_unit")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "法律顾问"
        verbose_name_plural = "法律顾问"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class AdviserAssignment(models.Model):
    """A legal adviser serving an agency or a village/community for a period."""

    adviser = models.ForeignKey(
        LegalAdviser, verbose_name="法律顾问", on_delete=models.CASCADE, related_name="assignments"
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name="服务机关", null=True, blank=True, on_delete=models.PROTECT
    )
    region = models.ForeignKey(
        Region,
        verbose_name="服务村/社区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adviser_assignments",
    )
    start = models.DateField("起始日期")
    end = models.DateField("终止日期", null=True, blank=True)

    scope = Scope("owner", "adviser__owner_unit")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "法律顾问派驻"
        verbose_name_plural = "法律顾问派驻"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(org_unit__isnull=False) | models.Q(region__isnull=False),
                name="%(app_label)s_%(class)s_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.adviser} → {self.region or self.org_unit}"


class Entity(models.Model):
    """市场主体, keyed by its 统一社会信用代码."""

    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc]
    )
    name = models.CharField("名称", max_length=200, db_index=True)
    kind = models.CharField("类型", max_length=20, choices=EntityKind.choices)
    industry = models.CharField("行业门类", max_length=1, choices=Industry.choices)
    region = models.ForeignKey(
        OrgUnit, verbose_name="登记辖区", on_delete=models.PROTECT, related_name="entities"
    )
    registered_on = models.DateField("成立日期")
    status = models.CharField(
        "登记状态", max_length=20, choices=EntityStatus.choices, default=EntityStatus.ACTIVE
    )
    legal_representative = models.CharField("法定代表人/经营者", max_length=50, blank=True)
    address = models.CharField("住所", max_length=200, blank=True)

    scope = Scope("reference")
    objects = RestrictedManager()
    # What anyone may see through the exact public lookup.
    public_fields = ("uscc", "name", "kind", "industry", "registered_on", "status")

    class Meta:
        verbose_name = "市场主体"
        verbose_name_plural = "市场主体"
        ordering = ["uscc"]

    def __str__(self) -> str:
        return self.name


class RiskClassification(models.Model):
    """A credit-risk class of an entity under one scheme, imported from its owner."""

    entity = models.ForeignKey(
        Entity, verbose_name="市场主体", on_delete=models.CASCADE, related_name="risk_classes"
    )
    scheme = models.CharField("分类体系", max_length=40)
    risk_class = models.CharField("分类", max_length=10)
    as_of = models.DateField("分类日期")
    source = models.CharField("来源", max_length=100)

    scope = Scope("reference")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "信用风险分类"
        verbose_name_plural = "信用风险分类"
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "scheme", "as_of"], name="%(app_label)s_%(class)s_unique_class"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entity} {self.scheme} {self.risk_class}"


__all__ = [
    "AdviserAssignment",
    "ApiToken",
    "Department",
    "Entity",
    "Government",
    "LegalAdviser",
    "Officer",
    "OrgUnit",
    "Person",
    "Region",
    "RiskClassification",
    "Role",
    "RoleAssignment",
    "Staff",
]
