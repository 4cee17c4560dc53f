"""fazhi demo: build the Ezhou 2019 scenario (idempotent; a second run creates nothing)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.shell.scenario import data


class Command(BaseCommand):
    help = "构建鄂州市 2019 年示例场景（可重复运行，已有数据不重复创建）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2019, help="随机种子（默认 2019）")
        parser.add_argument(
            "--entities",
            type=int,
            default=data.SEED_ENTITIES,
            help=f"市场主体数量（默认 {data.SEED_ENTITIES:,}，与报告一致）",
        )
        parser.add_argument(
            "--officers",
            type=int,
            default=data.SEED_OFFICERS,
            help=f"执法人员数量（默认 {data.SEED_OFFICERS:,}，与报告一致）",
        )

    def handle(self, *args: Any, seed: int, entities: int, officers: int, **options: Any) -> None:
        from fazhi.shell.scenario.accounts import print_credentials
        from fazhi.shell.scenario.builder import build
        from fazhi.shell.scenario.management.commands.fazhi_figures import figure_lines

        began = time.perf_counter()
        report = build(seed=seed, entities=entities, officers=officers, stdout=self.stdout)
        elapsed = time.perf_counter() - began
        self.stdout.write(
            f"完成：新建 {report.created:,} 条，用时 {elapsed:.1f} 秒。"
            if report.created
            else f"场景已完整，未作修改（用时 {elapsed:.1f} 秒）。"
        )
        self.stdout.write(self._counts())
        print_credentials(self.stdout)
        self.stdout.write(data.PROCEDURE_NOTE)
        # The build ends with the report's figures counted from the records it wrote.
        # (A smaller --entities build differs on purpose, so a mismatch is shown, not fatal.)
        lines, bad = figure_lines(2019)
        self.stdout.write("报告中的数字（fazhi figures：行、报告原文、按记录统计）：")
        self.stdout.write("\n".join(lines))
        if bad:
            self.stdout.write(f"注意：{bad} 个数字与报告不符（用 fazhi figures 核对）。")

    def _counts(self) -> str:
        from fazhi.core.org.models import (
            AdviserAssignment,
            Department,
            Entity,
            Government,
            LegalAdviser,
            Officer,
            Region,
            RiskClassification,
            Staff,
        )

        city = data.CITY.code
        rows = [
            ("政府/管委会", Government.objects.count()),
            ("鄂州市市直部门", Department.objects.filter(parent__code=city).count()),
            ("部门合计", Department.objects.count()),
            ("村（社区）", Region.objects.filter(kind__in=["village", "community"]).count()),
            ("执法人员（持有效执法证）", Officer.objects.filter(status="issued").count()),
            ("市场主体", Entity.objects.count()),
            (
                "信用风险分类（市场监管）",
                RiskClassification.objects.filter(scheme=data.RISK_SCHEME).count(),
            ),
            (
                "律师 / 基层法律服务工作者",
                f"{LegalAdviser.objects.filter(kind='lawyer').count()} / "
                f"{LegalAdviser.objects.filter(kind='grassroots').count()}",
            ),
            (
                "有法律顾问的村（社区）",
                AdviserAssignment.objects.filter(region__isnull=False)
                .values("region")
                .distinct()
                .count(),
            ),
            ("工作人员账号", Staff.objects.count()),
        ]
        return "当前数量：\n" + "\n".join(
            f"  {label}：{value:,}" if isinstance(value, int) else f"  {label}：{value}"
            for label, value in rows
        )
