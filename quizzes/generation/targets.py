"""Which answers are worth asking for: key terms of the lesson (rare in general English, frequent
or defined in the lesson), names, dates and quantities; never filler, common words or the lesson's
own title.

General-English rarity is wordfreq's Zipf scale (3.0 is about once per million words; "earth"
is 5.1, "photosynthesis" 3.0, "peptidoglycan" 1.8); its word lists ship inside the package.
"""

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from .normalise import ENTITY_KINDS, answer_key, singular, words

# A lone word this rare is a term of art wherever it appears.
RARE_WORD = 3.0
# A lone word up to this common is a key term when the lesson uses it again or defines it.
KEY_WORD = 4.2
# A name this common ("Earth", "Europe", "China") is a guess anyone can make.
COMMON_NAME = 5.0
# A lone word up to this common is a key term when the lesson uses it again and a good share of
# the course's lessons name it too: the subject's own vocabulary ("holes" across a course on
# semiconductors, "oxygen" across one on photosynthesis).
COURSE_WORD = 4.5
COURSE_SHARE = 0.25
COURSE_MIN_LESSONS = 3
# A phrase of several words: at least one word this rare, or a lesson key phrase.
PHRASE_WORD = 4.3
# A compound of nouns: every word may be this common ("income approach").
COMPOUND_WORD = 5.5


@lru_cache(maxsize=1 << 16)
def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def commonness(text: str) -> float:
    """The Zipf frequency of the answer's rarest word (0 for an unknown word)."""
    found = [zipf(w) for w in words(text) if not w.isdigit()]
    return min(found) if found else 0.0


def in_title(answer: str, title: str) -> bool:
    """The answer is (a word of) the lesson's title: the page gives it away."""
    title_words = {answer_key(w) for w in words(title)}
    title_key = f" {' '.join(answer_key(w) for w in words(title))} "
    key = answer_key(answer)
    return bool(key) and (f" {key} " in title_key or (len(key.split()) == 1 and key in title_words))


def keyness(answer: str, kind: str, *, importance: float, uses: int, defined: bool) -> float:
    """0..1: how much the answer is a key term of the lesson rather than an everyday word."""
    if kind in {"YEAR", "NUMBER"}:
        return 0.6
    rarest = commonness(answer)
    if kind in ENTITY_KINDS:
        whole = zipf(" ".join(words(answer)))
        return 0.2 if whole >= COMMON_NAME else 0.8 if whole < 3.5 else 0.6
    n_words = len(words(answer))
    rare = max(0.0, min(1.0, (5.0 - rarest) / 3.0))  # 1 at Zipf 2, 0 at Zipf 5
    value = 0.5 * rare + 0.25 * min(1.0, (uses - 1) / 3) + 0.25 * importance
    if defined:
        value = max(value, 0.85)
    if n_words > 1:
        value = min(1.0, value + 0.1)
    return round(value, 4)


def worth_asking(
    answer: str,
    kind: str,
    *,
    title: str,
    importance: float,
    uses: int,
    defined: bool,
    pos: tuple[str, ...] = (),
    course_spread: tuple[int, int] = (0, 0),
    named: bool = False,
) -> bool:
    """Whether a blank or a choice on ``answer`` tests a point worth knowing. A word its
    sentence gives as the name of something (``named``: "metal letters known as type") is the
    text's own term, however common it is elsewhere."""
    if kind in {"YEAR", "NUMBER", "LIST_ITEM", "DEFINITION", "ACRONYM"}:
        return True
    if in_title(answer, title):
        return False
    if kind in ENTITY_KINDS:
        return zipf(" ".join(words(answer))) < COMMON_NAME
    rarest = commonness(answer)
    if len(words(answer)) == 1:
        return (
            named
            or rarest <= RARE_WORD
            or (rarest <= KEY_WORD and (uses >= 2 or defined))
            or (rarest <= COURSE_WORD and uses >= 2 and course_vocabulary(*course_spread))
        )
    key_phrase = uses >= 2 or defined or importance >= 0.5
    if rarest <= PHRASE_WORD:
        return key_phrase
    # "income approach", "frequency distribution": nouns naming a kind of noun are a term of the
    # subject even when each word is everyday English, if the lesson uses them again or defines
    # them.
    return (
        len(pos) > 1
        and all(p in {"NOUN", "PROPN"} for p in pos)
        and rarest <= COMPOUND_WORD
        and (uses >= 2 or defined)
    )


def course_vocabulary(lessons_writing: int, lessons: int) -> bool:
    """A word enough of the course's lessons write to be its subject's vocabulary."""
    return lessons_writing >= max(COURSE_MIN_LESSONS, COURSE_SHARE * lessons)


# A lone everyday noun before "of" ("the _____ of the printing press"): the phrase around it
# supplies it ("invention", "history", "use").
GRAMMAR_NOUN = 3.9
# A coordination of this many members: one of them is a detail, not the point of the sentence.
LONG_LIST = 4
_ATTRIBUTION = re.compile(
    r"\b(?:according to|as (?:argued|noted|shown|stated) by)\s*(?:the\s*)?$", re.I
)
_GLOSS = re.compile(r"^\s*,?\s*(?:meaning|which means|literally)\b", re.I)
# "(e.g., green plants, _____, purple bacteria)", "such as fungi, _____ and bacteria": the list
# only illustrates, and any other member of the kind fills the blank as well.
_EXAMPLE_CUE = re.compile(r"\b(?:e\.\s?g\.|such as|including|for example|for instance)", re.I)
# What may stand between the cue and a member of its list: earlier members and separators (one
# "and" or "or" ends the list: "such as X and Y, suggest ..." has left it).
_MEMBER = r"(?:(?!\b(?:and|or)\b)[^,;:()])"
_LIST_SO_FAR = re.compile(
    rf"\s*,?\s*(?:{_MEMBER}{{1,50}},\s*)*(?:{_MEMBER}{{1,50}},?\s*(?:and|or)\s+)?"
    r"(?:the\s+|an?\s+)?",
    re.I,
)
_LIST_AFTER = re.compile(r"^\s*(?:,|and\b|or\b)", re.I)
# "Oxygen is a waste product of _____" (the light-dependent reactions): what a part yields or
# belongs to, every whole it is part of yields or holds as well (photosynthesis).
_PART_OF_A_WHOLE = re.compile(
    r"\b(?:(?:by-?|end |waste )?products?|parts?|stages?|steps?)\s+of\s+(?:the\s+)?$", re.I
)
# "compares _____ from one year to another" (GDP figures): a plural noun that only says the thing
# is counted or measured leaves the modifier alone ("GDP") or any other measured thing ("prices",
# "incomes") as good a fill. "Rates" are left out: a rate is a quantity of its own ("interest
# rates", "birth rates"), not just the thing counted.
_MEASURE_HEADS = {"figures", "numbers", "amounts", "levels", "totals", "values", "statistics"}


def given_away(sentence, term) -> str | None:
    """Why blanking ``term`` in ``sentence`` would not test it, or None: the rest of the sentence
    supplies it, several fills are as good, or it is one detail of a long list."""
    before = sentence.raw[: term.start - sentence.start]
    after = sentence.raw[term.end - sentence.start :]
    term_words = words(term.text)
    if len(term_words) > 1 and _parallel(sentence, term):
        # "supply curves ..., _____ are ...": the parallel phrase gives the answer away.
        return "parallel phrase"
    elif (
        len(term_words) == 1
        and term.kind == "CONCEPT"
        and re.match(r"\s*of\b", after)
        and commonness(term.text) >= (GRAMMAR_NOUN)
    ):
        return "grammar noun"
    if _ATTRIBUTION.search(before):
        return "who says so"
    if term.kind == "CONCEPT" and _PART_OF_A_WHOLE.search(before):
        return "the whole fits as well"
    if _measured_thing(term):
        return "the thing measured fits as well"
    if _GLOSS.match(after):
        return "gloss fits the blank"  # "comes from _____, meaning nature": the word itself fits
    cues = list(_EXAMPLE_CUE.finditer(before))
    if cues:
        so_far = before[cues[-1].end() :]
        if _LIST_SO_FAR.fullmatch(so_far) and (so_far.strip(" ,") or _LIST_AFTER.match(after)):
            return "one of an example list"
    if before.count("(") > before.count(")") and ")" in after:
        # "(partly for _____)": an aside is a detail of the sentence, not its point.
        return "parenthetical aside"
    if term.kind not in {"YEAR", "NUMBER"} and coordination_size(sentence, term) >= LONG_LIST:
        return "one of a long list"
    return None


def _measured_thing(term) -> bool:
    """ "GDP figures", "oxygen levels": a noun (or name) before a plural measure word."""
    term_words = words(term.text)
    return (
        term.kind == "CONCEPT"
        and len(term_words) > 1
        and term_words[-1].lower() in _MEASURE_HEADS
        and len(term.pos) == len(term_words)
        and all(p in {"NOUN", "PROPN"} for p in term.pos[:-1])
    )


# A modifier this common ("wide", "greater", "printing") before a noun this common ("circulation",
# "accuracy", "books"): "spread", "precision" or "producing books" fill the blank as well.
COMMON_MODIFIER = 4.25
EVERYDAY_HEAD = 3.8


def loose_phrase(sentence, term, lesson_text: str) -> bool:
    """``term`` is an everyday adjective or verb on an everyday noun ("wide circulation"), not a
    term of art ("electrical conductivity", "red algae"): other wordings fit its blank. A
    phrase the lesson uses again ("collective security") is its own term, unless its modifier
    is a comparative ("greater accuracy"), which grades the noun rather than naming a kind."""
    term_words = words(term.text)
    if len(term_words) != 2 or len(term.pos) != 2 or term.kind != "CONCEPT":
        return False
    modifier, head = (w.lower() for w in term_words)
    verbal = term.pos[0] in {"ADJ", "VERB"} or (term.pos[0] == "NOUN" and modifier.endswith("ing"))
    if not (verbal and zipf(modifier) >= COMMON_MODIFIER and zipf(head) >= EVERYDAY_HEAD):
        return False
    first = sentence.span.doc[term.token_start] if sentence.span is not None else None
    comparative = first is not None and first.tag_ in {"JJR", "JJS", "RBR", "RBS"}
    return comparative or lesson_text.lower().count(term.text.lower()) < 2


# What separates two members of a written list: ", the", " and ", ", or a"; or names the
# analysis took no term from (", the Organisation for Economic Co-operation and Development, ").
_NAME = r"[A-Z][\w'’-]*(?:\s+(?:of|for|and|on|the|[A-Z][\w'’-]*))*"
_LIST_SEPARATOR = re.compile(
    rf"^((?:\s*,\s*(?:the\s+)?{_NAME}(?=\s*,))*)"
    r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+|an?\s+)?$"
)


def coordination_size(sentence, term) -> int:
    """How many members the list ``term`` belongs to has (1 when it is not in a list): the
    parse's coordination or, when the parser misread a long list of names (an apposition in the
    middle), the run of the sentence's terms separated only by commas and "and"."""
    return max(_parsed_coordination_size(sentence, term), _written_list_size(sentence, term))


def _written_list_size(sentence, term) -> int:
    terms = sorted(sentence.terms, key=lambda t: t.start)
    if term not in terms:
        return 1
    size, found = 1, False
    for previous, current in zip(terms, terms[1:], strict=False):
        found = found or previous is term
        between = sentence.raw[previous.end - sentence.start : current.start - sentence.start]
        separator = _LIST_SEPARATOR.match(between) if current.start >= previous.end else None
        if separator:
            size += 1 + separator.group(1).count(",")
        elif found:
            break
        else:
            size = 1
    return size


def _parsed_coordination_size(sentence, term) -> int:
    if sentence.span is None or term.token_end <= term.token_start:
        return 1
    head = sentence.span.doc[term.token_end - 1]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    size, node = 1, head
    while True:
        nxt = next((c for c in node.children if c.dep_ == "conj"), None)
        if nxt is None:
            return size
        size, node = size + 1, nxt


def _parallel(sentence, term) -> bool:
    """Another phrase of the sentence on the same head noun with a different modifier
    ("adjacent plant cells ... adjacent animal cells")."""
    head = singular(words(term.text)[-1].lower())
    return any(
        other is not term
        and other.key != term.key
        and len(words(other.text)) > 1
        and singular(words(other.text)[-1].lower()) == head
        for other in sentence.terms
    )


# "Suppose that Rosa and Binh both shop at supermarket A.", "Imagine a country whose ...": the
# sentence sets up a worked example, and its people, places and numbers are made up to show a
# method.
_SCENARIO = re.compile(r"(?:suppose|imagine|assume|let's say|let us say|say that)\b", re.I)
# "For example, 15% of data values are ...", "One instance in which colleges use percentiles is
# when SAT results ...": an example of one sentence; the next one may be the subject's again
# ("The interquartile range is ...").
_EXAMPLE = re.compile(r"(?:for example|for instance|one (?:example|instance)\b)\b", re.I)


def worked_examples(analysis) -> set[int]:
    """Indexes of the sentences of a worked example: one that opens with an example, and after
    one that sets up a scenario those after it in its paragraph ("At supermarket A, the mean
    waiting time is five minutes ..."). A blank line ends the paragraph and the scenario."""
    text = analysis.lesson.text
    inside: set[int] = set()
    scenario = False
    previous = None
    people: set[str] = set()
    for sentence in analysis.sentences:
        if previous is None or "\n\n" in text[previous.end : sentence.start]:
            scenario = False
        scenario = scenario or bool(_SCENARIO.match(sentence.text))
        if scenario:
            # "Suppose that Rosa and Binh ...": a first name alone is a person made up for the
            # example, and wherever the lesson names them again ("Rosa's wait time of seven
            # minutes is ...") it is still working the example.
            people |= {
                t.text for t in sentence.terms if t.kind == "PERSON" and len(words(t.text)) == 1
            }
        if (
            scenario
            or _EXAMPLE.match(sentence.text)
            or any(re.search(rf"\b{re.escape(p)}\b", sentence.text) for p in people)
        ):
            inside.add(sentence.index)
        previous = sentence
    return inside
