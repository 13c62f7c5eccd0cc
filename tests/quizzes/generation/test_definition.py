from quizzes.generation import definition
from quizzes.generation.quality import violations

TEXT = (
    "The International Atomic Energy Agency (IAEA) inspects nuclear facilities around the world. "
    "Photosynthesis refers to the process by which plants turn light into chemical energy. "
)


def test_acronym_gives_what_does_it_stand_for(analyse):
    analysis, pool = analyse(TEXT)
    [c] = [c for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"]
    assert c.question.prompt == "What does IAEA stand for?"
    assert c.question.type == "short_answer"
    assert "International Atomic Energy Agency" in c.question.accepted_answers


def test_acronym_or_pattern(analyse):
    analysis, pool = analyse(
        "The ECB, or the European Central Bank, sets interest rates for the euro."
    )
    [c] = definition.build(analysis, pool)
    assert c.question.prompt == "What does ECB stand for?"
    assert c.question.accepted_answers[0] == "European Central Bank"


def test_refers_to_gives_what_is_the_term_for(analyse):
    analysis, pool = analyse(TEXT)
    [c] = [c for c in definition.build(analysis, pool) if c.answer_kind == "DEFINITION"]
    q = c.question
    assert q.prompt == (
        "What is the term for the process by which plants turn light into chemical energy?"
    )
    assert "Photosynthesis" in (q.accepted_answers or [ch.text for ch in q.choices if ch.correct])


def test_acronym_question_survives_the_pipeline():
    from quizzes.generation import LessonText, generate_lesson

    text = "The International Atomic Energy Agency (IAEA) inspects nuclear facilities worldwide."
    prompts = [q.prompt for q in generate_lesson(LessonText("k", "t", text))]
    assert "What does IAEA stand for?" in prompts


def test_a_definition_question_passes_the_quality_rules_and_a_non_term_is_never_asked(analyse):
    analysis, pool = analyse(
        "A centrosome is a microtubule-organizing center found near the nuclei of animal cells. "
        "Many scientists refer to the cycle as the Calvin-Benson cycle. "
        "Photoautotrophs are organisms, which means that they make food directly from light."
    )
    found = [c for c in definition.build(analysis, pool) if c.answer_kind == "DEFINITION"]
    assert {c.answer.lower() for c in found} == {"centrosome"}
    [c] = found
    assert c.question.prompt.startswith("What is the term for a microtubule-organizing center")
    assert not violations(c, analysis, pool)


def test_a_meaning_the_lesson_gives_two_terms_is_not_asked_for(analyse):
    analysis, pool = analyse(
        "Demand is the willingness and ability of a consumer to purchase a good at a given "
        "price. The demand schedule is defined as the willingness and ability of a consumer to "
        "purchase a given product in a given frame of time. "
        "Photosynthesis refers to the process by which plants turn light into chemical energy."
    )
    keyed = {c.answer for c in definition.build(analysis, pool) if c.answer_kind == "DEFINITION"}
    assert keyed == {"Photosynthesis"}


def test_a_compound_whose_head_word_the_lesson_defines_is_not_asked_for(analyse):
    analysis, pool = analyse(
        "Osmosis refers to the net movement of water across a semipermeable membrane between "
        "two solutions. Reverse osmosis refers to a purification process that forces seawater "
        "through filters under high pressure."
    )
    keyed = {c.answer for c in definition.build(analysis, pool) if c.answer_kind == "DEFINITION"}
    assert "Osmosis" in keyed
    assert "Reverse osmosis" not in keyed


def test_called_or_known_as_asks_for_the_name_by_its_description(analyse):
    analysis, pool = analyse(
        "The process of adding controlled impurities to a semiconductor is known as doping. "
        "A data set with two modes is called bimodal."
    )
    found = {c.question.prompt: c for c in definition.build(analysis, pool) if c.answer == "doping"}
    [c] = found.values()
    assert c.question.prompt == (
        "What is the term for the process of adding controlled impurities to a semiconductor?"
    )
    assert "doping" in (c.question.accepted_answers or [ch.text for ch in c.question.choices])
    assert not violations(c, analysis, pool)
    keyed = {c.answer for c in definition.build(analysis, pool)}
    assert "bimodal" in keyed


def test_a_name_keeps_its_complement_but_not_a_clause_about_it(analyse):
    analysis, pool = analyse(
        'The sum of the value added in all economic activities is known as "GDP at factor '
        'cost", which excludes taxes on products.'
    )
    [c] = definition.build(analysis, pool)
    assert c.answer == "GDP at factor cost"
    assert c.question.prompt == (
        "What is the term for the sum of the value added in all economic activities?"
    )


def test_a_subject_that_points_or_does_not_describe_is_not_asked_with(analyse):
    analysis, pool = analyse(
        "Silicon crystals are grown from a melt in a furnace. "
        "The last process used in the furnace is called diffusion. "
        "Characters so used in the old scripts are called phonograms. "
        "The median is called the second quartile. "
        "The process that creates pairs of carriers is called generation and recombination. "
        "If x is a number, then the difference between x and the mean is called its deviation."
    )
    assert not definition.namings(analysis)


def test_a_term_said_to_be_a_kind_of_thing_with_what_sets_it_apart_is_asked_for(analyse):
    analysis, pool = analyse(
        "A phospholipid is a lipid molecule with two fatty acid chains and a phosphate group."
    )
    [c] = definition.build(analysis, pool)
    assert c.answer == "phospholipid"
    assert c.question.prompt == (
        "What is the term for a lipid molecule with two fatty acid chains and a phosphate group?"
    )
    assert not violations(c, analysis, pool)


def test_a_judgement_a_list_or_a_sentence_going_on_is_no_definition(analyse):
    analysis, pool = analyse(
        "Physics is the foundation of many disciplines and contributes directly to others. "
        "Silicon is a critical element for fabricating electronic circuits. "
        "A fourth development was the success of papermakers at mechanizing paper manufacture. "
        "Adam Smith and David Hume were the founders of anti-mercantilist thought. "
        "Septicemic plague is the least common of the three forms of plague. "
        "Typically, the nucleus is the largest organelle in a eukaryotic cell. "
        "A tight junction is a seal between two animal cells, while a desmosome acts like a weld."
    )
    assert not definition.namings(analysis)


def test_an_expansion_cut_after_a_preposition_or_through_markup_is_not_asked(analyse):
    # "of N-acetylglucosamine (NAG)": the hyphenated name alone is the expansion, never "of ...".
    analysis, pool = analyse(
        "The wall is built from long chains of N-acetylmuramic acid and of "
        "N-acetylglucosamine (NAG) joined by bridges."
    )
    acronyms = [c for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"]
    assert [c.answer for c in acronyms] == ["N-acetylglucosamine"]
    analysis, pool = analyse(
        "Early chips used complementary [metal oxide semiconductor (CMOS) logic in every gate."
    )
    assert not [c.answer for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"]
    analysis, pool = analyse("The chips used metal oxide semiconductor (MOS) logic in every gate.")
    [c] = [c for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"]
    assert c.answer == "metal oxide semiconductor"


def _definitions(analyse, text):
    analysis, pool = analyse(text)
    return [c for c in definition.build(analysis, pool) if c.answer_kind == "DEFINITION"]


def test_a_qualified_naming_or_a_past_description_is_not_asked(analyse):
    for text in (
        "Plates that cover the hull and the deck of a ship are known collectively as the "
        "sheathing.",
        "A bright band of light across the night sky is sometimes called a zodiac arc.",
        "Bimetallism was the monetary system of a country backed by both gold and silver coins.",
    ):
        assert not _definitions(analyse, text), text
    assert _definitions(
        analyse, "A bright band of light across the night sky is called a zodiac arc."
    )


def test_a_short_description_under_a_vague_class_is_not_asked(analyse):
    assert not _definitions(analyse, "Gross tonnage is a measure to account for hull volume.")
    assert not _definitions(analyse, "The draught is a number that tracks the depth of a hull.")
    assert _definitions(
        analyse, "Gross tonnage is a measure that counts the enclosed volume of the hull of a ship."
    )


def test_a_second_name_given_next_is_accepted_too(analyse):
    analysis, pool = analyse(
        "A tidal bore is a wave that travels up a river against the current. "
        "It is sometimes called an eagre."
    )
    [c] = [c for c in definition.build(analysis, pool) if c.answer == "tidal bore"]
    assert c.question.type == "short_answer"
    assert "eagre" in c.question.accepted_answers


def test_a_second_name_the_lesson_glosses_elsewhere_is_accepted_too(analyse):
    # "flux, or fondant,": the lesson's other name for the term answers the question as well.
    [c] = _definitions(
        analyse,
        "A flux is a mineral powder that lowers the melting point of a clay body. Potters stir "
        "flux, or fondant, into the clay before firing.",
    )
    assert c.question.accepted_answers == ["flux", "fondant"]


def test_an_acronym_term_takes_its_expansion_and_another_lessons_name_too(analyse):
    # The lesson asks for "HDI" by its meaning: the name it spells out answers as well. The
    # second lesson calls the tidal bore an eagre; the first defines it under one name only.
    analysis, pool = analyse(
        "The Human Development Index (HDI) was introduced by the United Nations in 1990. The HDI "
        "is a composite index of life expectancy at birth, adult literacy rate and standard of "
        "living measured as a logarithmic function of income. "
        "A tidal bore is a wave that travels up a river against the current.",
        "The tidal bore, also called the eagre, can be surfed on the Severn for miles.",
    )
    found = {c.answer: c.question for c in definition.build(analysis, pool)}
    assert found["HDI"].accepted_answers == ["HDI", "Human Development Index"]
    assert found["tidal bore"].accepted_answers == ["tidal bore", "eagre"]


def test_an_expansion_missing_a_modifier_before_it_is_not_asked(analyse):
    analysis, pool = analyse("The roots take up reduced magnesium phosphate (MPH) from the soil.")
    # "reduced" belongs to the name: the shortest run of initials ("phosphate" gives P and H)
    # cut it off.
    assert not [c for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"]
    analysis, pool = analyse(
        "The salts in the roots are reduced magnesium phosphate (MPH) and plain calcium."
    )
    assert not [c for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"]
    for text in (
        "The roots take up magnesium phosphate (MPH) from the soil.",
        "The roots take up a salt called magnesium phosphate (MPH) from the soil.",
    ):
        analysis, pool = analyse(text)
        assert [c for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"], text


def test_a_common_noun_expansion_shows_no_odd_article_variant(analyse):
    analysis, pool = analyse("Each turbine has a variable pitch drive (VPD) near the hub.")
    [c] = [c for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"]
    assert c.question.accepted_answers == ["variable pitch drive"]


def test_an_acronym_spelled_out_as_a_modifier_is_asked_with_the_noun_it_modifies(analyse):
    analysis, pool = analyse("The probe has a thermally stable resistive (TSR) coating on its tip.")
    [c] = [c for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"]
    assert c.question.prompt == 'What does TSR stand for in "TSR coating"?'


def test_an_acronym_from_a_reference_list_is_not_asked(analyse):
    from quizzes.generation.analysis import analyse_lessons
    from quizzes.generation.distractors import DistractorPool
    from quizzes.generation.questions import LessonText

    lesson = LessonText(
        "k",
        "References",
        "The survey relies on the regional output index (ROI) of the national office.",
    )
    [analysis] = analyse_lessons([lesson])
    assert not definition.build(analysis, DistractorPool([analysis]))


def test_a_definition_question_may_ask_for_the_term_of_the_lesson_title():
    from quizzes.generation import LessonText
    from quizzes.generation.analysis import analyse_lessons
    from quizzes.generation.distractors import DistractorPool

    text = (
        "A centrosome is a microtubule-organizing center found near the nuclei of animal cells. "
        "During division the centrosome duplicates and the two copies move apart."
    )
    [analysis] = analyse_lessons([LessonText(key="k", title="The Centrosome", text=text)])
    pool = DistractorPool([analysis])
    [c] = [c for c in definition.build(analysis, pool) if c.answer_kind == "DEFINITION"]
    assert c.answer.lower() == "centrosome"
    assert not violations(c, analysis, pool)


def test_an_acronym_is_asked_even_when_its_sentence_is_a_judgement(analyse):
    analysis, pool = analyse(
        "Public-private partnerships (PPP) are perhaps the most debated way to fund roads."
    )
    [c] = [c for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"]
    assert c.question.prompt == "What does PPP stand for?"
    assert not violations(c, analysis, pool)


def test_a_meaning_two_terms_share_or_a_graded_way_is_not_asked_for(analyse):
    analysis, pool = analyse(
        "Granules and droplets are membrane-bound sacs that store oils and pigments in the cell. "
        "The dotchart is a quick way to show counts. "
        "Photosynthesis refers to the process by which plants turn light into chemical energy."
    )
    keyed = {c.answer for c in definition.build(analysis, pool) if c.answer_kind == "DEFINITION"}
    assert keyed == {"Photosynthesis"}


def test_a_term_named_after_its_meaning_may_be_followed_by_and(analyse):
    analysis, pool = analyse(
        "The process by which seeds swell with water is called imbibition, and it generally "
        "begins when the soil becomes moist."
    )
    keyed = {c.answer for c in definition.build(analysis, pool) if c.answer_kind == "DEFINITION"}
    assert keyed == {"imbibition"}


def test_an_expansion_is_accepted_in_the_other_number_the_lesson_writes(analyse):
    # "electric arc furnaces (EAF)" and "an electric arc furnace": a reader who answers in the
    # singular names the same thing.
    analysis, pool = analyse(
        "White-hot steel pours out of an electric arc furnace. Today, electric arc furnaces "
        "(EAF) are a common method of reprocessing scrap metal to create new steel."
    )
    [c] = [c for c in definition.build(analysis, pool) if c.answer_kind == "ACRONYM"]
    assert c.question.accepted_answers == ["electric arc furnaces", "electric arc furnace"]


def test_a_parenthesis_closing_the_sentence_is_left_out_of_the_meaning(analyse):
    analysis, pool = analyse(
        "The flagella are long, hair-like structures that extend from the plasma membrane and "
        "enable an entire cell to move (for example, sperm, Euglena, and some prokaryotes)."
    )
    [c] = definition.build(analysis, pool)
    assert c.answer == "flagella"
    assert c.question.prompt == (
        "What is the term for long, hair-like structures that extend from the plasma membrane "
        "and enable an entire cell to move?"
    )
    assert not violations(c, analysis, pool)


def test_a_term_glossed_in_a_clause_after_it_is_asked_for(analyse):
    analysis, pool = analyse(
        "Nucleoid-associated proteins function similar to histones, which are the "
        "DNA-organizing proteins found in eukaryotic cells. "
        "Glyoxysomes, which are specialized peroxisomes in plants, are responsible for "
        "converting stored fats into sugars."
    )
    found = {c.answer.lower(): c for c in definition.build(analysis, pool)}
    assert set(found) == {"histones", "glyoxysomes"}
    assert found["histones"].question.prompt == (
        "What is the term for the DNA-organizing proteins found in eukaryotic cells?"
    )
    assert found["glyoxysomes"].question.prompt == (
        "What is the term for specialized peroxisomes in plants?"
    )
    assert not violations(found["histones"], analysis, pool)


def test_a_clause_that_says_more_or_less_than_what_the_term_is_is_no_gloss(analyse):
    analysis, _ = analyse(
        "Maize stores sugar as starch, which is essentially a chain of glucose units. "
        "Celiac patients react to gliadin, which is a protein. "
        "The collagen fibers are interwoven with proteoglycans, which are "
        "carbohydrate-containing protein molecules. "
        "Car bodies use dual-phase steel, which is heat treated to contain martensite. "
        "Some results include the number two, which is part of the data. "
        "Genes are carried on the cell's chromosome, which is a molecule of coiled DNA."
    )
    assert not definition.namings(analysis)


def test_a_definition_recalled_in_parentheses_is_asked_for(analyse):
    analysis, pool = analyse(
        "The relative frequency is equal to the frequency for an observed value of the data "
        "divided by the total number of data values in the sample. "
        "(Remember, frequency is defined as the number of times an answer occurs.)"
    )
    [c] = definition.build(analysis, pool)
    assert c.answer == "frequency"
    assert c.question.prompt == "What is the term for the number of times an answer occurs?"
    assert not violations(c, analysis, pool)


def test_a_common_word_or_a_class_member_is_asked_for_only_when_the_text_says_it_defines(
    analyse,
):
    analysis, pool = analyse(
        "The alternative is a reduced-form estimation of each variable on the others. "
        "A statistic is a number calculated from a sample."
    )
    assert not definition.build(analysis, pool)


def test_a_thing_brought_in_named_and_said_what_it_does_is_asked_for(analyse):
    analysis, pool = analyse(
        "The transfer occurs until equilibrium is reached by a process called recombination, "
        "which causes the migrating electrons from the n-type to come in contact with the "
        "migrating holes from the p-type."
    )
    [c] = definition.build(analysis, pool)
    assert c.answer == "recombination"
    assert c.question.prompt == (
        "What is the term for a process that causes the migrating electrons from the n-type to "
        "come in contact with the migrating holes from the p-type?"
    )
    assert not violations(c, analysis, pool)


def test_a_named_thing_the_text_knew_already_or_a_clause_that_only_says_what_it_is_is_not_asked(
    analyse,
):
    analysis, pool = analyse(
        "Carbon is fixed by the enzyme called RuBisCO, which captures carbon dioxide. "
        "The leaves hold an enzyme called RuBisCO, which then fixes carbon. "
        "The bacterium stores iron in a structure called a magnetosome, which is a membrane sac. "
        "Water moves by a process called osmosis, which moves it across a membrane."
    )
    assert not definition.build(analysis, pool)


def test_a_term_opening_its_sentence_is_not_said_with_the(analyse):
    # "Gross mixed income" is a term capitalised by its place, not a name: no "the ..." key.
    analysis, pool = analyse(
        "Gross mixed income (GMI) is the income of unincorporated businesses in a country. "
        "The International Atomic Energy Agency (IAEA) inspects nuclear facilities."
    )
    keys = {
        c.question.prompt: c.question.accepted_answers
        for c in definition.build(analysis, pool)
        if c.answer_kind == "ACRONYM"
    }
    assert keys["What does GMI stand for?"] == ["Gross mixed income"]
    assert "the International Atomic Energy Agency" in keys["What does IAEA stand for?"]


def _asked_terms(analysis, pool) -> set[str]:
    return {c.answer for c in definition.build(analysis, pool) if c.answer_kind == "DEFINITION"}


def test_a_relation_to_something_else_is_no_meaning_to_ask_a_term_for(analyse):
    # Held-out readers failed "What is the term for an example of a heterogeneous mixture?"
    # (Italian dressing) and "... for a matter of intensive research ...": many things answer.
    analysis, pool = analyse(
        "Italian dressing is an example of a heterogeneous mixture with visible layers. "
        "The sources of plate motion are a matter of intensive research among geologists. "
        "Polyploidy is a condition in which a cell has an extra set of chromosomes."
    )
    assert _asked_terms(analysis, pool) == {"Polyploidy"}


def test_a_possessive_with_nothing_in_the_meaning_to_stand_for_is_not_asked(analyse):
    # "the lifeline of its region": "its" is the river the prompt hides. "Its total volume" has
    # the sample before it to stand for.
    analysis, pool = analyse(
        "The delta is the lifeline of its region for much of the year. "
        "Porosity is the ratio of the volume of the pores in a sample of rock to its total volume."
    )
    assert _asked_terms(analysis, pool) == {"Porosity"}


def test_a_past_definition_is_how_it_was_meant_then(analyse):
    # "A kilogram was originally defined as the mass of a liter of water": no longer so.
    analysis, pool = analyse(
        "A kilogram was originally defined as the mass of a liter of water at its freezing point. "
        "Mass is defined as the amount of matter in an object at rest."
    )
    assert _asked_terms(analysis, pool) == {"Mass"}


def test_a_name_the_lesson_writes_with_a_capital_is_no_term(analyse):
    # "Karnak temple": a place, written with its capital inside sentences; "What is the term for"
    # reads wrong of it. A term opening its sentence ("Tetanus") is written in lower case
    # elsewhere and stays a term.
    analysis, pool = analyse(
        "Karnak temple is the largest stone temple ever built in the valley. "
        "Pilgrims still visit Karnak every spring. "
        "Tetanus is the fusion of single contractions into one continuous contraction. "
        "A muscle in tetanus cannot relax."
    )
    assert _asked_terms(analysis, pool) == {"Tetanus"}


def test_a_thing_placed_on_the_page_is_no_term(analyse):
    # "What is the term for the calculated line of best fit?" keyed "line shown" (round d).
    analysis, pool = analyse(
        "The line shown is the calculated line of best fit for the exam scores of the class. "
        "Tetanus is the fusion of single contractions into one continuous contraction. "
        "A muscle in tetanus cannot relax."
    )
    assert _asked_terms(analysis, pool) == {"Tetanus"}
