"""One way to show a value on a screen or in an export: choices by their label, dates as ISO,
times in local time, yes/no in Chinese, masked personal data where the role does not need it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import timezone

from fazhi.core.disclosure.masking import partial_mask


def show(value: Any) -> Any:
    """A plain value as staff read it."""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else value


def masked(value: Any, field: str) -> str:
    """A personal-data field as shown to a role that does not need it in full."""
    if not value:
        return ""
    kind = "id_number" if "id" in field else "mobile" if "phone" in field else "text"
    return partial_mask(str(value), kind)


def field_value(obj: models.Model, path: str) -> Any:
    """The displayed value of ``path`` (``a__b``) on ``obj``: a choice's label, else the value."""
    value: Any = obj
    for part in path.split("__"):
        if value is None:
            return ""
        label = getattr(value, f"get_{part}_display", None)
        value = label() if callable(label) else getattr(value, part)
    return show(value)


def model_rows(
    obj: models.Model, *, exclude: tuple[str, ...] = (), sensitive: tuple[str, ...] = ()
) -> list[tuple[str, Any]]:
    """(label, value) for the concrete fields of ``obj`` — a domain's detail on the case page."""
    rows = []
    for f in obj._meta.concrete_fields:
        if f.name in exclude or f.primary_key:
            continue
        value = field_value(obj, f.name)
        rows.append((str(f.verbose_name), masked(value, f.name) if f.name in sensitive else value))
    return rows
