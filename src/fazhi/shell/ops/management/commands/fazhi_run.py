"""fazhi run: migrate, load the Ezhou 2019 scenario into an empty database, then serve the
portal, back office, admin and API together with one background worker and its scheduler."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "初始化并启动平台（门户、工作台、管理后台、接口与后台任务）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("FAZHI_BIND", "127.0.0.1:8000"))
        parser.add_argument("--no-worker", action="store_true")
        parser.add_argument("--no-demo", action="store_true", help="数据库为空时也不加载示例场景")
        parser.add_argument("--threads", type=int, default=8)

    def handle(
        self, *args: Any, bind: str, no_worker: bool, no_demo: bool, threads: int, **options: Any
    ) -> None:
        from fazhi.core.org.models import OrgUnit

        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("数据库已就绪")
        if not no_demo and not OrgUnit.objects.exists():
            self.stdout.write("数据库为空，正在加载鄂州市 2019 年示例场景……")
            call_command("fazhi_demo")
        else:
            from fazhi.shell.scenario.accounts import print_credentials

            print_credentials(self.stdout)
        worker = None
        if not no_worker:
            worker = subprocess.Popen(
                [sys.executable, "-m", "fazhi.cli", "worker"],
                env={**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings"},
            )
            self.stdout.write(
                f"后台任务进程已启动（pid {worker.pid}，代理：{settings.CELERY_BROKER_URL}）"
            )
        host, _, port = bind.rpartition(":")
        self.stdout.write(
            f"\n门户      http://{bind}/\n工作台    http://{bind}/office/\n"
            f"系统管理  http://{bind}/admin/\n"
            f"接口      http://{bind}/api/ （OpenAPI：/api/schema/）\n"
        )
        try:
            from waitress import serve

            from fazhi.wsgi import application

            serve(application, host=host or "127.0.0.1", port=int(port), threads=threads)
        finally:
            if worker is not None and worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
