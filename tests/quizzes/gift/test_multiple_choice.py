from quizzes.gift import parse_gift


def test_one_right_answer_is_single_choice(parse_one):
    question = parse_one("Which is a mammal?{~shark =whale ~trout}")
    assert question.type == "single_choice"
    assert [(a.text, a.fraction) for a in question.answers] == [
        ("shark", 0.0),
        ("whale", 1.0),
        ("trout", 0.0),
    ]


def test_answers_on_separate_lines(parse_one):
    question = parse_one("Which is a mammal? {\n  ~shark\n  =whale\n  ~trout\n}")
    assert question.type == "single_choice"
    assert [a.text for a in question.answers] == ["shark", "whale", "trout"]


def test_several_weighted_right_answers_are_multiple_response(parse_one):
    question = parse_one("Which are mammals?{~%50%whale ~%50%bat ~shark}")
    assert question.type == "multiple_response"
    assert [a.fraction for a in question.answers] == [0.5, 0.5, 0.0]


def test_thirds_that_round_to_100_percent_are_accepted(parse_one):
    question = parse_one(
        "Which are primary colours of light?"
        "{~%33.33333%red ~%33.33333%green ~%33.33333%blue ~%-100%brown}"
    )
    assert question.type == "multiple_response"


def test_multiple_response_weights_must_add_up_to_100_percent():
    result = parse_gift("Which are mammals?{~%50%whale ~%30%bat ~shark}")
    assert result.questions == []
    assert "add up to 80%, not 100%" in result.errors[0].message


def test_multiple_choice_needs_two_answers():
    result = parse_gift("Lonely?{=yes ~}")
    assert result.questions == []
    assert result.errors[0].line == 1
