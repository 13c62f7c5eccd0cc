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
    # One lesson has no course-wide topic to go by, and no word leads its sentences: "assimilation"
    # and "temperatures" are in three each.
    assert pool.topic_stems == set()


INCAS = (
    "The Incas built roads across the Andes. The Incan state kept records on knotted cords. "
    "Cusco was the capital of the empire. The Inca ruler was called the Sapa Inca. "
    "Farmers grew potatoes and maize on terraces. The Incas revered the coca plant."
)


def test_a_course_of_one_lesson_takes_the_word_its_sentences_use_most_as_its_topic(analyse):
    # An article imported as one lesson: "Inca" is in four of six sentences, no other word in
    # more than one, so "The _____ revered the coca plant" asks for the course's own subject.
    _single, pool = analyse(INCAS)
    assert pool.topic_stems == {"inca", "incas", "incan"}


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


def _picks_in(analysis, pool, answer, sentence_index):
    """What `pick` offers for `answer` as it is written in the sentence `sentence_index`."""
    for sentence, term in analysis.terms():
        if term.text == answer and sentence.index == sentence_index:
            stem = sentence.with_term(term, "")
            picked = pool.pick(answer=term, sentence=sentence, analysis=analysis, stem=stem, n=5)
            return {w.lower() for w in picked}
    raise AssertionError(f"no term {answer!r} in sentence {sentence_index}")


def test_a_people_asked_as_a_language_gets_languages_not_demonym_adjectives(analyse):
    # "from German": a language; "American writers" only ever describes.
    analysis, pool = analyse(
        "The word was borrowed into English from German in the early years. "
        "Many American writers and European printers used it. "
        "Some Austrian lawyers praised it. Latin and French were the languages of the court. "
        "Scholars wrote in Latin, in French and in Italian."
    )
    wrong = _picks_in(analysis, pool, "German", 0)
    assert wrong and wrong <= {"french", "latin", "italian"}


def test_a_settlement_gets_settlements_and_a_place_its_region_gets_no_settlement(analyse):
    analysis, pool = analyse(
        "The fever killed many people in Italy. In the port city of Kaffa the siege went on. "
        "Doctors in Lyon, France, saw it first. It came from Bruges and from Genoa, Italy. "
        "Traders carried it to Spain and to Norway."
    )
    assert _picks_in(analysis, pool, "Kaffa", 1) == {"genoa", "lyon"}
    assert not _picks_in(analysis, pool, "France", 2) & {"genoa", "lyon", "kaffa"}


def test_a_name_written_only_before_another_noun_is_no_place_to_offer(analyse):
    # "a Lisbon plague": the name of a plague, nowhere anything happens.
    analysis, pool = analyse(
        "Many people died in Spain in 1500. Merchants lent money to France after a Lisbon "
        "plague. Ships sailed to Portugal."
    )
    wrong = _picks_in(analysis, pool, "Spain", 0)
    assert wrong and "lisbon" not in wrong


def test_a_name_opening_with_a_title_is_a_person_not_a_place(analyse):
    analysis, pool = analyse(
        "Mercantilist books appeared in Great Britain in the 1620s. "
        "The colony of New France was founded by King Louis XIII, and the West Indies were "
        "settled by Spain. Sugar came from the West Indies and from New France."
    )
    wrong = _picks_in(analysis, pool, "Great Britain", 0)
    assert wrong and "king louis xiii" not in wrong


def test_a_name_the_sentence_says_is_not_what_its_label_says_gets_no_stand_ins(analyse):
    # Counted in years, never placed anywhere, listed with names of another kind.
    analysis, pool = analyse(
        "The sermon was composed 2000 years ago. The sermon was read in 1980 and in 1995. "
        "After a conversation with Schleiden, Schwann wrote a book in Germany. "
        "Plague struck Venice and Pisa in 1348. Ships from Pisa reached Egypt. "
        "Plague came to Venice by ship. Merchants in France heard of it. Sailors in Egypt fled."
    )
    assert _picks_in(analysis, pool, "2000", 0) == set()
    assert _picks_in(analysis, pool, "Schleiden", 2) == set()
    assert _picks_in(analysis, pool, "Venice", 3) == set()


def test_a_blank_after_the_takes_only_names_written_with_the(analyse):
    analysis, pool = analyse(
        "Merchants in the Netherlands lent money to France. "
        "Trade grew in France, Spain and Portugal. Ships sailed from the Philippines to Spain."
    )
    assert _picks_in(analysis, pool, "Netherlands", 0) <= {"philippines"}


def test_what_a_copula_makes_a_kind_of_the_answer_is_not_its_wrong_choice(analyse):
    analysis, pool = analyse(
        "Analysts split ordered data into percentiles, deciles and quartiles. "
        "Quartiles are special percentiles. "
        "Analysts mostly use percentiles with very large samples."
    )
    wrong = _picks_in(analysis, pool, "percentiles", 2)
    assert wrong == {"deciles"}


def test_an_adjective_predicate_makes_the_subject_a_kind_of_its_head_noun(analyse):
    # "Plant cells and animal cells are eukaryotic": a statement or a choice with "eukaryotic
    # cells" for "plant cells" (or the reverse) may still be true.
    analysis, pool = analyse(
        "Plant cells and animal cells are eukaryotic. Eukaryotic cells have a nucleus."
    )
    assert frozenset(("plant cell", "eukaryotic cell")) in pool.related
    assert frozenset(("animal cell", "eukaryotic cell")) in pool.related


def test_a_name_that_takes_in_the_answer_is_not_its_wrong_choice(analyse):
    analysis, pool = analyse(
        "From a single shop, printing had spread to many cities in Central, Western and "
        "Eastern Europe by the end of the century. By 1500, the presses in operation "
        "throughout Western Europe had printed many books. Printing reached Southern Europe later."
    )
    assert _picks_in(analysis, pool, "Western Europe", 1) == {"southern europe"}
    assert _picks_in(analysis, pool, "Central, Western and Eastern Europe", 0) == {
        "southern europe"
    }


def test_a_person_the_sentence_puts_somewhere_is_a_place(analyse):
    # "the outbreak in Pisa": the tagger's person is where it happened, so no person stands
    # in for it, and it stands in for no person.
    analysis, pool = analyse(
        "Galleys reached Genoa in January, but it was the outbreak in Pisa a few weeks later "
        "that was the entry point. John Pisa and Mark Genoa wrote about it. "
        "Adam Smith and David Hume praised the trade. Smith studied the old ledgers."
    )
    assert _picks_in(analysis, pool, "Pisa", 0) == set()
    assert "pisa" not in _picks_in(analysis, pool, "Smith", 3)


def test_a_name_that_acts_as_a_person_elsewhere_in_the_course_gets_no_places(analyse):
    # "Matthias Schleiden ... described": "Schleiden" alone, tagged a place, is still him.
    analysis, pool = analyse(
        "In 1838, Matthias Schleiden, a German botanist who made extensive microscopic "
        "observations of plant tissues, described plants as being composed of cells. "
        "In 1839, after a conversation with Schleiden, Schwann realized that similarities "
        "existed between plant and animal tissues. Ships from Egypt reached London and Germany "
        "in the same decade. Trade in London grew."
    )
    assert "schleiden" in pool.acting_persons
    assert _picks_in(analysis, pool, "Schleiden", 1) == set()


def test_a_name_only_ever_published_in_is_no_place_to_offer(analyse):
    # "published in Nature": a journal the tagger may take for a place.
    analysis, pool = analyse(
        "A study published in Nature in 2011 sequenced the genome of the plague. "
        "The plague reached Italy in 1347. It reached France and Spain a year later. "
        "The plague reached Norway by ship."
    )
    assert "nature" in pool.venues
    assert "italy" not in pool.venues


def test_a_name_tagged_as_two_kinds_of_thing_is_no_wrong_choice(analyse):
    # Held-out round d: "Bramante" offered beside "Brazil" as a place; the tagger called it a
    # place in one sentence and a person in another. Which sentences it misreads varies with
    # its version, so the tags are set here as it gave them there.
    analysis, pool = analyse(
        "Merchants sailed from Antwerp to Lisbon and on to Brazil in 1500. "
        "Traders from Genoa reached Bruges by sea. Dürer praised Bramante in Rome."
    )
    lisbon = next(t for _s, t in analysis.terms() if t.text == "Lisbon")
    sentence = next(s for s, t in analysis.terms() if t.text == "Lisbon")

    def wrong():
        return pool.pick(
            answer=lisbon,
            sentence=sentence,
            analysis=analysis,
            stem=sentence.with_term(lisbon, ""),
            n=5,
        )

    assert "Rome" in wrong()
    pool._kinds_of["rome"] = {"GPE", "PERSON"}
    assert pool._kind_in_question("rome") and not pool._kind_in_question("antwerp")
    assert "Rome" not in wrong()


def test_a_short_topic_stem_takes_in_the_words_it_opens():
    from quizzes.generation.quality import on_topic

    # "taxation" in a course whose topic word is "tax" (held-out round e).
    assert on_topic({"taxat"}, {"tax"}) and on_topic({"cellu"}, {"cell"})
    assert not on_topic({"taxon"}, {"taxat"})  # a full-length stem matches only itself
