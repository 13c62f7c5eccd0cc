"""Grading rules for every question type: plain data in, a mark between 0 and 1 out."""

import math
import random
import re
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

SINGLE_CHOICE = "single_choice"
MULTIPLE_RESPONSE = "multiple_response"
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short_answer"
CLOZE = "cloze"
NUMERICAL = "numerical"
MATCHING = "matching"
QUESTION_TYPES = (
    SINGLE_CHOICE,
    MULTIPLE_RESPONSE,
    TRUE_FALSE,
    SHORT_ANSWER,
    CLOZE,
    NUMERICAL,
    MATCHING,
)

CHOICE_TYPES = {SINGLE_CHOICE, MULTIPLE_RESPONSE, TRUE_FALSE}
TEXT_TYPES = {SHORT_ANSWER, CLOZE}
BLANK = "_____"
# A mark at least this high is a right answer (marks are sums of float weights).
CORRECT_MARK = 0.999


def is_correct(mark: float) -> bool:
    return mark >= CORRECT_MARK


def is_partial(mark: float) -> bool:
    return 0 < mark < CORRECT_MARK


@dataclass(frozen=True)
class ChoiceSpec:
    text: str = ""
    weight: float = 0.0
    feedback: str = ""
    id: int | None = None
    match_text: str = ""
    numeric_value: float | None = None
    tolerance: float = 0.0
    blank: int = 0


@dataclass(frozen=True)
class QuestionSpec:
    type: str
    prompt: str
    choices: tuple[ChoiceSpec, ...] = ()
    typo_tolerance: int = 0


@dataclass
class Grade:
    mark: float
    normalised: str
    feedback: list[str] = field(default_factory=list)
    typo: bool = False

    @property
    def correct(self) -> bool:
        return is_correct(self.mark)

    @property
    def partial(self) -> bool:
        return is_partial(self.mark)


class InvalidAnswer(ValueError):
    """The submitted answer cannot be read for this question type (a message for the student)."""


# Dots and apostrophes vanish ("U.S." = "US"); other punctuation separates words.
_PUNCTUATION = str.maketrans(
    {**dict.fromkeys(string.punctuation + "“”–—…", " "), ".": "", "'": "", "’": "", "‘": ""}
)


def normalise_text(text: str) -> str:
    """Case-, whitespace- and punctuation-insensitive form of a typed answer.

    An answer made only of punctuation ("\\", "/", "|") keeps it: stripped, every such answer
    would read as empty and as the same as the others.
    """
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    words = text.translate(_PUNCTUATION).split() or text.split()
    return " ".join(words)


def parse_number(raw) -> float:
    text = str(raw).strip().replace(",", "").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        raise InvalidAnswer("Enter a number, for example 1955 or 2.5.") from None
    if not math.isfinite(value):
        raise InvalidAnswer("Enter a finite number.")
    return value


def _clamp(mark: float) -> float:
    return max(0.0, min(1.0, round(mark, 6)))


def _choice_by_key(choices: Sequence[ChoiceSpec], key) -> ChoiceSpec:
    for index, choice in enumerate(choices):
        if str(choice.id if choice.id is not None else index) == str(key):
            return choice
    raise InvalidAnswer("Pick one of the choices shown.")


def _text_match(spec: QuestionSpec, typed: str, accepted: Sequence[ChoiceSpec]):
    """Best-weighted accepted answer matching ``typed`` exactly, else within the typo budget."""
    normalised = normalise_text(typed)
    best, typo = None, False
    for choice in accepted:
        if normalise_text(choice.text) == normalised and (
            best is None or choice.weight > best.weight
        ):
            best, typo = choice, False
    if best is None and spec.typo_tolerance and normalised:
        for choice in accepted:
            target = normalise_text(choice.text)
            distance = Levenshtein.distance(normalised, target, score_cutoff=spec.typo_tolerance)
            if distance <= spec.typo_tolerance and (best is None or choice.weight > best.weight):
                best, typo = choice, True
    return normalised, best, typo


def grade(spec: QuestionSpec, answer) -> Grade:
    """Mark ``answer`` for ``spec``; raises InvalidAnswer when the answer has the wrong shape."""
    choices = spec.choices
    if spec.type in {SINGLE_CHOICE, TRUE_FALSE}:
        if spec.type == TRUE_FALSE and str(answer).strip().lower() in {"true", "false"}:
            wanted = str(answer).strip().lower()
            chosen = next((c for c in choices if c.text.strip().lower() == wanted), None)
            if chosen is None:
                raise InvalidAnswer("Answer true or false.")
        else:
            chosen = _choice_by_key(choices, answer)
        return Grade(
            _clamp(chosen.weight), chosen.text, [chosen.feedback] if chosen.feedback else []
        )
    if spec.type == MULTIPLE_RESPONSE:
        keys = answer if isinstance(answer, list | tuple | set) else [answer]
        picked = {id(c): c for c in (_choice_by_key(choices, key) for key in keys)}.values()
        mark = sum(choice.weight for choice in picked)
        texts = sorted(choice.text for choice in picked)
        feedback = [choice.feedback for choice in picked if choice.feedback]
        return Grade(_clamp(mark), " | ".join(texts), feedback)
    if spec.type == SHORT_ANSWER:
        normalised, best, typo = _text_match(spec, str(answer or ""), choices)
        if best is None:
            return Grade(0.0, normalised)
        return Grade(
            _clamp(best.weight), normalised, [best.feedback] if best.feedback else [], typo
        )
    if spec.type == CLOZE:
        count = blank_count(spec)
        typed = list(answer) if isinstance(answer, list | tuple) else [answer]
        if len(typed) != count:
            raise InvalidAnswer(f"Fill in all {count} blanks.")
        marks, parts, feedback, any_typo = [], [], [], False
        for index, text in enumerate(typed):
            accepted = [c for c in choices if c.blank == index]
            normalised, best, typo = _text_match(spec, str(text or ""), accepted)
            parts.append(normalised)
            marks.append(best.weight if best else 0.0)
            any_typo |= typo
            if best and best.feedback:
                feedback.append(best.feedback)
        return Grade(_clamp(sum(marks) / count), " | ".join(parts), feedback, any_typo)
    if spec.type == NUMERICAL:
        value = parse_number(answer)
        best = None
        for choice in choices:
            if choice.numeric_value is None:
                continue
            if abs(value - choice.numeric_value) <= choice.tolerance + 1e-9 and (
                best is None or choice.weight > best.weight
            ):
                best = choice
        normalised = f"{value:.12g}"
        if best is None:
            return Grade(0.0, normalised)
        return Grade(_clamp(best.weight), normalised, [best.feedback] if best.feedback else [])
    if spec.type == MATCHING:
        if not isinstance(answer, dict):
            raise InvalidAnswer("Match every item.")
        # A pair with no item text is an extra wrong match: offered, never asked.
        pairs = [c for c in choices if c.match_text and c.text]
        right = sum(
            1
            for index, choice in enumerate(pairs)
            if normalise_text(answer.get(str(choice.id if choice.id is not None else index), ""))
            == normalise_text(choice.match_text)
        )
        normalised = "; ".join(
            f"{c.text} -> {answer.get(str(c.id if c.id is not None else i), '')}"
            for i, c in enumerate(pairs)
        )
        return Grade(_clamp(right / len(pairs)) if pairs else 0.0, normalised)
    raise InvalidAnswer(f"Unknown question type {spec.type!r}.")


def blank_count(spec: QuestionSpec) -> int:
    return max(spec.prompt.count(BLANK), 1)


def correct_answer_text(spec: QuestionSpec) -> str:
    """The right answer as a student should see it after answering."""
    if spec.type in {SINGLE_CHOICE, TRUE_FALSE}:
        best = max(spec.choices, key=lambda c: c.weight, default=None)
        return best.text if best else ""
    if spec.type == MULTIPLE_RESPONSE:
        return "; ".join(c.text for c in spec.choices if c.weight > 0)
    if spec.type == SHORT_ANSWER:
        best = max(spec.choices, key=lambda c: c.weight, default=None)
        return best.text if best else ""
    if spec.type == CLOZE:
        parts = []
        for index in range(blank_count(spec)):
            accepted = [c for c in spec.choices if c.blank == index]
            best = max(accepted, key=lambda c: c.weight, default=None)
            parts.append(best.text if best else "")
        return "; ".join(parts)
    if spec.type == NUMERICAL:
        best = max(
            (c for c in spec.choices if c.numeric_value is not None),
            key=lambda c: c.weight,
            default=None,
        )
        if best is None:
            return ""
        value = f"{best.numeric_value:.12g}"
        return f"{value} (± {best.tolerance:.12g})" if best.tolerance else value
    if spec.type == MATCHING:
        return "; ".join(
            f"{c.text} → {c.match_text}" for c in spec.choices if c.match_text and c.text
        )
    return ""


def validation_errors(spec: QuestionSpec) -> dict[str, list[str]]:
    """The invariants every question of a type must hold, keyed by the field to show them on."""
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if not spec.prompt.strip():
        add("prompt", "Write the question.")
    for choice in spec.choices:
        if not -1.0 <= choice.weight <= 1.0:
            add("choices", "Each weight must be between -100% and 100%.")
            break
    choices = spec.choices
    if spec.type in {SINGLE_CHOICE, MULTIPLE_RESPONSE}:
        if len([c for c in choices if c.text.strip()]) < 2:
            add("choices", "A multiple-choice question needs at least two choices.")
        if not any(c.weight > 0 for c in choices):
            add("choices", "Mark at least one choice as correct.")
        if spec.type == SINGLE_CHOICE and not any(is_correct(c.weight) for c in choices):
            add("choices", "One choice must be fully correct (100%).")
        if spec.type == MULTIPLE_RESPONSE and sum(c.weight for c in choices if c.weight > 0) < 0.99:
            add("choices", "The correct choices' weights must add up to 100%.")
        texts = [normalise_text(c.text) for c in choices]
        if len(set(texts)) != len(texts):
            add("choices", "Two choices say the same thing.")
    elif spec.type == TRUE_FALSE:
        labels = sorted(c.text.strip().lower() for c in choices)
        if labels != ["false", "true"] or sum(1 for c in choices if is_correct(c.weight)) != 1:
            add(
                "choices", "A true/false question has a True and a False choice, one of them right."
            )
    elif spec.type == SHORT_ANSWER:
        if not any(c.weight > 0 and normalise_text(c.text) for c in choices):
            add("choices", "Give at least one accepted answer.")
    elif spec.type == CLOZE:
        count = spec.prompt.count(BLANK)
        if count == 0:
            add("prompt", f"Mark each blank in the text with {BLANK}.")
        answered = {c.blank for c in choices if c.weight > 0 and c.text.strip()}
        for index in range(count):
            if index not in answered:
                add("choices", f"Give an accepted answer for blank {index + 1}.")
    elif spec.type == NUMERICAL:
        numbered = [c for c in choices if c.numeric_value is not None]
        if not any(c.weight > 0 for c in numbered):
            add("choices", "Give the right value.")
        if any(c.tolerance < 0 for c in numbered):
            add("choices", "Tolerance cannot be negative.")
    elif spec.type == MATCHING:
        pairs = [c for c in choices if c.text.strip() and c.match_text.strip()]
        if len(pairs) < 2:
            add("choices", "A matching question needs at least two pairs.")
    if spec.typo_tolerance < 0 or spec.typo_tolerance > 3:
        add("typo_tolerance", "Typo tolerance is between 0 and 3 letters.")
    return errors


def shuffled(items: Sequence, seed: int) -> list:
    """A stable shuffle: the same seed always gives the same order."""
    order = list(items)
    random.Random(seed).shuffle(order)
    return order


def split_prompt(prompt: str) -> list[str]:
    """Cloze prompt pieces around its blanks, for rendering inputs in place."""
    return re.split(re.escape(BLANK), prompt)
