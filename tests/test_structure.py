"""Headings, numbering, paragraphs and borderless tables from lines (no PDF needed)."""

import pytest

from guidecmp.model import Line, Table
from guidecmp.extract.structure import _borderless_tables, is_heading, numbering_depth

BODY = 11.0


def line(text, size=BODY, bold=False, top=100.0, x0=72.0, cells=(), page=2):
    return Line(text=text, page=page, x0=x0, top=top, x1=500.0, bottom=top + size * 0.8, size=size,
                bold=bold, cells=cells)


@pytest.mark.parametrize("text, depth", [
    ("7.3 Kodinhankinnat", 2), ("7.3. Kodinhankinnat", 2), ("3.2.1 Silmälasit", 3), ("5 HAUTAUSAVUSTUS", 1),
    ("5. EHKÄISEVÄ TOIMEENTULOTUKI", 1), ("IV PÄÄTÖSVALTA", 1), ("a) Vuokravakuus", 1),
    ("Kodinhankinnat", None), ("2023 alkaen", None), ("1412/1997 mukaan", None), ("13 § mukaan", 1),
])
def test_numbering_depth(text, depth):
    assert numbering_depth(text) == depth


@pytest.mark.parametrize("text, size, bold", [
    ("7.3 Kodinhankinnat", 13.0, True),
    ("TÄYDENTÄVÄ TOIMEENTULOTUKI", 15.0, True),
    ("Hautausavustus", BODY, True),
    ("Lasten harrastusmenot", 12.0, False),
    ("Begravningskostnader", BODY, True),
    ("4.2 Vuokravakuus ja muuttokustannukset", BODY, False),  # numbered, in the body font
    ("EHKÄISEVÄ TOIMEENTULOTUKI (13 §)", BODY, False),  # capitals, in the body font
    ("Menoja, joita ei yleensä hyväksytä", BODY, True),
])
def test_headings(text, size, bold):
    assert is_heading(line(text, size, bold), BODY)


@pytest.mark.parametrize("text, size, bold", [
    ("Kodinhankintoihin voidaan myöntää enintään 400 euroa.", BODY, False),
    ("Tuki myönnetään harkinnan mukaan, kun asiakkaalla ei ole muita varoja käytettävissä.", BODY, True),
    ("• vuokrasopimus", BODY, True),
    ("1) tiliotteet kahden kuukauden ajalta", BODY, True),
    ("12", 14.0, True),
    ("1. hakemus käsitellään seitsemän arkipäivän kuluessa.", BODY, False),
    ("2.1 euroa", BODY, False),
    ("KELA", BODY, False),
])
def test_not_headings(text, size, bold):
    assert not is_heading(line(text, size, bold), BODY)


def test_aligned_rows_with_numbers_become_a_table():
    rows = [line("Kotitalous Enintään (€)", bold=True, top=100, cells=((72, "Kotitalous"), (300, "Enintään (€)"))),
            line("Yksin asuva 500", top=114, cells=((72, "Yksin asuva"), (301, "500"))),
            line("Pariskunta 650", top=128, cells=((72, "Pariskunta"), (301, "650"))),
            line("Perhe, jossa on lapsia 800", top=142, cells=((72, "Perhe, jossa on lapsia"), (301, "800")))]
    [table] = _borderless_tables([line("Enimmäismäärät ovat:", top=86), *rows][1:])
    assert isinstance(table, Table)
    assert table.rows == (("Kotitalous", "Enintään (€)"), ("Yksin asuva", "500"), ("Pariskunta", "650"),
                          ("Perhe, jossa on lapsia", "800"))


def test_justified_text_with_wide_gaps_is_not_a_table():
    words = [line("asiakkaan tilanteen kannalta", top=100, cells=((72, "asiakkaan"), (150, "tilanteen"), (230, "kannalta"))),
             line("vallan tai terveydelle haitallisen", top=114, cells=((72, "vallan"), (121, "tai"), (153, "terveydelle"), (230, "haitallisen"))),
             line("asunnon vuoksi, 250 euroa", top=128, cells=((72, "asunnon"), (141, "vuoksi,"), (204, "250 euroa")))]
    assert all(isinstance(item, Line) for item in _borderless_tables(words))
