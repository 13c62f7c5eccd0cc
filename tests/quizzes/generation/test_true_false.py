from quizzes.generation import true_false
from quizzes.generation.true_false import PREFIX

TEXT = (
    "The Treaty of Westphalia was signed in 1648 after long negotiations. "
    "The Congress of Vienna was convened in 1814 to restore order in Europe. "
    "France and Spain fought over territory while Austria and Prussia watched."
)


def test_true_statement_is_the_source_sentence(analyse):
    analysis, pool = analyse(TEXT)
    trues = [c for c in true_false.build(analysis, pool) if c.question.choices[0].correct]
    assert trues
    for c in trues:
        assert c.question.prompt == PREFIX + c.question.source_sentence
        assert [ch.text for ch in c.question.choices] == ["True", "False"]


def test_false_statement_swaps_one_term_for_a_same_kind_one(analyse):
    analysis, pool = analyse(TEXT)
    falses = [c for c in true_false.build(analysis, pool) if c.question.choices[1].correct]
    year = [c for c in falses if c.answer == "1648"]
    assert year
    statement = year[0].question.prompt.removeprefix(PREFIX)
    assert "1648" not in statement
    assert statement == year[0].question.source_sentence.replace("1648", year[0].distractors[0])
    for c in falses:
        assert " not " not in f" {c.question.prompt} "  # never bare negation
        original_words = c.question.source_sentence.split()
        changed = [
            w for w in c.question.prompt.removeprefix(PREFIX).split() if w not in original_words
        ]
        assert changed  # something was swapped


def test_a_swapped_name_keeps_the_article_it_is_written_with(analyse):
    analysis, pool = analyse(
        "She first studied at the clandestine Flying University in secret. "
        "Warsaw University later gave her a teaching post in physics. "
        "The Flying University and Warsaw University admitted women."
    )
    swapped = [
        c.question.prompt.removeprefix(PREFIX)
        for c in true_false.build(analysis, pool)
        if c.distractors == ["Flying University"]
    ]
    assert swapped
    assert all("the Flying University" in s.replace("The ", "the ") for s in swapped)


PLACES = (
    "Ships sail from the Red Sea into the Mediterranean Sea every day. "
    "Egypt and France argued over the canal, while the Nile kept flowing. "
    "Israel and Britain joined the war in the same year. "
    "The Suez Canal Company built the waterway for the company's shareholders. "
    "The World Health Organization, a global organization, later studied the workers. "
    "The price of tolls rose sharply between 2010 and 2020 in most years."
)


def _falses(analysis, pool):
    return [c for c in true_false.build(analysis, pool) if c.distractors]


def test_a_sea_or_river_is_never_swapped_for_a_state(analyse):
    analysis, pool = analyse(PLACES)
    falses = _falses(analysis, pool)
    states = {"Egypt", "France", "Israel", "Britain"}
    assert any(c.answer_kind == "GPE" for c in falses)
    for c in falses:
        if c.answer_kind == "GPE":
            assert set(c.distractors) <= states
        if c.answer in {"Nile", "Red Sea", "Mediterranean Sea"}:
            assert not set(c.distractors) & states


def test_a_name_that_says_its_kind_is_swapped_only_for_one_of_that_kind(analyse):
    analysis, pool = analyse(PLACES)
    kinds = {t.text: t.kind_word for _s, t in analysis.terms()}
    assert kinds["Suez Canal Company"] == "company"
    assert kinds["World Health Organization"] == "organization"
    for c in _falses(analysis, pool):
        assert {c.answer, *c.distractors} != {"Suez Canal Company", "World Health Organization"}


def test_a_year_is_never_swapped_for_another_year_of_its_sentence(analyse):
    analysis, pool = analyse(PLACES)
    years = [c for c in _falses(analysis, pool) if c.answer_kind == "YEAR"]
    assert years
    for c in years:
        statement = c.question.prompt.removeprefix(PREFIX)
        assert c.distractors[0] not in c.question.source_sentence
        assert statement.count(c.distractors[0]) == 1
