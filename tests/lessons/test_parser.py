"""The document parser on documents written for these tests (not the seed)."""

from pathlib import Path

import pytest

from lessons.parsing import DocumentError, detect_format, parse_document, parse_text

ROOT = Path(__file__).resolve().parents[2]


def titles(document):
    return [(s.level, s.title) for s in document.flat()]


MARKDOWN = """\
# Rivers of the World

Rivers carry water from *highlands* to the sea.

## Sources

Most rivers begin as **springs** or melting glaciers. See [the atlas](https://example.com/atlas).

### Springs

Groundwater reaches the surface.

#### Artesian springs

Pressure pushes water up: `p > 0`.

### Glaciers

Ice melts in summer.

Deltas
------

Sediment settles where a river meets the sea:

1. Silt arrives.
2. Channels split.

> A delta is a gift of the river.

```python
print("no heading # here")

# nor here
```
"""


def test_markdown_headings_nest_by_level_and_single_h1_names_the_document():
    document = parse_document(MARKDOWN)
    assert document.format == "markdown"
    assert document.title == "Rivers of the World"
    assert titles(document) == [
        (1, "Introduction"),
        (1, "Sources"),
        (2, "Springs"),
        (3, "Artesian springs"),
        (2, "Glaciers"),
        (1, "Deltas"),
    ]
    sources = document.sections[1]
    assert [c.title for c in sources.children] == ["Springs", "Glaciers"]


def test_markdown_blocks_keep_markup_lists_quotes_and_code():
    document = parse_document(MARKDOWN)
    sources, deltas = document.sections[1], document.sections[2]
    assert "**springs**" in sources.body
    assert "[the atlas](https://example.com/atlas)" in sources.body
    assert [b.kind for b in deltas.blocks] == ["list", "quote", "code"]
    numbered = deltas.blocks[0]
    assert numbered.ordered and numbered.lead_in.endswith("meets the sea:")
    assert "# nor here" in deltas.blocks[2].text  # a comment in code is not a heading


def test_markdown_skipped_levels_nest_one_step():
    document = parse_document("## A\n\ntext\n\n#### B\n\nmore\n\n## C\n\nend\n")
    assert titles(document) == [(1, "A"), (2, "B"), (1, "C")]


def test_deep_markdown_nesting_to_six_levels():
    text = "".join(f"{'#' * n} Level {n}\n\nBody {n}.\n\n" for n in range(1, 7)) * 2
    document = parse_document(text)
    assert titles(document) == [(n, f"Level {n}") for n in range(1, 7)] * 2
    assert document.title == ""  # two top headings: neither names the whole document


def test_markdown_headings_only():
    document = parse_document("# One\n\n# Two\n\n# Three\n")
    assert titles(document) == [(1, "One"), (1, "Two"), (1, "Three")]
    assert all(s.body == "" for s in document.flat())


PLAIN = """\
Volcanoes shape landscapes and lives. This guide explains how they form and erupt.
Volcano Formation
Volcanoes form where magma rises through the crust. Magma chambers feed them, and plate \
boundaries decide where they appear.
Most volcanoes sit near plate boundaries where crust is created or destroyed.
The shape of a volcano depends on how runny its magma is.
Magma Chambers
A magma chamber is a pool of molten rock under the volcano. Volcano formation depends on it.
Chambers refill slowly over centuries.
Plate Boundaries
Plate boundaries are where tectonic plates meet. Volcano formation is most common there.
Signs of an eruption include:
- Small earthquakes.
- Swelling ground.
- Gas emissions.
Living Near Volcanoes
Millions of people farm the fertile soil around active volcanoes.
Evacuation plans and monitoring reduce the danger for nearby towns.
"""


def test_plain_text_introduction_nesting_and_lists():
    document = parse_document(PLAIN)
    assert document.format == "text"
    assert titles(document) == [
        (1, "Introduction"),
        (1, "Volcano Formation"),
        (2, "Magma Chambers"),
        (2, "Plate Boundaries"),
        (1, "Living Near Volcanoes"),
    ]
    boundaries = document.flat()[3]
    (signs,) = [b for b in boundaries.blocks if b.kind == "list"]
    assert signs.lead_in == "Signs of an eruption include:"
    assert signs.text == "- Small earthquakes.\n- Swelling ground.\n- Gas emissions."


def test_plain_text_without_announcement_stays_flat():
    text = PLAIN.replace(
        "Magma chambers feed them, and plate boundaries decide where they appear.",
        "They are found on every continent.",
    ).replace("sit near plate boundaries where crust is created or destroyed", "are dormant")
    document = parse_document(text)
    assert all(level == 1 for level, _ in titles(document))


def test_plain_text_without_headings_is_one_introduction():
    document = parse_document("just some words in a sentence.\nand another line of text.\n")
    assert titles(document) == [(1, "Introduction")]
    assert document.sections[0].paragraphs == [
        "just some words in a sentence.",
        "and another line of text.",
    ]


def test_plain_text_only_headings():
    document = parse_document("First Part\nSecond Part\nThird Part\n")
    assert titles(document) == [(1, "First Part"), (1, "Second Part"), (1, "Third Part")]


def test_plain_numbered_list_is_ordered():
    document = parse_document("Steps\nDo this in order:\n1. Mix.\n2. Bake.\n3) Eat.\n")
    (block,) = document.sections[0].blocks
    assert block.kind == "list" and block.ordered
    assert block.text == "1. Mix.\n2. Bake.\n3. Eat."


def test_crlf_bom_and_typographic_quotes():
    text = "Quotes\r\nShe said “hello” and it’s fine — really.\r\nMore\r\nText here.\r\n"
    document = parse_document(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert titles(document) == [(1, "Quotes"), (1, "More")]
    assert document.sections[0].body == "She said “hello” and it’s fine — really."
    assert "\r" not in document.sections[1].body


def test_hard_wrapped_paragraphs_are_joined_and_short_lines_are_not_headings():
    text = (
        "Tides\n\nThe moon pulls the oceans toward it, and the water on the near side rises\n"
        "A Little\nwhile later the far side rises too.\n\nSpring Tides\n\nThey are the largest.\n"
    )
    document = parse_document(text, format="text")
    assert titles(document) == [(1, "Tides"), (1, "Spring Tides")]
    assert document.sections[0].paragraphs == [
        "The moon pulls the oceans toward it, and the water on the near side rises "
        "A Little while later the far side rises too."
    ]


def test_a_wrapped_line_after_a_full_stop_is_prose_not_a_heading():
    # A page dump wrapped at 78 columns with no blank line between its paragraphs: the long line
    # after "back." ends where its next word would not fit, so its sentence runs on.
    text = (
        "Furnaces\n\n"
        "Hot metal pours out of the big arc furnace in the early morning, and the men\n"
        "who watch it stand well back.\n"
        "The modern age of steelmaking began with the introduction of Jane Roberts's\n"
        "furnaces in 1855, and the raw material for them was pig iron.[12] Her\n"
        "method made metal cheap in large amounts, and in a few years in all towns.\n"
    )
    document = parse_document(text, format="text")
    assert titles(document) == [(1, "Furnaces")]
    assert "of Jane Roberts's furnaces in 1855" in document.sections[0].body
    assert "Her method made" in document.sections[0].paragraphs[-1]


def test_plain_text_markup_characters_are_escaped_not_interpreted():
    document = parse_document("Symbols\nUse *stars* and _lines_ and # marks & [brackets].\n")
    body = document.sections[0].body
    assert "\\*stars\\*" in body and "\\#" in body and "\\[brackets\\]" in body


def test_conclusion_from_concluding_phrase():
    text = (
        "Bees\nBees pollinate flowers.\nThey live in hives.\nThey make honey.\n"
        "In conclusion, bees matter to farms and to all of us.\n"
    )
    document = parse_document(text)
    assert titles(document) == [(1, "Bees"), (1, "Conclusion")]
    assert document.sections[-1].body.startswith("In conclusion")


def test_no_conclusion_without_a_summing_up_paragraph():
    document = parse_document(PLAIN)
    assert "Conclusion" not in [s.title for s in document.flat()]


def test_format_detection_and_override():
    assert detect_format("Title\n=====\n\ntext") == "markdown"
    assert detect_format("## Heading\ntext") == "markdown"
    assert detect_format("Heading\nJust text.\n") == "text"
    # A plain-text table (pandoc's: a rule above and below its cells) underlines no heading.
    table = "History\n\nThe Incas ruled.\n\n  -------\n  AGE\n  < 3\n  90\n  -------\n\nMarriage\n"
    assert detect_format(table) == "text"
    assert [s.title for s in parse_text(table).flat()][-1] == "Marriage"
    forced = parse_document("## Not a heading here\nText.\n", format="text")
    assert forced.format == "text"
    with pytest.raises(DocumentError, match="Unknown format"):
        parse_document("x", format="rtf")


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"   \n\n  \t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "an image, which cannot be imported"),
        (b"\x00\x01\x02\x03\x00\x00\x07binary", "binary"),
        (b"--- *** ...\n!!!", "no text"),
    ],
)
def test_bad_documents_are_refused_with_a_clear_message(data, message):
    with pytest.raises(DocumentError, match=message):
        parse_document(data)


def test_size_and_section_limits():
    with pytest.raises(DocumentError, match="larger than the largest accepted"):
        parse_document(b"a" * 2000, max_bytes=1000)
    many = "".join(f"# Heading {n}\n\nText {n}.\n\n" for n in range(2000))
    with pytest.raises(DocumentError, match="2000 sections; at most 500"):
        parse_document(many)
    assert len(parse_document(many, max_sections=2000).flat()) == 2000


COFFEE = (
    "Coffee is one of the most traded crops in the world and a daily habit for billions of "
    "people. Its journey from farm to cup connects growers, traders, roasters and drinkers "
    "across continents.\n"
    "Understanding that journey helps explain prices, flavours and the livelihoods that depend "
    "on coffee.\n"
    "Where Coffee Grows\n"
    "Coffee grows in a belt around the equator, where warm days and cool nights suit the plant.\n"
    "Altitude matters as much as latitude. High slopes give complex flavours.\n"
    "Processing the Harvest\n"
    "After picking, coffee cherries must be processed quickly. Farms choose between washed and "
    "natural methods, and drying and storage decide whether the beans keep their quality.\n"
    "Processing is where small farms gain or lose the value of a year's harvest.\n"
    "Washed and Natural Methods\n"
    "The washed method removes the fruit before drying. Processing this way needs water.\n"
    "The natural method dries the whole cherry in the sun.\n"
    "Drying and Storage\n"
    "Beans are dried to eleven percent moisture. Processing mistakes here invite mould.\n"
    "Roasting\n"
    "Roasters turn green beans brown through heat, creating hundreds of aroma compounds.\n"
    "Timing is everything: a few seconds can change a roast's character.\n"
    "Brewing at Home\n"
    "Home brewers choose between espresso machines, filter cones and French presses.\n"
    "Fresh beans, ground just before brewing, give the most aromatic cup.\n"
    "The daily habit of coffee links billions of drinkers to growers and traders across the "
    "world. From farm to cup, every step of the journey shapes the flavours people enjoy and "
    "the livelihoods of those who produce it.\n"
)


def test_plain_nesting_includes_unannounced_heading_before_an_announced_one():
    # "Processing the Harvest" announces "Drying and Storage" (and the methods) in its opening.
    document = parse_document(COFFEE)
    assert titles(document) == [
        (1, "Introduction"),
        (1, "Where Coffee Grows"),
        (1, "Processing the Harvest"),
        (2, "Washed and Natural Methods"),
        (2, "Drying and Storage"),
        (1, "Roasting"),
        (1, "Brewing at Home"),
        (1, "Conclusion"),
    ]


def test_conclusion_from_a_paragraph_that_echoes_the_introduction():
    document = parse_document(COFFEE)
    conclusion, brewing = document.sections[-1], document.sections[-2]
    assert conclusion.body.startswith("The daily habit of coffee")
    assert brewing.paragraphs[-1].startswith("Fresh beans")


def test_numbered_plain_headings_give_their_own_levels():
    text = (
        "1. Overview\nThis guide covers the basics.\n"
        "2. Setup\nFollow these steps:\n1. Unpack.\n2. Plug in.\n"
        "2.1 Power\nUse the supplied cable.\n"
        "2.2 Network\nConnect the ethernet port.\n"
        "3. Care\nKeep it dry.\n"
    )
    document = parse_document(text)
    assert titles(document) == [
        (1, "1. Overview"),
        (1, "2. Setup"),
        (2, "2.1 Power"),
        (2, "2.2 Network"),
        (1, "3. Care"),
    ]
    setup = document.sections[1]
    (steps,) = [b for b in setup.blocks if b.kind == "list"]
    assert steps.ordered and steps.text == "1. Unpack.\n2. Plug in."


def test_markdown_without_headings_and_headings_with_markup():
    document = parse_document("Some **bold** text and a [link](https://example.com).\n")
    assert document.format == "markdown"
    assert titles(document) == [(1, "Introduction")]
    document = parse_document("## The **bold** [river](https://x.org) `flow`\n\nText.\n")
    assert titles(document) == [(1, "The bold river flow")]


def test_a_page_dump_with_framed_headings_keeps_its_sections_and_levels():
    """html2text's dump of a Wikipedia page (bench/corpus): "****** Title ******" names the
    page, five stars mark a section, four a subsection; "[edit]" links are dropped."""
    text = (ROOT / "bench" / "corpus" / "wikipedia_dump_steel.txt").read_text(encoding="utf-8")
    document = parse_text(text)
    assert (document.format, document.title) == ("text", "Steel")
    levels = {section.title: section.level for section in document.flat()}
    assert levels["Material properties"] == 1 and levels["Heat treatment"] == 2
    assert levels["Modern steelmaking"] == 2
    assert levels["Processes starting from pig iron"] == 3
    assert not any("[edit]" in title for title in levels)
    introduction = document.flat()[0]
    assert introduction.title == "Introduction"
    assert "Steel is an alloy of iron and carbon" in introduction.body


def test_wikitext_headings_nest_by_their_equals_signs():
    text = (
        "Intro line of the article.\n\n== History ==\nIt began early.\n\n"
        "=== Early days ===\nSmall beginnings.\n\n== Uses ==\nMany uses.\n"
    )
    sections = parse_text(text).flat()
    assert [(s.title, s.level) for s in sections if s.title != "Introduction"] == [
        ("History", 1),
        ("Early days", 2),
        ("Uses", 1),
    ]


def test_a_sentence_or_lead_in_before_note_markers_is_not_a_heading():
    text = (
        "Tides\n\nThe moon pulls the oceans toward it.\n\n"
        "Most coasts see two high tides a day.[4]\n\n"
        "An old harbour log says:[7][8]\n\n"
        "Water came in twice before noon.\n\n"
        "Spring Tides\n\nThey are the largest of the month.\n"
    )
    document = parse_document(text, format="text")
    assert [title for _, title in titles(document)] == ["Tides", "Spring Tides"]
    assert document.sections[0].paragraphs[1:3] == [
        "Most coasts see two high tides a day.\\[4\\]",
        "An old harbour log says:\\[7\\]\\[8\\]",
    ]
    # One line per paragraph, no blank lines: the marked sentence still ends its paragraph.
    text = (
        "Tides\nThe moon pulls the oceans toward it.\nMost coasts see two high tides a day.[4]\n"
        "Spring Tides\nThey are the largest of the month.[5]\nNeap Tides\nThey are the smallest.\n"
    )
    document = parse_document(text, format="text")
    assert [title for _, title in titles(document)] == ["Tides", "Spring Tides", "Neap Tides"]


def test_equations_and_lines_set_in_like_a_display_are_not_headings():
    text = (
        "Notes for the physics class.\n\n"
        "Forces\n\nThe second law links force, mass and acceleration:\n\n"
        "    F = m × a\n\n"
        "Electrolysis splits water into its elements:\n\n"
        "2 H₂O → 2 H₂ + O₂\n\n"
        "Growth\n\nThe rate compares two years of output.\n\n"
        "        Growth rate for year n\n\n"
        "    = (output in year n − output in year n − 1) / output in year n − 1\n\n"
        "                              Motion Today\n\n"
        "Things move when a force acts on them.\n"
    )
    document = parse_document(text, format="text")
    assert [title for _, title in titles(document)] == [
        "Introduction",
        "Forces",
        "Growth",
        "Motion Today",
    ]
    forces, growth = document.sections[1], document.sections[2]
    assert "F = m × a" in forces.paragraphs and "2 H₂O → 2 H₂ + O₂" in forces.paragraphs
    assert "Growth rate for year n" in growth.paragraphs


def test_wiki_link_pieces_empty_table_grids_and_category_lines_are_not_lesson_text():
    text = (
        "Notes for the geography class.\n\n"
        "Rivers\n\n"
        "flooded banks at dawn, seen from the [[Old Bridge]].]] Rivers carry silt to the sea.\n\n"
        "The basin drains three wide valleys and many small streams into one slow river. "
        "[[File:Basin.png|thumb|The basin in spring\n\n"
        "+--+--+\n|  |  |\n+--+--+\n\n"
        "]] Floods come each spring.\n\n"
        "a boat on the lower river]]\n\n"
        "Deltas\n\nSilt settles where the river slows.\n\n"
        "River Category:Hydrology Category:Landforms\n"
    )
    document = parse_document(text, format="text")
    assert [title for _, title in titles(document)] == ["Introduction", "Rivers", "Deltas"]
    assert document.sections[1].paragraphs == [
        "Rivers carry silt to the sea.",
        "The basin drains three wide valleys and many small streams into one slow river.",
        "Floods come each spring.",
    ]
    assert document.sections[2].paragraphs == ["Silt settles where the river slows."]


def test_fenced_div_marks_go_and_their_content_stays():
    text = (
        "# Loops\n\n::::::::: objectives\n\n- Write a loop.\n\n:::::::::\n\n"
        "Loops repeat work.\n:::: {.callout}\n## Why loops?\n\nThey save typing.\n\n"
        "```text\n::: {.kept}\n```\n\n::::\n"
    )
    document = parse_document(text, format="markdown")
    assert titles(document) == [(1, "Introduction"), (1, "Why loops?")]
    introduction, why = document.sections
    assert introduction.body == "- Write a loop.\n\nLoops repeat work."
    assert why.paragraphs == ["They save typing."]
    assert why.blocks[-1].text == "```text\n::: {.kept}\n```"


def test_a_heading_repeated_at_once_is_one_heading_at_its_first_level():
    text = (
        "# Tides\n\n## Causes\n\nThe moon pulls.\n\n### Spring tides\n\n# Spring *tides*\n\n"
        "They are large.\n\n## Effects\n\nHarbours flood.\n"
    )
    document = parse_document(text)
    assert document.title == "Tides"
    assert titles(document) == [(1, "Causes"), (2, "Spring tides"), (1, "Effects")]
    assert document.flat()[1].paragraphs == ["They are large."]


def test_capitals_give_no_levels_when_the_first_heading_is_in_mixed_case():
    text = (
        "The water cycle moves water between sea, air and land.\n\n"
        "Evaporation\n\nThe sun heats the sea.\n\nCondensation\n\nVapour cools.\n\n"
        "Further reading\n\nBooks.\n\nOLD BOOKS\n\nA list.\n\nNEW BOOKS\n\nAnother list.\n"
    )
    assert titles(parse_document(text, format="text")) == [
        (1, "Introduction"),
        (1, "Evaporation"),
        (1, "Condensation"),
        (1, "Further reading"),
        (1, "OLD BOOKS"),
        (1, "NEW BOOKS"),
    ]


def test_list_items_without_a_letter_or_digit_are_dropped():
    text = (
        "Reactions\n\nThe net equation is:\n\n+  + →  +  +\n\n"
        "Two products form:\n\n- Sugar.\n-   -   -\n- Oxygen.\n\nLater Steps\n\nMore text.\n"
    )
    reactions = parse_document(text, format="text").sections[0]
    assert reactions.paragraphs == ["The net equation is:"]
    (products,) = [block for block in reactions.blocks if block.kind == "list"]
    assert products.markdown == "Two products form:\n\n- Sugar.\n- Oxygen."


def test_a_reference_link_is_written_inline_in_the_lesson_that_uses_it():
    document = parse_document(
        b"# Tools\n\n## Testing\n\nTests run with the [pytest] tool and the [linter][lint].\n\n"
        b"## Links\n\nSee the sites.\n\n[pytest]: https://example.org/pytest\n"
        b"[lint]: https://example.org/lint\n",
        filename="tools.md",
    )
    testing = document.sections[0]
    assert testing.title == "Testing"
    assert "[pytest](https://example.org/pytest)" in testing.body
    assert "[linter](https://example.org/lint)" in testing.body


def test_code_keeps_its_brackets_when_a_reference_link_shares_the_label():
    document = parse_document(
        b"# Vectors\n\n## Indexing\n\nThe first element is `x[1]`, as in the [1] note.\n\n"
        b"```r\ny <- x[1]\n```\n\n## Notes\n\nSee the note.\n\n[1]: https://example.org/one\n",
        filename="vectors.md",
    )
    indexing = document.sections[0]
    assert "`x[1]`" in indexing.body and "y <- x[1]\n" in indexing.body
    assert "the [1](https://example.org/one) note" in indexing.body
