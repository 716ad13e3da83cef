"""Kirkkonummen kunta 2016: older municipal guideline drawn with reportlab (landscape table pages)."""
import os
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.enums import TA_JUSTIFY, TA_CENTER
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, PageTemplate, Frame, Paragraph, Spacer, Table,
                                TableStyle, PageBreak, NextPageTemplate, KeepTogether)
from reportlab.platypus.tableofcontents import TableOfContents
from docxraw import fi_hyph

TITLE = 'Toimeentulotuen soveltamisohjeet'
SH = '\xad'

base = ParagraphStyle('base', fontName='Times-Roman', fontSize=11.5, leading=15, alignment=TA_JUSTIFY,
                      spaceAfter=7)
h1 = ParagraphStyle('h1', fontName='Times-Bold', fontSize=13.5, leading=17, spaceBefore=14,
                    spaceAfter=7, keepWithNext=1)
h2 = ParagraphStyle('h2', fontName='Times-Bold', fontSize=12, leading=15, spaceBefore=9,
                    spaceAfter=4, keepWithNext=1)
bullet = ParagraphStyle('bullet', parent=base, leftIndent=28, bulletIndent=12, spaceAfter=2,
                        alignment=0)
cell = ParagraphStyle('cell', fontName='Times-Roman', fontSize=10.5, leading=13)
cellb = ParagraphStyle('cellb', parent=cell, fontName='Times-Bold')
small = ParagraphStyle('small', parent=base, fontSize=10, leading=13)


class Doc(BaseDocTemplate):
    def afterFlowable(self, f):
        if isinstance(f, Paragraph) and f.style.name in ('h1', 'h2'):
            lvl = 0 if f.style.name == 'h1' else 1
            self.notify('TOCEntry', (lvl, f.getPlainText(), self.page))


def header_footer(canv, doc):
    w, h = canv._pagesize
    canv.saveState()
    if doc.page > 1:
        canv.setFont('Times-Roman', 9)
        canv.drawString(2.2 * cm, h - 1.3 * cm, 'KIRKKONUMMEN KUNTA')
        canv.drawRightString(w - 2.0 * cm, h - 1.3 * cm, 'Toimeentulotuen soveltamisohjeet 1.4.2016')
        canv.setLineWidth(0.4)
        canv.line(2.2 * cm, h - 1.45 * cm, w - 2.0 * cm, h - 1.45 * cm)
        canv.drawString(2.2 * cm, 1.2 * cm, 'Perusturvalautakunta 15.3.2016 § 32')
        canv.drawRightString(w - 2.0 * cm, 1.2 * cm, f'{doc.page}')
    canv.restoreState()


def P(t, st=base):
    return Paragraph(fi_hyph(t, SH), st)


def B(items):
    return [Paragraph(fi_hyph(i, SH), bullet, bulletText='–') for i in items]


def grid(data, widths, head_rows=1, font=10.5):
    t = Table(data, colWidths=widths, repeatRows=head_rows, hAlign='LEFT')
    t.setStyle(TableStyle([
        ('GRID', (0, 0), (-1, -1), 0.5, colors.black),
        ('BACKGROUND', (0, 0), (-1, head_rows - 1), colors.HexColor('#E6E6E6')),
        ('FONTNAME', (0, 0), (-1, head_rows - 1), 'Times-Bold'),
        ('FONTNAME', (0, head_rows), (-1, -1), 'Times-Roman'),
        ('FONTSIZE', (0, 0), (-1, -1), font),
        ('VALIGN', (0, 0), (-1, -1), 'TOP'),
        ('TOPPADDING', (0, 0), (-1, -1), 3), ('BOTTOMPADDING', (0, 0), (-1, -1), 4),
    ]))
    return t


def story():
    s = []
    # --- cover ---------------------------------------------------------------------------
    cov = ParagraphStyle('cov', fontName='Times-Bold', fontSize=16, leading=20, alignment=TA_CENTER)
    covt = ParagraphStyle('covt', fontName='Times-Bold', fontSize=24, leading=30, alignment=TA_CENTER)
    covs = ParagraphStyle('covs', fontName='Times-Roman', fontSize=13, leading=18, alignment=TA_CENTER)
    s += [Spacer(1, 3 * cm), Paragraph('KIRKKONUMMEN KUNTA', cov), Paragraph('KYRKSLÄTTS KOMMUN', covs),
          Spacer(1, 0.4 * cm), Paragraph('Perusturvakeskus – Aikuissosiaalityö', covs),
          Spacer(1, 4 * cm), Paragraph('TOIMEENTULOTUEN SOVELTAMISOHJEET', covt), Spacer(1, 0.6 * cm),
          Paragraph('Perustoimeentulotuki, täydentävä toimeentulotuki ja ehkäisevä toimeentulotuki', covs),
          Spacer(1, 5 * cm), Paragraph('Voimassa 1.4.2016 alkaen', cov), Spacer(1, 0.3 * cm),
          Paragraph('Perusturvalautakunta 15.3.2016 § 32', covs), PageBreak()]
    # --- toc -------------------------------------------------------------------------------
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [ParagraphStyle('t0', fontName='Times-Bold', fontSize=11, leading=15, leftIndent=0,
                                      firstLineIndent=0, spaceBefore=3),
                       ParagraphStyle('t1', fontName='Times-Roman', fontSize=11, leading=14, leftIndent=18,
                                      firstLineIndent=0)]
    s += [Paragraph('SISÄLLYSLUETTELO', ParagraphStyle('tt', fontName='Times-Bold', fontSize=14, leading=18,
                                                       spaceAfter=12)), toc, PageBreak()]

    # --- 1 ---------------------------------------------------------------------------------
    s.append(Paragraph('1 YLEISTÄ', h1))
    s.append(P('Toimeentulotuki on sosiaalihuoltoon kuuluva viimesijainen taloudellinen tuki, jonka '
               'tarkoituksena on turvata henkilön ja perheen ihmisarvoisen elämän kannalta vähintään '
               'välttämätön toimeentulo. Toimeentulotuki jakautuu perustoimeentulotukeen, täydentävään '
               'toimeentulotukeen ja ehkäisevään toimeentulotukeen.'))
    s.append(P('Näissä ohjeissa täsmennetään Kirkkonummen kunnan käytäntöjä toimeentulotuen myöntämisessä. '
               'Ohjeet eivät rajoita viranhaltijan oikeutta ja velvollisuutta yksilölliseen harkintaan. '
               'Perusturvalautakunta on hyväksynyt ohjeet kokouksessaan 15.3.2016 § 32, ja ne ovat voimassa '
               '1.4.2016 alkaen.'))
    s.append(P('Perustoimeentulotuen myöntäminen siirtyy Kansaneläkelaitokselle 1.1.2017. Ohjeet '
               'päivitetään siirron yhteydessä.'))
    # --- 2 ---------------------------------------------------------------------------------
    s.append(Paragraph('2 TOIMEENTULOTUEN HAKEMINEN JA KÄSITTELY', h1))
    s.append(P('Toimeentulotukea haetaan kirjallisesti kunnan lomakkeella. Hakemukseen liitetään selvitykset '
               'tuloista ja varoista, tiliotteet edelliseltä kuukaudelta sekä laskut menoista, joihin tukea '
               'haetaan. Kiireettömässä asiassa päätös tehdään viimeistään seitsemäntenä arkipäivänä siitä, '
               'kun tarvittavat selvitykset on saatu.'))
    s.append(P('Sosiaaliohjaaja neuvoo asiakasta hakemuksen täyttämisessä ja tarvittavien liitteiden '
               'hankkimisessa. Asiakkaalla on oikeus päästä henkilökohtaiseen keskusteluun '
               'sosiaalityöntekijän tai sosiaaliohjaajan kanssa viimeistään seitsemäntenä arkipäivänä '
               'yhteydenotosta.'))
    # --- 3 ---------------------------------------------------------------------------------
    s.append(Paragraph('3 TULOT JA VARAT', h1))
    s.append(P('Toimeentulotukea määrättäessä otetaan huomioon hakijan ja hänen perheensä käytettävissä '
               'olevat tulot ja varat. Ansiotuloista jätetään huomioon ottamatta lain mukainen etuoikeutettu '
               'osuus. Pienet säästöt, jotka vastaavat noin yhden kuukauden elinkustannuksia, voidaan jättää '
               'huomioon ottamatta.'))
    # --- 4 basic support under a neutral title --------------------------------------------
    s.append(Paragraph('4 TOIMEENTULOTUEN MENOT JA NIIDEN HUOMIOIMINEN', h1))
    s.append(P('Toimeentulotukilain 7 a §:n mukaan perusosalla katettaviksi menoiksi katsotaan ravintomenot, '
               'vaatemenot, vähäiset terveydenhuoltomenot, henkilökohtaisesta hygieniasta ja kodin '
               'siisteydestä aiheutuvat menot sekä muut jokapäiväiseen toimeentuloon kuuluvat menot. Muina '
               'perusmenoina huomioidaan asumismenot ja muut kuin vähäiset terveydenhuoltomenot.'))
    s.append(Paragraph('4.1 Asumismenot', h2))
    s.append(P('Asumismenoina otetaan huomioon vuokra tai vastike, lämmityskustannukset, vesimaksu sekä '
               'kotivakuutus kohtuullisen suuruisina. Kohtuullisina pidettävät asumismenot kunnan eri '
               'alueilla on esitetty taulukossa 1 seuraavalla sivulla. Jos asumismenot ylittävät kohtuullisen '
               'tason, asiakasta ohjataan hakemaan edullisempaa asuntoa, ja hänelle annetaan vähintään '
               'kolmen kuukauden siirtymäaika.'))
    s.append(P('Taloussähkö sisältyy perusosaan. Sähkölämmitteisessä asunnossa lämmityssähkönä huomioidaan '
               '60 % sähkölaskusta, jollei asiakas esitä luotettavaa selvitystä muusta jakaumasta.'))
    s.append(NextPageTemplate('landscape'))
    s.append(PageBreak())
    s.append(Paragraph('Taulukko 1. Kohtuullisina pidettävät asumismenot kunnan eri alueilla (euroa kuukaudessa)',
                       ParagraphStyle('cap', fontName='Times-Bold', fontSize=11.5, leading=15, spaceAfter=8)))
    hdr = ['Alue', '1 hlö', '2 hlö', '3 hlö', '4 hlö', '5 hlö', '6 hlö', 'Jokainen seuraava hlö']
    rows = [hdr,
            ['Kirkkonummen keskusta', '700', '860', '1 020', '1 160', '1 290', '1 410', '+ 110'],
            ['Masala ja Jorvas', '670', '830', '990', '1 120', '1 250', '1 370', '+ 100'],
            ['Veikkola', '640', '800', '950', '1 080', '1 200', '1 320', '+ 100'],
            ['Upinniemi ja Porkkala', '600', '750', '900', '1 030', '1 150', '1 260', '+ 90'],
            ['Muut alueet', '580', '720', '860', '990', '1 100', '1 210', '+ 90']]
    s.append(grid(rows, [6.2 * cm] + [2.3 * cm] * 6 + [4.2 * cm], font=11))
    s.append(Spacer(1, 0.5 * cm))
    s.append(P('Taulukon määriin sisältyvät vuokra tai vastike sekä vesimaksu. Lämmityskustannukset '
               'huomioidaan erikseen todellisen suuruisina. Opiskelijan kohtuulliset asumismenot ovat yhden '
               'hengen talouden mukaiset, jos opiskelija asuu yksin; soluasunnossa huomioidaan todellinen '
               'vuokra.', small))
    s.append(P('Erityisestä syystä, esimerkiksi lapsen koulunkäynnin turvaamiseksi tai vakavan sairauden '
               'vuoksi, asumismenot voidaan hyväksyä taulukon määriä suurempina. Harkinnan perusteet '
               'kirjataan päätökseen.', small))
    s.append(NextPageTemplate('portrait'))
    s.append(PageBreak())
    s.append(Paragraph('4.2 Terveydenhuoltomenot', h2))
    s.append(P('Perusosaan sisältyvinä vähäisinä terveydenhuoltomenoina pidetään enintään 20 euron '
               'kuukausittaisia menoja. Tätä suuremmat lääkärin määräämät lääkemenot, julkisen '
               'terveydenhuollon asiakasmaksut ja välttämätön hammashoito huomioidaan muina perusmenoina. '
               'Yksityisen lääkärin käyntejä ei pääsääntöisesti huomioida, ellei hoito ole kiireellistä.'))
    s.append(Paragraph('4.3 Vaatteet ja jalkineet', h2))
    s.append(P('Tavanomaiset vaate- ja jalkinemenot sisältyvät perusosaan. Asiakasta ohjataan käyttämään '
               'kierrätysvaatteita ja seurakunnan diakoniatyön vaatejakelua. Perusosaan sisältyvät myös '
               'lasten kausivaatteet, joihin arvioidaan kuluvan noin 150 euroa vuodessa lasta kohden.'))
    # --- 5 supplementary ------------------------------------------------------------------
    s.append(Paragraph('5 TÄYDENTÄVÄ TOIMEENTULOTUKI', h1))
    s.append(P('Täydentävää toimeentulotukea myönnetään erityisistä tarpeista tai olosuhteista johtuviin '
               'menoihin, jotka harkitaan tarpeellisiksi henkilön tai perheen toimeentulon turvaamiseksi tai '
               'itsenäisen suoriutumisen edistämiseksi. Tuen tarve arvioidaan aina yksilöllisesti.'))
    s.append(Paragraph('5.1 Vuokravakuus ja muuttokustannukset', h2))
    s.append(P('Vuokravakuuteen voidaan antaa maksusitoumus, kun uuden asunnon hankkiminen on välttämätöntä '
               'ja asunnon vuokra on kohtuullinen. Vakuutena hyväksytään yleensä yhden kuukauden vuokra, '
               'erityisestä syystä enintään kahden kuukauden vuokra.'))
    s.append(P('Muuttokustannuksiin voidaan myöntää tukea, kun muutto on perusteltu esimerkiksi edullisempaan '
               'asuntoon siirtymisen tai terveydellisten syiden vuoksi. Muuttokuorman kustannuksiin '
               'myönnetään 150–300 € muuton pituuden mukaan.'))
    s.append(Paragraph('5.2 Kodin perustaminen', h2))
    s.append(P('Kodin perustamiseen voidaan myöntää tukea välttämättömiin huonekaluihin ja kodinkoneisiin, kun '
               'asiakas muuttaa ensimmäiseen omaan asuntoonsa tai laitoksesta omaan kotiin. Tuki on '
               'kertaluonteinen, ja sitä myönnetään enintään seuraavasti:'))
    s += B(['1 hlö 400 €', '2 hlö 550 €', '3 hlö tai enemmän 700 €'])
    s.append(Spacer(1, 5))
    s.append(Paragraph('5.3 Lasten päivähoitomaksut', h2))
    s.append(P('Lasten päivähoitomaksut voidaan huomioida täydentävänä toimeentulotukena, jos maksua ei ole '
               'voitu alentaa tai jättää perimättä. Asiakasta ohjataan ensin hakemaan maksun alentamista '
               'varhaiskasvatuspalveluista.'))
    s.append(Paragraph('5.4 Lasten harrastusmenot', h2))
    s.append(P('Lasten harrastusmenoihin voidaan myöntää tukea, kun perhe on ollut toimeentulotuen asiakkaana '
               'vähintään kuuden kuukauden ajan tai kun harrastus on tärkeä lapsen kehityksen kannalta. '
               'Tuen enimmäismäärät ikäryhmittäin on esitetty taulukossa 2.'))
    s.append(NextPageTemplate('landscape'))
    s.append(PageBreak())
    s.append(Paragraph('Taulukko 2. Lasten harrastusmenot ikäryhmittäin',
                       ParagraphStyle('cap2', fontName='Times-Bold', fontSize=11.5, leading=15, spaceAfter=8)))
    rows2 = [['Ikäryhmä', '0–2 v', '3–6 v', '7–9 v', '10–12 v', '13–15 v', '16–17 v', 'Maksutapa'],
             ['Enimmäismäärä vuodessa', '50 €', '100 €', '150 €', '200 €', '250 €', '250 €',
              'suoraan järjestäjälle']]
    s.append(grid(rows2, [5.2 * cm] + [2.2 * cm] * 6 + [5.0 * cm], font=11))
    s.append(Spacer(1, 0.5 * cm))
    s.append(P('Tukea voidaan myöntää harrastuksen jäsen- ja kausimaksuihin sekä välttämättömiin '
               'harrastusvälineisiin. Leirimaksut ja kilpailumatkat harkitaan erikseen.', small))
    s.append(NextPageTemplate('portrait'))
    s.append(PageBreak())
    s.append(Paragraph('5.5 Lapsen tapaamisesta aiheutuvat menot', h2))
    s.append(P('Tapaamisoikeuden toteuttamiseksi voidaan huomioida lapsen matkakulut halvimman '
               'matkustustavan mukaan sekä lapsen ylläpitoon tapaamisen ajalta 8 €/vrk/lapsi. Tapaamisten '
               'on perustuttava vahvistettuun sopimukseen tai tuomioistuimen päätökseen.'))
    s.append(Paragraph('5.6 Tavanomaista suuremmat vaatemenot', h2))
    s.append(P('Jos asiakkaalla on sairauden, vamman tai muun erityisen syyn vuoksi tavanomaista suurempia '
               'vaatemenoja, niihin voidaan myöntää tukea enintään 150 euroa kerran vuodessa.'))
    s.append(Paragraph('5.7 Silmälasit', h2))
    s.append(P('Silmälaseihin voidaan myöntää tukea optikon tai silmälääkärin määräyksen perusteella, jos '
               'lasit ovat välttämättömät. Perushintaisiin laseihin myönnetään enint. 200 € kahden vuoden '
               'välein.'))
    s.append(Paragraph('5.8 Hautausmenot', h2))
    s.append(P('Vähävaraisen vainajan hautausmenoihin voidaan myöntää tukea, jos kuolinpesän varat eivät '
               'riitä. Hakemukseen liitetään perukirja ja hautauskulujen laskut. Tukea myönnetään enintään '
               '1.300 €, ja se maksetaan maksusitoumuksena hautaustoimistolle.'))
    s.append(P('Hautausavustuksesta päättää etuuskäsittelijä.'))
    s.append(Paragraph('5.9 Muut erityiset menot', h2))
    s.append(P('Muihin erityisistä tarpeista tai olosuhteista johtuviin menoihin voidaan myöntää tukea, kun '
               'ne ovat välttämättömiä asiakkaan toimeentulon tai itsenäisen suoriutumisen kannalta. '
               'Tällaisia ovat esimerkiksi pitkäaikaisesta sairaudesta aiheutuvat erityiset menot.'))
    # --- 6 preventive ---------------------------------------------------------------------
    s.append(Paragraph('6 EHKÄISEVÄ TOIMEENTULOTUKI', h1))
    s.append(P('Ehkäisevän toimeentulotuen tarkoituksena on edistää henkilön ja perheen sosiaalista '
               'turvallisuutta ja omatoimista suoriutumista sekä ehkäistä syrjäytymistä ja pitkäaikaista '
               'riippuvuutta toimeentulotuesta. Tuki liittyy aina asiakkaan kanssa laadittavaan '
               'suunnitelmaan.'))
    s.append(Paragraph('6.1 Vuokrarästit ja häätöuhka', h2))
    s.append(P('Vuokrarästien maksamiseen voidaan myöntää tukea, kun asumisen jatkuminen on vaarassa ja '
               'asiakas sitoutuu hoitamaan vuokransa jatkossa. Vuokrarästeihin myönnettävästä tuesta päättää '
               'aina sosiaalityöntekijä.'))
    s.append(Paragraph('6.2 Velkaantuminen', h2))
    s.append(P('Tukea voidaan myöntää velkaantumisen pahenemisen estämiseksi, kun asiakas on ohjattu '
               'talous- ja velkaneuvontaan ja velkojen järjestely on käynnissä. Tuki on kertaluonteinen ja '
               'enintään 1 000 euroa.'))
    s.append(Paragraph('6.3 Äkilliset elämäntilanteet', h2))
    s.append(P('Äkillisissä elämäntilanteissa, kuten tulipalon, vakavan onnettomuuden tai läheisen kuoleman '
               'jälkeen, voidaan myöntää tukea välttämättömiin hankintoihin max. 300 €/hlö.'))
    s.append(Paragraph('6.4 Aktivointi ja kuntouttava työtoiminta', h2))
    s.append(P('Kuntouttavaan työtoimintaan tai muuhun aktivointisuunnitelmaan perustuvaan toimintaan '
               'osallistuvalle voidaan myöntää tukea matkakuluihin enintään 40 €/kk, jos matkakuluja ei '
               'korvata muulla tavoin.'))
    # --- 7 negative list -----------------------------------------------------------------
    s.append(Paragraph('7 MENOT, JOITA EI YLEENSÄ HYVÄKSYTÄ', h1))
    s.append(P('Toimeentulotukena ei yleensä hyväksytä seuraavia menoja:'))
    s += B(['velkojen ja luottojen lyhennykset sekä korot', 'ulosotossa olevat maksut',
            'jäännösverot', 'opintolainan korot', 'auton hankinnasta ja käytöstä aiheutuvat menot',
            'matkapuhelimen hankinta', 'vapaa-ajan matkat'])
    # --- 8 decisions and appeal ----------------------------------------------------------
    s.append(Paragraph('8 PÄÄTÖKSENTEKO JA MUUTOKSENHAKU', h1))
    s.append(P('Perusturvalautakunnan delegointipäätöksen mukaisesti sosiaaliohjaajalla on ratkaisuvalta '
               'täydentävässä toimeentulotuessa 1 000 euroon saakka. Yli 1 000 euron täydentävästä '
               'toimeentulotuesta päättää sosiaalityöntekijä.'))
    s.append(P('Ehkäisevää toimeentulotukea koskevat päätökset tekee sosiaalityöntekijä 5 000 euroon saakka. '
               'Yli 5 000 euron ehkäisevää toimeentulotukea koskevat asiat ratkaisee perusturvalautakunnan '
               'yksilöasiainjaosto.'))
    s.append(P('Päätökseen tyytymätön voi tehdä oikaisuvaatimuksen perusturvalautakunnan '
               'yksilöasiainjaostolle 14 päivän kuluessa päätöksen tiedoksisaannista. Jaoston päätöksestä voi '
               'valittaa Helsingin hallinto-oikeuteen.'))
    # --- 9 staff list -----------------------------------------------------------------------
    s.append(Paragraph('9 YHTEYSTIEDOT', h1))
    s.append(P('Aikuissosiaalityön puhelinajat ovat maanantaista torstaihin klo 9.00–11.00. Asiakkaat on '
               'jaettu työntekijöille sukunimen alkukirjaimen mukaan.'))
    staff = ParagraphStyle('staff', parent=base, alignment=0, spaceAfter=3, leftIndent=12)
    for line in ['Johtava sosiaalityöntekijä Pirjo Laine, puh. 040 126 9001',
                 'Sosiaalityöntekijä Mikko Nieminen, puh. 040 126 9012, asiakkaat A–K',
                 'Sosiaalityöntekijä Hanna Salo, puh. 040 126 9013, asiakkaat L–Ö',
                 'Sosiaaliohjaaja Maija Meikäläinen, puh. 040 126 9021, asiakkaat A–K',
                 'Sosiaaliohjaaja Timo Heikkinen, puh. 040 126 9022, asiakkaat L–Ö',
                 'Etuuskäsittelijä Kaisa Lehtonen, puh. 040 126 9031, asiakkaat A–Ö',
                 'Sosiaalipäivystys (virka-ajan ulkopuolella), puh. 040 126 9099']:
        s.append(Paragraph(line, staff))
    return s


def make(path):
    os.environ['SOURCE_DATE_EPOCH'] = '1458294000'  # 18.3.2016
    doc = Doc(path, pagesize=A4, title=TITLE, author='Kirkkonummen kunta, perusturvakeskus',
              subject='Toimeentulotuki', creator='Kirkkonummen kunta', invariant=1)
    pw, ph = A4
    portrait = Frame(2.2 * cm, 2.0 * cm, pw - 4.2 * cm, ph - 4.0 * cm, id='p')
    lw, lh = landscape(A4)
    land = Frame(2.2 * cm, 2.0 * cm, lw - 4.2 * cm, lh - 4.0 * cm, id='l')
    doc.addPageTemplates([PageTemplate(id='portrait', frames=[portrait], onPage=header_footer, pagesize=A4),
                          PageTemplate(id='landscape', frames=[land], onPage=header_footer,
                                       pagesize=landscape(A4))])
    doc.multiBuild(story())
