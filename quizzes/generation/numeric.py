""" "When" and numeric builder: years become "In which year ...?" (tolerance 0), other numbers a
blank to fill with a tolerance that fits how exactly the text states them."""

import re

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
            if leans_on_earlier(sentence, term):
                continue  # "further outbreaks occurred in 1369": further than which?
            context_given = False
            prompt = year_question(sentence, term) if term.kind == "YEAR" else None
            if prompt is None:
                if (framed := with_context(sentence, sentence.with_term(term))) is None:
                    continue  # the lesson's topic would have to stand before it as a heading
                prompt, context_given = framed
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


# Words that place a thing relative to one the text spoke of before ("further outbreaks",
# "a subsequent lecture", "the other treaty"): read alone, the question cannot say which.
RELATIONAL = {
    "further",
    "subsequent",
    "other",
    "another",
    "later",
    "similar",
    "same",
    "such",
    "additional",
    "next",
    "following",
    "remaining",
    "previous",
    "former",
    "latter",
    "aforementioned",
}


def leans_on_earlier(sentence: Sentence, term: Term) -> bool:
    """The clause the number sits in, or its subject, is placed by a relational word ("Over the
    next years, further outbreaks occurred in 1361, 1369 ..."; "In a subsequent lecture in
    1864, ..."): which outbreaks, after which lecture, only the text before says. The number's
    own phrase may say it ("for another 200 years" counts on from a date the sentence gives)."""
    doc = sentence.span.doc
    node = doc[term.token_start]
    own = {t.i for t in doc[term.token_start : term.token_end]}
    if node.dep_ in {"nummod", "quantmod", "compound"} and node.head.pos_ == "NOUN":
        own.add(node.head.i)
    chain = []
    while True:
        chain.append(node)
        if node.head.i == node.i or not (sentence.span.start <= node.head.i < sentence.span.end):
            break
        node = node.head
    for tok in chain:
        heads = [tok, *(c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"})]
        for head in heads:
            if head.i in own:
                continue
            if any(
                c.dep_ in {"amod", "det", "advmod"} and c.i < head.i and c.lower_ in RELATIONAL
                for c in head.children
            ):
                return True
    return False


def _phrase(tokens) -> str | None:
    if not tokens or any(
        t.lower_ in DEPENDENT_OPENERS or t.pos_ == "PRON" or t.tag_ in {"WP", "WP$", "WDT", "PRP$"}
        for t in tokens
    ):
        return None
    doc = tokens[0].doc
    text = " ".join(doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)].split())
    first = tokens[0]
    if first.pos_ == "DET" or (
        first.is_sent_start and first.pos_ != "PROPN" and first.text[1:].islower()
    ):
        text = text[:1].lower() + text[1:]  # "Galleys from Kaffa reached ..." mid-question
    return text if len(text.split()) <= 10 else None


def _with_complement(head) -> list:
    """The noun phrase with the prepositional complements and clauses that say what it is
    ("first evidence for the existence of photophosphorylation", "a device resembling a
    field-effect transistor"): without them "In which year was first evidence presented?" asks
    about evidence of anything."""
    tokens = set(noun_phrase(head))
    for child in head.children:
        if child.dep_ in {"prep", "acl", "relcl"} and child.i > head.i and child not in tokens:
            tokens |= set(child.subtree)
    out = sorted(tokens, key=lambda t: t.i)
    return [] if _broken(out) else out


def _subject_phrase(tokens) -> str | None:
    """The phrase the year question is about, when it names one thing. An indefinite one ("a
    further outbreak", "a new law"), a bare plural ("outbreaks"), a count ("82,000,000 metric
    tons") or a bare "the X" ("the mechanism") names no one event: the question would have
    many years for an answer, or leave the reader to guess which thing the text meant."""
    if not tokens or tokens[0].lower_ in {"a", "an", "another"}:
        return None
    if not _names_one_thing(tokens):
        return None
    return _phrase(tokens)


def _names_one_thing(tokens) -> bool:
    head = next((t for t in tokens if t.head not in tokens or t.head.i == t.i), tokens[-1])
    if any(t.pos_ == "PROPN" for t in tokens):
        return True  # "Galleys from Kaffa", "the Jewish communities in Mainz"
    if any(c.dep_ == "nummod" for c in head.children):
        return False  # "over 82,000,000 metric tons": of what?
    said = any(t.i > head.i for t in tokens)  # "evidence for the existence of ..."
    pinned = any(
        t.i < head.i and t.dep_ in {"det", "poss"} and t.lower_ not in {"a", "an"} for t in tokens
    )
    modified = any(t.i < head.i and t.dep_ not in {"det", "poss", "case"} for t in tokens)
    # "the steam powered rotary printing press" says which; "the mechanism" and "outbreaks"
    # do not.
    return said or (pinned and modified)


def _object_phrase(obj) -> str | None:
    """What the verb acts on, with the clause that says which one it is ("patented a device
    resembling a field-effect transistor"); "a device" or "the book" alone leaves it open."""
    out = noun_phrase(obj)
    clauses = [c for c in obj.children if c.dep_ in {"acl", "relcl"} and c.i > obj.i]
    if clauses:
        out = sorted({*out, *(t for c in clauses for t in c.subtree)}, key=lambda t: t.i)
        if _broken(out[out.index(obj) :]):
            return None
    if len(out) == 2 and out[0].dep_ == "det" and out[1] == obj and obj.pos_ == "NOUN":
        return None  # "patent a device", "publish the book": which?
    return _phrase(out)


def _broken(tokens) -> bool:
    """A gap or a comma: the words do not read as one phrase."""
    gap = any(b.i - a.i != 1 for a, b in zip(tokens, tokens[1:], strict=False))
    return gap or any(t.is_punct and t.text != "-" for t in tokens)


def year_question(sentence: Sentence, term: Term) -> str | None:
    """ "The Warsaw Pact, established in 1955, ..." -> "In which year was the Warsaw Pact
    established?"; None when the sentence has no shape we can turn into a question safely."""
    doc = sentence.span.doc
    node = doc[term.token_start]
    while node.dep_ != "pobj" and node.head.i != node.i and node.head.ent_type_ == "DATE":
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
            obj_phrase = _object_phrase(obj)
            if obj_phrase is None:
                return None
            obj_text = " " + obj_phrase
        if not np:
            return None
        return f"In which year did {np} {governor.lemma_}{particles}{obj_text}?"
    if governor.pos_ == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in governor.children
    ):
        np = _subject_phrase(noun_phrase(governor))
        return f"In which year did {np} take place?" if np else None
    return None


# A year as the text writes it in a list or a span: "1361–1362", "1369", "the 1660s".
_YEAR_LIKE = re.compile(r"^(?:1[0-9]{3}|20[0-9]{2})s?(?:[–-][0-9]{2,4})?$")


def _another_year_under(governor, sentence: Sentence, term: Term) -> bool:
    """The verb the year hangs from also has another year ("in 1620, and again in 1654"; "in
    1361–1362, 1369, 1379–1383"): the event happened more than once."""
    own = range(term.token_start, term.token_end)
    return any(
        t.i not in own and _YEAR_LIKE.match(t.text) and not _about_a_participant(t, governor)
        for t in governor.subtree
    )


def _about_a_participant(token, governor) -> bool:
    """ "Robert Remak (1815–1865)": a year in brackets or inside the subject dates a person or
    a thing taking part, not the event."""
    if token.i > 0 and token.doc[token.i - 1].text == "(":
        return True
    node = token
    while node != governor and node.head.i != node.i:
        if node.dep_ in {"nsubj", "nsubjpass"}:
            return True
        node = node.head
    return False


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
