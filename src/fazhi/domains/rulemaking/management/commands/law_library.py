"""fazhi law_library load | materialize --from-git DIR | status"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.domains.rulemaking import library


class Command(BaseCommand):
    help = "内置法规库：加载（load）、从来源仓库导出文件（materialize）、查看状态（status）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load", "materialize", "status"])
        parser.add_argument(
            "--dir", type=Path, help="法规库文件夹（默认按 FAZHI_LAW_LIBRARY 等查找）"
        )
        parser.add_argument("--only", action="append", help="只加载这些法规（清单中的 key）")
        parser.add_argument("--from-git", type=Path, help="来源仓库（LawRefBook/Laws 的克隆）")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "materialize":
                if not options["from_git"]:
                    raise CommandError("materialize 需要 --from-git 指定来源仓库")
                target = options["dir"] or library.library_dirs()[-1]
                count = library.materialize(options["from_git"], target)
                self.stdout.write(f"已写入 {count} 个文件到 {target}")
            elif action == "status":
                found = library.library_dir()
                self.stdout.write(f"法规库文件夹：{found or '未找到'}")
                for folder in library.library_dirs():
                    self.stdout.write(f"  查找：{folder}")
            else:
                only = set(options["only"]) if options["only"] else None
                result = library.load_library(options["dir"], only=only)
                self.stdout.write(
                    f"法规 {result.texts} 部；新载入版本 {result.versions_loaded} 个，"
                    f"未变 {result.versions_kept} 个；条款 {result.provisions} 条"
                )
                for note in result.notes:
                    self.stdout.write(f"  缺少：{note}")
        except library.LibraryError as exc:
            raise CommandError(str(exc)) from exc
