"""Fit the auto-approval cut-off on labelled questions (quizzes/generation/calibration.py).

Labels: bench/calibration/labels.jsonl, one JSON object per graded question of the corpus, with
its course, lesson, prompt, type, generator, score and each reader's verdicts (`acceptable`,
`good`: a list, or a mapping reader -> bool, or `readers: [{acceptable, good}, ...]`).

The corpus (bench/corpus/) is generated again; each label is matched to today's question by its
prompt (and lesson title when a prompt recurs), so the fit uses today's raw scores. A label whose
question the generator no longer asks is left out (counted). `--decisions FILE.json` (the output
of `manage.py generation_feedback --course SLUG --format json`) adds instructors' verdicts.

Run: .venv/bin/python bench/calibrate.py [--labels FILE ...] [--target 0.9] [--decisions FILE ...]
Then copy the printed cut-off into calibration.RAW_CUT. It also prints, per question type, how
many labelled questions the cut approves and how many of those each reader found acceptable: a
type well below the target at every cut should be approved less (quality.raw_score).
"""

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from question_quality import corpus_documents, corpus_lessons  # noqa: E402

from quizzes.generation import calibration, generate_course  # noqa: E402
from quizzes.generation.audit import (  # noqa: E402
    MIN_APPROVED_PER_LESSON,
    MIN_LESSON_WORDS,
    lesson_words,
)

LABELS = ROOT / "bench" / "calibration" / "labels.jsonl"


def _verdicts(row: dict, field: str) -> tuple[bool, ...]:
    """One bool per reader, whichever shape the label file uses."""
    if isinstance(row.get("readers"), list):
        return tuple(bool(r.get(field)) for r in row["readers"])
    value = row.get(field)
    if isinstance(value, dict):
        return tuple(bool(v) for _k, v in sorted(value.items()))
    if isinstance(value, list):
        return tuple(bool(v) for v in value)
    if isinstance(value, bool):
        return (value,)
    readers = [(k, v) for k, v in row.items() if isinstance(v, dict) and field in v]
    if readers:  # {"A": {"acceptable": true, ...}, "B": {...}}
        return tuple(bool(v[field]) for _k, v in sorted(readers))
    found = [(k, v) for k, v in row.items() if k.startswith(f"{field}_") or k.endswith(f"_{field}")]
    return tuple(bool(v) for _k, v in sorted(found))


def _sample_prompts(path: Path) -> dict[int, str]:
    """A blind round's labels give only the question's number in the sample the readers saw
    (`sample.md` beside them, "## Q<n> (type)" ... "**Prompt:** ..."): its prompts by number."""
    sample = path.parent / "sample.md"
    if not sample.exists():
        return {}
    found = re.findall(r"^## Q(\d+) .*?^\*\*Prompt:\*\* (.*?)$", sample.read_text(), re.M | re.S)
    return {int(n): prompt.strip() for n, prompt in found}


def load_labels(path: Path) -> list[dict]:
    rows = []
    prompts = _sample_prompts(path)
    for line in path.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            if "prompt" not in row and row.get("q") in prompts:
                row["prompt"] = prompts[row["q"]]
            row["_acceptable"] = _verdicts(row, "acceptable")
            row["_good"] = _verdicts(row, "good")
            rows.append(row)
    return rows


def generate_corpus():
    """Every generated question of the corpus (approved or not), with its lesson."""
    questions = []  # (document, lesson, question)
    lessons_of = {}
    for path in corpus_documents([]):
        lessons = corpus_lessons(path)
        lessons_of[path.name] = lessons
        generated = generate_course(lessons)
        for lesson in lessons:
            questions.extend((path.name, lesson, q) for q in generated.get(lesson.key, []))
    return questions, lessons_of


def coverage(questions, lessons_of, cut: float) -> tuple[int, int]:
    """Study lessons of MIN_LESSON_WORDS+ words with enough questions approved at ``cut``, and
    how many such lessons there are (back matter left out, as audit.audit_course leaves it)."""
    approved = Counter(lesson.key for _d, lesson, q in questions if q.raw_score >= cut)
    long = [
        lesson
        for lessons in lessons_of.values()
        for lesson in lessons
        if lesson_words(lesson.text) >= MIN_LESSON_WORDS and not lesson.reference
    ]
    return sum(approved[lesson.key] >= MIN_APPROVED_PER_LESSON for lesson in long), len(long)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labels", type=Path, nargs="+", default=[LABELS])
    parser.add_argument("--target", type=float, default=calibration.TARGET_PRECISION)
    parser.add_argument("--decisions", type=Path, nargs="*", default=[])
    args = parser.parse_args()

    missing_files = [path for path in args.labels if not path.exists()]
    if missing_files:
        print(
            f"no labels at {missing_files[0]}: nothing to fit"
            " (see quizzes/generation/calibration.py)"
        )
        return
    labels = [row for path in args.labels for row in load_labels(path)]
    questions, lessons_of = generate_corpus()
    by_prompt = defaultdict(list)
    for _doc, lesson, q in questions:
        by_prompt[q.prompt].append((lesson.title, q))
    examples, matched, missing = [], [], 0
    for row in labels:
        found = by_prompt.get(row.get("prompt", ""), [])
        if len(found) > 1:
            found = [f for f in found if f[0] == row.get("lesson")] or found[:1]
        if found and row.get("type") and found[0][1].type != row["type"]:
            found = []  # the same sentence asked another way now: a different question
        if not found or not row["_acceptable"]:
            missing += 1
            continue
        q = found[0][1]
        examples.append(calibration.Example(score=q.raw_score, verdicts=row["_acceptable"]))
        matched.append((row, q))
    for path in args.decisions:
        for d in json.loads(path.read_text()):
            if d.get("quality_score") is None:
                continue
            raw = calibration.uncalibrated(float(d["quality_score"]))
            examples.append(calibration.Example(score=raw, verdicts=(bool(d["accepted"]),)))

    readers = max((len(e.verdicts) for e in examples), default=0)
    print(f"labels: {len(labels)} read, {len(matched)} matched to today's questions, {missing} not")
    reference = [
        lesson for lessons in lessons_of.values() for lesson in lessons if lesson.reference
    ]
    print(f"coverage counts study lessons: {len(reference)} reference sections left out")
    fit = calibration.fit_threshold(examples, target=args.target)
    print(f"\n{'cut':>6}{'approved':>10}  precision per reader   good per reader   coverage")
    for cut in sorted({round(e.score, 2) for e in examples} | {calibration.RAW_CUT}):
        precision, n = calibration.precision_at(examples, cut)
        if n < 5:
            continue
        good = [r for r, q in matched if q.raw_score >= cut]
        good_share = [
            sum(r["_good"][i] for r in good if len(r["_good"]) > i) / max(1, len(good))
            for i in range(readers)
        ]
        covered, long = coverage(questions, lessons_of, cut)
        mark = " <- RAW_CUT" if abs(cut - calibration.RAW_CUT) < 1e-9 else ""
        print(
            f"{cut:>6.2f}{n:>10}  {' '.join(f'{p:.0%}' for p in precision):<22}"
            f"{' '.join(f'{g:.0%}' for g in good_share):<18}{covered}/{long}{mark}"
        )
    if fit.reached:
        covered, long = coverage(questions, lessons_of, fit.cut)
        print(
            f"\nfitted cut-off {fit.cut:.4f}: {fit.approved} of {fit.total} labelled questions"
            f" approved, precision {', '.join(f'{p:.1%}' for p in fit.precision)} (target"
            f" {args.target:.0%}); coverage {covered}/{long} = {covered / max(1, long):.0%}"
        )
    else:
        print(f"\nno cut-off reaches {args.target:.0%} precision for every reader")
    cut = calibration.RAW_CUT
    print(f"\nby type at RAW_CUT {cut:.4f}: approved/matched, share acceptable per reader")
    for qtype in sorted({q.type for _r, q in matched}):
        rows = [r for r, q in matched if q.type == qtype]
        approved = [r for r, q in matched if q.type == qtype and q.raw_score >= cut]
        shares = [
            sum(r["_acceptable"][i] for r in approved if len(r["_acceptable"]) > i)
            / max(1, len(approved))
            for i in range(readers)
        ]
        print(
            f"  {qtype:<16}{len(approved):>3}/{len(rows):<4}"
            f"{' '.join(f'{p:.0%}' for p in shares) if approved else '-'}"
        )
    rejected = Counter()
    for row, q in matched:
        if q.raw_score >= (fit.cut if fit.reached else calibration.RAW_CUT) and not all(
            row["_acceptable"]
        ):
            rejected[(q.generator, q.type)] += 1
    if rejected:
        print(
            "approved but not acceptable to some reader, by generator: "
            + ", ".join(f"{g}/{t} {n}" for (g, t), n in rejected.most_common())
        )


if __name__ == "__main__":
    main()
