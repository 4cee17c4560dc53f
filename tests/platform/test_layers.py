"""The tree shows the architecture: the mechanisms are layered, and the shell and the mechanisms
never import a domain (a domain plugs itself in through fazhi.registry)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "fazhi"
# Lowest first: a mechanism imports only those before it.
MECHANISMS = ["org", "integrity", "clock", "casework", "disclosure", "intake"]


def imports_of(path: Path) -> set[str]:
    """Every fazhi module a file imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("fazhi.")}


def files(package: str) -> list[Path]:
    return sorted((SRC / package.replace(".", "/")).rglob("*.py"))


def test_a_mechanism_imports_only_the_mechanisms_below_it() -> None:
    problems = []
    for rank, mechanism in enumerate(MECHANISMS):
        allowed = {f"fazhi.core.{m}" for m in MECHANISMS[: rank + 1]}
        for path in files(f"core.{mechanism}"):
            for name in imports_of(path):
                top = ".".join(name.split(".")[:3])
                if name in ("fazhi.registry", "fazhi.celery"):
                    continue
                if top not in allowed:
                    problems.append(f"{path.relative_to(SRC)} imports {name}")
    assert problems == []


def test_no_mechanism_and_no_shell_module_imports_a_domain() -> None:
    problems = [
        f"{path.relative_to(SRC)} imports {name}"
        for package in ("core", "shell")
        for path in files(package)
        for name in imports_of(path)
        if name.startswith("fazhi.domains")
    ]
    assert problems == []


def test_the_root_urlconf_and_the_api_name_no_app() -> None:
    for path in (SRC / "urls.py", SRC / "shell" / "api" / "urls.py"):
        assert not any(n.startswith("fazhi.domains") for n in imports_of(path)), path
