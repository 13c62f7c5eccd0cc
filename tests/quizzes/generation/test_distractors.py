PHOTOSYNTHESIS = (
    "Blackman measured the rate of carbon assimilation in leaves at different temperatures. "
    "Nitrogen assimilation and sulfur assimilation take place in the roots of plants. "
    "Photosynthetic assimilation was the subject of later studies by other botanists. "
    "Stomatal conductance and transpiration vary with the temperature of the leaf. "
    "Later botanists measured the rate of photosynthesis in leaves at different temperatures.",
    "Photosynthesis needs chlorophyll. Chlorophyll absorbs red and blue light strongly. "
    "The rate of photosynthesis rises with light.",
    "Photosynthesis releases oxygen. Oxygen exits through the stomata.",
)


def _pick(analysis, pool, answer):
    for sentence, term in analysis.terms():
        if term.text == answer:
            return {
                w.lower()
                for w in pool.pick(
                    answer=term,
                    sentence=sentence,
                    analysis=analysis,
                    stem=sentence.with_term(term, ""),
                    n=5,
                )
            }
    raise AssertionError(f"no term {answer!r}")


def test_a_distractor_of_the_answers_head_noun_varies_along_the_same_line(analyse):
    # "photosynthetic assimilation" may well be carbon assimilation: a describing modifier
    # against a naming one is no contrast; "sulfur assimilation" is one.
    analysis, pool = analyse(*PHOTOSYNTHESIS)
    wrong = _pick(analysis, pool, "carbon assimilation")
    assert "sulfur assimilation" in wrong
    assert "photosynthetic assimilation" not in wrong


def test_the_courses_topic_is_the_word_most_of_its_lessons_use(analyse):
    # Its stem is never offered as a wrong choice for a term it does not share (pick skips it):
    # "the rate of photosynthesis" is also right where "carbon assimilation" is asked.
    analysis, pool = analyse(*PHOTOSYNTHESIS)
    assert pool.topic_stems == {"photo"}
    _single, pool = analyse(PHOTOSYNTHESIS[0])
    assert pool.topic_stems == set()  # one lesson has no course-wide topic to go by


def test_names_in_a_reference_list_are_never_wrong_choices():
    from quizzes.generation.analysis import analyse_lessons
    from quizzes.generation.distractors import DistractorPool
    from quizzes.generation.questions import LessonText

    lessons = [
        LessonText(
            key="0",
            title="Plague writers",
            text="The historian Hugo Brandt wrote on the plague of Lyon in 1893. "
            "The physician Martin Keller described the fleas of Lyon in 1901. "
            "The doctor Anna Vogel studied the rats of Lyon in 1910.",
        ),
        LessonText(
            key="1",
            title="References",
            text="Paul Weber wrote The Plague Years for Oxford in 1932. "
            "Clara Hoffmann wrote Rats and Men for Berlin in 1950.",
        ),
    ]
    analyses = analyse_lessons(lessons)
    picked = _pick(analyses[0], DistractorPool(analyses), "Martin Keller")
    assert picked and not picked & {"paul weber", "clara hoffmann"}
