"""The dashboard charts' SVG shapes, their scales and its lists (lesson statuses, weakest
lessons), written in one pass: a template loop over 200 shapes, or format_html escaping each
number, cost more than the rest of the page.
Every value written is a number or a date or label formatted here, so only the labels (and
the lesson statuses' text and links) need escaping."""

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

register = template.Library()


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
def bar_scale(chart: dict):
    """The gridlines of ``charts.bar_chart``, labelled at the left, and its axis labels below
    (the first one starting at its bar, the others centred)."""
    left, right, label_y = int(chart["left"]), int(chart["right"]), chart["label_y"]
    gridlines = "".join(
        f'<line x1="{left}" x2="{right}" y1="{t["y"]}" y2="{t["y"]}"/>'
        f'<text x="{left - 4}" y="{t["y"]}" dy="4" text-anchor="end">{int(t["value"])}</text>'
        for t in chart["ticks"]
    )
    labels = "".join(
        f'<text x="{t["x"]}" y="{label_y}" text-anchor="{"middle" if index else "start"}">'
        f"{escape(t['label'])}</text>"
        for index, t in enumerate(chart["axis"])
    )
    return mark_safe(f"{gridlines}\n    {labels}")


@register.simple_tag
def heatmap_scale(chart: dict):
    """The months named above ``charts.heatmap``'s weeks and the weekdays named at its left."""
    month_y = int(chart["month_y"])
    months = "".join(
        f'<text x="{int(m["x"])}" y="{month_y}">{escape(m["label"])}</text>'
        for m in chart["months"]
    )
    weekdays = "".join(
        f'<text x="0" y="{int(d["y"])}">{escape(d["label"])}</text>' for d in chart["weekdays"]
    )
    return mark_safe(f"{months}\n    {weekdays}")


@register.simple_tag
def heat_legend(chart: dict):
    """A key per shade of ``charts.heatmap``: a square of it and the review counts it stands
    for."""
    return mark_safe(
        "".join(
            '<span class="heat-key"><svg width="11" height="11" viewBox="0 0 11 11"'
            f' aria-hidden="true"><rect class="heat-{int(item["level"])}" width="11" height="11"'
            f' rx="2"/></svg> {escape(item["label"])}</span>'
            for item in chart["legend"]
        )
    )


@register.simple_tag
def heatmap_rects(chart: dict):
    """One <rect> per day of ``charts.heatmap``, titled with the day and its review count (the
    day's label is strftime's digits and names, worked out once a day: nothing to escape)."""
    size = int(chart["size"])
    return mark_safe(
        "".join(
            f'<rect class="heat-{int(c.level)}" x="{int(c.x)}" y="{int(c.y)}" width="{size}" '
            f'height="{size}" rx="2"><title>{c.label}: '
            f"{int(c.count)} review{'' if c.count == 1 else 's'}</title></rect>"
            for c in chart["cells"]
        )
    )


@register.simple_tag
def lesson_statuses(states: list, session_url: str):
    """One <li> per lesson of a dashboard course: a link, its status, and a practice link where
    the student has cards. A template loop over these was a quarter of the page's rendering."""
    items = []
    for state in states:
        lesson = state.lesson
        title = conditional_escape(lesson.title)
        item = (
            f'<li><a href="{conditional_escape(lesson.get_absolute_url())}">{title}</a> '
            f"{state.badge}"
        )
        if state.cards:
            item += (
                f' <a href="{conditional_escape(session_url)}?lesson={lesson.pk}" class="meta">'
                f'Practice<span class="visually-hidden"> {title}</span></a>'
            )
        items.append(item + "</li>")
    return mark_safe("".join(items))


@register.simple_tag
def weakest_rows(states: list, session_url: str):
    """One table row per weakest lesson: its title and course, its recall now, a practice link."""
    rows = []
    for state in states:
        lesson = state.lesson
        title = conditional_escape(lesson.title)
        rows.append(
            f'<tr><td>{title}</td><td data-label="Course">'
            f"{conditional_escape(lesson.course.title)}</td>"
            f'<td data-label="Recall now">{conditional_escape(state.percent_retrievability)}%</td>'
            f'\n        <td data-label="Practice"><a href="{conditional_escape(session_url)}'
            f'?lesson={int(lesson.pk)}">Practice<span class="visually-hidden"> {title}</span></a>'
            "</td></tr>"
        )
    return mark_safe("\n      ".join(rows))
