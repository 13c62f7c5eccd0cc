import pytest

from quizzes.gift import parse_gift


def test_sample_file_reports_each_bad_question_at_its_line(sample):
    result = parse_gift(sample("malformed.gift"))
    assert [q.title for q in result.questions] == ["Good 3", "Good 7", "Good 13", "Good 19"]
    assert [q.line for q in result.questions] == [3, 7, 13, 19]
    assert [e.line for e in result.errors] == [5, 9, 11, 15, 17]
    messages = [e.message for e in result.errors]
    assert "never closed" in messages[0]
    assert "cannot tell the question type" in messages[1]
    assert "no right answer" in messages[2]
    assert "at least two pairs" in messages[3]
    assert "not a number" in messages[4]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Unclosed {=a ~b", "the answer block opened with '{' on line 3 is never closed"),
        ("Stray } here {=a}", "'}' on line 3 closes no answer block"),
        ("Nested {=a {=b}}", "'{' on line 3 is inside the answer block opened on line 3"),
        ("::Title only", "never closed with '::'"),
        ("Just a statement.", "no answer block"),
        ("::T::{=a ~b}", "no text besides its answers"),
        ("Empty answer {= ~b}", "an answer after '=' is empty"),
        ("Two feedbacks {=a ####x} and {=b ####y}.", "more than one answer block"),
        ("Tilde in numerical {#5 ~3}", "only gives feedback"),
    ],
)
def test_malformed_question_is_reported_and_its_neighbours_parse(text, message):
    result = parse_gift(f"Before?{{T}}\n\n{text}\n\nAfter?{{F}}\n")
    assert [q.prompt for q in result.questions] == ["Before?", "After?"]
    assert len(result.errors) == 1
    assert result.errors[0].line == 3
    assert message in result.errors[0].message


def test_error_in_a_multi_line_question_names_the_line_of_the_brace():
    result = parse_gift("::Q::\nFirst line\nsecond {=a ~b\nthird line\n")
    assert result.errors[0].line == 1
    assert "on line 3" in result.errors[0].message


def test_error_renders_with_its_line():
    (error,) = parse_gift("\nOops").errors
    assert str(error) == f"line 2: {error.message}"
