"""Reading the scenario's data files (names, word pools, vocabularies) into typed rows.

The tables of the Ezhou 2019 scenario are data files beside the code that owns them
(``fazhi/shell/scenario/data/`` for the foundation, ``fazhi/domains/<app>/scenario/data/`` for a
domain); the planning that decides which rows exist from the seed stays code. Two formats:

- CSV (UTF-8) for flat tables: the header names the fields of a dataclass and each cell is
  converted by the field's type (``str``, ``int``, ``float``, ``bool`` as ``true``/``false``,
  ``X | None`` with an empty cell for ``None``); lines starting with ``#`` are comments.
- YAML for nested ones (a department's domains and their items): ``read_yaml`` returns plain
  values and ``make`` turns a mapping into a dataclass with the same checks (lists become
  tuples, nested dataclasses are built from mappings).

A cell or value of the wrong type, an unknown or missing column fails loudly: a data file that
does not say what the code expects must not build a different scenario silently.
"""

from __future__ import annotations

import csv
import dataclasses
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


class TableError(ValueError):
    """A data file that does not match the row type it is read into."""


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(row_type: type) -> dict[str, Any]:
    """The resolved field types of a row type (once: ``make`` runs for every YAML mapping)."""
    if row_type not in _HINTS:
        _HINTS[row_type] = typing.get_type_hints(row_type)
    return _HINTS[row_type]


def _fields(row_type: type, where: str) -> tuple[dataclasses.Field[Any], ...]:
    if not dataclasses.is_dataclass(row_type):
        raise TableError(f"{where}：{row_type!r} 不是数据类")
    return dataclasses.fields(row_type)


def _optional(hint: Any) -> Any | None:
    """``X`` for ``X | None``, else None."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0]
    return None


def _cell(text: str, hint: Any, where: str) -> Any:
    """A CSV cell converted to ``hint``."""
    inner = _optional(hint)
    if inner is not None:
        return None if text == "" else _cell(text, inner, where)
    try:
        if hint is str:
            return text
        if hint is bool:
            if text not in ("true", "false"):
                raise ValueError(text)
            return text == "true"
        if hint is int:
            return int(text)
        if hint is float:
            return float(text)
    except ValueError:
        raise TableError(f"{where}：{text!r} 不是 {hint.__name__}") from None
    raise TableError(f"{where}：CSV 不支持字段类型 {hint!r}")


def _value(value: Any, hint: Any, where: str) -> Any:
    """A YAML value checked against (and shaped to) ``hint``."""
    if hint is Any:
        return value
    inner = _optional(hint)
    if inner is not None:
        return None if value is None else _value(value, inner, where)
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, list):
            raise TableError(f"{where}：应为列表，实为 {value!r}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(v, args[0], f"{where}[{n}]") for n, v in enumerate(value))
        if len(args) != len(value):
            raise TableError(f"{where}：应有 {len(args)} 项，实为 {value!r}")
        return tuple(
            _value(v, a, f"{where}[{n}]") for n, (v, a) in enumerate(zip(value, args, strict=True))
        )
    if origin in (dict, Mapping):
        key_type, value_type = typing.get_args(hint)
        if not isinstance(value, dict):
            raise TableError(f"{where}：应为映射，实为 {value!r}")
        return {
            _value(k, key_type, where): _value(v, value_type, f"{where}.{k}")
            for k, v in value.items()
        }
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise TableError(f"{where}：应为映射，实为 {value!r}")
        return make(typing.cast(type, hint), value, where)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return value  # a weight written 52 stays the int 52, as it was in code
    if hint in (str, int, float, bool) and (
        not isinstance(value, hint) or (hint is int and isinstance(value, bool))
    ):
        raise TableError(f"{where}：{value!r} 不是 {hint.__name__}")
    return value


def make(row_type: type[T], values: Mapping[str, Any], where: str = "") -> T:
    """One dataclass row from a YAML mapping: unknown keys and missing required ones fail."""
    fields = _fields(row_type, where)
    names = {f.name for f in fields}
    unknown = set(values) - names
    if unknown:
        raise TableError(f"{where}：未知字段 {sorted(unknown)}")
    hints = _hints(row_type)
    kwargs = {}
    for f in fields:
        if f.name in values:
            kwargs[f.name] = _value(values[f.name], hints[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise TableError(f"{where}：缺少字段 {f.name!r}")
    return row_type(**kwargs)


def read_yaml(path: Path) -> Any:
    """A YAML file's plain values (the C loader where PyYAML has it: it is several times faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as f:
        # Safe either way: CSafeLoader and SafeLoader build plain values only.
        return yaml.load(f, Loader=loader)


def read_csv(path: Path, row_type: type[T]) -> tuple[T, ...]:
    """Every row of a CSV file as ``row_type``, in file order (order is part of the plan)."""
    fields = _fields(row_type, str(path))
    hints = _hints(row_type)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(line for line in f if not line.startswith("#"))
        header = reader.fieldnames or []
        names = {f.name for f in fields}
        required = {
            f.name
            for f in fields
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        }
        if set(header) - names or required - set(header):
            raise TableError(
                f"{path.name}：表头 {header} 与 {row_type.__name__} 的字段 {sorted(names)} 不符"
            )
        rows = []
        for n, row in enumerate(reader, 1):
            if None in row or any(v is None for v in row.values()):
                raise TableError(f"{path.name} 第 {n} 条记录：列数与表头不符")
            rows.append(
                row_type(
                    **{
                        k: _cell(v, hints[k], f"{path.name} 第 {n} 条记录 {k}")
                        for k, v in row.items()
                    }
                )
            )
    return tuple(rows)
