"""Reading a lesson: which sentences lean on the one before, which phrases are terms, and which
terms name a kind or part of another."""

import pytest

from quizzes.generation import cloze
from quizzes.generation.analysis import _named_terms, analyse_lessons, find_acronyms
from quizzes.generation.distractors import DistractorPool
from quizzes.generation.normalise import answer_key
from quizzes.generation.questions import LessonText


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


def test_they_needs_a_plural_its_own_relative_clause_does_not_name(analyse):
    analysis, _pool = analyse(
        "The units in which they are measured are called the base units of the system. "
        "Farmers in the valley grew wheat which they sold in the towns each autumn. "
        "The guild fixed the price of the bread which they baked for the market."
    )
    units, farmers, guild = analysis.sentences
    assert units.depends  # "which" is the units: "they" is something else, never named
    assert not farmers.depends
    assert guild.depends  # no plural before "they": the guild is one
    analysis, _pool = analyse(
        "Lysosomes use their enzymes to destroy the pathogens of the cell. "
        "Animal cells each have a centrosome and lysosomes in the cytoplasm."
    )
    assert not any(s.depends for s in analysis.sentences)


def test_a_sentence_leaving_out_what_the_one_before_said_leans_on_it(analyse):
    analysis, _pool = analyse(
        "The upright strokes in each indicate the number of men in the crew. "
        "Each of the canoes carried a crew of warriors across the lake. "
        "The first edition so printed appeared on 28 November in the capital. "
        "A better way might be to look at the median price of the houses. "
        "Larger cells have a smaller surface relative to their volume. "
        "The result is the same for every sample in the large study. "
        "The printing press was no longer a novelty in the cities of Europe. "
        "The so-called dark ages lasted several centuries in western Europe. "
        "With the press, the work of an author became more profitable in the cities. "
        "The enzymes of the lysosome then destroy the pathogen in the cell. "
        "If the price rises, then demand for the good falls in the market."
    )
    each, canoes, so_printed, better, relative, same, no_longer, so_called, became, step, if_ = (
        analysis.sentences
    )
    assert step.depends and not if_.depends
    assert each.depends and so_printed.depends and better.depends and same.depends
    assert not canoes.depends and not relative.depends
    assert not no_longer.depends and not so_called.depends
    assert not became.depends  # more profitable than before the change it names


@pytest.mark.parametrize(
    ("lost", "whole"),
    [
        # "of around RuBisCO": the word between ("CO2") was a symbol the source dropped.
        (
            "Carboxysomes increase the concentration of around RuBisCO in the cell.",
            "Seawater has a salt concentration of around 35 grams per litre in the ocean.",
        ),
        # "take in the at night": the article's noun was a formula the source dropped.
        (
            "Desert shrubs take in the at night through small pores in their leaves.",
            "Desert shrubs take in carbon dioxide at night through small pores in their leaves.",
        ),
        # "a by-product" is a word of its own, not an article before a preposition.
        (
            "Burning wood leaves the ash and smoke of an by night in the old stove.",
            "Burning wood in the old stove leaves a by-product of fine grey ash and smoke.",
        ),
        # "rises from to": the two prices were images or symbols the source dropped.
        (
            "The market price of wheat rises from to as buyers crowd the harvest fair.",
            "The market price of barley rises from two to three shillings at the harvest fair.",
        ),
        # "ranging from long, wide, and tall": the measures' numbers and units were dropped.
        (
            "A hand loom is a wooden frame ranging from long, wide, and tall in the workshop.",
            "The house of the weavers dates from long ago, when the town was a village.",
        ),
        # "or more commonly known Brimstone": the "as" before the name was lost.
        (
            "A common glaze flux is sulphur, or more commonly known Brimstone, in old kilns.",
            "A common glaze flux is sulphur, also called Brimstone, in the old kilns.",
        ),
        (
            "Glaze fluxes include sulphur, also known Brimstone by the potters of the town.",
            "The better known Roman potters used lead glaze on their finest cups.",
        ),
        # "of in over 40": the word between was lost; prepositions joined by "and" or "or"
        # share their object, and "at least" bounds a number.
        (
            "The tally shows a harvest of in over 40 fields along the river valley.",
            "Water moves into and out of the root cells at or above the frost line "
            "in at least nine valleys.",
        ),
        # "is ." lost what the verb led to; "as it is," ends its clause.
        (
            "The usual weight of a full sack of wheat is , by the old measure of the fair.",
            "Market clerks priced the wheat as it is, not as the buyers wished it to be.",
        ),
        # "... of the Price of Bread. describes": a title's stop left inside the sentence.
        (
            "John Smith's 1791 work Thoughts on the Lowering of Rents and the Raising of the "
            "Price of Bread. includes an early description of the fairs.",
            "John Smith's 1791 essay on the price of bread describes the harvest fairs.",
        ),
        # "about 1.2 g/L. shows": the same after a unit, where a table's number was lost.
        (
            "The density of river water is about 1.0 g/mL. shows the densities of its salts.",
            "Ferries on the Thames once crossed at 30 km/h against incoming spring tides.",
        ),
        # "a weight of roughly of copper", "ranges from approx.": an approximate number lost.
        (
            "The deben was a weight of roughly of copper used in trade along the river.",
            "Egyptian traders weighed copper in units of roughly ninety grams each.",
        ),
        (
            "The speed of the waves in the old granite of the valley ranges from approx.",
            "Seismic waves cross granite at about five kilometres in each second.",
        ),
    ],
)
def test_a_word_lost_between_two_function_words_marks_a_hole(analyse, lost, whole):
    analysis, _pool = analyse(f"{lost} {whole}")
    broken, kept = analysis.sentences
    assert broken.defect == "hole" and not broken.usable
    assert kept.defect is None and kept.usable


def test_a_sentence_ending_inside_the_quotes_of_a_short_term_is_usable(analyse):
    analysis, _pool = analyse(
        "Thin sheets of blown glass were long known to glaziers as “crown panes.” "
        "The guild master wrote that glass must be “blown thin and cut by the master alone.”"
    )
    term, quotation = analysis.sentences
    assert term.usable
    assert not quotation.usable  # someone's words, not a term the text names


def test_we_naming_a_term_is_not_a_pointer_at_the_reader(analyse):
    analysis, _pool = analyse(
        "Salt marsh grasses push oxygen into a spongy root tissue we call aerenchyma. "
        "Whether tall or short, we call it a marsh grass in the field guides. "
        "When we call the pump routine, the gauge reads the water level of the marsh."
    )
    naming, pronoun, code = analysis.sentences
    assert naming.defect is None and naming.usable
    assert pronoun.defect == "points at 'we'"
    assert code.defect == "points at 'we'"


def test_a_stop_after_a_semicolon_is_a_hole(analyse):
    analysis, _pool = analyse("The marsh grasses grow fingerlike shoots that we call tillers;.")
    assert analysis.sentences[0].defect == "hole"


def test_an_opening_it_or_they_is_read_as_the_previous_subject_when_sure():
    text = (
        "The cytoplasm is the region between the plasma membrane and the nuclear envelope. "
        "It is comprised of organelles suspended in the gel-like cytosol. "
        "It holds ions of sodium and potassium in solution. "
        "Gutenberg built a press in Mainz around 1440 with a goldsmith. "
        "It printed a famous Bible within a few years."
    )
    analyses = analyse_lessons([LessonText(key="c", title="The Cytoplasm", text=text)])
    analysis, pool = analyses[0], DistractorPool(analyses)
    _region, comprised, holds, _press, printed = analysis.sentences
    # The title names the cytoplasm, so the region, membrane and envelope are no rivals.
    assert comprised.resolved == "The cytoplasm" and holds.resolved == "The cytoplasm"
    assert comprised.usable and holds.usable
    assert printed.depends  # a press, a goldsmith, Mainz: which one printed is not sure
    prompts = [c.question.prompt for c in cloze.build(analysis, pool)]
    assert "The cytoplasm is comprised of _____ suspended in the gel-like cytosol." in prompts


def test_an_imperative_sets_up_an_example_and_is_no_fact(analyse):
    analysis, _pool = analyse(
        "Suppose that Rosa waits at the checkout counter of the shop for seven minutes. "
        "Rosa waits at the checkout counter of the shop for seven minutes."
    )
    supposed, stated = analysis.sentences
    assert supposed.defect == "instruction" and not supposed.usable
    assert stated.defect is None


def test_what_a_preposed_phrase_names_is_not_what_its_pronoun_stands_for(analyse):
    analysis, _pool = analyse(
        "Introduced in the first century by the Romans, it was used for pressing grapes. "
        "When the cell grows in size, it divides into two daughter cells. "
        "A few years later, Koch proposed a series of postulates about germs. "
        "For that original work, a Nobel Prize was awarded to Calvin in 1961. "
        "Mercantilist theory varies in sophistication from one writer to another. "
        "Partial equilibrium examines only that market which the policy directly affects."
    )
    introduced, grows, later, that, another, which = analysis.sentences
    assert not which.depends  # "that market which ..." says which
    assert introduced.depends  # "it" is what was introduced: neither the century nor the Romans
    assert not grows.depends
    assert later.depends and that.depends
    assert not another.depends


def test_a_resolved_subject_counts_as_named_for_what_follows_it():
    text = (
        "Peroxisomes are small, round organelles enclosed by single membranes. "
        "They also detoxify many poisons that may enter the body. "
        "Mitochondria participate in cellular respiration in the cell. "
        "They are responsible for most of the energy produced in their host."
    )
    analyses = analyse_lessons([LessonText(key="c", title="Peroxisomes", text=text)])
    _, detoxify, _, responsible = analyses[0].sentences
    assert detoxify.resolved == "Peroxisomes" and detoxify.usable
    # "Mitochondria participate": a plural by its verb, though the tagger calls it a name.
    assert responsible.resolved == "Mitochondria" and responsible.usable


def test_an_aside_to_the_reader_in_brackets_is_dropped_not_the_sentence(analyse):
    analysis, _pool = analyse(
        "The cytoplasm of a cell fills the region between the plasma membrane and the nuclear "
        "envelope (a structure we will discuss shortly). "
        "The nucleus of a cell stores its genome (see how we stain it in the lab)."
    )
    cytoplasm, nucleus = analysis.sentences
    assert cytoplasm.usable and "we" not in cytoplasm.text.split()
    assert cytoplasm.text.endswith("nuclear envelope.")
    assert nucleus.usable


def test_a_journal_reference_is_never_asked_about(analyse):
    analysis, _pool = analyse(
        'A. Novak and B. R. Lund, "Tide gauges on a sinking coast", The Harbour Survey Journal, '
        "vol. 12, no. 3, 1988, pp. 41-59. "
        "Tide gauges record the height of the sea every few minutes along the coast."
    )
    *entry, gauges = analysis.sentences
    assert entry[0].defect == "reference"
    assert not any(s.usable for s in entry)
    assert gauges.defect is None and gauges.usable


def test_a_word_run_into_its_parenthesis_is_not_asked_about(analyse):
    analysis, _pool = analyse(
        "The metric unit of length, the metre(abbreviated m), was first defined in France. "
        "The height of a wave, h(t), changes with the wind over the open sea."
    )
    run_in, function = analysis.sentences
    assert run_in.defect == "no space before a parenthesis" and not run_in.usable
    assert function.defect is None


def test_a_relational_noun_without_what_it_belongs_to_leans_on_the_text(analyse):
    def depends(text: str) -> bool:
        analysis, _pool = analyse(text)
        return analysis.sentences[0].depends

    assert depends("The name spread through the northern ports within a decade.")
    assert depends("The end result is a hard glaze that resists acid.")
    assert depends("The research at Leiden was praised by the academy in 1990.")
    assert depends("In English, the term was first used by potters in 1750.")
    assert not depends("The name of the glaze spread through the northern ports.")
    assert not depends("Potters studied the photovoltaic effect in selenium glazes.")
    assert not depends("The increase in glaze prices ruined the small potters.")
    assert not depends("Celadon, as the name suggests, has a pale green colour.")


def test_a_term_a_present_tense_is_defines_is_the_term_in_general(analyse):
    def depends(*texts: str) -> bool:
        analysis, _pool = analyse(" ".join(texts))
        return analysis.sentences[-1].depends

    glaze = "Potters fire a glaze twice."
    assert not depends(glaze, "The glaze is the glassy coat that seals a pot.")
    assert not depends(glaze, "The glaze is a coat of melted silica.")
    assert depends(glaze, "The glaze was the finest in the valley.")
    assert depends(glaze, "The inner glaze is a coat of melted silica.")
    # A long subject phrase names its thing: a name, or a compound on its real head.
    assert not depends("The Flemish potter and painter Jan Brugel fired a blue glaze.")
    assert not depends("The salt glaze kiln, invented in 1680, fired pots in a day.")


def test_an_opening_these_x_is_read_as_the_previous_subject_with_that_head_noun(analyse):
    analysis, _pool = analyse(
        "Trade guilds set the prices of goods in medieval towns. "
        "These guilds also trained apprentices for seven years. "
        "Merchants formed guilds in many towns. "
        "These guilds kept their accounts in Latin. "
        "Trade guilds controlled the markets of the region. "
        "These powerful guilds were resented by peasants."
    )
    _set, trained, _formed, kept, _controlled, resented = analysis.sentences
    assert trained.resolved == "Trade guilds" and trained.usable
    assert kept.depends  # the previous subject is the merchants: which guilds is not said
    assert resented.depends  # "These powerful guilds": a narrower set than all trade guilds


GUILDS_TITLE = "The Role of Trade Guilds in Medieval Towns"
HANSE = "One famous example is the Hanse, which ruled the Baltic trade for centuries."
SUCH = "Such guilds kept strict rules on the quality of woollen cloth."


def _last(title: str, *sentences: str):
    analyses = analyse_lessons([LessonText(key="g", title=title, text=" ".join(sentences))])
    return analyses[0], analyses[0].sentences[-1]


def test_an_opening_such_x_is_read_as_the_kind_of_x_the_lesson_is_about():
    analysis, such = _last(
        GUILDS_TITLE,
        "Trade guilds set the prices of goods in medieval towns.",
        "These guilds also trained apprentices for seven years.",
        HANSE,
        SUCH,
    )
    assert such.resolved == "Trade guilds" and such.usable
    prompts = [c.question.prompt for c in cloze.build(analysis, DistractorPool([analysis]))]
    assert "Trade guilds kept strict rules on the quality of _____." in prompts  # woollen cloth


@pytest.mark.parametrize(
    "title, sentences",
    [
        # The title names no kind of guild: which guilds "such" means is the text's alone.
        ("Medieval Towns", ["Trade guilds set the prices of goods in medieval towns.", HANSE]),
        # The text named the guilds in a narrower way: some merchants' guilds, lasting ones.
        (GUILDS_TITLE, ["Some merchants formed trade guilds in the port towns.", HANSE]),
        (GUILDS_TITLE, ["Trade guilds that lasted for centuries set the prices of goods.", HANSE]),
        # Two kinds named so far: either may be meant.
        (
            GUILDS_TITLE,
            [
                "Trade guilds set the prices of goods in medieval towns.",
                "Craft guilds trained apprentices for seven years.",
            ],
        ),
        # "Many were founded ...": a part of them, named by no noun, came between.
        (
            GUILDS_TITLE,
            [
                "Trade guilds set the prices of goods in medieval towns.",
                "Many were founded in the twelfth century by rich merchants.",
            ],
        ),
        # The guilds were named too long before.
        (
            GUILDS_TITLE,
            [
                "Trade guilds set the prices of goods in medieval towns.",
                "The weavers of Ghent sold cloth across the whole of Europe.",
                "The merchants of Lübeck ruled the Baltic trade for centuries.",
                "The bakers of Paris baked bread for the king.",
            ],
        ),
    ],
)
def test_an_opening_such_x_leans_back_unless_the_lesson_says_surely_which_kind(title, sentences):
    _analysis, such = _last(title, *sentences, SUCH)
    assert such.depends and such.resolved is None


def test_an_opening_these_x_is_not_read_as_the_lesson_kind_past_the_previous_sentence():
    """ "These guilds" are particular guilds, which only the previous sentence's subject says."""
    _analysis, these = _last(
        GUILDS_TITLE,
        "Trade guilds set the prices of goods in medieval towns.",
        HANSE,
        "These guilds kept strict rules on the quality of woollen cloth.",
    )
    assert these.depends and these.resolved is None


def test_a_stage_one_is_on_is_an_arena_not_a_stage_of_something(analyse):
    analysis, _pool = analyse(
        "Trade guilds raised the standing of their towns on the European stage. "
        "The stage was reached after many years of rivalry."
    )
    arena, stage = analysis.sentences
    assert not arena.depends
    assert stage.depends  # "the stage" of what, the sentence does not say


def test_a_lesson_short_of_approvable_questions_keeps_a_true_statement_past_the_balance():
    from quizzes.generation.questions import Candidate, GeneratedQuestion

    analyses = analyse_lessons([LessonText(key="a", title="A", text="Guilds set prices.")])
    pool = DistractorPool(analyses)
    pool.statements[True] = 50  # far more true statements than false ones in the course
    question = GeneratedQuestion(
        type="true_false",
        prompt="True or false: Guilds set prices.",
        choices=[],
        accepted_answers=[],
        source_sentence="Guilds set prices.",
        source_start=0,
        source_end=18,
        generator="true_false",
        generator_version="1",
        fact_key="f-later",
    )
    statement = Candidate(question=question, answer="Guilds", answer_kind="CONCEPT")
    assert not pool.claim(statement)
    assert pool.claim(statement, lesson_short=True)


def test_a_likeness_or_a_process_the_sentence_never_names_leans_on_the_text(analyse):
    analysis, _pool = analyse(
        "Theodor Schwann, a German physiologist, made similar observations of animal tissue. "
        "Plant cells have walls similar to those of fungi. "
        "The Latin alphabet proved to be an enormous advantage in the process. "
        "The process of printing was slow in the early years."
    )
    similar, similar_to, in_the_process, named_process = analysis.sentences
    assert similar.depends and in_the_process.depends
    assert not similar_to.depends and not named_process.depends


def test_a_clause_ending_on_its_auxiliary_leans_on_the_sentence_before(analyse):
    analysis, _pool = analyse(
        "To the potters' credit, the glaze never has. "
        "Few guilds in the northern ports ever could. "
        "Stoneware has a glaze, whereas most earthenware does not. "
        "Stoneware is hard in every kiln of the town. "
        "The main glazes of the northern ports are:"
    )
    has, could, whereas, hard, lead_in = analysis.sentences
    assert has.depends and could.depends
    assert not whereas.depends  # the sentence says itself what earthenware lacks
    assert not hard.depends and not lead_in.depends


def test_an_ordinal_past_the_first_on_a_generic_head_counts_on_from_before(analyse):
    analysis, _pool = analyse(
        "The second way of firing a glaze is to heat it twice in a kiln. "
        "Glazing is the next step that the potters of the town take. "
        "The second law of thermodynamics limits the efficiency of a kiln. "
        "The Second World War closed most of the potteries in the town."
    )
    way, step, law, war = analysis.sentences
    assert way.depends and step.depends
    assert not law.depends and not war.depends


def test_a_short_stretch_with_no_finite_verb_is_no_statement(analyse):
    analysis, _pool = analyse(
        "Red-hot clay glowing inside a wood-fired kiln. "
        "Anna Berg (1987) Glazes of the Northern Ports, 2nd ed. "
        "The potters continued well into the 19th century with the old glazes. "
        "Potters fire the glaze twice in a kiln."
    )
    caption, citation, continued, fire = analysis.sentences
    assert caption.defect == "no finite verb" and citation.defect == "no finite verb"
    assert continued.defect is None and fire.defect is None


def test_a_caption_noun_the_tagger_reads_as_a_participle_is_no_statement(analyse):
    # The tagger takes "oven" for a participle (VBN) and makes it the root; "continued" is a
    # real past tense it may tag the same way.
    analysis, _pool = analyse(
        "A Baxter-Lloyd steel oven from the Hamburg Museum of Industry. "
        "The potters continued well into the 19th century with the old glazes."
    )
    caption, continued = analysis.sentences
    assert caption.defect == "no finite verb"
    assert continued.defect is None


def test_a_gloss_of_a_words_form_in_brackets_is_dropped_not_the_sentence(analyse):
    analysis, _pool = analyse(
        "The stomata (singular = stoma) are small pores that let gases pass through a leaf. "
        "The xylem (xylo- = “wood”) carries water from the roots to the leaves of a plant. "
        "The volume of the sample (mass = 12 g) was measured again with the balance."
    )
    stomata, xylem, sample = analysis.sentences
    assert stomata.usable and stomata.text.startswith("The stomata are small pores")
    assert xylem.usable and xylem.text.startswith("The xylem carries water")
    assert sample.defect == "markup"  # a measurement, not a gloss: kept and flagged


def test_an_acronym_stands_for_a_name_not_for_the_preposition_before_it():
    found = find_acronyms(
        "Each layer is made of long chains of alternating molecules of N-acetylglucosamine "
        "(NAG). The North Atlantic Treaty Organization (NATO) met in Paris."
    )
    assert found == [("NAG", "N-acetylglucosamine"), ("NATO", "North Atlantic Treaty Organization")]


def test_an_acronym_stands_for_the_words_giving_one_initial_each():
    # "Advance Patient Treatment" matches ADAPT too (A, d, a in "Advance"), and is shorter.
    found = find_acronyms(
        "The Antibiotic Development to Advance Patient Treatment (ADAPT) Act was introduced. "
        "Deoxyribonucleic acid (DNA) carries the genes."
    )
    assert found == [
        ("ADAPT", "Antibiotic Development to Advance Patient Treatment"),
        ("DNA", "Deoxyribonucleic acid"),
    ]


def test_a_power_whose_superscript_the_source_lost_is_debris():
    from quizzes.generation.cleaning import sentence_defect

    assert sentence_defect("The symbol s2 represents the sample variance of the data.")
    assert sentence_defect("The symbol σ2 represents the population variance of the data.")
    assert sentence_defect("The new kiln floor measures 20 m2 in the potters' workshop.")
    assert sentence_defect("Oxygen (O2) is released by the leaves of the plant.") is None
    assert sentence_defect("The MP3 format and the A4 sheet were both common then.") is None


def test_the_readers_knowledge_framing_a_claim_is_dropped_and_the_claim_kept():
    from quizzes.generation.cleaning import clean_text, sentence_defect

    text = clean_text(
        "At this point, you know that every moss spreads by spores. Since the gland makes "
        "bile, you would be correct in assuming that the gland is large. Did you know that "
        "owls hunt at night? Your body holds about five litres of blood."
    ).text
    assert text == (
        "Every moss spreads by spores. Since the gland makes bile, the gland is large. Did you "
        "know that owls hunt at night? The human body holds about five litres of blood."
    )
    assert sentence_defect("Every moss spreads by spores.") is None
    assert sentence_defect("At this point, you know that every moss spreads by spores.")


def test_an_indefinite_subject_in_the_present_names_the_kind_its_pronoun_takes_up():
    text = (
        "A barometer is an instrument that measures the pressure of the air in a room. "
        "It is sometimes called a weather glass. "
        "A farmer bought a plough at the market in the village. "
        "It broke within a week of hard use in the fields."
    )
    analyses = analyse_lessons([LessonText(key="c", title="Old Instruments", text=text)])
    _barometer, called, _farmer, broke = analyses[0].sentences
    # What the definition says a barometer is (an instrument, the pressure, a room) is no rival.
    assert called.resolved == "A barometer" and called.usable
    assert broke.depends  # one plough a farmer bought, not a kind: which one broke is not sure


def test_a_code_span_naming_one_function_reads_as_a_plain_word():
    from quizzes.generation.cleaning import clean_text, sentence_defect

    text = clean_text(
        "Python offers the helper `zip()` for pairing lists. The option `sep` sets the "
        "separator. Assign it with `x <- 1` or call `make_table`."
    ).text
    assert text.startswith(
        "Python offers the helper zip for pairing lists. The option sep sets the separator."
    )
    assert sentence_defect("Python offers the helper zip for pairing lists.") is None
    # Code that is no single plain name keeps its backticks, and its sentence stays out.
    assert sentence_defect(text.split(". ")[2])


def test_a_markdown_link_and_an_editors_note_label_read_as_plain_prose():
    from quizzes.generation.cleaning import clean_text, sentence_defect

    text = clean_text(
        "Tests are run with the [pytest](https://example.org/pytest) tool. "
        "*Note:* the sorter has a flag called reverse, which flips the order."
    ).text
    assert text == (
        "Tests are run with the pytest tool. "
        "The sorter has a flag called reverse, which flips the order."
    )
    assert sentence_defect("Tests are run with the pytest tool.") is None


def test_the_authors_attitude_opening_a_sentence_is_not_part_of_the_claim():
    from quizzes.generation.cleaning import without_asides

    assert without_asides("Luckily the kiln reaches a high heat.") == (
        "The kiln reaches a high heat."
    )
    assert without_asides("Unfortunately, Rome lost the fleet.") == "Rome lost the fleet."
    assert without_asides("Luck played a part in the win.") == "Luck played a part in the win."


def test_what_a_phrase_before_the_subject_names_is_no_rival_for_its_pronoun():
    text = (
        "With the arrival of the railway, coal became cheaper in the northern towns. "
        "It replaced peat in most kitchens within a generation. "
        "The railway brought coal and a new kind of timber to the northern towns. "
        "It changed the kitchens of the region within a generation."
    )
    analyses = analyse_lessons([LessonText(key="c", title="Fuel at Home", text=text)])
    _arrival, replaced, _brought, changed = analyses[0].sentences
    # The arrival and the railway only say when: coal is what replaced peat.
    assert replaced.resolved == "Coal" and replaced.usable
    assert changed.depends  # the railway, or the kind of timber it brought: not sure


def _importance_of(analysis, text: str) -> float:
    return max(t.importance for _s, t in analysis.terms() if t.text.lower().endswith(text))


def test_a_term_the_text_names_is_a_key_term(analyse):
    analysis, _pool = analyse(
        "The weavers of the valley wound the wet wool around a tall wooden post known as a "
        "cradle before the market opened. Traders from the coast bought the dyed cloth "
        "in spring and carried it north by river boat to the city fairs."
    )
    assert _importance_of(analysis, "cradle") >= 0.5


def test_a_name_given_to_something_named_before_is_not_promoted(analyse):
    analysis, _pool = analyse(
        "The weavers of the valley wound the wet wool around tall wooden posts before the "
        "market opened. Posts so placed are called spindle trees by the older weavers. Traders "
        "from the coast bought the dyed cloth in spring and carried it north by river boat."
    )
    placed = analysis.sentences[1]
    assert not {t.lower_ for t in placed.span if t.i in _named_terms(placed.span)}


def test_a_term_the_sentence_names_with_called_or_known_as_is_a_key_term(analyse):
    analysis, _ = analyse(
        "Old sailors tied many knots at sea. Most sailors learn a sort of loop called a "
        "bowline. The rope was kept in a wooden chest known as a locker. She called a doctor "
        "to the harbour."
    )
    importance = {t.text: t.importance for s in analysis.sentences for t in s.terms}
    assert importance["bowline"] >= 0.5
    assert importance["locker"] >= 0.5
    assert importance.get("doctor", 0.0) < 0.5


def test_a_noun_used_in_a_way_the_sentence_never_says_points_back():
    from quizzes.generation.cleaning import sentence_defect

    assert sentence_defect("Stones so shaped are called querns by the millers.")
    assert sentence_defect("The so-called quern was a stone for grinding grain.") is None
    assert sentence_defect("The miller was so tired that he slept at noon.") is None


def test_a_possessive_in_the_opening_phrase_can_belong_to_the_subject_after_it(analyse):
    analysis, _pool = analyse(
        "Despite their differences in size, moths and butterflies share a coiled feeding tube. "
        "Because of its thick shell, the tortoise survives most attacks. "
        "Despite their efforts, the harvest failed in the dry summer. "
        "In its simplest form, they use a single coil."
    )
    moths, tortoise, harvest, coil = analysis.sentences
    assert not moths.depends and not tortoise.depends
    # "their" with only a singular subject after it, or a pronoun subject, still leans back.
    assert harvest.depends and coil.depends


def test_a_term_a_dump_set_in_capitals_reads_in_lower_case():
    # A bold term turned to capitals; acronyms, code constants and run-in headings stay.
    from quizzes.generation.cleaning import clean_text

    source = (
        "In microeconomics, SUPPLY AND DEMAND is an economic model of price. "
        "GROSS OPERATING SURPLUS (GOS) is the surplus due to owners. "
        "The sum of COE, GOS and GMI is called factor income, as NATO AND THE UN agreed. "
        "Set na.rm = TRUE to drop them. DEMAND CURVE SHIFTS: When consumers buy more, demand rises."
    )
    clean = clean_text(source)
    assert clean.text == (
        "In microeconomics, supply and demand is an economic model of price. "
        "Gross operating surplus (GOS) is the surplus due to owners. "
        "The sum of COE, GOS and GMI is called factor income, as NATO AND THE UN agreed. "
        "Set na.rm = TRUE to drop them. DEMAND CURVE SHIFTS: When consumers buy more, demand rises."
    )
    at = clean.text.index("supply and demand")
    assert source[clean.source_offset(at) :].startswith("SUPPLY AND DEMAND")


def test_a_name_set_off_by_commas_after_its_kind_is_a_term_of_its_own(analyse):
    # "An enzyme, carbonic anhydrase, located ...": the parser glues kind and name into one
    # noun phrase across the comma; the name after it is the term.
    analysis, _pool = analyse(
        "A pigment, bacterial rhodopsin, found within the membrane absorbs light."
    )
    assert "bacterial rhodopsin" in {t.text for t in analysis.sentences[0].terms}


def test_a_common_noun_opening_its_sentence_is_no_name_whatever_the_entity_tagger_says(analyse):
    # The tagger calls "Fever" a GPE; offered beside "Bangladesh" and "Brazil" it made a choice
    # question held-out readers called absurd. The parser reads it as a common noun (NN).
    analysis, _pool = analyse(
        "Fever is rare and should raise suspicion for secondary infection. "
        "Most cases in Bangladesh are resistant to tetracycline."
    )
    kinds = {term.text: term.kind for _sentence, term in analysis.terms()}
    assert kinds.get("Fever") in {None, "CONCEPT"}
    assert kinds["Bangladesh"] == "GPE"


def test_a_plot_the_reader_cannot_see_and_a_worked_examples_point_are_not_asked(analyse):
    # Held-out round d: "The scatter plot shows the relationship between hours spent studying
    # and exam scores", "The data point (65,175) is a potential outlier".
    analysis, _pool = analyse(
        "The scatter plot shows the relationship between hours spent studying and exam scores. "
        "The data point (65,175) is a potential outlier in the regression. "
        "A regression line is drawn through the middle of the data in every study of this kind."
    )
    plot, point, general = analysis.sentences
    assert plot.defect and point.defect
    assert general.defect is None


def test_a_role_word_opening_a_persons_name_is_not_part_of_it(analyse):
    # "Historian José Bengoa singled out Quillota": the tagger takes the role into the name,
    # and "Historian José Bengoa" stood among bare names as the one choice with a role.
    analysis, _pool = analyse(
        "Historian José Bengoa singled out Quillota as the foremost settlement. "
        "Later historians agreed with him. Jean-Baptiste Colbert led the finances of France."
    )
    people = {term.text for _sentence, term in analysis.terms() if term.kind == "PERSON"}
    assert "José Bengoa" in people and "Historian José Bengoa" not in people
    assert not any(name.startswith("Baptiste") for name in people)
