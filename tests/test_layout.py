"""The package's shape: imports run one way along the pipeline, and the wheel names every subpackage."""

from __future__ import annotations

import ast
import re
import tomllib

from conftest import ROOT

PACKAGE = ROOT / "guidecmp"
# Lowest first: a module may import from its own layer and the layers before it, never after.
LAYERS = [
    {"__init__", "errors", "bundled", "model"},  # __init__ holds only the version
    {"read"},
    {"extract"},
    {"compare"},
    {"report"},
    {"app"},
    {"commands"},
    {"cli", "__main__"},
]


def layer_of(parts: tuple[str, ...]) -> int:
    top = parts[0] if parts else "__init__"
    return next(i for i, layer in enumerate(LAYERS) if top in layer)


def internal_imports(path):
    """(importing module parts, imported module parts) for every relative or guidecmp import, in
    functions too."""
    here = path.relative_to(PACKAGE).with_suffix("").parts
    package = here[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + tuple(filter(None, (node.module or "").split(".")))
            elif (node.module or "").startswith("guidecmp"):
                target = tuple(node.module.split(".")[1:])
            else:
                continue
            yield here, target or ("__init__",)


def test_every_module_belongs_to_a_layer():
    for path in PACKAGE.rglob("*.py"):
        layer_of(path.relative_to(PACKAGE).with_suffix("").parts)


def test_imports_run_one_way():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for here, target in internal_imports(path):
            if layer_of(target) > layer_of(here):
                wrong.append(f"{'/'.join(here)} imports {'.'.join(target)}")
    assert not wrong, "imports against the pipeline:\n" + "\n".join(wrong)


def test_the_wheel_names_every_subpackage():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    subpackages = {"guidecmp"} | {f"guidecmp.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    assert set(config["packages"]) == subpackages | {"guidecmp.rules"}
    assert config["package-dir"]["guidecmp.rules"] == "rules"


def test_rules_option_governs_the_amount_words(tmp_path, run_cli, corpus):
    """A copied rules folder whose Finnish euro word was renamed reads no amount through it."""
    import json
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    amounts = rules / "amounts.toml"
    text = amounts.read_text(encoding="utf-8")
    assert '"euroa", ' in text
    amounts.write_text(text.replace('"euroa", ', '"euroaX", ', 1), encoding="utf-8")
    pdf = corpus / "Vantaa 2015.pdf"

    def amount_texts(*rules_option: str) -> list[str]:
        out = tmp_path / ("out" + str(len(rules_option)))
        result = run_cli("extract", str(pdf), "--out", str(out), "--no-cache", "-q", *rules_option)
        assert result.returncode == 0, result.stderr
        record = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
        return [a["text"] for c in record["categories"] for a in c["amounts"]]

    bundled, renamed = amount_texts(), amount_texts("--rules", str(rules))
    through_the_word = [t for t in bundled if t.endswith(" euroa")]
    assert through_the_word, "Vantaa 2015 writes some sums as 'N euroa'"
    assert not [t for t in renamed if t.endswith(" euroa")]
    assert len(renamed) == len(bundled) - len(through_the_word)


def test_a_rules_folder_without_amount_words_is_one_error(tmp_path, run_cli, corpus):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "amounts.toml").unlink()
    result = run_cli("extract", str(corpus / "Vantaa 2015.pdf"), "--out", str(tmp_path / "o"), "--rules", str(rules))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: cannot load the rules: {rules}: no amounts.toml here (see --rules)"]


def test_the_cache_key_hashes_code_that_exists():
    from guidecmp.app.store import EXTRACTION_CODE

    assert all((PACKAGE / name).exists() for name in EXTRACTION_CODE)


def test_the_readme_layout_names_every_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Project layout"):readme.index("## Development")]
    named = set(re.findall(r"[\w]+\.py", layout))
    missing = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
               if p.name != "__init__.py" and p.name not in named]
    assert not missing, f"modules missing from the README's Project layout: {missing}"
