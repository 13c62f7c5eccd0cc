from quizzes.gift import parse_gift


def test_blank_lines_separate_questions_and_lines_are_numbered():
    result = parse_gift("\n\nOne?{T}\n\n\n  \nTwo? {\n=2\n}\n\nThree?\n{F}\n")
    assert [(q.prompt, q.line) for q in result.questions] == [
        ("One?", 3),
        ("Two?", 7),
        ("Three?", 11),
    ]


def test_question_text_spanning_lines_keeps_its_line_breaks(parse_one):
    question = parse_one("First line\nsecond line?\n{=yes ~no}")
    assert question.prompt == "First line\nsecond line?"


def test_windows_line_endings_and_byte_order_mark():
    result = parse_gift("\ufeffOne?{T}\r\n\r\nTwo?{F}\r\n")
    assert [(q.prompt, q.line) for q in result.questions] == [("One?", 1), ("Two?", 3)]


def test_empty_document():
    result = parse_gift("")
    assert (result.questions, result.errors) == ([], [])
