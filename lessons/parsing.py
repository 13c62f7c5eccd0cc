"""Splits a source document into sections: the one place that knows document structure."""

import re
from dataclasses import dataclass, field

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_CLOSING_PUNCTUATION = tuple(".!?:;,…\"'”’)")
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14


@dataclass
class Section:
    title: str
    level: int = 1
    lines: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The section's text as Markdown: paragraphs split by blank lines, lists kept whole."""
        blocks: list[list[str]] = []
        for line in self.lines:
            is_item = bool(_LIST_ITEM.match(line))
            if is_item and blocks and _LIST_ITEM.match(blocks[-1][-1]):
                blocks[-1].append(line.strip())
            else:
                blocks.append([line.strip()])
        return "\n\n".join("\n".join(block) for block in blocks)


def normalise_text(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def is_heading_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS:
        return False
    if _LIST_ITEM.match(stripped) or stripped.endswith(_CLOSING_PUNCTUATION):
        return False
    if len(stripped.split()) > MAX_HEADING_WORDS:
        return False
    return stripped[0].isupper() or stripped[0].isdigit()


def parse_plain_text(text: str) -> list[Section]:
    """One section per heading line; text before the first heading becomes "Introduction"."""
    sections: list[Section] = []
    for raw in normalise_text(text).split("\n"):
        line = raw.strip()
        if not line:
            continue
        if is_heading_line(line):
            sections.append(Section(title=line))
        else:
            if not sections:
                sections.append(Section(title="Introduction"))
            sections[-1].lines.append(line)
    return sections
