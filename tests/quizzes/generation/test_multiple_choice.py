from quizzes.generation import multiple_choice
from quizzes.generation.normalise import related

HISTORY = (
    "The Treaty of Westphalia was signed in 1648 after long negotiations. "
    "The Congress of Vienna was convened in 1814 to restore order in Europe. "
    "France and Spain fought over territory while Austria and Prussia watched. "
    "The United Nations replaced the League of Nations after the war ended. "
    "The Treaty of Versailles was signed in 1919 and punished Germany severely. "
)


def _by_answer(analysis, pool, answer):
    return [c for c in multiple_choice.build(analysis, pool) if c.answer == answer]


def test_year_gets_three_nearby_years(analyse):
    analysis, pool = analyse(HISTORY)
    [mc] = _by_answer(analysis, pool, "1648")
    choices = mc.question.choices
    assert len(choices) == 4 and sum(c.correct for c in choices) == 1
    wrong = [int(c.text) for c in choices if not c.correct]
    assert len(set(wrong)) == 3
    assert all(0 < abs(y - 1648) <= 25 for y in wrong)


def test_entity_distractors_are_of_the_same_kind_and_distinct(analyse):
    analysis, pool = analyse(HISTORY)
    [mc] = _by_answer(analysis, pool, "Germany")
    wrong = [c.text for c in mc.question.choices if not c.correct]
    assert set(wrong) <= {"France", "Spain", "Austria", "Prussia", "Europe", "Westphalia"}
    assert len(wrong) == 3
    assert not any(related(a, b) for i, a in enumerate(wrong) for b in wrong[i + 1 :])


def test_distractors_come_from_the_course_when_the_lesson_has_too_few(analyse):
    lesson = "The Treaty of Versailles was signed in 1919 and punished Germany severely afterwards."
    other = "France, Italy and Belgium sent delegations. Britain also sent a large delegation."
    analysis, pool = analyse(lesson, other)
    [mc] = _by_answer(analysis, pool, "Germany")
    wrong = {c.text for c in mc.question.choices if not c.correct}
    assert wrong <= {"France", "Italy", "Belgium", "Britain"}


def test_choices_order_is_fixed_by_the_question(analyse):
    first = [c.question.choices for c in multiple_choice.build(*analyse(HISTORY))]
    second = [c.question.choices for c in multiple_choice.build(*analyse(HISTORY))]
    assert first == second
