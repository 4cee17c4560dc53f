"""The shared list mechanism: a catalog item with a stable code, and its versions.

An item's identity and code never change (a transfer moves it to another department without
re-encoding it). Everything else lives in versions: each made by one action (新增、调整、划转、
保留、取消、修改、废止) with its reason, the date it takes effect (``valid_from``/``valid_to``)
and the date it was recorded. "The list as it stood on a date" is a range query on the versions;
the item row carries the current name, department and state for search and scoping.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import RestrictedManager, Scope, visible_unit_ids

from ..choices import ListAction, ListState

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

PUBLISHED_STATES = (ListState.IN_FORCE, ListState.CANCELLED)


def public_when(published: Q, field: str = "department") -> Callable[[Any, str], Q]:
    """Records matching ``published`` are public; the others only to the department at
    ``field`` (and its supervisors). Writes always need the department."""

    def rule(user: Any, action: str) -> Q:
        own = Q(**{f"{field}__in": visible_unit_ids(user, action)})  # type: ignore[arg-type]
        return (published | own) if action == "view" else own

    return rule


def published_or_owned(field: str = "department", state: str = "state") -> Callable[[Any, str], Q]:
    """Published entries are public; drafts only to their department (and its supervisors)."""
    return public_when(Q(**{f"{state}__in": PUBLISHED_STATES}), field)


class CatalogItem(models.Model):
    code = models.CharField("编码", max_length=40, unique=True)
    catalog_code = models.CharField("事项编码（省库）", max_length=60, blank=True, db_index=True)
    name = models.CharField("名称", max_length=300, db_index=True)
    department = models.ForeignKey(
        OrgUnit, verbose_name="实施部门", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField("状态", max_length=20, choices=ListState.choices, db_index=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    # Set by each concrete list: its version model, the two letters in its codes, and the
    # version fields that carry over from one version to the next.
    version_model: ClassVar[type[ItemVersion]]
    code_letters: ClassVar[str] = ""
    content_fields: ClassVar[tuple[str, ...]] = ()
    if TYPE_CHECKING:
        # The reverse side of the ``item`` key each list's version model declares.
        versions: RelatedManager[ItemVersion]

    scope = Scope("public", custom=published_or_owned("department"))
    objects = RestrictedManager()

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def letters(self) -> str:
        """The two letters of this item's code (per kind for power items)."""
        return self.code_letters

    def current_version(self) -> ItemVersion | None:
        return self.versions.filter(valid_to__isnull=True).order_by("-valid_from", "-id").first()


class ItemVersion(models.Model):
    action = models.CharField("动作", max_length=20, choices=ListAction.choices)
    reason = models.CharField("理由", max_length=300, blank=True)
    valid_from = models.DateField("生效日期", db_index=True)
    valid_to = models.DateField("失效日期", null=True, blank=True, db_index=True)
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField("状态", max_length=20, choices=ListState.choices)
    department = models.ForeignKey(
        OrgUnit, verbose_name="实施部门", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("名称", max_length=300)
    legal_basis = models.TextField("设定依据", blank=True)
    basis_url = models.URLField("依据原文链接", blank=True)
    transferred_from = models.ForeignKey(
        "self",
        verbose_name="划转自",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # The fields every version has besides the content fields of its list.
    if TYPE_CHECKING:
        # Declared by each list's version model: the foreign key to its own entry.
        item: CatalogItem
        item_id: int

    base_fields: ClassVar[tuple[str, ...]] = ("name", "legal_basis", "basis_url")
    # Rows that hang off a version (a benchmark's tiers) and carry over to the next one.
    child_relations: ClassVar[tuple[str, ...]] = ()

    scope = Scope("public", custom=published_or_owned("department"))
    objects = RestrictedManager()

    class Meta:
        abstract = True
        ordering = ["valid_from", "id"]
        # Every list's version model has an ``item`` foreign key; one version of an item is open.
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(valid_to__isnull=True),
                name="%(app_label)s_%(class)s_one_open_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_action_display()} {self.valid_from}）"

    def in_force_on(self, on: Any) -> bool:
        return (
            self.state == ListState.IN_FORCE
            and self.valid_from <= on
            and (self.valid_to is None or self.valid_to > on)
        )
