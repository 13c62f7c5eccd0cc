"""Item analysis of a course's quizzes: reads attempts and answers in a fixed number of queries
and feeds them to results.statistics."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from lessons.models import Course
from quizzes import grading
from quizzes.models import Attempt, Origin, Question, Quiz, Response
from review.models import ReviewLog, ReviewSource

from . import statistics as stats


@dataclass
class ItemRow:
    question: Question
    stats: stats.ItemStats
    choices: list[tuple[str, float, int, float]] = field(default_factory=list)  # text, weight,
    # picks, share
    flags: list[str] = field(default_factory=list)

    @property
    def flag_labels(self) -> list[str]:
        return [stats.FLAG_LABELS[flag] for flag in self.flags]


@dataclass
class QuizAnalysis:
    quiz: Quiz
    test: stats.TestStats
    items: list[ItemRow]


@dataclass
class QuestionFacility:
    """Facility over every answer of a kind (practice attempts, review sessions)."""

    question: Question
    practice_n: int = 0
    practice_facility: float | None = None
    review_n: int = 0
    review_facility: float | None = None
    all_n: int = 0
    all_facility: float | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def flag_labels(self) -> list[str]:
        return [stats.FLAG_LABELS[flag] for flag in self.flags]


@dataclass
class CourseAnalysis:
    course: Course
    all_attempts: bool
    quizzes: list[QuizAnalysis]
    questions: list[QuestionFacility]

    @property
    def flagged(self) -> list:
        rows = [(qa.quiz, row) for qa in self.quizzes for row in qa.items if row.flags]
        rows += [(None, row) for row in self.questions if row.flags]
        return rows


def analysed_attempts(course: Course, all_attempts: bool = False) -> dict[int, tuple[int, list]]:
    """Finished attempts at the course's quizzes, as attempt id -> (quiz id, drawn question
    ids): each student's first finished attempt per quiz, or all of them (one query)."""
    rows = (
        Attempt.objects.filter(quiz__course=course)
        .finished()
        .order_by("quiz", "student", "number")
        .values_list("pk", "quiz_id", "student_id", "question_ids")
    )
    seen, kept = set(), {}
    for pk, quiz_id, student_id, question_ids in rows.iterator(chunk_size=5000):
        if not all_attempts and (quiz_id, student_id) in seen:
            continue
        seen.add((quiz_id, student_id))
        kept[pk] = (quiz_id, question_ids)
    return kept


def _chosen(question: Question, answer) -> list[int]:
    """Choice ids a stored answer picked (choice questions)."""
    keys = answer if isinstance(answer, list) else [answer]
    by_id = {str(c.pk): c.pk for c in question.choices.all()}
    by_text = {c.text.strip().lower(): c.pk for c in question.choices.all()}
    picked = []
    for key in keys:
        key = str(key)
        if key in by_id:
            picked.append(by_id[key])
        elif key.strip().lower() in by_text:
            picked.append(by_text[key.strip().lower()])
    return picked


def course_analysis(course: Course, all_attempts: bool = False) -> CourseAnalysis:
    """Moodle-style statistics per quiz and per question, with flags, in a fixed number of
    queries (quizzes, attempts, responses, questions and choices, practice and review facility)."""
    quizzes = {q.pk: q for q in Quiz.objects.for_course(course).select_related("lesson")}
    attempt_rows = analysed_attempts(course, all_attempts)
    marks: dict[int, dict[int, float]] = defaultdict(dict)
    answers: dict[int, list] = defaultdict(list)
    responses = Response.objects.filter(attempt__quiz__course=course).order_by()
    for attempt_id, question_id, mark, answer in responses.values_list(
        "attempt_id", "question_id", "mark", "answer"
    ).iterator(chunk_size=5000):
        if attempt_id in attempt_rows:
            marks[attempt_id][question_id] = mark
            answers[question_id].append(answer)
    questions = {
        q.pk: q for q in Question.objects.for_course(course).with_choices().select_related("lesson")
    }
    by_quiz: dict[int, list[dict[int, float]]] = defaultdict(list)
    for attempt_id, (quiz_id, question_ids) in attempt_rows.items():
        got = marks.get(attempt_id, {})
        by_quiz[quiz_id].append({q: got.get(q, 0.0) for q in question_ids if q in questions})

    results = []
    for quiz_id, quiz_attempts in sorted(
        by_quiz.items(),
        key=lambda kv: (
            quizzes[kv[0]].is_practice,
            quizzes[kv[0]].lesson.order if quizzes[kv[0]].lesson else 0,
            quizzes[kv[0]].title,
        ),
    ):
        test = stats.test_statistics(quiz_attempts)
        rows = []
        for question_id, item in test.items.items():
            question = questions[question_id]
            row = ItemRow(question=question, stats=item)
            distractors = None
            if question.type in grading.CHOICE_TYPES:
                picks = Counter(c for a in answers[question_id] for c in _chosen(question, a))
                total = len(answers[question_id]) or 1
                row.choices = [
                    (c.text, c.weight, picks[c.pk], picks[c.pk] / total)
                    for c in question.ordered_choices()
                ]
                distractors = {c.text: picks[c.pk] for c in question.choices.all() if c.weight <= 0}
            row.flags = stats.item_flags(item, distractors)
            rows.append(row)
        results.append(QuizAnalysis(quiz=quizzes[quiz_id], test=test, items=rows))
    return CourseAnalysis(
        course=course,
        all_attempts=all_attempts,
        quizzes=results,
        questions=question_facilities(course, questions),
    )


def question_facilities(course: Course, questions: dict[int, Question]) -> list[QuestionFacility]:
    """Per question: facility over practice answers, over review-session answers and over both
    with composed quizzes; flags generated questions failed far more than their siblings."""
    practice = Response.objects.filter(attempt__quiz__course=course).values("question")
    quiz_rows = {
        row["question"]: row
        for row in practice.annotate(
            n=Count("pk"),
            facility=Avg("mark"),
            practice_n=Count("pk", filter=Q(attempt__quiz__kind="practice")),
            practice_facility=Avg("mark", filter=Q(attempt__quiz__kind="practice")),
        ).order_by()
    }
    review_rows = {
        row["card__question"]: row
        for row in ReviewLog.objects.filter(
            card__question__lesson__course=course,
            source=ReviewSource.SESSION,
            mark__isnull=False,
        )
        .values("card__question")
        .annotate(n=Count("pk"), facility=Avg("mark"))
        .order_by()
    }
    rows = []
    for question_id, question in questions.items():
        quiz_row = quiz_rows.get(question_id, {})
        review_row = review_rows.get(question_id, {})
        if not quiz_row and not review_row:
            continue
        row = QuestionFacility(
            question=question,
            practice_n=quiz_row.get("practice_n", 0),
            practice_facility=quiz_row.get("practice_facility"),
            review_n=review_row.get("n", 0),
            review_facility=review_row.get("facility"),
        )
        row.all_n = quiz_row.get("n", 0) + row.review_n
        if row.all_n:
            row.all_facility = (
                (quiz_row.get("facility") or 0) * quiz_row.get("n", 0)
                + (row.review_facility or 0) * row.review_n
            ) / row.all_n
        rows.append(row)
    generated = defaultdict(list)
    for row in rows:
        if row.question.origin == Origin.GENERATED:
            generated[row.question.lesson_id].append(row)
    for siblings in generated.values():
        for row in siblings:
            others = [(o.all_facility, o.all_n) for o in siblings if o is not row]
            if stats.fails_more_than_siblings(row.all_facility, row.all_n, others):
                row.flags.append(stats.FAILS_MORE_THAN_SIBLINGS)
    rows.sort(key=lambda r: (r.question.lesson.order, r.question.order, r.question.pk))
    return rows
