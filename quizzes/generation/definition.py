"""Definition and acronym builder: "X (ABC)" / "ABC, or the X" -> "What does ABC stand for?";
"X refers to Y" / "X is a Y that ..." / "Y is called X" -> "What is the term for Y?"."""

import re

from .analysis import (
    GENERIC_NOUNS,
    SOURCES_NOT_TEACHING,
    Definition,
    LessonAnalysis,
    Sentence,
    Term,
    is_plural_phrase,
    noun_phrase,
)
from .common import answer_variants, display_concept, shuffled_choices
from .distractors import DistractorPool
from .normalise import (
    ENTITY_KINDS,
    answer_key,
    contains_phrase,
    content_words,
    number_variants,
    words,
)
from .questions import Candidate, GeneratedQuestion
from .second_names import second_names
from .targets import KEY_WORD, commonness

GENERATOR = "definition"
VERSION = "1"


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    out = []
    found = [*analysis.definitions, *namings(analysis)]
    # A naming in a clause of its own stands apart from what the rest of its sentence leans on.
    apart = embedded_namings(analysis, {d.sentence_index for d in found})
    found += apart
    terms = [d for d in found if d.kind == "definition"]
    names = second_names(analysis) if terms else {}
    for definition in found:
        sentence = analysis.sentences[definition.sentence_index]
        if definition.kind == "acronym":
            # An acronym spelled out in a citation or a reference list is the source's, not the
            # lesson's: "the inventory valuation adjustment (IVA)" in a footnote.
            if sentence.defect in {SOURCES_NOT_TEACHING, "reference"}:
                continue
            if _whole_expansion(definition, sentence):
                out.append(_acronym_question(definition, sentence, analysis.lesson.text))
        elif (
            sentence.defect is None
            and (not sentence.depends or definition in apart)
            and _fair(definition, explicit=sentence.span.root.lemma_.lower() in _DEFINING)
            and not _contested(definition, terms)
            and not _qualified(sentence)
            and not _vague(definition)
            and not _relational(definition, sentence)
            and not _one_of_several(definition, sentence)
            and not _named_thing(definition, analysis.lesson.text)
        ):
            out.extend(_term_questions(definition, sentence, analysis, pool, names))
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
    description (``_naming``), saying what kind of thing a term is (``_classing``) or glossing a
    term in a clause after it (``_glossing``)."""
    out = []
    defined = {d.sentence_index for d in analysis.definitions}
    for sentence in analysis.sentences:
        if not sentence.usable or sentence.span is None or sentence.index in defined:
            continue
        if found := _naming(sentence) or _classing(sentence) or _glossing(sentence):
            out.append(found)
    return out


def embedded_namings(analysis: LessonAnalysis, taken: set[int]) -> list[Definition]:
    """ "... reached by a process called recombination, which causes the migrating electrons
    ... to come in contact with the migrating holes ...": a thing the sentence brings in ("a
    process", new to the reader), names, and then says what it does. The naming and the clause
    are one piece, whatever the rest of the sentence leans on."""
    out = []
    for sentence in analysis.sentences:
        if sentence.defect or sentence.span is None or sentence.index in taken:
            continue
        if found := _called_which(sentence):
            out.append(found)
    return out


def _called_which(sentence: Sentence) -> Definition | None:
    for called in sentence.span:
        if called.dep_ != "acl" or called.tag_ != "VBN" or called.lemma_.lower() != "call":
            continue
        kind = called.head
        determiners = [c.lower_ for c in kind.children if c.dep_ in {"det", "poss"}]
        if kind.pos_ != "NOUN" or determiners not in (["a"], ["an"]) or kind.i > called.i:
            continue
        name = next((c for c in called.children if c.dep_ == "oprd"), None)
        named = _name_tokens(name) if name is not None else []
        while named and named[0].pos_ == "DET":
            named = named[1:]
        if not named or len(named) > MAX_NAME_WORDS or named[0].i != called.i + 1:
            continue
        clause = next(
            (c for t in (kind, name) for c in t.children if c.dep_ == "relcl" and c.i > name.i),
            None,
        )
        which = clause.nbor(-1) if clause is not None else None
        if which is None or which.lower_ != "which" or which.dep_ != "nsubj":
            continue
        if which.i != named[-1].i + 2 or which.nbor(-1).text != ",":
            continue
        if clause.lemma_.lower() in {"be", "have"} or any(
            c.dep_ in {"advmod", "aux", "auxpass", "neg"} for c in clause.children
        ):
            continue  # "which is ...", "which then ...", "which can ...": no plain doing
        done = [t for t in clause.subtree if t.i > which.i]
        while done and done[-1].is_punct:
            done = done[:-1]
        if any(t.is_punct and t.text != "-" for t in done) or any(
            t.pos_ == "PRON" or t.lower_ in _POINTING or t.lower_ in _POINTING_BACK
            for t in [*done, *kind.lefts]
        ):
            continue
        kind_words = [t for t in kind.subtree if t.i <= kind.i and t.dep_ != "det"]
        term = _span_text(named)
        meaning = f"{determiners[0]} {_span_text(kind_words)} that {_span_text(done)}"
        if not 5 <= len(meaning.split()) <= 35 or contains_phrase(meaning, term):
            continue
        return Definition(
            term=term, meaning=meaning, sentence_index=sentence.index, kind="definition"
        )
    return None


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


def _glossing(sentence: Sentence) -> Definition | None:
    """ "... similar to histones, which are the DNA-organizing proteins found in eukaryotic
    cells.": a clause set off after a term says what kind of thing it is, with what sets it
    apart. The clause says that and nothing more ("which is then converted ...", "which is
    essentially ..."), and the term is a thing's name, not a named body or person."""
    for noun in sentence.span:
        if noun.pos_ not in {"NOUN", "PROPN"} or noun.ent_type_ in ENTITY_KINDS:
            continue
        clause = next((c for c in noun.children if c.dep_ == "relcl"), None)
        if clause is None or clause.lemma_.lower() != "be" or clause.i < 2:
            continue
        which = clause.nbor(-1)
        if which.lower_ != "which" or which.nbor(-1).text != "," or which.dep_ != "nsubj":
            continue
        kind = next((c for c in clause.children if c.dep_ == "attr"), None)
        if kind is None or any(
            c.dep_ not in {"nsubj", "attr", "punct"} and not (c.dep_ == "prep" and c.i > kind.i)
            for c in clause.children
        ):
            continue  # "which is then converted ...", "which is essentially ..."
        named = noun_phrase(noun)
        while named and named[0].pos_ == "DET":
            named = named[1:]
        if not named or named[-1].i != which.i - 2 or len(named) > MAX_NAME_WORDS:
            continue
        if any(t.is_punct and t.text != "-" for t in named) or any(
            t.lower_ in _POINTING or t.dep_ in {"poss", "case", "nummod"} or t.like_num
            for t in named
        ):
            continue  # "the cell's membrane", "the number two", "approximately 130 terawatts"
        if kind.lemma_.lower() in GENERIC_NOUNS:
            continue  # "which is part of the data"
        determiners = [c.lower_ for c in kind.children if c.dep_ in {"det", "poss"}]
        if determiners not in (["a"], ["an"], ["the"]) and (determiners or kind.tag_ != "NNS"):
            continue  # "which is heat treated ...": a bare singular is no kind of thing
        # The parser hangs "with two fatty acid chains" on the clause's verb as often as on
        # the kind: either way it is part of the meaning.
        described = [t for t in clause.subtree if t.i >= min(t.i for t in kind.subtree)]
        while described and described[-1].is_punct:
            described = described[:-1]
        if not any(t.dep_ in _DESCRIBING and t.head in {kind, clause} for t in described):
            continue  # "which are carbohydrate-containing protein molecules": glycoproteins too
        if any(c.dep_ == "amod" and c.lower_ in _JUDGING for c in kind.children):
            continue
        if any(t.is_punct and t.text not in {"-", ","} for t in described):
            continue  # commas only within the kind: "a protein in wheat, barley, and rye"
        term, meaning = _span_text(named), _span_text(described)
        if _COUNTED.search(meaning) or any(t.lower_ in _POINTING_BACK for t in described):
            continue
        if not 3 <= len(meaning.split()) <= 35 or contains_phrase(meaning, term):
            continue
        if described[0].pos_ != "PROPN":
            meaning = meaning[0].lower() + meaning[1:]
        return Definition(
            term=term, meaning=meaning, sentence_index=sentence.index, kind="definition"
        )
    return None


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


# "are known collectively as", "is sometimes called": the naming holds for a group together or is
# one name among others, so the description alone does not single out this name.
_QUALIFYING = {"collectively", "together", "jointly", "sometimes", "also", "often", "occasionally"}
_QUALIFYING |= {"loosely", "informally", "alternatively", "variously", "originally", "formerly"}
_QUALIFYING |= {"traditionally", "historically", "once"}


def _qualified(sentence: Sentence) -> bool:
    """Whether the sentence names or defines with a qualification the question would drop
    ("known collectively as", "sometimes called"), or says what the term *was* ("Mercantilism
    was the economic version of warfare ..."): a past description of a thing is how the text
    saw it then, not what the term means."""
    root = sentence.span.root
    if root.lemma_.lower() == "be" and root.tag_ == "VBD":
        return True
    if any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in root.children):
        return True  # "A kilogram was originally defined as the mass of a liter of water"
    return any(c.dep_ == "advmod" and c.lower_ in _QUALIFYING for c in root.children)


# "a measure ...", "a number that ...": a class so wide that a short description under it fits
# other terms as well ("a number that measures the center of the data" is the mean too).
# "a quick way to graph data": a graded class ("quick", "simple") fits any term of its kind as well.
_VAGUE_CLASS = re.compile(
    r"^(?:an?|the|one)\s+(?:(?:quick|simple|easy|useful|convenient|good|common|popular|powerful)"
    r"\s+)?(?:measure|number|value|quantity|amount|figure|way|method|means|tool"
    r"|thing)\b",
    re.IGNORECASE,
)
# Content words a description under a vague class needs to single out one term.
SPECIFIC_WORDS = 5


# "the number of times an answer occurs": one quantity, named by what it counts.
_ONE_QUANTITY = re.compile(r"^the\s+(?:number|amount|quantity)\s+of\s", re.IGNORECASE)


def _vague(definition: Definition) -> bool:
    """ "What is the term for a measure to account for population growth?": the meaning names
    only a vague class with a few words more, which per-capita income answers as well as
    per-capita GDP. "The number of times an answer occurs" is no member of a class that other
    terms share but the one count it names."""
    return (
        bool(_VAGUE_CLASS.match(definition.meaning))
        and not _ONE_QUANTITY.match(definition.meaning)
        and len(content_words(definition.meaning)) <= SPECIFIC_WORDS
    )


# "an example of a heterogeneous mixture", "a matter of intensive research", "a part of the
# search for ...", "a result of cellular division": the class says how the term stands to
# something else, not what it is, so other things answer as well ("Italian dressing").
_RELATION_CLASS = re.compile(
    r"^(?:an?|the|one)\s+(?:(?!(?:that|which|who|whose|of|in|to|for|by|with|from)\b)"
    r"\w+(?:-\w+)?,?\s+){0,2}?(?:example|examples|instance|case|matter"
    r"|part|parts|result|results|consequence|effect|effects|aspect|feature|factor|subject"
    r"|topic|issue|source|sources|lifeline|focus|concern|product|outcome)\b",
    re.IGNORECASE,
)


def _relational(definition: Definition, sentence: Sentence) -> bool:
    """Whether the meaning names no kind of thing but a relation to something else ("an example
    of ...", "a part of ...") or leans on a possessive with nothing in the meaning for it to
    stand for ("the lifeline of its region": the region of the term itself, which the prompt
    hides). "The ratio of the mass of a sample to its volume" has the sample to point at."""
    meaning = definition.meaning
    if _RELATION_CLASS.match(meaning):
        return True
    span = sentence.span
    at = span.text.find(meaning[1:]) - 1 if len(meaning) > 1 else -1
    if at < 0:
        return False
    start = span.start_char + at
    nouns = 0
    for tok in span:
        if tok.idx < start:
            continue
        if tok.tag_ == "PRP$":
            return nouns <= 1
        nouns += tok.pos_ in {"NOUN", "PROPN"}
    return False


def _named_thing(definition: Definition, text: str) -> bool:
    """ "Karnak temple is the largest Egyptian temple ever built", "The Nile has been ...": a
    name the lesson writes with a capital inside its sentences, and never in lower case, is a
    place's, a people's or a work's, no term, and "What is the term for ...?" reads wrong of it.
    (The tagger's entity labels say little of a word opening its sentence: "Tetanus" is a GPE.)"""
    for word in re.findall(r"[A-Z][a-z]+(?:-[A-Za-z]+)?", definition.term):
        inside = re.search(rf"[a-z,;]\s+{re.escape(word)}\b", text)
        if inside and not re.search(rf"\b{re.escape(word.lower())}\b", text):
            return True
    return False


def _one_of_several(definition: Definition, sentence: Sentence) -> bool:
    """ "Vesicles and vacuoles are membrane-bound sacs ...": the meaning belongs to the terms
    together, so the one the parser took as the subject is half the answer. A term named after
    its meaning ("... is called sporulation, and it begins ...") heads no such list."""
    text = sentence.text.lower()
    at = text.find(definition.term.lower())
    if at < 0 or at > text.find(definition.meaning.lower()) >= 0:
        return False
    return bool(re.match(r"[\s*_]*(?:and|&)\s", text[at + len(definition.term) :]))


def _other_names(definition: Definition, analysis: LessonAnalysis) -> list[str]:
    """ "An outlier is ... It is sometimes called an extreme value.": the next sentence gives the
    term a second name, which is an answer to the question as well."""
    at = definition.sentence_index + 1
    if at >= len(analysis.sentences) or analysis.sentences[at].span is None:
        return []
    span = analysis.sentences[at].span
    root = span.root
    if root.lemma_.lower() not in _NAMING_VERBS:
        return []
    subject = next((c for c in root.children if c.dep_ == "nsubjpass"), None)
    if subject is None or not (
        subject.lower_ in {"it", "this", "they", "these"}
        or answer_key(_span_text(noun_phrase(subject))) == answer_key(definition.term)
    ):
        return []
    name = next((c for c in root.children if c.dep_ == "oprd"), None)
    if name is None:
        as_ = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        name = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ else None
    if name is None:
        return []
    named = _name_tokens(name)
    while named and named[0].pos_ in {"DET", "PRON"}:
        named = named[1:]
    other = _span_text(named)
    return [other] if other and len(other.split()) <= MAX_NAME_WORDS else []


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
    if first is None:
        return True
    if first.pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "PRON"}:
        return False
    # "reduced nicotinamide adenine dinucleotide phosphate (NADPH)": the words give fewer initials
    # than the acronym has letters ("phosphate" gave P and H), and the modifier just before them
    # belongs to the name the shortest run of initials cut off ("silicon field-effect
    # transistor (FET)" is whole: each letter is a word's initial).
    # The parser often reads such a modifier as a verb ("these compounds are reduced ..."), so
    # its part of speech, not its link, tells a modifier from a verb in the present or past.
    before = first.nbor(-1) if first.i > span.start else None
    return not (
        before is not None
        and before.is_lower
        and before.is_alpha
        and before.pos_ in {"ADJ", "NOUN", "VERB"}
        and before.tag_ not in {"VB", "VBD", "VBG", "VBP", "VBZ"}
        and before.lemma_.lower() not in _NAMING_VERBS  # "a molecule called ... (PGA)"
        and len(_significant_words(expansion)) < len(re.sub(r"[^A-Z]", "", definition.term))
    )


def _significant_words(expansion: str) -> list[str]:
    parts = re.split(r"[\s\-–—]+", expansion)
    return [p for p in parts if p and p.lower() not in {"of", "the", "and", "for", "in", "on"}]


def _proper(expansion: str) -> bool:
    """ "North Atlantic Treaty Organization": a name written in capitals word by word, not a
    term ("face-centered cubic", "Gross mixed income" opening its sentence) nor a heading in
    capitals ("GROSS MIXED INCOME")."""
    long = [w for w in expansion.split() if len(w) >= 4]
    return all(w[:1].isupper() for w in long) and bool(long) and not expansion.isupper()


def _acronym_prompt(definition: Definition, sentence: Sentence) -> str:
    """ "What does FCC stand for?" can mean many things (the Federal Communications Commission);
    when the text writes the acronym's expansion as a modifier ("a face-centered cubic (FCC)
    structure"), the noun it modifies gives the domain: 'What does FCC stand for in "FCC
    structure"?'."""
    acronym = definition.term
    verb = "do" if acronym[-1:] == "s" and acronym[:-1].isupper() else "does"
    plain = f"What {verb} {acronym} stand for?"
    span = sentence.span
    if span is None:
        return plain
    closing = next(
        (
            t
            for t in span
            if t.text == ")" and t.i >= 2 and t.nbor(-1).text == acronym and t.nbor(-2).text == "("
        ),
        None,
    )
    if closing is None or closing.i + 1 >= span.end:
        return plain
    noun = closing.nbor(1)
    inside = {t.i for t in noun.subtree}
    if (
        noun.pos_ == "NOUN"
        and (closing.i - 3 in inside or closing.i - 1 in inside)
        and not contains_phrase(definition.meaning, noun.text)
    ):
        return f'What {verb} {acronym} stand for in "{acronym} {noun.text}"?'
    return plain


def _acronym_question(definition: Definition, sentence, text: str) -> Candidate:
    expansion = definition.meaning
    question = _base(
        definition,
        sentence,
        type="short_answer",
        prompt=_acronym_prompt(definition, sentence),
        # "the North Atlantic Treaty Organization" is how a name is said; "the face-centered
        # cubic" is not, and a reader sees it among the answers.
        accepted_answers=[expansion, f"the {expansion}"]
        if _proper(expansion)
        else [expansion, *number_variants(expansion, text)],
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


# "Frequency is defined as ...": the sentence says in so many words that it gives a term.
_DEFINING = {"define", "refer"}


# "the line shown", "the values given": a thing placed on the page, not a name for it.
_PLACED = re.compile(
    r"\b(?:shown|given|listed|above|below|described|mentioned|pictured|depicted)$", re.IGNORECASE
)


def _fair(definition: Definition, *, explicit: bool = False) -> bool:
    """Whether "What is the term for <meaning>?" has the term as its one fair answer."""
    term, meaning = definition.term, definition.meaning
    if _NOT_A_TERM.match(term) or _NOT_A_MEANING.match(meaning) or _PLACED.search(term):
        return False
    if len(words(term)) == 1 and commonness(term) > KEY_WORD and not explicit:
        return False  # "difference", "alternative": a common word any phrase could end on
    return len(words(meaning)) >= 3


def _term_questions(
    definition: Definition, sentence, analysis, pool, names: dict[str, list[str]]
) -> list[Candidate]:
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
    others = _other_names(definition, analysis)
    others += [n for n in names.get(answer_key(definition.term), ()) if n not in others]
    # "HDI" is "Human Development Index" where the course spells it out, and a name another
    # lesson gives the term answers as well; a name the prompt writes gives nothing away.
    acronyms = {**pool.acronyms, **analysis.acronyms}
    also = [
        *answer_variants(definition.term, acronyms)[1:],
        *pool.course_names.get(answer_key(definition.term), ()),
    ]
    known = {answer_key(n) for n in [definition.term, *others]}
    for name in also:
        if answer_key(name) not in known and not contains_phrase(prompt, name):
            others.append(name)
            known.add(answer_key(name))
    wrong = [w for w in wrong if answer_key(w) not in {answer_key(o) for o in others}]
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
            accepted_answers=[
                definition.term,
                *others,
                *number_variants(definition.term, analysis.lesson.text),
            ],
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
