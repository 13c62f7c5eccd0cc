"""Forms for a student's review preferences and a course's scheduler settings."""

from django import forms

from .models import CourseReviewSettings, StudentReviewSettings


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
