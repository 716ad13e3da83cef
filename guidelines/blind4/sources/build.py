#!/usr/bin/env python3
"""Build the blind4 sample PDFs and fill the machine-knowable fields of their truth files.

Each document uses a different PDF producer:

  Länsi-Uusimaa 2024.pdf  WeasyPrint (HTML + CSS, a web page printed to PDF)
  Varha 2023.pdf          Typst (python package `typst`)
  Pargas 2019.pdf         pdfTeX (pdflatex, three runs for the table of contents and page total)
  Siun sote 2021.pdf      gropdf (groff -ms -t -Tpdf)

Layout features, by document:

  Länsi-Uusimaa  no cover: title, issuer and validity at the top of page 1, then a decision rule;
                 site bar, breadcrumbs, running header (breadcrumb, print time) and footer (URL,
                 "Sivu 1/5"); unnumbered web headings; "label: amount" bullet lists; a household-size
                 table ("1 hlö" ... "5 hlö tai enemmän") with the period in its header; FAQ, staff
                 contact list, "Menot, joita ei yleensä hyväksytä"; hyphens are U+2010.
  Varha          cover with approval line, table of contents without dot leaders, numbered
                 headings, two-column body, footnotes with Kela figures and one category amount, a
                 basic-support chapter under a neutral title; line-end hyphens are soft hyphens.
  Pargas         Swedish; running header "Sida 3 (8)"; a longtable of per-item caps that runs over
                 a page break (header repeated); a landscape page (pdflscape, /Rotate 90) with the
                 delegation table by euro threshold.
  Siun sote      two-page single-topic sheet with a letterhead, subheadings instead of category
                 headings, an age-band table, and the decision rules as labelled fields in a box.

After rendering, the script reads every page with `pdftotext` (poppler, independent of guidecmp)
and fills `sha256`, `pages` and every `page` in tests/expected/blind4/<id>.json. Everything else
in the truth files is written by hand and is only checked here: each `text` must be an exact
substring of its page's text after hyphenated line ends are joined and whitespace collapsed.

Requirements: weasyprint (with libpango), typst, texlive (latex-base, latex-recommended,
lang-european, fonts-recommended: pdflscape, longtable, tgheros, babel-swedish), groff (gropdf),
poppler-utils.

Usage:  python3 guidelines/blind4/sources/build.py [--check]
        --check  only re-read the existing PDFs and verify the truth files, write nothing
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent                                   # guidelines/blind4
REPO = OUT.parent.parent
TRUTH = REPO / "tests" / "expected" / "blind4"

DOCS = {
    # id: (pdf file name, first page after cover / table of contents)
    "lansi-uusimaa-2024": ("Länsi-Uusimaa 2024.pdf", 1),
    "varha-2023": ("Varha 2023.pdf", 3),
    "pargas-2019": ("Pargas 2019.pdf", 3),
    "siun-sote-2021": ("Siun sote 2021.pdf", 1),
}

FI_PATTERNS = Path("/usr/share/texlive/texmf-dist/tex/generic/hyph-utf8/patterns/txt/hyph-fi.pat.txt")


# --------------------------------------------------------------------------- rendering
def build_weasyprint(out: Path) -> None:
    """Web page printed to PDF. pyphen ships no Finnish dictionary, so the TeX patterns are
    registered for the run to get real Finnish hyphenation at line ends."""
    import pyphen
    tmp = Path(tempfile.mkdtemp())
    dic = tmp / "hyph_fi_FI.dic"
    patterns = FI_PATTERNS.read_text(encoding="utf-8").split()
    dic.write_text("UTF-8\n" + "\n".join(patterns) + "\n", encoding="utf-8")
    for key in ("fi", "fi_FI"):
        pyphen.LANGUAGES[key] = dic
        pyphen.LANGUAGES_LOWERCASE[key.lower()] = key
    import weasyprint
    weasyprint.HTML(filename=str(SRC / "lansi-uusimaa-2024.html")).write_pdf(str(out))
    shutil.rmtree(tmp)


def build_typst(out: Path) -> None:
    import typst
    typst.compile(str(SRC / "varha-2023.typ"), output=str(out), pdf_tags=False)


def build_pdflatex(out: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1544486400", FORCE_SOURCE_DATE="1")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(SRC / "pargas-2019.tex", tmp)
        for _ in range(3):
            subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "pargas-2019.tex"],
                           cwd=tmp, env=env, check=True, stdout=subprocess.DEVNULL)
        shutil.copy(Path(tmp) / "pargas-2019.pdf", out)


def build_groff(out: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1610668800")
    with open(out, "wb") as fh:
        subprocess.run(["groff", "-k", "-ms", "-t", "-Tpdf", str(SRC / "siun-sote-2021.ms")],
                       env=env, check=True, stdout=fh)


BUILDERS = {
    "lansi-uusimaa-2024": build_weasyprint,
    "varha-2023": build_typst,
    "pargas-2019": build_pdflatex,
    "siun-sote-2021": build_groff,
}


# --------------------------------------------------------------------------- reading
HYPHENS = "-\u2010\u00ad"


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_texts(pdf: Path, n: int, layout: bool) -> list:
    texts = []
    for i in range(1, n + 1):
        cmd = ["pdftotext", "-f", str(i), "-l", str(i)] + (["-layout"] if layout else []) + [str(pdf), "-"]
        texts.append(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    return texts


def collapse(s: str) -> str:
    s = s.replace("\u2060", "").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", s).strip()


def variants(raw: str) -> list:
    """The page text read three ways: hyphenated line ends joined (the usual case), the hyphen
    kept but the line end removed ("Länsi-/Uudenmaan"), and every line end a plain space."""
    hy = "[" + HYPHENS + "]"
    joined = re.sub(r"(\w)" + hy + r"[ \t]*\n\s*(?=\w)", r"\1", raw)
    kept = re.sub(r"(\w)([-\u2010])[ \t]*\n\s*(?=\w)", r"\1-", raw.replace("\u00ad\n", "\n"))
    plain = raw.replace("\u00ad", "")
    return [collapse(joined), collapse(kept), collapse(plain)]


class Doc:
    def __init__(self, pdf: Path):
        self.n = page_count(pdf)
        self.layout = page_texts(pdf, self.n, True)
        self.flow = page_texts(pdf, self.n, False)
        self.norm = [variants(a) + variants(b) for a, b in zip(self.layout, self.flow)]

    def has(self, page: int, text: str) -> bool:
        t = collapse(text)
        return any(t in v for v in self.norm[page - 1])

    def pages_with(self, text: str, start: int = 1) -> list:
        return [p for p in range(start, self.n + 1) if self.has(p, text)]

    def heading_page(self, heading: str, start: int) -> int:
        h = collapse(heading)
        for p in range(start, self.n + 1):
            for raw in (self.flow[p - 1], self.layout[p - 1]):
                lines = [collapse(l) for l in raw.splitlines()]
                if h in lines:
                    return p
        hits = self.pages_with(heading, start)        # heading broken over lines (long titles)
        if hits:
            return hits[0]
        raise SystemExit(f"heading not found: {heading!r}")

    def row_page(self, label: str, text: str, start: int):
        """Page whose layout text has a line holding both a table row / list label and the value."""
        lab, val = collapse(label), collapse(text)
        for p in range(start, self.n + 1):
            for line in self.layout[p - 1].splitlines():
                l = collapse(line)
                if lab in l and val in l:
                    return p
        return None


# --------------------------------------------------------------------------- filling
def fill(doc_id: str, write: bool) -> list:
    name, body_start = DOCS[doc_id]
    pdf = OUT / name
    path = TRUTH / f"{doc_id}.json"
    truth = json.loads(path.read_text(encoding="utf-8"))
    doc = Doc(pdf)
    problems = []

    g = truth["guideline"]
    g["file"] = name
    g["sha256"] = hashlib.sha256(pdf.read_bytes()).hexdigest()
    g["pages"] = doc.n

    def place(item, start, what, label=None):
        page = doc.row_page(label, item["text"], start) if label else None
        if page is None:
            hits = doc.pages_with(item["text"], start)
            if not hits:
                problems.append(f"{doc_id}: {what} text not found from page {start}: {item['text']!r}")
                return
            page = hits[0]
        if "page" in item and item["page"] not in (None, page) and not write:
            problems.append(f"{doc_id}: {what} {item['text']!r} is on page {page}, truth says {item['page']}")
        item["page"] = page

    for cat in truth["categories"]:
        for sec in cat["sections"]:
            p = doc.heading_page(sec["heading"], body_start)
            if "page" in sec and sec["page"] not in (None, p) and not write:
                problems.append(f"{doc_id}: heading {sec['heading']!r} on page {p}, truth says {sec['page']}")
            sec["page"] = p
        start = min(s["page"] for s in cat["sections"])
        for a in cat["amounts"]:
            place(a, start, f"amount of {cat['id']}", a.get("applies_to"))
        for d in cat["decision_makers"]:
            place(d, start, f"decision of {cat['id']}")
    for d in truth["decision_makers"]:
        hits = doc.pages_with(d["text"], body_start)
        if len(hits) > 1:
            problems.append(f"{doc_id}: document-wide rule found on several pages {hits}: {d['text']!r}")
        place(d, body_start, "document-wide decision")

    if write:
        path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return problems


def main() -> None:
    check_only = "--check" in sys.argv[1:]
    if not check_only:
        for doc_id, (name, _) in DOCS.items():
            BUILDERS[doc_id](OUT / name)
            size = (OUT / name).stat().st_size
            print(f"built {name}: {size // 1024} KB")
            if size > 300 * 1024:
                raise SystemExit(f"{name} is larger than 300 KB")
    problems = []
    for doc_id in DOCS:
        problems += fill(doc_id, write=not check_only)
    for p in problems:
        print("PROBLEM:", p)
    if problems:
        raise SystemExit(1)
    print("all sections, amounts and decision rules found on their pages")


if __name__ == "__main__":
    main()
