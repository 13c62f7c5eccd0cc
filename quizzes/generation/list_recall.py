"""List recall builder: a list with a lead-in ending in ':' -> "Which of these is one of the ...?"
(wrong choices from other lists) and "Which of the following are ...? Select all that apply."."""

from .analysis import LessonAnalysis, ListBlock
from .common import digest, display_item, shuffled_choices
from .distractors import DistractorPool
from .normalise import answer_key, content_words, related
from .questions import Candidate, GeneratedQuestion

GENERATOR = "list_recall"
VERSION = "1"
MAX_SINGLE_PER_LIST = 3
MAX_CORRECT = 4
FOREIGN_ITEMS = 9  # three wrong choices, and spares for when the course has used them up


def build(analysis: LessonAnalysis, pool: DistractorPool) -> list[Candidate]:
    out = []
    for block in analysis.lists:
        if block.lead_in is None or len(block.items) < 2:
            continue
        items = [display_item(i.text) for i in block.items]
        wrong = _foreign_items(block, items, analysis, pool)
        lead = block.lead_in.rstrip(":").strip()
        if block.subject:
            single_prompt = f"Which of these is one of the {block.subject}?"
            multi_prompt = f"Which of the following are {block.subject}? Select all that apply."
        elif lead.startswith("To ") and not block.context:
            # "To request a loan:" names a purpose, not the things listed: "them" would point at
            # nothing, so the question says what the items are.
            things = "steps" if block.ordered else "things to do"
            single_prompt = f"{lead}, which of these is one of the {things}?"
            multi_prompt = f"{lead}, which of the following are {things}? Select all that apply."
        else:
            intro = f"{block.context} {lead}." if block.context else f"{lead}."
            single_prompt = f"{intro} Which of these is one of them?"
            multi_prompt = f"{intro} Which of the following are among them? Select all that apply."
        list_fact = f"list:{digest(block.lead_in)}"
        if len(wrong) >= 3:
            for index, item in enumerate(items[:MAX_SINGLE_PER_LIST]):
                fact = f"{list_fact}:{answer_key(item)[:60]}"
                source = f"{block.lead_in} {block.items[index].text}"
                question = GeneratedQuestion(
                    type="single_choice",
                    prompt=single_prompt,
                    choices=shuffled_choices([item], wrong[:3], fact),
                    source_sentence=source,
                    source_start=block.lead_in_start,
                    source_end=block.items[index].end,
                    generator=GENERATOR,
                    generator_version=VERSION,
                    fact_key=fact,
                )
                out.append(_candidate(question, item, wrong[:3], index, block, spares=wrong[3:]))
        correct = items[:MAX_CORRECT]
        n_wrong = min(len(wrong), 6 - len(correct), 3)
        if len(correct) >= 2 and n_wrong >= 2:
            fact = f"{list_fact}:all"
            question = GeneratedQuestion(
                type="multiple_response",
                prompt=multi_prompt,
                choices=shuffled_choices(correct, wrong[:n_wrong], fact),
                source_sentence=" ".join([block.lead_in, *(i.text + ";" for i in block.items)])[:-1]
                + ".",
                source_start=block.lead_in_start,
                source_end=block.items[-1].end,
                generator=GENERATOR,
                generator_version=VERSION,
                fact_key=fact,
            )
            out.append(
                _candidate(question, correct[0], wrong[:n_wrong], 0, block, spares=wrong[n_wrong:])
            )
    return out


def _candidate(question, answer, wrong, index, block: ListBlock, spares=()) -> Candidate:
    return Candidate(
        # The course lets a wrong choice serve two questions: these stand in once it has.
        spare_distractors=list(spares),
        context_given=block.context is not None and block.subject is None,
        question=question,
        answer=answer,
        answer_kind="LIST_ITEM",
        statement=question.source_sentence,
        distractors=list(wrong),
        # Earlier items of a list tend to be its main points.
        features={"importance": 0.85 - 0.05 * index},
    )


def _foreign_items(block: ListBlock, items: list[str], analysis: LessonAnalysis, pool) -> list[str]:
    """Items of other lists, this lesson's first, that say nothing close to any item of this one."""
    own_words = [content_words(i) for i in items]
    target = sum(len(i) for i in items) / len(items)
    lesson_items = [
        display_item(i.text)
        for key, other in pool.lists
        if key == analysis.lesson.key and other is not block
        for i in other.items
    ]
    chosen: list[str] = []
    for group in (lesson_items, _course_items(block, analysis, pool)):
        # Items of a similar length, so the right answer does not stand out by its size.
        for text in sorted(dict.fromkeys(group), key=lambda t: (abs(len(t) - target), t)):
            words = content_words(text)
            if not words or any(_overlap(words, w) >= 0.5 for w in own_words):
                continue
            if any(related(text, i) for i in items) or any(
                related(text, c) or _overlap(words, content_words(c)) >= 0.5 for c in chosen
            ):
                continue
            chosen.append(text)
            if len(chosen) == FOREIGN_ITEMS:
                return chosen
    return chosen


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def _course_items(block: ListBlock, analysis: LessonAnalysis, pool, limit: int = 40):
    """Items from other lessons' lists, the lessons that follow this one first (then wrapping
    round), so a big course costs no more than a small one."""
    position = next(i for i, (_k, other) in enumerate(pool.lists) if other is block)
    out: list[str] = []
    ordered = pool.lists[position + 1 :] + pool.lists[:position]
    for key, other in ordered:
        if key == analysis.lesson.key:
            continue
        out.extend(display_item(i.text) for i in other.items)
        if len(out) >= limit:
            break
    return out
