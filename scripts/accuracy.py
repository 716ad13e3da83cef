"""Measure extraction against truth files: `python3 scripts/accuracy.py [PDF_DIR] [TRUTH_DIR]`.

For any folder of guideline PDFs with hand-checked truth files `<id>.json` (the extraction format,
see tests/expected/README.md), prints precision, recall and F1 per guideline and overall for
categories, amounts and decision-maker roles, and whether issuer and valid_from are right. `--misses` lists what was missed or found extra.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


from guidecmp.compare import accuracy
from guidecmp.report.markdown import markdown_table
from guidecmp.app.inputs import PDF, discover
from guidecmp.app.service import default_options, extract_many
from guidecmp.model import slugify

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="?", type=Path, default=ROOT / "guidelines")
    parser.add_argument("truth", nargs="?", type=Path, default=ROOT / "tests" / "expected")
    parser.add_argument("--misses", action="store_true", help="list the facts missed and found extra")
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    pdfs = []
    for pdf in discover([args.pdfs], kinds=(PDF,)).pdfs:
        if (args.truth / f"{slugify(pdf.name)}.json").exists():
            pdfs.append(pdf)
        else:
            print(f"note: {pdf.name}: no truth file {slugify(pdf.name)}.json in {args.truth}; not scored",
                  file=sys.stderr)
    if not pdfs:
        print(f"no PDFs in {args.pdfs} with a truth file in {args.truth}", file=sys.stderr)
        return 2
    outcomes = extract_many(pdfs, default_options(**({'cache_dir': None} if args.no_cache else {})))
    pairs = []
    for outcome in outcomes:
        gid = slugify(outcome.path.name)
        if outcome.data is None:
            print(f"error: {outcome.path}: {outcome.error}", file=sys.stderr)
            continue
        truth = json.loads((args.truth / f"{gid}.json").read_text(encoding="utf-8"))
        pairs.append((gid, outcome.data, truth))
    report = accuracy.score(pairs)
    rows = accuracy.table(report)
    print(markdown_table(rows[0], rows[1:]))
    if args.misses:
        for gid, kinds in report.misses.items():
            for kind, (extra, missed) in kinds.items():
                for fact in sorted(missed, key=str):
                    print(f"{gid}: {kind}: MISSED {fact}")
                for fact in sorted(extra, key=str):
                    print(f"{gid}: {kind}: EXTRA  {fact}")
            for name, (got, want) in report.metadata_misses[gid].items():
                print(f"{gid}: {name}: WRONG {got!r}, truth {want!r}")
    return 0 if len(pairs) == len(outcomes) else 2


if __name__ == "__main__":
    sys.exit(main())
