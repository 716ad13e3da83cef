"""Markdown tables (GitHub layout) written without tabulate: the same layout, a line per row."""

from hypothesis import given
from hypothesis import strategies as st

from guidecmp.report.markdown import markdown_table

CELL = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12)


def test_the_github_layout():
    table = markdown_table(["Menolaji", "AUR", "n"], [["Kodinhankinnat", "T", "5"], ["Vuokravakuus", "·", "12"]],
                           ["left", "center", "right"])
    assert table.splitlines() == [
        "| Menolaji       |  AUR  |   n |",
        "|----------------|-------|-----|",
        "| Kodinhankinnat |   T   |   5 |",
        "| Vuokravakuus   |   ·   |  12 |",
    ]


def test_a_table_without_rows_is_its_header_and_rule():
    assert markdown_table(["a", "b"], []) == "| a   | b   |\n|-----|-----|"


def test_a_short_row_gets_empty_cells():
    assert markdown_table(["a", "b"], [["x"]]).splitlines()[-1] == "| x   |     |"


@given(st.lists(CELL, min_size=1, max_size=4).flatmap(
    lambda headers: st.tuples(st.just(headers), st.lists(st.lists(CELL, min_size=len(headers), max_size=len(headers)),
                                                         max_size=4),
                              st.lists(st.sampled_from(["left", "center", "right"]), min_size=len(headers),
                                       max_size=len(headers)))))
def test_every_line_is_as_wide_and_every_cell_is_there(table):
    headers, rows, align = table
    lines = markdown_table(headers, rows, align).splitlines()
    assert len(lines) == len(rows) + 2
    assert len({len(line) for line in lines}) == 1
    assert set(lines[1]) <= {"|", "-"}
    for line, cells in zip([lines[0], *lines[2:]], [headers, *rows]):
        position = 0
        for cell in cells:
            position = line.index(cell.strip(), position)
