import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_question_lessons(apps, schema_editor):
    ReviewCard = apps.get_model("review", "ReviewCard")
    Question = apps.get_model("quizzes", "Question")
    ReviewCard.objects.update(
        lesson_id=Subquery(Question.objects.filter(pk=OuterRef("question_id")).values("lesson_id")[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ("lessons", "0003_lesson_level_hash_archive"),
        ("quizzes", "0002_question_exchange_fields"),
        ("review", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewcard",
            name="lesson",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="review_cards",
                to="lessons.lesson",
            ),
        ),
        migrations.RunPython(copy_question_lessons, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reviewcard",
            name="lesson",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="review_cards",
                to="lessons.lesson",
            ),
        ),
        migrations.AddIndex(
            model_name="reviewcard",
            index=models.Index(
                fields=["student", "lesson", "due", "last_review", "stability", "is_leech"],
                name="review_card_student_lesson",
            ),
        ),
    ]
