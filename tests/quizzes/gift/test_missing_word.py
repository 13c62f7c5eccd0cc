from quizzes.gift import BLANK, parse_gift


def test_choice_block_mid_sentence_is_a_cloze_with_a_blank(parse_one):
    question = parse_one("The Rhine flows into the {~Baltic =North ~Black} Sea.")
    assert question.type == "cloze"
    assert question.prompt == f"The Rhine flows into the {BLANK} Sea."
    assert question.blank_kinds == ("choice",)
    assert [(a.text, a.fraction, a.blank) for a in question.answers] == [
        ("Baltic", 0.0, 0),
        ("North", 1.0, 0),
        ("Black", 0.0, 0),
    ]


def test_closing_punctuation_after_the_block_makes_it_missing_word(parse_one):
    question = parse_one("The capital of Peru is {=Lima}.")
    assert question.type == "cloze"
    assert question.prompt == f"The capital of Peru is {BLANK}."
    assert question.blank_kinds == ("text",)


def test_several_blanks(parse_one):
    question = parse_one("{=Oxygen} and {=hydrogen =H} make {~salt =water}.")
    assert question.type == "cloze"
    assert question.prompt == f"{BLANK} and {BLANK} make {BLANK}."
    assert question.blank_kinds == ("text", "text", "choice")
    assert [(a.text, a.blank) for a in question.answers] == [
        ("Oxygen", 0),
        ("hydrogen", 1),
        ("H", 1),
        ("salt", 2),
        ("water", 2),
    ]


def test_block_at_the_end_is_not_a_blank(parse_one):
    question = parse_one("The capital of Peru is {=Lima}")
    assert question.type == "short_answer"
    assert question.prompt == "The capital of Peru is"


def test_other_types_mid_sentence_keep_their_type_and_get_a_blank(parse_one):
    question = parse_one("The Berlin Wall fell in {#1989} after 28 years.")
    assert question.type == "numerical"
    assert question.prompt == f"The Berlin Wall fell in {BLANK} after 28 years."


def test_each_blank_needs_a_right_answer():
    result = parse_gift("{=a} then {~b ~%50%c} end.")
    assert result.questions == []
    assert "blank 2" in result.errors[0].message


def test_several_blocks_of_other_types_are_reported():
    result = parse_gift("First {T}\nsecond {#2}")
    assert "several answer blocks" in result.errors[0].message
