"""The student dashboard's figures, checked against values worked out by hand."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from lessons.models import LessonProgress
from review.models import CourseReviewSettings, ReviewCard, StudentReviewSettings
from review.progress import (
    MASTERED,
    NOT_STARTED,
    PRACTISED,
    READ,
    dashboard_figures,
    lesson_states,
)
from review.services import due_summary
from tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    LessonFactory,
    QuestionFactory,
    ReviewCardFactory,
    ReviewLogFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)  # a Wednesday morning
DAY = dt.timedelta(days=1)


def later_today(now: dt.datetime) -> dt.datetime:
    """Two hours on, or sooner when midnight is nearer: due later today whatever the hour."""
    local = timezone.localtime(now)
    midnight = (local + DAY).replace(hour=0, minute=0, second=0, microsecond=0)
    return now + min(dt.timedelta(hours=2), (midnight - local) / 2)


def build(student, course, now):
    """Five lessons; cards whose retrievability is exact by fsrs's definition: a card last
    reviewed exactly `stability` days ago has R = 0.9, one reviewed just now has R = 1."""
    EnrollmentFactory(course=course, student=student)
    lessons = [LessonFactory(course=course, order=i, title=f"L{i}") for i in range(1, 6)]
    q = {
        i: [QuestionFactory(lesson=lessons[i - 1]) for _ in range(2 if i < 3 else 1)]
        for i in range(1, 6)
    }
    cards = {
        "c1": ReviewCardFactory(
            student=student,
            question=q[1][0],
            stability=10.0,
            last_review=now - 10 * DAY,
            due=now - 2 * DAY,
        ),
        "c2": ReviewCardFactory(
            student=student, question=q[1][1], stability=5.0, last_review=now, due=now + 3 * DAY
        ),
        "c3": ReviewCardFactory(
            student=student,
            question=q[2][0],
            stability=100.0,
            last_review=now - 100 * DAY,
            due=now + 40 * DAY,
        ),
        "c4": ReviewCardFactory(
            student=student,
            question=q[2][1],
            stability=1.0,
            last_review=now - DAY,
            due=later_today(now),
            lapses=8,
            is_leech=True,
        ),
        "c5": ReviewCardFactory(
            student=student, question=q[5][0], stability=30.0, last_review=now, due=now + 30 * DAY
        ),
    }
    LessonProgress.record_open(student=student, lesson=lessons[2], at=now - DAY)  # L3: read
    for days_ago, rating, state_before in [
        (0, 3, 2),
        (1, 1, 2),
        (2, 3, 2),
        (10, 3, 2),
        (40, 3, 2),
        (0, 1, 0),
    ]:
        ReviewLogFactory(
            card=cards["c2"],
            rating=rating,
            state_before=state_before,
            reviewed_at=now - days_ago * DAY + dt.timedelta(minutes=5),
        )
    # Another student's activity must not show up anywhere.
    ReviewLogFactory(card=ReviewCardFactory(question=q[1][0]), reviewed_at=now)
    return lessons


def test_dashboard_figures_match_hand_computed_values(student, course):
    lessons = build(student, course, NOW)
    figures = dashboard_figures(student, NOW)

    assert figures["cards_total"] == 5
    assert figures["known"] == pytest.approx(0.9 + 1 + 0.9 + 0.9 + 1)
    assert figures["summary"]["due"] == 1  # c1 only; c4 falls due later today
    assert figures["summary"]["new"] == 1  # L3 was opened and has an unanswered question
    assert figures["summary"]["session_size"] == 2
    forecast = [bar.value for bar in figures["forecast"]["bars"]]
    assert len(forecast) == 30
    assert forecast[0] == 2 and forecast[3] == 1 and sum(forecast) == 3  # c1 overdue + c4; c2
    assert figures["streak"] == 3  # today, yesterday, the day before; then a gap
    assert figures["retention_7"] == pytest.approx(2 / 3)  # passes today and 2 days ago
    assert figures["retention_30"] == pytest.approx(3 / 4)  # plus 10 days ago
    assert (figures["reviews_7"], figures["reviews_30"]) == (3, 4)
    assert figures["desired_retention"] == [0.9]
    assert figures["reviews_in_heatmap"] == 6
    heat = {cell.day: cell.count for cell in figures["heatmap"]["cells"]}
    assert heat[NOW.date()] == 2 and heat[NOW.date() - DAY] == 1
    assert figures["heatmap"]["cells"][-1].day == NOW.date()

    states = figures["states"]
    assert [states[lesson.pk].status for lesson in lessons] == [
        PRACTISED,
        PRACTISED,
        READ,
        NOT_STARTED,
        MASTERED,
    ]
    assert states[lessons[0].pk].mean_retrievability == pytest.approx(0.95)
    assert [s.lesson for s in figures["weakest"]] == [lessons[1], lessons[0]]
    (progress,) = figures["courses"]
    assert progress.lessons == 5
    assert (progress.percent_mastered, progress.percent_practised, progress.percent_read) == (
        20,
        40,
        20,
    )
    assert [card.lapses for card in figures["leeches"]] == [8]


def test_cards_outside_the_enrolled_lessons_and_retired_questions(student, course):
    """Due count and forecast cover every card a session may serve: not those of a course the
    student has left, nor those whose question is no longer approved; lesson figures cover
    the enrolled courses."""
    lessons = build(student, course, NOW)
    elsewhere = LessonFactory(course=CourseFactory())  # a course the student has left
    ReviewCardFactory(
        student=student,
        question=QuestionFactory(lesson=elsewhere),
        stability=10.0,
        last_review=NOW - 10 * DAY,
        due=NOW - DAY,
    )
    ReviewCardFactory(
        student=student,
        question=QuestionFactory(lesson=lessons[3]),
        stability=50.0,
        last_review=NOW,
        due=NOW + 5 * DAY,
    )
    retired = ReviewCardFactory(
        student=student,
        question=QuestionFactory(lesson=lessons[0]),
        stability=1.0,
        last_review=NOW - 9 * DAY,
        due=NOW - 8 * DAY,
        lapses=9,
        is_leech=True,
    )
    retired.question.status = "retired"
    retired.question.save()

    figures = dashboard_figures(student, NOW)

    assert figures["summary"]["due"] == 1  # c1, not the card of the course left
    forecast = [bar.value for bar in figures["forecast"]["bars"]]
    assert forecast[0] == 2 and forecast[3] == 1 and forecast[5] == 1 and sum(forecast) == 4
    assert figures["cards_total"] == 6  # the enrolled course's five and L4's new card
    assert figures["known"] == pytest.approx(0.9 + 1 + 0.9 + 0.9 + 1 + 1)
    assert figures["states"][lessons[3].pk].status == PRACTISED
    assert figures["states"][lessons[0].pk].cards == 2
    assert figures["states"][lessons[0].pk].min_stability == 5.0  # not the retired card's 1.0
    assert [card.lapses for card in figures["leeches"]] == [8]  # not the retired one
    assert figures["leech_count"] == 1


def test_lesson_states_match_the_orm_figures_of_served_cards(student, course):
    """The lesson figures lesson_states computes in SQL are the ORM's lesson_memory over the
    cards served_to serves: not a retired question's card, nor those of an archived lesson or
    of a course the student does not study; never-reviewed and last-wrong cards included."""
    lessons = build(student, course, NOW)
    ReviewCardFactory(student=student, question=QuestionFactory(lesson=lessons[3]))  # new card
    wrong = ReviewCardFactory(
        student=student,
        question=QuestionFactory(lesson=lessons[2]),
        stability=3.5,
        last_review=NOW - 2 * DAY,
        last_rating=1,
    )
    retired = ReviewCardFactory(
        student=student, question=QuestionFactory(lesson=lessons[0]), stability=0.5
    )
    retired.question.status = "retired"
    retired.question.save()
    archived = LessonFactory(course=course, archived_at=NOW)
    ReviewCardFactory(student=student, question=QuestionFactory(lesson=archived))
    elsewhere = LessonFactory(course=CourseFactory(published=True))
    ReviewCardFactory(student=student, question=QuestionFactory(lesson=elsewhere))
    StudentFactory()  # and nobody else's cards

    every = [*lessons, archived, elsewhere]
    expected = {
        row["question__lesson"]: row
        for row in ReviewCard.objects.served_to(student).lesson_memory(NOW)
    }
    assert set(expected) == {
        lessons[0].pk,
        lessons[1].pk,
        lessons[2].pk,
        lessons[3].pk,
        lessons[4].pk,
    }
    for states in (
        lesson_states(student, every, NOW),
        lesson_states(student, lessons, NOW, studied={course.pk}),
    ):
        for lesson in lessons:
            state, row = states[lesson.pk], expected.get(lesson.pk, {})
            assert state.cards == row.get("cards", 0)
            assert state.known == pytest.approx(row.get("known") or 0.0)
            assert state.mean_retrievability == pytest.approx(row.get("mean_retrievability"))
            assert state.min_stability == row.get("min_stability")
            assert (state.leeches, state.wrong) == (row.get("leeches", 0), row.get("wrong", 0))
    states = lesson_states(student, every, NOW)
    assert states[archived.pk].cards == states[elsewhere.pk].cards == 0
    assert states[lessons[2].pk].wrong == 1 and wrong.question.lesson == lessons[2]
    assert states[lessons[0].pk].approved == 2  # the retired question is not counted


def test_leech_list_shows_served_leeches_most_lapsed_first(client_for, student, course):
    lessons = build(student, course, timezone.now())
    worse = ReviewCardFactory(
        student=student, question=QuestionFactory(lesson=lessons[3]), lapses=12, is_leech=True
    )
    archived = LessonFactory(course=course, archived_at=timezone.now())
    hidden = ReviewCardFactory(
        student=student, question=QuestionFactory(lesson=archived), lapses=20, is_leech=True
    )
    page = client_for(student).get(reverse("dashboard"))
    assert [leech.lapses for leech in page.context["leeches"]] == [12, 8]
    assert page.context["leech_count"] == 2
    text = page.text
    assert worse.question.prompt in text and "(12 lapses)" in text
    assert f'href="{lessons[3].get_absolute_url()}">{lessons[3].title}</a> (12 lapses)' in text
    assert hidden.question.prompt not in text


def test_desired_retention_is_the_courses_unless_the_student_overrides_it(student, course):
    build(student, course, NOW)
    CourseReviewSettings.objects.create(course=course, desired_retention=0.85)
    figures = dashboard_figures(student, NOW)
    assert figures["desired_retention"] == [0.85]
    assert {s.desired_retention for s in figures["states"].values()} == {0.85}
    StudentReviewSettings.objects.create(student=student, desired_retention=0.95)
    figures = dashboard_figures(student, NOW)
    assert figures["desired_retention"] == [0.95]
    assert {s.desired_retention for s in figures["states"].values()} == {0.95}


@pytest.mark.parametrize("new_per_day", [0, 3, 20])
def test_new_questions_counted_from_lesson_figures_match_the_queue(student, course, new_per_day):
    lessons = build(student, course, NOW)
    for lesson in lessons[:4]:
        LessonProgress.record_open(student=student, lesson=lesson, at=NOW)
    QuestionFactory(lesson=lessons[0])  # unanswered, in a practised lesson
    QuestionFactory(lesson=lessons[3], status="draft")  # not served
    hidden = LessonFactory(course=CourseFactory(published=False))
    EnrollmentFactory(course=hidden.course, student=student)
    LessonProgress.record_open(student=student, lesson=hidden, at=NOW)
    QuestionFactory(lesson=hidden)  # unpublished courses serve nothing
    StudentReviewSettings.objects.create(student=student, new_cards_per_day=new_per_day)

    summary = dashboard_figures(student, NOW)["summary"]

    # build() logged one first review today, which uses one of the day's new cards.
    expected = min(max(0, new_per_day - 1), 3)
    assert summary["new"] == due_summary(student, NOW)["new"] == expected


def test_dashboard_page_shows_the_figures(client_for, student, course):
    now = timezone.now()
    build(student, course, now)
    page = client_for(student).get(reverse("dashboard")).text
    assert "Review 1 due" in page and "1 review due" in page  # the new question is not due
    assert 'data-figure="streak">3 days' in page
    assert 'data-figure="known">5<' in page  # a count: a whole number
    assert 'data-figure="retention-30">75%' in page
    assert f"{reverse('review_session')}?lesson=" in page
    assert "<svg" in page and "Leeches" in page
    # The forecast has a scale and dated days; the heatmap, weekdays and a legend in numbers.
    assert ">Today</text>" in page and 'text-anchor="end">2</text>' in page
    assert ">Mon</text>" in page and "Reviews a day:" in page and "</svg> 2</span>" in page
    assert "20% mastered" in page
    assert 'status-mastered">Mastered' in page and 'status-not_started">Not started' in page


def test_course_page_shows_the_students_progress(client_for, student, course):
    build(student, course, timezone.now())
    page = client_for(student).get(course.get_absolute_url()).text
    assert 'class="progress-bar"' in page
    assert "1 of 5 lessons mastered, 2 practised, 1 read" in page and "20% mastered" in page


def test_dashboard_without_courses_still_lists_teaching(client_for, instructor, course):
    page = client_for(instructor).get(reverse("dashboard")).text
    assert "Courses you teach" in page and course.title in page
    assert "not enrolled in any course" in page


@pytest.mark.parametrize("extra_cards", [0, 80])
def test_dashboard_query_count_does_not_grow_with_cards(
    client_for, student, course, django_assert_max_num_queries, extra_cards
):
    build(student, course, timezone.now())
    lesson = LessonFactory(course=course)
    for index in range(extra_cards):
        card = ReviewCardFactory(
            student=student,
            question=QuestionFactory(lesson=lesson),
            due=timezone.now() + index * dt.timedelta(hours=7),
        )
        ReviewLogFactory(card=card, reviewed_at=timezone.now() - index * dt.timedelta(hours=9))
    other = StudentFactory(username="someone")
    EnrollmentFactory(course=course, student=other)
    client = client_for(student)
    with django_assert_max_num_queries(22):
        assert client.get(reverse("dashboard")).status_code == 200


def test_dashboard_lists_open_quizzes_of_the_students_courses(client_for, enrolled_student, course):
    import datetime

    from django.utils import timezone

    from tests.factories import CourseFactory, QuizFactory

    now = timezone.now()
    QuizFactory(course=course, title="Midterm", closes_at=now + datetime.timedelta(days=2))
    QuizFactory(
        course=course,
        title="Closed one",
        closes_at=now - datetime.timedelta(days=1),
        opens_at=now - datetime.timedelta(days=3),
    )
    QuizFactory(course=course, title="Hidden one", published=False)
    QuizFactory(course=CourseFactory(), title="Other course")
    draft = CourseFactory(published=False)
    draft.enrol(enrolled_student)
    QuizFactory(course=draft, title="Draft course quiz")
    html = client_for(enrolled_student).get("/dashboard/").text
    assert "Open quizzes" in html
    assert "Midterm" in html
    for absent in ("Closed one", "Hidden one", "Other course", "Draft course quiz"):
        assert absent not in html


def test_weakest_lessons_table_is_labelled_for_narrow_screens(client_for, student, course):
    build(student, course, timezone.now())
    page = client_for(student).get(reverse("dashboard")).text
    assert "Weakest lessons" in page and "Getting started" not in page
    assert 'class="stack-table"' in page and 'data-label="Recall now"' in page


def test_open_quizzes_in_sql_are_the_orms_in_its_order(enrolled_student, course):
    import datetime

    from django.utils import timezone

    from quizzes.models import Quiz
    from review.progress import open_quizzes
    from tests.factories import LessonFactory, QuizFactory

    now = timezone.now()
    day = datetime.timedelta(days=1)
    for title, opens, closes in [
        ("B no close", None, None),
        ("A no close", None, None),
        ("Soon", now - day, now + day),
        ("Later", None, now + 3 * day),
        ("Not yet", now + day, None),
        ("Over", None, now - day),
        ("Closing now", None, now),
    ]:
        QuizFactory(course=course, title=title, opens_at=opens, closes_at=closes)
    lesson = LessonFactory(course=course)
    QuizFactory(course=course, lesson=lesson, title="Practice", kind="practice")
    expected = list(
        Quiz.objects.composed()
        .open_at(now)
        .filter(course__in=[course.pk])
        .order_by("closes_at", "title")
    )
    found = open_quizzes({course.pk: course}, now)
    assert [quiz.pk for quiz in found] == [quiz.pk for quiz in expected]
    assert {quiz.title for quiz in found} == {"A no close", "B no close", "Soon", "Later"}
    assert found[0].course is course and found[0].closes_at == expected[0].closes_at


def test_a_students_course_in_sql_is_visible_courses(enrolled_student, student, course):
    from django.http import Http404

    from lessons.access import visible_course
    from review.progress import published_course
    from tests.factories import CourseFactory, StudentFactory

    draft = CourseFactory(published=False)
    draft.enrol(enrolled_student)
    other = CourseFactory()
    outsider = StudentFactory()
    for user, found in [(enrolled_student, course), (enrolled_student, other), (outsider, course)]:
        expected = visible_course(user, slug=found.slug)
        course_found = published_course(user, found.slug)
        assert course_found.pk == expected.pk and course_found.title == expected.title
        assert course_found.is_enrolled(user) == expected.is_enrolled(user)
        assert course_found.created_at == expected.created_at
    assert published_course(enrolled_student, course.slug).is_enrolled(enrolled_student)
    assert not published_course(outsider, course.slug).is_enrolled(outsider)
    with pytest.raises(Http404):
        visible_course(enrolled_student, slug=draft.slug)
    assert published_course(enrolled_student, draft.slug) is None
    assert published_course(enrolled_student, "no-such-course") is None


def test_dashboard_lesson_list_escapes_titles_and_links_practice(client_for, student):
    course = CourseFactory(published=True)
    EnrollmentFactory(student=student, course=course)
    practised = LessonFactory(course=course, order=1, title='Bits & <bytes> "quoted"')
    unread = LessonFactory(course=course, order=2, title="Unread <i>one</i>")
    ReviewCardFactory(student=student, question=QuestionFactory(lesson=practised))
    page = client_for(student).get(reverse("dashboard")).text
    title = "Bits &amp; &lt;bytes&gt; &quot;quoted&quot;"
    assert (
        f'<li><a href="{practised.get_absolute_url()}">{title}</a> <span class="status '
        f'status-{PRACTISED}">Practised</span> <a href="{reverse("review_session")}?lesson='
        f'{practised.pk}" class="meta">Practice<span class="visually-hidden"> {title}</span>'
        "</a></li>"
    ) in page
    assert (
        f'<li><a href="{unread.get_absolute_url()}">Unread &lt;i&gt;one&lt;/i&gt;</a> '
        f'<span class="status status-{NOT_STARTED}">Not started</span></li>'
    ) in page
    assert "<i>one</i>" not in page and "<bytes>" not in page


def test_dashboard_lesson_links_follow_a_renamed_slug(client_for, student):
    # The lesson links are remembered across requests: a new slug must give a new link.
    course = CourseFactory(published=True, slug="first-name")
    EnrollmentFactory(student=student, course=course)
    lesson = LessonFactory(course=course, order=1, slug="a-lesson")
    client = client_for(student)
    assert 'href="/courses/first-name/lessons/a-lesson/"' in client.get(reverse("dashboard")).text
    course.slug = "second-name"
    course.save()
    lesson.slug = "renamed-lesson"
    lesson.save()
    cache.clear()  # the cached figures show instructors' changes within FIGURES_TIMEOUT, by design
    page = client.get(reverse("dashboard")).text
    assert f'href="{lesson.get_absolute_url()}"' in page
    assert 'href="/courses/second-name/lessons/renamed-lesson/"' in page
    assert "first-name" not in page and 'href="/courses/first-name/lessons/a-lesson/"' not in page
