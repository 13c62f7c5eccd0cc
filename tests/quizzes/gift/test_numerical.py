import pytest

from quizzes.gift import parse_gift


def test_value_with_tolerance(parse_one):
    question = parse_one("When did the Titanic sink?{#1912:1}")
    assert question.type == "numerical"
    (answer,) = question.answers
    assert (answer.value, answer.tolerance, answer.fraction) == (1912.0, 1.0, 1.0)
    assert answer.range_min is None


def test_exact_value(parse_one):
    (answer,) = parse_one("How many legs has a spider?{#8}").answers
    assert (answer.value, answer.tolerance) == (8.0, 0.0)


def test_range_is_midpoint_and_half_width(parse_one):
    (answer,) = parse_one("Give a number between 1.5 and 2.5.{#1.5..2.5}").answers
    assert (answer.value, answer.tolerance) == (2.0, 0.5)
    assert (answer.range_min, answer.range_max) == (1.5, 2.5)
    assert answer.text == "1.5..2.5"


def test_several_answers_with_weights_feedback_and_other_answer_feedback(parse_one):
    question = parse_one(
        "When was the Eiffel Tower finished?{#\n=1889:0#Exactly.\n=%50%1889:2#Close.\n~#No.\n}"
    )
    assert [(a.value, a.tolerance, a.fraction, a.feedback) for a in question.answers] == [
        (1889.0, 0.0, 1.0, "Exactly."),
        (1889.0, 2.0, 0.5, "Close."),
        (None, None, 0.0, "No."),
    ]
    assert question.answers[2].text == "*"


def test_several_answers_on_one_line(parse_one):
    question = parse_one("Year?{# =1822:0 =%50%1822:2}")
    assert [(a.value, a.tolerance, a.fraction) for a in question.answers] == [
        (1822.0, 0.0, 1.0),
        (1822.0, 2.0, 0.5),
    ]


@pytest.mark.parametrize(
    ("block", "value", "tolerance"),
    [("-40", -40.0, 0.0), (".5:.1", 0.5, 0.1), ("6.02e23", 6.02e23, 0.0), ("-3..-1", -2.0, 1.0)],
)
def test_number_spellings(parse_one, block, value, tolerance):
    (answer,) = parse_one(f"Number?{{#{block}}}").answers
    assert (answer.value, answer.tolerance) == (value, tolerance)


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("#many", "is not a number"),
        ("#5:-1", "negative"),
        ("#3..1", "ends below its start"),
        ("#", "at least one number"),
        ("#=%50%5", "no right answer"),
    ],
)
def test_bad_numbers_are_reported(block, message):
    result = parse_gift(f"Number?{{{block}}}")
    assert result.questions == []
    assert message in result.errors[0].message
