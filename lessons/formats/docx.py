"""Word .docx files → sections: heading styles (or outline levels) give the levels; lists and
tables are kept, images skipped. Without heading styles, bold or larger lines are headings."""

import io
import re
import zipfile
from collections import Counter

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from ..parsing import (
    MAX_HEADING_CHARS,
    MAX_HEADING_WORDS,
    Block,
    DocumentError,
    ParsedDocument,
    Section,
    _append_block,
    _escape,
    assemble_document,
)

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre|título|titolo|kop)\s*(\d)$", re.I)
_LIST_STYLE = re.compile(r"^list", re.I)


def read_docx(data: bytes) -> ParsedDocument:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, etree.XMLSyntaxError, EOFError):
        raise DocumentError(
            "The Word file is damaged or incomplete (it may have been cut off during download). "
            "Open and save it again in Word, then retry."
        ) from None
    except ValueError as exc:
        raise DocumentError(f"The Word file could not be read: {exc}.") from None
    numbering = _numbering_formats(document)
    items = list(_body_items(document))
    paragraphs = [item for item in items if isinstance(item, Paragraph)]
    styled = any(_style_level(p) for p in paragraphs)
    formatted = {} if styled else _formatted_levels(paragraphs)

    title = ""
    flat: list[Section] = []
    preamble: list[Block] = []
    list_lines: list[str] = []
    list_ordered = False

    def target() -> list[Block]:
        return flat[-1].blocks if flat else preamble

    def flush_list() -> None:
        nonlocal list_ordered
        if list_lines:
            _append_block(target(), Block("list", "\n".join(list_lines), ordered=list_ordered))
            list_lines.clear()

    for item in items:
        if isinstance(item, Table):
            flush_list()
            table = _table_markdown(item)
            if table:
                target().append(Block("table", table))
            continue
        text = " ".join(item.text.split())
        if not text:
            continue
        style = (item.style.name if item.style is not None else "") or ""
        if style.lower() == "title" and not title and not flat:
            flush_list()
            title = text
            continue
        level = _style_level(item) if styled else formatted.get(id(item), 0)
        if level:
            flush_list()
            source = "style" if styled else "size"
            flat.append(Section(title=text[:200], level=level, level_source=source))
            continue
        kind = _list_kind(item, style, numbering)
        if kind:
            if list_lines and (kind == "ordered") != list_ordered:
                flush_list()
            list_ordered = kind == "ordered"
            marker = f"{len(list_lines) + 1}." if list_ordered else "-"
            list_lines.append(f"{marker} {_runs_markdown(item)}")
            continue
        flush_list()
        _append_block(target(), Block("paragraph", _runs_markdown(item)))
    flush_list()
    if not flat and not preamble:
        raise DocumentError("The Word file has no text to turn into lessons.")
    parsed = assemble_document("docx", flat, preamble=preamble, title=title)
    if not parsed.title:
        core = (document.core_properties.title or "").strip()
        parsed.title = core if core and core.lower() not in ("document", "title") else ""
    return parsed


def _body_items(document):
    """Paragraphs and tables in reading order (python-docx lists them separately)."""
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document)


def _style_level(paragraph: Paragraph) -> int:
    """1–6 from a "Heading N" style or an outline level on the paragraph or its styles."""
    p_pr = paragraph._p.pPr
    outline = _outline_level(p_pr)
    if outline is not None:
        return outline
    style = paragraph.style
    while style is not None:
        match = _HEADING_STYLE.match(style.name or "")
        if match and 1 <= int(match.group(1)) <= 9:
            return min(int(match.group(1)), 6)
        outline = _outline_level(style.element.pPr)
        if outline is not None:
            return outline
        style = style.base_style
    return 0


def _outline_level(p_pr) -> int | None:
    if p_pr is None:
        return None
    element = p_pr.find(qn("w:outlineLvl"))
    if element is None:
        return None
    value = int(element.get(qn("w:val"), "9"))
    return min(value + 1, 6) if value < 9 else None


def _formatted_levels(paragraphs: list[Paragraph]) -> dict[int, int]:
    """Headings typed by hand: short lines all in bold or larger than the body text, levels
    ranked by size then boldness (as for PDF)."""
    sizes: Counter = Counter()
    looks: dict[int, tuple[float, bool]] = {}
    for paragraph in paragraphs:
        runs = [run for run in paragraph.runs if run.text.strip()]
        if not runs:
            continue
        size = max((run.font.size.pt if run.font.size else _style_size(paragraph)) for run in runs)
        sizes[size] += len(paragraph.text)
        bold = all(run.bold or (run.bold is None and _style_bold(paragraph)) for run in runs)
        looks[id(paragraph)] = (size, bold)
    if not sizes:
        return {}
    body = sizes.most_common(1)[0][0]
    candidates: dict[int, tuple[float, bool]] = {}
    for paragraph in paragraphs:
        look = looks.get(id(paragraph))
        text = paragraph.text.strip()
        if look is None or not _heading_shaped(text):
            continue
        size, bold = look
        if size > body * 1.1 or (bold and size >= body * 0.95):
            candidates[id(paragraph)] = look
    ranks = sorted(set(candidates.values()), key=lambda look: (-look[0], not look[1]))
    return {key: ranks.index(look) + 1 for key, look in candidates.items()}


def _heading_shaped(text: str) -> bool:
    return (
        0 < len(text) <= MAX_HEADING_CHARS
        and len(text.split()) <= MAX_HEADING_WORDS
        and not text.endswith((".", ",", ";", ":"))
    )


def _style_size(paragraph: Paragraph) -> float:
    style = paragraph.style
    while style is not None:
        if style.font.size:
            return style.font.size.pt
        style = style.base_style
    return 11.0


def _style_bold(paragraph: Paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _numbering_formats(document) -> dict[tuple[str, str], str]:
    """(numId, level) → numFmt ("bullet", "decimal"...) from the numbering part, if any."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for element in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in element.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            levels[lvl.get(qn("w:ilvl"))] = fmt.get(qn("w:val")) if fmt is not None else ""
        abstract[element.get(qn("w:abstractNumId"))] = levels
    formats = {}
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for ilvl, fmt in abstract.get(ref.get(qn("w:val")), {}).items():
            formats[(num.get(qn("w:numId")), ilvl)] = fmt
    return formats


def _list_kind(paragraph: Paragraph, style: str, numbering: dict) -> str:
    """ "ordered", "bullet", or "" for a paragraph that is not a list item."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
    if num_pr is not None:
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        key = (
            num_id.get(qn("w:val")) if num_id is not None else "",
            ilvl.get(qn("w:val")) if ilvl is not None else "0",
        )
        if key[0] == "0":
            return ""
        return "bullet" if numbering.get(key, "bullet") in ("bullet", "none", "") else "ordered"
    if _LIST_STYLE.match(style):
        return "ordered" if "number" in style.lower() else "bullet"
    return ""


def _runs_markdown(paragraph: Paragraph) -> str:
    """The paragraph's text as Markdown, keeping bold and italic runs."""
    parts = []
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        escaped = _escape(text)
        core = escaped.strip()
        if core and run.bold:
            escaped = escaped.replace(core, f"**{core}**", 1)
        elif core and run.italic:
            escaped = escaped.replace(core, f"*{core}*", 1)
        parts.append(escaped)
    text = "".join(parts) or _escape(paragraph.text)
    return " ".join(text.split()).replace("****", "")


def _table_markdown(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = [" ".join(cell.text.split()).replace("|", "\\|") for cell in row.cells]
        rows.append(cells)
    rows = [row for row in rows if any(row)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)
