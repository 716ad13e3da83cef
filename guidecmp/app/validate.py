"""Is this an extraction record, and is its id a safe file name? Asked of everything read from disk.

Extraction JSONs named on the command line, baselines and cache entries are all untrusted: each is
checked against the shipped JSON Schema (`schema/extraction.schema.json`) before use. The checker
below knows the keywords that schema uses and refuses any other, so it cannot silently ignore a
rule someone adds there (jsonschema would cost every warm run a fifth of a second to import).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources

MAX_ID_LENGTH = 100  # slugify() cuts at 80; a file name must stay well under 255 bytes
_ANNOTATIONS = {"$schema", "$id", "title", "description", "$defs"}
_TYPES = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float), "null": type(None),
          "boolean": bool}


@cache
def extraction_schema() -> dict:
    return json.loads(resources.files("guidecmp").joinpath("schema/extraction.schema.json").read_text("utf-8"))


def check_id(guideline_id: object) -> str:
    """The id, if it is one every source shares (file names and JSON alike); ValueError if not.

    The pattern is the schema's: lower-case letters, digits and hyphens, so it names a file in the
    output or baseline folder and nothing outside it ("../x", "/etc/x", "a/b", ".json").
    """
    pattern = extraction_schema()["properties"]["guideline"]["properties"]["id"]["pattern"]
    if not isinstance(guideline_id, str) or not _matches(pattern, guideline_id) or len(guideline_id) > MAX_ID_LENGTH:
        shown = guideline_id[:40] + "…" if isinstance(guideline_id, str) and len(guideline_id) > 40 else guideline_id
        raise ValueError(f"invalid guideline id {shown!r} (lower-case letters, digits and hyphens only)")
    return guideline_id


def check_record(data: object, sha256: str | None = None, *, annotated: bool = False) -> dict:
    """`data` if it is a valid extraction record (of the file with this sha256); ValueError saying where not.

    `annotated`: a file a person may have written or annotated (a truth file, an edited result):
    fields the schema does not know are allowed; every field it knows must still be valid."""
    schema = extraction_schema()
    if not _compiled_check(annotated)(data):  # only a record that fails is walked again, to say where
        problem = _first_problem(data, schema, schema, "", annotated) or "/: not valid"
        raise ValueError(f"not a valid extraction record: {problem}")
    check_id(data["guideline"]["id"])
    if sha256 is not None and data["guideline"]["sha256"] != sha256:
        raise ValueError("an extraction of another file (sha256 differs)")
    return data


def _first_problem(value, schema: dict, root: dict, where: str, annotated: bool = False) -> str | None:
    plan = _plan(schema, root, where)
    if isinstance(plan, dict):
        return _first_problem(value, plan, root, where, annotated)
    for keyword, check, rule in plan:
        if annotated and keyword == "additionalProperties":
            continue
        problem = check(value, rule, schema, root, where, annotated)
        if problem:
            return problem
    return None


# (schema node, root) → the node's checks in order, or the node a $ref names; both kept alive with
# the key. A warm run checks every cached record: it looks its keywords over once, not per value.
_PLANS: dict[tuple[int, int], tuple[dict, dict, dict | list]] = {}


def _plan(schema: dict, root: dict, where: str) -> dict | list:
    planned = _PLANS.get((id(schema), id(root)))
    if planned is not None and planned[0] is schema and planned[1] is root:
        return planned[2]
    unknown = set(schema) - _ANNOTATIONS - _CHECKS.keys()
    if unknown:
        raise NotImplementedError(f"schema keyword {sorted(unknown)} at {where or '/'} is not checked")
    if "$ref" in schema:
        plan = _resolve(root, schema["$ref"])
    else:
        plan = [(keyword, _CHECKS[keyword], rule) for keyword, rule in schema.items() if _CHECKS.get(keyword)]
    _PLANS[id(schema), id(root)] = (schema, root, plan)
    return plan


def _type(value, rule, schema, root, where, annotated):
    names = rule if isinstance(rule, list) else [rule]
    for n in names:  # a loop, not any(): asked of every value of every record read
        if isinstance(value, _TYPES[n]) and not (n in ("integer", "number") and isinstance(value, bool)):
            return None
    return f"{where or '/'}: expected {' or '.join(names)}"


def _properties(value, rule, schema, root, where, annotated):
    if not isinstance(value, dict):
        return None
    for key, sub in rule.items():
        if key in value:
            problem = _first_problem(value[key], sub, root, f"{where}/{key}", annotated)
            if problem:
                return problem
    return None


def _additional(value, rule, schema, root, where, annotated):
    if rule is False and isinstance(value, dict):
        extra = set(value) - set(schema.get("properties", {}))
        if extra:
            return f"{where or '/'}: unexpected field {sorted(extra)[0][:40]!r}"
    return None


def _required(value, rule, schema, root, where, annotated):
    missing = [key for key in rule if isinstance(value, dict) and key not in value]
    return f"{where or '/'}: missing {missing[0]!r}" if missing else None


def _items(value, rule, schema, root, where, annotated):
    if isinstance(value, list):
        for index, item in enumerate(value):
            problem = _first_problem(item, rule, root, f"{where}/{index}", annotated)
            if problem:
                return problem
    return None


def _enum(value, rule, schema, root, where, annotated):
    return None if value in rule and type(value) is not bool else f"{where}: not one of the allowed values"


def _const(value, rule, schema, root, where, annotated):
    return None if value == rule else f"{where or '/'}: must be {rule!r}"


def _pattern(value, rule, schema, root, where, annotated):
    return None if not isinstance(value, str) or _matches(rule, value) else f"{where}: malformed"


def _matches(pattern: str, text: str) -> bool:
    return _regex(pattern).search(text) is not None


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    """JSON Schema's (ECMAScript's) `$` is the end of the text; Python's also matches before a final newline."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


# --- the same checks as Python source: yes or no, 4–5× faster ---------------------------------------
# A warm run checks every cached record (1 800 at the scale issue 13 names). Walking the schema costs
# ~1 ms a record; the schema turned once into one small function per node, the way dataclasses and
# fastjsonschema generate code, costs ~0.2 ms. Only a record that fails is walked, to say where.
# The source is made from our own shipped schema; values reach it as arguments, never as source.

_TYPE_NAMES = {"object": "dict", "array": "list", "string": "str", "null": "NoneType", "boolean": "bool"}


@cache
def _compiled_check(annotated: bool) -> Callable[[object], bool]:
    schema = extraction_schema()
    source = _CheckSource(schema, annotated)
    top = source.function(schema)
    namespace = {"MISSING": object(), "NoneType": type(None), **source.constants}
    exec("\n\n".join(source.functions), namespace)  # noqa: S102 - our schema's checks, see above
    return namespace[top]


class _CheckSource:
    """Python source for the schema's checks: a function per schema node, returning True or False."""

    def __init__(self, root: dict, annotated: bool) -> None:
        self.root, self.annotated = root, annotated
        self.names: dict[int, str] = {}
        self.functions: list[str] = []
        self.constants: dict[str, object] = {}

    def constant(self, value: object) -> str:
        name = f"c{len(self.constants)}"
        self.constants[name] = value
        return name

    def function(self, node: dict) -> str:
        if id(node) in self.names:  # a $ref met again
            return self.names[id(node)]
        unknown = set(node) - _ANNOTATIONS - _CHECKS.keys()
        if unknown:
            raise NotImplementedError(f"schema keyword {sorted(unknown)} is not checked")
        if "$ref" in node:  # as in _plan: a node with a $ref is the node it names, and so is its check
            self.names[id(node)] = self.function(_resolve(self.root, node["$ref"]))
            return self.names[id(node)]
        name = self.names[id(node)] = f"n{len(self.names)}"
        body = [line for keyword, rule in node.items() if keyword in _CHECKS
                for line in self.checks(keyword, rule, node)] + ["return True"]
        self.functions.append(f"def {name}(v):\n" + "\n".join("    " + line for line in body))
        return name

    def checks(self, keyword: str, rule, node: dict) -> list[str]:
        """Lines that return False when `v` breaks `keyword`: the same answers as _CHECKS give.
        Where the node's `type` (checked first) allows one kind of value, no later line asks again."""
        lines = self._checks(keyword, rule, node)
        keywords = list(node)
        kind = node.get("type") if "type" in keywords[:keywords.index(keyword)] else None
        kind = _TYPE_NAMES.get(kind) if isinstance(kind, str) else None
        if kind in ("dict", "list", "str") and lines:
            if lines[0] == f"if isinstance(v, {kind}):":
                return [line[4:] for line in lines[1:]]
            return [line.replace(f"if isinstance(v, {kind}) and ", "if ", 1) for line in lines]
        return lines

    def _checks(self, keyword: str, rule, node: dict) -> list[str]:
        if keyword == "type":
            names = rule if isinstance(rule, list) else [rule]
            others = [_TYPE_NAMES[n] for n in names if n not in ("integer", "number")]
            numbers = "int" if "number" not in names else "(int, float)"
            tests = ([f"isinstance(v, ({', '.join(others)},))"] if others else []) + (
                [f"(isinstance(v, {numbers}) and not isinstance(v, bool))"] if len(others) < len(names) else [])
            return [f"if not ({' or '.join(tests)}): return False"]
        if keyword == "properties":
            lines = ["if isinstance(v, dict):"]
            for key, sub in rule.items():
                lines += [f"    x = v.get({self.constant(key)}, MISSING)",
                          f"    if x is not MISSING and not {self.function(sub)}(x): return False"]
            return lines
        if keyword == "additionalProperties":
            if rule is not False or self.annotated:
                return []
            allowed = self.constant(frozenset(node.get("properties", {})))
            return [f"if isinstance(v, dict) and not v.keys() <= {allowed}: return False"]
        if keyword == "required":
            return [f"if isinstance(v, dict) and not {self.constant(frozenset(rule))} <= v.keys(): return False"]
        if keyword == "items":
            return ["if isinstance(v, list):", "    for x in v:", f"        if not {self.function(rule)}(x): return False"]
        if keyword == "prefixItems":
            checks = ", ".join(self.function(sub) for sub in rule)
            return ["if isinstance(v, list):", f"    for check, x in zip(({checks},), v):",
                    "        if not check(x): return False"]
        if keyword == "oneOf":
            return [f"if ({' + '.join(f'{self.function(sub)}(v)' for sub in rule)}) != 1: return False"]
        if keyword == "enum":
            return [f"if v not in {self.constant(rule)} or isinstance(v, bool): return False"]
        if keyword == "const":
            return [f"if v != {self.constant(rule)}: return False"]
        if keyword == "pattern":
            return [f"if isinstance(v, str) and {self.constant(_regex(rule).search)}(v) is None: return False"]
        limit = self.constant(rule)
        return {"minimum": [f"if isinstance(v, (int, float)) and not v >= {limit}: return False"],
                "minLength": [f"if isinstance(v, str) and len(v) < {limit}: return False"],
                "minItems": [f"if isinstance(v, list) and len(v) < {limit}: return False"],
                "maxItems": [f"if isinstance(v, list) and len(v) > {limit}: return False"]}[keyword]


def _resolve(root: dict, reference: str) -> dict:
    node = root
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _minimum(value, rule, schema, root, where, annotated):
    return None if not isinstance(value, (int, float)) or value >= rule else f"{where}: below {rule}"


def _min_length(value, rule, schema, root, where, annotated):
    return None if not isinstance(value, str) or len(value) >= rule else f"{where}: empty"


def _min_items(value, rule, schema, root, where, annotated):
    return None if not isinstance(value, list) or len(value) >= rule else f"{where}: too few items"


def _max_items(value, rule, schema, root, where, annotated):
    return None if not isinstance(value, list) or len(value) <= rule else f"{where}: too many items"


def _prefix_items(value, rule, schema, root, where, annotated):
    if isinstance(value, list):
        for index, (item, sub) in enumerate(zip(value, rule)):
            problem = _first_problem(item, sub, root, f"{where}/{index}", annotated)
            if problem:
                return problem
    return None


def _one_of(value, rule, schema, root, where, annotated):
    passing = sum(_first_problem(value, sub, root, where, annotated) is None for sub in rule)
    return None if passing == 1 else f"{where}: matches {passing} of the allowed shapes, not exactly one"


_CHECKS = {"type": _type, "properties": _properties, "additionalProperties": _additional, "required": _required,
           "items": _items, "enum": _enum, "const": _const, "pattern": _pattern, "minimum": _minimum,
           "minLength": _min_length, "minItems": _min_items, "maxItems": _max_items, "prefixItems": _prefix_items,
           "oneOf": _one_of, "$ref": None}
