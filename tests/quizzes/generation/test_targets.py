"""Which blanks test their answer: targets.given_away, targets.worked_examples and the course's
vocabulary in targets.worth_asking."""

from quizzes.generation import cloze, numeric, pipeline
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


HOLES = (
    "In a p-type semiconductor, holes carry the current. "
    "The n-doped layer has an excess of electrons, and the p-doped layer has an excess of holes."
)
DOPING = "Doping adds impurities to a crystal."


def test_an_everyday_word_a_quarter_of_the_course_writes_is_its_vocabulary(analyse):
    # "holes" (Zipf 4.35) is everyday English, but a course on semiconductors writes it in
    # lesson after lesson: the blank on it asks for the subject's own term.
    others = ["Holes move towards the negative terminal.", "Electrons fill holes at a junction."]
    analysis, pool = analyse(HOLES, *others, DOPING, DOPING, DOPING)
    assert pool.course_spread("holes") == (3, 6)
    asked = {c.answer: c for c in pipeline.candidates_for(analysis, pool)}
    assert asked["holes"].features["worth_asking"] == 1.0


def test_an_everyday_word_few_lessons_write_stays_too_common(analyse):
    # Two lessons of six, or three of fourteen: a word the course only passes through.
    few = ["Holes move towards the negative terminal.", DOPING, DOPING, DOPING, DOPING]
    rare = ["Holes move.", "Holes fill.", *[DOPING] * 11]
    for others in (few, rare):
        analysis, pool = analyse(HOLES, *others)
        asked = {c.answer: c for c in pipeline.candidates_for(analysis, pool)}
        assert asked["holes"].features["worth_asking"] == 0.0


def test_a_common_word_the_sentence_gives_as_a_name_is_asked(analyse):
    # "type" is everyday English (and a generic noun), but "known as type" makes it the
    # text's own term for the metal letters; "lines of text" stays too common to ask.
    analysis, pool = analyse(
        "The small individual metal letters known as type would be set up by a compositor "
        "into the desired lines of text. The text is inked using two balls."
    )
    [letters] = [s for s in analysis.sentences if "known as type" in s.text]
    assert "type" in {t.text for t in letters.terms if t.named}
    kept = {
        c.answer
        for c in pipeline.candidates_for(analysis, pool)
        if c.question.type == "cloze" and c.features.get("worth_asking")
    }
    assert "type" in kept and "text" not in kept
