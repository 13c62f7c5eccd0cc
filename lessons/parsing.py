"""Turns a source document (plain text or Markdown) into a tree of sections: no ORM, no settings."""

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from markdown_it import MarkdownIt

Format = Literal["auto", "markdown", "text"]
FORMATS = ("auto", "markdown", "text")

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_SECTIONS = 500
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14
MAX_TITLE_CHARS = 200

_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|(\d{1,3})[.)])\s+")
_CLOSING_PUNCTUATION = tuple(".!?:;,…\"'”’)")
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


@dataclass
class Section:
    title: str
    level: int = 1
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The section's text as Markdown, blocks separated by blank lines."""
        return "\n\n".join(block.markdown for block in self.blocks)

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if block.kind == "paragraph"]


@dataclass
class ParsedDocument:
    format: str  # "markdown" or "text"
    sections: list[Section]  # top-level sections; nested ones are in ``children``
    title: str = ""  # a Markdown document's single top heading, if it has one

    def flat(self) -> list[Section]:
        """Every section in reading order (parents before their children)."""
        out: list[Section] = []

        def walk(sections: list[Section]) -> None:
            for section in sections:
                out.append(section)
                walk(section.children)

        walk(self.sections)
        return out


# --- Decoding and limits ------------------------------------------------------------------


def decode_document(data: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """UTF-8 (with or without BOM) bytes or str → text with '\\n' line endings, or DocumentError."""
    if isinstance(data, str):
        size = len(data.encode("utf-8", errors="surrogatepass"))
        text = data
    else:
        size = len(data)
        if size == 0:
            raise DocumentError("The document is empty.")
        if size > max_bytes:
            raise DocumentError(_too_large(size, max_bytes))
        if b"\x00" in data[:8192]:
            raise DocumentError("This looks like a binary file, not a text document.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"The document is not UTF-8 text (undecodable byte at position {exc.start}). "
                "Save it as UTF-8 and try again."
            ) from None
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


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"The document is {size / 1_048_576:.1f} MB; the largest accepted is "
        f"{max_bytes / 1_048_576:.1f} MB."
    )


# --- Format detection ----------------------------------------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)", re.MULTILINE)
_MD_SETEXT = re.compile(r"(?<=\S)[ \t]*\n {0,3}(?:=+|-{2,})[ \t]*$", re.MULTILINE)
_MD_FEATURES = re.compile(r"^ {0,3}```|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|^ {0,3}> ", re.M)


def detect_format(text: str) -> str:
    """ "markdown" when the text uses Markdown headings or markup, else "text"."""
    if _MD_HEADING.search(text) or _MD_SETEXT.search(text) or _MD_FEATURES.search(text):
        return "markdown"
    return "text"


def parse_document(
    data: bytes | str,
    *,
    format: Format = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_sections: int = DEFAULT_MAX_SECTIONS,
) -> ParsedDocument:
    """Decode, check and split a document; raises DocumentError with a readable message."""
    if format not in FORMATS:
        raise DocumentError(f"Unknown format {format!r}: choose auto, markdown or text.")
    text = decode_document(data, max_bytes=max_bytes)
    chosen = detect_format(text) if format == "auto" else format
    document = parse_markdown(text) if chosen == "markdown" else parse_plain_text(text)
    count = len(document.flat())
    if count == 0:
        raise DocumentError("The document has no text to turn into lessons.")
    if count > max_sections:
        raise DocumentError(
            f"The document has {count} sections; at most {max_sections} are accepted. "
            "Split it into several courses or use fewer headings."
        )
    return document


# --- Markdown -----------------------------------------------------------------------------

# Same options as lessons/rendering.py: raw HTML is text, so the split matches what is shown.
_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def parse_markdown(text: str) -> ParsedDocument:
    """Sections from ATX/setext headings; bodies keep the author's Markdown source per block."""
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
            title = _clean_title(
                "".join(
                    child.content
                    for child in inline.children or []
                    if child.type in ("text", "code_inline", "softbreak")
                )
                or inline.content
            )
            level = int(token.tag[1])
            headings.append((level, title))
            sections.append((level, title, []))
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
        if block is not None:
            target = sections[-1][2] if sections else preamble
            _append_block(target, block)
        i = end + 1

    title = ""
    top_level = min((level for level, _ in headings), default=1)
    # A single top heading that opens the document names the document, not a lesson.
    if (
        headings
        and top_level == 1
        and headings[0][0] == 1
        and sum(1 for level, _ in headings if level == 1) == 1
        and len(headings) > 1
        and not preamble
    ):
        title = headings[0][1]
        preamble = sections[0][2]
        sections = sections[1:]
    tree = _nest([Section(title=t or "Untitled", level=lv, blocks=b) for lv, t, b in sections])
    if preamble:
        tree.insert(0, Section(title="Introduction", level=1, blocks=preamble))
    return ParsedDocument(format="markdown", sections=tree, title=title)


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
    """A bare heading: short, starts like a title, no closing sentence punctuation, not a list."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS:
        return False
    if _LIST_ITEM.match(stripped) or stripped.endswith(_CLOSING_PUNCTUATION):
        return False
    if len(stripped.split()) > MAX_HEADING_WORDS:
        return False
    if not any(ch.isalpha() for ch in stripped):
        return False
    return stripped[0].isupper() or stripped[0].isdigit()


def parse_plain_text(text: str) -> ParsedDocument:
    """Headings are bare lines; nesting and a closing "Conclusion" are inferred (see README)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    flat: list[Section] = []
    preamble: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    previous = ""  # the previous non-blank line, "" after a blank line
    # Hard-wrapped text separates paragraphs by blank lines; otherwise each line that ends a
    # sentence is a paragraph of its own (as in the seed).
    wrapped = _is_hard_wrapped(lines)

    def target() -> list[Block]:
        return flat[-1].blocks if flat else preamble

    def flush() -> None:
        if paragraph:
            _append_block(target(), Block("paragraph", _escape(" ".join(paragraph))))
            paragraph.clear()
        if items:
            ordered = bool(_LIST_ITEM.match(items[0]).group(1))
            text = "\n".join(_list_item_markdown(item, ordered, n) for n, item in enumerate(items))
            _append_block(target(), Block("list", text, ordered=ordered))
            items.clear()

    numbered = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            flush()
            previous = ""
            continue
        # A short line continuing a wrapped paragraph is not a heading: the line before must
        # have ended (blank, heading, list item or closing punctuation).
        continues = bool(paragraph) and not previous.endswith(_CLOSING_PUNCTUATION)
        depth = 0 if continues else _numbered_heading_depth(line, previous, lines, index)
        if depth:
            flush()
            flat.append(Section(title=line[:MAX_TITLE_CHARS], level=depth))
            numbered += 1
        elif not continues and is_heading_line(line):
            flush()
            flat.append(Section(title=line[:MAX_TITLE_CHARS]))
        elif _LIST_ITEM.match(line):
            if paragraph:
                flush()
            items.append(line)
        else:
            if items:
                flush()
            paragraph.append(line)
            if not wrapped and line.endswith(_CLOSING_PUNCTUATION):
                flush()
        previous = line
    flush()

    if preamble:
        flat.insert(0, Section(title="Introduction", blocks=preamble))
    _split_conclusion(flat, has_introduction=bool(preamble))
    if numbered >= 2:
        # Numbered headings ("2.", "2.1") state their own nesting; nothing to infer.
        return ParsedDocument(format="text", sections=_nest(flat))
    return ParsedDocument(format="text", sections=_infer_nesting(flat))


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
                child.level = 2
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
        flat.append(Section(title="Conclusion", blocks=blocks[start:]))
        del blocks[start:]
