"""Hand-written truth for the five blind5 documents.

Written from the source texts in this folder, not from any extractor output.  build.py adds
sha256, pages and every `page` by finding the text in pdftotext -layout output; `find` is only a
longer, unique context used to locate the page and is dropped from the truth file.
"""


def A(value, unit, qualifier, per, applies_to, persons, text, find=None):
    return dict(value=float(value), unit=unit, qualifier=qualifier, per=per, applies_to=applies_to,
                persons=persons, text=text, find=find)


def D(role, condition, text, find=None):
    return dict(role=role, condition=condition, text=text, find=find)


def W(role, scope, condition, text, find=None):
    return dict(role=role, scope=scope, condition=condition, text=text, find=find)


def C(cid, support_type, headings, amounts=(), dms=()):
    return dict(id=cid, support_type=support_type, headings=list(headings), amounts=list(amounts),
                decision_makers=list(dms))


S, E = 'supplementary', 'preventive'

# --------------------------------------------------------------------------------------------
ELOISA = dict(
    guideline=dict(id='eloisa-2025', file='Eloisa 2025.pdf', language='fi',
                   issuer='Etelä-Savon hyvinvointialue',
                   title='Täydentävän ja ehkäisevän toimeentulotuen soveltamisohje',
                   valid_from='2025-04-01'),
    body_start='1 Ohjeen tarkoitus ja soveltaminen',
    categories=[
        C('household_startup', S, ['3.1 Kodinhankinnat'], [
            A(350, 'EUR', 'max', 'once', 'yksin asuva', [1, 1], '350 €', 'yksin asuva: 350 €'),
            A(500, 'EUR', 'max', 'once', 'kaksi aikuista', [2, 2], '500 €', 'kaksi aikuista: 500 €'),
            A(700, 'EUR', 'max', 'once', 'lapsiperhe', None, '700 €', 'lapsiperhe: 700 €')]),
        C('baby_equipment', S, ['3.2 Lastentarvikkeet'], [
            A(400, 'EUR', 'max', 'once', 'lapsi', None, 'enintään 400 €/lapsi')]),
        C('child_hobbies', S, ['3.3 Lasten harrastusmenot'], [
            A(250, 'EUR', 'max', 'year', 'lapsi', None, 'enintään 250 €/lapsi/vuosi')]),
        C('child_visitation', S, ['3.4 Lapsen tapaamisesta aiheutuvat menot'], [
            A(49, 'percent_of_basic_amount', 'fixed', 'day', None, None, '49 % lapsen perusosasta')]),
        C('funeral_costs', S, ['3.5 Hautauskulut'], [
            A(500, 'EUR', 'approx', None, None, None, 'noin 500 euroa'),
            A(1300, 'EUR', 'max', None, None, None, 'enintään 1 300 euroa',
              'Hautauskuluihin myönnetään yhteensä enintään 1 300 euroa')],
          [D('etuuskasittelija', None, 'Hautauskuluja koskevat hakemukset ratkaisee keskitetysti taloudellisen '
                                       'tuen tiimin etuuskäsittelijä.')]),
        C('medical_costs', S, ['3.6 Terveydenhuoltomenot'], [
            A(600, 'EUR', 'max', 'year', None, None, 'enintään 600 euroa',
              'myönnetään enintään 600 euroa vuodessa')]),
        C('eyeglasses', S, ['3.7 Silmälasit'], [
            A(250, 'EUR', 'max', None, None, None, 'max. 250 €')]),
        C('id_documents', S, ['3.8 Henkilöllisyystodistus ja passi']),
        C('guardianship_fees', S, ['3.9 Edunvalvonnan palkkio']),
        C('other_special_needs', S, ['3.10 Muut erityisistä tarpeista tai olosuhteista johtuvat menot'], [],
          [D('sosiaalityontekija', None, 'Päätöksentekijä: sosiaalityöntekijä')]),
        C('eviction_threat', E, ['4.1 Vuokravelka ja häätöuhka'], [
            A(2, 'months_rent', 'max', None, None, None, 'enintään kahden kuukauden vuokra')],
          [D('sosiaalityontekija', None, 'Vuokravelan maksamiseen myönnettävästä tuesta tekee päätöksen aina '
                                         'aikuissosiaalityön sosiaalityöntekijä.')]),
        C('electricity_debt', E, ['4.2 Sähkövelka'], [
            A(200, 'EUR', 'min', None, None, None, '200–400 €'),
            A(400, 'EUR', 'max', None, None, None, '200–400 €')]),
        C('acute_crisis', E, ['4.3 Äkilliset kriisitilanteet'], [
            A(800, 'EUR', 'max', 'once', None, None, 'enimmäismäärä on 800 euroa')]),
        C('activation', E, ['4.4 Aktivointi ja osallisuus'], [
            A(300, 'EUR', 'max', 'year', None, None, 'enintään 300 €')],
          [D('esihenkilo', 'ylittää 1 500 euroa', 'Tiimin esihenkilö hyväksyy tuen, jos sen määrä ylittää 1 500 euroa.')]),
        C('not_accepted', None, ['5 Menot, joita ei yleensä hyväksytä']),
    ],
    decision_makers=[
        W('sosiaaliohjaaja', S, 'enintään 1 000 €', 'Täydentävä toimeentulotuki enintään 1 000 € sosiaaliohjaaja'),
        W('sosiaalityontekija', S, '1 001–3 000 €', 'Täydentävä toimeentulotuki 1 001–3 000 € sosiaalityöntekijä'),
        W('johtava_sosiaalityontekija', S, 'yli 3 000 €',
          'Täydentävä toimeentulotuki yli 3 000 € johtava sosiaalityöntekijä'),
        W('sosiaaliohjaaja', E, 'enintään 500 €', 'Ehkäisevä toimeentulotuki enintään 500 € sosiaaliohjaaja'),
        W('sosiaalityontekija', E, '501–2 500 €', 'Ehkäisevä toimeentulotuki 501–2 500 € sosiaalityöntekijä'),
        W('esihenkilo', E, 'yli 2 500 €', 'Ehkäisevä toimeentulotuki yli 2 500 € palveluesihenkilö'),
        W('etuuskasittelija', 'funeral_costs', 'enintään 1 300 €', 'Hautauskulut enintään 1 300 € etuuskäsittelijä'),
        W('sosiaalityontekija', 'funeral_costs', 'yli 1 300 €', 'Hautauskulut yli 1 300 € sosiaalityöntekijä'),
        W('palvelusihteeri', 'household_startup', 'enintään 700 €', 'Kodinhankinnat enintään 700 € palvelusihteeri'),
        W('etuuskasittelija', 'medical_costs', 'enintään 600 €', 'Terveydenhuoltomenot enintään 600 € etuuskäsittelijä'),
        W('sosiaaliohjaaja', None, None,
          'Lapsiperheiden asioissa päätöksen tekee lapsiperheiden sosiaaliohjaaja tai perhesosiaalityön '
          'sosiaalityöntekijä samojen eurorajojen mukaisesti.'),
        W('sosiaalityontekija', None, None,
          'Lapsiperheiden asioissa päätöksen tekee lapsiperheiden sosiaaliohjaaja tai perhesosiaalityön '
          'sosiaalityöntekijä samojen eurorajojen mukaisesti.'),
    ],
)

# --------------------------------------------------------------------------------------------
SOITE = dict(
    guideline=dict(id='soite-2022', file='Soite 2022.pdf', language='fi',
                   issuer='Keski-Pohjanmaan sosiaali- ja terveyspalvelukuntayhtymä',
                   title='Täydentävän ja ehkäisevän toimeentulotuen soveltamisohje',
                   valid_from='2022-02-01'),
    body_start='^Tällä sivulla kerrotaan',
    categories=[
        C('household_startup', S, ['Kodin perustamiseen liittyvät menot'], [
            A(450, 'EUR', 'max', 'once', '1 henkilö', [1, 1], '450 €', '1 henkilö 450 €'),
            A(600, 'EUR', 'max', 'once', '2 henkilöä', [2, 2], '600 €', '2 henkilöä 600 €'),
            A(750, 'EUR', 'max', 'once', '3–4 henkilöä', [3, 4], '750 €', '3–4 henkilöä 750 €'),
            A(900, 'EUR', 'max', 'once', '5 henkilöä tai enemmän', [5, None], '900 €',
              '5 henkilöä tai enemmän 900 €')]),
        C('baby_equipment', S, ['Lapsen syntymään liittyvät menot'], [
            A(250, 'EUR', 'max', 'once', 'lastenvaunut tai -rattaat', None, 'enintään 250 €',
              'lastenvaunut tai -rattaat: enintään 250 €'),
            A(80, 'EUR', 'max', 'once', 'turvakaukalo', None, 'enintään 80 €', 'turvakaukalo: enintään 80 €'),
            A(120, 'EUR', 'max', 'once', 'pinnasänky ja patja', None, 'enintään 120 €',
              'pinnasänky ja patja: enintään 120 €')]),
        C('child_hobbies', S, ['Lasten harrastukset'], [
            A(100, 'EUR', 'max', 'year', 'alle kouluikäinen lapsi', None, '100 €/vuosi',
              'alle kouluikäinen lapsi: 100 €/vuosi'),
            A(200, 'EUR', 'max', 'year', '7–12-vuotias', None, '200 €/vuosi', '7–12-vuotias: 200 €/vuosi'),
            A(300, 'EUR', 'max', 'year', '13–17-vuotias', None, '300 €/vuosi', '13–17-vuotias: 300 €/vuosi')],
          [D('omatyontekija', None, 'Harrastustuesta päättää perheen omatyöntekijä.')]),
        C('funeral_costs', S, ['Hautauskulut'], [
            A(1500, 'EUR', 'max', None, None, None, 'enintään 1 500 euroa',
              'Tukea myönnetään enintään 1 500 euroa')],
          [D('etuuskasittelija', None, 'Hautauskulujen osalta ratkaisuvalta on etuuskäsittelijällä.')]),
        C('medical_costs', S, ['Terveydenhuollon menot'], [
            A(30, 'EUR', 'max', 'month', 'reseptivapaat lääkkeet lääkärin määräyksestä', None, 'enintään 30 €/kk'),
            A(500, 'EUR', 'max', None, 'kiireellinen yksityinen hammashoito', None, 'enintään 500 €',
              'kiireellinen yksityinen hammashoito: enintään 500 €')]),
        C('study_costs', S, ['Opiskelusta aiheutuvat menot'], [
            A(300, 'EUR', 'max', 'year', None, None, 'enintään 300 €', 'enintään 300 € vuodessa')]),
        C('other_special_needs', S, ['Muut erityiset menot'], [],
          [D('sosiaalityontekija', None, 'Päätöksenteosta vastaa aina sosiaalityöntekijä, joka arvioi tarpeen '
                                         'yhdessä asiakkaan kanssa.')]),
        C('eviction_threat', E, ['Vuokrarästit ja asumisen turvaaminen'], [
            A(1, 'months_rent', 'max', None, None, None, 'enintään yhden kuukauden vuokraa')]),
        C('debt_problems', E, ['Velkaantuminen'], [
            A(500, 'EUR', 'max', 'once', None, None, 'enintään 500 euroa',
              'Tuki on kertaluonteinen, enintään 500 euroa')]),
        C('acute_crisis', E, ['Äkilliset elämänmuutokset'], [
            A(300, 'EUR', 'max', None, 'aikuinen', None, 'enintään 300 €', 'aikuinen: enintään 300 €'),
            A(150, 'EUR', 'max', None, 'alaikäinen lapsi', None, 'enintään 150 €',
              'alaikäinen lapsi: enintään 150 €')]),
        C('not_accepted', None, ['Mihin tukea ei myönnetä']),
    ],
    decision_makers=[
        W('sosiaaliohjaaja', S, 'enintään 1 500 euroa',
          'Sosiaaliohjaajalla on ratkaisuvalta täydentävässä toimeentulotuessa, kun haettu määrä on enintään '
          '1 500 euroa.'),
        W('sosiaalityontekija', S, 'Yli 1 500 euron',
          'Yli 1 500 euron täydentävästä toimeentulotuesta vastaa päätöksenteosta sosiaalityöntekijä.'),
        W('sosiaalityontekija', E, None,
          'Ehkäisevän toimeentulotuen päätökset tekee aikuissosiaalityön sosiaalityöntekijä.'),
        W('esihenkilo', E, 'Yli 5 000 euron',
          'Yli 5 000 euron ehkäisevän tuen hyväksyy aikuissosiaalityön palveluesimies.'),
    ],
)

# --------------------------------------------------------------------------------------------
KIRKKONUMMI = dict(
    guideline=dict(id='kirkkonummi-2016', file='Kirkkonummi 2016.pdf', language='fi',
                   issuer='Kirkkonummen kunta', title='Toimeentulotuen soveltamisohjeet',
                   valid_from='2016-04-01'),
    body_start='1 YLEISTÄ',
    categories=[
        C('rent_deposit', S, ['5.1 Vuokravakuus ja muuttokustannukset'], [
            A(1, 'months_rent', 'fixed', None, None, None, 'yhden kuukauden vuokra'),
            A(2, 'months_rent', 'max', None, None, None, 'enintään kahden kuukauden vuokra')]),
        C('moving_costs', S, ['5.1 Vuokravakuus ja muuttokustannukset'], [
            A(150, 'EUR', 'min', None, None, None, '150–300 €'),
            A(300, 'EUR', 'max', None, None, None, '150–300 €')]),
        C('household_startup', S, ['5.2 Kodin perustaminen'], [
            A(400, 'EUR', 'max', 'once', '1 hlö', [1, 1], '400 €', '1 hlö 400 €'),
            A(550, 'EUR', 'max', 'once', '2 hlö', [2, 2], '550 €', '2 hlö 550 €'),
            A(700, 'EUR', 'max', 'once', '3 hlö tai enemmän', [3, None], '700 €', '3 hlö tai enemmän 700 €')]),
        C('day_care_fees', S, ['5.3 Lasten päivähoitomaksut']),
        C('child_hobbies', S, ['5.4 Lasten harrastusmenot'], [
            A(50, 'EUR', 'max', 'year', '0–2 v', None, '50 €', 'Enimmäismäärä vuodessa 50 €'),
            A(100, 'EUR', 'max', 'year', '3–6 v', None, '100 €', 'Enimmäismäärä vuodessa 50 € 100 €'),
            A(150, 'EUR', 'max', 'year', '7–9 v', None, '150 €', '50 € 100 € 150 €'),
            A(200, 'EUR', 'max', 'year', '10–12 v', None, '200 €', '100 € 150 € 200 €'),
            A(250, 'EUR', 'max', 'year', '13–15 v', None, '250 €', '200 € 250 € 250 €'),
            A(250, 'EUR', 'max', 'year', '16–17 v', None, '250 €', '250 € 250 € suoraan järjestäjälle')]),
        C('child_visitation', S, ['5.5 Lapsen tapaamisesta aiheutuvat menot'], [
            A(8, 'EUR', 'fixed', 'day', 'lapsi', None, '8 €/vrk/lapsi')]),
        C('clothing', S, ['5.6 Tavanomaista suuremmat vaatemenot'], [
            A(150, 'EUR', 'max', 'year', None, None, 'enintään 150 euroa', 'enintään 150 euroa kerran vuodessa')]),
        C('eyeglasses', S, ['5.7 Silmälasit'], [
            A(200, 'EUR', 'max', None, None, None, 'enint. 200 €')]),
        C('funeral_costs', S, ['5.8 Hautausmenot'], [
            A(1300, 'EUR', 'max', None, None, None, 'enintään 1.300 €')],
          [D('etuuskasittelija', None, 'Hautausavustuksesta päättää etuuskäsittelijä.')]),
        C('other_special_needs', S, ['5.9 Muut erityiset menot']),
        C('eviction_threat', E, ['6.1 Vuokrarästit ja häätöuhka'], [],
          [D('sosiaalityontekija', None, 'Vuokrarästeihin myönnettävästä tuesta päättää aina sosiaalityöntekijä.')]),
        C('debt_problems', E, ['6.2 Velkaantuminen'], [
            A(1000, 'EUR', 'max', 'once', None, None, 'enintään 1 000 euroa',
              'Tuki on kertaluonteinen ja enintään 1 000 euroa')]),
        C('acute_crisis', E, ['6.3 Äkilliset elämäntilanteet'], [
            A(300, 'EUR', 'max', None, 'hlö', None, 'max. 300 €/hlö')]),
        C('activation', E, ['6.4 Aktivointi ja kuntouttava työtoiminta'], [
            A(40, 'EUR', 'max', 'month', None, None, 'enintään 40 €/kk')]),
        C('not_accepted', None, ['7 MENOT, JOITA EI YLEENSÄ HYVÄKSYTÄ']),
    ],
    decision_makers=[
        W('sosiaaliohjaaja', S, '1 000 euroon saakka',
          'Perusturvalautakunnan delegointipäätöksen mukaisesti sosiaaliohjaajalla on ratkaisuvalta '
          'täydentävässä toimeentulotuessa 1 000 euroon saakka.'),
        W('sosiaalityontekija', S, 'Yli 1 000 euron',
          'Yli 1 000 euron täydentävästä toimeentulotuesta päättää sosiaalityöntekijä.'),
        W('sosiaalityontekija', E, '5 000 euroon saakka',
          'Ehkäisevää toimeentulotukea koskevat päätökset tekee sosiaalityöntekijä 5 000 euroon saakka.'),
        W('lautakunta', E, 'Yli 5 000 euron',
          'Yli 5 000 euron ehkäisevää toimeentulotukea koskevat asiat ratkaisee perusturvalautakunnan '
          'yksilöasiainjaosto.'),
    ],
)

# --------------------------------------------------------------------------------------------
OULU = dict(
    guideline=dict(id='oulu-2020', file='Oulu 2020.pdf', language='fi', issuer='Oulun kaupunki',
                   title='Hautauskulujen korvaaminen täydentävänä toimeentulotukena',
                   valid_from='2020-03-01'),
    body_start=None,
    categories=[
        C('funeral_costs', S, ['Hautauskulujen korvaaminen täydentävänä toimeentulotukena'], [
            A(1300, 'EUR', 'max', 'once', None, None, 'enintään 1 300 euroa'),
            A(550, 'EUR', 'approx', 'once', None, None, 'keskimäärin 550 €')],
          [D('etuuskasittelija', None,
             'Hautauskuluihin liittyvät päätökset tekee aikuissosiaalityön etuuskäsittelijä.'),
           D('sosiaalityontekija', 'ylittää 1 300 euroa',
             'Jos haettu määrä ylittää 1 300 euroa tai tilanteeseen liittyy erityisiä olosuhteita, asian '
             'ratkaisee sosiaalityöntekijä.')]),
    ],
    decision_makers=[],
)

# --------------------------------------------------------------------------------------------
JAKOBSTAD = dict(
    guideline=dict(id='jakobstad-2018', file='Jakobstad 2018.pdf', language='sv', issuer='Jakobstads stad',
                   title='Tillämpningsanvisningar för kompletterande och förebyggande utkomststöd',
                   valid_from='2018-01-01'),
    body_start='1 Allmänt',
    categories=[
        C('household_startup', S, ['3.1 Hemutrustning'], [
            A(400, 'EUR', 'max', 'once', 'ensamstående', [1, 1], 'högst 400 euro'),
            A(550, 'EUR', 'max', 'once', 'två vuxna', [2, 2], 'högst 550 euro'),
            A(750, 'EUR', 'max', 'once', 'familj med barn', None, 'högst 750 euro')]),
        C('funeral_costs', S, ['3.2 Begravningsbidrag'], [
            A(1200, 'EUR', 'max', None, None, None, 'högst 1 200 euro')],
          [D('etuuskasittelija', None,
             'Beslut om begravningsbidrag fattar förmånshandläggaren efter att bouppteckningen har förrättats.')]),
        C('baby_equipment', S, ['3.3 Barnutrustning'], [
            A(350, 'EUR', 'max', None, 'barn', None, 'högst 350 euro')]),
        C('child_hobbies', S, ['3.4 Barns fritidsaktiviteter'], [
            A(150, 'EUR', 'max', 'year', 'barn', None, 'högst 150 euro/barn/år')]),
        C('child_visitation', S, ['3.5 Umgänge med barn'], [
            A(50, 'percent_of_basic_amount', 'fixed', 'day', None, None, '50 % av grunddelen')]),
        C('eyeglasses', S, ['3.6 Glasögon'], [
            A(200, 'EUR', 'max', None, None, None, 'högst 200 euro')]),
        C('id_documents', S, ['3.7 Identitetskort och pass']),
        C('other_special_needs', S, ['3.8 Utgifter på grund av särskilda behov eller förhållanden'], [],
          [D('esihenkilo', None, 'Teamledaren ansvarar för beslutet när stödet gäller utgifter som inte nämns i '
                                 'dessa anvisningar.')]),
        C('eviction_threat', E, ['4.1 Hyresskuld och hot om vräkning'], [
            A(1, 'months_rent', 'max', None, None, None, 'högst en månadshyra')]),
        C('electricity_debt', E, ['4.2 Elskuld'], [
            A(500, 'EUR', 'max', None, None, None, 'högst 500 euro')]),
        C('debt_problems', E, ['4.3 Skuldsättning'], [],
          [D('johtava_sosiaalityontekija', 'överstiger 2 000 euro',
             'Ledande socialarbetare har beslutanderätt då stödet för skuldsanering överstiger 2 000 euro.')]),
        C('acute_crisis', E, ['4.4 Akut kris'], [
            A(600, 'EUR', 'max', 'once', 'hushåll', None, 'högst 600 euro')]),
        C('activation', E, ['4.5 Aktivering och delaktighet'], [
            A(30, 'EUR', 'max', 'month', None, None, 'högst 30 euro')]),
        C('not_accepted', None, ['5 Utgifter som i regel inte godkänns']),
    ],
    decision_makers=[
        W('sosiaalityontekija', E, None, 'Beslut om förebyggande utkomststöd fattar socialarbetaren.'),
        W('sosiaaliohjaaja', S, 'upp till 1 000 euro',
          'Socialhandledaren godkänner ansökningar om kompletterande utkomststöd upp till 1 000 euro.'),
        W('sosiaalityontekija', S, 'överstiger 1 000 euro',
          'Socialarbetaren inom vuxensocialarbetet beslutar om kompletterande utkomststöd som överstiger '
          '1 000 euro.'),
        W('johtava_sosiaalityontekija', None, 'överstiger 3 000 euro',
          'Ledande socialarbetare har beslutanderätt då det sammanlagda stödet under ett kalenderår '
          'överstiger 3 000 euro.'),
        W('sosiaalityontekija', None, None,
          'Inom barnfamiljetjänsterna fattar socialarbetaren inom familjesocialarbetet beslut om '
          'utkomststöd till barnfamiljer.'),
    ],
)

ALL = [ELOISA, SOITE, KIRKKONUMMI, OULU, JAKOBSTAD]
