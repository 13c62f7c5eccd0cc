from django.db import migrations, models

from lessons.parsing import REFERENCE, is_back_matter, markdown_blocks


def mark_back_matter(apps, schema_editor):
    """Lessons imported before kinds existed: back matter by the import's rule, and every
    lesson under it (parents come first in reading order)."""
    Lesson = apps.get_model("lessons", "Lesson")
    reference: set[int] = set()
    for lesson in Lesson.objects.order_by("course_id", "order").iterator():
        if lesson.parent_id in reference or is_back_matter(
            lesson.title, markdown_blocks(lesson.body)
        ):
            reference.add(lesson.pk)
    Lesson.objects.filter(pk__in=reference).update(kind=REFERENCE)


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0006_course_task_result_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="lesson",
            name="kind",
            field=models.CharField(
                choices=[("study", "Lesson"), ("reference", "Reference")],
                default="study",
                help_text="Reference: the document's back matter (references, notes, links), "
                "kept in the course but with no questions and not counted in progress.",
                max_length=10,
            ),
        ),
        migrations.RunPython(mark_back_matter, migrations.RunPython.noop),
    ]
