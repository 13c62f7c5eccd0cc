"""Forms for importing a document into a course."""

from django import forms
from django.conf import settings

from accounts.roles import is_instructor

from .models import Course
from .parsing import TEXT_FORMATS, DocumentError, ParsedDocument, decode_document
from .services import document_parse

FORMAT_CHOICES = [
    ("auto", "From the file name (or detect)"),
    ("markdown", "Markdown"),
    ("text", "Plain text"),
    ("html", "Web page (HTML)"),
    ("docx", "Word (.docx)"),
    ("pdf", "PDF"),
    ("epub", "EPUB"),
]


class DocumentImportForm(forms.Form):
    """Validates the upload or pasted text and parses it; ``document`` holds the result."""

    file = forms.FileField(
        required=False,
        help_text="Word (.docx), PDF, web page (.html), EPUB, Markdown (.md, .Rmd, .qmd) or "
        "plain text (.txt) in any common encoding.",
    )
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        label="Or paste the text",
        strip=False,
    )
    title = forms.CharField(max_length=200, required=False, label="Course title")
    slug = forms.SlugField(
        max_length=80,
        label="Course address (slug)",
        help_text="Letters, digits and hyphens; an existing course you teach is updated.",
    )
    format = forms.ChoiceField(choices=FORMAT_CHOICES, initial="auto")

    def __init__(
        self, *args, user, parse: bool = True, document: ParsedDocument | None = None, **kwargs
    ):
        """``document``: one already read (a Word/PDF/HTML/EPUB file at confirmation), so no
        file or text is needed."""
        super().__init__(*args, **kwargs)
        self.user = user
        # Confirming a large import skips the parse: its preview parsed it, and the task worker
        # parses it again (a document that fails there fails the task, changing nothing).
        self.parse = parse
        self.document: ParsedDocument | None = document
        self.source = ""
        self.filename = ""

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
        if self.document is not None:
            return cleaned
        upload, pasted = cleaned.get("file"), cleaned.get("text") or ""
        if upload and pasted.strip():
            raise forms.ValidationError("Upload a file or paste text, not both.")
        if upload:
            largest = max(settings.TUTOR_MAX_DOCUMENT_BYTES, settings.TUTOR_MAX_FILE_BYTES)
            if upload.size > largest:
                raise forms.ValidationError(
                    f"The file is larger than {largest / 1_048_576:.1f} MB."
                )
            data: bytes | str = upload.read()
            self.filename = upload.name or ""
        elif pasted.strip():
            data = pasted
        else:
            raise forms.ValidationError("Choose a file or paste the document's text.")
        if not self.parse:
            self.source = data if isinstance(data, str) else ""
            return cleaned
        try:
            self.document = document_parse(
                data=data, format=cleaned.get("format") or "auto", filename=self.filename
            )
        except DocumentError as exc:
            raise forms.ValidationError(exc.message) from None
        if self.document.format in TEXT_FORMATS:
            self.source = decode_document(data, max_bytes=settings.TUTOR_MAX_DOCUMENT_BYTES)
        return cleaned


class LessonEditForm(forms.Form):
    """What an outline edit carries: a new title (rename, split) and where to split."""

    title = forms.CharField(max_length=200, required=False)
    at = forms.IntegerField(
        required=False, error_messages={"invalid": "Choose the paragraph to split at."}
    )
