"""List recall builder: a list whose lead-in names what it lists ("The determinants of demand
are:") -> "What is one of the determinants of demand?" (wrong choices from other lists),
"What are the determinants of demand? Select all that apply." and "True or false: The
determinants of demand include income."."""

import re

from .analysis import LessonAnalysis, ListBlock, load_nlp
from .audit import TRUE_FALSE_PREFIX
from .common import digest, display_item, shuffled_choices
from .distractors import DistractorPool
from .normalise import answer_key, content_words, related
from .questions import Candidate, GeneratedChoice, GeneratedQuestion

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
        items = [item_text(i.text) for i in block.items]
        if sum(map(_choice_sized, items)) < max(2, len(items) / 2):
            continue  # sentences or data values, not things to recall among choices
        lead = block.lead_in.rstrip(":").strip()
        subject = _named_subject(block, analysis)
        # The prompt opens with "What": "Which of these ..." and "... them?" lean on text the
        # learner is not shown, so a lead-in that names nothing ("Functions provide:") asks
        # nothing.
        if subject:
            single_prompt = f"What is one of the {subject}?"
            multi_prompt = f"What are the {subject}? Select all that apply."
        elif lead.startswith("To ") and not block.context:
            # "To request a loan:" names a purpose, not the things listed, so the question says
            # what the items are.
            things = "steps" if block.ordered else "things to do"
            single_prompt = f"{lead}, what is one of the {things}?"
            multi_prompt = f"{lead}, what are the {things}? Select all that apply."
        else:
            continue
        wrong = _foreign_items(block, items, analysis, pool)
        list_fact = f"list:{digest(block.lead_in)}"
        asked = [(index, item) for index, item in enumerate(items) if _choice_sized(item)]
        if subject:
            out += _statements(block, subject, asked, list_fact, analysis.lesson.text)
        if len(wrong) >= 3:
            for index, item in asked[:MAX_SINGLE_PER_LIST]:
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
        correct = [item for _index, item in asked[:MAX_CORRECT]]
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


# A true statement tests recognition, not recall: it counts for this much less than the item's
# place in the list makes it worth (true_false gives its true statements the same handicap).
STATEMENT_IMPORTANCE_HANDICAP = 0.3


def _statements(
    block: ListBlock, subject: str, asked, list_fact: str, text: str
) -> list[Candidate]:
    """ "True or false: The determinants of demand include income.", for the first items that
    name a thing. Only true: a lead-in rarely says its list is complete ("The policies have
    included:"), so an item of another list is not clearly not one of them. Each shares its
    fact with the single-choice question on its item, which asks the same."""
    out = []
    for index, item in asked[:MAX_SINGLE_PER_LIST]:
        if (named := _as_a_noun_phrase(item, text)) is None:
            continue  # "All cells come from cells": a statement, which "include ..." garbles
        fact = f"{list_fact}:{answer_key(item)[:60]}"
        question = GeneratedQuestion(
            type="true_false",
            prompt=f"{TRUE_FALSE_PREFIX}The {subject} include {named}.",
            choices=[
                GeneratedChoice(text="True", correct=True),
                GeneratedChoice(text="False", correct=False),
            ],
            source_sentence=f"{block.lead_in} {block.items[index].text}",
            source_start=block.lead_in_start,
            source_end=block.items[index].end,
            generator=GENERATOR,
            generator_version=VERSION,
            fact_key=fact,
        )
        candidate = _candidate(question, item, [], index, block)
        candidate.statement = question.prompt.removeprefix(TRUE_FALSE_PREFIX)
        candidate.features["importance"] -= STATEMENT_IMPORTANCE_HANDICAP
        out.append(candidate)
    return out


_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS", "VBG"}


def _as_a_noun_phrase(item: str, text: str) -> str | None:
    """The item as it reads after "include": a noun phrase ("Subsidies on exports",
    "Limiting wages") in lower case unless it opens with a name the lesson ``text`` writes
    capitalised mid-sentence; None for anything holding a finite verb, or headed by something
    else ("Search the catalogue")."""
    doc = load_nlp()(item)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ not in _NOUN_TAGS:
        return None
    if any("Fin" in t.morph.get("VerbForm") for t in doc):
        return None
    first = doc[0].text
    if first.isupper() or any(c.isupper() for c in first[1:]):
        pass  # "DNA", "iPhone"
    elif re.search(rf"[a-z,;] {re.escape(first)}\b", text):
        pass  # a name: the lesson writes it with its capital mid-sentence
    elif doc[0].pos_ == "PROPN":
        return None  # "Shield volcanoes" or "Latin": the list's capital, or a name's
    else:
        item = item[:1].lower() + item[1:]
    if root.tag_ == "NN" and not any(c.dep_ in {"det", "poss"} for c in root.children):
        # "Number of suppliers" reads "the number of suppliers"; a lone singular ("Tariff")
        # may be a count noun, which "include" cannot take bare.
        if not any(c.lower_ == "of" for c in root.children):
            return None
        item = f"the {item}"
    return item


# An item longer than this, or holding a sentence break, is a statement, not a thing to pick.
MAX_ITEM_WORDS = 12
# "Production costs: how much a good costs to make": a short label, then what it means.
MAX_LABEL_WORDS = 5
_LABEL = re.compile(r"^([^:–—]+?)\s*(?::|\s–|–\s|\s—|—\s)\s*\S")


def item_text(text: str) -> str:
    """A list item as a choice: its label when it has one, in sentence case when written in
    capitals ("EXTERNALITIES – Growth may ..." -> "Externalities")."""
    text = display_item(text)
    if (m := _LABEL.match(text)) and len(m.group(1).split()) <= MAX_LABEL_WORDS:
        text = m.group(1).strip()
    if text.isupper() and len(text) > 5:
        text = text.capitalize()
    return text


def _choice_sized(item: str) -> bool:
    return (
        len(item.split()) <= MAX_ITEM_WORDS
        and not re.search(r"[.;!?]\s", item)
        and sum(c.isalpha() for c in item) >= 3
        and "=" not in item
    )


def _named_subject(block: ListBlock, analysis: LessonAnalysis) -> str | None:
    """The lead-in's subject when it names what the list holds. A bare plural ("The policies
    have included:") points back at the sentence before it, which names them with a modifier
    ("... mercantilist policies were enacted"): the question takes that name, or asks nothing."""
    subject = block.subject
    if not subject or " " in subject or not subject.islower():
        return subject
    previous = [s for s in analysis.sentences if s.end <= block.lead_in_start]
    if not previous or previous[-1].span is None:
        return None
    for tok in previous[-1].span:
        if tok.lower_ != subject or tok.pos_ != "NOUN":
            continue
        named = [c for c in tok.children if c.i < tok.i and c.dep_ in {"amod", "compound"}]
        if named and all(c.i + 1 == n.i for c, n in zip(named, [*named[1:], tok], strict=True)):
            return " ".join([*(c.lower_ for c in named), tok.lower_])
    return None


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
        item_text(i.text)
        for key, other in pool.lists
        if key == analysis.lesson.key and other is not block and _of_a_kind(other)
        for i in other.items
    ]
    chosen: list[str] = []
    for group in (lesson_items, _course_items(block, analysis, pool)):
        # Items of a similar length, so the right answer does not stand out by its size.
        for text in sorted(dict.fromkeys(group), key=lambda t: (abs(len(t) - target), t)):
            words = content_words(text)
            if (
                not _choice_sized(text)
                or not words
                or any(_overlap(words, w) >= 0.5 for w in own_words)
            ):
                continue
            if any(related(text, i) for i in items) or any(
                related(text, c) or _overlap(words, content_words(c)) >= 0.5 for c in chosen
            ):
                continue
            chosen.append(text)
            if len(chosen) == FOREIGN_ITEMS:
                return chosen
    return chosen


def _of_a_kind(block: ListBlock) -> bool:
    """Whether a list's lead-in says what its items are ("The determinants of supply are:"), so
    they make wrong choices of a known kind. A list that says nothing of its items ("See also",
    a nine-point program under a long sentence) may hold what the question asks for."""
    lead = (block.lead_in or "").strip()
    return block.subject is not None or (lead.startswith("To ") and block.context is None)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def _course_items(block: ListBlock, analysis: LessonAnalysis, pool, limit: int = 40):
    """Items from other lessons' lists, the lessons that follow this one first (then wrapping
    round), so a big course costs no more than a small one."""
    position = next(i for i, (_k, other) in enumerate(pool.lists) if other is block)
    out: list[str] = []
    ordered = pool.lists[position + 1 :] + pool.lists[:position]
    for key, other in ordered:
        if key == analysis.lesson.key or not _of_a_kind(other):
            continue
        out.extend(item_text(i.text) for i in other.items)
        if len(out) >= limit:
            break
    return out
