"""Picks a document's format (its file extension, checked against its bytes) and reads it.

Every reader is pure: bytes in, the same ParsedDocument out (lessons/parsing.py).
"""

from pathlib import PurePath

from ..parsing import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_PAGES,
    DocumentError,
    ParsedDocument,
    decode_document,
    detect_format,
    file_size,
    parse_text,
)

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".rmd": "markdown",
    ".qmd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".epub": "epub",
}
FORMAT_NAMES = {
    "text": "a plain-text file",
    "markdown": "a Markdown file",
    "html": "a web page (HTML)",
    "docx": "a Word document (.docx)",
    "pdf": "a PDF",
    "epub": "an EPUB e-book",
}
# What the bytes show: the formats above, or something no reader takes.
CONTENT_NAMES = {
    "ole": "an old Word (.doc) or other Office 97 file",
    "zip": "a ZIP archive",
    "odf": "an OpenDocument file",
    "image": "an image",
    "binary": "a binary file",
}
UNSUPPORTED_EXTENSIONS = {
    ".doc": "Old Word .doc files are not read: save the document as .docx (Word) or PDF.",
    ".odt": "OpenDocument .odt files are not read: save the document as .docx or PDF.",
    ".rtf": "RTF files are not read: save the document as .docx or plain text.",
    ".pages": "Pages files are not read: export the document as .docx or PDF.",
}
BINARY_FORMATS = ("docx", "pdf", "epub")


def sniff(data: bytes) -> str:
    """What the bytes are: "pdf", "docx", "epub", "html", "text", or a CONTENT_NAMES key."""
    head = data[:2048]
    if head.lstrip().startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/epub+zip" in head[:100]:
            return "epub"
        if b"mimetypeapplication/vnd.oasis.opendocument" in head[:120]:
            return "odf"
        return "docx" if b"word/" in data or b"[Content_Types].xml" in head else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")) or head[8:12] == b"WEBP":
        return "image"
    # UTF-16 text without a BOM has zeros at every other byte; other zeros mean binary.
    if (
        b"\x00" in head
        and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
        and not (head[0::2].count(0) == 0 or head[1::2].count(0) == 0)
    ):
        return "binary"
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n").lower()
    text = text.replace("\x00", "")
    if text.startswith(("<!doctype html", "<html")) or (
        text.startswith("<?xml") and "<html" in text
    ):
        return "html"
    return "text"


def choose_format(data: bytes | str, *, format: str = "auto", filename: str = "") -> str:
    """The reader to use: ``format`` if given, else the file's extension, else its content.

    The bytes must agree with the chosen format (a PDF renamed .docx is refused, not guessed).
    """
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if isinstance(data, str):
        content = "html" if sniff(data[:2048].encode("utf-8", "ignore")) == "html" else "text"
    else:
        content = sniff(data)
    if format == "auto" and suffix in UNSUPPORTED_EXTENSIONS:
        raise DocumentError(UNSUPPORTED_EXTENSIONS[suffix])
    wanted = format if format != "auto" else EXTENSIONS.get(suffix)
    if wanted is None:
        # No extension we know: the content decides, when a reader takes it.
        if content in CONTENT_NAMES:
            raise DocumentError(
                f"This file is {CONTENT_NAMES[content]}, which cannot be imported. "
                f"Accepted: {', '.join(FORMAT_NAMES.values())}."
            )
        return content
    if wanted in BINARY_FORMATS:
        if content != wanted:
            raise DocumentError(_mismatch(filename, wanted, content, format != "auto"))
        return wanted
    if content in BINARY_FORMATS or content in CONTENT_NAMES:
        raise DocumentError(_mismatch(filename, wanted, content, format != "auto"))
    return wanted


def _mismatch(filename: str, wanted: str, content: str, chosen: bool = False) -> str:
    name = f"“{PurePath(filename).name}”" if filename else "the document"
    named = f"The format chosen is {FORMAT_NAMES[wanted]}, but {name}"
    if not chosen:
        named = f"{name[0].upper()}{name[1:]} is named as {FORMAT_NAMES[wanted]} but"
        what = CONTENT_NAMES.get(content) or FORMAT_NAMES[content]
        return (
            f"{named} it is {what}. Rename it with the right extension or choose the right format."
        )
    what = CONTENT_NAMES.get(content) or FORMAT_NAMES[content]
    return f"{named} is {what}. Choose that format, or “From the file name”."


def read_document(
    data: bytes | str,
    *,
    format: str = "auto",
    filename: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
) -> ParsedDocument:
    """Any accepted document → ParsedDocument, or DocumentError with a message for a person."""
    if isinstance(data, bytes) and not data:
        raise DocumentError("The document is empty.")
    chosen = choose_format(data, format=format, filename=filename)
    if chosen in BINARY_FORMATS:
        if len(data) > max_file_bytes:
            raise DocumentError(
                f"The file is {file_size(len(data))}, larger than the largest "
                f"{FORMAT_NAMES[chosen][2:].lstrip()} accepted ({file_size(max_file_bytes)})."
            )
        if chosen == "docx":
            from .docx import read_docx

            return read_docx(data)
        if chosen == "pdf":
            from .pdf import read_pdf

            return read_pdf(data, max_pages=max_pages)
        from .epub import read_epub

        return read_epub(data)
    text = decode_document(data, max_bytes=max_bytes)
    if chosen == "html":
        from .html import read_html

        return read_html(text)
    if format == "auto":
        # A .txt file may well be Markdown; only an explicit choice forces plain text.
        chosen = detect_format(text)
    return parse_text(text, chosen)
