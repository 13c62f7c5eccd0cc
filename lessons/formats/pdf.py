"""PDF files → sections, read with PDFium (pypdfium2).

Text comes in reading order, line by line, with each line's font size, weight and position.
Running headers, footers and page numbers (lines repeated at the page edges) are removed and
hyphenated line breaks joined. The PDF outline (bookmarks) gives the headings when it has them;
otherwise a heading is a short line set larger or bolder than the body text, and its level is
the rank of its size and weight.
"""

import ctypes
import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..parsing import (
    MAX_HEADING_CHARS,
    Block,
    DocumentError,
    ParsedDocument,
    Section,
    _append_block,
    _escape,
    assemble_document,
)

_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:page|p\.|seite)?\s*(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/|von)\s*\d{1,4})?[\W_]*$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[•●▪◦‣∙·*–-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_FORCE_BOLD = 1 << 18
# A table-of-contents entry with dot leaders: "2.1 Methods . . . . . . 14".
_TOC_ENTRY = re.compile(r"(?:\.{4,}|(?:\s\.){4,})\s*\d+$")
_CONTENTS = re.compile(r"^(?:table of )?contents$", re.I)
_CHAPTER_LABEL = re.compile(r"^(?:chapter|part|appendix)\s+[\w.]+$", re.I)
# Section numbering before a heading's words: "5.1 ", "Chapter 5 ", "IV. ".
_HEADING_NUMBER = re.compile(r"^(?:chapter\s+)?(?:\d+(?:\.\d+)*\.?|[ivxlc]+\.)\s+", re.I)
_SENTENCE_END = tuple(".!?:;")
_HYPHENS = ("-", "\u00ad", "\x02")


@dataclass
class _Line:
    page: int
    text: str
    size: float
    bold: bool
    top: float
    bottom: float
    left: float
    right: float
    edge: bool = False  # among the first or last two lines of its page

    @property
    def key(self) -> str:
        """The line with its numbers blurred: a running header with the page number in it."""
        return re.sub(r"\d+", "#", " ".join(self.text.lower().split()))

    @property
    def look(self) -> tuple[float, bool]:
        return (round(self.size * 2) / 2, self.bold)


def read_pdf(data: bytes, *, max_pages: int) -> ParsedDocument:
    if b"%%EOF" not in data[-4096:]:
        raise DocumentError(
            "The PDF file is incomplete (it does not end as a PDF must); it may have been cut "
            "off during download. Download or export it again."
        )
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(
                "The PDF is protected by a password. Remove the protection (print or export it "
                "to a new PDF) and import that file."
            ) from None
        raise DocumentError(f"The PDF file is damaged and could not be read ({exc}).") from None
    try:
        pages = len(pdf)
        if pages == 0:
            raise DocumentError("The PDF has no pages.")
        if pages > max_pages:
            raise DocumentError(
                f"The PDF has {pages} pages; at most {max_pages} are accepted. Split it into "
                "several documents."
            )
        lines = []
        for index in range(pages):
            lines.extend(_page_lines(pdf, index))
        title = _metadata_title(pdf)
        outline = _outline(pdf)
    finally:
        pdf.close()
    text_chars = sum(len(line.text.replace(" ", "")) for line in lines)
    if text_chars < 20 * pages and text_chars < 200:
        raise DocumentError(
            "The PDF has no text layer: its pages are images (a scan?). Run it through text "
            "recognition (OCR) first, or import the original document."
        )
    notes = []
    lines, removed = _without_running_lines(lines, pages)
    if removed:
        notes.append(f"{removed} running header, footer and page-number lines removed")
    if len(outline) >= 2:
        flat, preamble = _sections_from_outline(lines, outline)
        notes.append(f"headings from the PDF's {len(outline)} bookmarks")
        # A title line above the first bookmark names the document.
        if len(preamble) == 1 and _heading_shaped(preamble[0].text.replace("\\", "")):
            line = preamble.pop().text.replace("\\", "")
            title = title or line
        document = assemble_document("pdf", flat, preamble=preamble, title=title)
    else:
        flat, preamble, heading_title = _sections_from_fonts(lines)
        document = assemble_document("pdf", flat, preamble=preamble, title=heading_title)
        document.title = document.title or title
    document.notes = notes
    return document


# --- Reading the pages ------------------------------------------------------------------------


def _page_lines(pdf, index: int) -> list[_Line]:
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        count = pdfium_c.FPDFText_CountChars(textpage)
        text = textpage.get_text_range(0, count) if count else ""
        # One call for the page; char by char only when PDFium's text and char list differ.
        chars = (
            list(text)
            if len(text) == count
            else [chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count)]
        )
        lines: list[_Line] = []
        start = 0
        for i in range(count + 1):
            if i < count and chars[i] not in "\r\n":
                continue
            line = _line(textpage, index, chars, start, i)
            if line is not None:
                lines.append(line)
            start = i + 1
    finally:
        textpage.close()
        page.close()
    for line in lines[:2] + lines[-2:]:
        line.edge = True
    return lines


def _line(textpage, page: int, chars: list[str], start: int, end: int) -> _Line | None:
    text = "".join(chars[start:end]).replace("\x02", "-").replace("\ufffe", "")
    # Characters outside the BMP come as surrogate pairs: join them, drop strays.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    stripped = " ".join(text.split())
    if not stripped:
        return None
    visible = [i for i in range(start, end) if not chars[i].isspace()]
    samples = sorted({visible[0], visible[len(visible) // 2], visible[-1]})
    sizes, bolds = [], []
    for i in samples:
        sizes.append(pdfium_c.FPDFText_GetFontSize(textpage, i))
        bolds.append(_is_bold(textpage, i))
    boxes = [_box(textpage, visible[0]), _box(textpage, visible[-1])]
    return _Line(
        page=page,
        text=stripped,
        size=sorted(sizes)[len(sizes) // 2],
        bold=all(bolds),
        left=boxes[0][0],
        right=boxes[1][1],
        bottom=min(boxes[0][2], boxes[1][2]),
        top=max(boxes[0][3], boxes[1][3]),
    )


def _box(textpage, index: int) -> tuple[float, float, float, float]:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium_c.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
    return left.value, right.value, bottom.value, top.value


def _is_bold(textpage, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(textpage, index) >= 600:
        return True
    flags = ctypes.c_int()
    buffer = ctypes.create_string_buffer(128)
    pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, 128, flags)
    name = buffer.value.decode("latin-1", "ignore").lower()
    return bool(flags.value & _FORCE_BOLD) or any(
        word in name for word in ("bold", "black", "heavy", "semibold", "demi")
    )


def _metadata_title(pdf) -> str:
    try:
        title = " ".join((pdf.get_metadata_value("Title") or "").split())
    except (pdfium.PdfiumError, KeyError):
        return ""
    # Word processors fill in file names and templates; those are not titles.
    if not title or re.search(r"\.(docx?|pdf|tex|odt)$|^untitled|^microsoft", title, re.I):
        return ""
    return title[:200]


def _outline(pdf) -> list[tuple[int, str, int | None]]:
    items = []
    for bookmark in pdf.get_toc():
        title = " ".join((bookmark.get_title() or "").split())
        dest = bookmark.get_dest()
        page = dest.get_index() if dest is not None else None
        if title:
            items.append((bookmark.level + 1, title, page))
    return items


def _without_running_lines(lines: list[_Line], pages: int) -> tuple[list[_Line], int]:
    """Drop page numbers and lines repeated at the top or bottom of many pages."""
    at_edges = Counter()
    for key in {(line.page, line.key) for line in lines if line.edge}:
        at_edges[key[1]] += 1
    threshold = max(2, pages // 2) if pages >= 2 else 2
    running = {key for key, n in at_edges.items() if n >= threshold}
    # A book's running head changes with the chapter but carries the page number, which runs
    # with the page index: "10 CHAPTER 3. LITERATURE", "3.2. RESULTS 11".
    numbers = {(line.page, _printed_number(line.text)) for line in lines if line.edge}
    offsets = Counter(n - page for page, n in numbers if n is not None)
    offset, count = offsets.most_common(1)[0] if offsets else (None, 0)
    numbered = offset is not None and count >= max(3, pages // 3)
    kept = [
        line
        for line in lines
        if not (
            line.edge
            and (
                line.key in running
                or _PAGE_NUMBER.match(line.text)
                or (numbered and _printed_number(line.text) == line.page + offset)
            )
        )
        and not _TOC_ENTRY.search(line.text)
    ]
    return kept, len(lines) - len(kept)


def _printed_number(text: str) -> int | None:
    """The page number a running head starts or ends with, if any."""
    match = re.match(r"^(\d{1,4})\s", text) or re.search(r"\s(\d{1,4})$", text)
    return int(match.group(1)) if match else None


# --- Headings -----------------------------------------------------------------------------------


def _body_look(lines: list[_Line]) -> tuple[float, bool]:
    weights = Counter()
    for line in lines:
        weights[line.look] += len(line.text)
    return weights.most_common(1)[0][0]


def _heading_shaped(text: str) -> bool:
    words = text.split()
    return (
        len(text) <= MAX_HEADING_CHARS
        and 0 < len(words) <= 20
        and any(ch.isalpha() for ch in text)
        and not text.endswith((".", ",", ";"))
        and not _BULLET.match(text)
    )


def _sections_from_fonts(lines: list[_Line]):
    """Headings are short lines larger than the body text, or bold where the body is not."""
    if not lines:
        return [], [], ""
    body_size, body_bold = _body_look(lines)
    headings: list[tuple[int, int, tuple[float, bool]]] = []  # (first line, last line, look)
    i = 0
    while i < len(lines):
        line = lines[i]
        size, bold = line.look
        larger = size >= body_size * 1.12
        emphasised = bold and not body_bold and size >= body_size * 0.95
        if (larger or emphasised) and _heading_shaped(line.text):
            end = i
            # A heading broken over lines: the same look, close below, together still short.
            while (
                end + 1 < len(lines)
                and lines[end + 1].look == line.look
                and lines[end + 1].page == line.page
                and lines[end].bottom - lines[end + 1].top < line.size * 0.8
                and _heading_shaped(" ".join(x.text for x in lines[i : end + 2]))
            ):
                end += 1
            headings.append((i, end, line.look))
            i = end + 1
            continue
        i += 1
    looks = sorted({look for _, _, look in headings}, key=lambda look: (-look[0], not look[1]))
    title = ""
    counts = Counter(look for _, _, look in headings)
    if (
        len(looks) >= 2
        and headings
        and headings[0][2] == looks[0]
        and counts[looks[0]] == 1
        and lines[headings[0][0]].page == 0
    ):
        # The largest line, once, at the top of the first page: the document's title.
        first, last, _ = headings.pop(0)
        title = " ".join(line.text for line in lines[first : last + 1])
        looks = looks[1:]
        lines = lines[:first] + lines[last + 1 :]
        shift = last + 1 - first
        headings = [(a - shift, b - shift, look) for a, b, look in headings]
    levels = {look: min(n + 1, 6) for n, look in enumerate(looks)}
    flat: list[Section] = []
    preamble: list[Block] = []
    position = 0
    for first, last, look in headings:
        before = lines[position:first]
        _add_text(flat[-1].blocks if flat else preamble, before if flat else _front_text(before))
        heading = " ".join(line.text for line in lines[first : last + 1])
        flat.append(Section(title=heading[:200], level=levels[look], level_source="size"))
        position = last + 1
    _add_text(flat[-1].blocks if flat else preamble, lines[position:])
    return flat, preamble, title


def _sections_from_outline(lines: list[_Line], outline):
    """Each bookmark's title is found among the lines of its page (or the next one)."""
    starts: list[tuple[int, int, int, str]] = []  # (first line, last line, level, title)
    position = 0
    for level, title, page in outline:
        found = _find_heading(lines, title, page, position)
        if found is None:
            at = next(
                (
                    n
                    for n in range(position, len(lines))
                    if page is not None and lines[n].page >= page
                ),
                len(lines),
            )
            starts.append((at, at - 1, level, title))
            position = at
        else:
            first = found[0]
            # LaTeX sets "Chapter 3" on a line of its own above the chapter's title.
            if (
                first > position
                and lines[first - 1].page == lines[first].page
                and _CHAPTER_LABEL.match(lines[first - 1].text)
            ):
                first -= 1
            starts.append((first, found[1], level, title))
            position = found[1] + 1
    flat: list[Section] = []
    preamble: list[Block] = []
    position = 0
    for first, last, level, title in starts:
        before = lines[position:first]
        _add_text(flat[-1].blocks if flat else preamble, before if flat else _front_text(before))
        flat.append(Section(title=title[:200], level=level, level_source="outline"))
        position = max(position, last + 1)
    _add_text(flat[-1].blocks if flat else preamble, lines[position:])
    return flat, preamble


def _front_text(lines: list[_Line]) -> list[_Line]:
    """What is worth keeping before the first heading: not a contents list, not a title page
    (short lines only: title, author, date)."""
    kept: list[_Line] = []
    in_contents = False
    for line in lines:
        if _CONTENTS.match(line.text):
            in_contents = True
            continue
        if in_contents and re.search(r"\s\d{1,4}$", line.text):
            continue
        in_contents = False
        kept.append(line)
    if all(len(line.text.split()) <= 10 and not line.text.endswith(".") for line in kept):
        return []
    return kept


def _normal(text: str) -> str:
    """Compare titles without case, punctuation or section numbers."""
    return re.sub(r"\W+", " ", _HEADING_NUMBER.sub("", text.strip())).strip().casefold()


def _find_heading(lines: list[_Line], title: str, page, start: int) -> tuple[int, int] | None:
    wanted = _normal(title)
    for n in range(start, len(lines)):
        if page is not None and lines[n].page < page:
            continue
        if page is not None and lines[n].page > page + 1:
            return None
        joined = ""
        for m in range(n, min(n + 3, len(lines))):
            joined = _normal(f"{joined} {lines[m].text}")
            if joined == wanted:
                return n, m
            if not wanted.startswith(joined):
                break
    return None


# --- Body text ----------------------------------------------------------------------------------


def _add_text(blocks: list[Block], lines: list[_Line]) -> None:
    """Lines → paragraphs and lists: a new paragraph after a wider gap, an indent or a short line
    that ends a sentence; hyphenated line breaks are joined."""
    paragraph: list[str] = []
    items: list[list[str]] = []
    previous: _Line | None = None

    def flush() -> None:
        if paragraph:
            _append_block(blocks, Block("paragraph", _escape(_join(paragraph))))
            paragraph.clear()
        if items:
            ordered = bool(re.match(r"\(?\d", items[0][0]))
            rendered = [
                (f"{n + 1}. " if ordered else "- ") + _escape(_BULLET.sub("", _join(item), count=1))
                for n, item in enumerate(items)
            ]
            _append_block(blocks, Block("list", "\n".join(rendered), ordered=ordered))
            items.clear()

    width = max((line.right for line in lines), default=0)
    for line in lines:
        new_block = previous is None
        if previous is not None:
            gap = previous.bottom - line.top
            ended = previous.text.endswith(_SENTENCE_END)
            if line.page == previous.page:
                new_block = (
                    gap > line.size * 0.9
                    or gap < -line.size * 3  # a new column
                    or (ended and previous.right < width - line.size * 4)
                    or (ended and line.left > previous.left + line.size)
                )
            else:
                new_block = ended
        if _BULLET.match(line.text):
            if paragraph:
                flush()
            items.append([line.text])
        elif items and not new_block:
            items[-1].append(line.text)
        else:
            if new_block or items:
                flush()
            paragraph.append(line.text)
        previous = line
    flush()


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one string; "infor-" + "mation" becomes "information"."""
    text = ""
    for line in lines:
        if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text
