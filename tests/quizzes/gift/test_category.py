from quizzes.gift import parse_gift


def test_category_applies_to_the_questions_after_it():
    result = parse_gift(
        "Before?{T}\n\n"
        "$CATEGORY: $course$/top/Geography\n\n"
        "First?{T}\n\n"
        "Second?{F}\n\n"
        "$CATEGORY: Geography/Rivers\n\n"
        "Third?{T}\n"
    )
    assert result.errors == []
    assert [(q.prompt, q.category) for q in result.questions] == [
        ("Before?", ""),
        ("First?", "$course$/top/Geography"),
        ("Second?", "$course$/top/Geography"),
        ("Third?", "Geography/Rivers"),
    ]


def test_question_directly_below_a_category_line_is_read(parse_one):
    question = parse_one("$CATEGORY: Quick\nRight below?{T}")
    assert question.category == "Quick"
    assert question.line == 2
