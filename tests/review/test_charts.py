"""The dashboard charts' geometry: a forecast with a whole-number scale, a heatmap with month and
weekday labels and a legend that says which counts each shade stands for."""

import datetime as dt

import pytest

from review import charts


@pytest.mark.parametrize(
    ("top", "gridlines"),
    [
        (0, [0, 1]),
        (3, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (13, [0, 5, 10, 15]),
        (44, [0, 20, 40, 60]),
        (260, [0, 100, 200, 300]),
    ],
)
def test_scale_is_whole_numbers_in_a_1_2_5_sequence(top, gridlines):
    assert charts.scale(top) == gridlines


def test_bar_chart_bars_sit_on_the_scale():
    chart = charts.bar_chart(
        [10, 5, 0], ["a", "b", "c"], axis={0: "Today", 2: "2 Dec"}, height=100, top=0
    )
    assert [tick["value"] for tick in chart["ticks"]] == [0, 5, 10]
    tallest, half, empty = chart["bars"]
    assert tallest.height == 100 and half.height == 50 and empty.height == 0
    assert tallest.y == chart["ticks"][-1]["y"]  # the top gridline is the tallest bar's top
    assert [tick["label"] for tick in chart["axis"]] == ["Today", "2 Dec"]
    assert chart["bars"][0].x > chart["left"]  # the scale's labels have room at the left


def test_heatmap_labels_months_and_weekdays():
    end = dt.date(2026, 11, 30)  # a Monday
    chart = charts.heatmap({end: 4}, end=end, weeks=26)
    assert [month["label"] for month in chart["months"]] == [
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
    ]
    columns = [month["column"] for month in chart["months"]]
    assert all(b - a >= 3 for a, b in zip(columns, columns[1:], strict=False))  # never crowded
    assert [day["label"] for day in chart["weekdays"]] == ["Mon", "Wed", "Fri"]
    assert chart["cells"][-1].day == end and chart["cells"][-1].level == 4


def test_heat_legend_gives_each_shade_its_counts():
    legend = charts.heat_legend(13)
    assert [(item["level"], item["label"]) for item in legend] == [
        (0, "0"),
        (1, "1–4"),
        (2, "5–7"),
        (3, "8–10"),
        (4, "11–13"),
    ]
    for item in legend[1:]:
        low, high = (int(n) for n in item["label"].split("–"))
        assert charts.heat_level(low, 13) == charts.heat_level(high, 13) == item["level"]
    assert charts.heat_legend(0) == [{"level": 0, "label": "0"}]  # no reviews yet: one shade
