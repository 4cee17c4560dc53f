"""fazhi disclosure preview [--name 张三 …] [--party 李四 …] < text"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.disclosure.gate import preview


class Command(BaseCommand):
    help = "从标准输入读取文本，输出经公开关口处理后将公开的内容"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["preview"])
        parser.add_argument("--name", action="append", default=[], help="非当事人姓名（将脱敏）")
        parser.add_argument("--party", action="append", default=[], help="当事人姓名（保留）")

    def handle(
        self, *args: Any, action: str, name: list[str], party: list[str], **options: Any
    ) -> None:
        text = sys.stdin.read()
        self.stdout.write(preview(text, known_names=name, party_names=party), ending="")
