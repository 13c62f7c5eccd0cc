def test_general_feedback_after_four_hashes(parse_one):
    question = parse_one("Largest ocean?{=Pacific ~Atlantic ####It covers a third of Earth.}")
    assert question.general_feedback == "It covers a third of Earth."
    assert [a.text for a in question.answers] == ["Pacific", "Atlantic"]


def test_general_feedback_on_its_own_line_after_answer_feedback(parse_one):
    question = parse_one("Largest ocean? {\n=Pacific#Yes\n~Atlantic#No\n####Oceans cover 71%.\n}")
    assert question.answers[1].feedback == "No"
    assert question.general_feedback == "Oceans cover 71%."


def test_general_feedback_for_true_false_numerical_and_essay(parse_one):
    assert parse_one("Ice floats.{T####Less dense.}").general_feedback == "Less dense."
    assert parse_one("Two plus two?{#4####Basic sum.}").general_feedback == "Basic sum."
    essay = parse_one("Describe ice.{####Mention density.}")
    assert essay.type == "essay"
    assert essay.general_feedback == "Mention density."


def test_no_general_feedback_by_default(parse_one):
    assert parse_one("Ice floats.{T}").general_feedback == ""
