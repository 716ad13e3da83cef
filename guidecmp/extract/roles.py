"""Who may decide: role names, decision sentences and delegation tables in guideline text.

Guidelines name the decider in many ways ("Päätöksen tekee sosiaalityöntekijä", "Sosiaaliohjaajalla
on ratkaisuvalta", "Beslut fattas av socialarbetaren") and name the same roles as contacts and
preparers, so a role word alone proves nothing. A role decides when it stands in an acting form and
its nearest cue is a decision cue, not a contact/preparation cue. Every word involved lives in
rules/roles.toml; this module only combines them.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from pathlib import Path

from .amounts import AMOUNT_FILE, parse_amounts
from ..bundled import default_rules_dir
from ..model import DecisionMatch
from ..read.textnorm import may_match, sieve_text, stem_sieve

ROLE_FILE = "roles.toml"

# Pattern syntax of roles.toml (see the comment at the top of that file).
_WORD_SEPARATOR = r"\s+"
_GAP = r"(?:[\s,]+[\w\-.]+){0,4}?[\s,]+"
_MAX_GAP_WORDS_IN_CHAIN = 3  # "neuvoo asiakasta ja päättää": one subject, two verbs
_COMMA_WEIGHT = 2  # a comma separates more than a word does
_MAX_EXTRA_WORDS_IN_ROLE_CELL = 3  # "Sosiaaliohjaaja (aikuissosiaalityö)" is still a role cell

_WORD = re.compile(r"\w+")
_COMMA = re.compile(r",(?=\s)")
# ";" and a spaced dash between words (not a number range "200 – 400") end a clause for good.
_HARD_BREAK = re.compile(r";|(?<=[^\d\s])\s+[–—]\s+(?=[^\d\s])")
# Contact details in a table row: a phone number, an e-mail address, a range of surname initials
# ("A–K"). A table whose rows mostly hold them is a staff list, not a delegation table.
_CONTACT_DETAIL = re.compile(r"@|\+358|(?<!\d)0\d{1,3}[\s-]?\d{3}[\s-]?\d{2,4}(?!\d)|(?<!\w)[A-ZÅÄÖ]\s?[–-]\s?[A-ZÅÄÖ](?!\w)")
_MASK = "\x01"  # stands in for role words so that a cue's word gap never runs across a role
_NEAR_MISS_WORDS = 6  # a role this close to a decision word makes a sentence worth a reader's look


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A roles.toml phrase as a case-insensitive regex (its stems noted for `_may_match`)."""
    parts: list[str] = []
    words: list[tuple[tuple[str, ...], bool]] = []  # each word's stems, and whether it is optional
    gap = False
    for token in pattern.split():
        if token == "...":
            gap = True
            continue
        optional = len(token) > 1 and token.endswith("?")
        token = token[:-1] if optional else token
        stems = [alt for alt in token.split("|") if alt]
        word = "(?:" + "|".join(_stem_regex(alt) for alt in stems) + ")"
        piece = ((_GAP if gap else _WORD_SEPARATOR) + word) if parts else word
        parts.append(f"(?:{piece})?" if optional else piece)
        words.append((tuple(_stem_parts(alt)[1].lower() for alt in stems), optional))
        gap = False
    if not parts:
        raise ValueError(f"empty pattern {pattern!r}")
    compiled = re.compile("".join(parts), re.IGNORECASE)
    _SIEVES[compiled] = _sieve(words)
    return compiled


def _stem_parts(stem: str) -> tuple[bool, str, bool]:
    """A stem as (inside a compound: "*" first, its letters as written, a whole word: "=" last)."""
    compound = stem.startswith("*") and len(stem) > 1
    whole = stem.endswith("=") and len(stem) > 1
    return compound, stem[1 if compound else 0: -1 if whole else None], whole


def _stem_regex(stem: str) -> str:
    compound, core, whole = _stem_parts(stem)
    return (r"(?<!\w)" + (r"\w*" if compound else "") + re.escape(core)
            + ("" if whole else r"\w*") + r"(?!\w)")


# A role or cue pattern is tried on every sentence, and most sentences name no role: a match
# contains one of the stems of each required word, so a text without any stem of the phrase's
# longest required word is not searched (~0.4 s of CPU on the corpus; see textnorm.stem_sieve).
_SIEVES: dict[re.Pattern[str], re.Pattern[str] | None] = {}


def _sieve(words: list[tuple[tuple[str, ...], bool]]) -> re.Pattern[str] | None:
    """The stems one of which every match contains, as a stem sieve: those of the required word
    whose shortest stem is longest (any word's, when all are optional); None when the phrase
    cannot be sieved so."""
    if not all(stems for stems, _ in words):
        return None  # a word without stems matches nothing but its gap
    required = [stems for stems, optional in words if not optional]
    return stem_sieve(max(required, key=lambda alts: min(map(len, alts))) if required
                      else [s for alts, _ in words for s in alts])


def _may_match(pattern: re.Pattern[str], sieved_text: str | None) -> bool:
    """False only when the pattern cannot match: the text lacks every stem of a required word."""
    return may_match(_SIEVES.get(pattern), sieved_text)


def _patterns(items: Sequence[str] | None) -> tuple[re.Pattern[str], ...]:
    return tuple(compile_pattern(item) for item in items or ())


# --- the vocabulary ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Role:
    """One [roles.<id>] table of roles.toml."""

    id: str
    names: dict[str, str]  # language → display name
    phrases: dict[str, tuple[str, ...]]  # language → the phrases as written

    @cached_property
    def forms(self) -> dict[str, tuple[re.Pattern[str], ...]]:
        """language → patterns that name the role, compiled on first use (names alone need none)."""
        return {language: _patterns(phrases) for language, phrases in self.phrases.items()}


@dataclass(frozen=True, eq=False)
class Cues:
    """One language's cue patterns (roles.toml [cues.<language>])."""

    decision: tuple[re.Pattern[str], ...]
    approval: tuple[re.Pattern[str], ...]
    decision_like: tuple[re.Pattern[str], ...]
    guideline_words: tuple[re.Pattern[str], ...]
    not_decision: tuple[re.Pattern[str], ...]
    not_benefit_decision: tuple[re.Pattern[str], ...]
    negation: tuple[re.Pattern[str], ...]
    delegation: tuple[re.Pattern[str], ...]
    delegate_words: tuple[re.Pattern[str], ...]
    authority: tuple[re.Pattern[str], ...]
    relative: tuple[re.Pattern[str], ...]
    list_words: tuple[re.Pattern[str], ...]
    agent_after_genitive: tuple[re.Pattern[str], ...]
    condition: tuple[re.Pattern[str], ...]
    limit_before: tuple[re.Pattern[str], ...]
    other_organisation: tuple[re.Pattern[str], ...]
    contact_header: tuple[re.Pattern[str], ...]
    yes_mark: tuple[re.Pattern[str], ...]
    no_mark: tuple[re.Pattern[str], ...]

    @classmethod
    def parse(cls, table: dict) -> Cues:
        return cls(**{name: _patterns(table.get(name)) for name in cls.__dataclass_fields__})


@dataclass(frozen=True, eq=False)
class Grammar:
    """How a role word's form tells whether it acts (roles.toml [grammar.<language>])."""

    cases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (case, endings), tried in order
    clitics: tuple[str, ...] = ()
    agent_cases: frozenset[str] = frozenset({"nominative"})
    authority_cases: frozenset[str] = frozenset()
    delegate_cases: frozenset[str] = frozenset()
    genitive_case: str | None = None
    non_agent_before: frozenset[str] = frozenset()
    delegate_before: frozenset[str] = frozenset()
    negation_words_before: int = 2
    negation_words_after: int = 0

    @classmethod
    def parse(cls, table: dict) -> Grammar:
        return cls(
            cases=tuple((c["name"], tuple(c["endings"])) for c in table.get("case", ())),
            clitics=tuple(table.get("clitics", ())),
            agent_cases=frozenset(table.get("agent_cases", ("nominative",))),
            authority_cases=frozenset(table.get("authority_cases", ())),
            delegate_cases=frozenset(table.get("delegate_cases", ())),
            genitive_case=table.get("genitive_case"),
            non_agent_before=frozenset(w.casefold() for w in table.get("non_agent_before", ())),
            delegate_before=frozenset(w.casefold() for w in table.get("delegate_before", ())),
            negation_words_before=int(table.get("negation_words_before", 2)),
            negation_words_after=int(table.get("negation_words_after", 0)),
        )

    def case_of(self, word: str) -> str:
        word = word.casefold()
        for clitic in self.clitics:
            if word.endswith(clitic) and len(word) > len(clitic) + 3:
                word = word[: -len(clitic)]
                break
        for case, endings in self.cases:
            if word.endswith(tuple(endings)):
                return case
        return "nominative"


@dataclass(frozen=True)
class SentenceConventions:
    """Where a full stop does not end a sentence: after these abbreviations and number prefixes
    (roles.toml [sentences])."""

    abbreviations: frozenset[str] = frozenset()
    number_prefixes: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, table: dict) -> SentenceConventions:
        return cls(frozenset(a.casefold() for a in table.get("abbreviations", ())),
                   frozenset(p.casefold() for p in table.get("number_prefixes", ())))


@dataclass(frozen=True, eq=False)
class RoleRules:
    """The parsed rules/roles.toml: roles, cues and grammar per language."""

    roles: tuple[Role, ...]
    cue_tables: dict[str, dict]  # language → its [cues.<language>] table as written
    grammar: dict[str, Grammar]
    amounts: Path | None = None  # the amounts.toml of the same rules folder: thresholds are amounts
    sentences: SentenceConventions = SentenceConventions()

    def __repr__(self) -> str:  # the compiled patterns would fill a screen
        return f"RoleRules(ids={self.ids!r}, languages={tuple(self.grammar)!r})"

    @classmethod
    def load(cls, path: Path) -> RoleRules:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        cue_tables = data.get("cues", {})
        if not cue_tables:
            raise ValueError(f"{path}: no [cues.<language>] table")
        roles = []
        for role_id, table in data.get("roles", {}).items():
            names = {key[len("name_"):]: value for key, value in table.items() if key.startswith("name_")}
            roles.append(Role(role_id, names, {lang: tuple(table.get(lang) or ()) for lang in cue_tables}))
        grammar = {lang: Grammar.parse(data.get("grammar", {}).get(lang, {})) for lang in cue_tables}
        amounts = Path(path).parent / AMOUNT_FILE  # a roles.toml alone (tests) uses the bundled amount words
        return cls(tuple(roles), cue_tables, grammar, amounts if amounts.is_file() else None,
                   SentenceConventions.parse(data.get("sentences", {})))

    @cached_property
    def cues(self) -> dict[str, Cues]:
        """language → its compiled cues. Compiled on first use: a run that reads no PDF (a warm
        `compare`) needs only the roles' names, and compiling every pattern is ~0.1 s."""
        return {lang: Cues.parse(table) for lang, table in self.cue_tables.items()}

    @cached_property
    def role_sieves(self) -> dict[str, re.Pattern[str] | None]:
        """language → the stems of every role form's sieve in one regex: most sentences name no
        role, and one search tells so. None when a form cannot be sieved."""
        found: dict[str, re.Pattern[str] | None] = {}
        for lang in self.cue_tables:
            sieves = [_SIEVES.get(p) for role in self.roles for p in role.forms.get(lang, ())]
            found[lang] = None if None in sieves else re.compile("|".join(s.pattern for s in sieves) or "(?!)")
        return found

    def compile(self) -> None:
        """Compile every pattern now: before workers fork, and so that a mistake shows once."""
        for role in self.roles:
            role.forms  # noqa: B018 - compiled and kept
        self.cues  # noqa: B018
        self.role_sieves  # noqa: B018

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(role.id for role in self.roles)

    def name(self, role_id: str, language: str = "fi") -> str:
        """The role's title in the language, else in Finnish, else its id."""
        role = next((r for r in self.roles if r.id == role_id), None)
        if role is None:
            raise KeyError(f"unknown role id {role_id!r} (known: {', '.join(self.ids)})")
        return role.names.get(language) or role.names.get("fi") or role_id

    def language(self, language: str) -> str:
        """The language whose cues apply: the one asked for if the rules know it, else Finnish."""
        return language if language in self.grammar else ("fi" if "fi" in self.grammar else next(iter(self.grammar)))


def load_role_rules(rules_dir: Path) -> RoleRules:
    return RoleRules.load(Path(rules_dir) / ROLE_FILE)


# --- sentences -----------------------------------------------------------------------------------

# Paragraph breaks and list items are sentence boundaries whatever punctuation precedes them.
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[•▪*–-]|\d{1,2}\)|[a-zåäö]\))\s)")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s|$)")
_NUMBER = re.compile(r"§?\d+(?:[.,:/]\d+)*")
_ROMAN = re.compile(r"[IVXLC]+")


@cache
def _bundled_conventions() -> SentenceConventions:
    return load_role_rules(default_rules_dir()).sentences


def split_sentences(text: str, conventions: SentenceConventions | None = None) -> list[str]:
    """Sentences of Finnish or Swedish text, whitespace collapsed.

    A full stop after an abbreviation ("esim.", "t.ex."), inside a date or after a heading number
    ("7.") does not end a sentence; neither does one followed by a lower-case word. After a
    paragraph number ("§ 22. Beslut om ...") a capital letter does start a new sentence.
    """
    conventions = conventions or _bundled_conventions()
    abbreviations, number_prefixes = conventions.abbreviations, conventions.number_prefixes
    sentences: list[str] = []
    for block in _BLOCK_BREAK.split(text):
        block = " ".join(block.split())
        start = 0
        for end in _SENTENCE_END.finditer(block):
            if _ends_sentence(block, start, end, abbreviations, number_prefixes):
                sentences.append(block[start:end.end()].strip())
                start = end.end()
        if block[start:].strip():
            sentences.append(block[start:].strip())
    return [s for s in sentences if s]


def _ends_sentence(block: str, start: int, end: re.Match[str], abbreviations: frozenset[str],
                   number_prefixes: frozenset[str]) -> bool:
    following = block[end.end():].lstrip()
    if not following:
        return True
    if following[0].islower():
        return False
    if "." not in end.group() or not end.group().endswith((".", "!", "?")):
        return True  # "?", "!" or a closed parenthesis/quotation: "(ks. liite 2.) Seuraava"
    before = block[start:end.start()].split()
    if not before:
        return False
    word = before[-1].casefold().lstrip("([\"'«“")
    if word in abbreviations or (len(word) == 1 and word.isalpha()):
        return False
    original = before[-1].lstrip("([\"'«“")
    is_number = _NUMBER.fullmatch(word) is not None
    heading_number = is_number or _ROMAN.fullmatch(original) is not None
    return not (heading_number and len(before) == 1)


# --- decisions in a sentence ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    role: str
    start: int
    end: int


@dataclass
class _Group:
    """Roles listed together ("sosiaalityöntekijä tai sosiaaliohjaaja"); they share a verb."""

    mentions: list[_Mention]

    @property
    def span(self) -> tuple[int, int]:
        return self.mentions[0].start, self.mentions[-1].end


class _Layout:
    """A sentence's words, commas and clause breaks, indexed once so that distances cost a lookup."""

    def __init__(self, text: str):
        self.text = text
        self.hard = [m.start() for m in _HARD_BREAK.finditer(text)]
        self.commas = [m.start() for m in _COMMA.finditer(text)]
        self.soft = sorted(set(self.hard) | set(self.commas))
        self.words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.word_starts = [start for start, _ in self.words]

    def part(self, position: int) -> int:
        return bisect_right(self.hard, position)

    def clause(self, position: int) -> int:
        return bisect_right(self.soft, position)

    def clause_text(self, index: int) -> str:
        bounds = [0, *(p + 1 for p in self.soft), len(self.text)]
        return self.text[bounds[index]:bounds[index + 1]] if index + 1 < len(bounds) else ""

    def distance(self, a: tuple[int, int], b: tuple[int, int]) -> int:
        """Words (a comma counts as two) between two spans; 0 when they touch or overlap."""
        low, high = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
        if low >= high:
            return 0
        words = bisect_right(self.word_starts, high - 1) - bisect_right(self.word_starts, low - 1)
        commas = bisect_right(self.commas, high - 1) - bisect_right(self.commas, low - 1)
        return words + _COMMA_WEIGHT * commas

    def words_before(self, position: int, count: int) -> list[str]:
        """The last `count` whole words that end at or before the position."""
        index = bisect_right(self.word_starts, position)
        while index and self.words[index - 1][1] > position:
            index -= 1
        return [self.text[s:e] for s, e in self.words[max(0, index - count):index]] if count else []

    def words_after(self, position: int, count: int) -> list[str]:
        index = bisect_right(self.word_starts, position - 1)
        return [self.text[s:e] for s, e in self.words[index:index + count]]


# A sentence is asked about up to four times while a document is extracted (its amounts' period,
# its category, near misses); role names and decisions are found once. RoleRules hash by identity.
_MEMO_SENTENCES = 4096


@lru_cache(maxsize=_MEMO_SENTENCES)
def _find_mentions(text: str, rules: RoleRules, lang: str) -> tuple[_Mention, ...]:
    """Role names in the text; where forms overlap, the longest wins."""
    sieved = sieve_text(text)
    any_role = rules.role_sieves.get(lang) if sieved is not None else None
    if any_role is not None and not any_role.search(sieved):
        return ()
    found = [_Mention(role.id, m.start(), m.end())
             for role in rules.roles for pattern in role.forms.get(lang, ()) if _may_match(pattern, sieved)
             for m in pattern.finditer(text) if m.end() > m.start()]
    found.sort(key=lambda m: (m.start - m.end, m.start))
    chosen: list[_Mention] = []
    for mention in found:
        if all(mention.end <= other.start or mention.start >= other.end for other in chosen):
            chosen.append(mention)
    return tuple(sorted(chosen, key=lambda m: m.start))


def _spans(patterns: Sequence[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    sieved = sieve_text(text)
    spans = sorted((m.start(), m.end()) for p in patterns if _may_match(p, sieved)
                   for m in p.finditer(text) if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _any_fullmatch(patterns: Sequence[re.Pattern[str]], word: str) -> bool:
    return any(p.fullmatch(word) for p in patterns)


def _groups(text: str, mentions: list[_Mention], list_words: Sequence[re.Pattern[str]]) -> list[_Group]:
    groups: list[_Group] = []
    for mention in mentions:
        if groups:
            gap = text[groups[-1].mentions[-1].end:mention.start]
            for pattern in list_words:
                gap = pattern.sub(" ", gap)
            if re.fullmatch(r"[\s,/()&+]*", gap):
                groups[-1].mentions.append(mention)
                continue
        groups.append(_Group([mention]))
    return groups


def _last_word(text: str, mention: _Mention) -> str:
    return _WORD.findall(text[mention.start:mention.end])[-1]


def _word_before(layout: _Layout, position: int) -> str:
    return "".join(layout.words_before(position, 1)).casefold()


def _acts(layout: _Layout, mention: _Mention, group: _Group, authority_clauses: set[int], cues: Cues,
          grammar: Grammar) -> bool:
    """Whether the role word stands where the one who acts stands.

    Subject ("X päättää"), possessor of the power ("X:llä on ratkaisuvalta"), receiver of handed-over
    power ("päätösvalta on delegoitu X:lle") or agent ("X:n toimesta").
    """
    if _word_before(layout, group.span[0]) in grammar.non_agent_before:
        return False
    if _employed_elsewhere(layout.text, group.span[0], cues):
        return False
    case = grammar.case_of(_last_word(layout.text, mention))
    if case in grammar.agent_cases:
        return True
    if case in grammar.authority_cases:
        return layout.clause(mention.start) in authority_clauses
    return case == grammar.genitive_case and _any_fullmatch(cues.agent_after_genitive,
                                                              "".join(layout.words_after(group.span[1], 1)))


def _employed_elsewhere(text: str, start: int, cues: Cues) -> bool:
    """'Kelan etuuskäsittelijä', 'FPA:s förmånshandläggare': another payer's staff decide its own benefit."""
    before = re.search(r"(\S+)\s+$", text[:start])
    return bool(before) and _any_fullmatch(cues.other_organisation, before.group(1))


def _delegate_position(layout: _Layout, span: tuple[int, int], list_start: int, grammar: Grammar) -> bool:
    """'... delegoitu sosiaaliohjaajille', '... delegerats till socialhandledaren'."""
    if _word_before(layout, list_start) in grammar.delegate_before:
        return True
    words = _WORD.findall(layout.text[span[0]:span[1]])
    return bool(words) and grammar.case_of(words[-1]) in grammar.delegate_cases


def _negated(layout: _Layout, span: tuple[int, int], cues: Cues, grammar: Grammar) -> bool:
    words = (layout.words_before(span[0], grammar.negation_words_before)
             + layout.words_after(span[1], grammar.negation_words_after))
    return any(_any_fullmatch(cues.negation, word) for word in words)


def _decision_cues(masked: str, layout: _Layout, blocking: list[tuple[int, int]], cues: Cues, grammar: Grammar
                   ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Decision cues that stand, and those that do not (negated; about an appeal or a meeting).

    A cue whose word gap holds a contact/preparation verb ("tehtävänä on valmistella päätökset") is
    no decision cue at all.
    """
    void: set[int] = set()
    for start, _ in _spans(cues.not_benefit_decision, masked):
        index = layout.clause(start)
        void.add(index)
        following = layout.clause_text(index + 1).lstrip()
        if any(p.match(following) for p in cues.relative):
            void.add(index + 1)
    about_guideline = any(p.search(masked) for p in cues.guideline_words)
    approvals = _spans(cues.approval, masked)
    standing, fallen = [], []
    for span in _spans(cues.decision + cues.approval, masked):
        if any(span[0] < b_start and b_end <= span[1] for b_start, b_end in blocking):
            continue
        void_here = (layout.clause(span[0]) in void or _negated(layout, span, cues, grammar)
                     or (about_guideline and span in approvals))
        (fallen if void_here else standing).append(span)
    return standing, fallen


def _decides(layout: _Layout, group: _Group, decisions: list[tuple[int, int]], blocking: list[tuple[int, int]],
             mentions: list[_Mention], cues: Cues) -> bool:
    """Whether the nearest cue of the group is a decision cue (ties go to the blocking cue)."""
    span = group.span
    part = layout.part(span[0])
    candidates = [(layout.distance(span, cue), 1, cue) for cue in _neighbours(decisions, span)
                  if layout.part(cue[0]) == part]
    candidates += [(layout.distance(span, cue), 0, cue) for cue in _neighbours(blocking, span)
                   if layout.part(cue[0]) == part]
    if not candidates:
        return False
    _, is_decision, nearest = min(candidates)
    if is_decision:
        return True
    return nearest[0] >= span[1] and _chained(layout.text, nearest, decisions, mentions, cues)


def _neighbours(spans: list[tuple[int, int]], span: tuple[int, int]) -> list[tuple[int, int]]:
    """The sorted spans nearest to a span on either side: only they can be the nearest cue."""
    index = bisect_left(spans, (span[0],))
    return spans[max(0, index - 2):index + 2]


def _chained(text: str, blocking: tuple[int, int], decisions: list[tuple[int, int]],
             mentions: list[_Mention], cues: Cues) -> bool:
    """'Sosiaalityöntekijä neuvoo asiakasta ja päättää tuesta': the same subject also decides."""
    following = [d for d in decisions if d[0] >= blocking[1]]
    if not following:
        return False
    decision = following[0]
    gap = text[blocking[1]:decision[0]]
    if any(blocking[1] <= m.start < decision[0] for m in mentions) or _COMMA.search(gap) or _HARD_BREAK.search(gap):
        return False
    words = _WORD.findall(gap)
    return len(words) <= _MAX_GAP_WORDS_IN_CHAIN and any(_any_fullmatch(cues.list_words, w) for w in words)


def _conditions(sentence: str, masked: str, language: str, cues: Cues,
                vocabulary: Path | None) -> list[tuple[int, int, bool]]:
    """Threshold phrases: (start, end, is_amount)."""
    found = [(_limit_start(sentence, a.start, cues), a.end, True)
             for a in parse_amounts(sentence, language, vocabulary)]
    found += [(start, end, False) for start, end in _spans(cues.condition, masked)
              if not any(s < end and start < e for s, e, _ in found)]
    return found


def _limit_start(sentence: str, start: int, cues: Cues) -> int:
    """Take in the verb before a sum that makes it a threshold ("som överstiger 2 000 euro")."""
    before = re.search(r"(\w+)\s+$", sentence[:start])
    return before.start() if before and _any_fullmatch(cues.limit_before, before.group(1)) else start


def _condition_text(layout: _Layout, spans: list[tuple[int, int, bool]], group: _Group) -> str | None:
    """The group's threshold as written: its amounts (joined when in one clause), else a phrase."""
    if not spans:
        return None
    amounts = [s for s in spans if s[2]] or spans
    nearest = min(amounts, key=lambda s: layout.distance(group.span, s[:2]))
    clause = layout.clause(nearest[0])
    together = [s for s in amounts if layout.clause(s[0]) == clause]
    return layout.text[min(s[0] for s in together):max(s[1] for s in together)].strip()


def find_decisions(sentence: str, rules: RoleRules, language: str = "fi") -> list[DecisionMatch]:
    """The roles a sentence gives authority to decide, each with its threshold (condition).

    The condition is the threshold as written in the sentence: the amount with its qualifier word
    ("enintään 500 euroa"), or, without a sum, the phrase that sets the limit ("sitä suuremmista
    summista", "kiireellisissä tapauksissa"). A condition belongs to the decider nearest to it.
    """
    return list(_decisions(sentence, rules, rules.language(language)))


@lru_cache(maxsize=_MEMO_SENTENCES)
def _decisions(sentence: str, rules: RoleRules, lang: str) -> tuple[DecisionMatch, ...]:
    cues, grammar = rules.cues[lang], rules.grammar[lang]
    mentions = _find_mentions(sentence, rules, lang)
    if not mentions:
        return ()
    masked_text = _masked(sentence, mentions)
    layout = _Layout(sentence)
    not_deciding = _spans(cues.not_decision, masked_text)
    decisions, fallen = _decision_cues(masked_text, layout, not_deciding, cues, grammar)
    if not decisions:
        return ()
    blocking = sorted(not_deciding + fallen)
    authority_clauses = {layout.clause(start) for start, _ in _spans(cues.authority, masked_text)}

    deciders: list[tuple[_Group, list[_Mention]]] = []
    for group in _groups(sentence, mentions, cues.list_words):
        acting = [m for m in group.mentions if _acts(layout, m, group, authority_clauses, cues, grammar)]
        if acting and _decides(layout, group, decisions, blocking, mentions, cues):
            deciders.append((group, acting))
    deciders = _without_delegators(layout, masked_text, deciders, cues, grammar)
    if not deciders:
        return ()

    assigned: dict[int, list[tuple[int, int, bool]]] = {i: [] for i in range(len(deciders))}
    for condition in _conditions(sentence, masked_text, lang, cues, rules.amounts):
        near = [(layout.distance(group.span, condition[:2]), i) for i, (group, _) in enumerate(deciders)
                if layout.part(group.span[0]) == layout.part(condition[0])]
        if near:
            assigned[min(near)[1]].append(condition)

    results: list[DecisionMatch] = []
    for i, (group, acting) in enumerate(deciders):
        condition = _condition_text(layout, assigned[i], group)
        for mention in acting:
            match = DecisionMatch(role=mention.role, condition=condition, text=sentence.strip())
            if match not in results:
                results.append(match)
    return tuple(results)


def _masked(sentence: str, mentions: list[_Mention]) -> str:
    masked = list(sentence)
    for mention in mentions:
        masked[mention.start:mention.end] = _MASK * (mention.end - mention.start)
    return "".join(masked)


def near_miss(sentence: str, rules: RoleRules, language: str = "fi") -> str | None:
    """Why a sentence that names a role close to a decision word gives no authority, or None.

    None also when the sentence does give authority, names no role near a decision word, or is
    confidently about something else: an appeal, a meeting, the guideline's own approval, or
    another payer's staff ("Kelan etuuskäsittelijä"). The reasons: `contact_or_preparer` (the role
    advises, prepares or is contacted), `role_not_acting` (the role is not in the acting form:
    "ei rajoita sosiaalityöntekijän oikeutta käyttää harkintaa päättäessään"), `negated` ("ei voi
    päättää"), `no_decision_verb` (the decision word is only a noun: "sosiaalityöntekijä ja päätös").
    """
    lang = rules.language(language)
    cues, grammar = rules.cues[lang], rules.grammar[lang]
    mentions = [m for m in _find_mentions(sentence, rules, lang) if not _employed_elsewhere(sentence, m.start, cues)]
    if not mentions:
        return None
    masked = _masked(sentence, mentions)
    layout = _Layout(sentence)
    words = _spans(cues.decision + cues.approval + cues.decision_like, masked)
    if not any(layout.part(w[0]) == layout.part(m.start) and layout.distance((m.start, m.end), w) <= _NEAR_MISS_WORDS
               for m in mentions for w in words):
        return None
    if _spans(cues.not_benefit_decision, masked):
        return None
    about_guideline = any(p.search(masked) for p in cues.guideline_words)
    if about_guideline and not _spans(cues.decision, masked):
        return None
    if find_decisions(sentence, rules, language):
        return None
    if _spans(cues.not_decision, masked):
        return "contact_or_preparer"
    decisions = _spans(cues.decision + cues.approval, masked)
    if any(_negated(layout, span, cues, grammar) for span in decisions):
        return "negated"
    if decisions:
        return "role_not_acting"
    return "no_decision_verb"


def _without_delegators(layout: _Layout, masked: str, deciders: list[tuple[_Group, list[_Mention]]],
                        cues: Cues, grammar: Grammar) -> list[tuple[_Group, list[_Mention]]]:
    """'Lautakunta on delegoinut päätösvallan sosiaaliohjaajille / viranhaltijoille': the giver does not decide."""
    delegating = {layout.clause(start) for start, _ in _spans(cues.delegation, masked)}
    with_delegate = {layout.clause(m.start) for group, acting in deciders for m in acting
                     if _delegate_position(layout, (m.start, m.end), group.span[0], grammar)}
    with_delegate |= {layout.clause(span[0]) for span in _spans(cues.delegate_words, masked)
                      if _delegate_position(layout, span, span[0], grammar)}
    kept = []
    for group, acting in deciders:
        acting = [m for m in acting if layout.clause(m.start) not in delegating & with_delegate
                  or _delegate_position(layout, (m.start, m.end), group.span[0], grammar)]
        if acting:
            kept.append((group, acting))
    return kept


# --- delegation tables ---------------------------------------------------------------------------


def _cell_roles(cell: str, rules: RoleRules, lang: str) -> list[str]:
    """Roles a cell names when the cell is essentially a role title ("Sosiaaliohjaaja", not a remark)."""
    mentions = _find_mentions(cell, rules, lang)
    if not mentions:
        return []
    rest = cell
    for mention in reversed(mentions):
        rest = rest[:mention.start] + " " + rest[mention.end:]
    cues, grammar = rules.cues[lang], rules.grammar[lang]
    for pattern in cues.list_words:
        rest = pattern.sub(" ", rest)
    if len(_WORD.findall(rest)) > _MAX_EXTRA_WORDS_IN_ROLE_CELL:
        return []
    roles = [m.role for m in mentions
             if grammar.case_of(_WORD.findall(cell[m.start:m.end])[-1]) in grammar.agent_cases]
    return list(dict.fromkeys(roles))


def gives_authority(text: str, rules: RoleRules, language: str = "fi") -> bool:
    """Whether a text speaks of the power to decide ("päätösvalta on delegoitu seuraavasti:"),
    as the lead-in of a list of who decides what does."""
    cues = rules.cues[rules.language(language)]
    return any(p.search(text) for p in cues.decision + cues.authority + cues.delegation)


def decisions_from_list(lead_in: str, items: Sequence[str], rules: RoleRules,
                        language: str = "fi") -> list[tuple[int, DecisionMatch]]:
    """A list of "role: what it decides" items under a lead-in that gives authority, read like a
    delegation table (role | limit); items that do not start with a role are left alone.

    Returns (index of the item, the rule), the rule's text being the item as written."""
    if not gives_authority(lead_in, rules, language):
        return []
    found: list[tuple[int, DecisionMatch]] = []
    for index, item in enumerate(items):
        written = item.lstrip("•-–* ")
        head, colon, rest = written.partition(":")
        if colon and _cell_roles(head, rules, rules.language(language)):
            rows = [("", lead_in), (head.strip(), rest.strip())]
            found += [(index, replace(d, text=written)) for d in decisions_from_table(rows, rules, language)]
    return found


def decisions_from_table(rows: Sequence[Sequence[str]], rules: RoleRules, language: str = "fi") -> list[DecisionMatch]:
    """Decision rules of a delegation table, header row first.

    Either one role per row ("Sosiaaliohjaaja | enintään 500 €"): the condition comes from the row's
    cell in the limit column (the column with the most sums, else the first other column). Or one
    role per column ("Asia | Sosiaaliohjaaja | Sosiaalityöntekijä"): a cell marks ("x") or limits
    that role's power over the row's matter. A condition cell with a sum gives the sum with its
    qualifier ("täydentävä tuki enintään 300 euroa" → "enintään 300 euroa"), as in sentences; one
    without gives the whole cell. A header naming phones or addresses makes a contact list: [].
    """
    lang = rules.language(language)
    cues = rules.cues[lang]
    table = [tuple((cell or "").strip() for cell in row) for row in rows]
    if len(table) < 2:
        return []
    header, body = table[0], table[1:]
    if any(p.search(cell) for cell in header for p in cues.contact_header) or _staff_list(body):
        return []
    width = max(len(row) for row in table)
    if width == 0:
        return []
    named = [[_cell_roles(row[c], rules, lang) if c < len(row) else [] for c in range(width)] for row in body]
    counts = [sum(1 for row in named if row[c]) for c in range(width)]
    if max(counts) > 0:
        return _role_per_row(body, named, counts.index(max(counts)), width, lang, rules)
    header_roles = [_cell_roles(cell, rules, lang) for cell in header]
    if any(header_roles):
        return _role_per_column(body, header_roles, cues, lang, rules.amounts)
    return []


def _staff_list(body: list[tuple[str, ...]]) -> bool:
    """Rows of role, name, phone and surname range: who to call, not who decides."""
    with_contacts = sum(1 for row in body if any(_CONTACT_DETAIL.search(cell) for cell in row))
    return with_contacts * 2 > len(body)


def _role_per_row(body: list[tuple[str, ...]], named: list[list[list[str]]], role_column: int, width: int,
                  lang: str, rules: RoleRules) -> list[DecisionMatch]:
    others = [c for c in range(width) if c != role_column]
    sums = {c: sum(1 for row in body if c < len(row) and row[c] and parse_amounts(row[c], lang, rules.amounts))
            for c in others}
    if not others:
        limit_column = None
    elif max(sums.values()) > 0:
        limit_column = max(others, key=lambda c: (sums[c], -c))
    else:
        limit_column = others[0]
    cues = rules.cues[lang]
    results = []
    for row, roles in zip(body, named):
        cell = row[limit_column] if limit_column is not None and limit_column < len(row) else ""
        if _says_no(cell, cues) or any(p.search(cell) for p in cues.not_decision):
            continue  # "ei ratkaisuvaltaa", "–", "Yhteyshenkilö": this role has no say here
        # a labelled field ("Päättäjä | Sosiaaliohjaaja") has a label where the limit would stand
        label = not parse_amounts(cell, lang, rules.amounts) and gives_authority(cell, rules, lang)
        condition = None if label else _cell_limit(cell, lang, rules.amounts)
        for role in roles[role_column]:
            results.append(DecisionMatch(role=role, condition=condition, text=" | ".join(row)))
    return results


def _says_no(cell: str, cues: Cues) -> bool:
    """A limit cell that denies authority: a dash alone, or a negation among its first two words
    ("ei ratkaisuvaltaa", "fattar inga beslut")."""
    opening = cell.strip().casefold().split()[:2]
    return bool(opening) and (any(p.fullmatch(cell.strip()) for p in cues.no_mark)
                              or any(p.fullmatch(word) for word in opening for p in cues.negation))


def _cell_limit(cell: str, lang: str, vocabulary: Path | None) -> str | None:
    """The threshold a limit cell states: its sums with their qualifiers if it has any, else the cell.

    "täydentävä toimeentulotuki enintään 300 euroa" → "enintään 300 euroa"; "muut asiat" stays.
    """
    amounts = parse_amounts(cell, lang, vocabulary)
    if not amounts:
        return cell or None
    return cell[min(a.start for a in amounts):max(a.end for a in amounts)]


def _role_per_column(body: list[tuple[str, ...]], header_roles: list[list[str]], cues: Cues,
                     lang: str, vocabulary: Path | None) -> list[DecisionMatch]:
    results = []
    for row in body:
        label = next((cell for c, cell in enumerate(row) if cell and not (c < len(header_roles) and header_roles[c])),
                     "")
        for c, roles in enumerate(header_roles):
            cell = row[c] if c < len(row) else ""
            if not roles or not cell or _any_fullmatch(cues.no_mark, cell):
                continue
            condition = (label or None) if _any_fullmatch(cues.yes_mark, cell) else _cell_limit(cell, lang, vocabulary)
            results.extend(DecisionMatch(role=role, condition=condition, text=" | ".join(row)) for role in roles)
    return results
