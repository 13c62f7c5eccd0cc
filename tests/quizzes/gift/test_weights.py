import pytest

from quizzes.gift import parse_gift


def test_partial_and_negative_weights(parse_one):
    question = parse_one("Which are even?{~%50%2 ~%50%4 ~%-50%3 ~%-100%5}")
    assert [a.fraction for a in question.answers] == [0.5, 0.5, -0.5, -1.0]


def test_partial_credit_answer_in_single_choice(parse_one):
    question = parse_one("Capital of Australia?{=Canberra ~%25%Sydney ~Perth}")
    assert question.type == "single_choice"
    assert [a.fraction for a in question.answers] == [1.0, 0.25, 0.0]


def test_decimal_weights(parse_one):
    question = parse_one("Pick.{~%12.5%a ~%87.5%b ~c}")
    assert [a.fraction for a in question.answers] == [0.125, 0.875, 0.0]


def test_weights_on_short_answers(parse_one):
    question = parse_one("Name the colour.{=%100%violet =%50%purple}")
    assert question.type == "short_answer"
    assert [a.fraction for a in question.answers] == [1.0, 0.5]


@pytest.mark.parametrize("weight", ["150", "-101"])
def test_weight_beyond_100_percent_is_an_error(weight):
    result = parse_gift(f"Pick.{{=a ~%{weight}%b}}\n\nGood?{{T}}")
    assert [q.prompt for q in result.questions] == ["Good?"]
    assert result.errors[0].line == 1
    assert f"{weight}%" in result.errors[0].message
