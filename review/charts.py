"""Geometry for the dashboard's server-rendered SVG charts: numbers in, shapes to draw out."""

import datetime as dt
from dataclasses import dataclass


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


def bar_chart(values: list[int], labels: list[str], *, width=600, height=120, gap=2) -> dict:
    """Vertical bars scaled to the largest value, left to right."""
    count = max(len(values), 1)
    top = max(values, default=0) or 1
    slot = width / count
    bars = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        bar_height = height * value / top
        bars.append(
            Bar(
                x=round(index * slot + gap / 2, 2),
                y=round(height - bar_height, 2),
                width=round(max(slot - gap, 1), 2),
                height=round(bar_height, 2),
                value=value,
                label=label,
            )
        )
    return {"bars": bars, "width": width, "height": height, "max": max(values, default=0)}


@dataclass
class Cell:
    x: int
    y: int
    level: int
    day: dt.date
    count: int


def heatmap(counts: dict[dt.date, int], *, end: dt.date, weeks=26, size=11, gap=2) -> dict:
    """A GitHub-style calendar: one column per week (Monday on top), ending with ``end``'s week.
    Levels 0–4 split the busiest day's count into quarters."""
    first = end - dt.timedelta(days=end.weekday() + 7 * (weeks - 1))
    top = max(counts.values(), default=0)
    cells = []
    day = first
    while day <= end:
        count = counts.get(day, 0)
        level = 0 if not count else min(4, 1 + (4 * (count - 1)) // max(top, 1))
        column = (day - first).days // 7
        cells.append(
            Cell(
                x=column * (size + gap),
                y=day.weekday() * (size + gap),
                level=level,
                day=day,
                count=count,
            )
        )
        day += dt.timedelta(days=1)
    return {
        "cells": cells,
        "width": weeks * (size + gap),
        "height": 7 * (size + gap),
        "size": size,
    }


def streak(days_with_reviews: set[dt.date], today: dt.date) -> int:
    """Consecutive days with at least one review, ending today (or yesterday, so a streak is
    not shown as broken before the student has had the chance to review today)."""
    day = today if today in days_with_reviews else today - dt.timedelta(days=1)
    length = 0
    while day in days_with_reviews:
        length += 1
        day -= dt.timedelta(days=1)
    return length
