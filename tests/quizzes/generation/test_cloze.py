from quizzes.generation import cloze
from quizzes.generation.questions import BLANK

TEXT = (
    "The Hanseatic League was a commercial confederation of merchant guilds in northern Europe. "
    "The World Health Organization (WHO) coordinates international responses to epidemics "
    "across member countries."
)


def test_blanks_one_key_term_and_accepts_it(analyse):
    analysis, pool = analyse(TEXT)
    found = cloze.build(analysis, pool)
    league = [c for c in found if c.answer == "Hanseatic League"]
    assert league
    q = league[0].question
    assert q.type == "cloze"
    assert q.prompt.count(BLANK) == 1
    assert "Hanseatic League" not in q.prompt
    assert q.accepted_answers == ["Hanseatic League"]
    assert q.source_sentence.startswith("The Hanseatic League was")
    assert TEXT[q.source_start : q.source_end] == q.source_sentence


def test_acronym_and_expansion_are_both_accepted(analyse):
    analysis, pool = analyse(
        TEXT + " Every year the WHO publishes reports on global health trends."
    )
    who = [c for c in cloze.build(analysis, pool) if c.answer == "WHO"]
    assert who
    assert set(who[0].question.accepted_answers) == {"WHO", "World Health Organization"}


def test_a_sentence_leaning_on_the_previous_one_is_not_asked_about(analyse):
    text = (
        "The Hanseatic League dominated trade in the Baltic Sea for three centuries. "
        "It controlled the export of timber, furs and grain from eastern ports."
    )
    analysis, pool = analyse(text)
    statements = [c.statement for c in cloze.build(analysis, pool)]
    assert not any(statement.startswith("It controlled") for statement in statements)
    assert not any("It controlled" in c.question.prompt for c in cloze.build(analysis, pool))
