"""Ruled tables from the PDFium objects the reader already has, without parsing the page again.

pdfplumber finds a table from the page's ruling: the straight pieces of every painted path, snapped
and joined into a grid. It gets them from a full pdfminer parse of the page, which cost more than
all the rest of reading. The same pieces are in PDFium's path objects (walked anyway to classify
the page), so the edges are built from them here, in pdfplumber's model, and handed to pdfplumber's
own grid functions; the text of each cell comes from the characters PDFium has already read.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

from .textnorm import HYPHEN_BREAK, join_lines, normalise

# pdfplumber's defaults for find_tables() and Table.extract(), which the tables were tuned with.
_SNAP = 3.0
_JOIN = 3.0
_INTERSECTION = 3.0
_EDGE_MIN_LENGTH = 3.0
_EDGE_MIN_LENGTH_PREFILTER = 1.0
_WORD_GAP = 3.0
_LINE_TOLERANCE = 3.0
# PDFium keeps points as 32-bit floats: a rule drawn straight can be off by this much after its matrix.
_STRAIGHT = 0.01

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def object_matrix(obj) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
        return IDENTITY
    return matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies `inner` and then `outer` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def path_edges(paths: list[tuple[object, Matrix]], height: float) -> list[dict]:
    """pdfplumber's edges of these path objects (each with the matrix of the form it stands in,
    IDENTITY on the page itself), in top-left page coordinates.

    As pdfminer sees a path: each subpath is the end points of its segments (a curve's control
    points are not among them, closing adds the start point), and every axis-parallel step
    between consecutive points is an edge, whether the path is stroked or filled.
    """
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    edges: list[dict] = []
    for obj, outer in paths:
        a, b, c, d, e, f = compose(object_matrix(obj), outer)
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        curve_points = 0
        for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                curve_points += 1
                if curve_points % 3:
                    continue  # a control point
            else:
                curve_points = 0
            if not pdfium_c.FPDFPathSegment_GetPoint(segment, px, py):
                continue
            point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                _add_steps(points, edges)
                points, start = [point], point
                continue
            points.append(point)
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                points.append(start)
        _add_steps(points, edges)
    return edges


def _add_steps(points: list[tuple[float, float]], edges: list[dict]) -> None:
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if abs(x0 - x1) <= _STRAIGHT and abs(y1 - y0) >= _EDGE_MIN_LENGTH_PREFILTER:
            top, bottom = min(y0, y1), max(y0, y1)
            edges.append({"x0": x0, "x1": x0, "top": top, "bottom": bottom, "doctop": top, "width": 0.0,
                          "height": bottom - top, "orientation": "v"})
        elif abs(y0 - y1) <= _STRAIGHT and abs(x1 - x0) >= _EDGE_MIN_LENGTH_PREFILTER:
            left, right = min(x0, x1), max(x0, x1)
            edges.append({"x0": left, "x1": right, "top": y0, "bottom": y0, "doctop": y0, "width": right - left,
                          "height": 0.0, "orientation": "h"})


def ruled_tables(edges: list[dict], text: str, textpage, height: float,
                 conjunctions: frozenset[str]) -> list[tuple[tuple[float, float, float, float], tuple[tuple[str, ...], ...]]]:
    """(bbox, rows of cell text) of each table the edges draw.

    A cell's characters are placed by their loose boxes (the font's full height, as pdfminer
    gives them): a comma's tight box sits below its line and would start a line of its own.
    """
    from pdfplumber.table import Table, cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
    from pdfplumber.utils import filter_edges

    merged = filter_edges(merge_edges(edges, _SNAP, _SNAP, _JOIN, _JOIN), min_length=_EDGE_MIN_LENGTH)
    cell_groups = cells_to_tables(intersections_to_cells(edges_to_intersections(merged, _INTERSECTION,
                                                                                _INTERSECTION)))
    found = []
    placed = _placed_chars(text, textpage, height) if cell_groups else []
    for cells in cell_groups:
        table = Table(None, cells)
        x0, top, x1, bottom = table.bbox
        chars = [ch for ch in placed if ch[2] >= x0 and ch[0] <= x1 and ch[3] >= top and ch[1] <= bottom]
        rows = []
        for row in table.rows:
            row_chars = [ch for ch in chars if _centre_in(ch, row.bbox)]
            rows.append(tuple("" if cell is None else _cell_text([ch for ch in row_chars if _centre_in(ch, cell)],
                                                                 text, conjunctions)
                              for cell in row.cells))
        found.append((table.bbox, tuple(rows)))
    return found


def _placed_chars(text: str, textpage, height: float) -> list[tuple[float, float, float, float, int]]:
    """(x0, top, x1, bottom, index) by the loose box of each inked character, a hyphen mark included."""
    rect = pdfium_c.FS_RECTF()
    chars = []
    for index, char in enumerate(text):
        if not char.isspace() and pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect):
            chars.append((rect.left, height - rect.top, rect.right, height - rect.bottom, index))
    return chars


def _centre_in(char, bbox) -> bool:
    x0, top, x1, bottom = bbox
    h_mid, v_mid = (char[0] + char[2]) / 2, (char[1] + char[3]) / 2
    return x0 <= h_mid < x1 and top <= v_mid < bottom


def _cell_text(chars, text: str, conjunctions: frozenset[str]) -> str:
    """A cell's characters as pdfplumber's extract_text sees them: lines by top, words by gaps."""
    if not chars:
        return ""
    lines: list[list] = []
    for char in sorted(chars, key=lambda ch: ch[1]):
        if lines and char[1] <= lines[-1][-1][1] + _LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    written = []
    for line in lines:
        line.sort(key=lambda ch: ch[0])
        words = ""
        previous = None
        for char in line:
            if previous is not None and (char[0] > previous[2] + _WORD_GAP
                                         or _spaced(text, previous[4], char[4])):
                words += " "
            words += "-" if text[char[4]] == HYPHEN_BREAK else text[char[4]]
            previous = char
        written.append(words)
    return normalise(join_lines(written, conjunctions))


def _spaced(text: str, before: int, after: int) -> bool:
    """Whether the page text has a space (written or PDFium's) between two neighbouring characters."""
    return before + 1 < after and text[before + 1:after].isspace()
