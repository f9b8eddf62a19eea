"""The package's layers (ARCHITECTURE.md): no module imports from a layer above its own.

An article's path is front door -> Briefer (service) -> engine -> grounding -> render, and nothing
calls back up. Every import counts: at module level, inside functions (lazy loading) and under
``TYPE_CHECKING``. Each package's ``__init__`` declares ``__all__``, and every name in it resolves.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "summariser"

# Lowest first. A module may import from its own layer and the layers before it, never from one after it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("summariser.core",)),  # settings record, schema, errors, text, redaction, compiled-pattern cache
    ("ingest", ("summariser.ingest",)),  # documents, URL fetch, story files
    ("grounding", ("summariser.grounding",)),  # quote alignment, speaker checks, grounding a draft; merging rows
    # the Engine protocol, the prompt-driven model engine (engines.llm) and the offline rules (engines.extractive)
    ("engines", ("summariser.engines",)),
    ("backends", ("summariser.backends",)),  # the registry, the chat clients, the answer cache
    ("render", ("summariser.render",)),  # Markdown, JSON, HTML of a Brief (service.files writes rendered outputs)
    ("service", ("summariser.service",)),  # Briefer, settings loading, BriefSpec, pipeline, batch pool, batch files
    # front doors: the command line (cli_options: the options and range checks its commands share with evals,
    # batchjobs and the web desk's serve), the web desk, the eval harness, batch jobs
    ("front doors", ("summariser.cli", "summariser.cli_options", "summariser.__main__", "summariser.web", "summariser.evals",
                     "summariser.batchjobs")),
]

# (importer, imported) pairs allowed to point up, each with its reason. Keep this empty: move code down instead.
EXCEPTIONS: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int | None:
    """Index of ``module``'s layer (the longest matching prefix), or None."""
    best: tuple[int, int] | None = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (index, len(prefix))
    return best[0] if best else None


def imports_of(module: str, path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import of a ``summariser`` module in ``path``."""
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "summariser"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "summariser":
                continue
            for alias in node.names:  # `from . import api` imports the submodule summariser.web.api
                sub = f"{target}.{alias.name}"
                found.append((node.lineno, sub if sub in MODULES else target))
    return found


def test_every_module_has_a_layer():
    unplaced = [m for m in MODULES if m != "summariser" and layer_of(m) is None]
    assert not unplaced, f"put these modules in a layer (tests/test_layers.py and ARCHITECTURE.md): {unplaced}"


def test_no_module_imports_from_a_higher_layer():
    violations = []
    for module, path in MODULES.items():
        own = layer_of(module)
        if own is None:  # the package's own __init__: the public facade, importing lazily by name
            continue
        for line, target in imports_of(module, path):
            theirs = layer_of(target)
            if target == "summariser" or theirs is None or theirs <= own or (module, target) in EXCEPTIONS:
                continue
            violations.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {module} ({LAYERS[own][0]}) imports "
                              f"{target} ({LAYERS[theirs][0]})")
    assert not violations, "imports from a higher layer (move the code down instead):\n" + "\n".join(violations)


def test_exceptions_are_still_needed():
    used = {(m, t) for m, p in MODULES.items() for _, t in imports_of(m, p)}
    assert not set(EXCEPTIONS) - used, "remove exceptions that no longer occur"


def test_the_layers_import_nothing_from_the_test_fakes():
    for module, path in MODULES.items():
        assert not any(t.startswith("summariser.testing") for _, t in imports_of(module, path)), module
    assert not (PACKAGE / "testing").exists(), "the fake servers live in tests/fakes, outside the shipped package"


PACKAGES = sorted(m for m, p in MODULES.items() if p.name == "__init__.py")
# Being edited on other branches; their __init__ gain an __all__ when that work has landed.
PENDING_ALL: set[str] = set()


@pytest.mark.parametrize("package", [p for p in PACKAGES if p not in PENDING_ALL])
def test_each_package_declares_what_it_exports(package):
    module = importlib.import_module(package)
    names = getattr(module, "__all__", None)
    assert names, f"{package}/__init__.py needs an explicit __all__"
    missing = [name for name in names if not hasattr(module, name)]
    assert not missing, f"{package}.__all__ names what it does not have: {missing}"
