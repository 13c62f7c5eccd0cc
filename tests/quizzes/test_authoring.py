import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Question, Quiz, Response
from quizzes.services import attempt_start, response_record
from tests.factories import QuestionFactory
from tests.quizzes.conftest import make_question

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def list_url(lesson):
    return reverse("question_list", args=[lesson.course.slug, lesson.slug])


def create_url(lesson, type_="single_choice"):
    return reverse("question_create", args=[lesson.course.slug, lesson.slug]) + f"?type={type_}"


def question_post(type_, prompt, rows, existing=0, **fields):
    """POST data for the question form and its choices formset."""
    data = {
        "type": type_,
        "title": "",
        "prompt": prompt,
        "general_feedback": fields.get("general_feedback", ""),
        "source_sentence": "",
        "typo_tolerance": fields.get("typo_tolerance", 0),
        "choices-TOTAL_FORMS": len(rows),
        "choices-INITIAL_FORMS": existing,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"choices-{index}-{key}"] = value
    return data


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
def test_authoring_permissions_for_every_role(client_for, user_for_role, lesson, role, expected):
    question = QuestionFactory(lesson=lesson, status="draft")
    client = client_for(user_for_role(role))
    slug = (lesson.course.slug, lesson.slug)
    assert client.get(list_url(lesson)).status_code == expected
    assert client.get(create_url(lesson)).status_code == expected
    assert client.get(reverse("question_edit", args=[question.pk])).status_code == expected
    preview = client.post(
        reverse("question_preview", args=slug), question_post("short_answer", "Q?", [])
    )
    assert preview.status_code == expected
    changed = expected == 200
    status = client.post(reverse("question_status", args=[question.pk]), {"action": "approve"})
    assert status.status_code == (302 if changed else expected)
    question.refresh_from_db()
    assert (question.status == "approved") == changed
    bulk = client.post(reverse("questions_approve", args=slug), {"question": [question.pk]})
    assert bulk.status_code == (302 if changed else expected)
    move = client.post(reverse("question_move", args=[question.pk]), {"direction": "up"})
    assert move.status_code == (302 if changed else expected)
    created = client.post(
        create_url(lesson, "short_answer"),
        question_post("short_answer", "New?", [{"text": "Yes", "weight": 1}]),
    )
    assert created.status_code == (302 if changed else expected)
    assert Question.objects.filter(prompt="New?").exists() == changed


def test_unpublished_course_questions_are_404_for_outsiders(client_for, student, lesson):
    lesson.course.published = False
    lesson.course.save()
    assert client_for(student).get(list_url(lesson)).status_code == 404


def test_list_filters_by_type_origin_and_status(client_for, instructor, lesson):
    QuestionFactory(lesson=lesson, prompt="Approved choice?")
    QuestionFactory(lesson=lesson, prompt="Generated draft?", status="draft", origin="generated")
    make_question(lesson, "short_answer", "Typed?", [{"text": "x", "weight": 1}], status="retired")
    client = client_for(instructor)

    def prompts(query):
        return {str(q) for q in client.get(list_url(lesson) + query).context["questions"]}

    assert prompts("") == {"Approved choice?", "Generated draft?", "Typed?"}
    assert prompts("?status=draft") == {"Generated draft?"}
    assert prompts("?origin=authored") == {"Approved choice?", "Typed?"}
    assert prompts("?type=short_answer&status=retired") == {"Typed?"}
    htmx = client.get(list_url(lesson) + "?status=draft", headers=HTMX)
    assert htmx.text.lstrip().startswith('<div id="question-table">')
    assert "Generated draft?" in htmx.text and "Typed?" not in htmx.text


CREATIONS = [
    (
        "single_choice",
        "Which is a river?",
        [{"text": "Nile", "weight": 1, "feedback": "Yes"}, {"text": "Alps", "weight": 0}],
    ),
    (
        "multiple_response",
        "Which are rivers?",
        [
            {"text": "Nile", "weight": 0.5},
            {"text": "Rhine", "weight": 0.5},
            {"text": "Alps", "weight": -1},
        ],
    ),
    (
        "true_false",
        "The Nile is a river.",
        [{"text": "True", "weight": 1}, {"text": "False", "weight": 0}],
    ),
    ("short_answer", "Longest river?", [{"text": "Nile", "weight": 1}]),
    (
        "cloze",
        "The _____ is in _____.",
        [{"blank": 1, "text": "Nile", "weight": 1}, {"blank": 2, "text": "Africa", "weight": 1}],
    ),
    ("numerical", "Year?", [{"numeric_value": 1822, "tolerance": 2, "weight": 1}]),
    (
        "matching",
        "Match.",
        [{"text": "Nile", "match_text": "Africa"}, {"text": "Rhine", "match_text": "Europe"}],
    ),
]


@pytest.mark.parametrize("type_,prompt,rows", CREATIONS)
def test_instructor_creates_every_type(client_for, instructor, lesson, type_, prompt, rows):
    client = client_for(instructor)
    page = client.get(create_url(lesson, type_))
    assert page.status_code == 200 and 'id="question-preview-new"' in page.text
    blank_row = dict.fromkeys(rows[0], "")
    response = client.post(
        create_url(lesson, type_), question_post(type_, prompt, [*rows, blank_row])
    )
    assert response.status_code == 302, response.context and response.context["choice_errors"]
    question = Question.objects.get(prompt=prompt)
    assert question.type == type_ and question.status == "draft" and question.origin == "authored"
    assert question.author == instructor and len(question.ordered_choices()) == len(rows)
    assert (
        not question.grade(
            {
                "single_choice": question.ordered_choices()[0].pk,
                "true_false": "true",
                "multiple_response": [c.pk for c in question.ordered_choices()[:2]],
                "short_answer": "nile",
                "cloze": ["nile", "africa"],
                "numerical": "1823",
                "matching": {str(c.pk): c.match_text for c in question.ordered_choices()},
            }[type_]
        ).mark
        < 1
    )


@pytest.mark.parametrize(
    "type_,prompt,rows,field,message",
    [
        (
            "single_choice",
            "",
            [{"text": "A", "weight": 1}, {"text": "B", "weight": 0}],
            "prompt",
            "This field is required.",
        ),
        ("short_answer", "   ", [{"text": "A", "weight": 1}], "prompt", "required"),
        (
            "single_choice",
            "Q?",
            [{"text": "A", "weight": 0}, {"text": "B", "weight": 0}],
            "choices",
            "Mark at least one choice as correct.",
        ),
        ("single_choice", "Q?", [{"text": "A", "weight": 1}], "choices", "at least two choices"),
        (
            "cloze",
            "No blanks here",
            [{"blank": 1, "text": "x", "weight": 1}],
            "prompt",
            "Mark each blank",
        ),
        ("short_answer", "Q?", [{"text": "A", "weight": 1}], "typo_tolerance", "between 0 and 3"),
        ("matching", "Q?", [{"text": "A", "match_text": "B"}], "choices", "at least two pairs"),
    ],
)
def test_validation_errors_show_next_to_the_field(
    client_for, instructor, lesson, type_, prompt, rows, field, message
):
    extra = {"typo_tolerance": 5} if field == "typo_tolerance" else {}
    response = client_for(instructor).post(
        create_url(lesson, type_), question_post(type_, prompt, rows, **extra)
    )
    assert response.status_code == 422 and not Question.objects.exists()
    if field == "choices":
        assert any(message in m for m in response.context["choice_errors"])
        assert 'id="choice-errors"' in response.text
    else:
        assert any(message in m for m in response.context["form"].errors[field])
    assert message in response.text


def edit_rows(question):
    return [
        {
            "id": c.pk,
            "question": question.pk,
            "text": c.text,
            "weight": c.weight,
            "feedback": c.feedback,
        }
        for c in question.ordered_choices()
    ]


def test_editing_an_answered_question_bumps_its_version(
    client_for, instructor, enrolled_student, lesson
):
    question = QuestionFactory(lesson=lesson, prompt="Old wording?")
    attempt = attempt_start(
        quiz=Quiz.practice_for(lesson), student=enrolled_student, at=timezone.now()
    )
    right = question.ordered_choices()[0]
    response_record(attempt=attempt, question=question, answer=right.pk, at=timezone.now())
    rows = edit_rows(question)
    rows[0]["weight"], rows[1]["weight"] = 0, 1
    rows[2]["DELETE"] = "on"
    client = client_for(instructor)
    assert "saving makes version 2" in client.get(reverse("question_edit", args=[question.pk])).text
    result = client.post(
        reverse("question_edit", args=[question.pk]),
        question_post("single_choice", "New wording?", rows, existing=3),
    )
    assert result.status_code == 302
    question.refresh_from_db()
    assert question.version == 2 and question.prompt == "New wording?"
    assert len(question.ordered_choices()) == 2
    old = Response.objects.get()
    assert old.mark == 1 and old.question_version == 1
    snapshot = question.versions.get(number=1).snapshot
    assert snapshot["prompt"] == "Old wording?" and len(snapshot["choices"]) == 3
    # The student's finished attempt still shows what they answered, as it was.
    page = client_for(enrolled_student).get(reverse("attempt_question", args=[attempt.pk, 1])).text
    assert "Old wording?" in page and "Right" in page


def test_editing_a_generated_question_records_the_edit(client_for, instructor, lesson):
    question = QuestionFactory(lesson=lesson, origin="generated")
    response = client_for(instructor).post(
        reverse("question_edit", args=[question.pk]),
        question_post("single_choice", "Reworded?", edit_rows(question), existing=3),
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.edited_at is not None and question.version == 1


def test_preview_renders_the_unsaved_question(client_for, instructor, lesson):
    data = question_post(
        "cloze", "The _____ flows north.", [{"blank": 1, "text": "Nile", "weight": 1}]
    )
    response = client_for(instructor).post(
        reverse("question_preview", args=[lesson.course.slug, lesson.slug]), data, headers=HTMX
    )
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<section id="question-preview-new"')
    assert 'aria-label="Blank 1"' in html and "Nile" in html
    assert not Question.objects.exists()
    bad = client_for(instructor).post(
        reverse("question_preview", args=[lesson.course.slug, lesson.slug]),
        question_post("single_choice", "Q?", [{"text": "A", "weight": 0}]),
        headers=HTMX,
    )
    assert "Mark at least one choice as correct." in bad.text


def test_review_actions_with_and_without_htmx(client_for, instructor, lesson):
    question = QuestionFactory(lesson=lesson, status="draft")
    client = client_for(instructor)
    url = reverse("question_status", args=[question.pk])
    row = client.post(url, {"action": "approve"}, headers=HTMX)
    assert row.text.lstrip().startswith(f'<tr id="question-{question.pk}"')
    assert "Approved" in row.text
    assert client.post(url, {"action": "retire"}).status_code == 302
    question.refresh_from_db()
    assert question.status == "retired"
    client.post(url, {"action": "reject"})
    question.refresh_from_db()
    assert question.status == "rejected"
    assert client.post(url, {"action": "delete"}).status_code == 404


def test_invalid_question_cannot_be_approved(client_for, instructor, lesson):
    broken = QuestionFactory(lesson=lesson, status="draft", choices=[("Only", 1.0)])
    fine = QuestionFactory(lesson=lesson, status="draft")
    client = client_for(instructor)
    client.post(reverse("question_status", args=[broken.pk]), {"action": "approve"})
    response = client.post(
        reverse("questions_approve", args=[lesson.course.slug, lesson.slug]),
        {"question": [broken.pk, fine.pk]},
        follow=True,
    )
    assert "Approved 1 question." in response.text and "Not approved" in response.text
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.status == "draft" and fine.status == "approved"


def test_bulk_approve_only_touches_this_lesson(client_for, instructor, lesson):
    mine = [QuestionFactory(lesson=lesson, status="draft") for _ in range(3)]
    elsewhere = QuestionFactory(status="draft")
    client_for(instructor).post(
        reverse("questions_approve", args=[lesson.course.slug, lesson.slug]),
        {"question": [q.pk for q in mine[:2]] + [elsewhere.pk]},
    )
    statuses = {q.pk: q.status for q in Question.objects.all()}
    assert [statuses[q.pk] for q in mine] == ["approved", "approved", "draft"]
    assert statuses[elsewhere.pk] == "draft"


def test_reorder_moves_up_and_down(client_for, instructor, lesson):
    a, b, c = (QuestionFactory(lesson=lesson, order=i, prompt=p) for i, p in enumerate("ABC"))
    client = client_for(instructor)

    def order():
        return [str(q) for q in Question.objects.for_lesson(lesson).in_order()]

    client.post(reverse("question_move", args=[c.pk]), {"direction": "up"})
    assert order() == ["A", "C", "B"]
    table = client.post(reverse("question_move", args=[a.pk]), {"direction": "down"}, headers=HTMX)
    assert order() == ["C", "A", "B"]
    assert table.text.lstrip().startswith('<div id="question-table">')
    client.post(reverse("question_move", args=[c.pk]), {"direction": "up"})  # already first
    assert order() == ["C", "A", "B"]


@pytest.mark.parametrize("size", [5, 50])
def test_question_list_runs_a_bounded_number_of_queries(
    client_for, instructor, lesson, size, django_assert_max_num_queries
):
    for _ in range(size):
        QuestionFactory(lesson=lesson, status="draft")
    client = client_for(instructor)
    with django_assert_max_num_queries(10):
        assert client.get(list_url(lesson)).status_code == 200
    question = Question.objects.first()
    with django_assert_max_num_queries(12):
        assert client.get(reverse("question_edit", args=[question.pk])).status_code == 200


def test_inline_edit_in_the_list_with_htmx(client_for, instructor, lesson):
    question = QuestionFactory(lesson=lesson, prompt="Before?")
    client = client_for(instructor)
    url = reverse("question_edit", args=[question.pk])
    assert f'hx-get="{url}"' in client.get(list_url(lesson)).text
    editor = client.get(url, headers=HTMX)
    assert editor.text.lstrip().startswith(f'<tr id="question-{question.pk}" class="editor-row"')
    assert 'name="inline"' in editor.text and f'id="question-preview-{question.pk}"' in editor.text
    rows = edit_rows(question)
    invalid = client.post(
        url,
        {
            **question_post("single_choice", "After?", [{**r, "weight": 0} for r in rows], 3),
            "inline": "1",
        },
        headers=HTMX,
    )
    assert invalid.status_code == 200 and "Mark at least one choice as correct." in invalid.text
    assert invalid.text.lstrip().startswith(f'<tr id="question-{question.pk}" class="editor-row"')
    saved = client.post(
        url, {**question_post("single_choice", "After?", rows, 3), "inline": "1"}, headers=HTMX
    )
    assert saved.text.lstrip().startswith(f'<tr id="question-{question.pk}">')
    assert "After?" in saved.text
    question.refresh_from_db()
    assert question.prompt == "After?"


def test_new_question_form_shows_no_errors_before_anything_is_typed(client_for, instructor, lesson):
    page = client_for(instructor).get(create_url(lesson)).text
    assert "Write the question." not in page
    assert 'class="errorlist' not in page
    # Each choice input has its own label, not only a column header.
    assert '<label class="visually-hidden" for="id_choices-0-text">Text, row 1</label>' in page


def test_question_table_cells_are_labelled_for_narrow_screens(client_for, instructor, lesson):
    QuestionFactory(lesson=lesson)
    page = client_for(instructor).get(list_url(lesson)).text
    assert 'class="question-table stack-table"' in page
    assert 'data-label="Status"' in page


def test_blank_marker_hint_only_on_fill_in_the_blanks(client_for, instructor, lesson):
    client = client_for(instructor)
    assert "mark each blank" in client.get(create_url(lesson, "cloze")).text
    assert "mark each blank" not in client.get(create_url(lesson, "matching")).text


def test_accepted_answers_start_at_full_marks(client_for, instructor, lesson):
    client = client_for(instructor)
    form = client.get(create_url(lesson, "short_answer")).context["formset"].forms[0]
    assert form["weight"].value() == 1.0
    # As the page sends it: the offered weight kept on two answers, one left empty, a spare row.
    spare = {"text": "", "weight": "1.0", "feedback": ""}
    rows = [{"text": "oxygen", "weight": "1.0"}, {"text": "O2", "weight": ""}, spare]
    response = client.post(
        create_url(lesson, "short_answer"), question_post("short_answer", "Gas we breathe?", rows)
    )
    assert response.status_code == 302
    question = Question.objects.get(prompt="Gas we breathe?")
    assert [(c.text, c.weight) for c in question.ordered_choices()] == [
        ("oxygen", 1.0),
        ("O2", 1.0),
    ]
    assert question.grade("O2").mark == 1.0


def test_blanks_are_numbered_from_one(client_for, instructor, lesson):
    question = make_question(
        lesson,
        "cloze",
        "The _____ flows into the _____ Sea.",
        [
            {"text": "Nile", "weight": 1, "blank": 0},
            {"text": "Mediterranean", "weight": 1, "blank": 1},
        ],
    )
    client = client_for(instructor)
    page = client.get(reverse("question_edit", args=[question.pk]))
    assert [form["blank"].value() for form in page.context["formset"].forms[:2]] == [1, 2]
    assert "blank 1 is the first" in page.text
    rows = [
        {"id": c.pk, "blank": c.blank + 1, "text": c.text, "weight": 1}
        for c in question.ordered_choices()
    ]
    rows[1]["text"] = "Med"
    rows[1]["blank"] = 2
    response = client.post(
        reverse("question_edit", args=[question.pk]),
        question_post("cloze", question.prompt, rows, existing=2),
    )
    assert response.status_code == 302
    assert [(c.text, c.blank) for c in question.ordered_choices()] == [("Nile", 0), ("Med", 1)]
    assert question.grade(["nile", "med"]).mark == 1.0


def test_list_shows_whole_prompts_answers_and_quality(
    client_for, instructor, lesson, django_assert_max_num_queries
):
    stem = "Which of these rivers, all of them long and all of them crossing several countries, "
    QuestionFactory(
        lesson=lesson,
        prompt=stem + "ends in the Black Sea?",
        quality_score=0.81,
        choices=[("Danube", 1.0), ("Rhine", 0.0)],
    )
    QuestionFactory(
        lesson=lesson,
        prompt=stem + "ends in the North Sea?",
        choices=[("Rhine", 1.0), ("Danube", 0.0)],
    )
    client = client_for(instructor)
    client.get(list_url(lesson))  # warm the session and the lesson's caches
    with django_assert_max_num_queries(12):
        page = client.get(list_url(lesson)).text
    assert stem + "ends in the Black Sea?" in page and stem + "ends in the North Sea?" in page
    assert "Answer: <strong>Danube</strong>" in page and "Answer: <strong>Rhine</strong>" in page
    assert "Quality 0.81" in page
    # Elsewhere a question is named by its prompt cut at a word, never inside one.
    prompt = stem + "ends in the Black Sea?"
    named = str(Question.objects.get(quality_score=0.81))
    assert named.endswith(" …") and prompt.startswith(named[:-2])
    assert named[:-2].split()[-1] in prompt.split()
