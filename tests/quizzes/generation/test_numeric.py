import pytest

from quizzes.generation import numeric
from quizzes.generation.questions import BLANK


def _numeric(analyse, text):
    analysis, pool = analyse(text)
    return numeric.build(analysis, pool)


def test_year_of_a_participle_becomes_a_when_question(analyse):
    [c] = _numeric(
        analyse, "The Hanseatic League, founded in 1356, was a network of trading towns."
    )
    q = c.question
    assert q.prompt == "In which year was the Hanseatic League founded?"
    assert q.type == "numerical" and q.numeric_answer == 1356 and q.tolerance == 0


@pytest.mark.xfail(
    reason="issue 9, open: the generator asks no year question of a passive sentence with an "
    "agent ('completed in 1858 by engineers'), a recall loss to win back",
    strict=False,
)
def test_passive_year_becomes_a_when_question(analyse):
    [c] = _numeric(analyse, "The first transatlantic cable was completed in 1858 by engineers.")
    assert c.question.prompt == "In which year was the first transatlantic cable completed?"


@pytest.mark.xfail(
    reason="issue 9, open: approximate quantities ('about 300 days') are no longer asked; "
    "a numeric question with a tolerance is a recall loss to win back",
    strict=False,
)
def test_other_numbers_are_blanks_with_tolerance_when_approximate(analyse):
    found = _numeric(
        analyse,
        "The expedition lasted about 300 days in total. "
        "The ship carried 42 sailors across the northern ocean.",
    )
    by_value = {c.question.numeric_answer: c.question for c in found}
    assert by_value[300].tolerance == 30
    assert by_value[42].tolerance == 0
    assert by_value[42].prompt.count(BLANK) == 1


def test_a_year_qualified_by_first_or_again_is_no_when_question(analyse):
    # The press printed many things; "first" is what makes 1452 the only year.
    prompts = [
        c.question.prompt
        for c in _numeric(analyse, "The Mainz press first printed a calendar in 1452 for a bishop.")
    ]
    assert "In which year did the Mainz press print a calendar?" not in prompts


def test_a_passive_with_an_object_is_no_when_question(analyse):
    prompts = [
        c.question.prompt
        for c in _numeric(analyse, "In 1983, the Paris metre was given its present definition.")
    ]
    assert not any(p.startswith("In which year") for p in prompts)


def test_an_indefinite_subject_is_no_when_question(analyse):
    # "a second flood" names no one flood: the valley may have had many, each in its year.
    prompts = [
        c.question.prompt
        for c in _numeric(analyse, "A second flood in the valley was reported in March 1921.")
    ]
    assert "In which year was a second flood reported?" not in prompts


def test_a_participle_after_a_noun_and_preposition_is_no_when_question(analyse):
    # Was the Survey published in 1867, or the Customs? Asking about "the Customs" drops the
    # title the participle may well describe.
    found = _numeric(
        analyse,
        "Fishing rights were debated by Ann Berg in her Survey into the Customs of Northern "
        "Towns, published in 1867.",
    )
    assert [c.question.numeric_answer for c in found] == [1867]
    assert not any(c.question.prompt.startswith("In which year") for c in found)


def test_a_year_whose_verb_has_another_year_is_no_when_question(analyse):
    # The bridge fell in 1821 and again in 1846: "In which year did it collapse?" has two answers.
    twice = "The bridge at Kelso collapsed in 1821, and again in 1846."
    assert not any(c.question.prompt.startswith("In which year") for c in _numeric(analyse, twice))
    once = "The bridge at Kelso collapsed in 1821."
    assert any(c.question.prompt.startswith("In which year") for c in _numeric(analyse, once))


def test_a_year_question_keeps_what_its_subject_is_about(analyse):
    found = _numeric(analyse, "In 1871, careful evidence for the tidal theory was presented.")
    prompts = [c.question.prompt for c in found]
    assert "In which year was careful evidence presented?" not in prompts
    assert "In which year was careful evidence for the tidal theory presented?" in prompts


def test_a_year_after_a_bare_late_or_early_is_no_question(analyse):
    garbled = _numeric(
        analyse,
        "After the flood at late 1880 at the harbour office, the tide tables were rewritten "
        "by the clerks Anna Berg and John Hale using new gauges.",
    )
    assert not [c for c in garbled if c.question.numeric_answer == 1880]
    analysis, _ = analyse(
        "After the flood at late 1880 at the harbour office, the tide tables were rewritten."
    )
    assert not [t for s in analysis.sentences for t in s.terms if t.kind == "YEAR"]
    found = _numeric(
        analyse,
        "In late 1880, the tide tables of the harbour office were rewritten by the clerks Anna "
        "Berg and John Hale using new gauges.",
    )
    assert [c for c in found if c.question.numeric_answer == 1880]
