"""Hyphenated key terms ("military-industrial complex", "stem-and-leaf plot"): asked about as
whole terms, never by a part of their word, and not where the sentence leaves the answer open."""

from quizzes.generation import cloze, true_false
from quizzes.generation.targets import given_away
from quizzes.generation.true_false import PREFIX

PHOTOSYNTHESIS = (
    "Plants capture light in the light-dependent reactions, which take place in the thylakoid "
    "membranes. The light-dependent reactions split water and release oxygen. "
    "Sugars are built later in the light-independent reactions of the stroma."
)


def _terms(analysis):
    return {term.text: term for _sentence, term in analysis.terms()}


def test_a_hyphenated_compound_is_one_term(analyse):
    analysis, _pool = analyse(
        "Historians link the arms race to the rise of the military-industrial complex. "
        "A stem-and-leaf plot keeps every data value of a class visible."
    )
    terms = _terms(analysis)
    assert "military-industrial complex" in terms
    assert "stem-and-leaf plot" in terms
    # The hyphen is no word: the term counts its words as the rest of the generator reads them.
    complex_ = terms["military-industrial complex"]
    assert complex_.word_count == 3
    assert complex_.pos == ("ADJ", "ADJ", "NOUN")
    # Never a part of the word: "industrial complex" alone would leave "military-" in the prompt.
    assert not any(t.startswith(("industrial", "-", "leaf")) for t in terms)


def test_a_spaced_dash_joins_no_words(analyse):
    analysis, _pool = analyse(
        "Coastal towns grew rich - merchant guilds financed the harbour walls and the lighthouse."
    )
    assert not any("-" in t for t in _terms(analysis))


def test_a_hyphenated_term_is_asked_for_whole(analyse):
    analysis, pool = analyse(PHOTOSYNTHESIS)
    answers = {c.answer for c in cloze.build(analysis, pool)}
    assert "light-dependent reactions" in answers
    assert not any(a.startswith("dependent") for a in answers)


def test_a_blank_after_product_of_is_filled_by_every_whole_it_belongs_to(analyse):
    analysis, pool = analyse(
        "Oxygen is a waste product of the light-dependent reactions in green plants. "
        "In green plants, the light-dependent reactions take place in the thylakoid membranes."
    )
    sentence = analysis.sentences[0]
    term = next(t for t in sentence.terms if t.text == "light-dependent reactions")
    assert given_away(sentence, term) == "the whole fits as well"
    asked = {(c.question.source_start, c.answer) for c in cloze.build(analysis, pool)}
    assert (sentence.start, "light-dependent reactions") not in asked
    assert (analysis.sentences[1].start, "light-dependent reactions") in asked
    other = analysis.sentences[1]
    kept = next(t for t in other.terms if t.text == "light-dependent reactions")
    assert given_away(other, kept) is None


def test_the_subject_a_sentence_names_is_never_swapped_for_a_false_statement(analyse):
    analysis, pool = analyse(
        "Stainless steels contain a minimum of eleven percent chromium to resist rust. "
        "Some stainless steels, such as the ferritic stainless steels, are magnetic. "
        "Corrosion-resistant steels are abbreviated as CRES. "
        "Tool steels are alloyed with large amounts of tungsten and cobalt."
    )
    falses = [
        c.question.prompt.removeprefix(PREFIX)
        for c in true_false.build(analysis, pool)
        if c.question.choices[1].correct
    ]
    # A kind of corrosion-resistant steel is abbreviated as CRES too: no statement swaps it in.
    assert not any(s.endswith("are abbreviated as CRES.") for s in falses)
    # The rest of the lesson is still asked false.
    assert falses
