"""The list mechanism's operations, written once for every list.

``create_item`` opens an item with its first version; ``record`` makes a new version by one of
the six actions (closing the open one on the day the new one takes effect); ``as_of`` and
``diff`` answer "what did the list say on a date" and "what changed between two dates" by range
queries on the versions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from fazhi.core.casework.numbering import next_number
from fazhi.core.org.display import model_field

from .choices import ACTION_STATE, ALLOWED_ACTIONS, ListAction, ListState
from .models import CatalogItem, ItemVersion


def version_fields(model: type[CatalogItem]) -> tuple[str, ...]:
    return (*model.version_model.base_fields, *model.content_fields)


def _snapshot(version: ItemVersion, model: type[CatalogItem]) -> dict[str, Any]:
    out = {}
    for name in version_fields(model):
        f = model_field(type(version), name)
        out[f.attname] = getattr(version, f.attname)
    return out


def new_code(department: Any, letters: str) -> str:
    """<department code>-<letters>-0001, numbered per (department, letters), never reused."""
    n = next_number(f"list:{department.code}:{letters}")
    return f"{department.code}-{letters}-{n:04d}"


def sync_item(item: CatalogItem, version: ItemVersion) -> None:
    """The item row carries the current name, department, state (and indexed kinds)."""
    item.name, item.department_id, item.state = version.name, version.department_id, version.state
    for name in ("kind", "status", "enterprise_related"):
        if hasattr(item, name) and hasattr(version, name):
            setattr(item, name, getattr(version, name))


@transaction.atomic
def create_item(
    model: type[CatalogItem],
    *,
    department: Any,
    valid_from: date,
    fields: Mapping[str, Any],
    reason: str = "",
    actor: Any = None,
    catalog_code: str = "",
    code: str | None = None,
    draft: bool = False,
) -> CatalogItem:
    """Open an item with its first version (新增). ``draft`` keeps it out of public view."""
    item = model(department=department, catalog_code=catalog_code)
    for name in ("kind", "status", "enterprise_related"):
        if name in fields and hasattr(item, name):
            setattr(item, name, fields[name])
    item.code = code or new_code(department, item.letters())
    version = model.version_model(
        action=ListAction.ADD,
        reason=reason,
        valid_from=valid_from,
        recorded_by=actor,
        state=ListState.DRAFT if draft else ListState.IN_FORCE,
        department=department,
        **{k: v for k, v in fields.items()},
    )
    sync_item(item, version)
    version.full_clean(exclude=["item"])
    item.save()
    version.item = item
    version.save()
    return item


@transaction.atomic
def publish_draft(item: CatalogItem, *, actor: Any = None) -> CatalogItem:
    """A draft becomes the list's entry in force (a draft was never public, so no new version)."""
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    version = locked.current_version()
    if version is None or version.state != ListState.DRAFT:
        raise ValidationError("只有草稿可以发布")
    version.state = ListState.IN_FORCE
    version.save(update_fields=["state"])
    sync_item(locked, version)
    locked.save()
    return locked


@transaction.atomic
def record(
    item: CatalogItem,
    action: str,
    *,
    valid_from: date,
    reason: str,
    actor: Any = None,
    changes: Mapping[str, Any] | None = None,
    department: Any = None,
) -> ItemVersion:
    """Make a new version by ``action``; the open version ends the day the new one begins."""
    model = type(item)
    locked = model.objects.select_for_update().get(pk=item.pk)
    current = locked.current_version()
    if current is None:
        raise ValidationError("该事项没有有效版本")
    if action not in ALLOWED_ACTIONS[current.state]:
        raise ValidationError(
            f"“{ListState(current.state).label}”状态的事项不能{ListAction(action).label}"
        )
    if not reason.strip():
        raise ValidationError({"reason": "请填写理由"})
    if valid_from < current.valid_from:
        raise ValidationError(
            {"valid_from": f"生效日期不能早于现行版本的生效日期 {current.valid_from}"}
        )
    if action == ListAction.TRANSFER:
        if department is None or department.pk == current.department_id:
            raise ValidationError({"department": "划转须指定另一个承接部门"})
    elif department is not None and department.pk != current.department_id:
        raise ValidationError({"department": "只有“划转”可以改变实施部门"})

    data = _snapshot(current, model)
    for name, value in (changes or {}).items():
        f = model_field(type(current), name)
        data[f.attname] = value.pk if isinstance(value, models.Model) else value
    data.update(
        item=locked,
        action=action,
        reason=reason,
        valid_from=valid_from,
        recorded_by=actor,
        state=current.state if current.state == ListState.DRAFT else ACTION_STATE[action],
        department_id=(department or current.department).pk,
        transferred_from=current if action == ListAction.TRANSFER else None,
    )
    # Keyword by keyword: ``item`` is declared by each list's own version model.
    version = model.version_model(**data)
    version.full_clean(exclude=["item", "transferred_from"])
    # On the same effective day the old version becomes zero-length: superseded, never in force.
    current.valid_to = valid_from
    current.save(update_fields=["valid_to"])
    version.save()
    for relation in model.version_model.child_relations:
        # e.g. a benchmark's tiers: tier_for reads the tiers of the version in force.
        for child in getattr(current, relation).order_by("pk"):
            child.pk = None
            child.version = version
            child.save()
    sync_item(locked, version)
    locked.save()
    return version


def as_of(model: type[CatalogItem], on: date) -> models.QuerySet:
    """The versions in force on ``on``, as known today: one range query."""
    return model.version_model.objects.filter(state=ListState.IN_FORCE, valid_from__lte=on).filter(
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=on)
    )


@dataclass
class Change:
    item_id: int
    before: ItemVersion | None
    after: ItemVersion | None
    fields: list[str] = field(default_factory=list)

    @property
    def shown(self) -> ItemVersion:
        """The version a row shows: the new one, or the one removed."""
        version = self.after or self.before
        if version is None:
            raise ValueError("一项变化至少有变化前或变化后的版本")
        return version

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"


def diff(
    model: type[CatalogItem], start: date, end: date, *, versions: models.QuerySet | None = None
) -> list[Change]:
    """What changed in the list between two dates: added, removed and changed entries."""
    base = versions if versions is not None else model.version_model.objects.all()
    ids = lambda qs: qs.values_list("pk", flat=True)  # noqa: E731
    before = {v.item_id: v for v in base.filter(pk__in=ids(as_of(model, start)))}
    after = {v.item_id: v for v in base.filter(pk__in=ids(as_of(model, end)))}
    names = (*version_fields(model), "department")
    changes: list[Change] = []
    for item_id in sorted(before.keys() | after.keys()):
        b, a = before.get(item_id), after.get(item_id)
        if b is not None and a is not None:
            if b.pk == a.pk:
                continue
            fields = [
                n
                for n in names
                if getattr(b, model_field(type(b), n).attname)
                != getattr(a, model_field(type(a), n).attname)
            ]
            if fields:  # a 保留 review makes a version without changing the entry
                changes.append(Change(item_id, b, a, fields))
        else:
            changes.append(Change(item_id, b, a))
    return changes


def actions_between(model: type[CatalogItem], start: date, end: date) -> dict[str, int]:
    """How many versions each action made with effect in [start, end] (e.g. 2019's 2,902)."""
    rows = (
        model.version_model.objects.filter(valid_from__gte=start, valid_from__lte=end)
        .values("action")
        .annotate(n=models.Count("id"))
    )
    return {row["action"]: row["n"] for row in rows}


def history(item: CatalogItem) -> Iterable[ItemVersion]:
    return item.versions.select_related("department", "recorded_by").order_by("valid_from", "id")
