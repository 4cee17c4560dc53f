"""``fazhi clock --statute KEY START`` and ``--list``."""

from __future__ import annotations

from typing import Any

from fazhi.core.clock.cli import main


def run(capsys: Any, *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_the_first_line_is_the_due_date_then_the_explanation(capsys: Any) -> None:
    code, out, _ = run(capsys, "--statute", "penalty.hearing_request", "2024-03-01")
    assert code == 0
    assert out[0] == "2024-03-08"
    assert "法定期间：申请处罚听证（penalty.hearing_request）" in out
    assert "法律依据：行政处罚法 第六十四条" in out
    assert any(line.startswith("期间性质：办理期限") for line in out)


def test_the_version_in_force_on_the_start_date_applies(capsys: Any) -> None:
    # 1996 第四十二条: 3 日 (natural) — 2019-09-27 + 3 = 09-30, a working day.
    code, out, _ = run(capsys, "--statute", "penalty.hearing_request", "2019-09-27")
    assert (code, out[0]) == (0, "2019-09-30")
    assert "法律依据：行政处罚法（1996）第四十二条" in out


def test_the_kind_decides_the_move(capsys: Any) -> None:
    _, seizure, _ = run(capsys, "--statute", "coercion.seizure", "2024-01-04")
    _, rule, _ = run(capsys, "--statute", "rulemaking.effective", "2024-01-04")
    assert seizure[0] == rule[0] == "2024-02-03"  # a Saturday, not moved
    assert "最早日期：2024-02-03 周六" in rule


def test_an_approved_extension_within_the_cap(capsys: Any) -> None:
    code, out, _ = run(
        capsys, "--statute", "reconsideration.decision", "2024-01-02", "--extend", "20"
    )
    assert (code, out[0]) == (0, "2024-03-25")


def test_an_extension_over_the_cap_exits_2(capsys: Any) -> None:
    code, out, err = run(
        capsys, "--statute", "reconsideration.decision", "2024-01-02", "--extend", "31"
    )
    assert (code, out) == (2, [])
    assert "延长不得超过 30 日（行政复议法 第六十二条）" in err


def test_an_unknown_key_is_a_chinese_error_exit_2(capsys: Any) -> None:
    code, out, err = run(capsys, "--statute", "penalty.nothing", "2024-03-01")
    assert (code, out) == (2, [])
    assert "未登记的法定期间“penalty.nothing”" in err


def test_a_rule_not_in_force_on_the_start_date_exits_2(capsys: Any) -> None:
    code, _, err = run(capsys, "--statute", "credit.repair.serious.min", "2025-06-01")
    assert code == 2
    assert "credit.repair.field/other" in err


def test_only_the_start_date_is_taken(capsys: Any) -> None:
    code, _, err = run(capsys, "--statute", "penalty.hearing_request", "2024-03-01", "5")
    assert code == 2 and "只需要一个参数" in err


def test_list_names_each_key_with_its_article(capsys: Any) -> None:
    code, out, _ = run(capsys, "--list")
    assert code == 0
    rows = {line.split("\t")[0]: line for line in out}
    assert "行政复议法 第六十二条" in rows["reconsideration.decision"]
    assert "可延长 30 日" in rows["reconsideration.decision"]
    assert rows["coercion.seizure"].endswith("最长持续期间")
    assert "施行至 2026-03-31" in rows["credit.repair.field.min"]
