def test_escaped_specials_are_literal_text(parse_one):
    question = parse_one(r"Is \{a\} \= \{b\}\: \~ \# ok?{=yes\: \~ \= \# \{ \}#fine\: \#1 ~no}")
    assert question.prompt == "Is {a} = {b}: ~ # ok?"
    assert question.answers[0].text == "yes: ~ = # { }"
    assert question.answers[0].feedback == "fine: #1"


def test_backslash_n_is_a_newline_and_double_backslash_a_backslash(parse_one):
    question = parse_one(r"Line one\nline two: C\:\\temp\\new?{=C\:\\new}")
    assert question.prompt == "Line one\nline two: C:\\temp\\new?"
    assert question.answers[0].text == "C:\\new"


def test_unknown_escape_keeps_its_backslash(parse_one):
    assert parse_one(r"Regex \d+ matches?{T}").prompt == r"Regex \d+ matches?"


def test_escaped_colons_do_not_start_a_title(parse_one):
    question = parse_one(r"\:\:not a title\:\: really?{T}")
    assert question.title == ""
    assert question.prompt == "::not a title:: really?"


def test_escaped_hashes_do_not_make_general_feedback(parse_one):
    question = parse_one(r"Pick.{=a\#\#\#\#b ~c}")
    assert question.answers[0].text == "a####b"
    assert question.general_feedback == ""
