"""Mechanical checks on a course's generated questions: debris, dangling openers, reused
distractors, answers given away by the lesson title, and how many lessons get enough questions.

Pure: it reads GeneratedQuestion records and lesson texts, so the bench and the tests share it.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .normalise import answer_key, words
from .questions import BLANK, GeneratedQuestion, LessonText

TRUE_FALSE_PREFIX = "True or false: "
MIN_LESSON_WORDS = 80
MIN_APPROVED_PER_LESSON = 3
MAX_DISTRACTOR_USES = 2

# UTF-8 read as Latin-1: "Ã©" for "é", "Î±" for "α", "AvÄ\x81ram" for "Avāram" (a lead byte read
# as a letter, then a continuation byte as a control or a sign); no text has C1 controls.
MOJIBAKE = re.compile(r"Ã|Â|â\x80|[\u00c2-\u00df][\u0080-\u009f\u00a1-\u00bf]|[\x80-\x9f]")

# What rendered text never shows: escaped Markdown, footnote markers, cross-references, figure
# placeholders, holes left where a template or a figure number was dropped.
_DEBRIS = [
    (re.compile(r"\\"), "backslash"),
    (re.compile(r"\[\s*\d+\s*\]|\[\s*(?:citation needed|note \d+|[a-z])\s*\]"), "footnote marker"),
    (re.compile(r"@ref\(|\(\\?#(?:fig|tab|eq):|\{#|\{image|\{'|\]\]|\[\["), "cross-reference"),
    (re.compile(r"`|\*\*|(?<![\w])_[A-Za-z]|[A-Za-z]_(?![\w])|:::|\{\.|</?\w+[^>]*>"), "markup"),
    (re.compile(r"\(\s*\)|\(\s*[,;]|[,;]\s*\)"), "empty brackets"),
    (
        re.compile(r"\s[,.;:](?!\d)|,\s*,|[,;:]\.|\b(?:of|in|the|a|an|and|to|from|by)\s*[.,;:)]"),
        "hole",
    ),
    (re.compile(r" {2,}"), "doubled space"),
    # A word's plural ending split off by markup ("70S ribosome** **s**" reads "ribosome s").
    (re.compile(r"\b[A-Za-z]{3,} s\b(?!['’])"), "split word"),
    (MOJIBAKE, "mojibake"),
]
# A prompt opening with one of these leans on text the learner is not shown.
DANGLING_OPENERS = {
    "this",
    "these",
    "those",
    "that",
    "it",
    "its",
    "they",
    "their",
    "them",
    "he",
    "she",
    "his",
    "her",
    "such",
    "both",
    "and",
    "but",
    "or",
    "so",
    "also",
    "however",
    "thus",
    "therefore",
    "hence",
    "moreover",
    "furthermore",
    "consequently",
    "instead",
    "nevertheless",
    "likewise",
    "similarly",
    "meanwhile",
    "otherwise",
    "accordingly",
    "then",
    "here",
    "there",
    "another",
    "other",
    "others",
    "further",
    "finally",
    "again",
    "still",
    "yet",
    "besides",
    "conversely",
    "in so doing",
    "in this",
    "in these",
    "in that",
    "in addition",
    "in contrast",
    "by contrast",
    "in comparison",
    "by comparison",
    "on the contrary",
    # "Rather, each writer ...": instead of what the sentence before denied.
    "rather",
    "in turn",
    "as a result",
    "for this",
    "because of this",
    "the latter",
    "the former",
    "the same",
    "on the other hand",
    "at the same time",
    "for example",
    "for instance",
    "as such",
    "first",
    "second",
    "third",
    "fourth",
    "secondly",
    "thirdly",
    "lastly",
    "next",
    "later",
    "more recently",
    "in other words",
    "in fact",
    "indeed",
    "of course",
    "at this point",
    "at that time",
    "at the time",
    "by then",
    "afterwards",
    "soon",
    "nonetheless",
    "even so",
    "in particular",
    "specifically",
    "in short",
    "in sum",
    "overall",
    "as mentioned",
    "as noted",
    "as discussed",
    "as we",
    "whose",
    "which",
}
# "There are three types of ...": an existential "there" (with its verb) points at no place.
# What follows it still may ("There are also ...").
EXISTENTIAL_VERBS = frozenset(
    {"is", "are", "was", "were", "exist", "exists", "existed", "remain", "remains", "remained"}
)
# "In contrast to light microscopes, ...": an opener followed by what it sets against or adds
# to names that itself, so it leans on nothing the prompt does not show.
COMPLETED_OPENERS = {
    "in addition": {"to"},
    "in contrast": {"to", "with"},
    "as a result": {"of"},
    "in comparison": {"to", "with"},
    "by contrast": {"to", "with"},
    "by comparison": {"to", "with"},
    "rather": {"than"},
}


def opener_of(tokens: list[str], *, existential: bool = True) -> str | None:
    """The DANGLING_OPENERS phrase the lower-cased words ``tokens`` open with, if it leans back:
    not an opener that names its own object, nor (with ``existential``, for text no parser
    read) the "there" of "There is/are ..."."""
    if existential and tokens[:1] == ["there"] and tokens[1:2] and tokens[1] in EXISTENTIAL_VERBS:
        tokens = tokens[2:]
    for n in (4, 3, 2, 1):
        opener = " ".join(tokens[:n])
        if len(tokens) >= n and opener in DANGLING_OPENERS:
            if tokens[n : n + 1] and tokens[n] in COMPLETED_OPENERS.get(opener, ()):
                continue
            return opener
    return None


_DEMONSTRATIVE = re.compile(r"\b(?:this|these|those)\s+\w+", re.IGNORECASE)
# "redox proteins such as those found in ...", "superior to those of merchants": "those" with
# what qualifies it after it stands for the plural noun the sentence has just named.
_COMPARED = re.compile(r"\b(?:such as|than|similar to|superior to|inferior to|like)\s+$", re.I)
_THOSE_QUALIFIED = re.compile(
    r"those\s+(?:found|used|seen|made|described|of|in|for|at|on)", re.IGNORECASE
)
_POINTERS = re.compile(
    r"\b(?:the (?:figure|table|image|diagram|example|graph|chart|picture|map)s? (?:above|below)"
    r"|(?:see|in|shown in|as in) (?:figure|fig\.|table|diagram)\b|our hypothesis"
    r"|the above|as (?:above|below)\b"
    r"|the following)\b",
    re.IGNORECASE,
)


def prompt_body(question: GeneratedQuestion) -> str:
    prompt = question.prompt
    return prompt[len(TRUE_FALSE_PREFIX) :] if prompt.startswith(TRUE_FALSE_PREFIX) else prompt


def question_texts(question: GeneratedQuestion) -> list[str]:
    """Everything a learner reads: the prompt, the choices and the accepted answers."""
    return [
        question.prompt,
        *(c.text for c in question.choices),
        *question.accepted_answers,
    ]


def debris(question: GeneratedQuestion) -> list[str]:
    """The kinds of markup or broken text a learner would see in this question."""
    found = []
    for text in question_texts(question):
        for name in _debris_in(text):
            if name not in found:
                found.append(name)
    return found


@lru_cache(maxsize=1 << 16)
def _debris_in(text: str) -> tuple[str, ...]:
    # Choices ("True", "False", the course's terms) recur across thousands of questions.
    return tuple(name for pattern, name in _DEBRIS if pattern.search(text))


def dangling_opener(question: GeneratedQuestion) -> str | None:
    """The opener or pointer that makes the prompt lean on text it does not show."""
    body = prompt_body(question).strip()
    tokens = words(body)
    if body.startswith(BLANK):
        # "_____ that undergraduates use ...": the blank is the subject; what follows it is the
        # rest of its phrase, not an opener.
        tokens = []
    if opener := opener_of(tokens):
        return opener
    for m in _DEMONSTRATIVE.finditer(body):
        if not (_THOSE_QUALIFIED.fullmatch(m.group(0)) and _COMPARED.search(body[: m.start()])):
            return m.group(0)
    if m := _POINTERS.search(body):
        return m.group(0)
    return None


def answers(question: GeneratedQuestion) -> list[str]:
    if question.type == "true_false":
        return []
    if question.choices:
        return [c.text for c in question.choices if c.correct]
    return list(question.accepted_answers[:1]) or (
        [f"{question.numeric_answer:.12g}"] if question.numeric_answer is not None else []
    )


def answer_in_title(question: GeneratedQuestion, title: str) -> bool:
    """The answer is the lesson's title, or one of its words: the page gives it away. A
    definition question may ask for the title's term: its prompt gives the meaning, and
    naming the term that meaning belongs to is the point of the lesson."""
    if question.fact_key.startswith("definition:"):
        return False
    title_words = {answer_key(w) for w in words(title)}
    title_key = f" {' '.join(answer_key(w) for w in words(title))} "
    for answer in answers(question):
        key = answer_key(answer)
        if not key:
            continue
        if f" {key} " in title_key or (len(key.split()) == 1 and key in title_words):
            return True
    return False


def distractor_uses(questions: list[GeneratedQuestion]) -> Counter[str]:
    """How many questions of a course offer each wrong choice (true/false aside)."""
    uses: Counter[str] = Counter()
    for q in questions:
        if q.type == "true_false":
            continue
        for key in {answer_key(c.text) for c in q.choices if not c.correct}:
            uses[key] += 1
    return uses


@dataclass
class CourseAudit:
    questions: int = 0
    debris: list[tuple[str, str]] = field(default_factory=list)  # (kinds, prompt)
    dangling: list[tuple[str, str]] = field(default_factory=list)  # (opener, prompt)
    reused: list[tuple[str, int]] = field(default_factory=list)  # (distractor, uses) over the cap
    reusing_questions: int = 0  # choice questions offering a distractor used over the cap
    choice_questions: int = 0
    in_title: list[tuple[str, str]] = field(default_factory=list)  # (title, prompt)
    long_lessons: int = 0  # study lessons of MIN_LESSON_WORDS words or more
    covered_lessons: int = 0  # ... of which have MIN_APPROVED_PER_LESSON approved questions
    # Reference lessons (back matter: LessonText.reference) are left out of the two above.
    reference_lessons: int = 0
    long_reference_lessons: int = 0  # ... of MIN_LESSON_WORDS words or more
    by_type: Counter[str] = field(default_factory=Counter)

    @property
    def coverage(self) -> float:
        return self.covered_lessons / self.long_lessons if self.long_lessons else 1.0


# What a lesson's text holds that its reader never reads as words: a formula's MathML (its tag
# and namespace names), other tags, figure placeholders, addresses and link targets.
_NOT_READ = re.compile(
    r"<math\b.*?</math>|<[^>]+>|\{image:[^}]*\}|https?://\S+|www\.\S+|(?<=\])\([^)\s]*\)",
    re.IGNORECASE | re.DOTALL,
)


def lesson_words(text: str) -> int:
    """The words a reader of the lesson reads: "mrow", "xmlns" and "http" in a formula's
    markup or an address are none of them."""
    return len(re.findall(r"[A-Za-z]{2,}", _NOT_READ.sub(" ", text)))


def audit_course(
    lessons: list[LessonText], approved: dict[str, list[GeneratedQuestion]]
) -> CourseAudit:
    """The mechanical checks over the approved questions of every lesson of one course."""
    result = CourseAudit()
    every = [q for lesson in lessons for q in approved.get(lesson.key, [])]
    uses = distractor_uses(every)
    over = {key: n for key, n in uses.items() if n > MAX_DISTRACTOR_USES}
    result.reused = sorted(over.items(), key=lambda kv: (-kv[1], kv[0]))
    for lesson in lessons:
        questions = approved.get(lesson.key, [])
        long = lesson_words(lesson.text) >= MIN_LESSON_WORDS
        if lesson.reference:
            result.reference_lessons += 1
            result.long_reference_lessons += long
        elif long:
            result.long_lessons += 1
            result.covered_lessons += len(questions) >= MIN_APPROVED_PER_LESSON
        for q in questions:
            result.questions += 1
            result.by_type[q.type] += 1
            if kinds := debris(q):
                result.debris.append((", ".join(kinds), q.prompt))
            if opener := dangling_opener(q):
                result.dangling.append((opener, q.prompt))
            if q.choices and q.type != "true_false":
                result.choice_questions += 1
                if any(answer_key(c.text) in over for c in q.choices if not c.correct):
                    result.reusing_questions += 1
            if answer_in_title(q, lesson.title):
                result.in_title.append((lesson.title, q.prompt))
    return result
