"""办事指南: a service guide with all standard elements, generated from its power item.

Single source (同源发布): the guide stores only what is particular to its handling sub-item
(conditions, materials, where to apply, promised limit, fees). The department, legal basis,
statutory limit and steps are read from the item's version in effect, every time, so a change
to the item shows in all its guides. One structure (``GuideView.sections``) feeds both the
portal page and the Word download, so the two never disagree.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .choices import ListState
from .flowchart import Step, steps_for
from .models import FeeItemVersion, GuideMaterial, PowerItemVersion, ServiceGuide

CHINESE_NUMERALS = "一二三四五六七八九十"


def in_effect(versions: models.QuerySet, on: date) -> models.QuerySet:
    """Each item's version in effect on ``on``, whatever its state.

    The version whose [valid_from, valid_to) range covers the date; an item with no version
    that early (a draft, or an entry recorded ahead of its date) shows its open version, marked
    upcoming by its ``valid_from``. Versions are non-overlapping, so this is one row per item.
    """
    covering = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    earlier = versions.model._default_manager.filter(item=OuterRef("item"), valid_from__lte=on)
    upcoming = Q(valid_to__isnull=True, valid_from__gt=on) & ~Exists(earlier)
    return versions.filter(covering | upcoming)


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    table: Table | None = None


@dataclass(frozen=True)
class MaterialRow:
    order: int
    name: str
    source: str
    required: bool
    copies: int
    proof: str
    cut_on: date | None


def _limit(days: int | None) -> str:
    return f"{days}个工作日" if days else "—"


@dataclass
class GuideView:
    """Everything a guide shows, resolved from the guide and its item's version."""

    guide: ServiceGuide
    version: PowerItemVersion | None
    on: date
    materials: list[MaterialRow]
    cut_materials: list[MaterialRow]
    fees: list[tuple[str, str, str]]
    steps: list[Step]

    @property
    def item(self) -> Any:
        return self.guide.power_item

    @property
    def title(self) -> str:
        name = self.version.name if self.version else self.item.name
        sub = self.guide.sub_item
        if not sub or sub == name:
            return name
        # A sub-item usually repeats its item's name (食品经营许可（新办）): say it once.
        return sub if name in sub else f"{name}（{sub}）"

    @property
    def department(self) -> Any:
        return self.version.department if self.version else self.item.department

    @property
    def legal_basis(self) -> str:
        return self.version.legal_basis if self.version else ""

    @property
    def basis_url(self) -> str:
        return self.version.basis_url if self.version else ""

    @property
    def statutory_limit(self) -> int | None:
        return self.version.statutory_limit if self.version else None

    @property
    def promised_limit(self) -> int | None:
        if self.guide.promised_limit:
            return self.guide.promised_limit
        return self.version.promised_limit if self.version else None

    @property
    def in_force(self) -> bool:
        return self.version is not None and self.version.state == ListState.IN_FORCE

    @property
    def notice(self) -> str:
        """Why the guide may not apply: its item is cancelled, a draft or not yet in force."""
        v = self.version
        if v is None:
            return "该事项暂无有效版本。"
        if v.state == ListState.CANCELLED:
            return (
                f"该事项已于 {v.valid_from.isoformat()} {v.get_action_display()}，本指南仅供查阅。"
            )
        if v.state == ListState.DRAFT:
            return "该事项为草稿，尚未公布。"
        if v.valid_from > self.on:
            return f"该事项自 {v.valid_from.isoformat()} 起施行。"
        return ""

    def remedies(self) -> list[str]:
        # 行政复议法 第二十条、第二十四条 (STATUTES.md A1); 行政诉讼法 第四十六条 (L4).
        government = getattr(self.department, "parent", None)
        body = f"{government.name}" if government is not None else "复议机关"
        return [
            f"申请人对办理结果不服的，可以自知道该行政行为之日起六十日内，依法向{body}申请"
            "行政复议（《中华人民共和国行政复议法》第二十条）；",
            "也可以自知道或者应当知道作出行政行为之日起六个月内，依法向人民法院提起行政诉讼"
            "（《中华人民共和国行政诉讼法》第四十六条）。",
        ]

    def sections(self) -> list[Section]:
        g, v = self.guide, self.version
        basics = Table(
            ["项目", "内容"],
            [
                ["事项名称", v.name if v else self.item.name],
                ["办理项", g.sub_item],
                ["指南编码", g.code],
                ["事项编码", self.item.code],
                ["事项编码（省库）", self.item.catalog_code or "—"],
                ["事项类型", v.get_kind_display() if v else self.item.get_kind_display()],
                ["实施主体", str(self.department)],
            ],
        )
        basis = [self.legal_basis or "—"]
        if self.basis_url:
            basis.append(f"依据原文：{self.basis_url}")
        conditions = [line.strip() for line in g.conditions.splitlines() if line.strip()]
        materials = Table(
            ["序号", "材料名称", "来源", "是否必须", "份数"],
            [
                [
                    str(m.order),
                    m.name + (f"（证明事项：{m.proof}）" if m.proof else ""),
                    m.source,
                    "必须" if m.required else "非必须",
                    str(m.copies),
                ]
                for m in self.materials
            ],
        )
        material_lines = [] if self.materials else ["无需提交材料。"]
        if self.cut_materials:
            cut = "、".join(
                f"{m.name}（{m.cut_on.isoformat()}）" for m in self.cut_materials if m.cut_on
            )
            material_lines.append(f"以下材料已精减，无需提供：{cut}。")
        steps = []
        for i, s in enumerate(self.steps, start=1):
            detail = "；".join(
                x
                for x in (s.actor and f"承办：{s.actor}", s.limit and f"时限：{s.limit}", s.note)
                if x
            )
            suffix = "（视情形）" if s.optional else ""
            steps.append(f"{i}. {s.name}{suffix}" + (f"——{detail}" if detail else ""))
        fees = (
            Table(["收费项目", "收费标准", "定价文件"], [list(f) for f in self.fees])
            if self.fees
            else None
        )
        where = [
            f"办理地点：{g.where or '—'}",
            f"办理方式：{'可网上办理，也可窗口办理' if g.online else '窗口办理'}",
            f"到办事现场次数：{g.trips}次",
        ]
        return [
            Section("基本信息", table=basics),
            Section("设定依据", basis),
            Section("受理条件", conditions or ["—"]),
            Section("申请材料", material_lines, materials if self.materials else None),
            Section("办理流程", steps),
            Section(
                "办理时限",
                [
                    f"法定办结时限：{_limit(self.statutory_limit)}",
                    f"承诺办结时限：{_limit(self.promised_limit)}",
                ],
            ),
            Section("收费标准", [] if fees else [g.fee_note or "不收费"], fees),
            Section("办理地点和方式", where),
            Section("救济途径", self.remedies()),
        ]


def _material_row(m: GuideMaterial) -> MaterialRow:
    return MaterialRow(
        m.order,
        m.name,
        m.get_source_display(),
        m.required,
        m.copies,
        m.proof.name if m.proof is not None else "",
        m.cut_on,
    )


def build_guide(
    guide: ServiceGuide,
    *,
    versions: models.QuerySet | None = None,
    materials: models.QuerySet | None = None,
    fee_versions: models.QuerySet | None = None,
    on: date | None = None,
) -> GuideView:
    """Resolve a guide against its item's version in effect on ``on`` (today by default).

    Request paths pass querysets that went through ``restrict``; system code (batch exports,
    tests) may leave them out and read the guide's own relations.
    """
    on = on or timezone.localdate()
    versions = versions if versions is not None else PowerItemVersion.objects.all()
    version = (
        in_effect(versions.filter(item_id=guide.power_item_id), on)
        .select_related("department__parent")
        .first()
    )
    materials = materials if materials is not None else GuideMaterial.objects.all()
    rows = [
        _material_row(m)
        for m in materials.filter(guide=guide).select_related("proof").order_by("order", "id")
    ]
    fee_versions = fee_versions if fee_versions is not None else FeeItemVersion.objects.all()
    fee_ids = guide.fee_items.values("pk")
    fees = [
        (f.name, f.standard + (f"/{f.unit}" if f.unit else ""), f.pricing_document or "—")
        for f in in_effect(fee_versions.filter(item_id__in=fee_ids), on)
        .filter(state=ListState.IN_FORCE)
        .order_by("item__code")
    ]
    return GuideView(
        guide=guide,
        version=version,
        on=on,
        materials=[r for r in rows if r.cut_on is None or r.cut_on > on],
        cut_materials=[r for r in rows if r.cut_on is not None and r.cut_on <= on],
        fees=fees,
        steps=steps_for(version) if version is not None else [],
    )


# ---------------------------------------------------------------------------------------------
# Word download, laid out like an official document (GB/T 9704: A4, 3号仿宋 body, 2号小标宋
# title, 黑体 headings). Fonts fall back to whatever the reader's Word has installed.

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(12)  # 小四


def _clean(text: str) -> str:
    """XML cannot carry control characters; one in a record must not break the document."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(text))


def _font(run: Any, name: str, size: Any, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(doc: Any, text: str, *, font: str = BODY_FONT, size: Any = BODY_SIZE) -> Any:
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)  # two characters
    p.paragraph_format.line_spacing = Pt(28)
    _font(p.add_run(_clean(text)), font, size)
    return p


def _table(doc: Any, table: Table) -> None:
    t = doc.add_table(rows=1, cols=len(table.headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, table.headers, strict=True):
        _font(cell.paragraphs[0].add_run(_clean(text)), HEADING_FONT, TABLE_SIZE)
    for row in table.rows:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            _font(cell.paragraphs[0].add_run(_clean(text)), BODY_FONT, TABLE_SIZE)


def _page_number(section: Any) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), BODY_FONT, Pt(14))
    run = p.add_run()
    field_ = OxmlElement("w:fldSimple")
    field_.set(qn("w:instr"), "PAGE")
    run._element.append(field_)
    _font(p.add_run(" —"), BODY_FONT, Pt(14))


def guide_docx(view: GuideView, *, sections: Iterable[Section] | None = None) -> bytes:
    """The guide as a .docx document."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _page_number(section)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(_clean(f"{view.title}办事指南")), TITLE_FONT, Pt(22))
    meta = doc.add_paragraph()
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(meta.add_run(_clean(f"{view.department}　{view.on.isoformat()}")), BODY_FONT, Pt(14))
    if view.notice:
        _paragraph(doc, view.notice, font=HEADING_FONT)
    for i, sec in enumerate(sections if sections is not None else view.sections()):
        number = CHINESE_NUMERALS[i] if i < len(CHINESE_NUMERALS) else str(i + 1)
        heading = doc.add_paragraph()
        heading.paragraph_format.first_line_indent = Pt(32)
        _font(heading.add_run(_clean(f"{number}、{sec.title}")), HEADING_FONT, BODY_SIZE)
        for line in sec.lines:
            _paragraph(doc, line)
        if sec.table is not None:
            _table(doc, sec.table)
    _paragraph(doc, "本指南由权责清单同源生成，事项信息以权责清单公布的为准。", size=Pt(12))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
