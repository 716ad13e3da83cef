"""Time guidecmp against pdftotext on the same files: `python3 scripts/bench.py [PDF_DIR]`.

Measures, interleaved and repeated (median of --runs), on the corpus and on copies made distinct
(a comment appended after %EOF, so that the cache sees new files) 10 times and, with --scale N,
N times:

  pdftotext            one process per file, one after another: the speed reference (×1.0)
  pdftotext ×jobs      the same, as many at a time as guidecmp has workers
  PDFium text          the text of every page through pypdfium2 alone, in one process
  extract, cold        `guidecmp extract --no-cache`: every PDF read
  extract, warm        `guidecmp extract` with a filled cache: nothing read again
  compare, warm        `guidecmp compare` with a filled cache, in each of the six formats
  import               `python3 -c "import guidecmp.cli"`, and beside it `python3 -c "import typer"`
                       (what any Typer program pays before its own code) and `python3 -c pass`: on a
                       machine whose site-packages run start-up hooks the interpreter alone is slow

Each command runs in a fresh measuring process, so that its CPU time and peak memory can be taken
from getrusage(RUSAGE_CHILDREN): the peak RSS of the largest process of the command's tree (one
worker, or the main process). The machine's 1-minute load average is sampled around every run:
on a shared machine a busy moment shows there, next to the figure it slowed.
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
TARGETS = ("cold extract ≤ 4× pdftotext; warm compare ≤ 0.5× at 1×, ≤ 0.2× at 10×; import ≤ 0.08 s; "
           "worker peak < 150 MB")
PDFIUM_TEXT = ("import sys, pypdfium2 as pdfium\n"
               "for name in sys.argv[1:]:\n"
               "    pdf = pdfium.PdfDocument(name)\n"
               "    for page in pdf:\n"
               "        page.get_textpage().get_text_range()\n")


@dataclass
class Measured:
    name: str
    commands: list[list[str]]
    parallel: int = 1
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    peak_kb: int = 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="?", type=Path, default=ROOT / "guidelines")
    parser.add_argument("--runs", type=int, default=5, help="runs per command; the median counts (default 5)")
    parser.add_argument("--scale", type=int, default=0,
                        help="also on the corpus made distinct this many times (10 always runs); e.g. 100")
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
    # Bytecode as an installed wheel has it (pip compiles it); a checkout run with PYTHONDONTWRITEBYTECODE
    # would otherwise compile every module from source in every measured start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "guidecmp")], check=True)
    scales = sorted({10, args.scale} - {0, 1})
    with tempfile.TemporaryDirectory(prefix="guidecmp-bench-") as tmp:
        tables = [_bench(f"corpus ({len(pdfs)} PDFs)", pdfs, args, Path(tmp) / "one")]
        for scale in scales:
            copies = Path(tmp) / f"copies{scale}"
            copies.mkdir()
            for copy in range(scale):
                for pdf in pdfs:  # distinct bytes: a new file to the cache, the same to a reader
                    (copies / f"{pdf.stem} k{copy + 1}.pdf").write_bytes(pdf.read_bytes() + f"\n% copy {copy + 1}\n".encode())
            tables.append(_bench(f"corpus ×{scale} ({len(pdfs) * scale} distinct PDFs)", sorted(copies.iterdir()),
                                 args, Path(tmp) / f"many{scale}"))
    print("\n\n".join(tables))
    print(f"\nTargets: {TARGETS}.")
    return 0


def _bench(title: str, pdfs: list[Path], args: argparse.Namespace, work: Path) -> str:
    work.mkdir()
    folder = work / "in"
    folder.mkdir()
    for pdf in pdfs:  # not symlinks: guidecmp does not follow a link inside a folder
        try:
            os.link(pdf, folder / pdf.name)
        except OSError:  # another file system
            shutil.copyfile(pdf, folder / pdf.name)
    pages = sum(len(pdfium.PdfDocument(pdf)) for pdf in pdfs)
    cache, out = work / "cache", work / "out"
    common = ["-q", "--jobs", str(args.jobs)]
    pdftotext = [["pdftotext", str(pdf), os.devnull] for pdf in sorted(folder.iterdir())]
    compare = [*GUIDECMP, "compare", str(folder), "--cache-dir", str(cache), *common]
    measured = [
        Measured("pdftotext", pdftotext),
        Measured(f"pdftotext, {args.jobs} at a time", pdftotext, parallel=args.jobs),
        Measured("PDFium text alone (pypdfium2, one process)",
                 [[sys.executable, "-c", PDFIUM_TEXT, *map(str, sorted(folder.iterdir()))]]),
        Measured("guidecmp extract --no-cache (cold)",
                 [[*GUIDECMP, "extract", str(folder), "-o", str(out), "--no-cache", *common]]),
        Measured("guidecmp extract (warm)",
                 [[*GUIDECMP, "extract", str(folder), "-o", str(out), "--cache-dir", str(cache), *common]]),
        Measured("guidecmp compare (warm, table)", [compare]),
        Measured("guidecmp compare (warm, json)", [[*compare, "-f", "json"]]),
        *(Measured(f"guidecmp compare (warm, {kind})", [[*compare, "-f", kind, "-o", str(work / f"report.{kind}")]])
          for kind in ("markdown", "csv", "html", "xlsx")),
        Measured("import guidecmp.cli", [[sys.executable, "-c", "import guidecmp.cli"]]),
        Measured("import typer (the floor of a Typer program)", [[sys.executable, "-c", "import typer"]]),
        Measured("python3 -c pass (the interpreter's own start)", [[sys.executable, "-c", "pass"]]),
    ]
    _measure(measured[4])  # fills the cache: the warm runs only read it
    for _ in range(args.runs):  # interleaved, so that a slow moment of the machine hits every command
        for item in measured:
            load_before = os.getloadavg()[0]
            seconds, cpu, peak_kb = _measure(item)
            item.seconds.append(seconds)
            item.cpu.append(cpu)
            item.load.append((load_before + os.getloadavg()[0]) / 2)
            item.peak_kb = max(item.peak_kb, peak_kb)
    reference = statistics.median(measured[0].seconds)
    reference_cpu = statistics.median(measured[0].cpu)
    rows = [f"**{title}, {pages} pages**, median of {args.runs} runs", "",
            "| command | seconds | × pdftotext | CPU s | CPU × pdftotext | ms per PDF | load (1 min) "
            "| peak RSS (largest process) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for item in measured:
        median, cpu = statistics.median(item.seconds), statistics.median(item.cpu)
        rows.append(f"| {item.name} | {median:.2f} | {median / reference:.2f} | {cpu:.2f} | {cpu / reference_cpu:.2f} | "
                    f"{median / len(pdfs) * 1000:.1f} | {statistics.median(item.load):.1f} | "
                    f"{item.peak_kb / 1024:.0f} MB |")
    return "\n".join(rows)


def _measure(item: Measured) -> tuple[float, float, int]:
    """Run the commands in a fresh process; its wall time, its children's CPU time and peak RSS (KB)."""
    result = subprocess.run([sys.executable, __file__, "_measure", str(item.parallel)], input=json.dumps(item.commands),
                            cwd=ROOT, capture_output=True, text=True, check=True)  # 1 800 commands: too long for argv
    seconds, cpu, peak_kb = result.stdout.split()
    return float(seconds), float(cpu), int(peak_kb)


def _measure_here(parallel: int, commands: list[list[str]]) -> None:
    def run(command: list[str]) -> None:
        finished = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if finished.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({finished.returncode}): {finished.stderr[-2000:]}")

    started = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(run, commands))
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"{seconds:.4f} {usage.ru_utime + usage.ru_stime:.4f} {usage.ru_maxrss}")


def _machine(args: argparse.Namespace) -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")
    poppler = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True).stderr.splitlines()[0]
    when = time.strftime("%Y-%m-%d %H:%M")
    return (f"{when}. Machine: {os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
            f"pypdfium2 {version('pypdfium2')}, pdfplumber {version('pdfplumber')}, {poppler}; guidecmp --jobs {args.jobs}.\n"
            f"Command: python3 scripts/bench.py {' '.join(sys.argv[1:])}\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["_measure"]:
        _measure_here(int(sys.argv[2]), json.loads(sys.stdin.read()))
    else:
        sys.exit(main())
