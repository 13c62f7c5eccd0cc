"""Reading a lesson: which sentences lean on the one before, which phrases are terms, and which
terms name a kind or part of another."""

from quizzes.generation import cloze
from quizzes.generation.normalise import answer_key


def _terms(analysis) -> set[str]:
    return {term.text for _sentence, term in analysis.terms()}


def test_a_bare_count_as_subject_leans_on_the_previous_sentence(analyse):
    analysis, _pool = analyse(
        "The Leiden workshop printed a new atlas of the coast in 1602. "
        "About 300 copies were sold in the first year, and a dozen survive. "
        "Three were lost at sea on the way to the colonies. "
        "Old maps of the coast hang in the harbour museum today."
    )
    first, copies, three, maps = analysis.sentences
    assert copies.depends and copies.context == first.text
    assert three.depends
    assert not maps.depends  # a subject with its own description names what it counts


def test_a_blank_never_takes_an_adjective_away_from_its_adverb(analyse):
    analysis, _pool = analyse(
        "Oak trees are the most common broadleaf trees in the northern valley forests."
    )
    terms = _terms(analysis)
    assert "broadleaf trees" in terms
    assert not any(t.startswith("common") for t in terms)


def test_a_rank_with_a_noun_is_not_a_concept(analyse):
    analysis, _pool = analyse(
        "The main tools of a village potter are a wheel and a kiln. "
        "Key ingredients for glazes come from local river clay."
    )
    terms = {answer_key(t) for t in _terms(analysis)}
    assert "main tool" not in terms and "key ingredient" not in terms
    assert "kiln" in terms


def test_a_fragment_of_a_longer_name_is_never_blanked(analyse):
    analysis, pool = analyse(
        "Her letters are kept in the reading room of the Bibliotheque nationale de France. "
        'Soldiers called the small field ambulances "little Marias" during the long war.'
    )
    answers = {c.answer for c in cloze.build(analysis, pool)}
    assert not answers & {"Bibliotheque", "France", "Marias"}


def test_a_kind_and_its_examples_are_related_but_list_siblings_are_not(analyse):
    analysis, pool = analyse(
        "The valley shelters birds of prey such as kestrels and buzzards all year."
    )
    assert frozenset({"bird", "kestrel"}) in pool.related
    assert frozenset({"bird", "buzzard"}) in pool.related
    assert frozenset({"kestrel", "buzzard"}) not in pool.related


def test_a_word_the_text_also_writes_in_lower_case_is_no_name(analyse):
    analysis, _pool = analyse(
        "Cells turn glucose into pyruvate during Glycolysis in the cytoplasm. "
        "Without oxygen, glycolysis still yields a little energy for the cell."
    )
    kinds = {t.text: t.kind for _s, t in analysis.terms()}
    assert "Glycolysis" not in kinds  # the tagger calls it an organisation
    assert all(kind == "CONCEPT" for kind in kinds.values())


def test_a_counted_noun_is_a_unit_not_a_concept(analyse):
    analysis, _pool = analyse(
        "Private car use is paid at 0.30 euros per kilometre on approved trips. "
        "The youngest of five children, she later studied chemistry in Paris."
    )
    keys = {t.key for _s, t in analysis.terms()}
    assert not keys & {"euro", "child"}
    assert {"kilometre", "chemistry"} <= keys


def test_two_phrases_the_chunker_glued_are_not_one_term(analyse):
    analysis, _pool = analyse(
        "Phosphorus gives the top layer extra electrons, while boron gives the bottom layer "
        "fewer electrons."
    )
    keys = {t.key for _s, t in analysis.terms()}
    assert not keys & {"top layer extra electron", "bottom layer fewer electron"}


def test_it_with_no_singular_noun_before_it_leans_on_the_previous_sentence(analyse):
    """Such a sentence is not asked about: no earlier sentence is glued on as context."""
    analysis, pool = analyse(
        "A home router connects your devices to the internet. "
        "Attackers who break into it can watch traffic and change settings."
    )
    router, attackers = analysis.sentences
    assert not router.depends and attackers.depends
    asked = [c.question.prompt for c in cloze.build(analysis, pool)]
    assert not any("break into" in prompt for prompt in asked)


def test_a_regnal_number_or_a_following_acronym_belongs_to_the_name(analyse):
    analysis, pool = analyse(
        "English merchants lost patience, and Queen Elizabeth I closed the office in 1598. "
        "Ribosomes in the cytoplasm read the messenger RNA three bases at a time. "
        "The Steelyard in London stayed empty for many years afterwards."
    )
    answers = {c.answer for c in cloze.build(analysis, pool)}
    assert not answers & {"Queen Elizabeth", "messenger"}
    assert "London" in answers
