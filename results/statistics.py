"""Item and test statistics computed as Moodle's quiz statistics report does, on plain data.

Each attempt is a mapping question id -> mark (0 to 1, every drawn question, unanswered = 0).
* facility index: the item's mean mark (share of the marks available);
* standard deviation: the sample SD (n - 1) of the item's marks;
* discrimination index: the Pearson correlation of the item's mark with the sum of the
  attempt's other items (corrected item-total correlation), over the attempts holding the item;
* per quiz: mean, median and sample SD of the attempts' scores (mean mark), and Cronbach's alpha
  k/(k-1) * (1 - sum of item variances / variance of the total) over the items every attempt
  holds (a random draw gives attempts different items; alpha needs the same ones).
No ORM here; the flag rules that use these figures are at the end.
"""

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

LOW_FACILITY = 0.20
HIGH_FACILITY = 0.95
LOW_DISCRIMINATION = 0.20
# Every flag waits for this many answers: a handful says little about a question.
MIN_ANSWERS = 10
# A generated question is flagged when its facility is this far below its siblings' mean.
SIBLING_GAP = 0.30
MIN_SIBLINGS = 2

TOO_HARD, TOO_EASY, LOW_DISCRIMINATING = "too_hard", "too_easy", "low_discrimination"
UNUSED_DISTRACTOR, FAILS_MORE_THAN_SIBLINGS = "unused_distractor", "fails_more_than_siblings"
FLAG_LABELS = {
    TOO_HARD: f"Facility under {LOW_FACILITY:.0%}",
    TOO_EASY: f"Facility over {HIGH_FACILITY:.0%}",
    LOW_DISCRIMINATING: f"Discrimination under {LOW_DISCRIMINATION}",
    UNUSED_DISTRACTOR: "A distractor nobody picks",
    FAILS_MORE_THAN_SIBLINGS: "Failed far more than its sibling questions",
}


@dataclass
class ItemStats:
    question_id: int
    n: int
    facility: float
    sd: float | None
    discrimination: float | None


@dataclass
class TestStats:
    n: int
    mean: float | None = None
    median: float | None = None
    sd: float | None = None
    alpha: float | None = None
    alpha_items: int = 0
    items: dict[int, ItemStats] = field(default_factory=dict)


def _sample_sd(values: np.ndarray) -> float | None:
    return float(np.std(values, ddof=1)) if len(values) > 1 else None


def _correlation(x: np.ndarray, y: np.ndarray) -> float | None:
    """Pearson's r, or None when either side does not vary (r is undefined then)."""
    if len(x) < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    return float(np.corrcoef(x, y)[0, 1])


def cronbach_alpha(matrix: np.ndarray) -> float | None:
    """Alpha of an attempts x items matrix of marks (None under 2 items, 2 attempts or no
    variance in the totals)."""
    attempts, items = matrix.shape
    if items < 2 or attempts < 2:
        return None
    total_variance = float(np.var(matrix.sum(axis=1), ddof=1))
    if total_variance == 0:
        return None
    item_variances = float(np.var(matrix, axis=0, ddof=1).sum())
    return items / (items - 1) * (1 - item_variances / total_variance)


def test_statistics(attempts: Sequence[Mapping[int, float]]) -> TestStats:
    attempts = [a for a in attempts if a]
    result = TestStats(n=len(attempts))
    if not attempts:
        return result
    scores = [sum(a.values()) / len(a) for a in attempts]
    result.mean = statistics.fmean(scores)
    result.median = statistics.median(scores)
    result.sd = statistics.stdev(scores) if len(scores) > 1 else None
    order: dict[int, None] = {}
    for attempt in attempts:
        order.update(dict.fromkeys(attempt))
    for question_id in order:
        holding = [a for a in attempts if question_id in a]
        marks = np.array([a[question_id] for a in holding], dtype=float)
        rest = np.array([sum(a.values()) - a[question_id] for a in holding], dtype=float)
        result.items[question_id] = ItemStats(
            question_id=question_id,
            n=len(holding),
            facility=float(marks.mean()),
            sd=_sample_sd(marks),
            discrimination=_correlation(marks, rest),
        )
    common = [q for q in order if all(q in a for a in attempts)]
    if common:
        matrix = np.array([[a[q] for q in common] for a in attempts], dtype=float)
        result.alpha = cronbach_alpha(matrix)
        result.alpha_items = len(common)
    return result


def item_flags(item: ItemStats, choice_counts: Mapping[str, int] | None = None) -> list[str]:
    """The quiz-item flags: facility out of range, weak discrimination, an unpicked distractor.

    ``choice_counts`` maps each wrong choice's text to how many answers picked it (choice
    questions only)."""
    if item.n < MIN_ANSWERS:
        return []
    flags = []
    if item.facility < LOW_FACILITY:
        flags.append(TOO_HARD)
    if item.facility > HIGH_FACILITY:
        flags.append(TOO_EASY)
    if item.discrimination is not None and item.discrimination < LOW_DISCRIMINATION:
        flags.append(LOW_DISCRIMINATING)
    if choice_counts and any(count == 0 for count in choice_counts.values()):
        flags.append(UNUSED_DISTRACTOR)
    return flags


def fails_more_than_siblings(
    facility: float, answers: int, siblings: Sequence[tuple[float, int]]
) -> bool:
    """A generated question whose facility over all answers is SIBLING_GAP below the mean of
    its lesson's other generated questions (``siblings``: (facility, answers) each); only
    questions and siblings with MIN_ANSWERS answers count."""
    known = [f for f, n in siblings if n >= MIN_ANSWERS]
    if answers < MIN_ANSWERS or len(known) < MIN_SIBLINGS:
        return False
    return facility < statistics.fmean(known) - SIBLING_GAP
