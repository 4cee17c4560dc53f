"""A text as of a date, and two versions compared article by article.

Articles are matched first by identical wording (the same path: unchanged; another path:
renumbered), then by similar wording (a revision that changed the words and, in a rewrite,
the number), and what is left over was added or removed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from .choices import ChangeKind
from .models import LegalText, Provision, TextVersion

# How alike two wordings must be to count as the same article revised.
SIMILAR = 0.6


def as_of(text: LegalText, on: date) -> TextVersion | None:
    return text.version_on(on)


@dataclass(frozen=True)
class Change:
    kind: str
    old: Provision | None
    new: Provision | None
    similarity: float = 1.0

    @property
    def label(self) -> str:
        return str(ChangeKind(self.kind).label)

    def inline_diff(self) -> list[tuple[str, str]]:
        """(op, text) runs of the wording: "=" same, "-" removed, "+" added."""
        a = self.old.body if self.old else ""
        b = self.new.body if self.new else ""
        out: list[tuple[str, str]] = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "equal":
                out.append(("=", a[i1:i2]))
            else:
                if i2 > i1:
                    out.append(("-", a[i1:i2]))
                if j2 > j1:
                    out.append(("+", b[j1:j2]))
        return out


def compare(old: TextVersion, new: TextVersion, *, unchanged: bool = False) -> list[Change]:
    """The changes from ``old`` to ``new`` in the new text's order (removals after); with
    ``unchanged``, the unchanged articles too."""
    a = list(old.articles())
    b = list(new.articles())
    used_a: set[int] = set()
    matched: dict[int, Change] = {}
    by_body: dict[str, list[Provision]] = {}
    for p in a:
        by_body.setdefault(p.body, []).append(p)
    # Identical wording: unchanged where the path is the same, renumbered otherwise.
    for p in b:
        candidates = [q for q in by_body.get(p.body, []) if q.pk not in used_a]
        if not candidates:
            continue
        same = next((q for q in candidates if q.path == p.path), candidates[0])
        used_a.add(same.pk)
        kind = "unchanged" if same.path == p.path else ChangeKind.RENUMBERED
        matched[p.pk] = Change(kind, same, p)
    # Similar wording, in order: the revised articles. The same path is tried first.
    rest_a = [q for q in a if q.pk not in used_a]
    for p in b:
        if p.pk in matched or not rest_a:
            continue
        best, score = None, 0.0
        ordered = sorted(rest_a, key=lambda q: q.path != p.path)
        for q in ordered:
            matcher = difflib.SequenceMatcher(None, q.body, p.body, autojunk=False)
            if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                continue
            ratio = matcher.ratio()
            if ratio > score:
                best, score = q, ratio
        if best is not None and score >= SIMILAR:
            rest_a.remove(best)
            used_a.add(best.pk)
            kind = ChangeKind.CHANGED if best.path == p.path else ChangeKind.RENUMBERED_CHANGED
            matched[p.pk] = Change(kind, best, p, score)
    out: list[Change] = []
    for p in b:
        change = matched.get(p.pk) or Change(ChangeKind.ADDED, None, p, 0.0)
        if change.kind != "unchanged" or unchanged:
            out.append(change)
    out += [Change(ChangeKind.REMOVED, q, None, 0.0) for q in a if q.pk not in used_a]
    return out


def summary(changes: list[Change]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.label] = counts.get(change.label, 0) + 1
    return counts
