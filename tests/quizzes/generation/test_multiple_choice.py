import pytest

from quizzes.generation import cloze, multiple_choice, pipeline
from quizzes.generation.normalise import answer_key, related

HISTORY = (
    "The Treaty of Westphalia was signed in 1648 after long negotiations. "
    "The Congress of Vienna was convened in 1814 to restore order in Europe. "
    "France and Spain fought over territory while Austria and Prussia watched. "
    "The United Nations replaced the League of Nations after the war ended. "
    "The Treaty of Versailles was signed in 1919 and punished Germany severely. "
)


def _by_answer(analysis, pool, answer):
    return [c for c in multiple_choice.build(analysis, pool) if c.answer == answer]


def test_year_gets_three_nearby_years(analyse):
    analysis, pool = analyse(HISTORY)
    [mc] = _by_answer(analysis, pool, "1648")
    choices = mc.question.choices
    assert len(choices) == 4 and sum(c.correct for c in choices) == 1
    wrong = [int(c.text) for c in choices if not c.correct]
    assert len(set(wrong)) == 3
    assert all(0 < abs(y - 1648) <= 25 for y in wrong)


def test_entity_distractors_are_of_the_same_kind_and_distinct(analyse):
    analysis, pool = analyse(HISTORY)
    [mc] = _by_answer(analysis, pool, "Germany")
    wrong = [c.text for c in mc.question.choices if not c.correct]
    assert set(wrong) <= {"France", "Spain", "Austria", "Prussia", "Europe", "Westphalia"}
    assert len(wrong) == 3
    assert not any(related(a, b) for i, a in enumerate(wrong) for b in wrong[i + 1 :])


def test_distractors_come_from_the_course_when_the_lesson_has_too_few(analyse):
    lesson = "The Treaty of Versailles was signed in 1919 and punished Germany severely afterwards."
    other = "France, Italy and Belgium sent delegations. Britain also sent a large delegation."
    analysis, pool = analyse(lesson, other)
    [mc] = _by_answer(analysis, pool, "Germany")
    wrong = {c.text for c in mc.question.choices if not c.correct}
    assert wrong <= {"France", "Italy", "Belgium", "Britain"}


def test_choices_order_is_fixed_by_the_question(analyse):
    first = [c.question.choices for c in multiple_choice.build(*analyse(HISTORY))]
    second = [c.question.choices for c in multiple_choice.build(*analyse(HISTORY))]
    assert first == second


IMMUNITY = (
    "The immune system guards the body against harmful microbes. "
    "Vaccines train adaptive immunity over several weeks. "
    "The nervous system, the skeletal system and the digestive system need rest. "
    "Bone marrow makes white blood cells called lymphocytes. "
    "Memory cells stay in the blood for years. "
    "Mucous membranes trap pollen grains. "
    "Prompt answers please the patients. "
    "Doctors dislike prompt answers, late replies and fraudulent replies."
)


def _pick(analysis, pool, answer_text):
    sentence, term = next((s, t) for s, t in analysis.terms() if t.text == answer_text)
    return pool.pick(
        answer=term, sentence=sentence, analysis=analysis, stem=sentence.with_term(term, "")
    )


def test_concept_distractors_share_no_stem_with_the_answer(analyse):
    analysis, pool = analyse(IMMUNITY)
    wrong = _pick(analysis, pool, "immune system")
    assert wrong  # there are fair ones to pick
    assert not any("immun" in w.lower() for w in wrong)  # "innate immunity" is a near-synonym


def test_a_phrase_answer_gets_phrase_distractors(analyse):
    analysis, pool = analyse(IMMUNITY)
    wrong = _pick(analysis, pool, "immune system")
    assert wrong and all(len(w.split()) > 1 for w in wrong)  # not "body" or "blood"


def test_distractors_share_no_stem_with_each_other(analyse):
    analysis, pool = analyse(IMMUNITY)
    wrong = _pick(analysis, pool, "Prompt answers")
    assert sum(w in {"late replies", "fraudulent replies"} for w in wrong) == 1


def test_a_kind_of_the_answer_is_never_its_distractor(analyse):
    analysis, pool = analyse(
        "Kestrels hover above the open fields at dawn. "
        "The valley shelters birds of prey such as kestrels. "
        "Owls, buzzards and kestrels live in old barns. "
        "Farmers plant barley and oats on the slopes. "
        "Wild orchids grow beside old hedges. "
        "Voles dig tunnels under meadows.",
    )
    sentence = analysis.sentences[0]
    kestrels = next(t for t in sentence.terms if t.key == "kestrel")
    assert frozenset({"bird", "kestrel"}) in pool.related
    wrong = pool.pick(answer=kestrels, sentence=sentence, analysis=analysis, stem="", n=10)
    assert wrong and "birds" not in wrong


def test_a_lone_common_noun_gets_a_cloze_but_no_choices(analyse):
    text = (
        "Business class is allowed only on flights longer than eight hours. "
        "Employees claim meals and taxis through the expenses portal. "
        "Receipts and invoices must be attached to every claim."
    )
    analysis, pool = analyse(text)
    lone = {t.key for _s, t in analysis.terms() if t.kind == "CONCEPT" and t.word_count == 1}
    assert "flight" in lone
    asked = {answer_key(c.answer) for c in multiple_choice.build(analysis, pool)}
    assert not asked & lone
    assert "flight" in {answer_key(c.answer) for c in cloze.build(analysis, pool)}


def test_a_name_of_several_words_gets_names_sharing_its_type_word(analyse):
    analysis, pool = analyse(
        "The Pacific Ring of Fire circles the Pacific Ocean with active volcanoes. "
        "Mount Fuji towers above the plains near Tokyo. "
        "Ships cross the Indian Ocean and the Atlantic Ocean every day. "
        "Farmers in North America lost their crops after the eruption."
    )

    def pick(answer):
        sentence, term = next((s, t) for s, t in analysis.terms() if t.text == answer)
        return pool.pick(answer=term, sentence=sentence, analysis=analysis, stem="", n=10)

    assert set(pick("Pacific Ocean")) == {"Indian Ocean", "Atlantic Ocean"}
    assert pick("North America") == []  # no ocean or mountain stands in for a continent


def test_a_person_is_never_offered_under_a_name_the_question_already_uses(analyse):
    analysis, pool = analyse(
        "Back in England, Darwin read Thomas Malthus's essay on population. "
        "Charles Darwin later wrote about evolution. "
        "Alfred Russel Wallace sent him a letter from the islands. "
        "John Stevens Henslow had taught him botany. "
        "Robert FitzRoy commanded the ship."
    )
    sentence, malthus = next((s, t) for s, t in analysis.terms() if t.text == "Thomas Malthus")
    wrong = pool.pick(answer=malthus, sentence=sentence, analysis=analysis, stem="", n=10)
    assert wrong and "Charles Darwin" not in wrong


def test_choices_after_a_or_an_all_fit_the_article(analyse):
    analysis, pool = analyse(
        "Each member of the library receives a library card at the front desk. "
        "Every visitor may need an overdue book, an interlibrary loan, a library card, "
        "a guest pass, a reading list, a parking permit or a membership form. "
        "The library card also opens the study room."
    )
    built = multiple_choice.build(analysis, pool)
    after_a = [c for c in built if " a _____" in c.question.prompt]
    assert after_a
    for c in after_a:
        texts = {ch.text for ch in c.question.choices}
        assert not texts & {"overdue book", "interlibrary loan"}  # "a overdue book"
    # Where no article comes before the blank, the same wrong answers are fair.
    assert any(
        {"overdue book", "interlibrary loan"} & set(c.distractors)
        for c in built
        if c not in after_a
    )


def test_a_name_modifying_the_noun_after_it_gets_no_choices(analyse):
    analysis, pool = analyse(
        "Note G describes a method for calculating Bernoulli numbers with the engine. "
        "Luigi Menabrea wrote the original article in French. "
        "William King married Ada in 1835 in London. "
        "Charles Babbage designed the engine in London."
    )
    asked = {c.answer for c in multiple_choice.build(analysis, pool)}
    assert "Bernoulli" not in asked
    assert {"Bernoulli"} <= {c.answer for c in cloze.build(analysis, pool)}


def test_no_wrong_choice_is_offered_by_more_than_two_questions_of_a_course():
    from quizzes.generation import LessonText, generate_course
    from quizzes.generation.audit import MAX_DISTRACTOR_USES, distractor_uses

    countries = ["France", "Spain", "Italy", "Austria", "Prussia", "Portugal", "Sweden"]
    lessons = [
        LessonText(
            key=str(i),
            title=f"Treaty {i}",
            text=(
                f"{country} signed the treaty in {1700 + 7 * i} after a long war. "
                f"The armies of {', '.join(c for c in countries if c != country)} marched home. "
                f"{country} later built a large fleet of ships for trade."
            ),
        )
        for i, country in enumerate(countries)
    ]
    questions = [q for qs in generate_course(lessons).values() for q in qs]
    assert any(q.type == "single_choice" for q in questions)
    assert max(distractor_uses(questions).values()) <= MAX_DISTRACTOR_USES


def test_a_used_up_wrong_choice_gives_way_to_a_spare(analyse):
    analysis, pool = analyse(HISTORY)
    [mc] = _by_answer(analysis, pool, "Germany")
    used_up = next(c.text for c in mc.question.choices if not c.correct)
    pool.uses[answer_key(used_up)] = 2
    mc.spare_distractors = ["Belgium"]
    assert pool.claim(mc)
    wrong = {c.text for c in mc.question.choices if not c.correct}
    assert used_up not in wrong and "Belgium" in wrong and len(wrong) == 3
    pool.uses[answer_key("Belgium")] = 2
    mc.spare_distractors = []
    assert not pool.claim(mc)  # no spare left: the question is not kept


def _wrong_for(analysis, pool, answer, n=10):
    sentence, term = next((s, t) for s, t in analysis.terms() if t.text == answer)
    return pool.pick(answer=term, sentence=sentence, analysis=analysis, stem="", n=n)


def test_a_phrase_gets_phrases_on_the_same_head_noun_or_listed_with_it(analyse):
    analysis, pool = analyse(
        "The digestive system breaks food down into nutrients. "
        "The nervous system and the skeletal system also need energy. "
        "Heat transfer and long history matter little here."
    )
    wrong = _wrong_for(analysis, pool, "digestive system")
    assert set(wrong) == {"nervous system", "skeletal system"}  # not "heat transfer"


def test_a_common_noun_with_no_kin_in_the_course_gets_no_choices(analyse):
    analysis, pool = analyse(
        "Ribosomes assemble proteins from amino acids in the cytoplasm. "
        "Heat transfer, long history and the nervous system are other topics."
    )
    assert _wrong_for(analysis, pool, "amino acids") == []
    assert "amino acid" not in {answer_key(c.answer) for c in multiple_choice.build(analysis, pool)}
    assert "amino acid" in {answer_key(c.answer) for c in cloze.build(analysis, pool)}


def test_names_the_text_gives_one_thing_are_never_each_others_distractors(analyse):
    analysis, pool = analyse(
        "All cells have a plasma membrane (also called cytoplasmic membrane or cell membrane) "
        "that controls what enters. "
        "The nuclear membrane, the plasma membrane and the outer membrane differ in thickness."
    )
    assert {"plasma membrane", "cell membrane"} in [set(a) for a in pool.aliases]
    sentence = analysis.sentences[1]
    term = next(t for t in sentence.terms if t.key == "nuclear membrane")
    wrong = pool.pick(answer=term, sentence=sentence, analysis=analysis, stem="", n=10)
    assert not {"cell membrane", "cytoplasmic membrane"} <= set(wrong)  # one name, offered twice


def test_vague_and_variant_phrases_are_never_distractors(analyse):
    analysis, pool = analyse(
        "Cellular movement depends on actin filaments. "
        "Cell movement, particular cells, nerve impulses and muscle contraction need energy."
    )
    wrong = _wrong_for(analysis, pool, "Cellular movement")
    assert "Cell movement" not in wrong  # a form of the same word: the same thing
    assert not any("particular" in w for w in wrong)


def test_a_person_is_offered_people_named_the_same_way(analyse):
    analysis, pool = analyse(
        "Louis Pasteur disproved spontaneous generation with swan-neck flasks. "
        "Robert Koch and John Needham studied microbes too. "
        "Euglena and Archaea were described later. "
        "Needham boiled broth in sealed flasks. "
        "Koch grew bacteria on plates of agar."
    )
    full = _wrong_for(analysis, pool, "Louis Pasteur")
    assert full and all(len(w.split()) > 1 for w in full)  # a full name for a full name
    # A surname for a surname, and only of someone the course names in full: the tagger takes
    # "Euglena" for a person too.
    assert _wrong_for(analysis, pool, "Needham") == ["Koch"]


def test_a_number_stays_inside_the_sentence_range_and_a_percentage_under_100(analyse):
    analysis, pool = analyse(
        "The cytoplasm consists of 70 to 80 percent water by weight. "
        "A press printed 2,500 to 3,000 impressions per hour in 1940."
    )
    assert all(float(w) < 80 for w in _wrong_for(analysis, pool, "70"))
    wrong = _wrong_for(analysis, pool, "2,500")
    assert wrong and all(float(w.replace(",", "")) < 3000 for w in wrong)
    assert all(float(w.replace(",", "")) % 100 == 0 for w in wrong)  # round like the answer


def test_a_percentage_range_bounds_its_ends_with_the_sign_after_each(analyse):
    analysis, pool = analyse(
        "The plague killed 30% to 60% of the population of Europe in four years."
    )
    wrong = _wrong_for(analysis, pool, "30")
    assert wrong and all(float(w) < 60 for w in wrong)


def test_a_number_written_as_a_word_gets_neighbours_written_as_words(analyse):
    analysis, pool = analyse("Nineteen sellers answered the survey in the spring of 2019 online.")
    wrong = _wrong_for(analysis, pool, "Nineteen")
    assert wrong and all(w.isalpha() for w in wrong)


def test_a_heading_in_capitals_is_never_a_distractor(analyse):
    analysis, pool = analyse(
        "ATP and NADPH carry energy to the Calvin cycle. "
        "PHOTOSYNTHESIS, RuBisCO and ATP appear in every chloroplast."
    )
    assert "PHOTOSYNTHESIS" not in _wrong_for(analysis, pool, "NADPH")


CELLS = (
    "At 0.1 to 5.0 μm in diameter, prokaryotic cells are much smaller than eukaryotic cells. "
    "Even though the cytoplasm consists of 70 to 80 percent water, it has a semi-solid "
    "consistency. The Stanhope press printed 480 pages per hour. "
    "By 1500, the presses had already produced more than 20 million volumes. "
    "Low alloy steel holds up to 10% of other elements by weight. "
    "Plate No. 2 shows a petition sent to the Congress by a group of tribes. "
    "By 2000, the number of steelworkers fell to 224,000."
)


def _choice_score(analysis, pool, answer):
    [mc] = [
        c
        for c in pipeline.candidates_for(analysis, pool)
        if c.question.type == "single_choice" and c.answer == answer
    ]
    return mc.question.score


@pytest.mark.parametrize("answer", ["0.1", "70", "480"])
def test_a_choice_on_an_amount_is_approved_like_the_numeric_question(analyse, answer):
    # An amount with its unit, or the first end of a range whose other end has one.
    analysis, pool = analyse(CELLS)
    assert _choice_score(analysis, pool, answer) >= pipeline.APPROVE_AT


@pytest.mark.parametrize("answer", ["20 million", "10", "2", "224,000"])
def test_a_choice_on_a_bound_a_label_or_a_bare_figure_waits_for_an_instructor(analyse, answer):
    # "more than 20 million": "10 million" is true as well; "up to 10%": so is "5"; "No. 2"
    # labels a plate; "fell to 224,000." says of what only in the words before.
    analysis, pool = analyse(CELLS)
    assert _choice_score(analysis, pool, answer) < pipeline.APPROVE_AT
