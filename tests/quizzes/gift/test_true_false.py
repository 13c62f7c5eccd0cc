import pytest


@pytest.mark.parametrize(
    ("block", "expected"),
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True)],
)
def test_true_false_spellings(parse_one, block, expected):
    question = parse_one(f"The Sun is a star.{{{block}}}")
    assert question.type == "true_false"
    assert question.true_false_answer is expected
    assert [a.text for a in question.answers] == ["True", "False"]
    assert sum(a.fraction for a in question.answers) == 1.0


def test_true_statement_feedbacks_go_to_the_choice_that_shows_them(parse_one):
    question = parse_one("The Sun is a star.{TRUE#Think of its light.#Yes, a G-type star.}")
    true, false = question.answers
    assert (true.fraction, true.feedback) == (1.0, "Yes, a G-type star.")
    assert (false.fraction, false.feedback) == (0.0, "Think of its light.")


def test_false_statement_feedbacks(parse_one):
    question = parse_one("The Moon is a star.{F#It only reflects light.#Right, it is a moon.}")
    true, false = question.answers
    assert question.true_false_answer is False
    assert (true.fraction, true.feedback) == (0.0, "It only reflects light.")
    assert (false.fraction, false.feedback) == (1.0, "Right, it is a moon.")


def test_only_wrong_answer_feedback(parse_one):
    question = parse_one("Water is wet.{T#Touch some.}")
    assert question.answers[1].feedback == "Touch some."
    assert question.answers[0].feedback == ""


def test_true_false_is_not_reported_for_other_types(parse_one):
    assert parse_one("Pick.{=a ~b}").true_false_answer is None
