"""Minimal hand-written WordprocessingML writer for the blind5 sample documents.

Builds a .docx (zip of XML parts) with: page headers/footers with PAGE / NUMPAGES fields, a
different first page, footnotes, tables with a repeated header row, inline DrawingML text boxes
("Huomioitavaa" boxes) and bordered one-cell "field" tables.  Inline markup in strings:
  **bold**   ~ soft hyphen   [^n] footnote reference n   \t tab
"""
import re
import zipfile
from xml.sax.saxutils import escape

W_NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'mc:Ignorable="w14 wp14"')

HDR = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def runs(text, rpr=''):
    """Turn marked-up text into w:r elements."""
    out = []
    bold = False
    for tok in re.split(r'(\*\*|~|\[\^\d+\]|\t)', text):
        if not tok:
            continue
        if tok == '**':
            bold = not bold
            continue
        props = rpr + ('<w:b/>' if bold else '')
        rp = f'<w:rPr>{props}</w:rPr>' if props else ''
        if tok == '~':
            out.append(f'<w:r>{rp}<w:softHyphen/></w:r>')
        elif tok == '\t':
            out.append(f'<w:r>{rp}<w:tab/></w:r>')
        elif tok.startswith('[^'):
            n = tok[2:-1]
            out.append('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                       f'<w:footnoteReference w:id="{n}"/></w:r>')
        else:
            out.append(f'<w:r>{rp}<w:t xml:space="preserve">{escape(tok)}</w:t></w:r>')
    return ''.join(out)


def para(text, style=None, ppr='', rpr=''):
    st = f'<w:pStyle w:val="{style}"/>' if style else ''
    return f'<w:p><w:pPr>{st}{ppr}</w:pPr>{runs(text, rpr)}</w:p>'


def field_runs(instr, shown, rpr=''):
    rp = f'<w:rPr>{rpr}</w:rPr>' if rpr else ''
    return (f'<w:r>{rp}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rp}<w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r>{rp}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{rp}<w:t>{shown}</w:t></w:r>'
            f'<w:r>{rp}<w:fldChar w:fldCharType="end"/></w:r>')


def cell(content_xml, width, shade=None, borders=True, valign=None):
    sh = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ''
    va = f'<w:vAlign w:val="{valign}"/>' if valign else ''
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{sh}{va}</w:tcPr>'
            f'{content_xml}</w:tc>')


def table(rows, widths, header_rows=1, style_borders='single', header_shade='D9E2F3',
          cell_style='TableText', header_style='TableHead', indent=0):
    """rows: list of lists of marked-up strings."""
    b = style_borders
    brd = ''.join(f'<w:{s} w:val="{b}" w:sz="4" w:space="0" w:color="7F7F7F"/>'
                  for s in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
    x = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
         f'<w:tblInd w:w="{indent}" w:type="dxa"/><w:tblBorders>{brd}</w:tblBorders>'
         '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="100" w:type="dxa"/>'
         '<w:right w:w="100" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr>'
         '<w:tblGrid>' + ''.join(f'<w:gridCol w:w="{w}"/>' for w in widths) + '</w:tblGrid>']
    for i, row in enumerate(rows):
        hdr = i < header_rows
        trpr = '<w:trPr><w:cantSplit/>' + ('<w:tblHeader/>' if hdr else '') + '</w:trPr>'
        cells = ''.join(
            cell(para(t, header_style if hdr else cell_style), w, header_shade if hdr else None)
            for t, w in zip(row, widths))
        x.append(f'<w:tr>{trpr}{cells}</w:tr>')
    x.append('</w:tbl>')
    return ''.join(x)


def textbox(paras_xml, shape_id, width_cm=15.9, height_cm=2.5, fill='F2F2F2', line='808080'):
    """Inline DrawingML text box (wps) holding the given paragraph XML."""
    cx = int(width_cm * 360000)
    cy = int(height_cm * 360000)
    return (
        '<w:p><w:pPr><w:pStyle w:val="BoxAnchor"/></w:pPr><w:r><w:drawing>'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Tekstiruutu {shape_id}"/>'
        '<wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
        f'<a:ln w="9525"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>'
        '</wps:spPr><wps:txbx><w:txbxContent>'
        f'{paras_xml}'
        '</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="108000" tIns="72000" rIns="108000" '
        'bIns="72000" anchor="t" anchorCtr="0"><a:spAutoFit/></wps:bodyPr>'
        '</wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


STYLES = """<w:styles {ns}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>
<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="{lang}"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:spacing w:before="360" w:after="160"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="100"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="2F5496"/><w:sz w:val="25"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{tocpos}"/></w:tabs><w:spacing w:before="100" w:after="40"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{tocpos}"/></w:tabs><w:spacing w:after="40"/><w:ind w:left="440"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="720" w:hanging="360"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="{tsize}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TableHead"><w:name w:val="Table Head"/><w:basedOn w:val="TableText"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="80"/></w:pPr><w:rPr><w:i/><w:sz w:val="19"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="BoxAnchor"><w:name w:val="Box Anchor"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="120" w:after="160"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="BoxText"><w:name w:val="Box Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4819"/><w:tab w:val="right" w:pos="9638"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="17"/><w:color w:val="595959"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Header"/></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="17"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>"""

NUMBERING = """<w:numbering {ns}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans"/></w:rPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2013"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def build_docx(path, body_xml, *, header_first='', header='', footer='', footer_first='',
               footnotes=None, font='Carlito', size=22, tsize=20, lang='fi-FI',
               title='', author='', created='2025-03-20T08:00:00Z', margins=(1134, 1134, 1417, 1134),
               page=(11906, 16838)):
    footnotes = footnotes or {}
    top, right, bottom, left = margins
    textwidth = page[0] - left - right
    sect = (f'<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/>'
            f'<w:headerReference w:type="first" r:id="rIdH2"/>'
            f'<w:footerReference w:type="default" r:id="rIdF1"/>'
            f'<w:footerReference w:type="first" r:id="rIdF2"/>'
            f'<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
            f'<w:pgSz w:w="{page[0]}" w:h="{page[1]}"/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
            f'w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr>')
    document = (HDR + f'<w:document {W_NS}><w:body>{body_xml}{sect}</w:body></w:document>')
    fn = [HDR + f'<w:footnotes {W_NS}>',
          '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
          '<w:r><w:separator/></w:r></w:p></w:footnote>',
          '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/>'
          '</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
    for n, txt in footnotes.items():
        fn.append(f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                  '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                  f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs(txt)}</w:p></w:footnote>')
    fn.append('</w:footnotes>')

    def hf(tag, inner):
        return HDR + f'<w:{tag} {W_NS}>{inner or "<w:p/>"}</w:{tag}>'

    ct = (HDR + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
          '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
          '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
          '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
          '<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
          '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
          '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
          '</Types>')
    rels = (HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>')
    R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    drels = (HDR + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             f'<Relationship Id="rIdS" Type="{R}styles" Target="styles.xml"/>'
             f'<Relationship Id="rIdT" Type="{R}settings" Target="settings.xml"/>'
             f'<Relationship Id="rIdN" Type="{R}numbering" Target="numbering.xml"/>'
             f'<Relationship Id="rIdFN" Type="{R}footnotes" Target="footnotes.xml"/>'
             f'<Relationship Id="rIdH1" Type="{R}header" Target="header1.xml"/>'
             f'<Relationship Id="rIdH2" Type="{R}header" Target="header2.xml"/>'
             f'<Relationship Id="rIdF1" Type="{R}footer" Target="footer1.xml"/>'
             f'<Relationship Id="rIdF2" Type="{R}footer" Target="footer2.xml"/>'
             '</Relationships>')
    settings = (HDR + f'<w:settings {W_NS}><w:defaultTabStop w:val="1304"/>'
                '<w:characterSpacingControl w:val="doNotCompress"/>'
                '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
                f'<w:themeFontLang w:val="{lang}"/><w:compat><w:compatSetting w:name="compatibilityMode" '
                'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>')
    core = (HDR + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>'
            f'<cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
            '</cp:coreProperties>')
    app = (HDR + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>Microsoft Office Word</Application></Properties>')
    styles = HDR + STYLES.format(ns=W_NS, font=font, size=size, tsize=tsize, lang=lang,
                                 tocpos=textwidth)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in [('[Content_Types].xml', ct), ('_rels/.rels', rels),
                           ('word/_rels/document.xml.rels', drels),
                           ('word/document.xml', document), ('word/styles.xml', styles),
                           ('word/settings.xml', settings),
                           ('word/numbering.xml', HDR + NUMBERING.format(ns=W_NS)),
                           ('word/footnotes.xml', ''.join(fn)),
                           ('word/header1.xml', hf('hdr', header)),
                           ('word/header2.xml', hf('hdr', header_first)),
                           ('word/footer1.xml', hf('ftr', footer)),
                           ('word/footer2.xml', hf('ftr', footer_first)),
                           ('docProps/core.xml', core), ('docProps/app.xml', app)]:
            zi = zipfile.ZipInfo(name, date_time=(2025, 3, 20, 8, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


_V = 'aeiouyäöåAEIOUYÄÖÅ'
_DIPH = {'ai', 'ei', 'oi', 'ui', 'yi', 'äi', 'öi', 'au', 'eu', 'iu', 'ou', 'ey', 'iy', 'äy', 'öy',
         'ie', 'uo', 'yö'}


def fi_hyph_word(w, mark='~'):
    """Insert soft-hyphen marks before every consonant+vowel pair (Finnish syllable rule)."""
    if len(w) < 9:
        return w
    out = [w[0]]
    for i in range(1, len(w)):
        lo, cur, prev = w[i].lower(), w[i], w[i - 1].lower()
        if 2 <= i <= len(w) - 2:
            if (cur not in _V and w[i + 1] in _V and any(c in _V for c in w[:i])):
                out.append(mark)
            elif (cur in _V and prev in _V and prev != lo and prev + lo not in _DIPH
                  and not (i >= 2 and w[i - 2].lower() in _V)):
                out.append(mark)
        out.append(w[i])
    return ''.join(out)


def fi_hyph(text, mark='~'):
    return re.sub(r'[A-Za-zÅÄÖåäö]{9,}', lambda m: fi_hyph_word(m.group(0), mark), text)
