"""The collection benchmark's own functions on a few cases (the benchmark itself is run by
hand: ``python benchmarks/collect.py``)."""

from __future__ import annotations

import pytest

from benchmarks import collect as bench

pytestmark = pytest.mark.django_db
N = 40


def test_the_floor_and_ours_write_the_same_rows_and_a_reimport_adds_nothing(tmp_path) -> None:
    bench.prepare(N)
    path = bench.generate(tmp_path / "cases.jsonl", N)
    owner = bench.department()
    floor = bench.measure_floor(path, owner)
    floor_rows = bench.counts()
    bench.empty()
    ours = bench.measure_ours(path, owner)
    assert (ours["created"], ours["events_added"]) == (N, N * bench.EVENTS_PER_CASE)
    assert bench.counts() == floor_rows
    assert floor["events"] == N * (bench.EVENTS_PER_CASE + 1)
    again = bench.measure_ours(path, owner)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, N)
    assert bench.counts() == floor_rows
