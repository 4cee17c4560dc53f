"""Statute Markdown (one heading per 编/章/节, one line per 条, a paragraph per 款, a line per
项) cut into a provision tree with citation paths.

The layout is the one of the library's source files: ``# title``, the promulgation lines up to
``<!-- INFO END -->``, then headings ``## 第一章 总则`` (the heading depth varies between files,
so the level is read from the heading's own word, 编/章/节) and articles ``第一条 …``; the
paragraphs that follow an article are its further 款; lines opening with ``（一）`` are 项 of
the 款 before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .choices import ProvisionLevel
from .numerals import to_chinese, to_int

NUM = "[零〇一二两三四五六七八九十百千]+"
HEADING = re.compile(rf"^#+\s*第({NUM})(编|章|节)\s*(.*)$")
ARTICLE = re.compile(rf"^第({NUM})条(之[一二三四五六七八九十]+)?[\s　]+(.*)$")
ITEM = re.compile(rf"^[（(]({NUM})[)）]\s*(.*)$")
HEADING_LEVEL = {
    "编": ProvisionLevel.PART,
    "章": ProvisionLevel.CHAPTER,
    "节": ProvisionLevel.SECTION,
}


@dataclass
class Node:
    level: str
    number: int
    label: str
    path: str
    heading: str = ""
    body: str = ""
    children: list[Node] = field(default_factory=list)

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass
class ParsedText:
    title: str
    preamble: list[str]
    nodes: list[Node]

    def all_nodes(self) -> list[Node]:
        out: list[Node] = []
        for node in self.nodes:
            out.extend(node.walk())
        return out

    def articles(self) -> list[Node]:
        return [n for n in self.all_nodes() if n.level == ProvisionLevel.ARTICLE]


class ParseError(ValueError):
    """The text does not have the expected layout (a Chinese message naming the line)."""


def item_path(paragraph_path: str, number: int) -> str:
    return f"{paragraph_path}第{to_chinese(number)}项"


def parse(markdown: str) -> ParsedText:
    lines = [line.rstrip() for line in markdown.replace("\r\n", "\n").split("\n")]
    title = ""
    preamble: list[str] = []
    start = 0
    if "<!-- INFO END -->" in markdown:
        start = next(i for i, line in enumerate(lines) if line.strip() == "<!-- INFO END -->") + 1
        for line in lines[: start - 1]:
            if line.startswith("# ") and not title:
                title = line[2:].strip()
            elif line.strip():
                preamble.append(line.strip())
    roots: list[Node] = []
    containers: dict[str, Node] = {}  # the open 编/章/节
    chapter_paths: set[str] = set()
    article: Node | None = None
    paragraph: Node | None = None
    seen_paths: set[str] = set()

    def attach(node: Node, *levels: str) -> None:
        for level in levels:
            if level in containers:
                containers[level].children.append(node)
                return
        roots.append(node)

    def add_paragraph(text: str) -> None:
        nonlocal paragraph
        assert article is not None
        number = sum(1 for c in article.children if c.level == ProvisionLevel.PARAGRAPH) + 1
        label = f"第{to_chinese(number)}款"
        paragraph = Node(ProvisionLevel.PARAGRAPH, number, label, article.path + label, body=text)
        article.children.append(paragraph)

    for lineno, raw in enumerate(lines[start:], start + 1):
        line = raw.strip().replace("\u3000", " ").strip()
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("# ") and not title:
            title = line[2:].strip()
            continue
        heading = HEADING.match(line)
        if heading:
            word = heading.group(2)
            level = HEADING_LEVEL[word]
            number = to_int(heading.group(1))
            label = f"第{to_chinese(number)}{word}"
            if level == ProvisionLevel.PART:
                path = label
                containers = {}
            elif level == ProvisionLevel.CHAPTER:
                path = label
                if path in chapter_paths and ProvisionLevel.PART in containers:
                    path = containers[ProvisionLevel.PART].path + label
                chapter_paths.add(path)
                containers.pop(ProvisionLevel.SECTION, None)
            else:
                parent = containers.get(ProvisionLevel.CHAPTER) or containers.get(
                    ProvisionLevel.PART
                )
                path = (parent.path if parent else "") + label
            node = Node(level, number, label, path, heading=re.sub(r"\s+", "", heading.group(3)))
            if level == ProvisionLevel.PART:
                roots.append(node)
            elif level == ProvisionLevel.CHAPTER:
                attach(node, ProvisionLevel.PART)
            else:
                attach(node, ProvisionLevel.CHAPTER, ProvisionLevel.PART)
            containers[level] = node
            article = paragraph = None
            continue
        if line.startswith("#"):
            continue  # a heading of another kind (附则 without a number, 附件): not a provision
        match = ARTICLE.match(line)
        if match:
            number = to_int(match.group(1))
            suffix = match.group(2) or ""
            label = f"第{to_chinese(number)}条{suffix}"
            if label in seen_paths:
                raise ParseError(f"第 {lineno} 行：{label}重复")
            seen_paths.add(label)
            article = Node(ProvisionLevel.ARTICLE, number, label, label)
            attach(article, ProvisionLevel.SECTION, ProvisionLevel.CHAPTER, ProvisionLevel.PART)
            add_paragraph(match.group(3).strip())
            continue
        if article is None:
            continue  # text before the first article (a preamble of a judicial interpretation)
        item = ITEM.match(line)
        if item and paragraph is not None:
            number = to_int(item.group(1))
            node = Node(
                ProvisionLevel.ITEM,
                number,
                f"（{to_chinese(number)}）",
                item_path(paragraph.path, number),
                body=line,
            )
            if node.path in {c.path for c in paragraph.children}:
                raise ParseError(f"第 {lineno} 行：{node.path}重复")
            paragraph.children.append(node)
            continue
        add_paragraph(line)
    for node in ParsedText(title, preamble, roots).articles():
        node.body = "\n".join(_lines(node))
    if not any(True for _ in ParsedText(title, preamble, roots).articles()):
        raise ParseError("没有找到任何条文（应以“第一条”开头）")
    return ParsedText(title, preamble, roots)


def _lines(article: Node) -> list[str]:
    out: list[str] = []
    for paragraph in article.children:
        out.append(paragraph.body)
        out.extend(item.body for item in paragraph.children)
    return out
