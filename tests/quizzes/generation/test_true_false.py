import re

from quizzes.generation import true_false
from quizzes.generation.analysis import analyse_lessons
from quizzes.generation.distractors import DistractorPool
from quizzes.generation.questions import LessonText
from quizzes.generation.true_false import PREFIX

TEXT = (
    "The Treaty of Westphalia was signed in 1648 after long negotiations. "
    "The Congress of Vienna was convened in 1814 to restore order in Europe. "
    "France and Spain fought over territory while Austria and Prussia watched."
)


def test_true_statement_is_the_source_sentence(analyse):
    analysis, pool = analyse(TEXT)
    trues = [c for c in true_false.build(analysis, pool) if c.question.choices[0].correct]
    assert trues
    for c in trues:
        assert c.question.prompt == PREFIX + c.question.source_sentence
        assert [ch.text for ch in c.question.choices] == ["True", "False"]


def test_false_statement_swaps_one_term_for_a_same_kind_one(analyse):
    analysis, pool = analyse(TEXT)
    falses = [c for c in true_false.build(analysis, pool) if c.question.choices[1].correct]
    year = [c for c in falses if c.answer == "1648"]
    assert year
    statement = year[0].question.prompt.removeprefix(PREFIX)
    assert "1648" not in statement
    assert statement == year[0].question.source_sentence.replace("1648", year[0].distractors[0])
    for c in falses:
        assert " not " not in f" {c.question.prompt} "  # never bare negation
        original_words = c.question.source_sentence.split()
        changed = [
            w for w in c.question.prompt.removeprefix(PREFIX).split() if w not in original_words
        ]
        assert changed  # something was swapped


def test_a_swapped_name_keeps_the_article_it_is_written_with(analyse):
    analysis, pool = analyse(
        "She first studied at the clandestine Flying University in secret. "
        "Warsaw University later gave her a teaching post in physics. "
        "The Flying University and Warsaw University admitted women."
    )
    swapped = [
        c.question.prompt.removeprefix(PREFIX)
        for c in true_false.build(analysis, pool)
        if c.distractors == ["Flying University"]
    ]
    assert swapped
    assert all("the Flying University" in s.replace("The ", "the ") for s in swapped)


PLACES = (
    "Ships sail from the Red Sea into the Mediterranean Sea every day. "
    "Egypt and France argued over the canal, while the Nile kept flowing. "
    "Israel and Britain joined the war in the same year as the crisis. "
    "The Suez Canal Company built the waterway for the company's shareholders. "
    "The World Health Organization, a global organization, later studied the workers. "
    "The price of tolls rose sharply between 2010 and 2020 in most years. "
    "Envoys from Egypt, Israel, France and Britain met in Geneva."
)


def _falses(analysis, pool):
    return [c for c in true_false.build(analysis, pool) if c.distractors]


def test_a_sea_or_river_is_never_swapped_for_a_state(analyse):
    analysis, pool = analyse(PLACES)
    falses = _falses(analysis, pool)
    states = {"Egypt", "France", "Israel", "Britain"}
    assert any(c.answer_kind == "GPE" for c in falses)
    for c in falses:
        if c.answer_kind == "GPE":
            assert set(c.distractors) <= states
        if c.answer in {"Nile", "Red Sea", "Mediterranean Sea"}:
            assert not set(c.distractors) & states


def test_a_name_that_says_its_kind_is_swapped_only_for_one_of_that_kind(analyse):
    analysis, pool = analyse(PLACES)
    kinds = {t.text: t.kind_word for _s, t in analysis.terms()}
    assert kinds["Suez Canal Company"] == "company"
    assert kinds["World Health Organization"] == "organization"
    for c in _falses(analysis, pool):
        assert {c.answer, *c.distractors} != {"Suez Canal Company", "World Health Organization"}


def test_a_year_is_never_swapped_for_another_year_of_its_sentence(analyse):
    analysis, pool = analyse(
        PLACES + " The Suez Canal opened in 1869. Egypt nationalised the canal in 1956."
    )
    years = [c for c in _falses(analysis, pool) if c.answer_kind == "YEAR"]
    assert years
    for c in years:
        statement = c.question.prompt.removeprefix(PREFIX)
        assert c.distractors[0] not in c.question.source_sentence
        assert statement.count(c.distractors[0]) == 1


def _statements(analysis, pool):
    return {c.question.prompt.removeprefix(PREFIX): c for c in true_false.build(analysis, pool)}


def test_a_false_statement_swaps_in_what_the_lesson_says_of_something_else(analyse):
    analysis, pool = analyse(
        "Light microscopes and electron microscopes both magnify cells. "
        "Scientists typically use electron microscopes to see inside organelles. "
        "Light microscopes are advantageous for viewing living organisms."
    )
    falses = [c for c in _statements(analysis, pool).values() if c.distractors]
    swapped = {(c.answer, c.distractors[0]) for c in falses}
    assert ("electron microscopes", "light microscopes") in {
        (a.lower(), d.lower()) for a, d in swapped
    }


def test_true_statements_are_short_self_contained_and_not_hedged(analyse):
    analysis, pool = analyse(
        "The Treaty of Westphalia was signed in 1648 after long negotiations. "
        "Treaties may or may not end wars between France and Spain quickly. "
        "The Congress of Vienna (1814) restored order in Europe after Napoleon."
    )
    trues = [s for s, c in _statements(analysis, pool).items() if not c.distractors]
    assert trues == ["The Treaty of Westphalia was signed in 1648 after long negotiations."]


def test_small_counts_and_bracketed_terms_are_never_swapped(analyse):
    analysis, pool = analyse(
        "Photosynthesis has three forms: cyclic and non-cyclic in 1931 and 1950. "
        "The Calvin cycle fixes carbon from ribulose bisphosphate (RuBP) and ATP. "
        "RuBP and NADPH feed the Krebs cycle in 1937."
    )
    for c in _statements(analysis, pool).values():
        if c.distractors:
            assert c.answer_kind != "NUMBER" or float(c.answer.replace(",", "")) > 12
            assert c.answer != "RuBP" or "(" not in c.statement


def test_a_false_year_is_well_apart_from_the_true_one(analyse):
    analysis, pool = analyse(TEXT)
    years = [c for c in _statements(analysis, pool).values() if c.answer_kind == "YEAR"]
    assert years
    for c in years:
        if c.distractors:
            assert abs(int(c.distractors[0]) - int(c.answer)) >= 5


def test_a_swapped_common_noun_reads_in_lower_case_with_a_fitting_article(analyse):
    analysis, pool = analyse(
        "Cells such as salivary gland cells or immune system cells secrete proteins. "
        "Bone cells and immune system cells grow in an infectious disease ward. "
        "A bone cell differs from an epithelial cell in shape."
    )
    statements = _statements(analysis, pool)
    assert any(c.distractors and c.answer_kind == "CONCEPT" for c in statements.values())
    for statement, c in statements.items():
        if c.distractors and c.answer_kind == "CONCEPT":
            body = statement[1:]
            assert not re.search(r"\b(?:Bone|Epithelial|Immune)\b", body), statement
            assert not re.search(r"\ba (?:[aeiou])", statement), statement


def test_true_and_false_statements_are_kept_in_balance(analyse):
    from quizzes.generation.distractors import STATEMENT_SLACK

    analysis, pool = analyse(TEXT)
    trues = [c for c in true_false.build(analysis, pool) if not c.distractors]
    kept = [pool.claim(c) for c in trues * 5]
    assert kept.count(True) == STATEMENT_SLACK  # no false statement yet to balance more


def test_a_statement_about_a_thing_named_only_earlier_is_not_asked(analyse):
    analysis, pool = analyse(
        "A histogram is a graph that consists of bars of equal width drawn side by side. "
        "The heights of the bars correspond to frequency values in the data set. "
        "Histograms are typically used for large continuous quantitative data sets."
    )
    statements = _statements(analysis, pool)
    assert statements  # the histogram's own sentences are asked about
    assert not any("the bars" in s for s in statements)  # which bars? the prompt never says


def test_a_statement_whose_demonstrative_stands_for_an_earlier_sentence_is_not_asked(analyse):
    analysis, pool = analyse(
        "Guild masters raised the price of bread in 1523. "
        "Town councils in Flanders opposed this in the courts of the Duke of Burgundy. "
        "The cell wall of a bacterium differs from that of an archaeon in its chemistry."
    )
    statements = _statements(analysis, pool)
    assert any("that of an archaeon" in s for s in statements)  # "that of" names its noun
    assert not any("opposed this" in s for s in statements)  # which "this"? never said


def test_a_term_set_in_capitals_is_written_as_the_lesson_writes_it_elsewhere(analyse):
    analysis, pool = analyse(
        "GUILD CHARTERS were royal grants that fixed the rights of a town's craftsmen. "
        "Royal grants to the guilds of Ghent were renewed in 1302 by NATO's founders. "
        "Guild charters of Bruges were burned in 1488 by the Flemish towns."
    )
    statements = _statements(analysis, pool)
    assert "Guild charters were royal grants that fixed the rights of a town's craftsmen." in (
        statements
    )
    assert not any("GUILD" in s for s in statements)
    assert any("NATO" in s for s in statements)  # an acronym the lesson never writes in lower case


def test_a_loose_tie_or_a_judgement_is_not_a_statement(analyse):
    analysis, pool = analyse(
        "Checking function parameters is related to the concept of defensive programming. "
        "User-defined functions are arguably the most useful building block in R programs. "
        "The function stopifnot checks that every argument of a function call is true."
    )
    statements = _statements(analysis, pool)
    assert statements
    assert not any("related to" in s or "arguably" in s for s in statements)


def test_a_swap_the_rest_of_the_sentence_gives_away_is_not_made(analyse):
    analysis, pool = analyse(
        "Following the law of demand, the demand curve is almost always downward sloping. "
        "The supply curve shows the quantity sellers offer at each market price. "
        "Demand curves and supply curves meet at the equilibrium price of a market."
    )
    for statement, c in _statements(analysis, pool).items():
        if c.distractors and "law of demand" in statement:
            assert "supply curve" not in statement.lower()


def test_a_swap_the_lesson_says_of_the_same_thing_is_not_made(analyse):
    # The lesson says the Golgi apparatus packages lipids too: swapping them in for
    # polysaccharides gives a statement the text does not decide.
    analysis, pool = analyse(
        "Sorting and packaging lipids and proteins takes place in the Golgi apparatus. "
        "In plant cells, the Golgi apparatus also synthesizes polysaccharides and sugars. "
        "Lysosomes break down lipids, polysaccharides and nucleic acids. "
        "Ribosomes make proteins."
    )
    statements = _statements(analysis, pool)
    swapped = [s for s, c in statements.items() if c.distractors]
    # Nor is a member of the lysosomes' list swapped ("lipids, sugars and nucleic acids"):
    # a list is seldom all a thing does.
    assert not [s for s in swapped if s.startswith("Lysosomes")], swapped
    assert not [s for s in swapped if "Golgi" in s and "lipids" in s], swapped


def test_what_a_thing_is_compared_with_is_not_swapped(analyse):
    # Archaeal walls differ from eukaryotic ones too: "differs from that of eukaryotes" would
    # not be false by the text.
    analysis, pool = analyse(
        "Archaeal cell walls differ from those of bacterial cells in several ways. "
        "Bacterial cells and eukaryotic cells both have ribosomes. "
        "Eukaryotic cells and bacterial cells have plasma membranes."
    )
    for statement, c in _statements(analysis, pool).items():
        if c.distractors and statement.startswith("Archaeal"):
            assert "bacterial cells" in statement, statement


def test_a_statement_whose_subject_is_a_pronoun_is_not_asked(analyse):
    analysis, pool = analyse(
        "Mercantilism dominated European trade policy for two centuries. "
        "In the English-speaking world, its ideas were criticized by Adam Smith in 1776. "
        "Adam Smith and David Ricardo wrote about free trade in Britain."
    )
    assert not [s for s in _statements(analysis, pool) if "its ideas" in s]
    analysis, pool = analyse(
        "Mercantilism in its simplest form is bullionism, a policy of hoarding gold. "
        "Physiocracy in its simplest form is a policy of farming."
    )
    assert [s for s in _statements(analysis, pool) if s.startswith("Mercantilism in its")]


def test_a_range_keeps_its_ends(analyse):
    # "Between 2000 and 2017" is another period, not plainly false; "Between 2007 and 2005"
    # is nonsense.
    analysis, pool = analyse(
        "In 1980, there were more than 500,000 steelworkers in the United States. "
        "Between 2000 and 2005, world steel demand increased by six percent. "
        "Tata Steel bought the Corus Group in 2007 after a long bidding contest. "
        "As of 2017, ArcelorMittal was the largest steel producer in the world."
    )
    statements = _statements(analysis, pool)
    ranges = [s for s, c in statements.items() if s.startswith("Between") and c.distractors]
    assert all(s.startswith("Between 2000 and 2005") for s in ranges), ranges
    assert any(c.distractors and c.answer_kind == "YEAR" for c in statements.values())


def test_no_statement_comes_from_a_worked_example(analyse):
    analysis, pool = analyse(
        "Suppose that Rosa and Binh both shop at supermarket A. "
        "At supermarket A, the mean waiting time is five minutes and the standard deviation "
        "is two minutes.\n\n"
        "The standard deviation measures how spread out the values of a data set are around "
        "their mean."
    )
    statements = _statements(analysis, pool)
    assert statements
    assert not [s for s in statements if "supermarket" in s]


def test_a_fact_after_a_one_sentence_example_is_still_asked(analyse):
    analysis, pool = analyse(
        "For example, an observation at the 50th percentile is greater than half of the data. "
        "The interquartile range is the range of the middle half of the data values."
    )
    statements = _statements(analysis, pool)
    assert [s for s in statements if s.startswith("The interquartile range")]
    assert not [s for s in statements if "observation" in s]


def _flips(analysis, pool):
    return {
        c.question.prompt.removeprefix(PREFIX): c.distractors[0]
        for c in true_false.build(analysis, pool)
        if c.features.get("flipped")
    }


def test_a_word_of_direction_or_degree_is_turned_to_its_opposite(analyse):
    analysis, pool = analyse(
        "Of the three kinds of guild, the merchant guilds were the largest in Flanders. "
        "Import tariffs increased the price of foreign cloth in Flanders. "
        "Woollen cloth from Flanders was more durable than linen cloth."
    )
    flips = _flips(analysis, pool)
    assert flips == {
        "Of the three kinds of guild, the merchant guilds were the smallest in Flanders.": (
            "smallest"
        ),
        "Import tariffs decreased the price of foreign cloth in Flanders.": "decreased",
        "Woollen cloth from Flanders was less durable than linen cloth.": "less",
    }
    falses = [c for c in true_false.build(analysis, pool) if c.features.get("flipped")]
    assert all(c.question.choices[1].correct for c in falses)  # the answer is False


def test_a_turn_that_the_text_may_not_decide_is_not_made(analyse):
    analysis, pool = analyse(
        "The merchant guilds of Flanders were not larger than the craft guilds of Bruges. "
        "Higher tariffs led to lower sales of cloth in the towns of Flanders. "
        "Tariffs on imported cloth can increase the price of bread in Flanders. "
        "Low-alloy steel tools were sold by the merchant guilds of Flanders. "
        "Most merchant guilds of Flanders sold woollen cloth to the towns of England."
    )
    assert _flips(analysis, pool) == {}


def test_an_article_agrees_with_the_opposite_it_stands_before(analyse):
    analysis, pool = analyse(
        "The new tariffs in Flanders led to an increase in the price of cloth."
    )
    assert _flips(analysis, pool) == {
        "The new tariffs in Flanders led to a decrease in the price of cloth.": "decrease"
    }


def test_a_superlative_picking_members_of_a_set_is_not_turned(analyse):
    analysis, _pool = analyse(
        "The press made some of the most spectacular advances of the age possible. "
        "Steel was one of the most important materials of the industrial age. "
        "Microfilaments are the narrowest fibres of the cytoskeleton."
    )
    some_of, one_of, ranking = analysis.sentences
    assert true_false.flipped(some_of) is None and true_false.flipped(one_of) is None
    assert true_false.flipped(ranking)[1] == "widest"


def test_a_term_given_with_examples_is_not_swapped(analyse):
    # "Metals such as rubber ...": the examples no longer belong to what is swapped in, so the
    # statement is nonsense rather than false.
    for examples in ("such as rubber", "(for example rubber)"):
        analysis, pool = analyse(
            "Metals and insulators differ in structure. Insulators and metals are both solids. "
            f"Insulators {examples} resist the flow of current. Metals conduct heat well."
        )
        swapped = [c for c in true_false.build(analysis, pool) if c.distractors]
        assert not [c for c in swapped if "rubber" in c.question.prompt]


def test_true_statements_name_someone_in_particular(analyse):
    # A truism about "someone", a crowd of "many people" or a list left open ("and the like")
    # is a statement anyone calls true: it is not copied as a true statement.
    analysis, pool = analyse(
        "The Treaty of Westphalia was signed in 1648 after long negotiations. "
        "Every treaty signed in Westphalia was read by someone in Vienna. "
        "Many people come to the Treaty of Westphalia with a bit of fear. "
        "Old maps of Westphalia show rivers, castles, toll gates, and the like."
    )
    trues = [s for s, c in _statements(analysis, pool).items() if not c.distractors]
    assert trues == ["The Treaty of Westphalia was signed in 1648 after long negotiations."]


def test_a_term_in_a_denied_claim_is_not_swapped(analyse):
    # "Austria did not sign the Treaty of Westphalia" says nothing of Prussia or Spain: swapped,
    # the denial is not plainly false. A term outside the denied clause is still swapped.
    analysis, pool = analyse(
        "Austria did not sign the Treaty of Westphalia in 1648. "
        "No large armies crossed the Rhine near Prussia during the winter. "
        "Spain signed the Treaty of Vienna in 1815, but it never kept it. "
        "Prussia and Spain fought over territory while Austria watched."
    )
    sources = [
        c.question.source_sentence for c in true_false.build(analysis, pool) if c.distractors
    ]
    assert not [s for s in sources if s.startswith(("Austria did", "No large"))]
    assert any(s.startswith("Spain signed") for s in sources), sources


def test_a_swap_never_brings_a_word_the_sentence_already_says(analyse):
    # "a granular structure called pearlite" -> "a pearlite structure called pearlite" repeats
    # itself: nonsense that gives the answer away, not a false statement.
    analysis, pool = analyse(
        "Cooling steel slowly produces a granular structure called pearlite in 1850. "
        "Quenching steel quickly produces a pearlite structure in thin sheets. "
        "A martensite structure forms when steel is quenched in cold water."
    )
    for c in true_false.build(analysis, pool):
        if c.distractors and c.question.source_sentence.startswith("Cooling"):
            assert "pearlite structure" not in c.question.prompt


def test_a_turn_the_sentence_own_numbers_decide_is_not_made(analyse):
    # "seven minutes ... two minutes shorter than ... five minutes": false by arithmetic alone.
    analysis, _pool = analyse(
        "Maria's commute of nine minutes is four minutes longer than the average of five minutes. "
        "The guild of weavers was the largest of the three guilds, with nearly 400 members."
    )
    sums, guild = analysis.sentences
    assert true_false.flipped(sums) is None
    assert true_false.flipped(guild)[1] == "smallest"  # the numbers stand on one side only


def test_a_year_that_bounds_a_time_on_one_side_is_not_swapped(analyse):
    analysis, pool = analyse(
        "By 1870, the number of weavers in Lancashire fell to 12,000. "
        "Parliament dissolved the Weavers' Guild of Yorkshire in 1885 by royal decree. "
        "Until 1855, the Weavers' Guild of Yorkshire set the price of woollen cloth. "
        "Richard Arkwright installed a water frame in Cromford in 1822."
    )
    swapped = [c.answer for c in _statements(analysis, pool).values() if c.distractors]
    assert {"1885", "1822"} & set(swapped)  # a year stated outright is swapped
    assert "1870" not in swapped and "1855" not in swapped  # by 1875 it had fallen too


def test_a_likeness_is_not_asked_as_a_fact(analyse):
    analysis, pool = analyse(
        "The guilds of Bruges are analogous to the organs of a body, each with its own work. "
        "The Weavers' Guild of Yorkshire set the price of woollen cloth in 1855."
    )
    statements = _statements(analysis, pool)
    assert statements
    assert not any("analogous" in s for s in statements)


def test_a_lesson_first_true_statement_waits_for_false_ones_like_any_other(analyse):
    # Most lessons ask one statement: letting each lesson's first pass made two thirds true.
    analysis, pool = analyse(TEXT)
    true = next(c for c in true_false.build(analysis, pool) if not c.distractors)
    pool.statements[False], pool.statements[True] = 10, 15  # half as many again true ones
    assert not pool.claim(true)
    assert pool.claim(true, lesson_short=True)  # a lesson with little else still keeps it


def test_a_list_left_open_gets_no_swapped_name(analyse):
    text = (
        "The germ theory replaced the miasma theory in 1880 thanks to Pasteur, Lister and "
        "Koch, and others. Pasteur worked in Paris for the French state in 1880. Lister "
        "worked in Glasgow for the Royal Infirmary. Koch worked in Berlin for the Prussian state."
    )
    analysis, pool = analyse(text)
    falses = _falses(analysis, pool)
    assert any(c.question.source_sentence.startswith("Pasteur worked") for c in falses)
    assert not any("and others" in c.question.source_sentence for c in falses)


def test_no_false_statement_moves_a_range_end_or_swaps_a_list_member(analyse):
    analysis, pool = analyse(
        "The mesophyll can contain between 450,000 and 800,000 chloroplasts per square "
        "millimetre of leaf. Plant cells each have a cell wall, chloroplasts, and a central "
        "vacuole. The Mainz press printed 180 copies of the Bible in 1455. Within 50 or 60 "
        "years the canon had been reprinted. Microscopes magnify up to approximately 400 times.",
        "Animal cells have a plasma membrane and lysosomes. Most cells hold 300 ribosomes.",
    )
    falses = [c for c in true_false.build(analysis, pool) if c.question.choices[1].correct]
    swapped = {c.answer for c in falses}
    kept = {"450,000", "800,000", "cell wall", "chloroplasts", "central vacuole", "50", "60", "400"}
    assert not swapped & kept
    assert swapped & {"180", "1455", "Mainz press"}  # a lone figure or name is still swapped


def test_a_sentence_about_a_topic_the_course_titles_a_lesson_with_is_asked(analyse):
    review = (
        "Graphs help readers see the shape of data at a glance. "
        "A stem-and-leaf plot keeps every data value and shows the shape of small data sets. "
        "Histograms are typically used for large, continuous, quantitative data sets. "
        "A frequency polygon joins the midpoints. "
        "A box plot shows the spread of the data around the median and the quartiles."
    )
    topic = "A frequency polygon joins the midpoints."
    # This lesson's key phrases rank other words: alone, the sentence is not worth a statement.
    alone = analyse_lessons([LessonText(key="0", title="Chapter Review", text=review)])
    assert topic not in _statements(alone[0], DistractorPool(alone))
    # A lesson of the course is titled with its subject: it is about a topic of the course.
    lessons = [
        LessonText(key="0", title="Chapter Review", text=review),
        LessonText(key="1", title="Frequency Polygons", text="A polygon has straight sides."),
    ]
    analyses = analyse_lessons(lessons)
    statements = _statements(analyses[0], DistractorPool(analyses))
    assert topic in statements
    assert not statements[topic].distractors


def test_another_adjective_for_the_same_thing_is_no_plain_falsehood(analyse):
    # "Inheritable resistance" for "Intrinsic resistance": the same thing described another way
    # may be as true. Kinds the course lists together ("Prokaryotic cells and eukaryotic
    # cells") stay each other's falsehoods, and so do names that are no adjective and noun.
    analysis, pool = analyse(
        "Intrinsic resistance is part of the genetic makeup of many bacterial strains. "
        "Eukaryotic cells have a nucleus enclosed by a double membrane of lipids. "
        "Prokaryotic cells and eukaryotic cells both carry ribosomes for making proteins. "
        "Immune system cells fight the bacteria that invade the body."
    )
    intrinsic, eukaryotic, _both, immune = analysis.sentences

    def term(sentence, text):
        return next(t for t in sentence.terms if t.text == text)

    resistance = term(intrinsic, "Intrinsic resistance")
    assert true_false.unopposed_quality(intrinsic, resistance, "Inheritable resistance", pool)
    cells = term(eukaryotic, "Eukaryotic cells")
    assert not true_false.unopposed_quality(eukaryotic, cells, "Prokaryotic cells", pool)
    system = term(immune, "Immune system cells")
    assert not true_false.unopposed_quality(immune, system, "Bone cells", pool)


def test_a_most_or_least_is_never_turned(analyse):
    # "The least famous compound optical instruments ...", "the least common dopants": held-out
    # readers (rounds c, d) found the turned superlative false at a glance, an odd claim.
    analysis, _pool = analyse(
        "The most famous compound optical instruments are the microscope and the telescope. "
        "In silicon, the most common dopants are boron and phosphorus. "
        "A compound microscope gives a much more detailed image than a hand lens."
    )
    famous, common, detailed = analysis.sentences
    assert true_false.flipped(famous) is None and true_false.flipped(common) is None
    assert true_false.flipped(detailed)[1] == "less"
