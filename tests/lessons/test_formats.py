"""Word, PDF, web page and EPUB import, real-world Markdown and plain text, and bad files.

The documents are built here (tests/lessons/documents.py); trees are scored as
shared/import-check/compare_tree.py scores an export.
"""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from reportlab.pdfgen import canvas

from lessons.models import Course, Lesson
from lessons.parsing import DocumentError, parse_document

from .documents import (
    SOILS,
    SOILS_TITLE,
    score,
    soils_docx,
    soils_epub,
    soils_html,
    soils_pdf,
    truth,
)

IMPORT_URL = "/import/"


def titles(document):
    return [(s.level, s.title) for s in document.flat()]


def within_bounds(document, want=None):
    recall, precision, nesting = score(document, want or truth())
    return recall >= 0.95 and precision >= 0.9 and nesting >= 0.8


# --- The same document as Word, web page, PDF and EPUB -----------------------------------------


@pytest.mark.parametrize(
    "name,data,format",
    [
        ("soils.docx", soils_docx(), "docx"),
        ("soils-typed.docx", soils_docx(styles=False), "docx"),
        ("soils.html", soils_html().encode(), "html"),
        ("soils.pdf", soils_pdf(), "pdf"),
        ("soils-bookmarks.pdf", soils_pdf(outline=True), "pdf"),
        ("soils.epub", soils_epub(), "epub"),
    ],
)
def test_the_same_document_in_every_format_gives_its_true_tree(name, data, format):
    document = parse_document(data, filename=name)
    assert document.format == format
    assert document.title == SOILS_TITLE
    assert score(document, truth()) == (1.0, 1.0, 1.0)
    assert titles(document) == [(level, title) for level, title, _ in SOILS]
    first = document.flat()[0]
    assert first.body.startswith("Soil is a mixture of minerals")


def test_docx_levels_come_from_styles_lists_and_tables_are_kept():
    document = parse_document(soils_docx(), filename="soils.docx")
    assert {s.level_source for s in document.flat()} == {"style"}
    particles = document.flat()[1]
    (items,) = [b for b in particles.blocks if b.kind == "list"]
    assert items.text == "- Sand feels gritty.\n- Clay feels sticky."
    horizons = document.flat()[7]
    (table,) = [b for b in horizons.blocks if b.kind == "table"]
    assert table.text.splitlines()[0] == "| Horizon | Name |"
    typed = parse_document(soils_docx(styles=False), filename="soils.docx")
    assert {s.level_source for s in typed.flat()} == {"size"}


def test_saved_page_keeps_the_article_without_menu_sidebar_or_footer():
    document = parse_document(soils_html().encode(), filename="soils.html")
    text = document.markdown()
    for boilerplate in ("Guides", "Contact", "Popular guides", "Rivers", "All rights", "Privacy"):
        assert boilerplate not in text
    assert {s.level_source for s in document.flat()} == {"tag"}


def test_pdf_drops_running_header_and_page_numbers_and_joins_hyphenated_words():
    data = soils_pdf(repeat=3)
    document = parse_document(data, filename="soils.pdf")
    text = "\n".join(s.body for s in document.flat())
    assert "Field guide series" not in text
    assert not any(line.strip().isdigit() for line in text.splitlines())
    # _wrap broke long words with a hyphen at line ends; none is left inside a word.
    assert "organ- isms" not in text and "organ-isms" not in text
    assert "organisms" in text
    assert any("running header" in note for note in document.notes)
    assert {s.level_source for s in document.flat()} == {"size"}
    assert within_bounds(
        document,
        truth([(lv, f"{t} {n}", p) for n in (1, 2, 3) for lv, t, p in SOILS], SOILS_TITLE),
    )


def test_pdf_bookmarks_give_the_headings_when_present():
    document = parse_document(soils_pdf(outline=True), filename="soils.pdf")
    assert {s.level_source for s in document.flat()} == {"outline"}
    assert any("bookmarks" in note for note in document.notes)


# --- Bad files --------------------------------------------------------------------------------


def _image_only_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for _ in range(3):
        pdf.rect(50, 50, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


BAD_FILES = [
    ("cut.docx", soils_docx()[:4000], "Word file is damaged or incomplete"),
    ("cut.pdf", soils_pdf()[:2000], "PDF file is incomplete"),
    ("locked.pdf", soils_pdf(password="secret"), "protected by a password"),
    ("scan.pdf", _image_only_pdf(), "no text layer"),
    ("really-a-pdf.docx", soils_pdf(), "named as a Word document (.docx) but it is a PDF"),
    ("really-word.pdf", soils_docx(), "named as a PDF but it is a Word document"),
    ("notes.txt", soils_docx(), "named as a plain-text file but it is a Word document"),
    ("book.epub", soils_docx(), "named as an EPUB e-book but it is a Word document"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Old Word .doc files"),
    ("photo", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "an image, which cannot be imported"),
]


@pytest.mark.parametrize("name,data,message", BAD_FILES)
def test_bad_files_get_a_clear_message(name, data, message):
    with pytest.raises(DocumentError, match=re.escape(message)):
        parse_document(data, filename=name)


@pytest.mark.django_db
@pytest.mark.parametrize("name,data,message", BAD_FILES[:6])
def test_bad_files_change_nothing_through_the_command(tmp_path, name, data, message):
    good = tmp_path / "soils.docx"
    good.write_bytes(soils_docx())
    call_command("import_document", str(good), "--course", "soils", "--no-questions")
    before = list(Lesson.objects.values_list("pk", "title", "body", "order", "archived_at"))
    bad = tmp_path / name
    bad.write_bytes(data)
    for slug in ("soils", "another"):
        with pytest.raises(CommandError, match=re.escape(message)):
            call_command("import_document", str(bad), "--course", slug, "--no-questions")
    assert list(Lesson.objects.values_list("pk", "title", "body", "order", "archived_at")) == (
        before
    )
    assert list(Course.objects.values_list("slug", flat=True)) == ["soils"]


@pytest.mark.django_db
@pytest.mark.parametrize("name,data,message", BAD_FILES[:6])
def test_bad_files_rerender_the_web_form_with_the_message(
    client_for, instructor, name, data, message
):
    upload = SimpleUploadedFile(name, data)
    response = client_for(instructor).post(
        IMPORT_URL, {"file": upload, "slug": "soils", "format": "auto"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors
    assert not Course.objects.exists()


# --- Command and web form ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,data",
    [("soils.docx", soils_docx()), ("soils.pdf", soils_pdf()), ("soils.htm", soils_html())],
)
def test_import_document_picks_the_format_from_the_extension(tmp_path, capsys, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    call_command("import_document", str(path), "--course", "soils", "--no-questions")
    assert "Course 'Understanding Soils' (soils)" in capsys.readouterr().out
    call_command("export_course", "soils")
    exported = json.loads(capsys.readouterr().out)
    by_slug = {lesson["slug"]: lesson for lesson in exported["lessons"]}
    got = [
        (lesson["title"], by_slug[lesson["parent"]]["title"] if lesson["parent"] else None)
        for lesson in exported["lessons"]
    ]
    assert got == [(s["title"], s["parent"]) for s in truth()["sections"]]
    course = Course.objects.get(slug="soils")
    assert course.source_text.startswith("# Understanding Soils\n\n## What Soil Is")


@pytest.mark.django_db
def test_web_import_of_a_word_file_previews_format_and_level_sources_then_imports(
    client_for, instructor
):
    client = client_for(instructor)
    upload = SimpleUploadedFile("soils.docx", soils_docx())
    response = client.post(IMPORT_URL, {"file": upload, "slug": "soils", "format": "auto"})
    html = response.content.decode()
    assert "read as a Word document (.docx)" in html
    assert "Preview: Understanding Soils" in html
    assert "level 2 from heading style" in html
    assert not Course.objects.exists()
    token = response.context["token"]
    response = client.post(IMPORT_URL, {"token": token})
    assert response.status_code == 302
    course = Course.objects.get(slug="soils")
    assert course.title == SOILS_TITLE
    lessons = list(Lesson.objects.for_course(course).in_order())
    assert [(lesson.level, lesson.title) for lesson in lessons] == [(lv, t) for lv, t, _ in SOILS]
    assert lessons[1].parent == lessons[0]


@pytest.mark.django_db
def test_web_import_of_a_pdf_shows_what_was_removed(client_for, instructor):
    upload = SimpleUploadedFile("soils.pdf", soils_pdf())
    response = client_for(instructor).post(
        IMPORT_URL, {"file": upload, "slug": "soils", "format": "auto"}
    )
    html = response.content.decode()
    assert "read as a PDF" in html
    assert "running header, footer and page-number lines removed" in html
    assert "level 1 from font size and weight" in html


# --- Real-world Markdown ----------------------------------------------------------------------

RMARKDOWN = """\
---
title: "Financial Statements"
output: bookdown::html_document2
---

<link rel="stylesheet" href="style.css">

[Home](index.html) | [Next chapter](ch2.html)

{% include header.html %}

# The Balance Sheet {#balance-sheet}

A balance sheet lists assets and liabilities, as Figure \\@ref(fig:balance-layout) shows.

```{r balance-layout, echo=FALSE, fig.cap="Layout"}
knitr::include_graphics("images/balance.png")
```

```{r}
assets <- 100
```

## Assets {-}

Assets are what the firm owns; see @fig-assets-chart.

## Liabilities {.unnumbered}

Liabilities are what it owes.

# Income Statement {#income .unnumbered}

Revenue minus expenses.
"""


def test_markdown_front_matter_attributes_chunks_and_cross_references():
    document = parse_document(RMARKDOWN, filename="finance.Rmd")
    assert document.title == "Financial Statements"
    assert titles(document) == [
        (1, "The Balance Sheet"),
        (2, "Assets"),
        (2, "Liabilities"),
        (1, "Income Statement"),
    ]
    balance = document.flat()[0].body
    assert "Figure balance layout shows." in balance
    assert "knitr" not in balance and "@ref" not in balance and "echo" not in balance
    assert "```r\nassets <- 100\n```" in balance
    assert "see Figure assets chart." in document.flat()[1].body
    markdown = document.markdown()
    assert "stylesheet" not in markdown and "Next chapter" not in markdown
    assert "{%" not in markdown and "layout:" not in markdown


def test_toml_front_matter_names_the_course():
    document = parse_document('+++\ntitle = "Tides"\n+++\n\n## Causes\n\nThe moon.\n\n## Kinds\n')
    assert document.title == "Tides"
    assert titles(document) == [(1, "Causes"), (1, "Kinds")]


# --- Real-world plain text --------------------------------------------------------------------

SPACING = """\
Lombok

Lombok is an island in West Nusa Tenggara province, Indonesia. It is one of the Lesser Sunda \
Islands.


History

The island has a long history of kingdoms and trade.

Early kingdoms

Sasak rulers governed the island before the seventeenth century.

Lombok Kingdom and Bali (Indonesia)

Balinese princes later ruled western Lombok from Mataram.


Geography

Lombok is roughly circular with a tail to the southwest.

Mount Rinjani

The volcano rises to 3,726 metres and dominates the north.


Economy

Tourism and farming are the main sources of income.
"""


def test_plain_text_levels_from_blank_line_spacing_and_a_title_line():
    document = parse_document(SPACING)
    assert document.title == "Lombok"
    assert titles(document) == [
        (1, "Introduction"),
        (1, "History"),
        (2, "Early kingdoms"),
        (2, "Lombok Kingdom and Bali (Indonesia)"),
        (1, "Geography"),
        (2, "Mount Rinjani"),
        (1, "Economy"),
    ]
    assert {s.level_source for s in document.flat()[1:]} == {"spacing"}


NUMBERED = """\
A Short Guide to Rivers

Part I Physical Rivers

Chapter 1 Sources

Rivers start in hills and mountains.

1.1 Springs

Water rises from the ground.

Chapter 2 Courses

Rivers cut valleys as they flow.

2.1 Meanders

Bends migrate across the plain.

Part II Human Rivers

Chapter 3 Uses

People drink river water.
"""


def test_plain_text_levels_from_parts_chapters_and_section_numbers():
    document = parse_document(NUMBERED)
    assert document.title == "A Short Guide to Rivers"
    assert titles(document) == [
        (1, "Part I Physical Rivers"),
        (2, "Chapter 1 Sources"),
        (3, "1.1 Springs"),
        (2, "Chapter 2 Courses"),
        (3, "2.1 Meanders"),
        (1, "Part II Human Rivers"),
        (2, "Chapter 3 Uses"),
    ]


def test_plain_text_levels_from_underlines_and_from_capitals():
    underlined = "Tea\n===\n\nA drink.\n\nGrowing\n-------\n\nOn hills.\n\nShade\n~~~~~\n\n" + (
        "In shade.\n\nProcessing\n----------\n\nRolled.\n"
    )
    document = parse_document(underlined, format="text")
    assert document.title == "Tea"
    assert titles(document) == [
        (1, "Introduction"),
        (1, "Growing"),
        (2, "Shade"),
        (1, "Processing"),
    ]
    capitals = (
        "EVAPORATION\n\nThe sun heats the sea.\n\nFrom oceans\n\nMost vapour.\n\n"
        "CONDENSATION\n\nVapour cools.\n\nCloud types\n\nMany shapes.\n"
    )
    assert titles(parse_document(capitals)) == [
        (1, "EVAPORATION"),
        (2, "From oceans"),
        (1, "CONDENSATION"),
        (2, "Cloud types"),
    ]


def test_a_title_line_is_the_course_title_not_an_empty_lesson():
    text = "Ocean Currents\n\nSurface Currents\n\nWinds drive them.\n\nDeep Currents\n\nSalt.\n"
    document = parse_document(text)
    assert document.title == "Ocean Currents"
    assert titles(document) == [(1, "Surface Currents"), (1, "Deep Currents")]


@pytest.mark.parametrize(
    "data",
    [
        "Café Culture\n\nThe Menu\n\nCrème brûlée.\n\nThe Bill\n\nPaid.\n".encode("utf-16"),
        "Café Culture\n\nThe Menu\n\nCrème brûlée.\n\nThe Bill\n\nPaid.\n".encode("utf-16-le"),
        "Café Culture\n\nThe Menu\n\nCrème brûlée.\n\nThe Bill\n\nPaid.\n".encode("cp1252"),
    ],
    ids=["utf-16-bom", "utf-16-le-no-bom", "windows-1252"],
)
def test_utf16_and_legacy_encodings_are_detected(data):
    document = parse_document(data, filename="cafe.txt")
    assert document.title == "Café Culture"
    assert document.flat()[0].body == "Crème brûlée."


# --- Real documents written by others (tests/lessons/real/README.md) ----------------------------

REAL = Path(__file__).parent / "real"


@pytest.mark.parametrize(
    "name,truth_name",
    [
        ("bookdown-demo.pdf", "bookdown-demo-pdf.truth.json"),
        ("bookdown-demo.epub", "bookdown-demo-epub.truth.json"),
        ("rfc2616.txt", "rfc2616.truth.json"),
    ],
)
def test_real_documents_come_out_within_bounds(name, truth_name):
    document = parse_document((REAL / name).read_bytes(), filename=name, max_sections=1000)
    want = json.loads((REAL / truth_name).read_text())
    recall, precision, nesting = score(document, want)
    assert recall >= 0.95 and precision >= 0.9 and nesting >= 0.8, (recall, precision, nesting)


RFC_LIKE = (
    "Network Working Group                                      A. Author\n"
    "Request for Comments: 9999                                  Example\n"
    "\n"
    "                      The Example Protocol\n"
    "\n"
    "Table of Contents\n"
    "\n"
    "   1   Introduction ...................................................2\n"
    "   1.1   Purpose ......................................................2\n"
    "   2   Messages .......................................................3\n"
    "\n"
    "1 Introduction\n"
    "\n"
    "   The example protocol moves small messages between two hosts over\n"
    "   a reliable stream. It was designed for teaching.\n"
    "\n"
    "Author                      Informational                      [Page 1]\n"
    "\f\n"
    "RFC 9999                  The Example Protocol              June 2000\n"
    "\n"
    "1.1 Purpose\n"
    "\n"
    "   Short Line Without A Period\n"
    "   It keeps the protocol small enough to implement in an afternoon.\n"
    "\n"
    "Author                      Informational                      [Page 2]\n"
    "\f\n"
    "RFC 9999                  The Example Protocol              June 2000\n"
    "\n"
    "2 Messages\n"
    "\n"
    "   Each message is a length followed by that many bytes of payload.\n"
    "\n"
    "Author                      Informational                      [Page 3]\n"
    "\f\n"
    "RFC 9999                  The Example Protocol              June 2000\n"
    "\n"
    "2.1 Errors\n"
    "\n"
    "   A host that cannot parse a message closes the stream.\n"
    "\n"
    "Author                      Informational                      [Page 4]\n"
)


def test_plain_text_with_indented_body_page_furniture_and_a_contents_list():
    document = parse_document(RFC_LIKE)
    numbered = [(level, title) for level, title in titles(document) if title[0].isdigit()]
    assert numbered == [
        (1, "1 Introduction"),
        (2, "1.1 Purpose"),
        (1, "2 Messages"),
        (2, "2.1 Errors"),
    ]
    text = document.markdown()
    assert "[Page" not in text and "June 2000" not in text
    assert "Short Line Without A Period" in document.flat()[-3].body
