"""A worker keeps what it inherits from the parent out of the garbage collector's sight: a full
collection would walk every inherited object and write to it, copying the parent's memory pages."""

import gc
from pathlib import Path

import guidecmp.extract.document as document
from guidecmp.app.options import ExtractOptions
from guidecmp.app.workers import run

CORPUS_PDF = Path(__file__).resolve().parent.parent / "guidelines" / "Vasa 2014.pdf"


class _Seen:
    def to_json(self) -> dict:
        return {"frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects()), "collecting": gc.isenabled()}


def test_a_worker_starts_with_the_inherited_objects_frozen(monkeypatch):
    monkeypatch.setattr(document, "extract_file", lambda path, rules, **_: _Seen())
    inherited = len(gc.get_objects())
    [outcome] = run([CORPUS_PDF], ExtractOptions(jobs=1))
    assert outcome.error is None
    assert outcome.data["frozen"] >= inherited  # what the worker found when it started
    assert outcome.data["tracked"] < inherited // 10  # what its collections still walk


def test_a_worker_collects_cycles_though_its_parent_does_not(monkeypatch):
    monkeypatch.setattr(document, "extract_file", lambda path, rules, **_: _Seen())
    gc.disable()  # as cli.main leaves the parent
    try:
        [outcome] = run([CORPUS_PDF], ExtractOptions(jobs=1))
    finally:
        gc.enable()
    assert outcome.error is None
    assert outcome.data["collecting"]  # pdfminer's page objects refer back to their parents
