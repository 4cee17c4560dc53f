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
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import IO, Any
from xml.parsers import expat

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.core.intake.xlsx import safe_cell, sheet_title, workbook_bytes

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


# --------------------------------------------------------------------------------------------
# The sheets' extent, checked before the reader sees them
# --------------------------------------------------------------------------------------------

# A list has far fewer columns; stray formatting further right is refused with the reason.
MAX_COLUMNS = 200
_CHUNK = 4 << 20
# An XML tag longer than this is no spreadsheet's (a cell's tag is a few dozen bytes).
_MAX_TAG = 64 << 10
# ``<c``/``<row`` not followed by exactly `` r="`` (no position, or not first, or spelled
# unusually) and namespace-prefixed ones: rare in real files; such a part gets the exact scan.
_UNUSUAL_TAG = re.compile(rb'<(?:c|row)(?:[>/]|\s(?!r="))')
_PREFIXED_TAG = re.compile(rb":(?:c|row)[\s>/]")
_DIMENSION = re.compile(rb"""dimension\s[^>]*?\bref\s*=\s*["']([^"']*)""")
_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["']\+?([0-9]+)""")
_TARGET = re.compile(rb"""Target\s*=\s*["']([^"']*)""")
_VALUE = re.compile(rb"""=\s*["']([A-Za-z]*[0-9]*)""")
_ATTRIBUTE = rb"""[\w.:-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*')"""
_TAG_PREFIX = re.compile(rb"<([\w.:-]+)(?:\s+" + _ATTRIBUTE + rb"(?:\s*" + _ATTRIBUTE + rb")*)?\s*")
_REF = re.compile(r"([A-Za-z]*)([0-9]+)")


def _above(limit: str, alphabet: str) -> str:
    """A regex for the numbers written in ``alphabet`` that are greater than ``limit``: more
    digits, or as many and greater at the first difference (no leading zero digit)."""
    n = len(limit)
    any_digit = f"[{alphabet[0]}-{alphabet[-1]}]"
    lead = alphabet[1] if alphabet[0] == "0" else alphabet[0]
    alternatives = [f"[{lead}-{alphabet[-1]}]{any_digit}{{{n},}}"]
    for i, ch in enumerate(limit):
        k = alphabet.index(ch)
        if k + 1 < len(alphabet):
            rest = f"{any_digit}{{{n - i - 1}}}" if i < n - 1 else ""
            alternatives.append(f"{limit[:i]}[{alphabet[k + 1]}-{alphabet[-1]}]{rest}")
    return "|".join(alternatives)


@lru_cache(maxsize=8)
def _beyond(max_row: int, max_col: int) -> re.Pattern[bytes]:
    """An ``r="…"`` whose column (letters, either case) or row (digits, leading zeros allowed)
    is beyond the limits. Only such values match, so a normal sheet costs one pass in C."""
    cols = _above(get_column_letter(max_col), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    rows = _above(str(max_row), "0123456789")
    return re.compile(
        rf"""r\s*+=\s*+["'](?:(?i:{cols})[0-9]|[A-Za-z]*+0*+(?:{rows})(?![0-9]))""".encode()
    )


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _basename(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1].lower()


class _Extent:
    """The limits for one file's sheets, and the decompressed bytes it may still take."""

    def __init__(self) -> None:
        self.max_row = max_rows() + _HEADER_SCAN_ROWS
        self.max_col = MAX_COLUMNS
        self.budget = max_bytes() * 20
        self.beyond = _beyond(self.max_row, self.max_col)

    def spend(self, n: int) -> None:
        self.budget -= n
        if self.budget < 0:
            raise FileRefused("文件解压后过大，不像正常的 Excel 文件，已拒绝。")

    def check(self, row: int, col: int, where: str = "") -> None:
        """Refuse a position (1-based row and column) beyond the limits; ``where`` names it."""
        named = f"（{where}）" if where else ""
        if row > self.max_row:
            raise FileRefused(
                f"工作表中第 {row:,} 行有内容或格式{named}，超过单次导入上限（{max_rows():,} 行）。"
                "若表格下方有多余的空行或设置了格式的单元格，请删除这些行、保存后再导入；"
                "数据确实超过上限的，请拆分成几个文件分批导入。"
            )
        if col > self.max_col:
            raise FileRefused(
                f"工作表中第 {col:,} 列有内容或格式{named}，超过 {self.max_col} 列的上限。"
                "请删除表格右侧多余的列（包括只设置了格式的列）、保存后再导入。"
            )

    def check_ref(self, ref: str, where: str = "") -> None:
        """Check a position as the reader spells it (``XFD1048576``; a row's just ``1048576``)."""
        m = _REF.fullmatch(ref)
        if m is not None:  # the reader refuses any other spelling itself
            self.check(int(m[2]), _column_number(m[1]), where or (f"单元格 {ref}" if m[1] else ""))

    def check_unique(self, declared: int) -> None:
        # The reader reserves room for the declared number of shared strings before reading
        # one; no sheet within the limits has more cells than this.
        if declared > self.max_row * self.max_col:
            raise FileRefused(
                f"文件声明的共享字符串数量（{declared:,}）超过了任何可导入的表格，"
                "文件可能已损坏或被篡改。"
            )


def _members(zf: zipfile.ZipFile, extent: _Extent) -> list[zipfile.ZipInfo]:
    """The parts the reader may parse: every ``.xml``, and whatever the workbook's
    relationships point at (a sheet's part could be named anything)."""
    targets: set[str] = set()
    for info in zf.infolist():
        if _basename(info.filename) == "workbook.xml.rels":
            with zf.open(info) as fh:
                data = b"".join(iter(lambda: fh.read(_CHUNK), b""))
            extent.spend(len(data))
            targets.update(_basename(t.decode("utf-8", "replace")) for t in _TARGET.findall(data))
    return [
        info
        for info in zf.infolist()
        if info.filename.lower().endswith(".xml") or _basename(info.filename) in targets
    ]


def _is_position(data: bytes, at: int) -> bool:
    """Whether the ``r=`` at ``at`` may be a cell's or row's position to the reader."""
    before = data[at - 1 : at]
    if at and not (before.isspace() or before in b"\"'"):
        return False  # the end of a longer name: firstPageNumber="4294967295"
    # Another element's r (a theme's <a:fillToRect r="50000">), when the tag up to here is
    # plainly well formed; otherwise (a "<" inside a quoted value, say) it is taken as one.
    lt = data.rfind(b"<", 0, at)
    tag = _TAG_PREFIX.fullmatch(data, lt, at) if lt >= 0 else None
    return tag is None or tag[1].rpartition(b":")[2] in (b"c", b"row")


def _scan_fast(zf: zipfile.ZipFile, info: zipfile.ZipInfo, extent: _Extent) -> bool:
    """Scan one part's bytes, streamed in chunks, with a few regular expressions.

    Refuses a cell or row position or a declared range beyond the limits, and a shared-string
    count the part cannot hold. Returns False, having checked nothing conclusive, when the part
    has cells or rows whose position is not given first as `` r="…"`` (``_scan_exact`` then
    places them by the reader's own rule).
    """
    beyond = extent.beyond
    shared_strings = _basename(info.filename) == "sharedstrings.xml"
    carry = b""
    unique = 0
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            extent.spend(len(chunk))
            data = carry + chunk if carry else chunk
            if not data:
                break
            # Scan up to the last unfinished tag, which is carried to the next chunk.
            end = len(data)
            cut = data.rfind(b"<")
            if chunk and cut >= 0 and data.find(b">", cut) < 0:
                end, carry = cut, data[cut:]
                if len(carry) > _MAX_TAG:
                    raise FileRefused("文件内容格式异常（XML 标签过长），可能已损坏或被篡改。")
            else:
                carry = b""
            pos = 0
            while m := beyond.search(data, pos, end):
                pos = m.end()
                if not _is_position(data, m.start()):
                    continue
                value = _VALUE.search(data, m.start())
                ref = value[1].decode() if value else ""
                extent.check_ref(ref)
                raise FileRefused(f"工作表中单元格的位置“{ref}”超出了导入的范围。")
            for m in _DIMENSION.finditer(data, 0, end):
                for part in m[1].decode("ascii", "replace").split(":"):
                    extent.check_ref(part, f"声明的使用范围 {m[1].decode('ascii', 'replace')}")
            if shared_strings:
                unique = max([unique, *map(int, _UNIQUE_COUNT.findall(data, 0, end))])
            if _UNUSUAL_TAG.search(data, 0, end) or _PREFIXED_TAG.search(data, 0, end):
                return False
            if not chunk:
                break
    extent.check_unique(unique)
    return True


def _scan_exact(zf: zipfile.ZipFile, info: zipfile.ZipInfo, extent: _Extent) -> None:
    """Parse one part as XML and place every cell as the reader does: a cell without ``r``
    follows the previous one in its row, a row without ``r`` follows the previous row.
    (An empty ``<c/>`` or ``<row/>`` is counted too: that can only overestimate.)"""
    parser = expat.ParserCreate()
    row = 0  # 0-based, as the reader counts
    col = 0
    unique = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal row, col, unique
        local = name.rpartition(":")[2]
        r = attrs.get("r")
        m = _REF.fullmatch(r) if r is not None else None
        if local == "c":
            if m is not None and m[1]:
                extent.check_ref(r)  # type: ignore[arg-type]
                col = _column_number(m[1]) - 1
            else:
                extent.check(row + 1, col + 1)
            col += 1
        elif local == "row":
            if m is not None:
                extent.check_ref(r)  # type: ignore[arg-type]
                row = int(m[2]) - 1
        elif local == "dimension":
            declared = attrs.get("ref", "")
            for part in declared.split(":"):
                extent.check_ref(part, f"声明的使用范围 {declared}")
        elif local == "sst" and (count := attrs.get("uniqueCount", "").lstrip("+")).isdigit():
            unique = max(unique, int(count))

    def end(name: str) -> None:
        nonlocal row, col
        if name.rpartition(":")[2] == "row":
            row += 1
            col = 0

    def doctype(*args: Any) -> None:
        raise FileRefused("文件中含有文档类型声明（DOCTYPE），不是正常的 Excel 文件。")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                extent.spend(len(chunk))
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        raise FileRefused(
            "文件中的工作表格式不规范，无法安全读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
        ) from None
    extent.check_unique(unique)


def check_extent(fileobj: IO[bytes]) -> None:
    """Refuse a workbook whose sheets reach beyond the import's limits, before it is read.

    The reader (calamine) allocates the whole rectangle up to the farthest cell, so one cell
    at XFD1048576 in a 10 kB file asks for tens of gigabytes and aborts the process — an abort
    no ``except`` catches. So the parts are streamed from the zip first (at most
    ``FAZHI_IMPORT_MAX_BYTES`` × 20 decompressed bytes in all, however the zip declares its
    sizes) and every cell and row position, each sheet's declared range (``<dimension>``) and
    the shared-string count are checked: rows up to ``FAZHI_IMPORT_MAX_ROWS`` plus the header
    rows, columns up to ``MAX_COLUMNS``.
    """
    extent = _Extent()
    start = fileobj.tell()
    try:
        with zipfile.ZipFile(fileobj) as zf:
            names = {_basename(i.filename) for i in zf.infolist()}
            # Formats the reader would fall back to if the workbook part failed to load.
            if names & {"workbook.bin", "content.xml"}:
                raise FileRefused("文件不是 Excel 工作簿（.xlsx），请确认上传的是 .xlsx 文件。")
            for info in _members(zf, extent):
                if not _scan_fast(zf, info, extent):
                    _scan_exact(zf, info, extent)
    except FileRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError):
        # A bad CRC, a truncated or encrypted part, an unsupported compression.
        raise FileRefused(
            "文件不是有效的 .xlsx 文件：可能是改了扩展名的其他格式、已加密或已损坏。"
        ) from None
    finally:
        fileobj.seek(start)


def read_sheet(fileobj: IO[bytes], prefer: str = "") -> list[list[Any]]:
    """All rows of the sheet named ``prefer`` (or the first sheet), as Excel shows them."""
    from python_calamine import CalamineWorkbook

    check_extent(fileobj)
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


def _control_characters(values: Sequence[Any]) -> Errors:
    """Control characters (other than tab, LF and CR) cannot be written to an .xlsx, so a value
    holding one would break every export of the list: the row is refused instead. One search
    over the whole column finds nothing in the usual case."""
    find = ILLEGAL_CHARACTERS_RE.search
    if not find("\n".join(filter(None, values))):
        return []
    return [
        (i, f"含有不可见控制字符（U+{ord(m[0]):04X}），请删除后重新导入")
        for i, v in enumerate(values)
        if v is not None and (m := find(v))
    ]


def _parse_text(col: Column, values: Sequence[Any]) -> tuple[list[Any], Errors]:
    # Only spaces are trimmed: a leading tab or CR is content and must round-trip.
    out = [
        (v if type(v) is str else _as_text(v)).strip(" \u3000") or None
        if v is not None and v != ""
        else None
        for v in values
    ]
    errors = _control_characters(out)
    limit = col.max_length
    if limit:
        errors += [
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
    errors += _control_characters(out)
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
    for declared in columns:
        for name in declared.names:
            by_name[norm_header(name)] = declared
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


def error_workbook(table: Table, title: str) -> bytes:
    """The bad rows as they were read, the bad cells marked, with a column of reasons.

    Its columns are the file's own plus 原行号 and 错误原因, which every import ignores, so the
    clerk corrects this file and imports it again.
    """
    by_row: dict[int, list[tuple[str, str]]] = {}
    for i, header, reason in table.errors:
        by_row.setdefault(i, []).append((header, reason))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(title))
    ws.append([safe_cell(ws, h) for h in (ROW_HEADER, *table.headers, REASON_HEADER)])
    for i in sorted(by_row):
        marks = {h for h, _ in by_row[i]}
        row = table.rows[i]
        cells = [safe_cell(ws, table.numbers[i])]
        for c, header in enumerate(table.headers):
            value = _plain(row[c]) if c < len(row) else ""
            cells.append(
                safe_cell(ws, value, fill=_BAD_FILL)
                if header and header in marks
                else safe_cell(ws, value)
            )
        reasons = "；".join(f"{h}：{r}" if h else r for h, r in by_row[i])
        cells.append(safe_cell(ws, reasons))
        ws.append(cells)
    detail = wb.create_sheet("错误明细")
    detail.append(["行号", "列", "错误原因"])  # our own headers, plain text
    for err in table.row_errors():
        detail.append([safe_cell(detail, v) for v in err.as_list()])
    return workbook_bytes(wb)


def template_workbook(title: str, columns: Sequence[Column], notes: Iterable[str] = ()) -> bytes:
    """The import template: one header row (required columns starred and red), drop-down lists
    for choices, text format for codes, and a sheet of instructions."""
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook opens on one empty worksheet
    ws.title = sheet_title(title)
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
    return workbook_bytes(wb)
