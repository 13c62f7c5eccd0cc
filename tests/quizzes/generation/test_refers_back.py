"""Prompts must name what they speak of: a "the X", "here" or "then" that points at something
only the text before names makes the sentence lean on that text, unless the prompt can name it."""


def test_a_resolved_opening_pronoun_leaves_a_later_unnamed_relational_noun_pointing_back(analyse):
    analysis, _pool = analyse(
        "The brick kiln is very hot. "
        "It took the name from an old word for a furnace. "
        "Brick kilns are very hot. "
        "They reached the end result in a day. "
        "Brick kilns are very hot. "
        "They heat the kiln chamber in a day."
    )
    _hot, name, _hot2, result, _hot3, chamber = analysis.sentences
    assert name.depends and not name.resolved
    assert result.depends and not result.resolved
    assert chamber.resolved == "Brick kilns" and not chamber.depends


def test_a_bare_the_x_anywhere_leans_on_a_recent_sentence_that_introduced_x(analyse):
    def last_depends(*texts: str) -> bool:
        analysis, _pool = analyse(" ".join(texts))
        return analysis.sentences[-1].depends

    creates = "A strong voltage between two plates creates the plasma in the chamber."
    assert last_depends("Potters pump argon into a sealed chamber to make plasma.", creates)
    # Nothing before introduced a chamber or plasma: they are the sentence's own.
    assert not last_depends("Potters fire their pots with gas in large kilns.", creates)
    # "One or more kilns" is not what "the kiln" points at.
    assert not last_depends(
        "Most towns had one or more kilns near the river.",
        "Potters carried the wet clay to the kiln on their backs.",
    )
    assert last_depends(
        "Most towns had a small kiln near the river.",
        "Potters carried the wet clay to the kiln on their backs.",
    )
    # A definite mention points on itself or names a thing known to all: it introduces none.
    assert not last_depends(
        "Potters in every town used the small kiln near the river.",
        "Potters carried the wet clay to the kiln on their backs.",
    )
    # "A kiln door" introduces a door, not a kiln.
    assert not last_depends(
        "Each workshop had a heavy kiln door of cast iron.",
        "Potters carried the wet clay to the kiln on their backs.",
    )


def test_a_bare_the_x_naming_what_the_course_is_about_needs_no_antecedent(analyse):
    lesson = (
        "Potters mixed sand into glaze in the old town. "
        "Apprentices brushed the glaze onto the cups before the firing."
    )
    analysis, _pool = analyse(lesson)
    assert analysis.sentences[-1].depends  # "the glaze": the sand-and-glaze mix just named
    analysis, _pool = analyse(
        lesson, "A glaze seals a pot against water.", "Ash glaze was the first glaze of China."
    )
    assert not analysis.sentences[-1].depends  # a course about glaze: "the glaze" is known
