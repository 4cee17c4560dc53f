"""fazhi worker: a Celery worker with its beat scheduler (Redis in production, local broker
otherwise)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "启动后台任务进程（含定时调度）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-beat", action="store_true", help="不运行定时调度（多实例时仅一个运行）"
        )
        parser.add_argument("--concurrency", type=int, default=1)
        parser.add_argument("--loglevel", default="INFO")

    def handle(
        self, *args: Any, no_beat: bool, concurrency: int, loglevel: str, **options: Any
    ) -> None:
        from fazhi.celery import app

        argv = ["worker", f"--loglevel={loglevel}", f"--concurrency={concurrency}"]
        if concurrency == 1:
            argv.append("--pool=solo")
        if not no_beat:
            argv.append("--beat")
        app.worker_main(argv)
