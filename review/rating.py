"""Automatic review ratings: how a graded answer and its speed map to an FSRS rating."""

from statistics import median

from fsrs import Rating

from quizzes.grading import is_correct

# A mark below this counts as not remembered; partial marks at or above it count as remembered
# with difficulty (Hard), because the student recalled most of the answer.
PASS_MARK = 0.5
# "Slow" and "fast" are relative to the student's own median answer time, so a slow reader is
# not punished with Hard on every card: slower than twice their median is slow, quicker than
# half of it is fast.
SLOW_FACTOR = 2.0
FAST_FACTOR = 0.5
# Below this many timed answers a median says little, so speed is ignored (right is Good).
MIN_TIMED_ANSWERS = 5


def typical_time_ms(recent_times_ms) -> float | None:
    """The student's median answer time, or None while there are too few timed answers."""
    times = [t for t in recent_times_ms if t]
    if len(times) < MIN_TIMED_ANSWERS:
        return None
    return float(median(times))


def speed_counts(*, mark: float, typo: bool, time_taken_ms: int | None) -> bool:
    """Whether the answer time can change ``auto_rating``'s rating: only for a timed answer that
    is right, with no typo (wrong is Again and partly right Hard, however fast)."""
    return time_taken_ms is not None and mark >= PASS_MARK and is_correct(mark) and not typo


def auto_rating(
    *, mark: float, typo: bool, time_taken_ms: int | None, typical_ms: float | None
) -> Rating:
    """Wrong → Again; right but slow, with a typo or only partly right → Hard;
    right → Good; right and fast → Easy."""
    if mark < PASS_MARK:
        return Rating.Again
    if not is_correct(mark) or typo:
        return Rating.Hard
    if time_taken_ms is None or typical_ms is None:
        return Rating.Good
    if time_taken_ms > SLOW_FACTOR * typical_ms:
        return Rating.Hard
    if time_taken_ms < FAST_FACTOR * typical_ms:
        return Rating.Easy
    return Rating.Good
