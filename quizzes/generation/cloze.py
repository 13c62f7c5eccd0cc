"""Cloze builder: a key sentence with one key term (entity or concept) blanked."""

import re

from .analysis import LessonAnalysis
from .common import answer_variants, sentence_fact, term_candidate, with_context
from .distractors import DistractorPool
from .normalise import contains_phrase
from .questions import BLANK, Candidate
from .targets import RARE_WORD, commonness, given_away, loose_phrase

GENERATOR = "cloze"
VERSION = "1"
MIN_CONCEPT_IMPORTANCE = 0.2
_AGREEING_ARTICLE = re.compile(rf"\b([Aa])n? {re.escape(BLANK)}")


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    acronyms = {**pool.acronyms, **analysis.acronyms}
    out = []
    for sentence in analysis.sentences:
        if not sentence.usable:
            continue
        for term in sentence.terms:
            if term.kind in {"YEAR", "NUMBER"}:
                continue  # the numeric builder asks for those with a tolerance
            if term.kind == "CONCEPT" and (
                term.importance < MIN_CONCEPT_IMPORTANCE
                or (
                    term.word_count == 1
                    and term.importance < 0.5
                    and commonness(term.text) > RARE_WORD
                )
            ):
                # "any _____" with "planet": a lone common noun is too easy a blank. A word rare
                # in English ("plasmodesmata") is a term of art even if the lesson names it once.
                continue
            if given_away(sentence, term) or loose_phrase(sentence, term, analysis.lesson.text):
                continue
            prompt, context_given = with_context(sentence, sentence.with_term(term))
            # "an _____" would tell the answer's first sound, and blind readers took "a(n) _____"
            # for a generator's artifact: the blank takes the article in, and the key is accepted
            # with it or without.
            accepted = answer_variants(term.text, acronyms)
            if article := _AGREEING_ARTICLE.search(prompt):
                accepted.insert(1, f"{article.group(0).split()[0].lower()} {term.text}")
                prompt = _AGREEING_ARTICLE.sub(BLANK, prompt)
            if contains_phrase(prompt, term.text):
                continue  # the term occurs twice; blanking one would give it away
            out.append(
                term_candidate(
                    sentence,
                    term,
                    generator=GENERATOR,
                    version=VERSION,
                    fact=sentence_fact(sentence, term.text),
                    context_given=context_given,
                    features={"importance": term.importance},
                    type="cloze",
                    prompt=prompt,
                    accepted_answers=accepted,
                )
            )
    return out
