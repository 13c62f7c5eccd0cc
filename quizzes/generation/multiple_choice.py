"""Multiple-choice builder: the cloze stem with three distractors of the answer's own kind."""

import re

from .analysis import LessonAnalysis
from .common import (
    display_concept,
    sentence_fact,
    shuffled_choices,
    term_candidate,
    with_context,
)
from .distractors import DistractorPool, is_vague
from .normalise import contains_phrase
from .numeric import APPROXIMATORS, counts_something, tokens_count_something
from .questions import BLANK, Candidate
from .targets import given_away, worked_examples

GENERATOR = "multiple_choice"
VERSION = "1"
MIN_CONCEPT_IMPORTANCE = 0.2
# Wrong answers kept in reserve, for when the course has used one of the three up.
SPARES = 3


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    out = []
    examples = worked_examples(analysis)
    for sentence in analysis.sentences:
        if not sentence.usable or sentence.index in examples:
            continue  # a worked example's numbers and names are made up, not the subject's
        for term in sentence.terms:
            if term.kind == "CONCEPT" and (
                term.importance < MIN_CONCEPT_IMPORTANCE or term.word_count == 1
            ):
                # A lone common noun ("flights", "rays") rarely has three fair wrong answers:
                # the lesson's other nouns name things of other kinds ("employees",
                # "children"). The cloze builder still asks for it.
                continue
            if term.kind == "NUMBER" and hyphenated(sentence, term):
                continue  # "_____-carbon sugars": a blank inside a word
            if term.kind == "CONCEPT" and is_vague(term.text):
                continue  # "the last process", "a particular cell": no kind to draw others of
            if term.kind not in {"CONCEPT", "YEAR", "NUMBER"} and _names_a_thing_after(
                sentence, term
            ):
                continue  # "_____ numbers" with "Luigi Menabrea" offered for "Bernoulli"
            if given_away(sentence, term):
                continue
            if (framed := with_context(sentence, sentence.with_term(term))) is None:
                continue  # the lesson's topic would have to stand before it as a heading
            prompt, context_given = framed
            if contains_phrase(prompt, term.text):
                continue
            article = _article_before_blank(prompt)
            wrong = pool.pick(
                answer=term,
                sentence=sentence,
                analysis=analysis,
                stem=sentence.with_term(term, ""),
                n=3 + SPARES + (3 if article else 0),
            )
            if article:
                # "with a _____": "overdue book" would read "a overdue book" and give itself away.
                wrong = [w for w in wrong if takes_an(w) == (article == "an")]
            if len(wrong) < 3:
                continue  # no weak multiple choice: the cloze from this sentence may still be
            answer = term.text
            if term.kind == "CONCEPT":
                answer, wrong = display_concept(answer), [display_concept(w) for w in wrong]
            wrong, spares = wrong[:3], wrong[3 : 3 + SPARES]
            # Each item's blank shows the others: one question per enumeration (cloze.build).
            fact = sentence_fact(sentence, "" if term.counted else term.text)
            candidate = term_candidate(
                sentence,
                term,
                generator=GENERATOR,
                version=VERSION,
                fact=fact,
                context_given=context_given,
                distractors=wrong,
                features={
                    "importance": term.importance,
                    "exact_quantity": float(
                        term.kind == "NUMBER" and exact_quantity(sentence, term)
                    ),
                },
                type="single_choice",
                prompt=prompt,
                choices=shuffled_choices([answer], wrong, fact),
            )
            candidate.spare_distractors = spares
            out.append(candidate)
    return out


# "more than _____ volumes", "up to _____%": the sentence gives a bound, and a wrong choice on the
# right side of it ("10 million" for "more than 20 million") is true as well.
_BOUNDS = (
    ("than",),
    ("over",),
    ("under",),
    ("above",),
    ("below",),
    ("exceeding",),
    ("beyond",),
    ("at", "least"),
    ("at", "most"),
    ("up", "to"),
    ("minimum", "of"),
    ("maximum", "of"),
)
_RANGE_WORDS = {"to", "–", "-"}


def exact_quantity(sentence, term) -> bool:
    """The number is an amount of something, stated exactly enough that only it fills the blank:
    it counts something ("300 days", "45 percent") or opens a range whose other end does ("0.1
    to 5.0 μm", "70 to 80 percent"), and no "more than" or "up to" before it makes a wrong
    choice true as well. Such a choice question is the numeric question with its answer among
    four figures."""
    doc = sentence.span.doc
    first = sentence.span.start
    ends = [term.token_start]
    if ends[0] > first and doc[ends[0] - 1].lower_ in APPROXIMATORS:
        ends.append(ends[0] - 1)  # "up to approximately _____"
    for end in ends:
        for bound in _BOUNDS:
            start = end - len(bound)
            if start >= first and tuple(t.lower_ for t in doc[start:end]) == bound:
                return False
    if counts_something(sentence, term):
        return True
    after = term.token_end
    return (
        after + 1 < sentence.span.end
        and doc[after].lower_ in _RANGE_WORDS
        and doc[after + 1].like_num
        and tokens_count_something(sentence, after + 1, after + 2)
    )


def hyphenated(sentence, term) -> bool:
    """ "five-carbon", "two-dimensional": the term is half of a word."""
    start, end = term.start - sentence.start, term.end - sentence.start
    return sentence.raw[end : end + 1] == "-" or (start > 0 and sentence.raw[start - 1] == "-")


def _article_before_blank(prompt: str) -> str | None:
    m = re.search(rf"\b(an?)\s+{re.escape(BLANK)}", prompt, re.IGNORECASE)
    return m.group(1).lower() if m else None


# Spellings whose sound breaks the vowel-letter rule: "a unique", "a European", "an hour".
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "eu", "one", "once", "ure", "uro")
_VOWEL_SOUND = ("hour", "honest", "honor", "honour", "heir")
_VOWEL_SOUND_LETTERS = "AEFHILMNORSX"  # "an FBI agent", "an NGO"


def takes_an(text: str) -> bool:
    first = (text.split() or [""])[0]
    if len(first) > 1 and first.isupper():
        return first[0] in _VOWEL_SOUND_LETTERS
    word = first.lower()
    if word.startswith(_VOWEL_SOUND):
        return True
    return word[:1] in set("aeiou") and not word.startswith(_CONSONANT_SOUND)


def _names_a_thing_after(sentence, term) -> bool:
    """A name used as the modifier of the noun after it ("Bernoulli numbers", "a Paris
    street"): other names of its kind rarely make sense in its place."""
    last = sentence.span.doc[term.token_end - 1]
    return last.dep_ in {"compound", "nmod", "amod"} and last.head.i >= term.token_end
