"""Turns a source document into a tree of sections: no ORM, no settings.

Plain text and Markdown are read here; Word, PDF, HTML and EPUB readers live in lessons/formats/
and hand back the same ParsedDocument.
"""

import functools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

import yaml
from charset_normalizer import from_bytes
from markdown_it import MarkdownIt

Format = Literal["auto", "markdown", "text", "html", "docx", "pdf", "epub"]
FORMATS = ("auto", "markdown", "text", "html", "docx", "pdf", "epub")
TEXT_FORMATS = ("markdown", "text")

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Word, PDF and EPUB files carry images and fonts, so their files may be larger than text.
DEFAULT_MAX_FILE_BYTES = 40 * 1024 * 1024
DEFAULT_MAX_PAGES = 1000
DEFAULT_MAX_SECTIONS = 500
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14
MAX_TITLE_CHARS = 200

_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|(\d{1,3})[.)])\s+")
_CLOSING_PUNCTUATION = tuple(".!?:;,…\"'”’)")
# Note markers a wiki or journal text leaves after a sentence: "standards.[28]", "stated:[3][4]",
# "[a]", "[note 2]", "[citation needed]". The sentence ends before them.
_NOTE_MARKERS = re.compile(r"(?:\[(?:\d{1,3}|[a-z]|(?:note|nb|n)\s?\d{1,3}|citation needed)\])+$")
# An equation or a reaction: a relation sign or an arrow standing between two terms.
_RELATION = re.compile(r"\S\s+[=≠≈≡≤≥<>→←↔⇌⟶⇒⇔]\s+\S")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_STOPWORD_TEXT = (
    "a an and are as at be between but by for from has have how in into is it its of on or "
    "our the their this to vs was were what when where which who why with within without"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Opening words that announce a closing summary of the whole document, whatever its subject.
_CONCLUDING_OPENERS = re.compile(
    r"^(in conclusion|to conclude|in summary|to sum up|in sum|summing up|overall|all in all|"
    r"in closing|to summari[sz]e|taken together|in the end)\b",
    re.IGNORECASE,
)


class DocumentError(Exception):
    """A document that cannot become a course; ``message`` is meant for the person importing."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Block:
    """One piece of a section body. ``kind`` is paragraph, list, quote or code."""

    kind: str
    text: str  # the block as Markdown
    ordered: bool = False  # lists only
    lead_in: str = ""  # lists only: the paragraph ending in ':' that introduces the list

    @property
    def markdown(self) -> str:
        return f"{self.lead_in}\n\n{self.text}" if self.lead_in else self.text


# What gave a heading its level, shown on the import preview so an instructor can check it.
LEVEL_SOURCES = {
    "heading": "Markdown heading",
    "tag": "HTML h1–h6",
    "style": "heading style",
    "size": "font size and weight",
    "outline": "PDF bookmarks",
    "numbering": "numbering",
    "underline": "underline",
    "framed": "marks on both sides",
    "capitals": "capitals",
    "spacing": "blank lines before it",
    "announced": "announced by its parent",
    "line": "short line",
    "document": "text outside any heading",
}


@dataclass
class Section:
    title: str
    level: int = 1
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    level_source: str = ""  # a key of LEVEL_SOURCES

    @property
    def level_source_label(self) -> str:
        return LEVEL_SOURCES.get(self.level_source, "")

    @property
    def body(self) -> str:
        """The section's text as Markdown, blocks separated by blank lines."""
        return "\n\n".join(block.markdown for block in self.blocks)

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if block.kind == "paragraph"]


@dataclass
class ParsedDocument:
    format: str  # one of FORMATS but "auto"
    sections: list[Section]  # top-level sections; nested ones are in ``children``
    title: str = ""  # the document's own title (front matter, single top heading, first line...)
    notes: list[str] = field(default_factory=list)  # what the reader removed or assumed

    def markdown(self) -> str:
        """The whole document as Markdown: what a course keeps as its source text."""
        parts = [f"# {self.title}"] if self.title else []
        shift = 1 if self.title else 0
        for section in self.flat():
            parts.append(f"{'#' * min(6, section.level + shift)} {section.title}")
            if section.blocks:
                parts.append(section.body)
        return "\n\n".join(parts) + "\n"

    def flat(self) -> list[Section]:
        """Every section in reading order (parents before their children)."""
        out: list[Section] = []

        def walk(sections: list[Section]) -> None:
            for section in sections:
                out.append(section)
                walk(section.children)

        walk(self.sections)
        return out

    def kinds(self) -> list[str]:
        """Each section's kind, in ``flat()`` order: REFERENCE for back matter
        (``is_back_matter``) and every section under it, STUDY for the rest."""
        out: list[str] = []

        def walk(sections: list[Section], inherited: bool) -> None:
            for section in sections:
                reference = inherited or is_back_matter(section.title, section.blocks)
                out.append(REFERENCE if reference else STUDY)
                walk(section.children, reference)

        walk(self.sections, False)
        return out


# --- Back matter ----------------------------------------------------------------------------

# A section is a study lesson, or reference matter: the apparatus around the text (its
# references, notes, links, bibliography) and a web page's leftovers (its menus, its list of
# other languages). Reference sections stay in the course's tree but are not studied: no
# questions, no place in progress or coverage.
STUDY, REFERENCE = "study", "reference"

# Headings that name back matter whatever the section holds, compared as their letters only
# (case, punctuation, numbering and "and"/"&" ignored: "10. Notes & References" is "notes
# references"). Only whole headings count: "Notes on method" or "Sources of energy" are study.
BACK_MATTER_TITLES = frozenset(
    {
        "references",
        "reference list",
        "notes references",
        "references notes",
        "references further reading",
        "references sources",
        "sources references",
        "citations references",
        "references citations",
        "footnotes",
        "endnotes",
        "footnotes references",
        "bibliography",
        "select bibliography",
        "selected bibliography",
        "further bibliography",
        "notes bibliography",
        "bibliography notes",
        "works cited",
        "literature cited",
        "references cited",
        "cited works",
        "cited literature",
        "external links",
        "external links references",
        "see also",
        "further reading",
        "additional reading",
        "suggested reading",
        "suggested further reading",
        "further reading external links",
        "navigation menu",  # a saved web page's menus (its "Languages", "Tools" below it)
    }
)
# Headings that name back matter in a reference work but may head prose elsewhere (a lab's
# "Notes", a historian's "Sources", a country's "Languages"): back matter only when the section
# has no prose, its entries being short lines (links, names) or citations.
BACK_MATTER_TITLES_WITHOUT_PROSE = frozenset(
    {
        "notes",
        "sources",
        "citations",
        "languages",
        "links",
        "web links",
        "other languages",
        "contents",
        "table of contents",
        "reading list",
        "readings",
        "literature",
    }
)
# An entry of prose: a paragraph or list item of this many words at least that is not a
# citation.
_PROSE_WORDS = 12
# What marks an entry as a citation or a footnote: a year in brackets ("Smith, J. (2001).") or
# after a comma, an ISBN, a DOI, a URL, a page reference, "Retrieved ...", a wiki footnote's
# back-link caret ("^ Smith 2001, p. 3."), "et al.", a journal's volume and issue ("2 (2) :").
_CITATION = re.compile(
    r"\((?:c\.\s*)?\d{4}[a-z]?\)|,\s*\d{4}[a-z]?[.,)]|\bISBN\b|\bdoi\b|https?:|www\.|\bpp?\.\s*\d"
    r"|\bRetrieved\b|\bet al\b|^\W*(?:\d{1,3}[.)]?\s*)?[\^↑]|\b\d+\s*\(\d+\)\s*:",
    re.IGNORECASE,
)


def _title_key(title: str) -> str:
    words = re.findall(r"[^\W\d_]+", title.casefold())
    return " ".join(word for word in words if word != "and")


def is_back_matter(title: str, blocks: list[Block]) -> bool:
    """Whether a section headed ``title`` is back matter by its own heading and body (a section
    under back matter is too: ``ParsedDocument.kinds``). Conservative: a heading outside the two
    lists above never is, whatever its body, and an ambiguous one is only without prose."""
    key = _title_key(title)
    if key in BACK_MATTER_TITLES:
        return True
    if key not in BACK_MATTER_TITLES_WITHOUT_PROSE:
        return False
    return not any(_is_prose(entry) for block in blocks for entry in _entries(block))


def _entries(block: Block) -> list[str]:
    """A block's entries: a list's items (and its lead-in), a code block's lines, a paragraph."""
    if block.kind == "code":
        return block.text.splitlines()
    if block.kind != "list":
        return [block.text]
    items = re.split(r"\n(?=\s*(?:[-*+•]|\d{1,3}[.)])\s)", block.text)
    return [block.lead_in, *(_LIST_ITEM.sub("", item, count=1) for item in items)]


def _is_prose(entry: str) -> bool:
    entry = entry.replace("\\", "")
    return len(_WORD.findall(entry)) >= _PROSE_WORDS and not _CITATION.search(entry)


# --- Decoding and limits ------------------------------------------------------------------


def decode_document(data: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Text bytes or str → text with '\\n' line endings, or DocumentError.

    UTF-8 (with or without BOM) is tried first; UTF-16/32 (BOM or the zero bytes of ASCII text)
    and legacy 8-bit encodings such as Windows-1252 are detected with charset-normalizer.
    """
    if isinstance(data, str):
        size = len(data.encode("utf-8", errors="surrogatepass"))
        text = data
    else:
        size = len(data)
        if size == 0:
            raise DocumentError("The document is empty.")
        if size > max_bytes:
            raise DocumentError(_too_large(size, max_bytes))
        text = _decode_bytes(data)
    if size > max_bytes:
        raise DocumentError(_too_large(size, max_bytes))
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise DocumentError("This looks like a binary file, not a text document.")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\t\f")
    if controls > 0.01 * min(len(text), 8192):
        raise DocumentError("This looks like a binary file, not a text document.")
    if not text.strip():
        raise DocumentError("The document is empty.")
    if not any(ch.isalnum() for ch in text):
        raise DocumentError("The document has no text to turn into lessons.")
    return text


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _decode_bytes(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise DocumentError(
                    f"The document starts with a {encoding.upper()} byte-order mark but is not "
                    f"valid {encoding.upper()} text. Save it as UTF-8 and try again."
                ) from None
    sample = data[:8192]
    if b"\x00" in sample:
        # ASCII text in UTF-16 without a BOM has a zero byte beside every letter.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2
        encoding = "utf-16-be" if even > 0.3 * half else "utf-16-le" if odd > 0.3 * half else ""
        try:
            if encoding and (even == 0 or odd == 0):
                return data.decode(encoding)
        except UnicodeDecodeError:
            pass
        raise DocumentError("This looks like a binary file, not a text document.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        position = exc.start
    best = from_bytes(data[:262144]).best()
    if best is None or best.encoding.startswith("utf"):
        raise DocumentError(
            f"The document's encoding could not be recognised (undecodable byte at position "
            f"{position}). Save it as UTF-8 and try again."
        )
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise DocumentError(
            f"The document is neither UTF-8 nor {best.encoding} text. Save it as UTF-8 and try "
            "again."
        ) from None


def _too_large(size: int, max_bytes: int) -> str:
    limit = file_size(max_bytes)
    return f"The document is {file_size(size)}, larger than the largest accepted ({limit})."


def file_size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} KB"


# --- Format detection ----------------------------------------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)", re.MULTILINE)
_MD_SETEXT = re.compile(r"(?<=\S)[ \t]*\n {0,3}(?:=+|-{2,})[ \t]*$", re.MULTILINE)
_MD_FEATURES = re.compile(r"^ {0,3}```|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|^ {0,3}> ", re.M)


def detect_format(text: str) -> str:
    """ "markdown" when the text uses Markdown headings or markup, else "text"."""
    if _FRONT_MATTER.match(text) and _front_matter(text)[1] is not None:
        return "markdown"
    # Framed headings ("***** History *****", "== History ==") mark a text dump, whose stars
    # would otherwise read as Markdown emphasis.
    framed = sum(1 for line in text.splitlines() if _FRAMED.match(line.strip()))
    if framed >= 2 and not _MD_HEADING.search(text):
        return "text"
    if _MD_HEADING.search(text) or _setext_heading(text) or _MD_FEATURES.search(text):
        return "markdown"
    return "text"


def _setext_heading(text: str) -> bool:
    """Whether a line reads as a heading underlined Markdown's way. A plain-text table's closing
    rule under its last cell ("  90" over "  ------", as pandoc writes tables) underlines no
    heading, and taking it for one would read the whole text as Markdown, whose bare-line
    headings then count for nothing."""
    for match in _MD_SETEXT.finditer(text):
        line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if is_heading_line(line) or _MD_FEATURES.search(line):
            return True
    return False


def parse_document(
    data: bytes | str,
    *,
    format: Format = "auto",
    filename: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_sections: int = DEFAULT_MAX_SECTIONS,
) -> ParsedDocument:
    """Decode, check and split a document; raises DocumentError with a readable message.

    ``filename`` (its extension) picks the format when ``format`` is "auto"; the bytes are checked
    to be what the name says (lessons/formats/sniff.py).
    """
    from .formats import read_document  # the readers build on this module

    if format not in FORMATS:
        raise DocumentError(f"Unknown format {format!r}: choose one of {', '.join(FORMATS)}.")
    document = read_document(
        data,
        format=format,
        filename=filename,
        max_bytes=max_bytes,
        max_file_bytes=max_file_bytes,
        max_pages=max_pages,
    )
    count = len(document.flat())
    if count == 0:
        raise DocumentError("The document has no text to turn into lessons.")
    if count > max_sections:
        raise DocumentError(
            f"The document has {count} sections; at most {max_sections} are accepted. "
            "Split it into several courses or use fewer headings."
        )
    return document


def parse_text(text: str, format: str = "auto") -> ParsedDocument:
    """Plain text or Markdown (already decoded)."""
    chosen = detect_format(text) if format == "auto" else format
    return parse_markdown(text) if chosen == "markdown" else parse_plain_text(text)


# --- Markdown -----------------------------------------------------------------------------

# Same options as lessons/rendering.py: raw HTML is text, so the split matches what is shown.
_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")

_FRONT_MATTER = re.compile(
    r"\A\s*(---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.S
)
# Pandoc/R Markdown heading attributes: {#id}, {-}, {.unnumbered}, {#id .class key=value}.
_HEADING_ATTRIBUTES = re.compile(r"\s*\{\s*(?:[-#.][^{}]*|[^{}]*=[^{}]*)\}\s*$")
_BOOKDOWN_PART = re.compile(r"^\((?:PART|APPENDIX)\\?\*?\)\s*")
# A fenced R Markdown / Quarto chunk: ```{r label, echo=FALSE}
_CHUNK_OPEN = re.compile(r"^(\s{0,3})(`{3,}|~{3,})\s*\{\s*([A-Za-z]\w*)([^}]*)\}\s*$")
_CHUNK_HIDDEN = re.compile(
    r"\b(?:include|echo)\s*=\s*F(?:ALSE)?\b|^#\|\s*(?:include|echo)\s*:\s*false", re.I | re.M
)
_CHUNK_FIGURE_ONLY = re.compile(r"^\s*(?:knitr::)?include_(?:graphics|url|app)\(.*\)\s*$")
_BOOKDOWN_REF = re.compile(r"\\?@ref\((?:[a-z]+:)?([^)]+)\)")
_QUARTO_REF = re.compile(r"(?<![\w@\\])@(fig|tbl|sec|eq|lst|thm|lem|def|exm)-([\w-]+)")
_QUARTO_KINDS = {
    "fig": "Figure",
    "tbl": "Table",
    "sec": "Section",
    "eq": "Equation",
    "lst": "Listing",
    "thm": "Theorem",
    "lem": "Lemma",
    "def": "Definition",
    "exm": "Example",
}
# A pandoc / R Markdown fenced div's opening or closing line: "::: callout", ":::: {.note}",
# "::::::". Only the marks go; the div's class labels nothing a reader needs.
_FENCED_DIV = re.compile(r"^ {0,3}:{3,}[ \t]*(?:\{[^{}]*\}|[\w-]+)?[ \t]*:*[ \t]*$")
_CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Lines that are only template code (Jekyll Liquid tags, kramdown attribute lists).
_TEMPLATE_LINE = re.compile(r"^\s*(?:\{%.*%\}|\{\{.*\}\}|\{:[^}]*\})\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# "[testthat]: https://...": a reference link's definition, often at the document's end, away
# from the lesson that uses it; and the uses, "[testthat]", "[the manual][man]", "[man][]".
_LINK_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)>?", re.M)
_REFERENCE_LINK = re.compile(r"(?<![\]\\])\[([^\[\]\n]+)\](?:\[([^\[\]\n]*)\])?(?![(:\[])")
_NAVIGATION_LEFTOVER = re.compile(r"[\s|·•»«/<>←→↑–—:-]*")
_GENERIC_HEADINGS = frozenset(
    {
        "introduction",
        "overview",
        "abstract",
        "preface",
        "foreword",
        "summary",
        "contents",
        "table of contents",
        "background",
        "preamble",
    }
)


def _front_matter(text: str) -> tuple[str, dict | None]:
    """Split off YAML (---) or TOML (+++) front matter: (rest of text, its data or None)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, None
    try:
        data = (
            tomllib.loads(match.group(2))
            if match.group(1) == "+++"
            else yaml.safe_load(match.group(2))
        )
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError):
        return text, None
    if not isinstance(data, dict):
        return text, None
    return text[match.end() :], data


def _prepare_markdown(text: str) -> tuple[str, str]:
    """Remove what only a site generator or knitr reads: front matter, chunk options, template
    lines; cross-references become words. Returns (Markdown, title from the front matter)."""
    text, meta = _front_matter(text)
    title = ""
    if meta:
        value = meta.get("title") or meta.get("Title")
        if isinstance(value, str | int | float):
            title = _clean_title(str(value))
    out: list[str] = []
    code: set[int] = set()  # indices in ``out`` of code lines (fences and what they hold)
    lines = text.split("\n")
    code_fence = ""  # the fence of the code block the line is in
    i = 0
    while i < len(lines):
        line = lines[i]
        if code_fence:
            if line.strip().startswith(code_fence) and not line.strip().strip(code_fence[0]):
                code_fence = ""
            code.add(len(out))
            out.append(line)
            i += 1
            continue
        chunk = _CHUNK_OPEN.match(line)
        if chunk:
            indent, fence, language, options = chunk.groups()
            body: list[str] = []
            i += 1
            while i < len(lines) and not (
                lines[i].strip().startswith(fence[0] * len(fence))
                and not lines[i].strip().strip(fence[0])
            ):
                body.append(lines[i])
                i += 1
            i += 1  # the closing fence
            code_lines = [b for b in body if not b.lstrip().startswith("#|")]
            hidden = _CHUNK_HIDDEN.search(options) or _CHUNK_HIDDEN.search("\n".join(body))
            figure_only = all(_CHUNK_FIGURE_ONLY.match(b) or not b.strip() for b in code_lines)
            if not hidden and not figure_only:
                block = [f"{indent}{fence}{language.lower()}", *code_lines, f"{indent}{fence}"]
                code.update(range(len(out), len(out) + len(block)))
                out.extend(block)
            continue
        if _TEMPLATE_LINE.match(line):
            i += 1
            continue
        if _FENCED_DIV.match(line):
            if out and out[-1].strip():
                out.append("")  # the div's content stays apart from the text before it
            i += 1
            continue
        opening = _CODE_FENCE.match(line)
        code_fence = opening.group(1) if opening else ""
        if opening:
            code.add(len(out))
        out.append(line)
        i += 1
    text = "\n".join(_inline_reference_links(out, code))
    text = _BOOKDOWN_REF.sub(lambda m: re.sub(r"[-_]+", " ", m.group(1)), text)
    text = _QUARTO_REF.sub(
        lambda m: f"{_QUARTO_KINDS[m.group(1)]} {re.sub(r'[-_]+', ' ', m.group(2))}", text
    )
    return text, title


def _inline_reference_links(lines: list[str], code: set[int]) -> list[str]:
    """Reference links written inline, "[text](url)": the lesson that uses one keeps its target
    when the definitions fall in another lesson's body. Code (the lines numbered in ``code``,
    and inline code spans) is left as written: "x[1]" in R is an index, whatever "[1]: ..."
    defines."""
    targets = {
        " ".join(m.group(1).lower().split()): m.group(2)
        for m in _LINK_DEFINITION.finditer("\n".join(lines))
    }
    if not targets:
        return lines

    def inline(m: re.Match) -> str:
        label = " ".join((m.group(2) or m.group(1)).lower().split())
        return f"[{m.group(1)}]({targets[label]})" if label in targets else m.group(0)

    def prose(line: str) -> str:
        pieces = re.split(r"(`[^`\n]*`)", line)  # inline code spans at odd indices
        return "".join(p if i % 2 else _REFERENCE_LINK.sub(inline, p) for i, p in enumerate(pieces))

    return [line if i in code else prose(line) for i, line in enumerate(lines)]


def _is_navigation(source: str, links: int = 1) -> bool:
    """A paragraph made only of links and separators (a site's menu or breadcrumb)."""
    if len(_LINK.findall(source)) < links:
        return False
    return not _NAVIGATION_LEFTOVER.sub("", _LINK.sub("", source))


_RAW_HTML = re.compile(r"^\s*<(?:!--|[A-Za-z][\w-]*(?:\s[^>]*)?/?>|/[A-Za-z][\w-]*\s*>)")


def _renders_nothing(html: str) -> bool:
    text = re.sub(
        r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|</?[A-Za-z][\w-]*(?:\s[^>]*)?/?>",
        "",
        html,
        flags=re.S | re.I,
    )
    return not text.strip()


def parse_markdown(text: str, *, level_source: str = "heading") -> ParsedDocument:
    """Sections from ATX/setext headings; bodies keep the author's Markdown source per block.

    Front matter (its ``title`` names the document), heading attributes, R Markdown/Quarto
    chunk options and cross-references, and raw HTML that renders nothing are removed first.
    """
    text, title = _prepare_markdown(text)
    lines = text.split("\n")
    tokens = _markdown.parse(text)
    headings: list[tuple[int, str]] = []  # (markdown level, title)
    sections: list[tuple[int, str, list[Block]]] = []
    preamble: list[Block] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.level != 0 or token.nesting == -1:
            i += 1
            continue
        if token.type == "heading_open":
            inline = tokens[i + 1]
            heading = _clean_title(
                "".join(
                    child.content
                    for child in inline.children or []
                    if child.type in ("text", "code_inline", "softbreak")
                )
                or inline.content
            )
            heading = _clean_title(_BOOKDOWN_PART.sub("", _HEADING_ATTRIBUTES.sub("", heading)))
            level = int(token.tag[1])
            headings.append((level, heading))
            sections.append((level, heading, []))
            i += 3
            continue
        end = i
        if token.nesting == 1:
            depth = 0
            for end in range(i, len(tokens)):
                if tokens[end].level == 0:
                    depth += tokens[end].nesting
                    if depth == 0:
                        break
        block = _markdown_block(token, lines)
        if block is not None and not (
            not sections and block.kind == "paragraph" and _is_navigation(block.text)
        ):
            target = sections[-1][2] if sections else preamble
            _append_block(target, block)
        i = end + 1

    # A site's footer menu after the last section is not part of it.
    if sections and sections[-1][2] and _is_navigation(sections[-1][2][-1].text, links=2):
        sections[-1][2].pop()
    # A first line standing alone above the rest, with headings below it, is the title.
    if (
        not title
        and len(headings) >= 2
        and preamble
        and preamble[0].kind == "paragraph"
        and "\n" not in preamble[0].text
        and is_heading_line(preamble[0].text)
        and not _LINK.search(preamble[0].text)
    ):
        title = _clean_title(preamble.pop(0).text)
    flat: list[Section] = []
    for lv, t, b in sections:
        last = flat[-1] if flat else None
        if last and not last.blocks and last.level != lv and _same_title(last.title, t or ""):
            # A heading repeated at once (a converter wrote the title twice, at two levels) is
            # one heading, at the level where it first stood.
            flat[-1].blocks = b
            continue
        flat.append(Section(title=t or "Untitled", level=lv, blocks=b, level_source=level_source))
    return assemble_document("markdown", flat, preamble=preamble, title=title)


def assemble_document(
    format: str, flat: list[Section], *, preamble: list[Block] = (), title: str = ""
) -> ParsedDocument:
    """The tree from sections in reading order whose ``level`` is the source level (h1 = 1...).

    A single top-level heading that opens the document names it (unless ``title`` is another
    name); text before the first heading becomes "Introduction".
    """
    preamble = list(preamble)
    levels = [section.level for section in flat]
    if (
        flat
        and levels[0] == min(levels) == 1
        and levels.count(1) == 1
        and len(flat) > 1
        and not preamble
        and (not title or _same_title(title, flat[0].title))
    ):
        title = title or flat[0].title
        preamble = flat.pop(0).blocks
    tree = _nest(flat)
    if preamble:
        tree.insert(0, Section(title="Introduction", blocks=preamble, level_source="document"))
    return ParsedDocument(format=format, sections=tree, title=title)


def markdown_blocks(markdown: str) -> list[Block]:
    """A Markdown body split into blocks, a list taking its ':' lead-in paragraph."""
    lines = markdown.split("\n")
    blocks: list[Block] = []
    for token in _markdown.parse(markdown):
        if token.level == 0 and token.nesting in (0, 1):
            block = _markdown_block(token, lines)
            if block is not None:
                _append_block(blocks, block)
    return blocks


def _same_title(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


def _markdown_block(token, lines: list[str]) -> Block | None:
    if token.map is None:
        return None
    source = "\n".join(lines[token.map[0] : token.map[1]]).strip("\n")
    kinds = {
        "paragraph_open": "paragraph",
        "bullet_list_open": "list",
        "ordered_list_open": "list",
        "blockquote_open": "quote",
        "fence": "code",
        "code_block": "code",
        "table_open": "table",
        "html_block": "paragraph",
    }
    kind = kinds.get(token.type)
    if kind is None or not source.strip():
        return None
    if (token.type == "html_block" or _RAW_HTML.match(source)) and _renders_nothing(source):
        return None
    return Block(kind=kind, text=source, ordered=token.type == "ordered_list_open")


def _append_block(blocks: list[Block], block: Block) -> None:
    """Add ``block``; a list takes the paragraph just before it as lead-in when that ends in ':'."""
    if (
        block.kind == "list"
        and blocks
        and blocks[-1].kind == "paragraph"
        and blocks[-1].text.rstrip().endswith(":")
    ):
        block.lead_in = blocks.pop().text
    blocks.append(block)


def _nest(flat: list[Section]) -> list[Section]:
    """Build the tree from heading levels; a skipped level (## then ####) nests one step only."""
    roots: list[Section] = []
    stack: list[tuple[int, Section]] = []  # (source level, section)
    for section in flat:
        source_level = section.level
        while stack and stack[-1][0] >= source_level:
            stack.pop()
        section.level = len(stack) + 1
        (stack[-1][1].children if stack else roots).append(section)
        stack.append((source_level, section))
    return roots


def _clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip()[:MAX_TITLE_CHARS]


# --- Plain text ---------------------------------------------------------------------------


def is_heading_line(line: str) -> bool:
    """A bare heading: short, starts like a title, no closing sentence punctuation (note markers
    such as "[28]" after it do not hide it), not a list item nor an equation ("Y = C + I").

    A closing parenthesis is allowed when the line opened one: "Lombok and Bali (Indonesia)".
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS:
        return False
    if _LIST_ITEM.match(stripped):
        return False
    if _NOTE_MARKERS.search(stripped) and _ends_clause(stripped):
        return False
    if _RELATION.search(stripped):
        return False
    if stripped.endswith(_CLOSING_PUNCTUATION) and not (
        stripped.endswith(")") and "(" in stripped and not stripped[:-1].endswith(_SENTENCE_END)
    ):
        return False
    if len(stripped.split()) > MAX_HEADING_WORDS:
        return False
    if not any(ch.isalpha() for ch in stripped):
        return False
    # A table-of-contents entry ("Purpose ........ 7") or a line set in columns is not a heading.
    if _TOC_ENTRY.search(stripped) or _COLUMNS.search(_NUMBER_PREFIX.sub("", stripped)):
        return False
    return stripped[0].isupper() or stripped[0].isdigit()


def _ends_clause(line: str) -> bool:
    """The line ends in closing punctuation, note markers after it ignored."""
    return _NOTE_MARKERS.sub("", line.rstrip()).endswith(_CLOSING_PUNCTUATION)


_TOC_ENTRY = re.compile(r"(?:\.{3,}|(?:\s\.){3,}|…+)\s*\d+\s*$")
_COLUMNS = re.compile(r"\S {3,}\S")
_NUMBER_PREFIX = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}[.)])\s+")


_SENTENCE_END = tuple(".!?")
# A wiki page's category links, left at the end of its text: "Category:Botany Category:Trees".
_WIKI_CATEGORIES = re.compile(r"(?:^|\s)Category:[^\s:]")
# The column past which a centred line's middle falls (plain-text pages are 60-80 wide).
_PAGE_MIDDLE = 30
# A line of one repeated character: an underline ("Title" over "=====") or a separator.
_RULE = re.compile(r"^([=\-~^*#+_])\1{2,}$")
_NUMBER_WORDS = (
    r"(?:[IVXLC]+|\d{1,3}|[A-Z]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
_PART = re.compile(rf"^(?:part|book)\s+{_NUMBER_WORDS}\b", re.I)
_CHAPTER = re.compile(rf"^(?:chapter|appendix)\s+{_NUMBER_WORDS}\b", re.I)
_ROMAN = re.compile(r"^[IVXLC]{1,6}[.)]\s+(\S.*)$")
# A heading framed by the same run of marks on both sides: "***** History *****" (html2text's
# page dumps: six stars for the page title, one fewer per level down) or "== History =="
# (wikitext: two equals signs per section, one more per level down). Wikipedia's "[edit]"
# links stay behind in copied headings.
_FRAMED = re.compile(r"^(\*{3,6}|={1,6})[ \t]+(\S.*?)[ \t]+\1$")
_EDIT_LINK = re.compile(r"\s*\[edit\]\s*$", re.I)
# Numbering kinds from the outermost: Part II > Chapter 3 > IV. > 2. > 2.1 > 2.1.1
_KIND_RANK = {"part": 0, "chapter": 1, "roman": 2}


@dataclass
class _Cue:
    """What a plain-text heading looks like, beyond being a short line."""

    blanks: int = 0  # blank lines before it
    underline: str = ""  # the underline character, doubled when the title is also overlined
    capitals: bool = False
    numbering: tuple = ()  # ("part",), ("chapter",), ("roman",) or ("number", depth)
    first_line: bool = False  # the document's first line
    stands_alone: bool = False  # a blank line (or an underline and a blank) follows it
    frame: int = 0  # depth told by a framed heading's marks (1 = outermost), 0 if not framed


def _framed(line: str) -> tuple[str, int] | None:
    """The title and depth of a framed heading line, or None."""
    match = _FRAMED.match(line)
    if not match:
        return None
    title = _EDIT_LINK.sub("", match.group(2)).strip()
    if not is_heading_line(title):
        return None
    marks = match.group(1)
    depth = 7 - len(marks) if marks[0] == "*" else len(marks)
    return title, depth


def _numbering(line: str, previous: str, lines: list[str], index: int) -> tuple:
    if _PART.match(line):
        return ("part",)
    if _CHAPTER.match(line):
        return ("chapter",)
    roman = _ROMAN.match(line)
    if roman and is_heading_line(roman.group(1)):
        return ("roman",)
    depth = _numbered_heading_depth(line, previous, lines, index)
    return ("number", depth) if depth else ()


def _kind_rank(kind: tuple) -> tuple:
    return (_KIND_RANK.get(kind[0], 3), kind[1] if len(kind) > 1 else 0)


def _underline(lines: list[str], index: int) -> str:
    """The character underlining line ``index`` ('' if none): a rule at least half as long."""
    if index + 1 >= len(lines):
        return ""
    rule = _RULE.match(lines[index + 1].strip())
    title = lines[index].strip()
    if not rule or len(lines[index + 1].strip()) < min(len(title), 60) * 0.5:
        return ""
    overline = index > 0 and lines[index - 1].strip() == lines[index + 1].strip()
    return rule.group(1) * (2 if overline else 1)


def parse_plain_text(text: str) -> ParsedDocument:
    """Headings are bare lines; levels come from numbering, underlines, capitals or blank-line
    spacing, else nesting is inferred; a title line and a closing "Conclusion" are recognised
    (see README)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    lines = _without_page_furniture(lines)
    # Text set in from the margin (as in RFCs and man pages): headings stand further out.
    body_indent = _body_indent(lines)
    flat: list[Section] = []
    cues: list[_Cue] = []
    preamble: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    previous = ""  # the previous non-blank line, "" after a blank line
    blanks = 0  # blank lines since the last text line
    paragraph_gaps: list[int] = []  # blank lines between two blocks of one section
    first_index = next((n for n, raw in enumerate(lines) if raw.strip()), -1)
    skip: set[int] = set()
    # Hard-wrapped text separates paragraphs by blank lines; otherwise each line that ends a
    # sentence is a paragraph of its own (as in the seed).
    wrapped = _is_hard_wrapped(lines)
    width = _wrap_width(lines) if wrapped else 0

    def target() -> list[Block]:
        return flat[-1].blocks if flat else preamble

    def flush() -> None:
        if paragraph:
            text = _without_broken_links(" ".join(paragraph))
            if any(ch.isalnum() for ch in text):
                _append_block(target(), Block("paragraph", _escape(text)))
            paragraph.clear()
        # An item without a letter or digit ("+  + →  +  +": an equation whose terms were
        # images) says nothing.
        kept = [item for item in items if any(ch.isalnum() for ch in _LIST_ITEM.sub("", item))]
        if kept:
            ordered = bool(_LIST_ITEM.match(kept[0]).group(1))
            text = "\n".join(_list_item_markdown(item, ordered, n) for n, item in enumerate(kept))
            _append_block(target(), Block("list", text, ordered=ordered))
        items.clear()

    def add_heading(index: int, title: str, cue: _Cue, after: int) -> None:
        flush()
        cue.blanks = blanks
        cue.first_line = index == first_index
        cue.stands_alone = after >= len(lines) or not lines[after].strip()
        letters = [ch for ch in title if ch.isalpha()]
        cue.capitals = len(letters) >= 4 and all(ch.isupper() for ch in letters)
        flat.append(Section(title=title[:MAX_TITLE_CHARS]))
        cues.append(cue)

    for index, raw in enumerate(lines):
        if index in skip:
            continue
        line = raw.strip()
        if not line:
            flush()
            previous = ""
            blanks += 1
            continue
        framed = _framed(line)
        if framed:
            add_heading(index, framed[0], _Cue(frame=framed[1]), index + 1)
            previous, blanks = framed[0], 0
            continue
        if _RULE.match(line) or _WIKI_CATEGORIES.search(line):
            # A separator line (an overline is read with its title below), or a wiki page's
            # category links: no text to read.
            flush()
            previous = ""
            continue
        # A short line continuing a wrapped paragraph is not a heading: the line before must
        # have ended (blank, heading, list item or closing punctuation).
        continues = bool(paragraph) and not previous.endswith(_CLOSING_PUNCTUATION)
        continues = continues or (body_indent > 0 and _indent(raw) >= body_indent)
        # A line set in from the body like a display (a formula, a quotation, code) is not a
        # bare heading; a centred title is set further in, its middle near the page's middle.
        set_in = _indent(raw) - body_indent
        displayed = set_in >= 4 and 2 * set_in + len(line) < 2 * _PAGE_MIDDLE
        underline = _underline(lines, index) if is_heading_line(line) else ""
        numbering = () if continues else _numbering(line, previous, lines, index)
        if underline:
            skip.add(index + 1)
            add_heading(index, line, _Cue(underline=underline, numbering=numbering), index + 2)
        elif numbering:
            add_heading(index, line, _Cue(numbering=numbering), index + 1)
        elif (
            not continues
            and not displayed
            and is_heading_line(line)
            and not _wrapped_before(line, lines, index, width)
        ):
            add_heading(index, line, _Cue(), index + 1)
        elif _LIST_ITEM.match(line):
            if paragraph:
                flush()
            if not items and blanks and target():
                paragraph_gaps.append(blanks)
            items.append(line)
        else:
            if items:
                flush()
            if not paragraph and blanks and target():
                paragraph_gaps.append(blanks)
            paragraph.append(line)
            if not wrapped and _ends_clause(line):
                flush()
        previous = line
        blanks = 0
    flush()

    title = ""
    framed_depths = [cue.frame for cue in cues if cue.frame]
    if (
        len(framed_depths) >= 3
        and cues[0].frame == min(framed_depths)
        and framed_depths.count(cues[0].frame) == 1
    ):
        # A page dump: its one outermost framed heading names the document, and what stands
        # above it (notices, a licence line) joins the opening text.
        title = flat[0].title
        preamble = preamble + flat.pop(0).blocks
        cues.pop(0)
        while flat and not cues[0].frame:  # short lines of its opening text, not headings
            section = flat.pop(0)
            cues.pop(0)
            preamble += [Block("paragraph", _escape(section.title)), *section.blocks]
    elif (
        flat
        and not preamble
        and cues[0].first_line
        and not cues[0].numbering
        and (cues[0].stands_alone or cues[0].underline)
        and flat[0].title.casefold() not in _GENERIC_HEADINGS
        and len(flat) >= 3
        and (not flat[0].blocks or not _shares_style(cues[0], cues[1:]))
    ):
        # The first line, standing alone above the sections, names the document.
        title = flat[0].title
        preamble = flat.pop(0).blocks
        cues.pop(0)
    source = _levels_from_cues(flat, cues, paragraph_gaps)
    if source == "underline":
        flat = _drop_unmarked_headings(flat, cues)
    if preamble:
        flat.insert(0, Section(title="Introduction", blocks=preamble, level_source="document"))
    _split_conclusion(flat, has_introduction=bool(preamble))
    if source:
        return ParsedDocument(format="text", sections=_nest(flat), title=title)
    for section in flat:
        section.level_source = section.level_source or "line"
    return ParsedDocument(format="text", sections=_infer_nesting(flat), title=title)


_WIKI_BRACKETS = re.compile(r"\[\[+|\]\]+")


def _without_broken_links(text: str) -> str:
    """A paragraph without the pieces of wiki links its dump cut through: a paragraph may start
    inside an image caption ("...in the laboratory.]] Text") or end inside one ("[[File:...").
    A caption can hold links of its own, so its end is the last "]]" that closes more than
    was opened before it."""
    depth = lowest = start = 0
    opened: list[int] = []  # where the links still open begin
    for match in _WIKI_BRACKETS.finditer(text):
        if match.group().startswith("["):
            depth += 1
            opened.append(match.start())
            continue
        depth -= 1
        if opened:
            opened.pop()
        if depth < lowest:
            lowest, start = depth, match.end()
            opened.clear()
    end = opened[0] if opened else len(text)
    return text[start:end].strip()


def _shares_style(cue: _Cue, others: list[_Cue]) -> bool:
    """The heading looks like other headings (capitals among capitals, the same underline)."""
    return any(
        (cue.capitals and other.capitals) or (cue.underline and other.underline == cue.underline)
        for other in others
    )


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _body_indent(lines: list[str]) -> int:
    """The indent of the body text when nearly all long lines share one (else 0)."""
    indents = Counter(_indent(line) for line in lines if len(line.strip()) > 40)
    if not indents:
        return 0
    indent, count = indents.most_common(1)[0]
    return indent if indent >= 2 and count >= 0.6 * sum(indents.values()) else 0


def _without_page_furniture(lines: list[str]) -> list[str]:
    """Text printed from pages (form feeds between them): drop the lines repeated at the top or
    bottom of many pages, numbers ignored (running headers, footers, "[Page 7]")."""
    if sum(line.count("\f") for line in lines) < 2:
        return lines
    pages: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if "\f" in line:
            pages.append([])
        if line.replace("\f", "").strip():
            pages[-1].append(index)
    edges: dict[str, set[int]] = {}
    for number, page in enumerate(pages):
        for index in page[:2] + page[-2:]:
            edges.setdefault(_blurred(lines[index]), set()).add(number)
    running = {key for key, seen in edges.items() if len(seen) >= max(3, len(pages) // 3)}
    furniture = {
        index
        for page in pages
        for index in page[:2] + page[-2:]
        if _blurred(lines[index]) in running
    }
    return [line.replace("\f", "") for n, line in enumerate(lines) if n not in furniture]


def _blurred(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.replace("\f", "").lower().split()))


def _levels_from_cues(flat: list[Section], cues: list[_Cue], paragraph_gaps: list[int]) -> str:
    """Set each heading's level from the strongest cue the document uses consistently:
    numbering, then underlines, then capitals against mixed case, then blank-line spacing.
    Returns the cue used, or "" when the headings show no levels (nesting is then inferred)."""
    frames = sorted({cue.frame for cue in cues if cue.frame})
    if len([cue for cue in cues if cue.frame]) >= 2:
        for section, cue in zip(flat, cues, strict=True):
            if cue.frame:
                section.level, section.level_source = frames.index(cue.frame) + 1, "framed"
        return "underline"  # the unframed short lines are text, as in an underlined document
    numbered = [cue.numbering for cue in cues if cue.numbering]
    if len(numbered) >= 2:
        rank = {kind: n + 1 for n, kind in enumerate(sorted(set(numbered), key=_kind_rank))}
        for section, cue in zip(flat, cues, strict=True):
            section.level = rank[cue.numbering] if cue.numbering else 1
            section.level_source = "numbering" if cue.numbering else "line"
        return "numbering"
    if sum(1 for cue in cues if cue.underline) >= 2:
        order: list[str] = []  # as in reStructuredText: each new underline style is one deeper
        for section, cue in zip(flat, cues, strict=True):
            if cue.underline:
                if cue.underline not in order:
                    order.append(cue.underline)
                section.level, section.level_source = order.index(cue.underline) + 1, "underline"
        return "underline"
    capitals = sum(1 for cue in cues if cue.capitals)
    # Capitals mark the outer level only from the first heading on: headings in mixed case
    # before the first capitalised one would have no parent.
    if capitals >= 2 and capitals < len(cues) and cues[0].capitals:
        for section, cue in zip(flat, cues, strict=True):
            section.level, section.level_source = (1 if cue.capitals else 2), "capitals"
        return "capitals"
    gaps = sorted({cue.blanks for cue in cues}, reverse=True)
    if len(gaps) >= 2 and gaps[0] >= 2:
        top = gaps[0]
        tops = sum(1 for cue in cues if cue.blanks == top)
        wide = sum(1 for gap in paragraph_gaps if gap >= top)
        if tops >= 2 and wide <= 0.1 * len(paragraph_gaps):
            for section, cue in zip(flat, cues, strict=True):
                section.level = min(gaps.index(cue.blanks) + 1, 3)
                section.level_source = "spacing"
            return "spacing"
    return ""


def _drop_unmarked_headings(flat: list[Section], cues: list[_Cue]) -> list[Section]:
    """In a document that underlines its headings, a short line without one is text."""
    kept: list[Section] = []
    for section, cue in zip(flat, cues, strict=True):
        if cue.underline or cue.frame or not kept:
            kept.append(section)
            continue
        kept[-1].blocks.append(Block("paragraph", _escape(section.title)))
        kept[-1].blocks.extend(section.blocks)
    return kept


_NUMBERED_HEADING = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.*)$")


def _numbered_heading_depth(line: str, previous: str, lines: list[str], index: int) -> int:
    """Depth of a numbered heading ("3 Title", "3. Title", "3.2 Title"), else 0.

    "3. Title" also looks like a list item: it is a heading only when it stands alone, with
    no list item or lead-in (':') before it and no list item after it.
    """
    match = _NUMBERED_HEADING.match(line)
    if not match or not is_heading_line(match.group(2)):
        return 0
    number = match.group(1)
    if "." not in number and _LIST_ITEM.match(line):
        following = next((n.strip() for n in lines[index + 1 :] if n.strip()), "")
        if _LIST_ITEM.match(previous) or previous.endswith(":") or _LIST_ITEM.match(following):
            return 0
    return number.count(".") + 1


def _wrap_width(lines: list[str]) -> int:
    """The column a hard-wrapped text breaks its lines at: nine lines in ten are no longer."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    return lengths[len(lengths) * 9 // 10] if lengths else 0


def _wrapped_before(line: str, lines: list[str], index: int, width: int) -> bool:
    """A long line the wrapper broke because the next word would not fit: prose that runs on,
    not a heading ("...began with the introduction of Henry Bessemer's" / "Bessemer process in
    1855, ..."). A heading is broken on purpose, with room left for the next word."""
    following = lines[index + 1].split() if index + 1 < len(lines) else []
    stripped = line.rstrip()
    return (
        bool(width and following)
        and len(stripped.strip()) > MAX_HEADING_CHARS // 2
        and len(stripped) + 1 + len(following[0]) > width
    )


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when some paragraph runs over several lines: a long line without closing
    punctuation is followed directly by more text."""
    for line, following in zip(lines, lines[1:], strict=False):
        line, following = line.strip(), following.strip()
        if (
            len(line) > MAX_HEADING_CHARS // 2
            and following
            and not line.endswith(_CLOSING_PUNCTUATION)
            and not _LIST_ITEM.match(following)
            and not _LIST_ITEM.match(line)
            and not is_heading_line(line)
        ):
            return True
    return False


def _escape(text: str) -> str:
    """Plain text as Markdown that renders to the same text (no accidental markup)."""
    text = re.sub(r"([\\`*_\[\]<>#|~&])", r"\\\1", text)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([-+=>])", r"\\\1", text))


def _list_item_markdown(item: str, ordered: bool, n: int) -> str:
    content = _escape(_LIST_ITEM.sub("", item, count=1).strip())
    return f"{n + 1}. {content}" if ordered else f"- {content}"


def _content_words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS and len(w) > 1]


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude suffix strip so 'alliances'/'alliance' and 'shifts'/'shift' compare equal."""
    word = word.replace("’", "'")
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _infer_nesting(flat: list[Section]) -> list[Section]:
    """Nest plain-text sections where the text implies it.

    Rule: a top-level section P *announces* a later heading H when H's distinctive words
    (content words that are not the document's common vocabulary nor in P's own title) all
    appear in P's opening (its body without its closing block), including two of them side
    by side when H has two or more. Looking at the next few headings after P, the last
    announced one ends P's run of sub-sections:
    it and every heading between P and it become P's children, provided each of them
    refers back to P (its body uses a distinctive word of P's title). Plain text is nested at
    most one level deep; "Introduction" and "Conclusion" never take children.
    """
    if len(flat) < 3:
        return flat
    bodies = [_content_words(section.body) for section in flat]
    document_frequency = Counter(word for body in bodies for word in set(body))
    common = {w for w, n in document_frequency.items() if n > len(flat) / 2}

    def distinctive(title: str, exclude: set[str]) -> list[str]:
        return [w for w in _content_words(title) if w not in common and w not in exclude]

    roots: list[Section] = []
    i = 0
    while i < len(flat):
        parent = flat[i]
        roots.append(parent)
        i += 1
        if parent.title in ("Introduction", "Conclusion") or not parent.blocks:
            continue
        parent_words = set(_content_words(parent.title))
        parent_marks = distinctive(parent.title, set()) or [
            w for w in _content_words(parent.title) if w not in _STOPWORDS
        ]
        # The announcement is in the opening: every block but the section's closing one, which
        # tends to look ahead to what comes next rather than list the section's own parts.
        opening = parent.blocks[:-1] if len(parent.blocks) > 1 else parent.blocks
        body = _content_words("\n\n".join(block.markdown for block in opening))
        body_set, body_pairs = set(body), set(zip(body, body[1:], strict=False))
        last_announced = None
        for j in range(i, min(i + 4, len(flat))):
            if flat[j].title == "Conclusion":
                break
            words = distinctive(flat[j].title, parent_words)
            if not words or not set(words) <= body_set:
                continue
            title_words = _content_words(flat[j].title)
            title_pairs = set(zip(title_words, title_words[1:], strict=False))
            if len(words) >= 2 and not (title_pairs & body_pairs):
                continue
            last_announced = j
        if last_announced is None:
            continue
        candidates = flat[i : last_announced + 1]
        if all(set(parent_marks) & set(bodies[k]) for k in range(i, last_announced + 1)):
            for child in candidates:
                child.level, child.level_source = 2, "announced"
            parent.children.extend(candidates)
            i = last_announced + 1
    return roots


def _split_conclusion(flat: list[Section], *, has_introduction: bool) -> None:
    """Move closing paragraphs that sum up the whole document into a "Conclusion" section.

    Rule: applies only when the last section is not itself a conclusion and would keep at
    least two blocks. Among the last section's final two paragraphs, one *sums up the
    document* when it opens with a concluding phrase ("In conclusion", "Overall", ...), or
    when the document has an introduction and at least three sections and the paragraph
    echoes the introduction rather than its own section: either it shares at least five
    content words with the introduction and at least twice as many as with the rest of its
    section, or at least 40% of its content words are the document's common vocabulary
    (words used in more than half of the sections), more than any other paragraph of that
    section, and it shares at least as many words with the introduction as with the rest of
    its section. The Conclusion runs from the earliest
    such paragraph to the end of the document.
    """
    if not flat:
        return
    last = flat[-1]
    if re.search(r"conclu|summary|closing|final thoughts", last.title, re.IGNORECASE):
        return
    blocks = last.blocks
    candidates = [
        k for k in range(max(2, len(blocks) - 2), len(blocks)) if blocks[k].kind == "paragraph"
    ]
    if not candidates:
        return
    section_words = [set(_content_words(section.body)) for section in flat]
    frequency = Counter(word for words in section_words for word in words)
    common = {word for word, n in frequency.items() if n > len(flat) / 2}
    paragraph_words = [set(_content_words(block.text)) for block in blocks]

    def common_share(k: int) -> float:
        words = paragraph_words[k]
        return len(words & common) / len(words) if words else 0.0

    intro = set(_content_words(flat[0].body)) if has_introduction else set()
    best_share = max(common_share(k) for k in range(len(blocks)) if blocks[k].kind == "paragraph")

    def sums_up(k: int) -> bool:
        if _CONCLUDING_OPENERS.match(blocks[k].text.replace("\\", "")):
            return True
        if not intro or len(flat) < 3 or len(paragraph_words[k]) < 8:
            return False
        rest = set().union(*(paragraph_words[m] for m in range(len(blocks)) if m != k))
        words = paragraph_words[k]
        echoes, own = len(words & intro), len(words & rest)
        if echoes >= 5 and echoes >= 2 * own:
            return True
        share = common_share(k)
        return share >= 0.4 and share == best_share and echoes >= own

    start = next((k for k in candidates if sums_up(k)), None)
    if start is not None:
        flat.append(Section(title="Conclusion", blocks=blocks[start:], level_source="document"))
        del blocks[start:]


# --- Carrying a parsed document between preview and confirmation ------------------------------


def document_to_data(document: ParsedDocument) -> dict:
    """A JSON-able form of ``document`` (the import preview signs it into its form)."""
    return {
        "format": document.format,
        "title": document.title,
        "notes": document.notes,
        "sections": [[s.level, s.title, s.level_source, s.body] for s in document.flat()],
    }


def document_from_data(data: dict) -> ParsedDocument:
    """The document ``document_to_data`` described, with the same tree, titles and bodies."""
    flat = [
        Section(title=title, level=level, blocks=markdown_blocks(body), level_source=source)
        for level, title, source, body in data["sections"]
    ]
    return ParsedDocument(
        format=data["format"], sections=_nest(flat), title=data["title"], notes=data["notes"]
    )
