from quizzes.generation import list_recall

TEXT = """Volcanoes form in several settings.

The main types of volcanoes include:

- Shield volcanoes with gentle slopes
- Stratovolcanoes built from layers of ash
- Cinder cones made of loose fragments

Eruptions bring lasting hazards to nearby towns.

Common eruption hazards are:

- Pyroclastic flows racing downhill
- Lahars of mud and debris
- Ash clouds that ground aircraft
"""


def test_list_with_lead_in_gives_single_and_select_all(analyse):
    analysis, pool = analyse(TEXT)
    found = list_recall.build(analysis, pool)
    singles = [c.question for c in found if c.question.type == "single_choice"]
    multis = [c.question for c in found if c.question.type == "multiple_response"]
    assert singles and multis
    types_q = [q for q in singles if "types of volcanoes" in q.prompt]
    assert types_q[0].prompt == "What is one of the main types of volcanoes?"
    right = [c.text for c in types_q[0].choices if c.correct]
    wrong = [c.text for c in types_q[0].choices if not c.correct]
    assert len(right) == 1 and len(wrong) == 3
    hazards = {"Pyroclastic flows racing downhill", "Lahars of mud and debris"}
    hazards.add("Ash clouds that ground aircraft")
    assert set(wrong) <= hazards  # wrong choices come from the other list
    multi = [q for q in multis if "types of volcanoes" in q.prompt][0]
    assert multi.prompt.endswith("Select all that apply.")
    assert sum(c.correct for c in multi.choices) == 3


def test_list_without_lead_in_gives_nothing(analyse):
    analysis, pool = analyse("- Granite\n- Basalt\n- Marble\n")
    assert list_recall.build(analysis, pool) == []


def test_subject_keeps_a_capital_the_lesson_uses_mid_sentence(analyse):
    text = (
        "Augustus ruled the Roman Empire for forty years.\n\n"
        "Roman contributions to later societies include:\n\n"
        "- Latin, the root of the Romance languages\n- Concrete used in domes\n\n"
        "Key causes of the decline include:\n\n"
        "- Economic troubles and heavy taxation\n- Political instability\n"
    )
    analysis, _pool = analyse(text)
    assert [b.subject for b in analysis.lists] == [
        "Roman contributions to later societies",
        "key causes of the decline",
    ]


def test_a_purpose_lead_in_asks_for_the_steps(analyse):
    analysis, pool = analyse(
        """Members may borrow books from other libraries.

To request an interlibrary loan:

1. Search the catalogue for the book.
2. Fill in the request form.
3. Pay the fee at the front desk.

The usual loan periods are:

- Books: three weeks
- Magazines: one week
- Laptops: four hours
- Board games: two weeks
- Sheet music: three weeks
"""
    )
    prompts = {c.question.prompt for c in list_recall.build(analysis, pool)}
    assert "To request an interlibrary loan, what is one of the steps?" in prompts
    assert "To request an interlibrary loan, what are the steps? Select all that apply." in prompts
    assert not any(p.startswith("To request") and "them" in p for p in prompts)


def test_list_items_written_as_sentences_are_read_as_sentences(analyse):
    analysis, _pool = analyse(
        "Summary of the chapter\n\n"
        "* The glaciers of the northern valley carved deep lakes into the granite.\n"
        "  Their meltwater still feeds the rivers of the plain in summer.\n"
        "* Order the samples from the oldest to the youngest layer.\n"
        "* Drought – The rains fail in the valley for several years in a row.\n"
        "* The surveyor Anna Berg mapped the northern valley in 1902."
        ' She called them "the mirrors."\n\n'
        "In the dry season:\n\n"
        "* Many rivers dry up into chains of shallow pools in the valley.\n"
    )
    texts = {s.text: s for s in analysis.sentences}
    carved = texts["The glaciers of the northern valley carved deep lakes into the granite."]
    assert carved.usable
    assert "Their meltwater still feeds the rivers of the plain in summer." in texts
    assert not any(t.startswith(("Order the", "Drought")) for t in texts)  # no statements
    # The item's full stop stands inside its closing quote: it is written as sentences too.
    assert texts["The surveyor Anna Berg mapped the northern valley in 1902."].usable
    # "In the dry season:" frames its items: out of it, they are not true.
    assert texts["Many rivers dry up into chains of shallow pools in the valley."].depends
    assert len(analysis.lists) == 2


def test_a_lesson_with_prose_to_ask_about_keeps_its_sentence_items_as_items(analyse):
    analysis, _pool = analyse(
        "Glaciers carve deep valleys into the granite of the northern mountains. "
        "Meltwater from glaciers feeds the rivers of the plain every summer. "
        "Moraines mark the furthest reach of a glacier across the plain. "
        "Erratic boulders were carried hundreds of miles by moving ice sheets. "
        "Cirques form where snow gathers in hollows high on a mountain side.\n\n"
        "* The ice sheets covered most of the northern plain for thousands of years.\n"
    )
    assert all(s.usable for s in analysis.sentences) and len(analysis.sentences) == 5
    assert len(analysis.lists) == 1


GLACIERS = """Glaciers shape the land in many ways.

Glacial landforms include:

- Cirques
- Moraines
- Drumlins
"""


def _prompts(found):
    return {c.question.prompt for c in found}


def test_a_lead_in_that_names_nothing_asks_nothing(analyse):
    # "Which of these is one of them?" would lean on a lead-in the learner is not shown.
    analysis, pool = analyse(
        "Maps serve travellers well.\n\nGood maps provide:\n\n"
        "- A scale to measure distances\n- A legend of symbols\n- A north arrow\n",
        GLACIERS,
    )
    assert list_recall.build(analysis, pool) == []


def test_lead_ins_that_have_or_count_their_items_name_them(analyse):
    analysis, pool = analyse(
        "Geologists study rocks.\n\nThe rock cycle has three main stages:\n\n"
        "- Weathering of exposed rock\n- Burial under new layers\n- Melting deep below\n\n"
        "Volcanoes erupt often.\n\nThere are three main kinds of lava flows:\n\n"
        "- Pahoehoe with smooth ropy skins\n- Aa with rough clinker\n- Pillow lava under water\n",
        GLACIERS,
    )
    assert [b.subject for b in analysis.lists] == [
        "main stages of the rock cycle",
        "main kinds of lava flows",
    ]
    prompts = _prompts(list_recall.build(analysis, pool))
    assert "What is one of the main stages of the rock cycle?" in prompts
    assert "What are the main kinds of lava flows? Select all that apply." in prompts


def test_a_bare_plural_takes_its_name_from_the_sentence_before(analyse):
    named = (
        "Early trading states enacted mercantilist policies widely.\n\nThe policies included:\n\n"
        "- High tariffs on imports\n- Bans on gold exports\n- Subsidies for exporters\n"
    )
    analysis, pool = analyse(named, GLACIERS)
    assert "What is one of the mercantilist policies?" in _prompts(
        list_recall.build(analysis, pool)
    )
    unnamed = named.replace("enacted mercantilist policies widely", "traded widely")
    analysis, pool = analyse(unnamed, GLACIERS)
    assert list_recall.build(analysis, pool) == []  # "one of the policies": of what?


def test_items_are_asked_by_their_label_and_long_ones_not_at_all(analyse):
    analysis, pool = analyse(
        "Markets respond to many forces.\n\nThe determinants of supply are:\n\n"
        "- Production costs: how much a good costs to make. They include labour and energy.\n"
        "- Number of suppliers\n- Expectations about future prices\n"
        "- Government rules that the sellers in the market must follow every single working day\n",
        GLACIERS,
    )
    found = list_recall.build(analysis, pool)
    answers = {c.answer for c in found if c.question.type == "single_choice"}
    assert answers == {
        "Production costs",
        "Number of suppliers",
        "Expectations about future prices",
    }
    texts = {ch.text for c in found for ch in c.question.choices}
    assert not any(t.startswith("Government rules") for t in texts)


def test_wrong_choices_come_only_from_lists_that_name_their_kind(analyse):
    # The nine-point program's items are mercantilist policies too: a list that does not say
    # what its items are may hold the very thing asked for.
    analysis, pool = analyse(
        "Mercantilist writers advised rulers.\n\nThe main mercantilist policies were:\n\n"
        "- High tariffs on imports\n- Bans on gold exports\n- Subsidies for exporters\n\n"
        "Hornick wrote a famous program in 1684 for the Austrian court:\n\n"
        "- That mines be worked\n- That imports be discouraged\n- That gold be kept at home\n"
        "- That the population grow\n",
        GLACIERS,
    )
    found = list_recall.build(analysis, pool)
    choices = [c for c in found if c.question.type != "true_false"]
    texts = {ch.text for c in choices for ch in c.question.choices if not ch.correct}
    assert texts and texts <= {"Cirques", "Moraines", "Drumlins"}


def _statements(found):
    return {c.question.prompt for c in found if c.question.type == "true_false"}


def test_a_named_list_gives_true_statements_on_its_items(analyse):
    # No wrong choices of its kind in the course, so no choice question: its items can still be
    # stated ("have included" is no complete list, so no false one).
    analysis, pool = analyse(
        "Early trading states enacted mercantilist policies widely.\n\nThe policies have included:"
        "\n\n- High tariffs, especially on manufactured goods\n- Limiting wages\n"
        "- Number of licensed exporters\n- Tariff\n"
    )
    found = list_recall.build(analysis, pool)
    assert _statements(found) == {
        "True or false: The mercantilist policies include high tariffs, especially on "
        "manufactured goods.",
        "True or false: The mercantilist policies include limiting wages.",
        "True or false: The mercantilist policies include the number of licensed exporters.",
    }  # a bare singular ("include tariff") is left out
    assert all(c.question.choices[0].correct and not c.distractors for c in found)
    assert all(c.question.source_start == analysis.lists[0].lead_in_start for c in found)


def test_a_statement_shares_its_fact_with_the_choice_question_on_its_item(analyse):
    analysis, pool = analyse(TEXT)
    found = list_recall.build(analysis, pool)
    by_fact = {}
    for c in found:
        by_fact.setdefault(c.question.fact_key, set()).add(c.question.type)
    statement = next(
        c
        for c in found
        if c.answer == "Cinder cones made of loose fragments" and c.question.type == "true_false"
    )
    assert statement.question.prompt == (
        "True or false: The main types of volcanoes include cinder cones made of loose fragments."
    )
    assert by_fact[statement.question.fact_key] == {"single_choice", "true_false"}
    # "Shield" may be a name: the lesson writes it only at the head of its item
    assert not any("hield" in p for p in _statements(found))


def test_items_written_as_statements_or_steps_are_not_stated(analyse):
    analysis, pool = analyse(
        "Cells were first seen in cork.\n\nModern cell theory has two basic tenets:\n\n"
        "- All cells only come from other cells\n- Cells are the fundamental units of life\n\n"
        "To request an interlibrary loan:\n\n"
        "1. Search the catalogue for the book.\n2. Fill in the request form.\n",
        GLACIERS,
    )
    assert _statements(list_recall.build(analysis, pool)) == set()
