"""The ``fazhi`` command for users and operators.

fazhi run                      migrate, load the Ezhou 2019 scenario when empty, serve with a worker
fazhi demo [--reset]           build the Ezhou 2019 scenario (idempotent)
fazhi worker                   a Celery worker with its scheduler
fazhi clock 2019-09-20 20 workdays
fazhi verify audit|cases|publications|all [--proof STREAM:ID]
fazhi disclosure preview < text
fazhi manage <django command …>
"""

from __future__ import annotations

import contextlib
import os
import sys


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()


def _record_command(argv: list[str]) -> None:
    """Operator commands are security events: who ran what, from which OS account."""
    import getpass

    from django.db import DatabaseError

    from fazhi.core.integrity.audit import record
    from fazhi.core.integrity.models import SecurityEventKind

    # Before the first migration there is no table to write to.
    with contextlib.suppress(DatabaseError):
        record(
            SecurityEventKind.COMMAND,
            username=getpass.getuser()[:150],
            object_repr=" ".join(argv)[:300],
            data={"argv": argv},
        )


# Commands that cannot write; everything else (shell and dbshell included) is recorded.
READ_ONLY_COMMANDS = {"check", "help", "showmigrations", "diffsettings", "sqlmigrate"}


def _manage(argv: list[str]) -> int:
    _setup()
    from django.core.management import execute_from_command_line

    if argv and argv[0] not in READ_ONLY_COMMANDS:
        _record_command(argv)
    execute_from_command_line(["fazhi", *argv])
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "manage":
        return _manage(rest)
    if command == "clock":
        _setup()
        from fazhi.core.clock.cli import main as clock_main

        return clock_main(rest)
    if command in ("run", "demo", "worker", "verify", "disclosure"):
        return _manage([f"fazhi_{command}", *rest])
    print(f"未知命令：{command}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
