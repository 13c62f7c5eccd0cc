"""The second names a lesson gives its terms, which fill a question's blank as rightly."""

import re

from .analysis import LessonAnalysis
from .normalise import answer_key

# "plasma membrane (also called a cell membrane)", "simple diffusion, also known as passive
# transport": the lesson gives the term a second name. Without "also", "organelles called
# chloroplasts" names a kind of the first, not the first again.
_ALSO_NAMED = re.compile(
    r"\s*,?\s*\(?\s*(?:also|sometimes|often)\s+(?:called|known\s+as|termed|referred\s+to\s+as)\s+"
    r"(?:the\s+|an?\s+)?",
    re.IGNORECASE,
)
# "the amount of impurity, or dopant, added", "impurity (or dopant)": a word or two after ", or"
# closed by a comma or a bracket, or in brackets after "or", glosses the term before it.
_GLOSS = re.compile(
    r"s?(?:,\s+or\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*[,)]"
    r"|\s+\(or\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\))"
)


def second_names(analysis: LessonAnalysis) -> dict[str, list[str]]:
    """Term key -> the other names the lesson gives it ("X, also called Y", "X, or Y,")."""
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
        for term in terms:
            gloss = _GLOSS.match(sentence.raw, term.end - sentence.start)
            if gloss and term.kind not in {"YEAR", "NUMBER"}:
                add(term.text, gloss.group(1) or gloss.group(2))
    return names


def named_with(answer: str, next_word: str, text: str) -> list[str]:
    """ "_____ iron" (BCC), in a lesson that writes "the BCC structure called alpha iron": the
    names the lesson gives with the blank's next word ("alpha") fill the blank as well."""
    named = re.compile(
        rf"\b{re.escape(answer)}\b[^.;]{{0,40}}?\b(?:called|known as|termed)\s+"
        rf"([\w-]+)\s+{re.escape(next_word)}\b",
        re.IGNORECASE,
    )
    return [m.group(1) for m in named.finditer(text)]
