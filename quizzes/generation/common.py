"""Helpers every builder shares: fact keys, seeded shuffles, choice display, answer variants."""

import hashlib
import random

from .analysis import Sentence, Term
from .cleaning import without_asides
from .normalise import answer_key, plain
from .questions import Candidate, GeneratedChoice, GeneratedQuestion


def digest(text: str, length: int = 12) -> str:
    return hashlib.sha256(plain(" ".join(text.split())).encode()).hexdigest()[:length]


def sentence_fact(sentence: Sentence, answer: str) -> str:
    """The fact "this sentence says `answer`": stable while that sentence's wording is unchanged."""
    return f"s:{digest(sentence.text)}:{answer_key(answer)}"


def shuffled_choices(correct: list[str], wrong: list[str], seed: str) -> list[GeneratedChoice]:
    """Choices in an order fixed by the question itself, so regenerating changes nothing."""
    choices = [GeneratedChoice(text=t, correct=True) for t in correct]
    choices += [GeneratedChoice(text=t, correct=False) for t in wrong]
    random.Random(int(digest(seed, 16), 16)).shuffle(choices)
    return choices


def display_concept(text: str) -> str:
    """A common noun phrase as it would read mid-sentence ("Deterrence" -> "deterrence")."""
    first = text.split()[0] if text.split() else ""
    if first.isupper() or (len(first) > 1 and any(ch.isupper() for ch in first[1:])):
        return text
    return text[:1].lower() + text[1:]


def display_item(text: str) -> str:
    text = " ".join(text.split()).rstrip(".;,:")
    return text[:1].upper() + text[1:]


def answer_variants(answer: str, acronyms: dict[str, str]) -> list[str]:
    """The answer, plus its acronym or expansion when the course defines one."""
    variants = [answer]
    key = answer_key(answer)
    for short, long in acronyms.items():
        if key == answer_key(short):
            variants.append(long)
        elif key == answer_key(long):
            variants.append(short)
    return list(dict.fromkeys(variants))


def with_context(sentence: Sentence, text: str) -> tuple[str, bool]:
    """Prefix the previous sentence when this one leans on it ("It was ..."), or the lesson's
    title when the sentence's "the X" is the lesson's topic."""
    if sentence.opener and text.startswith(sentence.opener):
        text = text[len(sentence.opener) :].lstrip()
        text = f"{sentence.resolved} {text}" if sentence.resolved else text[:1].upper() + text[1:]
    text = without_asides(text)
    if sentence.depends and sentence.context:
        return f"{sentence.context} {text}", True
    if sentence.topic:
        return f"{sentence.topic}: {text}", False
    return text, False


def term_candidate(
    sentence: Sentence,
    term: Term,
    *,
    generator: str,
    version: str,
    fact: str,
    context_given: bool,
    features: dict[str, float],
    distractors: list[str] | None = None,
    **question_fields,
) -> Candidate:
    """A question testing one term of one sentence, with what the scorer needs to judge it."""
    question = GeneratedQuestion(
        source_sentence=sentence.text,
        source_start=sentence.start,
        source_end=sentence.end,
        generator=generator,
        generator_version=version,
        fact_key=fact,
        **question_fields,
    )
    return Candidate(
        question=question,
        answer=term.text,
        answer_kind=term.kind,
        answer_pos=term.pos,
        statement=sentence.text,
        context_given=context_given,
        distractors=list(distractors or []),
        features=features,
    )
