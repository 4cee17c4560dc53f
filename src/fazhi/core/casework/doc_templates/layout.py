"""The national official-document layout (GB/T 9704-2012《党政机关公文格式》) for Word templates.

Checked against the standard's text (clauses as numbered in GB/T 9704-2012):
- 5.1  A4 paper, 210 mm × 297 mm.
- 5.2.1 天头 (top margin) 37 mm ± 1 mm, 订口 (left margin) 28 mm ± 1 mm, 版心 156 mm × 225 mm;
  hence bottom 297 − 37 − 225 = 35 mm and right 210 − 28 − 156 = 26 mm.
- 5.2.2 every element in 3号仿宋 (16 pt) unless said otherwise;
  7.3.1 the title in 2号小标宋 (22 pt).
- 5.2.3 22 lines of 28 characters, filling the 版心.
- 7.2.5 the year of a 发文字号 in 六角括号〔〕, the sequence number without 第 or leading zeros.
- 7.3.5.2 成文日期 右空四字; 7.3.5.4 in Arabic numerals, year, month and day in full.
- 7.5 page numbers in 4号半角宋体 Arabic numerals between two 一字线 (— 1 —), 7 mm below the
  版心; odd pages right-aligned 空一字, even pages left-aligned 空一字 (i.e. outside-aligned).

Font names: Word looks a run's Chinese font up by ``w:eastAsia`` in ``w:rFonts``; a theme
attribute (``w:eastAsiaTheme``) would override it, so it is removed. The font table gives each
font an ``w:altName`` that Word tries when the named font is absent; LibreOffice substitutes
through fontconfig (see docs/operations.md for the Debian fonts and the alias file).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt
from lxml import etree

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH, TEXT_HEIGHT = Mm(156), Mm(225)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"
# What Word tries when the named font is missing (the font table's altName): Windows ships
# 仿宋 and 宋体 but not the GB2312 variant or the 方正 title face.
ALT_NAMES = {BODY_FONT: "仿宋", TITLE_FONT: "宋体", PAGE_NUMBER_FONT: "SimSun"}

BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
# 225 mm / 22 lines is 28.99 pt; 28.95 pt (579 twips) is the value Word users set, because
# 22 × 29 pt would be 0.07 mm taller than the 版心 and push the 22nd line to the next page.
LINE_PITCH = Pt(28.95)
ONE_CHAR = BODY_SIZE  # 一字: the width of one (3号) Chinese character
PAGE_NUMBER_CHAR = PAGE_NUMBER_SIZE
# 一字线上距版心下边缘 7 mm: the footer's bottom sits that far plus one 4号 line below the
# 版心, measured from the bottom edge of the page.
FOOTER_DISTANCE = Emu(MARGIN_BOTTOM - Mm(7) - PAGE_NUMBER_SIZE)
DASH = "\u2014"  # 一字线 (EM DASH)

# Character spacing in twentieths of a point; see _condense.
CHAR_CONDENSE = Pt(-0.25)
# The elements that follow w:spacing in a run's properties (CT_RPr's sequence).
_RPR_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip

STYLE_TITLE = "公文标题"
STYLE_NUMBER = "发文字号"
STYLE_ADDRESSEE = "主送机关"
STYLE_SIGNATURE = "落款"
STYLE_TABLE_TEXT = "表格文字"


def _set_fonts(rpr: Any, name: str) -> None:
    """Name the font for every script, East Asian included, and drop theme overrides."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _condense(rpr: Any) -> None:
    """28 characters a line: 28 × 16 pt is 448 pt but the 版心 is 156 mm (442.2 pt) wide, so
    each character is condensed by CHAR_CONDENSE (28 × 15.75 pt = 441 pt, justified)."""
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)
    spacing.set(qn("w:val"), str(round(CHAR_CONDENSE.pt * 20)))


def _set_lang(rpr: Any) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style(doc: DocxDocument, name: str, base: str = "Normal") -> Any:
    styles = doc.styles
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        return style


def _font(style: Any, name: str, size: Pt, *, bold: bool = False) -> None:
    style.font.size = size
    style.font.bold = bold
    _set_fonts(style.element.get_or_add_rPr(), name)


def _exact_lines(pf: Any) -> None:
    pf.line_spacing = LINE_PITCH  # a Length sets lineRule="exact"
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)


def _styles(doc: DocxDocument) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, BODY_FONT)
    _set_lang(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))

    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, BODY_SIZE)
    _condense(normal.element.get_or_add_rPr())
    _exact_lines(normal.paragraph_format)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.first_line_indent = ONE_CHAR * 2  # 正文 首行缩进二字
    normal.paragraph_format.widow_control = False  # keep the 22-line grid

    title = _style(doc, STYLE_TITLE)
    _font(title, TITLE_FONT, TITLE_SIZE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    # A 2号 title on a 3号 grid: a larger exact pitch so the glyphs are not clipped.
    title.paragraph_format.line_spacing = Pt(36)

    number = _style(doc, STYLE_NUMBER)
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.first_line_indent = Pt(0)

    addressee = _style(doc, STYLE_ADDRESSEE)
    addressee.paragraph_format.first_line_indent = Pt(0)  # 主送机关 顶格

    signature = _style(doc, STYLE_SIGNATURE)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.first_line_indent = Pt(0)
    signature.paragraph_format.right_indent = ONE_CHAR * 4  # 成文日期 右空四字

    cell = _style(doc, STYLE_TABLE_TEXT)
    cell.paragraph_format.first_line_indent = Pt(0)
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _grid(sect_pr: Any) -> None:
    # A line grid only: Word's character grid (linesAndChars with a negative charSpace) makes
    # LibreOffice give each 16 pt character two 15.8 pt cells, i.e. 14 characters a line.
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.pop(qn("w:charSpace"), None)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))


def _field_run(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A Word field (here PAGE) as begin/instr/separate/result/end runs."""

    def run_with(child: Any) -> Any:
        run = paragraph.add_run()
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _page_number(footer: Any, *, odd: bool) -> None:
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for child in list(p._p):
        if child.tag != qn("w:pPr"):
            p._p.remove(child)
    pf = p.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing = 1.0
    pf.space_before = pf.space_after = Pt(0)
    if odd:  # 单页码居右空一字
        pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pf.right_indent, pf.left_indent = PAGE_NUMBER_CHAR, Pt(0)
    else:  # 双页码居左空一字
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.left_indent, pf.right_indent = PAGE_NUMBER_CHAR, Pt(0)
    p.add_run(f"{DASH} ")
    _field_run(p, "PAGE", "1")
    p.add_run(f" {DASH}")
    for run in p.runs:
        run.font.size = PAGE_NUMBER_SIZE
        _set_fonts(run._r.get_or_add_rPr(), PAGE_NUMBER_FONT)


def _font_table(doc: DocxDocument) -> None:
    """Declare the Chinese fonts with their fallbacks in word/fontTable.xml."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
    for name, alt in ALT_NAMES.items():
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (
            ("w:altName", alt),
            ("w:charset", "86"),  # GB2312
            ("w:family", "roman"),  # serif faces: a substitute is chosen among serifs
            ("w:pitch", "variable"),
        ):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    if not hasattr(part, "element"):
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_thumbnail(doc: DocxDocument) -> None:
    # python-docx's default package carries a picture of an English page as its thumbnail.
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[rid]


def apply(doc: DocxDocument) -> DocxDocument:
    """Give ``doc`` the GB/T 9704-2012 page, grid, fonts, styles and page numbers."""
    _styles(doc)
    _font_table(doc)
    _drop_thumbnail(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    for section in doc.sections:
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.gutter = Mm(0)
        section.footer_distance = FOOTER_DISTANCE
        _grid(section._sectPr)
        _page_number(section.footer, odd=True)
        _page_number(section.even_page_footer, odd=False)
    return doc


def _mm(length: Any) -> float:
    return round(Emu(length).mm, 1)


def _set(length: Length | None) -> Length:
    """A page dimension the template sets (python-docx gives None for one it leaves out)."""
    if length is None:
        raise ValueError("文书模板未设置页面尺寸或页边距")
    return length


def grid_of(doc: DocxDocument) -> tuple[int, int]:
    """Lines per page and characters per line that the Normal style gives in the 版心."""
    normal = doc.styles["Normal"]
    spacing = normal.element.rPr.find(qn("w:spacing")) if normal.element.rPr is not None else None
    condense = Pt(int(spacing.get(qn("w:val"))) / 20) if spacing is not None else Pt(0)
    line = normal.paragraph_format.line_spacing
    section = doc.sections[0]
    width = _set(section.page_width) - _set(section.left_margin) - _set(section.right_margin)
    height = _set(section.page_height) - _set(section.top_margin) - _set(section.bottom_margin)
    lines = int(height // line) if isinstance(line, int) and line > 0 else 0
    return lines, int(width // (normal.font.size + condense))


def check(doc: DocxDocument) -> list[str]:
    """What in ``doc`` departs from the layout (empty when it complies); domains run this on
    their own templates in their tests."""
    problems: list[str] = []
    for i, s in enumerate(doc.sections, 1):
        if (_mm(s.page_width), _mm(s.page_height)) != (210.0, 297.0):
            problems.append(f"第{i}节纸张不是A4（210mm×297mm）")
        margins = tuple(_mm(m) for m in (s.top_margin, s.bottom_margin, s.left_margin))
        if not all(abs(a - b) <= 1 for a, b in zip(margins, (37, 35, 28), strict=True)):
            problems.append(f"第{i}节页边距不符合GB/T 9704-2012第5.2.1条：{margins}")
        if abs(_mm(s.right_margin) - 26) > 1:
            problems.append(f"第{i}节右边距应为26mm")
        footer_text = "".join(p.text for p in s.footer.paragraphs)
        if DASH not in footer_text:
            problems.append(f"第{i}节页脚缺少“— 页码 —”")
    normal = doc.styles["Normal"]
    rfonts = normal.element.rPr.find(qn("w:rFonts")) if normal.element.rPr is not None else None
    if rfonts is None or rfonts.get(qn("w:eastAsia")) != BODY_FONT:
        problems.append(f"正文样式的中文字体应为{BODY_FONT}")
    if normal.font.size != BODY_SIZE:
        problems.append("正文样式应为三号字（16磅）")
    else:
        lines, chars = grid_of(doc)
        if (lines, chars) != (LINES_PER_PAGE, CHARS_PER_LINE):
            problems.append(f"每面{lines}行、每行{chars}字，应为每面22行、每行28字（第5.2.3条）")
    if not doc.settings.odd_and_even_pages_header_footer:
        problems.append("未设置奇偶页不同的页码（单页居右、双页居左）")
    return problems


def write_templates(
    templates: Mapping[str, Callable[[], DocxDocument]], target: Path
) -> list[Path]:
    """Build each template of a domain's ``build.py`` into ``target``: the files written."""
    written = []
    for name, make in templates.items():
        path = target / name
        make().save(str(path))
        written.append(path)
    return written
