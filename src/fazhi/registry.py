"""Where apps plug themselves in: layer zero, imported by every layer and importing nothing of
Fazhi's own.

A mechanism or a domain registers, from its own ``AppConfig.ready()``, what the shell then
collects: its back-office and portal URLs and nav entries, its API routes, its scheduled jobs,
its ``fazhi`` subcommands, its scenario stages and the seed figures it counts. Adding a domain
therefore edits its own app and ``INSTALLED_APPS`` only (docs/development/adding-a-domain.md).
Mechanisms keep registries of their own where the thing registered is theirs (integrity
streams, import specs, case workflows, document forms).

Everything here is a plain declaration; nothing is imported or resolved until the shell asks,
so registering is cheap and order-independent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Site = Literal["office", "portal"]


@dataclass(frozen=True)
class UrlMount:
    """``include(module)`` under ``prefix`` on one site (the back office lives under /office/)."""

    site: Site
    prefix: str
    module: str
    order: int = 100


@dataclass(frozen=True)
class NavEntry:
    site: Site
    label: str
    url_name: str
    order: int = 100
    # Shown only to staff holding one of these roles (empty: every signed-in staff member).
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ApiRoute:
    prefix: str
    viewset: Any
    basename: str


@dataclass(frozen=True)
class Job:
    """A periodic Celery task: ``task`` is its registered name, ``every`` seconds apart."""

    name: str
    task: str
    every: float


@dataclass(frozen=True)
class Command:
    """``fazhi <name> …`` runs the management command ``manage`` (audited like any other)."""

    name: str
    manage: str
    help: str


@dataclass(frozen=True)
class Stage:
    """One stage of the Ezhou 2019 scenario; ``load(builder, result)`` runs in a transaction."""

    label: str
    load: Callable[[Any, Any], None]
    order: int
    app: str


@dataclass(frozen=True)
class Figure:
    """A figure of the seed report counted from records: the row of docs/figures.md it fills,
    the seed's value, and the query that counts it; ``year`` is the report it belongs to."""

    row: str
    label: str
    seed: int
    count: Callable[[], int]
    query: str
    year: int = 2019


@dataclass(frozen=True)
class Persona:
    """A staff account of the Ezhou 2019 scenario that a domain's stages act as: its role in
    the org unit of ``unit`` (a code); created with the foundation's personas."""

    username: str
    role: str
    unit: str
    description: str
    app: str


@dataclass
class _Registry:
    urls: list[UrlMount] = field(default_factory=list)
    nav: list[NavEntry] = field(default_factory=list)
    api: dict[str, ApiRoute] = field(default_factory=dict)
    jobs: dict[str, Job] = field(default_factory=dict)
    commands: dict[str, Command] = field(default_factory=dict)
    stages: list[Stage] = field(default_factory=list)
    figures: dict[str, Figure] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)


REGISTRY = _Registry()


def _unique(kind: str, table: dict[str, Any], key: str, value: Any) -> None:
    if key in table and table[key] != value:
        raise ValueError(f"{kind} {key!r} is registered twice")
    table[key] = value


def mount(site: Site, prefix: str, module: str, *, order: int = 100) -> None:
    entry = UrlMount(site, prefix, module, order)
    if entry not in REGISTRY.urls:
        REGISTRY.urls.append(entry)


def nav(
    site: Site, label: str, url_name: str, *, order: int = 100, roles: frozenset[str] = frozenset()
) -> None:
    entry = NavEntry(site, label, url_name, order, roles)
    if entry not in REGISTRY.nav:
        REGISTRY.nav.append(entry)


def api_route(prefix: str, viewset: Any, basename: str) -> None:
    _unique("API route", REGISTRY.api, prefix, ApiRoute(prefix, viewset, basename))


def job(name: str, task: str, *, every: float) -> None:
    _unique("job", REGISTRY.jobs, name, Job(name, task, every))


def command(name: str, manage: str, help: str) -> None:
    _unique("command", REGISTRY.commands, name, Command(name, manage, help))


def stage(label: str, load: Callable[[Any, Any], None], *, order: int, app: str) -> None:
    entry = Stage(label, load, order, app)
    if all(s.label != label for s in REGISTRY.stages):
        REGISTRY.stages.append(entry)


def persona(username: str, role: str, unit: str, description: str, *, app: str) -> None:
    # The same person may act in several domains' stages (a department's clerk answers a
    # reconsideration and drafts a major decision): a second registration with the same role
    # and unit is that person, not a clash; another role or unit under the name is an error.
    known = REGISTRY.personas.get(username)
    if known is not None and (known.role, known.unit) == (role, unit):
        return
    _unique("persona", REGISTRY.personas, username, Persona(username, role, unit, description, app))


def personas() -> list[Persona]:
    return list(REGISTRY.personas.values())


def figure(
    row: str,
    label: str,
    seed: int,
    count: Callable[[], int],
    *,
    query: str = "",
    year: int = 2019,
) -> None:
    name = query or f"{count.__module__}.{count.__qualname__}"
    key = f"{row}:{label}"
    _unique("figure", REGISTRY.figures, key, Figure(row, label, seed, count, name, year))


def urls(site: Site) -> list[UrlMount]:
    return sorted((u for u in REGISTRY.urls if u.site == site), key=lambda u: (u.order, u.prefix))


def nav_entries(site: Site) -> list[NavEntry]:
    return sorted((n for n in REGISTRY.nav if n.site == site), key=lambda n: (n.order, n.label))


def stages() -> list[Stage]:
    return sorted(REGISTRY.stages, key=lambda s: s.order)


def figures(year: int | None = None) -> list[Figure]:
    rows = [f for f in REGISTRY.figures.values() if year is None or f.year == year]

    def row_key(f: Figure) -> tuple[int, str]:
        number = "".join(ch for ch in f.row if ch.isdigit())
        return (int(number) if number else 0, f.row + f.label)

    return sorted(rows, key=row_key)
