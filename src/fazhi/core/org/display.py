"""One way to turn a stored value into the text staff and the public read: choices by their
label, dates as ISO, times in local time, yes/no in Chinese, nothing as an empty cell.

It lives in the lowest mechanism so that every layer shows values alike — the back office's
lists and exports (fazhi.shell.office.display adds masking on top), the import engine's exports
(fazhi.core.intake) and the domains' pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone


def show(value: Any) -> Any:
    """A plain value as staff read it; numbers and text are returned as they are, so an
    export keeps its numbers numeric."""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else value


def field_value(obj: models.Model, path: str) -> Any:
    """The displayed value of ``path`` (``a__b``) on ``obj``: a choice's label, else the value."""
    value: Any = obj
    for part in path.split("__"):
        if value is None:
            return ""
        label = getattr(value, f"get_{part}_display", None)
        value = label() if callable(label) else getattr(value, part)
    return show(value)


def field_label(model: type[models.Model], path: str) -> str:
    """The column header for ``path`` (``a__b``): the verbose name of its first field."""
    f = model._meta.get_field(path.split("__")[0])
    return str(getattr(f, "verbose_name", path))


def model_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """The model's own field ``name`` (a column, a version field): never a reverse relation,
    which no list, import or export declares."""
    f = model._meta.get_field(name)
    if not isinstance(f, models.Field):
        raise FieldDoesNotExist(f"{model.__name__}.{name} 不是模型自身的字段")
    return f
