"""fazhi draw verify <campaign code> [--export DIR]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.domains.inspection import services
from fazhi.domains.inspection.models import Campaign


class Command(BaseCommand):
    help = "随机抽查：由公布的规则、名录库、承诺与揭示值重算抽取结果，并与记录比对"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("campaign", help="抽查任务编号")
        parser.add_argument("--export", help="同时把公开文件（draw-spec §6）写到此目录")

    def handle(
        self, *args: Any, action: str, campaign: str, export: str | None, **options: Any
    ) -> None:
        found = Campaign.objects.unrestricted("fazhi draw verify").filter(code=campaign).first()
        if found is None:
            raise CommandError(f"没有编号为 {campaign} 的抽查任务")
        check = services.verify(found)
        if export:
            folder = Path(export)
            folder.mkdir(parents=True, exist_ok=True)
            for name, data in services.published_files(found).items():
                (folder / name).write_bytes(data)
        if not check.ok:
            raise CommandError(f"{found.code} 核验不一致：{check}")
        self.stdout.write(f"{found.code} 核验一致：{check.targets} 户抽查对象，种子 {check.seed}")
