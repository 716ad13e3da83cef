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

from .amounts import (amounts_from_table, explains_other_payer, household_after, household_phrase, household_size,
                      named_periods, paid_by_others, parse_amounts, per_head, stated_qualifier)
from .basic_amount import to_euros
from .categories import (classify_chapter, match_heading, mentioned_categories, mentioned_support_type,
                         only_basic_support)
from ..model import (Amount, AmountMatch, CategoryDecision, CategoryResult, DecisionCandidate, DecisionMatch,
                     Document, DocumentDecision, Extraction, GuidelineInfo, SectionRef, Table, file_label, slugify)
from ..read.pdf import read_pdf
from .roles import decisions_from_list, decisions_from_table, find_decisions, near_miss, split_sentences
from .vocab import Rules
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
    return extract_document(read_pdf(path, rules.document.reader, password=password, ocr=ocr), rules,
                            file_label(path))


@dataclass
class _Scope:
    level: int
    kind: str  # supplementary | preventive | basic | general | category
    categories: tuple[str, ...] = ()


def extract_document(doc: Document, rules: Rules, file_name: str) -> Extraction:
    lang = language(doc, rules.document)
    meta = cover(doc, rules.document)
    result = Extraction(
        guideline=GuidelineInfo(id=slugify(file_name), file=file_name, sha256=doc.sha256,
                                pages=doc.page_count, language=lang, issuer=meta.issuer,
                                title=meta.title, valid_from=meta.valid_from),
        warnings=list(doc.warnings),
    )
    found: dict[str, CategoryResult] = {}
    candidates: list[DecisionCandidate] = []
    stack: list[_Scope] = []
    for section in sections(doc, rules.document):
        while stack and stack[-1].level >= section.level:
            stack.pop()
        chapter = next((s.kind for s in reversed(stack) if s.kind != "category"), None)
        parent = next((s for s in reversed(stack) if s.kind == "category"), None)
        kind = classify_chapter(section.heading, rules.categories)
        if parent is not None and kind == "general":
            kind = None  # "Hakeminen" or "Päätösvalta" inside a category section is about that category
        ids = [] if chapter in ("basic", "general") else match_heading(section.heading, rules.categories, lang)
        if not (kind or ids or chapter or parent) and _introduces_basic_support(section, rules):
            kind = "basic"  # "Toimeentulotuen menot", then Kela's asumismenot, terveydenhuoltomenot
        if kind and not ids:
            stack.append(_Scope(section.level, kind))
            if kind != "basic" and chapter != "basic":
                _document_rules(section, rules, lang, kind if kind in _SUPPORT else chapter, result, candidates)
            continue
        if chapter == "basic":
            continue
        if ids:
            support = chapter if chapter in _SUPPORT else None
            for cid in ids:
                entry = found.setdefault(cid, CategoryResult(id=cid, support_type=support))
                entry.support_type = entry.support_type or support
                entry.sections.append(SectionRef(section.heading, section.page))
            stack.append(_Scope(section.level, "category", tuple(ids)))
            _category_content(section, ids, found, rules, lang, candidates, meta.valid_from)
        elif parent is not None:
            _category_content(section, list(parent.categories), found, rules, lang, candidates, meta.valid_from)
        else:
            if chapter != "general" and section.heading:
                result.unmatched_sections.append(SectionRef(section.heading, section.page))
            _document_rules(section, rules, lang, chapter, result, candidates)
    if not found:
        _single_topic_sheet(doc, meta.title, found, rules, lang, result, candidates, meta.valid_from)
    result.categories = list(found.values())
    result.decision_candidates = _unresolved(candidates, found, result)
    if not result.categories:
        result.warnings.append("no expense category found: is this a supplementary/preventive guideline?")
    return result


def _introduces_basic_support(section: Section, rules: Rules) -> bool:
    """A chapter under a neutral title whose introduction speaks only of Kela's basic support."""
    first = next(iter(section.paragraphs), None)
    return first is not None and only_basic_support(first.text, rules.categories)


def _single_topic_sheet(doc: Document, title: str | None, found: dict[str, CategoryResult], rules: Rules,
                        lang: str, result: Extraction, candidates: list[DecisionCandidate],
                        valid_from: str | None) -> None:
    """A short instruction sheet whose title names one category and whose body has no category
    headings is, as a whole, that category: its rules and amounts are the category's."""
    ids = match_heading(title or "", rules.categories, lang)
    if len(ids) != 1:
        return
    kind = classify_chapter(title, rules.categories)
    body = sections(doc, rules.document)
    support = kind if kind in _SUPPORT else mentioned_support_type(title, rules.categories) or next(
        (named for section in body for p in section.paragraphs
         if (named := mentioned_support_type(p.text, rules.categories))), None)
    found[ids[0]] = CategoryResult(id=ids[0], support_type=support, sections=[SectionRef(title, 1)])
    result.decision_makers.clear()
    result.unmatched_sections.clear()
    candidates.clear()
    for section in body:
        if classify_chapter(section.heading, rules.categories) not in ("basic", "general"):
            _category_content(section, ids, found, rules, lang, candidates, valid_from)


def _unresolved(candidates: list[DecisionCandidate], found: dict[str, CategoryResult],
                result: Extraction) -> list[DecisionCandidate]:
    """The near misses of the places that ended without a decision rule: a category section
    without rules of its own, or the document outside categories without document-wide rules."""
    kept = [c for c in candidates
            if (c.category is None and not result.decision_makers)
            or (c.category is not None and not found[c.category].decision_makers)]
    return list(dict.fromkeys(kept))


def _sentences(paragraph: Paragraph, rules: Rules):
    """Sentences of a paragraph, each with its offset in the paragraph (for Paragraph.page_at)."""
    offset = 0
    for sentence in split_sentences(paragraph.text, rules.roles.sentences):
        start = paragraph.text.find(sentence, offset)
        start = offset if start < 0 else start
        offset = start + len(sentence)
        yield sentence, start


def _category_content(section: Section, ids: list[str], found: dict[str, CategoryResult],
                      rules: Rules, lang: str, candidates: list[DecisionCandidate], valid_from: str | None) -> None:
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
    context = _AmountContext(rules, lang, valid_from, _section_period(section, rules, lang))
    # "enintään" said once for the sums listed after a lead-in ("Enimmäismäärät ovat:"); the
    # sentence right before a table leads it in even without a colon
    lead_qualifier: str | None = None
    before_table: str | None = None
    led_tables: dict[tuple[str, ...], str | None] = {}  # header → its lead-in's qualifier
    for block in section.blocks:
        if isinstance(block, Table):
            header = tuple(block.rows[0]) if block.rows else ()
            # a table continued over a page break repeats its header and keeps its lead-in
            led_tables.setdefault(header, lead_qualifier or before_table)
            _table_content(block, topic, found, context, led_tables[header])
            continue
        if id(block) in consumed:
            continue
        topic = ids
        for sentence, start in _sentences(block, rules):
            if not parse_amounts(sentence, lang, rules.amounts):
                before_table = stated_qualifier(sentence, lang, rules.amounts)
                lead_qualifier = before_table if sentence.rstrip().endswith(":") else None
            else:
                before_table = None
            decisions = find_decisions(sentence, rules.roles, lang)
            if decisions:
                page = block.page_at(start)
                for cid in owners(sentence):
                    found[cid].decision_makers.extend(
                        CategoryDecision(d.role, d.condition, page, d.text) for d in decisions)
                continue
            reason = near_miss(sentence, rules.roles, lang)
            if reason:
                candidates.append(DecisionCandidate(sentence, block.page_at(start), reason, owners(sentence)[0]))
            matches = _county_amounts(sentence, lang, rules.amounts)
            # "kertaluonteisesti max. 300 €/hlö, kuitenkin enintään 900 euroa": one period for both
            # (a sum's own "€/kk" is its own, not the sentence's: "a: 200 €, b: 40 €/kk")
            stated = named_periods(_without_sums(sentence, matches), lang, rules.amounts) if matches else set()
            sentence_per = stated.pop() if len(stated) == 1 else None
            for cid in owners(sentence):
                found[cid].amounts.extend(
                    context.amount(replace(m, per=m.per or sentence_per,
                                           qualifier=_led(m.qualifier, lead_qualifier),
                                           applies_to=m.applies_to or _household_near(sentence, matches, i, lang,
                                                                                     rules.amounts)),
                                   cid, block.page_at(start + m.start), _label_before(sentence, matches, i))
                    for i, m in enumerate(matches))


def _without_sums(sentence: str, matches: list[AmountMatch]) -> str:
    for match in matches:
        if match.start >= 0:
            sentence = sentence[:match.start] + " " * (match.end - match.start) + sentence[match.end:]
    return sentence


def _label_before(sentence: str, matches: list[AmountMatch], index: int) -> str | None:
    """The label of a "label: amount" item, between the amount before and this one."""
    match = matches[index]
    previous_end = max((m.end for m in matches[:index] if m.end <= match.start), default=0)
    found = _LIST_LABEL.search(sentence[previous_end:match.start])
    if not found or len(found["label"].split()) > _LABEL_WORDS:
        return None
    return found["label"].strip()


def _household_near(sentence: str, matches: list[AmountMatch], index: int, lang: str,
                    vocabulary: Path) -> str | None:
    """The household an amount of a sentence is for, named in its own clause: between the amount
    before it and itself ("Yksin asuvalle ... 350 euroa ja lapsiperheelle ... 500 euroa",
    "- yksin asuva enintään 300 euroa"), or in brackets right after it ("300 euroa (1 hlö)")."""
    match = matches[index]
    after = _BRACKET_AFTER.match(sentence, match.end)
    if after and (found := household_phrase(after["words"], lang, vocabulary)):
        return found[0]
    next_start = min((m.start for m in matches[index + 1:] if m.start >= match.end), default=len(sentence))
    # "300 € för en ensamstående och 450 € för en familj"; but "30 % av grunddelen för en
    # ensamstående" names whose basic amount the share is of
    if match.unit != "percent_of_basic_amount" and (
            named := household_after(sentence[match.end:next_start], lang, vocabulary)):
        return named
    previous_end = max((m.end for m in matches[:index] if m.end <= match.start), default=0)
    before = sentence[previous_end:match.start]
    if index and household_after(before, lang, vocabulary):
        return None  # the household named after the amount before belongs to it
    found = household_phrase(before, lang, vocabulary)
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
        persons = household_size(applies_to, self.lang, self.rules.amounts)
        per = match.per or self.section_per
        eur_value, eur_basis = None, None
        if match.unit == "EUR":
            eur_value = match.value
        elif match.unit == "percent_of_basic_amount":
            conversion = to_euros(match.value, self.valid_from, match.text, self.rules.basic_amounts)
            eur_value, eur_basis = conversion.eur_value, conversion.basis
        return Amount(match.value, match.unit, match.qualifier, per, applies_to, page, match.text,
                      persons=persons, per_head=None if persons else per_head(applies_to, self.lang, self.rules.amounts),
                      per_source="sentence" if match.per else "section" if per else None,
                      eur_value=eur_value, eur_basis=eur_basis,
                      item=self._item(label, category) if not persons else None)

    def _item(self, label: str | None, category: str) -> str | None:
        """A label that is neither a household, an age band, a head nor the category itself
        names a part of the category (estate inventory under funeral costs)."""
        if not label or any(ch.isdigit() for ch in label) or per_head(label, self.lang, self.rules.amounts):
            return None
        name = self.rules.categories.name(category, self.lang) or ""
        first, own = label.split()[0].casefold(), (name.split() or [""])[0].casefold()
        shared = len(os.path.commonprefix([first, own]))
        return None if shared >= min(_MAIN_COST_STEM, len(first), len(own)) else label


def _section_period(section: Section, rules: Rules, lang: str) -> str | None:
    """The period a section states once for all its amounts: in a lead-in to a list or table
    ("Kodinhankintoihin myönnetään kertaluonteisena tukena kiinteä summa seuraavasti:"), in an
    amount table's header, or else in any sentence that gives no amount. None when the most
    telling of these name no period, or more than one."""
    leads: set[str] = set()
    others: set[str] = set()
    for block in section.blocks:
        if isinstance(block, Table):
            if block.rows and not decisions_from_table(block.rows, rules.roles, lang):
                leads |= named_periods(" ".join(block.rows[0]), lang, rules.amounts)
            continue
        for sentence, _ in _sentences(block, rules):
            if not parse_amounts(sentence, lang, rules.amounts) and not find_decisions(sentence, rules.roles, lang):
                (leads if sentence.rstrip().endswith(":") else others).update(
                    named_periods(sentence, lang, rules.amounts))
    periods = leads or others
    return periods.pop() if len(periods) == 1 else None


def _county_amounts(sentence: str, lang: str, vocabulary: Path) -> list[AmountMatch]:
    """The amounts a sentence gives for the county's own grant, not for Kela's benefits."""
    if paid_by_others(sentence, lang, vocabulary):
        return []
    return [m for m in parse_amounts(sentence, lang, vocabulary)
            if not explains_other_payer(sentence, m.start, lang, vocabulary)]


def _led(qualifier: str, lead_qualifier: str | None) -> str:
    """An amount's own qualifier, or its lead-in's where the amount's words give none."""
    return lead_qualifier if qualifier == "fixed" and lead_qualifier else qualifier


def _table_content(table: Table, ids: list[str], found: dict[str, CategoryResult],
                   context: _AmountContext, lead_qualifier: str | None = None) -> None:
    decisions = decisions_from_table(table.rows, context.rules.roles, context.lang)
    for cid in ids:
        if decisions:
            found[cid].decision_makers.extend(
                CategoryDecision(d.role, d.condition, table.page, d.text) for d in decisions)
        else:
            found[cid].amounts.extend(
                context.amount(replace(m, qualifier=_led(m.qualifier, lead_qualifier)), cid, table.page,
                               m.applies_to)
                for m in amounts_from_table(table.rows, context.lang, context.rules.amounts))


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
        lead_in = split_sentences(block.text, rules.roles.sentences)[-1]
        for index, d in decisions_from_list(lead_in, [item.text for item in items], rules.roles, lang):
            found.append((items[index], d))
            consumed.add(id(items[index]))
    return found, consumed


def _document_rules(section: Section, rules: Rules, lang: str, chapter: str | None,
                    result: Extraction, candidates: list[DecisionCandidate]) -> None:
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
        for sentence, start in _sentences(paragraph, rules):
            if only_basic_support(sentence, rules.categories):
                continue  # who decides basic support (Kela, or a municipality before 2017) is no rule of ours
            decisions = find_decisions(sentence, rules.roles, lang)
            for d in decisions:
                result.decision_makers.append(
                    DocumentDecision(d.role, scope_of(sentence), d.condition, paragraph.page_at(start), d.text))
            reason = None if decisions else near_miss(sentence, rules.roles, lang)
            if reason:
                candidates.append(DecisionCandidate(sentence, paragraph.page_at(start), reason, None))
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
