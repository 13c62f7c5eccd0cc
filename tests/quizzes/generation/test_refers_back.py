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
