"""Results workflows that write: seeding a simulated class through the real answer paths."""

import datetime as dt
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from lessons.models import Course, Enrollment, Lesson, LessonProgress
from quizzes.models import Attempt, Question, Quiz, Response, Selection
from review import rating as rating_rules
from review.models import CourseReviewSettings, ReviewCard, ReviewDay, ReviewLog, ReviewSource
from review.services import (
    MAX_COUNTED_ANSWER_MS,
    TYPICAL_TIME_SAMPLE,
    answer_reviews_card,
    day_start,
)

from . import simulation

SIMULATED_PREFIX = "sim"
RETAKE_BELOW = 0.6
BATCH = 500


class ClassExists(Exception):
    """The course already has a simulated class (seed with ``replace`` to start again)."""


@dataclass
class ClassSummary:
    students: int = 0
    days: int = 0
    lessons_read: int = 0
    attempts: int = 0
    responses: int = 0
    reviews: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"{self.students} simulated students over {self.days} days: "
            f"{self.lessons_read} lessons read, {self.attempts} attempts, "
            f"{self.responses} responses, {self.reviews} reviews logged "
            f"in {self.seconds:.1f} s"
        )


def simulated_username(course: Course, index: int) -> str:
    return f"{SIMULATED_PREFIX}-{course.slug}-{index + 1:03d}"


def simulated_students(course: Course):
    return get_user_model().objects.filter(
        username__startswith=f"{SIMULATED_PREFIX}-{course.slug}-"
    )


@dataclass
class _Sitting:
    """One simulated student: their rng, what they have seen, and their records so far."""

    user: object
    profile: simulation.SimulatedStudent
    rng: random.Random
    exposures: dict = field(default_factory=dict)
    read: list = field(default_factory=list)
    taken: dict = field(default_factory=dict)  # quiz id -> attempts started
    cards: dict = field(default_factory=dict)  # question id -> ReviewCard (unsaved at first)
    durations: list = field(default_factory=list)  # timed answers, oldest first


class _Simulation:
    """Plays the class in memory through the model methods that decide each outcome
    (``Question.grade``, ``Attempt.score_from``, ``ReviewCard.apply_review`` with the course's
    fsrs scheduler, the auto-rating and answer-counting rules of ``review``), then writes every
    row in bulk: one INSERT per few hundred rows instead of a dozen queries per answer."""

    def __init__(self, *, course: Course, seed: int, summary: ClassSummary):
        self.course = course
        self.summary = summary
        self.lessons = list(Lesson.objects.for_course(course).active().in_order())
        questions = list(
            Question.objects.approved()
            .for_course(course)
            .filter(lesson__archived_at__isnull=True)
            .with_choices()
            .order_by("lesson__order", "order", "pk")
        )
        self.questions = {q.pk: q for q in questions}
        self.specs = {q.pk: q.spec() for q in questions}
        self.difficulty, self.pulls = {}, {}
        for position, question in enumerate(questions):
            # Per-question generators: a question's traits do not shift when others change.
            rng = random.Random(f"{seed}:question:{position}")
            self.difficulty[question.pk] = simulation.difficulty(rng)
            for choice in question.ordered_choices():
                self.pulls[choice.pk] = simulation.distractor_pull(rng)
        with_questions = {q.lesson_id for q in questions}
        self.practice = {
            lesson.pk: Quiz.practice_for(lesson)
            for lesson in self.lessons
            if lesson.pk in with_questions
        }
        self.composed = list(Quiz.objects.for_course(course).composed().filter(published=True))
        # Hand-picked quizzes ask the same questions every time; practice rounds and random
        # draws depend on the attempt's seed and are drawn per attempt.
        self.drawn = {
            quiz.pk: quiz.draw_question_ids(0)
            for quiz in self.composed
            if quiz.selection != Selection.RANDOM
        }
        self.scheduler = CourseReviewSettings.for_course(course).scheduler()
        self.attempts: list[Attempt] = []
        self.responses: list[Response] = []
        self.progress: list[LessonProgress] = []
        self.logs: list[ReviewLog] = []

    def _answer(self, sitting: _Sitting, question_id: int):
        exposures = sitting.exposures.get(question_id, 0)
        sitting.exposures[question_id] = exposures + 1
        chance = simulation.chance_right(
            sitting.profile.ability, self.difficulty[question_id], exposures
        )
        right = sitting.rng.random() < chance
        took = int(sitting.profile.answer_ms * sitting.rng.lognormvariate(0.0, 0.4))
        answer = simulation.answer(self.specs[question_id], right, sitting.rng, self.pulls)
        return answer, self.questions[question_id].grade(answer), took

    def _record(self, sitting: _Sitting, question_id: int, grade, took: int, at, source) -> None:
        """What ``review_card_record_answer`` does with an answer, on the in-memory card."""
        took = min(took, MAX_COUNTED_ANSWER_MS) if took > 0 else None
        recent = sitting.durations[-TYPICAL_TIME_SAMPLE:]
        rating = rating_rules.auto_rating(
            mark=grade.mark,
            typo=grade.typo,
            time_taken_ms=took,
            typical_ms=rating_rules.typical_time_ms(recent),
        )
        card = sitting.cards.get(question_id)
        created = card is None
        if created:
            question = self.questions[question_id]
            card = ReviewCard(
                student=sitting.user,
                question=question,
                lesson_id=question.lesson_id,
                due=at,
                created_at=at,
            )
            sitting.cards[question_id] = card
        if not answer_reviews_card(
            created=created, source=source, due=card.due, at=at, rating=rating
        ):
            return
        log = card.apply_review(
            rating, at, took, mark=grade.mark, source=source, scheduler=self.scheduler
        )
        self.logs.append(log)
        if took is not None:
            sitting.durations.append(took)

    def review(self, sitting: _Sitting, at: dt.datetime) -> dt.datetime:
        due = sorted(
            (card.due, position, question_id)
            for position, (question_id, card) in enumerate(sitting.cards.items())
            if card.due <= at
        )[: sitting.profile.review_limit]
        for _, _, question_id in due:
            _, grade, took = self._answer(sitting, question_id)
            self._record(sitting, question_id, grade, took, at, ReviewSource.SESSION)
            at += dt.timedelta(milliseconds=took)
        return at

    def sit(self, sitting: _Sitting, quiz: Quiz, at: dt.datetime) -> tuple[Attempt, dt.datetime]:
        """One attempt from start to submit, as ``attempt_start``, ``response_record`` and
        ``attempt_submit`` would store it."""
        number = sitting.taken.get(quiz.pk, 0) + 1
        sitting.taken[quiz.pk] = number
        seed = sitting.rng.getrandbits(48)
        question_ids = self.drawn.get(quiz.pk)
        if question_ids is None:
            question_ids = quiz.draw_question_ids(seed)
        attempt = Attempt(
            quiz=quiz,
            student=sitting.user,
            number=number,
            seed=seed,
            question_ids=list(question_ids),
            started_at=at,
            deadline=at + dt.timedelta(minutes=quiz.time_limit_minutes)
            if quiz.time_limit_minutes
            else None,
        )
        marks = {}
        for question_id in attempt.question_ids:
            if question_id not in self.questions:
                continue
            answer, grade, took = self._answer(sitting, question_id)
            at += dt.timedelta(milliseconds=took)
            self.responses.append(
                Response(
                    attempt=attempt,
                    question=self.questions[question_id],
                    question_version=self.questions[question_id].version,
                    answer=answer,
                    normalised_answer=grade.normalised,
                    mark=grade.mark,
                    time_taken_ms=took,
                    typo=grade.typo,
                    answered_at=at,
                )
            )
            marks[question_id] = grade.mark
            self._record(sitting, question_id, grade, took, at, ReviewSource.QUIZ)
        attempt.score = attempt.score_from(marks)
        attempt.submitted_at = at
        self.attempts.append(attempt)
        return attempt, at + dt.timedelta(minutes=1)

    def may_start(self, sitting: _Sitting, quiz: Quiz, at) -> bool:
        allowed = quiz.attempts_allowed
        return quiz.is_open(at) and (allowed is None or sitting.taken.get(quiz.pk, 0) < allowed)

    def study(self, sitting: _Sitting, at: dt.datetime) -> None:
        """One study day: due reviews first, then the next lessons with their practice, then
        the composed quizzes (once each) when every lesson has been read."""
        at = self.review(sitting, at)
        start = len(sitting.read)
        for lesson in self.lessons[start : start + sitting.profile.pace]:
            opened = at
            at += dt.timedelta(minutes=5)
            self.progress.append(
                LessonProgress(
                    student=sitting.user,
                    lesson=lesson,
                    first_opened_at=opened,
                    last_opened_at=opened,
                    read_at=at,
                )
            )
            sitting.read.append(lesson)
            quiz = self.practice.get(lesson.pk)
            if quiz is None:
                continue
            attempt, at = self.sit(sitting, quiz, at)
            if attempt.score < RETAKE_BELOW and sitting.rng.random() < 0.5:
                _, at = self.sit(sitting, quiz, at)
        if len(sitting.read) == len(self.lessons):
            for quiz in self.composed:
                if quiz.pk not in sitting.taken and self.may_start(sitting, quiz, at):
                    _, at = self.sit(sitting, quiz, at)

    def save(self, sittings: list[_Sitting]) -> None:
        answered = {r.question_id for r in self.responses}
        for question_id in sorted(answered):
            self.questions[question_id].freeze_version()
        LessonProgress.objects.bulk_create(self.progress, batch_size=BATCH)
        Attempt.objects.bulk_create(self.attempts, batch_size=BATCH)
        Response.objects.bulk_create(self.responses, batch_size=BATCH)
        cards = [card for sitting in sittings for card in sitting.cards.values()]
        ReviewCard.objects.bulk_create(cards, batch_size=BATCH)
        ReviewLog.objects.bulk_create(self.logs, batch_size=BATCH)
        # Logs written in bulk skip ReviewLog.save's per-day counting; recount those days.
        ReviewDay.objects.rebuild([sitting.user for sitting in sittings])
        self.summary.lessons_read = len(self.progress)
        self.summary.attempts = len(self.attempts)
        self.summary.responses = len(self.responses)
        self.summary.reviews = len(self.logs)


def class_seed(
    *,
    course: Course,
    students: int,
    days: int,
    seed: int,
    until: dt.datetime | None = None,
    replace: bool = False,
) -> ClassSummary:
    """Enrol ``students`` simulated students in ``course`` and play ``days`` days of study
    ending at ``until`` (default now): reading, practice, the course's quizzes and reviews,
    each answer graded by ``Question.grade`` and scheduled by fsrs through
    ``ReviewCard.apply_review``, as a real student's. The same seed on the same course gives
    the same class; ``replace`` deletes an earlier simulated class first."""
    if students < 1 or days < 1:
        raise ValueError("A simulated class needs at least one student and one day.")
    started = time.perf_counter()
    until = until or timezone.now()
    summary = ClassSummary(students=students, days=days)
    with transaction.atomic():
        existing = simulated_students(course)
        if existing.exists():
            if not replace:
                raise ClassExists(
                    f"Course {course.slug!r} already has {existing.count()} simulated students."
                )
            existing.delete()
        User = get_user_model()
        profiles = simulation.class_profile(random.Random(f"{seed}:class"), students)
        unusable = make_password(None)
        users = User.objects.bulk_create(
            User(
                username=simulated_username(course, p.index),
                password=unusable,
                email=f"{simulated_username(course, p.index)}@example.invalid",
            )
            for p in profiles
        )
        if not all(user.pk for user in users):  # backends that return no ids
            users = list(simulated_students(course).order_by("username"))
        Enrollment.objects.bulk_create(Enrollment(course=course, student=u) for u in users)
        # fsrs fuzzes intervals with the global random module: seed it for the run, then give
        # the process its own state back.
        outer_state = random.getstate()
        random.seed(f"{seed}:fsrs-fuzz")
        try:
            _play(
                course=course,
                users=users,
                profiles=profiles,
                days=days,
                seed=seed,
                until=until,
                summary=summary,
            )
        finally:
            random.setstate(outer_state)
    summary.seconds = time.perf_counter() - started
    return summary


def _play(*, course, users, profiles, days, seed, until, summary) -> None:
    world = _Simulation(course=course, seed=seed, summary=summary)
    sittings = [
        _Sitting(user=user, profile=profile, rng=random.Random(f"{seed}:student:{profile.index}"))
        for user, profile in zip(users, profiles, strict=True)
    ]
    first_day = day_start(until) - dt.timedelta(days=days)
    for day in range(days):
        morning = first_day + dt.timedelta(days=day, hours=8)
        for sitting in sittings:
            if sitting.rng.random() >= sitting.profile.diligence:
                continue
            world.study(sitting, morning + dt.timedelta(minutes=sitting.rng.randrange(720)))
    world.save(sittings)
