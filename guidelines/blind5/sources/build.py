#!/usr/bin/env python3
"""Render the five blind5 sample PDFs and fill sha256 / pages / page numbers into their truth files.

Needs (Debian): libreoffice-writer, chromium, chromium-l10n, poppler-utils, faketime,
fonts-crosextra-carlito, fonts-liberation2; (PyPI): reportlab, fpdf2, pyphen.
Run from anywhere:  python3 guidelines/blind5/sources/build.py
Nothing here reads or runs the extractor.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
OUT_PDF = os.path.join(ROOT, 'guidelines', 'blind5')
OUT_TRUTH = os.path.join(ROOT, 'tests', 'expected', 'blind5')

import eloisa_2025, kirkkonummi_2016, oulu_2020, jakobstad_2018  # noqa: E402
import truths  # noqa: E402


# ---------------------------------------------------------------- pdftotext helpers
def page_texts(pdf):
    out = subprocess.run(['pdftotext', '-layout', pdf, '-'], check=True, capture_output=True,
                         text=True).stdout
    pages = out.split('\f')
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return pages


def norm(s):
    """Join hyphenated line ends, drop soft hyphens, collapse whitespace."""
    s = s.replace('\u00ad', '')
    s = re.sub(r'(\w)-[ \t]*\n\s*(?=[a-zåäöé])', r'\1', s)
    return re.sub(r'\s+', ' ', s).strip()


def line_norm(s):
    return re.sub(r'\s+', ' ', s).strip()


def body_regions(pages, marker):
    """Per page, the raw text that belongs to the body (after the marker line)."""
    if marker is None:
        return list(pages)
    prefix = marker.startswith('^')
    m = marker.lstrip('^')
    for p, txt in enumerate(pages):
        lines = txt.split('\n')
        for i, ln in enumerate(lines):
            l = line_norm(ln)
            if (prefix and l.startswith(m)) or (not prefix and l == m):
                regions = [''] * p + ['\n'.join(lines[i:])] + list(pages[p + 1:])
                return regions
    raise SystemExit(f'body marker not found: {marker!r}')


def heading_page(regions, heading):
    hits = [p for p, txt in enumerate(regions) for ln in txt.split('\n') if line_norm(ln) == heading]
    if len(hits) != 1:
        raise SystemExit(f'heading {heading!r}: found on pages {[h + 1 for h in hits]}')
    return hits[0] + 1


def text_page(pages, regions, text, find):
    key = find or text
    hits = sorted({p for p, txt in enumerate(regions) if key in norm(txt)})
    if len(hits) != 1:
        raise SystemExit(f'{key!r}: found on pages {[h + 1 for h in hits]}')
    p = hits[0]
    if text not in norm(pages[p]):
        raise SystemExit(f'{text!r} is not on page {p + 1}')
    if find and text not in find:
        raise SystemExit(f'text {text!r} is not inside its locating context {find!r}')
    return p + 1


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


# ---------------------------------------------------------------- producers
def soffice(docx, outdir, fake):
    subprocess.run(['faketime', '-f', fake, 'soffice', '--headless', '--convert-to', 'pdf',
                    '--outdir', outdir, docx], check=True, capture_output=True, timeout=300)
    return os.path.join(outdir, os.path.splitext(os.path.basename(docx))[0] + '.pdf')


def build_eloisa(tmp, dest):
    docx = os.path.join(tmp, 'eloisa.docx')
    eloisa_2025.make(docx, {})
    pdf = soffice(docx, tmp, '2025-03-20 09:15:00')
    regions = body_regions(page_texts(pdf), truths.ELOISA['body_start'])
    toc = {h: heading_page(regions, h) for _, h in eloisa_2025.HEADINGS}
    eloisa_2025.make(docx, toc)
    pdf = soffice(docx, tmp, '2025-03-20 09:15:00')
    regions = body_regions(page_texts(pdf), truths.ELOISA['body_start'])
    toc2 = {h: heading_page(regions, h) for _, h in eloisa_2025.HEADINGS}
    assert toc == toc2, 'table of contents moved headings'
    shutil.copy(pdf, dest)


def build_oulu(tmp, dest):
    docx = os.path.join(tmp, 'oulu.docx')
    oulu_2020.make(docx)
    shutil.copy(soffice(docx, tmp, '2020-02-03 09:41:00'), dest)


def build_soite(tmp, dest):
    """Print the page with headless Chromium as it would be printed from www.soite.fi."""
    site = os.path.join(tmp, 'site')
    path = 'palvelut/aikuissosiaalityo/toimeentulotuki/soveltamisohje'
    os.makedirs(os.path.join(site, path))
    shutil.copy(os.path.join(HERE, 'soite_2022.html'), os.path.join(site, path, 'index.html'))
    port = 8765
    server = subprocess.Popen([sys.executable, '-m', 'http.server', str(port), '--bind', '127.0.0.1'],
                              cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = dict(os.environ, LANGUAGE='fi')
        subprocess.run(['faketime', '-f', '2022-02-03 10:24:00', 'chromium', '--headless', '--no-sandbox',
                        '--disable-gpu', '--lang=fi',
                        f'--host-resolver-rules=MAP www.soite.fi 127.0.0.1:{port}',
                        f'--print-to-pdf={dest}', f'http://www.soite.fi/{path}/'],
                       check=True, capture_output=True, timeout=300, env=env)
    finally:
        server.terminate()
        server.wait()


def build_kirkkonummi(tmp, dest):
    kirkkonummi_2016.make(dest)


def build_jakobstad(tmp, dest):
    jakobstad_2018.make(dest)


BUILDERS = {'eloisa-2025': build_eloisa, 'soite-2022': build_soite, 'kirkkonummi-2016': build_kirkkonummi,
            'oulu-2020': build_oulu, 'jakobstad-2018': build_jakobstad}


# ---------------------------------------------------------------- truth
def fill(spec, pdf):
    pages = page_texts(pdf)
    regions = body_regions(pages, spec['body_start'])
    g = dict(spec['guideline'])
    guideline = {'id': g['id'], 'file': g['file'], 'sha256': sha256(pdf), 'pages': len(pages),
                 'language': g['language'], 'issuer': g['issuer'], 'title': g['title'],
                 'valid_from': g['valid_from']}
    cats = []
    for c in spec['categories']:
        cats.append({
            'id': c['id'], 'support_type': c['support_type'],
            'sections': [{'heading': h, 'page': heading_page(regions, h)} for h in c['headings']],
            'amounts': [{'value': a['value'], 'unit': a['unit'], 'qualifier': a['qualifier'], 'per': a['per'],
                         'applies_to': a['applies_to'], 'persons': a['persons'],
                         'page': text_page(pages, regions, a['text'], a['find']), 'text': a['text']}
                        for a in c['amounts']],
            'decision_makers': [{'role': d['role'], 'condition': d['condition'],
                                 'page': text_page(pages, regions, d['text'], d['find']), 'text': d['text']}
                                for d in c['decision_makers']]})
    dms = [{'role': d['role'], 'scope': d['scope'], 'condition': d['condition'],
            'page': text_page(pages, regions, d['text'], d['find']), 'text': d['text']}
           for d in spec['decision_makers']]
    for d in dms + [x for c in cats for x in c['decision_makers']]:
        if d['condition'] is not None and d['condition'] not in d['text']:
            raise SystemExit(f'condition {d["condition"]!r} not in {d["text"]!r}')
    return {'schema': 'guidecmp.extraction/1', 'guideline': guideline, 'categories': cats,
            'decision_makers': dms, 'warnings': []}


def main(argv):
    only = set(argv[1:])
    os.makedirs(OUT_PDF, exist_ok=True)
    os.makedirs(OUT_TRUTH, exist_ok=True)
    for spec in truths.ALL:
        gid = spec['guideline']['id']
        if only and gid not in only:
            continue
        dest = os.path.join(OUT_PDF, spec['guideline']['file'])
        with tempfile.TemporaryDirectory() as tmp:
            BUILDERS[gid](tmp, dest)
        truth = fill(spec, dest)
        with open(os.path.join(OUT_TRUTH, gid + '.json'), 'w', encoding='utf-8') as f:
            json.dump(truth, f, ensure_ascii=False, indent=2)
            f.write('\n')
        n_a = sum(len(c['amounts']) for c in truth['categories'])
        n_d = len(truth['decision_makers']) + sum(len(c['decision_makers']) for c in truth['categories'])
        print(f'{gid}: {truth["guideline"]["pages"]} pages, {os.path.getsize(dest)} bytes, '
              f'{len(truth["categories"])} categories, {n_a} amounts, {n_d} decision rules')


if __name__ == '__main__':
    main(sys.argv)
