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
    assert types_q[0].prompt == "Which of these is one of the main types of volcanoes?"
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

Loan periods depend on the item:

- Books: three weeks
- Magazines: one week
- Laptops: four hours
- Board games: two weeks
- Sheet music: three weeks
"""
    )
    prompts = {c.question.prompt for c in list_recall.build(analysis, pool)}
    assert "To request an interlibrary loan, which of these is one of the steps?" in prompts
    assert (
        "To request an interlibrary loan, which of the following are steps? "
        "Select all that apply." in prompts
    )
    assert not any(p.startswith("To request") and "them" in p for p in prompts)


def test_list_items_written_as_sentences_are_read_as_sentences(analyse):
    analysis, _pool = analyse(
        "Summary of the chapter\n\n"
        "* The glaciers of the northern valley carved deep lakes into the granite.\n"
        "  Their meltwater still feeds the rivers of the plain in summer.\n"
        "* Order the samples from the oldest to the youngest layer.\n"
        "* Drought – The rains fail in the valley for several years in a row.\n\n"
        "In the dry season:\n\n"
        "* Many rivers dry up into chains of shallow pools in the valley.\n"
    )
    texts = {s.text: s for s in analysis.sentences}
    carved = texts["The glaciers of the northern valley carved deep lakes into the granite."]
    assert carved.usable
    assert "Their meltwater still feeds the rivers of the plain in summer." in texts
    assert not any(t.startswith(("Order the", "Drought")) for t in texts)  # no statements
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
