"""Every legal basis Fazhi names, linked to the provision it cites.

A basis is a citation string beside a rule: a declared period's article (in force over the
period version's dates), a workflow step's basis and a refusal's (the law as it stands today),
and any ``basis="…"`` written in the source. ``check`` resolves each reference on each date its
rule was in force (the start of the rule's version, and the start of every library version
within it): a reference to an article that the version in force does not have is an error; a
text or a version the library does not hold is reported as not linked.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .citations import (
    CitationError,
    ProvisionNotFound,
    Reference,
    UnknownText,
    VersionNotFound,
    find_text,
    parse_citation,
    resolve_reference,
)

SOURCE = Path(__file__).resolve().parents[2]  # src/fazhi


@dataclass(frozen=True)
class BasisUse:
    basis: str
    where: str
    start: date
    end: date | None = None  # the last day the rule was in force (None: still is)


@dataclass(frozen=True)
class Finding:
    use: BasisUse
    reference: Reference | None
    on: date
    kind: str  # ok · missing_provision · unknown_text · no_version · unparsed
    message: str = ""

    def __str__(self) -> str:
        return f"{self.use.where}：{self.use.basis}（{self.on}）→ {self.kind} {self.message}"


def period_uses() -> list[BasisUse]:
    from fazhi.core.clock import statutes

    out: list[BasisUse] = []
    for sp in statutes.all_periods():
        for i, version in enumerate(sp.versions):
            following = sp.versions[i + 1] if i + 1 < len(sp.versions) else None
            end = (
                date.fromordinal(following.effective_from.toordinal() - 1)
                if following
                else sp.in_force_until
            )
            where = f"期间 {sp.key}（{version.effective_from} 起）"
            for basis in {
                version.period.basis,
                version.lapse.basis if version.lapse else "",
                version.extension.basis if version.extension else "",
            }:
                if basis:
                    out.append(BasisUse(basis, where, version.effective_from, end))
    return out


def step_uses(today: date) -> list[BasisUse]:
    from fazhi.core.casework.workflow import workflows

    return [
        BasisUse(step.basis, f"步骤 {wf.kind}:{step.name}", today)
        for wf in workflows()
        for step in wf.transitions.values()
        if step.basis
    ]


def _constant(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def source_uses(today: date, root: Path = SOURCE) -> list[BasisUse]:
    """``basis="…"`` keywords and ``Refusal(message, "…")`` arguments written in the source."""
    out: list[BasisUse] = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "basis" not in source and "Refusal" not in source:
            continue
        tree = ast.parse(source, str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            found = [_constant(k.value) for k in node.keywords if k.arg == "basis"]
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "Refusal" and len(node.args) > 1:
                found.append(_constant(node.args[1]))
            where = f"{path.relative_to(root.parent)}:{node.lineno}"
            out += [BasisUse(b, where, today) for b in found if b]
    return out


def data_uses(today: date, root: Path = SOURCE) -> list[BasisUse]:
    """``basis: …`` entries of the shipped YAML data (publication rules and the like)."""
    import yaml

    out: list[BasisUse] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "basis" and isinstance(value, str) and value:
                    out.append(BasisUse(value, where, today))
                else:
                    walk(value, where)
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for path in sorted(root.rglob("*.yaml")):
        source = path.read_text(encoding="utf-8")
        if "basis:" in source:
            walk(yaml.load(source, Loader=_loader()), str(path.relative_to(root.parent)))
    return out


def _loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def all_uses(today: date) -> list[BasisUse]:
    return period_uses() + step_uses(today) + source_uses(today) + data_uses(today)


def period_value_findings() -> list[str]:
    """Declared periods whose number does not occur in the article they cite (in the version
    in force on the period's effective date): a cited article that exists but says something
    else (信访工作条例 第三十三条 for the 60 days of 第三十四条)."""
    from fazhi.core.clock import statutes

    from .numerals import to_chinese

    out: list[str] = []
    for sp in statutes.all_periods():
        for version in sp.versions:
            for period in filter(None, (version.period, version.extension)):
                bodies = []
                for reference in parse_citation(period.basis):
                    if not reference.path:
                        continue
                    try:
                        found = resolve_reference(reference, version.effective_from).provision
                    except CitationError:
                        continue
                    if found is not None:
                        bodies.append(found.body)
                forms = [str(period.amount), to_chinese(period.amount)]
                if period.amount == 2:
                    forms.append("两")  # 两个月, 两年: 二 is not written before a measure word
                if bodies and not any(f in body for f in forms for body in bodies):
                    out.append(
                        f"期间 {sp.key}（{version.effective_from} 起）"
                        f"{period.amount} {period.unit}：{period.basis} 的条文中没有这个数"
                    )
    return out


def _dates(reference: Reference, use: BasisUse) -> list[date]:
    """The rule's start, and the start of every library version in force within its dates."""
    out = [use.start]
    try:
        text = find_text(reference.name)
    except UnknownText:
        return out
    for version in text.versions.exclude(effective_from__isnull=True):
        begins = version.effective_from
        assert begins is not None
        if begins > use.start and (use.end is None or begins <= use.end):
            out.append(begins)
    return out


def check(uses: Iterable[BasisUse]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple[str, date, date | None]] = set()
    # The same reference on the same date resolves the same way: asked once.
    answers: dict[tuple[Reference, date], tuple[str, str]] = {}
    for use in uses:
        key = (use.basis, use.start, use.end)
        if key in seen:
            continue
        seen.add(key)
        references = parse_citation(use.basis)
        if not references:
            out.append(Finding(use, None, use.start, "unparsed", "不是法律条文引用"))
            continue
        for reference in references:
            for on in _dates(reference, use):
                key2 = (Reference(reference.name, reference.year, reference.path, ""), on)
                if key2 not in answers:
                    found = _check_one(use, reference, on)
                    answers[key2] = (found.kind, found.message)
                kind, message = answers[key2]
                out.append(Finding(use, reference, on, kind, message))
    return out


def _check_one(use: BasisUse, reference: Reference, on: date) -> Finding:
    try:
        resolve_reference(reference, on)
    except ProvisionNotFound as exc:
        return Finding(use, reference, on, "missing_provision", str(exc))
    except UnknownText as exc:
        return Finding(use, reference, on, "unknown_text", str(exc))
    except VersionNotFound as exc:
        return Finding(use, reference, on, "no_version", str(exc))
    except CitationError as exc:  # pragma: no cover - the three above are all there are
        return Finding(use, reference, on, "unparsed", str(exc))
    return Finding(use, reference, on, "ok")


__all__ = ["BasisUse", "Finding", "all_uses", "check", "period_value_findings"]
