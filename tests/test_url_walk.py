"""Every URL pattern × every role × GET and POST answers as this table intends, and a refused
POST changes nothing in the database. A new URL pattern fails here until it joins the table."""

import logging
import os

import pytest

from tests.walk import ROLES, clients, database_rows, fill, relogin, seed, undone, url_names

pytestmark = pytest.mark.django_db

# Status per (URL name, method): one code for every role, or one per role in ROLES order
# (anonymous, outsider, enrolled, other_instructor, instructor, admin). Requests carry no form
# data: 302 for anonymous is the log-in redirect; a student is 403 on a course they may see but
# not teach, 404 where the page would reveal something (results, another's attempt); an
# instructor's 404 on a bare POST is a missing question type, action or direction.
EXPECTED = {
    ("admin:index", "get"): (302, 302, 302, 302, 302, 200),
    ("admin:index", "post"): (302, 302, 302, 302, 302, 200),
    ("attempt_detail", "get"): (302, 404, 302, 404, 404, 404),
    ("attempt_detail", "post"): 405,
    ("attempt_finish", "get"): 405,
    ("attempt_finish", "post"): (302, 404, 302, 404, 404, 404),
    ("attempt_question", "get"): (302, 404, 200, 404, 404, 404),
    ("attempt_question", "post"): (302, 404, 200, 404, 404, 404),
    ("course_detail", "get"): 200,
    ("course_detail", "post"): 405,
    ("course_enrol", "get"): 405,
    ("course_enrol", "post"): 302,
    ("course_generation", "get"): (302, 403, 403, 403, 200, 200),
    ("course_generation", "post"): 405,
    ("course_import", "get"): (302, 403, 403, 200, 200, 200),
    ("course_import", "post"): (302, 403, 403, 200, 200, 200),
    ("course_outline", "get"): (302, 403, 403, 403, 200, 200),
    ("course_outline", "post"): 405,
    ("course_publish", "get"): 405,
    ("course_publish", "post"): (302, 403, 403, 403, 302, 302),
    ("course_task_retry", "get"): 405,
    ("course_task_retry", "post"): (302, 403, 403, 403, 302, 302),
    ("course_tasks", "get"): (302, 403, 403, 403, 200, 200),
    ("course_tasks", "post"): 405,
    ("dashboard", "get"): (302, 200, 200, 200, 200, 200),
    ("dashboard", "post"): 405,
    ("favicon.ico", "get"): 301,
    ("favicon.ico", "post"): 405,
    ("generation_settings", "get"): 405,
    ("generation_settings", "post"): (302, 403, 403, 403, 302, 302),
    ("gift_export", "get"): (302, 403, 403, 403, 200, 200),
    ("gift_export", "post"): 405,
    ("gift_import", "get"): (302, 403, 403, 403, 200, 200),
    ("gift_import", "post"): (302, 403, 403, 403, 200, 200),
    ("healthz", "get"): 200,
    ("healthz", "post"): 405,
    ("home", "get"): 200,
    ("home", "post"): 405,
    ("lesson_detail", "get"): (302, 403, 200, 403, 200, 200),
    ("lesson_detail", "post"): 405,
    ("lesson_edit", "get"): 405,
    ("lesson_edit", "post"): (302, 403, 403, 403, 302, 302),
    ("lesson_mark_read", "get"): 405,
    ("lesson_mark_read", "post"): (302, 403, 302, 403, 403, 403),
    ("lesson_practice", "get"): (302, 403, 302, 403, 302, 302),
    ("lesson_practice", "post"): 405,
    ("login", "get"): 200,
    ("login", "post"): 200,
    ("logout", "get"): 405,
    ("logout", "post"): 302,
    ("password_change", "get"): (302, 200, 200, 200, 200, 200),
    ("password_change", "post"): (302, 200, 200, 200, 200, 200),
    ("password_change_done", "get"): (302, 200, 200, 200, 200, 200),
    ("password_change_done", "post"): (302, 405, 405, 405, 405, 405),
    ("password_reset", "get"): 200,
    ("password_reset", "post"): 200,
    ("password_reset_complete", "get"): 200,
    ("password_reset_complete", "post"): 405,
    ("password_reset_confirm", "get"): 200,
    ("password_reset_confirm", "post"): 200,
    ("password_reset_done", "get"): 200,
    ("password_reset_done", "post"): 405,
    ("question_create", "get"): (302, 403, 403, 403, 200, 200),
    ("question_create", "post"): (302, 403, 403, 403, 422, 422),
    ("question_edit", "get"): (302, 403, 403, 403, 200, 200),
    ("question_edit", "post"): (302, 403, 403, 403, 422, 422),
    ("question_list", "get"): (302, 403, 403, 403, 200, 200),
    ("question_list", "post"): 405,
    ("question_move", "get"): 405,
    ("question_move", "post"): (302, 403, 403, 403, 404, 404),
    ("question_preview", "get"): 405,
    ("question_preview", "post"): (302, 403, 403, 403, 404, 404),
    ("question_status", "get"): 405,
    ("question_status", "post"): (302, 403, 403, 403, 404, 404),
    ("questions_approve", "get"): 405,
    ("questions_approve", "post"): (302, 403, 403, 403, 302, 302),
    ("questions_generate", "get"): 405,
    ("questions_generate", "post"): (302, 403, 403, 403, 302, 302),
    ("quiz_create", "get"): (302, 403, 403, 403, 200, 200),
    ("quiz_create", "post"): (302, 403, 403, 403, 200, 200),
    ("quiz_detail", "get"): (302, 403, 200, 403, 200, 200),
    ("quiz_detail", "post"): 405,
    ("quiz_edit", "get"): (302, 403, 403, 403, 200, 200),
    ("quiz_edit", "post"): (302, 403, 403, 403, 200, 200),
    ("quiz_list", "get"): (302, 403, 403, 403, 200, 200),
    ("quiz_list", "post"): 405,
    ("quiz_start", "get"): 405,
    ("quiz_start", "post"): (302, 403, 302, 403, 302, 302),
    ("results_gradebook", "get"): (302, 404, 404, 404, 200, 200),
    ("results_gradebook", "post"): 405,
    ("results_gradebook_csv", "get"): (302, 404, 404, 404, 200, 200),
    ("results_gradebook_csv", "post"): 405,
    ("results_items", "get"): (302, 404, 404, 404, 200, 200),
    ("results_items", "post"): 405,
    ("results_items_csv", "get"): (302, 404, 404, 404, 200, 200),
    ("results_items_csv", "post"): 405,
    ("results_lessons_csv", "get"): (302, 404, 404, 404, 200, 200),
    ("results_lessons_csv", "post"): 405,
    ("results_questions_csv", "get"): (302, 404, 404, 404, 200, 200),
    ("results_questions_csv", "post"): 405,
    ("results_responses_csv", "get"): (302, 404, 404, 404, 200, 200),
    ("results_responses_csv", "post"): 405,
    ("results_student", "get"): (302, 404, 404, 404, 200, 200),
    ("results_student", "post"): 405,
    ("results_student_csv", "get"): (302, 404, 404, 404, 200, 200),
    ("results_student_csv", "post"): 405,
    ("review_answer", "get"): 405,
    ("review_answer", "post"): (302, 404, 404, 404, 404, 404),
    ("review_continue", "get"): 405,
    ("review_continue", "post"): 302,
    ("review_course", "get"): (302, 403, 403, 403, 200, 200),
    ("review_course", "post"): (302, 403, 403, 403, 200, 200),
    ("review_export_history_csv", "get"): (302, 200, 200, 200, 200, 200),
    ("review_export_history_csv", "post"): 405,
    ("review_export_json", "get"): (302, 200, 200, 200, 200, 200),
    ("review_export_json", "post"): 405,
    ("review_export_progress_csv", "get"): (302, 200, 200, 200, 200, 200),
    ("review_export_progress_csv", "post"): 405,
    ("review_rate", "get"): 405,
    ("review_rate", "post"): 302,
    ("review_session", "get"): (302, 200, 200, 200, 200, 200),
    ("review_session", "post"): 405,
    ("review_settings", "get"): (302, 200, 200, 200, 200, 200),
    ("review_settings", "post"): (302, 200, 200, 200, 200, 200),
    ("signup", "get"): (200, 302, 302, 302, 302, 302),
    ("signup", "post"): (200, 302, 302, 302, 302, 302),
}


def _send(client, method: str, url: str, seed_rows: dict) -> tuple[int, bool]:
    """The status, and whether a refused POST changed the database (rolled back after)."""

    def send():
        response = getattr(client, method)(url)
        refused = response.status_code in {400, 403, 404, 405}
        changed = method == "post" and refused and database_rows() != seed_rows
        return response.status_code, changed

    return undone(send)


def _walk():
    s = seed()
    by_role = clients(s)
    # Every request is rolled back, so the database before each one is the seed.
    seed_rows = database_rows()
    seen, refused_changes = {}, []
    urls = [(name, fill(name, s)) for name, _ in url_names()] + [("admin:index", "/admin/")]
    for name, url in urls:
        for method in ("get", "post"):
            statuses = []
            for role in ROLES:
                status, changed = _send(by_role[role], method, url, seed_rows)
                statuses.append(status)
                if changed:
                    refused_changes.append(f"POST {name} as {role}")
                if name == "logout":
                    relogin(by_role[role], s.users[role])
                    seed_rows = database_rows()  # its log-in time changed
            seen[(name, method)] = statuses[0] if len(set(statuses)) == 1 else tuple(statuses)
    return seen, refused_changes


def test_every_url_answers_each_role_as_intended():
    logging.disable(logging.ERROR)  # each refusal would log its traceback
    try:
        seen, refused_changes = _walk()
    finally:
        logging.disable(logging.NOTSET)
    if os.environ.get("TUTOR_PRINT_WALK"):
        for (name, method), statuses in sorted(seen.items()):
            print(f"    ({name!r}, {method!r}): {statuses},")
    assert not refused_changes
    assert seen == EXPECTED
