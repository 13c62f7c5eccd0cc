"""One document written as Word, a saved web page and a PDF, built here for the format tests.

``SOILS`` is the true tree (title, then sections as (level, title, paragraphs)); the builders
write it the way people's files look: Word heading styles, a page with a menu and a footer, and
a PDF with a running header, page numbers and bold headings in two sizes.
"""

import io
import re

SOILS_TITLE = "Understanding Soils"
SOILS = [
    (
        1,
        "What Soil Is",
        [
            "Soil is a mixture of minerals, organic matter, water and air that "
            "covers much of the land. It supports plants and stores carbon."
        ],
    ),
    (
        2,
        "Mineral Particles",
        [
            "Sand, silt and clay are the mineral particles of soil. Their "
            "proportions give the soil its texture and its feel in the hand."
        ],
    ),
    (
        2,
        "Organic Matter",
        [
            "Organic matter comes from decaying plants and animals. It darkens "
            "the soil, holds water and feeds the organisms living there."
        ],
    ),
    (
        1,
        "How Soil Forms",
        [
            "Soil forms slowly as rock weathers and living things add organic "
            "matter. Five factors control the process over thousands of years."
        ],
    ),
    (
        2,
        "Parent Material",
        [
            "The parent material is the rock or sediment beneath. Granite gives "
            "sandy soils, while shale and limestone give finer ones."
        ],
    ),
    (
        2,
        "Climate and Time",
        [
            "Rain and temperature set the pace of weathering. Tropical soils "
            "can be deep and old, polar soils thin and young."
        ],
    ),
    (
        2,
        "Living Organisms (Biota)",
        ["Earthworms, fungi and bacteria mix the soil and break down residues into humus."],
    ),
    (
        1,
        "Soil Horizons",
        [
            "A soil profile shows layers called horizons, each with its own "
            "colour, texture and chemistry."
        ],
    ),
    (
        2,
        "Topsoil",
        [
            "The topsoil or A horizon is rich in humus and roots. Most biological "
            "activity happens in its first thirty centimetres."
        ],
    ),
    (
        2,
        "Subsoil",
        [
            "The subsoil or B horizon collects clay, iron and minerals washed down "
            "from above by percolating water."
        ],
    ),
    (
        1,
        "Soil and Water",
        ["Soil stores water between its particles and releases it to plants and streams."],
    ),
    (
        2,
        "Infiltration",
        [
            "Infiltration is the movement of rain into the soil surface. Sandy "
            "soils take water quickly, clay soils slowly."
        ],
    ),
    (
        2,
        "Drainage",
        [
            "Good drainage lets excess water leave the root zone so that roots can "
            "breathe. Waterlogged soils lack oxygen."
        ],
    ),
    (
        1,
        "Protecting Soil",
        [
            "Erosion by wind and water removes fertile topsoil faster than it "
            "forms. Farmers protect it in several ways."
        ],
    ),
    (
        2,
        "Cover Crops",
        [
            "Cover crops such as clover shield bare ground between harvests and add "
            "organic matter when ploughed in."
        ],
    ),
    (
        2,
        "Terracing",
        [
            "Terraces turn steep slopes into level steps that slow running water and "
            "keep soil in place."
        ],
    ),
]


def truth(sections=SOILS, title=SOILS_TITLE) -> dict:
    """The true tree in compare_tree.py's form."""
    out, parents = [], {}
    for level, heading, _ in sections:
        parents[level] = heading
        out.append({"title": heading, "level": level, "parent": parents.get(level - 1)})
    return {"title": title, "sections": out}


def score(document, want: dict) -> tuple[float, float, float]:
    """(recall, precision, nesting) of a ParsedDocument against a true tree, as compare_tree.py
    scores an export: numbering ignored, Introduction/Conclusion and the title tolerated."""
    numbering = re.compile(r"^\s*(?:(?:[A-Z]\.)?(?:\d+\.)*\d+\.?|[IVXLC]+\.|[A-Z]\.)\s+")

    def norm(text):
        return re.sub(r"\W+", " ", numbering.sub("", str(text or "")).lower()).strip()

    got, parent_of = [], {}

    def walk(sections, parent):
        for section in sections:
            got.append((norm(section.title), norm(parent)))
            walk(section.children, section.title)

    walk(document.sections, "")
    del parent_of
    wanted = [(norm(s["title"]), norm(s["parent"])) for s in want["sections"]]
    tolerated = {"introduction", "conclusion", norm(document.title), norm(want.get("title"))}
    got_titles, want_titles = [t for t, _ in got], [t for t, _ in wanted]
    matched = [t for t in want_titles if t in got_titles]
    recall = len(matched) / len(want_titles)
    counted = [t for t in got_titles if t not in tolerated or t in want_titles]
    precision = len([t for t in counted if t in want_titles]) / max(1, len(counted))
    got_parents, want_parents = {}, {}
    for t, p in got:
        got_parents.setdefault(t, []).append(p)
    for t, p in wanted:
        want_parents.setdefault(t, []).append(p)
    nesting = sum(
        sorted(got_parents.get(t, [])) == sorted(want_parents[t]) for t in set(matched)
    ) / max(1, len(set(matched)))
    return recall, precision, nesting


def soils_docx(sections=SOILS, title=SOILS_TITLE, *, styles: bool = True) -> bytes:
    """Word with a Title paragraph and Heading 1/2 styles (or, with ``styles=False``, headings
    typed by hand as bold 16 pt and bold 13 pt Normal paragraphs), a list and a table."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_paragraph(title, style="Title")
    for n, (level, heading, paragraphs) in enumerate(sections):
        if styles:
            document.add_heading(heading, level=level)
        else:
            run = document.add_paragraph().add_run(heading)
            run.bold = True
            run.font.size = Pt(16 if level == 1 else 13)
        for text in paragraphs:
            document.add_paragraph(text)
        if n == 1:
            document.add_paragraph("Sand feels gritty.", style="List Bullet")
            document.add_paragraph("Clay feels sticky.", style="List Bullet")
        if n == 7:
            table = document.add_table(rows=2, cols=2)
            for (r, c), text in {
                (0, 0): "Horizon",
                (0, 1): "Name",
                (1, 0): "A",
                (1, 1): "Topsoil",
            }.items():
                table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def soils_html(sections=SOILS, title=SOILS_TITLE) -> str:
    """A saved page: stylesheet, site header with a menu, breadcrumb, sidebar, footer."""
    body = "".join(
        f"<h{level + 1}>{heading}</h{level + 1}>" + "".join(f"<p>{p}</p>" for p in paragraphs)
        for level, heading, paragraphs in sections
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Field Guides Online</title>
<link rel="stylesheet" href="site.css"><script>window.track = 1;</script></head>
<body>
<header class="site-header"><a class="logo" href="/">Field Guides Online</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/guides">Guides</a></li>
<li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> » <a href="/guides">Guides</a> » Soils</div>
<div class="wrapper"><div class="sidebar"><h3>Popular guides</h3><ul>
<li><a href="/rocks">Rocks and Minerals</a></li><li><a href="/rivers">Rivers</a></li></ul></div>
<div class="article"><h1>{title}</h1>{body}</div></div>
<footer><p>© 2026 Field Guides Online. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
</body></html>"""


def soils_pdf(
    sections=SOILS,
    title=SOILS_TITLE,
    *,
    repeat: int = 1,
    outline: bool = False,
    password: str | None = None,
    body: int = 0,
) -> bytes:
    """A PDF with a running header and page numbers on every page, the title in 22 pt bold,
    level-1 headings in 15 pt bold, level-2 in 11 pt bold, body text in 10.5 pt regular,
    hard-wrapped with hyphenated breaks. ``repeat`` writes the sections that many times (each
    copy numbered), ``body`` multiplies each paragraph, ``outline`` adds bookmarks."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    encrypt = None
    if password:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(password, canPrint=1)
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    pdf.setTitle(title)
    width, height = A4
    margin, y, page = 72, 0.0, 0

    def new_page():
        nonlocal y, page
        if page:
            pdf.showPage()
        page += 1
        pdf.setFont("Helvetica-Oblique", 9)
        pdf.drawString(margin, height - 40, f"{title} — Field guide series")
        pdf.drawCentredString(width / 2, 30, str(page))
        y = height - margin

    def need(space):
        if y - space < margin:
            new_page()

    new_page()
    pdf.setFont("Helvetica-Bold", 22)
    pdf.drawString(margin, y, title)
    y -= 40
    for copy in range(repeat):
        for number, (level, heading, paragraphs) in enumerate(sections):
            text = heading if repeat == 1 else f"{heading} {copy + 1}"
            size = 15 if level == 1 else 11
            need(size * 3 + 40)
            y -= 10 if level == 1 else 4
            pdf.setFont("Helvetica-Bold", size)
            pdf.drawString(margin, y, text)
            if outline:
                key = f"h{copy}-{number}"
                pdf.bookmarkHorizontal(key, margin, y + size)
                pdf.addOutlineEntry(text, key, level=level - 1)
            y -= size + 8
            for paragraph in paragraphs:
                words = " ".join([paragraph] * (body or (4 if repeat > 1 else 1)))
                for line in _wrap(words, 88):
                    need(14)
                    pdf.setFont("Helvetica", 10.5)
                    pdf.drawString(margin, y, line)
                    y -= 13.5
                y -= 8
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    """Hard-wrap at ``width`` characters, breaking a long word with a hyphen now and then."""
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 <= width:
            line = f"{line} {word}".strip()
        elif len(word) >= 8 and len(line) + 5 < width:
            cut = width - len(line) - 2
            cut = max(3, min(cut, len(word) - 3))
            lines.append(f"{line} {word[:cut]}-".strip())
            line = word[cut:]
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def soils_epub(sections=SOILS, title=SOILS_TITLE) -> bytes:
    """An EPUB 3: one XHTML chapter per level-1 section (h1, with h2 sub-sections), a nav
    document, and a cover page with no heading."""
    import zipfile

    chapters: list[str] = []
    for level, heading, paragraphs in sections:
        if level == 1:
            chapters.append("")
        tag = f"h{level}"
        chapters[-1] += f"<{tag}>{heading}</{tag}>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    xhtml = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>{title}</title></head><body>{body}</body></html>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as epub:
        epub.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        epub.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = [
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
            '<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>',
        ]
        spine = ['<itemref idref="cover"/>']
        links = []
        for n, body in enumerate(chapters, start=1):
            epub.writestr(f"OEBPS/text/ch{n}.xhtml", xhtml.format(title=f"Chapter {n}", body=body))
            items.append(
                f'<item id="ch{n}" href="text/ch{n}.xhtml" media-type="application/xhtml+xml"/>'
            )
            spine.append(f'<itemref idref="ch{n}"/>')
            links.append(f'<li><a href="text/ch{n}.xhtml">Chapter {n}</a></li>')
        epub.writestr("OEBPS/cover.xhtml", xhtml.format(title=title, body=f"<p>{title}</p>"))
        epub.writestr(
            "OEBPS/nav.xhtml",
            xhtml.format(title="Contents", body=f"<nav><ol>{''.join(links)}</ol></nav>"),
        )
        epub.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title></metadata><manifest>{''.join(items)}</manifest>"
            f"<spine>{''.join(spine)}</spine></package>",
        )
    return buffer.getvalue()
