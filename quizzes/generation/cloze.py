"""Cloze builder: a key sentence with one key term (entity or concept) blanked."""

import re

from .analysis import LessonAnalysis
from .common import answer_variants, sentence_fact, term_candidate, with_context
from .distractors import DistractorPool
from .normalise import contains_phrase, number_variants
from .questions import BLANK, Candidate
from .second_names import named_for_blank, second_names
from .targets import RARE_WORD, commonness, given_away, loose_phrase, worked_examples

GENERATOR = "cloze"
VERSION = "1"
MIN_CONCEPT_IMPORTANCE = 0.2
_AGREEING_ARTICLE = re.compile(rf"\b([Aa])n? {re.escape(BLANK)}")


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    acronyms = {**pool.acronyms, **analysis.acronyms}
    names = second_names(analysis)
    examples = worked_examples(analysis)
    keys = {t.key for s in analysis.sentences for t in s.terms}
    out = []
    for sentence in analysis.sentences:
        if not sentence.usable:
            continue
        for term in sentence.terms:
            if term.kind in {"YEAR", "NUMBER"}:
                continue  # the numeric builder asks for those with a tolerance
            if term.kind != "CONCEPT" and sentence.index in examples:
                # "For example, the GNI of the _____ is ...": the name is the one the example
                # happened to pick, and any other fills it as well; the concept it shows stays.
                continue
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
            if (framed := with_context(sentence, sentence.with_term(term))) is None:
                continue  # the lesson's topic would have to stand before it as a heading
            prompt, context_given = framed
            # "an _____" would tell the answer's first sound, and blind readers took "a(n) _____"
            # for a generator's artifact: the blank takes the article in, and the key is accepted
            # with it or without.
            accepted = answer_variants(term.text, acronyms)
            if article := _AGREEING_ARTICLE.search(prompt):
                accepted.insert(1, f"{article.group(0).split()[0].lower()} {term.text}")
                prompt = _AGREEING_ARTICLE.sub(BLANK, prompt)
            # The term's second name fills its blank as rightly, so the key takes it; where the
            # prompt writes it, the question is turned away (quality.answer_not_in_prompt).
            others = [*names.get(term.key, ())]
            # So does a name another lesson gives it ("plasma membrane (also called a cell
            # membrane)"), unless the prompt writes it: "the _____ is the middle value" asks
            # for the median by its gloss.
            others += [
                name
                for name in pool.course_names.get(term.key, ())
                if not contains_phrase(prompt, name)
            ]
            named = named_for_blank(term.text, prompt, analysis.lesson.text)
            others += [n for n in named if not contains_phrase(prompt, n)]
            # "electric arc furnace" for "electric arc furnaces": the lesson's other number.
            others += number_variants(term.text, analysis.lesson.text)
            # "Smith" is "Adam Smith" wherever the course names him in full once.
            person = term.kind == "PERSON" and not _names_a_thing(sentence, term)
            if person and (other := pool.other_name(term.text)):
                others.append(other)
            accepted += [name for name in dict.fromkeys(others) if name not in accepted]
            if contains_phrase(prompt, term.text):
                continue  # the term occurs twice; blanking one would give it away
            out.append(
                term_candidate(
                    sentence,
                    term,
                    generator=GENERATOR,
                    version=VERSION,
                    # Each item's blank shows the others: one question per enumeration.
                    fact=sentence_fact(sentence, "" if term.counted else term.text),
                    context_given=context_given,
                    features={
                        "importance": term.importance,
                        "other_kinds": _other_kinds(term.key, keys),
                    },
                    type="cloze",
                    prompt=prompt,
                    accepted_answers=accepted,
                )
            )
    return out


def _names_a_thing(sentence, term) -> bool:
    """The name modifies the noun after it: "the Calvin cycle" is never "the Melvin Calvin
    cycle"."""
    last = sentence.span.doc[term.token_end - 1]
    return last.dep_ in {"compound", "amod", "nmod"} and last.head.i >= term.token_end


def _other_kinds(key: str, keys: set[str]) -> int:
    """How many other kinds of the term's last words the lesson names: "transmission electron
    microscope" beside "scanning electron microscope" (quality.key_term)."""
    tail = key.split()[1:]
    if len(tail) < 2:
        return 0
    ending = " " + " ".join(tail)
    return sum(k != key and k.endswith(ending) for k in keys)
