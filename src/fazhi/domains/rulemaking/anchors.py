"""A provision's stable identity across the drafts of one text, so that comments stay attached.

The rule (documented in docs/architecture.md's rulemaking note as well):

1. Comments attach to articles (条), the unit the public comments on and ``compare.py`` matches;
   a comment on the draft as a whole has no anchor.
2. Every article of the first draft gets a new anchor (keys T1, T2, … in order).
3. When the draft is revised, the new draft's articles are matched to the previous draft's with
   ``compare.compare`` — identical wording first (same path: unchanged; another path:
   renumbered), then similar wording (ratio ≥ ``compare.SIMILAR``, the same path tried first).
   A matched article carries the anchor of the article it came from, so its comments follow it
   to its new number; an added article gets a new anchor.
4. An article that was removed keeps its anchor without a placement in the new draft: its
   comments stay on record and are shown as "本条已删除" (and are answered in the feedback).

The match of each placement (``match``, ``similarity``) is stored so that a reviewer can see why
a comment now sits on another number.
"""

from __future__ import annotations

from django.db import transaction

from .compare import compare
from .models import AnchorPlacement, Draft, Provision, ProvisionAnchor, TextVersion


def _next_key(draft: Draft) -> str:
    return f"T{draft.anchors.count() + 1}"


@transaction.atomic
def place(draft: Draft, version: TextVersion, previous: TextVersion | None) -> int:
    """Give every article of ``version`` its anchor, carried from ``previous`` where
    ``compare`` matches it; returns the number of new anchors."""
    created = 0
    carried: dict[int, tuple[ProvisionAnchor, str, float]] = {}
    if previous is not None:
        by_provision = {
            p.provision_id: p.anchor
            for p in AnchorPlacement.objects.filter(version=previous).select_related("anchor")
        }
        for change in compare(previous, version, unchanged=True):
            if change.old is None or change.new is None:
                continue
            anchor = by_provision.get(change.old.pk)
            if anchor is not None:
                carried[change.new.pk] = (anchor, str(change.kind), change.similarity)
    rows = []
    for article in version.articles():
        if article.pk in carried:
            anchor, match, similarity = carried[article.pk]
        else:
            anchor = ProvisionAnchor.objects.create(
                draft=draft, key=_next_key(draft), first_path=article.path
            )
            match, similarity = "added" if previous is not None else "first", 1.0
            created += 1
        rows.append(
            AnchorPlacement(
                anchor=anchor,
                version=version,
                provision=article,
                match=match,
                similarity=round(similarity, 3),
            )
        )
    AnchorPlacement.objects.bulk_create(rows)
    return created


def provision_of(anchor: ProvisionAnchor, version: TextVersion) -> Provision | None:
    """The article carrying ``anchor`` in ``version`` (None: removed by then)."""
    placement = (
        AnchorPlacement.objects.filter(anchor=anchor, version=version)
        .select_related("provision")
        .first()
    )
    return placement.provision if placement else None


def anchors_of(version: TextVersion) -> dict[int, ProvisionAnchor]:
    """Provision id → anchor for the articles of ``version``."""
    return {
        p.provision_id: p.anchor
        for p in AnchorPlacement.objects.filter(version=version).select_related("anchor")
    }
