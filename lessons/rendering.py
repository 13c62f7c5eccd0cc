"""Turns lesson Markdown into sanitised HTML: imported text can never inject script."""

import hashlib
from collections.abc import Callable

import nh3
from django.core.cache import cache
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

_ALLOWED_TAGS = {
    "p",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "a",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def render_markdown(text: str) -> str:
    html = _markdown.render(text or "")
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "ol": {"start"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


# Bump when the rendering rules change, so HTML cached under the old rules is not served.
RENDERING_VERSION = 1
RENDERED_HTML_TIMEOUT = 7 * 24 * 3600


def render_markdown_cached(text: str) -> str:
    """``render_markdown`` once per distinct text: the HTML is cached under the text's SHA-256,
    so an edited lesson gets a new key and nothing needs invalidating."""
    digest = hashlib.sha256((text or "").encode()).hexdigest()
    key = f"lesson-html:{RENDERING_VERSION}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render_markdown(text)
        cache.set(key, html, RENDERED_HTML_TIMEOUT)
    return html


def render_lesson_cached(content_hash: str, body: Callable[[], str]) -> str:
    """A lesson's rendered body, cached under its ``content_hash`` (SHA-256 of title and body,
    which ``Lesson.save`` and every bulk write keep in step with them), so ``body()`` is read
    and rendered only once per content; an edit gives a new hash and a new key."""
    key = f"lesson-html:{RENDERING_VERSION}:content:{content_hash}"
    html = cache.get(key)
    if html is None:
        html = render_markdown(body())
        cache.set(key, html, RENDERED_HTML_TIMEOUT)
    return html


def markdown_to_text(text: str) -> str:
    """Lesson Markdown as plain text: blocks apart, list items on their own '- '/'1.' lines."""
    blocks: list[list[str]] = []  # each block is its lines; a whole list is one block
    lists: list[list] = []  # one [ordered, next number] per open list
    for token in _markdown.parse(text or ""):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if not lists:
                blocks.append([])
            lists.append([token.type == "ordered_list_open", int(token.attrGet("start") or 1)])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "inline":
            content = "".join(
                child.content
                if child.type in ("text", "code_inline")
                else "\n"
                if child.type in ("softbreak", "hardbreak")
                else ""
                for child in token.children or []
            )
            if lists:
                ordered, number = lists[-1]
                marker = f"{number}." if ordered else "-"
                lists[-1][1] += 1
                blocks[-1].append(f"{'  ' * (len(lists) - 1)}{marker} {content}")
            else:
                blocks.append([content])
        elif token.type in ("fence", "code_block"):
            blocks.append([token.content.rstrip("\n")])
    return "\n\n".join("\n".join(lines) for lines in blocks if lines)
