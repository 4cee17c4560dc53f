"""The scenario's tables are data files read into typed rows (``fazhi.shell.scenario.tables``):
a file that does not say what its row type expects fails loudly, every data file ships with the
package, and reading the files gives the rows the plan depends on."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from fazhi.domains.lists.scenario import vocab
from fazhi.shell.scenario import data
from fazhi.shell.scenario.tables import TableError, make, read_csv

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Row:
    code: str
    count: int
    share: float
    active: bool
    parent: str | None
    note: str = ""


@dataclass(frozen=True)
class Nested:
    name: str
    pairs: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...] = ()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_row_is_converted_by_its_field_types(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# a comment line is skipped\ncode,count,share,active,parent\n"
        "420700,3,0.5,true,\nGDKFQ,0,1,false,420700\n",
    )
    assert read_csv(path, Row) == (
        Row("420700", 3, 0.5, True, None),
        Row("GDKFQ", 0, 1.0, False, "420700"),
    )


def test_a_csv_with_a_column_the_row_type_lacks_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "code,count,share,active,parent,colour\n1,1,1,true,,red\n")
    with pytest.raises(TableError, match="表头"):
        read_csv(path, Row)


def test_a_csv_cell_of_the_wrong_type_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "code,count,share,active,parent\n1,many,1,true,\n")
    with pytest.raises(TableError, match="count"):
        read_csv(path, Row)


def test_a_csv_boolean_is_true_or_false_only(tmp_path: Path) -> None:
    path = write(tmp_path, "code,count,share,active,parent\n1,1,1,yes,\n")
    with pytest.raises(TableError, match="active"):
        read_csv(path, Row)


def test_a_yaml_mapping_becomes_nested_rows_with_tuples() -> None:
    built = make(
        Nested,
        {
            "name": "x",
            "pairs": [["a", "b"], ["c", ""]],
            "rows": [{"code": "1", "count": 2, "share": 3, "active": True, "parent": None}],
        },
    )
    assert built == Nested("x", (("a", "b"), ("c", "")), (Row("1", 2, 3, True, None),))


def test_a_yaml_mapping_with_an_unknown_key_fails() -> None:
    with pytest.raises(TableError, match="未知字段"):
        make(Nested, {"name": "x", "pairs": [], "colour": "red"})


def test_a_yaml_number_where_a_code_is_expected_fails() -> None:
    # An unquoted 420700 is an int in YAML: a code must be written as a string.
    with pytest.raises(TableError, match="不是 str"):
        make(Nested, {"name": 420700, "pairs": []})


def test_every_data_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    src = ROOT / "src"
    files = [
        p
        for p in src.rglob("*")
        if p.is_file() and "data" in p.parent.relative_to(src).parts and p.suffix != ".py"
    ]
    assert files, "no data files found"

    # A package-data pattern is relative to the package directory holding data/ (files may sit
    # in a folder of data/, e.g. enforcement's data/collected/).
    def under_package(p: Path) -> str:
        parts = p.relative_to(src).parts
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("data") :])

    missing = [
        str(p.relative_to(src))
        for p in files
        if not any(fnmatch.fnmatch(under_package(p), pat) for pat in patterns)
    ]
    assert missing == []


def test_the_foundation_tables_read_the_scenario_figures() -> None:
    assert len(data.CITY_DEPARTMENTS) == data.SEED_CITY_DEPARTMENTS
    assert sum(t.communities + t.villages for t in data.TOWNSHIPS) == data.SEED_PLACES
    assert (data.PROVINCE.level, data.CITY.level) == ("province", "city")
    assert [g.short_name for g in data.DISTRICTS] == ["鄂城区", "华容区", "梁子湖区"]


def test_the_lists_vocabulary_names_only_known_laws_and_kinds() -> None:
    departments = {d.suffix for d in data.CITY_DEPARTMENTS}
    assert {v.suffix for v in vocab.VOCAB} <= departments
    for v in vocab.VOCAB:
        for domain in v.domains:
            assert domain.law in vocab.LAWS, domain
            assert all(item.kind in vocab.LETTERS_KIND for item in domain.items), domain
    assert {c.proof for c in vocab.COMPLAINTS} <= {
        p.name for p in vocab.PROOFS if p.status == "cancelled"
    }
    assert sum(c.count for c in vocab.COMPLAINTS) == vocab.SEED_COMPLAINTS
