""" "When" and numeric builder: years become "In which year ...?" (tolerance 0), other numbers a
blank to fill with a tolerance that fits how exactly the text states them."""

from .analysis import (
    DEPENDENT_OPENERS,
    GENERIC_NOUNS,
    LessonAnalysis,
    Sentence,
    Term,
    noun_phrase,
)
from .common import sentence_fact, term_candidate, with_context
from .distractors import DistractorPool
from .normalise import contains_phrase
from .questions import Candidate
from .targets import worked_examples

GENERATOR = "numeric"
VERSION = "1"
APPROXIMATORS = {"about", "around", "approximately", "nearly", "roughly", "almost", "over", "some"}


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    out = []
    examples = worked_examples(analysis)
    for sentence in analysis.sentences:
        if not sentence.usable or sentence.index in examples:
            continue  # a worked example's numbers and names are made up, not the subject's
        for term in sentence.terms:
            if term.kind not in {"YEAR", "NUMBER"} or term.value is None:
                continue
            if term.kind == "NUMBER" and not counts_something(sentence, term):
                continue  # "_____ of them": a number with no unit or subject asks nothing
            context_given = False
            prompt = year_question(sentence, term) if term.kind == "YEAR" else None
            if prompt is None:
                prompt, context_given = with_context(sentence, sentence.with_term(term))
            if contains_phrase(prompt, term.text):
                continue
            out.append(
                term_candidate(
                    sentence,
                    term,
                    generator=GENERATOR,
                    version=VERSION,
                    fact=sentence_fact(sentence, term.text),
                    context_given=context_given,
                    features={
                        "importance": term.importance,
                        "transformed": 1.0 if "_____" not in prompt else 0.0,
                    },
                    type="numerical",
                    prompt=prompt,
                    numeric_answer=float(term.value),
                    tolerance=tolerance(sentence, term),
                    accepted_answers=list(dict.fromkeys([term.text, _plain_number(term.value)])),
                )
            )
    return out


# Verbs that read as a whole question without an object ("In which year did the war end?").
INTRANSITIVE = {
    "happen",
    "occur",
    "begin",
    "end",
    "die",
    "arrive",
    "collapse",
    "fall",
    "emerge",
    "start",
    "finish",
    "erupt",
    "sink",
    "return",
    "retire",
    "resign",
    "surrender",
    "marry",
    "fail",
    "expire",
    "close",
    "open",
    "dissolve",
    "merge",
    "split",
    "launch",
    "land",
    "sail",
    "leave",
}


def _plain_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def tolerance(sentence: Sentence, term: Term) -> float:
    """0 for years and exact counts; 10% when the text itself says "about"/"nearly"."""
    if term.kind == "YEAR":
        return 0.0
    before = sentence.raw[: term.start - sentence.start].lower().split()[-2:]
    if any(w in APPROXIMATORS for w in before) or " ".join(before) == "more than":
        return round(abs(term.value or 0) * 0.1, 2)
    return 0.0


def _phrase(tokens) -> str | None:
    if not tokens or any(
        t.lower_ in DEPENDENT_OPENERS or t.pos_ == "PRON" or t.tag_ in {"WP", "WP$", "WDT", "PRP$"}
        for t in tokens
    ):
        return None
    doc = tokens[0].doc
    text = " ".join(doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)].split())
    if tokens[0].pos_ == "DET":
        text = text[:1].lower() + text[1:]
    return text if len(text.split()) <= 10 else None


def _with_complement(head) -> list:
    """The noun phrase with the prepositional complements that say what it is ("first evidence
    for the existence of photophosphorylation"): without them "In which year was first evidence
    presented?" asks about evidence of anything."""
    tokens = set(noun_phrase(head))
    for child in head.children:
        if child.dep_ == "prep" and child.i > head.i and child not in tokens:
            tokens |= set(child.subtree)
    out = sorted(tokens, key=lambda t: t.i)
    gap = any(b.i - a.i != 1 for a, b in zip(out, out[1:], strict=False))
    if gap or any(t.is_punct and t.text != "-" for t in out):
        return []  # a gap or a comma: the words do not read as one phrase
    return out


def _subject_phrase(tokens) -> str | None:
    """The phrase the year question is about; an indefinite one ("a further outbreak", "a new
    law") names no one event, so the question would have many years for an answer."""
    if tokens and tokens[0].lower_ in {"a", "an", "another"}:
        return None
    return _phrase(tokens)


def year_question(sentence: Sentence, term: Term) -> str | None:
    """ "The Warsaw Pact, established in 1955, ..." -> "In which year was the Warsaw Pact
    established?"; None when the sentence has no shape we can turn into a question safely."""
    doc = sentence.span.doc
    node = doc[term.token_start]
    while node.dep_ != "pobj" and node.head is not node and node.head.ent_type_ == "DATE":
        node = node.head
    if node.dep_ != "pobj" or node.head.lower_ not in {"in", "during"}:
        return None
    governor = node.head.head
    if any(c.dep_ == "advmod" and c.i < node.i for c in governor.children):
        return None  # "was first defined in 1791": without "first" the year is not the only one
    if _another_year_under(governor, sentence, term):
        return None  # "lost 30,000 people in 1620, and again in 1654 and 1665": which year?
    particles = "".join(" " + c.text for c in governor.children if c.dep_ == "prt")
    if (
        governor.tag_ == "VBN"
        and governor.dep_ == "acl"
        and governor.head.pos_ in {"NOUN", "PROPN"}
    ):
        head = governor.head
        prep = head.head
        if head.dep_ == "pobj" and prep.i > 0 and doc[prep.i - 1].pos_ in {"NOUN", "PROPN"}:
            return None  # "his Inquiry into the Principles ..., published": which one was?
        np = _subject_phrase(noun_phrase(head))
        aux = "were" if head.tag_ in {"NNS", "NNPS"} else "was"
        return f"In which year {aux} {np} {governor.text}{particles}?" if np else None
    if governor.tag_ == "VBN":
        subject = next((c for c in governor.children if c.dep_ == "nsubjpass"), None)
        aux = next((c for c in governor.children if c.dep_ == "auxpass"), None)
        if subject is None or aux is None or aux.lower_ not in {"was", "were"}:
            return None
        if any(c.dep_ in {"dobj", "dative", "oprd"} for c in governor.children):
            return None  # "was given its present definition": "was given?" asks nothing
        np = _subject_phrase(_with_complement(subject))
        return f"In which year {aux.lower_} {np} {governor.text}{particles}?" if np else None
    if governor.tag_ == "VBD" and governor.pos_ == "VERB":
        subject = next((c for c in governor.children if c.dep_ == "nsubj"), None)
        if subject is None or any(c.dep_ == "conj" for c in subject.children):
            return None
        if any(c.dep_ in {"ccomp", "xcomp"} for c in governor.children):
            return None  # "proposed that ..." cannot be asked without its clause
        np = _subject_phrase(_with_complement(subject))
        obj = next((c for c in governor.children if c.dep_ == "dobj"), None)
        obj_text = ""
        if obj is None and governor.lemma_ not in INTRANSITIVE:
            return None  # "In which year did Copernicus publish?" leaves out what
        if obj is not None:
            obj_phrase = _phrase(noun_phrase(obj))
            if obj_phrase is None:
                return None
            obj_text = " " + obj_phrase
        if not np:
            return None
        return f"In which year did {np} {governor.lemma_}{particles}{obj_text}?"
    if governor.pos_ == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in governor.children
    ):
        np = _phrase(noun_phrase(governor))
        return f"In which year did {np} take place?" if np else None
    return None


def _another_year_under(governor, sentence: Sentence, term: Term) -> bool:
    """The verb the year hangs from also has another year: the event happened more than once."""
    inside = {t.i for t in governor.subtree}
    return any(
        other.kind == "YEAR"
        and other.token_start != term.token_start
        and other.token_start in inside
        for other in sentence.terms
    )


_UNIT_SYMBOLS = {"%", "°", "°C", "°F", "km", "m", "cm", "mm", "nm", "μm", "kg", "g", "mg", "s"}


def counts_something(sentence: Sentence, term: Term) -> bool:
    """The number is followed by its unit or by what it counts ("300 days", "45 percent",
    "10 million people"), and is not a page, footnote or list number."""
    return tokens_count_something(sentence, term.token_start, term.token_end)


def tokens_count_something(sentence: Sentence, start: int, end: int) -> bool:
    """counts_something for the number written by the document's tokens ``start:end``."""
    doc = sentence.span.doc
    if end >= sentence.span.end:
        return False
    nxt = doc[end]
    if nxt.text in _UNIT_SYMBOLS or nxt.lower_ in {"percent", "per"}:
        return True
    if nxt.pos_ != "NOUN" or nxt.lemma_.lower() in GENERIC_NOUNS:
        return False
    before = doc[start - 1] if start > sentence.span.start else None
    return before is None or before.lower_ not in {"p.", "page", "pp.", "no.", "chapter"}
