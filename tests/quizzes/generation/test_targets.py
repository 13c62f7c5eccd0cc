"""Which blanks test their answer: targets.given_away and targets.worked_examples."""

from quizzes.generation import cloze, numeric
from quizzes.generation.targets import given_away, worked_examples


def test_a_plural_measure_word_leaves_the_thing_measured_as_good_a_fill(analyse):
    # "compares _____ from one year to another": "GDP", "prices" or "incomes" fit as well.
    analysis, pool = analyse(
        "GDP measures the market value of all final goods produced in a country. "
        "When one compares GDP figures from one year to another, it is desirable to compensate "
        "for changes in the value of money. "
        "GDP figures are published by national statistical agencies every quarter."
    )
    sentence = analysis.sentences[1]
    term = next(t for t in sentence.terms if t.text == "GDP figures")
    assert given_away(sentence, term) == "the thing measured fits as well"
    assert "GDP figures" not in {c.answer for c in cloze.build(analysis, pool)}


def test_a_rate_or_a_measure_word_in_the_singular_is_its_own_term(analyse):
    analysis, _pool = analyse(
        "The demand for money intersects with the money supply to determine the interest rate. "
        "A percentile indicates the relative standing of a data value in an ordered data set."
    )
    for sentence, text in zip(analysis.sentences, ("interest rate", "data value"), strict=True):
        term = next(t for t in sentence.terms if t.text == text)
        assert given_away(sentence, term) != "the thing measured fits as well"


ROSA = (
    "Suppose that Rosa and Binh both shop at supermarket A. Rosa waits at the checkout counter "
    "for seven minutes and Binh waits for one minute. At supermarket A, the mean waiting time "
    "is five minutes and the standard deviation is two minutes.\n\n"
    "Rosa's wait time of seven minutes is one standard deviation above the average of five "
    "minutes.\n\n"
    "The standard deviation of a data set is the square root of its variance, and about 68 "
    "percent of the values lie within one standard deviation of the mean."
)


def test_a_first_name_a_worked_example_made_up_keeps_its_sentences_in_the_example(analyse):
    analysis, pool = analyse(ROSA)
    examples = worked_examples(analysis)
    rosa = next(s for s in analysis.sentences if s.text.startswith("Rosa's wait"))
    fact = next(s for s in analysis.sentences if s.text.startswith("The standard deviation of"))
    assert rosa.index in examples  # after the blank line, still the example's person
    assert fact.index not in examples
    asked = numeric.build(analysis, pool) + cloze.build(analysis, pool)
    assert asked
    assert not [c for c in asked if "Rosa" in c.question.prompt or c.answer == "Rosa"]


def test_a_name_outside_a_scenario_is_no_example(analyse):
    analysis, _pool = analyse(
        "Florence Nightingale founded the first secular nursing school in London in 1860. "
        "Nightingale used polar area diagrams to show causes of death in the army."
    )
    assert worked_examples(analysis) == set()
