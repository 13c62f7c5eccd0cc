import random

import pytest

from quizzes.gift import (
    BLANK,
    GiftAnswer,
    GiftDumpError,
    GiftQuestion,
    dump_gift,
    parse_gift,
)

TRICKY = "Braces {x} = ~y #z: C:\\temp\\new\n2nd line // not a comment ####"


def round_trip(questions: list[GiftQuestion]) -> list[GiftQuestion]:
    result = parse_gift(dump_gift(questions))
    assert result.errors == []
    return result.questions


ONE_OF_EACH = [
    GiftQuestion(
        "single_choice",
        "Which river is longest?",
        [
            GiftAnswer("Nile", 1.0, "Yes."),
            GiftAnswer("Amazon", 0.25, "Close."),
            GiftAnswer("Rhine", 0.0),
            GiftAnswer("Thames", -0.5, "Far off."),
        ],
        title="Rivers 1",
        general_feedback="About 6,650 km.",
    ),
    GiftQuestion(
        "multiple_response",
        "Which are mammals?",
        [
            GiftAnswer("whale", 1 / 3),
            GiftAnswer("bat", 1 / 3),
            GiftAnswer("platypus", 1 / 3, "It lays eggs, still a mammal."),
            GiftAnswer("shark", -1.0),
        ],
    ),
    GiftQuestion(
        "true_false",
        "Ice is denser than water.",
        [GiftAnswer("True", 0.0, "It floats."), GiftAnswer("False", 1.0, "Right.")],
        general_feedback="Hydrogen bonds.",
    ),
    GiftQuestion(
        "true_false",
        "Water boils at 100 °C at sea level.",
        [GiftAnswer("True", 1.0, "Right."), GiftAnswer("False", 0.0)],
    ),
    GiftQuestion(
        "short_answer",
        "Who wrote Hamlet?",
        [GiftAnswer("Shakespeare", 1.0), GiftAnswer("Marlowe", 0.0, "No, a rival.")],
    ),
    GiftQuestion(
        "cloze",
        f"{BLANK} and {BLANK} make {BLANK}.",
        [
            GiftAnswer("Oxygen", 1.0, blank=0),
            GiftAnswer("hydrogen", 1.0, blank=1),
            GiftAnswer("H", 0.5, "Use the name.", blank=1),
            GiftAnswer("water", 1.0, blank=2),
            GiftAnswer("salt", 0.0, "No.", blank=2),
        ],
        blank_kinds=("text", "text", "choice"),
        general_feedback="H2O.",
    ),
    GiftQuestion(
        "numerical",
        "When did the Berlin Wall fall?",
        [
            GiftAnswer.number(1989, fraction=1.0, feedback="Exactly."),
            GiftAnswer.number(1989, 1, fraction=0.5),
            GiftAnswer.number_range(1980, 1999.5, fraction=0.1),
            GiftAnswer("*", 0.0, "Check a timeline."),
        ],
    ),
    GiftQuestion("numerical", "Pi to two places?", [GiftAnswer.number_range(3.135, 3.145)]),
    GiftQuestion(
        "matching",
        "Match rivers and seas.",
        [
            GiftAnswer("Danube", 1.0, match_text="Black Sea"),
            GiftAnswer("Rhine", 1.0, match_text="North Sea"),
            GiftAnswer("", 1.0, match_text="Caspian Sea"),
        ],
        general_feedback="Maps help.",
    ),
    GiftQuestion("essay", "Why do rivers meander?", general_feedback="Erosion, deposition."),
    GiftQuestion("essay", "Describe a delta.", text_format="markdown", category="Essays"),
]


@pytest.mark.parametrize("question", ONE_OF_EACH, ids=lambda q: q.type)
def test_every_type_round_trips(question):
    assert round_trip([question]) == [question]


@pytest.mark.parametrize("question", ONE_OF_EACH, ids=lambda q: q.type)
def test_every_type_round_trips_with_tricky_text(question):
    def tricky(text: str) -> str:
        return f"{text} {TRICKY}" if text else text

    answers = [
        GiftAnswer(
            tricky(a.text) if question.type not in ("true_false", "numerical") else a.text,
            a.fraction,
            tricky(a.feedback),
            tricky(a.match_text),
            a.value,
            a.tolerance,
            a.range_min,
            a.range_max,
            a.blank,
        )
        for a in question.answers
    ]
    tricky_question = GiftQuestion(
        question.type,
        tricky(question.prompt),
        answers,
        title="Title :: with {braces}",
        text_format=question.text_format,
        general_feedback=tricky(question.general_feedback),
        category="Top/Sub $course$",
        blank_kinds=question.blank_kinds,
    )
    assert round_trip([tricky_question]) == [tricky_question]


def test_all_types_together_keep_order_and_categories():
    questions = [
        GiftQuestion(q.type, q.prompt, q.answers, category=category, blank_kinds=q.blank_kinds)
        for q, category in zip(
            ONE_OF_EACH, ["", "A", "A", "B", "", "B", "B", "C", "", "", "D"], strict=True
        )
    ]
    assert round_trip(questions) == questions


@pytest.mark.parametrize(
    "prompt",
    [
        "[html] is not the format here",
        "// looks like a comment",
        "$CATEGORY: not a category",
        "::not a title:: really",
        f"A literal {BLANK} in the text",
        f"Ends with a literal {BLANK}",
        "Multi\nline\n\nwith an empty line",
        "%50% at the start",
    ],
)
def test_text_that_looks_like_syntax_round_trips(prompt):
    questions = [
        GiftQuestion("single_choice", prompt, [GiftAnswer(prompt, 1.0), GiftAnswer("b")]),
        GiftQuestion("short_answer", prompt, [GiftAnswer(prompt.replace("->", ""), 1.0)]),
        GiftQuestion("numerical", prompt, [GiftAnswer.number(2, 0.5)]),
        GiftQuestion("essay", prompt, general_feedback=prompt),
        GiftQuestion(
            "true_false", prompt, [GiftAnswer("True", 1.0, prompt), GiftAnswer("False", 0.0)]
        ),
    ]
    assert round_trip(questions) == questions


def test_answers_that_look_like_weights_or_formats_round_trip():
    question = GiftQuestion(
        "single_choice",
        "Pick one.",
        [
            GiftAnswer("%50% off", 1.0, "[html] is text"),
            GiftAnswer("[plain]", 0.0),
            GiftAnswer("%-100%", 0.5),
        ],
    )
    assert round_trip([question]) == [question]


def test_single_choice_with_several_full_mark_answers_stays_single_choice():
    question = GiftQuestion(
        "single_choice", "Either.", [GiftAnswer("a", 1.0), GiftAnswer("b", 1.0)]
    )
    assert round_trip([question]) == [question]


@pytest.mark.parametrize("name", ["moodle_sample.gift", "escapes.gift"])
def test_sample_files_round_trip(sample, name):
    questions = parse_gift(sample(name)).questions
    dumped = dump_gift(questions)
    assert round_trip(questions) == questions
    assert dump_gift(parse_gift(dumped).questions) == dumped


def test_good_questions_of_a_malformed_file_round_trip(sample):
    questions = parse_gift(sample("malformed.gift")).questions
    assert round_trip(questions) == questions


def test_mid_sentence_blocks_stay_in_place():
    text = (
        "The wall fell in {#1989} after 28 years.\n\n"
        "The Seine is {T} in France.\n\n"
        "The Rhine flows into the {~Baltic =North ~Black} Sea.\n"
    )
    questions = parse_gift(text).questions
    assert dump_gift(questions) == text.replace("{#1989}", "{#=1989:0}").replace("{T}", "{TRUE}")
    assert round_trip(questions) == questions


def test_numerical_floats_round_trip_exactly():
    answers = [
        GiftAnswer.number(0.1 + 0.2, 1e-9),
        GiftAnswer.number(-6.02e23, 1e20, fraction=0.3333333),
        GiftAnswer.number_range(0.1, 0.7, fraction=1 / 7),
    ]
    question = GiftQuestion("numerical", "Float?", answers)
    assert round_trip([question]) == [question]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (GiftQuestion("short_answer", "Q?", [GiftAnswer("a -> b", 1.0)]), "'->'"),
        (
            GiftQuestion(
                "matching",
                "Q?",
                [GiftAnswer("a -> b", 1.0, match_text="c"), GiftAnswer("d", match_text="e")],
            ),
            "'->'",
        ),
        (
            GiftQuestion("cloze", "No blank here.", [GiftAnswer("a", 1.0)], blank_kinds=("text",)),
            BLANK,
        ),
        (GiftQuestion("essay", "Q?", category="two\nlines"), "several lines"),
        (GiftQuestion("quiz_show", "Q?"), "unknown question type"),
        (GiftQuestion("essay", "   "), "needs some text"),
        (GiftQuestion("single_choice", "Q?", [GiftAnswer("a", 2.0)]), "outside -1..1"),
        (
            GiftQuestion("single_choice", "Q?", [GiftAnswer("a"), GiftAnswer("b")]),
            "no right answer",
        ),
        (
            GiftQuestion("matching", "Pairs?", [GiftAnswer("a", 1.0, match_text="b")]),
            "at least two pairs",
        ),
        (
            GiftQuestion("multiple_response", "Q?", [GiftAnswer("a", 0.5), GiftAnswer("b")]),
            "add up to 50%",
        ),
        (
            GiftQuestion("short_answer", "Q?", [GiftAnswer("a", 0.5)], title="Named"),
            "no right answer",
        ),
    ],
)
def test_what_gift_cannot_express_is_refused_clearly(question, message):
    with pytest.raises(GiftDumpError, match=message.replace("?", r"\?")) as raised:
        dump_gift([question])
    assert repr(question.title or question.prompt[:60]) in str(raised.value)


# A seeded generator of valid questions built from awkward fragments: every special character,
# escapes, things that look like weights, formats, comments, titles and blanks.
FRAGMENTS = [
    "a",
    "Zeta",
    " ",
    "é",
    "{",
    "}",
    "~",
    "=",
    "#",
    ":",
    "\\",
    "\n",
    "%",
    "50%",
    "[html]",
    "->",
    "//",
    "..",
    "_",
    "\\n",
    "####",
    "$CATEGORY:",
    "::",
    "\t",
    "T",
    "%-100%",
    BLANK,
]


def _text(rng: random.Random, *, arrow: bool = True) -> str:
    text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 7))).strip()
    if not arrow:
        text = text.replace("->", "-")
    return text if text.replace(BLANK, "").strip() else "q"


def _maybe(rng: random.Random, make) -> str:
    return make() if rng.random() < 0.5 else ""


def _choices(rng: random.Random, *, multiple: bool, blank: int = 0) -> list[GiftAnswer]:
    count = rng.randint(2, 5)
    if multiple:
        right = rng.randint(1, count)
        fractions = [1 / right] * right + [
            rng.choice([0.0, -0.5, -1.0]) for _ in range(count - right)
        ]
    else:
        fractions = [1.0] + [rng.choice([0.0, 0.0, 0.5, -1.0, 1.0]) for _ in range(count - 1)]
    rng.shuffle(fractions)
    return [
        GiftAnswer(_text(rng), f, _maybe(rng, lambda: _text(rng)), blank=blank) for f in fractions
    ]


def _text_answers(rng: random.Random, blank: int = 0) -> list[GiftAnswer]:
    fractions = [1.0] + [rng.choice([1.0, 0.5, 0.0]) for _ in range(rng.randint(0, 3))]
    return [
        GiftAnswer(_text(rng, arrow=False), f, _maybe(rng, lambda: _text(rng)), blank=blank)
        for f in fractions
    ]


def _random_question(rng: random.Random, kind: str) -> GiftQuestion:
    prompt = _text(rng)
    extra = {}
    match kind:
        case "single_choice" | "multiple_response":
            answers = _choices(rng, multiple=kind == "multiple_response")
        case "short_answer":
            answers = _text_answers(rng)
        case "true_false":
            correct = rng.random() < 0.5
            answers = [
                GiftAnswer("True", float(correct), _maybe(rng, lambda: _text(rng))),
                GiftAnswer("False", float(not correct), _maybe(rng, lambda: _text(rng))),
            ]
        case "numerical":
            answers = [GiftAnswer.number(rng.uniform(-1e4, 1e4), rng.choice([0, 0.5, 3]))]
            answers.append(
                GiftAnswer.number_range(
                    -rng.random(), rng.random(), fraction=rng.choice([0.5, -0.1, 1.0])
                )
            )
            if rng.random() < 0.5:
                answers.append(GiftAnswer("*", 0.0, _text(rng)))
        case "matching":
            answers = [
                GiftAnswer(_text(rng, arrow=False), 1.0, match_text=_text(rng)) for _ in range(3)
            ]
        case "cloze":
            blanks = rng.randint(1, 3)
            kinds = tuple(rng.choice(["choice", "text"]) for _ in range(blanks))
            prompt = " ".join(f"{_text(rng)} {BLANK}" for _ in kinds) + " end."
            answers = []
            for index, blank_kind in enumerate(kinds):
                if blank_kind == "choice":
                    answers += _choices(rng, multiple=False, blank=index)
                else:
                    answers += _text_answers(rng, blank=index)
            extra["blank_kinds"] = kinds
        case _:
            answers = []
    return GiftQuestion(
        kind,
        prompt,
        answers,
        title=_maybe(rng, lambda: _text(rng)),
        text_format=rng.choice(["moodle", "markdown", "html", "plain"]),
        general_feedback=_maybe(rng, lambda: _text(rng)),
        category=rng.choice(["", "Top", "Top/Sub :: x"]),
        **extra,
    )


@pytest.mark.parametrize("seed", range(20))
def test_generated_questions_round_trip(seed):
    rng = random.Random(seed)
    kinds = [
        "single_choice",
        "multiple_response",
        "true_false",
        "short_answer",
        "cloze",
        "numerical",
        "matching",
        "essay",
    ]
    questions = [_random_question(rng, rng.choice(kinds)) for _ in range(25)]
    assert round_trip(questions) == questions


# Random GIFT-ish documents, valid or not: parsing never raises, and whatever it accepts
# is written back and read again unchanged.
WORDS = ["a", "b c", "1822", "1.5", "T", "FALSE", "\\{x\\}", "\\n", "->", "..", ":2", BLANK, "//"]


def _gift_block(rng: random.Random) -> str:
    word = lambda: rng.choice(WORDS)  # noqa: E731
    weight = lambda: rng.choice(["", "", "%50%", "%-100%", "%100%", "%33.3%"])  # noqa: E731
    feedback = lambda: rng.choice(["", "", f"#{word()}"])  # noqa: E731
    answers = rng.randint(1, 4)
    return rng.choice(
        [
            "",
            f"{rng.choice(['T', 'F', 'TRUE', 'FALSE'])}{feedback()}{feedback()}",
            "#" + " ".join(f"={weight()}{word()}{feedback()}" for _ in range(answers)),
            f"#{word()}{feedback()}",
            " ".join(f"{rng.choice('=~')}{weight()}{word()}{feedback()}" for _ in range(answers)),
            " ".join(f"={word()} -> {word()}" for _ in range(answers)),
        ]
    ) + rng.choice(["", "", f" ####{word()}"])


def _gift_document(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        question = rng.choice(["", "::t::", "::x\\:y::\n"]) + rng.choice(["", "[html]"])
        question += f"{rng.choice(WORDS)} {{{_gift_block(rng)}}}"
        for _ in range(rng.choice([0, 0, 1, 2])):
            question += f" {rng.choice(WORDS)} {{{_gift_block(rng)}}}"
        question += rng.choice(["", "", " tail."])
        if rng.random() < 0.2:  # corrupt it
            at = rng.randrange(len(question) + 1)
            question = question[:at] + rng.choice(TOKENS) + question[at:]
        parts.append(question)
        if rng.random() < 0.1:
            parts.append(f"$CATEGORY: {rng.choice(WORDS)}")
    return "\n\n".join(parts)


TOKENS = [
    "a",
    "b c",
    " ",
    "\n",
    "\n\n",
    "{",
    "}",
    "~",
    "=",
    "#",
    "####",
    ":",
    "::",
    "\\",
    "\\n",
    "%50%",
    "%-100%",
    "%100%",
    "->",
    "//",
    "$CATEGORY: x",
    "[html]",
    "[markdown]",
    "T",
    "FALSE",
    "1822",
    ":2",
    "..",
    "1.5",
    BLANK,
    ".",
    "\t",
    "\r\n",
    "\ufeff",
    "1e999",
]


@pytest.mark.parametrize("seed", range(10))
def test_whatever_parses_round_trips(seed):
    rng = random.Random(seed)
    for _ in range(100):
        questions = parse_gift(_gift_document(rng)).questions
        assert round_trip(questions) == questions
    for _ in range(100):
        text = "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 40)))
        questions = parse_gift(text).questions
        assert round_trip(questions) == questions
