"""Terminal tables drawn as lines of text, in rich's look (a heavy head box, cells wrapped in their
column, ratio columns filling the width).

A comparison of 1 800 guidelines prints some 50 000 table rows. rich's Table measured and laid
out each at about 1 ms (46 s for the whole report); these are plain strings, a few µs a row,
written as they are (`TextBlock`); titles and notes (`Styled`) keep their style on a terminal.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

Justify = str  # "left", "center" or "right"
_ALIGN = {"left": "<", "center": "^", "right": ">"}
_OTHER_SPACE = re.compile(r"[\t\n\x0b\x0c\r]")  # what textwrap also breaks at (or turns into spaces)
_SPACE = re.compile(r"\s")


class TextBlock:
    """Lines laid out already. `commands.options.print_renderables` writes them as they are; rich
    prints them too, as plain segments: never as markup, which "[koko ohje]" would be taken for."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = list(lines)

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        for line in self.lines:
            yield Segment(line)
            yield Segment.line()


@dataclass(frozen=True)
class Styled:
    """A line of a terminal report in a rich style ("bold", "dim"). Piped, it is written as plain
    text and rich is never imported; on a terminal or to a file rich prints it (wrapped, styled)."""

    text: str
    style: str = ""

    def __str__(self) -> str:
        return self.text

    def __rich_console__(self, console, options):
        from rich.text import Text

        yield Text(self.text, style=self.style)


@dataclass(frozen=True)
class Column:
    header: str
    justify: Justify = "left"
    no_wrap: bool = False  # too long: cut with "…" (a name, a code), not wrapped
    ratio: int | None = None  # a share of the room left when the table fills the width
    min_width: int | None = None
    max_width: int | None = None


def boxed_table(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[str]:
    """A table in a box: ┏━┳━┓ head, ┡━╇━┩ under it, │ between cells, └─┴─┘ at the bottom."""
    widths = column_widths(columns, rows, width - 3 * len(columns) - 1)
    top = "┏" + "┳".join("━" * (w + 2) for w in widths) + "┓"
    rule = "┡" + "╇".join("━" * (w + 2) for w in widths) + "┩"
    bottom = "└" + "┴".join("─" * (w + 2) for w in widths) + "┘"
    lines = [top, *_row_lines([c.header for c in columns], columns, widths, "┃ ", " ┃ ", " ┃", header=True), rule]
    for row in rows:
        lines += _row_lines(row, columns, widths, "│ ", " │ ", " │")
    return lines + [bottom]


def plain_table(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[str]:
    """A table without lines: columns one space apart, the header above the rows."""
    widths = column_widths(columns, rows, width - (len(columns) - 1))
    lines = _row_lines([c.header for c in columns], columns, widths, "", " ", "", header=True)
    for row in rows:
        lines += _row_lines(row, columns, widths, "", " ", "")
    return [line.rstrip() for line in lines]


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], room: int) -> list[int]:
    """Each column as wide as its longest line; when that does not fit `room`, wrappable columns
    give up width (the widest first) down to their longest word or `min_width`, and then, folding
    words, further. Ratio columns share what is left of the room in their ratio, each taking no
    more than its longest line."""
    natural, least = [], []
    for index, column in enumerate(columns):
        text = "\n".join([column.header] + [row[index] for row in rows if index < len(row)])
        longest = max(map(len, text.split("\n")))
        # words as textwrap breaks them: at spaces, not at the no-break space inside "1 200 €"
        word = max(map(len, text.replace("\n", " ").split(" ")))
        floor = longest if column.no_wrap else min(longest, column.min_width or word or 1)
        if column.max_width:
            longest, floor = min(longest, column.max_width), min(floor, column.max_width)
        natural.append(max(longest, column.min_width or 0, 1))
        least.append(max(floor, 1))
    widths = list(natural)
    flexible = [i for i, c in enumerate(columns) if c.ratio]
    share = room - sum(widths[i] for i in range(len(columns)) if i not in flexible)
    while flexible:  # a ratio column needing less than its share gives the rest to the others
        total = sum(columns[i].ratio or 0 for i in flexible)
        content = [i for i in flexible if natural[i] <= share * (columns[i].ratio or 0) // total]
        if not content:
            for i in flexible:
                widths[i] = max(least[i], share * (columns[i].ratio or 0) // total)
            widths[flexible[-1]] = max(least[flexible[-1]], share - sum(widths[i] for i in flexible[:-1]))
            break
        for i in content:
            widths[i] = natural[i]
            share -= natural[i]
        flexible = [i for i in flexible if i not in content]
    for floors in (least, [w if c.no_wrap else min(w, 4) for c, w in zip(columns, least)]):
        # down to each column's longest word (or min_width); then, words folded, to 4 characters
        while sum(widths) > room:
            shrinkable = [i for i in range(len(widths)) if widths[i] > floors[i]]
            if not shrinkable:
                break
            widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    return widths


def _row_lines(cells: Sequence[str], columns: Sequence[Column], widths: Sequence[int], left: str, between: str,
               right: str, *, header: bool = False) -> list[str]:
    cells = list(cells) + [""] * (len(columns) - len(cells))
    wrapped = [_cell_lines(cell, column, w) for cell, column, w in zip(cells, columns, widths)]
    specs = [f"{_ALIGN[column.justify]}{w}" for column, w in zip(columns, widths)]
    height = max(map(len, wrapped))
    if height > 1:  # a taller header cell (the matrix's upright codes) stands on the rule, as rich's vertical="bottom"
        wrapped = [[""] * (height - len(lines)) + lines if header else lines + [""] * (height - len(lines))
                   for lines in wrapped]
    return [left + between.join(map(format, line, specs)) + right for line in zip(*wrapped)]


def _cell_lines(text: str, column: Column, width: int) -> list[str]:
    if len(text) <= width and "\n" not in text:  # nearly every cell
        return [text]
    lines: list[str] = []
    for part in text.split("\n"):
        if column.no_wrap or len(part) <= width:
            lines.append(part if len(part) <= width else part[:max(width - 1, 0)] + "…")
        else:
            lines += wrap(part, width) or [""]
    return lines or [""]


def wrap(text: str, width: int) -> list[str]:
    """`textwrap.wrap(text, width, break_on_hyphens=False)`, a line at a time rather than a word at
    a time where the words are one space apart (nearly every cell; a 1 800-guideline report wraps
    20 000 of them): a line ends at the last space that fits, or is filled with the start of a word
    longer than a line, as textwrap does. Other text goes to textwrap."""
    if width < 1 or _OTHER_SPACE.search(text) or any(not word or word.isspace() for word in text.split(" ")):
        return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
    lines, start = [], 0
    while len(text) - start > width:
        end = start + width
        if text[end] == " ":  # the line is full at a word's end
            lines.append(text[start:end])
            start = end + 1
            continue
        cut = text.rfind(" ", start, end)
        after = text.find(" ", end)
        word_end = len(text) if after < 0 else after  # the end of the word the line's end cuts
        if cut < 0 or word_end - cut - 1 > width:  # a word longer than a line
            if _SPACE.search(text, max(cut + 1, start), word_end):
                # cut into pieces, a piece of no-break spaces alone would be dropped as a space
                return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
            lines.append(text[start:end])
            start = end
        else:
            lines.append(text[start:cut])
            start = cut + 1
    if start < len(text):
        lines.append(text[start:])
    return lines
