"""Time guidecmp against pdftotext on the same files: `python3 scripts/bench.py [PDF_DIR]`.

Measures, interleaved and repeated (median of --runs), on the corpus and on a copy scaled up by
repeating every file under new names (--scale):

  pdftotext          one process per file, one after another: the speed reference (×1.0)
  pdftotext ×jobs    the same, as many at a time as guidecmp has workers
  extract, cold      `guidecmp extract --no-cache`: every PDF read
  extract, warm      `guidecmp extract` with a filled cache: nothing read again
  compare, warm      `guidecmp compare` with a filled cache (terminal table)

Each command runs in a fresh measuring process, so that its peak memory can be taken from
getrusage(RUSAGE_CHILDREN): the peak RSS of the largest process of the command's tree (one
worker, or the main process). Prints a markdown table with pages/s and ratios to pdftotext.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
GUIDECMP = [sys.executable, "-m", "guidecmp"]
TARGETS = "cold extract ≤ 15× pdftotext; warm compare < 1× pdftotext; peak memory < 500 MB"


@dataclass
class Measured:
    name: str
    commands: list[list[str]]
    parallel: int = 1
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="?", type=Path, default=ROOT / "guidelines")
    parser.add_argument("--runs", type=int, default=5, help="runs per command; the median counts (default 5)")
    parser.add_argument("--scale", type=int, default=10, help="also on the corpus repeated this often (default 10)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="guidecmp workers (default: CPUs)")
    args = parser.parse_args()
    if not shutil.which("pdftotext"):
        print("pdftotext is the speed reference: apt-get install poppler-utils", file=sys.stderr)
        return 2
    pdfs = sorted(args.pdfs.glob("*.pdf"))
    if not pdfs:
        print(f"no PDFs in {args.pdfs}", file=sys.stderr)
        return 2
    print(_machine(args))
    with tempfile.TemporaryDirectory(prefix="guidecmp-bench-") as tmp:
        scaled = Path(tmp) / "scaled"
        scaled.mkdir()
        for copy in range(args.scale):
            for pdf in pdfs:
                shutil.copy(pdf, scaled / f"{pdf.stem} k{copy + 1}.pdf")
        tables = [_bench(f"corpus ({len(pdfs)} PDFs)", pdfs, args, Path(tmp) / "one")]
        if args.scale > 1:
            tables.append(_bench(f"corpus ×{args.scale} ({len(pdfs) * args.scale} PDFs)", sorted(scaled.iterdir()),
                                 args, Path(tmp) / "many"))
    print("\n\n".join(tables))
    print(f"\nTargets: {TARGETS}.")
    return 0


def _bench(title: str, pdfs: list[Path], args: argparse.Namespace, work: Path) -> str:
    work.mkdir()
    folder = work / "in"
    folder.mkdir()
    for pdf in pdfs:
        os.symlink(pdf.resolve(), folder / pdf.name)
    pages = sum(len(pdfium.PdfDocument(pdf)) for pdf in pdfs)
    cache, out = work / "cache", work / "out"
    common = ["-q", "--jobs", str(args.jobs)]
    pdftotext = [["pdftotext", str(pdf), os.devnull] for pdf in sorted(folder.iterdir())]
    measured = [
        Measured("pdftotext", pdftotext),
        Measured(f"pdftotext, {args.jobs} at a time", pdftotext, parallel=args.jobs),
        Measured("guidecmp extract --no-cache (cold)",
                 [[*GUIDECMP, "extract", str(folder), "-o", str(out), "--no-cache", *common]]),
        Measured("guidecmp extract (warm)",
                 [[*GUIDECMP, "extract", str(folder), "-o", str(out), "--cache-dir", str(cache), *common]]),
        Measured("guidecmp compare (warm)",
                 [[*GUIDECMP, "compare", str(folder), "--cache-dir", str(cache), *common]]),
    ]
    _measure(measured[3])  # fills the cache: the warm runs only read it
    for _ in range(args.runs):  # interleaved, so that a slow moment of the machine hits every command
        for item in measured:
            seconds, peak_kb = _measure(item)
            item.seconds.append(seconds)
            item.peak_kb = max(item.peak_kb, peak_kb)
    reference = statistics.median(measured[0].seconds)
    rows = [f"**{title}, {pages} pages**, median of {args.runs} runs", "",
            "| command | seconds | pages/s | × pdftotext | peak RSS (largest process) |",
            "|---|---:|---:|---:|---:|"]
    for item in measured:
        median = statistics.median(item.seconds)
        rows.append(f"| {item.name} | {median:.2f} | {pages / median:.0f} | {median / reference:.2f} | "
                    f"{item.peak_kb / 1024:.0f} MB |")
    return "\n".join(rows)


def _measure(item: Measured) -> tuple[float, int]:
    """Run the commands in a fresh process; its wall time and its children's peak RSS (KB)."""
    result = subprocess.run([sys.executable, __file__, "_measure", str(item.parallel), json.dumps(item.commands)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    seconds, peak_kb = result.stdout.split()
    return float(seconds), int(peak_kb)


def _measure_here(parallel: int, commands: list[list[str]]) -> None:
    def run(command: list[str]) -> None:
        finished = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if finished.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({finished.returncode}): {finished.stderr[-2000:]}")

    started = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(run, commands))
    seconds = time.perf_counter() - started
    print(f"{seconds:.4f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")


def _machine(args: argparse.Namespace) -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")
    poppler = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True).stderr.splitlines()[0]
    return (f"Machine: {os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
            f"pypdfium2 {version('pypdfium2')}, pdfplumber {version('pdfplumber')}, {poppler}; guidecmp --jobs {args.jobs}.\n"
            f"Command: python3 scripts/bench.py {' '.join(sys.argv[1:])}\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["_measure"]:
        _measure_here(int(sys.argv[2]), json.loads(sys.argv[3]))
    else:
        sys.exit(main())
