"""YAKE's key phrases of a text, ranked as yake.KeywordExtractor ranks them, at about half its cost.

yake builds an object per word and per candidate phrase and a networkx graph of which word follows
which, for every lesson; that was a third of the analysis of a big course. This module keeps
yake's tokeniser, stop words and deduplication and redoes its scoring (YAKE!, Campos et al. 2020)
on plain dicts, with the same arithmetic in the same order, so the scores are the same floats.
tests/quizzes/generation/test_keyphrases.py holds it to yake's own answers.
"""

import math
import string
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import yake
from yake.data.utils import get_tag, pre_filter, tokenize_sentences

# yake's defaults, which analysis uses: at most two words a phrase, a window of one word.
MAX_WORDS = 2
WINDOW = 1
TOP = 25
# What analysis passes as dedupLim is a keyword yake (0.7) no longer reads: it deduplicates at
# its default 0.9, as here.
DEDUP_LIMIT = 0.9
_DISCARDED_TAGS = {"u", "d"}  # unusual words and numbers: no phrase and no co-occurrence
_PUNCTUATION = frozenset(string.punctuation)
_NO_PUNCTUATION = str.maketrans("", "", string.punctuation)


@cache
def _extractor() -> yake.KeywordExtractor:
    """yake's own extractor, for its stop words and its similarity of two phrases."""
    return yake.KeywordExtractor(lan="en", n=MAX_WORDS, top=TOP)


@dataclass(eq=False)
class _Word:
    stopword: bool
    tf: float = 0.0
    tf_acronym: float = 0.0
    tf_name: float = 0.0
    sentences: list[int] = field(default_factory=list)  # each sentence it occurs in, once
    h: float = 0.0
    # Co-occurrence with the word just before (left) or just after (right): count, total weight.
    left: dict["_Word", float] = field(default_factory=dict)
    right: dict["_Word", float] = field(default_factory=dict)


@dataclass(eq=False)
class _Phrase:
    text: str  # as first written
    words: list[_Word]
    tags: set[str]
    tf: float = 0.0
    h: float = 1.0

    def valid(self) -> bool:
        return any("u" not in t and "d" not in t for t in self.tags) and not (
            self.words[0].stopword or self.words[-1].stopword
        )


def key_phrases(text: str) -> list[tuple[str, float]]:
    """The top phrases of ``text`` with their scores (lower is better), as
    yake.KeywordExtractor(lan="en", n=2, top=25).extract_keywords(text) returns them."""
    if not text:
        return []
    extractor = _extractor()
    stopwords = extractor.stopword_set
    sentences = tokenize_sentences(pre_filter(text.replace("\n", " ")))
    words: dict[str, _Word] = {}
    phrases: dict[str, _Phrase] = {}

    def word_of(token: str) -> _Word:
        unique = token.lower()
        plain_stopword = unique in stopwords
        if unique.endswith("s") and len(unique) > 3:
            unique = unique[:-1]
        found = words.get(unique)
        if found is None:
            bare = unique.translate(_NO_PUNCTUATION)
            found = _Word(stopword=plain_stopword or unique in stopwords or len(bare) < 3)
            words[unique] = found
        return found

    def add(candidate: list[tuple[str, str, _Word]]) -> None:
        key = " ".join(w for _t, w, _o in candidate).lower()
        tags = "".join(t for t, _w, _o in candidate)
        phrase = phrases.get(key)
        if phrase is None:
            phrase = phrases[key] = _Phrase(
                text=" ".join(w for _t, w, _o in candidate),
                words=[o for _t, _w, o in candidate],
                tags={tags},
            )
        else:
            phrase.tags.add(tags)
        phrase.tf += 1.0

    for sentence_id, sentence in enumerate(sentences):
        block: list[tuple[str, str, _Word]] = []
        for position, token in enumerate(sentence):
            if all(c in _PUNCTUATION for c in token):
                block = []
                continue
            tag = get_tag(token, position, _PUNCTUATION)
            word = word_of(token)
            if not word.sentences or word.sentences[-1] != sentence_id:
                word.sentences.append(sentence_id)
            word.tf += 1.0
            if tag == "a":
                word.tf_acronym += 1.0
            if tag == "n":
                word.tf_name += 1.0
            if tag not in _DISCARDED_TAGS:
                for before_tag, _w, before in block[max(0, len(block) - WINDOW) :]:
                    if before_tag not in _DISCARDED_TAGS:
                        before.right[word] = before.right.get(word, 0.0) + 1.0
                        word.left[before] = word.left.get(before, 0.0) + 1.0
            candidate = [(tag, token, word)]
            add(candidate)
            for earlier in reversed(block[max(0, len(block) - (MAX_WORDS - 1)) :]):
                candidate.append(earlier)
                add(candidate[::-1])
            block.append((tag, token, word))

    _score_words(list(words.values()), len(sentences))
    valid = [phrase for phrase in phrases.values() if phrase.valid()]
    for phrase in valid:
        phrase.h = _phrase_h(phrase)
    ranked = sorted(valid, key=lambda p: p.h)
    kept: list[_Phrase] = []
    for phrase in ranked:
        unique = phrase.text.lower()
        if all(extractor.seqm(unique, k.text.lower()) <= DEDUP_LIMIT for k in kept):
            kept.append(phrase)
        if len(kept) == TOP:
            break
    return [(p.text, p.h) for p in kept]


def _score_words(words: list[_Word], n_sentences: int) -> None:
    """Each content word's H: relatedness to its neighbours, frequency, case, spread and
    position, as yake's SingleWord.update_h computes it."""
    content = np.array([w.tf for w in words if not w.stopword])
    if not content.size:
        return
    avg_tf, std_tf = content.mean(), content.std()
    max_tf = max(w.tf for w in words)
    for w in words:
        if w.stopword:
            continue  # a stop word's H scores nothing in a phrase of at most two words
        wdr, wir = len(w.right), sum(w.right.values())
        wdl, wil = len(w.left), sum(w.left.values())
        pwr = 0 if wir == 0 else wdr / wir
        pwl = 0 if wil == 0 else wdl / wil
        wrel = (0.5 + (pwl * (w.tf / max_tf))) + (0.5 + (pwr * (w.tf / max_tf)))
        wfreq = w.tf / (avg_tf + std_tf)
        wspread = len(w.sentences) / n_sentences
        wcase = max(w.tf_acronym, w.tf_name) / (1.0 + math.log(w.tf))
        middle = len(w.sentences) // 2
        median = (
            w.sentences[middle]
            if len(w.sentences) % 2
            else (w.sentences[middle - 1] + w.sentences[middle]) / 2
        )
        wpos = math.log(math.log(3.0 + median))
        w.h = (wpos * wrel) / (wcase + (wfreq / wrel) + (wspread / wrel))


def _phrase_h(phrase: _Phrase) -> float:
    """A phrase's H from its words' (yake's ComposedWord.update_h, stop words weighed by how
    often they join their neighbours)."""
    sum_h, prod_h = 0.0, 1.0
    words = phrase.words
    for t, word in enumerate(words):
        if not word.stopword:
            sum_h += word.h
            prod_h *= word.h
            continue
        prob_t1 = 0.0
        if t > 0 and word in words[t - 1].right:
            prob_t1 = words[t - 1].right[word] / words[t - 1].tf
        prob_t2 = 0.0
        if t < len(words) - 1 and words[t + 1] in word.right:
            prob_t2 = word.right[words[t + 1]] / words[t + 1].tf
        prob = prob_t1 * prob_t2
        prod_h *= 1 + (1 - prob)
        sum_h -= 1 - prob
    return prod_h / ((sum_h + 1) * phrase.tf)
