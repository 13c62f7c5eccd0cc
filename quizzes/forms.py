"""Forms for authoring questions (a question form plus a choices formset per type), quizzes,
a course's generation settings and GIFT imports."""

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory

from lessons.models import Course, Lesson
from tutor.forms import IdField, IdListField, IdModelChoiceField, IdModelMultipleChoiceField

from . import grading
from .models import (
    Choice,
    Origin,
    Question,
    QuestionType,
    Quiz,
    RejectionReason,
    Selection,
    Status,
)

# Which choice columns each type uses; the rest keep their defaults.
CHOICE_FIELDS_BY_TYPE = {
    grading.SINGLE_CHOICE: ("text", "weight", "feedback"),
    grading.MULTIPLE_RESPONSE: ("text", "weight", "feedback"),
    grading.TRUE_FALSE: ("text", "weight", "feedback"),
    grading.SHORT_ANSWER: ("text", "weight", "feedback"),
    grading.CLOZE: ("blank", "text", "weight", "feedback"),
    grading.NUMERICAL: ("numeric_value", "tolerance", "weight", "feedback"),
    grading.MATCHING: ("text", "match_text"),
}

# Types whose every row is an accepted answer: a new row starts at full marks.
ACCEPTED_ANSWER_TYPES = {grading.SHORT_ANSWER, grading.CLOZE, grading.NUMERICAL}

CHOICE_LABELS = {
    grading.SINGLE_CHOICE: "Choices (weight 1 = right, 0 = wrong)",
    grading.MULTIPLE_RESPONSE: "Choices (right weights add up to 1; wrong ones may be negative)",
    grading.TRUE_FALSE: "True and False (weight 1 on the right one)",
    grading.SHORT_ANSWER: "Accepted answers (weight 1 = full marks, less for partial credit)",
    grading.CLOZE: "Accepted answers per blank (blank 1 is the first)",
    grading.NUMERICAL: "Accepted values with tolerance",
    grading.MATCHING: "Pairs: item → its match",
}


def reason_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=[("", "No reason given"), *RejectionReason.choices], required=False, label=label
    )


def note_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=500,
        label="Note (optional)",
        widget=forms.TextInput(attrs={"placeholder": "What an instructor would want to know"}),
    )


class QuestionDecisionForm(forms.Form):
    """Why an instructor rejects a question (both optional)."""

    reason = reason_field("Why reject it?")
    note = note_field()


class LessonSlugForm(forms.Form):
    """A lesson named by its slug in a query string or a button (``lesson=``), if any."""

    lesson = forms.SlugField(required=False, max_length=80)

    def slug(self) -> str:
        """The slug, or "" when none or not a slug (which names no lesson either)."""
        return self.cleaned_data["lesson"] if self.is_valid() else ""


class QuestionPreviewForm(forms.Form):
    """The saved question a live preview is for (none while creating one)."""

    question = IdField(required=False)


class QuestionsApproveForm(forms.Form):
    """The questions ticked for bulk approval."""

    question = IdListField(required=False)


class QuestionForm(forms.ModelForm):
    typo_tolerance = forms.IntegerField(
        min_value=0,
        max_value=3,
        initial=0,
        required=False,
        help_text=Question._meta.get_field("typo_tolerance").help_text,
        error_messages={
            "max_value": "Typo tolerance is between 0 and 3 letters.",
            "min_value": "Typo tolerance is between 0 and 3 letters.",
        },
    )

    class Meta:
        model = Question
        fields = ["title", "prompt", "general_feedback", "source_sentence", "typo_tolerance"]
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3}),
            "general_feedback": forms.Textarea(attrs={"rows": 2}),
            "source_sentence": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.type not in grading.TEXT_TYPES:
            # Typo tolerance only applies to typed answers.
            self.fields["typo_tolerance"].widget = forms.HiddenInput()
        if self.instance.type != grading.CLOZE:
            # The blank marker only means something in fill-in-the-blanks prompts.
            self.fields["prompt"].help_text = "The question as students read it."
        self.fields[
            "source_sentence"
        ].help_text = "The lesson sentence the answer comes from, shown after answering (optional)."
        if self.instance.pk and self.instance.origin == Origin.GENERATED:
            # What was wrong with the question as generated teaches the generator's calibration.
            self.fields["reason"] = reason_field("What was wrong with the generated question?")
            self.fields["note"] = note_field()

    def clean_typo_tolerance(self):
        return self.cleaned_data.get("typo_tolerance") or 0


class ChoiceForm(forms.ModelForm):
    class Meta:
        model = Choice
        fields = CHOICE_FIELDS_BY_TYPE[grading.SINGLE_CHOICE]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty weight or tolerance means 0, so a half-filled spare row is not an error.
        for name in ("weight", "tolerance"):
            if name in self.fields:
                self.fields[name].required = False
        if "blank" in self.fields:
            # Authors count blanks from 1; they are stored from 0.
            self.fields["blank"] = forms.IntegerField(
                label="Blank", min_value=1, required=False, initial=1
            )
            if self.instance.pk:
                self.initial["blank"] = self.instance.blank + 1

    def clean_blank(self):
        number = self.cleaned_data.get("blank")
        return None if number is None else number - 1


# A question's choices a form may send: a posted form count is believed only up to here, so
# form-TOTAL_FORMS=10**30 is an error, not a thousand forms to build and render.
MAX_CHOICES = 100


def choice_formset_class(question_type: str, extra: int):
    return inlineformset_factory(
        Question,
        Choice,
        form=ChoiceForm,
        fields=CHOICE_FIELDS_BY_TYPE[question_type],
        extra=extra,
        can_delete=True,
        max_num=MAX_CHOICES,
        absolute_max=MAX_CHOICES,
        validate_max=True,
        widgets={
            "text": forms.TextInput(),
            "feedback": forms.TextInput(),
            "weight": forms.NumberInput(attrs={"step": "0.05", "min": -1, "max": 1}),
        },
    )


def choice_formset(question: Question, data=None):
    """The choices formset for the question's type, prefilled for a new true/false question."""
    existing = question.choices.count() if question.pk else 0
    initial = None
    if not existing and question.type == grading.TRUE_FALSE:
        initial = [{"text": "True", "weight": 1.0}, {"text": "False", "weight": 0.0}]
    extra = 2 if initial else max(4 - existing, 2)
    formset_class = choice_formset_class(question.type, extra)
    formset = formset_class(data, instance=question, prefix="choices", initial=initial)
    if question.type in ACCEPTED_ANSWER_TYPES:
        for form in formset.forms:
            if not form.instance.pk:
                form.fields["weight"].initial = 1.0
    return formset


def choices_from_formset(question_type: str, formset) -> list[dict]:
    """Cleaned choice rows as dicts for services.question_save (skipping blank and deleted rows)."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data and not form.instance.pk and not form.has_changed():
            # A prefilled spare row left as offered (True/False) still counts.
            data = form.initial
        if not data or data.get("DELETE"):
            continue
        row = {name: data.get(name) for name in CHOICE_FIELDS_BY_TYPE[question_type]}
        if not any(value not in (None, "") for value in row.values()):
            continue
        for name in ("text", "feedback", "match_text"):
            if name in row and row[name] is None:
                row[name] = ""
        for name in ("weight", "tolerance", "blank"):
            if name in row and row[name] is None:
                row[name] = 1 if name == "weight" and question_type in ACCEPTED_ANSWER_TYPES else 0
        if form.instance.pk:
            row["id"] = form.instance.pk
        rows.append(row)
    return rows


def choice_specs(rows: list[dict]) -> list[grading.ChoiceSpec]:
    return [
        grading.ChoiceSpec(id=row.get("id"), **{k: v for k, v in row.items() if k != "id"})
        for row in rows
    ]


class QuestionFilterForm(forms.Form):
    type = forms.ChoiceField(choices=[("", "Any type"), *QuestionType.choices], required=False)
    origin = forms.ChoiceField(
        choices=[("", "Any origin"), *Question._meta.get_field("origin").choices], required=False
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Question._meta.get_field("status").choices], required=False
    )

    def filter(self, questions):
        if not self.is_valid():
            return questions
        for name in ("type", "origin", "status"):
            if self.cleaned_data.get(name):
                questions = questions.filter(**{name: self.cleaned_data[name]})
        return questions


class QuestionChoiceField(IdModelMultipleChoiceField):
    def label_from_instance(self, question):
        return f"{question.lesson.title} · {question}"


class QuizForm(forms.ModelForm):
    picked_questions = QuestionChoiceField(
        queryset=Question.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Questions (hand-picked)",
        help_text=(
            "Approved and draft questions of every lesson. A draft joins the quiz once it is "
            "approved."
        ),
    )
    # Fields the composer lays out itself; the rest render in order after them.
    COMPOSER_FIELDS = (
        "title",
        "published",
        "selection",
        "picked_questions",
        "draw_lessons",
        "draw_count",
    )

    class Meta:
        model = Quiz
        fields = [
            "title",
            "published",
            "selection",
            "picked_questions",
            "draw_lessons",
            "draw_count",
            "attempts_allowed",
            "feedback_timing",
            "display",
            "pass_mark",
            "time_limit_minutes",
            "opens_at",
            "closes_at",
            "grading_method",
        ]
        field_classes = {"draw_lessons": IdModelMultipleChoiceField}
        widgets = {
            "selection": forms.RadioSelect,
            "draw_lessons": forms.CheckboxSelectMultiple,
            # datetime-local inputs only accept the ISO "T" form.
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        labels = {
            "draw_lessons": "Lessons to draw from (random)",
            "draw_count": "Questions drawn per attempt (random)",
            "time_limit_minutes": "Time limit (minutes)",
        }

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draw_lessons"].queryset = course.lessons.order_by("order")
        picked = []
        if self.instance.pk:
            picked = [item.question_id for item in self.instance.items.order_by("order", "pk")]
            self.fields["picked_questions"].initial = picked
        else:
            # A new quiz starts hidden from students until its author publishes it.
            self.initial["published"] = False
        self.fields["picked_questions"].queryset = (
            Question.objects.for_course(course)
            .filter(Q(status__in=[Status.APPROVED, Status.DRAFT]) | Q(pk__in=picked))
            .select_related("lesson")
            .prefetch_related("choices")
            .order_by("lesson__order", "order", "pk")
        )
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]

    def picked_groups(self) -> list[dict]:
        """The pickable questions, one group per lesson in reading order, with how many are
        picked in each."""
        field = self["picked_questions"]
        chosen = {str(value) for value in field.value() or []}
        groups: dict[int, dict] = {}
        for widget in field.subwidgets:
            question = widget.data["value"].instance
            group = groups.setdefault(
                question.lesson_id, {"lesson": question.lesson, "options": [], "picked": 0}
            )
            group["options"].append({"widget": widget, "question": question})
            group["picked"] += str(question.pk) in chosen
        return list(groups.values())

    def clean(self):
        data = super().clean()
        if data.get("selection") == Selection.RANDOM:
            if not data.get("draw_lessons"):
                self.add_error("draw_lessons", "Choose at least one lesson to draw from.")
            if not data.get("draw_count"):
                self.add_error("draw_count", "Say how many questions to draw.")
        elif not data.get("picked_questions"):
            self.add_error("picked_questions", "Pick at least one question.")
        else:
            self._refuse_siblings(data["picked_questions"])
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", "The quiz must close after it opens.")
        if data.get("pass_mark") is not None and data["pass_mark"] > 100:
            self.add_error("pass_mark", "The pass mark is a percentage, at most 100.")
        return data

    def _refuse_siblings(self, questions) -> None:
        """Questions from the same sentence give each other's answers away: one per quiz."""
        by_sentence: dict[str, list[Question]] = {}
        for question in questions:
            if question.sibling_key:
                by_sentence.setdefault(question.sibling_key, []).append(question)
        for siblings in by_sentence.values():
            if len(siblings) > 1:
                names = " and ".join(f"“{question}”" for question in siblings)
                self.add_error(
                    "picked_questions",
                    f"{names} come from the same sentence, so one would give the other's answer "
                    "away: pick only one of them.",
                )


class GenerationSettingsForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["auto_approve_generated", "auto_approve_threshold"]
        widgets = {"auto_approve_threshold": forms.NumberInput(attrs={"step": "0.05"})}

    def clean_auto_approve_threshold(self):
        value = self.cleaned_data["auto_approve_threshold"]
        if not 0 <= value <= 1:
            raise forms.ValidationError("The threshold is a score between 0 and 1.")
        return value


MAX_GIFT_BYTES = 2 * 1024 * 1024


class GiftImportForm(forms.Form):
    file = forms.FileField(required=False, help_text="A .gift or .txt file in UTF-8.")
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 10}), label="Or paste GIFT text"
    )
    lesson = IdModelChoiceField(
        queryset=Lesson.objects.none(),
        required=False,
        empty_label="By $CATEGORY (its last part names the lesson; none: the first lesson)",
        help_text="Where the questions go.",
    )
    approve = forms.BooleanField(
        required=False, initial=True, label="Approve imported questions at once"
    )

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lesson"].queryset = Lesson.objects.for_course(course).active().in_order()

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError("Upload a file or paste text, not both.")
        if upload:
            if upload.size > MAX_GIFT_BYTES:
                raise forms.ValidationError("The file is over 2 MB; split it into smaller files.")
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    "The file is not UTF-8 text. Save it as UTF-8 and try again."
                ) from None
            if "\x00" in text:
                raise forms.ValidationError(
                    "The file holds null characters, so it is not GIFT text; save it as UTF-8 "
                    "text and try again."
                )
        if not text.strip():
            raise forms.ValidationError("Choose a GIFT file or paste some GIFT text.")
        cleaned["gift_text"] = text
        return cleaned
