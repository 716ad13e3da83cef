"""JSON reports are written as an outline (outer levels one item per line, deeper values compact)
by the C encoder: the text must always be the same data as the value, whatever PDF text it holds."""

import json

from hypothesis import given
from hypothesis import strategies as st

from guidecmp.report.jsontext import report_json

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30)


@given(JSON_VALUES)
def test_the_outline_is_the_same_data(value):
    text = report_json(value)
    assert json.loads(text) == value
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_outer_levels_are_lines_and_deeper_values_one_line():
    text = report_json({"categories": [{"id": "rent", "rows": [{"amounts": [{"value": 1}]}]}], "empty": []})
    assert text.splitlines() == [
        "{",
        '  "categories": [',
        "    {",
        '      "id": "rent",',
        '      "rows": [',
        '        {"amounts": [{"value": 1}]}',
        "      ]",
        "    }",
        "  ],",
        '  "empty": []',
        "}",
    ]


def test_keys_that_are_not_strings_are_written_as_json_dumps_writes_them():
    for value in ({1: "a", None: "b", 2.5: "d"}, {True: "c"}):  # 1 and True are one key in one dict
        assert json.loads(report_json(value)) == json.loads(json.dumps(value))


def test_text_stays_readable_and_controls_stay_escaped():
    text = report_json({"heading": "Päätös\u2028kuuluu\n\x1b[31m"})
    assert "Päätös" in text and "\\n" in text and "\\u001b" in text and "\x1b" not in text
