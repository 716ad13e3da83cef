"""Etelä-Savon hyvinvointialue 2025: Word-like .docx (text boxes, footnotes, delegation table)."""
from docxraw import build_docx, para, table, textbox, field_runs, runs, fi_hyph

TITLE = 'Täydentävän ja ehkäisevän toimeentulotuen soveltamisohje'

# (level, heading) in document order; used for the table of contents
HEADINGS = []


def H1(t):
    HEADINGS.append((1, t))
    return para(t, 'Heading1')


def H2(t):
    HEADINGS.append((2, t))
    return para(t, 'Heading2')


def P(t):
    return para(fi_hyph(t), ppr='<w:jc w:val="both"/>')


def B(items, num=1):
    return ''.join(para(i, 'ListBullet', ppr=f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>')
                   for i in items)


_box = [100]


def BOX(title, texts, h=2.2):
    _box[0] += 1
    inner = para(f'**{title}**', 'BoxText') + ''.join(para(fi_hyph(t), 'BoxText') for t in texts)
    return textbox(inner, _box[0], height_cm=h)


def FIELD(label, value):
    """A boxed one-cell decision field, as forms in Word guidelines often have."""
    return table([[f'**{label}** {value}']], [5200], header_rows=0, indent=0) + para('', ppr='<w:spacing w:after="60"/>')


PAGEBREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'

FOOTNOTES = {
    1: 'Laki toimeentulotuesta (1412/1997) 14 a §. Kela siirtää hakemuksen hyvinvointi~alueelle '
       'viimeistään hakemuksen saapumista seuraavana arkipäivänä.',
    2: 'Kelan äitiysavustus on ensisijainen etuus. Jos perhe on valinnut avustuksen rahana, '
       'se otetaan laskelmassa huomioon tulona.',
    3: 'Vakuutusyhtiön tai työnantajan maksama hautausavustus vähennetään myönnettävästä tuesta.',
}


def body():
    HEADINGS.clear()
    x = []
    # ---- cover -------------------------------------------------------------------------
    x.append(para('', ppr='<w:spacing w:before="1800"/>'))
    x.append(para('ETELÄ-SAVON HYVINVOINTIALUE', ppr='<w:spacing w:after="60"/>', rpr='<w:b/><w:color w:val="2F5496"/><w:sz w:val="28"/>'))
    x.append(para('Eloisa', ppr='<w:spacing w:after="1400"/>', rpr='<w:color w:val="2F5496"/><w:sz w:val="24"/>'))
    x.append(para(TITLE, 'Title'))
    x.append(para('Työikäisten sosiaalipalvelut / Taloudellinen tuki ja ohjaus', rpr='<w:sz w:val="24"/>'))
    x.append(para('', ppr='<w:spacing w:before="2400"/>'))
    x.append(para('Voimassa 1.4.2025 alkaen', rpr='<w:b/><w:sz w:val="26"/>'))
    x.append(para('Hyväksytty: Aluehallitus 18.3.2025 § 74', rpr='<w:sz w:val="22"/>'))
    x.append(para('Korvaa 1.1.2023 voimaan tulleen ohjeen', rpr='<w:sz w:val="22"/>'))
    x.append(PAGEBREAK)
    # ---- table of contents (filled in later) -------------------------------------------
    x.append('@@TOC@@')
    x.append(PAGEBREAK)
    # ---- 1 -------------------------------------------------------------------------------
    x.append(H1('1 Ohjeen tarkoitus ja soveltaminen'))
    x.append(P('Tässä ohjeessa kuvataan, millä perusteilla Etelä-Savon hyvinvointialue myöntää '
               'täydentävää ja ehkäisevää toimeentulo~tukea. Ohje perustuu toimeentulotuesta annettuun '
               'lakiin (1412/1997) ja sosiaalihuoltolakiin (1301/2014). Sen tavoitteena on turvata asiakkaiden '
               'yhdenvertainen kohtelu kaikissa alueen kunnissa ja toimipisteissä.'))
    x.append(P('Ohje ei rajoita viranhaltijan harkintavaltaa. Jokainen hakemus arvioidaan yksilöllisesti, '
               'ja ohjeesta voidaan poiketa, kun asiakkaan tai perheen tilanne sitä edellyttää. Ohjeessa '
               'mainitut euromäärät ovat ohjeellisia enimmäismääriä, ellei toisin mainita. Harkinnan '
               'perusteet kirjataan aina päätöksen perusteluihin.'))
    x.append(P('Aluehallitus on hyväksynyt tämän ohjeen kokouksessaan 18.3.2025 (§ 74), ja se on '
               'voimassa 1.4.2025 alkaen. Ohjeen euromäärät tarkistetaan vuosittain talousarvion '
               'valmistelun yhteydessä.'))
    # ---- 2 -------------------------------------------------------------------------------
    x.append(H1('2 Toimeentulotuen hakeminen ja käsittely'))
    x.append(P('Perustoimeentulotukea haetaan Kansaneläkelaitokselta. Kela päättää perustoimeentulotuesta '
               'ja siirtää hakemuksen hyvinvointialueelle, jos asiakas on sitä pyytänyt tai jos hakemuksessa '
               'on menoja, jotka kuuluvat täydentävän toimeentulotuen piiriin.[^1]'))
    x.append(P('Täydentävää ja ehkäisevää toimeentulotukea haetaan hyvinvointialueelta sähköisesti tai '
               'paperisella lomakkeella. Hakemukseen liitetään Kelan viimeisin perustoimeentulotuki~päätös, '
               'kahden kuukauden tiliotteet sekä kuitit, laskut tai kustannusarviot haetuista menoista.'))
    x.append(P('Hakemuksen valmistelee taloudellisen tuen tiimin etuuskäsittelijä, joka pyytää tarvittaessa '
               'asiakkaalta lisäselvityksiä. Päätös tehdään viimeistään seitsemäntenä arkipäivänä siitä, kun '
               'tarvittavat selvitykset ovat saapuneet. Kiireellisissä tilanteissa asia käsitellään samana '
               'tai seuraavana arkipäivänä.'))
    x.append(BOX('Huomioitavaa', [
        'Sosiaaliohjaaja neuvoo hakemuksen täyttämisessä ja auttaa liitteiden kokoamisessa. '
        'Puhelinneuvontaa annetaan arkisin klo 9–12 numerossa 044 719 4400.']))
    # ---- 3 -------------------------------------------------------------------------------
    x.append(H1('3 Täydentävä toimeentulotuki'))
    x.append(P('Täydentävää toimeentulotukea myönnetään perustoimeentulotuen lisäksi erityisistä tarpeista '
               'tai olosuhteista johtuviin menoihin, joita Kela ei ole ottanut huomioon. Edellytyksenä on '
               'yleensä, että asiakkaalla on voimassa oleva perustoimeentulotukipäätös tai että hänen '
               'tulonsa ylittävät toimeentulotukilaskelman vain vähäisesti.'))
    x.append(H2('3.1 Kodinhankinnat'))
    x.append(P('Kodinhankintoihin voidaan myöntää tukea, kun asiakas muuttaa ensimmäiseen omaan asuntoonsa, '
               'palaa asumaan laitoksesta tai vankilasta tai kun muutto johtuu perheen hajoamisesta. Tuki on '
               'tarkoitettu välttämättömiin huonekaluihin ja kodinkoneisiin.'))
    x.append(P('Tuki on kertaluonteinen. Enimmäismäärät ovat:'))
    x.append(B(['yksin asuva: 350 €', 'kaksi aikuista: 500 €', 'lapsiperhe: 700 €']))
    x.append(BOX('Huomioitavaa', [
        'Asiakasta ohjataan ensisijaisesti käyttämään kierrätyskeskusten palveluja. Sosiaaliohjaaja '
        'neuvoo tarvittaessa, mistä käytettyjä huonekaluja voi hankkia edullisesti.']))
    x.append(H2('3.2 Lastentarvikkeet'))
    x.append(P('Lapsen syntymän yhteydessä voidaan myöntää tukea välttämättömiin lastentarvikkeisiin, kuten '
               'lastenvaunuihin, turvakaukaloon ja pinnasänkyyn, jos niitä ei ole saatu Kelan äitiys~avustuksena '
               'tai muulla tavoin. Tuki myönnetään kertaluonteisena, enintään 400 €/lapsi.[^2]'))
    x.append(H2('3.3 Lasten harrastusmenot'))
    x.append(P('Lasten ja nuorten harrastuksiin voidaan myöntää tukea, kun perhe on saanut toimeentulo~tukea '
               'pitkäaikaisesti, vähintään kuuden kuukauden ajan, tai kun harrastukselle on lastensuojelullinen '
               'tai muu erityinen peruste. Tukea myönnetään harrastusmaksuihin ja välttämättömiin '
               'harrastusvälineisiin enintään 250 €/lapsi/vuosi.'))
    x.append(P('Tuki maksetaan ensisijaisesti suoraan harrastuksen järjestäjälle maksusitoumuksella.'))
    x.append(H2('3.4 Lapsen tapaamisesta aiheutuvat menot'))
    x.append(P('Kun lapsi asuu toisen vanhemman luona, tapaavalle vanhemmalle voidaan myöntää tukea '
               'tapaamisesta aiheutuviin kohtuullisiin matkakuluihin halvimman kulkuneuvon mukaan. Lapsen '
               'ruokakuluihin tapaamisen ajalta huomioidaan 49 % lapsen perusosasta vuorokautta kohden.'))
    x.append(P('Tapaamisten määrä perustuu vahvistettuun sopimukseen tai tuomioistuimen päätökseen.'))
    x.append(H2('3.5 Hautauskulut'))
    x.append(P('Hautauskuluihin voidaan myöntää täydentävää toimeentulotukea, kun vainajan kuolinpesän '
               'varat eivät riitä kohtuullisiin hautajaisiin. Hakemus tehdään sille hyvinvointialueelle, '
               'jossa vainaja asui, ja siihen liitetään perukirja, hautauskulujen laskut sekä vainajan kahden '
               'kuukauden tiliotteet.'))
    x.append(P('Arkun, arkkuunlaiton ja uurnan kustannuksiin myönnetään noin 500 euroa. Kuljetuksen, '
               'yksinkertaisen kukkalaitteen ja hautapaikan kustannukset huomioidaan erikseen. '
               'Hautauskuluihin myönnetään yhteensä enintään 1 300 euroa.[^3]'))
    x.append(P('Hautauskuluja koskevat hakemukset ratkaisee keskitetysti taloudellisen tuen tiimin '
               'etuuskäsittelijä.'))
    x.append(H2('3.6 Terveydenhuoltomenot'))
    x.append(P('Täydentävänä toimeentulotukena voidaan ottaa huomioon terveydenhuollon menoja, joita Kela ei '
               'ole huomioinut perustoimeentulotuessa, kuten lääkärin määräämiä perusvoiteita ja '
               'hoitotarvikkeita sekä kiireellistä hammashoitoa yksityisellä sektorilla, jos julkiseen '
               'hammashoitoon ei pääse kohtuullisessa ajassa.'))
    x.append(P('Yksityisen hammashoidon kustannuksiin myönnetään enintään 600 euroa vuodessa. Suuremmat '
               'hoitokokonaisuudet edellyttävät hammaslääkärin hoitosuunnitelmaa ja kustannusarviota.'))
    x.append(H2('3.7 Silmälasit'))
    x.append(P('Silmälaseihin voidaan myöntää tukea optikon tai silmälääkärin määräyksen perusteella, kun '
               'Kela ei ole huomioinut niitä. Perusmallin laseihin myönnetään max. 250 €, ja lasit hankitaan '
               'ensisijaisesti hyvinvointialueen kilpailuttamasta optikkoliikkeestä.'))
    x.append(H2('3.8 Henkilöllisyystodistus ja passi'))
    x.append(P('Henkilökortin tai passin hankintaan voidaan myöntää tukea, jos asiakas tarvitsee '
               'henkilöllisyystodistusta esimerkiksi pankkiasioiden hoitamiseen eikä hänellä ole muuta '
               'voimassa olevaa asiakirjaa. Tuki myönnetään poliisin hinnaston mukaisena.'))
    x.append(H2('3.9 Edunvalvonnan palkkio'))
    x.append(P('Edunvalvojan palkkioon ja tilintarkastusmaksuun voidaan myöntää tukea, jos päämiehen tulot '
               'ja varat eivät riitä maksuun. Ennen tuen myöntämistä asiakasta ohjataan hakemaan '
               'maksuvapautusta Digi- ja väestötietovirastolta.'))
    x.append(H2('3.10 Muut erityisistä tarpeista tai olosuhteista johtuvat menot'))
    x.append(P('Täydentävää toimeentulotukea voidaan myöntää myös muihin menoihin, jos ne ovat henkilön tai '
               'perheen erityisten tarpeiden tai olosuhteiden vuoksi välttämättömiä toimeentulon turvaamiseksi '
               'tai itsenäisen suoriutumisen edistämiseksi. Tällaisia voivat olla esimerkiksi pitkäaikaisesta '
               'sairaudesta johtuvat erityiset menot.'))
    x.append(FIELD('Päätöksentekijä:', 'sosiaalityöntekijä'))
    # ---- 4 -------------------------------------------------------------------------------
    x.append(H1('4 Ehkäisevä toimeentulotuki'))
    x.append(P('Ehkäisevän toimeentulotuen tarkoituksena on edistää henkilön ja perheen sosiaalista '
               'turvallisuutta ja omatoimista suoriutumista sekä ehkäistä syrjäytymistä ja pitkäaikaista '
               'riippuvuutta toimeentulotuesta. Tuen myöntäminen ei edellytä oikeutta perustoimeentulotukeen, '
               'ja se liittyy aina asiakassuunnitelmaan tai muuhun sosiaalihuollon suunnitelmaan.'))
    x.append(H2('4.1 Vuokravelka ja häätöuhka'))
    x.append(P('Vuokrarästien maksamiseen voidaan myöntää ehkäisevää toimeentulotukea, kun asumisen '
               'jatkuminen on uhattuna ja asiakas sitoutuu suunnitelmaan, jolla uusien rästien syntyminen '
               'estetään. Tuki on yleensä enintään kahden kuukauden vuokra, ja se maksetaan suoraan '
               'vuokranantajalle.'))
    x.append(P('Vuokravelan maksamiseen myönnettävästä tuesta tekee päätöksen aina aikuissosiaalityön '
               'sosiaalityöntekijä.'))
    x.append(H2('4.2 Sähkövelka'))
    x.append(P('Sähkövelkaan voidaan myöntää tukea, jos sähkön katkaiseminen on välittömästi uhkaamassa ja '
               'perheessä on lapsia tai muita erityisiä syitä. Tuen määrä on tavallisesti 200–400 €. Asiakas '
               'ohjataan samalla talous- ja velkaneuvontaan.'))
    x.append(H2('4.3 Äkilliset kriisitilanteet'))
    x.append(P('Ehkäisevää toimeentulotukea voidaan myöntää äkillisessä elämänmuutoksessa, kuten '
               'perheenjäsenen kuoleman, vakavan sairastumisen, tulipalon tai rikoksen uhriksi joutumisen '
               'jälkeen. Tuki on kertaluonteinen, ja sen enimmäismäärä on 800 euroa.'))
    x.append(H2('4.4 Aktivointi ja osallisuus'))
    x.append(P('Tukea voidaan myöntää asiakassuunnitelmaan perustuviin kuluihin, jotka edistävät asiakkaan '
               'osallisuutta ja työllistymistä, kuten kurssimaksuihin, työvälineisiin ja matkoihin '
               'kuntouttavaan työtoimintaan. Kurssimaksuihin myönnetään enintään 300 € vuodessa.'))
    x.append(P('Tiimin esihenkilö hyväksyy tuen, jos sen määrä ylittää 1 500 euroa.'))
    # ---- 5 -------------------------------------------------------------------------------
    x.append(H1('5 Menot, joita ei yleensä hyväksytä'))
    x.append(P('Täydentävänä tai ehkäisevänä toimeentulotukena ei yleensä hyväksytä seuraavia menoja:'))
    x.append(B(['lainojen, luottojen ja osamaksujen lyhennykset', 'ulosotossa olevat velat',
                'jäännösverot ja niiden viivästyskorot', 'auton hankinta- ja käyttökulut',
                'lemmikkieläinten hankinta ja hoito', 'vapaa-ajan matkat', 'sakot ja rikesakot'], num=2))
    x.append(P('Menoja, jotka ovat syntyneet ennen hakemuksen jättämistä, ei pääsääntöisesti korvata '
               'jälkikäteen. Poikkeuksena ovat tilanteet, joissa asiakas ei ole sairauden tai muun '
               'painavan syyn vuoksi voinut hakea tukea ajoissa.'))
    # ---- 6 -------------------------------------------------------------------------------
    x.append(H1('6 Päätösvalta'))
    x.append(P('Hyvinvointialueen hallintosäännön mukaisesti toimeentulotukea koskeva ratkaisuvalta on '
               'siirretty viranhaltijoille taulukon 1 mukaisesti. Euroraja koskee yhtä hakemusta ja sen '
               'perusteella myönnettävää tukea yhteensä. Jos tuen määrä ylittää valmistelijan ratkaisuvallan, '
               'asia siirretään ratkaistavaksi taulukon mukaiselle viranhaltijalle.'))
    x.append(P('Asian valmistelee etuuskäsittelijä tai sosiaaliohjaaja, joka kirjaa arvionsa '
               'asiakastietojärjestelmään ennen asian siirtämistä.'))
    x.append(para('Taulukko 1. Ratkaisuvalta tukimuodon ja tuen määrän mukaan', 'Caption'))
    rows = [['Tukimuoto', 'Tuen määrä hakemusta kohden', 'Ratkaisuvalta'],
            ['Täydentävä toimeentulotuki', 'enintään 1 000 €', 'sosiaaliohjaaja'],
            ['Täydentävä toimeentulotuki', '1 001–3 000 €', 'sosiaalityöntekijä'],
            ['Täydentävä toimeentulotuki', 'yli 3 000 €', 'johtava sosiaalityöntekijä'],
            ['Ehkäisevä toimeentulotuki', 'enintään 500 €', 'sosiaaliohjaaja'],
            ['Ehkäisevä toimeentulotuki', '501–2 500 €', 'sosiaalityöntekijä'],
            ['Ehkäisevä toimeentulotuki', 'yli 2 500 €', 'palveluesihenkilö'],
            ['Hautauskulut', 'enintään 1 300 €', 'etuuskäsittelijä'],
            ['Hautauskulut', 'yli 1 300 €', 'sosiaalityöntekijä'],
            ['Kodinhankinnat', 'enintään 700 €', 'palvelusihteeri'],
            ['Terveydenhuoltomenot', 'enintään 600 €', 'etuuskäsittelijä']]
    x.append(table(rows, [3900, 3000, 2738]))
    x.append(para(''))
    x.append(BOX('Huomioitavaa', [
        'Lapsiperheiden asioissa päätöksen tekee lapsiperheiden sosiaaliohjaaja tai perhesosiaalityön '
        'sosiaalityöntekijä samojen eurorajojen mukaisesti.']))
    # ---- 7 -------------------------------------------------------------------------------
    x.append(H1('7 Muutoksenhaku'))
    x.append(P('Päätökseen tyytymätön asiakas voi tehdä oikaisuvaatimuksen hyvinvointialueen '
               'yksilöasioiden jaostolle 30 päivän kuluessa päätöksen tiedoksisaannista. Jaoston päätökseen '
               'voi hakea muutosta valittamalla Itä-Suomen hallinto-oikeuteen. Ohjeet oikaisuvaatimuksen '
               'tekemiseen liitetään jokaiseen päätökseen.'))
    x.append(P('Lisätietoja ohjeesta antaa taloudellisen tuen tiimin palveluesihenkilö Liisa Korhonen, '
               'puh. 044 719 4410.'))
    return ''.join(x)


def toc_xml(pages):
    x = [para('Sisällys', 'TOCHeading')]
    for lvl, h in HEADINGS:
        x.append(para(f'{h}\t{pages.get(h, 0)}', f'TOC{lvl}'))
    return ''.join(x)


def make(path, pages):
    b = body()
    b = b.replace('@@TOC@@', toc_xml(pages))
    header = para('Etelä-Savon hyvinvointialue\t\tSoveltamisohje 1.4.2025', 'Header',
                  ppr='<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="A6A6A6"/></w:pBdr>')
    footer = ('<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
              + runs('Täydentävä ja ehkäisevä toimeentulotuki\t\tSivu ')
              + field_runs('PAGE', '1') + runs(' / ') + field_runs('NUMPAGES', '1') + '</w:p>')
    build_docx(path, b, header=header, footer=footer, footnotes=FOOTNOTES,
               title=TITLE, author='Etelä-Savon hyvinvointialue', created='2025-03-20T08:00:00Z')
