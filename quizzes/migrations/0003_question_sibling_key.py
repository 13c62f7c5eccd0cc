"""Questions drawn from the same source sentence are siblings: store the key they share, and fill
it for the questions already there."""

import hashlib

from django.db import migrations, models


def sibling_key_for(sentence: str) -> str:
    # A frozen copy of quizzes.models.sibling_key_for, so this migration never changes meaning.
    text = " ".join(sentence.split()).casefold()
    return hashlib.sha256(text.encode()).hexdigest()[:32] if text else ""


def fill_sibling_keys(apps, schema_editor):
    Question = apps.get_model("quizzes", "Question")
    batch = []
    for question in (
        Question.objects.exclude(source_sentence="").only("pk", "source_sentence").iterator(2000)
    ):
        question.sibling_key = sibling_key_for(question.source_sentence)
        batch.append(question)
        if len(batch) >= 2000:
            Question.objects.bulk_update(batch, ["sibling_key"])
            batch = []
    Question.objects.bulk_update(batch, ["sibling_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0002_question_exchange_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="sibling_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="Shared by questions drawn from the same source sentence "
                "(sibling_key_for).",
                max_length=32,
            ),
        ),
        migrations.RunPython(fill_sibling_keys, migrations.RunPython.noop, elidable=True),
    ]
