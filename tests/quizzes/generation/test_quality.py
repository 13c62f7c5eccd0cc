"""Each quality rule, one by one, on small hand-made questions."""

from types import SimpleNamespace

from quizzes.generation import quality
from quizzes.generation.pipeline import candidates_for, select
from quizzes.generation.questions import Candidate, GeneratedChoice, GeneratedQuestion

SOURCE = "The Hanseatic League controlled trade in the Baltic Sea."


def make(prompt, *, type="cloze", answer="Hanseatic League", choices=(), accepted=None, **extra):
    question = GeneratedQuestion(
        type=type,
        prompt=prompt,
        choices=[GeneratedChoice(t, c) for t, c in choices],
        accepted_answers=[answer] if accepted is None and not choices else (accepted or []),
        source_sentence=extra.pop("source", SOURCE),
        source_start=0,
        source_end=len(SOURCE),
        generator="cloze",
        generator_version="1",
        fact_key=extra.pop("fact_key", "f1"),
        score=extra.pop("score", 0.5),
    )
    extra.setdefault("statement", SOURCE)
    return Candidate(question=question, answer=answer, answer_kind="ORG", **extra)


GOOD = make("The _____ controlled trade in the Baltic Sea.")


def test_a_good_question_passes_every_rule():
    assert quality.violations(GOOD) == []


def test_answer_must_not_appear_in_the_prompt():
    bad = make("The _____ (the Hanseatic League) controlled trade in the Baltic Sea.")
    assert quality.answer_not_in_prompt(bad)
    assert quality.answer_not_in_prompt(GOOD) is None


def test_source_sentence_must_contain_the_answer():
    bad = make("The _____ controlled trade in the Baltic Sea.", source="Ships sailed north.")
    assert quality.source_contains_answer(bad)


def test_blank_must_be_a_content_term():
    assert quality.blank_is_content_term(make("_____ controlled trade.", answer="It"))
    assert quality.blank_is_content_term(make("The League was _____.", answer="the"))
    lone_adjective = make("The League was _____ in trade.", answer="powerful", answer_pos=("ADJ",))
    assert quality.blank_is_content_term(lone_adjective)
    assert quality.blank_is_content_term(GOOD) is None


def test_sentence_leaning_on_the_previous_needs_its_context():
    for opener in ("This", "These", "It", "Such", "They"):
        statement = f"{opener} controlled trade in the Baltic Sea."
        bare = make("_____ controlled trade.", statement=statement)
        assert quality.context_given(bare), opener
        given = make("_____ controlled trade.", statement=statement, context_given=True)
        assert quality.context_given(given) is None
    # An opening "They" that the analysis resolved: the prompt names what it stands for.
    statement = "They controlled trade in the Baltic Sea."
    resolved = make("Hanseatic merchants controlled trade in the _____.", statement=statement)
    assert quality.context_given(resolved) is None
    unresolved = make("They controlled trade in the _____.", statement=statement)
    assert quality.context_given(unresolved)
    tf = make("True or false: They controlled trade.", type="true_false", statement=statement)
    assert quality.context_given(tf)
    topic = make("The League: They controlled trade in the _____.", statement=statement)
    assert quality.context_given(topic)


def test_distractors_distinct_from_answer_and_each_other():
    choices = [("Hanseatic League", True), ("the Hanseatic Leagues", False)]
    same_as_answer = make("The _____ traded.", type="single_choice", choices=choices)
    assert quality.distractors_distinct(same_as_answer)
    choices = [("NATO", True), ("Warsaw Pact", False), ("warsaw pacts", False)]
    repeated = make("The _____ was founded.", type="single_choice", answer="NATO", choices=choices)
    assert quality.distractors_distinct(repeated)
    choices = [("NATO", True), ("North Atlantic Treaty Organization", False)]
    alias = make("The _____ was founded.", type="single_choice", answer="NATO", choices=choices)
    assert quality.distractors_distinct(alias)


def test_distractor_stated_true_elsewhere_is_rejected(analyse):
    text = (
        "The Hanseatic League controlled trade in the Baltic Sea for centuries. "
        "The Teutonic Order also controlled trade in the Baltic Sea for centuries. "
        "The Medici family ran banks in Florence."
    )
    analysis, pool = analyse(text)
    sentence = analysis.sentences[0]
    candidate = make(
        "The _____ controlled trade in the Baltic Sea for centuries.",
        type="single_choice",
        choices=[("Hanseatic League", True), ("Teutonic Order", False)],
        source=sentence.text,
        statement=sentence.text,
        distractors=["Teutonic Order"],
    )
    assert quality.distractors_not_stated_true(candidate, analysis, pool)
    candidate.distractors = ["Medici family"]
    assert quality.distractors_not_stated_true(candidate, analysis, pool) is None


def test_prompt_must_read_as_grammatical_english():
    assert quality.prompt_grammatical(make("the _____ controlled trade."))  # not capitalised
    assert quality.prompt_grammatical(make("The _____ controlled _____."))  # two blanks
    assert quality.prompt_grammatical(make("The _____ controlled trade"))  # no full stop
    assert quality.prompt_grammatical(make("The _____ controlled  trade."))  # stray space
    assert quality.prompt_grammatical(make("What does WHO stand for", type="short_answer"))
    assert quality.prompt_grammatical(make("What does WHO stand for?", type="short_answer")) is None


def test_no_two_kept_questions_test_the_same_fact():
    a = make("The _____ controlled trade in the Baltic Sea.", fact_key="same", score=0.9)
    b = make("True or false: it did.", type="true_false", fact_key="same", score=0.8)
    c = make("Which sea?", fact_key="other", answer="Baltic Sea", score=0.7)
    kept = select([a, b, c], per_lesson=10)
    assert [k.question.fact_key for k in kept].count("same") == 1
    assert len(kept) == 2


def test_acronym_of_the_answer_in_the_prompt_gives_it_away(analyse):
    analysis, pool = analyse("The Domain Name System (DNS) translates names into addresses.")
    leaky = make(
        "The Domain Name System (_____) translates names into addresses.",
        type="single_choice",
        answer="DNS",
        choices=[("DNS", True), ("TCP", False)],
        source=analysis.sentences[0].text,
    )
    assert quality.answer_not_in_prompt(leaky, analysis, pool)


def test_a_judgement_or_a_loose_tie_is_asked_about_by_no_type():
    source = "To a certain extent, the Hanseatic League itself made a general theory impossible."
    hedged = make(
        "To a certain extent, the _____ itself made a general theory impossible.", source=source
    )
    assert "judgement" in " ".join(quality.violations(hedged))
    loose = make("The _____ is related to trade in the Baltic Sea.", source=SOURCE + " X")
    loose.question.source_sentence = "The Hanseatic League is related to trade in the Baltic Sea."
    assert quality.states_a_fact(loose)
    assert quality.states_a_fact(GOOD) is None


def test_a_prompt_with_words_standing_for_something_unsaid_is_not_kept():
    for prompt in (
        "The transport of substances across the membrane allows _____ to do so.",
        "The _____ is believed to have been the cause.",
        "The _____ preferred the latter.",
    ):
        assert quality.self_contained(make(prompt)), prompt
    named = make("The _____ was the cause of the Black Death.")
    assert quality.self_contained(named) is None  # "the cause of ..." says of what
    assert quality.self_contained(GOOD) is None


def test_he_or_she_with_nobody_named_before_is_not_kept():
    for prompt in (
        "To dry the _____ faster, he hung the nets on tall wooden racks.",
        "After the long winter, she sold the _____ to a trader from the coast.",
        "The merchants asked the _____ to pay him in silver.",
    ):
        assert quality.self_contained(make(prompt, answer="fishing nets")), prompt
    for prompt, answer in (
        ("Marta Vell dried the _____ faster after he left.", "fishing nets"),
        ("To dry the _____ faster, Marta Vell hung them where she could see them.", "nets"),
        ("_____ hung the nets on tall racks, and he sold them in spring.", "Marta Vell"),
        ("The _____ hung the nets on tall racks so that the wind dried them.", "fishing nets"),
    ):
        assert quality.self_contained(make(prompt, answer=answer)) is None, prompt


def test_a_condition_on_a_symbol_the_prompt_never_defines_is_not_kept():
    for prompt in (
        "If q is _____, then the jth score is the value in the qth position.",
        "When m is an even count, the _____ is the mean of the m scores.",
    ):
        assert quality.self_contained(make(prompt, answer="an integer")), prompt
    for prompt in (
        "If m is even, the _____ is the mean of the two middle scores, where m is the count.",
        "The symbol t2 is the spread; the _____ t is its square root.",
        "If a _____ is even, the tally is split in two.",
        "When m is an even count, the _____ is the mean of the two middle scores.",
    ):
        assert quality.self_contained(make(prompt, answer="an integer")) is None, prompt


def test_an_unexpanded_abbreviation_said_to_do_more_leans_on_the_text_before():
    for prompt in (
        "HTA also plays a role in the binding of _____ to the host.",
        "The GLC also sets the rates of _____ in the city.",
        "Hanse history: GLC also sets the rates of _____ in the city.",
    ):
        assert quality.self_contained(make(prompt)), prompt
    expanded = make("GLC (GLC) also sets the rates of _____.")
    assert quality.self_contained(expanded) is None
    assert quality.self_contained(make("The GLC sets the rates of _____ in the city.")) is None
    assert quality.self_contained(make("Tolls also paid for _____ in the city.")) is None


def test_a_year_question_on_a_number_of_unnamed_things_is_not_kept():
    for prompt in (
        "In which year were over 4,000,000 metric tons shipped?",
        "In which year did the guild propose two names?",
    ):
        assert quality.self_contained(make(prompt, type="numerical")), prompt
    for prompt in (
        "In which year did a conjunction of three comets take place?",
        "In which year were 4,000 tons of grain shipped?",
        "Over 4,000 tons were shipped in _____.",
    ):
        assert quality.self_contained(make(prompt, type="numerical")) is None, prompt


def test_a_phrase_or_term_the_prompt_never_quotes_is_not_kept():
    for prompt in (
        "In which year was the phrase used?",
        "The term was used in _____ by a Flemish monk.",
    ):
        assert quality.names_what_it_means(make(prompt)), prompt
    for prompt in (
        'The phrase "free trade" was used in _____ by a Flemish monk.',
        "What is the term for a ship that carries grain?",
        "The term Hanse was used in _____ by a Flemish monk.",
    ):
        assert quality.names_what_it_means(make(prompt)) is None, prompt


def test_a_true_false_comparison_without_its_other_term_is_not_kept():
    for prompt in (
        "True or false: A sonnet is a more compact form of verse.",
        "True or false: Some guilds kept even less formal records of trade.",
    ):
        assert quality.comparison_complete(make(prompt, type="true_false")), prompt
    for prompt in (
        "True or false: A sonnet is a more compact form than an ode.",
        "True or false: As a town grows, it becomes less safe.",
        "True or false: Most of the more commonly sold wares were taxed.",
    ):
        assert quality.comparison_complete(make(prompt, type="true_false")) is None, prompt
    cloze = make("A sonnet is a more compact form of _____.")
    assert quality.comparison_complete(cloze) is None


def test_a_the_x_y_subject_introduced_just_before_is_not_kept(analyse):
    # "The price points" are the points of a chart the sentence before spoke of.
    joined = "The price points are joined using thin copper arrows."
    analysis, pool = analyse(
        "Traders in the old port kept a wall chart of the season's trade. "
        "On that chart the vertical axis consists of price points. " + joined
    )
    clozes = _clozes(analysis, pool)
    assert quality.self_contained(clozes["thin copper arrows"], analysis, pool)
    analysis, pool = analyse(
        "Traders in the old port kept a wall chart of the season's trade. "
        "Its clerks were paid in salt and cloth. " + joined
    )
    clozes = _clozes(analysis, pool)
    assert quality.self_contained(clozes["thin copper arrows"], analysis, pool) is None


def test_a_prompt_that_spells_out_its_answer_is_rejected():
    # The answer's parts, or the same word inflected, stand in the prompt around the blank.
    rebus = make("Two gates and a head is a rebus for _____.", answer="Gateshead")
    assert quality.answer_not_in_prompt(rebus)
    inflected = make(
        "Within 60 years of the _____, presses were invented all over.", answer="invention"
    )
    assert quality.answer_not_in_prompt(inflected)
    # A shared first few letters is chance: "organic" gives nothing of "organelles" away.
    chance = make("Ions and organic molecules float between the _____.", answer="organelles")
    assert quality.answer_not_in_prompt(chance) is None


def test_a_number_from_a_made_up_example_is_rejected():
    def number(prompt):
        c = make(prompt, answer="7", accepted=["7"])
        c.answer_kind = "NUMBER"
        return c

    assert quality.real_quantity(
        number("Suppose that Rosa and Binh shop at a supermarket. Rosa waits for _____ minutes.")
    )
    assert quality.real_quantity(number("For example, a class has _____ students."))
    assert quality.real_quantity(number("The Black Death killed _____ million Europeans.")) is None


def test_a_number_from_a_table_of_data_in_prose_is_rejected():
    c = make(
        "Fourteen people sell three cars; _____ sell four cars; twelve sell five cars.",
        answer="nineteen",
        accepted=["nineteen"],
    )
    c.answer_kind = "NUMBER"
    assert quality.real_quantity(c)
    c.question.prompt = "About _____ people died of the plague in 1348."
    assert quality.real_quantity(c) is None


def test_a_number_the_words_around_it_label_pair_or_list_is_rejected():
    def number(prompt, type="numerical"):
        c = make(prompt, type=type, answer="3", accepted=["3"])
        c.answer_kind = "NUMBER"
        return c

    # one of a list of figures; a label; a rough figure beside its alternative
    assert quality.real_quantity(
        number("In the second calculation, the counts are _____, 2, 1, and 5.")
    )
    assert quality.real_quantity(number("No. _____ is a petition sent to the Congress by tribes."))
    assert quality.real_quantity(number("Within _____ or 60 years, the canon had been reprinted."))
    # a worked example's result: a bare figure of a subject that names nothing
    assert quality.real_quantity(number("The median or second quartile is _____."))
    assert quality.real_quantity(number("The median age of the crew was _____.")) is None
    # a bound: among four figures, the smaller ones are as true
    bound = "Research on more than _____ species showed that leaf anatomy matters."
    assert quality.real_quantity(number(bound, type="single_choice"))
    assert quality.real_quantity(number(bound)) is None
    minimum = "Stainless steels contain a minimum of _____% chromium to resist corrosion."
    assert quality.real_quantity(number(minimum, type="single_choice"))
    up_to = "Light microscopes magnify up to approximately _____ times."
    assert quality.real_quantity(number(up_to, type="single_choice"))
    assert quality.real_quantity(number("Eukaryotic cells range from _____ to 100 μm.")) is None


def test_a_blank_holding_a_noun_and_its_verb_is_rejected():
    clause = make("As the _____, it leaves the cell wall unsupported.", answer="vacuole shrinks")
    clause.answer_kind, clause.answer_pos = "CONCEPT", ("NOUN", "VERB")
    assert quality.blank_is_content_term(clause)
    term = make("The _____ stores water in plant cells.", answer="central vacuole")
    term.answer_kind, term.answer_pos = "CONCEPT", ("ADJ", "NOUN")
    assert quality.blank_is_content_term(term) is None


def test_a_blank_on_the_word_the_whole_course_is_about_is_rejected(analyse):
    _analysis, pool = analyse(
        "Mercantilism was a national economic policy. Spain benefited from mercantilism early.",
        "Mercantilism promoted exports. England adopted mercantilist trade laws.",
        "Critics of mercantilism included Adam Smith and David Hume.",
    )
    topic = make("Spain benefited from _____ early.", answer="mercantilism")
    topic.answer_kind = "CONCEPT"
    assert quality.target_worth_asking(topic, pool=pool)
    other = make("Spain benefited from _____ early.", answer="colonialism")
    other.answer_kind = "CONCEPT"
    assert quality.target_worth_asking(other, pool=pool) is None


def test_a_choice_question_on_a_concept_scores_below_the_cut_off():
    def choice(kind, answer):
        c = make(
            "The _____ controlled trade in the Baltic Sea.",
            type="single_choice",
            answer=answer,
            choices=[(answer, True), ("Delian League", False)],
        )
        c.question.generator = "multiple_choice"
        c.answer_kind = kind
        c.features = {"importance": 1.0, "keyness": 1.0}
        return c

    assert quality.score(choice("CONCEPT", "trade league")) < 0.5
    assert quality.score(choice("ORG", "Hanseatic League")) >= 0.5


def test_a_statement_turned_to_its_opposite_is_not_scored_as_a_blank_on_its_subject():
    def statement(subject, **features):
        c = make(
            f"True or false: The {subject} built up silver reserves through a negative balance "
            "of trade.",
            type="true_false",
            answer=subject,
            choices=[("True", False), ("False", True)],
        )
        c.question.generator = "true_false"
        c.answer_kind = "CONCEPT"
        c.distractors = ["negative"]
        c.features = {"importance": 0.7, "keyness": 0.4, **features}
        return c

    # The lone-noun discount is for blanks: the turned statement asks "negative", not "guilds".
    assert quality.raw_score(statement("guilds", flipped=1.0)) == quality.raw_score(
        statement("merchant guilds", flipped=1.0)
    )
    assert quality.raw_score(statement("guilds")) < quality.raw_score(statement("merchant guilds"))


def test_a_blank_the_text_names_another_way_is_rejected():
    glossed = make("Embedded in the stroma are stacks of _____ (grana).", answer="thylakoids")
    assert quality.one_fill(glossed)
    apposed = make(
        "In muscle cells, a specialized _____, the sarcoplasmic reticulum, stores calcium.",
        answer="smooth endoplasmic reticulum",
    )
    apposed.answer_kind = "CONCEPT"
    assert quality.one_fill(apposed)
    described = make(
        "In 1350, Simon de Covino or _____, a Belgian astronomer, wrote.", answer="Couvin"
    )
    described.answer_kind = "PERSON"
    assert quality.one_fill(described) is None
    dated = make("In 1745, _____ (1713–1781) published a report.", answer="John Needham")
    assert quality.one_fill(dated) is None
    assert quality.one_fill(GOOD) is None


def test_a_prompt_pointing_at_a_count_a_figure_or_an_earlier_thing_is_not_kept():
    for prompt in (
        "True or false: The most direct of the three is the production approach.",
        "No. 2 is a petition sent to the _____ by a group of tribes.",
        "As Figure 3 shows, the _____ controlled trade.",
        "Similar signs are used in the well-known _____ guides.",
        "A further outbreak in _____ was reported in November 2014.",
        "Another method was adopted by the _____.",
    ):
        assert quality.self_contained(make(prompt)), prompt
    assert quality.self_contained(make("The three _____ ports controlled trade.")) is None
    assert quality.self_contained(make("Further north, the _____ controlled trade.")) is None
    given = make("Similar signs are used in the _____ guides.", context_given=True)
    assert quality.self_contained(given) is None


def test_a_blank_glossed_by_or_or_by_an_apposition_is_rejected():
    glossed = make("The most common measure of _____, or spread, is the standard deviation.")
    assert quality.one_fill(glossed)
    apposed = make(
        "In muscle cells, a specialized _____, the sarcoplasmic reticulum, stores calcium.",
        answer="SER",
    )  # an acronym the tagger takes for an organisation is still a thing with other names
    assert quality.one_fill(apposed)
    assert quality.one_fill(make("The _____ or the Crown ruled the Baltic Sea.")) is None


def test_a_blank_the_next_words_give_a_name_is_rejected():
    kind = make(
        "When the roots are flooded, they release _____, which we call swamp ether.",
        answer="a gas",
    )
    assert quality.one_fill(kind)
    assert quality.one_fill(make("Glaciers carve _____ called cirques.", answer="hollows"))
    named = make("When the roots are flooded, they release a gas, which we call _____.")
    assert quality.one_fill(named) is None


def test_a_statement_may_end_inside_the_quotes_of_a_term():
    quoted = make("Such glass sheets are often called “_____.”", answer="panes")
    assert quality.prompt_grammatical(quoted) is None
    assert quality.prompt_grammatical(make("Such glass sheets are often called “_____”"))


def test_a_blank_joined_to_a_word_by_a_dash_is_rejected():
    assert quality.prompt_grammatical(make("Pairs of _____–hole carriers form.", answer="electron"))
    assert quality.prompt_grammatical(make("A _____ — the League — ruled.")) is None


def test_an_answer_misspelled_in_the_source_is_rejected(analyse):
    analysis, pool = analyse(
        "Hypoeutectoid steel does not benefit from heat treatment. No large inclusions of "
        "cementite will form in hypoeuctoid steel."
    )
    typo = make("No large inclusions of cementite will form in _____.", answer="hypoeuctoid steel")
    assert quality.answer_spelled_right(typo, analysis, pool)
    right = make("_____ does not benefit from heat treatment.", answer="Hypoeutectoid steel")
    assert quality.answer_spelled_right(right, analysis, pool) is None
    rare = make("_____ does not benefit from heat treatment.", answer="pearlitic steel")
    assert quality.answer_spelled_right(rare, analysis, pool) is None


def test_a_prompt_prefixed_with_the_lesson_heading_scores_below_the_cut_off():
    c = make("Charge carriers: Because the electrons behave like a gas, _____ is simple.")
    c.features = {"importance": 1.0, "keyness": 1.0, "title_prefix": 1.0}
    assert quality.score(c) < 0.5
    c.features["title_prefix"] = 0.0
    assert quality.score(c) >= 0.5


def test_a_thing_named_by_its_kind_only_is_not_kept(analyse):
    for prompt in (
        "Due to climate change in _____, rodents fled, spreading the disease.",
        "In which year was the mechanism established?",
        "Scholars call _____ the agent of the pandemic.",
        "In which year did Europe's last major epidemic occur?",
    ):
        assert quality.names_what_it_means(make(prompt)), prompt
    pinned = make("The _____ is the disease of the lungs that killed most.")
    assert quality.names_what_it_means(pinned) is None  # "of the lungs" says which
    _analysis, pool = analyse(
        "The plague reached Europe in 1347. The plague killed millions.",
        "The plague returned often. Rats carried the plague.",
        "Doctors could not treat the plague.",
    )
    said = make("The plague spread to _____, and the disease killed half of its people.")
    assert quality.names_what_it_means(said, pool=pool) is None  # the course's topic is named
    assert quality.names_what_it_means(
        make("Rodents fled _____, spreading the disease."), pool=pool
    )


def test_a_sentence_about_the_text_or_from_a_footnote_is_not_asked_about():
    meta = make(
        "Whenever _____ are discussed, they will be tied to metric units.",
        answer="imperial units",
        source="Whenever imperial units are discussed, they will be tied to metric units.",
    )
    assert quality.about_the_subject(meta)
    ahead = make(
        "In the next chapter we will see how _____ fold.",
        answer="enzymes",
        source="In the next chapter we will see how enzymes fold.",
    )
    assert quality.about_the_subject(ahead)
    fact = make(
        "The _____ was discussed by chemists in 1890.",
        answer="enzyme",
        source="The enzyme was discussed by chemists in 1890.",
    )
    assert quality.about_the_subject(fact) is None

    text = (
        "Beer was brewed in Sumer.\n\n"
        ".. [#fn1] The writer's friend thinks that this is only partly true.\n"
        "    The Sumerians drank it through long straws."
    )
    lesson = SimpleNamespace(lesson=SimpleNamespace(text=text))
    footnote = make("The _____ drank it through long straws.", answer="Sumerians")
    footnote.question.source_start = text.index("The Sumerians")
    assert quality.about_the_subject(footnote, lesson)
    body = make("Beer was brewed in _____.", answer="Sumer")
    assert quality.about_the_subject(body, lesson) is None


def test_an_apostrophe_after_the_blank_that_tells_the_last_letter_is_rejected():
    bare = make("_____' theorem relates the sides of a right triangle.", answer="Pythagoras")
    assert quality.slot_neutral(bare)
    full = make("_____'s theorem relates the sides of a right triangle.", answer="Pythagoras")
    assert quality.slot_neutral(full) is None


def test_a_phrase_answer_whose_modifier_the_prompt_writes_is_rejected():
    # The prompt holds the answer's own phrase with one word less.
    echoed = make(
        "Whenever _____ are discussed, they are tied to metric units.", answer="non-metric units"
    )
    assert quality.modifier_in_prompt(echoed)
    # Choices differ by their modifiers: the prompt's "alloyed" picks "low alloy steel".
    choice = make(
        "_____ is alloyed with nickel to harden thick sections.",
        type="single_choice",
        answer="low alloy steel",
        choices=[("low alloy steel", True), ("stainless steel", False), ("tool steel", False)],
    )
    assert quality.modifier_in_prompt(choice)
    # A cloze whose head the prompt does not give still asks for it.
    head_recalled = make(
        "Heat from thermoelectric generators is used in _____.", answer="thermoelectric coolers"
    )
    assert quality.modifier_in_prompt(head_recalled) is None


def test_a_cloze_whose_head_is_the_course_subject_and_modifier_is_in_the_prompt(analyse):
    # In a course on glass, "kiln glass" with "in a kiln" around the blank asks for nothing:
    # "glass" is every learner's first guess, and the prompt writes "kiln".
    analysis, pool = analyse(
        "Kiln glass is made by slowly heating sand and ash in a kiln for days.",
        "Glass was blown in Syria. Glass beads were traded widely.",
        "Venetian glass makers worked on Murano. Glass windows spread in churches.",
    )
    echoed = make("_____ is made by slowly heating sand and ash in a kiln.", answer="kiln glass")
    assert quality.modifier_in_prompt(echoed, analysis, pool)
    # Outside the course's subject, the head is still there to recall.
    other = make("_____ is made by slowly heating sand and ash in a kiln.", answer="kiln brick")
    assert quality.modifier_in_prompt(other, analysis, pool) is None


def test_a_year_blank_sits_where_a_year_reads(analyse):
    analysis, pool = analyse(
        "Weavers of Ghent were honoured as a Citation Classic by the ISI 1986 for their cloth. "
        "Johannes Gutenberg began his work on the press in approximately 1440 in Mainz."
    )
    verdicts = {
        c.answer: quality.year_slot_reads(c, analysis, pool)
        for c in candidates_for(analysis, pool)
        if c.answer_kind == "YEAR" and "_____" in c.question.prompt
    }
    assert verdicts["1986"]  # straight after a name: the year lost its "in"
    assert verdicts["1440"] is None


def test_a_year_blank_beside_the_year_before_it_is_given_away():
    def year(prompt, answer):
        c = make(prompt, answer=answer)
        c.answer_kind = "YEAR"
        return quality.year_slot_reads(c)

    assert year("Maxwell linked light and magnetism in papers of 1861 and _____.", "1862")
    assert year("The canal was dug between _____ and 1869 by the company.", "1868")
    # Years apart are a fact to recall.
    assert year("The war lasted from 1914 to _____ across the continent.", "1918") is None


def test_a_month_before_a_pronoun_names_no_one():
    c = make("In June _____ he flew a kite in a storm to draw electricity from it.", answer="1752")
    c.answer_kind = "YEAR"
    assert quality.self_contained(c)


def _from_sentence(text, start, *, type="cloze", answer="printing press", fact_key, score=0.8):
    blanked = text.replace(answer, "_____")
    prompt = f"True or false: {text}" if type == "true_false" else blanked
    choices = [("True", True), ("False", False)] if type == "true_false" else ()
    c = make(prompt, type=type, answer=answer, choices=choices, source=text, statement=text)
    c.question.fact_key, c.question.score = fact_key, score
    c.question.source_start, c.question.source_end = start, start + len(text)
    return c


def test_a_true_statement_does_not_use_up_its_key_term_for_the_lesson():
    """Two clozes already ask for "printing press" (MAX_PER_ANSWER); a true statement about a
    third sentence naming it asks about its whole sentence, not about the printing press."""
    sentences = [
        "The printing press was an important step towards the democratization of knowledge.",
        "Because of the printing press, authorship became more meaningful and profitable.",
        "The printing press was criticized for spreading information that was incorrect.",
    ]
    starts = [0, 100, 200]
    clozes = [
        _from_sentence(s, at, fact_key=f"c{i}", score=0.9)
        for i, (s, at) in enumerate(zip(sentences[:2], starts, strict=False))
    ]
    true = _from_sentence(sentences[2], starts[2], type="true_false", fact_key="t", score=0.7)
    kept = select([*clozes, true], per_lesson=10)
    assert true in kept and len(kept) == 3


def test_a_true_statement_saying_what_another_question_says_is_the_same_fact():
    said = "The printing press spread knowledge quickly across the towns of Europe."
    again = "The printing press spread knowledge quickly across the towns of Europe at once."
    cloze = _from_sentence(said, 0, fact_key="c", score=0.9)
    true = _from_sentence(again, 100, type="true_false", fact_key="t", score=0.7)
    assert select([cloze, true], per_lesson=10) == [cloze]


def test_a_cloze_on_an_everyday_phrase_written_once_scores_below_the_cut_off():
    def cloze(answer, **features):
        c = make("The gardener painted the _____ by the gate.", answer=answer)
        c.answer_kind = "CONCEPT"
        c.features = {"importance": 0.6, "keyness": 0.5, "uses": 1, "lessons_using": 1}
        c.features.update(features)
        return c

    described = cloze("green garden chair")
    assert quality.phrase_written_once(described)
    assert not quality.key_term(described)
    assert quality.raw_score(described) < quality.calibration.RAW_CUT
    # Written again, or defined, the phrase is the lesson's own term.
    term = cloze("green garden chair", uses=3)
    assert quality.key_term(term)
    assert quality.raw_score(term) >= quality.calibration.RAW_CUT
    assert quality.key_term(cloze("green garden chair", defined=1.0))
    # A kind of a phrase the lesson writes elsewhere is written once no more, but the added
    # word alone is no key term unless the lesson names other kinds of it.
    kind = cloze("green garden chair", tail_uses=3)
    assert not quality.phrase_written_once(kind)
    assert not quality.key_term(kind)
    assert quality.key_term(cloze("green garden chair", tail_uses=3, other_kinds=1))
    # One word: the rules on lone common nouns judge it.
    assert not quality.phrase_written_once(cloze("chair"))
    assert quality.key_term(cloze("chair"))


def test_an_end_of_a_range_is_not_asked_beside_the_quantity_the_sentence_states(analyse):
    analysis, pool = analyse(
        "Between 1990 and 1995, wool exports from Flanders rose by 40 percent. "
        "The guild hall of Bruges stood from 1240 to 1280 beside the market."
    )
    measured, framed = analysis.sentences[0].text, analysis.sentences[1].text

    def year(prompt, answer, source):
        c = make(prompt, type="numerical", answer=answer, accepted=[answer], source=source)
        c.answer_kind = "YEAR"
        return quality.asks_the_quantity(c, analysis, pool)

    assert year(
        "Between _____ and 1995, wool exports from Flanders rose by 40 percent.", "1990", measured
    )
    assert year(
        "Between 1990 and _____, wool exports from Flanders rose by 40 percent.", "1995", measured
    )
    # No quantity beside the range: the period is the point.
    assert (
        year("The guild hall of Bruges stood from _____ to 1280 beside the market.", "1240", framed)
        is None
    )


def test_a_plural_ending_split_off_by_markup_is_debris():
    from quizzes.generation import audit

    split = make("Prokaryotic ribosomes are called 70S ribosome s because of their _____.")
    assert "split word" in audit.debris(split.question)
    assert "split word" not in audit.debris(GOOD.question)
    whole = make("The ribosomes' size is given in _____ units.")
    assert "split word" not in audit.debris(whole.question)


def test_a_run_in_heading_in_capitals_before_the_sentence_is_debris():
    run_in = make("DEMAND CURVE SHIFTS: When prices rise, the _____ demanded falls.")
    assert quality.no_run_in_heading(run_in)
    topic = make("Supply Chains: DEMAND SHIFTS: the _____ controlled trade.")
    assert quality.no_run_in_heading(topic)
    named = make("True or false: NATO: the alliance formed in 1949.", type="true_false")
    assert quality.no_run_in_heading(named)
    assert quality.no_run_in_heading(GOOD) is None
    acronym = make("The _____ joined NATO in 1952.")
    assert quality.no_run_in_heading(acronym) is None
    titled = make("Stem-and-Leaf Graphs: The _____ is the last digit.")
    assert quality.no_run_in_heading(titled) is None


def test_a_cloze_on_a_rare_worded_phrase_written_once_scores_below_the_cut_off():
    def cloze(answer, **features):
        c = make("The pilgrims followed the _____ to the chapel.", answer=answer)
        c.answer_kind = "CONCEPT"
        c.features = {"importance": 0.8, "keyness": 0.7, "uses": 1, "lessons_using": 1}
        c.features.update(features)
        return c

    # A rare word does not make a phrase met once a term of art.
    once = cloze("wayside shrines")
    assert not quality.key_term(once)
    assert quality.raw_score(once) < quality.calibration.RAW_CUT
    # Written again, defined, or used by another lesson: the course's own term.
    for rescued in (
        cloze("wayside shrines", uses=2),
        cloze("wayside shrines", defined=1.0),
        cloze("wayside shrines", lessons_using=3),
    ):
        assert quality.key_term(rescued)
        assert quality.raw_score(rescued) >= quality.calibration.RAW_CUT
    # One rare word, or a name no reader knows without the lesson: other rules judge them.
    assert quality.key_term(cloze("shrines"))
    named = cloze("Wayside Abbey")
    named.answer_kind = "ORG"
    assert quality.key_term(named)


def _clozes(analysis, pool):
    return {
        c.answer: c
        for c in candidates_for(analysis, pool)
        if c.question.type == "cloze" and "_____" in c.question.prompt
    }


def test_a_blank_joined_by_a_bare_or_to_another_noun_is_rejected(analyse):
    # "a vacuum or _____": the other noun is the blank's second name or its pair, and fills it
    # or gives it away; "the X or the Y" names two real alternatives.
    analysis, pool = analyse(
        "Magnetic traps in the reactor can hold a proton or neutron until the pulse ends. "
        "Inside each reactor vessel lies a vacuum or plenum. "
        # Far enough apart that "the neutron" no longer points back at "a proton or neutron".
        "Engineers test every vessel for leaks each spring. "
        "Cooling water flows through copper pipes around each vessel. "
        "The reactor walls absorb the neutron or the proton after each magnetic pulse."
    )
    clozes = {
        c.question.prompt: c for c in candidates_for(analysis, pool) if c.question.type == "cloze"
    }
    paired = clozes["Magnetic traps in the reactor can hold _____ or neutron until the pulse ends."]
    assert quality.one_fill(paired, analysis, pool)
    glossed = clozes["Inside each reactor vessel lies a vacuum or _____."]
    assert quality.one_fill(glossed, analysis, pool)
    apart = clozes["The reactor walls absorb the _____ or the proton after each magnetic pulse."]
    assert quality.one_fill(apart, analysis, pool) is None


def test_a_blank_among_a_list_of_examples_is_rejected(analyse):
    listed = make("Desert plants, such as many _____ and yucca species, store water.")
    assert quality.one_fill(listed)
    assert quality.one_fill(make("Cells of some algae (e.g., kelps, _____, diatoms) are brown."))
    # The blank follows an example, but is no item of the list.
    analysis, pool = analyse(
        "Horace describes Roman swords such as the gladius in Hispania, while bronze was used "
        "by the Gauls."
    )
    assert quality.one_fill(_clozes(analysis, pool)["Hispania"], analysis, pool) is None


def test_a_blank_that_is_the_one_example_of_a_kind_is_rejected(analyse):
    # Any other member of the kind fills "such as _____" as well.
    for prompt in (
        "Soil fungi such as _____ break down dead leaves in spring.",
        "Some metals, including _____, rust in damp air.",
        "Many river fish (e.g., _____) spawn upstream.",
    ):
        assert quality.one_fill(make(prompt)), prompt
    # A choice question may stay: its wrong options need not be of the kind.
    choices = [("Hanseatic League", True), ("Warsaw Pact", False)]
    chosen = make("Leagues such as the _____ ruled.", type="single_choice", choices=choices)
    assert quality.one_fill(chosen) is None
    analysis, pool = analyse(
        "Critics like Hume, Defoe and Locke attacked the tariff system of the crown. "
        "Workshops made delicate devices such as Geiger counters for the mines. "
        "Bronze bells in the hall are like tin drums in the square."
    )
    clozes = _clozes(analysis, pool)
    assert quality.one_fill(clozes["Locke"], analysis, pool)  # any other critic fills it
    # "such as _____ counters": the blank is a word of the example, which names it.
    assert quality.one_fill(clozes["Geiger"], analysis, pool) is None
    # A likeness between two things is no example of a kind.
    assert quality.one_fill(clozes["tin drums"], analysis, pool) is None


def test_a_blank_the_lesson_gives_another_unaccepted_name_is_rejected():
    lesson = SimpleNamespace(
        lesson=SimpleNamespace(
            text="Potters add some flux, or fondant, to the clay. Flux lowers the melting point."
        ),
        sentences=[],
    )
    blank = make("Adding _____ lowers the melting point.", answer="flux")
    assert quality.one_fill(blank, lesson)
    both = make(
        "Adding _____ lowers the melting point.", answer="flux", accepted=["flux", "fondant"]
    )
    assert quality.one_fill(both, lesson) is None
    plain = SimpleNamespace(lesson=SimpleNamespace(text="Potters add flux."), sentences=[])
    assert quality.one_fill(blank, plain) is None


def test_a_name_the_lesson_gives_with_the_blanks_next_word_fills_it_too():
    text = "Cooled slowly, the FCB lattice called gamma glass forms. Gamma glass holds tin."
    lesson = SimpleNamespace(lesson=SimpleNamespace(text=text), sentences=[])
    blank = make("Tin dissolves in _____ glass called stannite.", answer="FCB")
    assert quality.one_fill(blank, lesson)
    both = make("Tin dissolves in _____ glass.", answer="FCB", accepted=["FCB", "gamma"])
    assert quality.one_fill(both, lesson) is None
    other_word = make("Tin dissolves in the _____ lattice.", answer="FCB")
    assert quality.one_fill(other_word, lesson) is None


def test_a_quantified_blank_is_rejected():
    # What holds of some cyanobacteria holds of some bacteria, some cells: more than one fill.
    assert quality.one_fill(make("Some _____ also possess carboxysomes that store enzymes."))
    assert quality.one_fill(make("In a dot plot, all _____ of a class are shown."))
    # "different _____" sets only that there are several of a kind, any kind.
    assert quality.one_fill(make("Organelles allow different _____ to be kept apart in a cell."))
    # "each" picks out single things; a term's name is still the one fill.
    assert quality.one_fill(make("Each _____ is a cylinder of nine triplets of tubules.")) is None


def test_a_blank_likened_to_another_thing_is_rejected():
    # Whatever else shares the likened property fills the blank as well.
    assert quality.one_fill(make("Like reptiles, _____ lay eggs with hard shells."))
    assert quality.one_fill(make("Like _____, birds lay eggs with hard shells."))
    shared = make("Like a moth, a butterfly has _____, antennae, and compound eyes.")
    assert quality.one_fill(shared)
    middle = make("Like a moth, a butterfly has wings, _____, and compound eyes.")
    assert quality.one_fill(middle)
    assert quality.one_fill(make("Unlike reptiles, _____ keep a constant body heat.")) is None


def test_a_prompt_writing_the_first_and_last_parts_of_the_answer_gives_it_away():
    riddle = make("In the puzzle, a cat, a fish and a log stand for _____.", answer="catalog")
    assert quality.answer_not_in_prompt(riddle)
    # One part alone is chance.
    alone = make("The log of the voyage was kept by the _____.", answer="catalog")
    assert quality.answer_not_in_prompt(alone) is None


def test_a_word_made_of_the_answers_name_gives_it_away():
    keynes = make(
        "_____ set forward the ideas that became the basis for Keynesian economics.",
        answer="John Maynard Keynes",
    )
    assert quality.answer_not_in_prompt(keynes)
    # "presses" is no word made of the "Platen Printing Press": a name's common noun.
    platen = make(
        "The presses ran faster: a model by _____ made 3,000 impressions per hour.",
        answer="Platen Printing Press",
    )
    assert quality.answer_not_in_prompt(platen) is None


def test_a_latin_adjective_of_the_answer_gives_it_away():
    # Held-out readers: "Activity on the _____'s surface, such as solar flares" asks for "Sun".
    sun = make(
        "Activity on the _____'s surface, such as solar flares, disturbs space.", answer="Sun"
    )
    assert quality.answer_not_in_prompt(sun)
    plain = make("Activity on the _____'s surface, such as flares, disturbs space.", answer="Sun")
    assert quality.answer_not_in_prompt(plain) is None


def test_a_blank_describing_the_named_subject_is_rejected(analyse):
    # "A ganglion is _____ of neurons": "a cluster", "a group", "a mass" describe it as well;
    # a blank closing the sentence names the term the rest describes.
    analysis, pool = analyse(
        "A ganglion is a dense cluster of neurons outside the brain. "
        "Dendrites are the branched projections of a neuron. "
        "The most common measure of loudness is the decibel scale."
    )
    clozes = _clozes(analysis, pool)
    assert quality.one_fill(clozes["dense cluster"], analysis, pool)
    assert quality.one_fill(clozes["branched projections"], analysis, pool)
    assert quality.one_fill(clozes["decibel scale"], analysis, pool) is None


def _subject_clozes(analysis, pool):
    return {
        c.question.prompt: c
        for c in candidates_for(analysis, pool)
        if c.question.type == "cloze" and c.question.prompt.startswith("The _____")
    }


def test_a_subject_blank_the_sentence_says_also_does_it_is_rejected(analyse):
    # "The east mill also grinds barley": the west mill does too, and fills the blank as well.
    text = (
        "The west mill grinds barley for the village bakers. "
        "The east mill {}grinds barley for the brewers."
    )
    analysis, pool = analyse(text.format("also "))
    also = _subject_clozes(analysis, pool)["The _____ grinds barley for the brewers."]
    assert quality.one_fill(also, analysis, pool)
    analysis, pool = analyse(text.format(""))
    alone = _subject_clozes(analysis, pool)["The _____ grinds barley for the brewers."]
    assert quality.one_fill(alone, analysis, pool) is None


def test_a_number_the_words_before_its_brackets_state_is_rejected():
    restated = make("Three-quarters (_____%) of the herd was grazing.", answer="75")
    restated.answer_kind = "NUMBER"
    assert quality.real_quantity(restated)
    measured = make("Mild steel holds little carbon (_____%) and bends.", answer="0.2")
    measured.answer_kind = "NUMBER"
    assert quality.real_quantity(measured) is None
    # An "or" restates it the same way.
    glossed = make("Half the herd, or the middle _____% of it, was grazing.", answer="50")
    glossed.answer_kind = "NUMBER"
    assert quality.real_quantity(glossed)
    counted = make("About _____ cows, or most of the herd, were grazing.", answer="40")
    counted.answer_kind = "NUMBER"
    assert quality.real_quantity(counted) is None


def test_a_sentence_on_how_a_thing_might_seem_is_rejected():
    # An introduction's framing ("might seem far from our lives") is no fact of the subject.
    seeming = make(
        "The rings of _____ might seem far removed from daily life.",
        answer="Saturn",
        source="The rings of Saturn might seem far removed from daily life.",
    )
    assert quality.states_a_fact(seeming)
    plain = make(
        "The rings of _____ are made of ice.",
        answer="Saturn",
        source="The rings of Saturn are made of ice.",
    )
    assert quality.states_a_fact(plain) is None


def test_a_subject_filed_under_a_bare_kind_is_rejected(analyse):
    # "_____ are phototrophs, which means ...": other phototrophs fill it as truly; a kind the
    # rest restricts ("vascular plants that spread by spores") is the blank's own definition.
    analysis, pool = analyse(
        "Green mosses are phototrophs, which means that they make their food from light. "
        "Tree ferns are vascular plants that spread by spores instead of seeds."
    )
    clozes = _clozes(analysis, pool)
    assert quality.one_fill(clozes["Green mosses"], analysis, pool)
    assert quality.one_fill(clozes["Tree ferns"], analysis, pool) is None


def test_a_blank_whose_first_word_governs_the_next_noun_too_is_rejected(analyse):
    # "the harvest volume and price": "volume" alone fills "the _____ and price" as well.
    analysis, pool = analyse(
        "The harvest volume of a farm depends on the rainfall of the season. "
        "In a drought year, the harvest volume and price both change as a result of the shortage. "
        "Farmers track the harvest volume and the price of seed each spring."
    )
    found = [c for c in candidates_for(analysis, pool) if c.question.type == "cloze"]
    shared = next(c for c in found if "_____ and price" in c.question.prompt)
    assert quality.one_fill(shared, analysis, pool)
    apart = next(c for c in found if "_____ and the price" in c.question.prompt)
    assert quality.one_fill(apart, analysis, pool) is None


def test_a_place_whose_people_the_prompt_names_is_rejected(analyse):
    # "the British navy" gives away "Britain".
    analysis, pool = analyse(
        "During the 18th century, Britain relied on the British navy to guard its sea lanes. "
        "During the 18th century, Britain relied on a large navy to guard its sea lanes."
    )
    given, alone = [c for c in candidates_for(analysis, pool) if c.answer == "Britain"][:2]
    assert quality.one_fill(given, analysis, pool)
    assert quality.one_fill(alone, analysis, pool) is None


def test_a_blank_only_said_to_be_changed_is_rejected(analyse):
    # "The _____ of an alloy may be altered by heating": any property heating touches fills it.
    analysis, pool = analyse(
        "The magnetic strength of an alloy depends on its cobalt content. "
        "The magnetic strength of an alloy may easily be altered by heating it above a point."
    )
    found = [c for c in candidates_for(analysis, pool) if c.answer == "magnetic strength"]
    depends, altered = found[:2]
    assert quality.one_fill(altered, analysis, pool)
    assert quality.one_fill(depends, analysis, pool) is None


def test_a_sentence_grading_how_far_a_thing_was_taken_is_rejected():
    graded = "Sung epic was developed to its highest possibility by the court poets."
    assert quality.states_a_fact(make("_____ was developed.", answer="Sung epic", source=graded))
    plain = "Sung epic was developed by the court poets."
    assert quality.states_a_fact(make("_____ was.", answer="Sung epic", source=plain)) is None


def test_a_blank_an_embedded_question_asks_about_is_rejected(analyse):
    # "shows which _____ forms the outer layer": the noun after "which" is the kind asked about.
    analysis, pool = analyse(
        "The copper alloy of a coin resists wear. "
        "The mint mark shows which copper alloy forms the outer layer of the coin."
    )
    found = [c for c in candidates_for(analysis, pool) if c.answer == "copper alloy"]
    plain, asked = found[:2]
    assert quality.one_fill(asked, analysis, pool)
    assert quality.one_fill(plain, analysis, pool) is None


def test_a_blank_after_and_other_is_the_kind_the_grammar_gives():
    assert quality.one_fill(make("Potters sold jugs to Danes and other _____.", answer="Northmen"))
    assert quality.one_fill(make("Potters sold jugs to Danes and _____.", answer="Swedes")) is None


def test_a_blank_that_is_a_shell_noun_or_a_hedged_phrase_is_rejected(analyse):
    analysis, pool = analyse(
        "The chemical capacity to seal clay evolved once, in the tin glazes of the coastal towns. "
        "The tin in typical bronze alloys makes up a tenth of their weight. "
        "The bronze alloys of the coastal towns hold more tin than those inland. "
        "Glaze firing led to a huge increase of pottery activities across the coast. "
        "Pottery activities spread along the coast by ship."
    )
    clozes = [c for c in candidates_for(analysis, pool) if c.question.type == "cloze"]
    answers = {c.answer: c for c in clozes}
    for shell in ("chemical capacity", "typical bronze alloys", "pottery activities"):
        assert quality.one_fill(answers[shell], analysis, pool), shell
    assert quality.one_fill(answers["tin glazes"], analysis, pool) is None


def test_a_blank_after_per_completes_a_set_phrase():
    per, each = (
        make("Bread eaten per _____ rose in the town.", answer="capita"),
        make("Bread eaten by each _____ rose.", answer="townsman"),
    )
    per.answer_kind = each.answer_kind = "CONCEPT"
    assert quality.one_fill(per)
    assert quality.one_fill(each) is None


def test_a_blank_after_types_of_is_a_category_other_names_fill():
    kinds = make("Of the three types of _____ in a kiln, ash glaze is the oldest.", answer="glaze")
    kinds.answer_kind = "CONCEPT"
    assert quality.one_fill(kinds)
    named = make("Of the three glazes of _____, ash glaze is the oldest.", answer="Delft")
    named.answer_kind = "CONCEPT"
    assert quality.one_fill(named) is None


def test_a_blank_paired_with_a_modifier_of_its_own_noun_is_given_away(analyse):
    def supply_cloze(second: str):
        analysis, pool = analyse(f"The demand curve of bread falls as its price rises. {second}")
        found = [c for c in candidates_for(analysis, pool) if c.answer == "supply curves"]
        return quality.one_fill(found[0], analysis, pool)

    assert supply_cloze("Bakers draw individual demand and supply curves for every loaf.")
    assert supply_cloze("Bakers draw price tables and supply curves for every loaf.") is None


def test_a_cloze_is_approved_only_on_a_key_term():
    def cloze(prompt, answer, kind, **features):
        c = make(prompt, answer=answer)
        c.answer_kind = kind
        c.features = {"importance": 0.9, "keyness": 0.9, "uses": 1, "lessons_using": 1}
        c.features.update(features)
        return c

    def approved(c):
        return quality.raw_score(c) >= quality.calibration.RAW_CUT

    # A name anyone knows, which the lesson names in passing: general knowledge fills it, or a
    # place around it ("Europe" for "Western Europe").
    sun = cloze("The weavers' calendar followed the _____ and the moon.", "Sun", "LOC")
    west = cloze("By 1400, guild halls stood throughout _____.", "Western Europe", "LOC")
    for common in (sun, west):
        assert quality.common_name(common) and not quality.key_term(common)
        assert not approved(common)
    # A rare name, a common one the lesson keeps returning to, a full name of one thing.
    for key in (
        cloze("The weavers of _____ sold wool to Bruges.", "Kortrijk", "GPE"),
        cloze("The guilds of _____ sold wool to Bruges.", "France", "GPE", uses=4),
        cloze("The guild hall burned during the _____.", "Hundred Years War", "EVENT"),
    ):
        assert quality.key_term(key) and approved(key), key.answer
    # A phrase (not a name) written once in the whole course, whatever its words: the
    # lesson's term would be written again or defined.
    once = cloze("The weavers dyed the cloth in _____.", "stone tubs", "CONCEPT")
    rare_once = cloze("The weavers dyed the cloth with _____.", "madder roots", "CONCEPT")
    for phrase in (once, rare_once):
        assert not quality.key_term(phrase) and not approved(phrase), phrase.answer
    for rescued in (
        cloze("The weavers dyed the cloth in _____.", "stone tubs", "CONCEPT", uses=2),
        cloze("The weavers dyed the cloth in _____.", "stone tubs", "CONCEPT", defined=1.0),
        cloze("The weavers dyed the cloth in _____.", "stone tubs", "CONCEPT", lessons_using=2),
    ):
        assert quality.key_term(rescued) and approved(rescued)
    # Other types are not judged by it.
    choice = make(
        "Where did the guild halls stand?",
        type="single_choice",
        answer="Western Europe",
        choices=[("Western Europe", True), ("Persia", False)],
    )
    choice.answer_kind = "LOC"
    assert quality.key_term(choice)


def test_a_blank_after_grades_of_names_a_category_whatever_kind_of_term_it_is(analyse):
    # "grades of _____, such as tin bronze": "bronze" fills it as truly as the acronym.
    analysis, pool = analyse(
        "Founders cast Advanced Bell Bronze (ABB) for the largest church bells. "
        "There are several commercially available grades of ABB, such as tin bronze, "
        "which is cast in sand moulds."
    )
    grades = [c for c in candidates_for(analysis, pool) if "grades of _____" in c.question.prompt]
    assert grades  # the question is built, and turned away
    assert all(quality.violations(c, analysis, pool) for c in grades)


def test_a_blank_the_lesson_lists_among_examples_of_a_kind_takes_any_other_example(analyse):
    # The lesson's own list says physicians go where physical therapists go: with a pilot beside
    # the blank, the sentence is drawing on that list, and "physician" fills it as well.
    analysis, pool = analyse(
        "Professionals such as engineers, pilots, physicians, physical therapists, and "
        "electricians use physics concepts in their daily work. "
        "A pilot must understand how wind forces affect a flight path and a physical therapist "
        "must understand how the muscles in the body experience forces as they move and bend."
    )
    therapist = [
        c
        for c in candidates_for(analysis, pool)
        if c.answer == "physical therapist" and c.question.prompt.startswith("A pilot must")
    ]
    assert therapist
    assert all(
        any("one example of 'Professionals'" in v for v in quality.violations(c, analysis, pool))
        for c in therapist
    )


def test_a_listed_example_the_sentence_pins_down_alone_is_still_asked(analyse):
    # No other member of the list in the prompt: "other individuals with skin diseases" says
    # which of the groups it is.
    analysis, pool = analyse(
        "The persecuted included groups such as friars, foreigners, beggars, pilgrims and "
        "lepers. Lepers, and other individuals with skin diseases such as acne or psoriasis, "
        "were singled out and exterminated throughout Europe."
    )
    lepers = [c for c in candidates_for(analysis, pool) if c.question.prompt.startswith("_____,")]
    assert lepers
    assert not any(
        "one example of" in v for c in lepers for v in quality.violations(c, analysis, pool)
    )


def test_a_list_of_two_is_no_list_of_examples(analyse):
    analysis, pool = analyse(
        "Metals such as copper and tin were traded along the coast. "
        "Smiths alloyed copper with tin to make bronze for tools and weapons."
    )
    copper = [c for c in candidates_for(analysis, pool) if c.answer == "copper"]
    assert not any(
        "one example of" in v for c in copper for v in quality.violations(c, analysis, pool)
    )


def test_a_blank_after_source_of_takes_anything_the_source_yields(analyse):
    # Water is as much a source of hydrogen or protons as of electrons.
    analysis, pool = analyse(
        "The source of electrons for photosynthesis in green plants and cyanobacteria is water. "
        "Electrons pass along a chain of carriers in the thylakoid membrane."
    )
    found = [c for c in candidates_for(analysis, pool) if "source of _____" in c.question.prompt]
    assert found
    assert all(
        any("'source of'" in v for v in quality.violations(c, analysis, pool)) for c in found
    )
    carriers = [
        c
        for c in candidates_for(analysis, pool)
        if c.answer.lower() == "electrons" and "source of" not in c.question.prompt
    ]
    assert carriers
    assert not any(
        "'source of'" in v for c in carriers for v in quality.violations(c, analysis, pool)
    )


def test_a_blank_whose_common_adjective_the_lesson_drops_is_rejected(analyse):
    """ "Glaciers carry _____ down the valley" (loose gravel), in a lesson that writes "gravel"
    throughout: the noun alone fills the blank as rightly. A rare adjective ("morainic gravel")
    names a kind, and a term the lesson names ("is called loose gravel") stays."""
    rest = (
        "Gravel is ground against the bedrock. Rivers later sort the gravel by size. "
        "Some gravel ends up in lakes. "
    )

    def reasons(text: str) -> dict[str, str]:
        analysis, pool = analyse(text)
        return {
            c.answer: " ".join(quality.violations(c, analysis, pool))
            for c in candidates_for(analysis, pool)
            if c.question.type == "cloze"
        }

    dropped = "without the answer's adjective"
    assert (
        dropped in reasons("Glaciers carry loose gravel down the valley. " + rest)["loose gravel"]
    )
    found = reasons(
        "Glaciers push morainic gravel into ridges. "
        + rest
        + "Rock ground into small stones by ice is called loose gravel."
    )
    assert dropped not in found["morainic gravel"]
    assert dropped not in found["loose gravel"]


def test_a_blank_on_an_ist_word_and_an_idea_noun_the_lesson_calls_an_ism_is_rejected(analyse):
    """ "Many towns adopted _____" (guildist policies), in a lesson on guildism: "guildism"
    fills the blank as rightly. Without the "-ism" in the lesson, the phrase stays."""
    analysis, pool = analyse(
        "Guildism shaped medieval towns. Guildism favoured local crafts. Critics of guildism "
        "were few. Many towns adopted guildist policies."
    )
    c = make("Many towns adopted _____.", answer="guildist policies")
    c.answer_kind = "CONCEPT"
    assert "'guildism' names the same doctrine" in (quality.one_fill(c, analysis, pool) or "")
    other, pool = analyse("Medieval towns were small. Many towns adopted guildist policies.")
    assert quality.one_fill(c, other, pool) is None


def test_a_blank_on_where_a_text_was_published_is_rejected():
    # The journal or magazine a finding appeared in is trivia; the finding is the point.
    for prompt in (
        "A study published in _____ in October 2011 sequenced the genome of the bacterium.",
        "In an essay appearing in the 14 May 2007 issue of _____, a columnist wrote on trade.",
        "In October 2010, the scientific journal _____ published a paper on the plague.",
    ):
        assert quality.target_worth_asking(make(prompt, answer="Nature")), prompt
    year = make("A study published in _____ sequenced the genome.", answer="2011")
    year.answer_kind = "YEAR"
    assert quality.target_worth_asking(year) is None
    place = make("Ships from _____ reached Riga.", answer="Lubeck")
    assert quality.target_worth_asking(place) is None


def test_a_place_on_the_page_is_not_in_the_prompt():
    # "Referring to the _____ above": held-out readers (round d) could not see what was above.
    above = make("Referring to the _____ above, the reaction is of second order.")
    listed = make("The _____ controlled the trade routes listed below.")
    assert quality.self_contained(above) and quality.self_contained(listed)
    heat = make("Above 100 °C the _____ boils, and below the surface it stays liquid.")
    assert quality.self_contained(heat) is None


def test_a_lone_letter_before_the_blank_spells_the_word_with_it():
    x_rays = make("Nuclear radiation, like x _____, is ionizing radiation.", answer="rays")
    assert quality.blank_is_content_term(x_rays)
    vitamin = make("The _____ controlled trade in a Baltic port.", answer="Hanseatic League")
    assert quality.blank_is_content_term(vitamin) is None


def test_a_phrase_made_only_of_the_courses_topic_words_is_not_asked(analyse):
    # "Because of the _____, authorship became more meaningful" in a course on the printing
    # press: "printing" and "press" are in every lesson. "movable type" is not.
    lessons = [
        "The printing press spread across Europe. Gutenberg cast movable type in metal.",
        "A printing press could make 3,600 pages a day. Printers used movable type from 1450.",
        "Printing made authorship profitable. The press ran on oil-based ink.",
    ]
    analysis, pool = analyse(*lessons)
    topic = make("Because of the _____, authorship became meaningful.", answer="printing press")
    topic.answer_kind = "CONCEPT"
    other = make("Gutenberg cast _____ in metal.", answer="movable type")
    other.answer_kind = "CONCEPT"
    assert {"print", "press"} <= pool.topic_words
    assert quality.target_worth_asking(topic, analysis, pool)
    assert quality.target_worth_asking(other, analysis, pool) is None


def test_things_the_text_spoke_of_before_are_not_in_the_prompt():
    # Held-out round d: "Early versions were in use by _____" (of the indicator, never named),
    # "The rate laws discussed thus far relate ...".
    versions = make("Early versions were in use by _____, but later ones were faster.")
    thus_far = make("The rate laws discussed thus far relate the rate to the _____.")
    assert quality.self_contained(versions) and quality.self_contained(thus_far)
    named = make("Early versions of the steam engine were in use by _____.")
    assert quality.self_contained(named) is None


def test_held_out_round_e_blanks_that_ask_for_nothing():
    # "_____ and molecules move freely" (gaseous atoms): the modifier goes with both nouns.
    shared = make("_____ and molecules move freely through space.", answer="Gaseous atoms")
    shared.answer_pos = ("ADJ", "NOUN")
    assert quality.blank_is_content_term(shared)
    many = make(
        "Most prokaryotes have _____ and many have a capsule.", answer="peptidoglycan walls"
    )
    many.answer_pos = ("ADJ", "NOUN")
    assert quality.blank_is_content_term(many) is None
    sharing = make("Alliances facilitate _____ and sharing intelligence.", answer="joint exercises")
    sharing.answer_pos = ("ADJ", "NOUN")
    assert quality.blank_is_content_term(sharing) is None  # a gerund shares no modifier
    # "deals with _____ who are moving at constant velocity": the clause is the point.
    observers = make("Special relativity deals with _____ who are moving at constant velocity.")
    observers.answer, observers.answer_kind = "observers", "CONCEPT"
    assert quality.blank_is_content_term(observers)
    # "The confidence level, _____, is ...": the words before spell the abbreviation.
    level = make("The confidence level, _____, is the area in the middle.", answer="CL")
    assert quality.blank_is_content_term(level)
    bound = make("As the sample size increases, the _____ decreases.", answer="EBM")
    assert quality.blank_is_content_term(bound) is None


def test_a_possessive_his_names_nobody_and_construction_of_nothing_named():
    pascal = make("The introduction of his Pascaline in _____ launched mechanical calculators.")
    built = make("Construction took place between 1745 and _____.")
    assert quality.self_contained(pascal) and quality.self_contained(built)
    named = make("Pascal's introduction of his Pascaline in _____ launched mechanical calculators.")
    assert quality.self_contained(named) is None


def test_a_list_before_and_other_is_read_back_to_its_clause_and_a_long_run_of_commas_is_cheap():
    text = (
        "Doctors, nurses, pharmacists and other professionals must understand the law. "
        + ", ".join(f"Opera number {n} by a composer" for n in range(400))
        + " were all written for the court."
    )
    # The opera article's list of works made the old left-to-right pattern backtrack for
    # minutes; read backwards from each "and other", the run costs one pass.
    assert quality._listed_before_and_other(text) == [
        ("Doctors, nurses, pharmacists", "professionals")
    ]
    assert quality._example_lists(text) == (("professionals", ("pharmacist", "nurse", "doctor")),)
