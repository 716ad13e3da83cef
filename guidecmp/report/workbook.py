"""A write-only XLSX writer for the small, fixed part of the format the reports use.

openpyxl took most of a warm `compare -f xlsx` (its import and workbook machinery: 0.94× pdftotext
on the sample corpus, 17 s for 1 800 guidelines where the other formats take 6). The reports need
only text, numbers and dates, a bold header row, column widths, frozen panes, an autofilter and a
few number formats, so each row is written here as one XML string straight into a deflated part
of the zip package; no cell lives as an object. The tests read every file back with openpyxl.

Text is untrusted (it comes from PDFs). The callers make it inert first (`safe.spreadsheet_text`,
through `xlsx_cell`); this module only makes sure any text gives a valid file:

- a character XML 1.0 forbids (a C0 control other than tab, newline and carriage return, a lone
  surrogate, U+FFFE, U+FFFF) is written as its escape, as `safe.visible` writes controls (`\\x01`,
  `\\ud800`);
- `_xHHHH_`, which Excel reads as an escaped character, gets its underscore written as `_x005F_`,
  so it shows the text as it was (openpyxl reads it back so too: it drops every `x005F_`);
- a carriage return is written as `&#13;`, which XML parsers keep (a raw one becomes a newline).

No formula element is ever written: text is always a string cell.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import date

DATE_FORMAT = "d.m.yyyy"
WIDTH_SAMPLE_ROWS = 500  # column widths are measured on the first rows only (they are much alike)
# zlib's level: 1 writes the report of 1 800 guidelines 0.25-0.5 s of CPU sooner than the default 6
# (to_xlsx takes 1.3 s at 1), for a file a fifth larger (2.6 MB, 2.1 MB)
COMPRESS_LEVEL = 1
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same input gives the same bytes
ROWS_PER_WRITE = 512  # rows joined into one write to the zip: fewer calls into zlib

# Excel's serial day numbers count from 30.12.1899 from 1.3.1900 on; before it they are off by the
# 29.2.1900 that Excel keeps for Lotus 1-2-3's sake, so an earlier date is written as text
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()
_FIRST_SERIAL_DATE = date(1900, 3, 1)
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_OOXML_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# the fixed cell styles, by their index in styles.xml; one style per number format follows them
_FIXED_STYLES = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
                 '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
                 '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
                 '<alignment vertical="bottom" wrapText="1"/></xf>',
                 '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
                 '<alignment vertical="top" wrapText="1"/></xf>']
_BOLD, _BOLD_WRAPPED, _WRAPPED = 1, 2, 3
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_width(header: str, values) -> float:
    """Wide enough for the longest of the header and the values, 6 to 60 characters."""
    longest = max([len(str(header))] + [len(str(value or "")) for value in values])
    return min(max(6, longest + 2), 60)


def xml_text(text: str) -> str:
    """`text` as XML character data that gives the same text back (see the module docstring)."""
    if _XML_FORBIDDEN.search(text):
        text = _XML_FORBIDDEN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if "_x" in text:
        text = _OOXML_ESCAPE.sub("_x005F_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(text: str) -> str:
    """Our own text (a sheet title, a number format) as an attribute value."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _check_title(title: str, taken: Sequence[str]) -> None:
    """Excel refuses a workbook whose sheet title is long, has `[]:*?/\\`, starts or ends with `'`,
    or repeats another's (in any case): a title is ours, so this is a mistake in the code."""
    if (not 0 < len(title) <= 31 or _SHEET_TITLE_FORBIDDEN.search(title) or _XML_FORBIDDEN.search(title)
            or title[0] == "'" or title[-1] == "'"):
        raise ValueError(f"not a sheet title Excel accepts: {title!r}")
    if title.casefold() in (other.casefold() for other in taken):
        raise ValueError(f"two sheets titled {title!r}")


class Workbook:
    """Sheets are written as they are added; `to_bytes` finishes the package.

    Strings go to one shared-strings table (each distinct text escaped once); styles are the
    header styles, a wrapped text style and one style per number format used."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self._buffer, "w")
        self._titles: list[str] = []
        self._filters: list[str | None] = []  # each sheet's autofilter range, for its hidden defined name
        self._strings: dict[str, int] = {}
        self._formats: dict[str, int] = {}  # number format → style index

    def sheet(self, title: str, headers: Sequence[str], rows: Sequence[Sequence], *,
              text: Callable[[str, str], str] | None = None,
              number_formats: Callable[[Sequence], Sequence[str | None]] | None = None,
              widths: dict[str, float] | None = None, freeze: str = "A2", header_wrapped: bool = False,
              wrap_text: bool = False) -> None:
        """A sheet: a bold header row (wrapped and bottom-aligned if `header_wrapped`), then `rows`,
        panes frozen above and left of `freeze`, an autofilter over the table when it has rows.

        A value is a str, int, float, bool, date, or None (an empty cell, as are "", NaN and the
        infinities, which a cell cannot hold). `text(value, header)` turns a text into what is
        written (called once per distinct text of a column, so it must depend on nothing else).
        `number_formats(row)` gives each column's number format for that row (None: General); it
        applies to numbers and dates, and a date without one gets `DATE_FORMAT` (one before
        1.3.1900 is written as ISO text). `widths` overrides, by header, the measured width
        (`column_width` of the first rows' values as given). `wrap_text` wraps text cells and
        aligns them to the top."""
        _check_title(title, self._titles)
        self._titles.append(title)
        columns = [column_letter(index) for index in range(1, len(headers) + 1)]
        sample = rows[:WIDTH_SAMPLE_ROWS]
        widths = widths or {}
        cols = "".join(
            f'<col min="{index}" max="{index}" customWidth="1" '
            f'width="{widths.get(header) or column_width(header, (row[index - 1] for row in sample))}"/>'
            for index, header in enumerate(headers, start=1))
        header_style = _BOLD_WRAPPED if header_wrapped else _BOLD
        text_style = f' s="{_WRAPPED}"' if wrap_text else ""
        # each column's written texts: a PDF's text -> the rest of its cell after the reference
        text_cells: list[dict[str, str]] = [{} for _ in headers]
        style_lists: dict[tuple, list[str]] = {}  # a row's number formats -> each column's style attribute
        with self._zip.open(_part(f"xl/worksheets/sheet{len(self._titles)}.xml"), "w") as part:
            part.write((f'{_DECLARATION}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
                        f'{_sheet_views(freeze, first=len(self._titles) == 1)}<cols>{cols}</cols><sheetData>'
                        '<row r="1">' + "".join(
                            f'<c r="{column}1" s="{header_style}" t="s"><v>{self._string(header)}</v></c>'
                            for column, header in zip(columns, headers)) + "</row>").encode())
            chunk = []
            for number, row in enumerate(rows, start=2):
                formats = tuple(number_formats(row)) if number_formats else ()
                styles = style_lists.get(formats)
                if styles is None:
                    styles = style_lists[formats] = [f' s="{self._format_style(f)}"' if f else ""
                                                     for f in formats or [None] * len(headers)]
                cells = [f'<row r="{number}">']
                for index, value in enumerate(row):
                    kind = type(value)
                    if kind is str:
                        rest = text_cells[index].get(value)
                        if rest is None:
                            written = text(value, headers[index]) if text else value
                            rest = text_cells[index][value] = (
                                f'"{text_style} t="s"><v>{self._string(written)}</v></c>' if written else "")
                        if rest:
                            cells.append(f'<c r="{columns[index]}{number}{rest}')
                    elif value is None:
                        continue
                    elif kind is int or (kind is float and math.isfinite(value)):
                        cells.append(f'<c r="{columns[index]}{number}"{styles[index]}><v>{value!r}</v></c>')
                    elif kind is date and value < _FIRST_SERIAL_DATE:
                        text_index = self._string(value.isoformat())
                        cells.append(f'<c r="{columns[index]}{number}" t="s"><v>{text_index}</v></c>')
                    elif kind is date:
                        style = styles[index] or f' s="{self._format_style(DATE_FORMAT)}"'
                        cells.append(f'<c r="{columns[index]}{number}"{style}>'
                                     f'<v>{value.toordinal() - _EXCEL_EPOCH}</v></c>')
                    elif kind is bool:
                        cells.append(f'<c r="{columns[index]}{number}" t="b"><v>{int(value)}</v></c>')
                    elif kind is not float:  # NaN and the infinities stay empty
                        raise TypeError(f"no XLSX cell for {kind.__name__} in column {headers[index]!r}")
                cells.append("</row>")
                chunk.append("".join(cells))
                if len(chunk) == ROWS_PER_WRITE:
                    part.write("".join(chunk).encode())
                    chunk.clear()
            last = f"{columns[-1]}{len(rows) + 1}"
            self._filters.append(f"A1:{last}" if rows else None)
            chunk.append(f'</sheetData><autoFilter ref="A1:{last}"/>' if rows else "</sheetData>")
            part.write(("".join(chunk) + "</worksheet>").encode())

    def _string(self, text: str) -> int:
        index = self._strings.get(text)
        if index is None:
            index = self._strings[text] = len(self._strings)
        return index

    def _format_style(self, number_format: str) -> int:
        style = self._formats.get(number_format)
        if style is None:
            style = self._formats[number_format] = len(_FIXED_STYLES) + len(self._formats)
        return style

    def to_bytes(self) -> bytes:
        """The finished package; the workbook takes no more sheets after this."""
        if not self._titles:
            raise ValueError("a workbook needs a sheet")
        parts = {
            "[Content_Types].xml": self._content_types(),
            "_rels/.rels": (f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
                            f'Type="{_DOCUMENT_TYPE}officeDocument" Target="xl/workbook.xml"/></Relationships>'),
            "xl/workbook.xml": self._workbook(),
            "xl/_rels/workbook.xml.rels": self._workbook_relationships(),
            "xl/styles.xml": self._styles(),
            "xl/sharedStrings.xml": self._shared_strings(),
        }
        for name, text in parts.items():
            self._zip.writestr(_part(name), _DECLARATION + text)
        self._zip.close()
        return self._buffer.getvalue()

    def _content_types(self) -> str:
        sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sheet_type}"/>'
                         for n in range(1, len(self._titles) + 1))
        main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
                f'<Override PartName="/xl/styles.xml" ContentType="{main}.styles+xml"/>'
                f'<Override PartName="/xl/sharedStrings.xml" ContentType="{main}.sharedStrings+xml"/>'
                f'{sheets}</Types>')

    def _workbook(self) -> str:
        sheets = "".join(f'<sheet name="{_attribute(title)}" sheetId="{n}" r:id="rId{n}"/>'
                         for n, title in enumerate(self._titles, start=1))
        names = "".join(  # Excel keeps each sheet's autofilter range in a hidden name
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
            f'{_attribute(_quoted_title(title))}!{_absolute(ref)}</definedName>'
            for n, (title, ref) in enumerate(zip(self._titles, self._filters)) if ref)
        return (f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><bookViews><workbookView activeTab="0"/>'
                f'</bookViews><sheets>{sheets}</sheets>'
                + (f"<definedNames>{names}</definedNames>" if names else "") + "</workbook>")

    def _workbook_relationships(self) -> str:
        count = len(self._titles)
        sheets = "".join(f'<Relationship Id="rId{n}" Type="{_DOCUMENT_TYPE}worksheet" '
                         f'Target="worksheets/sheet{n}.xml"/>' for n in range(1, count + 1))
        return (f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">{sheets}'
                f'<Relationship Id="rId{count + 1}" Type="{_DOCUMENT_TYPE}styles" Target="styles.xml"/>'
                f'<Relationship Id="rId{count + 2}" Type="{_DOCUMENT_TYPE}sharedStrings" '
                f'Target="sharedStrings.xml"/></Relationships>')

    def _styles(self) -> str:
        """Fonts: regular and bold; the fixed styles, then one per number format (custom ids from 164)."""
        formats = "".join(f'<numFmt numFmtId="{164 + n}" formatCode="{_attribute(code)}"/>'
                          for n, code in enumerate(self._formats))
        styles = _FIXED_STYLES + [
            f'<xf numFmtId="{164 + n}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            for n in range(len(self._formats))]
        return (f'<styleSheet xmlns="{_MAIN}">'
                + (f'<numFmts count="{len(self._formats)}">{formats}</numFmts>' if formats else "")
                + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
                '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
                '<fills count="2"><fill><patternFill patternType="none"/></fill>'
                '<fill><patternFill patternType="gray125"/></fill></fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(styles)}">{"".join(styles)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                '</styleSheet>')

    def _shared_strings(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{xml_text(text)}</t></si>'
                        if text[:1].isspace() or text[-1:].isspace() else f"<si><t>{xml_text(text)}</t></si>"
                        for text in self._strings)
        return (f'<sst xmlns="{_MAIN}" uniqueCount="{len(self._strings)}">'
                f'{items}</sst>')


def _part(name: str) -> zipfile.ZipInfo:
    """A part's entry: fixed time, deflated at our level (a ZipInfo's own level wins over the
    ZipFile's; `_compresslevel` is its name up to 3.12 and an alias of `compress_level` after)."""
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = COMPRESS_LEVEL
    return info


def _sheet_views(freeze: str, *, first: bool) -> str:
    """The sheet view with panes frozen above and left of `freeze` ("A2": the header row)."""
    selected = ' tabSelected="1"' if first else ""
    match = re.fullmatch(r"([A-Z]+)([0-9]+)", freeze)
    if not match:
        raise ValueError(f"not a cell to freeze panes at: {freeze!r}")
    letters, row = match.groups()
    column = sum((ord(letter) - 64) * 26 ** power for power, letter in enumerate(reversed(letters)))
    split_columns, split_rows = column - 1, int(row) - 1
    if not split_columns and not split_rows:
        return f'<sheetViews><sheetView workbookViewId="0"{selected}/></sheetViews>'
    if split_columns and split_rows:
        pane = "bottomRight"
        selections = (f'<selection pane="topRight"/><selection pane="bottomLeft"/>'
                      f'<selection pane="bottomRight" activeCell="{freeze}" sqref="{freeze}"/>')
    else:
        pane = "bottomLeft" if split_rows else "topRight"
        selections = f'<selection pane="{pane}" activeCell="{freeze}" sqref="{freeze}"/>'
    splits = (f' xSplit="{split_columns}"' if split_columns else "") + (f' ySplit="{split_rows}"' if split_rows else "")
    return (f'<sheetViews><sheetView workbookViewId="0"{selected}><pane{splits} topLeftCell="{freeze}" '
            f'activePane="{pane}" state="frozen"/>{selections}</sheetView></sheetViews>')


def _quoted_title(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _absolute(ref: str) -> str:
    """A1:K20 → $A$1:$K$20."""
    return re.sub(r"([A-Z]+)([0-9]+)", r"$\1$\2", ref)
