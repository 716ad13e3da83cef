"""The grammar of authority on sentences in the forms unseen guidelines use: labelled fields, verbs of
approval and responsibility, roles with modifiers and compounds, Swedish equivalents; and what it
still rejects (contacts, preparers, boards approving the guideline, Kela's staff, appeals), with the
near misses that are listed instead (roles.near_miss)."""

from __future__ import annotations

import pytest

from guidecmp.extract.roles import decisions_from_table, find_decisions, near_miss
from guidecmp.extract.vocab import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules().roles


def decided(sentence, rules, language="fi"):
    return [(d.role, d.condition) for d in find_decisions(sentence, rules, language)]


@pytest.mark.parametrize(("sentence", "expected"), [
    # labelled fields
    ("Päättäjä: sosiaaliohjaaja", [("sosiaaliohjaaja", None)]),
    ("Päätöksen tekijä: johtava sosiaalityöntekijä", [("johtava_sosiaalityontekija", None)]),
    ("Kuka päättää: sosiaaliohjaaja tai sosiaalityöntekijä", [("sosiaaliohjaaja", None), ("sosiaalityontekija", None)]),
    ("Myöntäjä: sosiaaliohjaaja", [("sosiaaliohjaaja", None)]),
    ("Hyväksyjä: johtava sosiaalityöntekijä", [("johtava_sosiaalityontekija", None)]),
    ("Ratkaisija: palvelusihteeri", [("palvelusihteeri", None)]),
    # approval and responsibility
    ("Sosiaalityöntekijä hyväksyy hakemuksen.", [("sosiaalityontekija", None)]),
    ("Yli 1000 euron tuet hyväksyy lähiesihenkilö.", [("esihenkilo", "Yli 1000 euron")]),
    ("Yli 500 euron tuet vaativat esihenkilön hyväksynnän.", [("esihenkilo", "Yli 500 euron")]),
    ("Esihenkilön hyväksyntä tarvitaan yli 500 euron tukiin.", [("esihenkilo", "yli 500 euron")]),
    ("Sosiaalialan esihenkilö hyväksyy maksusitoumuksen.", [("esihenkilo", None)]),
    ("Tuen myöntämisestä vastaa sosiaaliohjaaja.", [("sosiaaliohjaaja", None)]),
    ("Sosiaalityöntekijä on vastuussa päätöksestä.", [("sosiaalityontekija", None)]),
    ("Päätösvastuu on sosiaaliohjaajalla.", [("sosiaaliohjaaja", None)]),
    # modifiers and compounds: matched by the head noun
    ("Aikuissosiaalityön tiimin sosiaaliohjaaja päättää tuesta.", [("sosiaaliohjaaja", None)]),
    ("Aikuissosiaalityön esihenkilö päättää yli 800 euron tuesta.", [("esihenkilo", "yli 800 euron")]),
    ("Palveluesihenkilö päättää poikkeuksista.", [("esihenkilo", "poikkeuksista")]),
    ("Tuesta päättää sosiaalityön yksikön esihenkilö.", [("esihenkilo", None)]),
    ("Päätökset tekee aikuisten sosiaalipalveluiden sosiaaliohjaaja.", [("sosiaaliohjaaja", None)]),
    ("Tiimin esihenkilö tekee päätöksen, jos summa ylittää 1 000 euroa.", [("esihenkilo", "ylittää 1 000 euroa")]),
    ("Tukipäätöksen tekee sosiaaliohjaaja.", [("sosiaaliohjaaja", None)]),
    ("Sosiaaliohjaajalla on oikeus myöntää tukea enintään 300 euroa.", [("sosiaaliohjaaja", "enintään 300 euroa")]),
])
def test_finnish_authority(rules, sentence, expected):
    assert decided(sentence, rules) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Beslutsfattare: socialhandledare", [("sosiaaliohjaaja", None)]),
    ("Beslutanderätt: socialarbetare", [("sosiaalityontekija", None)]),
    ("Socialarbetaren godkänner ansökan.", [("sosiaalityontekija", None)]),
    ("Stöd över 500 euro godkänns av ledande socialarbetare.", [("johtava_sosiaalityontekija", "över 500 euro")]),
    ("Socialhandledaren ansvarar för beslut om stöd upp till 300 euro.", [("sosiaaliohjaaja", "upp till 300 euro")]),
    ("Beslut fattas av teamets socialarbetare.", [("sosiaalityontekija", None)]),
    ("Enhetens förman beslutar om stöd som överstiger 1 000 euro.", [("esihenkilo", "överstiger 1 000 euro")]),
])
def test_swedish_authority(rules, sentence, expected):
    assert decided(sentence, rules, "sv") == expected


@pytest.mark.parametrize(("sentence", "language"), [
    ("Lisätietoja antaa sosiaaliohjaaja, puh. 040 123 4567.", "fi"),
    ("Yhteyshenkilö: sosiaaliohjaaja", "fi"),
    ("Vastuuhenkilö: sosiaaliohjaaja Maija Meikäläinen, puh. 040 1234567", "fi"),
    ("Perusturvalautakunta hyväksyi ohjeen 12.12.2023.", "fi"),
    ("Sosiaali- ja terveyslautakunta on hyväksynyt nämä soveltamisohjeet kokouksessaan.", "fi"),
    ("Ohjetta tarkistetaan vuosittain, ja muutokset hyväksyy johtokunta.", "fi"),
    ("Päivitetty ohje tuodaan lautakunnan hyväksyttäväksi tarvittaessa.", "fi"),
    ("Kelan etuuskäsittelijä tekee päätöksen perustoimeentulotuesta.", "fi"),
    ("Perustoimeentulotuesta päättää Kelan etuuskäsittelijä.", "fi"),
    ("Päätökseen tyytymätön voi hakea oikaisua yksilöasioiden jaostolta.", "fi"),
    ("Sosiaaliohjaaja valmistelee päätöksen ja esittelee sen sosiaalityöntekijälle.", "fi"),
    ("Nämä ohjeet eivät rajoita sosiaalityöntekijän oikeutta käyttää harkintaa päättäessään tuesta.", "fi"),
    ("Kontaktperson: socialhandledare", "sv"),
    ("Anvisningarna ersätter de tidigare anvisningarna som socialnämnden godkände 11.12.2012.", "sv"),
    ("FPA:s förmånshandläggare fattar beslut om grundläggande utkomststöd.", "sv"),
])
def test_not_authority(rules, sentence, language):
    assert decided(sentence, rules, language) == []


@pytest.mark.parametrize(("sentence", "reason"), [
    # The guideline protects the social worker's discretion but allocates no authority: not a rule,
    # but a sentence an expert should read before trusting a silence.
    ("Nämä ohjeet eivät rajoita sosiaalityöntekijän oikeutta käyttää harkintaa päättäessään tuesta.",
     "role_not_acting"),
    ("Sosiaaliohjaaja valmistelee päätöksen.", "contact_or_preparer"),
    ("Sosiaaliohjaaja ei voi päättää yli 500 euron tuesta.", "negated"),
    ("Päätös: sosiaalityöntekijän harkinta.", "no_decision_verb"),
    # confidently something else, or a rule: no candidate
    ("Sosiaaliohjaaja päättää tuesta.", None),
    ("Päätökseen voi hakea oikaisua lautakunnalta.", None),
    ("Lautakunta hyväksyi ohjeen.", None),
    ("Kelan etuuskäsittelijä päättää perustoimeentulotuesta.", None),
    ("Lisätietoja antaa sosiaaliohjaaja.", None),
])
def test_near_misses(rules, sentence, reason):
    assert near_miss(sentence, rules) == reason


def test_staff_list_by_role_is_no_delegation_table(rules):
    rows = [("Tehtävä", "Nimi", "Numero", "Asiakkaat"),
            ("Sosiaaliohjaaja", "Anna Virtanen", "040 123 4567", "A–K"),
            ("Sosiaaliohjaaja", "Ville Mäki", "040 765 4321", "L–Ö"),
            ("Sosiaalityöntekijä", "Eeva Laine", "050 111 2222", "kaikki")]
    assert decisions_from_table(rows, rules) == []


def test_labelled_field_in_a_key_value_table(rules):
    rows = [("Tuki", "Vuokravakuus"), ("Enimmäismäärä", "yhden kuukauden vuokra"),
            ("Päättäjä", "Sosiaaliohjaaja"), ("Yhteyshenkilö", "Sosiaalityöntekijä")]
    assert [(d.role, d.condition) for d in decisions_from_table(rows, rules)] == [("sosiaaliohjaaja", None)]
