"""One guideline PDF → the extraction record: categories, amounts, decision rules, each with its page.

The chapter a section stands in decides its support type: sections of a basic-support chapter
(older guidelines) and general chapters are never categories. A subsection without a category of
its own belongs to the category above it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .amounts import (amounts_from_table, explains_other_payer, household_phrase, household_size, named_periods,
                      paid_by_others, parse_amounts, per_head)
from .basic_amount import to_euros
from .matching import classify_chapter, match_heading, mentioned_categories, mentioned_support_type
from .model import (Amount, AmountMatch, CategoryDecision, CategoryResult, DecisionMatch, Document,
                    DocumentDecision, Extraction, GuidelineInfo, SectionRef, Table)
from .reader import read_pdf
from .roles import decisions_from_list, decisions_from_table, find_decisions, split_sentences
from .rules import Rules
from .store import slugify
from .structure import Paragraph, Section, cover, language, sections

_SUPPORT = ("supplementary", "preventive")
_LIST_MARKS = ("•", "-", "–", "*")
# a label whose first word shares this many leading letters with the category's name is the
# category's main cost ("hautauskulut" under Hautauskustannukset), not a part of it
_MAIN_COST_STEM = 7
# "- perunkirjoitus: enintään 150 euroa": the label of a list item says what the amount is for
# also when a rendering lost the list marks and ran the items together ("yhdistelmävaunut: enintään
# 250 euroa lastenrattaat: enintään 120 euroa"): the words between the amount before and "label:"
_LIST_LABEL = re.compile(r"(?:^|[•\-–*]|\d{1,2}[.)]|[a-z]\)|:)\s*(?P<label>[^\W\d][^:.;!?()•\d]{0,59}?)\s*:\s*\Z")
_LABEL_WORDS = 4  # a longer "label" is a sentence's lead-in, not the name of an item
# "noin 300 euroa (1 hlö)": a household named in brackets right after the amount
_BRACKET_AFTER = re.compile(r"\s*\((?P<words>[^()]{1,40})\)")


def extract_file(path: Path, rules: Rules, password: str | None = None, ocr: bool = False) -> Extraction:
    """Read and extract one PDF (raises reader.ReadError for files that cannot be read)."""
    return extract_document(read_pdf(path, password=password, ocr=ocr), rules, Path(path).name)


@dataclass
class _Scope:
    level: int
    kind: str  # supplementary | preventive | basic | general | category
    categories: tuple[str, ...] = ()


def extract_document(doc: Document, rules: Rules, file_name: str) -> Extraction:
    lang = language(doc)
    meta = cover(doc)
    result = Extraction(
        guideline=GuidelineInfo(id=slugify(file_name), file=file_name, sha256=doc.sha256,
                                pages=doc.page_count, language=lang, issuer=meta.issuer,
                                title=meta.title, valid_from=meta.valid_from),
        warnings=list(doc.warnings),
    )
    found: dict[str, CategoryResult] = {}
    stack: list[_Scope] = []
    for section in sections(doc):
        while stack and stack[-1].level >= section.level:
            stack.pop()
        chapter = next((s.kind for s in reversed(stack) if s.kind != "category"), None)
        parent = next((s for s in reversed(stack) if s.kind == "category"), None)
        kind = classify_chapter(section.heading, rules.categories)
        if parent is not None and kind == "general":
            kind = None  # "Hakeminen" or "Päätösvalta" inside a category section is about that category
        ids = [] if chapter in ("basic", "general") else match_heading(section.heading, rules.categories, lang)
        if kind and not ids:
            stack.append(_Scope(section.level, kind))
            if kind != "basic" and chapter != "basic":
                _document_rules(section, rules, lang, kind if kind in _SUPPORT else chapter, result)
            continue
        if chapter == "basic":
            continue
        if ids:
            support = chapter if chapter in _SUPPORT else None
            for cid in ids:
                entry = found.setdefault(cid, CategoryResult(id=cid, support_type=support))
                entry.sections.append(SectionRef(section.heading, section.page))
            stack.append(_Scope(section.level, "category", tuple(ids)))
            _category_content(section, ids, found, rules, lang, meta.valid_from)
        elif parent is not None:
            _category_content(section, list(parent.categories), found, rules, lang, meta.valid_from)
        else:
            if chapter != "general":
                result.unmatched_sections.append(SectionRef(section.heading, section.page))
            _document_rules(section, rules, lang, chapter, result)
    result.categories = list(found.values())
    if not result.categories:
        result.warnings.append("no expense category found: is this a supplementary/preventive guideline?")
    return result


def _sentences(paragraph: Paragraph):
    """Sentences of a paragraph, each with its offset in the paragraph (for Paragraph.page_at)."""
    offset = 0
    for sentence in split_sentences(paragraph.text):
        start = paragraph.text.find(sentence, offset)
        start = offset if start < 0 else start
        offset = start + len(sentence)
        yield sentence, start


def _category_content(section: Section, ids: list[str], found: dict[str, CategoryResult],
                      rules: Rules, lang: str, valid_from: str | None) -> None:
    """Amounts and decision rules of a category section.

    In a section that covers several categories ("Vuokravakuus ja muuttokustannukset"), a sentence
    belongs to the category it names first, or else to the one the sentence before it was about;
    a table to the one the text before it was about.
    """
    topic = ids

    def owners(sentence: str) -> list[str]:
        nonlocal topic
        if len(ids) > 1:
            named = [c for c in mentioned_categories(sentence, rules.categories, lang) if c in ids]
            topic = named[:1] or topic
        return topic

    listed, consumed = _listed_decisions(section, rules, lang)
    for item, d in listed:
        for cid in owners(d.text):
            found[cid].decision_makers.append(CategoryDecision(d.role, d.condition, item.page_at(0), d.text))
    # each sentence is read once: the section's period needs every sentence before any amount is built
    readings = {id(block): [_read_sentence(sentence, start, rules, lang) for sentence, start in _sentences(block)]
                for block in section.blocks if not isinstance(block, Table)}
    context = _AmountContext(rules, lang, valid_from, _section_period(section, readings, rules, lang))
    for block in section.blocks:
        if isinstance(block, Table):
            _table_content(block, topic, found, context)
            continue
        if id(block) in consumed:
            continue
        topic = ids
        for sentence, start, decisions, parsed in readings[id(block)]:
            if decisions:
                page = block.page_at(start)
                for cid in owners(sentence):
                    found[cid].decision_makers.extend(
                        CategoryDecision(d.role, d.condition, page, d.text) for d in decisions)
                continue
            matches = _county_amounts(sentence, lang, parsed)
            # "kertaluonteisesti max. 300 €/hlö, kuitenkin enintään 900 euroa": one period for both
            stated = named_periods(sentence, lang) if matches else set()
            sentence_per = stated.pop() if len(stated) == 1 else None
            for cid in owners(sentence):
                found[cid].amounts.extend(
                    context.amount(replace(m, per=m.per or sentence_per,
                                           applies_to=m.applies_to or _household_near(sentence, matches, i, lang)),
                                   cid, block.page_at(start + m.start), _label_before(sentence, matches, i))
                    for i, m in enumerate(matches))


def _label_before(sentence: str, matches: list[AmountMatch], index: int) -> str | None:
    """The label of a "label: amount" item, between the amount before and this one."""
    match = matches[index]
    previous_end = max((m.end for m in matches[:index] if m.end <= match.start), default=0)
    found = _LIST_LABEL.search(sentence[previous_end:match.start])
    if not found or len(found["label"].split()) > _LABEL_WORDS:
        return None
    return found["label"].strip()


def _household_near(sentence: str, matches: list[AmountMatch], index: int, lang: str) -> str | None:
    """The household an amount of a sentence is for, named in its own clause: between the amount
    before it and itself ("Yksin asuvalle ... 350 euroa ja lapsiperheelle ... 500 euroa",
    "- yksin asuva enintään 300 euroa"), or in brackets right after it ("300 euroa (1 hlö)")."""
    match = matches[index]
    after = _BRACKET_AFTER.match(sentence, match.end)
    if after and (found := household_phrase(after["words"], lang)):
        return found[0]
    previous_end = max((m.end for m in matches[:index] if m.end <= match.start), default=0)
    found = household_phrase(sentence[previous_end:match.start], lang)
    return found[0] if found else None


@dataclass
class _AmountContext:
    """What an amount's own words may leave unsaid and its section or guideline tells."""

    rules: Rules
    lang: str
    valid_from: str | None
    section_per: str | None  # the one period the section states for all its amounts

    def amount(self, match: AmountMatch, category: str, page: int, label: str | None = None) -> Amount:
        """The contract's amount: `label` is a list item's or table row's label."""
        applies_to = match.applies_to or label
        persons = household_size(applies_to, self.lang)
        per = match.per or self.section_per
        eur_value, eur_basis = None, None
        if match.unit == "EUR":
            eur_value = match.value
        elif match.unit == "percent_of_basic_amount":
            conversion = to_euros(match.value, self.valid_from, match.text)
            eur_value, eur_basis = conversion.eur_value, conversion.basis
        return Amount(match.value, match.unit, match.qualifier, per, applies_to, page, match.text,
                      persons=persons, per_head=None if persons else per_head(applies_to, self.lang),
                      per_source="sentence" if match.per else "section" if per else None,
                      eur_value=eur_value, eur_basis=eur_basis,
                      item=self._item(label, category) if not persons else None)

    def _item(self, label: str | None, category: str) -> str | None:
        """A label that is neither a household, an age band, a head nor the category itself
        names a part of the category (estate inventory under funeral costs)."""
        if not label or any(ch.isdigit() for ch in label) or per_head(label, self.lang):
            return None
        name = self.rules.categories.name(category, self.lang) or ""
        first, own = label.split()[0].casefold(), (name.split() or [""])[0].casefold()
        shared = len(os.path.commonprefix([first, own]))
        return None if shared >= min(_MAIN_COST_STEM, len(first), len(own)) else label


def _read_sentence(sentence: str, start: int, rules: Rules, lang: str):
    """(sentence, start, its decision rules, its amounts): a decision rule's sum is its condition."""
    decisions = find_decisions(sentence, rules.roles, lang)
    return sentence, start, decisions, [] if decisions else parse_amounts(sentence, lang)


def _section_period(section: Section, readings: dict[int, list], rules: Rules, lang: str) -> str | None:
    """The period a section states once for all its amounts: in a lead-in to a list or table
    ("Kodinhankintoihin myönnetään kertaluonteisena tukena kiinteä summa seuraavasti:"), in an
    amount table's header, or else in any sentence that gives no amount. None when the most
    telling of these name no period, or more than one."""
    leads: set[str] = set()
    others: set[str] = set()
    for block in section.blocks:
        if isinstance(block, Table):
            if block.rows and not decisions_from_table(block.rows, rules.roles, lang):
                leads |= named_periods(" ".join(block.rows[0]), lang)
            continue
        for sentence, _, decisions, parsed in readings[id(block)]:
            if not parsed and not decisions:
                (leads if sentence.rstrip().endswith(":") else others).update(named_periods(sentence, lang))
    periods = leads or others
    return periods.pop() if len(periods) == 1 else None


def _county_amounts(sentence: str, lang: str, parsed: list[AmountMatch]) -> list[AmountMatch]:
    """The amounts a sentence gives for the county's own grant, not for Kela's benefits."""
    if paid_by_others(sentence, lang):
        return []
    return [m for m in parsed if not explains_other_payer(sentence, m.start, lang)]


def _table_content(table: Table, ids: list[str], found: dict[str, CategoryResult],
                   context: _AmountContext) -> None:
    decisions = decisions_from_table(table.rows, context.rules.roles, context.lang)
    for cid in ids:
        if decisions:
            found[cid].decision_makers.extend(
                CategoryDecision(d.role, d.condition, table.page, d.text) for d in decisions)
        else:
            found[cid].amounts.extend(
                context.amount(m, cid, table.page, m.applies_to)
                for m in amounts_from_table(table.rows, context.lang))


def _listed_decisions(section: Section, rules: Rules,
                      lang: str) -> tuple[list[tuple[Paragraph, DecisionMatch]], set[int]]:
    """Decision rules given as a list under a lead-in ("Päätösvalta on delegoitu seuraavasti:"
    then "• sosiaaliohjaaja: enintään 800 euroa"), and the ids of the list items they used."""
    found: list[tuple[Paragraph, DecisionMatch]] = []
    consumed: set[int] = set()
    blocks = section.blocks
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or not block.text.endswith(":"):
            continue
        items = []
        for following in blocks[index + 1:]:
            if not (isinstance(following, Paragraph) and following.text[:1] in _LIST_MARKS):
                break
            items.append(following)
        lead_in = split_sentences(block.text)[-1]
        for index, d in decisions_from_list(lead_in, [item.text for item in items], rules.roles, lang):
            found.append((items[index], d))
            consumed.add(id(items[index]))
    return found, consumed


def _document_rules(section: Section, rules: Rules, lang: str, chapter: str | None,
                    result: Extraction) -> None:
    """Decision rules outside category sections, scoped to what the sentence names."""

    def scope_of(sentence: str) -> str | None:
        named = mentioned_categories(sentence, rules.categories, lang)
        if len(named) == 1:
            return named[0]
        return mentioned_support_type(sentence, rules.categories) or (chapter if chapter in _SUPPORT else None)

    listed, consumed = _listed_decisions(section, rules, lang)
    for item, d in listed:
        result.decision_makers.append(
            DocumentDecision(d.role, scope_of(d.text), d.condition, item.page_at(0), d.text))
    for paragraph in section.paragraphs:
        if id(paragraph) in consumed:
            continue
        for sentence, start in _sentences(paragraph):
            for d in find_decisions(sentence, rules.roles, lang):
                result.decision_makers.append(
                    DocumentDecision(d.role, scope_of(sentence), d.condition, paragraph.page_at(start), d.text))
    for table in section.tables:
        for rows, column_scope in _scoped_columns(table.rows, rules):
            header = " ".join(rows[0])  # "Ratkaisuvalta täydentävässä tuessa" scopes every row
            for d in decisions_from_table(rows, rules.roles, lang):
                scope = column_scope or scope_of(f"{header}. {d.text}")
                result.decision_makers.append(DocumentDecision(d.role, scope, d.condition, table.page, d.text))


def _scoped_columns(rows: tuple[tuple[str, ...], ...], rules: Rules):
    """A delegation table as it is, or one table per support type when its value columns are
    support types (Päättäjä | Täydentävä | Ehkäisevä): each column scopes its own limits."""
    header = rows[0]
    typed = {j: kind for j in range(1, len(header))
             if (kind := classify_chapter(header[j], rules.categories)) in _SUPPORT}
    if len(typed) < 2:
        yield rows, None
        return
    for j, kind in typed.items():
        yield tuple((row[0], row[j]) for row in rows if len(row) > j), kind
