"""How a question is laid out for answering in review, and how the posted form becomes an answer."""

from quizzes import grading


def shuffle_seed(student_id: int, question_id: int) -> int:
    # Stable per student and question, so reloading the page never reorders the choices.
    return student_id * 1_000_003 + question_id


def layout(question, student_id: int) -> dict:
    """Template data for answering ``question``: shuffled choices, cloze pieces, matching pairs."""
    choices = question.ordered_choices()
    seed = shuffle_seed(student_id, question.pk)
    data = {"question": question, "type": question.type, "choices": [], "pieces": [], "pairs": []}
    if question.type in {grading.SINGLE_CHOICE, grading.MULTIPLE_RESPONSE}:
        data["choices"] = grading.shuffled(choices, seed)
    elif question.type == grading.TRUE_FALSE:
        # True before False, as people expect to read them.
        data["choices"] = sorted(choices, key=lambda c: c.text.strip().lower() != "true")
    elif question.type == grading.CLOZE:
        pieces = grading.split_prompt(question.prompt)
        data["pieces"] = [
            {"text": text, "blank": index if index < len(pieces) - 1 else None}
            for index, text in enumerate(pieces)
        ]
    elif question.type == grading.MATCHING:
        pairs = [c for c in choices if c.match_text]
        data["pairs"] = pairs
        data["options"] = grading.shuffled(sorted({c.match_text for c in pairs}), seed)
    return data


def answer_from_post(question, post) -> object:
    """The answer in the shape ``question.grade`` expects, read from the review form."""
    kind = question.type
    if kind == grading.MULTIPLE_RESPONSE:
        return post.getlist("answer")
    if kind == grading.CLOZE:
        count = grading.blank_count(question.spec())
        return [post.get(f"blank-{index}", "") for index in range(count)]
    if kind == grading.MATCHING:
        return {
            str(choice.pk): post.get(f"match-{choice.pk}", "")
            for choice in question.ordered_choices()
            if choice.match_text
        }
    answer = post.get("answer", "")
    if kind in {grading.SINGLE_CHOICE, grading.TRUE_FALSE} and not answer:
        raise grading.InvalidAnswer("Pick one of the choices.")
    return answer
