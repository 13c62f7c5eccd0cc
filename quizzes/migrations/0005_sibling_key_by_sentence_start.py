"""Generated questions are siblings when their sentences start at the same place in the lesson
(a list question quotes its lead-in with or without the items): refill their keys."""

import hashlib

from django.db import migrations


def sibling_key_for(sentence, lesson_id=None, start=None):
    # A frozen copy of quizzes.models.sibling_key_for, so this migration never changes meaning.
    if lesson_id is not None and start is not None:
        return hashlib.sha256(f"lesson {lesson_id} at {start}".encode()).hexdigest()[:32]
    text = " ".join(sentence.split()).casefold()
    return hashlib.sha256(text.encode()).hexdigest()[:32] if text else ""


def refill_sibling_keys(apps, schema_editor):
    Question = apps.get_model("quizzes", "Question")
    batch = []
    questions = Question.objects.filter(source_start__isnull=False).only(
        "pk", "lesson_id", "source_start", "source_sentence"
    )
    for question in questions.iterator(2000):
        question.sibling_key = sibling_key_for(
            question.source_sentence, question.lesson_id, question.source_start
        )
        batch.append(question)
        if len(batch) >= 2000:
            Question.objects.bulk_update(batch, ["sibling_key"])
            batch = []
    Question.objects.bulk_update(batch, ["sibling_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0004_question_decision"),
    ]

    operations = [
        migrations.RunPython(refill_sibling_keys, migrations.RunPython.noop, elidable=True),
    ]
