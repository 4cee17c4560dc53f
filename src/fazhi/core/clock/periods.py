"""How a legal period is counted (STATUTES.md §periods).

- 日 (natural days): 民事诉讼法 (2023) 第八十五条 — the start day is not counted; a period whose
  last day is a rest day (法定休假日, weekends included) ends on the next working day.
- 工作日: only working days count (行政许可法 第八十二条, 行政处罚法 第八十五条,
  行政复议法 第八十八条, 行政强制法 第六十九条, 政府信息公开条例); the start day is not counted.
- 月 / 年: the same-numbered day of the last month (or that month's last day), then the rest-day
  rule above.
- 中止 (a pause) stops the clock after its first day and resumes it after its last, with the days it
  had left. A pause that starts after the unmoved end but before the moved legal end (the last day
  fell on a rest day) stops the clock too: what was left is the days up to the moved end.
- An extension is added once, counted from the base period's legal end, i.e. after its move past
  rest days (an approver extends the deadline the party and the office actually had).
- Three kinds of period (``PeriodKind``): a deadline for an act moves past rest days; the
  maximum duration of a burden on a party (查封、扣押, 信用信息公示) and an earliest date (规章施行)
  do not move.
- 补正 is not a pause: it restarts the clock. Express it as ``compute(new_start, period)`` with
  the date the corrected materials were received as the new start.

Only this module turns a start date and a period into a deadline; everywhere else calls
``compute`` (or ``compute_many`` for a batch) and stores the dates it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import TextChoices

from .calendar import CalendarRangeError, WorkCalendar, get_calendar

__all__ = [
    "Computation",
    "Pause",
    "Period",
    "PeriodKind",
    "Unit",
    "add_months",
    "compute",
    "compute_many",
    "day_after",
]


class Unit(TextChoices):
    DAYS = "days", "日"
    WORKDAYS = "workdays", "工作日"
    MONTHS = "months", "月"
    YEARS = "years", "年"


# Units whose last day rolls past rest days; a working-day period always ends on a working day.
NATURAL_UNITS = frozenset({Unit.DAYS, Unit.MONTHS, Unit.YEARS})


class PeriodKind(TextChoices):
    """What a period limits; it decides whether its last day moves past rest days.

    - ACT: the time within which an act must be done (an office's decision, a party's request).
      民事诉讼法 第八十五条: a last day on a rest day moves to the next working day.
    - BURDEN: the longest a burden on a party may last (查封、扣押 行政强制法 第二十五条, the
      publication of credit information). Moving it past a holiday would lengthen the burden,
      so it ends on its computed day.
    - EARLIEST: the earliest date of an act (a rule takes effect 30 days after publication,
      规章制定程序条例 第三十二条; repair after the minimum publication period). The act may be
      done on that date or later; nothing moves.
    """

    ACT = "act", "办理期限"
    BURDEN = "burden", "最长持续期间"
    EARLIEST = "earliest", "最早日期"


KIND_RULES: dict[str, str] = {
    PeriodKind.ACT: "届满日遇休息日顺延至其后第一个工作日",
    PeriodKind.BURDEN: "限制当事人权益的最长期间，届满日不因休息日顺延",
    PeriodKind.EARLIEST: "该日起方可为之，不因休息日顺延",
}


def day_after(d: date) -> date:
    """The day after ``d``: the first day on which an act waiting for a period may be done."""
    return date.fromordinal(d.toordinal() + 1)


@dataclass(frozen=True, slots=True)
class Period:
    """A statutory period: an amount, a unit and the article it comes from."""

    amount: int
    unit: Unit
    basis: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 1:
            raise ValueError(f"期间数量必须是正整数：{self.amount!r}")
        # Accept the stored value ("workdays") as well as the member, so rows round-trip.
        object.__setattr__(self, "unit", Unit(self.unit))

    def __str__(self) -> str:
        if self.unit == Unit.WORKDAYS:
            return f"{self.amount} 个工作日"
        if self.unit == Unit.MONTHS:
            return f"{self.amount} 个月"
        if self.unit == Unit.YEARS:
            return f"{self.amount} 年"
        return f"{self.amount} 日"


@dataclass(frozen=True, slots=True)
class Pause:
    """中止: the clock stops after ``start`` and resumes after ``end``; the days in between do not
    count. ``end=None`` is a pause still in force: the deadline is unknown until it ends."""

    start: date
    end: date | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"中止的结束日 {self.end} 早于开始日 {self.start}")

    @property
    def is_open(self) -> bool:
        return self.end is None

    @property
    def days(self) -> int | None:
        """Natural days not counted, or None while the pause lasts."""
        return None if self.end is None else self.end.toordinal() - self.start.toordinal()


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def add_months(d: date, months: int) -> date:
    """Same-numbered day ``months`` later, or the last day of that month when it has none."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, _days_in_month(year, month)))


def _natural_end(cursor: date, period: Period) -> date:
    if period.unit == Unit.DAYS:
        return date.fromordinal(cursor.toordinal() + period.amount)
    if period.unit == Unit.MONTHS:
        return add_months(cursor, period.amount)
    return add_months(cursor, 12 * period.amount)


# Not frozen: a deadline recompute builds one per stored deadline and frozen dataclasses
# initialise several times slower; treat it as read-only all the same.
@dataclass(slots=True)
class Computation:
    """A deadline and how it was reached. ``due`` is None while an open pause suspends the clock."""

    start: date
    period: Period
    unrolled_due: date | None
    due: date | None
    provisional: bool
    skipped_rest_days: list[date]
    paused_days: int
    extension: Period | None
    basis: str
    provisional_years: tuple[int, ...] = ()
    pauses: tuple[Pause, ...] = ()
    suspended_since: date | None = None
    # While suspended: what is left of the running segment, and in which unit.
    remaining: int | None = None
    remaining_unit: Unit | None = None
    notes: tuple[str, ...] = ()
    calendar: WorkCalendar | None = field(default=None, repr=False, compare=False)
    kind: PeriodKind = PeriodKind.ACT
    # With an extension: the base period's legal end (after its move), where the extension starts.
    base_due: date | None = None

    @property
    def suspended(self) -> bool:
        return self.due is None

    def explain(self) -> list[str]:
        """How the deadline was computed, in Chinese, one fact per line."""
        cal = self.calendar
        lines = [
            f"起算日：{self.start.isoformat()}（当日不计入）",
            f"期间：{self.period}",
            f"法律依据：{self.period.basis or '未注明'}",
            f"期间性质：{self.kind.label}（{KIND_RULES[self.kind]}）",
        ]
        if self.pauses:
            for p in self.pauses:
                reason = f"（{p.reason}）" if p.reason else ""
                if p.end is None:
                    lines.append(f"中止：自 {p.start.isoformat()} 起中止，尚未恢复{reason}")
                else:
                    lines.append(
                        f"中止：{p.start.isoformat()} 至 {p.end.isoformat()}，"
                        f"不计入 {p.days} 日{reason}"
                    )
        lines.append(f"中止天数：{self.paused_days} 日")
        if self.extension is not None:
            ext_basis = self.extension.basis or self.period.basis
            lines.append(f"延长：{self.extension}（{ext_basis}），自原期间届满日起算")
            if self.base_due is not None:
                lines.append(f"原期间届满日（顺延后，延长的起算日）：{self._day(self.base_due)}")
        else:
            lines.append("延长：无")
        if self.suspended:
            assert self.suspended_since is not None and self.remaining_unit is not None
            # A pause only suspends a clock that still has time left, so remaining >= 1.
            left = Period(self.remaining or 1, self.remaining_unit)
            lines.append(
                f"期限中止：自 {self.suspended_since.isoformat()} 起暂停计算，"
                f"恢复后继续计算剩余的 {left}，届满日待恢复后确定"
            )
        else:
            assert self.due is not None and self.unrolled_due is not None
            last_unit = (self.extension or self.period).unit
            if cal is not None and last_unit == Unit.WORKDAYS:
                lines.extend(self._workday_lines(cal))
            if self.kind != PeriodKind.ACT:
                lines.append(f"顺延：不顺延（{self.kind.label}）")
            elif self.skipped_rest_days:
                lines.append(f"期间届满日（顺延前）：{self._day(self.unrolled_due)}")
                lines.append(
                    "顺延跳过的休息日："
                    + "、".join(self._day(d) for d in self.skipped_rest_days)
                    + f"（民事诉讼法 第八十五条，共 {len(self.skipped_rest_days)} 日）"
                )
            else:
                lines.append("顺延跳过的休息日：无")
            last = "最早日期" if self.kind == PeriodKind.EARLIEST else "届满日"
            lines.append(f"{last}：{self._day(self.due)}")
        if self.provisional:
            years = _years(self.provisional_years)
            lines.append(f"⚠ 暂定：{years} 年节假日安排尚未录入，仅按周末计算")
        lines.extend(self.notes)
        return lines

    def _day(self, d: date) -> str:
        return self.calendar.describe(d) if self.calendar is not None else d.isoformat()

    def _workday_lines(self, cal: WorkCalendar) -> list[str]:
        """The notice days that changed the count: holidays on weekdays, 调休 weekend workdays."""
        assert self.due is not None
        skipped: list[str] = []
        counted: list[str] = []
        for d in cal.special_days(self.start, self.due):
            if any(p.end is not None and p.start < d <= p.end for p in self.pauses):
                continue  # inside a pause: it did not count either way
            if cal.is_makeup_workday(d):
                counted.append(cal.describe(d))
            elif d.weekday() < 5:
                skipped.append(cal.describe(d))
        lines = []
        if skipped:
            lines.append("未计入的节假日（工作日）：" + "、".join(skipped))
        if counted:
            lines.append("计入的调休上班日：" + "、".join(counted))
        return lines


def _years(years: tuple[int, ...]) -> str:
    """``2027``, ``2027、2028`` or, for a long run of years, ``2027 至 2060``."""
    if len(years) > 2 and years[-1] - years[0] == len(years) - 1:
        return f"{years[0]} 至 {years[-1]}"
    return "、".join(str(y) for y in years)


def _normalize(pauses: Sequence[Pause], start: date) -> tuple[Pause, ...]:
    """Sorted, clipped to the clock's start, overlapping pauses merged."""
    out: list[Pause] = []
    for p in sorted(pauses, key=lambda p: p.start):
        if p.end is not None and p.end <= start:
            continue  # ended before the clock started
        s = max(p.start, start)
        if out:
            last = out[-1]
            if last.end is None:
                break  # an open pause swallows everything after it
            if s <= last.end:
                end = None if p.end is None else max(p.end, last.end)
                out[-1] = Pause(last.start, end, last.reason or p.reason)
                continue
        out.append(Pause(s, p.end, p.reason))
    return tuple(out)


class _Suspended(Exception):
    def __init__(self, since: date, remaining: int, unit: Unit) -> None:
        self.since, self.remaining, self.unit = since, remaining, unit


def compute(
    start: date,
    period: Period,
    *,
    pauses: Sequence[Pause] = (),
    extension: Period | None = None,
    calendar: WorkCalendar | None = None,
    notes: Sequence[str] = (),
    kind: PeriodKind = PeriodKind.ACT,
) -> Computation:
    """The deadline of ``period`` started on ``start`` (the start day is not counted).

    A restart (补正) is a new ``start``, not a pause. ``notes`` are carried into ``explain()``
    (e.g. the statute version note from ``statutes.period_in_force``). ``kind`` says whether the
    last day moves past rest days (``PeriodKind``).

    A result past the calendar's span is never an error: the span grows, weekends only, and the
    result is provisional like any year without an official calendar.
    """
    cal = calendar if calendar is not None else get_calendar()
    if kind.__class__ is not PeriodKind:  # a stored value ("burden"); the member is the norm
        kind = PeriodKind(kind)
    try:
        return _compute(start, period, pauses, extension, cal, tuple(notes), kind)
    except CalendarRangeError:
        wider = _wider(cal, start, period, extension, pauses)
        if wider is None:
            raise
        return _compute(start, period, pauses, extension, wider, tuple(notes), kind)


def _wider(
    cal: WorkCalendar,
    start: date,
    period: Period,
    extension: Period | None,
    pauses: Sequence[Pause],
) -> WorkCalendar | None:
    """A calendar reaching far enough for this computation, or None (a date before the span,
    or beyond what ``date`` can hold)."""
    if start < cal.first_day:
        return None
    years = 1
    for seg in (period,) if extension is None else (period, extension):
        per_year = {Unit.DAYS: 365, Unit.WORKDAYS: 240, Unit.MONTHS: 12, Unit.YEARS: 1}[seg.unit]
        years += seg.amount // per_year + 1
    latest = start
    for p in pauses:
        if p.end is not None:
            years += (p.days or 0) // 365 + 1
            latest = max(latest, p.end)
    last_year = max(latest.year + years, cal.last_day.year + 1)
    if last_year > 9998:
        return None
    return cal.extended_to(last_year)


def _compute(
    start: date,
    period: Period,
    pauses: Sequence[Pause],
    extension: Period | None,
    cal: WorkCalendar,
    notes: tuple[str, ...],
    kind: PeriodKind,
) -> Computation:
    if not pauses and extension is None:
        return _compute_plain(start, period, cal, notes, kind)
    rolls = kind == PeriodKind.ACT
    applied = _normalize(pauses, start) if pauses else ()
    segments = (period,) if extension is None else (period, extension)
    consulted: list[tuple[date, date]] = []  # dates whose working-day status was used
    cursor = start
    paused = 0
    base_due: date | None = None
    i = 0  # next pause not yet passed
    try:
        for n, seg in enumerate(segments):
            if seg.unit == Unit.WORKDAYS:
                seg_start, remaining = cursor, seg.amount
                while i < len(applied):
                    p = applied[i]
                    consumed = cal.workdays_between(cursor, p.start)
                    if consumed >= remaining:
                        break  # the segment ends before this pause begins
                    remaining -= consumed
                    consulted.append((seg_start, p.start))
                    if p.end is None:
                        raise _Suspended(p.start, remaining, Unit.WORKDAYS)
                    paused += p.end.toordinal() - p.start.toordinal()
                    cursor, seg_start = p.end, p.end
                    i += 1
                cursor = cal.add_workdays(cursor, remaining)
                consulted.append((seg_start, cursor))
            else:
                end = _natural_end(cursor, seg)
                while True:
                    while i < len(applied) and applied[i].start < end:
                        p = applied[i]
                        if p.end is None:
                            left = end.toordinal() - p.start.toordinal()
                            raise _Suspended(p.start, left, Unit.DAYS)
                        length = p.end.toordinal() - p.start.toordinal()
                        end = date.fromordinal(end.toordinal() + length)
                        paused += length
                        i += 1
                    if not rolls or i >= len(applied):
                        break
                    # The last day fell on a rest day and the legal end moved: a pause that
                    # starts in between still finds time on the clock (the days up to the
                    # moved end), and resumes with them.
                    legal = cal.next_workday_on_or_after(end)
                    p = applied[i]
                    if p.start >= legal:
                        break
                    consulted.append((end, legal))
                    left = legal.toordinal() - p.start.toordinal()
                    if p.end is None:
                        raise _Suspended(p.start, left, Unit.DAYS)
                    i += 1
                    length = p.end.toordinal() - p.start.toordinal()
                    if length:
                        paused += length
                        end = date.fromordinal(p.end.toordinal() + left)
                cursor = end
                if rolls and n + 1 < len(segments):
                    # An extension runs from the base period's legal end, after its move.
                    legal = cal.next_workday_on_or_after(end)
                    consulted.append((end, legal))
                    cursor = legal
            if n + 1 < len(segments):
                base_due = cursor
    except _Suspended as s:
        years = _unknown_years(cal, consulted)
        return Computation(
            start=start,
            period=period,
            unrolled_due=None,
            due=None,
            provisional=bool(years),
            skipped_rest_days=[],
            paused_days=paused,
            extension=extension,
            basis=_basis(period, extension),
            provisional_years=years,
            pauses=applied,
            suspended_since=s.since,
            remaining=s.remaining,
            remaining_unit=s.unit,
            notes=notes,
            calendar=cal,
            kind=kind,
            base_due=base_due,
        )

    unrolled = cursor
    if rolls and segments[-1].unit in NATURAL_UNITS:
        due = cal.next_workday_on_or_after(unrolled)
        consulted.append((unrolled, due))
        skipped = [date.fromordinal(o) for o in range(unrolled.toordinal(), due.toordinal())]
    else:
        # A period that does not move needs no calendar at its end: a natural-day burden
        # ending in a year without an official calendar is not provisional.
        due, skipped = unrolled, []
    years = _unknown_years(cal, consulted)
    return Computation(
        start=start,
        period=period,
        unrolled_due=unrolled,
        due=due,
        provisional=bool(years),
        skipped_rest_days=skipped,
        paused_days=paused,
        extension=extension,
        basis=_basis(period, extension),
        provisional_years=years,
        pauses=applied,
        notes=notes,
        calendar=cal,
        kind=kind,
        base_due=base_due,
    )


def _compute_plain(
    start: date, period: Period, cal: WorkCalendar, notes: tuple[str, ...], kind: PeriodKind
) -> Computation:
    """compute() without pauses or extension: the common case, kept short."""
    if period.unit == Unit.WORKDAYS:
        due = unrolled = cal.add_workdays(start, period.amount)
        years = cal.unknown_years(start, due)
        skipped: list[date] = []
    elif kind == PeriodKind.ACT:
        unrolled = _natural_end(start, period)
        due = cal.next_workday_on_or_after(unrolled)
        years = cal.unknown_years(unrolled, due)
        u, d = unrolled.toordinal(), due.toordinal()
        skipped = [date.fromordinal(o) for o in range(u, d)] if d != u else []
    else:
        # Not moved past rest days, so no working-day status is used: never provisional.
        due = unrolled = _natural_end(start, period)
        years, skipped = (), []
    return Computation(
        start,
        period,
        unrolled,
        due,
        bool(years),
        skipped,
        0,
        None,
        period.basis,
        years,
        notes=notes,
        calendar=cal,
        kind=kind,
    )


def _basis(period: Period, extension: Period | None) -> str:
    if extension is None or not extension.basis or extension.basis == period.basis:
        return period.basis
    return f"{period.basis}；{extension.basis}"


def _unknown_years(cal: WorkCalendar, ranges: list[tuple[date, date]]) -> tuple[int, ...]:
    years: set[int] = set()
    for a, b in ranges:
        years.update(cal.unknown_years(a, b))
    return tuple(sorted(years))


# --- the batch path ---------------------------------------------------------------------------

Row = tuple[date, date, bool]


def compute_many(
    starts: Sequence[date],
    period: Period,
    *,
    extension: Period | None = None,
    calendar: WorkCalendar | None = None,
    kind: PeriodKind = PeriodKind.ACT,
) -> list[Row]:
    """``(unrolled_due, due, provisional)`` for each start, equal to ``compute`` without pauses.

    This is the path a holiday-table change takes: every stored deadline without a pause is
    recomputed. Deadlines share few distinct start dates, so each distinct start is computed
    once, by index arithmetic on the working-day array (the precomputed bisect of every day),
    and each deadline then costs one dictionary lookup. The rows are memoised on the calendar,
    which a holiday change replaces. Deadlines with pauses go through ``compute`` one by one.
    """
    cal = calendar if calendar is not None else get_calendar()
    kind = PeriodKind(kind)
    segments = (period,) if extension is None else (period, extension)
    key = ("rows", kind == PeriodKind.ACT, *((seg.amount, seg.unit) for seg in segments))
    table = cal.memo.get(key)
    if not isinstance(table, dict):
        table = cal.memo[key] = {}
    try:
        return list(map(table.__getitem__, starts))
    except KeyError:
        pass
    rolls = kind == PeriodKind.ACT
    table.update(_rows(cal, [d for d in dict.fromkeys(starts) if d not in table], segments, rolls))
    try:
        return list(map(table.__getitem__, starts))
    except KeyError:
        pass
    # A deadline past the calendar's span: compute() widens the span (provisional) or raises
    # the range error for a start before it.
    for s in dict.fromkeys(starts):
        if s not in table:
            c = compute(s, period, extension=extension, calendar=cal, kind=kind)
            assert c.unrolled_due is not None and c.due is not None
            table[s] = (c.unrolled_due, c.due, c.provisional)
    return list(map(table.__getitem__, starts))


def _rows(
    cal: WorkCalendar, starts: list[date], segments: tuple[Period, ...], rolls: bool = True
) -> dict[date, Row]:
    """compute() for many starts at once, as list arithmetic over day offsets in the span."""
    base, n = cal._base, len(cal._flags)
    work, cum, flags = cal._work, cal._cum, cal._flags  # work holds ordinals, cum is by offset
    unk = cal._unknown_cum
    nwork = len(work)
    x = -1  # marks a result outside the span

    def unknown_in(a: int, b: int) -> bool:
        """Any day in an unknown year among offsets a..b."""
        return unk[b] - (unk[a - 1] if a else 0) > 0

    def roll(cursor: list[int], provisional: list[bool]) -> tuple[list[int], list[bool]]:
        # The first working day on or after u is work[cum[u] - flags[u]].
        moved = [
            work[cum[u] - flags[u]] - base if u != x and cum[u] - flags[u] < nwork else x
            for u in cursor
        ]
        return moved, [
            p or (d != x and unknown_in(u, d))
            for p, u, d in zip(provisional, cursor, moved, strict=True)
        ]

    cursor = [o if 0 <= o < n else x for o in (d.toordinal() - base for d in starts)]
    provisional = [False] * len(cursor)
    for i, seg in enumerate(segments):
        k = seg.amount
        if seg.unit == Unit.WORKDAYS:
            # cum[o] working days lie at or before o, so the k-th after o is work[cum[o] + k - 1].
            nxt = [
                work[cum[o] + k - 1] - base if o != x and cum[o] + k - 1 < nwork else x
                for o in cursor
            ]
            provisional = [
                p or (b != x and unknown_in(a, b))
                for p, a, b in zip(provisional, cursor, nxt, strict=True)
            ]
            cursor = nxt
            continue
        if seg.unit == Unit.DAYS:
            cursor = [o + k if o != x and o + k < n else x for o in cursor]
        else:
            months = k if seg.unit == Unit.MONTHS else 12 * k
            ends = [
                add_months(date.fromordinal(o + base), months).toordinal() - base if o != x else x
                for o in cursor
            ]
            cursor = [e if e < n else x for e in ends]
        if rolls and i + 1 < len(segments):
            # An extension runs from the base period's legal end, after its move.
            cursor, provisional = roll(cursor, provisional)
    if segments[-1].unit in NATURAL_UNITS:
        due, provisional = roll(cursor, provisional) if rolls else (cursor, provisional)
    else:
        due = cursor
    fromordinal = date.fromordinal
    return {
        s: (fromordinal(u + base), fromordinal(d + base), p)
        for s, u, d, p in zip(starts, cursor, due, provisional, strict=True)
        if d != x
    }
