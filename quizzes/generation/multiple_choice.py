"""Multiple-choice builder: the cloze stem with three distractors of the answer's own kind."""

from .analysis import LessonAnalysis
from .common import display_concept, sentence_fact, shuffled_choices, with_context
from .distractors import DistractorPool
from .normalise import contains_phrase
from .questions import Candidate, GeneratedQuestion

GENERATOR = "multiple_choice"
VERSION = "1"
MIN_CONCEPT_IMPORTANCE = 0.2


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    out = []
    for sentence in analysis.sentences:
        if not sentence.usable:
            continue
        for term in sentence.terms:
            if term.kind == "CONCEPT" and (
                term.importance < MIN_CONCEPT_IMPORTANCE or term.word_count == 1
            ):
                # A lone common noun ("flights", "rays") rarely has three fair wrong answers:
                # the lesson's other nouns name things of other kinds ("employees",
                # "children"). The cloze builder still asks for it.
                continue
            prompt, context_given = with_context(sentence, sentence.with_term(term))
            if contains_phrase(prompt, term.text):
                continue
            wrong = pool.pick(
                answer=term, sentence=sentence, analysis=analysis, stem=sentence.with_term(term, "")
            )
            if len(wrong) < 3:
                continue
            answer = term.text
            if term.kind == "CONCEPT":
                answer, wrong = display_concept(answer), [display_concept(w) for w in wrong]
            fact = sentence_fact(sentence, term.text)
            question = GeneratedQuestion(
                type="single_choice",
                prompt=prompt,
                choices=shuffled_choices([answer], wrong, fact),
                source_sentence=sentence.text,
                source_start=sentence.start,
                source_end=sentence.end,
                generator=GENERATOR,
                generator_version=VERSION,
                fact_key=fact,
            )
            out.append(
                Candidate(
                    question=question,
                    answer=term.text,
                    answer_kind=term.kind,
                    answer_pos=term.pos,
                    statement=sentence.text,
                    context_given=context_given,
                    distractors=wrong,
                    features={"importance": term.importance},
                )
            )
    return out
