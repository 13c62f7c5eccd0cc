"""The mechanical checks on the development corpus (bench/corpus/: 14 real documents written by
others) held at zero for the questions an import auto-approves, and the lesson coverage kept.

Siblings never sharing a round is tested on the question models (tests/quizzes/test_siblings.py).
"""

from functools import cache
from pathlib import Path

from lessons.parsing import REFERENCE, parse_document
from quizzes.generation import LessonText, generate_course
from quizzes.generation.audit import MAX_DISTRACTOR_USES, audit_course

CORPUS = Path(__file__).resolve().parents[3] / "bench" / "corpus"
APPROVE_AT = 0.5  # Course.auto_approve_threshold's default
MIN_COVERAGE = 0.7


def _lessons(path: Path) -> list[LessonText]:
    """The lessons `import_document` makes of the file, back matter marked as it marks it."""
    parsed = parse_document(path.read_bytes(), max_sections=10_000)
    return [
        LessonText(key=f"{path.stem}-{i}", title=s.title, text=s.body, reference=kind == REFERENCE)
        for i, (s, kind) in enumerate(zip(parsed.flat(), parsed.kinds(), strict=True))
    ]


@cache
def _audits():
    """The audit of every corpus document, generated once per process (about a minute of CPU)."""
    audits, drafted = {}, {}
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in {".txt", ".md"} or path.stem == "SOURCES":
            continue
        lessons = _lessons(path)
        generated = generate_course(lessons)
        approved = {
            key: [q for q in questions if q.score >= APPROVE_AT]
            for key, questions in generated.items()
        }
        audits[path.name] = audit_course(lessons, approved)
        drafted[path.name] = sum(map(len, generated.values()))
    return audits, drafted


def test_the_mechanical_checks_hold_on_the_corpus():
    audits, drafted = _audits()
    # Every document gets questions, approved or waiting as drafts, and the checks below bite on
    # at least 12 documents' approved ones. A document whose few questions are all copied true
    # statements of lessons they leave short ("Picture Writing", of 1,400 words of 1920 prose)
    # may approve none.
    assert len(audits) >= 13
    assert all(drafted.values())
    assert sum(1 for audit in audits.values() if audit.questions) >= 12
    failures = {
        "debris": {n: a.debris for n, a in audits.items() if a.debris},
        "dangling openers": {n: a.dangling for n, a in audits.items() if a.dangling},
        "answers in the lesson title": {n: a.in_title for n, a in audits.items() if a.in_title},
    }
    assert not {check: found for check, found in failures.items() if found}


def test_most_lessons_get_three_approved_questions():
    # Study lessons only: back matter ("References", "External links") is asked nothing.
    audits, _ = _audits()
    long = sum(audit.long_lessons for audit in audits.values())
    covered = sum(audit.covered_lessons for audit in audits.values())
    assert covered / long >= MIN_COVERAGE, f"{covered}/{long} lessons with 3 approved questions"


def test_no_wrong_choice_is_used_more_than_twice_in_a_course():
    reused = {n: a.reused for n, a in _audits()[0].items() if a.reused}
    assert not reused, f"wrong choices used more than {MAX_DISTRACTOR_USES} times"
