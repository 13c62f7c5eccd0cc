import pytest

from quizzes.generation import numeric
from quizzes.generation.analysis import analyse_lessons
from quizzes.generation.distractors import DistractorPool
from quizzes.generation.questions import BLANK, LessonText


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
    reason="recall left for later: the generator asks no year question of a passive sentence "
    "with an agent ('completed in 1858 by engineers')",
    strict=False,
)
def test_passive_year_becomes_a_when_question(analyse):
    [c] = _numeric(analyse, "The first transatlantic cable was completed in 1858 by engineers.")
    assert c.question.prompt == "In which year was the first transatlantic cable completed?"


@pytest.mark.xfail(
    reason="recall left for later: approximate quantities ('about 300 days') are not asked "
    "since issue 9 put precision first; a numeric question with a tolerance would win them back",
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


def _lesson_numeric(text, title):
    analyses = analyse_lessons([LessonText(key="0", title=title, text=text)])
    return numeric.build(analyses[0], DistractorPool(analyses))


def _year_questions(found):
    return [c.question.prompt for c in found if c.question.prompt.startswith("In which year")]


def test_a_year_of_further_or_subsequent_events_is_not_asked(analyse):
    # "further outbreaks" than which? The sentence places them after ones the text spoke of.
    found = _numeric(
        analyse,
        "Over the next few hundred years, further outbreaks occurred in 1361–1362, 1369, "
        "1379–1383 and 1389–1393.",
    )
    assert not [c for c in found if c.question.numeric_answer == 1369]
    listed = _numeric(
        analyse, "Over the next centuries, further outbreaks of the plague occurred in 1361."
    )
    assert not listed
    first = _numeric(analyse, "The first outbreak of the plague in Bristol occurred in 1361.")
    assert _year_questions(first) == [
        "In which year did the first outbreak of the plague in Bristol occur?"
    ]
    # The number's own phrase may count on from a date the sentence gives.
    more = _numeric(
        analyse,
        "Although cells were first seen in the 1660s by Robert Hooke, cell theory was not "
        "accepted for another 200 years.",
    )
    assert [c.question.numeric_answer for c in more] == [200]


def test_a_year_listed_with_spans_of_years_is_no_when_question(analyse):
    listed = _numeric(
        analyse, "The river Tweed flooded the valley of Kelso in 1361–1362, 1369 and 1379–1383."
    )
    assert [c.question.numeric_answer for c in listed] == [1369]
    assert not _year_questions(listed)
    # A person's dates in brackets are no second year of the event.
    lived = _numeric(
        analyse, "In 1852, Robert Remak (1815–1865) described the division of animal cells."
    )
    assert _year_questions(lived) == [
        "In which year did Robert Remak describe the division of animal cells?"
    ]


def test_a_year_question_names_the_one_thing_it_asks_about(analyse):
    for text in (
        "In 1910, over 82,000,000 metric tons of scrap were recycled in the United States.",
        "In 1361, outbreaks were recorded in many towns across the country.",
        "The faculty in Paris blamed the heavens, in the form of a conjunction of three planets "
        "in 1345 that caused a great pestilence.",
    ):
        assert not _year_questions(_numeric(analyse, text)), text
    # "the engine" of a lesson on steam engines: which one?
    engine = _lesson_numeric(
        "The engine was patented in 1769 by James Watt after years of work on the Newcomen design.",
        "Steam engines",
    )
    assert not _year_questions(engine)
    for text, question in (
        (
            "The last plague outbreak ravaged Oslo in 1654.",
            "In which year did the last plague outbreak ravage Oslo?",
        ),
        (
            "The steam powered rotary printing press was invented in 1843.",
            "In which year was the steam powered rotary printing press invented?",
        ),
    ):
        assert _year_questions(_numeric(analyse, text)) == [question]


def test_a_year_question_keeps_the_clause_that_says_which_object(analyse):
    device = _numeric(
        analyse, "In 1926 Julius Lilienfeld patented a device resembling a field-effect transistor."
    )
    assert _year_questions(device) == [
        "In which year did Julius Lilienfeld patent a device resembling a field-effect transistor?"
    ]
    bare = _numeric(analyse, "In 1926 Julius Lilienfeld patented a device.")
    assert not _year_questions(bare)
    assert [c.question.numeric_answer for c in bare] == [1926]  # the sentence, with a blank
    evidence = _numeric(
        analyse,
        "In 1852, Robert Remak published convincing evidence that cells are derived from "
        "other cells.",
    )
    assert not _year_questions(evidence)


def test_a_year_question_reads_a_sentence_opening_common_noun_in_lower_case(analyse):
    found = _numeric(analyse, "Galleys from Kaffa reached Genoa in January 1348.")
    assert _year_questions(found) == ["In which year did galleys from Kaffa reach Genoa?"]
