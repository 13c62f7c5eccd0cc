"""Creates or updates a course from a document file (Word, PDF, web page, EPUB, Markdown or plain
text; the extension picks the reader), with progress and summary."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lessons.parsing import FORMATS, DocumentError
from lessons.services import course_import
from quizzes.services import questions_generate


class Command(BaseCommand):
    help = (
        "Import a document (.docx, .pdf, .html, .epub, .md/.Rmd/.qmd, .txt) as course SLUG "
        "(created or updated in place)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The document to import; its extension picks the format.")
        parser.add_argument("--course", required=True, metavar="SLUG", help="Course slug.")
        parser.add_argument("--title", help="Course title (default: the document's or the slug's).")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default="auto",
            help="Default: auto (from the extension; text files are checked for Markdown).",
        )
        parser.add_argument(
            "--no-questions",
            action="store_true",
            help="Import lessons without generating questions.",
        )
        parser.add_argument(
            "--max-sections", type=int, help="Override settings.TUTOR_MAX_SECTIONS for this run."
        )

    def handle(self, *args, path, course, title, format, max_sections, no_questions, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from None
        try:
            summary = course_import(
                generate_questions=False,
                slug=course,
                text=data,
                title=title,
                format=format,
                filename=Path(path).name,
                max_sections=max_sections,
                progress=self._progress,
            )
        except DocumentError as exc:
            raise CommandError(f"{path}: {exc.message} Nothing was changed.") from None
        if not no_questions:
            # A command may take its time: it generates at once rather than queue, in short
            # transactions after the lessons are saved.
            result = questions_generate(course=summary.course, lessons=summary.content_changed)
            summary.questions_generated = result.created + result.updated
        self.stderr.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Course '{summary.course.title}' ({summary.course.slug}): lessons {summary}."
            )
        )

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        end = "\r" if sys.stderr.isatty() else "\n"
        self.stderr.write(f"[{bar}] {done}/{total} sections", ending=end)
