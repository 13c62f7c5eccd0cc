import re

import pytest

from quizzes.generation import cloze, quality
from quizzes.generation.analysis import analyse_lessons
from quizzes.generation.cleaning import sentence_defect, without_asides
from quizzes.generation.distractors import DistractorPool
from quizzes.generation.pipeline import candidates_for
from quizzes.generation.questions import BLANK, LessonText

TEXT = (
    "The Hanseatic League was a commercial confederation of merchant guilds in northern Europe. "
    "The World Health Organization (WHO) coordinates international responses to epidemics "
    "across member countries."
)


def test_blanks_one_key_term_and_accepts_it(analyse):
    analysis, pool = analyse(TEXT)
    found = cloze.build(analysis, pool)
    league = [c for c in found if c.answer == "Hanseatic League"]
    assert league
    q = league[0].question
    assert q.type == "cloze"
    assert q.prompt.count(BLANK) == 1
    assert "Hanseatic League" not in q.prompt
    assert q.accepted_answers == ["Hanseatic League"]
    assert q.source_sentence.startswith("The Hanseatic League was")
    assert TEXT[q.source_start : q.source_end] == q.source_sentence


def test_acronym_and_expansion_are_both_accepted(analyse):
    analysis, pool = analyse(
        TEXT + " Every year the WHO publishes reports on global health trends."
    )
    who = [c for c in cloze.build(analysis, pool) if c.answer == "WHO"]
    assert who
    assert set(who[0].question.accepted_answers) == {"WHO", "World Health Organization"}


def test_a_sentence_leaning_on_the_previous_one_is_not_asked_about(analyse):
    text = (
        "The Hanseatic League dominated trade in the Baltic Sea for three centuries. "
        "It controlled the export of timber, furs and grain from eastern ports."
    )
    analysis, pool = analyse(text)
    statements = [c.statement for c in cloze.build(analysis, pool)]
    assert not any(statement.startswith("It controlled") for statement in statements)
    assert not any("It controlled" in c.question.prompt for c in cloze.build(analysis, pool))


def _cloze(text: str, title: str = "L0"):
    lessons = [LessonText(key="0", title=title, text=text)]
    analyses = analyse_lessons(lessons)
    return cloze.build(analyses[0], DistractorPool(analyses))


def _statements(found) -> set[str]:
    return {c.statement for c in found}


def test_a_bare_the_x_the_previous_sentence_named_is_not_asked_about():
    found = _cloze(
        "A histogram draws one rectangular bar for each class interval of the frequency table. "
        "The heights of the bars correspond to the class frequencies of the distribution."
    )
    assert not any(s.startswith("The heights of the bars") for s in _statements(found))


def test_examples_of_an_unnamed_thing_and_such_x_are_not_asked_about():
    found = _cloze(
        "Mitochondria descend from free-living proteobacteria engulfed by an ancestral cell. "
        "Examples include the Buchnera endosymbionts found within the guts of aphids. "
        "From such symbiotic partnerships the first eukaryotic organelles eventually arose."
    )
    statements = _statements(found)
    assert statements
    assert not any(s.startswith(("Examples", "From such")) for s in statements)


def test_a_the_x_that_is_the_lessons_topic_is_named_by_the_title():
    found = _cloze(
        "A stem-and-leaf graph splits each observation into a stem and a leaf. "
        "The leaf consists of the final significant digit of each observation.",
        title="Stem-and-Leaf Graphs",
    )
    digit = [c for c in found if c.statement.startswith("The leaf")]
    assert digit
    assert all(c.question.prompt.startswith("In stem-and-leaf graphs, the leaf") for c in digit)


def test_a_title_is_lowered_into_the_sentence_only_where_the_lesson_writes_it_so():
    # The lesson never writes "displays" in lower case: for all it shows, the title's words
    # may be a name, which lowering would spoil.
    found = _cloze(
        "A stem-and-leaf graph splits each observation into a stem and a leaf. "
        "The leaf consists of the final significant digit of each observation.",
        title="Stem-and-Leaf Displays",
    )
    assert found
    assert not any(c.statement.startswith("The leaf") for c in found)


def test_an_aside_pointing_at_the_text_around_is_dropped_from_the_prompt():
    found = _cloze(
        "The kinetic theory of gases, on the other hand, treats a gas as countless molecules "
        "in random motion. Industrially, polyhydroxybutyrate has also been used as a feedstock "
        "for biodegradable bioplastics. "
        "Sparks in the kiln are produced by static electricity as well, in the absence of "
        "any open flame."
    )
    prompts = [c.question.prompt for c in found]
    assert prompts
    assert not any("on the other hand" in p or " also " in p for p in prompts)
    assert not any("as well" in p for p in prompts)
    assert without_asides(
        "Sparks are produced by static electricity as well, in the absence of any flame."
    ) == ("Sparks are produced by static electricity, in the absence of any flame.")
    assert "as well as" in without_asides("Kilns burn wood as well as coal, in most villages.")


def test_a_blank_the_rest_of_the_sentence_supplies_is_never_asked():
    found = _cloze(
        "Plasmodesmata are channels between adjacent plant cells, while gap junctions are "
        "channels between adjacent animal cells. "
        "Within a few decades of the invention of the telegraph, undersea cables linked "
        "every continent. "
        "According to Biraben, the plague was present in Europe in every year until 1671. "
        "The word chlorophyll comes from Greek, meaning green leaf."
    )
    answers = {c.answer for c in found}
    assert not answers & {
        "adjacent plant cells",
        "adjacent animal cells",
        "invention",
        "Biraben",
        "Greek",
    }
    assert "gap junctions" in answers or "Plasmodesmata" in answers


def test_one_member_of_a_long_list_is_not_blanked():
    found = _cloze(
        "Economists of the International Monetary Fund, the European Commission, the "
        "Organisation for Economic Co-operation and Development, the United Nations and the "
        "World Bank drafted the System of National Accounts in Washington."
    )
    answers = {c.answer for c in found}
    assert answers  # the sentence is asked about, on a term outside the list
    assert not answers & {"International Monetary Fund", "European Commission", "World Bank"}


def test_a_sentence_leaning_only_on_its_opening_connective_is_asked_without_it():
    found = _cloze(
        "The Gutenberg press spread across Europe within a few decades. "
        "However, book printing in East Asia relied on woodblock carving rather than presses. "
        "However, their structures are quite different from the earlier wooden frames."
    )
    prompts = [c.question.prompt for c in found]
    assert any(p.startswith("Book printing in") or "in East Asia relied" in p for p in prompts)
    assert not any("However" in p or "their structures" in p for p in prompts)


def test_a_possessive_the_sentence_names_the_owner_of_is_self_contained():
    found = _cloze(
        "Mercantilist states guarded their bullion reserves jealously. "
        "France imposed its mercantilist tariffs on its colonies in North America. "
        "Semiconductors in their natural state are poor conductors of electric current."
    )
    statements = _statements(found)
    assert any(s.startswith("France imposed") for s in statements)
    assert any(s.startswith("Semiconductors in their") for s in statements)


def test_a_possessive_whose_only_name_before_it_is_inside_an_adjective_leans_back():
    # "its" in "In the Dutch-speaking towns, its weavers ..." is the guild's: "Dutch" owns nothing.
    found = _cloze(
        "The cloth guild set prices for every loom in Flanders. "
        "In the Dutch-speaking towns, its weavers were paid by the bolt of finished cloth. "
        "In the Dutch-speaking towns, Bruges paid its spinners in silver coins."
    )
    statements = _statements(found)
    assert not any("its weavers were paid" in s for s in statements)
    # A name standing on its own before the possessive owns it.
    assert any("Bruges paid its spinners" in s for s in statements)


def test_a_wiki_link_written_with_underscores_reads_as_words():
    found = _cloze(
        "Cheap steel arrived with the Bessemer_process in England in the mid-19th century, "
        "when ironmasters blew air through molten pig iron."
    )
    prompts = [c.question.prompt for c in found]
    assert prompts
    assert not any("_process" in p for p in prompts)
    answers = {c.answer for c in found}
    assert "Bessemer process" in answers or any("Bessemer process" in p for p in prompts)


def test_a_compound_of_everyday_nouns_the_lesson_keeps_using_is_a_term():
    from quizzes.generation.pipeline import candidates_for
    from quizzes.generation.quality import violations

    text = (
        "Economists measure output in three ways. The income approach adds up wages, rents, "
        "interest and profits paid to the factors of production. The expenditure approach adds "
        "up household consumption, investment, government purchases and net exports. In "
        "principle the income approach and the expenditure approach give the same total, "
        "because every purchase is somebody's earnings."
    )
    analyses = analyse_lessons([LessonText(key="gdp", title="Measuring output", text=text)])
    pool = DistractorPool(analyses)
    asked = [  # "income" and "approach" are everyday words; together they name a method
        c
        for c in candidates_for(analyses[0], pool)
        if c.question.type == "cloze" and c.answer == "income approach"
    ]
    assert asked
    assert not violations(asked[0], analyses[0], pool)


def test_a_bare_the_x_a_sentence_or_two_back_named_is_not_asked_about():
    found = _cloze(
        "A histogram consists of contiguous boxes drawn over the class intervals. "
        "It has both a horizontal axis and a vertical axis. "
        "The heights of the boxes correspond to the relative frequencies of the classes."
    )
    assert not any(s.startswith("The heights of the boxes") for s in _statements(found))


def test_a_word_rare_in_english_is_blanked_even_when_it_is_no_key_phrase():
    found = _cloze(
        "Plant cells are surrounded by a rigid cell wall made of cellulose. The cell wall "
        "protects the plant cell and gives it shape. Neighbouring plant cells exchange water "
        "and small molecules through the cell wall. The plant cell wall contains a second "
        "polymer, lignin, in woody tissues. Each plant cell wall stores cellulose and lignin "
        "in layers.",
        title="Plant cells",
    )
    assert "lignin" in {c.answer for c in found}


def test_a_wiki_dumps_category_footer_is_not_taught_from():
    text = (
        "Congress commissioned Simon Kuznets to create a national accounting system during the "
        "Great Depression."
    )
    assert _cloze(text, title="L0")
    assert not _cloze(text, title="Gross_domestic_product Category:National accounts")


def test_a_word_broken_across_lines_is_rejoined_or_not_asked_about():
    text = (
        "Phoenician merchants carried the alphabet and the infor-\n"
        "mation it recorded between the ports of the Mediterranean.\n"
        "Sumerian scribes pressed wedge-\n"
        "shaped marks into wet clay tablets with a reed stylus.\n"
        "Cadmus was remembered by the Greeks as the pro-\n"
        "founder of the city of Thebes in Boeotia."
    )
    analysis = analyse_lessons([LessonText(key="0", title="L0", text=text)])[0]
    sentences = [s.text for s in analysis.sentences]
    assert sentences[0].startswith(
        "Phoenician merchants carried the alphabet and the information it"
    )
    assert "wedge-shaped marks" in sentences[1]
    found = _cloze(text)
    prompts = " ".join(c.question.prompt for c in found)
    assert "wedge-shaped marks" in prompts
    assert "infor-" not in prompts and "pro-" not in prompts and "profounder" not in prompts
    assert not any("Thebes" in c.statement for c in found)


def test_a_hyphen_left_inside_a_word_stem_keeps_the_sentence_out_of_questions():
    # "pro-founder" is "profounder" (profound + er) printed across a line end; "co-founder",
    # "well-known" and "non-profit" are words of their own.
    assert sentence_defect(
        "The pro-founder possibilities of writing grew apparent only after long ages."
    )
    assert sentence_defect("The scribes worked care-fully on the clay tablets of Ur.")
    for text in (
        "The co-founder of the guild kept its well-known ledgers in Ur.",
        "A non-profit society printed the cheaper editions in Leipzig.",
        "The deeper layers of the tell hold older, longer tablets.",
    ):
        assert sentence_defect(text) is None


def test_a_list_label_is_dropped_or_its_sentence_is_not_asked_about():
    text = (
        "A. Prices of grain\n\n"
        "The Chicago Board of Trade brings buyers and sellers of wheat together.\n\n"
        "B. Overall, the demand for wheat falls when its price rises in the Chicago market.\n\n"
        "(c) Speculators buy wheat futures to profit from harvest failures in Kansas.\n\n"
        "The harvest of 1888 was poor in Kansas. F. Overall, wheat prices in Nebraska fell "
        "sharply after the harvest of that year.\n\n"
        "J. Watt improved the steam engine of Thomas Newcomen in Glasgow around 1765."
    )
    found = _cloze(text)
    prompts = [c.question.prompt for c in found]
    assert any(p.startswith("The demand for wheat falls") for p in prompts)
    assert any(p.startswith("Speculators buy wheat futures") for p in prompts)
    assert any("J. Watt" in c.question.prompt or c.answer == "J. Watt" for c in found)
    shown = " ".join(
        prompts + [c.answer for c in found] + [w for c in found for w in c.distractors]
    )
    assert not any(label in shown for label in ("B. ", "(c)", "F. ", "Overall"))


def test_a_connective_pointing_at_an_earlier_sentence_is_dropped_from_the_prompt():
    found = _cloze(
        "The harbour guild, for instance, paid for the new lighthouse on the northern cape. "
        "Coastal trade thus mainly depended on the guild's ships and warehouses. "
        "The northern lighthouse has thus far survived every winter storm on the cape."
    )
    prompts = [c.question.prompt for c in found]
    assert prompts
    assert not any("for instance" in p or " thus mainly" in p for p in prompts)
    assert all("has far" not in p for p in prompts)


def _answers(found) -> set[str]:
    return {c.answer for c in found}


def test_one_item_of_an_example_list_is_not_blanked():
    found = _cloze(
        "Decomposers such as saprotrophic fungi, detritivorous beetles and nitrifying bacteria "
        "recycle nutrients in the soil. Saprotrophic fungi digest dead wood."
    )
    prompts = [c.question.prompt for c in found]
    assert found
    assert not any(
        "such as" in p and "_____" in p.split("such as")[1].split("recycle")[0] for p in prompts
    )


def test_a_term_inside_a_parenthetical_aside_is_not_blanked():
    found = _cloze(
        "In 1967, the second was redefined (partly for improved reproducibility) by the "
        "hyperfine transition of caesium atoms. Reproducibility matters to metrologists."
    )
    assert not any("(partly for _____)" in c.question.prompt for c in found)
    assert not any(c.answer.lower() == "improved reproducibility" for c in found)


def test_a_common_modifier_with_an_everyday_noun_is_not_blanked():
    found = _cloze(
        "The telegraph enabled the rapid transmission of news across continents. Diplomats "
        "and merchants relied on telegraph offices in every port."
    )
    assert "rapid transmission" not in {a.lower() for a in _answers(found)}
    found = _cloze(
        "Surveyors adopted the theodolite for higher precision in mapping. Later instruments "
        "reached higher precision still with electronic distance measurement."
    )
    assert "higher precision" not in {a.lower() for a in _answers(found)}


def test_the_blank_takes_in_an_article_that_would_agree_with_the_answer(analyse):
    analysis, pool = analyse(
        "Quartz glass is an electrical insulator because its electrons cannot move freely. "
        "An electrical insulator resists the flow of current in a circuit."
    )
    found = [c for c in cloze.build(analysis, pool) if c.answer == "electrical insulator"]
    assert found
    for c in found:
        assert "(n)" not in c.question.prompt
        assert not re.search(rf"\b[Aa]n? {re.escape(BLANK)}", c.question.prompt)
        assert set(c.question.accepted_answers) == {
            "electrical insulator",
            "an electrical insulator",
        }
    assert any(c.question.prompt.startswith("Quartz glass is _____ because") for c in found)


def test_a_second_name_the_lesson_gives_the_term_is_accepted(analyse):
    # "X, also called Y": Y fills X's blank as rightly; "organelles called Z" names a kind.
    analysis, pool = analyse(
        "The myelin sheath, also called the medullary sheath, insulates each axon of the spinal "
        "cord. Nerve signals jump along the myelin sheath between its gaps in the peripheral "
        "nerves."
    )
    sheath = next(c for c in cloze.build(analysis, pool) if c.answer == "myelin sheath")
    assert sheath.question.accepted_answers == ["myelin sheath", "medullary sheath"]


def test_a_second_name_another_lesson_gives_the_term_is_accepted(analyse):
    # The second lesson gives the sheath both names; the first writes them apart. Its blank
    # takes both, except where its prompt writes the other: "Doctors call the myelin sheath the
    # _____" asks for the term by the name it does not write.
    analysis, pool = analyse(
        "Nerve signals jump along the myelin sheath between its gaps in the peripheral nerves. "
        "Doctors call the myelin sheath the medullary sheath in older anatomy books.",
        "The myelin sheath, also called the medullary sheath, insulates each axon of the spinal "
        "cord. Schwann cells wrap the axons of the peripheral nerves in many thin layers.",
    )
    found = {c.answer: c for c in cloze.build(analysis, pool)}
    jump = found["myelin sheath"].question
    assert jump.prompt.startswith("Nerve signals jump along the _____")
    assert jump.accepted_answers == ["myelin sheath", "medullary sheath"]
    call = found["medullary sheath"].question
    assert call.prompt.startswith("Doctors call the myelin sheath the _____")
    assert call.accepted_answers == ["medullary sheath"]


def test_a_name_the_lesson_glosses_with_or_is_accepted_and_the_cloze_kept(analyse):
    # "soda ash, or natron,": natron fills the blank as rightly, so the key takes it rather
    # than the question being turned away.
    analysis, pool = analyse(
        "Glassmakers melt sand with soda ash, or natron, to lower the melting point of the "
        "batch. Soda ash makes the molten glass flow more easily into moulds."
    )
    ash = next(
        c for c in cloze.build(analysis, pool) if c.question.prompt.startswith("_____ makes")
    )
    assert ash.question.accepted_answers == ["Soda ash", "natron"]
    assert quality.one_fill(ash, analysis, pool) is None


def test_a_gloss_after_a_mention_that_is_no_term_there_is_accepted_too(analyse):
    # "is called **cutin** (or **cuticle wax**)": the parse takes no term there, but cutin is
    # one of the lesson's terms, so its blank elsewhere takes the gloss.
    analysis, pool = analyse(
        "The waxy layer on a leaf is called **cutin** (or **cuticle wax**); it keeps the leaf "
        "from drying out. Fungal enzymes break down cutin on the surface of many crops."
    )
    cutin = next(c for c in cloze.build(analysis, pool) if c.answer == "cutin")
    assert cutin.question.accepted_answers == ["cutin", "cuticle wax"]
    assert quality.one_fill(cutin, analysis, pool) is None


def test_a_name_the_lesson_gives_with_the_blanks_next_word_is_accepted(analyse):
    # "the FCB lattice called gamma glass": "gamma" fills "_____ glass" as rightly as "FCB".
    analysis, pool = analyse(
        "Cooled slowly, the FCB lattice called gamma glass forms in the furnace. Tin dissolves "
        "readily in FCB glass at high temperature."
    )
    fcb = next(c for c in cloze.build(analysis, pool) if c.answer == "FCB")
    assert fcb.question.accepted_answers == ["FCB", "gamma"]
    assert quality.one_fill(fcb, analysis, pool) is None


@pytest.mark.parametrize(
    "example",
    [
        "For example, the harbour of Valletta handles most of the trade of Malta.",
        "One instance is the harbour of Valletta, which handles most of the trade of Malta.",
    ],
)
def test_a_name_a_worked_example_picked_is_not_blanked(example):
    # "For example, the harbour of _____": any other harbour town illustrates it as well.
    text = "A port city handles the trade of its hinterland. {} Tariffs raise the price of goods."
    assert not {"Valletta", "Malta"} & {c.answer for c in _cloze(text.format(example))}
    fact = "The harbour of Valletta handles most of the trade of Malta."
    assert {"Valletta", "Malta"} <= {c.answer for c in _cloze(text.format(fact))}


def test_a_word_added_to_a_term_is_no_key_term_unless_the_lesson_names_other_kinds(analyse):
    """ "early compound microscope": "compound microscope" fills its blank as well. "scanning
    electron microscope" beside "transmission electron microscope": the word is the point."""
    analysis, pool = analyse(
        "In a scanning electron microscope, a beam of electrons sweeps across the surface of a "
        "sample. In a transmission electron microscope, the beam passes through a thin slice of "
        "the sample. Every early compound microscope used two glass lenses to magnify small "
        "objects. A compound microscope is still found in most school laboratories."
    )
    found = {c.answer: c for c in candidates_for(analysis, pool) if c.question.type == "cloze"}
    added = found["early compound microscope"]
    assert quality.added_to_a_term(added) and not quality.key_term(added)
    assert added.question.raw_score < quality.calibration.RAW_CUT
    kind = found["scanning electron microscope"]
    assert kind.features["other_kinds"] == 1
    assert not quality.added_to_a_term(kind) and quality.key_term(kind)


def test_an_item_of_an_enumeration_its_sentence_counts_is_blanked_once():
    text = (
        "Bronze founders melt copper in a furnace before casting. "
        "Bell founding goes through three stages: moulding, casting, and tuning."
    )
    items = {"moulding", "casting", "tuning"}
    found = [c for c in _cloze(text) if "three stages" in c.question.prompt]
    found = [c for c in found if c.answer in items]
    assert {c.answer for c in found} == items
    # Each item's prompt shows the others: they are one fact, so one is ever chosen.
    assert len({c.question.fact_key for c in found}) == 1


def test_only_an_enumeration_its_sentence_counts_whole_makes_its_items_key_terms(analyse):
    def counted(text: str) -> set[str]:
        analysis, _pool = analyse("Bronze founders melt copper in a furnace. " + text)
        return {t.text for t in analysis.sentences[-1].terms if t.counted}

    items = "moulding, casting, and tuning."
    assert counted(f"Bell founding goes through three stages: {items}") == {
        "moulding",
        "casting",
        "tuning",
    }
    # Four stages, three named: the blank could be the unnamed one.
    assert not counted(f"Bell founding goes through four stages: {items}")
    # No count: any other stage fills the blank as well.
    assert not counted(f"Bell founding goes through stages such as {items}")


def test_the_other_number_the_lesson_writes_is_accepted_and_graded_right(analyse):
    from quizzes.grading import CLOZE, ChoiceSpec, QuestionSpec, grade

    analysis, pool = analyse(
        "A centriole is a cylinder of nine triplets of microtubules. The centrosome contains a "
        "pair of centrioles, two structures that lie perpendicular to each other."
    )
    [c] = [c for c in cloze.build(analysis, pool) if c.answer == "centriole"]
    assert "centrioles" in c.question.accepted_answers
    spec = QuestionSpec(
        type=CLOZE,
        prompt=c.question.prompt,
        choices=tuple(ChoiceSpec(text=a, weight=1.0) for a in c.question.accepted_answers),
        typo_tolerance=1,
    )
    marked = grade(spec, ["centrioles"])
    assert marked.correct and not marked.typo


def test_a_name_in_brackets_inside_a_noun_phrase_is_accepted(analyse):
    # "an intrinsic (pure) semiconductor": "intrinsic semiconductor" fills the blank of "pure
    # semiconductors" as rightly.
    analysis, pool = analyse(
        "The amount of dopant added to an _intrinsic_ (pure) semiconductor varies its level of "
        "conductivity. By adding dopant to the pure semiconductors, the electrical conductivity "
        "may be varied by factors of thousands or millions."
    )
    [c] = [c for c in cloze.build(analysis, pool) if c.answer == "pure semiconductors"]
    assert "intrinsic semiconductor" in c.question.accepted_answers
    assert "other name" not in " ".join(quality.violations(c, analysis, pool))


def test_a_shortened_name_the_lesson_gives_with_or_is_accepted(analyse):
    analysis, pool = analyse(
        "Photosynthesis occurs in two stages. In the first stage, _light-dependent reactions_ or "
        "_light reactions_ capture the energy of light. Most organisms that utilize oxygenic "
        "photosynthesis use visible light for the light-dependent reactions, although some use "
        "far-red radiation."
    )
    asked = [c for c in cloze.build(analysis, pool) if c.answer == "light-dependent reactions"]
    assert asked
    assert all("light reactions" in c.question.accepted_answers for c in asked)


def test_a_shortened_name_the_lesson_only_also_writes_keeps_the_cloze_from_approval(analyse):
    # "stem plot" beside "stem-and-leaf plot": perhaps the same thing, and the key does not take
    # it, so the blank has two fills.
    text = (
        "A stem-and-leaf plot is a way to plot data and look at the distribution. In a "
        "stem-and-leaf plot, all data values within a class are visible. A stem plot is quick "
        "to draw by hand."
    )
    analysis, pool = analyse(text)
    [c] = [
        c
        for c in cloze.build(analysis, pool)
        if c.answer == "stem-and-leaf plot" and "class" in c.question.prompt
    ]
    assert "'stem plot'" in " ".join(quality.violations(c, analysis, pool))
    # Without the shorter form in the lesson, the same cloze has no such fault.
    analysis, pool = analyse(text.replace(" A stem plot is quick to draw by hand.", ""))
    [c] = [
        c
        for c in cloze.build(analysis, pool)
        if c.answer == "stem-and-leaf plot" and "class" in c.question.prompt
    ]
    assert "'stem plot'" not in " ".join(quality.violations(c, analysis, pool))


def test_kin_the_lesson_names_twice_over_keeps_the_cloze_from_approval(analyse):
    # "factor (basic) prices" beside "factor cost": "basic prices" may fill the blank of
    # "factor cost" as rightly.
    text = (
        "Total factor income measures the value of GDP at factor (basic) prices. Indirect taxes "
        "minus subsidies are added to get from factor cost to market prices."
    )

    def faults(lesson):
        analysis, pool = analyse(lesson)
        [c] = [c for c in cloze.build(analysis, pool) if c.answer == "factor cost"]
        return " ".join(quality.violations(c, analysis, pool))

    assert "also calls" in faults(text)
    assert "also calls" not in faults(text.replace("factor (basic) prices", "market prices"))


def test_a_persons_surname_and_full_name_are_both_accepted(analyse):
    # The course writes "Adam Smith" once and "Smith" after: either names him.
    analysis, pool = analyse(
        "In The Wealth of Nations, Smith argued that the supply price was fixed by costs.",
        "The Scottish economist Adam Smith wrote The Wealth of Nations in 1776.",
    )
    smith = [c for c in cloze.build(analysis, pool) if c.answer == "Smith"]
    assert smith
    assert set(smith[0].question.accepted_answers) == {"Smith", "Adam Smith"}


def test_a_name_before_the_noun_it_names_takes_no_full_name(analyse):
    # "the Calvin cycle" is never "the Melvin Calvin cycle".
    analysis, pool = analyse(
        "In the Calvin cycle, carbon dioxide is fixed into sugars by the enzyme RuBisCO.",
        "The chemist Melvin Calvin traced the path of carbon in algae using isotopes.",
    )
    calvin = [c for c in cloze.build(analysis, pool) if c.answer == "Calvin"]
    assert calvin
    assert all("Melvin Calvin" not in c.question.accepted_answers for c in calvin)
