"""Forms for a student's review preferences, a course's scheduler settings, and what a review
session's requests carry (a lesson, a question, a rating)."""

from django import forms

from tutor.forms import IdField

from .models import CourseReviewSettings, RatingChoice, StudentReviewSettings


class StudentReviewSettingsForm(forms.ModelForm):
    class Meta:
        model = StudentReviewSettings
        fields = ["self_rating", "new_cards_per_day", "reviews_per_day", "desired_retention"]
        widgets = {"desired_retention": forms.NumberInput(attrs={"step": "0.01"})}


class CourseReviewSettingsForm(forms.ModelForm):
    class Meta:
        model = CourseReviewSettings
        fields = ["desired_retention", "maximum_interval", "learning_steps", "relearning_steps"]
        widgets = {"desired_retention": forms.NumberInput(attrs={"step": "0.01"})}


class ReviewFocusForm(forms.Form):
    """The lesson a review session is narrowed to (``?lesson=``), if any."""

    lesson = IdField(required=False)


class ReviewAnswerForm(forms.Form):
    """Which question an answer is for, and how many reviews its card had when it was shown
    (so one showing counts once); the answer itself is read by quizzes.answering."""

    question = IdField()
    reviews = forms.IntegerField(
        min_value=0, max_value=2**31 - 1, required=False, widget=forms.HiddenInput
    )


class ReviewRatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=RatingChoice.choices,
        coerce=int,
        error_messages={
            "invalid_choice": "Choose Again, Hard, Good or Easy.",
            "required": "Choose Again, Hard, Good or Easy.",
        },
    )
