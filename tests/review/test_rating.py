import pytest
from fsrs import Rating

from review.rating import auto_rating, typical_time_ms


@pytest.mark.parametrize(
    "mark,typo,time_ms,expected",
    [
        (0.0, False, 1000, Rating.Again),  # wrong
        (0.4, False, 1000, Rating.Again),  # mostly wrong
        (0.5, False, 10000, Rating.Hard),  # half right
        (1.0, True, 10000, Rating.Hard),  # right with a typo
        (1.0, False, 20001, Rating.Hard),  # right but slower than twice the median
        (1.0, False, 10000, Rating.Good),  # right at the usual speed
        (1.0, False, 20000, Rating.Good),  # exactly twice the median is not yet slow
        (1.0, False, 4999, Rating.Easy),  # right in under half the median
        (1.0, False, None, Rating.Good),  # untimed
    ],
)
def test_auto_rating_paths(mark, typo, time_ms, expected):
    assert auto_rating(mark=mark, typo=typo, time_taken_ms=time_ms, typical_ms=10000) == expected


def test_without_a_typical_time_speed_is_ignored():
    assert auto_rating(mark=1.0, typo=False, time_taken_ms=1, typical_ms=None) == Rating.Good
    assert auto_rating(mark=0.0, typo=False, time_taken_ms=1, typical_ms=None) == Rating.Again


def test_typical_time_is_the_median_once_there_are_five_answers():
    assert typical_time_ms([1000, 2000, 3000, 4000]) is None
    assert typical_time_ms([5000, 1000, 3000, 2000, 4000]) == 3000
    assert typical_time_ms([1000, 2000, 3000, 4000, 5000, 6000]) == 3500
