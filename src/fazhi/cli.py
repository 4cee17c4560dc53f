"""The ``fazhi`` command for users and operators.

fazhi clock 2019-09-20 20 workdays
fazhi manage <django command …>
fazhi <command> …              every app registers its own (fazhi.registry.command); `fazhi help`
                               lists them, e.g. run, demo, figures, worker, verify, disclosure
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any


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


def _commands() -> dict[str, Any]:
    _setup()
    from fazhi import registry

    return dict(sorted(registry.REGISTRY.commands.items()))


def _usage() -> str:
    lines = [__doc__ or "", "命令："]
    lines += [f"  fazhi {name:<12} {c.help}" for name, c in _commands().items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(_usage())
        return 0
    command, rest = argv[0], argv[1:]
    if command == "manage":
        return _manage(rest)
    if command == "clock":
        _setup()
        from fazhi.core.clock.cli import main as clock_main

        return clock_main(rest)
    registered = _commands().get(command)
    if registered is not None:
        return _manage([registered.manage, *rest])
    print(f"未知命令：{command}\n{_usage()}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
