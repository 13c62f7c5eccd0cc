"""Definition and acronym builder: "X (ABC)" / "ABC, or the X" -> "What does ABC stand for?";
"X refers to Y" / "X is a Y that ..." -> "Which term means Y?"."""

from .analysis import Definition, LessonAnalysis, Term, is_plural_phrase
from .common import display_concept, shuffled_choices
from .distractors import DistractorPool
from .normalise import answer_key
from .questions import Candidate, GeneratedQuestion

GENERATOR = "definition"
VERSION = "1"


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    out = []
    for definition in analysis.definitions:
        sentence = analysis.sentences[definition.sentence_index]
        if definition.kind == "acronym":
            out.append(_acronym_question(definition, sentence))
        else:
            out.extend(_term_questions(definition, sentence, analysis, pool))
    return out


def _base(definition: Definition, sentence, **fields) -> GeneratedQuestion:
    return GeneratedQuestion(
        source_sentence=sentence.text,
        source_start=sentence.start,
        source_end=sentence.end,
        generator=GENERATOR,
        generator_version=VERSION,
        **fields,
    )


def _acronym_question(definition: Definition, sentence) -> Candidate:
    expansion = definition.meaning
    question = _base(
        definition,
        sentence,
        type="short_answer",
        prompt=f"What does {definition.term} stand for?",
        accepted_answers=list(dict.fromkeys([expansion, f"the {expansion}"])),
        fact_key=f"acronym:{answer_key(definition.term)}",
    )
    return Candidate(
        question=question,
        answer=expansion,
        answer_kind="ACRONYM",
        statement=sentence.text,
        features={"importance": 0.8},
    )


def _term_questions(definition: Definition, sentence, analysis, pool) -> list[Candidate]:
    prompt = f"Which term means {definition.meaning}?"
    fact = f"definition:{answer_key(definition.term)}"
    as_term = Term(
        text=definition.term,
        start=sentence.start,
        end=sentence.start,
        kind="CONCEPT",
        importance=1.0,
        plural=is_plural_phrase(definition.term),
        word_count=len(definition.term.split()),
    )
    wrong = pool.pick(answer=as_term, sentence=sentence, analysis=analysis, stem=definition.meaning)
    if len(wrong) == 3:
        answer = display_concept(definition.term)
        wrong = [display_concept(w) for w in wrong]
        question = _base(
            definition,
            sentence,
            type="single_choice",
            prompt=prompt,
            choices=shuffled_choices(
                [answer[:1].upper() + answer[1:]], [w[:1].upper() + w[1:] for w in wrong], fact
            ),
            fact_key=fact,
        )
    else:
        question = _base(
            definition,
            sentence,
            type="short_answer",
            prompt=prompt,
            accepted_answers=[definition.term],
            fact_key=fact,
        )
    return [
        Candidate(
            question=question,
            answer=definition.term,
            answer_kind="DEFINITION",
            statement=sentence.text,
            distractors=wrong if len(wrong) == 3 else [],
            features={"importance": 0.9},
        )
    ]
