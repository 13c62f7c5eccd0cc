"""The second names a lesson gives its terms, which fill a question's blank as rightly."""

import re

from spacy.lang.en.stop_words import STOP_WORDS

from .analysis import LessonAnalysis
from .normalise import answer_key, contains_phrase
from .questions import BLANK

# "plasma membrane (also called a cell membrane)", "simple diffusion, also known as passive
# transport": the lesson gives the term a second name. Without "also", "organelles called
# chloroplasts" names a kind of the first, not the first again.
_ALSO_NAMED = re.compile(
    r"\s*,?\s*\(?\s*(?:also|sometimes|often)\s+(?:called|known\s+as|termed|referred\s+to\s+as)\s+"
    r"(?:the\s+|an?\s+)?",
    re.IGNORECASE,
)
# "the amount of impurity, or dopant, added", "impurity (or dopant)": a word or two after ", or"
# closed by a comma or a bracket, or in brackets after "or", glosses the word or two before it.
# The sentence's raw text blanks Markdown markers with spaces: "**impurity** (or **dopant**)".
_GLOSSED = re.compile(
    r"\b(?:([\w-]+)\s+)?([\w-]+)\s*(?:,\s+or\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*[,)]"
    r"|\(\s*or\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*\))"
)


def second_names(analysis: LessonAnalysis) -> dict[str, list[str]]:
    """Term key -> the other names the lesson gives it ("X, also called Y", "X, or Y,"), found
    once per lesson and kept on its analysis."""
    if analysis.other_names is None:
        analysis.other_names = _find_second_names(analysis)
    return analysis.other_names


def _find_second_names(analysis: LessonAnalysis) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}

    def add(a: str, b: str) -> None:
        if answer_key(a) != answer_key(b):
            for key, name in ((answer_key(a), b), (answer_key(b), a)):
                if name not in names.setdefault(key, []):
                    names[key].append(name)

    for sentence in analysis.sentences:
        terms = [t for t in sentence.terms if t.token_end > t.token_start]
        for a, b in zip(terms, terms[1:], strict=False):
            if _ALSO_NAMED.fullmatch(
                sentence.raw[a.end - sentence.start : b.start - sentence.start]
            ):
                add(a.text, b.text)
    # The gloss may follow a mention the parse did not take for a term ("is called
    # peptidoglycan (or murein)"): any word or two that one of the lesson's terms is.
    texts = {
        t.key: t.text
        for s in analysis.sentences
        for t in s.terms
        if t.kind not in {"YEAR", "NUMBER"}
    }
    for sentence in analysis.sentences:
        for m in _GLOSSED.finditer(sentence.raw):
            gloss = " ".join((m.group(3) or m.group(4)).split())
            for named in ([f"{m.group(1)} {m.group(2)}"] if m.group(1) else []) + [m.group(2)]:
                if answer_key(named) in texts:
                    add(texts[answer_key(named)], gloss)
                    break
    for sentence in analysis.sentences:
        # "an intrinsic (pure) semiconductor": the bracketed word stands for the one before it,
        # and each with the head noun names the same thing.
        for m in _BRACKETED_MODIFIER.finditer(sentence.raw):
            first, second, head = m.groups()
            if not {first.lower(), second.lower()} & STOP_WORDS:
                add(f"{first} {head}", f"{second} {head}")
    for text in texts.values():
        for short in shorter_forms(text):
            if _joined_by_or(text, short, analysis.lesson.text):
                add(text, short)
    return names


# "intrinsic (pure) semiconductor": one lowercase word in brackets between a modifier and its
# head noun. Markdown markers are blanked with spaces in the raw text.
_BRACKETED_MODIFIER = re.compile(r"\b([a-z][\w-]*)\s+\(([a-z][\w-]*)\)\s+([a-z][\w-]*)\b")


def shorter_forms(answer: str) -> list[str]:
    """ "light reactions" for "light-dependent reactions", "stem plot" for "stem-and-leaf plot":
    the phrase with its hyphenated first modifier cut to its first word, which a lesson may use
    for the same thing. Leaving a modifier out altogether names a wider kind ("electron
    microscope"), which quality.key_term weighs instead."""
    first, *rest = answer.split()
    if rest and "-" in first.strip("-") and len(first.split("-")[0]) >= 3:
        return [" ".join([first.split("-")[0], *rest])]
    return []


def _joined_by_or(long: str, short: str, text: str) -> bool:
    """ "light-dependent reactions or light reactions": the lesson gives both as one name."""
    joined = re.compile(
        rf"\b{re.escape(long)}[\s_*]*,?\s+or\s+[\s_*]*{re.escape(short)}\b", re.IGNORECASE
    )
    return bool(joined.search(text))


def possible_other_names(answer: str, analysis: LessonAnalysis) -> list[str]:
    """Names that may be the answer's as well, so a blank it fills may take them as rightly:
    the shorter forms of the answer the lesson writes, and, for "factor cost" in a lesson
    that writes "factor (basic) prices", the kin that shares its modifiers and that the lesson
    names twice over (a "factor price" it calls "basic price" may be the cost)."""
    found = [s for s in shorter_forms(answer) if contains_phrase(analysis.lesson.text, s)]
    *modifiers, head = answer_key(answer).split() or [""]
    if modifiers:
        for key, others in second_names(analysis).items():
            *kin_modifiers, kin_head = key.split()
            if kin_modifiers == modifiers and kin_head != head:
                found += [key, *others]
    return found


def named_with(answer: str, next_word: str, text: str) -> list[str]:
    """ "_____ iron" (BCC), in a lesson that writes "the BCC structure called alpha iron": the
    names the lesson gives with the blank's next word ("alpha") fill the blank as well."""
    named = re.compile(
        rf"\b{re.escape(answer)}\b[^.;]{{0,40}}?\b(?:called|known as|termed)\s+"
        rf"([\w-]+)\s+{re.escape(next_word)}\b",
        re.IGNORECASE,
    )
    return [m.group(1) for m in named.finditer(text)]


_NEXT_WORD = re.compile(rf"{re.escape(BLANK)}\s+([a-z][\w-]*)\b")


def named_for_blank(answer: str, prompt: str, text: str) -> list[str]:
    """named_with for the word after the prompt's blank, if one follows it."""
    after = _NEXT_WORD.search(prompt)
    return named_with(answer, after.group(1), text) if after else []
