import pytest

from quizzes import grading
from quizzes.grading import ChoiceSpec, InvalidAnswer, QuestionSpec, grade


def spec(type, prompt="Q?", typo_tolerance=0, **choices):
    return QuestionSpec(
        type=type,
        prompt=prompt,
        typo_tolerance=typo_tolerance,
        choices=tuple(choices.get("choices", ())),
    )


SINGLE = spec(
    "single_choice",
    choices=[
        ChoiceSpec(id=1, text="Springs", weight=1, feedback="Yes"),
        ChoiceSpec(id=2, text="Deltas", weight=0, feedback="No, that is the mouth"),
        ChoiceSpec(id=3, text="Half right", weight=0.5),
    ],
)
MULTI = spec(
    "multiple_response",
    choices=[
        ChoiceSpec(id=1, text="Rain", weight=0.5),
        ChoiceSpec(id=2, text="Snow", weight=0.5),
        ChoiceSpec(id=3, text="Sand", weight=-0.5, feedback="Sand does not feed rivers"),
        ChoiceSpec(id=4, text="Rock", weight=-1),
    ],
)


def test_single_choice_right_wrong_and_partial():
    assert grade(SINGLE, 1).correct
    assert grade(SINGLE, "1").feedback == ["Yes"]
    wrong = grade(SINGLE, 2)
    assert wrong.mark == 0 and not wrong.correct and wrong.feedback == ["No, that is the mouth"]
    assert grade(SINGLE, 3).partial and grade(SINGLE, 3).mark == 0.5
    with pytest.raises(InvalidAnswer):
        grade(SINGLE, 99)


def test_multiple_response_partial_credit_and_negative_weights():
    assert grade(MULTI, [1, 2]).mark == 1
    assert grade(MULTI, [1]).mark == 0.5
    assert grade(MULTI, [1, 2, 3]).mark == 0.5
    assert grade(MULTI, [1, 3]).mark == 0
    assert grade(MULTI, [3, 4]).mark == 0  # clamped at 0, never negative
    assert grade(MULTI, [1, 1]).mark == 0.5  # the same choice twice counts once
    assert "Sand does not feed rivers" in grade(MULTI, [1, 3]).feedback


def test_true_false_by_id_or_word():
    tf = spec(
        "true_false",
        choices=[ChoiceSpec(id=7, text="True", weight=1), ChoiceSpec(id=8, text="False", weight=0)],
    )
    assert grade(tf, 7).correct and grade(tf, "true").correct and grade(tf, " TRUE ").correct
    assert grade(tf, "false").mark == 0 and grade(tf, 8).mark == 0


def test_short_answer_is_case_space_and_punctuation_insensitive():
    short = spec(
        "short_answer",
        choices=[ChoiceSpec(text="U.S. Navy", weight=1), ChoiceSpec(text="Navy", weight=0.5)],
    )
    assert grade(short, "  us   NAVY!").correct
    assert grade(short, "the navy").mark == 0
    assert grade(short, "navy").mark == 0.5
    assert grade(short, "").mark == 0


def test_short_answer_typo_tolerance():
    strict = spec("short_answer", choices=[ChoiceSpec(text="Mississippi", weight=1)])
    lenient = spec(
        "short_answer", typo_tolerance=2, choices=[ChoiceSpec(text="Mississippi", weight=1)]
    )
    assert grade(strict, "Missisippi").mark == 0
    result = grade(lenient, "Missisippi")
    assert result.correct and result.typo
    assert not grade(lenient, "Mississippi").typo
    assert grade(lenient, "Missouri").mark == 0


def test_cloze_partial_credit_per_blank():
    cloze = spec(
        "cloze",
        prompt="The _____ flows into the _____ Sea.",
        typo_tolerance=1,
        choices=[
            ChoiceSpec(text="Nile", weight=1, blank=0),
            ChoiceSpec(text="Mediterranean", weight=1, blank=1),
        ],
    )
    assert grade(cloze, ["nile", "mediterranean"]).correct
    assert grade(cloze, ["Nile", "Red"]).mark == 0.5
    assert grade(cloze, ["Nlie", "Mediterranean"]).mark == 0.5  # two letters off > tolerance 1
    assert grade(cloze, ["Nil", "Mediteranean"]).typo
    with pytest.raises(InvalidAnswer):
        grade(cloze, ["only one"])


def test_numerical_with_tolerance_and_partial_values():
    num = spec(
        "numerical",
        choices=[
            ChoiceSpec(numeric_value=1822, tolerance=2, weight=1),
            ChoiceSpec(numeric_value=1800, tolerance=50, weight=0.5),
        ],
    )
    assert grade(num, "1822").correct and grade(num, "1,824").correct
    assert grade(num, "1820.5").correct
    assert grade(num, "1830").mark == 0.5
    assert grade(num, "1900").mark == 0
    for bad in ["soon", "inf", ""]:
        with pytest.raises(InvalidAnswer):
            grade(num, bad)


def test_matching_partial_credit():
    match = spec(
        "matching",
        choices=[
            ChoiceSpec(id=1, text="Nile", match_text="Africa"),
            ChoiceSpec(id=2, text="Amazon", match_text="South America"),
        ],
    )
    assert grade(match, {"1": "africa", "2": "South America"}).correct
    assert grade(match, {"1": "Africa", "2": "Africa"}).mark == 0.5
    with pytest.raises(InvalidAnswer):
        grade(match, "Africa")


def test_correct_answer_text_for_each_type():
    assert grading.correct_answer_text(SINGLE) == "Springs"
    assert grading.correct_answer_text(MULTI) == "Rain; Snow"
    num = spec("numerical", choices=[ChoiceSpec(numeric_value=1822, tolerance=2, weight=1)])
    assert grading.correct_answer_text(num) == "1822 (± 2)"


def test_large_numbers_are_written_out_not_in_exponent_form():
    """A student shown "2e+07" as the answer to "more than _____ copies" is shown debris."""
    num = spec("numerical", choices=[ChoiceSpec(numeric_value=20_000_000, weight=1)])
    assert grading.correct_answer_text(num) == "20000000"
    assert grade(num, "20,000,000").correct
    assert grade(num, "20,000,000").normalised == "20000000"


@pytest.mark.parametrize(
    "question,key",
    [
        (spec("single_choice", choices=[ChoiceSpec(text="A", weight=1)]), "choices"),
        (spec("single_choice", choices=[ChoiceSpec(text="A"), ChoiceSpec(text="B")]), "choices"),
        (
            spec(
                "multiple_response",
                choices=[ChoiceSpec(text="A", weight=0.5), ChoiceSpec(text="B")],
            ),
            "choices",
        ),
        (spec("short_answer", prompt=" ", choices=[ChoiceSpec(text="A", weight=1)]), "prompt"),
        (spec("cloze", prompt="No blank", choices=[ChoiceSpec(text="A", weight=1)]), "prompt"),
        (
            spec("short_answer", typo_tolerance=5, choices=[ChoiceSpec(text="A", weight=1)]),
            "typo_tolerance",
        ),
        (
            spec("single_choice", choices=[ChoiceSpec(text="A", weight=2), ChoiceSpec(text="B")]),
            "choices",
        ),
        (spec("matching", choices=[ChoiceSpec(text="A", match_text="B")]), "choices"),
    ],
)
def test_validation_errors_are_keyed_by_field(question, key):
    assert key in grading.validation_errors(question)


def test_shuffle_is_stable_for_a_seed_and_varies_across_seeds():
    items = list(range(20))
    assert grading.shuffled(items, 42) == grading.shuffled(items, 42)
    assert grading.shuffled(items, 42) != grading.shuffled(items, 43)
    assert sorted(grading.shuffled(items, 42)) == items
