"""One way to show a value on a screen or in an export: choices by their label, dates as ISO,
times in local time, yes/no in Chinese (``show`` and ``field_value``, from the org mechanism so
the import engine and the domains share them), masked personal data where the role does not
need it."""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.core.disclosure.masking import partial_mask
from fazhi.core.org.display import field_value, show

__all__ = ["field_value", "masked", "model_rows", "show"]


def masked(value: Any, field: str) -> str:
    """A personal-data field as shown to a role that does not need it in full."""
    if not value:
        return ""
    kind = "id_number" if "id" in field else "mobile" if "phone" in field else "text"
    return partial_mask(str(value), kind)


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
