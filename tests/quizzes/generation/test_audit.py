"""The corpus audit's mechanical checks on a single question."""

from quizzes.generation import audit
from quizzes.generation.questions import GeneratedQuestion


def _question(prompt: str) -> GeneratedQuestion:
    return GeneratedQuestion(
        type="cloze",
        prompt=prompt,
        source_sentence=prompt,
        source_start=0,
        source_end=len(prompt),
        generator="cloze",
        generator_version="1",
        fact_key="f",
        accepted_answers=["zinc"],
    )


def test_a_greek_letter_read_as_latin_1_is_debris():
    assert "mojibake" in audit.debris(_question("The beta form is called Î²-brass, not _____."))
    assert not audit.debris(_question("The beta form is called β-brass, not _____."))


def test_a_macron_read_as_latin_1_is_debris_and_its_sentence_is_not_asked():
    from quizzes.generation.cleaning import sentence_defect

    # "Avāram" as UTF-8 read as Latin-1: "Ä" and a C1 control character.
    garbled = "Wootz steel was made with carbon from the plant Av\u00c4\u0081ram in Tamilakam."
    assert "mojibake" in audit.debris(_question(garbled.replace("Tamilakam", "_____")))
    assert sentence_defect(garbled) == "mojibake"
    assert sentence_defect("Wootz steel was made with carbon from the plant Avāram.") is None
    assert sentence_defect("Die Straße\u00a0führt über den Fluss nach Köln.") is None


def test_a_pointer_at_a_diagram_or_at_text_above_leans_on_what_the_prompt_does_not_show():
    assert audit.dangling_opener(_question("Photons reach _____ (see diagram at right)."))
    assert audit.dangling_opener(_question("Brass (made as above) was cast in _____."))
    assert not audit.dangling_opener(_question("Brass was cast in _____ above the forge."))


def test_a_blank_on_the_title_gives_it_away_but_a_definition_of_the_title_term_does_not():
    cloze = _question("Brass is an alloy of copper and _____.")
    assert audit.answer_in_title(cloze, "Zinc and Its Alloys")
    term = GeneratedQuestion(
        type="short_answer",
        prompt="What is the term for a bluish-white metal that coats iron?",
        source_sentence="Zinc is a bluish-white metal that coats iron.",
        source_start=0,
        source_end=45,
        generator="definition",
        generator_version="1",
        fact_key="definition:zinc",
        accepted_answers=["zinc"],
    )
    assert not audit.answer_in_title(term, "Zinc and Its Alloys")


def test_an_existential_there_is_no_dangling_opener_but_what_follows_it_may_be():
    assert not audit.dangling_opener(_question("There are three kinds of _____ in a foundry."))
    assert audit.dangling_opener(_question("There are also three kinds of _____ in a foundry."))
    assert audit.dangling_opener(_question("There, the smiths cast _____ for the city bells."))
    assert audit.dangling_opener(_question("There they cast _____ for the city bells."))


def test_an_opener_naming_what_it_sets_against_leans_on_nothing():
    assert not audit.dangling_opener(_question("In contrast to bronze, brass holds _____ well."))
    assert not audit.dangling_opener(_question("As a result of _____, the bells rang flat."))
    assert audit.dangling_opener(_question("In contrast, brass holds _____ well."))
    assert audit.dangling_opener(_question("As a result, the bells rang _____."))


def test_a_contrastive_opener_leans_on_what_it_contrasts_with_unless_it_names_it():
    for prompt in (
        "Rather, each founder cast _____ for the city.",
        "On the contrary, brass holds _____ well.",
        "By contrast, brass holds _____ well.",
        "By comparison, brass holds _____ well.",
        "In comparison, brass holds _____ well.",
    ):
        assert audit.dangling_opener(_question(prompt)), prompt
    for prompt in (
        "Rather than bronze, each founder cast _____ for the city.",
        "By contrast with bronze, brass holds _____ well.",
        "By comparison to bronze, brass holds _____ well.",
        "Founders would rather cast _____ than bronze.",
    ):
        assert not audit.dangling_opener(_question(prompt)), prompt


def test_coverage_counts_study_lessons_and_reports_the_reference_ones_left_out():
    from quizzes.generation.questions import LessonText

    long = " ".join(["Zinc coats iron so that the iron does not rust in wet air."] * 8)
    lessons = [
        audit_lesson := LessonText(key="zinc", title="Zinc", text=long),
        LessonText(key="links", title="External links", text=long, reference=True),
        LessonText(key="see", title="See also", text="- Brass", reference=True),
    ]
    approved = {"zinc": [_question("Iron is coated with _____.")] * 3}
    result = audit.audit_course(lessons, approved)
    assert (result.covered_lessons, result.long_lessons) == (1, 1)
    assert (result.reference_lessons, result.long_reference_lessons) == (2, 1)
    assert result.coverage == 1.0
    # Unmarked, the same long section counts against coverage as before.
    unmarked = [audit_lesson, LessonText(key="links", title="External links", text=long)]
    assert audit.audit_course(unmarked, approved).long_lessons == 2


def test_a_lesson_is_counted_in_the_words_its_reader_reads():
    prose = "The sample standard deviation measures how spread out the data are."
    math = (
        '<math xmlns:m="http://www.w3.org/1998/Math/MathML"><mrow><mi>s</mi><mo>=</mo>'
        "<msqrt><mfrac><mrow><mi>x</mi></mrow><mi>n</mi></mfrac></msqrt></mrow></math>"
    )
    assert audit.lesson_words(prose) == 11
    assert audit.lesson_words(f"{prose} {math} {{image:'Figure_2_1'}}") == 11
    assert audit.lesson_words(f"{prose} See [the data](https://example.org/data/set).") == 14


def test_those_with_its_qualifier_after_a_comparison_stands_for_the_noun_just_named():
    # "such as those found in": the plural noun before it is what "those" stands for.
    named = "Brass fittings such as those found in the _____ resist salt water."
    assert not audit.dangling_opener(_question(named))
    assert not audit.dangling_opener(_question("Tin melting points are lower than those of _____."))
    # Alone, or as a determiner, "those" still points outside the prompt.
    assert audit.dangling_opener(_question("Those found in the _____ resist salt water."))
    assert audit.dangling_opener(_question("Bells such as those bells ring in _____."))
