"""Excel in: reading .xlsx, column declarations, row validation, the error and template workbooks.

Reading uses python-calamine (a Rust reader): on the benchmark's 105,672-row file it takes about
1 s where openpyxl's read-only mode takes about 11 s (see docs/imports.md). It returns what Excel
shows: a formula cell gives its cached result, never its formula text, and a text cell is
returned exactly as stored — so a text cell beginning with = + - @ tab or CR (which the export
writes as an explicit text cell) reads back literally. Nothing read is ever evaluated.

Validation is by column, not by row: each column's raw values are cleaned in one pass by the
parser of its kind, so 100,000 rows cost a few list comprehensions per column rather than a
form or ``full_clean`` per row. Every error keeps its row number, column and a Chinese reason.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.office.excel import FORMULA_TRIGGERS

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Columns the engine writes into error workbooks; accepted (and ignored) on re-import, so a
# clerk can correct the returned error file and import it again as it is.
ROW_HEADER = "原行号"
REASON_HEADER = "错误原因"
ENGINE_HEADERS = (ROW_HEADER, REASON_HEADER)
# Excel keeps 15 significant digits; a longer number typed into a code column is already lost.
_EXACT_FLOAT = 2**53
_HEADER_SCAN_ROWS = 10
TOO_LONG_NUMBER = (
    "数字位数过多，Excel 已将其改变（只保留15位有效数字）；请将该列设为文本格式后重新填写"
)
_BAD_FILL = PatternFill("solid", fgColor="FFC7CE")


def max_bytes() -> int:
    return int(getattr(settings, "FAZHI_IMPORT_MAX_BYTES", 50 * 1024 * 1024))


def max_rows() -> int:
    return int(getattr(settings, "FAZHI_IMPORT_MAX_ROWS", 300_000))


class FileRefused(Exception):
    """The file as a whole cannot be imported; ``reason`` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------------------------
# The file
# --------------------------------------------------------------------------------------------


def check_upload(name: str, size: int, fileobj: IO[bytes]) -> None:
    """Refuse what is not a plausible .xlsx before anything is stored or read."""
    if not name.lower().endswith(".xlsx"):
        raise FileRefused(
            "只接受 .xlsx 格式的 Excel 文件。.xls、.csv 或 WPS 文件请先在表格软件中“另存为”"
            " Excel 工作簿（.xlsx）后再导入。"
        )
    if size <= 0:
        raise FileRefused("文件是空的（0 字节）。")
    limit = max_bytes()
    if size > limit:
        raise FileRefused(
            f"文件大小 {size / 1048576:.1f} MB 超过上限 {limit / 1048576:.0f} MB，"
            "请拆分成几个文件分批导入。"
        )
    start = fileobj.tell()
    try:
        with zipfile.ZipFile(fileobj) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            unpacked = sum(i.file_size for i in infos)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(
            "文件不是有效的 .xlsx 文件：可能是改了扩展名的其他格式、已加密或已损坏。"
        ) from None
    finally:
        fileobj.seek(start)
    if "xl/workbook.xml" not in names:
        raise FileRefused("文件不是 Excel 工作簿（缺少工作簿内容），请确认上传的是 .xlsx 文件。")
    # A small zip that unpacks to gigabytes is an attack, not a list.
    if unpacked > limit * 40:
        raise FileRefused("文件解压后过大，不像正常的 Excel 文件，已拒绝。")


def read_sheet(fileobj: IO[bytes], prefer: str = "") -> list[list[Any]]:
    """All rows of the sheet named ``prefer`` (or the first sheet), as Excel shows them."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(fileobj)
        names = list(wb.sheet_names)
        if not names:
            raise FileRefused("文件中没有工作表。")
        sheet = wb.get_sheet_by_name(prefer) if prefer in names else wb.get_sheet_by_index(0)
        # Keep the empty area before the data so row numbers are Excel's own.
        return sheet.to_python(skip_empty_area=False)
    except FileRefused:
        raise
    except Exception as exc:  # calamine raises its own types for every kind of broken file
        raise FileRefused(f"无法读取 Excel 文件（{type(exc).__name__}）：文件可能已损坏。") from exc


# --------------------------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------------------------

KINDS = ("text", "code", "int", "decimal", "bool", "date", "choice", "url", "ref", "ignored")
TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "有"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "无"}


@dataclass(frozen=True)
class Column:
    """One column of an import: its header, kind and rules.

    kinds: ``text`` (kept literally but for surrounding spaces), ``code`` (identifiers:
    full-width folded, inner spaces dropped, upper-cased), ``int``, ``decimal``, ``bool``
    (是/否), ``date``, ``choice`` (label or stored value), ``url``, ``ref`` (text that the list
    resolves to a record), ``ignored`` (shown in exports, managed by the system).
    """

    key: str
    header: str
    kind: str = "text"
    required: bool = False
    max_length: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    # A cheap test that accepts almost every good value, and the validator that explains
    # the rest (e.g. is_valid_uscc / validate_uscc): the slow path runs only on failures.
    check: Callable[[Any], bool] | None = None
    validator: Callable[[Any], None] | None = None
    aliases: tuple[str, ...] = ()
    help: str = ""
    example: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)

    def choice_map(self) -> dict[str, str]:
        """Every accepted spelling → stored value: the label, the value, and their forms."""
        out: dict[str, str] = {}
        for value, label in self.choices:
            for spelling in (label, value, str(value).lower(), str(value).upper()):
                out.setdefault(norm_header(str(spelling)), value)
        return out

    def describe(self) -> str:
        """What the column accepts, for the template's instructions."""
        if self.kind == "choice":
            return "可选：" + "、".join(label for _, label in self.choices)
        if self.kind == "bool":
            return "填“是”或“否”"
        if self.kind == "date":
            return "日期，如 2019-09-20"
        if self.kind == "int":
            bounds = []
            if self.min_value is not None:
                bounds.append(f"不小于{self.min_value}")
            if self.max_value is not None:
                bounds.append(f"不大于{self.max_value}")
            return "整数" + ("，" + "，".join(bounds) if bounds else "")
        if self.kind == "decimal":
            return "数字"
        if self.kind == "url":
            return "以 http:// 或 https:// 开头的网址"
        if self.kind == "ignored":
            return "由系统维护，导入时忽略"
        if self.max_length:
            return f"文本，不超过{self.max_length}个字"
        return "文本"


def norm_header(text: str) -> str:
    """Headers match loosely: full-width folded, spaces and the required-column star dropped."""
    return "".join(unicodedata.normalize("NFKC", text).split()).strip("*").lower()


def _plain(value: Any) -> Any:
    """Excel's number for a whole number is a float; give back the int where it is one."""
    if type(value) is float and value.is_integer() and abs(value) < _EXACT_FLOAT:
        return int(value)
    return value


def _as_text(value: Any) -> str:
    value = _plain(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def is_empty(value: Any) -> bool:
    return value is None or value == "" or (type(value) is str and not value.strip())


Errors = list[tuple[int, str]]
Parser = Callable[[Column, Sequence[Any]], tuple[list[Any], Errors]]


def _parse_text(col: Column, values: Sequence[Any]) -> tuple[list[Any], Errors]:
    # Only spaces are trimmed: a leading tab or CR is content and must round-trip.
    out = [
        (v if type(v) is str else _as_text(v)).strip(" \u3000") or None
        if v is not None and v != ""
        else None
        for v in values
    ]
    errors: Errors = []
    limit = col.max_length
    if limit:
        errors = [
            (i, f"长度不能超过{limit}个字（现为{len(v)}个字）")
            for i, v in enumerate(out)
            if v is not None and len(v) > limit
        ]
    return out, errors


def _parse_code(col: Column, values: Sequence[Any]) -> tuple[list[Any], Errors]:
    out: list[Any] = []
    errors: Errors = []
    nfkc = unicodedata.normalize
    for i, v in enumerate(values):
        if v is None or v == "":
            out.append(None)
            continue
        if type(v) is float:
            if not v.is_integer() or abs(v) >= _EXACT_FLOAT:
                errors.append((i, TOO_LONG_NUMBER))
                out.append(None)
                continue
            v = str(int(v))
        elif type(v) is not str:
            v = _as_text(v)
        elif not v.isascii() or not v.isprintable() or " " in v:
            v = "".join(nfkc("NFKC", v).split())
        out.append(v.upper() or None)
    if col.max_length:
        limit = col.max_length
        errors += [
            (i, f"长度不能超过{limit}位（现为{len(v)}位）")
            for i, v in enumerate(out)
            if v is not None and len(v) > limit
        ]
    return out, errors


def _parse_int(col: Column, values: Sequence[Any]) -> tuple[list[Any], Errors]:
    out: list[Any] = []
    errors: Errors = []
    lo, hi = col.min_value, col.max_value
    for i, v in enumerate(values):
        if is_empty(v):
            out.append(None)
            continue
        n: int | None = None
        if type(v) is float and v.is_integer():
            n = int(v)
        elif type(v) is int:
            n = v
        elif type(v) is str and re.fullmatch(r"[+-]?\d+", v.strip()):
            n = int(v.strip())
        if n is None:
            errors.append((i, f"应为整数，实际为“{_as_text(v)}”"))
        elif lo is not None and n < lo:
            errors.append((i, f"不能小于{lo}"))
            n = None
        elif hi is not None and n > hi:
            errors.append((i, f"不能大于{hi}"))
            n = None
        out.append(n)
    return out, errors


def _parse_decimal(col: Column, values: Sequence[Any]) -> tuple[list[Any], Errors]:
    out: list[Any] = []
    errors: Errors = []
    for i, v in enumerate(values):
        if is_empty(v):
            out.append(None)
            continue
        try:
            out.append(Decimal(str(_plain(v)).strip().replace(",", "")))
        except ArithmeticError:
            errors.append((i, f"应为数字，实际为“{_as_text(v)}”"))
            out.append(None)
    return out, errors


def _parse_bool(col: Column, values: Sequence[Any]) -> tuple[list[Any], Errors]:
    out: list[Any] = []
    errors: Errors = []
    for i, v in enumerate(values):
        if is_empty(v):
            out.append(None)
        elif type(v) is bool:
            out.append(v)
        else:
            word = _as_text(v).strip().lower()
            if word in TRUE_WORDS:
                out.append(True)
            elif word in FALSE_WORDS:
                out.append(False)
            else:
                errors.append((i, f"应填“是”或“否”，实际为“{_as_text(v)}”"))
                out.append(None)
    return out, errors


_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _parse_date(col: Column, values: Sequence[Any]) -> tuple[list[Any], Errors]:
    out: list[Any] = []
    errors: Errors = []
    for i, v in enumerate(values):
        if is_empty(v):
            out.append(None)
            continue
        if isinstance(v, dt.datetime):
            out.append(v.date())
            continue
        if isinstance(v, dt.date):
            out.append(v)
            continue
        text = _as_text(v).strip()
        m = _DATE_RE.fullmatch(text) or (
            re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text) if text.isdigit() else None
        )
        try:
            if m is None:
                raise ValueError
            out.append(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            errors.append((i, f"不是有效日期“{text}”，应写作 YYYY-MM-DD，如 2019-09-20"))
            out.append(None)
    return out, errors


def _parse_choice(col: Column, values: Sequence[Any]) -> tuple[list[Any], Errors]:
    mapping = col.choice_map()
    get = mapping.get
    # Most cells are spelled exactly like a label: one dict lookup each, then the loose match.
    exact = {label: value for value, label in col.choices} | {v: v for v, _ in col.choices}
    out = [exact.get(v) if type(v) is str else None for v in values]
    errors: Errors = []
    options = "、".join(label for _, label in col.choices)
    for i, v in enumerate(values):
        if out[i] is None and not is_empty(v):
            found = get(norm_header(_as_text(v)))
            if found is None:
                errors.append((i, f"“{_as_text(v)}”不是可选值，应为：{options}"))
            out[i] = found
    return out, errors


_url_validator = URLValidator(schemes=["http", "https"])


def _parse_url(col: Column, values: Sequence[Any]) -> tuple[list[Any], Errors]:
    out, errors = _parse_text(col, values)
    for i, v in enumerate(out):
        if v is None:
            continue
        try:
            _url_validator(v)
        except ValidationError:
            errors.append((i, f"不是有效网址“{v}”，应以 http:// 或 https:// 开头"))
            out[i] = None
    return out, errors


PARSERS: dict[str, Parser] = {
    "text": _parse_text,
    "ref": _parse_text,
    "code": _parse_code,
    "int": _parse_int,
    "decimal": _parse_decimal,
    "bool": _parse_bool,
    "date": _parse_date,
    "choice": _parse_choice,
    "url": _parse_url,
}


def parse_column(col: Column, values: Sequence[Any]) -> tuple[list[Any], Errors]:
    """Clean one column's raw values: (values with None for empty, [(index, reason)])."""
    out, errors = PARSERS[col.kind](col, values)
    bad = {i for i, _ in errors}
    if col.required:
        errors += [(i, "必填，不能为空") for i, v in enumerate(out) if v is None and i not in bad]
    if col.validator is not None:
        check = col.check
        for i, v in enumerate(out):
            if v is None or (check is not None and check(v)):
                continue
            try:
                col.validator(v)
            except ValidationError as exc:
                errors.append((i, "；".join(exc.messages)))
                out[i] = None
    return out, errors


# --------------------------------------------------------------------------------------------
# The table: headers matched, columns parsed, errors collected
# --------------------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int  # Excel's row number
    column: str  # the header as written in the file ("" for the whole row)
    reason: str

    def as_list(self) -> list[Any]:
        return [self.row, self.column, self.reason]


@dataclass
class Table:
    """The rows of one file, their cleaned columns and every error found."""

    headers: list[str]
    rows: list[list[Any]]
    numbers: list[int]
    columns: dict[str, Column]
    header_of: dict[str, str]
    spec_columns: dict[str, Column] = field(default_factory=dict)
    values: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (index, header, reason)
    bad: set[int] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.rows)

    def has(self, key: str) -> bool:
        return key in self.values

    def col(self, key: str) -> list[Any]:
        return self.values[key]

    def error(self, index: int, key: str, reason: str) -> None:
        """Record an error on row ``index`` in the column ``key`` ("" for the whole row)."""
        self.errors.append((index, self.header_of.get(key, key), reason))
        self.bad.add(index)

    def require_for_new(self, rows: Iterable[int]) -> None:
        """A new record needs every required column, even where an update may leave some out."""
        absent = [
            c
            for c in self.spec_columns.values()
            if c.required and c.kind != "ignored" and c.key not in self.values
        ]
        if not absent:
            return
        for i in list(rows):
            for c in absent:
                self.error(i, c.key, f"文件中没有“{c.header}”列，新增记录时必须填写")

    def good(self) -> list[int]:
        bad = self.bad
        return [i for i in range(len(self.rows)) if i not in bad]

    def row_errors(self) -> list[RowError]:
        return [
            RowError(self.numbers[i], header, reason)
            for i, header, reason in sorted(self.errors, key=lambda e: (e[0], e[1]))
        ]


def locate_headers(
    rows: list[list[Any]], columns: Sequence[Column], title: str, needed: Sequence[str] = ()
) -> tuple[int, dict[int, Column]]:
    """Find the header row (a title row above it is allowed) and map each column to a spec.

    Unknown and repeated headers, and a missing key column (``needed``), refuse the whole file:
    guessing what an unknown column meant could write data into the wrong field. Other columns
    may be left out (an export of a few columns updates just those); a row that would create a
    record without a required column is a row error.
    """
    by_name: dict[str, Column] = {}
    for col in columns:
        for name in col.names:
            by_name[norm_header(name)] = col
    engine = {norm_header(h) for h in ENGINE_HEADERS}
    best, best_hits = -1, 0
    for r, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        hits = sum(1 for v in row if type(v) is str and norm_header(v) in by_name)
        if hits > best_hits:
            best, best_hits = r, hits
    if best < 0:
        if not any(any(not is_empty(v) for v in row) for row in rows):
            raise FileRefused("文件是空的：第一个工作表中没有任何内容。")
        expected = "、".join(f"“{c.header}”" for c in columns if c.required)
        raise FileRefused(
            f"找不到表头：前{_HEADER_SCAN_ROWS}行中没有“{title}”导入模板的列名（如{expected}）。"
            "请下载导入模板，按模板的列填写。"
        )
    mapping: dict[int, Column] = {}
    seen: dict[str, int] = {}
    unknown: list[str] = []
    blank_headers: list[int] = []
    for c, raw in enumerate(rows[best]):
        if is_empty(raw):
            blank_headers.append(c)
            continue
        name = norm_header(_as_text(raw))
        if name in engine:
            continue
        col = by_name.get(name)
        if col is None:
            unknown.append(_as_text(raw))
            continue
        if col.key in seen:
            raise FileRefused(
                f"第{best + 1}行表头中“{col.header}”出现了两次（第{seen[col.key] + 1}列和第"
                f"{c + 1}列），请删除重复的列。"
            )
        seen[col.key] = c
        mapping[c] = col
    if unknown:
        raise FileRefused(
            f"第{best + 1}行表头中有模板没有的列："
            + "、".join(f"“{u}”" for u in unknown)
            + f"。请使用“{title}”导入模板，不要增加或改名列。"
        )
    missing = [c.header for c in columns if c.key in needed and c.key not in seen]
    if missing:
        raise FileRefused(
            "缺少必需的列：" + "、".join(f"“{m}”" for m in missing) + "。请使用导入模板。"
        )
    for c in blank_headers:
        if any(c < len(row) and not is_empty(row[c]) for row in rows[best + 1 :]):
            raise FileRefused(
                f"第{get_column_letter(c + 1)}列有数据但没有表头，请补上列名或删除该列。"
            )
    return best, mapping


def build_table(
    rows: list[list[Any]],
    columns: Sequence[Column],
    title: str,
    *,
    needed: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
    chunk: int = 20_000,
) -> Table:
    """Match headers, drop blank rows, and parse every column (in chunks, for progress)."""
    head, mapping = locate_headers(rows, columns, title, needed)
    width = len(rows[head])
    headers = [_as_text(v) if not is_empty(v) else "" for v in rows[head]]
    data: list[list[Any]] = []
    numbers: list[int] = []
    for n, row in enumerate(rows[head + 1 :], start=head + 2):
        if any(v is not None and v != "" and (type(v) is not str or v.strip()) for v in row):
            data.append(row if len(row) >= width else [*row, *[""] * (width - len(row))])
            numbers.append(n)
    if not data:
        raise FileRefused("文件中只有表头，没有数据行。")
    if len(data) > max_rows():
        raise FileRefused(
            f"文件有 {len(data):,} 行数据，超过单次导入上限 {max_rows():,} 行，请拆分后分批导入。"
        )
    present = {col.key: (c, col) for c, col in mapping.items() if col.kind != "ignored"}
    table = Table(
        headers=headers,
        rows=data,
        numbers=numbers,
        columns={k: col for k, (_, col) in present.items()},
        header_of={
            **{col.key: col.header for col in columns},
            **{col.key: headers[c] for c, col in mapping.items()},
        },
        spec_columns={col.key: col for col in columns},
        values={k: [] for k in present},
    )
    for start in range(0, len(data), chunk):
        part = data[start : start + chunk]
        for key, (c, col) in present.items():
            cleaned, errors = parse_column(col, [row[c] for row in part])
            table.values[key].extend(cleaned)
            for i, reason in errors:
                table.error(start + i, key, reason)
        if progress is not None:
            progress(start + len(part))
    return table


# --------------------------------------------------------------------------------------------
# Writing: error workbooks and templates
# --------------------------------------------------------------------------------------------


def _xl(value: Any) -> Any:
    value = _plain(value)
    if type(value) is str:
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def safe_cell(ws: Any, value: Any, **style: Any) -> WriteOnlyCell:
    """A write-only cell that is never a formula: text beginning with = + - @ tab CR stays text."""
    cell = WriteOnlyCell(ws, value=_xl(value))
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
        cell.data_type = TYPE_STRING
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


def _sheet_title(title: str) -> str:
    return re.sub(r"[\\/*?:\[\]]", "·", title)[:31] or "Sheet1"


def error_workbook(table: Table, title: str) -> bytes:
    """The bad rows as they were read, the bad cells marked, with a column of reasons.

    Its columns are the file's own plus 原行号 and 错误原因, which every import ignores, so the
    clerk corrects this file and imports it again.
    """
    by_row: dict[int, list[tuple[str, str]]] = {}
    for i, header, reason in table.errors:
        by_row.setdefault(i, []).append((header, reason))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_title(title))
    ws.append([ROW_HEADER, *table.headers, REASON_HEADER])
    for i in sorted(by_row):
        marks = {h for h, _ in by_row[i]}
        row = table.rows[i]
        cells = [safe_cell(ws, table.numbers[i])]
        for c, header in enumerate(table.headers):
            value = row[c] if c < len(row) else ""
            cells.append(
                safe_cell(ws, value, fill=_BAD_FILL)
                if header and header in marks
                else safe_cell(ws, value)
            )
        reasons = "；".join(f"{h}：{r}" if h else r for h, r in by_row[i])
        cells.append(safe_cell(ws, reasons))
        ws.append(cells)
    detail = wb.create_sheet("错误明细")
    detail.append(["行号", "列", "错误原因"])
    for err in table.row_errors():
        detail.append([safe_cell(detail, v) for v in err.as_list()])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def template_workbook(title: str, columns: Sequence[Column], notes: Iterable[str] = ()) -> bytes:
    """The import template: one header row (required columns starred and red), drop-down lists
    for choices, text format for codes, and a sheet of instructions."""
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(title)
    lists = wb.create_sheet("选项")
    lists.sheet_state = "hidden"
    shown = [c for c in columns if c.kind != "ignored"]
    for n, col in enumerate(shown, start=1):
        letter = get_column_letter(n)
        cell = ws.cell(row=1, column=n, value=("*" if col.required else "") + col.header)
        cell.font = Font(bold=True, color="B3261E" if col.required else "000000")
        tip = col.describe() + (f"。{col.help}" if col.help else "")
        cell.comment = Comment(("必填。" if col.required else "") + tip, "Fazhi")
        ws.column_dimensions[letter].width = max(12, min(40, len(col.header) * 2 + 6))
        if col.kind in ("text", "code", "ref", "url"):
            # Typed codes stay text: Excel would turn 420704000000 into 4.20704E+11.
            ws.column_dimensions[letter].number_format = "@"
        options: list[str] = []
        if col.kind == "choice":
            options = [label for _, label in col.choices]
        elif col.kind == "bool":
            options = ["是", "否"]
        if options:
            for r, label in enumerate(options, start=1):
                lists.cell(row=r, column=n, value=label)
            dv = DataValidation(
                type="list",
                formula1=f"'选项'!${letter}$1:${letter}${len(options)}",
                allow_blank=not col.required,
                showErrorMessage=True,
                errorTitle="不是可选值",
                error="请从下拉列表中选择",
            )
            dv.add(f"{letter}2:{letter}100000")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    guide = wb.create_sheet("填写说明")
    guide.append(["列名", "是否必填", "填写要求", "说明", "示例"])
    for col in shown:
        guide.append(
            [
                safe_cell(guide, v)
                for v in (
                    col.header,
                    "必填" if col.required else "选填",
                    col.describe(),
                    col.help,
                    col.example,
                )
            ]
        )
    guide.append([])
    for note in (
        f"请在“{ws.title}”工作表中从第2行起逐行填写，不要修改、增加或删除表头。",
        "以 =、+、-、@ 开头的内容按原样作为文字导入，不会被当作公式。",
        "公式单元格按其显示的计算结果导入；没有计算结果的公式视为空白。",
        *notes,
    ):
        guide.append([safe_cell(guide, note)])
    for letter, width in zip("ABCDE", (22, 10, 40, 60, 30), strict=True):
        guide.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
