"""Overgenerate-and-rank: analyse the course once, run every builder, filter by the quality rules,
then keep the best questions per lesson with a mix of types."""

from collections import Counter

from . import (
    calibration,
    cloze,
    definition,
    list_recall,
    multiple_choice,
    numeric,
    targets,
    true_false,
)
from .analysis import LessonAnalysis, analyse_lessons, title_topic
from .audit import MIN_APPROVED_PER_LESSON, TRUE_FALSE_PREFIX
from .distractors import DistractorPool
from .normalise import answer_key, content_words, words
from .quality import passes, score
from .questions import Candidate, GeneratedQuestion, LessonText

BUILDERS = (cloze, multiple_choice, true_false, numeric, definition, list_recall)
TYPE_DECAY = 0.7  # each extra question of a type already chosen counts for this much less
MAX_PER_SENTENCE = 2
MAX_PER_ANSWER = 2
# A short lesson (a two-sentence conclusion) may ask a third question of a sentence, about a
# different answer, to reach this many questions.
MIN_PER_LESSON = 5
SHORT_LESSON_PER_SENTENCE = 3
MIN_SENTENCES_FOR_ONE_FACT_EACH = 4
TRUE_STATEMENT_PENALTY = 0.85
# Calibrated scores: the auto-approval cut (Course.auto_approve_threshold's default). A lesson
# with fewer approvable questions than audit.MIN_APPROVED_PER_LESSON keeps a true statement the
# course-wide true/false balance would turn away: it has little else to ask.
APPROVE_AT = 0.5
# A true statement is its sentence copied word for word: it tests recognition, and blind readers
# seldom call one good (17% of those graded in rounds j-q, against 55% of the false ones). It is
# approved only where its lesson needs it to reach audit.MIN_APPROVED_PER_LESSON; otherwise its
# score is scaled into the drafts' range (below APPROVE_AT, in the same order), and it waits for
# an instructor.
SURPLUS_TRUE_FACTOR = 0.49
# In the blind rounds of 2 December (c, d, e), 44 true statements were drawn and readers called
# 12 and 5 of them good ("copied word for word and left true"). 32 of the corpus's 86 approved
# ones stood in a lesson they did not bring to MIN_APPROVED_PER_LESSON approved questions: its
# one or two questions, they completed nothing. Such a statement waits as a draft too.


def candidates_for(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    """Every candidate the builders propose for one lesson, scored, before any filtering."""
    out = []
    haystack = " " + " ".join(answer_key(w) for w in words(analysis.lesson.text)) + " "
    defined = {answer_key(d.term) for d in analysis.definitions}
    defined |= {answer_key(long) for long in analysis.acronyms.values()}
    topic = title_topic(analysis.lesson.title)
    # The lesson's title before the sentence, as a heading or as "In box plots, ..."
    # (common.with_context): the sentence leans on its lesson, and its "the X" is only as clear
    # as the title makes it.
    lead_ins = (f"{topic}: ", f"In {topic.lower()}, ") if topic else ()
    for builder in BUILDERS:
        for candidate in builder.build(analysis, pool):
            key = answer_key(candidate.answer)
            facts = {
                "importance": candidate.features.get("importance", 0.5),
                "uses": haystack.count(f" {key} ") if key else 0,
                "defined": key in defined,
            }
            prompt = candidate.question.prompt.removeprefix(TRUE_FALSE_PREFIX)
            candidate.features["title_prefix"] = float(
                bool(lead_ins)
                and prompt.startswith(lead_ins)
                and not candidate.question.source_sentence.startswith(lead_ins)
            )
            candidate.features["keyness"] = targets.keyness(
                candidate.answer, candidate.answer_kind, **facts
            )
            candidate.features["worth_asking"] = float(
                targets.worth_asking(
                    candidate.answer,
                    candidate.answer_kind,
                    title=analysis.lesson.title,
                    pos=candidate.answer_pos,
                    course_spread=pool.course_spread(candidate.answer),
                    named=bool(candidate.features.get("named")),
                    **facts,
                )
            )
            candidate.features["uses"] = facts["uses"]
            candidate.features["defined"] = float(facts["defined"])
            candidate.features["lessons_using"] = len(pool.lessons_writing(candidate.answer))
            tail = " ".join(key.split()[1:]) if len(key.split()) > 2 else ""
            # "scanning electron microscope" is a kind of the "electron microscope" written
            # elsewhere (quality.phrase_written_once)
            candidate.features["tail_uses"] = (
                haystack.count(f" {tail} ") + len(pool.lessons_using(tail)) if tail else 0
            )
            candidate.question.score = score(candidate)
            out.append(candidate)
    return out


def select(
    candidates: list[Candidate], per_lesson: int, pool: DistractorPool | None = None
) -> list[Candidate]:
    """The best `per_lesson` candidates: one per fact, a mix of types, no sentence or answer
    asked about too often, and (given the course's `pool`) no wrong choice offered by more than
    two questions of the course. Ties break on the prompt so the order never depends on chance."""
    # A lesson of a few sentences has too little to spare a sentence per true statement.
    roomy = len({c.question.source_start for c in candidates}) >= MIN_SENTENCES_FOR_ONE_FACT_EACH
    chosen = _select(
        candidates, per_lesson, MAX_PER_SENTENCE, [], whole_sentences=roomy, course=pool
    )
    if len(chosen) < min(MIN_PER_LESSON, per_lesson):
        rest = [c for c in candidates if c not in chosen]
        chosen = _select(
            rest,
            min(MIN_PER_LESSON, per_lesson),
            SHORT_LESSON_PER_SENTENCE,
            chosen,
            whole_sentences=False,
            course=pool,
        )
    _keep_surplus_true_statements_as_drafts(chosen)
    return sorted(
        chosen, key=lambda c: (c.question.source_start, c.question.type, c.question.prompt)
    )


def _keep_surplus_true_statements_as_drafts(chosen: list[Candidate]) -> None:
    """Approve the lesson's best true statements only as far as its other approvable questions
    fall short of MIN_APPROVED_PER_LESSON, and only where they bring it there; the rest become
    drafts. A lesson that stays short of MIN_APPROVED_PER_LESSON with them approves none: its
    copies would be most of what a learner is asked of it, for no lesson the course completes."""
    approvable = [c for c in chosen if c.question.score >= APPROVE_AT]
    statements = [c for c in approvable if _is_true_statement(c)]
    room = max(0, MIN_APPROVED_PER_LESSON - (len(approvable) - len(statements)))
    if len(approvable) < MIN_APPROVED_PER_LESSON:
        room = 0
    statements.sort(key=lambda c: (-c.question.score, c.question.prompt))
    for c in statements[room:]:
        c.question.score = round(c.question.score * SURPLUS_TRUE_FACTOR, 4)
        c.question.raw_score = round(calibration.uncalibrated(c.question.score), 4)


def _is_true_statement(candidate: Candidate) -> bool:
    return candidate.question.type == "true_false" and not candidate.distractors


def _sentence_asked_whole(candidate: Candidate, chosen: list[Candidate]) -> bool:
    """Whether ``candidate`` and a chosen question about its sentence overlap as a whole."""
    start = candidate.question.source_start
    if _is_true_statement(candidate):
        return True
    return any(_is_true_statement(o) and o.question.source_start == start for o in chosen)


def _select(
    candidates: list[Candidate],
    per_lesson: int,
    per_sentence: int,
    chosen: list[Candidate],
    *,
    whole_sentences: bool,
    course: DistractorPool | None = None,
) -> list[Candidate]:
    """With ``whole_sentences``, a true statement (which tests the whole sentence) and another
    question about the same sentence would test the same fact twice: only one is kept, and the
    precise question is preferred."""
    specific = {c.question.source_start for c in candidates if not _is_true_statement(c)}
    pool = sorted(candidates, key=lambda c: (-c.question.score, c.question.type, c.question.prompt))
    chosen = list(chosen)
    facts: set[str] = {c.question.fact_key for c in chosen}
    types: Counter[str] = Counter(c.question.type for c in chosen)
    sentences: Counter[int] = Counter(c.question.source_start for c in chosen)
    answers: Counter[str] = Counter(key for c in chosen if (key := _asked_answer(c)) is not None)
    prompts: set[str] = {c.question.prompt for c in chosen}
    # A statement, true or false, restates its whole sentence: two of one sentence ("... by Calvin,
    # Benson and Haberlandt", "... by Haberlandt, Benson and Bassham") tell each other's swap.
    stated: set[int] = {c.question.source_start for c in chosen if c.question.type == "true_false"}
    while pool and len(chosen) < per_lesson:
        best, best_value = None, -1.0
        needs_statements = _needs_true_statements(chosen, pool, sentences)
        for c in pool:
            value = c.question.score * TYPE_DECAY ** types[c.question.type]
            if whole_sentences and _is_true_statement(c) and c.question.source_start in specific:
                value *= TRUE_STATEMENT_PENALTY  # ask the precise fact first
            if c.question.score >= APPROVE_AT and (
                not _is_true_statement(c) or needs_statements(c)
            ):
                # A draft never takes the place of an approvable question, nor does a true
                # statement the lesson will not approve (_keep_surplus_true_statements_as_drafts).
                value += 1
            if value > best_value:
                best, best_value = c, value
        pool.remove(best)
        q = best.question
        key = _asked_answer(best)
        if (
            q.fact_key in facts
            or sentences[q.source_start] >= per_sentence
            or (key is not None and answers[key] >= MAX_PER_ANSWER)
            or q.prompt in prompts
            or (q.type == "true_false" and q.source_start in stated)
            or any(_same_fact(best, other) for other in chosen)
            or (
                whole_sentences
                and sentences[q.source_start]
                and _sentence_asked_whole(best, chosen)
            )
        ):
            continue
        short = q.type == "true_false" and _short_without(best, chosen, pool, sentences)
        if course is not None and not course.claim(best, lesson_short=short):
            continue  # its wrong choices are used up across the course
        chosen.append(best)
        types[q.type] += 1
        sentences[q.source_start] += 1
        if key is not None:
            answers[key] += 1
        prompts.add(q.prompt)
        facts.add(q.fact_key)
        if q.type == "true_false":
            stated.add(q.source_start)
    return chosen


def _needs_true_statements(chosen: list[Candidate], rest: list[Candidate], sentences):
    """Whether the lesson would approve a true statement picked now: _short_without for every
    true statement of ``rest``, the approvable questions counted once for all of them."""
    have = sum(c.question.score >= APPROVE_AT for c in chosen)
    if have >= MIN_APPROVED_PER_LESSON:
        return lambda candidate: False
    spare = {
        c.question.source_start
        for c in rest
        if c.question.score >= APPROVE_AT
        and not _is_true_statement(c)
        and not sentences[c.question.source_start]
    }
    missing = MIN_APPROVED_PER_LESSON - have
    return lambda candidate: len(spare - {candidate.question.source_start}) < missing


def _short_without(
    candidate: Candidate, chosen: list[Candidate], rest: list[Candidate], sentences: Counter[int]
) -> bool:
    """Whether the lesson would stay short of MIN_APPROVED_PER_LESSON approvable questions
    without this approvable statement: those chosen, plus one for each sentence not yet asked
    about that still offers an approvable precise question. Counting only those chosen so far
    would call every lesson short for its first picks, and let its best true statements past
    the course's true/false balance however many other questions it has."""
    return candidate.question.score >= APPROVE_AT and _needs_true_statements(
        chosen, rest, sentences
    )(candidate)


def _asked_answer(candidate: Candidate) -> str | None:
    """The answer a question asks for, as MAX_PER_ANSWER counts it. A true statement asks the
    learner to recognise its whole sentence, not its key term: "Because of the printing press,
    authorship became more meaningful" asks nothing about the printing press, so it does not use
    up that answer for the lesson's clozes (nor they for it)."""
    return None if _is_true_statement(candidate) else answer_key(candidate.answer)


# Two sentences sharing this much of their content words say much the same thing.
SAME_FACT_OVERLAP = 0.6


def _same_fact(a: Candidate, b: Candidate) -> bool:
    """The same answer drawn from two sentences saying much the same thing; for a true statement
    (which asks about its whole sentence), any question drawn from another sentence saying much
    the same thing. Questions on the same sentence are left to the whole-sentence rule."""
    if _is_true_statement(a) or _is_true_statement(b):
        if a.question.source_start == b.question.source_start:
            return False
    elif answer_key(a.answer) != answer_key(b.answer) or a.answer_kind == "LIST_ITEM":
        return False
    wa, wb = content_words(a.statement), content_words(b.statement)
    return len(wa & wb) / max(1, min(len(wa), len(wb))) >= SAME_FACT_OVERLAP


def _generate(analysis: LessonAnalysis, pool: DistractorPool, per_lesson: int):
    kept = [c for c in candidates_for(analysis, pool) if passes(c, analysis, pool)]
    return select(kept, per_lesson, pool)


def generate_course(
    lessons: list[LessonText], *, per_lesson: int = 12
) -> dict[str, list[GeneratedQuestion]]:
    """Questions for every lesson of a course, keyed by lesson key; distractors come from the
    lesson first, then the rest of the course. A reference lesson (back matter) gets none."""
    analyses = analyse_lessons(lessons)
    pool = DistractorPool(analyses)
    reference = {lesson.key for lesson in lessons if lesson.reference}
    out = {}
    for analysis in analyses:
        if analysis.lesson.key in reference:
            out[analysis.lesson.key] = []
            continue
        questions = [c.question for c in _generate(analysis, pool, per_lesson)]
        if analysis.clean is not None:
            # The analysis read the cleaned text; the lesson page highlights the stored one.
            for q in questions:
                q.source_start = analysis.clean.source_offset(q.source_start)
                q.source_end = analysis.clean.source_end(q.source_end)
        out[analysis.lesson.key] = questions
    _spread_answers(out)
    return out


# A course asks for the same answer in at most this many approved questions: "The _____ was an
# amalgamation of languages" and nine more blanks on "Inca Empire" in a course on it teach one
# thing ten times, and the blank is every learner's first guess.
MAX_SAME_ANSWER = 2
# A draft's score for a question set back by _spread_answers: below the approval cut, above
# what the scorer turns away, so an instructor still finds it among the drafts.
SET_BACK = APPROVE_AT - 0.01


def _spread_answers(course: dict[str, list[GeneratedQuestion]]) -> None:
    """Set back to drafts the approved questions that repeat an answer more than
    MAX_SAME_ANSWER times in the course. Lessons with the most approved questions give theirs up
    first, and none goes below MIN_APPROVED_PER_LESSON for it."""
    approved = {key: sum(q.score >= APPROVE_AT for q in qs) for key, qs in course.items()}
    by_answer: dict[str, list[tuple[str, GeneratedQuestion]]] = {}
    for key, questions in course.items():
        for q in questions:
            if q.score >= APPROVE_AT and q.type in _ASKING_FOR_A_TERM and q.correct_texts:
                by_answer.setdefault(answer_key(q.correct_texts[0]), []).append((key, q))
    for found in by_answer.values():
        if len(found) <= MAX_SAME_ANSWER:
            continue
        # Give up first from the best-served lesson, and there the weakest question.
        found.sort(key=lambda kq: (approved[kq[0]], -kq[1].score), reverse=True)
        extra = len(found) - MAX_SAME_ANSWER
        for key, q in found:
            if extra == 0:
                break
            if approved[key] > MIN_APPROVED_PER_LESSON:
                q.score = SET_BACK
                approved[key] -= 1
                extra -= 1


_ASKING_FOR_A_TERM = {"cloze", "short_answer", "single_choice"}


def generate_lesson(
    lesson: LessonText, *, course: list[LessonText] | None = None, per_lesson: int = 12
) -> list[GeneratedQuestion]:
    """Questions for one lesson; `course` (its sibling lessons) widens the distractor pool."""
    others = [other for other in (course or []) if other.key != lesson.key]
    return generate_course([lesson, *others], per_lesson=per_lesson)[lesson.key]
