"""The lesson as a reader sees it: escaped Markdown unescaped, footnote markers, citation
parentheticals and cross-references removed, with a map back to the stored text's offsets; and
the test for a sentence that is still not clean enough to ask about.

Pure and line-preserving: newlines are never removed, so the Markdown block structure the
analysis reads (paragraphs, lists, fences) is the stored text's.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from wordfreq import zipf_frequency

from .audit import MOJIBAKE

# Each pass rewrites the text; a replacement's characters map to where its match began.
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>\"'@^])")
_EMPHASIS = re.compile(
    r"(?<![\w*_\\])(\*\*|__|\*|_)(?=[^\s*_])([^*_\n]{1,200}?)(?<=[^\s*_\\])\1(?![\w*_])"
)
_FOOTNOTE = re.compile(
    r"[ \t]*(?:\[(?:\d{1,4}|[a-z]|[ivx]{1,4}|citation needed|clarification needed|note \d+"
    r"|nb \d+|n \d+|\^[\w-]{1,20}|[a-z]+ \d+)\](?!\())+"
    r"|(?<=[A-Za-z.,;:)\]])\^\d{1,3}(?![\d.])",
    re.IGNORECASE,
)
_CROSS_REFERENCE = re.compile(
    r"[ \t]*\(\s*@ref\([^()\n]*\)\s*\)|@ref\([^()\n]*\)"
    r"|[ \t]*\(\s*\{'[^{}\n]*\}[^()\n]{0,40}\)|\{'[^{}\n]*\}"
    r"|[ \t]*\(\s*(?:see\s+|as\s+shown\s+in\s+|shown\s+in\s+|cf\.\s+)?"
    r"(?:fig(?:ure)?s?\.?|tables?|tab\.|eq(?:uation)?s?\.?|chapter|section|box)\s*[\w.:\-–]*"
    r"(?:\s*(?:,|and|&|–|-)\s*[\w.:\-–]+)*\s*\)"
    r"|<link:[^>\n]*>|\{#[^{}\n]*\}",
    re.IGNORECASE,
)
_PARENTHETICAL = re.compile(r"[ \t]*\(([^()\n]{3,160})\)")
# "Eisenstein, 1979", "Smith and Jones 2004: 12", "Man et al., 2002", "New York: Penguin, 2006".
_CITATION = re.compile(
    r"^(?:see\s+(?:also\s+)?|e\.g\.,?\s+|cf\.\s+)?[A-Z][\w'’.\-]+"
    r"(?:(?:\s+(?:and|&)\s+|\s+)[A-Z][\w'’.\-]+)*(?:\s+et\s+al\.?)?,?\s*(?::\s*[^,;]{1,40},\s*)?"
    r"(?:1[4-9]\d\d|20\d\d)[a-z]?(?:\s*[,:;]\s*(?:pp?\.\s*)?[\dxvi]+(?:\s*[–-]\s*\d+)?)*"
    r"(?:\s*;\s*.+)?$"
)
# "Bessemer_process", "white_goods": a wiki link's target written with underscores. Not inside
# inline code (a backtick next to it), where an identifier keeps its underscores.
_LINK_UNDERSCORES = re.compile(r"(?<![`\w])[A-Za-z]+(?:_[A-Za-z]+)+(?![`\w])")
# "15<sup>th</sup>": inline HTML around text that reads fine without it.
_INLINE_HTML = re.compile(r"</?(?:sup|sub|em|strong|i|b|u|small|span)(?:\s[^<>\n]*)?>", re.I)
# "`stopifnot()`", "`paste0`": inline code that is one name (a function, an argument, a value
# like TRUE), a key term of a lesson on code that reads as a plain word once its backticks and a
# call's empty parentheses go. Not `x <- 1`, `{}`, `source("f.R")`: code that is no single word;
# nor `fahr_to_kelvin`, whose underscores cleaning cannot tell from emphasis left in prose.
_CODE_NAME = re.compile(r"`([A-Za-z][A-Za-z0-9]*)(?:\(\))?`")
_EMPTY_BRACKETS = re.compile(r"[ \t]*\(\s*[,;]?\s*\)|[ \t]*\[\s*\]")


@dataclass
class CleanText:
    """The cleaned text and, for each of its characters, its offset in the stored text."""

    text: str
    origin: list[int]
    source_length: int

    def source_offset(self, offset: int) -> int:
        """The stored text's offset for a cleaned-text start offset."""
        if offset >= len(self.origin):
            return self.source_length
        return self.origin[offset]

    def source_end(self, end: int) -> int:
        """The stored text's offset just after the cleaned character ``end - 1``."""
        if end <= 0:
            return 0
        return min(self.source_length, self.origin[min(end, len(self.origin)) - 1] + 1)


def _rewrite(
    text: str, origin: list[int], pattern: re.Pattern, replace: Callable[[re.Match], str]
) -> tuple[str, list[int]]:
    pieces: list[str] = []
    mapped: list[int] = []
    cursor = 0
    for m in pattern.finditer(text):
        new = replace(m)
        if new == m.group(0):
            continue
        pieces.append(text[cursor : m.start()])
        mapped.extend(origin[cursor : m.start()])
        if new:
            # Kept characters of the match map to where they were (emphasis text, unescaped
            # characters): the group's own offsets when the replacement is a group.
            span = _group_span(m, new)
            if span is not None:
                mapped.extend(origin[span[0] : span[1]])
            elif len(new) == len(m.group(0)):
                mapped.extend(origin[m.start() : m.end()])  # rewritten in place
            else:
                mapped.extend([origin[m.start()]] * len(new))
            pieces.append(new)
        cursor = m.end()
    if not pieces:
        return text, origin
    pieces.append(text[cursor:])
    mapped.extend(origin[cursor:])
    return "".join(pieces), mapped


# "infor-\nmation": a word the source broke across lines with a hyphen.
_BROKEN_WORD = re.compile(r"(?<![\w-])([A-Za-z]+)-\n([ \t]*)([a-z]+)(?![\w-])")


def _rejoined(first: str, second: str, text: str) -> str | None:
    """The word a line-end hyphen broke, or None when it cannot be told: "infor-mation" is
    "information" (a word far commoner than the pair), "wedge-shaped" keeps its hyphen
    ("wedgeshaped" is no word), and "pro-founder" could be either."""
    joined, hyphenated = first + second, f"{first}-{second}"
    for written in (joined, hyphenated):  # the lesson writes it on one line elsewhere
        if re.search(rf"(?<![\w-]){written}(?![\w-])", text, re.IGNORECASE):
            return written
    known, compound = zipf_frequency(joined, "en"), zipf_frequency(hyphenated, "en")
    if known > compound:
        return joined
    if known == 0 and compound > 0:
        return hyphenated
    return None


def _rejoin_broken_words(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Line-end hyphens rejoined; the newline moves after the word so no line goes away. A word
    that cannot be told is left broken, and sentence_defect keeps it out of questions."""
    pieces: list[str] = []
    mapped: list[int] = []
    cursor = 0
    for m in _BROKEN_WORD.finditer(text):
        word = _rejoined(m.group(1), m.group(3), text)
        if word is None:
            continue
        pieces.append(text[cursor : m.start()])
        mapped.extend(origin[cursor : m.start()])
        hyphen = m.start(1) + len(m.group(1))
        kept = list(range(m.start(1), hyphen + (1 if "-" in word else 0)))
        kept += list(range(m.start(3), m.end(3)))
        pieces.append(word + "\n" + m.group(2))
        mapped.extend([origin[i] for i in kept])
        mapped.extend(origin[hyphen + 1 : m.start(3)])  # the newline and indentation
        cursor = m.end()
    if not pieces:
        return text, origin
    pieces.append(text[cursor:])
    mapped.extend(origin[cursor:])
    return "".join(pieces), mapped


# Where a sentence starts: a line's start or after a full stop and one or two spaces.
_SENTENCE_START = r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))"
# "Note: the paste function has ...": an editor's label opening a sentence, which the claim after
# it does not need. The claim then opens the sentence.
_NOTE_LABEL = re.compile(
    rf"{_SENTENCE_START}[ \t]*(?:Note|NB|N\.B\.|Nota bene)[ \t]*:[ \t]+([a-z])", re.MULTILINE
)
# "[return statement](../reference.md)": a Markdown link reads as its text.
_INLINE_LINK = re.compile(r"(?<![!\]])\[([^\[\]]{1,80})\]\([^()\s]*\)")


# "(a) ", "iii) ", "(2) ", "iv. ", "B. " opening a line or following a sentence: an enumeration's
# label, which is no part of the sentence. A lone capital with a full stop may be an initial
# ("J. Watt"), so it counts only beside a neighbouring letter's label ("A. ... B. ...").
_LABEL = re.compile(
    r"(?:^|(?<=[.!?:]\s)|(?<=[.!?:]\s\s))[ \t]*"
    r"(\(?[a-z]\)|\(?(?:[ivx]{2,5}|[IVX]{2,5})[.)]|\(?(?:i|v|x)\)|\(\d{1,2}\)|([A-Za-z])[.)])"
    r"[ \t]+(?=[A-Z\d(\"“‘])",
    re.MULTILINE,
)


def _label_removal(text: str) -> Callable[[re.Match], str]:
    letters = {m.group(2) for m in _LABEL.finditer(text) if m.group(2)}

    def replace(m: re.Match) -> str:
        letter = m.group(2)
        if letter is None:
            return ""
        neighbours = {chr(ord(letter) - 1), chr(ord(letter) + 1)}
        return "" if letters & neighbours else m.group(0)

    return replace


def _group_span(m: re.Match, new: str) -> tuple[int, int] | None:
    for g in range(m.re.groups, 0, -1):
        if m.group(g) == new:
            return m.span(g)
    return None


# "(a structure we will discuss shortly)": an aside to the reader about the text, not the subject.
_READER_ASIDE = re.compile(r"\b(?:we|our|us|you|your|let's|let’s)\b", re.IGNORECASE)


# "(singular = flagellum)", "(plural: nuclei)", "(micro- = “small”; -scope = “to look at”)": a
# gloss of a word's form or parts, which the sentence reads the same without.
_GLOSS = re.compile(
    r"(?:-?[A-Za-z]+-?\.?\s*[=:]\s*[“\"‘']?[A-Za-z][A-Za-z ’'-]{0,30}[”\"’']?\s*(?:;\s*|$))+"
)


def _parenthetical(m: re.Match) -> str:
    inside = m.group(1).strip()
    if _CITATION.match(inside) or _READER_ASIDE.search(inside) or _GLOSS.fullmatch(inside):
        return ""
    return m.group(0)


# "At this point, you know that each cell ...", "you would be correct in assuming that the RER
# is ...": the reader's knowledge framing a claim that stands on its own once the frame goes.
_READER_FRAME = re.compile(
    rf"(?:{_SENTENCE_START}|(?<=,\s))"
    r"(?:(?:at this point|by now|now),?\s+)?"
    r"(?:it should (?:now )?be (?:clear|obvious|apparent)(?: to you)?"
    r"|you (?:(?:may|might|will|should) )?(?:now |already )?(?:know|recall|remember"
    r"|have (?:already )?(?:noticed|seen|learned|read))"
    r"|you would be (?:correct|right) (?:in assuming|to assume|to think))"
    r"\s+that\s+([a-z])",
    re.IGNORECASE | re.MULTILINE,
)


def _without_frame(m: re.Match) -> str:
    opens_sentence = not m.string[: m.start()].rstrip().endswith(",")
    return m.group(1).upper() if opens_sentence else m.group(1)


# "the cells that make up your body": a textbook's "your body" is the human body.
_YOUR_BODY = re.compile(r"\b([Yy])our body\b")


# "In microeconomics, SUPPLY AND DEMAND is ...", "GROSS OPERATING SURPLUS (GOS) is ...": a bold
# term an encyclopedia dump turned to capitals. Two words or more, each of four letters or more
# an English word (Zipf >= SHOUTED_WORD_ZIPF), so acronyms ("COE, GOS and GMI", "NATO") and
# code constants ("TRUE") stay as written.
_SHOUTED = re.compile(r"(?<![\w'-])[A-Z][A-Z'-]*[A-Z](?:[ \t]+[A-Z][A-Z'-]*[A-Z])+(?![\w'-])")
MIN_SHOUTED_WORDS = 2
SHOUTED_WORD_ZIPF = 3.0


def _unshouting(text: str) -> Callable[[re.Match], str]:
    def replace(m: re.Match) -> str:
        run = m.group(0)
        long = [w for w in run.split() if len(w) >= 4]
        if len(long) < MIN_SHOUTED_WORDS or any(
            zipf_frequency(w.lower(), "en") < SHOUTED_WORD_ZIPF for w in long
        ):
            return run
        if text[m.end() :].lstrip(" \t").startswith(":"):
            return run  # "DEMAND CURVE SHIFTS: When ...": a run-in heading, which stays one
        lowered = run.lower()
        before = text[: m.start()].rstrip(" \t")
        if not before or before[-1] in ".!?:\n-*+":
            lowered = lowered[:1].upper() + lowered[1:]  # it opens a sentence or an item
        return lowered

    return replace


def clean_text(text: str) -> CleanText:
    """The lesson's rendered prose, for generating from."""
    origin = list(range(len(text)))
    text, origin = _rejoin_broken_words(text, origin)
    text, origin = _rewrite(text, origin, _LABEL, _label_removal(text))
    text, origin = _rewrite(text, origin, _SHOUTED, _unshouting(text))
    for pattern, replace in (
        (_READER_FRAME, _without_frame),
        (_YOUR_BODY, lambda m: ("T" if m.group(1) == "Y" else "t") + "he human body"),
        (_CODE_NAME, lambda m: m.group(1)),
        (_UNESCAPE, lambda m: m.group(1)),
        (_EMPHASIS, lambda m: m.group(2)),
        (_INLINE_HTML, lambda m: ""),
        (_LINK_UNDERSCORES, lambda m: m.group(0).replace("_", " ")),
        (_FOOTNOTE, lambda m: ""),
        (_CROSS_REFERENCE, lambda m: ""),
        (_PARENTHETICAL, _parenthetical),
        (_EMPTY_BRACKETS, lambda m: ""),
        (_INLINE_LINK, lambda m: m.group(1)),
        (_NOTE_LABEL, lambda m: m.group(1).upper()),
    ):
        text, origin = _rewrite(text, origin, pattern, replace)
    return CleanText(text=text, origin=origin, source_length=origin[-1] + 1 if origin else 0)


# What a clean sentence never shows once the passes above have run.
_MARKUP = re.compile(
    r"[\\`*_{}\[\]<>|@^~=#]|:::|https?:|www\.|\.(?:com|org|html?)\b|Ã|Â|â\x80|\(\s*\)"
)
_HOLE = re.compile(
    # "projections that we call microvilli;.": a stop after a comma or semicolon, where an
    # aside was cut out.
    r"\s[,.;:!?)]|\(\s|,\s*,|;\s*[;,]|[,;:]\.|(?<=\S) {2,}(?=\S)"
    r"|\b(?:of|in|the|a|an|and|to|from|by|at|with|as|than|into|on|for)\s*[.,;:)]"
    # "(See .)", "the value is .": what the verb led to was lost. A verb that ends its clause runs
    # straight into its comma or stop ("as it is,", "phenomena we cannot see.", "that is,"); a
    # colon after it still leads to a formula or list the source lost.
    r"|\b(?:see|is|are|was|were)(?:\s+[.,;:)]|:)"
    # "the evolution of in over 60 lineages": a preposition runs into another, its object lost.
    # Prepositions joined by "and" or "or" share one ("into and out of the cell", "at or above
    # the 75th percentile"), and "of at least" is a number's bound.
    r"|\bof\s+(?:and|or)\b"
    r"|\b(?:in|of|at|on|from|by|with|into)\s+(?:of|in|on|by|at(?!\s+(?:least|most)\b))\b"
    r"|\b(?:the|a|an)\s+(?:and|or|the|a|an|of|in|to|is|was)\b"
    # "fix the at night": an article runs straight into a preposition or a verb, its noun (a
    # formula, a symbol) lost. Not "a by-product", "the on-off switch".
    r"|\b(?:the|a|an)\s+(?:at|on|by|from|with|into|than|but|are|were|has|have)(?![\w-])"
    # "increases from to as ...", "between and": a range whose ends were symbols the dump lost.
    r"|\bfrom\s+to\b|\bbetween\s+and\b"
    # "ranging from long, wide, and tall": measures whose numbers and units (a dropped unit
    # template) are gone, leaving their dimension words. Not "from long ago".
    r"|\b(?:from|to|between)\s+(?:long|wide|tall|high|deep|thick)\s*[,;.]"
    # ", or more commonly known Freon": the "as" before the name was lost. "Also called Freon"
    # needs none, and "the better known Roman writers" is an adjective before its noun.
    r"|(?:,|\bor)\s+(?:more\s+|most\s+)?(?:commonly|also|better|widely|generally|popularly"
    r"|usually|often)\s+known\s+(?!as\b)(?=[A-Z])"
    # "... the Raising of the Value of Money. includes an early description": a title's stop
    # left inside the sentence, which runs on in lower case. Not "approx. two", "etc. and".
    r"|\b(?!(?:approx|incl|resp|ibid|corp|dept|univ|govt|misc|esp|cont|vols|figs)\.)"
    r"[A-Za-z][a-z]{3,}\.\s+[a-z]{2,}\b"
    # "The density of air is about 1.2 g/L. shows the densities ...": the same after a unit,
    # where a table's number was lost.
    r"|/[A-Za-z]{1,4}\.\s+[a-z]{2,}\b"
    # "a weight of roughly of copper", "ranges from approx.": an approximate number lost.
    r"|\b(?:roughly|approximately|nearly|almost|about|around)\s+of\b"
    r"|\b(?:approx|ca|cf|viz|incl)\.\s*$"
)
# "The symbol s2 represents the sample variance", "σ2", "10 m2": a power whose superscript the
# source lost reads as a different symbol. A single lower-case letter, then 2 or 3.
_LOST_SUPERSCRIPT = re.compile(r"(?<![\w.-])[a-zα-ω][23](?![\w.-])")
# "pro- founder": a line-end hyphen cleaning could not resolve. Not "p- and n-type".
_BROKEN = re.compile(r"(?<![\w-])[A-Za-z]+-\s+(?!(?:and|or|nor|to)\b)[a-z]")
# "The pro-founder possibilities": a hyphen a printed line end left inside a word's stem, kept by
# the transcriber: joined, the word is an inflection of a common word ("profounder", "profound")
# whose stem the hyphen cuts, so it reads as two other words ("pro", "founder").
_HYPHENATED = re.compile(r"(?<![\w-])([A-Za-z]{2,})-([a-z]{2,})(?![\w-])")
_INFLECTIONS = ("est", "er", "ly", "ness")


def _split_stem(text: str) -> bool:
    for m in _HYPHENATED.finditer(text):
        first, joined = m.group(1).lower(), (m.group(1) + m.group(2)).lower()
        if zipf_frequency(joined, "en") == 0:
            continue
        for suffix in _INFLECTIONS:
            stem = joined.removesuffix(suffix)
            if stem != joined and len(first) < len(stem) and zipf_frequency(stem, "en") >= 3.5:
                return True
    return False


# A label cleaning left ("(c) Speculators ...", "B. Overall, ..." beside no "A."/"C."): the
# sentence is asked about only once the label is gone.
_LEFT_LABEL = re.compile(
    r"^(?:\(?[a-z]\)|\(?(?:[ivx]{1,5}|[IVX]{2,5})[.)]|\(\d{1,2}\)|[A-Z]\.\s+[A-Z][a-z]+,)\s"
)
_FIGURE_WORDS = (
    r"(?:[Ff]igure|[Ff]ig\.|[Tt]able|[Ee]xample|[Ee]quation|[Ee]xercise|[Bb]ox|[Dd]iagram|[Gg]raph"
    r"|[Cc]hart|[Ii]mage|[Pp]icture|[Ii]llustration|[Pp]hoto|[Pp]hotograph|[Mm]ap|[Cc]aption"
    r"|[Pp]anel|(?:[Ss]catter\s)?[Pp]lot)s?"
)
_POINTER = re.compile(
    rf"\b{_FIGURE_WORDS}\s*(?:\d|[A-Z]\b|above|below|shows|illustrates|depicts)"
    r"|\b(?:the|this|these|that|each|in)\s+(?:[Ff]igure|[Dd]iagram|[Gg]raph|[Cc]hart|[Tt]able"
    r"|[Ii]llustration|[Cc]aption|[Pp]anel|[Pp]hoto|[Mm]icrograph)s?\b"
    r"|\b(?:shown|pictured|illustrated|depicted|seen|listed|described|mentioned|given|see)"
    r"\s+(?:above|below|here|earlier|later)\b"
    r"|\b(?:the following|the preceding|the previous|aforementioned|as follows)\b"
    # "The data point (65,175) is ...": a point of a worked example's plot.
    r"|\(\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*\)"
    r"|\b(?:[Ww]e|[Oo]ur|[Oo]urs|us|[Yy]ou|[Yy]our|[Ll]et's|[Ll]et’s)\b"
    # "Characters so used are called ...": "so" + participle after a noun is "used in the way
    # just described", a way the sentence never says. Not "so-called", "so tired that".
    r"|\bso\s+(?!called\b)[a-z]+(?:ed|en)\s+(?:is|are|was|were|be|become|became|have|has|had"
    r"|can|could|may|might|will|would)\b"
)
# "a motor protein we call myosin", "which we call tissue factor": "we" names a term the way
# "is called" does, and points at no one. Not "When we call the function ...": a call in code;
# nor "we call it an organism": what "it" is, the text said before.
_NAMING_WE = re.compile(
    r"(?<!\bwhen )(?<!\bif )(?<!\bonce )\bwe (?:also )?call\b"
    r"(?!\s+(?:it|them|this|these|that|those)\b)",
    re.IGNORECASE,
)
# A trailing \b cannot follow "vol." before a space: abbreviations ending in a dot stand apart,
# and "pp." ends a sentence when the splitter cut the entry before its page numbers.
_REFERENCE = re.compile(
    r"\b(?:isbn|doi|retrieved|archived|university press|op\. cit|ibid|et al)\b"
    r"|\b(?:pp?\.\s*\d|pp\.$|vol\.\s*\d|no\.\s*\d+\s*,\s*(?:pp?\.|\d{4}))",
    re.IGNORECASE,
)
# "the second(abbreviated s)": a word run into its parenthesis, text the source lost a space in.
_RUN_IN_PARENTHESIS = re.compile(r"\b[a-z]{2,}\([a-z]{2,}\s")
# "Groenewegen P. (2008) ‘Supply and Demand’", "Cohen, A. J. and ...": a bibliography entry.
_BIBLIOGRAPHY = re.compile(
    r"\b[A-Z][\w'’-]+,?\s+(?:[A-Z]\.\s*){1,3}(?:\(|,|and\b|&)|\(\d{4}\)\s*[‘'\"“]"
    r"|^[A-Z][\w'’-]+,\s+[A-Z][\w'’-]+\b.*\(\d{4}\)"
)
# "I used ...": a first-person note by the author, not a fact of the subject.
_FIRST_PERSON = re.compile(r"\bI\s+(?:[a-z]|'|’)")
# Lessons that list sources or links rather than teach.
APPARATUS_TITLE = re.compile(
    r"^\s*(?:see also|references?|notes?|footnotes|bibliography|sources|further reading"
    r"|external links|citations|works cited|data|articles and books|hidden categories"
    r"|navigation menu|contents"
    # A wiki dump's footer: "Gross_domestic_product Category:National accounts".
    r"|.*\bcategory:.*)\s*$",
    re.IGNORECASE,
)


def sentence_defect(text: str) -> str | None:
    """Why a sentence of cleaned text is not fit to ask about, or None."""
    if _MARKUP.search(text):
        return "markup"
    if _HOLE.search(text):
        return "hole"
    if MOJIBAKE.search(text):
        return "mojibake"
    if _LEFT_LABEL.match(text):
        return "list label"
    if _BROKEN.search(text) or _split_stem(text):
        return "word broken across lines"
    if _LOST_SUPERSCRIPT.search(text):
        return "lost superscript"
    if _RUN_IN_PARENTHESIS.search(text):
        return "no space before a parenthesis"
    if _REFERENCE.search(text) or _BIBLIOGRAPHY.search(text):
        return "reference"
    if _FIRST_PERSON.search(text):
        return "first person"
    if m := _POINTER.search(_NAMING_WE.sub("", text)):
        return f"points at {m.group(0).lower()!r}"
    if re.search(r"[^\x00-\u024f\u0370-\u03ff\u2010-\u2027\u2080-\u209f\u2212×±°µ]", text):
        return "unusual characters"
    if "?" in text:
        return "not a statement"
    return None


# ", on the other hand,", ", however,": asides that contrast with or add to a sentence the
# prompt does not show. Dropping them leaves the sentence's own claim intact.
_ASIDE = re.compile(
    r",\s+(?:on the other hand|however|in contrast|by contrast|though|in turn|instead|too"
    r"|as well|also|therefore|thus|moreover|furthermore|likewise|similarly|then|for instance"
    r"|for example|in fact|in particular),(?=\s)",
    re.IGNORECASE,
)
# "... as well." at the end, or before the comma of a following phrase ("generated from heat
# as well, in the absence of ..."): adds to what the text said before; "as well as" joins.
_ASIDE_END = re.compile(r",?\s+(?:as well|too|instead)(?=[.!]$|,)", re.IGNORECASE)
# "Luckily R provides ...", "Unfortunately, the method fails ...": the author's attitude to the
# claim, which a quiz statement does not share.
_ATTITUDE = re.compile(
    r"^(?:Luckily|Fortunately|Unfortunately|Happily|Thankfully|Interestingly|Surprisingly"
    r"|Conveniently),?\s+(?=[A-Za-z])"
)
_ALSO = re.compile(r"(?<=[a-z_]) also(?= [a-z])")
# "Mercantilism thus mainly took ...": a bare connective inside the clause draws a conclusion
# from sentences the prompt does not show ("thus far" is a time, not a conclusion).
_THUS = re.compile(r"(?<=[a-z_]) (?:thus|therefore|hence|consequently)(?= [a-z])(?! far\b)")


def without_asides(text: str) -> str:
    """The sentence without connectives that point at the text around it: "The kinetic theory of
    gases, on the other hand, is a model ..." -> "The kinetic theory of gases is a model ..."."""
    if m := _ATTITUDE.match(text):
        rest = text[m.end() :]
        text = rest if rest[:1].isupper() else rest[:1].upper() + rest[1:]
    text = _ASIDE.sub("", text)
    text = _ASIDE_END.sub("", text)
    if not re.search(r"\bnot only\b|\bbut also\b", text, re.IGNORECASE):
        text = _ALSO.sub("", text)
    text = _THUS.sub("", text)
    return text
