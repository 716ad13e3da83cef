"""Terminal tables drawn as text lines (report/terminal.py): every line fits, nothing is lost."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from guidecmp.report.terminal import Column, TextBlock, boxed_table, column_widths, plain_table

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö€0123456789–[]()\u00a0", min_size=1, max_size=14)
CELL = st.lists(WORD, max_size=6).map(" ".join)


def _table(columns: int):
    return st.tuples(st.lists(CELL, min_size=columns, max_size=columns),
                     st.lists(st.lists(CELL, min_size=columns, max_size=columns), max_size=5),
                     st.lists(st.sampled_from(["left", "center", "right"]), min_size=columns, max_size=columns),
                     st.lists(st.sampled_from([None, None, 2, 3]), min_size=columns, max_size=columns),
                     st.integers(40, 140))


@given(st.integers(1, 5).flatmap(_table))
def test_every_line_fits_and_every_character_is_there(table):
    headers, rows, justify, ratios, width = table
    columns = [Column(h, justify=j, ratio=r) for h, j, r in zip(headers, justify, ratios)]
    lines = boxed_table(columns, rows, width)
    assert len({len(line) for line in lines}) == 1
    assert len(lines[0]) <= max(width, 7 * len(columns) + 1)  # each column keeps 4 characters at least
    drawn = Counter(c for c in "".join(lines) if not c.isspace() and c not in "┏┳┓┃┡╇┩│└┴┘━─")
    assert drawn == Counter(c for cells in [headers, *rows] for cell in cells for c in cell if not c.isspace())


def test_ratio_columns_share_the_room_but_take_no_more_than_they_need():
    columns = [Column("Ohje", no_wrap=True), Column("Summat", ratio=3), Column("Päättää", ratio=2)]
    assert column_widths(columns, [["a", "400 €", "sosiaalityöntekijä " * 8]], 80) == [4, 6, 70]
    assert column_widths(columns, [["a", "x " * 60, "y " * 60]], 80) == [4, 45, 31]


def test_a_no_wrap_cell_is_cut_with_an_ellipsis_and_a_tall_header_stands_on_the_rule():
    lines = plain_table([Column("Menolaji", no_wrap=True, max_width=10), Column("A\nB\nC", justify="center")],
                        [["Henkilöllisyystodistus", "T"]], 40)
    assert lines == ["           A", "           B", "Menolaji   C", "Henkilöll… T"]


def test_rich_prints_a_block_as_plain_text_not_markup():
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=60, record=True, color_system=None)
    console.print(TextBlock(["sosiaalityöntekijä [koko ohje] [bold]x[/bold]"]))
    assert console.export_text() == "sosiaalityöntekijä [koko ohje] [bold]x[/bold]\n"
