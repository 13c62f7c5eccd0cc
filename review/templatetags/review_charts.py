"""The dashboard charts' SVG shapes, written in one pass: a template loop over 200 shapes with
a filter each cost more than the rest of the page."""

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def bar_rects(chart: dict):
    """One <rect> per bar of ``charts.bar_chart``, titled with its label and value."""
    return format_html_join(
        "",
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
        ((b.x, b.y, b.width, b.height, b.label, b.value) for b in chart["bars"]),
    )


@register.simple_tag
def heatmap_rects(chart: dict):
    """One <rect> per day of ``charts.heatmap``, titled with the day and its review count."""
    size = chart["size"]
    return format_html_join(
        "",
        '<rect class="heat-{}" x="{}" y="{}" width="{}" height="{}" rx="2">'
        "<title>{}: {} review{}</title></rect>",
        (
            (c.level, c.x, c.y, size, size, f"{c.day:%a} {c.day.day} {c.day:%b %Y}", c.count,
             "" if c.count == 1 else "s")
            for c in chart["cells"]
        ),
    )  # fmt: skip
