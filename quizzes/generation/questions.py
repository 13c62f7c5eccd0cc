"""The pipeline's input and output records, and the candidate a builder proposes to the scorer."""

from dataclasses import dataclass, field

from .. import grading

BLANK = grading.BLANK

# The types the generator writes: every graded type but matching.
QUESTION_TYPES = tuple(t for t in grading.QUESTION_TYPES if t != grading.MATCHING)


@dataclass(frozen=True)
class LessonText:
    key: str
    title: str
    text: str
    # Back matter (lessons.parsing.is_back_matter: references, notes, links): asked nothing,
    # and left out of coverage, but still read for the course's vocabulary and distractors.
    reference: bool = False


@dataclass(frozen=True)
class GeneratedChoice:
    text: str
    correct: bool


@dataclass
class GeneratedQuestion:
    type: str
    prompt: str
    source_sentence: str
    source_start: int
    source_end: int
    generator: str
    generator_version: str
    fact_key: str
    choices: list[GeneratedChoice] = field(default_factory=list)
    accepted_answers: list[str] = field(default_factory=list)
    numeric_answer: float | None = None
    tolerance: float = 0.0
    score: float = 0.0
    raw_score: float = 0.0  # before calibration (quality.raw_score)

    @property
    def correct_texts(self) -> list[str]:
        """What a learner must produce or pick: what must never appear in the prompt."""
        if self.type == "true_false":
            return []
        if self.choices:
            return [c.text for c in self.choices if c.correct]
        return list(self.accepted_answers)


@dataclass
class Candidate:
    """A question plus what the scorer needs to judge it; builders over-generate these."""

    question: GeneratedQuestion
    answer: str  # the tested span as it reads in the source sentence
    answer_kind: str  # ORG, GPE, YEAR, NUMBER, CONCEPT, LIST_ITEM, DEFINITION, ...
    answer_pos: tuple[str, ...] = ()  # coarse POS tags of the answer's tokens, when it is a span
    statement: str = ""  # the sentence the prompt is built from, before blanking or swapping
    context_given: bool = False  # the previous sentence was prepended: this one leans on it
    distractors: list[str] = field(default_factory=list)
    # Further wrong answers as good as `distractors`, to stand in for one the course has used up.
    spare_distractors: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
