"""The built-in library of national laws and regulations: its manifest and its loader.

The manifest (data/laws/manifest.yaml) names each text, its versions with their official dates
and 文号, the source file of each version and that file's SHA-256. The files are data kept
outside the repository, in the law library folder; loading checks each file's digest, parses it
into provisions and replaces a version only when its source changed, so loading is idempotent.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from .choices import TextState
from .models import LegalText, Provision, TextVersion
from .parsing import Node, parse
from .segment import index_words

MANIFEST = Path(__file__).resolve().parent / "data" / "laws" / "manifest.yaml"
# src/fazhi/domains/rulemaking → the checkout's root (when run from a checkout).
CHECKOUT = Path(__file__).resolve().parents[4]


class LibraryError(RuntimeError):
    """The library cannot be loaded (a Chinese message saying what is missing or wrong)."""


@lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    with MANIFEST.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def library_dirs() -> list[Path]:
    """Where the library's files are looked for, in order."""
    out = []
    if os.environ.get("FAZHI_LAW_LIBRARY"):
        out.append(Path(os.environ["FAZHI_LAW_LIBRARY"]))
    out += [CHECKOUT.parent / "shared" / "laws", CHECKOUT / "var" / "laws"]
    return out


def library_dir() -> Path | None:
    """The first folder holding every file the manifest names, or None."""
    for folder in library_dirs():
        if folder.is_dir() and all((folder / v["path"]).is_file() for v in _versions()):
            return folder
    return None


def _versions() -> list[dict[str, Any]]:
    return [v for t in manifest()["texts"] for v in t["versions"]]


def materialize(git_dir: Path, target: Path) -> int:
    """Copy the manifest's files out of a clone of the source repository at the manifest's
    commit into ``target``, checking each digest; the number of files written."""
    commit = manifest()["source"]["commit"]
    written = 0
    for version in _versions():
        blob = subprocess.run(
            ["git", "-C", str(git_dir), "show", f"{commit}:{version['path']}"],
            capture_output=True,
            check=False,
        )
        if blob.returncode != 0:
            raise LibraryError(f"来源仓库中没有 {version['path']}（{commit[:10]}）")
        if hashlib.sha256(blob.stdout).hexdigest() != version["sha256"]:
            raise LibraryError(f"{version['path']} 的摘要与清单不符")
        out = target / version["path"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(blob.stdout)
        written += 1
    return written


@dataclass
class LoadResult:
    texts: int = 0
    versions_loaded: int = 0
    versions_kept: int = 0
    provisions: int = 0
    notes: list[str] = field(default_factory=list)


def _source(path: str) -> str:
    src = manifest()["source"]
    return f"{src['repository']}@{src['commit'][:12]}:{path}"


def version_states(
    versions: list[dict[str, Any]], ended: str | None, today: date
) -> list[tuple[date | None, str]]:
    """(effective_until, state) of each version, ordered by effective date: a version ends the
    day before the next one takes effect (已修改), or on its own end date (the text's ``ended``
    state: repealed, expired, declared invalid; 已修改 when a later version is not recorded)."""
    out: list[tuple[date | None, str]] = []
    for i, version in enumerate(versions):
        following = versions[i + 1] if i + 1 < len(versions) else None
        until: date | None = version.get("effective_until")
        if following is not None:
            # The last day in force is the day before the next version takes effect.
            until = date.fromordinal(following["effective_from"].toordinal() - 1)
        if version["effective_from"] > today:
            state = TextState.NOT_YET_EFFECTIVE
        elif until is not None and until < today:
            state = TextState.AMENDED if following or not ended else TextState(ended)
        else:
            state = TextState.IN_FORCE
        out.append((until, state))
    return out


def load_library(
    folder: Path | None = None, *, today: date | None = None, only: set[str] | None = None
) -> LoadResult:
    """Load (or refresh) every text of the manifest (``only`` these keys) from ``folder``."""
    folder = folder or library_dir()
    if folder is None:
        tried = "、".join(str(p) for p in library_dirs())
        raise LibraryError(
            f"未找到法规库文件（已查找：{tried}）。请按 {MANIFEST.name} 放置文件，"
            "或运行 fazhi law_library materialize --from-git <来源仓库>"
        )
    today = today or timezone.localdate()
    result = LoadResult()
    for entry in manifest()["texts"]:
        if only is not None and entry["key"] not in only:
            continue
        with transaction.atomic():
            _load_text(folder, entry, today, result)
        result.texts += 1
    return result


def _load_text(folder: Path, entry: dict[str, Any], today: date, result: LoadResult) -> None:
    versions = sorted(entry["versions"], key=lambda v: v["effective_from"])
    states = version_states(versions, entry.get("ended"), today)
    text, _ = LegalText.objects.update_or_create(
        library_key=entry["key"],
        defaults={
            "kind": entry["kind"],
            "title": entry["title"],
            "short_title": entry["key"],
            "issuing_body": entry["issuing_body"],
            "state": states[-1][1],
            "public": True,
            "note": entry.get("missing", ""),
        },
    )
    if entry.get("missing"):
        result.notes.append(f"{entry['key']}：{entry['missing']}")
    for spec, (until, state) in zip(versions, states, strict=True):
        path = folder / spec["path"]
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != spec["sha256"]:
            raise LibraryError(f"{path} 的摘要与清单不符（文件被改动或版本不对）")
        fields = {
            "doc_number": spec.get("doc_number") or "",
            "promulgated_on": spec["promulgated_on"],
            "effective_from": spec["effective_from"],
            "effective_until": until,
            "state": state,
            "source": _source(spec["path"]),
        }
        version = TextVersion.objects.filter(text=text, label=spec["label"]).first()
        if version is not None and version.source_digest == digest:
            TextVersion.objects.filter(pk=version.pk).update(**fields)
            result.versions_kept += 1
            continue
        if version is not None:
            version.provisions.all().delete()
            TextVersion.objects.filter(pk=version.pk).update(source_digest=digest, **fields)
        else:
            version = TextVersion.objects.create(
                text=text, label=spec["label"], source_digest=digest, **fields
            )
        result.provisions += store_provisions(version, parse(raw.decode("utf-8")).nodes)
        result.versions_loaded += 1


def store_provisions(version: TextVersion, roots: list[Node]) -> int:
    """Write a parsed tree as the version's provision rows, a level at a time (parents first,
    so each child's parent id is known), the articles with their index words."""
    position = 0
    order: dict[int, int] = {}
    for root in roots:
        for node in root.walk():
            position += 1
            order[id(node)] = position
    created = 0
    layer: list[tuple[Node, Provision | None]] = [(n, None) for n in roots]
    while layer:
        rows = [
            Provision(
                version=version,
                parent=parent,
                level=node.level,
                number=node.number,
                label=node.label,
                path=node.path,
                heading=node.heading,
                body=node.body,
                position=order[id(node)],
                search_text=index_words(node.body) if node.level == "article" else "",
            )
            for node, parent in layer
        ]
        saved = Provision.objects.bulk_create(rows)
        created += len(saved)
        layer = [
            (child, row)
            for (node, _), row in zip(layer, saved, strict=True)
            for child in node.children
        ]
    return created
