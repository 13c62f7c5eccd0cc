"""Keeps ReviewCard.lesson, a copy of each card's question's lesson, in step with the question."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from quizzes.models import Question

from .models import ReviewCard


@receiver(post_save, sender=Question, dispatch_uid="review_card_lesson_follows_question")
def card_lesson_follows_question(sender, instance, created, raw=False, **kwargs):
    # A new question has no cards; a saved one may have been moved to another lesson.
    if not created and not raw:
        ReviewCard.objects.filter(question=instance).exclude(lesson_id=instance.lesson_id).update(
            lesson_id=instance.lesson_id
        )
