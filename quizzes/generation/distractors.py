"""Wrong answers of the same kind as the right one: from the lesson first, then the course."""

import re
from collections import Counter
from dataclasses import dataclass

from .analysis import SOURCE_DEFECTS, LessonAnalysis, ListBlock, Sentence, Term
from .audit import MAX_DISTRACTOR_USES
from .common import shuffled_choices
from .normalise import answer_key, contains_phrase, content_words, related, singular
from .questions import Candidate
from .second_names import second_names

_SMALL_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
# Offsets for years near the right one, in the order they are tried: close enough to be
# plausible, far enough apart that a learner who knows the date is never in doubt.
_YEAR_OFFSETS = (-4, 3, -7, 6, -2, 9, -11, 12)
MIN_CONCEPT_IMPORTANCE = 0.2
# How many of the course's most important terms of a kind are tried once the lesson runs out.
COURSE_SCAN_LIMIT = 300
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Fixed rather than read from the clock so that generation stays deterministic.
PRESENT_YEAR = 2025
_NUMBER_FACTORS = (0.5, 1.5, 2.0, 0.75, 3.0, 1.25, 0.25, 0.6, 0.8, 0.4, 4.0)
_STATEMENT_FACTORS = (0.5, 2.0, 3.0)  # plainly different, not a quibble over a quarter


@dataclass
class _Entry:
    text: str
    key: str
    kind: str
    lesson_key: str
    importance: float
    plural: bool
    word_count: int
    value: float | None


# Verbs and prepositions too general to say what kind of thing their object is.
_GENERIC_GOVERNORS = {
    "be",
    "have",
    "include",
    "use",
    "make",
    "do",
    "become",
    "call",
    "know",
    "show",
    "find",
    "see",
    "take",
    "give",
    "get",
    "contain",
    "involve",
    "say",
    "mean",
    "refer",
    "consider",
    "describe",
    "provide",
    "allow",
    "need",
    "lead",
    "come",
    "go",
    "put",
    "set",
    "keep",
}
# "X, also called Y", "X (Y)", "X, or Y": the two names one thing and are never each other's
# distractors.
_ALIAS_BETWEEN = re.compile(
    r"\s*,?\s*(?:\(\s*(?:(?:also\s+)?(?:called|known\s+as|termed)\s+)?"
    r"|(?:also\s+)?(?:called|known\s+as|termed)\s+|i\.e\.,?\s+|that\s+is,?\s+"
    r"|or\s+(?:simply\s+)?)(?:the\s+|an?\s+)?",
    re.IGNORECASE,
)
# Common nouns whose examples are places or peoples ("countries such as France").
_PLACE_NOUNS = {
    "country",
    "city",
    "state",
    "nation",
    "region",
    "place",
    "town",
    "port",
    "kingdom",
    "empire",
    "province",
    "area",
    "territory",
    "colony",
    "island",
    "people",
    "power",
    "economy",
}
_NAME_PARTICLES = {"van", "von", "de", "da", "del", "der", "di", "du", "la", "le", "ibn", "al"}
# A distractor at most this many times longer (in characters) than the answer, or shorter.
MAX_LENGTH_RATIO = 2.5
# Kinds the small tagger labels loosely (mountains and oceans, treaties and agencies, a molecule
# and an organelle): a stand-in needs evidence that it names the same kind of thing.
_NEEDS_KINSHIP = {"CONCEPT", "LOC", "ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}
# What comes before the name of a journal or magazine: "the 14 May 2007 issue of _____", "the
# open-access scientific journal _____".
VENUE_BEFORE = re.compile(
    r"\b(?:journal|magazine|newspaper|periodical|gazette|issue of)\s+(?:the\s+)?$", re.IGNORECASE
)
# ... or of a journal or a town a text appeared in: "A study published in _____ in October 2011",
# "a treatise published in Prague in 1574".
PUBLISHED_BEFORE = re.compile(
    rf"{VENUE_BEFORE.pattern}|\b(?:published|appearing|appeared|printed) in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# How related a candidate is to the answer: listed with it, named by the same head noun, or
# doing the same thing in the text (object of the same verb).
SIBLING, SIBLING_OF_SIBLING, SAME_HEAD, SAME_ROLE = 4, 3, 2, 1
# One shared verb is chance ("barley" and "plasma membrane" are both "found in" something).
MIN_SHARED_ROLES = 2
# A name listed with this many others has a kind the list sets (countries, elements).
MIN_LIST_KIN = 2
# A false statement must be plainly false: a year at least this far from the true one.
MIN_STATEMENT_YEAR_GAP = 5
# How many more true statements than false ones (or the reverse) a course may keep: learners
# who find that one answer is the safe guess learn nothing from the rest.
# A lesson's first statement used to pass whatever the balance: most lessons ask one, so two
# thirds of the corpus's statements were true copies. A lesson short of approvable questions
# still keeps one (pipeline._short_without).
STATEMENT_SLACK = 3
STATEMENT_RATIO = 1.2


def _tails(key: str) -> list[str]:
    """The phrases of two words or more that end a term's key: its kinds' common names."""
    parts = key.split()
    return [" ".join(parts[i:]) for i in range(1, len(parts) - 1)]


class DistractorPool:
    """Every candidate wrong answer in a course, indexed by kind, with the evidence that two
    terms name the same kind of thing, and how often each wrong answer has been used."""

    @property
    def surnames(self):
        """The last words of people's full names, as keys."""
        return self.full_names.keys()

    def lessons_using(self, text: str) -> set[str]:
        """The keys of the lessons that have ``text`` as one of their terms."""
        return self._lessons_of.get(answer_key(text), set())

    def course_spread(self, text: str) -> tuple[int, int]:
        """How many of the course's lessons write ``text``'s every content word, of how many."""
        wanted = content_words(text)
        lessons = self._lessons
        if not wanted:
            return 0, lessons
        wanted = frozenset(wanted)
        if (known := self._spread.get(wanted)) is None:
            # Through the word index: testing every lesson's words for every candidate grew
            # with lessons x candidates (a 2 MB document: 2,358 lessons).
            found = sorted((self._lessons_with_word.get(w, frozenset()) for w in wanted), key=len)
            known = self._spread[wanted] = len(found[0].intersection(*found[1:]))
        return known, lessons

    def other_name(self, person: str) -> str | None:
        """The other way the course names one person: "Adam Smith" for "Smith", "Smith" for
        "Adam Smith"; None when the surname is shared ("Robert Hooke", "John Hooke") or never
        written in full."""
        words = person.split()
        full = {answer_key(n): n for n in self.full_names.get(answer_key(words[-1]), ())}
        if len(full) != 1:
            return None
        (name,) = full.values()
        if len(words) == 1:
            return name
        return words[-1] if answer_key(person) in full else None

    def lessons_writing(self, text: str) -> set[str]:
        """The keys of the lessons that have ``text`` as one of their terms, or a kind of it
        named by a longer term ending with it ("private defense contractors")."""
        key = answer_key(text)
        using, kinds = self._lessons_of.get(key, set()), self._lessons_of_kinds.get(key, set())
        return using | kinds if kinds else using

    def __init__(self, analyses: list[LessonAnalysis]):
        self.acronyms: dict[str, str] = {}
        self._by_kind: dict[str, list[_Entry]] = {}
        self._by_lesson_kind: dict[tuple[str, str], list[_Entry]] = {}
        self._entries: dict[tuple[str, str], _Entry] = {}  # (kind, key) -> first entry
        self._lessons_of: dict[str, set[str]] = {}  # key -> lessons that use the term
        # key -> lessons naming a kind of it ("private defense contractors": "defense contractors")
        self._lessons_of_kinds: dict[str, set[str]] = {}
        # (kind, head noun) or (kind, "first", first word of a name) -> keys
        self._by_head: dict[tuple[str, ...], list[str]] = {}
        self._by_role: dict[tuple[str, str, str], list[str]] = {}  # role -> keys
        self._roles: dict[str, set[tuple[str, str, str]]] = {}
        self.siblings: dict[str, set[str]] = {}  # key -> keys listed with it ("X, Y and Z")
        self.aliases: set[frozenset[str]] = set()
        self.full_names: dict[str, set[str]] = {}  # surname key -> the full names it ends
        # Names the tagger did not call people that act as one somewhere in the course
        # ("Schleiden believed ..."): a person wherever else the course writes them.
        self.acting_persons: set[str] = set()
        # Names of journals and magazines ("the journal PLoS Pathogens", or only ever "published
        # in Nature"), which the tagger often takes for places; a town only ever named as where
        # something was published ("published in Prague") is left out with them.
        self.venues: set[str] = set()
        # How each name reads wherever the course writes it (see _uses), and the labels the
        # tagger gave it: the evidence of what kind of thing it is beyond one label.
        self.uses_of: dict[str, set[str]] = {}
        self._kinds_of: dict[str, set[str]] = {}
        self._sentence_words: dict[tuple[str, int], set[str]] = {}
        # _kin's answers: the indexes above are complete once built, so they never change.
        self._kin_of: dict[tuple[str, str, int, str], list[_Entry]] = {}
        self.takes_article: dict[str, bool] = {}  # answer key -> first written as "the X"
        self.kind_words: dict[str, str | None] = {}  # answer key -> the name's kind word
        self.years: list[int] = []
        # key of a phrase -> whether its modifier describes (an adjective) or names (a noun)
        self.describes: dict[str, bool] = {}
        self.lists: list[tuple[str, ListBlock]] = []  # (lesson key, list) across the course
        self.related: set[frozenset[str]] = set()  # kind-of/part-of/alias pairs of term keys
        # Course-wide: how many chosen questions offer each wrong answer (by answer key).
        self.uses: Counter[str] = Counter()
        self.statements: Counter[bool] = Counter()  # true/false statements kept, by truth
        self.prompts: set[str] = set()  # the prompts kept so far, as answer_key reads them
        seen: set[tuple[str, str, str]] = set()
        published: dict[str, bool] = {}  # name key -> every mention follows PUBLISHED_BEFORE
        self._titles: dict[str, str] = {a.lesson.key: a.lesson.title for a in analyses}
        self._lessons = len(analyses)
        self._lessons_with_word: dict[str, set[int]] = {}  # content word -> lesson indexes
        self._spread: dict[frozenset[str], int] = {}  # course_spread's answers
        for i, analysis in enumerate(analyses):
            for word in content_words(analysis.lesson.text):
                self._lessons_with_word.setdefault(word, set()).add(i)
        for analysis in analyses:
            self.lists.extend((analysis.lesson.key, lb) for lb in analysis.lists)
            self.related |= analysis.related
            for short, long in analysis.acronyms.items():
                self.acronyms.setdefault(short, long)
            for sentence in analysis.sentences:
                if sentence.defect not in SOURCE_DEFECTS:
                    self._link(sentence)
            for sentence, term in analysis.terms():
                if sentence.defect in SOURCE_DEFECTS:
                    continue  # "Aug. Herbig", a publisher in a reference: no person of the text
                mark = (analysis.lesson.key, term.kind, term.key)
                if term.word_count > 1 and term.token_end - term.token_start > 1:
                    modifier = sentence.span.doc[term.token_end - 2]
                    self.describes.setdefault(term.key, modifier.pos_ == "ADJ")
                self.takes_article.setdefault(term.key, term.article)
                self.kind_words.setdefault(term.key, term.kind_word)
                self._lessons_of.setdefault(term.key, set()).add(analysis.lesson.key)
                for tail in _tails(term.key):
                    self._lessons_of_kinds.setdefault(tail, set()).add(analysis.lesson.key)
                if term.kind == "PERSON" and term.word_count > 1:
                    self.full_names.setdefault(answer_key(term.text.split()[-1]), set()).add(
                        term.text
                    )
                if term.kind in _NAME_GROUPS:
                    before = sentence.raw[: term.start - sentence.start]
                    if VENUE_BEFORE.search(before):
                        self.venues.add(term.key)
                    published[term.key] = published.get(term.key, True) and bool(
                        PUBLISHED_BEFORE.search(before)
                    )
                person = term.kind == "PERSON"
                if term.kind in _NAME_GROUPS and not person and _acts_as_person(sentence, term):
                    # "Matthias Schleiden ... described": "Schleiden" alone is him too
                    self.acting_persons |= {term.key, answer_key(term.text.split()[-1])}
                if term.kind in _NAME_GROUPS and term.token_end > term.token_start:
                    self.uses_of.setdefault(term.key, set()).update(_uses(sentence, term))
                    self._kinds_of.setdefault(term.key, set()).add(term.kind)
                if mark in seen:
                    continue
                seen.add(mark)
                entry = _Entry(
                    text=term.text,
                    key=term.key,
                    kind=term.kind,
                    lesson_key=analysis.lesson.key,
                    importance=term.importance,
                    plural=term.plural,
                    word_count=term.word_count,
                    value=term.value,
                )
                if (term.kind, term.key) not in self._entries:
                    # The course list holds each term once, so a long course stays cheap to scan.
                    self._entries[(term.kind, term.key)] = entry
                    self._by_kind.setdefault(term.kind, []).append(entry)
                    head = _head_word(term.key)
                    if head and term.word_count > 1:
                        self._by_head.setdefault((term.kind, head), []).append(term.key)
                        if term.kind != "CONCEPT":
                            first = ("first", term.key.split()[0])
                            self._by_head.setdefault((term.kind, *first), []).append(term.key)
                self._by_lesson_kind.setdefault((analysis.lesson.key, term.kind), []).append(entry)
                if term.kind == "YEAR" and term.value is not None:
                    self.years.append(int(term.value))
        for entries in [*self._by_kind.values(), *self._by_lesson_kind.values()]:
            entries.sort(key=lambda e: (-e.importance, e.key))
        self.years = sorted(set(self.years))
        self.venues |= {key for key, always in published.items() if always}
        spread = _lesson_spread(analyses)
        self.topic_stems = _topic_stems(analyses, spread)
        self.topic_words = self.topic_stems | _topic_words(len(analyses), spread)
        # Term key -> the other names any lesson of the course gives it: "cell membrane" for
        # "plasma membrane", which one lesson writes "(also called a cell membrane)" and the
        # next uses alone. A blank on either takes both.
        self.course_names: dict[str, list[str]] = {}
        for analysis in analyses:
            for key, names in second_names(analysis).items():
                known = self.course_names.setdefault(key, [])
                known += [name for name in names if name not in known]

    def _link(self, sentence: Sentence) -> None:
        """Record what one sentence says about its terms' kinds: lists, aliases, roles."""
        terms = [t for t in sentence.terms if t.token_end > t.token_start]
        if not terms:
            return
        doc = sentence.span.doc
        self.related |= _kinds_stated(doc, terms)
        groups: dict[int, list[Term]] = {}
        for term in terms:
            head = _term_root(doc, term)
            root = _conj_root(head)
            if root.i != head.i or any(c.dep_ == "conj" for c in head.children):
                groups.setdefault(root.i, []).append(term)
            role = _role(root)
            if role and role not in self._roles.setdefault(term.key, set()):
                self._roles[term.key].add(role)
                self._by_role.setdefault(role, []).append(term.key)
        listed: dict[str, int] = {}
        for members in groups.values():
            keys = {m.key for m in members}
            for key in keys:
                listed[key] = len(keys)
                self.siblings.setdefault(key, set()).update(keys - {key})
        chain: list[str] = []  # "plasma membrane (also called cell membrane or cytoplasmic ...)"
        for a, b in zip(terms, terms[1:], strict=False):
            between = sentence.raw[a.end - sentence.start : b.start - sentence.start]
            is_alias = bool(_ALIAS_BETWEEN.fullmatch(between))
            if is_alias and "or" in between.lower().split() and listed.get(a.key, 0) > 2:
                is_alias = False  # "the stomach, heart, or brain": a list, not one thing's names
            if not is_alias:
                chain = []
                continue
            chain = chain or [a.key]
            chain.append(b.key)
            for other in chain[:-1]:
                self.aliases.add(frozenset((other, b.key)))

    def sentence_words(self, analysis: LessonAnalysis, sentence: Sentence) -> set[str]:
        mark = (analysis.lesson.key, sentence.index)
        if mark not in self._sentence_words:
            self._sentence_words[mark] = content_words(sentence.text)
        return self._sentence_words[mark]

    def stated_elsewhere(
        self, candidate: str, stem: str, analysis: LessonAnalysis, sentence: Sentence
    ) -> bool:
        """Whether the lesson says something close to the stem about `candidate`, which would make
        it a right answer too."""
        stem_words = content_words(stem)
        if not stem_words:
            return False
        for other in analysis.sentences:
            if other.index == sentence.index or not contains_phrase(other.text, candidate):
                continue
            shared = stem_words & self.sentence_words(analysis, other)
            if len(shared) / len(stem_words) >= 0.5:
                return True
        return False

    def kinship(self, answer: Term, key: str) -> int:
        """How sure the course makes us that `key` names the same kind of thing as `answer`."""
        siblings = self.siblings.get(answer.key, set())
        if key in siblings:
            return SIBLING
        if any(key in self.siblings.get(s, ()) for s in siblings):
            return SIBLING_OF_SIBLING
        head = _head_word(answer.key)
        if answer.word_count > 1 and head and _head_word(key) == head:
            return SAME_HEAD
        first = answer.key.split()[0] if answer.kind != "CONCEPT" and answer.word_count > 1 else ""
        if first and len(key.split()) > 1 and key.split()[0] == first:
            return SAME_HEAD  # "Mount Fuji", "Mount Tambora"
        shared = self._roles.get(answer.key, set()) & self._roles.get(key, set())
        if len(shared) >= MIN_SHARED_ROLES:
            return SAME_ROLE
        return 0

    def names_a_lesson(self, text: str) -> bool:
        """Whether a lesson of the course is titled with `text` ("Histograms, Frequency Polygons,
        and Time Series Graphs" for "histograms"): a topic of the course."""
        return any(contains_phrase(title, text) for title in self._titles.values())

    def pick(
        self,
        *,
        answer: Term,
        sentence: Sentence,
        analysis: LessonAnalysis,
        stem: str,
        n: int = 3,
        statement: bool = False,
    ) -> list[str]:
        """Up to `n` distractors for `answer`, best first, or fewer when no good ones exist.

        With `statement`, the one wrong value that makes a false statement: it must be plainly
        false (a year well apart) and something the course states about something else."""
        if answer.kind not in {"PERSON", "YEAR", "NUMBER"} and (
            answer.key in self.surnames
            or answer.key in self.acting_persons
            or _acts_as_person(sentence, answer)
        ):
            return []  # "Schwann realized ...", tagged as a place: no place stands in for him
        # How the sentence writes the answer (_uses), read once for every candidate below.
        asked = (
            _uses(sentence, answer)
            if answer.kind in _NAME_GROUPS and answer.token_end > answer.token_start
            else set()
        )
        if self._kind_in_doubt(answer, sentence, asked):
            return []
        if answer.kind == "YEAR":
            candidates = self._year_candidates(answer, statement)
        elif answer.kind == "NUMBER":
            low, high = _number_bounds(sentence, answer)
            candidates = [
                c for c in _number_candidates(answer, statement) if low < (_value_of(c) or 0) < high
            ]
        else:
            candidates = self._term_candidates(answer, sentence, analysis, statement)
        title = self._titles.get(analysis.lesson.key, "")
        chosen: list[str] = []
        for text in candidates:
            key = answer_key(text)
            if self.uses[key] >= MAX_DISTRACTOR_USES:
                continue  # used up: offered by enough of the course's questions already
            if related(text, answer.text, self.acronyms):
                continue
            if _one_takes_in_the_other(key, answer.key):
                continue  # "Central, Western and Eastern Europe" takes in "Western Europe"
            pair = frozenset((key, answer.key))
            if pair in self.related or pair in self.aliases:
                continue  # "lymphocytes" for "T cells": a kind of the other, so not wrong
            if any(
                related(text, c, self.acronyms) or frozenset((key, answer_key(c))) in self.aliases
                for c in chosen
            ):
                continue
            if _shouted(text) and text not in self.acronyms:
                continue  # "PHOTOSYNTHESIS": a heading or bold run, not a name
            if (
                answer.kind == "CONCEPT"
                and any(stems(text) & stems(c) for c in chosen)
                and self.kinship(answer, key) != SAME_HEAD
            ):
                continue  # "late claims" and "fraudulent claims": one gives both away
            if (stems(text) & self.topic_stems) - stems(answer.text) and self.kinship(
                answer, key
            ) < SAME_HEAD:
                continue  # "photosynthesis" in a course on it: the whole covers each of its parts
            if (
                answer.kind == "CONCEPT"
                and self.kinship(answer, key) == SAME_HEAD
                and self.describes.get(answer.key) != self.describes.get(key)
            ):
                continue  # "photosynthetic assimilation" for "carbon assimilation": it may be both
            if answer.kind not in {"YEAR", "NUMBER", "CONCEPT", "PERSON"} and not _same_shape(
                text, answer.text
            ):
                continue  # the tagger calls "NADPH" and "Great Oxidation Event" both ORG
            listed = self.kinship(answer, key) >= SIBLING_OF_SIBLING  # the text lists them together
            if (
                answer.kind not in {"YEAR", "NUMBER", "CONCEPT", "PERSON"}
                and not listed
                and self.kind_words.get(key) != answer.kind_word
            ):
                continue  # "Suez Canal Company" for "Great Bitter Lake": a company is no lake
            if (
                answer.kind in _LOOSE_LABELS
                and not listed
                and not _same_type_word(text, answer.text)
            ):
                continue  # "Mount Tambora" for "Pacific Ocean": the tagger calls both LOC
            if not self._reads_alike(answer, asked, key):
                continue  # "American" for "German" where a language is asked; "Yersinia" as a place
            if answer.kind in _NAME_GROUPS and self._kind_in_question(key):
                continue  # "Bramante", a place in one sentence and a person in the next
            if (
                not statement
                and answer.kind in _NAME_GROUPS
                and answer.kind != "PERSON"
                and not answer.plural
                and self.takes_article.get(key, False) != answer.article
            ):
                continue  # "in the _____": "the Reformation", never "the California"
            if answer.kind == "PERSON" and not self._person_fits(text, answer.text):
                continue  # "Archaea" tagged as a person; "Locke" for "Adam Smith"
            if answer.kind == "PERSON" and _shares_a_name(text, sentence.statement()):
                continue  # "Charles Darwin" in a question that names Darwin
            if answer.kind in {"YEAR", "NUMBER"} and contains_phrase(sentence.text, text):
                continue  # "between 2010 and 2010"
            if answer.kind not in {"YEAR", "NUMBER"}:
                if not _similar_length(text, answer.text):
                    continue
                if contains_phrase(sentence.statement(), text):
                    continue
                if contains_phrase(title, text) and not contains_phrase(title, answer.text):
                    continue  # the lesson's topic ("intercellular junctions") covers its parts
                if self.stated_elsewhere(text, stem, analysis, sentence):
                    continue
            chosen.append(text)
            if len(chosen) == n:
                break
        return chosen

    def _kind_in_doubt(self, answer: Term, sentence: Sentence, asked: set[str]) -> bool:
        """Whether the sentence says the answer is not what its label says, so no stand-in of
        that label fits: a year counted in years ("2,000 years ago"), a "person" that is where
        something happens ("produced in Merv") or is listed with places ("Venice, Genoa, and
        Pisa"), a "place" that opens with a title ("King Louis XIII") or that keeps company ("after
        a conversation with Schleiden") where the course never puts it anywhere nor lists it with
        other places."""
        if answer.token_end <= answer.token_start:
            return False
        doc = sentence.span.doc
        if answer.kind in {"YEAR", "NUMBER"}:
            after = doc[answer.token_end] if answer.token_end < len(doc) else None
            return answer.kind == "YEAR" and after is not None and after.lower_ in _TIME_UNITS
        if answer.kind not in _NAME_GROUPS:
            return False
        if answer.kind == "PERSON" and "place" in asked:
            return True
        if answer.kind != "PERSON" and _titled(answer.text):
            return True
        group = _NAME_GROUPS[answer.kind]
        if (
            group == "place"
            and "company" in asked
            and not self.siblings.get(answer.key)
            and not self.uses_of.get(answer.key, set()) & _PLACE_USES
        ):
            return True  # "a conversation with Schleiden", and nowhere where anything happens
        for sibling in self.siblings.get(answer.key, ()):
            kinds = {_NAME_GROUPS.get(k) for k in self._kinds_of.get(sibling, ())} - {None}
            if kinds and group not in kinds:
                return True  # "Tudor and Stuart England": a person's name among places
        return False

    def _kind_in_question(self, key: str) -> bool:
        """Whether the tagger gives the name kinds of more than one group across the course
        ("Bramante" a GPE beside Antwerp and a PERSON beside Michelangelo; "Amsterdam
        Wisselbank" a PERSON and an ORG): offered as a wrong choice it is as likely of another
        kind than the answer as of the same."""
        groups = {_NAME_GROUPS.get(kind) for kind in self._kinds_of.get(key, ())} - {None}
        return len(groups) > 1

    def _reads_alike(self, answer: Term, asked: set[str], key: str) -> bool:
        """Whether the course writes `key` the way the sentence writes the answer (``asked``,
        its _uses): a name
        heading its own phrase somewhere (not only "Yersinia pestis", "Keynesian framework"),
        a language where a language is asked ("from German", never "American"), a people where
        a people is, a settlement where the text says the answer is one ("the port city of
        Kaffa", "Mainz, Germany"), and never a person's surname or a titled person for a place."""
        if answer.kind not in _NAME_GROUPS or answer.token_end <= answer.token_start:
            return True
        uses = self.uses_of.get(key, set())
        if answer.kind in {"NORP", "LANGUAGE"}:
            role = asked & {"language", "people", "modifier"}
            return bool(role & uses) or not role
        if "name" not in uses:
            return False
        if answer.kind == "PERSON":
            return "place" not in uses  # "Pisa", "Merv": where things happen
        if key in self.surnames or key in self.acting_persons or _titled(key):
            return False
        if key in self.venues:
            return False  # "published in Nature": a journal, whatever the tagger says
        if "settlement" in asked and "settlement" not in uses:
            return self.kinship(answer, key) == SIBLING  # listed with it: "Mainz and Cologne"
        return not ("region" in asked and "settlement" in uses)

    def _person_fits(self, candidate: str, answer: str) -> bool:
        """A surname for a surname, a full name for a full name; a lone word only when the
        course names someone by it in full (the tagger takes "Euglena" for a person)."""
        words = candidate.split()
        if (len(words) == 1) != (len(answer.split()) == 1):
            return False
        if len(words) == 1:
            return answer_key(candidate) in self.surnames
        return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)

    def _term_candidates(
        self, answer: Term, sentence: Sentence, analysis: LessonAnalysis, statement: bool
    ):
        """Terms of the answer's kind the course ties to it (listed with it, same head noun,
        same role), most closely tied first; then, for kinds the tagger labels reliably, this
        lesson's other terms of the kind, then the course's. Lazily: a large course has
        thousands, and three are usually found early."""
        lesson_key = analysis.lesson.key
        yielded: set[str] = set()
        for entry in self._kin(answer, lesson_key):
            if statement and not self._swappable(answer, entry, lesson_key):
                continue
            if self._fits(answer, entry, kin=True):
                yielded.add(entry.key)
                yield entry.text
        if answer.kind in _NEEDS_KINSHIP or not self._labelled_reliably(answer, sentence):
            return
        if answer.kind != "PERSON" and len(self.siblings.get(answer.key, ())) >= MIN_LIST_KIN:
            # "Germany" listed with Italy, France and Spain is a country: the text says which
            # kind by listing it, and a city, a state or a surname the tagger also calls a
            # place would be the odd ones out. Only what it is listed with (or they are) fits.
            return
        if statement and answer.kind != "PERSON":
            return  # a place swapped on its label alone reads "a conversation with Germany"
        for entries, from_lesson in (
            (self._by_lesson_kind.get((lesson_key, answer.kind), []), True),
            (self._by_kind.get(answer.kind, [])[:COURSE_SCAN_LIMIT], False),
        ):
            if statement and not from_lesson:
                return  # a false statement swaps in what this lesson says of something else
            for e in entries:
                if e.key in yielded or (not from_lesson and e.lesson_key == lesson_key):
                    continue
                if self._fits(answer, e, kin=False):
                    yielded.add(e.key)
                    yield e.text

    def _swappable(self, answer: Term, entry: _Entry, lesson_key: str) -> bool:
        """A false statement swaps in what this lesson says of something else, tied closely to
        the answer: listed with it, or (for a phrase) named by the same head noun. Doing the
        same thing in the text is too weak a tie, and a lone common noun ("cells", "organisms")
        too vague to be plainly wrong unless listed with it."""
        if lesson_key not in self._lessons_of.get(entry.key, ()):
            return False
        kinship = self.kinship(answer, entry.key)
        if answer.kind == "CONCEPT" and (answer.word_count == 1 or entry.word_count == 1):
            return kinship == SIBLING and answer.word_count == entry.word_count
        return kinship >= SAME_HEAD

    def _labelled_reliably(self, answer: Term, sentence: Sentence) -> bool:
        """Whether the tagger's label for a name can be trusted without kin: not when the text
        gives it as an example of a common noun that names no place or people ("bacteria such
        as Streptococcus", tagged a place)."""
        if answer.kind == "PERSON" or answer.token_end <= answer.token_start:
            return True
        doc = sentence.span.doc
        i = answer.token_start - 1
        if i >= 1 and doc[i].lower_ == "as" and doc[i - 1].lower_ == "such":
            i -= 2
        elif i >= 0 and doc[i].lower_ in {"including", "like"}:
            i -= 1
        else:
            return True
        while i >= 0 and doc[i].pos_ in {"PUNCT", "ADJ"}:
            i -= 1
        return i < 0 or doc[i].pos_ != "NOUN" or doc[i].lemma_.lower() in _PLACE_NOUNS

    def _kin(self, answer: Term, lesson_key: str) -> list[_Entry]:
        mark = (answer.key, answer.kind, answer.word_count, lesson_key)
        if mark not in self._kin_of:
            self._kin_of[mark] = self._kin_ranked(answer, lesson_key)
        return self._kin_of[mark]

    def _kin_ranked(self, answer: Term, lesson_key: str) -> list[_Entry]:
        keys: set[str] = set(self.siblings.get(answer.key, ()))
        for s in list(keys):
            keys |= self.siblings.get(s, set())
        head = _head_word(answer.key)
        if answer.word_count > 1 and head:
            keys.update(self._by_head.get((answer.kind, head), ()))
            if answer.kind != "CONCEPT":
                keys.update(self._by_head.get((answer.kind, "first", answer.key.split()[0]), ()))
        for role in self._roles.get(answer.key, ()):
            keys.update(self._by_role.get(role, ()))
        keys.discard(answer.key)
        ranked = []
        for k in keys:
            e = self._entries.get((answer.kind, k))
            if e is not None and (level := self.kinship(answer, k)):
                ranked.append(
                    ((-level, lesson_key not in self._lessons_of.get(k, ()), -e.importance, k), e)
                )
        return [e for _rank, e in sorted(ranked, key=lambda pair: pair[0])]

    def _fits(self, answer: Term, e: _Entry, *, kin: bool) -> bool:
        """Whether `e` could stand in the answer's slot: same number, a parallel phrase."""
        if answer.kind == "CONCEPT":
            if e.plural != answer.plural:
                return False
            if not kin and e.importance < MIN_CONCEPT_IMPORTANCE:
                return False
            if abs(e.word_count - answer.word_count) > 1:
                return False
            if not kin and answer.word_count > 1 and e.word_count == 1:
                return False  # "cell" or "body" for "immune system": vaguer, not parallel
            if is_vague(e.text):
                return False  # "particular cell", "following": no kind of thing at all
            if _modifiers_alike(answer.key, e.key):
                return False  # "cell movement" for "cellular movement"
            # Sharing a modifier makes a superset or a near-synonym ("military alliances");
            # so does sharing a stem ("immune system", "adaptive immunity"). A shared head noun
            # with other modifiers names a sibling ("digestive system", "nervous system").
            shared = stems(answer.text) & stems(e.text)
            if shared and shared != {_head_word(answer.key)[:STEM_LENGTH]}:
                return False
            return not (shared and answer.word_count == 1)
        # "the Sumerians" and "Chinese" do not fit the same slot.
        return answer.kind in {"YEAR", "NUMBER", "PERSON"} or e.plural == answer.plural

    def _year_candidates(self, answer: Term, statement: bool = False) -> list[str]:
        year = int(answer.value or 0)
        gap = MIN_STATEMENT_YEAR_GAP if statement else 1
        # Years after both the course's latest and the present would give the answer away.
        cap = max([*self.years, year, PRESENT_YEAR])
        near = sorted(
            (y for y in self.years if gap <= abs(y - year) <= 25),
            key=lambda y: (abs(y - year), y),
        )
        synthetic = [year + d for d in _YEAR_OFFSETS if year + d <= cap and abs(d) >= gap]
        out = [str(y) for y in near[:2]]
        out += [str(y) for y in synthetic if str(y) not in out]
        return out

    def claim(self, candidate: Candidate, *, lesson_short: bool = False) -> bool:
        """Reserve the wrong choices of a question about to be kept, replacing any the course has
        used up with a spare; False (and nothing reserved) when too few are left. A statement of
        a ``lesson_short`` of approvable questions is kept whatever the true/false balance. A
        prompt the course already asks is refused."""
        question = candidate.question
        prompt = answer_key(question.prompt)
        if prompt in self.prompts:
            # "What does BOS stand for?" in the introduction and again where the process is
            # described: the learner meets one question twice.
            return False
        if not self._claim(candidate, lesson_short=lesson_short):
            return False
        self.prompts.add(prompt)
        return True

    def _claim(self, candidate: Candidate, *, lesson_short: bool) -> bool:
        question = candidate.question
        if question.type == "true_false":
            truth = not candidate.distractors
            others = self.statements[not truth]
            if not lesson_short and (
                self.statements[truth] >= others * STATEMENT_RATIO + STATEMENT_SLACK
            ):
                return False  # roughly as many false statements as true ones, course-wide
            self.statements[truth] += 1
            return True
        if not question.choices:
            return True
        right = [c.text for c in question.choices if c.correct]
        wrong = [c.text for c in question.choices if not c.correct]
        spares = list(candidate.spare_distractors)
        if candidate.answer_kind == "LIST_ITEM":
            # Items of other lists are all as good as each other, and few: spread their use so
            # every list of the course still finds wrong choices.
            options = sorted([*wrong, *spares], key=lambda t: self.uses[answer_key(t)])
            keep, spares = [], options
        else:
            keep = [w for w in wrong if self.uses[answer_key(w)] < MAX_DISTRACTOR_USES]
        if len(keep) < len(wrong):
            for spare in spares:
                if len(keep) == len(wrong):
                    break
                if self.uses[answer_key(spare)] >= MAX_DISTRACTOR_USES:
                    continue
                if any(related(spare, other, self.acronyms) for other in [*keep, *right]):
                    continue
                keep.append(spare)
            if len(keep) < len(wrong):
                return False
        if keep != wrong:
            question.choices = shuffled_choices(right, keep, question.fact_key)
            candidate.distractors = keep
        for w in keep:
            self.uses[answer_key(w)] += 1
        return True


# Words that rank, point or count rather than say what kind of thing a phrase names.
_VAGUE_MODIFIERS = {
    "particular",
    "single",
    "typical",
    "individual",
    "adjacent",
    "neighboring",
    "neighbouring",
    "new",
    "similar",
    "different",
    "specific",
    "certain",
    "whole",
    "entire",
    "same",
    "own",
    "general",
    "overall",
    "additional",
    "real",
    "basic",
    "normal",
    "actual",
    "following",
    "above",
    "below",
    "previous",
    "next",
    "first",
    "second",
    "last",
    "various",
    "other",
    "several",
    "many",
    "few",
    "main",
    "major",
    "minor",
    "important",
    "key",
    "simple",
    "given",
    "large",
    "small",
    "big",
    "little",
    "high",
    "low",
    "long",
    "short",
    "good",
    "bad",
    "great",
    "huge",
    "wide",
    "vast",
    "enormous",
    "rapid",
    "considerable",
    "initial",
    "original",
    "final",
    "current",
    "former",
    "latter",
    "significant",
    "total",
    "possible",
    "necessary",
    "usual",
}
PREFIX_LENGTH = 4


def is_vague(phrase: str) -> bool:
    """A phrase that ranks, points or counts ("the last process", "considerable energy")."""
    return bool(_VAGUE_MODIFIERS & set(answer_key(phrase).split()))


def _modifiers_alike(a: str, b: str) -> bool:
    """Two phrases on one head noun whose modifiers are forms of one word ("cell movement",
    "cellular movement") name the same thing."""
    ma, mb = a.split()[:-1], b.split()[:-1]
    return any(x[:PREFIX_LENGTH] == y[:PREFIX_LENGTH] for x in ma for y in mb)


# Names the small tagger labels, grouped by what they name: a label from another group in the
# same list says the tagger got one of them wrong.
_NAME_GROUPS = {
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "people",
    "LANGUAGE": "people",
    "PERSON": "person",
    "ORG": "organisation",
}
# Prepositions whose object is where something is or happens.
_LOCATIVE = {"in", "at", "into", "throughout", "across", "near", "within"}
_PLACE_USES = {"place", "path", "settlement", "region"}
# Prepositions whose object is an agent, a companion or an example ("a conversation with X",
# "written by X", "bacteria such as X"): for a name, more often a person or a thing than a place.
_COMPANY = {"with", "by", "as", "like"}
# Common nouns that make the name after "of" a settlement ("the port city of Kaffa").
_SETTLEMENT_NOUNS = {"city", "town", "village", "port", "capital", "harbour", "harbor"}
# Titles that open a person's name ("King Louis XIII"), whatever label the tagger gives it.
_TITLES = {
    "king",
    "queen",
    "emperor",
    "empress",
    "pope",
    "saint",
    "sir",
    "lord",
    "lady",
    "prince",
    "princess",
    "duke",
    "duchess",
    "tsar",
    "czar",
    "sultan",
    "caliph",
    "president",
    "bishop",
}
# Units of time: "2,000 years ago" counts years and names no year.
_TIME_UNITS = {"year", "years", "decade", "decades", "century", "centuries", "yr", "yrs"}


def _one_takes_in_the_other(a: str, b: str) -> bool:
    """Every word of one name is in the other: "Western Europe" lies in "Central, Western and
    Eastern Europe", so each is right where the other is."""
    wa, wb = set(a.split()), set(b.split())
    return wa < wb or wb < wa


def _titled(name: str) -> bool:
    words = answer_key(name).split()
    return len(words) > 1 and words[0] in _TITLES


def _uses(sentence: Sentence, term: Term) -> set[str]:
    """How one mention of a name reads in its sentence: as a "name" heading its own phrase or
    only as a "modifier" of the noun after it ("Yersinia pestis", "the Keynesian framework");
    a "place" (the object of "in", "at", ...), a "path" (of "from", "to") or "company" (of
    "with", "by", "such as"); a "settlement" ("the city of X", "X, Germany") or the "region"
    one lies in ("Mainz, Germany"); for a people's name, a "language" (a singular noun without
    "the": "from German") or a "people" ("the Dutch", "Jews")."""
    doc = sentence.span.doc
    root = _term_root(doc, term)
    head = _conj_root(root)
    modifier = root.tag_ == "JJ" or (
        root.dep_ in {"amod", "compound", "nmod"} and root.head.i >= term.token_end
    )
    uses = {"modifier" if modifier else "name"}
    if head.dep_ == "pobj":
        preposition = head.head.lower_
        if preposition in _LOCATIVE:
            uses.add("place")
        elif preposition in {"from", "to"}:
            uses.add("path")  # where something comes from or goes: a place, or a person's letter
        elif preposition in _COMPANY:
            uses.add("company")
        elif preposition == "of" and head.head.head.lemma_.lower() in _SETTLEMENT_NOUNS:
            uses.add("settlement")
    if term.kind in {"GPE", "LOC"}:
        # "Mainz, Germany" names one place by two: the second is in apposition, not listed.
        after, before = term.token_end, term.token_start - 1
        if after + 1 < len(doc) and doc[after].text == "," and _appended_place(doc[after + 1]):
            uses.add("settlement")
        if (
            before >= 1
            and doc[before].text == ","
            and root.dep_ in {"appos", "npadvmod"}
            and doc[before - 1].ent_type_ == "GPE"
        ):
            uses.add("region")
    if term.kind == "LANGUAGE":
        uses.add("language")
    elif term.kind == "NORP" and not modifier:
        plural = term.plural or term.article or root.tag_ in {"NNS", "NNPS"}
        uses.add("people" if plural else "language")
    return uses


def _appended_place(token) -> bool:
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head
    return token.ent_type_ == "GPE" and token.dep_ in {"appos", "npadvmod"}


# Verbs whose subject is a person: a name doing these is no place or organisation.
_PERSON_VERBS = {
    "realize",
    "realise",
    "observe",
    "propose",
    "suggest",
    "argue",
    "discover",
    "write",
    "say",
    "believe",
    "think",
    "conclude",
    "publish",
    "describe",
    "invent",
    "study",
    "claim",
    "marry",
    "die",
    "bear",
    "reign",
    "insist",
    "note",
    "coin",
    "name",
    "hypothesize",
    "postulate",
}


def _acts_as_person(sentence: Sentence, term: Term) -> bool:
    if term.kind == "CONCEPT" or term.token_end <= term.token_start:
        return False
    root = _term_root(sentence.span.doc, term)
    return (
        root.dep_ == "nsubj"
        and root.head.pos_ == "VERB"
        and root.head.lemma_.lower() in _PERSON_VERBS
    )


def _term_root(doc, term: Term):
    """The word of the term that the rest of the sentence attaches to ("University" in
    "University of Paris")."""
    for i in range(term.token_start, term.token_end):
        if not term.token_start <= doc[i].head.i < term.token_end or doc[i].head.i == i:
            return doc[i]
    return doc[term.token_end - 1]


def _kinds_stated(doc, terms: list[Term]) -> set[frozenset[str]]:
    """Pairs a copula makes one a kind of the other ("Quartiles are special percentiles",
    "A histogram is a graph"): a statement swapping one for the other may still be true, and
    as choices both are right. The predicate's head noun counts alone too ("percentiles"), and
    an adjective predicate names the kind with the subject's head noun ("All plant cells and
    animal cells are eukaryotic": both are kinds of "eukaryotic cells")."""
    pairs: set[frozenset[str]] = set()
    roots = {_term_root(doc, t).i: t for t in terms}
    for i, subject in roots.items():
        token = _conj_root(doc[i])
        verb = token.head
        if token.dep_ != "nsubj" or verb.lemma_ != "be":
            continue
        if head := _head_word(subject.key):
            for kind in (c for c in verb.children if c.dep_ == "acomp" and c.pos_ == "ADJ"):
                key = answer_key(f"{kind.text} {head}")
                if key != subject.key:
                    pairs.add(frozenset((subject.key, key)))
        for attr in (c for c in verb.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}):
            keys = {answer_key(attr.text)}
            if attr.i in roots:
                keys.add(roots[attr.i].key)
            for key in keys:
                if key and key != subject.key:
                    pairs.add(frozenset((subject.key, key)))
    return pairs


def _conj_root(token):
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _role(token) -> tuple[str, str, str] | None:
    """What a noun does in its sentence, as (relation, preposition, governing word): the object
    of "break down", the subject of "synthesize", what follows "synthesis of"."""
    if token.dep_ in {"nsubj", "nsubjpass", "dobj"} and token.head.pos_ == "VERB":
        lemma = token.head.lemma_.lower()
        return None if lemma in _GENERIC_GOVERNORS else (token.dep_, "", lemma)
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        governor = token.head.head
        lemma = governor.lemma_.lower()
        if governor.pos_ in {"VERB", "NOUN"} and lemma not in _GENERIC_GOVERNORS:
            return ("pobj", token.head.lower_, lemma)
    return None


def _head_word(key: str) -> str:
    return singular(key.split()[-1]) if key else ""


# A word in at least this share of a course's lessons (of at least TOPIC_MIN_LESSONS) is its topic.
TOPIC_SHARE = 0.6
TOPIC_MIN_LESSONS = 3
# In a course of fewer lessons, a word in at least this share of its sentences is its topic (a
# real article's topic word is in 25-67% of them), if in this many times as many as the next.
TOPIC_SENTENCE_SHARE = 0.25
TOPIC_LEAD = 1.3


def _lesson_spread(analyses: list[LessonAnalysis]) -> Counter[str]:
    """Stem -> how many of the course's lessons use it: what _topic_stems and _topic_words both
    read, counted once."""
    spread: Counter[str] = Counter()
    for analysis in analyses:
        spread.update(stems(analysis.lesson.text))
    return spread


def _topic_stems(analyses: list[LessonAnalysis], spread: Counter[str]) -> set[str]:
    """The stems of the word most of the course's lessons use (``spread``: "photosynthesis"
    across a course on it): every other term is part of that topic, so offered as a wrong choice
    it is also right in a way ("the rate of photosynthesis" for "the rate of carbon
    assimilation").

    A course of one or two lessons (an article imported whole) has too few lessons to tell its
    topic by: there the word its sentences use most, when enough of them use it ("the Incas"
    through a long article on the Inca Empire), is the topic. The stem's plural and adjective
    ("inca", "incas", "incan") come with it."""
    if not spread or not any(analysis.sentences for analysis in analyses):
        return set()
    if len(analyses) >= TOPIC_MIN_LESSONS:
        stem, lessons = spread.most_common(1)[0]
        return {stem} if lessons >= TOPIC_SHARE * len(analyses) else set()
    # Only here are the sentences counted: a long course is told by its lessons alone.
    sentences: Counter[str] = Counter()
    total = 0
    for analysis in analyses:
        for sentence in analysis.sentences:
            sentences.update(stems(sentence.text))
            total += 1
    (stem, count), *rest = sentences.most_common(2)
    runner_up = rest[0][1] if rest else 0
    if count < TOPIC_SENTENCE_SHARE * total or count < TOPIC_LEAD * runner_up or len(stem) < 3:
        return set()
    return {stem} | {f"{stem}{end}"[:STEM_LENGTH] for end in ("s", "n", "ns")}


# A word in at least this share of a course's lessons, near the topic's own share, is one of the
# course's topic words ("printing" and "press" in a course on the printing press).
TOPIC_WORD_NEAR = 0.8


def _topic_words(lessons: int, spread: Counter[str]) -> set[str]:
    """The stems nearly as widespread in the course's ``lessons`` as its topic (``spread``):
    together they name what the course is about ("printing press", "plate tectonics"), so a
    phrase made only of them is a blank every learner fills first."""
    if lessons < TOPIC_MIN_LESSONS or not spread:
        return set()
    top = spread.most_common(1)[0][1]
    if top < TOPIC_SHARE * lessons:
        return set()
    return {
        stem
        for stem, found in spread.items()
        if found >= max(TOPIC_SHARE * lessons, TOPIC_WORD_NEAR * top)
    }


def _similar_length(a: str, b: str) -> bool:
    la, lb = len(a), len(b)
    return max(la, lb) <= MAX_LENGTH_RATIO * max(min(la, lb), 4)


STEM_LENGTH = 5


def stems(text: str) -> set[str]:
    """Crude stems: a word's first letters, enough to tie "immune" to "immunity" and "print" to
    "printing"; a shared stem costs a distractor at worst."""
    return {w[:STEM_LENGTH] for w in content_words(text)}


# Labels the small tagger gives to things of many kinds (mountains and oceans, treaties and
# agencies, wars and crises).
_LOOSE_LABELS = {"LOC", "ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}


def _same_type_word(a: str, b: str) -> bool:
    """Two names of several words stand in for each other only when they share the word that
    says what they are, first or last ("Mount Fuji", "Mount Tambora"; "Red Sea", "Dead Sea")."""
    if len(a.split()) < 2 or len(b.split()) < 2:
        return True  # one-word names: left to the shape rule
    (first_a, last_a), (first_b, last_b) = _type_words(a), _type_words(b)
    return first_a == first_b or last_a == last_b


def _type_words(name: str) -> tuple[str, str]:
    head = re.split(r"\s+of\s+", name)[0].split() or name.split()  # "Convention of X"
    return name.split()[0].lower(), head[-1].lower()


def _shares_a_name(candidate: str, text: str) -> bool:
    names = [w for w in candidate.split() if w[:1].isupper() and len(w) > 2]
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)


def _same_shape(a: str, b: str) -> bool:
    """Names that could stand in for each other: an acronym for an acronym, a one-word name for
    a one-word name, a longer name for a longer name."""

    def shape(text: str) -> tuple[bool, bool]:
        words = text.split()
        return (len(words) == 1 and text.isupper(), len(words) == 1)

    return shape(a) == shape(b)


def _number_candidates(answer: Term, statement: bool = False) -> list[str]:
    value = answer.value or 0
    words = answer.text.isalpha()
    values: list[float] = []
    if words and value >= len(_SMALL_NUMBER_WORDS):
        return []  # "forty": its neighbours would read as digits beside a word
    if value == int(value) and (value <= 12 or words) and value != 10:
        for d in (2, -2, 3, 4) if statement else (1, -1, 2, -2, 3, 4):
            if value + d > 0:
                values.append(value + d)
    else:
        for f in _STATEMENT_FACTORS if statement else _NUMBER_FACTORS:
            values.append(_round_like(value * f, value))
    out = []
    scale = next((w for w in answer.text.lower().split() if w in _SCALE_WORDS), None)
    for v in values:
        if v == value or (words and v >= len(_SMALL_NUMBER_WORDS)):
            continue
        if scale:  # "10 million" -> "5 million", not "5000000"
            out.append(f"{v / _SCALE_WORDS[scale]:g} {scale}")
        else:
            out.append(_format_like(v, answer.text, words))
    return list(dict.fromkeys(out))


def _round_like(v: float, reference: float) -> float:
    """Round like the reference: a round answer ("70", "2,500") gets round neighbours, or the
    one round number among near-misses gives itself away."""
    if reference == int(reference):
        digits = len(str(int(abs(reference))))
        step = 10 ** max(digits - 2, 0)
        if digits > 1 and reference % (10 ** (digits - 1)) == 0:
            step = 10 ** (digits - 1)
        elif digits > 1 and reference % (5 * step) == 0:
            step *= 5
        return float(round(v / step) * step)
    return round(v, 2)


# "_____% to 60%" as well as "_____ to 60%": the unit may follow each end.
_RANGE_AFTER = re.compile(r"^\s*%?\s*(?:to|–|-|and)\s*([\d][\d,]*(?:\.\d+)?)")
_RANGE_BEFORE = re.compile(r"([\d][\d,]*(?:\.\d+)?)\s*%?\s*(?:to|–|-|and)\s*$")
_PERCENT_AFTER = re.compile(r"^\s*(?:%|per\s?cent\b)|^\s*(?:to|–|-)\s*[\d.,]+\s*(?:%|per\s?cent)")


def _number_bounds(sentence: Sentence, term: Term) -> tuple[float, float]:
    """What the sentence allows a number to be: below the top of "_____ to 3,000", above the
    bottom of "10 to _____", at most 100 for a percentage."""
    before = sentence.raw[: term.start - sentence.start]
    after = sentence.raw[term.end - sentence.start :]
    low, high = 0.0, float("inf")
    if m := _RANGE_AFTER.match(after):
        high = _value_of(m.group(1)) or high
    if m := _RANGE_BEFORE.search(before):
        low = _value_of(m.group(1)) or low
    if _PERCENT_AFTER.match(after):
        high = min(high, 100.0)
    return low, high


def _value_of(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return _word_value(text)


def _word_value(text: str) -> float | None:
    word = text.lower()
    if word in _SMALL_NUMBER_WORDS:
        return float(_SMALL_NUMBER_WORDS.index(word))
    parts = word.split()
    if len(parts) == 2 and parts[1] in _SCALE_WORDS:
        first = _value_of(parts[0])
        return first * _SCALE_WORDS[parts[1]] if first is not None else None
    return None


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 6 and all(c.isupper() for c in letters)


def _format_like(v: float, reference: str, words: bool) -> str:
    if words and v == int(v) and int(v) < len(_SMALL_NUMBER_WORDS):
        text = _SMALL_NUMBER_WORDS[int(v)]
        return text.capitalize() if reference[:1].isupper() else text
    if v == int(v):
        return f"{int(v):,}" if "," in reference else str(int(v))
    return f"{v:.12g}"
