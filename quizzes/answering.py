"""Answering a question, one path for quiz attempts and review sessions alike: the layout the
student sees (quizzes/_answer_inputs.html renders it), reading the posted form into an answer,
refusing an empty one, grading it, and the feedback shown afterwards
(quizzes/_answer_feedback.html)."""

from dataclasses import asdict, dataclass, field

from . import grading


@dataclass
class Option:
    key: str
    text: str


@dataclass
class QuestionLayout:
    type: str
    prompt: str
    options: list[Option] = field(default_factory=list)
    prompt_parts: list[str] = field(default_factory=list)
    match_items: list[Option] = field(default_factory=list)
    match_targets: list[str] = field(default_factory=list)

    @property
    def blanks(self) -> int:
        return max(len(self.prompt_parts) - 1, 0)


def _key(choice: grading.ChoiceSpec, index: int) -> str:
    return str(choice.id if choice.id is not None else index)


def question_layout(spec: grading.QuestionSpec, seed: int | None) -> QuestionLayout:
    """What a student sees before answering; ``seed`` shuffles choices (None keeps author order).

    Nothing here reveals which answer is right: accepted texts and weights stay out.
    """
    keyed = [(_key(c, i), c) for i, c in enumerate(spec.choices)]

    def order(items: list) -> list:
        return grading.shuffled(items, seed) if seed is not None else list(items)

    layout = QuestionLayout(type=spec.type, prompt=spec.prompt)
    if spec.type in {grading.SINGLE_CHOICE, grading.MULTIPLE_RESPONSE}:
        layout.options = [Option(k, c.text) for k, c in order(keyed) if c.text.strip()]
    elif spec.type == grading.TRUE_FALSE:
        # True before False reads naturally; shuffling two fixed labels only confuses.
        ranked = sorted(keyed, key=lambda kc: kc[1].text.strip().lower() != "true")
        layout.options = [Option(k, c.text) for k, c in ranked]
    elif spec.type == grading.CLOZE:
        layout.prompt_parts = grading.split_prompt(spec.prompt)
    elif spec.type == grading.MATCHING:
        pairs = [(k, c) for k, c in keyed if c.text.strip() and c.match_text.strip()]
        layout.match_items = [Option(k, c.text) for k, c in order(pairs)]
        targets = sorted({c.match_text for _, c in pairs})
        layout.match_targets = grading.shuffled(targets, seed + 1) if seed is not None else targets
    return layout


# A typed answer longer than this is no answer to a question, and every response stores it.
MAX_ANSWER_CHARS = 1000
# More values than this under one name (ticked boxes, blanks) is not a form a page sent.
MAX_ANSWER_PARTS = 100


def _posted(data, name: str) -> list[str]:
    """The values posted under ``name``, refused when they could not be an answer."""
    values = data.getlist(name)
    if len(values) > MAX_ANSWER_PARTS:
        raise grading.InvalidAnswer("Too many answers were sent for this question.")
    for value in values:
        if len(value) > MAX_ANSWER_CHARS:
            raise grading.InvalidAnswer(
                f"An answer can be at most {MAX_ANSWER_CHARS:,} characters long "
                f"(this one has {len(value):,})."
            )
        if "\x00" in value:
            raise grading.InvalidAnswer("The answer holds a null character; type it again.")
    return values


def _one(data, name: str) -> str:
    values = _posted(data, name)
    return values[-1] if values else ""


def answer_from_form(spec: grading.QuestionSpec, data, prefix: str = ""):
    """Read the answer a form posted for this question (``data`` is a QueryDict).

    Raises grading.InvalidAnswer when nothing was answered, so an empty submit records nothing,
    in a quiz and in a review alike, and when what was sent could not be an answer (over
    MAX_ANSWER_CHARS, or holding a null character, which PostgreSQL cannot store).
    """
    name = f"{prefix}answer"
    if spec.type in {grading.SINGLE_CHOICE, grading.TRUE_FALSE}:
        answer = _one(data, name).strip()
        if not answer:
            raise grading.InvalidAnswer("Choose an answer.")
        return answer
    if spec.type == grading.MULTIPLE_RESPONSE:
        answer = [value for value in _posted(data, name) if value.strip()]
        if not answer:
            raise grading.InvalidAnswer("Choose at least one answer.")
        return answer
    if spec.type in {grading.SHORT_ANSWER, grading.NUMERICAL}:
        answer = _one(data, name).strip()
        if not answer:
            raise grading.InvalidAnswer("Type an answer.")
        return answer
    if spec.type == grading.CLOZE:
        answer = [value.strip() for value in _posted(data, name)]
        if not any(answer):
            raise grading.InvalidAnswer("Fill in the blanks.")
        return answer
    if spec.type == grading.MATCHING:
        answer = {}
        for index, choice in enumerate(spec.choices):
            key = _key(choice, index)
            if choice.match_text.strip():
                answer[key] = _one(data, f"{prefix}match-{key}").strip()
        if not any(answer.values()):
            raise grading.InvalidAnswer("Match the items.")
        return answer
    raise grading.InvalidAnswer(f"Unknown question type {spec.type!r}.")


def chosen_keys(answer) -> set[str]:
    """The choice keys in a stored answer, for re-checking boxes when feedback is shown."""
    if isinstance(answer, list):
        return {str(a) for a in answer}
    if isinstance(answer, dict):
        return set()
    return {str(answer)}


def shuffle_seed(student_id: int, question_id: int) -> int:
    """A seed stable per student and question, so reloading a review never reorders choices."""
    return student_id * 1_000_003 + question_id


@dataclass
class Feedback:
    """What a student is shown once an answer is graded."""

    mark: float
    normalised: str
    typo: bool = False
    lines: list[str] = field(default_factory=list)
    correct_answer: str = ""
    general_feedback: str = ""

    @property
    def correct(self) -> bool:
        return grading.is_correct(self.mark)

    @property
    def partial(self) -> bool:
        return grading.is_partial(self.mark)

    @property
    def percent(self) -> int:
        return round(100 * self.mark)

    def as_dict(self) -> dict:
        """Plain data, to keep in the session between answering and rating."""
        return asdict(self)


def feedback(spec: grading.QuestionSpec, grade: grading.Grade, general: str = "") -> Feedback:
    return Feedback(
        mark=grade.mark,
        normalised=grade.normalised,
        typo=grade.typo,
        lines=list(grade.feedback),
        correct_answer=grading.correct_answer_text(spec),
        general_feedback=general,
    )
