"""fazhi figures [--year 2019]: every figure of the seed report that Fazhi models, counted from
records and compared with the report; exits non-zero when one differs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


def figure_lines(year: int | None = 2019) -> tuple[list[str], int]:
    """One line per modelled figure (row of docs/figures.md, seed, count, ✔/✘, query) and the
    number of mismatches."""
    from fazhi import registry

    lines: list[str] = []
    bad = 0
    for f in registry.figures(year):
        count = int(f.count())
        ok = count == f.seed
        bad += not ok
        lines.append(
            f"{f.row:>4}  {f.seed:>9,}  {count:>9,}  {'✔' if ok else '✘'}  {f.label}  [{f.query}]"
        )
    return lines, bad


class Command(BaseCommand):
    help = "按记录统计报告中的数字，与报告原文比对（行号对应 docs/figures.md）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=2019, help="报告年度（默认 2019）")

    def handle(self, *args: Any, year: int, **options: Any) -> None:
        lines, bad = figure_lines(year)
        if not lines:
            raise CommandError(f"{year} 年度没有登记的统计数字")
        self.stdout.write(f"{'行':>3}  {'报告原文':>7}  {'按记录统计':>6}     数字  [统计查询]")
        for line in lines:
            self.stdout.write(line)
        if bad:
            raise CommandError(f"{bad} 个数字与报告不符")
        self.stdout.write(f"全部 {len(lines)} 个数字与报告一致。")
