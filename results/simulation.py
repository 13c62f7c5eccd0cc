"""A simulated class's behaviour as plain data: who is able, what is hard, and what they answer.

Students and questions follow a Rasch (one-parameter logistic) model: a student of ability
``theta`` answers a question of difficulty ``b`` right with probability 1 / (1 + e^-(theta - b)),
raised a little by each earlier exposure to the question (they learn from feedback). Wrong
answers to choice questions pick a distractor by its own pull, so some distractors draw many
students and some none, as in real classes. Everything is drawn from ``random.Random`` seeded by
the caller, so the same seed gives the same class. No ORM here: answers are built from the
question's ``grading.QuestionSpec`` and graded by the caller through ``Question.grade``.
"""

import math
import random
from dataclasses import dataclass

from quizzes import grading

LEARNING_PER_EXPOSURE = 0.6
WRONG_TEXT = "no idea"


@dataclass(frozen=True)
class SimulatedStudent:
    index: int
    ability: float  # theta, standard normal across the class
    diligence: float  # chance of studying on a given day
    pace: int  # lessons read on a study day
    review_limit: int  # due cards reviewed on a study day
    answer_ms: int  # typical time to answer


def class_profile(rng: random.Random, count: int) -> list[SimulatedStudent]:
    return [
        SimulatedStudent(
            index=index,
            ability=rng.gauss(0.0, 1.0),
            diligence=rng.uniform(0.45, 0.95),
            pace=rng.choice((1, 1, 2, 2, 3)),
            review_limit=rng.choice((10, 20, 30)),
            answer_ms=int(rng.uniform(6_000, 30_000)),
        )
        for index in range(count)
    ]


def difficulty(rng: random.Random) -> float:
    return rng.gauss(-0.4, 1.0)


def chance_right(ability: float, difficulty: float, exposures: int) -> float:
    logit = ability - difficulty + LEARNING_PER_EXPOSURE * exposures
    return 1.0 / (1.0 + math.exp(-logit))


def distractor_pull(rng: random.Random) -> float:
    """How attractive a wrong choice is; one in five draws nobody (a weak distractor)."""
    return 0.0 if rng.random() < 0.2 else rng.uniform(0.2, 1.0)


def answer(spec: grading.QuestionSpec, right: bool, rng: random.Random, pulls: dict[int, float]):
    """An answer in the shape a form posts for ``spec``: right, or a plausible wrong one.

    ``pulls`` maps choice ids to their distractor pull (see ``distractor_pull``).
    """
    choices = spec.choices
    if spec.type in {grading.SINGLE_CHOICE, grading.TRUE_FALSE}:
        best = max(choices, key=lambda c: c.weight)
        if right:
            return str(best.id)
        wrong = [c for c in choices if c.weight < best.weight]
        return str(_pick_distractor(wrong, rng, pulls).id) if wrong else str(best.id)
    if spec.type == grading.MULTIPLE_RESPONSE:
        good = [c for c in choices if c.weight > 0]
        bad = [c for c in choices if c.weight <= 0]
        if right or not bad:
            return [str(c.id) for c in good]
        kept = good[:-1] if len(good) > 1 and rng.random() < 0.5 else good
        return [str(c.id) for c in kept] + [str(_pick_distractor(bad, rng, pulls).id)]
    if spec.type == grading.SHORT_ANSWER:
        return _best_text(choices) if right else WRONG_TEXT
    if spec.type == grading.CLOZE:
        blanks = grading.blank_count(spec)
        texts = [_best_text([c for c in choices if c.blank == i]) for i in range(blanks)]
        if not right:
            texts[rng.randrange(blanks)] = WRONG_TEXT
        return texts
    if spec.type == grading.NUMERICAL:
        best = max((c for c in choices if c.numeric_value is not None), key=lambda c: c.weight)
        if right:
            return f"{best.numeric_value:g}"
        return f"{best.numeric_value + (best.tolerance + 1) * rng.choice((-3, -1, 2, 5)):g}"
    if spec.type == grading.MATCHING:
        pairs = [c for c in choices if c.match_text and c.text]
        targets = [c.match_text for c in pairs]
        if not right and len(targets) > 1:
            targets = targets[1:] + targets[:1]
        return {str(c.id): target for c, target in zip(pairs, targets, strict=True)}
    raise grading.InvalidAnswer(f"Unknown question type {spec.type!r}.")


def _best_text(choices) -> str:
    best = max(choices, key=lambda c: c.weight, default=None)
    return best.text if best else WRONG_TEXT


def _pick_distractor(wrong, rng: random.Random, pulls: dict[int, float]):
    weights = [pulls.get(c.id, 0.5) for c in wrong]
    if not any(weights):
        return rng.choice(wrong)
    return rng.choices(wrong, weights=weights)[0]
