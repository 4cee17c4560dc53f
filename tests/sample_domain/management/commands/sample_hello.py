from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "示例领域的命令"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("示例领域已安装")
