from quizzes.gift import parse_gift


def test_all_equals_answers_are_accepted_answers(parse_one):
    question = parse_one("Who wrote Hamlet?{=Shakespeare =William Shakespeare =W. Shakespeare}")
    assert question.type == "short_answer"
    assert [(a.text, a.fraction) for a in question.answers] == [
        ("Shakespeare", 1.0),
        ("William Shakespeare", 1.0),
        ("W. Shakespeare", 1.0),
    ]


def test_single_accepted_answer(parse_one):
    question = parse_one("Two plus two, in words?{=four}")
    assert question.type == "short_answer"
    assert question.answers[0].text == "four"


def test_short_answer_needs_a_full_mark_answer():
    result = parse_gift("Name it.{=%50%half}")
    assert result.questions == []
    assert "no right answer" in result.errors[0].message


def test_text_before_the_first_answer_is_an_error():
    result = parse_gift("Name it.{oops =answer}")
    assert "unexpected text 'oops'" in result.errors[0].message
