"""`fazhi figures`: one line per modelled row of docs/figures.md, exit non-zero on a mismatch."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi import registry

FIGURES_MD = Path(__file__).resolve().parents[2] / "docs" / "figures.md"


def counted_rows() -> set[str]:
    """Rows of the figures table whose "counted by" column says they are counted."""
    rows = set()
    for line in FIGURES_MD.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 5 and re.fullmatch(r"\d+", cells[1]) and "counted" in cells[4]:
            rows.add(cells[1])
    return rows


def test_the_registered_figures_are_the_rows_marked_counted() -> None:
    registered = {f.row for f in registry.figures(2019)}
    assert counted_rows() == registered


def test_every_registered_figure_names_its_query() -> None:
    for f in registry.figures(2019):
        assert f.query.startswith("fazhi."), f
        assert f.seed > 0, f


@pytest.mark.django_db
def test_it_exits_non_zero_and_marks_the_row_when_a_count_differs(monkeypatch: Any) -> None:
    # GIVEN an empty database, where nothing the report counts exists yet
    out = io.StringIO()
    # WHEN the figures are counted
    with pytest.raises(CommandError, match="与报告不符"):
        call_command("fazhi_figures", stdout=out)
    # THEN each row is printed with its seed, its count (0) and a ✘
    lines = out.getvalue().splitlines()[1:]
    assert len(lines) == len(registry.figures(2019))
    assert all("✘" in line for line in lines)
    row13 = next(line for line in lines if "保留的权力事项" in line)
    assert row13.split()[:3] == ["13", "4,221", "0"]


@pytest.mark.django_db
def test_it_passes_when_every_count_matches(monkeypatch: Any) -> None:
    figure = registry.Figure("99", "测试数字", 0, lambda: 0, "fazhi.tests.zero", 2099)
    monkeypatch.setitem(registry.REGISTRY.figures, "99:测试数字", figure)
    out = io.StringIO()
    call_command("fazhi_figures", "--year", "2099", stdout=out)
    assert "✔" in out.getvalue()
    assert "全部 1 个数字与报告一致" in out.getvalue()
