"""Key phrases ranked as yake ranks them: the same phrases, in the same order, with the same
scores, whatever the text holds (names, acronyms, figures, plurals, repeats, line breaks)."""

import pytest
import yake

from quizzes.generation.keyphrases import key_phrases

TEXTS = [
    "",
    "Tides.",
    "The harbour master of Port Elwin logged every ship that entered the bay. "
    "Ships from Norway carried timber; ships from Spain carried wine and salt. "
    "In 1712 the harbour silted up, and the master moved the moorings north.",
    "The NATO summit met in Brussels. NATO members agreed on a plan, and the EU welcomed it.\n"
    "Delegates from the EU and NATO met again in 2019, 2020 and 2021.",
    "Very very old glaciers carve valleys. Glaciers, valleys and moraines: the glacier's "
    "work is slow. A glacier moves 3.5 m a day; some glaciers move 40m or more.",
    "Photosynthesis turns light into sugar.\nChlorophyll absorbs red and blue light\n"
    "and reflects green light, so leaves look green. Light-dependent reactions happen first; "
    "the Calvin cycle follows.",
    "Markets, markets, markets! Traders in the market of Tunis sold spices (pepper, cumin) "
    "and cloth. The market's guild set prices -- and fined traders who cheated.",
    " ".join(
        f"The {w} of the valley shaped the {v} of the town across many centuries."
        for w, v in [
            ("river", "trade"),
            ("forest", "building"),
            ("quarry", "walls"),
            ("road", "markets"),
            ("bridge", "toll"),
            ("mill", "bread"),
            ("canal", "harbour"),
            ("railway", "factories"),
            ("church", "calendar"),
            ("school", "language"),
            ("castle", "taxes"),
            ("port", "fishing fleet"),
        ]
    ),
]


@pytest.mark.parametrize("text", TEXTS)
def test_key_phrases_are_yakes(text):
    expected = yake.KeywordExtractor(lan="en", n=2, top=25).extract_keywords(text)
    assert key_phrases(text) == expected


def test_a_long_text_keeps_the_top_25_after_dropping_near_duplicates():
    found = key_phrases(TEXTS[-1])
    assert len(found) == 25
    assert [score for _phrase, score in found] == sorted(score for _phrase, score in found)
