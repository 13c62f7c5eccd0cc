"""Import benchmark: documents of ~20 KB, 200 KB and 2 MB, each into a fresh course.

Run from the repository root: `.venv/bin/python bench/import_bench.py`. It uses a throwaway
SQLite database in a temporary directory (migrated here), so it never touches your data.
The 2 MB documents have well over the default 500 sections, so the bench passes its own
`max_sections` to the import (the production cap stays settings.TUTOR_MAX_SECTIONS).

Each size is imported, then its questions are generated (as `import_document` does), and both
are timed; a re-import of the same document shows the no-change path.

Last, a PDF of about 200 pages (running header, page numbers, bold headings in two sizes, written
with reportlab, a dev dependency) is read and imported: the figure for "a 200-page PDF imports in
under 30 s".
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_tmp = tempfile.TemporaryDirectory(prefix="tutor-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp.name}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutor.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from lessons.services import course_lessons_import  # noqa: E402
from quizzes.services import questions_generate  # noqa: E402

SIZES = [("20 KB", 20_000), ("200 KB", 200_000), ("2 MB", 2_000_000)]
FORMATS = ["text", "markdown"]
MAX_SECTIONS = 10_000

SUBJECTS = [
    "Rivers",
    "Glaciers",
    "Trade Routes",
    "Harbours",
    "Deserts",
    "Forests",
    "Volcanoes",
    "Bridges",
    "Canals",
    "Markets",
    "Monsoons",
    "Islands",
    "Mountains",
    "Railways",
]
ASPECTS = [
    "Origins",
    "Economics",
    "Ecology",
    "History",
    "Engineering",
    "Culture",
    "Risks",
    "Governance",
    "Future",
    "Maintenance",
    "Geography",
    "Science",
]
SENTENCES = [
    "{s} shaped the way communities settled and traded over many centuries.",
    "Scholars of {a} describe how {s} changed when new tools arrived.",
    "Local records show that {s} were maintained by guilds and later by the state.",
    "The {a} of {s} is often misunderstood, because sources disagree about dates.",
    "Visitors in the nineteenth century wrote long letters about {s}.",
    "Modern surveys measure {s} with satellites, drones and careful field work.",
    "Funding for {s} came from taxes, tolls and the occasional wealthy patron.",
    "Teachers use {s} to explain {a} to students of every age.",
]


def build_document(target_bytes: int, fmt: str, seed: int = 7) -> str:
    """Varied sections with distinct headings, repeated until the document reaches the size."""
    rng = random.Random(seed)
    parts = ["An overview of places and the things people built around them.\n"]
    size, n = len(parts[0]), 0
    while size < target_bytes:
        subject = SUBJECTS[n % len(SUBJECTS)]
        aspect = ASPECTS[(n // len(SUBJECTS)) % len(ASPECTS)]
        heading = f"{aspect} of {subject} Part {n + 1}"
        paragraphs = []
        for _ in range(rng.randint(2, 5)):
            picked = rng.sample(SENTENCES, 3)
            paragraphs.append(
                " ".join(t.format(s=subject.lower(), a=aspect.lower()) for t in picked)
            )
        if n % 4 == 0:
            paragraphs.append("Key points include:\n- First, the setting.\n- Then, the people.")
        if fmt == "markdown":
            section = f"## {heading}\n\n" + "\n\n".join(paragraphs) + "\n\n"
        else:
            section = heading + "\n" + "\n".join(paragraphs) + "\n"
        parts.append(section)
        size += len(section.encode())
        n += 1
    return "".join(parts)


def main() -> None:
    call_command("migrate", verbosity=0)
    # First-use costs.
    warm = course_lessons_import(slug="warm-up", text=build_document(5_000, "text"))
    questions_generate(course=warm.course)  # loads the spaCy pipeline once, as a server would
    print(
        f"{'format':<9}{'size':>8}{'KB':>8}{'lessons':>9}{'import s':>9}{'lessons/s':>11}"
        f"{'ms/KB':>8}{'questions':>10}{'generate s':>11}{'total s':>9}"
        f"{'total ms/KB':>12}"
    )
    for fmt in FORMATS:
        for label, target in SIZES:
            document = build_document(target, fmt)
            kb = len(document.encode()) / 1024
            slug = f"bench-{fmt}-{target}"
            started = time.perf_counter()
            summary = course_lessons_import(slug=slug, text=document, max_sections=MAX_SECTIONS)
            imported = time.perf_counter() - started
            started = time.perf_counter()
            generated = questions_generate(course=summary.course, lessons=summary.content_changed)
            generating = time.perf_counter() - started
            total = imported + generating
            lessons = summary.created
            print(
                f"{fmt:<9}{label:>8}{kb:>8.0f}{lessons:>9}{imported:>9.2f}"
                f"{lessons / imported:>11.0f}{1000 * imported / kb:>8.2f}"
                f"{generated.created:>10}{generating:>11.2f}{total:>9.2f}"
                f"{1000 * total / kb:>12.2f}"
            )
            # Re-importing the same document: the no-change path, also linear.
            started = time.perf_counter()
            again = course_lessons_import(slug=slug, text=document, max_sections=MAX_SECTIONS)
            assert not again.content_changed
            seconds = time.perf_counter() - started
            print(
                f"{'':<9}{'re-import':>8}{'':>8}{'':>9}{seconds:>9.2f}"
                f"{lessons / seconds:>11.0f}{1000 * seconds / kb:>8.2f}"
            )


def pdf_figure() -> None:
    """Read and import a ~200-page PDF; print pages, sections and seconds for each step."""
    import pypdfium2

    from lessons.services import document_parse
    from tests.lessons.documents import soils_pdf

    started = time.perf_counter()
    data = soils_pdf(repeat=26, body=16)
    writing = time.perf_counter() - started
    pages = len(pypdfium2.PdfDocument(data))
    started = time.perf_counter()
    document = document_parse(data=data, filename="bench.pdf", max_sections=MAX_SECTIONS)
    reading = time.perf_counter() - started
    started = time.perf_counter()
    summary = course_lessons_import(slug="bench-pdf", document=document)
    importing = time.perf_counter() - started
    started = time.perf_counter()
    generated = questions_generate(course=summary.course, lessons=summary.content_changed)
    generating = time.perf_counter() - started
    print(
        f"\nPDF: {pages} pages, {len(data) / 1024:.0f} KB, {summary.created} lessons "
        f"(written in {writing:.1f} s)\n"
        f"  read (text, fonts, headings) {reading:6.2f} s\n"
        f"  import lessons               {importing:6.2f} s\n"
        f"  read + import                {reading + importing:6.2f} s  (target: under 30 s)\n"
        f"  generate {generated.created} questions   {generating:6.2f} s\n"
        f"  total                        {reading + importing + generating:6.2f} s"
    )


if __name__ == "__main__":
    try:
        main()
        pdf_figure()
    finally:
        _tmp.cleanup()
