"""The record check has two forms: the schema walked with paths (says where a record is wrong) and the
same checks generated as Python (answers yes or no, 4–5× faster, asked of every cached record). They
must agree on every record, whatever a damaged or planted file holds."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, committed
from guidecmp.app.validate import _compiled_check, _first_problem, check_record, extraction_schema

RECORD = json.loads(committed(ROOT / "baselines" / "vantaa-2015.json").read_text(encoding="utf-8"))

# Values at the edges of what the schema allows, and some of any shape.
EDGES = ["", "x", None, True, False, 0, 1, -1, 0.5, -0.5, [], {}, [1], [1, None], [1, 2, 3], [0, 1], ["x"],
         "EUR", "max", "once", "person", "section", "fi", "sv", "supplementary", "a" * 64, "0" * 64, "x-1",
         "X", "2024-01-01", "2024-01-01\n", "guidecmp.extraction/1"]
ODD_VALUES = st.one_of(st.sampled_from(EDGES), st.floats(allow_nan=True), st.text(max_size=3))


def _places(value, path=()):
    """Every (container, key) in a JSON value, the top excluded."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (path, key)
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (path, index)
            yield from _places(item, (*path, index))


PLACES = list(_places(RECORD))


def _walked(record, annotated: bool) -> bool:
    schema = extraction_schema()
    return _first_problem(record, schema, schema, "", annotated) is None


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(["replace", "delete", "add"]), ODD_VALUES),
                min_size=1, max_size=3), st.booleans())
def test_the_generated_check_agrees_with_the_walk(edits, annotated):
    record = copy.deepcopy(RECORD)
    for (path, key), how, value in edits:
        container = record
        try:
            for step in path:
                container = container[step]
            if how == "replace":
                container[key] = value
            elif how == "delete":
                del container[key]
            elif isinstance(container, dict):
                container[f"extra_{key}"] = value
            else:
                container.append(value)
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier edit took this place away (or made it a string)
    assert _compiled_check(annotated)(record) == _walked(record, annotated)


@pytest.mark.parametrize("annotated", [False, True])
def test_a_real_record_passes_both(annotated):
    assert _compiled_check(annotated)(RECORD) and _walked(RECORD, annotated)


def test_a_failing_record_is_still_told_where():
    record = copy.deepcopy(RECORD)
    record["categories"][0]["amounts"] = [{"value": -1}]
    with pytest.raises(ValueError, match=r"/categories/0/amounts/0"):
        check_record(record)
