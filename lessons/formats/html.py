"""Web pages (and EPUB chapters) → sections: the main content without menus, headers, footers or
boilerplate; h1–h6 give the levels, the page's h1 or <title> the course title."""

import re

import lxml.html
import nh3
from lxml import etree
from markdownify import MarkdownConverter

from ..parsing import DocumentError, ParsedDocument, parse_markdown

# Never content: scripts, forms and the page's own furniture.
_REMOVED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "aside",
    "footer",
    "dialog",
    "menu",
    "link",
    "meta",
    "img",
    "picture",
    "video",
    "audio",
    "map",
)
_REMOVED_ROLES = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "menu",
        "menubar",
        "toolbar",
        "dialog",
        "alertdialog",
        "doc-toc",
        "doc-pagelist",
        "note",
    }
)
# class/id words that mark site furniture (matched as whole words of the attribute).
_BOILERPLATE_NAMES = re.compile(
    r"(?:^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|sidebar|side-bar|footer|masthead|"
    r"topbar|top-bar|cookies?|consent|share|sharing|social|related|comments?|advert|ads|promo|"
    r"skip-link|toc|table-of-contents|pagination|pager|subscribe|newsletter|headerlink|"
    r"site-header|page-header-bar|mw-jump-link|mw-editsection|noprint|printfooter)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "pre",
    "code",
    "blockquote",
    "em",
    "strong",
    "b",
    "i",
    "a",
    "br",
    "hr",
    "sup",
    "sub",
    "div",
    "section",
    "article",
    "span",
    "figure",
    "figcaption",
}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·:»-]\s+")


class _Converter(MarkdownConverter):
    """markdownify with links in headings reduced to their text."""

    def convert_a(self, el, text, parent_tags=None, **kwargs):
        if parent_tags and parent_tags & set(_HEADINGS):
            return text
        href = el.get("href") or ""
        if not href or href.startswith(("#", "javascript:")):
            return text
        return super().convert_a(el, text, parent_tags=parent_tags, **kwargs)


def html_to_markdown(html: str) -> str:
    """Sanitised HTML (nh3 keeps only content tags) → Markdown with ATX headings."""
    cleaned = nh3.clean(html, tags=_CONTENT_TAGS, attributes={"a": {"href"}}, link_rel=None)
    return _Converter(heading_style="ATX", bullets="-", strip=["img"]).convert(cleaned)


def read_html(text: str) -> ParsedDocument:
    """A saved web page → ParsedDocument (format "html")."""
    root = _parse(text)
    page_title = _page_title(root)
    content = main_content(root)
    markdown = html_to_markdown(etree.tostring(content, encoding="unicode", method="html"))
    if not markdown.strip():
        raise DocumentError("The page has no text to turn into lessons.")
    document = parse_markdown(markdown, level_source="tag")
    document.format = "html"
    if not document.title and page_title:
        document.title = page_title
    return document


def _parse(text: str):
    # lxml refuses str with an encoding declaration; the text is already decoded.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise DocumentError("The web page could not be read as HTML.") from None
    return root


def _page_title(root) -> str:
    """The page's name: og:title or <title> without the site's name after a separator."""
    og = root.xpath("//meta[@property='og:title']/@content")
    title = (og[0] if og else "") or root.findtext(".//title") or ""
    title = " ".join(title.split())
    h1s = [" ".join(h.text_content().split()) for h in root.iter("h1")]
    parts = _TITLE_SEPARATORS.split(title) if title else []
    for part in parts:
        if part in h1s:
            return part
    return parts[0] if parts else ""


def main_content(root):
    """The element holding the page's content, with the site's furniture removed from it."""
    for comment in root.xpath("//comment()"):
        _drop(comment)
    for element in list(root.iter(*_REMOVED_TAGS)):
        _drop(element)
    body = root.find("body")
    if body is None:
        body = root
    total = _text_length(body)
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        role = (element.get("role") or "").lower()
        names = f"{element.get('class', '')} {element.get('id', '')}"
        hidden = element.get("hidden") is not None or element.get("aria-hidden") == "true"
        style = (element.get("style") or "").replace(" ", "").lower()
        hidden = hidden or "display:none" in style
        furniture = role in _REMOVED_ROLES or bool(_BOILERPLATE_NAMES.search(names))
        if (hidden or furniture) and not _holds_content(element, total):
            _drop(element)
    # A site header (logo, menu) is furniture; an article's header holds its title.
    for header in list(body.iter("header")):
        if not header.xpath("ancestor::article|ancestor::main") and not header.xpath(".//h1|.//h2"):
            _drop(header)
    main = body.xpath(".//main|.//*[@role='main']")
    articles = body.xpath(".//article")
    for candidate in [*main, *(articles if len(articles) == 1 else [])]:
        if _text_length(candidate) >= 0.5 * _text_length(body):
            body = candidate
            break
    # A heading that is only a link elsewhere ("Back to blog", a category, a related post) is
    # navigation; so are headings above the page's single h1 (breadcrumbs, categories).
    for heading in list(body.iter(*_HEADINGS)):
        links = heading.xpath(".//a[@href]")
        text = _text_length(heading)
        linked = sum(len("".join(a.itertext()).strip()) for a in links)
        if (
            links
            and text
            and linked >= text
            and not any(a.get("href", "").startswith("#") for a in links)
        ):
            _drop(heading)
    h1s = list(body.iter("h1"))
    if len(h1s) == 1:
        for heading in h1s[0].xpath(
            "preceding::*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
        ):
            if heading.getparent() is not None:
                _drop(heading)
    # Lists and blocks that are mostly links are menus, whatever they are called.
    for element in list(body.iter("ul", "ol", "div", "p", "table", "section")):
        if element.getparent() is not None and _is_link_list(element):
            _drop(element)
    return body


def _holds_content(element, total: int) -> bool:
    """Never drop the element that holds most of the page (a <body class="has-sidebar">)."""
    if element.xpath(".//main|.//article|self::main|self::article|self::body"):
        return True
    return total > 0 and _text_length(element) > 0.5 * total


def _is_link_list(element) -> bool:
    if element.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"):
        return False
    text = _text_length(element)
    links = element.xpath(".//a")
    if text == 0 or len(links) < 2:
        return False
    linked = sum(len("".join(a.itertext()).strip()) for a in links)
    return linked / text > 0.7


def _text_length(element) -> int:
    return len("".join(element.itertext()).strip())


def _drop(element) -> None:
    """Remove an element but keep the text that follows it (lxml stores it on the element)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
