def test_feedback_after_each_answer(parse_one):
    question = parse_one("Largest ocean?{=Pacific#Yes. ~Atlantic#Second largest. ~Arctic}")
    assert [(a.text, a.feedback) for a in question.answers] == [
        ("Pacific", "Yes."),
        ("Atlantic", "Second largest."),
        ("Arctic", ""),
    ]


def test_feedback_on_short_answers_and_weighted_answers(parse_one):
    question = parse_one("Chemical symbol of gold?{=Au#Right, from aurum. =%50%AU#Mind the case.}")
    assert [(a.text, a.fraction, a.feedback) for a in question.answers] == [
        ("Au", 1.0, "Right, from aurum."),
        ("AU", 0.5, "Mind the case."),
    ]


def test_feedback_may_contain_a_further_hash(parse_one):
    question = parse_one("Pick.{=a#see item #3 ~b}")
    assert question.answers[0].feedback == "see item #3"
