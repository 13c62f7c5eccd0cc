import pytest


@pytest.mark.parametrize("text_format", ["moodle", "markdown", "html", "plain"])
def test_format_tag_before_the_question_text(parse_one, text_format):
    question = parse_one(f"::T::[{text_format}]Is *this* <b>bold</b>?{{T}}")
    assert question.text_format == text_format
    assert question.prompt == "Is *this* <b>bold</b>?"


def test_default_format_is_moodle(parse_one):
    assert parse_one("Plain question?{T}").text_format == "moodle"


def test_format_tag_without_title(parse_one):
    question = parse_one("[html]<p>Which is a noble gas?</p>{=Neon ~Nitrogen}")
    assert question.text_format == "html"
    assert question.prompt == "<p>Which is a noble gas?</p>"


def test_unknown_bracket_word_stays_in_the_text(parse_one):
    question = parse_one("[citation needed] Is this sourced?{F}")
    assert question.text_format == "moodle"
    assert question.prompt == "[citation needed] Is this sourced?"


def test_format_tags_on_answers_and_feedback_are_dropped(parse_one):
    question = parse_one("[html]Pick <i>one</i>.{=[html]<b>yes</b>#[html]<i>good</i> ~no}")
    assert question.answers[0].text == "<b>yes</b>"
    assert question.answers[0].feedback == "<i>good</i>"
