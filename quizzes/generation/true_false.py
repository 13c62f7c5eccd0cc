"""True/false builder: the source statement, or a false one made by swapping one entity, date or
number for a same-kind distractor (never by negation)."""

import re

from .analysis import YEAR, LessonAnalysis, Sentence, Term
from .common import (
    answer_variants,
    digest,
    display_concept,
    sentence_fact,
    term_candidate,
    with_context,
)
from .distractors import DistractorPool, is_vague, stems
from .multiple_choice import hyphenated, takes_an
from .normalise import answer_key, contains_phrase, content_words, singular, words
from .questions import Candidate, GeneratedChoice
from .targets import commonness, coordination_size, worked_examples

GENERATOR = "true_false"
VERSION = "1"
PREFIX = "True or false: "
MIN_TRUE_IMPORTANCE = 0.3


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    out = []
    examples = worked_examples(analysis)
    plain = _plain_words(analysis.lesson.text)
    for sentence in analysis.sentences:
        if not sentence.usable or not sentence.terms or _is_instruction(sentence):
            continue  # "Preheat the oven ..." is an instruction, neither true nor false
        if sentence.index in examples:
            continue  # "Suppose that Rosa ... At supermarket A, the mean is five": made up
        if (
            untestable(sentence.text)
            or _LIKENESS.search(sentence.text)
            or _points_back(analysis, sentence)
            or _subject_points_back(sentence)
            or _demonstrative_points_back(sentence)
        ):
            continue  # neither a true nor a false version of it is decided by the text alone
        # The true statement tests the whole sentence, so it is one fact however many terms it has.
        key_term = max(sentence.terms, key=lambda t: (t.importance, -t.start))
        if key_term.importance >= MIN_TRUE_IMPORTANCE and _stands_alone(sentence):
            true = _candidate(
                sentence, key_term, sentence.text, f"tf:{digest(sentence.text)}", [], plain
            )
            out += [true] if true else []
        elif _stands_alone(sentence) and (topic := _topic_subject(sentence, pool)):
            # Copied only: turned ("the least general outbreaks"), a topic's sentence is no
            # plainer a falsehood than any other.
            true = _candidate(
                sentence,
                topic,
                sentence.text,
                f"tf:{digest(sentence.text)}",
                [],
                plain,
                importance=TOPIC_IMPORTANCE,
            )
            out += [true] if true else []
        if key_term.importance >= MIN_TRUE_IMPORTANCE and (flip := flipped(sentence)):
            # The same fact as the true statement (the sentence's claim), asked false.
            statement, antonym = flip
            candidate = _candidate(
                sentence, key_term, statement, f"tf:{digest(sentence.text)}", [antonym], plain
            )
            if candidate:
                candidate.features["flipped"] = 1.0
                out.append(candidate)
        for term in sentence.terms:
            if _is_modifier(sentence, term) or is_vague(term.text):
                continue  # swapping these makes statements that are nonsense, not false
            if _in_brackets(sentence, term) or hyphenated(sentence, term):
                continue  # "(the Krebs)" for "(RuBP)"; "four-dimensional plots"
            if _NAMING.match(sentence.raw[term.end - sentence.start :]):
                continue  # "Corrosion-resistant steels are abbreviated as CRES": its kinds are too
            if _COMPARED_WITH.search(sentence.raw[: term.start - sentence.start]):
                continue  # "differs from that of bacteria": it may differ from the others too
            if _EXAMPLES_AFTER.match(sentence.raw[term.end - sentence.start :]):
                continue  # "phagocytic cells (such as white blood cells)": the example stays
            if _OPEN_LIST.search(sentence.raw):
                continue  # "Pasteur, Lister, and Virchow, and others": Koch may be an other
            if _negated(sentence, term):
                continue  # "does not change with price changes": with another cause, unknown
            if term.kind == "NUMBER" and (term.value or 0) <= MAX_COUNT:
                continue  # "the three forms: cyclic and non-cyclic": the rest of it says two
            if term.kind == "YEAR" and _open_time_bound(sentence, term):
                continue  # "by 2000, it fell to 224,000": by 2005 it had fallen too
            if term.kind in {"YEAR", "NUMBER"} and _range_end(sentence, term):
                continue  # "between 450,000 and 800,000": a wider or narrower range is no lie
            if term.kind not in {"YEAR", "NUMBER"} and coordination_size(sentence, term) >= 3:
                continue  # "a cell wall, chloroplasts, and a central vacuole": seldom the whole
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
            if _said_twice(sentence, term, wrong[0]):
                continue  # "producing a pearlite structure called pearlite": nonsense, not false
            if _betrayed(sentence, term, wrong[0]):
                continue  # "the supply curve ... law of demand": the rest says which it is
            if _said_of_the_same(analysis, sentence, term, wrong[0]):
                continue  # "the Golgi apparatus ... synthesizing polysaccharides": maybe true
            if unopposed_quality(sentence, term, wrong[0], pool):
                continue  # "Inheritable resistance" for "Intrinsic resistance": maybe true too
            statement = _swap(sentence, term, wrong[0], pool)
            if not _ranges_ordered(statement):
                continue  # "Between 2007 and 2005": nonsense, not false
            if any(
                contains_phrase(statement, v) for v in answer_variants(term.text, pool.acronyms)
            ):
                continue  # the true value (or its acronym) is still stated in the sentence
            fact = sentence_fact(sentence, term.text)
            if candidate := _candidate(sentence, term, statement, fact, wrong, plain):
                out.append(candidate)
    return out


def unopposed_quality(sentence: Sentence, term: Term, replacement: str, pool) -> bool:
    """ "Inheritable resistance" for "Intrinsic resistance", "a common ancestor" for "a past
    ancestor": the same thing with another adjective, which the course never lists beside the
    term. Held-out blind readers found such statements as true as the sentence (bench/
    calibration/heldout-2026-12-02a); "prokaryotic cells" for "eukaryotic cells", listed
    together, stays false."""
    mine, theirs = words(term.text), words(replacement)
    if len(mine) != 2 or len(theirs) != 2 or singular(mine[-1]) != singular(theirs[-1]):
        return False
    if term.token_end - term.token_start != 2:
        return False
    if sentence.span.doc[term.token_start].pos_ != "ADJ":
        return False
    return answer_key(replacement) not in pool.siblings.get(term.key, set())


def _candidate(
    sentence: Sentence,
    term: Term,
    statement: str,
    fact: str,
    wrong: list[str],
    plain: frozenset[str] = frozenset(),
    *,
    importance: float | None = None,
) -> Candidate | None:
    is_false = bool(wrong)
    if importance is None:
        importance = term.importance
    if (framed := with_context(sentence, _unshouted(statement, plain))) is None:
        return None  # the lesson's topic would have to stand before it as a heading
    body, context_given = framed
    return term_candidate(
        sentence,
        term,
        generator=GENERATOR,
        version=VERSION,
        fact=fact,
        context_given=context_given,
        distractors=wrong,
        # A false statement tests one precise fact; a true one only that the reader recognises it.
        features={"importance": importance + (0.05 if is_false else -0.3)},
        type="true_false",
        prompt=PREFIX + body,
        choices=[
            GeneratedChoice(text="True", correct=not is_false),
            GeneratedChoice(text="False", correct=is_false),
        ],
    )


# A sentence about a topic of the course (its subject titles a lesson) says something worth
# knowing of it, as a sentence about one of this lesson's highest-ranked key phrases does.
TOPIC_IMPORTANCE = 0.75


def _topic_subject(sentence: Sentence, pool: DistractorPool) -> Term | None:
    """ "Histograms are typically used for large, continuous, quantitative data sets." in a
    chapter review whose key phrases rank other words: the subject is a term that titles a lesson
    of the course, so the statement is about one of its topics."""
    subjects = [c.i for c in sentence.span.root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return next(
        (
            t
            for t in sentence.terms
            if any(t.token_start <= i < t.token_end for i in subjects)
            and pool.names_a_lesson(t.text)
        ),
        None,
    )


# "X are abbreviated as Y", "X is known as Y": a name given to X, which also names every kind
# of X, so a statement giving it to another of the lesson's things may be true.
_NAMING = re.compile(
    r"\s+(?:is|are)\s+(?:also\s+|often\s+|commonly\s+|usually\s+)?"
    r"(?:abbreviated|known|called|referred\s+to|termed)\b",
    re.I,
)


# A run of words in capitals ("MERCANTILISM", "SUPPLY AND DEMAND"), and a word of it this long.
_CAPITALS = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,})*\b")
MIN_SHOUTED = 4


def _plain_words(text: str) -> frozenset[str]:
    """The words the lesson writes in lower case, or with only a capital first letter."""
    found = re.findall(r"\b[A-Za-z][a-z]+\b", text)
    return frozenset(w.lower() for w in found if len(w) >= MIN_SHOUTED)


def _unshouted(statement: str, plain: frozenset[str]) -> str:
    """ "MERCANTILISM is a national economic policy ...": a term the source set in capitals (a
    bold or heading run) that the lesson writes in lower case elsewhere ("Mercantilism was
    dominant ...") is formatting, which blind readers count against a copied statement; an
    acronym ("NATO", "GDP") is never written so, and stays."""

    def lower(m: re.Match) -> str:
        run = m.group(0)
        if not any(w.lower() in plain for w in run.split() if len(w) >= MIN_SHOUTED):
            return run
        text = run.lower()
        return text[:1].upper() + text[1:] if m.start() == 0 else text

    return _CAPITALS.sub(lower, statement)


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


# "between 2000 and 2005", "from 1914 to 1918": a range whose ends a swap may put out of order.
_RANGE = re.compile(
    r"\b(?:between|from)\s+(\d[\d,]*(?:\.\d+)?)\s+(?:and|to|until)\s+(\d[\d,]*(?:\.\d+)?)\b",
    re.IGNORECASE,
)


def _ranges_ordered(statement: str) -> bool:
    return all(
        float(low.replace(",", "")) < float(high.replace(",", ""))
        for low, high in _RANGE.findall(statement)
    )


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
    if _VAGUE.search(text):
        return False  # "bought by someone", "signs for a bend, and the like": guessed, not known
    return not sentence.depends and len(text.split()) <= MAX_TRUE_WORDS and "(" not in text


_HEDGES = {"may", "might", "can", "could", "often", "sometimes", "usually", "generally"}

# Words that name no one and nothing in particular: an indefinite pronoun ("purchased by
# someone"), a generic crowd ("many people come to physics with fear") or an open list tail ("and
# the like", "etc."). Copied as a true statement, such a sentence is a truism or an aside anyone
# would call true, so it tests nothing the lesson taught.
_VAGUE = re.compile(
    r"\b(?:(?:some|any|every|no)(?:one|body|thing)|no one"
    r"|(?:many|most|some|few) people"
    r"|and (?:the like|so on|so forth|others)|etc)\b",
    re.IGNORECASE,
)


# A list left open ("..., and others", "among others", "etc."): a name swapped into it may be
# one of the others the text did not write, so the statement is not clearly false.
_OPEN_LIST = re.compile(
    r"\b(?:(?:and|among|with) others|and (?:the like|so on|so forth)|etc)\b", re.IGNORECASE
)


# A year that only bounds a time on one side ("by 2000", "until 1914", "since 1850"): another
# year past the bound may well be true too ("by 2005 the number had fallen to 224,000").
_OPEN_BOUNDS = {"by", "until", "till", "before", "after", "since"}


def _open_time_bound(sentence: Sentence, term: Term) -> bool:
    # "by 2000", "until early 1348", "by the end of 1351"
    before = sentence.raw[: term.start - sentence.start].lower().split()[-4:]
    return any(w.strip("(,") in _OPEN_BOUNDS for w in before)


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


# What a thing is compared with ("differs from that of bacteria", "smaller than eukaryotic cells",
# "unlike plant cells"): swapped for another thing of its kind, the comparison often still holds,
# so the text does not make the statement false.
_COMPARED_WITH = re.compile(
    r"\b(?:(?:differs?|differed|different|distinct|distinguished|apart)\s+from"
    r"|than|unlike|versus|vs\.?|compared\s+(?:to|with)|in\s+contrast\s+(?:to|with)"
    r"|similar(?:ities)?\s+(?:to|with))"
    r"(?=\s+(?:(?:that|those)\s+of\s+)?(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$)",
    re.IGNORECASE,
)


# Examples given of a term ("cells (such as white blood cells)", "metals, e.g. iron"): swapped for
# another term, the examples no longer belong to it, so the statement is nonsense, not false.
_EXAMPLES_AFTER = re.compile(
    r"\s*[(,]?\s*(?:such\s+as|e\.\s?g\.|for\s+example|for\s+instance|including|like)\b",
    re.IGNORECASE,
)


def _in_brackets(sentence: Sentence, term: Term) -> bool:
    before = sentence.raw[: term.start - sentence.start]
    return before.count("(") > before.count(")")


_BOUNDS = {"more", "over", "least", "less", "fewer", "up", "about", "nearly", "almost", "around"}


# "between 450,000 and 800,000", "from 1347 to 1351", "5–15", "50 or 60": a range's ends.
_RANGE_END_BEFORE = re.compile(r"\b(?:between|from)\s+$|[\d.,]\s*(?:[–-]|to|and|or)\s*$", re.I)
_RANGE_END_AFTER = re.compile(r"^\s*(?:[–-]|(?:to|and|or)\s+\d)", re.I)


def _range_end(sentence: Sentence, term: Term) -> bool:
    """Whether the number is an end of a range. A false statement moves one end ("between
    200,000 and 800,000" for "450,000 and 800,000"), and a range around or inside the true one is
    not plainly false."""
    before = sentence.raw[: term.start - sentence.start]
    after = sentence.raw[term.end - sentence.start :]
    return bool(_RANGE_END_BEFORE.search(before) or _RANGE_END_AFTER.match(after))


def _is_bound(sentence: Sentence, term: Term) -> bool:
    # "up to approximately 400 times": the bound may stand a word of approximation away.
    before = sentence.raw[: term.start - sentence.start].lower().split()[-3:]
    return any(w in _BOUNDS for w in before) or "roughly" in before


# Wording that makes a statement a judgement or a loose tie rather than a fact the text decides:
# "is related to", "as much as any single abstraction can", "arguably".
_UNTESTABLE = re.compile(
    r"\b(?:related to|associated with|linked to|as much as|arguably|perhaps|probably|"
    r"in a sense|in some sense|some say|it is said|so to speak|to (?:some|a certain) extent|"
    r"tends? to|"
    r"one of the most|very important|most important|the best|the greatest)\b",
    re.IGNORECASE,
)


# A likeness ("the structures inside a cell are analogous to the organs of a body") is an aid to
# understanding, not a fact of the subject: copied it is trivially true, and with one side
# swapped it is seldom plainly false.
_LIKENESS = re.compile(r"\b(?:analogous to|akin to|likened to)\b", re.IGNORECASE)


def untestable(text: str) -> bool:
    return bool(_UNTESTABLE.search(text))


def _points_back(analysis: LessonAnalysis, sentence: Sentence) -> bool:
    """ "The heights of the bars ...", "such pictographic signs", "The leaf ...": a bare "the"
    noun (or a "such" noun) that an earlier sentence introduced and this one never names. A
    statement is read alone, so the reader does not know which bars; the lesson's title is not
    part of the prompt, so naming the topic there does not help ("The leaf ..." in a lesson on
    stem-and-leaf graphs)."""
    doc = sentence.span.doc
    toks = [t for t in sentence.span if not t.is_space]
    earlier = set()
    for other in analysis.sentences:
        if other.start >= sentence.start:
            break
        earlier |= {singular(w) for w in words(other.text)}
    seen_here: set[str] = set()
    for t in toks:
        noun = singular(t.lower_)
        if t.pos_ == "NOUN" and t.i > sentence.span.start:
            det = doc[t.i - 1]
            if det.pos_ == "ADJ" and t.i - 2 >= sentence.span.start:
                det = doc[t.i - 2]
            bare = not any(c.dep_ in {"prep", "relcl", "acl", "appos"} for c in t.children)
            if (
                det.lower_ in {"the", "such"}
                and t.dep_ != "compound"
                and (det.lower_ == "such" or bare)
                and noun in earlier
                and noun not in seen_here
            ):
                return True
        seen_here.add(noun)
    return False


# A term this common in general English ("cells", "market") is said of nearly everything in its
# lesson, so meeting it beside the replacement says nothing about the statement.
SUBJECT_WORD = 4.5


def _said_of_the_same(
    analysis: LessonAnalysis, sentence: Sentence, term: Term, replacement: str
) -> bool:
    """The lesson says the replacement of another key term of this sentence ("the Golgi
    apparatus has the role of synthesizing polysaccharides" beside "proteins and lipids ... take
    place in the Golgi apparatus"): the swapped statement may be true too, so the text does not
    decide it. A false statement must swap in what the lesson says of something else."""
    others = [
        t
        for t in sentence.terms
        if t is not term
        and (t.end <= term.start or t.start >= term.end)
        and not contains_phrase(t.text, replacement)
        and (len(words(t.text)) > 1 or commonness(t.text) < SUBJECT_WORD)
    ]
    for other in analysis.sentences:
        if other.index == sentence.index or not contains_phrase(other.text, replacement):
            continue
        if any(contains_phrase(other.text, t.text) for t in others):
            return True
    return False


_PERSONAL = {"PRP", "PRP$"}


def _subject_points_back(sentence: Sentence) -> bool:
    """ "In the English-speaking world, its ideas were criticized by ...": the main clause's
    subject is (or is owned by) a pronoun, so what the statement is about was named in an earlier
    sentence, which a statement read alone does not have."""
    if sentence.span is None:
        return False
    root = sentence.span.root
    for child in root.children:
        if child.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        pronoun = next((t for t in child.subtree if t.tag_ in _PERSONAL), None)
        if pronoun is None:
            continue
        # "Mercantilism in its simplest form", "Insulators have ..., their levels": named
        # before the pronoun in the sentence itself (a scene-setting "In the world, " aside).
        named_before = any(
            t.pos_ in {"NOUN", "PROPN"}
            and not any(a.dep_ == "prep" and a.head == root for a in t.ancestors)
            for t in sentence.span
            if t.i < pronoun.i
        )
        if not named_before:
            return True
    return False


_DEMONSTRATIVES = {"this", "that", "these", "those"}


def _demonstrative_points_back(sentence: Sentence) -> bool:
    """ "Mercantilists fundamentally misunderstood this, ...": a demonstrative standing for a
    noun, not before one, names what an earlier sentence said; read alone, the statement says
    nothing the text decides. "That of bacteria" and "those who trade" name their own."""
    if sentence.span is None:
        return False
    return any(
        t.lower_ in _DEMONSTRATIVES
        and t.tag_ == "DT"
        and t.dep_ != "det"
        and not any(c.dep_ in {"prep", "relcl", "acl"} for c in t.children)
        for t in sentence.span
    )


def _negated(sentence: Sentence, term: Term) -> bool:
    """The term sits in a denied claim ("expectations do not change as a consequence of price
    changes", "no cementite forms in hypoeutectoid steel"). Said of another thing, a denial is
    seldom contradicted by the text: the lesson says what does not happen to the one thing it
    names, not that it happens to the others, so the swapped statement is not plainly false."""
    doc = sentence.span.doc
    node = doc[term.token_start]
    while node.head.i != node.i and term.token_start <= node.head.i < term.token_end:
        node = node.head  # the term's own head word
    for word in (node, *node.ancestors):
        if word.lower_ == "without":
            return True
        for child in word.children:
            if child.dep_ == "neg" or child.lower_ in _NEGATIONS:
                return True
            if word.pos_ in {"VERB", "AUX"} and any(
                g.dep_ == "det" and g.lower_ in {"no", "neither"} for g in child.children
            ):
                return True  # "No large inclusions ... form at the boundaries in X steel"
    return False


def _said_twice(sentence: Sentence, term: Term, replacement: str) -> bool:
    """The rest of the sentence already says a word the replacement brings ("Austria and
    Prussia" -> "Prussia and Prussia", "a layered structure called pearlite" -> "a pearlite
    structure called pearlite"): the swapped statement repeats itself, which gives it away."""
    # Whole words, not stems: "contractors" for "member states" beside "contributions" is fine.
    added = content_words(replacement) - content_words(term.text)
    a, b = term.start - sentence.start, term.end - sentence.start
    return bool(added & content_words(sentence.raw[:a] + " " + sentence.raw[b:]))


def _betrayed(sentence: Sentence, term: Term, replacement: str) -> bool:
    """A swap on one head noun ("demand curve" -> "supply curve") is given away when the word it
    drops ("demand") is said again elsewhere in the sentence: the rest still talks of demand."""
    dropped = stems(term.text) - stems(replacement)
    if not dropped or dropped == stems(term.text):
        return False  # nothing shared: a plain swap of one name for another
    a, b = term.start - sentence.start, term.end - sentence.start
    rest = sentence.raw[:a] + " " + sentence.raw[b:]
    return bool(dropped & stems(rest))


# Gradable words of direction or degree and their opposites: a closed class of English. Only
# forms that stay grammatical when swapped are listed ("lower" the verb is not: see _flippable).
_OPPOSITES = {
    "larger": "smaller",
    "largest": "smallest",
    "higher": "lower",
    "highest": "lowest",
    "wider": "narrower",
    "widest": "narrowest",
    "faster": "slower",
    "fastest": "slowest",
    "stronger": "weaker",
    "strongest": "weakest",
    "longer": "shorter",
    "longest": "shortest",
    "heavier": "lighter",
    "heaviest": "lightest",
    "increase": "decrease",
    "increases": "decreases",
    "increased": "decreased",
    "increasing": "decreasing",
    "more": "less",
    "most": "least",
    "positive": "negative",
}
_OPPOSITES |= {v: k for k, v in _OPPOSITES.items()} | {"fewer": "more"}
_NEGATIONS = {"no", "not", "never", "none", "nor", "neither", "without", "cannot", "n't"}


def flipped(sentence: Sentence) -> tuple[str, str] | None:
    """The sentence with its one word of direction or degree turned to its opposite ("microfilaments
    are the narrowest" -> "the widest", "is increased by carrier traps" -> "decreased"), and that
    opposite; None when the turn is not plainly false by the text. A second such word ("the more
    ..., the more ...", "larger ... smaller") makes a relation that one turn may keep true, a
    negation or a hedge ("can", "may") may make the turned claim true too, and a word inside a
    name, a compound or brackets ("Low-background steel", "high-carbon") is no claim."""
    if sentence.span is None:
        return None
    tokens = [t for t in sentence.span if not t.is_space]
    lowered = [t.lower_ for t in tokens]
    if _NEGATIONS & set(lowered) or any(t.dep_ == "neg" for t in tokens):
        return None
    if _HEDGES & set(lowered):
        return None
    found = [t for t in tokens if t.lower_ in _OPPOSITES]
    if len(found) != 1 or not _flippable(found[0]):
        return None
    token = found[0]
    amounts = [t.i for t in tokens if t.tag_ == "CD" and not YEAR.match(t.text)]
    if any(i < token.i for i in amounts) and any(i > token.i for i in amounts):
        return None  # "seven minutes is two minutes longer than five": arithmetic decides it
    if _one_of_the_most(token):
        return None  # "some of the most spectacular advances": praise, not a ranking to turn
    opposite = _OPPOSITES[token.lower_]
    if token.lower_ == "more" and token.head.tag_ in {"NNS", "NNPS"}:
        opposite = "fewer"  # "more cells" -> "fewer cells"
    if token.text[:1].isupper():
        opposite = opposite.capitalize()
    a = token.idx - sentence.span.doc[sentence.span.start].idx
    if sentence.raw[a : a + len(token.text)] != token.text:
        return None
    before = sentence.raw[:a]
    if before.count("(") > before.count(")"):
        return None  # an aside, not the claim
    text = " ".join((before + opposite + sentence.raw[a + len(token.text) :]).split())
    return _agree_article(text, opposite), opposite  # "an increase" -> "a decrease"


_MEMBERS = {"one", "some", "many", "several", "few", "two", "three", "any", "each"}


def _one_of_the_most(token) -> bool:
    """A superlative picking members of a set ("one of the most", "some of the largest", "among
    the least"): turned, it is seldom plainly false, and it is the writer's emphasis."""
    doc, i = token.doc, token.i
    if i < 2 or doc[i - 1].lower_ != "the":
        return False
    if doc[i - 2].lower_ == "among":
        return True
    return i >= 3 and doc[i - 2].lower_ == "of" and doc[i - 3].lower_ in _MEMBERS


def _flippable(token) -> bool:
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    if "-" in token.text or any(
        n.text in {"-", "‐", "–"} and not n.whitespace_ for n in neighbours
    ):
        return False  # "high-carbon", "low-pressure"
    if token.dep_ == "compound" or token.head.pos_ == "PROPN" or token.ent_type_:
        return False  # part of a name
    word = token.lower_
    if word in {"most", "least"}:
        # "the most famous" -> "the least famous", "the least common dopants": blind readers
        # (held-out rounds c, d) found the turned superlative an odd claim, false at a glance
        # and never worth keeping; "the most common of the three forms" is the writer's ranking.
        return False
    if word in {"more", "less", "fewer"}:
        if token.head.pos_ == "ADJ" and token.dep_ == "advmod":
            # "less meaningful", "more efficient"; not "more commonly known" (a manner).
            before = doc[token.i - 1] if token.i > 0 else None
            determined = before is not None and before.tag_ in {"DT", "PRP$", "POS"}
            return word in {"more", "less"} or determined
        # "more carbon than is desirable": an amount compared
        return token.head.pos_ == "NOUN" and any(t.lower_ == "than" for t in token.head.rights)
    if word.startswith(("increas", "decreas")):
        return token.pos_ in {"VERB", "NOUN"}
    if word in {"positive", "negative"}:
        return token.tag_ == "JJ"
    return token.tag_ in {"JJR", "JJS", "RBR", "RBS"}
