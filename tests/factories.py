"""factory-boy factories for Tutor's models: only required fields are set."""

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lessons.models import Course, Enrollment, Lesson

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StudentFactory(UserFactory):
    pass


class InstructorFactory(UserFactory):
    @factory.post_generation
    def instructor_group(obj, create, extracted, **kwargs):
        if create:
            group, _ = Group.objects.get_or_create(name=settings.INSTRUCTORS_GROUP)
            obj.groups.add(group)


class AdminFactory(UserFactory):
    is_staff = True
    is_superuser = True


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    published = True


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    order = factory.Sequence(lambda n: n + 1)
    body = "A paragraph of lesson text."


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    course = factory.SubFactory(CourseFactory)
    student = factory.SubFactory(StudentFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single-choice question with one right and two wrong choices."""

    class Meta:
        model = "quizzes.Question"
        skip_postgeneration_save = True

    lesson = factory.SubFactory(LessonFactory)
    type = "single_choice"
    prompt = factory.Sequence(lambda n: f"Question {n}?")
    status = "approved"

    @factory.post_generation
    def choices(obj, create, extracted, **kwargs):
        if not create:
            return
        from quizzes.models import Choice

        specs = extracted
        if specs is None:
            specs = [("Right", 1.0), ("Wrong", 0.0), ("Also wrong", 0.0)]
        for order, (text, weight) in enumerate(specs):
            Choice.objects.create(question=obj, text=text, weight=weight, order=order)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.Choice"

    question = factory.SubFactory(QuestionFactory, choices=[])
    text = factory.Sequence(lambda n: f"Choice {n}")


class QuizFactory(factory.django.DjangoModelFactory):
    """A composed, hand-picked quiz (add questions with QuizItem or ``questions=[...]``)."""

    class Meta:
        model = "quizzes.Quiz"
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Quiz {n}")

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):
        if not create or not extracted:
            return
        from quizzes.models import QuizItem

        for order, question in enumerate(extracted):
            QuizItem.objects.create(quiz=obj, question=question, order=order)


class ReviewCardFactory(factory.django.DjangoModelFactory):
    """A card already in the Review state, last reviewed a day ago with a 10-day stability."""

    class Meta:
        model = "review.ReviewCard"

    student = factory.SubFactory(StudentFactory)
    question = factory.SubFactory(QuestionFactory)
    state = 2
    step = None
    stability = 10.0
    difficulty = 5.0
    last_review = factory.LazyFunction(lambda: _now() - _days(1))
    due = factory.LazyFunction(lambda: _now() + _days(9))
    reps = 1


class ReviewLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "review.ReviewLog"

    card = factory.SubFactory(ReviewCardFactory)
    student = factory.SelfAttribute("card.student")
    rating = 3
    reviewed_at = factory.LazyFunction(lambda: _now())
    state_before = 2
    due_after = factory.LazyFunction(lambda: _now() + _days(10))
    source = "session"


def _now():
    from django.utils import timezone

    return timezone.now()


def _days(n):
    import datetime

    return datetime.timedelta(days=n)
