from quizzes.generation.normalise import (
    answer_key,
    contains_phrase,
    is_acronym_of,
    number_variants,
    related,
)


def test_answer_key_ignores_case_articles_and_plurals():
    assert answer_key("The Treaties") == answer_key("treaty")
    assert answer_key("an alliance") == answer_key("Alliances")


def test_acronyms_match_their_expansion():
    assert is_acronym_of("NATO", "the North Atlantic Treaty Organization")
    assert is_acronym_of("ASEAN", "Association of Southeast Asian Nations")
    assert not is_acronym_of("NATO", "United Nations")


def test_related_catches_aliases_and_supersets():
    assert related("NATO", "North Atlantic Treaty Organization")
    assert related("military alliances", "alliance")
    assert related("the Soviet Union", "Soviet Union")
    assert not related("Soviet Union", "United States")


def test_contains_phrase_is_whole_word():
    assert contains_phrase("The pacts were signed.", "pact")
    assert not contains_phrase("The impact was large.", "pact")


def test_acronym_ending_in_s_is_not_a_plural():
    assert is_acronym_of("DNS", "Domain Name System")
    assert is_acronym_of("CDs", "Compact Discs")


def test_number_variants_are_the_forms_the_lesson_writes():
    text = (
        "Steel pours out of an electric arc furnace. Electric arc furnaces melt scrap impurities."
    )
    assert number_variants("electric arc furnaces", text) == ["electric arc furnace"]
    assert number_variants("electric arc furnace", text) == ["electric arc furnaces"]
    assert number_variants("impurity", text) == ["impurities"]
    # A form the lesson never writes is not offered, nor a name's or an "-ics" word's.
    assert number_variants("slags", text) == []
    assert number_variants("steel mill", text) == []
    assert number_variants("Netherlands", "The Netherland and the Netherlands") == []
    assert number_variants("physics", "physics and a physic") == []
