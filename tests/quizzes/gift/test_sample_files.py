from quizzes.gift import BLANK, parse_gift


def test_moodle_style_sample_mixing_all_types(sample):
    result = parse_gift(sample("moodle_sample.gift"))
    assert result.errors == []
    by_title = {q.title: q for q in result.questions}
    assert [(q.title, q.type, q.line) for q in result.questions] == [
        ("Longest river", "single_choice", 6),
        ("Tributaries", "multiple_response", 14),
        ("Delta", "true_false", 21),
        ("Source", "true_false", 23),
        ("Capital river", "short_answer", 25),
        ("Missing word", "cloze", 27),
        ("Length", "numerical", 29),
        ("Discharge range", "numerical", 31),
        ("Several numbers", "numerical", 33),
        ("Mouths", "matching", 39),
        ("Flooding", "essay", 48),
        ("Markdown formats", "short_answer", 50),
    ]
    assert {q.category for q in result.questions[:10]} == {"$course$/top/Rivers"}
    assert by_title["Flooding"].category == "$course$/top/Rivers/Essays"
    assert by_title["Flooding"].text_format == "markdown"
    assert by_title["Markdown formats"].text_format == "html"
    longest = by_title["Longest river"]
    assert longest.general_feedback == "The Nile flows north into the Mediterranean."
    assert longest.answers[1].feedback == "Right: about 6,650 km."
    assert by_title["Tributaries"].answers[2].fraction == -1.0
    assert by_title["Delta"].answers[0].feedback == "Yes, a bird's-foot delta."
    assert by_title["Source"].true_false_answer is False
    assert (
        by_title["Missing word"].prompt
        == f"The Thames flows through {BLANK} before reaching the sea."
    )
    assert by_title["Discharge range"].answers[0].range_max == 3.1
    assert [a.match_text for a in by_title["Mouths"].answers][-1] == "Mediterranean Sea"


def test_escapes_sample(sample):
    result = parse_gift(sample("escapes.gift"))
    assert result.errors == []
    braces, path = result.questions
    assert braces.title == "Set: braces"
    assert braces.prompt == "In set notation, what does {1, 2} = {2, 1} show?"
    assert braces.answers[0].text == "Order does not matter: sets are equal"
    assert braces.answers[0].feedback == "Right: {a} = {a}."
    assert braces.answers[1].feedback == "No ~ think again."
    assert braces.answers[2].feedback == "A comment sign # is not a comment here."
    assert path.prompt == "Where is C:\\Windows on a first line\nand on a second?"
    assert [a.text for a in path.answers] == ["C:\\Windows", "C:/Windows"]
