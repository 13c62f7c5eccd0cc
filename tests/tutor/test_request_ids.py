"""Ids and numbers a request carries are parsed by form fields: a Unicode digit, a word or a
30-digit number is a 404 or a message, never a 500 (issue 13, defect 1)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes.forms import MAX_CHOICES
from quizzes.models import Question, Status
from review.models import ReviewLog
from tests.factories import QuestionFactory
from tutor.forms import MAX_ID, IdField, IdListField

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
BAD_IDS = ["²", "³", "abc", "-1", "0", HUGE, "1.5", "٣", "1e3", "\x00"]


@pytest.fixture
def question(lessons):
    return QuestionFactory(lesson=lessons[0], status=Status.APPROVED)


@pytest.mark.parametrize("raw", [*BAD_IDS, " ", "9" * 5000, ["1"]])
def test_an_id_field_refuses_what_is_not_an_ascii_id(raw):
    with pytest.raises(ValidationError):
        IdField().clean(raw)


def test_an_id_field_takes_ids_up_to_the_databases_range():
    assert IdField().clean(" 42 ") == 42
    assert IdField().clean(str(MAX_ID)) == MAX_ID
    assert IdListField().clean(["1", "2"]) == [1, 2]
    assert IdListField(required=False).clean([]) == []


@pytest.mark.parametrize("raw", BAD_IDS)
def test_review_refuses_a_bad_lesson_or_question_id(client, enrolled_student, question, raw):
    client.force_login(enrolled_student)
    assert client.get(reverse("review_session"), {"lesson": raw}).status_code == 404
    answer = client.post(reverse("review_answer"), {"question": raw, "answer": "x"})
    assert answer.status_code == 404
    assert client.post(reverse("review_continue"), {"lesson": raw}).status_code == 404
    assert not ReviewLog.objects.exists()


@pytest.mark.parametrize("raw", ["²", "abc", HUGE, "0", "5", ""])
def test_review_rating_refuses_what_is_not_a_rating(client, enrolled_student, question, raw):
    client.force_login(enrolled_student)
    client.get(reverse("review_session"))
    with_rating = {"question": question.pk, "answer": question.choices.first().pk}
    settings_url = reverse("review_settings")
    client.post(
        settings_url,
        {
            "self_rating": "on",
            "new_cards_per_day": 20,
            "reviews_per_day": 200,
            "desired_retention": "0.9",
        },
    )
    client.post(reverse("review_answer"), with_rating)
    response = client.post(reverse("review_rate"), {"rating": raw}, follow=True)
    assert response.status_code == 200
    assert "Choose Again, Hard, Good or Easy." in response.content.decode()
    assert not ReviewLog.objects.exists()


@pytest.mark.parametrize("raw", BAD_IDS)
def test_question_preview_and_approve_refuse_a_bad_question_id(
    client, instructor, lessons, question, raw
):
    client.force_login(instructor)
    args = [lessons[0].course.slug, lessons[0].slug]
    preview = client.post(
        reverse("question_preview", args=args), {"question": raw, "type": "single_choice"}
    )
    assert preview.status_code == 404
    question.status = Status.DRAFT
    question.save()
    approve = client.post(reverse("questions_approve", args=args), {"question": [raw]}, follow=True)
    assert approve.status_code == 200
    assert "Select the questions to approve." in approve.content.decode()
    question.refresh_from_db()
    assert question.status == Status.DRAFT


@pytest.mark.parametrize("raw", ["²", "abc", HUGE, "\x00"])
def test_outline_split_refuses_a_bad_paragraph_number(client, instructor, lessons, raw):
    client.force_login(instructor)
    url = reverse("lesson_edit", args=[lessons[0].course.slug, lessons[0].pk, "split"])
    response = client.post(url, {"at": raw}, follow=True)
    assert response.status_code == 200
    assert "split at" in response.content.decode()


@pytest.mark.parametrize("raw", ["lesson-²", "-lesson-³", f"lesson-{HUGE}", "lesson-\x00"])
def test_gradebook_ignores_a_sort_it_does_not_know(client, instructor, lessons, raw):
    client.force_login(instructor)
    for name in ("results_gradebook", "results_gradebook_csv"):
        url = reverse(name, args=[lessons[0].course.slug])
        assert client.get(url, {"sort": raw, "q": "\x00", "status": "²"}).status_code == 200


@pytest.mark.parametrize("raw", ["²", "a b", "\x00", "x" * 300])
def test_a_lesson_named_by_slug_in_a_request_is_a_404_when_not_a_slug(
    client, instructor, lessons, raw
):
    client.force_login(instructor)
    slug = lessons[0].course.slug
    assert client.get(reverse("gift_export", args=[slug]), {"lesson": raw}).status_code == 404
    assert client.get(reverse("gift_import", args=[slug]), {"lesson": raw}).status_code == 200
    generate = client.post(reverse("questions_generate", args=[slug]), {"lesson": raw})
    assert generate.status_code == 404


@pytest.mark.parametrize("name", ["quiz_detail", "question_edit", "attempt_detail"])
def test_a_30_digit_id_in_the_path_is_a_404(client, instructor, name):
    client.force_login(instructor)
    assert client.get(reverse(name, args=[int(HUGE)])).status_code == 404


@pytest.mark.parametrize("count", [HUGE, "1000", "²"])
def test_a_choice_formset_believes_no_huge_form_count(client, instructor, lessons, count):
    """A posted form count builds at most MAX_CHOICES forms (it built 1,000 before: a minute)."""
    client.force_login(instructor)
    url = reverse("question_create", args=[lessons[0].course.slug, lessons[0].slug])
    data = {
        "type": "short_answer",
        "prompt": "Where?",
        "form-TOTAL_FORMS": count,
        "form-INITIAL_FORMS": "0",
        "form-0-text": "Here",
        "form-0-weight": "1",
    }
    response = client.post(url, data)
    assert response.status_code in {200, 422}
    assert response.content.count(b'name="form-') < 20 * (MAX_CHOICES + 5)
    assert not Question.objects.filter(prompt="Where?").exists()


@pytest.mark.parametrize("raw", [HUGE, "-9223372036854775809", "²"])
def test_a_model_choice_of_a_huge_id_is_an_invalid_choice(client, instructor, lessons, raw):
    """SQLite overflowed on a 30-digit id in a model choice (a 500 before)."""
    client.force_login(instructor)
    slug = lessons[0].course.slug
    for field in ("picked_questions", "draw_lessons"):
        response = client.post(reverse("quiz_create", args=[slug]), {"title": "T", field: raw})
        assert response.status_code == 422
    gift = client.post(reverse("gift_import", args=[slug]), {"text": "Up? {T}", "lesson": raw})
    assert gift.status_code == 200
    assert "Select a valid choice" in gift.text
    assert not Question.objects.exists()
