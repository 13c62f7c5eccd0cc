"""A lesson of an encyclopedia article calls the article's subject by its kind ("the plague" in
an article on the Black Death): prompts name the subject instead, where nothing else in the
lesson could be that kind."""

from quizzes.generation import LessonText, generate_course
from quizzes.generation.analysis import analyse_lessons

OPENING = (
    "The Black Death, also known as the Great Plague or the Plague, was one of the most "
    "devastating pandemics in human history, peaking in Europe from 1347 to 1351. "
    "The Black Death was the second plague pandemic."
)
MIDDLE_EAST = (
    "The plague struck various regions in the Middle East during the pandemic, leading to "
    "serious depopulation. "
    "By autumn 1347, the plague reached Alexandria in Egypt, through the port's trade with "
    "Constantinople, and ports on the Black Sea. "
    "Mecca became infected in 1349."
)


def _reached(opening: str, title: str, lesson: str):
    """The analysed "By autumn 1347, ... reached ..." sentence of ``lesson``, and the prompts
    generated from it."""
    texts = [LessonText(key="0", title="Introduction", text=opening)]
    texts.append(LessonText(key="1", title=title, text=lesson))
    sentence = next(s for s in analyse_lessons(texts)[1].sentences if "reached" in s.text)
    prompts = [q.prompt for q in generate_course(texts)["1"] if "Alexandria" in q.source_sentence]
    return sentence, prompts


def test_the_kind_of_the_course_subject_is_named_in_the_prompt():
    sentence, prompts = _reached(OPENING, "Middle Eastern outbreak", MIDDLE_EAST)
    assert sentence.renamed == ("the plague", "the Black Death") and not sentence.depends
    assert prompts
    assert all(p.startswith("By autumn") and "the Black Death reached" in p for p in prompts)


def test_a_lesson_that_tells_of_other_things_of_the_kind_keeps_the_x_leaning_back():
    # "A second plague" is a plague too: which one "the plague" is, only the text says.
    other = MIDDLE_EAST + " A second plague followed in 1361."
    sentence, prompts = _reached(OPENING, "Middle Eastern outbreak", other)
    assert sentence.depends and not sentence.renamed and not prompts
    # The lesson's title names the kind: its "the plague" may be the title's own.
    sentence, prompts = _reached(OPENING, "The plague in Egypt", MIDDLE_EAST)
    assert not sentence.renamed and not any("Black Death" in p for p in prompts)


def test_a_course_opening_on_a_kind_of_thing_names_no_subject():
    # "A plague is ...": any plague, not one thing a later "the plague" could name.
    opening = (
        "A plague is one of the most devastating pandemics in human history. "
        "It spreads through fleas carried by rodents."
    )
    sentence, prompts = _reached(opening, "Middle Eastern outbreak", MIDDLE_EAST)
    assert sentence.depends and not sentence.renamed and not prompts


def test_a_noun_modifying_the_kind_is_no_kind_of_the_subject():
    # "a bubonic plague pandemic" is a plague, but "an English rock band" is no rock: only an
    # alias ("also known as the Plague") makes "the plague" the Black Death.
    opening = (
        "The Black Death was a bubonic plague pandemic in Europe from 1347 to 1351. "
        "Europe lost a third of its people to the Black Death."
    )
    sentence, prompts = _reached(opening, "Middle Eastern outbreak", MIDDLE_EAST)
    assert sentence.depends and not sentence.renamed and not prompts


DARWIN = (
    "Charles Darwin was an English naturalist, best known for his contributions to "
    "evolutionary biology. His proposition that all species of life have descended from "
    "common ancestors is now widely accepted."
)
WALLACE = (
    "Alfred Russel Wallace collected beetles and birds in the Malay Archipelago for eight "
    "years. The naturalist sent an essay on natural selection from the island of Ternate in "
    "1858. Its argument matched the theory of Charles Darwin closely."
)
VOYAGE = (
    "The voyage of the Beagle lasted almost five years, from 1831 to 1836. Charles Darwin "
    "spent most of that time on land, studying geology and collecting fossils."
)
ORIGIN = (
    "On the Origin of Species was published on 24 November 1859. Its first printing of 1,250 "
    "copies was oversubscribed by booksellers in London."
)


def _ternate(*lessons: str):
    texts = [LessonText(key=str(i), title=f"L{i}", text=t) for i, t in enumerate(lessons)]
    sentence = next(s for s in analyse_lessons(texts)[1].sentences if "Ternate" in s.text)
    prompts = [q.prompt for q in generate_course(texts)["1"] if "Ternate" in q.source_sentence]
    return sentence, prompts


def test_a_kind_the_course_seldom_calls_its_subject_by_is_not_named_as_it():
    # "the naturalist" once in a course on Darwin: here it is Wallace, whom it would wrong.
    sentence, prompts = _ternate(DARWIN, WALLACE, VOYAGE, ORIGIN)
    assert sentence.depends and not sentence.renamed
    assert not any("Charles Darwin sent" in p for p in prompts)


def test_a_the_x_after_a_sentence_about_another_name_is_not_the_subject():
    # Every lesson calls Darwin "the naturalist", but this one just spoke of Wallace.
    also = " The naturalist was a careful observer."
    sentence, prompts = _ternate(DARWIN + also, WALLACE, VOYAGE + also, ORIGIN + also)
    assert sentence.depends and not sentence.renamed
    assert not any("Charles Darwin sent" in p for p in prompts)
