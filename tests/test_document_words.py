"""rules/document.toml governs the reader and the cover: a copied, edited rules folder changes what is
read, and a third language is a table in the file (README, "Adding a language")."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest

from conftest import ROOT
from guidecmp.extract.document_words import load_document_words
from guidecmp.extract.structure import cover, language
from guidecmp.extract.vocab import load_rules
from guidecmp.model import Document, Line, Page
from guidecmp.read.pdf import read_pdf

FIXTURES = ROOT / "tests" / "fixtures"

ENGLISH = """
[en]
detection = ["the", "and", "of", "is", "to", "for", "may", "be"]
contents_titles = ["table of contents"]
page_words = ["page"]
page_count_words = ["of"]
conjunctions = ["and", "or"]
valid_from_cues = ["effective from"]
issuer_cues = ["council", "municipality"]
ocr = "eng"
"""


def copied_rules(tmp_path, edit) -> object:
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    path = folder / "document.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def one_page(*texts: str) -> Document:
    lines = [Line(text=t, page=1, x0=50, top=100 + 20 * i, x1=500, bottom=112 + 20 * i, size=11, bold=False)
             for i, t in enumerate(texts)]
    return Document(path="x.pdf", sha256="0", pages=[Page(number=1, width=595, height=842, lines=lines)],
                    body_size=11, warnings=[], running_lines=[])


def test_a_renamed_contents_title_in_the_rules_folder_changes_what_the_reader_drops(tmp_path):
    toc_lines = ["1 Täydentävä toimeentulotuki", "1.1 Kodinhankinnat", "1.2 Hautauskustannukset"]
    bundled = read_pdf(FIXTURES / "toc_without_leaders.pdf", load_rules().document.reader)
    renamed = copied_rules(tmp_path, lambda text: text.replace('"sisällys", ', '"hakemisto", '))
    edited = read_pdf(FIXTURES / "toc_without_leaders.pdf", load_rules(renamed).document.reader)

    def texts(doc):
        return [ln.text for p in doc.pages for ln in p.lines]

    assert "Sisällys" not in texts(bundled) and texts(bundled).count(toc_lines[1]) == 1
    assert "Sisällys" in texts(edited) and texts(edited).count(toc_lines[1]) == 2  # the TOC is kept


def test_conjunctions_come_from_the_rules_folder(tmp_path):
    without_ja = copied_rules(tmp_path, lambda text: text.replace('conjunctions = ["ja", ', 'conjunctions = ['))
    assert "ja" in load_rules().document.reader.conjunctions
    assert "ja" not in load_rules(without_ja).document.reader.conjunctions
    assert "ja" not in load_rules(without_ja).categories.conjunctions


def test_a_third_language_is_detected_and_its_cover_words_used_without_code_changes(tmp_path):
    folder = copied_rules(tmp_path, lambda text: text.replace('languages = ["fi", "sv"]',
                                                              'languages = ["fi", "sv", "en"]') + ENGLISH)
    words = load_document_words(folder)
    doc = one_page("Northtown Municipality, social services", "Effective from 1.3.2024",
                   "The supplementary assistance is granted for the costs of the home and may be paid.")

    assert words.languages == ("fi", "sv", "en")
    assert language(doc, words) == "en"
    assert language(doc, load_document_words(ROOT / "rules")) == "fi"  # the bundled rules know no English
    found = cover(doc, words)
    assert (found.issuer, found.valid_from) == ("Northtown Municipality", "2024-03-01")
    assert words.reader.contents_title.match("Table of contents")
    assert words.reader.ocr_languages == ("fin", "swe", "eng")


def test_a_third_language_still_needs_its_amount_words_and_says_so(tmp_path):
    """What README "Adding a language" says: amounts.toml needs an [en] table, and extract/amounts.py
    still lists its languages in code; compiling the rules (before any PDF is read) names the missing
    vocabulary."""
    folder = copied_rules(tmp_path, lambda text: text.replace('languages = ["fi", "sv"]',
                                                              'languages = ["fi", "sv", "en"]') + ENGLISH)
    with pytest.raises(ValueError, match=re.escape("no amount vocabulary for language 'en'")):
        load_rules(folder).compile()


def test_detection_ties_go_to_the_language_listed_first():
    words = load_document_words(ROOT / "rules")
    assert words.language(Counter({"ja": 1, "och": 1})) == "fi"
    assert words.language(Counter({"ja": 1, "och": 2})) == "sv"


@pytest.mark.parametrize(("edit", "message"), [
    (lambda text: text.replace('languages = ["fi", "sv"]', 'languages = []'), "languages"),
    (lambda text: text.replace('languages = ["fi", "sv"]', 'languages = ["fi", "sv", "se"]'), "'se'"),
    (lambda text: text.replace("page_words = [", "page_wordz = ["), "unknown keys"),
    (lambda text: text.replace('ocr = "fin"', "ocr = 1"), "ocr"),
])
def test_a_wrong_document_toml_is_a_rules_error_naming_the_file(tmp_path, edit, message):
    folder = copied_rules(tmp_path, edit)
    with pytest.raises(ValueError, match=message) as caught:
        load_rules(folder)
    assert "document.toml" in str(caught.value)
