from quizzes.gift import parse_gift


def test_pairs_become_text_and_match_text(parse_one):
    question = parse_one(
        "Match each country with its capital."
        "{=Kenya -> Nairobi =Chile -> Santiago =Laos->Vientiane}"
    )
    assert question.type == "matching"
    assert [(a.text, a.match_text) for a in question.answers] == [
        ("Kenya", "Nairobi"),
        ("Chile", "Santiago"),
        ("Laos", "Vientiane"),
    ]


def test_two_pairs_are_accepted(parse_one):
    question = parse_one("Match.{\n=cat -> kitten\n=dog -> puppy\n}")
    assert len(question.answers) == 2


def test_extra_wrong_match_without_item(parse_one):
    question = parse_one("Match.{=cat -> kitten =dog -> puppy = -> calf}")
    assert [(a.text, a.match_text) for a in question.answers][-1] == ("", "calf")


def test_one_pair_is_not_enough():
    result = parse_gift("Match.{=cat -> kitten}")
    assert "at least two pairs" in result.errors[0].message


def test_pair_without_arrow_is_reported():
    result = parse_gift("Match.{=cat -> kitten =dog puppy =cow -> calf}")
    assert "'dog puppy' has no '->'" in result.errors[0].message
