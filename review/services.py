"""Review workflows across cards, logs, questions and settings: recording answers and the queue.

What an answer does to a card
-----------------------------
* The first answer a student gives to a question (in a quiz or a review session) creates their
  card and reviews it at once with the rating of that answer, so fsrs starts from real evidence.
* A later answer in a review session always reviews the card.
* A later quiz answer reviews the card when the card is due. Before it is due, a wrong answer
  still reviews it (Again: the student has forgotten, so fsrs should bring it back soon), but a
  right one is ignored, so that retaking a quiz right after reading does not inflate stability.
* Quiz answers are always rated automatically; self-rating applies to review sessions.

Siblings wait for tomorrow
--------------------------
Questions drawn from the same sentence are siblings: one's feedback (the sentence, the answer)
gives the others away. Like Anki's burying, once a student has reviewed or answered a card today,
its siblings' cards and new questions wait until the next day, so no session shows two of them.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.roles import is_instructor
from lessons.models import Course, Enrollment, Lesson
from quizzes.grading import Grade
from quizzes.models import Question, Status
from tutor.rows import columns, concrete_fields, instances

from . import rating as rating_rules
from .models import (
    CourseReviewSettings,
    ReviewCard,
    ReviewLog,
    ReviewSource,
    StudentReviewSettings,
)

# Answer times beyond this are treated as the student having walked away, not as slowness.
MAX_COUNTED_ANSWER_MS = 5 * 60 * 1000
TYPICAL_TIME_SAMPLE = 50


def day_start(now: dt.datetime) -> dt.datetime:
    """Midnight of ``now``'s day in the site's time zone: daily limits reset there."""
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)


def typical_answer_time_ms(student) -> float | None:
    """Median of the student's last answer times, or None while there are too few."""
    # Plain SQL: most answers read it, and compiling the ORM's query cost several times more
    # than running it, from the (student, reviewed_at) index.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT duration_ms FROM {connection.ops.quote_name(ReviewLog._meta.db_table)}"
            " WHERE student_id = %s AND duration_ms IS NOT NULL"
            " ORDER BY reviewed_at DESC LIMIT %s",
            [student.pk, TYPICAL_TIME_SAMPLE],
        )
        return rating_rules.typical_time_ms([time for (time,) in cursor.fetchall()])


# Inside a caller's transaction (a quiz answer) it needs no savepoint of its own: the one error
# caught inside, a new card's insert racing another, has its own.
@transaction.atomic(savepoint=False)
def review_card_record_answer(
    *,
    student,
    question,
    grade: Grade,
    time_taken_ms: int | None,
    at: dt.datetime,
    source: str = ReviewSource.QUIZ,
    rating=None,
    reviews_when_shown: int | None = None,
    prefs: StudentReviewSettings | None = None,
) -> ReviewLog | None:
    """Create or review the student's card for ``question`` after a graded answer.

    ``rating`` is the student's own rating (self-rating); without it the rating comes from the
    grade and the answer time. Returns the review log, or None when the answer did not count
    (a right quiz answer to a card that is not yet due; see the module docstring).

    ``reviews_when_shown`` makes one showing of a question count once: the card's review count
    (0 for no card yet) when the question was shown. The card is read locked, so of several
    answers sent for one showing (a double click, a resent form) only the first finds that
    count and reviews the card; the others write nothing and return the card's latest log.
    ``prefs``, the student's review settings, may be given when the caller has them already.
    """
    if time_taken_ms is not None:
        # No time (or a clock glitch) says nothing about speed.
        time_taken_ms = (
            min(int(time_taken_ms), MAX_COUNTED_ANSWER_MS) if time_taken_ms > 0 else None
        )
    auto_rated = rating is None
    if auto_rated:
        # Speed aside for now: whether the answer reviews the card depends only on Again.
        rating = rating_rules.auto_rating(
            mark=grade.mark, typo=grade.typo, time_taken_ms=time_taken_ms, typical_ms=None
        )
    card = ReviewCard.locked_for(student.pk, question.pk)
    if card is None:
        # A new card is inserted once, already reviewed (below), not inserted and then updated.
        card = ReviewCard(student=student, question=question, due=at, created_at=at)
    else:
        card.student, card.question = student, question  # no query when reviewing or saving
    created = card.pk is None
    if reviews_when_shown is not None and card.reps != reviews_when_shown:
        return card.logs.order_by("-reviewed_at", "-pk").first()
    if not answer_reviews_card(created=created, source=source, due=card.due, at=at, rating=rating):
        return None
    if auto_rated and rating_rules.speed_counts(
        mark=grade.mark, typo=grade.typo, time_taken_ms=time_taken_ms
    ):
        # The student's typical answer time (a query) is read only when speed can rate.
        rating = rating_rules.auto_rating(
            mark=grade.mark,
            typo=grade.typo,
            time_taken_ms=time_taken_ms,
            typical_ms=typical_answer_time_ms(student),
        )
    course_settings, retention = CourseReviewSettings.for_lesson_and_student(
        question.lesson_id, student.pk
    )
    if prefs is not None:
        retention = prefs.desired_retention
    scheduler = course_settings.scheduler(retention)

    def review():
        return card.review(
            rating,
            at,
            time_taken_ms,
            mark=grade.mark,
            source=source,
            auto_rated=auto_rated,
            scheduler=scheduler,
        )

    if not created:
        return review()
    try:
        with transaction.atomic():  # the insert may race another first answer
            return review()
    except IntegrityError:
        if not ReviewCard.objects.filter(student=student, question=question).exists():
            raise
        # Another first answer made the card meanwhile: this answer reviews that card.
        return review_card_record_answer(
            student=student,
            question=question,
            grade=grade,
            time_taken_ms=time_taken_ms,
            at=at,
            source=source,
            rating=None if auto_rated else rating,
            reviews_when_shown=reviews_when_shown,
            prefs=prefs,
        )


def answer_reviews_card(*, created: bool, source: str, due: dt.datetime, at, rating) -> bool:
    """Whether an answer reviews the card (the rules of the module docstring): always for a
    new card or in a review session; a quiz answer only when the card is due or it was wrong."""
    if created or source != ReviewSource.QUIZ:
        return True
    return due <= at or rating == rating_rules.Rating.Again


@dataclass
class NextItem:
    """What a review session shows next: a due card, or a new question, or nothing."""

    card: ReviewCard | None = None
    question: Question | None = None
    early: bool = False

    @property
    def is_empty(self) -> bool:
        return self.question is None


def new_questions(student, lesson=None):
    """Approved questions the student has no card for, from lessons they have opened in the
    courses they study (published and enrolled in; or from ``lesson``), in reading order."""
    questions = Question.objects.approved().filter(
        lesson__course__in=Course.objects.studied_by(student).values("pk"),
        lesson__archived_at__isnull=True,
    )
    if lesson is not None:
        questions = questions.filter(lesson=lesson)
    else:
        questions = questions.filter(lesson__progress__student=student)
    return questions.exclude(review_cards__student=student).order_by(
        "lesson__course__title", "lesson__order", "order", "pk"
    )


@dataclass
class DailyAllowance:
    reviews_left: int
    new_left: int


def daily_allowance(student, now, prefs: StudentReviewSettings | None = None) -> DailyAllowance:
    """How many more reviews and new cards the student's daily limits allow today: their
    settings' limits (``prefs`` when the caller has them) less today's logs as
    ``ReviewLog.objects.done_today`` counts them.

    Plain SQL, in one query with the limits when ``prefs`` is not given: compiling the ORM's
    filtered aggregate cost several times more than running it (every review page reads it)."""
    quote = connection.ops.quote_name
    log, settings = (quote(model._meta.db_table) for model in (ReviewLog, StudentReviewSettings))
    columns = [
        "COUNT(*) FILTER (WHERE l.state_before <> 0)",
        "COUNT(*) FILTER (WHERE l.state_before = 0)",
    ]
    params = []
    if prefs is None:
        columns += [
            f"(SELECT s.{column} FROM {settings} s WHERE s.student_id = %s)"
            for column in ("reviews_per_day", "new_cards_per_day")
        ]
        params += [student.pk, student.pk]
    sql = (
        f"SELECT {', '.join(columns)} FROM {log} l WHERE l.student_id = %s AND l.reviewed_at >= %s"
    )
    since = connection.ops.adapt_datetimefield_value(day_start(now))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, student.pk, since])
        reviews, new, *limits = cursor.fetchone()
    if prefs is None:
        defaults = StudentReviewSettings(student_id=student.pk)  # no row: the defaults
        reviews_per_day, new_per_day = (
            defaults.reviews_per_day if limits[0] is None else limits[0],
            defaults.new_cards_per_day if limits[1] is None else limits[1],
        )
    else:
        reviews_per_day, new_per_day = prefs.reviews_per_day, prefs.new_cards_per_day
    return DailyAllowance(
        reviews_left=max(0, reviews_per_day - reviews), new_left=max(0, new_per_day - new)
    )


def reviewed_today(student, now: dt.datetime):
    """The student's cards reviewed (or answered in a quiz) since midnight: their siblings wait."""
    return ReviewCard.objects.for_student(student).reviewed_since(day_start(now))


def _is_student(user) -> bool:
    return user.is_authenticated and not user.is_staff and not is_instructor(user)


def _sibling_keys_reviewed_since(student, since: dt.datetime) -> list[str]:
    """``ReviewCard.objects.for_student(student).reviewed_since(since).sibling_keys()`` in plain
    SQL: the ORM's join and DISTINCT cost more to compile than to run (every review page)."""
    quote = connection.ops.quote_name
    card, question = (quote(model._meta.db_table) for model in (ReviewCard, Question))
    sql = (
        f"SELECT DISTINCT q.sibling_key FROM {card} c JOIN {question} q ON q.id = c.question_id"
        " WHERE c.student_id = %s AND c.last_review >= %s AND NOT (q.sibling_key = %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [student.pk, connection.ops.adapt_datetimefield_value(since), ""])
        return [key for (key,) in cursor.fetchall()]


def _due_card_ids(student, now, since, waiting_keys: list[str], cap: int) -> list[int]:
    """For a student (whose studied courses are the published ones they are enrolled in):
    ``ReviewCard.objects.served_to(student).apart_from_siblings(waiting_keys, since).due(now)``,
    most overdue first, up to ``cap`` ids, in plain SQL, as ``progress.due_count`` counts them."""
    quote = connection.ops.quote_name
    card, question, lesson, enrolment, course = (
        quote(model._meta.db_table) for model in (ReviewCard, Question, Lesson, Enrollment, Course)
    )
    at = connection.ops.adapt_datetimefield_value
    apart, apart_params = "", []
    if waiting_keys:
        keys = ", ".join(["%s"] * len(waiting_keys))
        apart = f" AND (c.last_review >= %s OR NOT (q.sibling_key IN ({keys})))"
        apart_params = [at(since), *waiting_keys]
    sql = (
        f"SELECT c.id FROM {card} c JOIN {question} q ON q.id = c.question_id"
        f" JOIN {lesson} l ON l.id = c.lesson_id"
        " WHERE c.student_id = %s AND q.status = %s AND l.archived_at IS NULL"
        f" AND l.course_id IN (SELECT e.course_id FROM {enrolment} e"
        f" JOIN {course} o ON o.id = e.course_id WHERE e.student_id = %s AND o.published = %s)"
        f" AND c.due <= %s{apart} ORDER BY c.due, c.id LIMIT %s"
    )
    params = [student.pk, Status.APPROVED, student.pk, True, at(now), *apart_params, cap]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


CARD_FIELDS = concrete_fields(ReviewCard)
QUESTION_FIELDS = concrete_fields(Question)
LESSON_FIELDS = concrete_fields(Lesson, "body")  # a review shows its lesson's title, not its text


def _card_with_question(pk: int) -> ReviewCard | None:
    """``ReviewCard.objects.select_related("question__lesson").get(pk=pk)`` but for the lesson's
    body, or None, in plain SQL: compiling the two joins of three models' columns cost more than
    running them (every card a review session serves)."""
    quote = connection.ops.quote_name
    card, question, lesson = (
        quote(model._meta.db_table) for model in (ReviewCard, Question, Lesson)
    )
    selected = ", ".join(
        columns(model, fields, alias)
        for model, fields, alias in [
            (ReviewCard, CARD_FIELDS, "c"),
            (Question, QUESTION_FIELDS, "q"),
            (Lesson, LESSON_FIELDS, "l"),
        ]
    )
    sql = (
        f"SELECT {selected} FROM {card} c"
        f" JOIN {question} q ON q.id = c.question_id JOIN {lesson} l ON l.id = q.lesson_id"
        " WHERE c.id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    split = [len(CARD_FIELDS), len(CARD_FIELDS) + len(QUESTION_FIELDS)]
    (found,) = instances(ReviewCard, CARD_FIELDS, [row[: split[0]]])
    (found.question,) = instances(Question, QUESTION_FIELDS, [row[split[0] : split[1]]])
    (found.question.lesson,) = instances(Lesson, LESSON_FIELDS, [row[split[1] :]])
    return found


class ReviewQueue:
    """What a review session serves ``student`` at ``now`` (or within one ``lesson``). Today's
    sibling keys are read once, as a list, so the next card, the count still due and the next
    due time share them and the cards' filters instead of each rebuilding them as subqueries."""

    def __init__(self, *, student, now: dt.datetime, lesson=None, due_cap: int = 1000):
        self.student, self.now, self.lesson, self.due_cap = student, now, lesson, due_cap
        self.since = day_start(now)
        self.waiting_keys = _sibling_keys_reviewed_since(student, self.since)

    @cached_property
    def cards(self):
        cards = ReviewCard.objects.served_to(self.student)
        if self.lesson is not None:
            cards = cards.for_lesson(self.lesson)
        return cards

    @cached_property
    def serveable(self):
        return self.cards.apart_from_siblings(self.waiting_keys, self.since)

    def next(self) -> NextItem:
        """The most overdue card first (mixed across lessons), then a new question, within the
        daily limits. Practising one lesson ignores the limits and, once nothing in it is due
        or new, reviews its cards early, soonest due first."""
        if self.lesson is not None:
            allowance = DailyAllowance(reviews_left=1, new_left=1)
        else:
            allowance = daily_allowance(self.student, self.now)
        if allowance.reviews_left and self.due_ids:
            card = _card_with_question(self.due_ids[0])
            if card is not None:  # else deleted since: serve what comes next
                return NextItem(card=card, question=card.question)
        if allowance.new_left:
            questions = new_questions(self.student, self.lesson)
            if self.waiting_keys:
                questions = questions.not_siblings_of(self.waiting_keys)
            question = questions.select_related("lesson").first()
            if question is not None:
                return NextItem(question=question)
        if self.lesson is not None:
            card = self.serveable.select_related("question__lesson").most_overdue_first().first()
            if card is not None:
                return NextItem(card=card, question=card.question, early=True)
        return NextItem()

    @cached_property
    def due_ids(self) -> list[int]:
        """The cards due and not waiting for tomorrow, most overdue first, up to ``due_cap``
        (beyond it the exact number tells the student nothing new): one query gives both the
        next card and the count still due."""
        if self.lesson is None and _is_student(self.student):
            return _due_card_ids(
                self.student, self.now, self.since, self.waiting_keys, self.due_cap
            )
        due = self.serveable.due(self.now).most_overdue_first()
        return list(due.values_list("pk", flat=True)[: self.due_cap])

    def next_due_at(self) -> dt.datetime | None:
        """When the first card comes up: its due time, but no earlier than tomorrow for a card
        waiting because a sibling was reviewed today."""
        first_free = self.serveable.most_overdue_first().values_list("due", flat=True).first()
        options = [first_free] if first_free is not None else []
        if self.waiting_keys:
            waiting = self.cards.siblings(self.waiting_keys, self.since)
            first_waiting = waiting.most_overdue_first().values_list("due", flat=True).first()
            if first_waiting is not None:
                options.append(max(first_waiting, self.since + dt.timedelta(days=1)))
        return min(options, default=None)


def review_next(*, student, now: dt.datetime, lesson=None) -> NextItem:
    """The next thing to review (``ReviewQueue.next``). Siblings of the cards reviewed today
    wait (see the module docstring)."""
    return ReviewQueue(student=student, now=now, lesson=lesson).next()


def due_summary(
    student,
    now,
    due: int | None = None,
    new: int | None = None,
    prefs: StudentReviewSettings | None = None,
) -> dict:
    """Counts for the "Review N due" button: what a session would serve today. ``due`` (the
    due cards), ``new`` (every question ``new_questions`` would list) and the student's
    ``prefs`` may be given when the caller has them already."""
    prefs = prefs or StudentReviewSettings.for_student(student)
    allowance = daily_allowance(student, now, prefs)
    if due is None:
        due = ReviewCard.objects.served_to(student).due(now).count()
    if not allowance.new_left:
        new = 0
    elif new is None:
        # Only today's allowance of new questions matters, so the count stops there.
        new = new_questions(student).order_by()[: allowance.new_left].count()
    else:
        new = min(new, allowance.new_left)
    return {
        "due": due,
        "new": new,  # at most the new cards still allowed today
        "reviews_today": min(due, allowance.reviews_left),
        "new_today": min(new, allowance.new_left),
        "session_size": min(due, allowance.reviews_left) + min(new, allowance.new_left),
        "prefs": prefs,
    }
