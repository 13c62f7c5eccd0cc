"""Fitting the auto-approval cut-off on labelled questions."""

import pytest

from quizzes.generation import calibration
from quizzes.generation.calibration import Example, fit_threshold


def test_the_fitted_cut_off_is_the_lowest_that_reaches_the_precision_for_every_reader():
    examples = [Example(score=s / 100, verdicts=(True, True)) for s in range(80, 100)]
    examples += [Example(score=0.75, verdicts=(True, False))]  # one reader rejects it
    examples += [Example(score=s / 100, verdicts=(False, False)) for s in range(50, 60)]
    fit = fit_threshold(examples, target=0.9, min_approved=10)
    assert fit.reached
    # At 0.59: 22 approved (21 and 20 of them acceptable); at 0.58 one reader falls to 20/23.
    assert fit.cut == 0.59
    assert fit.approved == 22
    assert min(fit.precision) >= 0.9


def test_no_cut_off_when_no_score_separates_good_from_bad():
    examples = [Example(score=0.5 + i / 100, verdicts=(i % 2 == 0,)) for i in range(40)]
    assert not fit_threshold(examples, target=0.9).reached


@pytest.mark.parametrize("raw", [0.0, 0.2, 0.5, 0.61, 0.9, 1.0])
def test_the_calibrated_score_puts_the_cut_off_at_one_half_and_inverts(raw):
    cut = 0.61
    score = calibration.calibrated(raw, cut)
    assert (score >= 0.5) == (raw >= cut)
    assert calibration.uncalibrated(score, cut) == pytest.approx(raw)


def test_instructors_verdicts_suggest_a_threshold_only_when_there_are_enough():
    few = [{"quality_score": 0.7, "accepted": True}] * (calibration.MIN_DECISIONS - 1)
    assert calibration.suggested_threshold(few) is None
    many = [{"quality_score": 0.4 + i / 100, "accepted": i >= 20} for i in range(50)]
    fit = calibration.suggested_threshold(many)
    assert fit.reached and fit.cut == pytest.approx(0.57)  # 30 of the 33 at or above it
