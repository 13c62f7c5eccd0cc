"""The dashboard charts' SVG shapes and lesson statuses, written in one pass: a template loop
over 200 shapes, or format_html escaping each number, cost more than the rest of the page.
Every value written is a number or a date or label formatted here, so only the labels (and
the lesson statuses' text and links) need escaping."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

register = template.Library()

# A cell's day as strftime's "%a" and "%b" write it (Python leaves LC_TIME in the C locale),
# looked up: two strftime calls per cell were most of the heatmap's cost.
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@register.simple_tag
def bar_rects(chart: dict):
    """One <rect> per bar of ``charts.bar_chart``, titled with its label and value."""
    return mark_safe(
        "".join(
            f'<rect class="bar" x="{b.x}" y="{b.y}" width="{b.width}" height="{b.height}">'
            f"<title>{escape(b.label)}: {int(b.value)}</title></rect>"
            for b in chart["bars"]
        )
    )


@register.simple_tag
def heatmap_rects(chart: dict):
    """One <rect> per day of ``charts.heatmap``, titled with the day and its review count."""
    size = int(chart["size"])
    return mark_safe(
        "".join(
            f'<rect class="heat-{int(c.level)}" x="{int(c.x)}" y="{int(c.y)}" width="{size}" '
            f'height="{size}" rx="2"><title>{WEEKDAYS[c.day.weekday()]} {c.day.day} '
            f"{MONTHS[c.day.month]} {c.day.year}: "
            f"{int(c.count)} review{'' if c.count == 1 else 's'}</title></rect>"
            for c in chart["cells"]
        )
    )


@lru_cache(maxsize=4096)
def _lesson_url(prefix: str, urlconf, root_urlconf: str, course_slug: str, slug: str) -> str:
    """``Lesson.get_absolute_url``, remembered: it is the same for every student, and reversing
    it for each lesson of each course was a tenth of the page. The key holds all reverse() reads
    besides the slugs (script prefix, URLconf), so the URL is the one reverse() would give."""
    return reverse("lesson_detail", urlconf, kwargs={"course_slug": course_slug, "slug": slug})


@register.simple_tag
def lesson_statuses(states: list, session_url: str):
    """One <li> per lesson of a dashboard course: a link, its status, and a practice link where
    the student has cards. A template loop over these was a quarter of the page's rendering."""
    items = []
    for state in states:
        lesson = state.lesson
        title = conditional_escape(lesson.title)
        url = _lesson_url(
            get_script_prefix(),
            get_urlconf(),
            settings.ROOT_URLCONF,
            lesson.course.slug,
            lesson.slug,
        )
        item = (
            f'<li><a href="{conditional_escape(url)}">{title}</a> '
            f'<span class="status status-{conditional_escape(state.status)}">'
            f"{conditional_escape(state.label)}</span>"
        )
        if state.cards:
            item += (
                f' <a href="{conditional_escape(session_url)}?lesson={lesson.pk}" class="meta">'
                f'Practice<span class="visually-hidden"> {title}</span></a>'
            )
        items.append(item + "</li>")
    return mark_safe("".join(items))
