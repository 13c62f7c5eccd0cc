"""One unfinished attempt per student and quiz. Concurrent starts could open a second one; each
extra unfinished attempt is submitted first (scored as attempt_submit scores), keeping the
latest open, as the quiz page resumed it."""

from django.conf import settings
from django.db import migrations, models


def submit_extra_unfinished_attempts(apps, schema_editor):
    Attempt = apps.get_model("quizzes", "Attempt")
    Response = apps.get_model("quizzes", "Response")
    unfinished = Attempt.objects.filter(submitted_at__isnull=True).order_by(
        "quiz_id", "student_id", "-started_at", "-pk"
    )
    seen = set()
    for attempt in unfinished.iterator():
        key = (attempt.quiz_id, attempt.student_id)
        if key not in seen:
            seen.add(key)
            continue
        marks = dict(
            Response.objects.filter(attempt=attempt).values_list("question_id", "mark")
        )
        count = len(attempt.question_ids)
        total = sum(marks.get(pk, 0.0) for pk in attempt.question_ids)
        attempt.score = min(1.0, max(0.0, total / count)) if count else 0.0
        last = Response.objects.filter(attempt=attempt).order_by("-answered_at").first()
        attempt.submitted_at = last.answered_at if last else attempt.started_at
        attempt.save(update_fields=["score", "submitted_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0005_sibling_key_by_sentence_start"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(submit_extra_unfinished_attempts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="attempt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("submitted_at__isnull", True)),
                fields=("quiz", "student"),
                name="one_unfinished_attempt_per_quiz",
            ),
        ),
    ]
