"""Oulun kaupunki 2020: one-page instruction sheet on funeral costs (.docx letterhead -> LibreOffice)."""
from docxraw import build_docx, para, field_runs, runs, fi_hyph

TITLE = 'Hautauskulujen korvaaminen täydentävänä toimeentulotukena'


def P(t):
    return para(fi_hyph(t), ppr='<w:jc w:val="both"/><w:spacing w:after="140"/>')


def letterhead():
    """Two-column letterhead table in the page header: issuer block left, document type right."""
    nob = ''.join(f'<w:{s} w:val="nil"/>' for s in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
    left = (para('OULUN KAUPUNKI', 'Header', rpr='<w:b/><w:sz w:val="22"/><w:color w:val="000000"/>')
            + para('Hyvinvointipalvelut', 'Header', rpr='<w:sz w:val="19"/><w:color w:val="000000"/>')
            + para('Aikuissosiaalityö', 'Header', rpr='<w:sz w:val="19"/><w:color w:val="000000"/>'))
    right_first = ('<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
                   + runs('**OHJE**          ', '<w:sz w:val="20"/><w:color w:val="000000"/>')
                   + field_runs('PAGE', '1', '<w:sz w:val="20"/><w:color w:val="000000"/>')
                   + runs(' (', '<w:sz w:val="20"/><w:color w:val="000000"/>')
                   + field_runs('NUMPAGES', '1', '<w:sz w:val="20"/><w:color w:val="000000"/>')
                   + runs(')', '<w:sz w:val="20"/><w:color w:val="000000"/>') + '</w:p>')
    right = (right_first
             + para('', 'Header')
             + para('3.2.2020', 'Header', rpr='<w:sz w:val="20"/><w:color w:val="000000"/>'))
    tc = lambda x, w: f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{x}</w:tc>'
    tbl = (f'<w:tbl><w:tblPr><w:tblW w:w="9638" w:type="dxa"/><w:tblBorders>{nob}</w:tblBorders>'
           '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="5800"/><w:gridCol w:w="3838"/>'
           '</w:tblGrid><w:tr>' + tc(left, 5800) + tc(right, 3838) + '</w:tr></w:tbl>')
    return tbl + para('', 'Header')


def body():
    x = []
    x.append(para(TITLE, ppr='<w:spacing w:before="240" w:after="240"/>', rpr='<w:b/><w:sz w:val="28"/>'))
    x.append(P('Täydentävää toimeentulotukea voidaan myöntää vähävaraisen vainajan hautauskuluihin, kun '
               'kuolinpesän varat eivät riitä kohtuullisten hautajaisten järjestämiseen. Tukea haetaan '
               'Oulun kaupungin aikuissosiaalityöstä, jos vainaja asui viimeksi Oulussa. Hakemus voidaan '
               'käsitellä vasta, kun perunkirjoitus on toimitettu.'))
    x.append(P('Hakemukseen liitetään perukirja, hautaustoimiston ja seurakunnan laskut, vainajan kahden '
               'viimeisen kuukauden tiliotteet sekä selvitys mahdollisista henkivakuutuksista ja '
               'hautausavustuksista. Kela ei käsittele hautauskuluja perustoimeentulotukena, joten hakemus '
               'jätetään suoraan kaupungille.'))
    x.append(P('Hautauskuluihin myönnetään tukea enintään 1 300 euroa. Tuki on kertaluonteinen. Sillä katetaan '
               'arkku, arkkuunlaitto, vainajan kuljetus, yksinkertainen kukkalaite sekä tuhkaus ja uurna tai '
               'hautapaikka. Arkun ja arkkuunlaiton osuudeksi hyväksytään keskimäärin 550 €.'))
    x.append(P('Muistotilaisuuden, hautakiven ja lehti-ilmoitusten kuluja ei korvata. Jos kuolinpesään '
               'kertyy myöhemmin varoja, myönnetty tuki voidaan periä takaisin pesän varoista.'))
    x.append(P('Hautauskuluihin liittyvät päätökset tekee aikuissosiaalityön etuuskäsittelijä. Jos haettu '
               'määrä ylittää 1 300 euroa tai tilanteeseen liittyy erityisiä olosuhteita, asian ratkaisee '
               'sosiaalityöntekijä.'))
    x.append(P('Lisätietoja antaa aikuissosiaalityön sosiaaliohjaaja puhelinaikana ma–pe klo 9–11, '
               'puh. 044 703 6110. Päätökseen tyytymätön voi tehdä oikaisuvaatimuksen hyvinvointi~lautakunnan '
               'yksilöasiainjaostolle 30 päivän kuluessa päätöksen tiedoksisaannista.'))
    x.append(para('Ohje on voimassa 1.3.2020 alkaen. Ohjeen on hyväksynyt hyvinvointipalvelujen '
                  'palvelualuejohtaja 3.2.2020.', ppr='<w:spacing w:before="240"/>',
                  rpr='<w:i/><w:sz w:val="20"/>'))
    return ''.join(x)


def make(path):
    fp = '<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="808080"/></w:pBdr>'
    foot = (para('Oulun kaupunki | Hyvinvointipalvelut | Aikuissosiaalityö', 'Footer', ppr=fp)
            + para('PL 00, 90015 OULUN KAUPUNKI | www.ouka.fi', 'Footer'))
    head = letterhead()
    build_docx(path, body(), header=head, header_first=head, footer=foot, footer_first=foot,
               font='Liberation Sans', size=21, title=TITLE, author='Oulun kaupunki',
               created='2020-02-03T07:30:00Z', margins=(2300, 1134, 1300, 1134))
