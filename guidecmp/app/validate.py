"""Is this an extraction record, and is its id a safe file name? Asked of everything read from disk.

Extraction JSONs named on the command line, baselines and cache entries are all untrusted: each is
checked against the shipped JSON Schema (`schema/extraction.schema.json`) before use. The checker
below knows the keywords that schema uses and refuses any other, so it cannot silently ignore a
rule someone adds there (jsonschema would cost every warm run a fifth of a second to import).
"""

from __future__ import annotations

import json
import re
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
    problem = _first_problem(data, schema, schema, "", annotated)
    if problem:
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
        plan = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            plan = plan[part]
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
    """JSON Schema's (ECMAScript's) `$` is the end of the text; Python's also matches before a final newline."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.search(pattern, text) is not None


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
