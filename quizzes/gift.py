"""Moodle GIFT question text: parse it into plain dataclasses and write it back losslessly."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

from . import grading

# Tutor's question types (quizzes.grading) and GIFT's essay, which Tutor cannot grade.
QuestionType = Literal[
    "single_choice",
    "multiple_response",
    "true_false",
    "short_answer",
    "cloze",
    "numerical",
    "matching",
    "essay",
]
TextFormat = Literal["moodle", "markdown", "html", "plain"]
BlankKind = Literal["choice", "text"]

QUESTION_TYPES: tuple[str, ...] = (*grading.QUESTION_TYPES, "essay")
assert set(QUESTION_TYPES) == set(QuestionType.__args__)
TEXT_FORMATS: tuple[str, ...] = TextFormat.__args__
# Where an answer block stood in the middle of the text (Moodle's "missing word" line).
BLANK = grading.BLANK


@dataclass(frozen=True)
class GiftAnswer:
    """One answer of a question; which fields matter depends on the question type.

    - choices, short answers, cloze blanks: ``text``, ``fraction``, ``feedback``;
      ``blank`` is the 0-based blank a cloze answer belongs to.
    - true/false: two answers, "True" and "False"; the right one has fraction 1.0 and each
      carries the feedback shown to a student who picks it.
    - matching: ``text`` is the item, ``match_text`` what it matches (an empty ``text`` is an
      extra wrong match, as Moodle allows).
    - numerical: ``value`` and ``tolerance``; a range ``{#1.5..2.5}`` also keeps
      ``range_min``/``range_max`` so it is written back as a range. ``text`` is the answer in
      canonical form ("1822:2", "1.5..2.5"). A "~#feedback" for any other number has
      ``text="*"`` and ``value=None``.
    """

    text: str
    fraction: float = 0.0
    feedback: str = ""
    match_text: str = ""
    value: float | None = None
    tolerance: float | None = None
    range_min: float | None = None
    range_max: float | None = None
    blank: int = 0

    @classmethod
    def number(
        cls, value: float, tolerance: float = 0.0, *, fraction: float = 1.0, feedback: str = ""
    ) -> GiftAnswer:
        """A numerical answer right within value ± tolerance."""
        value, tolerance = float(value), float(tolerance)
        text = _write_number(value) + (f":{_write_number(tolerance)}" if tolerance else "")
        return cls(text, fraction, feedback, value=value, tolerance=tolerance)

    @classmethod
    def number_range(
        cls, low: float, high: float, *, fraction: float = 1.0, feedback: str = ""
    ) -> GiftAnswer:
        """A numerical answer right from low to high, written back as a range."""
        low, high = float(low), float(high)
        return cls(
            text=f"{_write_number(low)}..{_write_number(high)}",
            fraction=fraction,
            feedback=feedback,
            value=(low + high) / 2,
            tolerance=(high - low) / 2,
            range_min=low,
            range_max=high,
        )


@dataclass(frozen=True)
class GiftQuestion:
    type: QuestionType
    prompt: str
    answers: list[GiftAnswer] = field(default_factory=list)
    title: str = ""
    text_format: TextFormat = "moodle"
    general_feedback: str = ""
    # The `$CATEGORY:` in force where the question was read ("" before any).
    category: str = ""
    # Cloze only: per blank, "choice" (pick from the answers) or "text" (type an answer).
    blank_kinds: tuple[BlankKind, ...] = ()
    # 1-based line where the question starts; not part of equality so round trips compare.
    line: int = field(default=0, compare=False)

    @property
    def true_false_answer(self) -> bool | None:
        """For a true/false question, whether the statement is true; otherwise None."""
        if self.type != "true_false":
            return None
        return any(a.text == "True" and a.fraction == 1.0 for a in self.answers)


@dataclass(frozen=True)
class GiftError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class GiftParseResult:
    questions: list[GiftQuestion]
    errors: list[GiftError]


class GiftDumpError(ValueError):
    """A question holds something GIFT cannot express (or is not a valid question)."""


class _Malformed(Exception):
    pass


# Escaped characters are swapped for Unicode noncharacters (reserved for internal use, never
# meaningful in text) while the structure is read, so `\{`, `\=`... never act as syntax.
_ESCAPABLE = "\\~=#{}:n"
_MASK = {c: chr(0xFDD0 + i) for i, c in enumerate(_ESCAPABLE)}
_UNMASK = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _MASK.items()})
_SCRUB = str.maketrans(dict.fromkeys(_MASK.values(), "\ufffd"))
_ESCAPE_RE = re.compile(r"\\([\\~=#{}:n])")
_MASKED_RE = re.compile("[\ufdd0-\ufdd7]")

_FORMAT_RE = re.compile(r"\[(moodle|markdown|html|plain)\]")
_WEIGHT_RE = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")
_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_CATEGORY = "$CATEGORY:"


# ---------------------------------------------------------------------------------------------
# Parsing


def parse_gift(text: str) -> GiftParseResult:
    """Read every question of a GIFT document; a bad question is reported and skipped.

    Reads what Moodle's importer reads, with its order of checks, and a little more: several
    answer blocks in one question (a cloze with several blanks), `#feedback` on matching
    pairs and lower-case t/f. It is stricter where Moodle guesses: text before the first
    `=`/`~` and a question without any answer block are reported, not imported.
    """
    questions: list[GiftQuestion] = []
    errors: list[GiftError] = []
    category = ""
    for chunk in _chunks(text):
        # A `$CATEGORY:` line applies to the questions after it; Moodle wants it alone in its
        # paragraph, but a question right below it is read too rather than lost.
        while chunk and chunk[0][1].lstrip().startswith(_CATEGORY):
            category = chunk[0][1].lstrip()[len(_CATEGORY) :].strip()
            chunk = chunk[1:]
        if not chunk:
            continue
        start = chunk[0][0]
        try:
            question = _parse_question(chunk)
        except _Malformed as exc:
            errors.append(GiftError(start, str(exc)))
            continue
        questions.append(replace(question, category=category, line=start))
    return GiftParseResult(questions, errors)


def _chunks(text: str) -> list[list[tuple[int, str]]]:
    """Split into questions at blank lines, keeping line numbers and dropping `//` comments."""
    # Byte order marks (also stray ones from concatenated files) carry no text.
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    if _MASKED_RE.search(text):
        text = text.translate(_SCRUB)
    chunks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            if current:
                chunks.append(current)
                current = []
        elif not line.lstrip().startswith("//"):
            current.append((number, line))
    if current:
        chunks.append(current)
    return chunks


def _mask(text: str) -> str:
    return _ESCAPE_RE.sub(lambda escape: _MASK[escape.group(1)], text)


def _plain(masked: str) -> str:
    masked = masked.strip()
    return masked.translate(_UNMASK).strip() if _MASKED_RE.search(masked) else masked


def _formatted(masked: str) -> str:
    """Answer or feedback text without its own [format] tag: the question's format applies."""
    masked = masked.strip()
    tag = _FORMAT_RE.match(masked)
    return _plain(masked[tag.end() :] if tag else masked)


def _parse_question(chunk: list[tuple[int, str]]) -> GiftQuestion:
    numbers = [number for number, _ in chunk]
    m = _mask("\n".join(line for _, line in chunk))

    def line_at(pos: int) -> int:
        return numbers[m.count("\n", 0, pos)]

    pos = _skip_space(m, 0)
    title = ""
    if m.startswith("::", pos):
        end = m.find("::", pos + 2)
        if end < 0:
            raise _Malformed("the title opened with '::' is never closed with '::'")
        title = _plain(m[pos + 2 : end])
        pos = _skip_space(m, end + 2)
    text_format: TextFormat = "moodle"
    if tag := _FORMAT_RE.match(m, pos):
        text_format = tag.group(1)  # type: ignore[assignment]
        pos = tag.end()

    blocks = _answer_blocks(m, pos, line_at)
    if not blocks:
        raise _Malformed(
            "no answer block {...}: descriptions without answers are not supported "
            "(write a literal brace as \\{)"
        )
    missing_word = len(blocks) > 1 or m[blocks[-1][1] + 1 :].strip() != ""
    pieces, previous = [], pos
    for opening, closing in blocks:
        pieces += [m[previous:opening], BLANK if missing_word else ""]
        previous = closing + 1
    pieces.append(m[previous:])
    prompt = _plain("".join(pieces))
    if not prompt.replace(BLANK, "").strip():
        raise _Malformed("the question has no text besides its answers")

    general_feedback = None
    contents: list[str] = []
    for opening, closing in blocks:
        content = m[opening + 1 : closing]
        # The last `####` (as Moodle does): answer feedback may itself end in `#`.
        cut = content.rfind("####")
        if cut >= 0:
            if general_feedback is not None:
                raise _Malformed("general feedback '####' is given in more than one answer block")
            general_feedback = _formatted(content[cut + 4 :])
            content = content[:cut]
        contents.append(content.strip())

    question = GiftQuestion(
        type="essay",
        prompt=prompt,
        title=title,
        text_format=text_format,
        general_feedback=general_feedback or "",
    )
    if len(blocks) == 1:
        return _single_block_question(question, contents[0], missing_word)
    return _cloze(question, contents)


def _skip_space(m: str, pos: int) -> int:
    while pos < len(m) and m[pos].isspace():
        pos += 1
    return pos


def _answer_blocks(m: str, start: int, line_at: Callable[[int], int]) -> list[tuple[int, int]]:
    blocks: list[tuple[int, int]] = []
    opening = None
    for pos in range(start, len(m)):
        char = m[pos]
        if char == "{":
            if opening is not None:
                raise _Malformed(
                    f"'{{' on line {line_at(pos)} is inside the answer block opened on line "
                    f"{line_at(opening)}; close that block first or escape the brace as \\{{"
                )
            opening = pos
        elif char == "}":
            if opening is None:
                raise _Malformed(
                    f"'}}' on line {line_at(pos)} closes no answer block (escape it as \\}})"
                )
            blocks.append((opening, pos))
            opening = None
    if opening is not None:
        raise _Malformed(
            f"the answer block opened with '{{' on line {line_at(opening)} is never closed"
        )
    return blocks


def _single_block_question(
    question: GiftQuestion, content: str, missing_word: bool
) -> GiftQuestion:
    kind, answers = _read_block(content)
    if kind in ("essay", "numerical", "true_false", "matching"):
        return replace(question, type=kind, answers=answers)
    if kind == "choice_multiple":
        _check_multiple_response(answers)
        return replace(question, type="multiple_response", answers=answers)
    if missing_word:
        return _cloze_from([(kind, answers)], question)
    if kind == "choice_single":
        _check_full_marks(answers, "multiple-choice question")
        return replace(question, type="single_choice", answers=answers)
    _check_full_marks(answers, "short-answer question")
    return replace(question, type="short_answer", answers=answers)


def _cloze(question: GiftQuestion, contents: list[str]) -> GiftQuestion:
    blanks = []
    for number, content in enumerate(contents, start=1):
        kind, answers = _read_block(content)
        if kind not in ("choice_single", "choice_multiple", "text"):
            raise _Malformed(
                f"blank {number}: a question with several answer blocks may only hold "
                f"choice ({{=right ~wrong}}) or short-answer ({{=answer}}) blanks, not "
                f"{kind.replace('_', '/')} (separate questions with a blank line)"
            )
        blanks.append((kind, answers))
    return _cloze_from(blanks, question)


def _cloze_from(blanks: list[tuple[str, list[GiftAnswer]]], question: GiftQuestion) -> GiftQuestion:
    all_answers: list[GiftAnswer] = []
    kinds: list[BlankKind] = []
    for index, (kind, answers) in enumerate(blanks):
        label = f"blank {index + 1}" if len(blanks) > 1 else "the blank"
        _check_full_marks(answers, label)
        kinds.append("text" if kind == "text" else "choice")
        all_answers += [replace(answer, blank=index) for answer in answers]
    return replace(question, type="cloze", answers=all_answers, blank_kinds=tuple(kinds))


def _read_block(content: str) -> tuple[str, list[GiftAnswer]]:
    """Tell the kind of one answer block (Moodle's order of checks) and read its answers."""
    if not content:
        return "essay", []
    if content.startswith("#"):
        return "numerical", _numerical_answers(content[1:])
    head, *feedbacks = content.split("#", 2)
    if head.strip().upper() in _TRUE_FALSE:
        return "true_false", _true_false_answers(_TRUE_FALSE[head.strip().upper()], feedbacks)
    if "~" in content:
        segments = _segments(content)
        if len(segments) < 2:
            raise _Malformed("a multiple-choice question needs at least two answers")
        answers = [_weighted_answer(marker, body) for marker, body in segments]
        kind = (
            "choice_single" if any(marker == "=" for marker, _ in segments) else "choice_multiple"
        )
        return kind, answers
    segments = _segments(content) if "=" in content or "->" in content else []
    # Matching when an answer (not just its feedback) holds "->", as Moodle reads it.
    if any("->" in body.partition("#")[0] for _, body in segments):
        return "matching", _matching_answers(segments)
    if segments:
        return "text", [_weighted_answer(marker, body) for marker, body in segments]
    raise _Malformed(
        f"cannot tell the question type of the answer block {{{_plain(content)[:60]}}}: "
        "answers start with '=' (right) or '~' (wrong); the other forms are {T}/{F}, "
        "{#number} and {} for an essay"
    )


def _segments(content: str, implicit: str | None = None) -> list[tuple[str, str]]:
    """Split a block at each `=` / `~` into (marker, body)."""
    starts = [i for i, char in enumerate(content) if char in "=~"]
    lead = content[: starts[0]] if starts else content
    segments: list[tuple[str, str]] = []
    if lead.strip():
        if implicit is None:
            raise _Malformed(
                f"unexpected text {_plain(lead)!r} before the first answer; "
                "each answer starts with '=' (right) or '~' (wrong)"
            )
        segments.append((implicit, lead))
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(content)
        segments.append((content[start], content[start + 1 : end]))
    return segments


def _weight(body: str) -> tuple[float | None, str]:
    match = _WEIGHT_RE.match(body)
    if not match:
        return None, body
    # "e-2" rather than "/ 100": one correctly rounded step, so every fraction can be written.
    fraction = float(match.group(1) + "e-2")
    if not -1.0 <= fraction <= 1.0:
        raise _Malformed(f"the weight {match.group(1)}% is outside -100%..100%")
    return fraction, body[match.end() :]


def _text_and_feedback(body: str) -> tuple[str, str]:
    text, _, feedback = body.partition("#")
    return text, _formatted(feedback)


def _weighted_answer(marker: str, body: str) -> GiftAnswer:
    fraction, body = _weight(body)
    text, feedback = _text_and_feedback(body)
    text = _formatted(text)
    if not text:
        raise _Malformed(f"an answer after '{marker}' is empty")
    if fraction is None:
        fraction = 1.0 if marker == "=" else 0.0
    return GiftAnswer(text=text, fraction=fraction, feedback=feedback)


def _true_false_answers(correct: bool, feedbacks: list[str]) -> list[GiftAnswer]:
    # {T#shown if answered wrongly#shown if answered rightly}
    wrong = _formatted(feedbacks[0]) if feedbacks else ""
    right = _formatted(feedbacks[1]) if len(feedbacks) > 1 else ""
    return [
        GiftAnswer("True", 1.0 if correct else 0.0, right if correct else wrong),
        GiftAnswer("False", 0.0 if correct else 1.0, wrong if correct else right),
    ]


def _matching_answers(segments: list[tuple[str, str]]) -> list[GiftAnswer]:
    answers = []
    for marker, body in segments:
        if marker != "=":
            raise _Malformed("matching pairs are written '=item -> match'; '~' is not allowed")
        pair, feedback = _text_and_feedback(body)
        item, arrow, match = pair.partition("->")
        if not arrow:
            raise _Malformed(f"the matching pair {_plain(pair)!r} has no '->'")
        if not _plain(match):
            raise _Malformed(f"the matching pair {_plain(pair)!r} has nothing after '->'")
        answers.append(GiftAnswer(_formatted(item), 1.0, feedback, match_text=_plain(match)))
    pairs = sum(1 for answer in answers if answer.text)
    if pairs < 2:
        raise _Malformed(
            f"a matching question needs at least two pairs '=item -> match' (got {pairs})"
        )
    return answers


def _numerical_answers(content: str) -> list[GiftAnswer]:
    # `{#1822:2}` holds one answer without '='; `{# =1822:0 =%50%1822:2}` holds several.
    implicit = None if "=" in content else "="
    answers = []
    for marker, body in _segments(content, implicit=implicit):
        fraction, body = _weight(body)
        spec, feedback = _text_and_feedback(body)
        spec = _plain(spec)
        if marker == "~":
            if spec not in ("", "*"):
                raise _Malformed(
                    "in a numerical question '~' only gives feedback for any other number "
                    f"('~#feedback'), not {spec!r}"
                )
            answers.append(GiftAnswer("*", fraction or 0.0, feedback))
        else:
            answers.append(_number_answer(spec, 1.0 if fraction is None else fraction, feedback))
    if not any(answer.value is not None for answer in answers):
        raise _Malformed("a numerical question needs at least one number")
    _check_full_marks(answers, "numerical question")
    return answers


def _number_answer(spec: str, fraction: float, feedback: str) -> GiftAnswer:
    if ".." in spec:
        low, high = (_number(part) for part in spec.split("..", 1))
        if low > high:
            raise _Malformed(f"the range {spec!r} ends below its start")
        return GiftAnswer.number_range(low, high, fraction=fraction, feedback=feedback)
    value_text, colon, tolerance_text = spec.partition(":")
    value = _number(value_text)
    tolerance = _number(tolerance_text) if colon else 0.0
    if tolerance < 0:
        raise _Malformed(f"the tolerance in {spec!r} is negative")
    return GiftAnswer.number(value, tolerance, fraction=fraction, feedback=feedback)


def _number(text: str) -> float:
    text = text.strip()
    if not _NUMBER_RE.fullmatch(text):
        raise _Malformed(
            f"{text!r} is not a number (numerical answers look like 1822, 1822:2 or 1.5..2.5)"
        )
    if not math.isfinite(number := float(text)):
        raise _Malformed(f"{text!r} is too large a number")
    return number


def _check_full_marks(answers: list[GiftAnswer], what: str) -> None:
    if not any(answer.fraction == 1.0 for answer in answers):
        raise _Malformed(
            f"{what} has no right answer: mark one with '=' (or give it the weight %100%)"
        )


def _check_multiple_response(answers: list[GiftAnswer]) -> None:
    positive = [answer.fraction for answer in answers if answer.fraction > 0]
    if not positive:
        raise _Malformed(
            "the multiple-choice question has no right answer: mark it with '=' or, when "
            "several answers are right, give them weights adding up to 100% (~%50%...)"
        )
    # Moodle rounds the sum to two decimals, so three answers of 33.333% are accepted.
    if round(sum(positive), 2) != 1.0:
        raise _Malformed(
            f"the weights of the right answers add up to {sum(positive) * 100:g}%, not 100%"
        )


# ---------------------------------------------------------------------------------------------
# Writing


def dump_gift(questions: list[GiftQuestion]) -> str:
    """Write questions as GIFT; `parse_gift` reads the result back to equal questions.

    Raises GiftDumpError, naming the question, for one that is not valid or that GIFT cannot
    express. A cloze with several blanks and feedback on matching pairs are written the way
    `parse_gift` reads them; Moodle's own importer does not know these two.
    """
    parts: list[str] = []
    category = ""
    for question in questions:
        if question.category != category:
            if "\n" in question.category or "\r" in question.category:
                raise GiftDumpError(
                    f"question {_label(question)!r}: the category {question.category!r} "
                    "spans several lines"
                )
            parts.append(f"{_CATEGORY} {question.category}".rstrip())
            category = question.category
        parts.append(_write_checked(question))
    return "\n\n".join(parts) + "\n" if parts else ""


def _write_checked(question: GiftQuestion) -> str:
    """Write one question and read it back, so an export never holds what import rejects."""
    label = _label(question)
    try:
        text = _write_question(question)
    except GiftDumpError as exc:
        raise GiftDumpError(f"question {label!r}: {exc}") from exc
    result = parse_gift(text)
    if result.errors:
        raise GiftDumpError(f"question {label!r}: {result.errors[0].message}")
    if result.questions[0].type != question.type:
        raise GiftDumpError(
            f"question {label!r} would read back as {result.questions[0].type}, not {question.type}"
        )
    return text


def _label(question: GiftQuestion) -> str:
    return question.title or question.prompt[:60]


def _write_question(question: GiftQuestion) -> str:
    kind = question.type
    if kind not in QUESTION_TYPES:
        raise GiftDumpError(f"unknown question type {kind!r}")
    if question.text_format not in TEXT_FORMATS:
        raise GiftDumpError(f"unknown text format {question.text_format!r}")
    if not question.prompt.replace(BLANK, "").strip():
        raise GiftDumpError("a question needs some text")
    head = f"::{_escape(question.title)}::" if question.title else ""
    # Without the tag, a prompt starting "[html]" or "//" would read as a format or a comment.
    if question.text_format != "moodle" or question.prompt.startswith(("[", "//")):
        head += f"[{question.text_format}]"
    prompt = _escape(question.prompt)

    if kind == "cloze":
        return head + _write_cloze(question, prompt)
    # Other types keep their type wherever the block stands, so it goes back to the first
    # blank; a block with no text after it would not be read as a blank, so it goes last.
    blank = prompt.find(BLANK)
    mid_text = blank >= 0 and prompt[blank + len(BLANK) :].strip() != ""
    if kind in ("single_choice", "short_answer") or not mid_text:
        # An answer block in mid-text would turn these into cloze questions: keep it last.
        lines = _block_lines(question)
        if question.general_feedback:
            lines.append("####" + _escape_lead(question.general_feedback))
        if kind in ("essay", "true_false"):
            return f"{head}{prompt} {{{''.join(lines)}}}"
        return f"{head}{prompt} {_opening(kind)}\n" + "".join(f"\t{line}\n" for line in lines) + "}"
    return head + prompt.replace(BLANK, _inline_block(question, _block_lines(question)), 1)


def _write_cloze(question: GiftQuestion, prompt: str) -> str:
    count = len(question.blank_kinds)
    if count == 0 or prompt.count(BLANK) < count:
        raise GiftDumpError(
            f"a cloze question needs one {BLANK} in its prompt per blank ({count} blanks)"
        )
    if any(answer.blank not in range(count) for answer in question.answers):
        raise GiftDumpError("a cloze answer refers to a blank the question does not have")
    pieces = prompt.split(BLANK, count)
    if count == 1 and not pieces[1].strip():
        raise GiftDumpError("a cloze question with one blank needs text after the blank")
    out = pieces[0]
    for index, kind in enumerate(question.blank_kinds):
        answers = [answer for answer in question.answers if answer.blank == index]
        choice = kind == "choice"
        lines = _choice_lines(answers, multiple=False) if choice else _text_lines(answers)
        if index == count - 1 and question.general_feedback:
            lines.append("####" + _escape_lead(question.general_feedback))
        out += "{" + " ".join(lines) + "}" + pieces[index + 1]
    return out


def _inline_block(question: GiftQuestion, lines: list[str]) -> str:
    if question.general_feedback:
        lines = [*lines, "####" + _escape_lead(question.general_feedback)]
    separator = "" if question.type in ("essay", "true_false") else " "
    return _opening(question.type) + separator.join(lines) + "}"


def _opening(kind: str) -> str:
    return "{#" if kind == "numerical" else "{"


def _block_lines(question: GiftQuestion) -> list[str]:
    answers = question.answers
    match question.type:
        case "single_choice":
            return _choice_lines(answers, multiple=False)
        case "multiple_response":
            return _choice_lines(answers, multiple=True)
        case "short_answer":
            return _text_lines(answers)
        case "numerical":
            return _numerical_lines(answers)
        case "matching":
            return _matching_lines(answers)
        case "true_false":
            return [_true_false_block(question)]
        case _:  # essay
            if answers:
                raise GiftDumpError("an essay question has no answers in GIFT")
            return []


def _choice_lines(answers: list[GiftAnswer], *, multiple: bool) -> list[str]:
    # `=` marks a single-answer question, so multiple-response answers always use `~%w%`;
    # a single-answer block also needs one `~`, or it would read as a short answer.
    any_wrong = any(answer.fraction != 1.0 for answer in answers)
    lines = []
    for index, answer in enumerate(answers):
        if answer.fraction == 1.0 and not multiple and (any_wrong or index == 0):
            marker, default = "=", 1.0
        else:
            marker, default = "~", 0.0
        lines.append(marker + _answer_body(answer, default))
    return lines


def _text_lines(answers: list[GiftAnswer]) -> list[str]:
    lines = []
    for answer in answers:
        if "->" in answer.text:
            raise GiftDumpError(
                f"the short answer {answer.text!r} contains '->', which GIFT reads as matching"
            )
        lines.append("=" + _answer_body(answer, 1.0))
    return lines


def _answer_body(answer: GiftAnswer, default: float) -> str:
    text = _escape_lead(answer.text)
    weight = ""
    if answer.fraction != default or _WEIGHT_RE.match(text):
        weight = f"%{_percent(answer.fraction)}%"
    return weight + text + _feedback(answer.feedback)


def _feedback(feedback: str) -> str:
    return "#" + _escape_lead(feedback) if feedback else ""


def _numerical_lines(answers: list[GiftAnswer]) -> list[str]:
    lines = []
    for answer in answers:
        if answer.value is None:
            weight = f"%{_percent(answer.fraction)}%" if answer.fraction else ""
            lines.append(f"~{weight}{_feedback(answer.feedback)}")
            continue
        if answer.range_min is not None and answer.range_max is not None:
            spec = f"{_write_number(answer.range_min)}..{_write_number(answer.range_max)}"
        else:
            spec = f"{_write_number(answer.value)}:{_write_number(answer.tolerance or 0.0)}"
        weight = "" if answer.fraction == 1.0 else f"%{_percent(answer.fraction)}%"
        lines.append(f"={weight}{spec}{_feedback(answer.feedback)}")
    return lines


def _matching_lines(answers: list[GiftAnswer]) -> list[str]:
    lines = []
    for answer in answers:
        if "->" in answer.text:
            raise GiftDumpError(f"the matching item {answer.text!r} contains '->'")
        item = _escape_lead(answer.text)
        lines.append(f"={item} -> {_escape(answer.match_text)}{_feedback(answer.feedback)}")
    return lines


def _true_false_block(question: GiftQuestion) -> str:
    correct = question.true_false_answer
    by_text = {answer.text: answer.feedback for answer in question.answers}
    if set(by_text) != {"True", "False"}:
        raise GiftDumpError("a true/false question has exactly the answers 'True' and 'False'")
    right = by_text["True" if correct else "False"]
    wrong = by_text["False" if correct else "True"]
    block = "TRUE" if correct else "FALSE"
    if wrong or right:
        block += "#" + _escape_lead(wrong)
    if right:
        block += "#" + _escape_lead(right)
    return block


def _escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        "\\" + char if char in "\\~=#{}:" else "\\n" if char == "\n" else char for char in text
    )


def _escape_lead(text: str) -> str:
    """Escape answer or feedback text; a leading "[html]" would otherwise read as a format tag."""
    escaped = _escape(text)
    return "[moodle]" + escaped if _FORMAT_RE.match(escaped) else escaped


def _percent(fraction: float) -> str:
    """The shortest percentage that reads back as exactly this fraction."""
    if not -1.0 <= fraction <= 1.0:
        raise GiftDumpError(f"the fraction {fraction} is outside -1..1")
    # repr() is the shortest decimal that reads back as this float; shift it two places.
    return format((Decimal(repr(float(fraction))) * 100).normalize(), "f")


def _write_number(value: float) -> str:
    if not math.isfinite(value):
        raise GiftDumpError(f"{value} is not a finite number")
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)
