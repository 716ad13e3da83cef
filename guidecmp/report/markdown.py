"""Markdown tables, GitHub style, padded so that the text itself reads as a table.

tabulate made these before; at 1 800 guidelines it spent seconds measuring every cell's width
with wcwidth and guessing number types we had switched off. Cells here are one line of already
escaped text (`safe.markdown_text`), so padding by `len` is all a table needs.
"""

from __future__ import annotations

from collections.abc import Sequence

Align = str  # "left", "center" or "right"
_FORMAT = {"left": "<", "center": "^", "right": ">"}


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[Align] | None = None) -> str:
    """`| a | b |` lines: a header, a rule, the rows; each column as wide as its widest cell and at
    least two wider than its header (tabulate's github layout)."""
    header = [h.strip() for h in headers]
    body = [[str(cell).strip() for cell in row] for row in rows]
    align = align if body else None  # tabulate aligns a header by its cells; without any, to the left
    widths = [max([len(h) + 2] + [len(row[i]) for row in body if i < len(row)]) for i, h in enumerate(header)]
    specs = [f"{_FORMAT[(align[i] if align and i < len(align) and align[i] else 'left')]}{w}"
             for i, w in enumerate(widths)]

    def line(cells: Sequence[str]) -> str:
        padded = list(cells) + [""] * (len(widths) - len(cells))
        return "| " + " | ".join(format(cell, spec) for cell, spec in zip(padded, specs)) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, body)])
