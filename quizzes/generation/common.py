"""Helpers every builder shares: fact keys, seeded shuffles, choice display, answer variants."""

import hashlib
import random
import re

from spacy.lang.en.stop_words import STOP_WORDS

from .analysis import Sentence, Term
from .cleaning import without_asides
from .normalise import answer_key, plain, singular
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


def with_context(sentence: Sentence, text: str) -> tuple[str, bool] | None:
    """Prefix the previous sentence when this one leans on it ("It was ..."), or say the
    lesson's topic when the sentence's "the X" is explained by it ("In box plots, the right
    side of the box ..."). None when the topic cannot be said as part of the sentence: blind
    readers took a heading put before it ("Charge carriers (electrons and holes): Because the
    electrons ...") for debris, and the "the X" for a thing the prompt never names."""
    if sentence.opener and text.startswith(sentence.opener):
        text = text[len(sentence.opener) :].lstrip()
        text = f"{sentence.resolved} {text}" if sentence.resolved else text[:1].upper() + text[1:]
    if sentence.renamed:
        # "the plague" -> "the Black Death": the course's subject, named (analysis.renamed).
        written, name = sentence.renamed
        found = re.search(rf"\b{re.escape(written)}\b", text, re.I)
        if found is None:
            return None
        name = name[:1].upper() + name[1:] if found.group(0)[:1].isupper() else name
        text = text[: found.start()] + name + text[found.end() :]
    text = without_asides(text)
    if sentence.expanded:
        # "The RER also ..." -> "The rough endoplasmic reticulum (RER) also ...": the
        # abbreviation spelled out as the lesson did before (Sentence.expanded).
        short, long = sentence.expanded
        # Only where the sentence still opens on it: a blank in its place (the answer) or a
        # possessive ("The RER's lumen") would not read.
        if found := re.match(rf"(?:The\s+)?({re.escape(short)})\b(?!['’])", text):
            at, end = found.span(1)
            long = long[:1].upper() + long[1:] if at == 0 else long
            text = f"{text[:at]}{long} ({short}){text[end:]}"
    if sentence.depends and sentence.context:
        return f"{sentence.context} {text}", True
    if sentence.topic:
        framed = in_topic(sentence, text)
        return (framed, False) if framed else None
    return text, False


_TITLE_WORD = re.compile(r"^[A-Za-z]+(?:-[A-Za-z]+)*$")


def in_topic(sentence: Sentence, text: str) -> str | None:
    """ "In stem-and-leaf graphs, the leaf consists of ...": the title said as the kind of thing
    the sentence is about. Only a short title of plain words ending on a plural noun reads so
    ("Box Plots"; not "Measures of the Location of the Data", "European outbreak"), only where
    the sentence's "the X" is a part the title names before its head ("the box" of box plots,
    not "the membrane" of "Photosynthetic membranes"), and only where the lesson writes the
    title's words in lower case, so that lowering them does not lower a name."""
    title = (sentence.topic or "").split()
    if sentence.span is None or not 1 < len(title) <= 3:
        return None
    lowered = [w.lower() for w in title]
    if not all(_TITLE_WORD.match(w) for w in title) or any(w in STOP_WORDS for w in lowered):
        return None
    head = singular(lowered[-1])
    if head == lowered[-1]:
        return None  # a singular head is no kind of thing: "In european outbreak, ..."
    # "the trading" is an activity on online trading platforms, not a part of them.
    named = {singular(w.lower()) for w in _THE_NOUN.findall(text) if not w.endswith("ing")}
    parts = {singular(w) for word in lowered[:-1] for w in word.split("-")}
    if head in named or not named & parts:
        return None
    written = sentence.span.doc.text
    if not all(re.search(rf"\b{re.escape(singular(w))}", written) for w in lowered):
        return None
    return f"In {' '.join(lowered)}, {_mid_sentence(sentence, text)}"


_THE_NOUN = re.compile(r"\b[Tt]he (\w+)")


def _mid_sentence(sentence: Sentence, text: str) -> str:
    """The sentence as it reads after a lead-in: "The leaf ..." -> "the leaf ..."; a name or an
    acronym keeps its capital."""
    first = (re.match(r"\w+", text) or [""])[0]
    token = next((t for t in sentence.span if t.text == first), None)
    if (len(first) == 1 or first[1:].islower()) and token is not None and token.pos_ != "PROPN":
        return text[:1].lower() + text[1:]
    return text


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
        features={**features, "named": float(term.named)},
    )
