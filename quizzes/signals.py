"""Signals quizzes sends for the apps above it, and its answer to lessons' ``course_imported``."""

from django.dispatch import Signal, receiver

from lessons.signals import course_imported

# Sent inside the answer's transaction when an enrolled student answers a question in a quiz,
# with ``student``, ``question``, ``grade`` (a grading.Grade), ``time_taken_ms`` and ``at``.
question_answered = Signal()


@receiver(course_imported, dispatch_uid="quizzes_generate_after_import")
def generate_after_import(sender, summary, lessons, generate_questions, **kwargs):
    """An imported document's new and changed lessons get their questions (re)generated."""
    if not generate_questions:
        return
    from .services import questions_generate

    result = questions_generate(course=summary.course, lessons=lessons)
    summary.questions_generated = result.created + result.updated
