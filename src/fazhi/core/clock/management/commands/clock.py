"""``manage.py clock 2019-09-20 20 workdays``: the ``fazhi clock`` command inside Django."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand

from fazhi.core.clock import cli


class Command(BaseCommand):
    help = "计算法定期间的届满日。例：manage.py clock 2019-09-20 20 workdays"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        cli.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        code = cli.run(
            options["terms"],
            options["pause"],
            options["extend"],
            statute=options["statute"],
            list_keys=options["list"],
            stdout=self.stdout,  # type: ignore[arg-type]
            stderr=self.stderr,  # type: ignore[arg-type]
        )
        if code:
            # 3 (provisional) and 4 (suspended) are results, not failures, but scripts need them.
            raise SystemExit(code)
