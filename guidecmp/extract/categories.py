"""Which expense category a heading or sentence names, and which kind of chapter a heading opens.

The words live in rules/categories.toml so that a user can add wording or whole categories without
touching code; this module only knows how Finnish and Swedish words bend and how headings are
damaged. Forms are stems matched as word prefixes, because Finnish inflects and compounds too much
for a list of whole words, and a dictionary lemmatiser (simplemma) takes about 3 s to load its
Finnish data in every worker process. Where a choice is open, precision wins: a wrong category is
worse than a missed one.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path


LANGUAGES = ("fi", "sv")
SUPPORT_TYPES = ("supplementary", "preventive")
MENTION_KINDS = (*SUPPORT_TYPES, "basic")
CHAPTER_KINDS = ("supplementary", "preventive", "basic", "general")

GAP = "..."
MAX_GAP_WORDS = 3
COMPOUND_HEAD_MIN = 3  # letters a compound's first part has at least ("romani|vaatetus")
COMPOUND_TAIL_MIN = 6  # a shorter stem inside a word would match by accident ("passi" in "kompassi")
FUZZY_STEM_MIN = 8  # shorter stems are one letter away from unrelated words ("muutto"/"muutos")
FUZZY_MAX_EDITS = 1  # letters missing or extra (Indel: the measure behind fuzz.ratio)

_CATEGORY_KEYS = frozenset({"id", "name_fi", "name_sv", "support_type", "fi", "sv", "catch_all", "exclusive"})
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

# Numbering before a heading: "7.3", "7.3.", "3.2.1", "1)", "IV", "IV.", "a)", "B."
_NUMBERING = re.compile(r"^\s*(?:\d+(?:[.)]\d*)*[.)]?|[IVX]{1,5}[.)]?(?=\s)|[A-Za-zÅÄÖåäö][.)])\s*")
# Law references: "(13 §)", "(7 a ja 9 §)", "(Toimeentulotukilaki § 13)", "(14 )" with § lost.
_REFERENCE_IN_PARENS = re.compile(r"\([^()]*(?:§|\d)[^()]*\)")
_REFERENCE = re.compile(r"§\s*\d+\s*[a-z]?\b|\b\d+\s*[a-z]?\s*§(?:\s*\d+\s*mom\b\.?)?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # the words and the gaps between them, in one call
_HYPHENS = {ord("\u00ad"): None, ord("\u2010"): "-", ord("\u2011"): "-"}
_HYPHEN_MARKS = tuple(map(chr, _HYPHENS))
_CLAUSE_MARKS = frozenset(",;:.!?()–")


@dataclass
class _Text:
    tokens: list[str]
    # A suspended hyphen shares the end of the next item: in "vuokra- ja sähkövelat" the word
    # "vuokra" (index) stands for "vuokra" + the end of "sähkövelat" (value).
    shared_ends: dict[int, str]
    # Indexes of words that follow punctuation: in running text a gap does not reach across a
    # clause ("..., jos asiakkaalla on maksuhäiriömerkintä").
    after_punctuation: set[int]
    # Words that join separate items (rules/document.toml): a gap in a form never spans one, so
    # "Sähkövelka ja velkaantuminen" is not read as "sähkö ... velk".
    conjunctions: frozenset[str]


@cache
def _broken_word(conjunctions: frozenset[str]) -> re.Pattern:
    """A word broken at a line end ("eh- käisevä"), but not a suspended hyphen ("Passi- ja ...")."""
    joiners = "|".join(re.escape(w) for w in sorted(conjunctions)) or "(?!)"
    return re.compile(rf"(?<=[^\W\d_])-\s+(?!(?:{joiners})\b)(?=[^\W\d_])")


def _read(text: str, *, heading: bool, conjunctions: frozenset[str]) -> _Text:
    if any(mark in text for mark in _HYPHEN_MARKS):  # rare, and translate() costs per character
        text = text.translate(_HYPHENS)
    text = unicodedata.normalize("NFKC", text)
    if heading:
        while (stripped := _NUMBERING.sub("", text, count=1)) != text:
            text = stripped
    # each pattern only where its mark is: most sentences have no "(", "§" or "-"
    if "(" in text:
        text = _REFERENCE_IN_PARENS.sub(" ", text)
    if "§" in text:
        text = _REFERENCE.sub(" ", text)
    text = text.casefold()
    if "-" in text:
        text = _broken_word(conjunctions).sub("", text)
    pieces = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
    tokens = pieces[1::2]
    between = [gap.strip() for gap in pieces[2:-1:2]]
    shared_ends = {i: tokens[i + 2] for i in range(len(tokens) - 2)
                   if between[i] == "-" and tokens[i + 1] in conjunctions and not between[i + 1]}
    after_punctuation = {i + 1 for i, gap in enumerate(between) if not _CLAUSE_MARKS.isdisjoint(gap)}
    return _Text(tokens, shared_ends, after_punctuation, conjunctions)


def words(text: str, conjunctions: frozenset[str], *, heading: bool = True) -> list[str]:
    """The words a form is compared with: casefolded, without numbering, law references, digits,
    punctuation and one-letter words."""
    return _read(text, heading=heading, conjunctions=conjunctions).tokens


# --- forms ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    stem: str
    whole: bool  # "$": the stem must be the whole word


@dataclass(frozen=True)
class _Form:
    owner: str  # category id, chapter kind or support type
    language: str
    words: tuple[_Word | None, ...]  # None: up to MAX_GAP_WORDS other words
    whole_heading: bool
    written: bool  # False for the closed compound made from a written form

    @property
    def has_gap(self) -> bool:
        return None in self.words

    @cached_property  # asked for every form at every new word of a document
    def single_stem(self) -> str | None:
        """The stem of a one-word form that may end a compound or carry a typo."""
        if len(self.words) == 1 and not self.words[0].whole and not self.whole_heading:
            return self.words[0].stem
        return None


def _parse_form(text: str, owner: str, language: str, where: str) -> list[_Form]:
    """A form as written, plus its closed compound ("kodin perustam" → "kodinperustam")."""
    raw = unicodedata.normalize("NFKC", text).casefold().strip()
    whole_heading = raw.startswith("=")
    parts = raw.lstrip("=").split()
    if not parts or parts[0] == GAP or parts[-1] == GAP:
        raise ValueError(f"{where}: form {text!r} is empty or starts or ends with '{GAP}'")
    form_words: list[_Word | None] = []
    for part in parts:
        if part == GAP:
            if form_words[-1] is None:
                raise ValueError(f"{where}: form {text!r} has '{GAP}' twice in a row")
            form_words.append(None)
            continue
        stem = part.removesuffix("$")
        if not _WORD.fullmatch(stem):
            raise ValueError(f"{where}: form {text!r}: {part!r} is not a word stem (letters only, "
                             "optionally ending in '$')")
        form_words.append(_Word(stem, part.endswith("$")))
    form = _Form(owner, language, tuple(form_words), whole_heading, written=True)
    forms = [form]
    if len(form_words) > 1 and not form.has_gap and not any(w.whole for w in form_words):
        closed = _Word("".join(w.stem for w in form_words), whole=False)
        forms.append(_Form(owner, language, (closed,), whole_heading, written=False))
    return forms


@dataclass(frozen=True)
class _Hit:
    owner: str
    tokens: frozenset[int]  # indexes of the words matched
    anchored: bool  # every stem matched from the start of a word, not inside a compound
    letters: int
    fuzzy: bool = False

    @property
    def first(self) -> int:
        return min(self.tokens)


class _Vocabulary:
    """Forms compiled for lookup by the first three letters of a word."""

    def __init__(self, forms: list[_Form]):
        self._by_prefix: dict[str, list[_Form]] = {}
        self._short: list[_Form] = []  # forms whose first stem has fewer than 3 letters
        for form in forms:
            stem = form.words[0].stem
            if len(stem) < 3:
                self._short.append(form)
            else:
                self._by_prefix.setdefault(stem[:3], []).append(form)
        # the stems of one-word forms, as tuples for str.startswith (see starts_any_stem)
        self._short_single_stems = tuple(f.words[0].stem for f in self._short if len(f.words) == 1)
        self._single_stems_by_prefix = {prefix: tuple(f.words[0].stem for f in forms if len(f.words) == 1)
                                        for prefix, forms in self._by_prefix.items()}
        # compound tails by the first three letters of their stem: a word is looked up at each place
        # a tail may start, not compared with every tail; the number keeps the forms' order
        self._tails_by_prefix: dict[str, list[tuple[int, _Form]]] = {}
        tails = [f for f in forms if f.single_stem and len(f.single_stem) >= COMPOUND_TAIL_MIN]
        for order, form in enumerate(tails):
            self._tails_by_prefix.setdefault(form.single_stem[:3], []).append((order, form))
        self._tails_in: dict[str, tuple[_Form, ...]] = {}  # word → forms ending inside it; words repeat
        # fuzzy forms by language, then by the letter at each of the first FUZZY_MAX_EDITS + 1 places
        # of their stem: a word within the edits shares a letter there (see _fuzzy_candidates)
        self._fuzzy_at: dict[str, list[dict[str, list[_Form]]]] = {}
        for lang in LANGUAGES:
            fuzzy = [f for f in forms if f.written and f.language == lang and f.single_stem
                     and len(f.single_stem) >= FUZZY_STEM_MIN]
            self._fuzzy_at[lang] = [{} for _ in range(FUZZY_MAX_EDITS + 1)]
            for form in fuzzy:
                for place, by_letter in enumerate(self._fuzzy_at[lang]):
                    by_letter.setdefault(form.single_stem[place], []).append(form)

    def hits(self, text: _Text, *, running_text: bool = False) -> list[_Hit]:
        """Every exact match of every form. Running text has many more words to match by
        accident, so there a gap stays inside its clause and whole-heading forms do not apply."""
        found: list[_Hit] = []
        for start, token in enumerate(text.tokens):
            candidates = self._short + self._by_prefix.get(token[:3], [])
            for form in candidates:
                if running_text and form.whole_heading:
                    continue
                hit = _match_at(form, text, start, clause_bound=running_text)
                if hit:
                    found.append(hit)
            for form in self._compound_tails_in(token):
                found.append(_Hit(form.owner, frozenset({start}), False, len(form.single_stem)))
        return found

    def _compound_tails_in(self, token: str) -> tuple[_Form, ...]:
        """One-word forms found inside the word after a compound's first part ("romani|vaatetus")."""
        if len(token) < COMPOUND_HEAD_MIN + COMPOUND_TAIL_MIN:
            return ()
        if token not in self._tails_in:
            found: dict[int, _Form] = {}
            for start in range(COMPOUND_HEAD_MIN, len(token) - COMPOUND_TAIL_MIN + 1):
                for order, form in self._tails_by_prefix.get(token[start:start + 3], ()):
                    if token.startswith(form.single_stem, start) and not token.startswith(form.single_stem):
                        found[order] = form
            self._tails_in[token] = tuple(found[order] for order in sorted(found))
        return self._tails_in[token]

    def fuzzy_hits(self, text: _Text, language: str, skip: set[int]) -> list[_Hit]:
        """Matches one letter away from a long stem of the document's language, for damaged words
        ("uokrarästi"); a word close to stems of two owners is left alone."""
        found = []
        for index, token in enumerate(text.tokens):
            if index in skip or len(token) < FUZZY_STEM_MIN - FUZZY_MAX_EDITS:
                continue
            owners = {form.owner for form in self._fuzzy_candidates(language, token) if _near(form.single_stem, token)}
            if len(owners) == 1:
                found.append(_Hit(owners.pop(), frozenset({index}), True, 0, fuzzy=True))
        return found

    def _fuzzy_candidates(self, language: str, token: str) -> list[_Form]:
        """The fuzzy forms that may be within FUZZY_MAX_EDITS of the word: deleting up to that many
        letters makes stem and word share a first letter, so a letter at place i of the stem equals
        one at place j of the word, i + j <= FUZZY_MAX_EDITS. A form may come more than once."""
        at = self._fuzzy_at.get(language, ())
        return [form for i, by_letter in enumerate(at) for j in range(min(len(at) - i, len(token)))
                for form in by_letter.get(token[j], ())]

    def starts_any_stem(self, token: str) -> bool:
        """Whether a one-word form claims the word as spelt right (the first word of a longer form
        alone claims nothing: "vuokra ... maksamat" must not stop "vuokravakuss" being read
        as a damaged "vuokravakuus")."""
        return token.startswith(self._short_single_stems) or token.startswith(
            self._single_stems_by_prefix.get(token[:3], ()))


def _near(stem: str, token: str) -> bool:
    """The word starts with the stem, give or take one missing or extra letter."""
    from rapidfuzz.distance import Indel  # here: a warm run names categories but matches none (15 ms)

    size = len(stem)
    return any(Indel.distance(stem, token[:length], score_cutoff=FUZZY_MAX_EDITS) <= FUZZY_MAX_EDITS
               for length in (size - 1, size, size + 1) if length <= len(token))


def _word_end(word: _Word, text: _Text, position: int) -> int | None:
    """Where the next form word may start if this one matches at `position`, else None. An open
    compound such as "kodin irtaimisto" for the stem "kodinirtaim" takes two words; "vuokra-" in
    "vuokra- ja sähkövelat" matches "vuokravel" with the end it shares."""
    tokens = text.tokens
    token = tokens[position]
    if word.whole:
        return position + 1 if token == word.stem else None
    if token.startswith(word.stem):
        return position + 1
    if len(word.stem) <= len(token) or len(token) < COMPOUND_HEAD_MIN:
        return None
    if position + 1 < len(tokens) and (token + tokens[position + 1]).startswith(word.stem):
        return position + 2
    shared = text.shared_ends.get(position, "")
    if any((token + shared[cut:]).startswith(word.stem) for cut in range(COMPOUND_HEAD_MIN, len(shared) - 1)):
        return position + 1
    return None


def _match_at(form: _Form, text: _Text, start: int, clause_bound: bool) -> _Hit | None:
    """The tightest match of the form beginning at word `start`, if any."""
    tokens = text.tokens
    if form.whole_heading and start != 0:
        return None
    if _word_end(form.words[0], text, start) is None:
        return None  # most candidates share only the first letters: no need for the walk

    def walk(index: int, position: int, used: tuple[int, ...]) -> tuple[int, ...] | None:
        if index == len(form.words):
            return used if not form.whole_heading or position == len(tokens) else None
        word = form.words[index]
        if word is None:
            for skipped in range(MAX_GAP_WORDS + 1):
                if position + skipped >= len(tokens):
                    break
                if skipped and tokens[position + skipped - 1] in text.conjunctions:
                    break
                if clause_bound and position + skipped in text.after_punctuation:
                    break
                result = walk(index + 1, position + skipped, used)
                if result is not None:
                    return result
            return None
        if position >= len(tokens):
            return None
        after = _word_end(word, text, position)
        return None if after is None else walk(index + 1, after, used + tuple(range(position, after)))

    used = walk(0, start, ())
    if used is None:
        return None
    letters = sum(len(w.stem) for w in form.words if w is not None)
    return _Hit(form.owner, frozenset(used), True, letters)


# --- rules --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Category:
    id: str
    name_fi: str
    name_sv: str
    support_type: str | None
    catch_all: int
    exclusive: bool


class CategoryRules:
    """The category vocabulary of rules/categories.toml, compiled for matching."""

    def __init__(self, categories: list[_Category], category_forms: list[_Form], chapter_forms: list[_Form],
                 mention_forms: list[_Form], source: str, conjunctions: frozenset[str]):
        self._categories = {c.id: c for c in categories}
        self._category_vocabulary = _Vocabulary(category_forms)
        self._chapter_vocabulary = _Vocabulary(chapter_forms)
        self._mention_vocabulary = _Vocabulary(mention_forms)
        self.source = source
        self.conjunctions = conjunctions  # of rules/document.toml: where a form's gap ends

    @classmethod
    def load(cls, path: Path, conjunctions: frozenset[str]) -> CategoryRules:
        path = Path(path)
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        return cls._from_data(data, str(path), conjunctions)

    @classmethod
    def _from_data(cls, data: dict, source: str, conjunctions: frozenset[str]) -> CategoryRules:
        unknown = set(data) - {"chapters", "mentions", "category"}
        if unknown:
            raise ValueError(f"{source}: unknown top-level keys {sorted(unknown)}")
        chapter_forms = _owner_forms(data.get("chapters", {}), CHAPTER_KINDS, f"{source} [chapters]")
        mention_forms = _owner_forms(data.get("mentions", {}), MENTION_KINDS, f"{source} [mentions]")
        entries = data.get("category", [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ValueError(f"{source}: categories are written as [[category]] tables")
        categories: list[_Category] = []
        category_forms: list[_Form] = []
        owner_of_form: dict[str, str] = {}
        for number, entry in enumerate(entries, start=1):
            where = f"{source} [[category]] #{number}"
            category = _parse_category(entry, where)
            where = f"{source} category {category.id!r}"
            if any(c.id == category.id for c in categories):
                raise ValueError(f"{where}: the id is used twice")
            categories.append(category)
            for language in LANGUAGES:
                for text in _string_list(entry.get(language, []), f"{where} {language}"):
                    key = unicodedata.normalize("NFKC", text).casefold().strip()
                    if owner_of_form.setdefault(key, category.id) != category.id:
                        raise ValueError(f"{where}: form {text!r} is also a form of {owner_of_form[key]!r}")
                    category_forms += _parse_form(text, category.id, language, where)
            if not any(f.owner == category.id for f in category_forms):
                raise ValueError(f"{where}: no forms in fi or sv")
        if not categories:
            raise ValueError(f"{source}: no [[category]] tables")
        return cls(categories, category_forms, chapter_forms, mention_forms, source, conjunctions)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._categories)

    def name(self, category_id: str, language: str) -> str:
        category = self._category(category_id)
        return category.name_sv if language == "sv" and category.name_sv else category.name_fi

    def support_type(self, category_id: str) -> str | None:
        return self._category(category_id).support_type

    def _category(self, category_id: str) -> _Category:
        try:
            return self._categories[category_id]
        except KeyError:
            raise KeyError(f"unknown category id {category_id!r} (not in {self.source})") from None

    def __repr__(self) -> str:
        return f"CategoryRules({self.source!r}, {len(self._categories)} categories)"


def _string_list(value, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a list of strings")
    return value


def _owner_forms(table: dict, owners: tuple[str, ...], where: str) -> list[_Form]:
    if not isinstance(table, dict):
        raise ValueError(f"{where}: expected one table per kind ({', '.join(owners)})")
    forms: list[_Form] = []
    for owner, by_language in table.items():
        if owner not in owners:
            raise ValueError(f"{where}: unknown kind {owner!r} (known: {', '.join(owners)})")
        if not isinstance(by_language, dict):
            raise ValueError(f"{where} {owner}: expected fi = [...] and sv = [...]")
        for language, texts in by_language.items():
            if language not in LANGUAGES:
                raise ValueError(f"{where} {owner}: unknown language {language!r}")
            for text in _string_list(texts, f"{where} {owner}.{language}"):
                forms += _parse_form(text, owner, language, f"{where} {owner}.{language}")
    return forms


def _parse_category(entry: dict, where: str) -> _Category:
    unknown = set(entry) - _CATEGORY_KEYS
    if unknown:
        known = ", ".join(sorted(_CATEGORY_KEYS))
        raise ValueError(f"{where}: unknown keys {sorted(unknown)} (known: {known})")
    category_id = entry.get("id")
    if not isinstance(category_id, str) or not _ID.match(category_id):
        raise ValueError(f"{where}: 'id' must be a snake_case name, got {category_id!r}")
    name_fi = entry.get("name_fi")
    if not isinstance(name_fi, str) or not name_fi.strip():
        raise ValueError(f"{where} ({category_id}): 'name_fi' is required")
    name_sv = entry.get("name_sv", "")
    if not isinstance(name_sv, str):
        raise ValueError(f"{where} ({category_id}): 'name_sv' must be text")
    support_type = entry.get("support_type")
    if support_type is not None and support_type not in SUPPORT_TYPES:
        raise ValueError(f"{where} ({category_id}): support_type must be one of {SUPPORT_TYPES}")
    catch_all = entry.get("catch_all", 0)
    if not isinstance(catch_all, int) or isinstance(catch_all, bool) or catch_all < 0:
        raise ValueError(f"{where} ({category_id}): catch_all must be 0, 1, 2, ...")
    exclusive = entry.get("exclusive", False)
    if not isinstance(exclusive, bool):
        raise ValueError(f"{where} ({category_id}): exclusive must be true or false")
    return _Category(category_id, name_fi.strip(), name_sv.strip(), support_type, catch_all, exclusive)


@lru_cache(maxsize=8)
def _load_cached(path: str, modified_ns: int, conjunctions: frozenset[str]) -> CategoryRules:
    return CategoryRules.load(Path(path), conjunctions)


def load_category_rules(rules_dir: Path, conjunctions: frozenset[str]) -> CategoryRules:
    """rules_dir/categories.toml, parsed once per process (again only if the file changes), with
    the conjunctions of rules/document.toml."""
    path = (Path(rules_dir) / "categories.toml").resolve()
    return _load_cached(str(path), path.stat().st_mtime_ns, conjunctions)


# --- matching -----------------------------------------------------------------------------------


def match_heading(heading: str, rules: CategoryRules, language: str = "fi") -> list[str]:
    """The category ids a section heading names, in order of appearance; [] if none."""
    text = _read(heading, heading=True, conjunctions=rules.conjunctions)
    return _categories_named(_heading_hits(rules._category_vocabulary, text, (language,), rules), rules)


def mentioned_categories(sentence: str, rules: CategoryRules, language: str = "fi") -> list[str]:
    """The category ids running text names ("Hautausavustuksesta päättää ..." → funeral_costs).

    Both languages' forms apply, as in headings; `language` matters only where typos are forgiven,
    and running text forgives none. Stricter than headings, since a sentence has many more words
    to match by accident: gaps stay inside a clause, whole-heading forms do not apply, and neither
    catch-all categories ("erityisistä tarpeista tai olosuhteista" is how the law defines all
    supplementary support) nor exclusive ones ("menoa ei hyväksytä" is said of any cost) count.
    """
    text = _read(sentence, heading=False, conjunctions=rules.conjunctions)
    hits = [hit for hit in rules._category_vocabulary.hits(text, running_text=True)
            if not rules._categories[hit.owner].catch_all and not rules._categories[hit.owner].exclusive]
    return _categories_named(hits, rules)


def mentioned_support_type(sentence: str, rules: CategoryRules) -> str | None:
    """"supplementary" or "preventive" when the sentence names that one support type, else None."""
    text = _read(sentence, heading=False, conjunctions=rules.conjunctions)
    named = {hit.owner for hit in rules._mention_vocabulary.hits(text, running_text=True)} - {"basic"}
    return named.pop() if len(named) == 1 else None


def only_basic_support(text: str, rules: CategoryRules) -> bool:
    """Whether running text speaks of basic support (Kela's) and of neither supplementary nor
    preventive support: the introduction of a basic-support chapter under a neutral title."""
    named = {hit.owner for hit in rules._mention_vocabulary.hits(_read(text, heading=False, conjunctions=rules.conjunctions), running_text=True)}
    return named == {"basic"}


def classify_chapter(heading: str, rules: CategoryRules) -> str | None:
    """"supplementary", "preventive", "basic" or "general" for a heading that opens such a chapter.

    None when the heading has no chapter word, names both support types (a joint chapter: the
    caller knows the context), or names an expense category after some other first word ("Muut
    kuin perusmenoihin kuuluvat asumisen menot" is a category, not the basic chapter).
    """
    hits = _heading_hits(rules._chapter_vocabulary, _read(heading, heading=True, conjunctions=rules.conjunctions), LANGUAGES, rules)
    if not hits:
        return None
    kinds = {hit.owner for hit in hits}
    if set(SUPPORT_TYPES) <= kinds:
        return None
    first = min(hits, key=lambda h: (h.first, CHAPTER_KINDS.index(h.owner)))
    if first.first > 0 and match_heading(heading, rules):
        return None
    return first.owner


def _heading_hits(vocabulary: _Vocabulary, text: _Text, languages: tuple[str, ...],
                  rules: CategoryRules) -> list[_Hit]:
    """Exact matches, plus typo-tolerant ones for words that neither matched nor start any stem
    of the whole vocabulary (a known word such as "oleskelukunta" is no typo of "oleskelulupa")."""
    hits = vocabulary.hits(text)
    settled = set().union(*(h.tokens for h in hits)) if hits else set()
    settled |= {i for i, token in enumerate(text.tokens) if any(
        v.starts_any_stem(token)
        for v in (rules._category_vocabulary, rules._chapter_vocabulary, rules._mention_vocabulary))}
    for language in languages:
        hits += vocabulary.fuzzy_hits(text, language, settled)
    return hits


def _strength(hit: _Hit, rules: CategoryRules) -> tuple:
    """Specific before catch-all, exact before typo, more words, whole words, longer stems."""
    return (-rules._categories[hit.owner].catch_all, not hit.fuzzy, len(hit.tokens), hit.anchored,
            hit.letters)


def _tightest(hits: list[_Hit], rules: CategoryRules) -> list[_Hit]:
    """Of overlapping matches of one category keep the shortest span (then the strongest), so
    that a gapped form starting early does not claim words that belong to another item."""
    by_strength = sorted(hits, key=lambda h: _strength(h, rules), reverse=True)
    kept: list[_Hit] = []
    for hit in sorted(by_strength, key=lambda h: max(h.tokens) - min(h.tokens)):
        if not any(k.owner == hit.owner and k.tokens & hit.tokens for k in kept):
            kept.append(hit)
    return kept


def _categories_named(hits: list[_Hit], rules: CategoryRules) -> list[str]:
    """Resolve competing matches: where two categories claim the same word the stronger match
    keeps it ("vakuusmaksu sähköyhtiölle" is electricity, not rent deposit); then exclusive
    categories and catch-all levels decide."""
    hits = _tightest(hits, rules)
    accepted: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: _strength(h, rules), reverse=True):
        if not any(other.owner != hit.owner and other.tokens & hit.tokens for other in accepted):
            accepted.append(hit)
    if not accepted:
        return []
    named = list(dict.fromkeys(hit.owner for hit in sorted(accepted, key=lambda h: h.first)))
    exclusive = [c for c in named if rules._categories[c].exclusive]
    if exclusive:
        return exclusive[:1]
    least_general = min(rules._categories[c].catch_all for c in named)
    return [c for c in named if rules._categories[c].catch_all == least_general]
