"""``fazhi clock`` and ``manage.py clock``: the date first, exit code 3 when provisional."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from fazhi.core.clock.cli import main
from fazhi.core.clock.models import CalendarDay, HolidayYear


def run(capsys: Any, *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_the_first_line_is_the_due_date(capsys: Any) -> None:
    code, out, _ = run(capsys, "2019-09-20", "20", "workdays")
    assert code == 0
    assert out[0] == "2019-10-23"
    assert "法律依据：命令行输入" in out


def test_chinese_units(capsys: Any) -> None:
    assert run(capsys, "2019-09-20", "20", "工作日")[1][0] == "2019-10-23"
    assert run(capsys, "2019-03-01", "15", "日")[1][0] == "2019-03-18"
    assert run(capsys, "2024-01-31", "1", "月")[1][0] == "2024-02-29"
    assert run(capsys, "2024-02-29", "1", "年")[1][0] == "2025-02-28"


def test_pause_and_extension(capsys: Any) -> None:
    code, out, _ = run(
        capsys, "2019-09-20", "20", "workdays", "--pause", "2019-09-25:2019-10-14", "--extend", "10"
    )
    assert code == 0
    # 17 working days left from Oct 14 end on Nov 6, then 10 more.
    assert out[0] == "2019-11-20"
    assert "中止天数：19 日" in out


def test_an_open_pause_has_no_date_yet(capsys: Any) -> None:
    code, out, _ = run(capsys, "2019-09-20", "20", "workdays", "--pause", "2019-09-25:")
    assert code == 4
    assert out[0] == "中止中"


def test_provisional_prints_the_date_and_the_warning_and_exits_3(capsys: Any) -> None:
    code, out, _ = run(capsys, "2030-01-10", "20", "workdays")
    assert code == 3
    assert out[0] == "2030-02-07"
    assert "⚠ 暂定：2030 年节假日安排尚未录入，仅按周末计算" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["2019-13-01", "20", "workdays"], "不是有效日期"),
        (["2019-09-20", "twenty", "workdays"], "不是整数"),
        (["2019-09-20", "0", "workdays"], "正整数"),
        (["2019-09-20", "20", "weeks"], "不认识的单位"),
        (["2019-09-20", "20"], "需要三个参数"),
        (["2019-09-20", "20", "days", "--pause", "2019-10-01:2019-09-01"], "早于"),
        (["2019-09-20", "20", "days", "--bogus"], "参数有误"),
        (["1990-01-01", "20", "workdays"], "超出工作日历的范围"),
    ],
)
def test_bad_input_is_explained_in_chinese_and_exits_2(
    capsys: Any, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == []
    assert message in err
    assert "用法：fazhi clock" in err


@pytest.mark.django_db
def test_the_management_command_wraps_it() -> None:
    buf = StringIO()
    call_command("clock", "2019-09-20", "20", "workdays", stdout=buf)
    assert buf.getvalue().splitlines()[0] == "2019-10-23"


@pytest.mark.django_db
def test_the_management_command_exits_3_when_provisional_and_uses_entered_years() -> None:
    with pytest.raises(SystemExit) as exc:
        call_command("clock", "2030-01-10", "20", "workdays", stdout=StringIO())
    assert exc.value.code == 3
    year = HolidayYear.objects.create(year=2030, notice="测试")
    CalendarDay.objects.create(year=year, date=date(2030, 2, 4), kind="holiday", name="春节")
    buf = StringIO()
    call_command("clock", "2030-01-10", "20", "workdays", stdout=buf)
    assert buf.getvalue().splitlines()[0] == "2030-02-08"
