"""Definition and acronym builder: "X (ABC)" / "ABC, or the X" -> "What does ABC stand for?";
"X refers to Y" / "X is a Y that ..." / "Y is called X" -> "What is the term for Y?"."""

import re

from .analysis import (
    Definition,
    LessonAnalysis,
    Sentence,
    Term,
    is_plural_phrase,
)
from .common import display_concept, shuffled_choices
from .distractors import DistractorPool
from .normalise import answer_key, contains_phrase, content_words, words
from .questions import Candidate, GeneratedQuestion
from .targets import KEY_WORD, commonness

GENERATOR = "definition"
VERSION = "1"


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    out = []
    found = [*analysis.definitions, *namings(analysis)]
    terms = [d for d in found if d.kind == "definition"]
    for definition in found:
        sentence = analysis.sentences[definition.sentence_index]
        if definition.kind == "acronym":
            if _whole_expansion(definition, sentence):
                out.append(_acronym_question(definition, sentence))
        elif (
            sentence.defect is None
            and not sentence.depends
            and _fair(definition)
            and not _contested(definition, terms)
        ):
            out.extend(_term_questions(definition, sentence, analysis, pool))
    return out


_NAMING_VERBS = {"call", "know", "term", "name"}
# "Characters so used", "the other processes", "the main process typically used today": the
# described phrase leans on the text around it, so it does not single out the term by itself.
_POINTING = {"so", "such", "this", "these", "those", "other", "same", "opposite", "above"}
_POINTING |= {"previous", "former", "latter", "main", "key", "major", "principal", "chief"}
_POINTING |= {"primary", "first", "second", "third", "last", "next", "final", "only", "one"}
_POINTING |= {"both", "either", "also"}
_DESCRIBING = {"prep", "relcl", "acl"}
MAX_NAME_WORDS = 5


def namings(analysis: LessonAnalysis) -> list[Definition]:
    """Definitions analysis.find_definitions leaves: a sentence naming a thing by its
    description (``_naming``) or saying what kind of thing a term is (``_classing``)."""
    out = []
    defined = {d.sentence_index for d in analysis.definitions}
    for sentence in analysis.sentences:
        if not sentence.usable or sentence.span is None or sentence.index in defined:
            continue
        if found := _naming(sentence) or _classing(sentence):
            out.append(found)
    return out


# "the three forms", "the two cells": a count with "the" means ones the text listed before.
_COUNTED = re.compile(r"\bthe\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)


def _classing(sentence: Sentence) -> Definition | None:
    """ "A phospholipid is a lipid molecule with two fatty acid chains ...", "Magnification is
    the process of enlarging an object in appearance": the term opens the sentence, and the
    rest of it, a kind of thing with what sets it apart, is its meaning. Nothing may follow the
    meaning ("..., while a desmosome acts like a spot weld"; "and contributes to others")."""
    span = sentence.span
    root = span.root
    if root.lemma_.lower() != "be" or any(c.dep_ in {"conj", "cc"} for c in root.children):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    kind = next((c for c in root.children if c.dep_ == "attr"), None)
    if subject is None or kind is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    if not any(c.dep_ == "prep" for c in kind.children):
        return None  # "a cylinder" says too little to single out the term
    if [c.lower_ for c in kind.children if c.dep_ in {"det", "poss"}] not in (
        ["a"],
        ["an"],
        ["the"],
    ):
        return None  # "Gutenberg's most important innovation", "one of ..."
    named = sorted(subject.subtree, key=lambda t: t.i)
    if named[0].pos_ == "DET":
        if named[0].lower_ not in {"a", "an", "the"}:
            return None  # "Each centriole", "Some disciplines"
        named = named[1:]
    first = next(t for t in span if not t.is_space and not t.is_punct)
    if subject.i > root.i or first not in (named[0], named[0].nbor(-1) if named[0].i else None):
        return None  # "Typically, the nucleus is ...": the term must open the sentence
    described = sorted(kind.subtree, key=lambda t: t.i)
    after = [t for t in span if t.i > described[-1].i and not t.is_space]
    if any(t.is_punct and t.text not in {"-", "(", ")"} for t in described) or any(
        not t.is_punct for t in after
    ):
        return None
    if any(t.is_punct and t.text != "-" for t in named) or len(named) > MAX_NAME_WORDS:
        return None
    if any(
        t.dep_ in {"conj", "cc"} or t.lower_ in _POINTING or t.ent_type_ == "ORDINAL" for t in named
    ):
        return None  # "Adam Smith and David Hume", "A fourth development"
    if any(c.dep_ == "amod" and c.lower_ in _JUDGING for c in kind.children):
        return None  # "an important step towards ...": a judgement, not what the term is
    term, meaning = _span_text(named), _span_text(described)
    if _COUNTED.search(meaning) or any(t.lower_ in _POINTING_BACK for t in described):
        return None
    if not 3 <= len(meaning.split()) <= 35 or contains_phrase(meaning, term):
        return None
    if described[0].pos_ != "PROPN":
        meaning = meaning[0].lower() + meaning[1:]
    return Definition(term=term, meaning=meaning, sentence_index=sentence.index, kind="definition")


_JUDGING = {"important", "major", "critical", "key", "main", "significant", "crucial", "essential"}
_JUDGING |= {"vital", "great", "central", "leading", "fundamental", "notable", "good", "best"}
_POINTING_BACK = {"this", "these", "those", "such", "same", "other", "above", "former", "latter"}


def _naming(sentence: Sentence) -> Definition | None:
    span = sentence.span
    root = span.root
    if root.lemma_.lower() not in _NAMING_VERBS:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    if not any(c.dep_ in _DESCRIBING and c.i > subject.i for c in subject.children):
        return None  # "The median is called ...": no description to ask with
    name = next((c for c in root.children if c.dep_ == "oprd"), None)
    if name is None:
        as_ = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        name = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ else None
    if name is None or any(c.dep_ in {"conj", "cc"} for c in name.children):
        return None  # "called generation and recombination": two names, not one
    described = sorted(subject.subtree, key=lambda t: t.i)
    first = next(t for t in span if not t.is_space and not t.is_punct)
    if described[0] != first or any(t.is_punct and t.text != "-" for t in described):
        return None  # "If x is a number, then the difference ...": the subject needs the rest
    if any(t.lower_ in _POINTING for t in described):
        return None
    named = _name_tokens(name)
    while named and named[0].pos_ in {"DET", "PRON"}:
        named = named[1:]  # "its deviation", "the cell envelope"
    term, meaning = _span_text(named), _span_text(described)
    if not named or len(term.split()) > MAX_NAME_WORDS or not 3 <= len(meaning.split()) <= 35:
        return None
    if contains_phrase(meaning, term):
        return None
    if described[0].pos_ != "PROPN":
        meaning = meaning[0].lower() + meaning[1:]
    return Definition(term=term, meaning=meaning, sentence_index=sentence.index, kind="definition")


def _name_tokens(name) -> list:
    """The name with what belongs to it ("GDP at factor cost"), up to a comma or a clause about
    it ("the Calvin cycle, which ...") and without its quotation marks."""
    clauses = {t for c in name.children if c.dep_ in {"relcl", "acl", "advcl"} for t in c.subtree}
    out = []
    for tok in sorted(name.subtree, key=lambda t: t.i):
        if tok in clauses or tok.text in {",", "(", ";", ":"}:
            break
        if tok.text not in {'"', "“", "”", "'"}:
            out.append(tok)
    return out


def _span_text(tokens) -> str:
    if not tokens:
        return ""
    text = tokens[0].doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    return " ".join(text.split())


# Share of the shorter meaning's content words two meanings have in common to be the same one.
SAME_MEANING = 0.6


def _contested(definition: Definition, definitions: list[Definition]) -> bool:
    """Whether another term of the lesson could answer "What is the term for <meaning>?": the
    lesson gives the same meaning to another term ("Demand is the willingness and ability of a
    consumer to purchase ..." and "The demand schedule is defined as the willingness and ability
    ..."), or the term is a compound whose head word the lesson defines on its own ("market
    demand" when "demand" is defined), so either could be keyed."""
    key = answer_key(definition.term)
    head = key.split()[-1] if key else ""
    meaning = content_words(definition.meaning)
    for other in definitions:
        other_key = answer_key(other.term)
        if other_key == key:
            continue
        if " " in key and other_key == head:
            return True
        shared = meaning & content_words(other.meaning)
        if (
            meaning
            and shared
            and len(shared) >= SAME_MEANING * min(len(meaning), len(content_words(other.meaning)))
        ):
            return True
    return False


def _base(definition: Definition, sentence, **fields) -> GeneratedQuestion:
    return GeneratedQuestion(
        source_sentence=sentence.text,
        source_start=sentence.start,
        source_end=sentence.end,
        generator=GENERATOR,
        generator_version=VERSION,
        **fields,
    )


def _whole_expansion(definition: Definition, sentence: Sentence) -> bool:
    """Whether the expansion found for an acronym reads as a name: not one cut after a
    preposition ("of N-acetylglucosamine") or through markup ("complementary [MOS")."""
    expansion = definition.meaning
    if any(c in expansion for c in "[]{}<>|"):
        return False
    span = sentence.span
    at = span.text.find(expansion) if span is not None else -1
    if at < 0:
        return True
    start = span.start_char + at
    first = next((t for t in span if t.idx >= start), None)
    return first is None or first.pos_ not in {"ADP", "DET", "CCONJ", "SCONJ", "PRON"}


def _acronym_question(definition: Definition, sentence) -> Candidate:
    expansion = definition.meaning
    question = _base(
        definition,
        sentence,
        type="short_answer",
        prompt=f"What does {definition.term} stand for?",
        accepted_answers=list(dict.fromkeys([expansion, f"the {expansion}"])),
        fact_key=f"acronym:{answer_key(definition.term)}",
    )
    return Candidate(
        question=question,
        answer=expansion,
        answer_kind="ACRONYM",
        statement=sentence.text,
        features={"importance": 0.8},
    )


# "Many scientists", "Certain compositions of cast iron", "two main types of cells": a subject
# the parser read as the defined term, but that names no term.
_NOT_A_TERM = re.compile(
    r"^(?:the\s+)?(?:term|many|most|some|certain|several|various|other|first|second|one|two"
    r"|three|four|these|those|this|such|an?)\b",
    re.IGNORECASE,
)
# "photoautotrophs, which means ...", "the physiocrats, who ...": the meaning is another name
# for the term with a clause about it, not what the term means. "the first to ..." is a person.
_NOT_A_MEANING = re.compile(
    r"^(?:[^,]{0,40}),\s+(?:which|who)\b|^the (?:first|last|only|one)\b", re.IGNORECASE
)


def _fair(definition: Definition) -> bool:
    """Whether "What is the term for <meaning>?" has the term as its one fair answer."""
    term, meaning = definition.term, definition.meaning
    if _NOT_A_TERM.match(term) or _NOT_A_MEANING.match(meaning):
        return False
    if len(words(term)) == 1 and commonness(term) > KEY_WORD:
        return False  # "difference", "alternative": a common word any phrase could end on
    return len(words(meaning)) >= 3


def _term_questions(definition: Definition, sentence, analysis, pool) -> list[Candidate]:
    prompt = f"What is the term for {definition.meaning}?"
    if definition.term.isupper() and len(definition.term) > 5:
        # "PRINTING PRESS" from a heading in capitals: among "Hand press" it would stand out.
        definition = Definition(
            term=definition.term.capitalize(),
            meaning=definition.meaning,
            sentence_index=definition.sentence_index,
            kind=definition.kind,
        )
    fact = f"definition:{answer_key(definition.term)}"
    as_term = Term(
        text=definition.term,
        start=sentence.start,
        end=sentence.start,
        kind="CONCEPT",
        importance=1.0,
        plural=is_plural_phrase(definition.term),
        word_count=len(definition.term.split()),
    )
    wrong = pool.pick(answer=as_term, sentence=sentence, analysis=analysis, stem=definition.meaning)
    if len(wrong) == 3:
        answer = display_concept(definition.term)
        wrong = [display_concept(w) for w in wrong]
        question = _base(
            definition,
            sentence,
            type="single_choice",
            prompt=prompt,
            choices=shuffled_choices(
                [answer[:1].upper() + answer[1:]], [w[:1].upper() + w[1:] for w in wrong], fact
            ),
            fact_key=fact,
        )
    else:
        question = _base(
            definition,
            sentence,
            type="short_answer",
            prompt=prompt,
            accepted_answers=[definition.term],
            fact_key=fact,
        )
    return [
        Candidate(
            question=question,
            answer=definition.term,
            answer_kind="DEFINITION",
            statement=sentence.text,
            distractors=wrong if len(wrong) == 3 else [],
            features={"importance": 0.9},
        )
    ]
