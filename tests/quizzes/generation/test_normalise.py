from quizzes.generation.normalise import answer_key, contains_phrase, is_acronym_of, related


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
