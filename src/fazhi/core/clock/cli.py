"""``fazhi clock``: compute a deadline from the command line.

    fazhi clock 2019-09-20 20 workdays [--pause 2019-09-25:2019-10-14]... [--extend 10]
    fazhi clock --statute penalty.hearing_request 2024-03-01 [--pause …] [--extend 天数]
    fazhi clock --list

The first line of the output is the due date (YYYY-MM-DD), then how it was computed. With
``--statute`` the period is the declared statutory period in the version in force on the start
date, with its kind (an earliest date prints that date first); ``--extend`` is then the
approved extension, at most the statute's cap.
Exit codes: 0 computed; 2 bad input; 3 provisional (a year without an official holiday
calendar was used: weekends only); 4 suspended by an open pause (no due date yet).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn, TextIO

from . import statutes
from .calendar import WorkCalendar, get_calendar
from .periods import Computation, Pause, Period, Unit, compute

EXIT_OK, EXIT_USAGE, EXIT_PROVISIONAL, EXIT_SUSPENDED = 0, 2, 3, 4

USAGE = (
    "用法：fazhi clock 起算日 数量 单位 [--pause 开始日:结束日]... [--extend 数量]\n"
    "      fazhi clock --statute 期间代码 起算日 [--pause 开始日:结束日]... [--extend 数量]\n"
    "      fazhi clock --list\n"
    "  单位：days/日、workdays/工作日、months/月、years/年\n"
    "  例：fazhi clock 2019-09-20 20 workdays；fazhi clock --statute penalty.hearing_request "
    "2024-03-01"
)

UNITS: dict[str, Unit] = {
    **dict.fromkeys(("days", "day", "日", "天", "自然日"), Unit.DAYS),
    **dict.fromkeys(("workdays", "workday", "工作日"), Unit.WORKDAYS),
    **dict.fromkeys(("months", "month", "月", "个月"), Unit.MONTHS),
    **dict.fromkeys(("years", "year", "年"), Unit.YEARS),
}


class UsageError(Exception):
    """Bad input, with a message for the user (Chinese)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"参数有误（{message}）")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments, shared by ``fazhi clock`` and ``manage.py clock``."""
    # One free list of terms, checked here, so every mistake gets a Chinese message.
    parser.add_argument("terms", nargs="*", metavar="起算日 数量 单位")
    parser.add_argument(
        "--pause",
        action="append",
        default=[],
        metavar="开始日:结束日",
        help="中止期间（可重复）；结束日留空表示尚未恢复",
    )
    parser.add_argument("--extend", default=None, metavar="数量", help="延长（与期间同一单位）")
    parser.add_argument(
        "--statute",
        default=None,
        metavar="期间代码",
        help="按登记的法定期间计算（起算日当日施行的版本），参数只需起算日",
    )
    parser.add_argument("--list", action="store_true", default=False, help="列出登记的法定期间代码")


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what}“{text}”不是有效日期，请写成 YYYY-MM-DD") from None


def _amount(text: str, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f"{what}“{text}”不是整数") from None
    if value < 1:
        raise UsageError(f"{what}须为正整数：{text}")
    return value


def _pause(text: str) -> Pause:
    start, sep, end = text.partition(":")
    begin = _date(start, "中止开始日")
    finish = _date(end, "中止结束日") if sep and end.strip() else None
    if finish is not None and finish < begin:
        raise UsageError(f"中止结束日 {finish} 早于开始日 {begin}")
    return Pause(begin, finish)


def parse(
    terms: Sequence[str], pauses: Sequence[str], extend: str | None
) -> tuple[date, Period, list[Pause], Period | None]:
    if len(terms) != 3:
        raise UsageError(f"需要三个参数：起算日 数量 单位（收到 {len(terms)} 个）")
    start = _date(terms[0], "起算日")
    amount = _amount(terms[1], "数量")
    unit = UNITS.get(terms[2].strip().lower())
    if unit is None:
        raise UsageError(
            f"不认识的单位“{terms[2]}”；可用：days/日、workdays/工作日、months/月、years/年"
        )
    period = Period(amount, unit, "命令行输入")
    extension = Period(_amount(extend, "延长数量"), unit, "命令行输入") if extend else None
    return start, period, [_pause(p) for p in pauses], extension


def _line(stream: TextIO, text: str) -> None:
    # write() rather than print(): Django's OutputWrapper appends its own newline otherwise.
    stream.write(text + "\n")


def _statutory(
    key: str,
    terms: Sequence[str],
    pauses: Sequence[str],
    extend: str | None,
    calendar: WorkCalendar,
) -> Computation:
    if len(terms) != 1:
        raise UsageError(f"--statute 只需要一个参数：起算日（收到 {len(terms)} 个）")
    start = _date(terms[0], "起算日")
    try:
        statutes.get(key)
    except KeyError:
        raise UsageError(f"未登记的法定期间“{key}”；fazhi clock --list 列出可用代码") from None
    return statutes.compute_statutory(
        key,
        start,
        pauses=[_pause(p) for p in pauses],
        extension_amount=_amount(extend, "延长数量") if extend else None,
        calendar=calendar,
    )


def list_statutes(out: TextIO) -> int:
    """One line per declared period: key, name, the latest version and its article, the kind."""
    for sp in statutes.all_periods():
        latest = sp.versions[-1]
        older = f"；另有 {len(sp.versions) - 1} 个较早版本" if len(sp.versions) > 1 else ""
        ext = f"，可延长 {latest.extension}" if latest.extension else ""
        until = f"，施行至 {sp.in_force_until.isoformat()}" if sp.in_force_until else ""
        _line(
            out,
            f"{sp.key}\t{sp.name}\t{latest.period}{ext}\t{latest.period.basis}"
            f"（自 {latest.effective_from.isoformat()} 起{until}{older}）\t{sp.kind.label}",
        )
    return EXIT_OK


def run(
    terms: Sequence[str],
    pauses: Sequence[str] = (),
    extend: str | None = None,
    *,
    statute: str | None = None,
    list_keys: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    calendar: WorkCalendar | None = None,
) -> int:
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    if list_keys:
        return list_statutes(out)
    try:
        cal = calendar if calendar is not None else get_calendar()
        if statute is not None:
            result = _statutory(statute, terms, pauses, extend, cal)
        else:
            start, period, pause_list, extension = parse(terms, pauses, extend)
            result = compute(start, period, pauses=pause_list, extension=extension, calendar=cal)
    except (UsageError, ValueError) as exc:  # CalendarRangeError is a ValueError
        _line(err, f"错误：{exc}")
        _line(err, USAGE)
        return EXIT_USAGE
    if result.due is None:
        _line(out, "中止中")
        code = EXIT_SUSPENDED
    else:
        _line(out, result.due.isoformat())
        code = EXIT_PROVISIONAL if result.provisional else EXIT_OK
    if statute is not None:
        _line(out, f"法定期间：{statutes.get(statute).name}（{statute}）")
    for text in result.explain():
        _line(out, text)
    if result.provisional and not _django_ready():
        _line(err, "提示：未连接数据库，管理员录入的节假日年份未加载。")
    return code


def _django_ready() -> bool:
    from django.apps import apps

    return apps.ready


def _setup_django(err: TextIO) -> None:
    """Load Django when it is configured, so years entered by an administrator count."""
    if _django_ready() or not os.environ.get("DJANGO_SETTINGS_MODULE"):
        return
    import django

    try:
        django.setup()
    except Exception as exc:  # the clock still works on the package calendar alone
        _line(err, f"提示：未能加载 Django 设置（{exc}），仅使用内置节假日日历。")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="fazhi clock", description="计算法定期间的届满日", add_help=True)
    add_arguments(parser)
    try:
        ns = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        _line(sys.stderr, f"错误：{exc}")
        _line(sys.stderr, USAGE)
        return EXIT_USAGE
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    _setup_django(sys.stderr)
    try:
        return run(ns.terms, ns.pause, ns.extend, statute=ns.statute, list_keys=ns.list)
    except BrokenPipeError:  # `fazhi clock … | head -1`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
