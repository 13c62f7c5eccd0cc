from quizzes.gift import parse_gift


def test_comment_lines_are_ignored_between_and_inside_questions(parse_one):
    question = parse_one(
        "// a file header\n"
        "   // indented comments count too\n"
        "Which gas do plants take in?{\n"
        "// the right one:\n"
        "=carbon dioxide\n"
        "~oxygen\n"
        "}\n"
    )
    assert question.prompt == "Which gas do plants take in?"
    assert [a.text for a in question.answers] == ["carbon dioxide", "oxygen"]
    assert question.line == 3


def test_double_slash_inside_a_line_is_text_not_a_comment(parse_one):
    question = parse_one("Which protocol does http://example.org use?{=HTTP ~FTP}")
    assert question.prompt == "Which protocol does http://example.org use?"


def test_a_file_of_only_comments_has_no_questions_and_no_errors():
    result = parse_gift("// nothing\n\n// here either\n")
    assert result.questions == []
    assert result.errors == []
