"""Jakobstads stad 2018: Swedish guideline drawn with fpdf2 (TTF font, cover, dotted TOC)."""
import datetime
import re
import pyphen
from fpdf import FPDF

TITLE = 'Tillämpningsanvisningar för kompletterande och förebyggande utkomststöd'
FONTDIR = '/usr/share/fonts/truetype/liberation2/'
_dic = pyphen.Pyphen(lang='sv_SE')


def hy(text):
    """Soft hyphens in long Swedish words (pyphen patterns)."""
    return re.sub(r'[A-Za-zÅÄÖåäöé]{11,}', lambda m: _dic.inserted(m.group(0), hyphen='\xad'), text)


# document content: ('h1'|'h2', text) | ('p', text) | ('list', [items]) | ('contact', [lines])
CONTENT = [
    ('h1', '1 Allmänt'),
    ('p', 'Utkomststödet är ett ekonomiskt stöd i sista hand inom socialvården. Sedan 1.1.2017 handläggs '
          'det grundläggande utkomststödet av Folkpensionsanstalten. FPA beslutar om grundläggande '
          'utkomststöd, medan staden beviljar kompletterande och förebyggande utkomststöd.'),
    ('p', 'Syftet med dessa anvisningar är att trygga en jämlik behandling av klienterna i Jakobstad. '
          'Anvisningarna begränsar inte tjänsteinnehavarens prövning i det enskilda fallet, och man kan '
          'avvika från dem när klientens situation kräver det. Socialnämnden har godkänt anvisningarna '
          '12.12.2017 § 145.'),
    ('h1', '2 Ansökan och handläggning'),
    ('p', 'Kompletterande och förebyggande utkomststöd söks skriftligen hos socialbyrån. Till ansökan '
          'bifogas FPA:s senaste beslut, kontoutdrag för de två senaste månaderna samt kvitton, räkningar '
          'eller kostnadsförslag.'),
    ('p', 'Socialhandledaren hjälper till med ansökan och ger råd om vilka bilagor som behövs. Ärendet '
          'bereds av förmånshandläggaren, som vid behov begär kompletterande utredningar. Beslutet fattas '
          'senast den sjunde vardagen efter att de nödvändiga utredningarna har kommit in.'),
    ('h1', '3 Kompletterande utkomststöd'),
    ('p', 'Kompletterande utkomststöd beviljas för särskilda utgifter som beror på en persons eller '
          'familjs särskilda behov eller förhållanden och som inte har beaktats i det grundläggande '
          'utkomststödet. En förutsättning är i regel att klienten har ett gällande beslut om '
          'grundläggande utkomststöd från FPA.'),
    ('h2', '3.1 Hemutrustning'),
    ('p', 'Stöd för nödvändiga möbler och hushållsmaskiner kan beviljas när klienten flyttar till sin första '
          'egna bostad eller återvänder från anstaltsvård. Stödet är ett engångsstöd och uppgår till:'),
    ('list', ['ensamstående: högst 400 euro', 'två vuxna: högst 550 euro', 'familj med barn: högst 750 euro']),
    ('h2', '3.2 Begravningsbidrag'),
    ('p', 'Begravningsbidrag kan beviljas för en medellös avliden persons begravning när dödsboets '
          'tillgångar inte räcker till skäliga begravningskostnader. Bidraget är högst 1 200 euro och '
          'betalas direkt till begravningsbyrån.'),
    ('p', 'Beslut om begravningsbidrag fattar förmånshandläggaren efter att bouppteckningen har förrättats.'),
    ('h2', '3.3 Barnutrustning'),
    ('p', 'När ett barn föds kan stöd beviljas för nödvändig barnutrustning, såsom barnvagn, bilbarnstol och '
          'spjälsäng, högst 350 euro per barn. Moderskapsunderstödet från FPA beaktas.'),
    ('h2', '3.4 Barns fritidsaktiviteter'),
    ('p', 'För barns och ungas fritidsaktiviteter kan stöd beviljas när familjen har fått utkomststöd under '
          'en längre tid. Stödet är högst 150 euro/barn/år och betalas i första hand direkt till '
          'föreningen.'),
    ('h2', '3.5 Umgänge med barn'),
    ('p', 'Till en förälder som utövar umgängesrätt kan stöd beviljas för barnets resor enligt det '
          'billigaste färdsättet. För barnets uppehälle under umgänget beaktas 50 % av grunddelen per dygn.'),
    ('h2', '3.6 Glasögon'),
    ('p', 'Stöd för glasögon kan beviljas på basis av optikerns eller ögonläkarens ordination. Stödet gäller '
          'glasögon av basmodell och är högst 200 euro vartannat år.'),
    ('h2', '3.7 Identitetskort och pass'),
    ('p', 'Avgiften för identitetskort eller pass kan beviljas enligt polisens prislista, om klienten '
          'behöver en identitetshandling för att sköta sina ärenden och saknar en giltig handling.'),
    ('h2', '3.8 Utgifter på grund av särskilda behov eller förhållanden'),
    ('p', 'Stöd kan även beviljas för andra utgifter som är nödvändiga på grund av klientens särskilda '
          'behov eller förhållanden. Teamledaren ansvarar för beslutet när stödet gäller utgifter som inte '
          'nämns i dessa anvisningar.'),
    ('h1', '4 Förebyggande utkomststöd'),
    ('p', 'Syftet med förebyggande utkomststöd är att främja en persons och familjs sociala trygghet och '
          'förmåga att klara sig på egen hand samt att förebygga utslagning och långvarigt beroende av '
          'utkomststöd. Stödet förutsätter inte rätt till grundläggande utkomststöd. Beslut om '
          'förebyggande utkomststöd fattar socialarbetaren.'),
    ('h2', '4.1 Hyresskuld och hot om vräkning'),
    ('p', 'Stöd kan beviljas för betalning av hyresskuld när boendet annars äventyras och klienten förbinder '
          'sig till en plan för att undvika nya skulder. Stödet är i regel högst en månadshyra och betalas '
          'till hyresvärden.'),
    ('h2', '4.2 Elskuld'),
    ('p', 'Stöd för elskuld kan beviljas när elen hotar att stängas av och det finns barn i familjen eller '
          'andra särskilda skäl. Stödet är högst 500 euro, och klienten hänvisas samtidigt till ekonomi- '
          'och skuldrådgivningen.'),
    ('h2', '4.3 Skuldsättning'),
    ('p', 'Förebyggande utkomststöd kan beviljas för att lindra överskuldsättning, till exempel i samband '
          'med en skuldsanering. Ledande socialarbetare har beslutanderätt då stödet för skuldsanering '
          'överstiger 2 000 euro.'),
    ('h2', '4.4 Akut kris'),
    ('p', 'Vid en plötslig kris, såsom en familjemedlems död, en brand eller ett brott, kan stöd beviljas för '
          'nödvändiga utgifter. Stödet är ett engångsstöd på högst 600 euro per hushåll.'),
    ('h2', '4.5 Aktivering och delaktighet'),
    ('p', 'Stöd kan beviljas för utgifter som hänför sig till rehabiliterande arbetsverksamhet eller annan '
          'verksamhet enligt klientens plan, till exempel resor, högst 30 euro per månad.'),
    ('h1', '5 Utgifter som i regel inte godkänns'),
    ('p', 'Som kompletterande eller förebyggande utkomststöd godkänns i regel inte följande utgifter:'),
    ('list', ['amorteringar på lån och krediter', 'skulder som är under utsökning', 'kvarskatt',
              'anskaffning och användning av bil', 'resor på fritiden', 'böter']),
    ('h1', '6 Beslutanderätt'),
    ('p', 'Socialhandledaren godkänner ansökningar om kompletterande utkomststöd upp till 1 000 euro. '
          'Socialarbetaren inom vuxensocialarbetet beslutar om kompletterande utkomststöd som överstiger '
          '1 000 euro.'),
    ('p', 'Ledande socialarbetare har beslutanderätt då det sammanlagda stödet under ett kalenderår '
          'överstiger 3 000 euro. Inom barnfamiljetjänsterna fattar socialarbetaren inom '
          'familjesocialarbetet beslut om utkomststöd till barnfamiljer.'),
    ('h1', '7 Ändringssökande'),
    ('p', 'En klient som är missnöjd med beslutet kan framställa ett skriftligt rättelseyrkande till '
          'socialnämnden inom 30 dagar från att han eller hon har fått del av beslutet. Över socialnämndens '
          'beslut kan besvär anföras hos förvaltningsdomstolen i Vasa.'),
    ('h1', '8 Kontaktuppgifter'),
    ('contact', ['Vuxensocialarbetet, Social- och hälsovårdsverket, Jakobstad',
                 'Telefontid må–fre kl. 9–11',
                 'Socialhandledare Anna Björk, tfn 040 310 2211',
                 'Ledande socialarbetare Peter Sundqvist, tfn 040 310 2200']),
]


class PDF(FPDF):
    def header(self):
        if self.page_no() == 1:
            return
        self.set_font('LS', '', 8.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, 'Jakobstads stad – Social- och hälsovårdsverket', new_x='LEFT', new_y='TOP')
        self.cell(0, 5, 'Tillämpningsanvisningar 2018', align='R', new_x='LMARGIN', new_y='NEXT')
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(8)
        self.set_text_color(0, 0, 0)

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font('LS', '', 8.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f'Sida {self.page_no()} av {{nb}}', align='C')
        self.set_text_color(0, 0, 0)


def render(path, toc_pages):
    pdf = PDF(format='A4')
    pdf.set_margins(25, 20, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font('LS', '', FONTDIR + 'LiberationSans-Regular.ttf')
    pdf.add_font('LS', 'B', FONTDIR + 'LiberationSans-Bold.ttf')
    pdf.add_font('LS', 'I', FONTDIR + 'LiberationSans-Italic.ttf')
    pdf.set_title(TITLE)
    pdf.set_author('Jakobstads stad')
    pdf.set_creator('Jakobstads stad, social- och hälsovårdsverket')
    pdf.set_creation_date(datetime.datetime(2017, 12, 18, 13, 5, tzinfo=datetime.timezone.utc))
    pdf.set_lang('sv')
    # ---- cover --------------------------------------------------------------------------
    pdf.add_page()
    pdf.set_font('LS', 'B', 15)
    pdf.set_y(45)
    pdf.cell(0, 8, 'JAKOBSTADS STAD', align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font('LS', '', 11)
    pdf.cell(0, 6, 'PIETARSAAREN KAUPUNKI', align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.ln(6)
    pdf.cell(0, 6, 'Social- och hälsovårdsverket / Vuxensocialarbetet', align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_y(110)
    pdf.set_font('LS', 'B', 20)
    pdf.multi_cell(0, 10, 'TILLÄMPNINGSANVISNINGAR FÖR KOMPLETTERANDE OCH FÖREBYGGANDE UTKOMSTSTÖD',
                   align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_y(200)
    pdf.set_font('LS', 'B', 13)
    pdf.cell(0, 7, 'Gäller från 1.1.2018', align='C', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font('LS', '', 11)
    pdf.cell(0, 7, 'Godkända av socialnämnden 12.12.2017 § 145', align='C', new_x='LMARGIN', new_y='NEXT')
    # ---- toc ------------------------------------------------------------------------------
    pdf.add_page()
    pdf.set_font('LS', 'B', 15)
    pdf.cell(0, 10, 'Innehåll', new_x='LMARGIN', new_y='NEXT')
    pdf.ln(3)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, text in CONTENT:
        if kind not in ('h1', 'h2'):
            continue
        indent = 0 if kind == 'h1' else 8
        pdf.set_font('LS', 'B' if kind == 'h1' else '', 10.5)
        num = str(toc_pages.get(text, 0))
        pdf.set_x(pdf.l_margin + indent)
        tw = pdf.get_string_width(text + ' ')
        nw = pdf.get_string_width(' ' + num)
        dotw = pdf.get_string_width('.')
        ndots = int((width - indent - tw - nw) / dotw)
        if kind == 'h1':
            pdf.ln(1.5)
            pdf.set_x(pdf.l_margin + indent)
        pdf.cell(width - indent, 6.2, text + ' ' + '.' * ndots, new_x='LMARGIN', new_y='TOP')
        pdf.cell(width, 6.2, num, align='R', new_x='LMARGIN', new_y='NEXT')
    # ---- body -----------------------------------------------------------------------------
    pdf.add_page()
    pages = {}
    for kind, val in CONTENT:
        if kind == 'h1':
            if pdf.get_y() > pdf.h - 55:
                pdf.add_page()
            pdf.ln(4)
            pdf.set_font('LS', 'B', 13.5)
            pages[val] = pdf.page_no()
            pdf.multi_cell(0, 7.5, val, new_x='LMARGIN', new_y='NEXT')
            pdf.ln(1.5)
        elif kind == 'h2':
            if pdf.get_y() > pdf.h - 45:
                pdf.add_page()
            pdf.ln(2.5)
            pdf.set_font('LS', 'B', 11.5)
            pages[val] = pdf.page_no()
            pdf.multi_cell(0, 6.5, val, new_x='LMARGIN', new_y='NEXT')
            pdf.ln(0.5)
        elif kind == 'p':
            pdf.set_font('LS', '', 10.5)
            pdf.multi_cell(0, 5.4, hy(val), align='J', new_x='LMARGIN', new_y='NEXT')
            pdf.ln(2.2)
        elif kind == 'list':
            pdf.set_font('LS', '', 10.5)
            for item in val:
                pdf.set_x(pdf.l_margin + 6)
                pdf.cell(6, 5.4, '•')
                pdf.multi_cell(0, 5.4, item, new_x='LMARGIN', new_y='NEXT')
            pdf.ln(2.2)
        elif kind == 'contact':
            pdf.set_font('LS', '', 10.5)
            for line in val:
                pdf.multi_cell(0, 5.4, line, new_x='LMARGIN', new_y='NEXT')
    pdf.output(path)
    return pages


def make(path):
    pages = render(path, {})
    pages2 = render(path, pages)
    assert pages == pages2, 'TOC changed the layout'
