"""库二's structured side: inspector qualifications as a code list per department (imported),
the officers holding them and the officers' own grids. Avoidance relations (回避) are the draw's
``Conflict`` records (models/draw.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q

from fazhi.core.org.models import Officer, OrgUnit
from fazhi.core.org.scoping import Action, RestrictedManager, Scope, visible_unit_ids


def _public_owned(field: str) -> Any:
    """Anyone may read (the code list is part of every check item's public entry); the
    department at ``field`` alone writes."""

    def rule(user: Any, action: Action) -> Q:
        if action == "view":
            return Q()
        return Q(**{f"{field}__in": visible_unit_ids(user, action)})

    return rule


class Qualification(models.Model):
    """One code of a department's list of inspector qualifications (检查资格), e.g.
    ``SCJG-SP`` 食品安全检查. An officer's 执法领域 text is not used for the draw: these are."""

    department = models.ForeignKey(
        OrgUnit, verbose_name="部门", on_delete=models.PROTECT, related_name="qualifications"
    )
    code = models.CharField("资格代码", max_length=40)
    name = models.CharField("资格名称", max_length=100)
    basis = models.CharField("依据", max_length=300, blank=True)
    active = models.BooleanField("有效", default=True)

    scope = Scope("public", custom=_public_owned("department"))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "检查人员资格"
        verbose_name_plural = "检查人员资格代码"
        ordering = ["department_id", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "code"], name="%(app_label)s_%(class)s_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OfficerQualification(models.Model):
    """An officer holds a qualification of their own department from a date (until a date)."""

    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="qualifications"
    )
    qualification = models.ForeignKey(
        Qualification, verbose_name="资格", on_delete=models.PROTECT, related_name="holders"
    )
    valid_from = models.DateField("取得日期")
    valid_to = models.DateField("失效日期", null=True, blank=True)
    source = models.CharField("来源", max_length=100, blank=True)

    scope = Scope("owner", "officer__department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "执法人员检查资格"
        verbose_name_plural = "执法人员检查资格"
        ordering = ["officer_id", "qualification_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "qualification", "valid_from"],
                name="%(app_label)s_%(class)s_unique_grant",
            ),
        ]
        indexes = [models.Index(fields=["qualification", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.officer_id}: {self.qualification}"

    def held_on(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or self.valid_to > on)


class OfficerGrid(models.Model):
    """The township (网格) an officer is responsible for day to day: a plan may forbid drawing
    them for entities registered there (the optional "not in the officer's own grid" rule)."""

    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="grids"
    )
    unit = models.ForeignKey(OrgUnit, verbose_name="网格（乡镇/街道）", on_delete=models.PROTECT)

    scope = Scope("owner", "officer__department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "执法人员网格"
        verbose_name_plural = "执法人员网格"
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "unit"], name="%(app_label)s_%(class)s_unique_grid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} → {self.unit_id}"


def qualified_officer_ids(qualification_ids: list[int], on: date) -> set[int]:
    """Officers holding every one of the qualifications on ``on`` (system code for pools)."""
    if not qualification_ids:
        return set()
    rows = OfficerQualification.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on),
        qualification_id__in=qualification_ids,
        valid_from__lte=on,
    ).values_list("officer_id", "qualification_id")
    held: dict[int, set[int]] = {}
    for officer_id, qual_id in rows:
        held.setdefault(officer_id, set()).add(qual_id)
    need = set(qualification_ids)
    return {o for o, quals in held.items() if need <= quals}
