"""fazhi verify audit|cases|publications|all [--seal] [--proof STREAM:ID]"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.integrity import sealing


class Command(BaseCommand):
    help = "重新计算封存批次的默克尔根，指出第一条被篡改的记录；可输出某条记录的包含证明"

    def add_arguments(self, parser: CommandParser) -> None:
        # The groups come from the registered streams: a new stream is always verified.
        parser.add_argument("what", choices=[*sealing.stream_groups(), "all"])
        parser.add_argument("--seal", action="store_true", help="校验前先封存新记录")
        parser.add_argument("--proof", help="输出包含证明，如 audit:123")
        parser.add_argument(
            "--roots", help="已公布的默克尔根（/integrity/roots.json 的副本），与数据库比对"
        )

    def handle(
        self,
        *args: Any,
        what: str,
        seal: bool,
        proof: str | None,
        roots: str | None,
        **options: Any,
    ) -> None:
        if proof:
            stream, _, record = proof.partition(":")
            try:
                self.stdout.write(json.dumps(sealing.inclusion(stream, int(record)), indent=2))
            except (KeyError, LookupError, ValueError) as exc:
                raise CommandError(f"无法生成包含证明：{exc}") from exc
            return
        groups = sealing.stream_groups()
        streams = [s for g in groups.values() for s in g] if what == "all" else groups[what]
        if seal:
            for name in streams:
                while sealing.seal(name) is not None:
                    pass
        published: list[dict[str, Any]] = []
        if roots:
            try:
                with open(roots, encoding="utf-8") as fh:
                    published = json.load(fh)
            except (OSError, ValueError) as exc:
                raise CommandError(f"无法读取已公布的默克尔根：{exc}") from exc
            if not isinstance(published, list):
                raise CommandError("已公布的默克尔根文件应为 /integrity/roots.json 的格式（列表）")
        bad = False
        for name in streams:
            report = sealing.verify(name, published)
            if report.ok:
                self.stdout.write(
                    f"✔ {name}: {report.batches} 批 {report.records} 条记录，校验通过"
                    f"（尚未封存 {report.unsealed} 条）"
                )
            else:
                bad = True
                for p in report.problems:
                    self.stdout.write(f"✘ {name}: 记录 {p.record_id}：{p.message}")
        for name in streams:
            check = sealing.STREAMS[name].check
            for record_id, message in check() if check else ():
                bad = True
                self.stdout.write(f"✘ {name}: 记录 {record_id}：{message}")
        if bad:
            raise CommandError("校验失败：存在被篡改或缺失的记录")
