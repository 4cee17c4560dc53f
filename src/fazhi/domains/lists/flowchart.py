"""职权运行流程图: a power item's procedure drawn as SVG, by code, from its declared steps.

The steps come from the item's version (``PowerItemVersion.steps``: name, actor, limit); an
item that declares none gets the standard procedure of its kind, so every item has a chart.
Pure Python, no graphviz or other program at run time: boxes top to bottom, joined by arrows,
one column narrow enough for a phone. Drawn when first asked for and cached per version (a
version's steps never change once recorded; a change to the item makes a new version).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from django.core.cache import cache

from .choices import PowerKind

# Bump when the drawing changes, so charts cached by an older renderer are not served.
RENDERER = 1
CACHE_SECONDS = 60 * 60 * 24 * 30


@dataclass(frozen=True)
class Step:
    name: str
    actor: str = ""
    limit: str = ""
    # What the step requires (e.g. two officers showing their credentials); optional.
    note: str = ""
    # A step that happens only in some cases (e.g. 听证, only when the party asks for it).
    optional: bool = False


def _s(name: str, actor: str = "", limit: str = "", note: str = "", optional: bool = False) -> Step:
    return Step(name, actor, limit, note, optional)


# The standard procedure of each kind, used when an item declares no steps of its own. The
# limits are the statutory ones (行政许可法 第三十二条、第四十二条、第四十四条; 行政处罚法
# 第六十条、第六十一条、第六十四条、第六十七条; 行政强制法 第十八条).
_ON_APPLICATION = (
    _s("申请", "申请人", note="网上或窗口提交申请材料"),
    _s("受理", "受理窗口", "材料不全的，当场或5个工作日内一次告知补正"),
    _s("审查", "承办机构", note="需实地核查的，指派两名以上工作人员"),
    _s("决定", "部门负责人", "受理之日起20个工作日内（法律法规另有规定的从其规定）"),
    _s("送达", "受理窗口", "作出准予决定之日起10个工作日内"),
)
DEFAULT_STEPS: dict[str, tuple[Step, ...]] = {
    PowerKind.LICENSING: _ON_APPLICATION,
    PowerKind.PENALTY: (
        _s("立案", "执法机构", note="经负责人批准"),
        _s("调查取证", "两名以上执法人员", note="出示执法证件，制作笔录"),
        _s("告知", "执法机构", note="告知拟处罚内容及陈述、申辩、听证等权利"),
        _s("听证", "非本案调查人员主持", "当事人在告知后5个工作日内提出", optional=True),
        _s("决定", "部门负责人", "立案之日起90日内（另有规定的从其规定）"),
        _s("送达", "执法机构", "当事人不在场的，7个工作日内送达"),
        _s("执行", "当事人", "收到决定书之日起15日内缴纳罚款"),
    ),
    PowerKind.COERCION: (
        _s("报批", "执法机构", note="实施前向负责人报告并经批准"),
        _s("通知当事人到场", "两名以上执法人员", note="出示执法证件"),
        _s("告知", "执法人员", note="当场告知理由、依据及依法享有的权利、救济途径"),
        _s("听取陈述和申辩", "执法人员"),
        _s("实施并制作现场笔录", "执法人员", note="当事人和执法人员签名或盖章"),
        _s("送达决定书", "执法机构"),
    ),
    PowerKind.INSPECTION: (
        _s("制定检查计划", "执法机构"),
        _s("随机抽取检查对象和人员", "执法机构", note="双随机、一公开"),
        _s("实施检查", "两名以上执法人员", note="出示执法证件"),
        _s("处理检查结果", "执法机构", note="发现违法行为的依法处理"),
        _s("公开检查结果", "执法机构"),
    ),
    PowerKind.LEVY: (
        _s("核定", "征收机关"),
        _s("告知", "征收机关", note="告知征收依据、标准和期限"),
        _s("决定", "部门负责人"),
        _s("送达", "征收机关"),
        _s("缴纳", "缴纳义务人"),
    ),
    PowerKind.ADJUDICATION: (
        _s("申请", "申请人"),
        _s("受理", "受理窗口"),
        _s("通知答辩", "承办机构"),
        _s("审理", "承办机构"),
        _s("裁决", "部门负责人"),
        _s("送达", "受理窗口"),
    ),
    PowerKind.REWARD: (
        _s("申报或推荐", "申请人或推荐单位"),
        _s("审核", "承办机构"),
        _s("公示", "承办机构"),
        _s("决定", "部门负责人"),
        _s("颁发", "承办机构"),
    ),
    PowerKind.BENEFIT: _ON_APPLICATION,
    PowerKind.CONFIRMATION: _ON_APPLICATION,
    PowerKind.OTHER: _ON_APPLICATION,
}
_OPTIONAL_NAME = re.compile(r"^[（(](.+)[）)]$")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value}个工作日"
    return str(value).strip()


def parse_steps(raw: Any) -> list[Step]:
    """The declared steps, tolerating what a spreadsheet import may leave behind.

    A step is a dict with a name (and optionally actor, limit, note) or a bare string;
    anything without a name is skipped.
    A name in parentheses, like （听证）, marks a step taken only in some cases.
    """
    steps: list[Step] = []
    if not isinstance(raw, list | tuple):
        return steps
    for entry in raw:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, Mapping):
            continue
        name = _text(entry.get("name"))
        optional = bool(entry.get("optional"))
        match = _OPTIONAL_NAME.match(name)
        if match:
            name, optional = match.group(1).strip(), True
        if name:
            steps.append(
                Step(
                    name,
                    _text(entry.get("actor")),
                    _text(entry.get("limit")),
                    _text(entry.get("note")),
                    optional,
                )
            )
    return steps


def steps_for(version: Any) -> list[Step]:
    """The item's declared steps, or the standard procedure of its kind when it declares none."""
    steps = parse_steps(getattr(version, "steps", None))
    return steps or list(DEFAULT_STEPS.get(version.kind, _ON_APPLICATION))


def steps_are_declared(version: Any) -> bool:
    return bool(parse_steps(getattr(version, "steps", None)))


# ---------------------------------------------------------------------------------------------
# Drawing. Units are CSS pixels at 100%; the SVG scales to the width of its container.

WIDTH = 360
BOX_X = 24
BOX_W = WIDTH - 2 * BOX_X
PAD = 10
NAME_SIZE = 16
NOTE_SIZE = 13
TITLE_SIZE = 15
GAP = 30  # vertical room for an arrow between two boxes
FONT = "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif"
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text safe for an XML text node or attribute: no illegal control characters, escaped."""
    return escape(_XML_ILLEGAL.sub("", text), quote=True)


def _char_width(ch: str) -> float:
    """Approximate advance of one character in ems: CJK and full-width glyphs are square."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.56


def wrap(text: str, size: int, width: float) -> list[str]:
    """Break text into lines that fit ``width`` pixels (Chinese breaks between any two chars)."""
    text = _XML_ILLEGAL.sub("", " ".join(text.split()))
    lines: list[str] = []
    line, used = "", 0.0
    for ch in text:
        w = _char_width(ch) * size
        if line and used + w > width:
            lines.append(line.rstrip())
            line, used = ("", 0.0) if ch == " " else (ch, w)
            continue
        line += ch
        used += w
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _text_lines(
    lines: Sequence[str], *, y: float, size: int, weight: str = "normal", fill: str = "#1f2328"
) -> tuple[list[str], float]:
    out = []
    for line in lines:
        y += size * 1.3
        out.append(
            f'<text x="{WIDTH / 2:g}" y="{y - size * 0.3:.1f}" font-size="{size}" '
            f'font-weight="{weight}" fill="{fill}" text-anchor="middle">{_clean(line)}</text>'
        )
    return out, y


def _arrow(y_top: float, y_bottom: float) -> list[str]:
    x = WIDTH / 2
    tip = y_bottom - 1
    return [
        f'<line x1="{x:g}" y1="{y_top:.1f}" x2="{x:g}" y2="{tip - 7:.1f}" '
        'stroke="#59636e" stroke-width="2"/>',
        f'<polygon points="{x - 6:g},{tip - 9:.1f} {x + 6:g},{tip - 9:.1f} {x:g},{tip:.1f}" '
        'fill="#59636e"/>',
    ]


def _terminal(label: str, y: float) -> tuple[list[str], float]:
    h = 30
    w = 96
    x = (WIDTH - w) / 2
    parts = [
        f'<rect x="{x:g}" y="{y:.1f}" width="{w}" height="{h}" rx="15" fill="#f6f8fa" '
        'stroke="#59636e" stroke-width="1.5"/>',
        f'<text x="{WIDTH / 2:g}" y="{y + 20:.1f}" font-size="{NOTE_SIZE + 1}" fill="#1f2328" '
        f'text-anchor="middle">{_clean(label)}</text>',
    ]
    return parts, y + h


def _box(step: Step, index: int, y: float) -> tuple[list[str], float]:
    inner = BOX_W - 2 * PAD
    name = f"{index}. {step.name}" + ("（视情形）" if step.optional else "")
    body: list[str] = []
    top = y
    lines, y = _text_lines(wrap(name, NAME_SIZE, inner), y=y + PAD, size=NAME_SIZE, weight="bold")
    body += lines
    for label, value in (("承办", step.actor), ("时限", step.limit), ("要求", step.note)):
        if value:
            lines, y = _text_lines(
                wrap(f"{label}：{value}", NOTE_SIZE, inner), y=y, size=NOTE_SIZE, fill="#59636e"
            )
            body += lines
    y += PAD
    dash = ' stroke-dasharray="6 4"' if step.optional else ""
    rect = (
        f'<rect x="{BOX_X}" y="{top:.1f}" width="{BOX_W}" height="{y - top:.1f}" rx="6" '
        f'fill="#ffffff" stroke="#b3261e" stroke-width="2"{dash}/>'
    )
    return [rect, *body], y


def draw(steps: Iterable[Step], *, title: str = "", chart_id: str = "chart") -> str:
    """An SVG document of the steps, top to bottom, between 开始 and 结束."""
    parts: list[str] = []
    y = 8.0
    if title:
        lines, y = _text_lines(wrap(title, TITLE_SIZE, WIDTH - 16), y=y, size=TITLE_SIZE)
        parts += lines
        y += 8
    shapes, y = _terminal("开始", y)
    parts += shapes
    for i, step in enumerate(steps, start=1):
        parts += _arrow(y, y + GAP)
        shapes, y = _box(step, i, y + GAP)
        parts += shapes
    parts += _arrow(y, y + GAP)
    shapes, y = _terminal("结束", y + GAP)
    parts += shapes
    height = y + 8
    label = f"{title}流程图" if title else "流程图"
    safe_id = re.sub(r"[^A-Za-z0-9_-]", "-", chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" style="max-width:{WIDTH * 1.4:.0f}px;height:auto" role="img" '
        f'aria-labelledby="{safe_id}-title" font-family="{_clean(FONT)}">'
        f'<title id="{safe_id}-title">{_clean(label)}</title>' + "".join(parts) + "</svg>"
    )


def _digest(version: Any, steps: Sequence[Step]) -> str:
    # The key also carries a digest of what is drawn: a version id reused after a database
    # rebuild (the demo reloads its data) can never serve another item's chart.
    raw = json.dumps(
        [version.name, [(s.name, s.actor, s.limit, s.note, s.optional) for s in steps]],
        ensure_ascii=False,
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def cache_key(version: Any, steps: Sequence[Step] | None = None) -> str:
    steps = steps_for(version) if steps is None else steps
    return f"fazhi:lists:flowchart:r{RENDERER}:{version.pk}:{_digest(version, steps)}"


def flowchart_svg(version: Any) -> str:
    """The chart of a power item's version, drawn on first request and then cached."""
    steps = steps_for(version)
    key = cache_key(version, steps)
    svg = cache.get(key)
    if svg is None:
        svg = draw(steps, title=version.name, chart_id=f"flowchart-{version.pk}")
        cache.set(key, svg, CACHE_SECONDS)
    return svg
