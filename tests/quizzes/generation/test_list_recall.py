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
