"""Wrong answers of the same kind as the right one: from the lesson first, then the course."""

import re
from dataclasses import dataclass

from .analysis import LessonAnalysis, ListBlock, Sentence, Term
from .normalise import answer_key, contains_phrase, content_words, related

_SMALL_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
# Offsets for years near the right one, in the order they are tried: close enough to be
# plausible, far enough apart that a learner who knows the date is never in doubt.
_YEAR_OFFSETS = (-4, 3, -7, 6, -2, 9, -11, 12)
MIN_CONCEPT_IMPORTANCE = 0.2
# How many of the course's most important terms of a kind are tried once the lesson runs out.
COURSE_SCAN_LIMIT = 300
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Fixed rather than read from the clock so that generation stays deterministic.
PRESENT_YEAR = 2025
_NUMBER_FACTORS = (0.5, 1.5, 2.0, 0.75, 3.0, 1.25)


@dataclass
class _Entry:
    text: str
    key: str
    lesson_key: str
    importance: float
    plural: bool
    word_count: int
    value: float | None


class DistractorPool:
    """Every candidate wrong answer in a course, indexed by kind."""

    def __init__(self, analyses: list[LessonAnalysis]):
        self.acronyms: dict[str, str] = {}
        self._by_kind: dict[str, list[_Entry]] = {}
        self._by_lesson_kind: dict[tuple[str, str], list[_Entry]] = {}
        self._sentence_words: dict[tuple[str, int], set[str]] = {}
        self.takes_article: dict[str, bool] = {}  # answer key -> first written as "the X"
        self.kind_words: dict[str, str | None] = {}  # answer key -> the name's kind word
        self.years: list[int] = []
        self.lists: list[tuple[str, ListBlock]] = []  # (lesson key, list) across the course
        self.related: set[frozenset[str]] = set()  # kind-of/part-of/alias pairs of term keys
        seen: set[tuple[str, str, str]] = set()
        seen_in_course: set[tuple[str, str]] = set()
        for analysis in analyses:
            self.lists.extend((analysis.lesson.key, lb) for lb in analysis.lists)
            self.related |= analysis.related
            for short, long in analysis.acronyms.items():
                self.acronyms.setdefault(short, long)
            for _sentence, term in analysis.terms():
                mark = (analysis.lesson.key, term.kind, term.key)
                self.takes_article.setdefault(term.key, term.article)
                self.kind_words.setdefault(term.key, term.kind_word)
                if mark in seen:
                    continue
                seen.add(mark)
                entry = _Entry(
                    text=term.text,
                    key=term.key,
                    lesson_key=analysis.lesson.key,
                    importance=term.importance,
                    plural=term.plural,
                    word_count=term.word_count,
                    value=term.value,
                )
                if (term.kind, term.key) not in seen_in_course:
                    # The course list holds each term once, so a long course stays cheap to scan.
                    seen_in_course.add((term.kind, term.key))
                    self._by_kind.setdefault(term.kind, []).append(entry)
                self._by_lesson_kind.setdefault((analysis.lesson.key, term.kind), []).append(entry)
                if term.kind == "YEAR" and term.value is not None:
                    self.years.append(int(term.value))
        for entries in [*self._by_kind.values(), *self._by_lesson_kind.values()]:
            entries.sort(key=lambda e: (-e.importance, e.key))
        self.years = sorted(set(self.years))

    def sentence_words(self, analysis: LessonAnalysis, sentence: Sentence) -> set[str]:
        mark = (analysis.lesson.key, sentence.index)
        if mark not in self._sentence_words:
            self._sentence_words[mark] = content_words(sentence.text)
        return self._sentence_words[mark]

    def stated_elsewhere(
        self, candidate: str, stem: str, analysis: LessonAnalysis, sentence: Sentence
    ) -> bool:
        """Whether the lesson says something close to the stem about `candidate`, which would make
        it a right answer too."""
        stem_words = content_words(stem)
        if not stem_words:
            return False
        for other in analysis.sentences:
            if other.index == sentence.index or not contains_phrase(other.text, candidate):
                continue
            shared = stem_words & self.sentence_words(analysis, other)
            if len(shared) / len(stem_words) >= 0.5:
                return True
        return False

    def pick(
        self,
        *,
        answer: Term,
        sentence: Sentence,
        analysis: LessonAnalysis,
        stem: str,
        n: int = 3,
    ) -> list[str]:
        """Up to `n` distractors for `answer`, or fewer when no good ones exist."""
        if answer.kind == "YEAR":
            candidates = self._year_candidates(answer)
        elif answer.kind == "NUMBER":
            candidates = _number_candidates(answer)
        else:
            candidates = self._term_candidates(answer, analysis)
        chosen: list[str] = []
        for text in candidates:
            if related(text, answer.text, self.acronyms):
                continue
            if frozenset((answer_key(text), answer.key)) in self.related:
                continue  # "lymphocytes" for "T cells": a kind of the other, so not wrong
            if any(related(text, c, self.acronyms) for c in chosen):
                continue
            if answer.kind == "CONCEPT" and any(_stems(text) & _stems(c) for c in chosen):
                continue  # "late claims" and "fraudulent claims": one of them gives both away
            if answer.kind not in {"YEAR", "NUMBER", "CONCEPT", "PERSON"} and not _same_shape(
                text, answer.text
            ):
                continue  # the tagger calls "NADPH" and "Great Oxidation Event" both ORG
            if answer.kind not in {"YEAR", "NUMBER", "CONCEPT", "PERSON"} and (
                self.kind_words.get(answer_key(text)) != answer.kind_word
            ):
                continue  # "Suez Canal Company" for "Great Bitter Lake": a company is no lake
            if answer.kind in _LOOSE_LABELS and not _same_type_word(text, answer.text):
                continue  # "Mount Tambora" for "Pacific Ocean": the tagger calls both LOC
            if answer.kind == "PERSON" and _shares_a_name(text, sentence.statement()):
                continue  # "Charles Darwin" in a question that names Darwin
            if answer.kind in {"YEAR", "NUMBER"} and contains_phrase(sentence.text, text):
                continue  # "between 2010 and 2010"
            if answer.kind not in {"YEAR", "NUMBER"}:
                if contains_phrase(sentence.statement(), text):
                    continue
                if self.stated_elsewhere(text, stem, analysis, sentence):
                    continue
            chosen.append(text)
            if len(chosen) == n:
                break
        return chosen

    def _term_candidates(self, answer: Term, analysis: LessonAnalysis):
        """This lesson's terms of the answer's kind, then the course's; lazily, because a large
        course has thousands and three are usually found in the lesson."""
        answer_stems = _stems(answer.text)
        lesson_key = analysis.lesson.key
        for entries, from_lesson in (
            (self._by_lesson_kind.get((lesson_key, answer.kind), []), True),
            (self._by_kind.get(answer.kind, [])[:COURSE_SCAN_LIMIT], False),
        ):
            for e in entries:
                if not from_lesson and e.lesson_key == lesson_key:
                    continue
                if answer.kind == "CONCEPT":
                    if e.importance < MIN_CONCEPT_IMPORTANCE or e.plural != answer.plural:
                        continue
                    if abs(e.word_count - answer.word_count) > 1:
                        continue
                    if answer.word_count > 1 and e.word_count == 1:
                        continue  # "cell" or "body" for "immune system": vaguer, not parallel
                    # Sharing a word makes a superset or a near-synonym ("military alliances");
                    # so does sharing a stem ("immune system", "adaptive immunity").
                    if answer_stems & _stems(e.text):
                        continue
                yield e.text

    def _year_candidates(self, answer: Term) -> list[str]:
        year = int(answer.value or 0)
        # Years after both the course's latest and the present would give the answer away.
        cap = max([*self.years, year, PRESENT_YEAR])
        near = sorted(
            (y for y in self.years if 0 < abs(y - year) <= 25), key=lambda y: (abs(y - year), y)
        )
        synthetic = [year + d for d in _YEAR_OFFSETS if year + d <= cap]
        out = [str(y) for y in near[:2]]
        out += [str(y) for y in synthetic if str(y) not in out]
        return out


STEM_LENGTH = 5


def _stems(text: str) -> set[str]:
    """Crude stems: a word's first letters, enough to tie "immune" to "immunity" and "print" to
    "printing"; a shared stem costs a distractor at worst."""
    return {w[:STEM_LENGTH] for w in content_words(text)}


# Labels the small tagger gives to things of many kinds (mountains and oceans, treaties and
# agencies, wars and crises).
_LOOSE_LABELS = {"LOC", "ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}


def _same_type_word(a: str, b: str) -> bool:
    """Two names of several words stand in for each other only when they share the word that
    says what they are, first or last ("Mount Fuji", "Mount Tambora"; "Red Sea", "Dead Sea")."""
    if len(a.split()) < 2 or len(b.split()) < 2:
        return True  # one-word names: left to the shape rule
    (first_a, last_a), (first_b, last_b) = _type_words(a), _type_words(b)
    return first_a == first_b or last_a == last_b


def _type_words(name: str) -> tuple[str, str]:
    head = re.split(r"\s+of\s+", name)[0].split() or name.split()  # "Convention of X"
    return name.split()[0].lower(), head[-1].lower()


def _shares_a_name(candidate: str, text: str) -> bool:
    names = [w for w in candidate.split() if w[:1].isupper() and len(w) > 2]
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)


def _same_shape(a: str, b: str) -> bool:
    """Names that could stand in for each other: an acronym for an acronym, a one-word name for
    a one-word name, a longer name for a longer name."""

    def shape(text: str) -> tuple[bool, bool]:
        words = text.split()
        return (len(words) == 1 and text.isupper(), len(words) == 1)

    return shape(a) == shape(b)


def _number_candidates(answer: Term) -> list[str]:
    value = answer.value or 0
    words = answer.text.isalpha()
    values: list[float] = []
    if value == int(value) and value <= 12:
        for d in (1, -1, 2, -2, 3, 4):
            if value + d > 0:
                values.append(value + d)
    else:
        for f in _NUMBER_FACTORS:
            values.append(_round_like(value * f, value))
    out = []
    scale = next((w for w in answer.text.lower().split() if w in _SCALE_WORDS), None)
    for v in values:
        if v == value:
            continue
        if scale:  # "10 million" -> "5 million", not "5000000"
            out.append(f"{v / _SCALE_WORDS[scale]:g} {scale}")
        else:
            out.append(_format_like(v, answer.text, words))
    return list(dict.fromkeys(out))


def _round_like(v: float, reference: float) -> float:
    if reference == int(reference):
        digits = len(str(int(abs(reference))))
        step = 10 ** max(digits - 2, 0)
        return float(round(v / step) * step)
    return round(v, 2)


def _format_like(v: float, reference: str, words: bool) -> str:
    if words and v == int(v) and int(v) < len(_SMALL_NUMBER_WORDS):
        text = _SMALL_NUMBER_WORDS[int(v)]
        return text.capitalize() if reference[:1].isupper() else text
    if v == int(v):
        return f"{int(v):,}" if "," in reference else str(int(v))
    return f"{v:g}"
