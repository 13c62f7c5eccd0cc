"""Comparing answers the way a reader would: ignoring case, articles, plurals and acronym forms."""

import re
import unicodedata
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

# spaCy entity labels of named things (not numbers): what a name answer can be.
ENTITY_KINDS = {
    "ORG",
    "PERSON",
    "GPE",
    "LOC",
    "NORP",
    "EVENT",
    "LAW",
    "FAC",
    "PRODUCT",
    "WORK_OF_ART",
    "LANGUAGE",
}

_ARTICLES = {"a", "an", "the"}
_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "&", "de", "at", "by"}
_WORD = re.compile(r"[a-z0-9]+")


# The same sentences and terms are compared many times over; caching keeps a 2 MB course fast.
_CACHE = 1 << 16


@lru_cache(maxsize=_CACHE)
def plain(text: str) -> str:
    """Lowercase ASCII-ish text with typographic quotes folded, for matching."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = text.replace("’", "'").replace("‘", "'")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=_CACHE)
def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    return list(_words(text))


@lru_cache(maxsize=_CACHE)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(re.sub(r"'s\b", "", plain(text))))


@lru_cache(maxsize=_CACHE)
def answer_key(text: str) -> str:
    """The form two answers share when a reader would call them the same answer."""
    tokens = words(text)
    while tokens and tokens[0] in _ARTICLES:
        tokens = tokens[1:]
    return " ".join(singular(t) for t in tokens)


def content_words(text: str) -> set[str]:
    return set(_content_words(text))


@lru_cache(maxsize=_CACHE)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(singular(w) for w in _words(text) if w not in STOP_WORDS and len(w) > 1)


def contains_phrase(haystack: str, needle: str) -> bool:
    """Whether `needle` occurs in `haystack` as whole words, ignoring case, articles and plurals."""
    needle_key = answer_key(needle)
    if not needle_key:
        return False
    return f" {needle_key} " in _haystack(haystack)


@lru_cache(maxsize=_CACHE)
def _haystack(text: str) -> str:
    return " " + " ".join(singular(w) for w in _words(text)) + " "


def _initials_match(acronym: str, parts: list[str]) -> bool:
    """Each significant word gives the acronym a run of its letters starting with its first one;
    small words (of, the, and) may give one letter or none."""
    if not acronym:
        return not any(p not in _SMALL_WORDS for p in parts)
    if not parts:
        return False
    word, rest = parts[0], parts[1:]
    if word in _SMALL_WORDS and _initials_match(acronym, rest):
        return True
    if acronym[0] != word[0]:
        return False
    # The first letter, then up to two more letters found in order inside the word.
    for take in range(1, min(3, len(acronym)) + 1):
        letters = acronym[1:take]
        if _is_subsequence(letters, word[1:]) and _initials_match(acronym[take:], rest):
            return True
    return False


def _is_subsequence(letters: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in letters)


@lru_cache(maxsize=_CACHE)
def is_acronym_of(short: str, long: str) -> bool:
    """ "NATO" and "the North Atlantic Treaty Organization"; "ASEAN" and "Association of Southeast
    Asian Nations"."""
    letters = re.sub(r"[^A-Za-z0-9]", "", short)
    if letters.endswith("s") and letters[:-1].isupper():  # "CDs", but not "DNS"
        letters = letters[:-1]
    if len(letters) < 2 or not letters[: max(2, len(letters) - 1)].isupper():
        return False
    parts = words(long)
    while parts and parts[0] in _ARTICLES:
        parts = parts[1:]
    if len(parts) < 2 or len(parts) > 12:
        return False
    return _initials_match(letters.lower(), parts)


def one_initial_each(short: str, long: str) -> bool:
    """Whether the expansion's words, small ones (of, to, and) aside, give the acronym's letters
    one each: "Antibiotic Development to Advance Patient Treatment" for ADAPT, where
    is_acronym_of also takes "Advance Patient Treatment" (A-d-a in "Advance")."""
    letters = re.sub(r"[^A-Za-z0-9]", "", short).lower()
    initials = "".join(w[0] for w in words(long) if w not in _SMALL_WORDS)
    return len(letters) > 1 and initials == letters


def related(a: str, b: str, acronyms: dict[str, str] | None = None) -> bool:
    """Same answer, one inside the other, or an acronym and its expansion: never both choices."""
    ka, kb = answer_key(a), answer_key(b)
    if not ka or not kb:
        return True
    if ka == kb or f" {ka} " in f" {kb} " or f" {kb} " in f" {ka} ":
        return True
    if is_acronym_of(a, b) or is_acronym_of(b, a):
        return True
    if acronyms:
        for short, long in acronyms.items():
            forms = {answer_key(short), answer_key(long)}
            if ka in forms and kb in forms:
                return True
    return False


_NOUN_TAIL = re.compile(r"^(|.*[^A-Za-z])([a-z]+)$")


def number_variants(answer: str, text: str) -> list[str]:
    """ "electric arc furnace" for the key "electric arc furnaces": the answer with its last word
    in the other number, where the lesson writes that form too, so a reader who types it is
    right. Only a lowercase last word of a regular noun changes; "Netherlands" stays."""
    m = _NOUN_TAIL.match(answer)
    if m is None or len(m.group(2)) < 3:
        return []
    head, last = m.groups()
    if last.endswith(("ss", "us", "is", "ics")):
        return []
    if last != singular(last):
        forms = [singular(last)]
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        return []
    elif last.endswith("y") and last[-2] not in "aeiou":
        forms = [last[:-1] + "ies"]
    else:
        forms = [last + "s"]
    haystack = f" {' '.join(_words(text))} "
    return [f"{head}{form}" for form in forms if f" {' '.join(_words(head + form))} " in haystack]
