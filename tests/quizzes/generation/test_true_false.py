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
        "The University of Paris later gave her a teaching post in physics."
    )
    swapped = [
        c.question.prompt.removeprefix(PREFIX)
        for c in true_false.build(analysis, pool)
        if c.distractors == ["Flying University"]
    ]
    assert swapped
    assert all("the Flying University" in s.replace("The ", "the ") for s in swapped)
