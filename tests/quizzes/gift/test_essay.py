def test_empty_block_is_an_essay(parse_one):
    question = parse_one("::Reflection::Write about your favourite river.{}")
    assert question.type == "essay"
    assert question.answers == []
    assert question.prompt == "Write about your favourite river."


def test_essay_block_with_spaces(parse_one):
    assert parse_one("Discuss.{ \n }").type == "essay"
