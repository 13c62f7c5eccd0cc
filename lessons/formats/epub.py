"""EPUB e-books → sections: the chapters in reading (spine) order, their headings giving levels;
a chapter without a heading takes its table-of-contents label."""

import io
import posixpath
import re
import zipfile
from urllib.parse import unquote

from lxml import etree

from ..parsing import DocumentError, ParsedDocument, parse_markdown
from .html import _parse, html_to_markdown, main_content

_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
_HEADING = re.compile(r"^#{1,6}\s", re.MULTILINE)
_MAX_CHAPTER_BYTES = 20 * 1024 * 1024


def read_epub(data: bytes) -> ParsedDocument:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//c:rootfile", _NS).get("full-path")
        package = etree.fromstring(archive.read(opf_path))
    except (zipfile.BadZipFile, KeyError, AttributeError, etree.XMLSyntaxError, EOFError):
        raise DocumentError(
            "The EPUB file is damaged or incomplete (it may have been cut off during download)."
        ) from None
    if archive.namelist() and "META-INF/encryption.xml" in archive.namelist():
        raise DocumentError("The EPUB is protected by DRM (encrypted); it cannot be read.")
    base = posixpath.dirname(opf_path)
    manifest = {item.get("id"): item for item in package.findall(".//opf:manifest/opf:item", _NS)}
    title = " ".join("".join(package.findtext(".//dc:title", "", _NS)).split())
    labels = _toc_labels(archive, package, manifest, base)
    parts: list[str] = []
    for itemref in package.findall(".//opf:spine/opf:itemref", _NS):
        item = manifest.get(itemref.get("idref"))
        if item is None or "nav" in (item.get("properties") or "").split():
            continue
        if "html" not in (item.get("media-type") or ""):
            continue
        path = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
        try:
            info = archive.getinfo(path)
            if info.file_size > _MAX_CHAPTER_BYTES:
                raise DocumentError("An EPUB chapter is too large to read.")
            xhtml = archive.read(path).decode("utf-8", errors="replace")
        except (KeyError, zipfile.BadZipFile, EOFError):
            raise DocumentError("The EPUB file is damaged: a chapter is missing.") from None
        markdown = html_to_markdown(
            etree.tostring(main_content(_parse(xhtml)), encoding="unicode", method="html")
        ).strip()
        if not markdown:
            continue
        label = labels.get(path)
        if not _HEADING.search(markdown) and label:
            markdown = f"# {label}\n\n{markdown}"
        parts.append(markdown)
    if not parts:
        raise DocumentError("The EPUB has no text to turn into lessons.")
    document = parse_markdown("\n\n".join(parts), level_source="tag")
    document.format = "epub"
    document.title = title or document.title
    return document


def _toc_labels(archive, package, manifest, base: str) -> dict[str, str]:
    """Chapter file → its label in the EPUB 3 nav document or the EPUB 2 NCX."""
    labels: dict[str, str] = {}
    for item in manifest.values():
        properties = (item.get("properties") or "").split()
        media = item.get("media-type") or ""
        if "nav" not in properties and media != "application/x-dtbncx+xml":
            continue
        path = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
        try:
            tree = etree.fromstring(archive.read(path))
        except (KeyError, etree.XMLSyntaxError):
            continue
        folder = posixpath.dirname(path)
        if media == "application/x-dtbncx+xml":
            points = [
                (p.findtext(".//ncx:text", "", _NS), p.find("ncx:content", _NS).get("src", ""))
                for p in tree.iter(f"{{{_NS['ncx']}}}navPoint")
                if p.find("ncx:content", _NS) is not None
            ]
        else:
            points = [
                ("".join(a.itertext()), a.get("href", ""))
                for a in tree.iter()
                if isinstance(a.tag, str) and a.tag.endswith("}a")
            ]
        for text, href in points:
            target = posixpath.normpath(posixpath.join(folder, unquote(href.split("#")[0])))
            labels.setdefault(target, " ".join(text.split()))
    return labels
