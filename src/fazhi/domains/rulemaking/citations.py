"""Citations of provisions: "行政复议法 第二十条第一款" and a date → the provision in force then.

Other records (a period's basis, a step's refusal, a reconsideration request's incidental
review, a penalty decision's legal basis) cite a provision by the text's short title and the
provision's path; a year in brackets names a version (行政处罚法（1996）第四十二条). Several
citations may be joined with "；". A citation without an article names a text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from .library import manifest
from .models import LegalText, Provision, TextVersion, in_force_on
from .numerals import to_chinese, to_int
from .parsing import NUM

_HEAD = re.compile(
    r"^\s*《?(?P<name>(?:[^《》（()\s第；;]|《[^《》]+》)+)》?\s*(?P<tags>(?:[（(][^）)]*[）)]\s*)*)(?P<rest>.*)$"
)
_TAG_YEAR = re.compile(r"[（(]\s*(\d{4})\s*(?:年)?(?:修订|修正|公布)?\s*[）)]")
_REF = re.compile(
    rf"第(?P<art>{NUM}|\d+)条(?P<suffix>之[一二三四五六七八九十]+)?"
    rf"(?:第(?P<para>{NUM}|\d+)款)?(?:第[（(]?(?P<item>{NUM}|\d+)[)）]?项)?"
)
# What the name of a law, regulation, rule or document ends with.
_LAW_NAME = re.compile(r"(法|条例|规定|办法|细则|决定|规则|意见|通知|号)$")
_RANGE = re.compile(rf"第({NUM}|\d+)条(?:至|-|—|－)第?({NUM}|\d+)条")


class CitationError(LookupError):
    """A citation that does not resolve; the message (Chinese) says why."""


class UnknownText(CitationError):
    pass


class VersionNotFound(CitationError):
    pass


class ProvisionNotFound(CitationError):
    pass


@dataclass(frozen=True)
class Reference:
    name: str
    year: int | None
    path: str  # "" for a citation of the whole text
    raw: str

    def __str__(self) -> str:
        tag = f"（{self.year}）" if self.year else ""
        return f"{self.name}{tag}{(' ' + self.path) if self.path else ''}"


def _path(art: str, suffix: str | None, para: str | None, item: str | None) -> str:
    out = f"第{to_chinese(to_int(art))}条{suffix or ''}"
    if para:
        out += f"第{to_chinese(to_int(para))}款"
    if item:
        out += f"第{to_chinese(to_int(item))}项"
    return out


def normalise_name(name: str) -> str:
    name = name.strip().strip("《》")
    return name.removeprefix("中华人民共和国")


def parse_citation(citation: str) -> list[Reference]:
    """Every reference in ``citation`` ("；"-separated parts; ranges give both ends)."""
    out: list[Reference] = []
    for part in re.split(r"[；;]", citation):
        part = part.strip()
        if not part:
            continue
        head = _HEAD.match(part)
        if head is None or not head.group("name"):
            continue
        name = normalise_name(head.group("name"))
        year_match = _TAG_YEAR.search(head.group("tags") or "")
        year = int(year_match.group(1)) if year_match else None
        rest = head.group("rest")
        paths: list[str] = []
        for rng in _RANGE.finditer(rest):
            paths += [_path(rng.group(1), None, None, None), _path(rng.group(2), None, None, None)]
        rest = _RANGE.sub("", rest)
        for ref in _REF.finditer(rest):
            paths.append(_path(ref["art"], ref["suffix"], ref["para"], ref["item"]))
        if not paths and not _LAW_NAME.search(name):
            continue  # a reason or a note written beside a citation, not a citation
        for path in paths or [""]:
            out.append(Reference(name, year, path, part))
    return out


def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in manifest()["texts"]:
        for alias in entry.get("aliases", []):
            out[alias] = entry["key"]
    return out


def find_text(name: str) -> LegalText:
    name = normalise_name(name)
    name = _aliases().get(name, name)
    text = (
        LegalText.objects.filter(
            Q(short_title=name) | Q(title=name) | Q(title=f"中华人民共和国{name}")
        )
        .order_by("-public", "id")
        .first()
    )
    if text is None:
        raise UnknownText(f"法规库中没有《{name}》")
    return text


def version_for(text: LegalText, on: date, year: int | None = None) -> TextVersion:
    versions = text.versions.all()
    if year is not None:
        tagged = [
            v
            for v in versions
            if (v.promulgated_on and v.promulgated_on.year == year) or v.label.startswith(str(year))
        ]
        if not tagged:
            held = "、".join(v.label for v in versions) or "无"
            raise VersionNotFound(f"未收录《{text.short_title}》（{year}）版本（已收录：{held}）")
        return tagged[0]
    version = versions.filter(in_force_on(on)).order_by("-effective_from").first()
    if version is None:
        held = "、".join(
            f"{v.label}（{v.effective_from}起）" for v in versions.order_by("effective_from")
        )
        raise VersionNotFound(
            f"《{text.short_title}》在 {on.isoformat()} 没有已收录的施行版本"
            f"（已收录：{held or '无'}）"
        )
    return version


@dataclass(frozen=True)
class Resolved:
    reference: Reference
    text: LegalText
    version: TextVersion
    provision: Provision | None  # None for a citation of the whole text


def resolve_reference(reference: Reference, on: date) -> Resolved:
    text = find_text(reference.name)
    version = version_for(text, on, reference.year)
    if not reference.path:
        return Resolved(reference, text, version, None)
    provision = version.provisions.filter(path=reference.path).first()
    if provision is None:
        raise ProvisionNotFound(
            f"《{text.short_title}》（{version.label}，{version.effective_from}起施行）"
            f"没有{reference.path}"
        )
    return Resolved(reference, text, version, provision)


def resolve_all(citation: str, on: date) -> list[Resolved]:
    refs = parse_citation(citation)
    if not refs:
        raise CitationError(f"无法识别的引用：{citation!r}")
    return [resolve_reference(ref, on) for ref in refs]


def resolve(citation: str, on: date) -> Provision:
    """The one provision ``citation`` names, as in force on ``on``; CitationError otherwise."""
    resolved = resolve_all(citation, on)
    if len(resolved) != 1 or resolved[0].provision is None:
        raise CitationError(f"引用须指向唯一的条款：{citation!r}")
    return resolved[0].provision
