"""Euro sums, percentages and months of rent in guideline text and in amount tables.

Guideline text is full of numbers that are not money: § references, dates, page markers, diary
and law numbers, phone numbers, clock times, ages and day counts. Those are masked first (each
character replaced by NUL, so every span stays valid) and can then never join a range or a
thousands group. Money needs a currency word or sign on the number itself or on a range / list
partner ("200–400 €", "100, 200 tai 300 euroa"); only in a table may the column header or
the other cells of the column stand in for it.

All words come from rules/amounts.toml: a new inflection or a Swedish qualifier is a data change.
"yli" / "över" and "alle" / "under" set thresholds; they map to `min` and `max` and stay in `text`.
A range or list shares one `text`, the whole "200–400 €", because the range is what makes its
ends a minimum and a maximum.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from ..bundled import default_rules_dir
from ..model import AmountMatch, Per, Qualifier, Unit
from ..read.textnorm import may_match, sieve_text, stem_sieve

__all__ = ["parse_amounts", "amounts_from_table", "household_size", "household_phrase", "household_after", "per_head", "named_periods",
           "stated_qualifier"]

AMOUNT_FILE = "amounts.toml"

_LETTER = r"[^\W\d_]"
_MASK_CHAR = "\x00"
_THOUSANDS = "[ \u00a0\u202f\u2009\u2007]"
_KINDS: tuple[Qualifier, ...] = ("max", "min", "approx")
# "300 euroa kerrallaan": per occasion, which `Per` cannot say; it is read like a period so that
# a period further away is not taken instead, and given out as None
_OCCASION = "occasion"

# A number as guidelines print it: "1 000", "1.000", "400,00", "300,-", "0,50"; never one that
# starts with 0 and goes on with digits (phone numbers, "09"), nor the tail of another number.
_NUMBER = re.compile(
    rf"""(?<!\w)(?<![\d{_MASK_CHAR}][.,])
    (?P<int>[1-9]\d{{0,2}}(?:{_THOUSANDS}\d{{3}})+(?!\d)
       |[1-9]\d{{0,2}}(?:\.\d{{3}})+(?!\d|\.\d)
       |(?:0|[1-9]\d*)(?:\.\d{{1,2}}(?!\d|\.\d))?)
    (?P<dec>,(?:\d+|--?|–)(?![\d,]))?
    (?![\d])""",
    re.VERBOSE,
)
_SLASH_WORD = re.compile(rf"[ \t]?/[ \t]?(?P<word>{_LETTER}+(?::{_LETTER}+)?)")
_STOP = re.compile(rf"[.,;:!?()\[\]\d{_MASK_CHAR}]")
_WORD = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_BARE_YEAR = re.compile(r"(?:19|20)\d\d")
_THOUSANDS_HEAD = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:{_THOUSANDS}\d{{3}})*{_THOUSANDS}\Z")
# a table cell with a number and no unit word: "300", "enintään 300", "200–400", "462 (436)"
_BARE_CELL = re.compile(
    r"\s*(?:(?P<q>[^\d€]*?)\s+)?€?\s*(?P<a>[\d., \u00a0]+?(?:,--?|,–)?)"
    r"(?:\s*[-–]\s*(?P<b>[\d., \u00a0]+?))?\s*\*?\s*(?:\([^)]*\))?\s*"
)


def _vocabulary_file(vocabulary: Path | None) -> Path:
    """The amounts.toml to read: the one of the rules folder in use, or the bundled one."""
    return vocabulary or default_rules_dir() / AMOUNT_FILE


def _alternation(words: list[str], case_sensitive: list[str] = (), compounds: bool = False) -> str:
    """A regex alternative for vocabulary entries, longest first so "enint." beats "enint".

    A "*" ending a word stands for any further letters: "enimmäis* on" matches "enimmäismäärä on".

    With `compounds`, an entry of four letters or more also matches as the last part of a
    compound word ("tapaamispäivää" ends in "päivää", "lukuvuosi" in "vuosi").
    """
    def piece(text: str) -> str:
        if text.endswith("*") and len(text) > 1:
            return re.escape(text[:-1]) + _LETTER + "*"
        return re.escape(text)

    parts = []
    for word in sorted(set(words) | set(case_sensitive), key=len, reverse=True):
        pattern = r"\s+".join(piece(part) for part in word.split())
        if word in case_sensitive:
            pattern = f"(?-i:{pattern})(?!-)"
        if compounds and len(word.rstrip("*")) >= 4:
            pattern = f"{_LETTER}*{pattern}"
        parts.append(pattern)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _stems(words: list[str]) -> list[str]:
    """What a match of each vocabulary entry contains for sure: its first part without "*" (the
    stems of a stem sieve, see _Grammar)."""
    firsts = [word.split()[0] if word.split() else "" for word in words]
    return [first[:-1] if first.endswith("*") and len(first) > 1 else first for first in firsts]


def _named(groups: dict[str, list[str]], compounds: bool = False) -> str:
    return "|".join(f"(?P<{kind}>{_alternation(words, compounds=compounds)})"
                    for kind, words in groups.items() if words)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class _Grammar:
    """The compiled word patterns of one language."""

    masks: tuple[re.Pattern[str], ...]
    diary_number: re.Pattern[str]
    tail: re.Pattern[str]
    currency_before: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    qualifier_kinds: tuple[tuple[Qualifier, re.Pattern[str]], ...]
    range_before: re.Pattern[str]
    range_after: re.Pattern[str]
    connector: re.Pattern[str]
    period_phrase: re.Pattern[str]
    period_noun: re.Pattern[str]
    per_noun: re.Pattern[str]
    toward_noun: re.Pattern[str]
    basic_amount: re.Pattern[str]
    reduction: re.Pattern[str]
    by_percent: frozenset[str]
    multipliers: dict[str, float]
    rent_word: re.Pattern[str]
    rent_forward: re.Pattern[str]
    rent_reverse: re.Pattern[str]
    rent_qualified: re.Pattern[str]  # "enintään kuukauden vuokra": one month, the number left out
    basic_fraction: re.Pattern[str]  # "puolet perusosasta": a share of the basic amount in words
    fraction_values: dict[str, float]
    number_words: dict[str, float]
    header_money: re.Pattern[str]
    header_qualifier: re.Pattern[str]
    header_unit: re.Pattern[str]
    # Stem sieves (textnorm.stem_sieve) of the patterns tried on every sentence, which most
    # sentences hold no word of: the words each match contains one of.
    rent_sieve: re.Pattern[str] | None
    fraction_sieve: re.Pattern[str] | None  # the basic-amount words ("perusosasta")
    header_qualifier_sieve: re.Pattern[str] | None
    period_phrase_sieve: re.Pattern[str] | None
    per_noun_sieve: re.Pattern[str] | None

    @classmethod
    def build(cls, vocab: dict, language: str) -> "_Grammar":
        common, own, table = vocab["common"], vocab[language], vocab["table"]

        def merged(key: str) -> list[str]:
            return list(common.get(key, [])) + list(own.get(key, []))

        qualifiers = {k: common["qualifiers"].get(k, []) + own["qualifiers"].get(k, []) for k in _KINDS}
        any_qualifier = _alternation([w for words in qualifiers.values() for w in words])
        fillers = _alternation(own["fillers"])
        currency = _alternation(merged("currency"), merged("currency_case_sensitive"))
        percent = _alternation(merged("percent"))
        multipliers = {w.casefold(): float(v) for v, words in own["multipliers"].items() for w in words}
        conjunctions = _alternation(own["conjunctions"])
        masks = own["masks"]
        rent = own["months_rent"]
        number_words = {w.casefold(): float(v) for v, words in rent["numbers"].items() for w in words}
        rent_number = rf"(?P<n>{_alternation(list(number_words))}|\d+(?:,\d+)?)"
        basic = own["percent_of_basic"]
        lead = rf"\s+{_alternation(basic['lead'])}" if basic["lead"] else ""
        header_qualifiers = {k: table["qualifiers"].get(k, []) + qualifiers[k] for k in _KINDS}

        return cls(
            masks=tuple(_compile(p) for p in (
                # § references: "13 §", "7 c §", "19-23 §", "(7 a ja 9 §)", "§ 93", "§:n"
                rf"(?:\d+(?:\s?[a-zåäö](?!{_LETTER}))?\s?(?:[-–,]|\s(?:ja|och|tai)\s)\s?)*"
                rf"\d+(?:\s?[a-zåäö](?!{_LETTER}))?\s?§+(?::{_LETTER}+)?",
                rf"§+\s?\d+(?:\s?[a-zåäö](?!{_LETTER}))?(?:\s?(?:[-–,]|ja|och)\s?\d+)*",
                rf"(?<![\w.,])\d+(?:\s?[a-zåäö](?!{_LETTER}))?\s?{_alternation(masks['section_words'])}",
                # dates "1.3.2015", "13.4.", ISO dates and case numbers "2024-01-01", "KEUDno-2020-79"
                r"(?<![\w.,])\d{1,2}\.\d{1,2}\.(?:(?:19|20)?\d{2}(?!\d))?",
                r"(?<!\d)(?:19|20)\d{2}(?:-\d{1,6})+(?!\d)",
                r"(?<!\d)(?:19|20)\d{2}:\d+",  # publication numbers "STM 2013:4"
                # clock times: "klo 9–16", "9.00–11.00", "9:00"
                rf"(?<!{_LETTER}){_alternation(masks['time_words'])}\s*\d{{1,2}}(?:[.:]\d{{2}})?"
                r"(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?)?",
                r"(?<![\w.,])\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}(?!\d)",
                r"(?<![\w.,])\d{1,2}:\d{2}(?!\d)",
                # phone numbers
                rf"(?<!{_LETTER}){_alternation(masks['phone_words'])}[\s.:]*\+?\d[\d \u00a0-]{{4,}}\d",
                r"\+\d{1,3}[ \u00a0-]?\d{1,4}(?:[ \u00a0-]?\d{2,}){1,3}",
                r"(?<![\w.,])(?<!\d[ \u00a0])0\d{1,3}(?:[ \u00a0-]\d{2,5}){1,3}(?!\d)",
                r"(?<![\w.,])(?<!\d[ \u00a0])0\d{5,11}(?!\d)",
                # a last group of four digits or more is never a thousands group: "029 123 4567"
                r"(?<![\w.,])0\d{1,3}(?:[ \u00a0-]\d{2,5})*[ \u00a0-]\d{4,8}(?!\d)",
                # diary numbers after their keyword: "Dnro TRE: 1393/…/2011", "Pöytäkirja 15/2018"
                rf"(?<!{_LETTER}){_alternation(masks['reference_words'])}[.:]?\s*"
                r"(?:[A-ZÄÖÅ]{1,8}\s*:\s*)?[\w./:…\-–]*\d[\w./:…\-–]*",
                # page markers "4 (12)", "Sivu 3 (14)", "Liite 2"
                r"(?<![\w.,])\d+\s?\(\s?\d+\s?\)",
                rf"(?<!{_LETTER}){_alternation(masks['page_words'])}\s?\d+(?:\s?\(\s?\d+\s?\))?",
                # years named as years: "vuonna 2024", "år 2023"
                rf"(?<!{_LETTER}){_alternation(masks['year_words'])}\s*(?:19|20)\d{{2}}(?!\d)",
            )),
            diary_number=re.compile(r"(?<![\w.,/])\d+(?:[./]\d+)*/\d+(?:[./]\d+)*(?![\w/])"),
            tail=_compile(
                rf"\s*(?:"
                rf"(?:(?P<mult>{_alternation(list(multipliers))})\s+)?-?(?P<cur>{currency})"
                rf"(?::{_LETTER}+)?(?!{_LETTER})"
                rf"|(?P<pct>%(?::{_LETTER}+)?|-?{percent}(?!{_LETTER})))"
            ),
            currency_before=_compile(
                rf"(?<!{_LETTER}){_alternation(common['currency_before_number'])}[ \u00a0]?\Z"),
            qualifier_before=_compile(
                rf"(?<!{_LETTER})(?P<q>{any_qualifier})(?:\s+(?P<q2>{any_qualifier}))?"
                rf"(?:\s+{fillers})?\s*:?\s*\Z"),
            # "400 euroa alkaen 1.1.2024" dates the sum, it sets no lower bound
            qualifier_after=_compile(
                rf"\s+(?P<q>{_alternation([w for k in _KINDS for w in own['qualifiers_after'][k]])})"
                rf"(?!{_LETTER})(?!\s*[\d{_MASK_CHAR}])"),
            qualifier_kinds=tuple(
                (kind, _compile(_alternation(words)))
                for kind, words in [(k, qualifiers[k]) for k in _KINDS]
                + [(k, own["qualifiers_after"][k]) for k in _KINDS] if words),
            range_before=_compile(rf"(?<!{_LETTER}){_alternation(own['range_before'])}\s+\Z"),
            range_after=_compile(rf"\s+{_alternation(own['range_after'])}(?!{_LETTER})"),
            connector=_compile(
                rf"\s*(?:(?P<dash>{_alternation(common['range_dash'])})|(?P<slash>/)"
                rf"|(?P<comma>,)(?:\s*(?P<conj1>{conjunctions}))?|(?P<conj>{conjunctions}))\s*"),
            period_phrase=_compile(rf"(?<!{_LETTER})(?:{_named(own['period_phrases'])})(?!{_LETTER})"),
            period_noun=_compile(_named(own["period_nouns"], compounds=True)),
            per_noun=_compile(
                rf"(?<!{_LETTER}){_alternation(common['per_before_noun'])}\s+"
                rf"(?P<noun>{_LETTER}+(?::{_LETTER}+)?)"
                rf"(?:\s+{_alternation(own['and_words'])}\s+(?P<noun2>{_LETTER}+))?"),
            toward_noun=_compile(
                rf"(?<!{_LETTER})(?P<noun>{_LETTER}+)\s+"
                rf"{_alternation(own['applies_after_noun'])}(?!{_LETTER})"),
            basic_amount=_compile(
                rf"{lead}(?P<between>(?:\s+{_LETTER}+){{0,2}}?)\s+"
                rf"{_alternation(basic['basic'])}(?!{_LETTER})"),
            reduction=_compile(rf"(?<!{_LETTER}){_alternation(basic['reduction'])}"),
            by_percent=frozenset(w.casefold() for w in basic["by_forms"]),
            multipliers=multipliers,
            rent_word=_compile(rf"{_alternation(rent['rent'] + rent['monthly_rent'])}(?!{_LETTER})"),
            rent_forward=_compile(
                rf"(?<![\w.,]){rent_number}\s+(?:{_alternation(rent['month_before_rent'])}\s+"
                rf"{_alternation(rent['rent'])}|{_alternation(rent['monthly_rent'])})(?!{_LETTER})"),
            rent_reverse=_compile(
                rf"(?<!{_LETTER}){_alternation(rent['rent'])}\s+"
                rf"(?:{_alternation(rent['rent_then_connector'])}\s+)?"
                rf"(?:(?P<q>{any_qualifier})\s+)?{rent_number}\s+{_alternation(rent['rent_then_month'])}"
                rf"(?!{_LETTER})"),
            rent_qualified=_compile(
                rf"(?<!{_LETTER})(?P<q>{any_qualifier})\s+{_alternation(rent['month_before_rent'])}\s+"
                rf"{_alternation(rent['rent'])}(?!{_LETTER})"),
            basic_fraction=_compile(
                rf"(?<!{_LETTER})(?:(?P<q>{any_qualifier})\s+)?"
                rf"(?P<f>{_alternation([w for ws in basic['fractions'].values() for w in ws])})"
                rf"(?:\s+{_LETTER}+){{0,2}}?\s+{_alternation(basic['basic'])}(?!{_LETTER})"),
            fraction_values={w.casefold(): float(v) for v, ws in basic["fractions"].items() for w in ws},
            number_words=number_words,
            header_money=_compile(rf"(?<!{_LETTER}){_alternation(table['money_words'])}"),
            header_qualifier=_compile(rf"(?<!{_LETTER})(?:{_named(header_qualifiers)})(?!{_LETTER})"),
            header_unit=_compile(
                rf"(?P<cur>€|(?<!{_LETTER}){_alternation(merged('currency'))}(?!{_LETTER}))"
                rf"|(?P<pct>%|(?<!{_LETTER}){percent})"),
            rent_sieve=stem_sieve(_stems(rent["rent"] + rent["monthly_rent"])),
            fraction_sieve=stem_sieve(_stems(basic["basic"])),
            header_qualifier_sieve=stem_sieve(_stems([w for words in header_qualifiers.values() for w in words])),
            period_phrase_sieve=stem_sieve(_stems([w for words in own["period_phrases"].values() for w in words])),
            per_noun_sieve=stem_sieve(_stems(common["per_before_noun"])),
        )

    def qualifier_kind(self, words: str) -> Qualifier:
        for kind, pattern in self.qualifier_kinds:
            if pattern.fullmatch(words.strip()):
                return kind
        return "fixed"


@functools.cache
def _load_grammars(vocabulary: Path | None = None) -> dict[str, _Grammar]:
    """Compiled on first use, not at import: a warm `compare` never parses an amount."""
    with _vocabulary_file(vocabulary).open("rb") as handle:
        vocab = tomllib.load(handle)
    return {language: _Grammar.build(vocab, language) for language in ("fi", "sv")}


@functools.cache
def _load_other_payers(vocabulary: Path | None = None
                       ) -> dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str] | None]]:
    """language → (another payer named, the county's grant named, the payer words' stem sieve)."""
    with _vocabulary_file(vocabulary).open("rb") as handle:
        payers = tomllib.load(handle)["other_payers"]
    return {language: (_compile(rf"(?<!{_LETTER}){_alternation(payers[language])}(?!{_LETTER})"),
                       _compile(rf"(?<!{_LETTER}){_alternation(payers['grant_' + language])}(?!{_LETTER})"),
                       stem_sieve(_stems(payers[language])))
            for language in ("fi", "sv")}



@dataclass(frozen=True)
class _Households:
    size: re.Pattern[str]
    single: re.Pattern[str]
    couple: re.Pattern[str]
    adults: re.Pattern[str]
    named_after: re.Pattern[str]
    number_words: dict[str, float]
    per_head: re.Pattern[str]


@functools.cache
def _load_households(vocabulary: Path | None = None) -> dict[str, _Households]:
    with _vocabulary_file(vocabulary).open("rb") as handle:
        vocab = tomllib.load(handle)
    found = {}
    for language in ("fi", "sv"):
        own = vocab[language]
        words = own["households"]
        numbers = {w.casefold(): float(v) for v, ws in own["months_rent"]["numbers"].items() for w in ws}
        number = rf"(?:\d+|{_alternation(list(numbers))})"
        found[language] = _Households(
            size=_compile(
                rf"(?:(?P<least>{_alternation(words['open_before'])})\s+)?(?<![\w.,])(?P<a>{number})"
                rf"(?:(?:\s*[-–]\s*|\s+{_alternation(words['range_words'])}\s+)(?P<b>{number}))?\s*(?P<plus>\+)?\s*"
                rf"(?:(?P<between>{_alternation(words['open_words'])})\s+)?"
                rf"{_alternation(words['person_words'])}(?!{_LETTER})"
                rf"(?:\s*(?P<open>{_alternation(words['open_words'])}))?"),
            single=_compile(rf"(?<!{_LETTER}){_alternation(words['single_words'])}"),
            couple=_compile(rf"(?<!{_LETTER}){_alternation(words['couple_words'])}(?!{_LETTER})"),
            named_after=_compile(rf"\s*(?:{_alternation(words['after_amount'])})\s") if words["after_amount"] else re.compile(r"(?!)"),
            adults=_compile(rf"(?<![\w.,])(?P<a>{number})\s+{_alternation(words['adult_words'])}(?!{_LETTER})"),
            number_words=numbers,
            per_head=_compile("|".join(f"(?P<{kind}>{_alternation(ws)})" for kind, ws in own["per_head"].items())),
        )
    return found


def household_size(label: str | None, language: str = "fi", vocabulary: Path | None = None) -> tuple[int, int | None] | None:
    """[min, max] persons a row or list label names ("3–4 hlö" → (3, 4), "5 hlö tai enemmän" →
    (5, None), "yksin asuva" → (1, 1)); None when the label names no household size."""
    found = household_phrase(label, language, vocabulary)
    return found[1] if found else None


def household_phrase(text: str | None, language: str = "fi", vocabulary: Path | None = None) -> tuple[str, tuple[int, int | None]] | None:
    """The last household size named in `text`, as (the words, [min, max])."""
    if not text:
        return None
    households = _load_households(vocabulary)
    grammar = households.get(language) or households["fi"]

    def count(word: str) -> int:
        return int(word) if word.isdigit() else int(grammar.number_words[re.sub(r"\s+", " ", word.casefold())])

    found: list[tuple[int, str, tuple[int, int | None]]] = []
    for match in grammar.size.finditer(text):
        low = count(match["a"])
        high = None if match["plus"] or match["open"] or match["between"] or match["least"] else count(match["b"]) if match["b"] else low
        if low >= 1 and (high is None or high >= low):
            found.append((match.start(), match.group().strip(), (low, high)))
    for pattern, size in ((grammar.single, (1, 1)), (grammar.couple, (2, 2))):
        found += [(match.start(), match.group(), size) for match in pattern.finditer(text)]
    if not any(match["child"] for match in grammar.per_head.finditer(text)):
        # "kaksi aikuista" is a household of two; "kaksi aikuista ja lapsi" is not
        found += [(match.start(), match.group(), (count(match["a"]), count(match["a"])))
                  for match in grammar.adults.finditer(text) if count(match["a"]) >= 1]
    if not found:
        return None
    _, words, size = max(found)
    return words, size


def household_after(text: str, language: str = "fi", vocabulary: Path | None = None) -> str | None:
    """The household words of a phrase that follows its amount ("300 € för en ensamstående"):
    the words, when `text` (what stands right after the amount) opens with such a phrase."""
    households = _load_households(vocabulary)
    grammar = households.get(language) or households["fi"]
    if not grammar.named_after.match(text):
        return None
    found = household_phrase(text, language, vocabulary)
    return found[0] if found else None


def per_head(applies_to: str | None, language: str = "fi", vocabulary: Path | None = None) -> str | None:
    """"person" / "child" when the amount is counted per head ("€/lapsi", "henkilöä kohden")."""
    if not applies_to:
        return None
    households = _load_households(vocabulary)
    match = (households.get(language) or households["fi"]).per_head.fullmatch(applies_to.strip())
    return match.lastgroup if match else None


def stated_qualifier(text: str, language: str = "fi", vocabulary: Path | None = None) -> Qualifier | None:
    """The one qualifier a lead-in names for the sums listed after it ("Enimmäismäärät ovat:",
    "myönnetään enintään seuraavasti:", "Tabellen nedan anger det högsta belopp"); None when it
    names none or several."""
    grammar = _grammar(language, vocabulary)
    if not may_match(grammar.header_qualifier_sieve, sieve_text(text)):
        return None
    kinds = {match.lastgroup for match in grammar.header_qualifier.finditer(text)}
    return kinds.pop() if len(kinds) == 1 else None


def named_periods(text: str, language: str = "fi", vocabulary: Path | None = None) -> set[str]:
    """The periods a sentence or table header names ("kertaluonteinen avustus", "€/vuosi",
    "Enimmäismäärä vuodessa"), as `Per` values: how a section states its period once for all."""
    grammar = _grammar(language, vocabulary)
    masked = text
    sieved = sieve_text(masked)
    periods = {match.lastgroup for match in grammar.period_phrase.finditer(masked)
               if not _counts_periods(masked[:match.start()], grammar)
               } if may_match(grammar.period_phrase_sieve, sieved) else set()
    for match in grammar.per_noun.finditer(masked) if may_match(grammar.per_noun_sieve, sieved) else ():
        period = grammar.period_noun.fullmatch(match["noun"])
        if period:
            periods.add(period.lastgroup)
    for slash in _SLASH_WORD.finditer(masked) if "/" in masked else ():
        period = grammar.period_noun.fullmatch(slash["word"])
        if period:
            periods.add(period.lastgroup)
    periods.discard(_OCCASION)
    return periods


def _counts_periods(before: str, grammar: _Grammar) -> bool:
    """"viimeisen kolmen vuoden aikana": a count of more than one period before the phrase makes
    it a length of time, not the period a sum is paid for."""
    words = before.split()
    if not words:
        return False
    last = words[-1].casefold()
    count = float(last) if last.isdigit() else grammar.number_words.get(last)
    return count is not None and count > 1


def paid_by_others(sentence: str, language: str = "fi", vocabulary: Path | None = None) -> bool:
    """Whether a sentence speaks of another payer's money (Kela's), not of the county's grant."""
    payers = _load_other_payers(vocabulary)
    payer, grant, payer_sieve = payers.get(language, payers["fi"])
    return (may_match(payer_sieve, sieve_text(sentence)) and bool(payer.search(sentence))
            and not grant.search(sentence))


def explains_other_payer(sentence: str, position: int, language: str = "fi", vocabulary: Path | None = None) -> bool:
    """Whether the amount at `position` stands in a parenthesis that explains another payer's
    benefit: "joita Kelan äitiysavustus (äitiyspakkaus tai 170 euron rahasumma) ei kata"."""
    opening = sentence.rfind("(", 0, position)
    if opening < 0 or ")" in sentence[opening:position]:
        return False
    payers = _load_other_payers(vocabulary)
    payer, _, _ = payers.get(language, payers["fi"])
    before = re.split(r"[.,;:]\s", sentence[max(0, opening - 40):opening])[-1]  # the words just before it
    return bool(payer.search(before))


def _grammar(language: str, vocabulary: Path | None = None) -> _Grammar:
    try:
        return _load_grammars(vocabulary)[language]
    except KeyError:
        raise ValueError(f"no amount vocabulary for language {language!r} (have: fi, sv)") from None


# --- running text ------------------------------------------------------------------------------


@dataclass
class _Number:
    """One number with what is glued to it; mutable while ranges and lists share units."""

    start: int  # of the number, or of a currency written before it
    end: int  # after unit, "perusosasta" and "/kk/hlö"
    value: float
    unit: Unit | None
    prefixed: bool  # "€ 400": the unit may pass to a bare partner on the right
    per: str | None = None  # a Per or _OCCASION
    applies_to: str | None = None


@dataclass
class _Chain:
    numbers: list[_Number]
    links: list[str]  # connector kind between neighbours: dash, slash, comma, conj


def parse_amounts(text: str, language: str = "fi", vocabulary: Path | None = None) -> list[AmountMatch]:
    """Every money / percent / months-of-rent amount in `text`, in reading order."""
    return list(_amounts_in(text, language, vocabulary))


# A sentence is asked for its amounts three times while a document is extracted (its section's
# period, its category's amounts, a decision's threshold): parsed once (~0.3 s of CPU on the corpus).
_MEMO_TEXTS = 4096


@functools.lru_cache(maxsize=_MEMO_TEXTS)
def _amounts_in(text: str, language: str, vocabulary: Path | None) -> tuple[AmountMatch, ...]:
    grammar = _grammar(language, vocabulary)
    masked = _mask(text, grammar)
    sieved = sieve_text(masked)  # blanking a rent amount below only takes words away
    found, masked = _months_rent(text, masked, grammar, sieved)
    for match in grammar.basic_fraction.finditer(masked) if may_match(grammar.fraction_sieve, sieved) else ():
        qualifier = grammar.qualifier_kind(match["q"]) if match["q"] else "fixed"
        per, applies_to = _window_context(masked, match.start(), match.end(), grammar)
        found.append(AmountMatch(grammar.fraction_values[match["f"].casefold()], "percent_of_basic_amount",
                                 qualifier, _as_per(per), applies_to, match.start(), match.end(),
                                 text[match.start():match.end()]))
    for chain in _chains(_numbers(text, masked, grammar), masked, grammar):
        found.extend(_chain_amounts(chain, text, masked, grammar))
    return tuple(sorted(found, key=lambda match: (match.start, match.end)))


def _blank(masked: str, start: int, end: int) -> str:
    return masked[:start] + _MASK_CHAR * (end - start) + masked[end:]


def _mask(text: str, grammar: _Grammar) -> str:
    """Hide every number that is a reference, date, time, phone number, page or year."""
    if not _DIGIT.search(text):
        return text  # most sentences: nothing to hide, and masking is the costly part
    spans = [m.span() for pattern in grammar.masks for m in pattern.finditer(text)]
    spans += [m.span() for m in grammar.diary_number.finditer(text) if _is_diary_number(m.group())]
    masked = text
    for start, end in spans:
        masked = _blank(masked, start, end)
    return masked


def _is_diary_number(token: str) -> bool:
    """"1412/1997", "123/02.05/2024", "2577/4/07" are file numbers; "100/200/400" is a list."""
    groups = re.split(r"[./]", token)
    return ("." in token or any(len(g) > 1 and g.startswith("0") for g in groups)
            or bool(_BARE_YEAR.fullmatch(groups[-1])))


def _number_value(digits: str, decimals: str | None) -> float:
    integer = re.sub(_THOUSANDS, "", digits)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", integer):
        integer = integer.replace(".", "")
    if decimals and decimals[1:].isdigit() and "." not in integer:
        return float(f"{integer}.{decimals[1:]}")
    return float(integer)


def _numbers(text: str, masked: str, grammar: _Grammar) -> list[_Number]:
    numbers: list[_Number] = []
    for match in _NUMBER.finditer(masked):
        head = _THOUSANDS_HEAD.search(text, max(0, match.start() - 24), match.start())
        if head and _MASK_CHAR in masked[head.start():head.end()]:
            continue  # the rest of "1 200" after "§ 1" was masked: no number of its own
        value = _number_value(match["int"], match["dec"])
        start, end, unit = match.start(), match.end(), None
        tail = grammar.tail.match(masked, end)
        before = grammar.currency_before.search(masked, max(0, start - 6), start)
        if not tail and match["dec"] and match["dec"][1:2] in ("-", "–"):
            unit, end = "EUR", match.end()  # "500,-" is written only of money
        elif tail and tail["cur"]:
            unit, end = "EUR", tail.end()
            if tail["mult"]:
                value = round(value * grammar.multipliers[re.sub(r"\s+", " ", tail["mult"].casefold())], 6)
        elif tail and tail["pct"]:
            unit, end = "percent", tail.end()
            basic = grammar.basic_amount.match(masked, end)
            if (basic and not grammar.reduction.search(basic["between"])
                    and tail["pct"].strip().casefold() not in grammar.by_percent):
                unit, end = "percent_of_basic_amount", basic.end()
        number = _Number(start, end, value, unit, prefixed=False)
        # "300 € 2 kertaa": that € is the tail of 300, not a prefix of 2
        if unit is None and before and not (numbers and before.start() < numbers[-1].end):
            number.unit, number.start, number.prefixed = "EUR", before.start(), True
        if number.unit:
            number.end = _read_slash_words(masked, number, grammar)
        numbers.append(number)
    return numbers


def _read_slash_words(masked: str, number: _Number, grammar: _Grammar) -> int:
    """"€/lapsi/vuosi": a period word gives `per`, any other word what the sum is for."""
    end = number.end
    while slash := _SLASH_WORD.match(masked, end):
        word = slash["word"]
        period = grammar.period_noun.fullmatch(word)
        if period:
            number.per = number.per or period.lastgroup
        else:
            number.applies_to = number.applies_to or word
        end = slash.end()
    return end


def _chains(numbers: list[_Number], masked: str, grammar: _Grammar) -> list[_Chain]:
    """Join numbers that a dash, slash, comma or conjunction puts in one range or list."""
    chains: list[_Chain] = []
    for number in numbers:
        if chains:
            last = chains[-1].numbers[-1]
            link = grammar.connector.fullmatch(masked, last.end, number.start)
            kind = link and ("conj" if link["conj1"] else
                             next(k for k in ("dash", "slash", "comma", "conj") if link[k]))
            # two sums with their own units stand apart ("30 €/vrk ja 10 €") unless they are a range
            shares = last.unit is None or number.unit is None or (kind == "dash" and last.unit == number.unit)
            if kind and shares:
                chains[-1].numbers.append(number)
                chains[-1].links.append(kind)
                continue
        chains.append(_Chain([number], []))
    return [piece for chain in chains for piece in _share_units(chain)]


def _share_units(chain: _Chain) -> list[_Chain]:
    """A unit after the last number counts for bare partners on its left ("200–400 €"), a
    currency before the first for a range partner on its right ("€ 200–400"); numbers left
    without a unit are not amounts and split the chain."""
    numbers, links = chain.numbers, chain.links
    for i in range(len(numbers) - 2, -1, -1):
        left, right = numbers[i], numbers[i + 1]
        # "2023, 400 euroa" is no list; "100, 200 tai 300 euroa" is (a conjunction closes it)
        loose = links[i] == "comma" and "conj" not in links[i:]
        year_in_list = links[i] in ("comma", "conj") and _BARE_YEAR.fullmatch(f"{left.value:g}")
        if left.unit is None and right.unit and not loose and not year_in_list:
            left.unit = right.unit
            left.per = left.per or right.per
            left.applies_to = left.applies_to or right.applies_to
    for left, right, link in zip(numbers, numbers[1:], links):
        if left.prefixed and right.unit is None and link in ("dash", "slash"):
            right.unit, right.prefixed = left.unit, True
    pieces, current = [], _Chain([], [])
    for i, number in enumerate(numbers):
        if number.unit is None:
            if current.numbers:
                pieces.append(current)
            current = _Chain([], [])
            continue
        if current.numbers:
            current.links.append(links[i - 1])
        current.numbers.append(number)
    if current.numbers:
        pieces.append(current)
    return pieces


def _chain_amounts(chain: _Chain, text: str, masked: str, grammar: _Grammar) -> list[AmountMatch]:
    numbers = chain.numbers
    start, end = numbers[0].start, numbers[-1].end
    qualifier: Qualifier = "fixed"
    before = grammar.qualifier_before.search(masked, max(0, start - 60), start)
    if before:
        qualifier = _strongest(grammar, before["q"], before["q2"])
        start = before.start()
    ranged = [link == "dash" for link in chain.links]
    if len(numbers) == 2 and chain.links == ["conj"]:
        range_before = grammar.range_before.search(masked, max(0, start - 20), start)
        range_after = grammar.range_after.match(masked, end)
        if range_before or range_after:
            ranged = [True]
            start = range_before.start() if range_before else start
            end = range_after.end() if range_after else end
    if qualifier == "fixed" and not any(ranged):
        after = grammar.qualifier_after.match(masked, end)
        if after:
            qualifier, end = grammar.qualifier_kind(after["q"]), after.end()
    per, applies_to = _window_context(masked, start, end, grammar)

    qualifiers: list[Qualifier] = [qualifier] * len(numbers)
    for i, is_range in enumerate(ranged):
        if is_range:
            qualifiers[i], qualifiers[i + 1] = "min", "max"
    return [
        AmountMatch(value=number.value, unit=number.unit, qualifier=qualifiers[i],
                    per=_as_per(number.per or per), applies_to=number.applies_to or applies_to,
                    start=start, end=end, text=text[start:end])
        for i, number in enumerate(numbers)
    ]


def _strongest(grammar: _Grammar, first: str, second: str | None) -> Qualifier:
    """"enintään noin 400": a bound says more than an approximation."""
    kinds = [grammar.qualifier_kind(q) for q in (first, second) if q]
    return next((k for k in kinds if k in ("max", "min")), kinds[0])


def _as_per(period: str | None) -> Per | None:
    return None if period == _OCCASION else period


def _window_context(masked: str, start: int, end: int, grammar: _Grammar) -> tuple[str | None, str | None]:
    """Period and "for whom" from the few words after an amount, then the few before it,
    never across punctuation or another number."""
    after = masked[end:end + 160]
    opening = re.match(r"\s*\(", after)
    after = after[opening.end():] if opening else after
    stop = _STOP.search(after)
    after = _first_words(after[:stop.start()] if stop else after, 5)
    before = masked[max(0, start - 160):start]
    stops = list(_STOP.finditer(before))
    before = _last_words(before[stops[-1].end():] if stops else before, 4)
    per, applies_to = _context_in(after, grammar)
    if per is None or applies_to is None:
        per_before, applies_before = _context_in(before, grammar)
        per, applies_to = per or per_before, applies_to or applies_before
    return per, applies_to


def _first_words(text: str, count: int) -> str:
    words = list(_WORD.finditer(text))
    return text[:words[count - 1].end()] if len(words) >= count else text


def _last_words(text: str, count: int) -> str:
    words = list(_WORD.finditer(text))
    return text[words[-count].start():] if len(words) >= count else text


def _context_in(window: str, grammar: _Grammar) -> tuple[str | None, str | None]:
    """The first period named ("kerran vuodessa" is yearly: once only if nothing else), and the
    first "per X" / "X kohti" noun that is not a period."""
    periods: list[tuple[int, str]] = []
    applies: list[tuple[int, str]] = []
    for match in grammar.period_phrase.finditer(window):
        periods.append((match.start(), match.lastgroup))
    for match in grammar.per_noun.finditer(window):
        for group in ("noun", "noun2"):
            noun = match[group]
            if not noun:
                continue
            period = grammar.period_noun.fullmatch(noun)
            if period:
                periods.append((match.start(group), period.lastgroup))
            elif group == "noun":
                applies.append((match.start(group), noun))
    for match in grammar.toward_noun.finditer(window):
        period = grammar.period_noun.fullmatch(match["noun"])
        if period:
            periods.append((match.start(), period.lastgroup))
        else:
            applies.append((match.start(), match["noun"]))
    recurring = sorted(p for p in periods if p[1] != "once")
    per = (recurring or sorted(periods) or [(0, None)])[0][1]
    return per, (min(applies)[1] if applies else None)


def _months_rent(text: str, masked: str, grammar: _Grammar, sieved: str | None) -> tuple[list[AmountMatch], str]:
    """"kahden kuukauden vuokra", "1 kk:n vuokra", "en månads hyra", "hyra för två månader"."""
    found: list[AmountMatch] = []
    if not may_match(grammar.rent_sieve, sieved) or not grammar.rent_word.search(masked):
        return found, masked
    for pattern in (grammar.rent_forward, grammar.rent_reverse, grammar.rent_qualified):
        for match in pattern.finditer(masked):
            if _MASK_CHAR in masked[match.start():match.end()]:
                continue
            number = re.sub(r"\s+", " ", (match.groupdict().get("n") or "1").casefold())
            value = grammar.number_words.get(number) or float(number.replace(",", "."))
            start, end = match.start(), match.end()
            qualifier: Qualifier = "fixed"
            if match.groupdict().get("q"):
                qualifier = grammar.qualifier_kind(match["q"])
            else:
                before = grammar.qualifier_before.search(masked, max(0, start - 60), start)
                if before:
                    qualifier, start = _strongest(grammar, before["q"], before["q2"]), before.start()
            per, applies_to = _window_context(masked, start, end, grammar)
            found.append(AmountMatch(value, "months_rent", qualifier, _as_per(per), applies_to, start, end,
                                     text[start:end]))
            masked = _blank(masked, match.start(), match.end())
    return found, masked


# --- tables ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    """What a column header says about the bare numbers below it."""

    text: str
    unit: Unit | None
    qualifier: Qualifier | None
    per: str | None  # a Per or _OCCASION

    @property
    def says_nothing(self) -> bool:
        return self.unit is None and self.qualifier is None and self.per is None


def amounts_from_table(rows: list[list[str]] | tuple[tuple[str, ...], ...],
                       language: str = "fi", vocabulary: Path | None = None) -> list[AmountMatch]:
    """One amount per value cell of an amount table; the row label says whom it is for."""
    grammar = _grammar(language, vocabulary)
    table = [[(cell or "").strip() for cell in row] for row in rows]
    table = [row for row in table if any(row)]
    if not table:
        return []
    parsed = [[parse_amounts(cell, language, vocabulary) if cell else [] for cell in row] for row in table]
    header_rows = 0
    while header_rows < len(table) and not any(
            parsed[header_rows][j] or _bare_values(cell, grammar)
            for j, cell in enumerate(table[header_rows])):
        header_rows += 1
    width = max(len(row) for row in table)
    headers = _headers(table[:header_rows], width, grammar)
    body, body_parsed = table[header_rows:], parsed[header_rows:]
    units = [_column_unit(j, headers[j], body_parsed) for j in range(width)]

    found: list[AmountMatch] = []
    previous_label: tuple[int, str] | None = None
    for row, row_parsed in zip(body, body_parsed):
        label: tuple[int, str] | None = None
        cells: list[tuple[int, str, list[AmountMatch]]] = []
        for j, cell in enumerate(row):
            if not cell:
                continue
            matches = row_parsed[j] or _bare_matches(cell, units[j], grammar)
            if matches:
                cells.append((j, cell, matches))
            elif label is None:
                label = (j, cell)
        if label is None and previous_label and not _cell(row, previous_label[0]):
            label = previous_label  # a merged label cell spans several rows
        previous_label = label
        # a table turned on its side: the row label says what the sums are ("Enimmäismäärä
        # vuodessa") and the column headers whom they are for ("0–2 v", "3–6 v")
        row_header = _read_header(label[1], grammar) if label else None
        turned = row_header is not None and not row_header.says_nothing and len(cells) > 1
        for j, cell, matches in cells:
            header = headers[j]
            if turned and header.text and header.says_nothing:
                header, owner = row_header, header.text
            else:
                owner = label[1] if label else (header.text if header.text and header.says_nothing else None)
            by_household = household_phrase(header.text, language, vocabulary)
            if label and by_household and not household_phrase(owner, language, vocabulary):
                owner = f"{owner}, {header.text}"  # items by row, households by column
            for match in matches:
                found.append(replace(
                    match,
                    qualifier=header.qualifier if match.qualifier == "fixed" and header.qualifier
                    else match.qualifier,
                    per=match.per or _as_per(header.per),
                    applies_to=owner or match.applies_to,
                    start=-1, end=-1,
                    text=f"{owner} {cell}" if owner else cell,
                ))
    return found


def _cell(row: list[str], column: int) -> str:
    return row[column] if column < len(row) else ""


def _headers(rows: list[list[str]], width: int, grammar: _Grammar) -> list[_Header]:
    """Column headers; an empty header cell belongs to the merged cell on its left."""
    texts = [" ".join(row[j] for row in rows if j < len(row) and row[j]) for j in range(width)]
    for j in range(1, width):
        if not texts[j] and rows:
            texts[j] = texts[j - 1]
    return [_read_header(text, grammar) for text in texts]


def _read_header(text: str, grammar: _Grammar) -> _Header:
    unit: Unit | None = None
    marker = grammar.header_unit.search(text)
    if marker:
        unit = "EUR" if marker["cur"] else "percent"
        if unit == "percent" and grammar.basic_amount.search(text[marker.end():]):
            unit = "percent_of_basic_amount"
    elif grammar.header_money.search(text):
        unit = "EUR"
    qualifier_word = grammar.header_qualifier.search(text)
    qualifier = qualifier_word.lastgroup if qualifier_word else None
    per = _context_in(text, grammar)[0]
    for slash in re.finditer(_SLASH_WORD, text) if per is None else ():
        period = grammar.period_noun.fullmatch(slash["word"])
        if period:
            per = period.lastgroup
            break
    return _Header(text, unit, qualifier, per)


def _column_unit(column: int, header: _Header, body_parsed: list[list[list[AmountMatch]]]) -> Unit | None:
    """The header's unit, else the one unit that the column's written amounts agree on."""
    if header.unit:
        return header.unit
    units = {m.unit for row in body_parsed if column < len(row) for m in row[column]}
    return units.pop() if len(units) == 1 else None


def _bare_values(cell: str, grammar: _Grammar) -> list[tuple[float, Qualifier]]:
    """"300", "300,00", "enintään 300", "200–400", "462 (436)": numbers with no unit word."""
    match = _BARE_CELL.fullmatch(cell)
    if not match:
        return []
    qualifier: Qualifier = grammar.qualifier_kind(match["q"]) if match["q"] else "fixed"
    if match["q"] and qualifier == "fixed":
        return []
    values = []
    for group in ("a", "b"):
        if match[group] is None:
            continue
        number = _NUMBER.fullmatch(match[group].strip())
        if not number:
            return []
        values.append(_number_value(number["int"], number["dec"]))
    if len(values) == 2:
        return [(values[0], "min"), (values[1], "max")]
    return [(values[0], qualifier)]


def _bare_matches(cell: str, unit: Unit | None, grammar: _Grammar) -> list[AmountMatch]:
    if unit is None:
        return []
    return [AmountMatch(value, unit, qualifier, None, None, -1, -1, cell)
            for value, qualifier in _bare_values(cell, grammar)]
