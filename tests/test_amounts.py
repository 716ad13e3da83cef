"""The amount parser against the wording of real guidelines (sentences written for these tests).

Each table maps an input to the amounts expected in it as (value, unit, qualifier, per,
applies_to). Property tests cover what a table cannot: any formatted euro number, arbitrary
text, and distractors (§ references, dates, phone numbers) slipped between the words.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidecmp.extract.amounts import amounts_from_table, explains_other_payer, paid_by_others, parse_amounts


def shape(matches):
    return [(m.value, m.unit, m.qualifier, m.per, m.applies_to) for m in matches]


def values(matches):
    return [(m.value, m.unit) for m in matches]


def eur(value, qualifier="fixed", per=None, applies_to=None):
    return (float(value), "EUR", qualifier, per, applies_to)


# --- formats of the number and the currency ------------------------------------------------------

FORMATS = [
    ("400 €", [eur(400)]),
    ("400€", [eur(400)]),
    ("400 euroa", [eur(400)]),
    ("400,00 euroa", [eur(400)]),
    ("400,00 €", [eur(400)]),
    ("400,50 €", [eur(400.5)]),
    ("400,5 €", [eur(400.5)]),
    ("0,50 €", [eur(0.5)]),
    ("400,- euroa", [eur(400)]),
    ("400,- €", [eur(400)]),
    ("€ 400", [eur(400)]),
    ("€400", [eur(400)]),
    ("EUR 400", [eur(400)]),
    ("400 EUR", [eur(400)]),
    ("400 eur", [eur(400)]),
    ("400 e", [eur(400)]),
    ("400 e.", [eur(400)]),
    ("1 000 euroa", [eur(1000)]),
    ("1\u00a0000 euroa", [eur(1000)]),
    ("1\u202f000 euroa", [eur(1000)]),
    ("1\u2009000 euroa", [eur(1000)]),
    ("1000 euroa", [eur(1000)]),
    ("1.000 €", [eur(1000)]),
    ("1.000,00 €", [eur(1000)]),
    ("1 000,50 €", [eur(1000.5)]),
    ("10 600 euroa", [eur(10600)]),
    ("1 000 000 euroa", [eur(1_000_000)]),
    ("12.345.678 €", [eur(12_345_678)]),
    ("400.50 €", [eur(400.5)]),
    ("461,05€", [eur(461.05)]),
    ("522,02 euro", [eur(522.02)]),
    ("2,34 miljoonaa euroa", [eur(2_340_000)]),
    ("5 tuhatta euroa", [eur(5000)]),
    ("500-euroinen lahjakortti", [eur(500)]),
    ("3 €:n omavastuu", [eur(3)]),
    ("100 EUR:n raja", [eur(100)]),
    ("(300 €)", [eur(300)]),
    ("500,- euroa", [eur(500)]),
    ("n. 500,-", [eur(500, "approx")]),
    ("300,- / henkilö", [eur(300, applies_to="henkilö")]),
    ("Tuki on 300 €.", [eur(300)]),
    ("Tuki on 300 €, ja se maksetaan.", [eur(300)]),
]

INFLECTED_EURO = ["euroa", "euron", "euroon", "eurolla", "euroihin", "euroista", "eurosta", "eurolle",
                  "euroksi", "euroina", "euroja", "euro"]


@pytest.mark.parametrize("text,expected", FORMATS)
def test_formats(text, expected):
    assert shape(parse_amounts(text)) == expected


@pytest.mark.parametrize("word", INFLECTED_EURO)
def test_every_inflected_euro_form(word):
    assert shape(parse_amounts(f"Tuki on 250 {word} asti.")) in ([eur(250)], [eur(250, "max")])


# --- qualifiers --------------------------------------------------------------------------------

QUALIFIERS_FI = [
    ("enintään", "max"), ("korkeintaan", "max"), ("max", "max"), ("max.", "max"), ("maks.", "max"),
    ("enint.", "max"), ("yhteensä enintään", "max"), ("kuitenkin enintään", "max"), ("alle", "max"),
    ("ei yli", "max"), ("maksimissaan", "max"), ("enimmäismäärä on", "max"), ("enimmäistuki on", "max"),
    ("enimmäismäärä", "max"), ("yläraja on", "max"), ("ylittävät", "min"), ("vähimmäismäärä on", "min"),
    ("vähintään", "min"), ("yli", "min"), ("väh.", "min"), ("ei alle", "min"), ("min.", "min"),
    ("noin", "approx"), ("n.", "approx"), ("keskimäärin", "approx"), ("arviolta", "approx"),
    ("ca", "approx"), ("ca.", "approx"), ("~", "approx"), ("suunnilleen", "approx"),
    ("enintään noin", "max"),
]
QUALIFIERS_SV = [
    ("högst", "max"), ("upp till", "max"), ("max", "max"), ("maximalt", "max"), ("under", "max"),
    ("intill", "max"), ("inte mer än", "max"), ("minst", "min"), ("över", "min"), ("mer än", "min"),
    ("i medeltal", "approx"), ("i genomsnitt", "approx"), ("ca", "approx"), ("c:a", "approx"),
    ("cirka", "approx"), ("omkring", "approx"), ("ungefär", "approx"), ("i medeltal till", "approx"),
]
NUMBER_FORMS = ["400 euroa", "400 €", "400,00 €", "400€", "1 000 euron"]


# a word before the qualifier that changes nothing stays out of `text`
LEADING_FILLERS = ("yhteensä ", "kuitenkin ")


@pytest.mark.parametrize("word,kind", QUALIFIERS_FI)
@pytest.mark.parametrize("amount", NUMBER_FORMS)
def test_finnish_qualifier_before_amount(word, kind, amount):
    [match] = parse_amounts(f"Menoon voidaan myöntää {word} {amount} harkinnan mukaan.")
    assert match.qualifier == kind
    shortest = word.removeprefix(LEADING_FILLERS[0]).removeprefix(LEADING_FILLERS[1])
    assert match.text == f"{shortest} {amount}"


@pytest.mark.parametrize("word,kind", QUALIFIERS_SV)
@pytest.mark.parametrize("amount", ["400 euro", "400 €", "400,00 €", "1 000 euro"])
def test_swedish_qualifier_before_amount(word, kind, amount):
    [match] = parse_amounts(f"Stöd kan beviljas {word} {amount} efter prövning.", "sv")
    assert match.qualifier == kind
    assert match.text == f"{word} {amount}"


QUALIFIERS_AFTER = [
    ("Sosiaaliohjaaja päättää enintään 500 euroon asti.", [eur(500, "max")], "enintään 500 euroon"),
    ("Tuki myönnetään 500 euroon asti.", [eur(500, "max")], "500 euroon asti"),
    ("Tuki myönnetään 500 euroon saakka.", [eur(500, "max")], "500 euroon saakka"),
    ("Menot, jotka ovat 300 euroa tai enemmän, harkitaan.", [eur(300, "min")], "300 euroa tai enemmän"),
    ("Kulut 50 eurosta alkaen hyväksytään.", [eur(50, "min")], "50 eurosta alkaen"),
    ("500 euroa ylittävältä osalta päättää sosiaalityöntekijä.", [eur(500, "min")], "500 euroa ylittävältä"),
    ("Menot, jotka ylittävät 500 euroa, harkitaan.", [eur(500, "min")], "ylittävät 500 euroa"),
    ("Tuki on 400 euroa alkaen 1.1.2024.", [eur(400)], "400 euroa"),
]


@pytest.mark.parametrize("text,expected,matched", QUALIFIERS_AFTER)
def test_qualifier_after_amount(text, expected, matched):
    matches = parse_amounts(text)
    assert shape(matches) == expected
    assert matches[0].text == matched


def test_qualifier_with_colon():
    assert shape(parse_amounts("Enimmäismäärä: 400 €")) == [eur(400, "max")]
    assert shape(parse_amounts("max: 200 €")) == [eur(200, "max")]


def test_threshold_words_stay_in_text():
    [over] = parse_amounts("Yli 1 000 euron hankinnoista päättää sosiaalityöntekijä.")
    [under] = parse_amounts("Alle 20 euron menoja ei korvata.")
    assert (over.qualifier, over.text) == ("min", "Yli 1 000 euron")
    assert (under.qualifier, under.text) == ("max", "Alle 20 euron")


# --- periods and what the sum is for ---------------------------------------------------------

PERIODS = [
    ("50 €/kk", [eur(50, per="month")]),
    ("50 €/kk.", [eur(50, per="month")]),
    ("50 € / kk", [eur(50, per="month")]),
    ("50 e/kk", [eur(50, per="month")]),
    ("50 euroa/kuukausi", [eur(50, per="month")]),
    ("20 euroa kuukaudessa", [eur(20, per="month")]),
    ("20 euroa kuussa", [eur(20, per="month")]),
    ("20 euroa per kk", [eur(20, per="month")]),
    ("Tuki on 20 euroa kuukausittain.", [eur(20, per="month")]),
    ("Kuukaudessa voidaan hyväksyä enintään 60 euroa.", [eur(60, "max", per="month")]),
    ("100 €/v", [eur(100, per="year")]),
    ("100 €/vuosi", [eur(100, per="year")]),
    ("100 euroa vuodessa", [eur(100, per="year")]),
    ("100 euroa vuosittain", [eur(100, per="year")]),
    ("100 euroa kalenterivuodessa", [eur(100, per="year")]),
    ("enintään 500 € / kalenterivuosi", [eur(500, "max", per="year")]),
    ("Vuodessa voidaan myöntää enintään 400 €.", [eur(400, "max", per="year")]),
    ("Tuki myönnetään kerran vuodessa, enintään 300 euroa.", [eur(300, "max")]),
    ("Kerran vuodessa myönnetään enintään 300 euroa.", [eur(300, "max", per="year")]),
    ("9 euroa päivässä", [eur(9, per="day")]),
    ("9 €/pv", [eur(9, per="day")]),
    ("9 €/vrk", [eur(9, per="day")]),
    ("9 euroa vuorokaudessa", [eur(9, per="day")]),
    ("8,68–11,46 euroa/päivä", [eur(8.68, "min", per="day"), eur(11.46, "max", per="day")]),
    ("300 € kertaluonteisesti", [eur(300, per="once")]),
    ("300 euroa (kertaluonteinen)", [eur(300, per="once")]),
    ("300 euroa kertakorvauksena", [eur(300, per="once")]),
    ("Kertaluonteisena tukena voidaan myöntää enintään 400 euroa.", [eur(400, "max", per="once")]),
    ("Tuki maksetaan kerran, enintään 400 euroa.", [eur(400, "max")]),
    ("Tuki on 400 euroa ja se maksetaan kerran.", [eur(400, per="once")]),
    # per occasion has no `per`, but it keeps a period further away from being taken
    ("Tukea myönnetään enintään 2 kertaa vuodessa ja enintään 300 euroa kerrallaan.", [eur(300, "max")]),
    ("Tuki on 25 euroa/kerta.", [eur(25)]),
    ("enintään 300 euroa kerrallaan ja 600 euroa vuodessa", [eur(300, "max"), eur(600, per="year")]),
]

APPLIES_TO = [
    ("100 €/lapsi/vuosi", [eur(100, per="year", applies_to="lapsi")]),
    ("max. 300 €/hlö", [eur(300, "max", applies_to="hlö")]),
    ("300 €/henkilö", [eur(300, applies_to="henkilö")]),
    ("28,07 euroa/asukas/kk", [eur(28.07, per="month", applies_to="asukas")]),
    ("11,15 euroa/neliö/kk", [eur(11.15, per="month", applies_to="neliö")]),
    ("50 €/kk/hlö", [eur(50, per="month", applies_to="hlö")]),
    ("500 euroa lasta kohti vuodessa", [eur(500, per="year", applies_to="lasta")]),
    ("150 euroa vuodessa lasta kohden", [eur(150, per="year", applies_to="lasta")]),
    ("100 € kuukaudessa per henkilö", [eur(100, per="month", applies_to="henkilö")]),
    ("Harrastuksiin voidaan myöntää 150 euroa jokaista lasta kohden.", [eur(150, applies_to="lasta")]),
    ("10 euroa tapaamispäivää kohden", [eur(10, per="day")]),
]


@pytest.mark.parametrize("text,expected", PERIODS + APPLIES_TO)
def test_period_and_applies_to(text, expected):
    assert shape(parse_amounts(text)) == expected


def test_period_words_after_the_sum_are_not_part_of_its_text():
    [match] = parse_amounts("Tukea maksetaan 20 euroa kuukaudessa.")
    assert match.text == "20 euroa"
    [match] = parse_amounts("Enintään 100 €/lapsi/vuosi.")
    assert match.text == "Enintään 100 €/lapsi/vuosi"


# --- percentages -------------------------------------------------------------------------------

PERCENTS = [
    ("50 % perusosasta", [(50.0, "percent_of_basic_amount", "fixed", None, None)]),
    ("50 prosenttia perusosasta", [(50.0, "percent_of_basic_amount", "fixed", None, None)]),
    ("49 % lapsen perusosasta", [(49.0, "percent_of_basic_amount", "fixed", None, None)]),
    ("20 % perusosan määrästä", [(20.0, "percent_of_basic_amount", "fixed", None, None)]),
    ("enintään 50 % perusosasta", [(50.0, "percent_of_basic_amount", "max", None, None)]),
    ("60 % laskusta", [(60.0, "percent", "fixed", None, None)]),
    ("60 %", [(60.0, "percent", "fixed", None, None)]),
    ("60%", [(60.0, "percent", "fixed", None, None)]),
    ("60 prosenttia", [(60.0, "percent", "fixed", None, None)]),
    ("0,5 %", [(0.5, "percent", "fixed", None, None)]),
    ("Alentaminen enintään 20 prosentilla", [(20.0, "percent", "max", None, None)]),
    ("Perusosaa voidaan alentaa 40 prosentilla.", [(40.0, "percent", "fixed", None, None)]),
    ("20 %:lla alennettu perusosa", [(20.0, "percent", "fixed", None, None)]),
    ("20 % alennettu perusosa", [(20.0, "percent", "fixed", None, None)]),
    ("perusosaa alennetaan 20 %", [(20.0, "percent", "fixed", None, None)]),
    ("~ 6 %:n korotus", [(6.0, "percent", "approx", None, None)]),
    ("50-prosenttinen osuus", [(50.0, "percent", "fixed", None, None)]),
    ("40–60 %", [(40.0, "percent", "min", None, None), (60.0, "percent", "max", None, None)]),
    ("vähintään 20 %, enintään 150 euroa",
     [(20.0, "percent", "min", None, None), eur(150, "max")]),
    ("Sähkölaskusta huomioidaan 60 % lämmityssähkönä ja 40 % taloussähkönä.",
     [(60.0, "percent", "fixed", None, None), (40.0, "percent", "fixed", None, None)]),
]


@pytest.mark.parametrize("text,expected", PERCENTS)
def test_percentages(text, expected):
    assert shape(parse_amounts(text)) == expected


def test_percent_of_basic_amount_text_holds_the_basic_amount():
    [match] = parse_amounts("Ruokakuluihin hyväksytään 49 % lapsen perusosasta.")
    assert match.text == "49 % lapsen perusosasta"


# --- months of rent ----------------------------------------------------------------------------

MONTHS_RENT = [
    ("yhden kuukauden vuokra", 1, "fixed"),
    ("kahden kuukauden vuokraa vastaava summa", 2, "fixed"),
    ("1 kk:n vuokra", 1, "fixed"),
    ("1 kk vuokra", 1, "fixed"),
    ("2 kuukauden vuokra", 2, "fixed"),
    ("kolmen kuukauden vuokran suuruinen vakuus", 3, "fixed"),
    ("enintään kahden kuukauden vuokraa vastaava vakuus", 2, "max"),
    ("Vakuus voi olla enintään 3 kuukauden vuokran suuruinen.", 3, "max"),
    ("Takuuvuokra on enintään 2 kk:n vuokra.", 2, "max"),
    ("neljän kuukauden vuokrat", 4, "fixed"),
    ("puolentoista kuukauden vuokra", 1.5, "fixed"),
    ("1,5 kuukauden vuokra", 1.5, "fixed"),
    ("kahden kuukauden vuokravakuus", 2, "fixed"),
    ("kahden kuukauden takuuvuokra", 2, "fixed"),
    ("kahden kuukausivuokran suuruinen", 2, "fixed"),
    ("vuokra kahdelta kuukaudelta", 2, "fixed"),
    ("vuokraa enintään kolmelta kuukaudelta", 3, "max"),
    ("kymmenen kuukauden vuokra", 10, "fixed"),
    ("seitsemän kuukauden vuokra", 7, "fixed"),
]
MONTHS_RENT_SV = [
    ("en månads hyra", 1, "fixed"),
    ("två månaders hyra", 2, "fixed"),
    ("högst två månaders hyra", 2, "max"),
    ("Hyresgarantin kan motsvara högst tre månaders hyra.", 3, "max"),
    ("2 månaders hyra", 2, "fixed"),
    ("hyra för två månader", 2, "fixed"),
    ("hyran för högst en månad", 1, "max"),
    ("två månadshyror", 2, "fixed"),
    ("en och en halv månads hyra", 1.5, "fixed"),
]


@pytest.mark.parametrize("text,value,qualifier", MONTHS_RENT)
def test_months_of_rent(text, value, qualifier):
    assert shape(parse_amounts(text)) == [(float(value), "months_rent", qualifier, None, None)]


@pytest.mark.parametrize("text,value,qualifier", MONTHS_RENT_SV)
def test_months_of_rent_swedish(text, value, qualifier):
    assert shape(parse_amounts(text, "sv")) == [(float(value), "months_rent", qualifier, None, None)]


def test_months_of_rent_text():
    [match] = parse_amounts("Vuokravakuutena hyväksytään kahden kuukauden vuokraa vastaava summa.")
    assert match.text == "kahden kuukauden vuokraa"
    [match] = parse_amounts("Vakuus on enintään 2 kk:n vuokra.")
    assert match.text == "enintään 2 kk:n vuokra"


# --- ranges and lists --------------------------------------------------------------------------

RANGES = [
    ("200–400 €", [eur(200, "min"), eur(400, "max")]),
    ("200-400 euroa", [eur(200, "min"), eur(400, "max")]),
    ("200 – 400 €", [eur(200, "min"), eur(400, "max")]),
    ("200 - 400 €", [eur(200, "min"), eur(400, "max")]),
    ("200—400 €", [eur(200, "min"), eur(400, "max")]),
    ("200...400 €", [eur(200, "min"), eur(400, "max")]),
    ("200 €–400 €", [eur(200, "min"), eur(400, "max")]),
    ("200 € – 400 €", [eur(200, "min"), eur(400, "max")]),
    ("€ 200–400", [eur(200, "min"), eur(400, "max")]),
    ("500–8000 €", [eur(500, "min"), eur(8000, "max")]),
    ("6300–10 600 euroa", [eur(6300, "min"), eur(10600, "max")]),
    ("3 000–4 000 €", [eur(3000, "min"), eur(4000, "max")]),
    ("150–250 euroa/kk", [eur(150, "min", "month"), eur(250, "max", "month")]),
    ("noin 200–400 €", [eur(200, "min"), eur(400, "max")]),
    ("200 ja 400 euron välillä", [eur(200, "min"), eur(400, "max")]),
    ("100, 200 tai 300 euroa", [eur(100), eur(200), eur(300)]),
    ("100, 200, 400 ja 500 euroa", [eur(100), eur(200), eur(400), eur(500)]),
    ("100 tai 200 euroa", [eur(100), eur(200)]),
    ("enintään 100, 200 tai 300 euroa", [eur(100, "max"), eur(200, "max"), eur(300, "max")]),
    ("max 100 / 200 / 400 / 500 €", [eur(100, "max"), eur(200, "max"), eur(400, "max"), eur(500, "max")]),
    ("100/200 €/v", [eur(100, per="year"), eur(200, per="year")]),
    ("300 € ja 400 €", [eur(300), eur(400)]),
    ("30 €/vrk ja 10 euroa päivässä", [eur(30, per="day"), eur(10, per="day")]),
    ("EUR 400 ja € 500", [eur(400), eur(500)]),
    ("50 %–300 €", [(50.0, "percent", "fixed", None, None), eur(300)]),
]
RANGES_SV = [
    ("200–400 euro", [eur(200, "min"), eur(400, "max")]),
    ("mellan 200 och 400 euro", [eur(200, "min"), eur(400, "max")]),
    ("100, 200 eller 300 euro", [eur(100), eur(200), eur(300)]),
    ("100 och 200 euro", [eur(100), eur(200)]),
]


@pytest.mark.parametrize("text,expected", RANGES)
def test_ranges_and_lists(text, expected):
    assert shape(parse_amounts(text)) == expected


@pytest.mark.parametrize("text,expected", RANGES_SV)
def test_ranges_and_lists_swedish(text, expected):
    assert shape(parse_amounts(text, "sv")) == expected


def test_a_range_shares_its_text():
    low, high = parse_amounts("Vaunuihin voidaan myöntää 150–250 euroa.")
    assert low.text == high.text == "150–250 euroa"
    assert (low.start, low.end) == (high.start, high.end)


def test_bare_numbers_around_an_amount_do_not_join_it():
    assert shape(parse_amounts("Perheen koko 3, 300 euroa")) == [eur(300)]
    assert shape(parse_amounts("2023, 400 euroa")) == [eur(400)]
    assert shape(parse_amounts("€ 200 ja 3 lasta")) == [eur(200)]
    assert shape(parse_amounts("300 € 2 kertaa vuodessa")) == [eur(300)]
    assert shape(parse_amounts("1 hlö 460 euroa 2 hlö 540 euroa")) == [eur(460), eur(540)]


# --- Swedish -----------------------------------------------------------------------------------

SWEDISH = [
    ("högst 300 euro", [eur(300, "max")]),
    ("minst 50 euro", [eur(50, "min")]),
    ("300,00 €", [eur(300)]),
    ("i medeltal 500 euro", [eur(500, "approx")]),
    ("upp till 400 euro", [eur(400, "max")]),
    ("100 euro per barn och år", [eur(100, per="year", applies_to="barn")]),
    ("100 euro per person och månad", [eur(100, per="month", applies_to="person")]),
    ("1000 euro", [eur(1000)]),
    ("1 000 euro", [eur(1000)]),
    ("522,02 euro", [eur(522.02)]),
    ("(2x443,72,) = 887,44 euro", [eur(887.44)]),
    ("(2x430,66)=861,32€", [eur(861.32)]),
    ("30 euro i månaden", [eur(30, per="month")]),
    ("30 euro per månad", [eur(30, per="month")]),
    ("30 €/mån", [eur(30, per="month")]),
    ("400 euro om året", [eur(400, per="year")]),
    ("400 euro per år", [eur(400, per="year")]),
    ("400 €/år", [eur(400, per="year")]),
    ("10 euro per dag", [eur(10, per="day")]),
    ("10 €/dag", [eur(10, per="day")]),
    ("Engångsstöd om högst 300 euro kan beviljas.", [eur(300, "max", per="once")]),
    ("För nödvändiga möbler till en första bostad kan beviljas högst 500 euro.", [eur(500, "max")]),
    ("Begravningsbidraget är högst 1 000 euro.", [eur(1000, "max")]),
    ("Kostnaderna för barnens fritidsaktiviteter ersätts med högst 150 euro per barn och år.",
     [eur(150, "max", per="year", applies_to="barn")]),
    ("Utgifterna för kistan och urnan uppgår i medeltal till 500 euro.", [eur(500, "approx")]),
    ("Belopp över 1 000 euro kräver socialarbetarens beslut.", [eur(1000, "min")]),
    ("Stöd under 20 euro betalas inte ut.", [eur(20, "max")]),
    ("Maxbeloppet är 400 euro.", [eur(400, "max")]),
    ("Socialarbetaren beslutar om stöd som överstiger 500 euro.", [eur(500, "min")]),
    ("Stöd kan beviljas upp till 300 euro åt gången.", [eur(300, "max")]),
    ("Grunddelen för ensamstående är 555,11 euro i månaden.", [eur(555.11, per="month")]),
    ("Avgiften är ca 50 €/månad.", [eur(50, "approx", "month")]),
    ("Stödet är 10–20 euro per dag.", [eur(10, "min", "day"), eur(20, "max", "day")]),
    ("Utgiften godkänns till 60 procent.", [(60.0, "percent", "fixed", None, None)]),
    ("Grunddelen sänks med 20 procent.", [(20.0, "percent", "fixed", None, None)]),
    ("50 % av grunddelen", [(50.0, "percent_of_basic_amount", "fixed", None, None)]),
    ("Till kostnader för umgänge räknas 50 % av barnets grunddel per dag.",
     [(50.0, "percent_of_basic_amount", "fixed", "day", None)]),
    ("GRUNDDEL STÖD/MÅNAD STÖD/DAG Ensamstående/ensamförsörjare 495,25 € 16,51 €",
     [eur(495.25), eur(16.51)]),
]


@pytest.mark.parametrize("text,expected", SWEDISH)
def test_swedish(text, expected):
    assert shape(parse_amounts(text, "sv")) == expected


# --- whole sentences as guidelines write them --------------------------------------------------

SENTENCES_FI = [
    ("Kodinhankintoihin voidaan myöntää yksin asuvalle enintään 400 euroa ja perheelle enintään "
     "600 euroa.", [eur(400, "max"), eur(600, "max")]),
    ("Lasten harrastusmenoihin myönnetään enintään 150 €/lapsi/vuosi.",
     [eur(150, "max", "year", "lapsi")]),
    ("Silmälaseihin voidaan myöntää kehyksiin enintään 60 euroa ja linsseihin enintään 100 euroa.",
     [eur(60, "max"), eur(100, "max")]),
    ("Hautauskuluihin myönnetään tukea keskimäärin 1 200 euroa.", [eur(1200, "approx")]),
    ("Arkku, kukat, pukeminen ja uurna maksavat keskimäärin 500€.", [eur(500, "approx")]),
    ("Vuonna 2024 harrastustuen enimmäismäärä on 400 euroa.", [eur(400, "max")]),
    ("Työmatkakuluina hyväksytään halvimman kulkuneuvon mukaan, kuitenkin enintään 100 euroa "
     "kuukaudessa.", [eur(100, "max", "month")]),
    ("Kuntouttavaan työtoimintaan osallistuvalle maksetaan ylläpitokorvausta 9 euroa päivässä.",
     [eur(9, per="day")]),
    ("Alkuavustus on yksin asuvalle 300 euroa (aiemmin 200) ja perheelle 400 euroa (aiemmin 300).",
     [eur(300), eur(400)]),
    ("Lastenvaunuihin voidaan myöntää 150–250 euroa.", [eur(150, "min"), eur(250, "max")]),
    ("Henkilökortin hinta 58 € huomioidaan menona.", [eur(58)]),
    ("Muuttokustannuksiin voidaan myöntää enintään 300 € kertaluonteisesti.",
     [eur(300, "max", "once")]),
    ("Hautauskuluihin myönnetään tukea yli 1 000 euron kustannuksiin vain erityisestä syystä.",
     [eur(1000, "min")]),
    ("Alle 50 euron menoja ei yleensä hyväksytä.", [eur(50, "max")]),
    ("Sosiaaliohjaaja päättää kodinhankinnoista enintään 500 euroon asti (delegointi 3.2.2023 § 14).",
     [eur(500, "max")]),
    ("Päätös tehdään 7 arkipäivän kuluessa, ja tukea voidaan myöntää enintään 200 euroa.",
     [eur(200, "max")]),
    ("Perusosaa voidaan alentaa enintään 20 prosentilla (10 § 1 mom.).",
     [(20.0, "percent", "max", None, None)]),
    ("Lapsen tapaamisesta aiheutuviin ruokakuluihin hyväksytään 49 % lapsen perusosasta "
     "tapaamispäivää kohden.", [(49.0, "percent_of_basic_amount", "fixed", "day", None)]),
    ("Vuokravakuutena voidaan myöntää enintään kahden kuukauden vuokraa vastaava summa.",
     [(2.0, "months_rent", "max", None, None)]),
    ("Tuki maksetaan suoraan laskuttajalle, enintään 500 € / kalenterivuosi.",
     [eur(500, "max", "year")]),
    ("Sähkön vakuusmaksuun voidaan myöntää tukea n. 200 euroa, ks. liite 3 (sivu 14).",
     [eur(200, "approx")]),
    ("Lisätietoja antaa sosiaaliohjaaja, puh. 09 816 45000, ma–pe klo 9–11; tuki on max 80 €/kk.",
     [eur(80, "max", "month")]),
    ("Kodin perustamiseen voidaan myöntää alkuavustusta 1-2 henkilön taloudelle 500 € ja 3 tai "
     "useamman henkilön taloudelle 700 €.", [eur(500), eur(700)]),
    ("Silmälasien hankintaan hyväksytään kehykset enintään 50 €:n arvosta.", [eur(50, "max")]),
    ("Harrastusmenoina voidaan huomioida enintään 200 euroa lasta kohden kalenterivuodessa (esim. "
     "kausimaksut).", [eur(200, "max", "year", "lasta")]),
    ("Ylläpitokorvaus on 9 €/päivä, ja jos matkakuluja on, korvaus on 18 €/päivä.",
     [eur(9, per="day"), eur(18, per="day")]),
    ("Hautausavustuksen enimmäismäärä on 1500 €, josta vähennetään Kelan hautausavustus.",
     [eur(1500, "max")]),
    ("Vuokrarästiin voidaan myöntää tukea, kun rästiä on enintään 3 kuukauden ajalta.", []),
    ("Elatusapu huomioidaan vahvistetun suuruisena, kuitenkin enintään 180,33 €/kk/lapsi.",
     [eur(180.33, "max", "month", "lapsi")]),
    ("Omavastuuosuus on 10 % kustannuksista, kuitenkin vähintään 20 euroa.",
     [(10.0, "percent", "fixed", None, None), eur(20, "min")]),
    ("Edunvalvonnan palkkiot (n. 200–400 €/vuosi) huomioidaan menona.",
     [eur(200, "min", "year"), eur(400, "max", "year")]),
    ("Välityspalkkio hyväksytään enintään 1,24 kuukauden vuokraa vastaavana.",
     [(1.24, "months_rent", "max", None, None)]),
    ("Asiakas voi saada tukea 4 x 50 € = 200 €.", [eur(50), eur(200)]),
    ("Vuoden 2025 alusta perusosa on 555,11 €/kk.", [eur(555.11, per="month")]),
    ("Tuki on 400\neuroa.", [eur(400)]),
]


@pytest.mark.parametrize("text,expected", SENTENCES_FI)
def test_whole_sentences(text, expected):
    assert shape(parse_amounts(text)) == expected


def test_sums_listed_for_age_bands():
    text = ("Harrastuksiin myönnetään lasta kohden vuodessa 0–3-vuotiaille 100 €, 4–5-vuotiaille "
            "200 €, 6–11-vuotiaille 400 € ja 12–17-vuotiaille 500 €.")
    assert values(parse_amounts(text)) == [(100.0, "EUR"), (200.0, "EUR"), (400.0, "EUR"), (500.0, "EUR")]


# --- never an amount ---------------------------------------------------------------------------

NEGATIVES_FI = [
    "13 §", "7 c §", "§ 93", "10 § 1 mom.", "(7 a ja 9 §)", "19-23 §", "Toimeentulotukilaki § 13",
    "13 §:n mukaan", "dnro 123/02.05/2024", "Dnro 1234/02.05.01/2023", "Dnro TRE: 1393/02.05/2011",
    "4 (12)", "Sivu 3 (14)", "1 (9)", "Asiakasohje 2 (23)", "Liite 4", "1.3.2015", "1.1.2024",
    "13.4.2015", "13.4.", "1.1.–31.12.2024", "2024-01-01", "vuonna 2024", "2023", "vuoden 2024 alusta",
    "klo 9–16", "klo 8.00–16.00", "9.00–11.00", "9:00", "puh. 09 816 45000", "029 123 4567",
    "+358 40 123 4567", "0401234567", "p. 040 123 4567", "1412/1997",
    "Laki toimeentulotuesta 1412/1997", "Sosiaalihuoltolaki 1301/2014", "Pöytäkirja 15/2018",
    "1052/05/03/00/2013", "422/0/031/2006", "2577/4/07", "5146/01.04.00/2023", "HEL 2018-007727",
    "KEUDno-2020-79", "STM 2013:4", "7 arkipäivän", "7 arkipäivän kuluessa",
    "2 kuukauden tiliotteet", "kahden kuukauden tiliotteet", "18 vuotta", "18-vuotias",
    "10–16-vuotias lapsi", "3 kuukautta", "kolme kuukautta", "vähintään 3 kuukauden siirtymäaika",
    "yhden kuukauden elinkustannuksia vastaavat säästöt", "16 vuorokautta", "0–3 v", "2 hlö",
    "3.1 Kodinhankinnat", "7.3. Muuttokustannukset", "Sosiaali- ja terveyslautakunta 13.4.2015 § 52",
    "100 /kk", "(252 )", "0–3 pankkipäivän kuluessa", "Eurooppalainen", "EU-kansalainen",
    "Euroopan unionin 2 jäsenmaata", "1 e-lasku", "30 päivän kuluessa", "enintään 3 kertaa",
    "yli 65-vuotiaat", "alle 25-vuotias", "ks. kohta 4.3", "luvussa 5", "3 kohdan mukaan",
    "Päätös 13.4.2015 § 52, voimassa 1.5.2015 alkaen, dnro 123/02.05/2024.",
]
NEGATIVES_SV = [
    "13 §", "fr.o.m. 1.1.2014", "tfn 06 123 4567", "dnr 123/2024", "sida 3", "år 2023",
    "kl. 9–16", "sju vardagar", "2 månaders kontoutdrag", "18 år", "3 månader", "minst ett halvt år",
    "Socialnämnden 13.4.2015 § 52", "bilaga 2", "3 mom.",
]


@pytest.mark.parametrize("text", NEGATIVES_FI)
def test_never_an_amount(text):
    assert parse_amounts(text) == []


@pytest.mark.parametrize("text", NEGATIVES_SV)
def test_never_an_amount_swedish(text):
    assert parse_amounts(text, "sv") == []


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        parse_amounts("400 €", "de")


# --- spans -------------------------------------------------------------------------------------

def test_spans_index_the_input():
    text = "Vakuus on enintään 2 kk:n vuokra, muuttoon 200–400 € ja harrastuksiin 100 €/lapsi/vuosi."
    matches = parse_amounts(text)
    assert [m.text for m in matches] == ["enintään 2 kk:n vuokra", "200–400 €", "200–400 €",
                                         "100 €/lapsi/vuosi"]
    assert all(text[m.start:m.end] == m.text for m in matches)


# --- tables ------------------------------------------------------------------------------------

def table_shape(rows, language="fi"):
    return [(m.value, m.unit, m.qualifier, m.per, m.applies_to, m.text, m.start, m.end)
            for m in amounts_from_table(rows, language)]


def test_table_by_household_size_with_unit_in_header():
    rows = [["Perheen koko", "Enimmäismäärä €/vuosi"], ["1 henkilö", "300"], ["2 henkilöä", "400,00"]]
    assert table_shape(rows) == [
        (300.0, "EUR", "max", "year", "1 henkilö", "1 henkilö 300", -1, -1),
        (400.0, "EUR", "max", "year", "2 henkilöä", "2 henkilöä 400,00", -1, -1),
    ]


def test_table_by_age_band_with_units_in_cells():
    rows = (("Ikä", "Enimmäismäärä"), ("0–3 v", "100 €/v"), ("4–5 v", "200 €/v"),
            ("6–11 v", "400 €/v"), ("12–17 v", "500 €/v"))
    assert [(v, q, p, a) for v, _, q, p, a, *_ in table_shape(rows)] == [
        (100.0, "max", "year", "0–3 v"), (200.0, "max", "year", "4–5 v"),
        (400.0, "max", "year", "6–11 v"), (500.0, "max", "year", "12–17 v")]


def test_table_with_per_month_header_and_merged_label():
    rows = [["Kotitalous", "euroa/kk"], ["Yksin asuva", "300"], ["", "350"], ["Pariskunta", "450"]]
    assert [(v, p, a) for v, _, _, p, a, *_ in table_shape(rows)] == [
        (300.0, "month", "Yksin asuva"), (350.0, "month", "Yksin asuva"), (450.0, "month", "Pariskunta")]


def test_table_with_two_value_columns_swedish():
    rows = [["GRUNDDEL", "STÖD/MÅNAD", "STÖD/DAG"], ["Ensamstående/ensamförsörjare", "495,25 €", "16,51 €"],
            ["Övriga personer över 18 år", "420,96", "14,03"]]
    assert [(v, p, a) for v, _, _, p, a, *_ in table_shape(rows, "sv")] == [
        (495.25, "month", "Ensamstående/ensamförsörjare"), (16.51, "day", "Ensamstående/ensamförsörjare"),
        (420.96, "month", "Övriga personer över 18 år"), (14.03, "day", "Övriga personer över 18 år")]


def test_table_with_age_bands_as_column_headers():
    rows = [["0–3 v", "4–5 v", "6–11 v", "12–17 v"], ["100 €", "200 €", "400 €", "500 €"]]
    assert [(v, a, t) for v, _, _, _, a, t, *_ in table_shape(rows)] == [
        (100.0, "0–3 v", "0–3 v 100 €"), (200.0, "4–5 v", "4–5 v 200 €"),
        (400.0, "6–11 v", "6–11 v 400 €"), (500.0, "12–17 v", "12–17 v 500 €")]


def test_table_qualifier_and_ranges_in_cells():
    rows = [["Tuote", "Hinta"], ["Sänky", "enintään 200"], ["Pöytä", "100–150"], ["Tuoli", "n. 30 €"]]
    assert [(v, q, a) for v, _, q, _, a, *_ in table_shape(rows)] == [
        (200.0, "max", "Sänky"), (100.0, "min", "Pöytä"), (150.0, "max", "Pöytä"), (30.0, "approx", "Tuoli")]


def test_table_swedish_header_qualifier():
    rows = [["Hushåll", "högst €"], ["En person", "300"], ["Familj", "400"]]
    assert [(v, q, a) for v, _, q, _, a, *_ in table_shape(rows, "sv")] == [
        (300.0, "max", "En person"), (400.0, "max", "Familj")]


def test_table_header_with_percent():
    rows = [["Menolaji", "% perusosasta"], ["Ruoka tapaamispäivältä", "49"]]
    assert [(v, u) for v, u, *_ in table_shape(rows)] == [(49.0, "percent_of_basic_amount")]


def test_table_without_header_takes_units_from_cells():
    rows = [["1 hlö", "460 euroa"], ["2 hlö", "540 euroa"], ["3 hlö", "620"]]
    assert [(v, a) for v, _, _, _, a, *_ in table_shape(rows)] == [
        (460.0, "1 hlö"), (540.0, "2 hlö"), (620.0, "3 hlö")]


def test_table_of_thresholds_is_returned_for_the_caller_to_judge():
    rows = [["Sosiaaliohjaaja", "enintään 500 €"], ["Sosiaalityöntekijä", "yli 500 €"]]
    assert [(v, q, a) for v, _, q, _, a, *_ in table_shape(rows)] == [
        (500.0, "max", "Sosiaaliohjaaja"), (500.0, "min", "Sosiaalityöntekijä")]


NO_AMOUNT_TABLES = [
    [["Rooli", "Päätösvalta"], ["Sosiaaliohjaaja", "täydentävä toimeentulotuki"],
     ["Sosiaalityöntekijä", "ehkäisevä toimeentulotuki"]],
    [["Liite", "Kuvaus"], ["Tiliotteet", "2 kk"], ["Vuokrasopimus", "kopio"]],
    [["Asiakirja", "Sivu"], ["Hakemus", "3"], ["Päätös", "4"]],
    [["Perheen koko", "Henkilöitä"], ["Pariskunta", "2"]],
    [["Opiskelija", "252 (252 )"], ["1 henkilö", "462 (436 )"]],
    [],
    [["", ""], ["", ""]],
]


@pytest.mark.parametrize("rows", NO_AMOUNT_TABLES)
def test_tables_without_amounts(rows):
    assert amounts_from_table(rows) == []


def test_table_rows_of_uneven_length():
    rows = [["Tuote", "Enimmäismäärä €"], ["Sänky", "200", "huom."], ["Pöytä"], ["", "50"]]
    assert [(v, a) for v, _, _, _, a, *_ in table_shape(rows)] == [(200.0, "Sänky"), (50.0, "Pöytä")]


# --- properties --------------------------------------------------------------------------------

SEPARATORS = [" ", "\u00a0", "\u202f", ".", ""]
CURRENCIES = ["€", " €", " euroa", " euron", " EUR", " €/kk", " euroa vuodessa"]


def formatted(cents: int, separator: str, decimals: int) -> str:
    whole, fraction = divmod(cents, 100)
    digits = f"{whole:d}"
    groups = [digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)][::-1]
    text = separator.join(groups)
    if decimals == 2:
        text += f",{fraction:02d}"
    elif decimals == 1:
        text += f",{fraction // 10:d}"
    return text


@settings(max_examples=300)
@given(cents=st.integers(0, 9_999_999_999), separator=st.sampled_from(SEPARATORS),
       decimals=st.sampled_from([0, 1, 2]), currency=st.sampled_from(CURRENCIES),
       qualifier=st.sampled_from(["", "enintään ", "noin ", "yli ", "vähintään "]))
def test_any_formatted_euro_number_round_trips(cents, separator, decimals, currency, qualifier):
    number = formatted(cents, separator, decimals)
    expected = cents / 100 if decimals == 2 else (cents // 10) / 10 if decimals == 1 else cents // 100
    matches = parse_amounts(f"Tukea voidaan myöntää {qualifier}{number}{currency} harkinnan mukaan.")
    assert len(matches) == 1
    assert matches[0].unit == "EUR"
    assert matches[0].value == pytest.approx(expected)


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",))))
def test_text_without_digits_has_no_amount(text):
    assert parse_amounts(text) == []
    assert parse_amounts(text, "sv") == []


@settings(max_examples=300)
@given(st.text())
def test_parse_never_raises_and_spans_index_the_input(text):
    for language in ("fi", "sv"):
        matches = parse_amounts(text, language)
        assert all(text[m.start:m.end] == m.text and m.start < m.end for m in matches)
        assert [m.start for m in matches] == sorted(m.start for m in matches)


@settings(max_examples=200)
@given(st.lists(st.lists(st.text(max_size=12), max_size=4), max_size=5))
def test_table_parse_never_raises(rows):
    for match in amounts_from_table(rows):
        assert (match.start, match.end) == (-1, -1)


AMOUNT_SENTENCES = [
    "Kodinhankintoihin voidaan myöntää enintään 400 euroa ja perheelle 1 000 euroa.",
    "Harrastuksiin myönnetään 100 €/lapsi/vuosi tai 200–400 € erityisestä syystä.",
    "Vuokravakuus on enintään kahden kuukauden vuokra ja muuttoon noin 300 €.",
    "Ruokakuluihin hyväksytään 49 % lapsen perusosasta ja matkoihin 100, 200 tai 300 euroa.",
    "Tuki on yli 1 000 euron hankinnoissa 60 % laskusta, kuitenkin enintään 2 000 €/kk.",
]
DISTRACTORS = [
    "13 §", "7 c §", "§ 93", "10 § 1 mom.", "dnro 123/02.05/2024", "Dnro 1234/02.05.01/2023",
    "4 (12)", "Sivu 3 (14)", "1.3.2015", "1.1.2024", "vuonna 2024", "klo 9–16", "puh. 09 816 45000",
    "029 123 4567", "+358 40 123 4567", "1412/1997", "7 arkipäivän", "2 kuukauden tiliotteet",
    "18 vuotta", "3 kuukautta", "(7 a ja 9 §)", "STM 2013:4",
]


@settings(max_examples=400)
@given(sentence=st.sampled_from(AMOUNT_SENTENCES), distractor=st.sampled_from(DISTRACTORS),
       data=st.data())
def test_a_distractor_never_adds_an_amount(sentence, distractor, data):
    words = sentence.split(" ")
    at = data.draw(st.integers(0, len(words)))
    changed = " ".join(words[:at] + [distractor] + words[at:])
    before = Counter(m.value for m in parse_amounts(sentence))
    after = Counter(m.value for m in parse_amounts(changed))
    assert after <= before, changed


@given(st.sampled_from(DISTRACTORS), st.sampled_from(DISTRACTORS))
def test_distractors_together_are_no_amount(first, second):
    assert parse_amounts(f"{first} {second}") == []
    assert parse_amounts(f"{first}, {second} ja {first}") == []


@settings(max_examples=200)
@given(cents=st.lists(st.integers(1, 999_999_99), min_size=1, max_size=6),
       header=st.sampled_from(["Enimmäismäärä €/kk", "euroa", "€", "Summa", "högst €", "Belopp"]))
def test_bare_table_cells_take_the_header_unit(cents, header):
    rows = [["Ryhmä", header]] + [[f"Ryhmä {i}", formatted(c, " ", 2)] for i, c in enumerate(cents)]
    found = amounts_from_table(rows)
    assert [m.value for m in found] == pytest.approx([c / 100 for c in cents])
    assert all(m.unit == "EUR" and m.applies_to.startswith("Ryhmä") for m in found)


@pytest.mark.parametrize("text, value, qualifier", [
    ("Tuki on tavallisesti enintään kuukauden vuokran suuruinen.", 1.0, "max"),
    ("Vakuutena hyväksytään korkeintaan kuukauden vuokra.", 1.0, "max"),
    ("Stödet är högst en månads hyra.", 1.0, "max"),
])
def test_months_rent_with_the_number_left_out(text, value, qualifier):
    [match] = parse_amounts(text, "sv" if "hyra" in text else "fi")
    assert (match.value, match.unit, match.qualifier) == (value, "months_rent", qualifier)


def test_a_month_of_rent_named_without_a_qualifier_is_not_an_amount():
    assert parse_amounts("Kuukauden vuokra maksetaan suoraan vuokranantajalle.") == []


@pytest.mark.parametrize("sentence, others", [
    ("Kelan äitiysavustus, joko äitiyspakkaus tai 170 euron suuruinen rahasumma, kattaa osan tarvikkeista.", True),
    ("Kuntouttavaan työtoimintaan osallistuva saa Kelalta ylläpitokorvausta 9 euroa päivältä.", True),
    ("FPA betalar ett moderskapsunderstöd på 170 euro.", True),
    ("Jos Kela ei ole hyväksynyt muuttoa, muuttokuluihin voidaan hyväksyä korkeintaan 250 euroa.", False),
    ("Kelan päätöksen jälkeen tukea voidaan myöntää enintään 300 euroa.", False),
    ("Tuki on enintään 300 euroa.", False),
    ("Kelaamaton lasku 40 euroa.", False),
    ("FPA godkänner som hyresgaranti i regel högst två månaders hyra.", True),
    ("Tuki kohdistuu Kelan hyväksymän summan ja hinnan erotukseen, kuitenkin enintään 150 euroa.", False),
])
def test_amounts_of_another_payer(sentence, others):
    assert paid_by_others(sentence, "sv" if "FPA" in sentence else "fi") is others


@pytest.mark.parametrize("text, language, qualifier", [
    ("Vaatemenoihin voidaan myöntää enintään puolet perusosasta.", "fi", "max"),
    ("Ruokakuluina huomioidaan puolet lapsen perusosasta vuorokaudessa.", "fi", "fixed"),
    ("Stödet är högst hälften av grunddelen.", "sv", "max"),
])
def test_half_of_the_basic_amount_in_words(text, language, qualifier):
    [match] = parse_amounts(text, language)
    assert (match.value, match.unit, match.qualifier) == (50.0, "percent_of_basic_amount", qualifier)


def test_a_share_of_people_is_not_a_share_of_the_basic_amount():
    assert parse_amounts("Puolet hakijoista saa tukea.") == []


@pytest.mark.parametrize("sentence, others", [
    ("Tukea voidaan myöntää hankintoihin, joita Kelan äitiysavustus (äitiyspakkaus tai 170 euron rahasumma) ei kata.", True),
    ("Tukea voidaan myöntää lastentarvikkeisiin (enintään 250 €), jos Kela ei ole korvannut niitä.", False),
    ("Kela on hylännyt hakemuksen. Tukea voidaan myöntää (enintään 300 €).", False),
])
def test_an_amount_in_brackets_that_explains_another_payers_benefit(sentence, others):
    position = sentence.index(next(w for w in sentence.split() if any(c.isdigit() for c in w)))
    assert explains_other_payer(sentence, position) is others
