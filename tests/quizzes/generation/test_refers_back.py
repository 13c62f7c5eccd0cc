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


def test_here_there_and_then_mean_a_place_or_time_the_text_spoke_of(analyse):
    def depends(text: str) -> bool:
        analysis, _pool = analyse(text)
        return analysis.sentences[0].depends

    assert depends("A crucial role was played here by the guild of potters in Delft.")
    assert depends("Many Flemish potters settled there in the spring of 1620.")
    assert depends("Potters had used lead glaze until then in most towns of the valley.")
    assert not depends("Potters fire their pots where there is plenty of wood for the kilns.")
    # "since" with no object of its own: since the time the text just spoke of.
    assert depends("Electric kilns have since replaced wood firing in most potteries of the town.")
    assert not depends("Electric kilns have replaced wood firing since the war in most potteries.")
    assert not depends("Since wood grew scarce, electric kilns replaced wood firing in the valley.")
    # The next step of a sequence, unless a clause of the sentence says after what.
    assert depends("A hard glaze coat then forms on the pot while the clay inside it dries.")
    assert depends("Using the hot kiln, the potters then fire the pots with a lead glaze.")
    assert not depends("When the clay dries, the potter then paints the pot with glaze.")
    assert not depends("If the kiln cools too fast, then the glaze cracks into small pieces.")
    # A relative clause's "then" follows the step its own sentence tells.
    assert not depends("Firing hardens the clay into a biscuit, which is then glazed by hand.")


def test_that_x_with_an_infinitive_still_points_at_an_x_named_before(analyse):
    def depends(text: str) -> bool:
        analysis, _pool = analyse(text)
        return analysis.sentences[0].depends

    # "to grind grain" says what the power is for, not which power.
    assert depends("The old mill on the hill used that stored power to grind grain in winter.")
    # A relative clause says which.
    assert not depends("Millers used that power which a stream gave them to grind grain.")


def test_a_bare_general_noun_stands_for_a_thing_named_before_by_its_own_name(analyse):
    def depends(text: str) -> bool:
        analysis, _pool = analyse(text)
        return analysis.sentences[0].depends

    # "the machine", "the device", "the first variant": which one, the prompt never says.
    assert depends("Weavers in the town adapted the machine so that its shuttle ran faster.")
    assert depends("Sailors checked the wiring inside the device before every long voyage.")
    assert depends("Traders say the first variant reached the port of Genoa in spring.")
    # A compound, a complement or a rare modifier names the kind.
    assert not depends("Weavers in the town adapted the spinning machine for finer wool.")
    assert not depends("Weavers in the town adapted the machine of the old guild for wool.")
    assert not depends("Sailors checked the wiring inside the gyroscopic device every voyage.")


def test_what_would_still_hold_leans_on_a_case_the_text_set_up_before(analyse):
    def depends(text: str) -> bool:
        analysis, _pool = analyse(text)
        return analysis.sentences[0].depends

    assert depends("Inside the kiln, there would still be ash and fine dust on every shelf.")
    assert not depends("If the kiln cooled, there would still be ash and dust on every shelf.")
    assert not depends("Inside the kiln, there was still ash and fine dust on every shelf.")


def test_a_bare_the_period_means_one_the_text_told_of(analyse):
    def depends(text: str) -> bool:
        analysis, _pool = analyse(text)
        return analysis.sentences[0].depends

    assert depends("Merchants kept ledgers of every sale in Bruges during the period.")
    assert depends("Merchants kept ledgers in Bruges during the period, which saw trade boom.")
    assert not depends("Merchants kept ledgers of every sale in Bruges during the early period.")
    assert not depends("In the period from 1518 to 1524, merchants kept ledgers in Bruges.")


def test_a_subject_of_the_and_a_degree_or_number_leaves_its_noun_to_the_text_before(analyse):
    analysis, _pool = analyse(
        "Potters glaze their pots in many ways. "
        "The most common are dipping, pouring and spraying. "
        "The two were rivals in the town for many years. "
        "The latter was built near the river in 1820. "
        "The poor were hit hardest by the price of clay. "
        "The most common glaze is made of ash and clay."
    )
    _ways, common, two, latter, poor, glaze = analysis.sentences
    assert common.depends and two.depends and latter.depends
    assert not poor.depends and not glaze.depends


def test_a_thing_placed_after_one_the_text_told_of_leans_back(analyse):
    analysis, _pool = analyse(
        "Anna Berg lectured on glazes in the town hall. "
        "In a subsequent lecture in 1864, Berg described the ash glaze. "
        "In the years subsequent to the war, Berg described the ash glaze."
    )
    _first, subsequent, dated = analysis.sentences
    assert subsequent.depends and not dated.depends


def test_an_existential_there_points_nowhere_unless_the_sentence_adds_to_what_came_before(
    analyse,
):
    def depends(text: str) -> bool:
        analysis, _pool = analyse("Foundries cast bronze bells for churches. " + text)
        return analysis.sentences[-1].depends

    assert not depends("There are three kinds of bronze: bell metal, gunmetal, and speculum.")
    assert not depends("There were two rival foundries in medieval London.")
    assert not depends("There are two alloys, also known as bell bronzes, used for bells.")
    # One more of what the text told of before, or the place the text spoke of.
    assert depends("There are also three kinds of bronze used for statues.")
    assert depends("There are many other alloys used for statues.")
    assert depends("There are more foundries in the north.")
    assert depends("There, the founders cast the great bell of the cathedral.")
    assert depends("There were a number of such foundries in medieval London.")


def test_an_opener_that_names_what_it_adds_to_or_sets_against_leans_on_nothing(analyse):
    def read(text: str):
        analysis, _pool = analyse("Foundries cast bronze bells for churches. " + text)
        return analysis.sentences[-1]

    def depends(text: str) -> bool:
        return read(text).depends

    for text in (
        "In contrast to bronze bells, iron bells rust in the rain.",
        "As a result of the tin shortage, founders cast bells of iron.",
        "In addition to bells, foundries cast cannon for the army.",
    ):
        assert not read(text).depends and read(text).opener is None
    # The bare connective leans back: the prompt drops it or the sentence goes unasked.
    assert read("In contrast, iron bells rust in the rain.").opener == "In contrast, "
    assert read("As a result, founders cast bells of iron.").opener == "As a result, "
    # What the opener names may itself point back.
    assert depends("In contrast to these bells, iron bells rust in the rain.")


def test_rather_sets_a_claim_against_what_the_text_just_denied(analyse):
    def read(text: str):
        analysis, _pool = analyse("No founder cast a bell larger than a cart. " + text)
        return analysis.sentences[-1]

    rather = read("Rather, each founder cast bells for a single church.")
    # Without what it replaces the claim loses its point: the sentence goes unasked.
    assert rather.depends and rather.opener is None
    assert not read("Rather than bronze, each founder cast bells of iron.").depends
    # A comparison stands without its connective, which the prompt drops.
    by_comparison = read("By comparison, iron bells rust in the rain.")
    assert not by_comparison.depends and by_comparison.opener == "By comparison, "


def test_another_x_is_one_more_of_a_kind_the_text_named_before(analyse):
    def depends(text: str) -> bool:
        analysis, _pool = analyse("Founders cast bronze bells for churches. " + text)
        return analysis.sentences[-1].depends

    assert depends("Casting another bell will first require a fresh mould of clay.")
    assert depends("Iron bells were cast in the north, with Leeds being another major centre.")
    # The sentence names the first one itself, or "another" counts on in time.
    assert not depends("Bells passed from one foundry to another foundry in the city.")
    assert not depends("The first bell foundry opened in 1570, followed by another foundry.")
    assert not depends(
        "Bronze bells were cast in 1570, but iron was not used for another 200 years."
    )
    assert not depends("Founders and smiths helped one another in hard winters.")


def test_a_the_x_in_a_phrase_naming_a_title_word_the_text_just_introduced_is_not_asked_bare():
    from quizzes.generation.analysis import analyse_lessons
    from quizzes.generation.questions import LessonText

    def last(first: str):
        text = f"{first} Ringers pull long ropes from the floor. Dust gathers inside the bell."
        (analysis,) = analyse_lessons([LessonText(key="t", title="Bell Towers", text=text)])
        return analysis.sentences[-1]

    # "inside the bell": the bell the text just hung, which only the title's topic names.
    introduced = last("Founders hang a heavy bell in the tower.")
    assert introduced.topic == "Bell Towers" or introduced.depends
    # Nothing before introduced a bell: the sentence's own.
    plain = last("Founders build the tower of stone.")
    assert plain.topic is None and not plain.depends


def test_do_so_each_part_besides_and_a_naming_noun_lean_on_the_text_before(analyse):
    leaning = [
        # "to do this": the action only the text before names.
        "A small crank is turned by hand to do this, and the clay is pressed into the mould.",
        "Doing so lets the furnace reach a higher heat in an hour.",
        # "each layer" of what?
        "Each layer is made of thin sheets of pressed straw and river clay.",
        # beside a point the text made of something the prompt never names
        "Aside from playing a part in pottery, kiln builders use heat in their daily trade.",
        # a language adjective says which language, not what the term names
        'Originally the usual Dutch term was "baking house".',
    ]
    standing = [
        "A small crank is turned by hand to press the clay into the mould.",
        "Each brick layer of the kiln wall is made of pressed straw and river clay.",
        "In addition to firing pots, village kilns were used to bake bread.",
        'The Dutch term for a kiln is "oven".',
    ]

    def depends(text: str) -> bool:
        analysis, _pool = analyse(text)  # alone, so no sentence before introduces its nouns
        [sentence] = analysis.sentences
        return sentence.depends

    assert [depends(t) for t in leaning] == [True] * len(leaning)
    assert [depends(t) for t in standing] == [False] * len(standing)


def test_a_restatement_or_a_thereafter_leans_on_the_sentence_before(analyse):
    analysis, _pool = analyse(
        "Demand is studied with every other cause held fixed. "
        "In other words, the prices of all substitutes and complements are constant. "
        "Writing began in the temples of Sumer. "
        "Life grew thereafter more and more conscious of itself and its world. "
        "However, the temples of Sumer kept their clay records for centuries."
    )
    _fixed, restated, _sumer, thereafter, however = analysis.sentences
    assert restated.depends and not restated.usable
    assert thereafter.depends
    # A connective that only links to the text before is still dropped.
    assert not however.depends and however.opener == "However, "


def test_an_abbreviation_the_lesson_spelled_out_before_is_spelled_out_in_the_prompt(analyse):
    from quizzes.generation.pipeline import candidates_for
    from quizzes.generation.quality import violations

    analysis, pool = analyse(
        "Potters fire their pots in the great anagama kiln (GAK) of the village. "
        "Wood ash settles on the pots and melts into a glaze. "
        "The GAK also dries freshly cut timber for the carpenters. "
        "Ash glazes (AGs) take days to form. "
        "AG also hides small cracks in the clay. "
        "The GAK's chamber holds up to three hundred pots."
    )
    kept = [
        c.question.prompt
        for c in candidates_for(analysis, pool)
        if not violations(c, analysis, pool)
    ]
    dries = "The great anagama kiln (GAK) also dries freshly cut timber for the carpenters."
    assert f"True or false: {dries}" in kept
    # The plural spelled out, the singular written: the singular said.
    assert "True or false: Ash glaze (AG) also hides small cracks in the clay." in kept
    # A possessive stays as written: "The great anagama kiln (GAK)'s chamber" would not read;
    # and a blank in the abbreviation's place is not given away by its expansion.
    assert not any("(GAK)'s" in p or p.startswith("The _____") and "anagama" in p for p in kept)


def test_an_abbreviation_an_earlier_lesson_spelled_out_is_spelled_out_in_the_prompt():
    from quizzes.generation.analysis import analyse_lessons
    from quizzes.generation.distractors import DistractorPool
    from quizzes.generation.pipeline import candidates_for
    from quizzes.generation.questions import LessonText

    first = "Potters fire their pots in the great anagama kiln (GAK) of the village."
    summary = "The GAK dries freshly cut timber for the carpenters. The BTK dries wet clay."
    analyses = analyse_lessons(
        [
            LessonText(key="a", title="Kilns", text=first),
            LessonText(key="b", title="S", text=summary),
        ]
    )
    analysis = analyses[1]
    prompts = {c.question.prompt for c in candidates_for(analysis, DistractorPool(analyses))}
    assert "The great anagama kiln (GAK) dries freshly cut timber for the _____." in prompts
    # An abbreviation the course never spelled out is left as written.
    assert analysis.sentences[1].expanded is None


def test_a_name_and_its_apposition_with_no_main_verb_is_not_a_statement(analyse):
    # A split at "O157:" leaves "H7, a deadly strain ..."; its one verb is in a relative clause.
    analysis, _pool = analyse(
        "H7, a deadly strain of bacteria that causes bloody diarrhea and kidney failure. "
        "Johannes Gutenberg, a goldsmith by profession, built a printing press in Mainz."
    )
    fragment, sentence = analysis.sentences
    assert fragment.defect == "no finite verb"
    assert sentence.defect is None
