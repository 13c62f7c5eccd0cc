"""Instructors' decisions on generated questions: rejection reasons in the authoring UI and the
admin, acceptance per generator on the course's generation page, and labelled examples."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from quizzes.models import Question, QuestionDecision
from tests.factories import CourseFactory, LessonFactory, QuestionFactory, StudentFactory
from tests.quizzes.test_authoring import edit_rows, list_url, question_post

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def generated(lesson, generator="cloze", score=0.6, **fields):
    return QuestionFactory(
        lesson=lesson, origin="generated", generator=generator, quality_score=score, **fields
    )


def test_rejecting_with_a_reason_records_it_and_the_list_shows_it(client_for, instructor, lesson):
    question = generated(lesson, status="approved", score=0.72)
    client = client_for(instructor)
    response = client.post(
        reverse("question_status", args=[question.pk]),
        {"action": "reject", "reason": "ambiguous", "note": "Two rivers fit the blank."},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "rejected"
    decision = QuestionDecision.objects.get()
    assert (decision.question, decision.kind, decision.reason, decision.note) == (
        question,
        "rejected",
        "ambiguous",
        "Two rivers fit the blank.",
    )
    assert decision.decided_by == instructor and decision.quality_score == 0.72
    page = client.get(list_url(lesson)).text
    assert "Ambiguous: more than one defensible answer" in page


def test_rejecting_with_htmx_returns_the_row_with_the_reason(client_for, instructor, lesson):
    question = generated(lesson, status="draft")
    row = client_for(instructor).post(
        reverse("question_status", args=[question.pk]),
        {"action": "reject", "reason": "debris"},
        headers=HTMX,
    )
    assert row.status_code == 200
    assert row.text.lstrip().startswith(f'<tr id="question-{question.pk}"')
    assert "Rejected" in row.text and "Debris: markup or broken text" in row.text
    assert QuestionDecision.objects.get().reason == "debris"


def test_the_list_offers_every_reason_next_to_reject(client_for, instructor, lesson):
    generated(lesson, status="approved")
    page = client_for(instructor).get(list_url(lesson)).text
    for reason in ["trivial", "ambiguous", "needs_context", "bad_distractors", "wrong", "debris"]:
        assert f'<option value="{reason}">' in page
    assert 'name="note"' in page and 'value="reject"' in page


def test_rejecting_without_a_reason_is_allowed(client_for, instructor, lesson):
    question = generated(lesson, status="draft")
    client_for(instructor).post(
        reverse("question_status", args=[question.pk]), {"action": "reject"}
    )
    question.refresh_from_db()
    assert question.status == "rejected" and QuestionDecision.objects.get().reason == ""


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_an_unknown_reason_changes_nothing_and_says_why(client_for, instructor, lesson, headers):
    question = generated(lesson, status="draft")
    client = client_for(instructor)
    response = client.post(
        reverse("question_status", args=[question.pk]),
        {"action": "reject", "reason": "boring"},
        headers=headers,
        follow=True,
    )
    assert response.status_code == 200
    assert "Not rejected" in response.text and "boring is not one of the available" in response.text
    question.refresh_from_db()
    assert question.status == "draft" and not QuestionDecision.objects.exists()


def test_editing_a_generated_question_can_say_what_was_wrong(client_for, instructor, lesson):
    question = generated(lesson, status="approved", score=0.55)
    client = client_for(instructor)
    form = client.get(reverse("question_edit", args=[question.pk])).text
    assert "What was wrong with the generated question?" in form
    data = question_post("single_choice", "Reworded?", edit_rows(question), existing=3)
    data.update(reason="needs_context", note="Said 'it' without naming the river.")
    assert client.post(reverse("question_edit", args=[question.pk]), data).status_code == 302
    decision = QuestionDecision.objects.get()
    assert (decision.kind, decision.reason, decision.quality_score) == (
        "edited",
        "needs_context",
        0.55,
    )
    assert decision.note == "Said 'it' without naming the river."
    question.refresh_from_db()
    assert question.edited_at is not None and question.prompt == "Reworded?"


def test_editing_inline_with_htmx_records_the_reason_too(client_for, instructor, lesson):
    question = generated(lesson, status="approved")
    data = question_post("single_choice", "Reworded?", edit_rows(question), existing=3)
    data.update(reason="bad_distractors", inline="1")
    row = client_for(instructor).post(
        reverse("question_edit", args=[question.pk]), data, headers=HTMX
    )
    assert row.text.lstrip().startswith(f'<tr id="question-{question.pk}"')
    assert QuestionDecision.objects.get().reason == "bad_distractors"


def test_authored_questions_are_not_asked_why(client_for, instructor, lesson):
    question = QuestionFactory(lesson=lesson)
    client = client_for(instructor)
    assert "What was wrong" not in client.get(reverse("question_edit", args=[question.pk])).text
    data = question_post("single_choice", "Reworded?", edit_rows(question), existing=3)
    assert client.post(reverse("question_edit", args=[question.pk]), data).status_code == 302
    assert not QuestionDecision.objects.exists()


def test_approving_one_or_many_records_who_approved(client_for, instructor, lesson):
    one, two, three = (generated(lesson, status="draft") for _ in range(3))
    client = client_for(instructor)
    client.post(reverse("question_status", args=[one.pk]), {"action": "approve"})
    client.post(
        reverse("questions_approve", args=[lesson.course.slug, lesson.slug]),
        {"question": [one.pk, two.pk, three.pk]},
    )
    decisions = QuestionDecision.objects.order_by("question_id")
    assert [(d.question_id, d.kind) for d in decisions] == [
        (one.pk, "approved"),
        (two.pk, "approved"),
        (three.pk, "approved"),
    ]
    assert {d.decided_by for d in decisions} == {instructor}


# The course's generation page ---------------------------------------------------------------


def report_url(course):
    return reverse("course_generation", args=[course.slug])


def judge(client, question, action, **reason):
    client.post(reverse("question_status", args=[question.pk]), {"action": action, **reason})


def test_generation_page_shows_acceptance_and_reasons_per_generator(client_for, instructor, lesson):
    client = client_for(instructor)
    cloze = [generated(lesson, "cloze", status="draft") for _ in range(5)]
    choice = [generated(lesson, "multiple_choice", status="approved") for _ in range(3)]
    generated(lesson, "true_false", status="approved")  # auto-approved, never touched
    QuestionFactory(lesson=lesson)  # authored: not a generator's
    judge(client, cloze[0], "approve")
    judge(client, cloze[1], "approve")
    judge(client, cloze[2], "reject", reason="trivial")
    judge(client, cloze[3], "reject", reason="trivial")
    judge(client, choice[0], "reject", reason="bad_distractors")
    data = question_post("single_choice", "Reworded?", edit_rows(choice[1]), existing=3)
    client.post(reverse("question_edit", args=[choice[1].pk]), {**data, "reason": "ambiguous"})

    rows = {
        r.generator: r for r in Question.objects.for_course(lesson.course).acceptance_by_generator()
    }
    assert set(rows) == {"cloze", "multiple_choice", "true_false"}
    c, m, t = rows["cloze"], rows["multiple_choice"], rows["true_false"]
    assert (c.total, c.approved, c.auto_approved, c.edited, c.rejected, c.waiting) == (
        5,
        2,
        0,
        0,
        2,
        1,
    )
    assert c.acceptance_rate == 0.5 and c.reasons == [("Trivial: not worth asking", 2)]
    assert (m.total, m.approved, m.auto_approved, m.edited, m.rejected) == (3, 0, 1, 1, 1)
    assert m.acceptance_rate == 0.0
    assert sorted(m.reasons) == [
        ("Ambiguous: more than one defensible answer", 1),
        ("Bad distractors", 1),
    ]
    assert (t.auto_approved, t.judged, t.acceptance_rate) == (1, 0, None)

    page = client.get(report_url(lesson.course))
    assert page.status_code == 200
    html = page.text
    assert "multiple_choice" in html and "true_false" in html
    assert "50% of 4" in html and "0% of 2" in html
    assert "Trivial: not worth asking: 2" in html and "Bad distractors: 1" in html


@pytest.mark.parametrize("size", [1, 12])
def test_generation_page_runs_a_bounded_number_of_queries(
    client_for, instructor, course, size, django_assert_max_num_queries
):
    client = client_for(instructor)
    for index in range(size):
        lesson = LessonFactory(course=course)
        question = generated(lesson, f"builder_{index % 6}", status="draft")
        judge(client, question, "reject", reason=["trivial", "wrong", "debris"][index % 3])
        judge(client, generated(lesson, f"builder_{index % 6}", status="draft"), "approve")
    with django_assert_max_num_queries(8):
        page = client.get(report_url(course))
    assert page.status_code == 200 and "builder_0" in page.text


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("enrolled", 403),
        ("instructor", 200),
        ("other_instructor", 403),
        ("admin", 200),
    ],
)
def test_only_the_course_instructors_see_the_generation_page(
    client_for, user_for_role, course, role, expected
):
    response = client_for(user_for_role(role)).get(report_url(course))
    assert response.status_code == expected


def test_generation_page_of_a_draft_course_is_404_for_others(client_for, instructor):
    draft = CourseFactory(published=False)
    draft.instructors.add(instructor)
    assert client_for(StudentFactory()).get(report_url(draft)).status_code == 404
    assert client_for(instructor).get(report_url(draft)).status_code == 200


def test_quiz_list_links_to_the_generation_page(client_for, instructor, course):
    page = client_for(instructor).get(reverse("quiz_list", args=[course.slug])).text
    assert f'href="{report_url(course)}"' in page


# Admin ---------------------------------------------------------------------------------------


def test_admin_lists_decisions_and_shows_them_on_the_question(client_for, admin_user, lesson):
    question = generated(lesson, status="draft")
    client = client_for(admin_user)
    judge(client, question, "reject", reason="wrong", note="The Nile flows north.")
    changelist = client.get(
        reverse("admin:quizzes_questiondecision_changelist"), {"reason__exact": "wrong"}
    )
    assert changelist.status_code == 200 and "Wrong: the lesson says otherwise" in changelist.text
    change = client.get(reverse("admin:quizzes_question_change", args=[question.pk]))
    assert change.status_code == 200 and "The Nile flows north." in change.text


def test_admin_approve_action_records_decisions(client_for, admin_user, lesson):
    questions = [generated(lesson, status="draft") for _ in range(2)]
    client_for(admin_user).post(
        reverse("admin:quizzes_question_changelist"),
        {"action": "approve", "_selected_action": [q.pk for q in questions]},
    )
    assert sorted(QuestionDecision.objects.values_list("question_id", "kind")) == [
        (questions[0].pk, "approved"),
        (questions[1].pk, "approved"),
    ]
    assert Question.objects.filter(status="approved").count() == 2


# Labelled examples for calibration -----------------------------------------------------------


def test_feedback_command_exports_one_labelled_example_per_judged_question(
    client_for, instructor, lesson
):
    client = client_for(instructor)
    kept = generated(lesson, "cloze", score=0.8, status="draft")
    dropped = generated(lesson, "multiple_choice", score=0.45, status="draft")
    generated(lesson, "cloze", score=0.9, status="approved")  # auto-approved: no label
    judge(client, kept, "approve")
    judge(client, dropped, "approve")
    judge(client, dropped, "reject", reason="bad_distractors")  # the latest verdict counts
    out, err = io.StringIO(), io.StringIO()
    call_command("generation_feedback", "--course", lesson.course.slug, stdout=out, stderr=err)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [
        (r["question"], r["generator"], r["quality_score"], r["accepted"], r["reason"])
        for r in rows
    ] == [
        (str(kept.pk), "cloze", "0.8", "True", ""),
        (str(dropped.pk), "multiple_choice", "0.45", "False", "bad_distractors"),
    ]
    assert "2 judged questions, 1 kept as generated." in err.getvalue()
    out = io.StringIO()
    call_command(
        "generation_feedback",
        "--course",
        lesson.course.slug,
        "--format",
        "json",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert [e["accepted"] for e in json.loads(out.getvalue())] == [True, False]


def test_feedback_command_suggests_a_threshold_once_there_are_enough_verdicts(
    client_for, instructor, lesson
):
    client = client_for(instructor)
    judge(client, generated(lesson, "cloze", score=0.8, status="draft"), "approve")
    err = io.StringIO()
    call_command(
        "generation_feedback",
        "--course",
        lesson.course.slug,
        "--suggest",
        stdout=io.StringIO(),
        stderr=err,
    )
    assert "Too few verdicts to calibrate: 1 of the 30 needed" in err.getvalue()


def test_feedback_command_refuses_an_unknown_course(db):
    with pytest.raises(CommandError, match="No course with the slug 'nowhere'"):
        call_command("generation_feedback", "--course", "nowhere")
