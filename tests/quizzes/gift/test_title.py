def test_title_between_double_colons(parse_one):
    question = parse_one("::Planets 1::Which planet is largest?{=Jupiter ~Mars}")
    assert question.title == "Planets 1"
    assert question.prompt == "Which planet is largest?"


def test_question_without_title_has_empty_title(parse_one):
    assert parse_one("Which planet is largest?{=Jupiter ~Mars}").title == ""


def test_title_may_stand_on_its_own_line(parse_one):
    question = parse_one("::Orbits::\nWhich planet orbits fastest?\n{=Mercury ~Neptune}")
    assert question.title == "Orbits"
    assert question.prompt == "Which planet orbits fastest?"


def test_title_keeps_escaped_colons(parse_one):
    question = parse_one(r"::Ratio 1\:2::What is half of 8?{#4}")
    assert question.title == "Ratio 1:2"
