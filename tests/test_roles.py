"""Decision-maker detection: role vocabulary, decision sentences, sentence splitting, delegation tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidecmp.model import DecisionMatch
from guidecmp.extract.roles import (RoleRules, compile_pattern, decisions_from_list, decisions_from_table,
                            find_decisions, load_role_rules, split_sentences)

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
RULES = load_role_rules(RULES_DIR)
FIXED_IDS = ("sosiaalityontekija", "sosiaaliohjaaja", "etuuskasittelija", "johtava_sosiaalityontekija",
             "palvelusihteeri", "omatyontekija", "sosiaalihuollon_ammattihenkilo", "esihenkilo", "lautakunta")


@pytest.fixture(scope="module")
def rules() -> RoleRules:
    return load_role_rules(RULES_DIR)


def decided(sentence: str, rules: RoleRules, language: str = "fi") -> list[tuple[str, str | None]]:
    return [(d.role, d.condition) for d in find_decisions(sentence, rules, language)]


# --- the vocabulary ----------------------------------------------------------------------------


def test_load_gives_the_fixed_role_ids(rules):
    assert set(FIXED_IDS) <= set(rules.ids)
    assert RoleRules.load(RULES_DIR / "roles.toml").ids == rules.ids


def test_names_in_both_languages(rules):
    assert rules.name("sosiaalityontekija", "fi") == "sosiaalityöntekijä"
    assert rules.name("sosiaalityontekija", "sv") == "socialarbetare"
    assert rules.name("lautakunta", "sv") == "nämnd"
    assert rules.name("sosiaaliohjaaja", "en") == "sosiaaliohjaaja"  # unknown language: Finnish
    with pytest.raises(KeyError):
        rules.name("kela")


def test_every_role_has_names_and_forms_in_both_languages(rules):
    for role in rules.roles:
        assert role.names.get("fi") and role.names.get("sv"), role.id
        assert role.forms["fi"] and role.forms["sv"], role.id


def test_a_user_added_role_is_found(tmp_path, rules):
    text = (RULES_DIR / "roles.toml").read_text(encoding="utf-8")
    text = text.replace("[roles.lautakunta]",
                        '[roles.sosiaalipaivystys]\nname_fi = "sosiaalipäivystys"\nname_sv = "socialjour"\n'
                        'fi = ["*sosiaalipäivysty"]\nsv = ["*socialjour"]\n\n[roles.lautakunta]')
    (tmp_path / "roles.toml").write_text(text, encoding="utf-8")
    extended = load_role_rules(tmp_path)
    assert "sosiaalipaivystys" in extended.ids
    assert decided("Kiireellisissä tapauksissa päätöksen tekee sosiaalipäivystys.", extended) == [
        ("sosiaalipaivystys", "Kiireellisissä tapauksissa")]


@pytest.mark.parametrize(("pattern", "matches", "misses"), [
    ("sosiaalityöntekij", ["sosiaalityöntekijöiden", "Sosiaalityöntekijälle"], ["aikuissosiaalityöntekijä"]),
    ("*lautakun", ["perusturvalautakunnan", "lautakunta"], ["kunta"]),
    ("ohjaa=", ["ohjaa"], ["ohjaaja", "ohjaavat"]),
    ("päätö ... teke", ["päätöksen tekee", "päätöksen asiassa tekee", "päätöksen, jonka tekee"],
     ["päätöksen ja muut asiat, joista yleensä aina tekee"]),
    ("kiireelli tapauks?", ["kiireellisissä tapauksissa", "kiireellisesti"], ["kiire"]),
])
def test_pattern_syntax(pattern, matches, misses):
    regex = compile_pattern(pattern)
    for text in matches:
        assert regex.search(text), text
    for text in misses:
        assert not regex.search(text), text


# --- roles and their inflected forms --------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "role"), [
    ("Päätöksen tekee sosiaalityöntekijä.", "sosiaalityontekija"),
    ("Päätökset tekevät sosiaalityöntekijät.", "sosiaalityontekija"),
    ("Päätösvalta on delegoitu sosiaalityöntekijöille.", "sosiaalityontekija"),
    ("Sosiaalityöntekijällä on päätösvalta.", "sosiaalityontekija"),
    ("Päätökset tehdään sosiaalityöntekijän toimesta.", "sosiaalityontekija"),
    ("Päätökset tehdään sosiaalityöntekijöiden toimesta.", "sosiaalityontekija"),
    ("Aikuissosiaalityöntekijä päättää tuesta.", "sosiaalityontekija"),
    ("Päätöksen tekee vastaava sosiaalityöntekijä.", "johtava_sosiaalityontekija"),
    ("Päätöksen tekee asiakkaan asioista vastaava sosiaalityöntekijä.", "sosiaalityontekija"),
    ("Tuesta päättää johtavalle sosiaalityöntekijälle delegoidun päätösvallan mukaisesti johtava sosiaalityöntekijä.",
     "johtava_sosiaalityontekija"),
    ("Sosiaaliohjaajat päättävät tuesta.", "sosiaaliohjaaja"),
    ("Sosionomi voi myöntää tukea.", "sosiaaliohjaaja"),
    ("Normin mukaisista menoista päättää etuuskäsittelijä.", "etuuskasittelija"),
    ("Palvelusihteerit tekevät päätökset keskitetysti.", "palvelusihteeri"),
    ("Yksilöllisistä menoista päättää asiakkaan omatyöntekijä.", "omatyontekija"),
    ("Päätöksen tekee asiakkaan asioista vastaava työntekijä.", "omatyontekija"),
    ("Päätöksen tekee aina sosiaalihuollon ammattihenkilö.", "sosiaalihuollon_ammattihenkilo"),
    ("Ehkäisevästä tuesta päättää sosiaalialan ammattihenkilö.", "sosiaalihuollon_ammattihenkilo"),
    ("Poikkeuksista päättää lähiesihenkilö.", "esihenkilo"),
    ("Poikkeuksista päättää aikuissosiaalityön esimies.", "esihenkilo"),
    ("Poikkeuksista päättää yksikön päällikkö.", "esihenkilo"),
    ("Yli 5 000 euron tuista päättää perusturvalautakunnan yksilöjaosto.", "lautakunta"),
    ("Yli 5 000 euron tuista päättää sosiaali- ja terveyslautakunta.", "lautakunta"),
])
def test_finnish_role_forms(rules, sentence, role):
    assert [r for r, _ in decided(sentence, rules)] == [role]


def test_johtava_wins_over_sosiaalityontekija(rules):
    assert decided("Johtava sosiaalityöntekijä päättää yli 2 000 euron tuesta.", rules) == [
        ("johtava_sosiaalityontekija", "yli 2 000 euron")]
    assert decided("Päätöksen tekee johtavan sosiaalityöntekijän toimesta.", rules)[0][0] == "johtava_sosiaalityontekija"


@pytest.mark.parametrize(("sentence", "role"), [
    ("Beslut fattas av socialarbetaren.", "sosiaalityontekija"),
    ("Socialhandledaren beslutar om stödet.", "sosiaaliohjaaja"),
    ("Förmånshandläggaren beslutar om normenliga utgifter.", "etuuskasittelija"),
    ("Den ledande socialarbetaren beslutar om undantag.", "johtava_sosiaalityontekija"),
    ("Servicesekreterarna fattar besluten.", "palvelusihteeri"),
    ("Beslutet fattas av den egna arbetaren.", "omatyontekija"),
    ("Beslutet fattas av den ansvariga arbetaren.", "omatyontekija"),
    ("Beslutet fattas alltid av en yrkesutbildad person inom socialvården.", "sosiaalihuollon_ammattihenkilo"),
    ("Förmannen beslutar om undantag.", "esihenkilo"),
    ("Enhetschefen beslutar om undantag.", "esihenkilo"),
    ("Social- och hälsovårdsnämnden beslutar om stöd över 5 000 euro.", "lautakunta"),
    ("Individsektionen beslutar om stöd över 5 000 euro.", "lautakunta"),
])
def test_swedish_role_forms(rules, sentence, role):
    assert [r for r, _ in decided(sentence, rules, "sv")] == [role]


# --- decision sentences -------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "expected"), [
    # the brief's examples
    ("Sosiaaliohjaaja voi myöntää enintään 500 euroa; sitä suuremmista summista päättää sosiaalityöntekijä.",
     [("sosiaaliohjaaja", "enintään 500 euroa"), ("sosiaalityontekija", "sitä suuremmista summista")]),
    ("Päätöksen tekee sosiaalityöntekijä tai sosiaaliohjaaja.",
     [("sosiaalityontekija", None), ("sosiaaliohjaaja", None)]),
    ("Sosiaaliohjaajalla on ratkaisuvalta enintään 1 000 euron hakemuksissa.",
     [("sosiaaliohjaaja", "enintään 1 000 euron")]),
    ("Ratkaisun tekee aina sosiaalityöntekijä.", [("sosiaalityontekija", None)]),
    ("Päätökset tehdään sosiaaliohjaajan toimesta.", [("sosiaaliohjaaja", None)]),
    # word order, voice and case
    ("Ehkäisevästä toimeentulotuesta päättää aina sosiaalityöntekijä.", [("sosiaalityontekija", None)]),
    ("Sosiaaliohjaaja päättää kodinhankinnoista enintään 500 euroon asti.",
     [("sosiaaliohjaaja", "enintään 500 euroon")]),
    ("Sosiaalityöntekijä tekee kielteisen päätöksen aina kirjallisesti.", [("sosiaalityontekija", None)]),
    ("Tuki myönnetään aina sosiaalityöntekijän harkinnan perusteella.", [("sosiaalityontekija", None)]),
    ("Tuki myönnetään sosiaalityöntekijän päätöksellä.", [("sosiaalityontekija", None)]),
    ("Sosiaalityöntekijän on tehtävä päätös seitsemän arkipäivän kuluessa.", [("sosiaalityontekija", None)]),
    ("Päätösvalta on delegoitu sosiaaliohjaajalle.", [("sosiaaliohjaaja", None)]),
    ("Sosiaaliohjaajille on delegoitu päätösvalta enintään 300 euron tukiin.",
     [("sosiaaliohjaaja", "enintään 300 euron")]),
    ("Sosiaalityöntekijällä on toimivalta myöntää ehkäisevää toimeentulotukea.", [("sosiaalityontekija", None)]),
    ("Ehkäisevää toimeentulotukea koskevat päätökset tekee asiakkaan oma työntekijä.",
     [("omatyontekija", None)]),
    ("Palvelusihteerit tekevät päätökset, jos tuki on enintään 300 euroa.",
     [("palvelusihteeri", "enintään 300 euroa")]),
    ("Sosiaalityöntekijäkin voi myöntää tukea.", [("sosiaalityontekija", None)]),
    # thresholds go to the nearest decider; roles listed together share one
    ("Sosiaaliohjaaja päättää enintään 500 euron tuista ja sosiaalityöntekijä sitä suuremmista.",
     [("sosiaaliohjaaja", "enintään 500 euron"), ("sosiaalityontekija", "sitä suuremmista")]),
    ("Enintään 500 euron tuista päättää sosiaaliohjaaja, yli 500 euron tuista sosiaalityöntekijä.",
     [("sosiaaliohjaaja", "Enintään 500 euron"), ("sosiaalityontekija", "yli 500 euron")]),
    ("Yli 1 000 euron tuista päättää sosiaalityöntekijä tai johtava sosiaalityöntekijä.",
     [("sosiaalityontekija", "Yli 1 000 euron"), ("johtava_sosiaalityontekija", "Yli 1 000 euron")]),
    ("Sosiaaliohjaaja päättää 500 euroa ylittävistä tuista.", [("sosiaaliohjaaja", "500 euroa ylittävistä")]),
    ("Päätöksen tekee sosiaalityöntekijä, jos tuki ylittää 800 euroa.",
     [("sosiaalityontekija", "ylittää 800 euroa")]),
    # conditions without a sum
    ("Kiireellisissä tapauksissa päätöksen voi tehdä myös sosiaaliohjaaja.",
     [("sosiaaliohjaaja", "Kiireellisissä tapauksissa")]),
    ("Lähiesihenkilö päättää poikkeustapauksissa.", [("esihenkilo", "poikkeustapauksissa")]),
    ("Muissa tapauksissa päätöksen tekee sosiaalityöntekijä.", [("sosiaalityontekija", "Muissa tapauksissa")]),
    # a role that prepares, advises or is consulted is left out; the decider stays
    ("Sosiaaliohjaaja valmistelee päätöksen, jonka tekee sosiaalityöntekijä.", [("sosiaalityontekija", None)]),
    ("Sosiaaliohjaaja valmistelee ja sosiaalityöntekijä päättää.", [("sosiaalityontekija", None)]),
    ("Sosiaaliohjaaja voi myöntää tuen konsultoituaan sosiaalityöntekijää.", [("sosiaaliohjaaja", None)]),
    ("Hakemukset käsittelee palvelusihteeri, päätöksen tekee sosiaaliohjaaja.", [("sosiaaliohjaaja", None)]),
    ("Etuuskäsittelijä laskee tuen ja sosiaalityöntekijä päättää sen myöntämisestä.",
     [("sosiaalityontekija", None)]),
    ("Lisätietoja antaa sosiaaliohjaaja, päätöksen tekee sosiaalityöntekijä.", [("sosiaalityontekija", None)]),
    ("Sosiaalityöntekijä päättää tuesta sosiaaliohjaajan esityksestä.", [("sosiaalityontekija", None)]),
    # one subject, two verbs
    ("Sosiaalityöntekijä neuvoo asiakasta ja päättää tuesta.", [("sosiaalityontekija", None)]),
    ("Sosiaalityöntekijä käsittelee hakemuksen ja tekee päätöksen.", [("sosiaalityontekija", None)]),
    # the one who delegates does not decide
    ("Lautakunta on delegoinut päätösvallan sosiaaliohjaajille ja sosiaalityöntekijöille.",
     [("sosiaaliohjaaja", None), ("sosiaalityontekija", None)]),
    ("Sosiaalityöntekijä voi siirtää asian johtavalle sosiaalityöntekijälle päätettäväksi.",
     [("johtava_sosiaalityontekija", None)]),
    ("Päätöksenteko kuuluu sosiaalityöntekijälle.", [("sosiaalityontekija", None)]),
    ("Sosiaalityöntekijän tehtävänä on arvioida tuen tarve ja tehdä päätös.", [("sosiaalityontekija", None)]),
    ("Täydentävää toimeentulotukea voidaan myöntää sosiaalityöntekijän tai sosiaaliohjaajan harkinnan mukaan.",
     [("sosiaalityontekija", None), ("sosiaaliohjaaja", None)]),
    ("Kela ohjaa hakemuksen hyvinvointialueelle, jossa sosiaalityöntekijä tekee päätöksen.",
     [("sosiaalityontekija", None)]),
    ("Sosiaaliohjaajat tekevät päätöksiä 1 500 euroon saakka.", [("sosiaaliohjaaja", "1 500 euroon saakka")]),
    ("Sosiaaliohjaaja voi myöntää enintään 800 euroa, johtava sosiaalityöntekijä tätä suuremmat summat.",
     [("sosiaaliohjaaja", "enintään 800 euroa"), ("johtava_sosiaalityontekija", "tätä suuremmat summat")]),
    ("Palvelusihteeri voi tehdä myönteisen päätöksen, kun hakemus on selvä, muutoin päätöksen tekee sosiaaliohjaaja.",
     [("palvelusihteeri", None), ("sosiaaliohjaaja", None)]),
    # the same sentence gives no appeal body, but keeps the benefit decider
    ("Päätöksen tekee sosiaalityöntekijä; oikaisuvaatimuksen ratkaisee yksilöasioiden jaosto.",
     [("sosiaalityontekija", None)]),
])
def test_finnish_decision_sentences(rules, sentence, expected):
    assert decided(sentence, rules) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Socialhandledaren kan bevilja högst 500 euro; större belopp beslutas av socialarbetaren.",
     [("sosiaaliohjaaja", "högst 500 euro"), ("sosiaalityontekija", "större belopp")]),
    ("Beslut om förebyggande utkomststöd fattas alltid av en socialarbetare.", [("sosiaalityontekija", None)]),
    ("Ledande socialarbetaren har beslutanderätt i ärenden som överstiger 2 000 euro.",
     [("johtava_sosiaalityontekija", "överstiger 2 000 euro")]),
    ("Beslutanderätten har delegerats till socialhandledaren.", [("sosiaaliohjaaja", None)]),
    ("Nämnden har delegerat beslutanderätten till socialarbetarna.", [("sosiaalityontekija", None)]),
    ("Socialarbetaren eller socialhandledaren fattar beslut om kompletterande utkomststöd.",
     [("sosiaalityontekija", None), ("sosiaaliohjaaja", None)]),
    ("I brådskande fall kan socialhandledaren fatta beslut.", [("sosiaaliohjaaja", "I brådskande fall")]),
    ("Ovan nämnda kostnader beviljas av socialarbetaren.", [("sosiaalityontekija", None)]),
    ("Socialhandledaren bereder ärendet och socialarbetaren fattar beslut.", [("sosiaalityontekija", None)]),
    ("Socialarbetaren beslutar om stödet efter att ha hört socialhandledaren.", [("sosiaalityontekija", None)]),
    ("Socialarbetaren kontaktar klienten och fattar beslut.", [("sosiaalityontekija", None)]),
    # verb-second order and a long phrase between "beslut" and "fattas"
    ("Vid begravningar fattar socialarbetaren beslut oberoende av beloppet.", [("sosiaalityontekija", None)]),
    ("Beslut om kompletterande utkomststöd som överstiger 500 euro fattas av socialarbetaren.",
     [("sosiaalityontekija", "överstiger 500 euro")]),
])
def test_swedish_decision_sentences(rules, sentence, expected):
    assert decided(sentence, rules, "sv") == expected


@pytest.mark.parametrize("sentence", [
    # contacts and advisers
    "Lisätietoja antaa sosiaaliohjaaja.",
    "Lisätietoja päätöksistä antaa sosiaalityöntekijä.",
    "Ota yhteyttä omaan sosiaalityöntekijääsi.",
    "Jos haluat tietää, kuka päättää asiastasi, ota yhteyttä sosiaaliohjaajaan.",
    "Sosiaaliohjaaja neuvoo ja avustaa hakemuksen tekemisessä.",
    "Sosiaaliohjaaja valmistelee päätökset.",
    "Johtava sosiaalityöntekijä esittelee asian lautakunnalle.",
    "Asiakkaalla on oikeus päästä keskustelemaan sosiaalityöntekijän tai sosiaaliohjaajan kanssa "
    "viimeistään seitsemäntenä arkipäivänä.",
    # appeals and the board's decisions on the guideline itself
    "Oikaisuvaatimuksen käsittelee ja ratkaisee yksilöasioiden jaosto.",
    "Oikaisuvaatimuksen ratkaisee perusturvalautakunta.",
    "Jos asiakas on tyytymätön päätökseen, hän voi tehdä oikaisuvaatimuksen, jonka ratkaisee lautakunta.",
    "Sosiaaliohjaajan päätöksestä voi hakea oikaisua.",
    "Sosiaali- ja terveyslautakunta on päättänyt kokouksessaan 13.4.2015 § 52 hyväksyä soveltamisohjeet.",
    # the procedure around a decision, not who makes it
    "Sosiaalityöntekijä arvioi asiakkaan tilanteen kokonaisuutena ennen päätöksen tekemistä.",
    "Päätöksenteossa sosiaalityöntekijä noudattaa tätä ohjetta.",
    "Yli 2 000 euron menoista on neuvoteltava johtavan sosiaalityöntekijän kanssa ennen päätöksen tekemistä.",
    "Asiakas voi hakea muutosta sosiaalityöntekijän tekemään päätökseen.",
    # a role without a decision verb
    "Sosiaaliohjaajan tehtävänä on valmistella päätökset.",
    "Ehkäisevän toimeentulotuen myöntäminen edellyttää aina sosiaalityöntekijän arviota.",
    "Sosiaalityöntekijä arvioi tuen tarpeen.",
    "Sosiaalityöntekijä voi ohjata asiakkaan velkaneuvontaan.",
    "Hakemukset käsittelee palvelusihteeri.",
    # no authority: negated
    "Sosiaaliohjaajalla ei ole päätösvaltaa yli 500 euron tukiin.",
    "Sosiaaliohjaaja ei voi myöntää ehkäisevää toimeentulotukea.",
    # the board hands its power to officials without a title: nobody named decides
    "Perusturvalautakunta on siirtänyt toimeentulotukea koskevan ratkaisuvallan viranhaltijoille.",
    "Yhtymähallitus on delegoinut päätösvallan sosiaalipalvelujen viranhaltijoille hallintosäännön mukaisesti.",
    # a case (not a power) moves to the board; a contact line that mentions the power
    "Ennen asian siirtämistä jaostolle päätöksen tehnyt viranhaltija tarkistaa, voiko päätöksen korjata itse.",
    "Lisätietoja ratkaisuvallasta antaa aikuissosiaalityön johtava sosiaalityöntekijä, puh. 014 123 4567.",
    # a decision verb without a role
    "Kela tekee päätöksen perustoimeentulotuesta.",
    "Päätös on tehtävä viimeistään seitsemäntenä arkipäivänä.",
    "",
])
def test_finnish_non_decisions(rules, sentence):
    assert find_decisions(sentence, rules, "fi") == []


@pytest.mark.parametrize("sentence", [
    "Kontakta socialhandledaren för mer information.",
    "Socialarbetaren ger information om stödet.",
    "Socialhandledaren hjälper med ansökan.",
    "Omprövning av beslutet avgörs av nämndens individsektion.",
    "Rättelseyrkandet, som avgörs av socialnämnden, ska lämnas inom 30 dagar.",
    "Socialhandledaren beslutar inte om förebyggande utkomststöd.",
    "Socialarbetaren träffar klienten inom sju vardagar.",
    "Socialhandledaren kan inte bevilja förebyggande utkomststöd.",
    "Innan beslut fattas kan socialhandledaren konsultera socialarbetaren.",
    "Klienten kan begära omprövning av socialarbetarens beslut.",
    "Nämnden har genom sitt delegeringsbeslut överfört beslutanderätten till tjänsteinnehavare.",
    "Beslutanderätten har delegerats till tjänsteinnehavare genom välfärdsnämndens beslut 14.2.2023 § 22.",
])
def test_swedish_non_decisions(rules, sentence):
    assert find_decisions(sentence, rules, "sv") == []


def test_match_carries_the_whole_sentence(rules):
    sentence = "  Päätöksen tekee sosiaalityöntekijä.  "
    assert find_decisions(sentence, rules) == [
        DecisionMatch(role="sosiaalityontekija", condition=None, text="Päätöksen tekee sosiaalityöntekijä.")]


def test_unknown_language_reads_as_finnish(rules):
    assert decided("Päätöksen tekee sosiaalityöntekijä.", rules, "en") == [("sosiaalityontekija", None)]


# --- sentence splitting -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Tukea voidaan myöntää esim. silmälaseihin. Tuki on n. 50 euroa.",
     ["Tukea voidaan myöntää esim. silmälaseihin.", "Tuki on n. 50 euroa."]),
    ("Tuki maksetaan mm. Kelan päätöksen jälkeen. Ns. Kela-tuki ei riitä.",
     ["Tuki maksetaan mm. Kelan päätöksen jälkeen.", "Ns. Kela-tuki ei riitä."]),
    ("Tuki on max. 400 €, maks. 300 € tai enint. 200 €. Seuraava lause.",
     ["Tuki on max. 400 €, maks. 300 € tai enint. 200 €.", "Seuraava lause."]),
    ("Ks. s. 12. Vrt. Laki 7 §.", ["Ks. s. 12.", "Vrt. Laki 7 §."]),
    ("Ohje on voimassa 1.3.2015 alkaen. Seuraava lause.", ["Ohje on voimassa 1.3.2015 alkaen.", "Seuraava lause."]),
    ("Ohje tuli voimaan 1.3.2015. Seuraava lause.", ["Ohje tuli voimaan 1.3.2015.", "Seuraava lause."]),
    ("Lautakunta hyväksyi ohjeen 4.3.2013 § 7. Sitä sovelletaan heti.",
     ["Lautakunta hyväksyi ohjeen 4.3.2013 § 7.", "Sitä sovelletaan heti."]),
    ("Päätös 14.2.2023 § 22. Beslut om stöd fattas av socialarbetaren.",
     ["Päätös 14.2.2023 § 22.", "Beslut om stöd fattas av socialarbetaren."]),
    ("7. Kodinhankinnat Tukea myönnetään harkiten.", ["7. Kodinhankinnat Tukea myönnetään harkiten."]),
    ("7.3. Kodinhankinnat Tukea myönnetään.", ["7.3. Kodinhankinnat Tukea myönnetään."]),
    ("III. KÄSITTELY Hakemus käsitellään.", ["III. KÄSITTELY Hakemus käsitellään."]),
    ("Stöd kan beviljas t.ex. för glasögon. Bl.a. FPA:s beslut behövs. Ca. 300 euro betalas.",
     ["Stöd kan beviljas t.ex. för glasögon.", "Bl.a. FPA:s beslut behövs.", "Ca. 300 euro betalas."]),
    ("Onko tukea haettu? Kyllä! Hyvä.", ["Onko tukea haettu?", "Kyllä!", "Hyvä."]),
    ("Ruoka, vaatteet jne. Sosiaalityöntekijä päättää.", ["Ruoka, vaatteet jne.", "Sosiaalityöntekijä päättää."]),
    ("Sivu 1.\n\nToinen kappale\njatkuu tässä.", ["Sivu 1.", "Toinen kappale jatkuu tässä."]),
    ("Tukea myönnetään:\n- silmälaseihin\n- hammashoitoon", ["Tukea myönnetään:", "- silmälaseihin",
                                                         "- hammashoitoon"]),
    ("(Ks. liite 2.) Seuraava lause.", ["(Ks. liite 2.)", "Seuraava lause."]),
    ("", []),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
@settings(max_examples=200, deadline=None)
def test_split_sentences_keeps_every_character(text):
    assert "".join("".join(split_sentences(text)).split()) == "".join(text.split())


# --- delegation tables ----------------------------------------------------------------------------


def test_table_with_one_role_per_row(rules):
    rows = [("Viranhaltija", "Euroraja", "Asiat"),
            ("Sosiaaliohjaaja", "enintään 500 €", "kodinhankinnat"),
            ("Sosiaalityöntekijä", "yli 500 €", "muut"),
            ("Johtava sosiaalityöntekijä", "", "poikkeukset")]
    assert decisions_from_table(rows, rules) == [
        DecisionMatch("sosiaaliohjaaja", "enintään 500 €", "Sosiaaliohjaaja | enintään 500 € | kodinhankinnat"),
        DecisionMatch("sosiaalityontekija", "yli 500 €", "Sosiaalityöntekijä | yli 500 € | muut"),
        DecisionMatch("johtava_sosiaalityontekija", None, "Johtava sosiaalityöntekijä |  | poikkeukset"),
    ]


def test_table_limit_column_is_the_one_with_sums(rules):
    rows = [("Asia", "Päättäjä", "Raja"), ("Kodinhankinnat", "Sosiaaliohjaajat", "500 euroon asti")]
    assert decisions_from_table(rows, rules) == [
        DecisionMatch("sosiaaliohjaaja", "500 euroon asti", "Kodinhankinnat | Sosiaaliohjaajat | 500 euroon asti")]


def test_table_condition_is_the_sum_in_the_limit_cell(rules):
    rows = [("Viranhaltija", "Ratkaisuvalta"), ("Etuuskäsittelijä", "täydentävä toimeentulotuki enintään 300 euroa"),
            ("Johtava sosiaalityöntekijä", "yli 3 000 euron päätökset")]
    assert [(d.role, d.condition) for d in decisions_from_table(rows, rules)] == [
        ("etuuskasittelija", "enintään 300 euroa"), ("johtava_sosiaalityontekija", "yli 3 000 euron")]


def test_table_without_sums_takes_the_matter(rules):
    rows = [("Päätöksentekijä", "Asiat"), ("Etuuskäsittelijä", "normin mukaiset menot"),
            ("Sosiaalityöntekijä tai sosiaaliohjaaja", "harkinnanvaraiset menot")]
    assert [(d.role, d.condition) for d in decisions_from_table(rows, rules)] == [
        ("etuuskasittelija", "normin mukaiset menot"),
        ("sosiaalityontekija", "harkinnanvaraiset menot"), ("sosiaaliohjaaja", "harkinnanvaraiset menot")]


def test_table_with_one_role_per_column(rules):
    rows = [("Asia", "Sosiaaliohjaaja", "Sosiaalityöntekijä"),
            ("Kodinhankinnat", "x", "x"),
            ("Vuokravakuus", "-", "enintään 1 000 €")]
    assert [(d.role, d.condition) for d in decisions_from_table(rows, rules)] == [
        ("sosiaaliohjaaja", "Kodinhankinnat"), ("sosiaalityontekija", "Kodinhankinnat"),
        ("sosiaalityontekija", "enintään 1 000 €")]


def test_swedish_table(rules):
    rows = [("Tjänsteinnehavare", "Belopp"), ("Socialhandledare", "högst 500 euro"), ("Socialarbetare", "över 500 euro")]
    assert [(d.role, d.condition) for d in decisions_from_table(rows, rules, "sv")] == [
        ("sosiaaliohjaaja", "högst 500 euro"), ("sosiaalityontekija", "över 500 euro")]


@pytest.mark.parametrize("rows", [
    [("Nimike", "Puhelin"), ("Sosiaaliohjaaja", "09 123 4567")],  # a contact list
    [("Menolaji", "Enimmäismäärä", "Huom."), ("Kodinhankinnat", "500 €", "sosiaalityöntekijän harkinnan mukaan")],
    [("Perheen koko", "Enimmäismäärä"), ("1 henkilö", "300 €")],
    [("Sosiaaliohjaaja", "500 €")],  # a header and nothing else
    [],
])
def test_tables_that_are_not_delegation_tables(rules, rows):
    assert decisions_from_table(rows, rules) == []


# --- properties ------------------------------------------------------------------------------------

_WORDS = ["päättää", "päätöksen", "tekee", "myöntää", "enintään", "500", "euroa", "yli", "1 000 €", "ja", "tai",
          "ei", "lisätietoja", "antaa", "ota", "yhteyttä", "oikaisuvaatimuksen", "ratkaisee", "tuesta", ",", ";",
          "Kela", "asiakas", "kiireellisissä", "tapauksissa", "beslutar", "fattar", "beslut", "av", "högst", "–"]


def _names_a_role(rules: RoleRules, text: str, language: str) -> bool:
    return any(p.search(text) for role in rules.roles for p in role.forms[language])


@given(text=st.text(max_size=200), language=st.sampled_from(["fi", "sv", "xx"]))
@settings(max_examples=300, deadline=None)
def test_find_decisions_never_raises_and_keeps_its_promises(rules, text, language):
    matches = find_decisions(text, rules, language)
    for match in matches:
        assert match.role in rules.ids
        assert match.text == text.strip()
        assert match.condition is None or match.condition in text


@given(words=st.lists(st.sampled_from(_WORDS), max_size=25), language=st.sampled_from(["fi", "sv"]))
@settings(max_examples=300, deadline=None)
def test_no_role_no_match(rules, words, language):
    sentence = " ".join(words)
    assert not _names_a_role(rules, sentence, language)
    assert find_decisions(sentence, rules, language) == []


@given(words=st.lists(st.sampled_from(_WORDS + ["sosiaaliohjaaja", "sosiaalityöntekijälle", "socialarbetaren"]),
                      max_size=25), language=st.sampled_from(["fi", "sv"]))
@settings(max_examples=300, deadline=None)
def test_matches_only_name_roles_in_the_sentence(rules, words, language):
    sentence = " ".join(words)
    for match in find_decisions(sentence, rules, language):
        assert match.role in {"sosiaaliohjaaja", "sosiaalityontekija"}


@given(rows=st.lists(st.lists(st.text(max_size=30), max_size=4), max_size=5))
@settings(max_examples=200, deadline=None)
def test_decisions_from_table_never_raises(rules, rows):
    for match in decisions_from_table(rows, rules):
        assert match.role in rules.ids


def test_a_list_under_an_authority_lead_in_is_read_like_a_delegation_table():
    items = ["• sosiaaliohjaaja: täydentävä tuki enintään 800 euroa",
             "• sosiaalityöntekijä: ehkäisevä toimeentulotuki määrästä riippumatta",
             "• huomioitavaa: hakemusta ei jaeta osiin"]
    found = decisions_from_list("Viranhaltijoiden päätösvalta on delegoitu seuraavasti:", items, RULES)
    assert [(i, d.role, d.condition, d.text) for i, d in found] == [
        (0, "sosiaaliohjaaja", "enintään 800 euroa", "sosiaaliohjaaja: täydentävä tuki enintään 800 euroa"),
        (1, "sosiaalityontekija", "ehkäisevä toimeentulotuki määrästä riippumatta",
         "sosiaalityöntekijä: ehkäisevä toimeentulotuki määrästä riippumatta")]


@pytest.mark.parametrize("lead_in", ["Lisätietoja antavat:", "Yhteystiedot:", "Hakemukseen liitetään:"])
def test_a_list_of_contacts_is_not_a_list_of_deciders(lead_in):
    assert decisions_from_list(lead_in, ["• sosiaaliohjaaja: puh. 044 123 4567"], RULES) == []


def test_swedish_list_under_a_delegation_lead_in():
    [(_, found)] = decisions_from_list("Beslutanderätten har delegerats enligt följande:",
                                       ["• socialhandledare: högst 500 euro"], RULES, "sv")
    assert (found.role, found.condition) == ("sosiaaliohjaaja", "högst 500 euro")


def test_a_delegation_table_cell_that_denies_authority_gives_no_rule():
    rows = [("Päättäjä", "Ehkäisevä"), ("Etuuskäsittelijä", "ei ratkaisuvaltaa"),
            ("Sosiaaliohjaaja", "enintään 1 000 €"), ("Palvelusihteeri", "–")]
    assert [(d.role, d.condition) for d in decisions_from_table(rows, RULES)] == [
        ("sosiaaliohjaaja", "enintään 1 000 €")]


@pytest.mark.parametrize("sentence, language", [
    ("Stöd kan beviljas familjer, eller när hobbyn enligt barnets socialarbetare har särskild betydelse.", "sv"),
    ("Tukea voidaan myöntää, jos harrastus on sosiaalityöntekijän arvion mukaan lapselle tärkeä.", "fi"),
])
def test_a_role_whose_opinion_is_quoted_does_not_decide(sentence, language):
    assert find_decisions(sentence, RULES, language) == []


@pytest.mark.parametrize("sentence, language", [
    ("Beslutanderätten grundar sig på sektorchefens delegeringsbeslut 20.12.2021 § 118.", "sv"),
    ("Päätösvalta perustuu palvelujohtajan delegointipäätökseen 1.1.2024.", "fi"),
])
def test_whoever_made_the_delegation_decision_does_not_decide_the_benefit(sentence, language):
    assert find_decisions(sentence, RULES, language) == []


def test_socialsekreterare_is_a_social_worker():
    [found] = find_decisions("Socialsekreteraren beslutar om kompletterande utkomststöd upp till 2 000 euro.",
                             RULES, "sv")
    assert (found.role, found.condition) == ("sosiaalityontekija", "upp till 2 000 euro")
