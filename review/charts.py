"""Geometry for the dashboard's server-rendered SVG charts: numbers in, shapes to draw out."""

import datetime as dt
import functools
import itertools
from dataclasses import dataclass


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


def scale(top: int, steps=4) -> list[int]:
    """Whole-number gridline values from 0 to at least ``top``, at most ``steps`` apart in a
    1-2-5 sequence (0, 5, 10, 15 rather than 0, 3.75, 7.5)."""
    step, factors = 1, itertools.cycle((2, 2.5, 2))  # 1, 2, 5, 10, 20, 50, 100 …
    while step * steps < top:
        step = round(step * next(factors))
    return [step * index for index in range(-(-max(top, 1) // step) + 1)]


def bar_chart(
    values: list[int],
    labels: list[str],
    *,
    axis: dict[int, str] | None = None,
    width=480,
    height=120,
    gap=2,
    left=30,
    top=8,
    bottom=20,
) -> dict:
    """Vertical bars, left to right, on a whole-number scale whose gridlines are labelled at the
    left; ``axis`` labels the bars at the given indexes underneath."""
    count = max(len(values), 1)
    gridlines = scale(max(values, default=0))
    ceiling = gridlines[-1]
    slot = (width - left) / count
    bars = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        bar_height = height * value / ceiling
        bars.append(
            Bar(
                x=round(left + index * slot + gap / 2, 2),
                y=round(top + height - bar_height, 2),
                width=round(max(slot - gap, 1), 2),
                height=round(bar_height, 2),
                value=value,
                label=label,
            )
        )
    ticks = [
        {"value": value, "y": round(top + height - height * value / ceiling, 2)}
        for value in gridlines
    ]
    axis_ticks = [
        {"x": round(left + (index + 0.5) * slot, 2), "label": text}
        for index, text in sorted((axis or {}).items())
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "axis": axis_ticks,
        "left": left,
        "right": width,
        "baseline": top + height,
        "label_y": top + height + bottom - 5,
        "width": width,
        "height": top + height + bottom,
        "max": max(values, default=0),
    }


@dataclass(slots=True)
class Cell:
    x: int
    y: int
    level: int
    day: dt.date
    count: int
    label: str  # the day as the cell's title names it: "Mon 1 Jun 2026"


@functools.lru_cache(maxsize=4)
def _calendar(end: dt.date, weeks: int, size: int, gap: int, left: int, top: int) -> tuple:
    """Where each day of the heatmap ending with ``end``'s week sits, labelled, and the months
    named above it: the same for every student on a given day, so worked out once."""
    first = end - dt.timedelta(days=end.weekday() + 7 * (weeks - 1))  # a Monday
    step = size + gap
    days = []
    months = []
    one_day = dt.timedelta(days=1)
    day = first
    # Day ``index`` from the first Monday falls in column index // 7, on weekday index % 7.
    for index in range((end - first).days + 1):
        column, weekday = divmod(index, 7)
        x = left + column * step
        # A month is named over its first whole week shown, with room for the name.
        if weekday == 0 and (day.day <= 7 or column == 0):
            if not months or column - months[-1]["column"] >= 3:
                months.append({"column": column, "x": x, "label": f"{day:%b}"})
            elif months[-1]["column"] == 0:
                months[-1] = {"column": column, "x": x, "label": f"{day:%b}"}
        days.append((day, x, top + weekday * step, f"{day:%a} {day.day} {day:%b %Y}"))
        day += one_day
    return tuple(days), tuple(months)


def heatmap(
    counts: dict[dt.date, int], *, end: dt.date, weeks=26, size=11, gap=2, left=28, top=14
) -> dict:
    """A GitHub-style calendar: one column per week (Monday on top), ending with ``end``'s week,
    months labelled above the week they start in and Mon/Wed/Fri at the left. Levels 0–4 split
    the busiest day's count into quarters; ``legend`` says which counts each level covers."""
    busiest = max(counts.values(), default=0)
    days, months = _calendar(end, weeks, size, gap, left, top)
    cells = []
    for day, x, y, label in days:
        count = counts.get(day, 0)
        level = heat_level(count, busiest) if count else 0
        cells.append(Cell(x, y, level, day, count, label))
    step = size + gap
    weekdays = [
        {"label": name, "y": top + index * step + size - 1}
        for index, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"))
    ]
    return {
        "cells": cells,
        "months": [dict(month) for month in months],
        "weekdays": weekdays,
        "legend": heat_legend(busiest),
        "width": left + weeks * step,
        "height": top + 7 * step,
        "size": size,
        "month_y": top - 4,
    }


def heat_level(count: int, busiest: int) -> int:
    return 0 if not count else min(4, 1 + (4 * (count - 1)) // max(busiest, 1))


def heat_legend(busiest: int) -> list[dict]:
    """Each level of the heatmap with the review counts it stands for ("0", "1–3", "4–6"…);
    levels no count reaches are left out."""
    spans = {0: [0, 0]}
    for count in range(1, busiest + 1):
        level = heat_level(count, busiest)
        spans.setdefault(level, [count, count])[1] = count
    return [
        {"level": level, "label": str(low) if low == high else f"{low}–{high}"}
        for level, (low, high) in sorted(spans.items())
    ]


def streak(days_with_reviews: set[dt.date], today: dt.date) -> int:
    """Consecutive days with at least one review, ending today (or yesterday, so a streak is
    not shown as broken before the student has had the chance to review today)."""
    day = today if today in days_with_reviews else today - dt.timedelta(days=1)
    length = 0
    while day in days_with_reviews:
        length += 1
        day -= dt.timedelta(days=1)
    return length
