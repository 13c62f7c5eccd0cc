"""Forms for importing a document into a course."""

from django import forms
from django.conf import settings

from accounts.roles import is_instructor

from .models import Course
from .parsing import DocumentError, ParsedDocument
from .services import document_parse

FORMAT_CHOICES = [
    ("auto", "Detect automatically"),
    ("markdown", "Markdown"),
    ("text", "Plain text"),
]


class DocumentImportForm(forms.Form):
    """Validates the upload or pasted text and parses it; ``document`` holds the result."""

    file = forms.FileField(required=False, help_text="A UTF-8 .txt or .md file.")
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 10}), label="Or paste the text",
        strip=False,
    )  # fmt: skip
    title = forms.CharField(max_length=200, required=False, label="Course title")
    slug = forms.SlugField(
        max_length=80,
        label="Course address (slug)",
        help_text="Letters, digits and hyphens; an existing course you teach is updated.",
    )
    format = forms.ChoiceField(choices=FORMAT_CHOICES, initial="auto")

    def __init__(self, *args, user, parse: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Confirming a large import skips the parse: its preview parsed it, and the task worker
        # parses it again (a document that fails there fails the task, changing nothing).
        self.parse = parse
        self.document: ParsedDocument | None = None
        self.source = ""

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        course = Course.objects.filter(slug=slug).first()
        if course is not None and not course.is_taught_by(self.user):
            raise forms.ValidationError("A course with this address exists and you don't teach it.")
        if course is None and not is_instructor(self.user):
            raise forms.ValidationError("Only instructors can create courses.")
        return slug

    def clean(self):
        cleaned = super().clean()
        upload, pasted = cleaned.get("file"), cleaned.get("text") or ""
        if upload and pasted.strip():
            raise forms.ValidationError("Upload a file or paste text, not both.")
        if upload:
            if upload.size > settings.TUTOR_MAX_DOCUMENT_BYTES:
                limit = settings.TUTOR_MAX_DOCUMENT_BYTES / 1_048_576
                raise forms.ValidationError(f"The file is larger than {limit:.1f} MB.")
            data: bytes | str = upload.read()
        elif pasted.strip():
            data = pasted
        else:
            raise forms.ValidationError("Choose a file or paste the document's text.")
        if self.parse:
            try:
                self.document = document_parse(data=data, format=cleaned.get("format") or "auto")
            except DocumentError as exc:
                raise forms.ValidationError(exc.message) from None
        self.source = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        return cleaned
