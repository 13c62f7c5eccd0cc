"""Questions drawn from the same sentence (siblings) never share a practice round or a quiz."""

import pytest
from django.urls import reverse

from lessons.models import Lesson
from quizzes.models import Attempt, Question, Quiz, sibling_key_for
from tests.conftest import sentence_groups
from tests.factories import LessonFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


def play_round(client, quiz) -> list[Question]:
    """Start an attempt over HTTP, answer every question page in turn, and return what was asked
    (checking each answer's feedback shows the question's own source sentence)."""
    response = client.post(reverse("quiz_start", args=[quiz.pk]))
    assert response.status_code == 302
    attempt = Attempt.objects.filter(quiz=quiz).latest("number")
    asked = []
    by_prompt = {q.prompt: q for q in Question.objects.filter(pk__in=attempt.question_ids)}
    for position in range(1, len(attempt.question_ids) + 1):
        url = reverse("attempt_question", args=[attempt.pk, position])
        page = client.get(url).text
        shown = [q for prompt, q in by_prompt.items() if prompt in page]
        assert len(shown) == 1, page
        question = shown[0]
        asked.append(question)
        right = next(c for c in question.ordered_choices() if c.weight == 1)
        client.post(url, {f"q{question.pk}-answer": right.pk})
        feedback = client.get(url).text
        assert "Right" in feedback
        assert question.source_sentence.strip() in feedback
    client.post(reverse("attempt_finish", args=[attempt.pk]))
    return asked


def assert_no_siblings(asked, all_questions):
    for group in sentence_groups(all_questions):
        assert len(group & {q.pk for q in asked}) <= 1, [q.prompt for q in asked]
    for question in asked:
        for other in asked:
            if other is not question:
                answer = other.correct_answer_text().casefold()
                assert answer not in question.prompt.casefold()
                assert answer not in question.source_sentence.casefold()


def test_sibling_key_ignores_case_and_spacing():
    assert sibling_key_for("The Nile  flows.\n") == sibling_key_for(" the nile flows. ")
    assert sibling_key_for("The Nile flows.") != sibling_key_for("The Amazon flows.")
    assert sibling_key_for("  ") == ""


def test_a_practice_round_asks_one_question_per_sentence(
    client_for, enrolled_student, sibling_questions
):
    client = client_for(enrolled_student)
    quiz = Quiz.practice_for(sibling_questions[0].lesson)
    asked_over_rounds = set()
    for _ in range(4):
        asked = play_round(client, quiz)
        assert_no_siblings(asked, sibling_questions)
        # One question of each sentence, and every question without siblings, in lesson order.
        assert len(asked) == len(sentence_groups(sibling_questions)) == 4
        assert [q.order for q in asked] == sorted(q.order for q in asked)
        asked_over_rounds |= {q.pk for q in asked}
    assert {sibling_questions[5].pk, sibling_questions[6].pk} <= asked_over_rounds


def test_a_random_draw_never_holds_two_siblings(client_for, enrolled_student, sibling_questions):
    course = sibling_questions[0].lesson.course
    other_lesson = LessonFactory(course=course, order=2)
    # The same sentence in another lesson makes a sibling too.
    elsewhere = QuestionFactory(
        lesson=other_lesson,
        prompt="Name the river that flows into the Mediterranean.",
        source_sentence=sibling_questions[0].source_sentence,
        choices=[("Nile", 1.0), ("Po", 0.0)],
    )
    quiz = QuizFactory(course=course, selection="random", draw_count=10)
    quiz.draw_lessons.set([sibling_questions[0].lesson, other_lesson])
    everything = [*sibling_questions, elsewhere]
    client = client_for(enrolled_student)
    for _ in range(3):
        asked = play_round(client, quiz)
        assert_no_siblings(asked, everything)
        assert len(asked) == 4


def test_a_random_draw_fills_its_count_from_other_sentences(sibling_questions):
    quiz = QuizFactory(course=sibling_questions[0].lesson.course, selection="random", draw_count=3)
    quiz.draw_lessons.set([sibling_questions[0].lesson])
    for seed in range(20):
        drawn = quiz.draw_question_ids(seed)
        assert len(drawn) == 3
        assert all(len(group & set(drawn)) <= 1 for group in sentence_groups(sibling_questions))


def test_hand_picking_two_siblings_is_refused_with_a_message(
    client_for, instructor, sibling_questions
):
    course = sibling_questions[0].lesson.course
    data = {
        "title": "Rivers quiz",
        "published": "on",
        "selection": "hand_picked",
        "picked_questions": [
            sibling_questions[0].pk,
            sibling_questions[1].pk,
            sibling_questions[5].pk,
        ],
        "feedback_timing": "immediate",
        "display": "one",
        "pass_mark": 60,
        "grading_method": "highest",
    }
    client = client_for(instructor)
    response = client.post(reverse("quiz_create", args=[course.slug]), data)
    assert response.status_code == 422
    assert "same sentence" in response.text and sibling_questions[1].prompt in response.text
    assert not Quiz.objects.composed().exists()
    data["picked_questions"] = [sibling_questions[0].pk, sibling_questions[5].pk]
    assert client.post(reverse("quiz_create", args=[course.slug]), data).status_code == 302


def test_editing_the_source_sentence_moves_a_question_between_sibling_groups(sibling_questions):
    question = sibling_questions[1]
    question.source_sentence = "The Mediterranean Sea lies between Europe and Africa."
    question.save(update_fields=["source_sentence"])
    question.refresh_from_db()
    assert question.sibling_key == sibling_key_for(question.source_sentence)
    assert question.sibling_key != sibling_questions[0].sibling_key


def test_generated_questions_carry_the_key_of_their_sentence(instructor, worker):
    from lessons.services import course_import
    from tests.quizzes.test_generation_service import DOCUMENT

    with worker():  # the import queues generation; the worker runs it
        summary = course_import(slug="nile", text=DOCUMENT, instructor=instructor)
    generated = Question.objects.for_course(summary.course).filter(origin="generated")
    assert generated.exists()
    for question in generated:
        expected = sibling_key_for(
            question.source_sentence, lesson_id=question.lesson_id, start=question.source_start
        )
        assert question.source_start is not None and question.sibling_key == expected
    # Every practice round of every lesson asks about each sentence at most once.
    for lesson in Lesson.objects.for_course(summary.course).active():
        quiz = Quiz.practice_for(lesson)
        for seed in range(5):
            asked = Question.objects.filter(pk__in=quiz.draw_question_ids(seed))
            starts = [q.source_start for q in asked]
            sentences = [" ".join(q.source_sentence.split()).casefold() for q in asked]
            assert len(starts) == len(set(starts)) and len(sentences) == len(set(sentences))


def test_questions_starting_at_the_same_place_are_siblings_whatever_they_quote(lesson):
    lead_in = "Main crops of the Nile valley included:"
    whole = QuestionFactory(
        lesson=lesson,
        prompt="Name the main crops.",
        source_sentence=lead_in + " wheat; barley",
        source_start=120,
        source_end=170,
    )
    part = QuestionFactory(
        lesson=lesson,
        prompt="Which crop made linen?",
        source_sentence=lead_in,
        source_start=120,
        source_end=160,
    )
    other = QuestionFactory(lesson=lesson, source_sentence=lead_in, source_start=300)
    assert whole.sibling_key == part.sibling_key != other.sibling_key
    quiz = Quiz.practice_for(lesson)
    for seed in range(10):
        drawn = set(quiz.draw_question_ids(seed))
        assert len(drawn & {whole.pk, part.pk}) == 1 and other.pk in drawn


@pytest.mark.django_db(transaction=True)
def test_migration_fills_the_key_of_existing_questions():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    # Every other app as it is now, quizzes just before the sibling key.
    before = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "quizzes"]
    before.append(("quizzes", "0002_question_exchange_fields"))
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Course, Lesson = old.get_model("lessons", "Course"), old.get_model("lessons", "Lesson")
    OldQuestion = old.get_model("quizzes", "Question")
    course = Course.objects.create(title="Old", slug="old")
    lesson = Lesson.objects.create(course=course, title="L", slug="l", order=1, content_hash="")
    sentences = ["The Nile flows north.", "the  nile flows NORTH.", "", "Rivers end in deltas."]
    for sentence in sentences:
        OldQuestion.objects.create(
            lesson=lesson, type="cloze", prompt="The _____ flows north.", source_sentence=sentence
        )
    # Generated questions know where their sentence starts; two quoting it differently.
    for sentence in ["Crops included:", "Crops included: wheat; barley"]:
        OldQuestion.objects.create(
            lesson=lesson,
            type="short_answer",
            prompt="Name the crops.",
            source_sentence=sentence,
            source_start=40,
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    keys = list(Question.objects.order_by("pk").values_list("sibling_key", flat=True))
    assert keys[:4] == [sibling_key_for(s) for s in sentences]
    assert keys[0] == keys[1] != keys[3] and keys[2] == ""
    assert keys[4] == keys[5] == sibling_key_for("", lesson_id=lesson.pk, start=40)
