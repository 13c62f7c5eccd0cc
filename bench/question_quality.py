"""Question quality and speed.

`--corpus` (the measure that counts): for each real document in bench/corpus/ (written by others,
see its SOURCES.md), the mechanical checks on the questions an import would auto-approve:
markup debris, dangling openers, wrong choices used more than twice in the course, answers that
are (a word of) the lesson title, and the share of lessons of 80+ words with 3+ approved
questions. Without `--corpus`: per-type counts of generated and kept questions on bench/docs/
(written by the team, so no evidence of quality), a sample to read, and a ~2 MB timing run.

Run: .venv/bin/python bench/question_quality.py --corpus [--show] [DOC or FOLDER ...]
     (bench/heldout/: documents collected after the generator was written, never tuned on)
     .venv/bin/python bench/question_quality.py [--sample N] [--no-timing] [--all] [DOC ...]
"""

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lessons.parsing import (  # noqa: E402  (pure module, no Django needed)
    REFERENCE,
    ParsedDocument,
    is_heading_line,
    parse_document,
    parse_plain_text,
)
from quizzes.generation import LessonText  # noqa: E402
from quizzes.generation.analysis import analyse_lessons  # noqa: E402
from quizzes.generation.audit import audit_course  # noqa: E402
from quizzes.generation.distractors import DistractorPool  # noqa: E402
from quizzes.generation.pipeline import APPROVE_AT, candidates_for, select  # noqa: E402
from quizzes.generation.quality import violations  # noqa: E402

DOCS = ROOT / "bench" / "docs"
CORPUS = ROOT / "bench" / "corpus"
TARGET_BYTES = 2_000_000


def lessons_of(text: str, prefix: str, *, markdown: bool = False) -> list[LessonText]:
    parsed = parse_document(text, format="markdown") if markdown else parse_plain_text(text)
    return lesson_texts(parsed, prefix)


def lesson_texts(parsed: ParsedDocument, prefix: str) -> list[LessonText]:
    """The lessons an import makes of ``parsed``, back matter marked as the import marks it."""
    return [
        LessonText(key=f"{prefix}-{i}", title=s.title, text=s.body, reference=kind == REFERENCE)
        for i, (s, kind) in enumerate(zip(parsed.flat(), parsed.kinds(), strict=True))
    ]


def documents(paths: list[str]) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    return sorted([*DOCS.glob("*.txt"), *DOCS.glob("*.md")])


def describe(q) -> str:
    lines = [f"  [{q.type} via {q.generator}, score {q.score:.2f}] {q.prompt}"]
    for c in q.choices:
        lines.append(f"      {'*' if c.correct else ' '} {c.text}")
    if q.accepted_answers and not q.choices:
        lines.append(f"      answer: {' | '.join(q.accepted_answers)}")
    if q.numeric_answer is not None:
        lines.append(f"      number: {q.numeric_answer:g} (tolerance {q.tolerance:g})")
    lines.append(f"      source: {q.source_sentence}")
    return "\n".join(lines)


def quality_report(sample: int, paths: list[Path]) -> None:
    generated: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    samples = []
    for path in paths:
        lessons = lessons_of(path.read_text(), path.stem, markdown=path.suffix == ".md")
        analyses = analyse_lessons(lessons)
        pool = DistractorPool(analyses)
        doc_kept = []
        for analysis in analyses:
            candidates = candidates_for(analysis, pool)
            good = [c for c in candidates if not violations(c, analysis, pool)]
            chosen = select(good, 12)
            for counter, group in ((generated, candidates), (passed, good), (kept, chosen)):
                counter.update(c.question.generator for c in group)
            doc_kept.extend(c.question for c in chosen)
        print(f"{path.name}: {len(lessons)} lessons, {len(doc_kept)} questions kept")
        samples.append((path.name, doc_kept))

    print(f"\n{'generator':<16}{'generated':>10}{'passed rules':>14}{'kept':>6}")
    for name in sorted(generated):
        print(f"{name:<16}{generated[name]:>10}{passed[name]:>14}{kept[name]:>6}")
    print(
        f"{'total':<16}{sum(generated.values()):>10}{sum(passed.values()):>14}{sum(kept.values()):>6}"
    )

    for name, questions in samples:
        shown = len(questions) if sample < 0 else min(sample, len(questions))
        print(f"\n=== sample from {name} ({shown} of {len(questions)})")
        # Every k-th question, so the sample spans the whole document.
        step = 1 if sample < 0 else max(1, len(questions) // max(sample, 1))
        for q in questions[::step][:shown]:
            print(describe(q))


def corpus_documents(paths: list[str]) -> list[Path]:
    """The documents named, a folder's (its SOURCES.md left out), or bench/corpus/'s."""
    found = []
    for path in map(Path, paths or [CORPUS]):
        if path.is_dir():
            found += sorted(
                p for p in path.iterdir() if p.suffix in {".txt", ".md"} and p.stem != "SOURCES"
            )
        else:
            found.append(path)
    return found


def corpus_lessons(path: Path) -> list[LessonText]:
    """The lessons `import_document` makes of the file (format picked as it picks it)."""
    parsed = parse_document(path.read_bytes(), max_sections=10_000)
    return lesson_texts(parsed, path.stem)


def corpus_report(paths: list[Path], *, show: bool) -> None:
    from quizzes.generation import generate_course

    header = (
        f"{'document':<40}{'lessons':>8}{'appr.':>6}{'debris':>7}{'dangl.':>7}"
        f"{'reuse':>7}{'title':>6}{'covered':>9}"
    )
    print(header)
    totals = {"questions": 0, "long": 0, "covered": 0, "debris": 0, "dangling": 0, "title": 0}
    totals |= {"reusing": 0, "choice": 0, "reference": 0, "long_reference": 0}
    details = []
    types: Counter[str] = Counter()
    for path in paths:
        lessons = corpus_lessons(path)
        generated = generate_course(lessons)
        # APPROVE_AT: Course.auto_approve_threshold's default; generated scores are calibrated so
        # that this cut-off approves what the labelled examples say is acceptable (calibration.py).
        approved = {
            key: [q for q in questions if q.score >= APPROVE_AT]
            for key, questions in generated.items()
        }
        audit = audit_course(lessons, approved)
        types.update(audit.by_type)
        reuse = f"{audit.reusing_questions}/{audit.choice_questions}"
        covered = f"{audit.covered_lessons}/{audit.long_lessons}"
        print(
            f"{path.name[:39]:<40}{len(lessons):>8}{audit.questions:>6}{len(audit.debris):>7}"
            f"{len(audit.dangling):>7}{reuse:>7}{len(audit.in_title):>6}{covered:>9}"
        )
        totals["questions"] += audit.questions
        totals["long"] += audit.long_lessons
        totals["covered"] += audit.covered_lessons
        totals["debris"] += len(audit.debris)
        totals["dangling"] += len(audit.dangling)
        totals["title"] += len(audit.in_title)
        totals["reusing"] += audit.reusing_questions
        totals["choice"] += audit.choice_questions
        totals["reference"] += audit.reference_lessons
        totals["long_reference"] += audit.long_reference_lessons
        details.append((path.name, audit))
    share = totals["covered"] / totals["long"] if totals["long"] else 1.0
    print(
        f"{'total':<40}{'':>8}{totals['questions']:>6}{totals['debris']:>7}"
        f"{totals['dangling']:>7}{totals['reusing']:>4}/{totals['choice']:<2}{totals['title']:>6}"
        f"{totals['covered']:>5}/{totals['long']}"
    )
    print(
        f"\nlessons of 80+ words with 3+ approved questions: {totals['covered']}/{totals['long']}"
        f" = {share:.1%}"
    )
    # The figure as it was counted before back matter was told apart: every section of 80+
    # words, reference ones included (they get no questions, so none is covered).
    every = totals["long"] + totals["long_reference"]
    print(
        f"reference sections (back matter) left out: {totals['reference']}, of which"
        f" {totals['long_reference']} of 80+ words; counting every section:"
        f" {totals['covered']}/{every} = {totals['covered'] / max(1, every):.1%}"
    )
    print("approved by type: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
    print(
        "columns: appr. = auto-approved questions; debris / dangl. = questions with markup debris"
        " / a dangling opener; reuse = choice questions offering a wrong choice used > 2 times in"
        " the course; title = answers that are (a word of) the lesson title; covered = study"
        " lessons (not back matter) of 80+ words with 3+ approved questions."
    )
    if show:
        for name, audit in details:
            for label, rows in (
                ("debris", audit.debris),
                ("dangling", audit.dangling),
                ("answer in title", audit.in_title),
            ):
                for why, prompt in rows:
                    print(f"  {name}: {label} ({why}): {prompt[:140]}")
            for text, uses in audit.reused:
                print(f"  {name}: wrong choice used {uses} times: {text}")


def timing_report() -> None:
    parts = [p.read_text() for p in sorted(DOCS.glob("*.txt"))]  # plain text repeats cleanly
    chunks, size, round_ = [], 0, 0
    while size < TARGET_BYTES:
        round_ += 1
        for part in parts:
            # Number the headings so each repeat is its own lesson.
            lines = part.splitlines()
            body = "\n".join(
                f"{line} {round_}" if is_heading_line(line) else line for line in lines
            )
            chunks.append(body)
            size += len(body.encode())
    text = "\n".join(chunks)
    start, cpu_start = time.perf_counter(), os.times()
    from quizzes.generation import generate_course
    from quizzes.generation.analysis import load_nlp

    load_nlp()
    loaded = time.perf_counter()
    lessons = lessons_of(text, "big")
    result = generate_course(lessons)
    done = time.perf_counter()
    total = sum(len(v) for v in result.values())
    size_mb = len(text.encode()) / 1e6
    print(f"\n2 MB timing: {size_mb:.2f} MB, {len(lessons)} lessons, {total} questions")
    print(f"  model load {loaded - start:.1f} s, generation {done - loaded:.1f} s")
    print(f"  total {done - start:.1f} s")
    # Wall time depends on what else the machine runs; CPU time (this process and the key-phrase
    # worker) does not.
    cpu = os.times()
    used = (cpu.user + cpu.children_user) - (cpu_start.user + cpu_start.children_user)
    print(f"  CPU {used:.1f} s, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=10, help="kept questions shown per document")
    parser.add_argument("--no-timing", action="store_true", help="skip the 2 MB timing run")
    parser.add_argument("--all", action="store_true", help="show every kept question")
    parser.add_argument("--corpus", action="store_true", help="mechanical checks on bench/corpus/")
    parser.add_argument("--show", action="store_true", help="with --corpus: list each finding")
    parser.add_argument(
        "docs",
        nargs="*",
        help="documents or folders instead of bench/docs/ (with --corpus: bench/corpus/)",
    )
    args = parser.parse_args()
    if args.corpus:
        corpus_report(corpus_documents(args.docs), show=args.show)
        return
    quality_report(-1 if args.all else args.sample, documents(args.docs))
    if not args.no_timing:
        timing_report()


if __name__ == "__main__":
    main()
