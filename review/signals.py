"""Review's answers to quizzes' signals: a student's answer feeds their review card, and
ReviewCard.lesson, a copy of each card's question's lesson, keeps in step with the question."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from quizzes.models import Question
from quizzes.signals import question_answered

from .models import ReviewCard
from .services import review_card_record_answer


@receiver(question_answered, dispatch_uid="review_card_from_quiz_answer")
def card_from_quiz_answer(sender, student, question, grade, time_taken_ms, at, **kwargs):
    # The first answer makes the question a card; later ones feed it by review.services' rules.
    review_card_record_answer(
        student=student, question=question, grade=grade, time_taken_ms=time_taken_ms, at=at
    )


@receiver(post_save, sender=Question, dispatch_uid="review_card_lesson_follows_question")
def card_lesson_follows_question(sender, instance, created, raw=False, **kwargs):
    # A new question has no cards; a saved one may have been moved to another lesson.
    if not created and not raw:
        ReviewCard.objects.filter(question=instance).exclude(lesson_id=instance.lesson_id).update(
            lesson_id=instance.lesson_id
        )
