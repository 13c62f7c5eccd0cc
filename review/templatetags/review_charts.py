"""The dashboard charts' SVG shapes, written in one pass: a template loop over 200 shapes, or
format_html escaping each number, cost more than the rest of the page. Every value written is
a number or a date or label formatted here, so only the labels need escaping."""

from django import template
from django.utils.html import escape
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
