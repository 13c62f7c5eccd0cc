"""True/false builder: the source statement, or a false one made by swapping one entity, date or
number for a same-kind distractor (never by negation)."""

import re

from .analysis import LessonAnalysis, Sentence, Term
from .common import (
    answer_variants,
    digest,
    display_concept,
    sentence_fact,
    term_candidate,
    with_context,
)
from .distractors import DistractorPool, is_vague
from .multiple_choice import hyphenated, takes_an
from .normalise import answer_key, contains_phrase
from .questions import Candidate, GeneratedChoice

GENERATOR = "true_false"
VERSION = "1"
PREFIX = "True or false: "
MIN_TRUE_IMPORTANCE = 0.3


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    out = []
    for sentence in analysis.sentences:
        if not sentence.usable or not sentence.terms or _is_instruction(sentence):
            continue  # "Preheat the oven ..." is an instruction, neither true nor false
        # The true statement tests the whole sentence, so it is one fact however many terms it has.
        key_term = max(sentence.terms, key=lambda t: (t.importance, -t.start))
        if key_term.importance >= MIN_TRUE_IMPORTANCE and _stands_alone(sentence):
            out.append(
                _candidate(sentence, key_term, sentence.text, f"tf:{digest(sentence.text)}", [])
            )
        for term in sentence.terms:
            if _is_modifier(sentence, term) or is_vague(term.text):
                continue  # swapping these makes statements that are nonsense, not false
            if _in_brackets(sentence, term) or hyphenated(sentence, term):
                continue  # "(the Krebs)" for "(RuBP)"; "four-dimensional plots"
            if term.kind == "NUMBER" and (term.value or 0) <= MAX_COUNT:
                continue  # "the three forms: cyclic and non-cyclic": the rest of it says two
            wrong = pool.pick(
                answer=term,
                sentence=sentence,
                analysis=analysis,
                stem=sentence.with_term(term, ""),
                n=1,
                statement=True,
            )
            if not wrong:
                continue
            statement = _swap(sentence, term, wrong[0], pool)
            if any(
                contains_phrase(statement, v) for v in answer_variants(term.text, pool.acronyms)
            ):
                continue  # the true value (or its acronym) is still stated in the sentence
            out.append(
                _candidate(sentence, term, statement, sentence_fact(sentence, term.text), wrong)
            )
    for c in out:
        pool.statement_lessons[c.question.fact_key] = analysis.lesson.key
    return out


def _candidate(
    sentence: Sentence, term: Term, statement: str, fact: str, wrong: list[str]
) -> Candidate:
    is_false = bool(wrong)
    body, context_given = with_context(sentence, statement)
    return term_candidate(
        sentence,
        term,
        generator=GENERATOR,
        version=VERSION,
        fact=fact,
        context_given=context_given,
        distractors=wrong,
        # A false statement tests one precise fact; a true one only that the reader recognises it.
        features={"importance": term.importance + (0.05 if is_false else -0.1)},
        type="true_false",
        prompt=PREFIX + body,
        choices=[
            GeneratedChoice(text="True", correct=not is_false),
            GeneratedChoice(text="False", correct=is_false),
        ],
    )


def _swap(sentence: Sentence, term: Term, replacement: str, pool: DistractorPool) -> str:
    """Put `replacement` where `term` was, with the article the replacement is written with
    ("the African Union", but "NATO")."""
    if term.kind == "CONCEPT":
        replacement = display_concept(replacement)  # "or plant cells", not "or Plant cells"
    wants_article = pool.takes_article.get(answer_key(replacement), False)
    if term.kind in {"YEAR", "NUMBER", "CONCEPT"} or wants_article == term.article:
        # A common noun keeps the sentence's own determiner ("the horizontal axis").
        swapped = sentence.with_term(term, replacement)
    elif wants_article:
        swapped = sentence.with_term(term, "the " + replacement)
    else:
        swapped = sentence.with_term(term, replacement)
        swapped = re.sub(rf"\b[Tt]he {re.escape(replacement)}\b", replacement, swapped, count=1)
    swapped = _agree_article(swapped, replacement)
    return swapped[:1].upper() + swapped[1:]


def _agree_article(text: str, replacement: str) -> str:
    """ "a infectious disease" -> "an infectious disease"."""
    m = re.search(rf"\b([Aa]n?) {re.escape(replacement)}\b", text)
    if not m:
        return text
    article = "an" if takes_an(replacement) else "a"
    if m.group(1)[0] == "A":
        article = article.capitalize()
    return text[: m.start(1)] + article + text[m.end(1) :]


# A true statement longer than this is a paragraph to skim, not one fact to recognise.
MAX_TRUE_WORDS = 30


def _stands_alone(sentence: Sentence) -> bool:
    """A true statement is the sentence copied: only worth it when short and self-contained (no
    context to prepend, no aside in brackets)."""
    text = sentence.text
    if _HEDGES & set(text.lower().split()):
        return False  # "may or may not", "can often": true by common sense, not by the lesson
    return not sentence.depends and len(text.split()) <= MAX_TRUE_WORDS and "(" not in text


_HEDGES = {"may", "might", "can", "could", "often", "sometimes", "usually", "generally"}


def _is_instruction(sentence: Sentence) -> bool:
    root = sentence.span.root
    return root.tag_ == "VB" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in root.children)


def _is_modifier(sentence: Sentence, term: Term) -> bool:
    """ "the Amazon rainforest", "the Korean alphabet", "the continental United States": the term
    describes or is described by a neighbour, so a swap would read as nonsense."""
    doc = sentence.span.doc
    last = doc[term.token_end - 1]
    if last.dep_ in {"compound", "amod", "nmod", "poss"} and last.head.i >= term.token_end:
        return True
    before = term.token_start - 1
    if term.kind == "NUMBER" and _is_bound(sentence, term):
        return True  # "more than 200" stays true when 200 becomes 100
    # "its Great Red Spot", "the continental United States": the swap would inherit the word.
    return before >= 0 and (doc[before].pos_ == "ADJ" or doc[before].tag_ in {"PRP$", "POS"})


# Small counts are not swapped: the sentence usually goes on to list what it counts.
MAX_COUNT = 12


def _in_brackets(sentence: Sentence, term: Term) -> bool:
    before = sentence.raw[: term.start - sentence.start]
    return before.count("(") > before.count(")")


_BOUNDS = {"more", "over", "least", "less", "fewer", "up", "about", "nearly", "almost", "around"}


def _is_bound(sentence: Sentence, term: Term) -> bool:
    before = sentence.raw[: term.start - sentence.start].lower().split()[-2:]
    return any(w in _BOUNDS for w in before) or "roughly" in before
