"""The public API is documented: docstrings everywhere, and the book's API page lists it.

Also: the version is typed once (pyproject.toml) and read everywhere else.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

import xbec

ROOT = Path(__file__).resolve().parents[1]
API_PAGE = ROOT / "book" / "api.md"


def _public_modules() -> list[str]:
    """Every module of xbec whose dotted name has no private (``_``) part."""
    names = ["xbec"]
    for info in pkgutil.walk_packages(xbec.__path__, "xbec."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        names.append(info.name)
    return names


def _public_names(module) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n, obj in vars(module).items() if not n.startswith("_")]
    return list(names)


def _public_callables():
    """(qualified name, object) of every public function, class and public method defined in xbec."""
    seen = set()
    for modname in _public_modules():
        module = importlib.import_module(modname)
        for name in _public_names(module):
            obj = getattr(module, name)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if not getattr(obj, "__module__", "").startswith("xbec") or id(obj) in seen:
                continue
            seen.add(id(obj))
            yield f"{obj.__module__}.{obj.__qualname__}", obj
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    if inspect.isfunction(member) or isinstance(member, (property, classmethod, staticmethod)):
                        yield f"{obj.__module__}.{obj.__qualname__}.{attr}", member


def test_every_public_function_and_class_has_a_docstring():
    missing = [name for name, obj in _public_callables() if not (inspect.getdoc(obj) or "").strip()]
    assert not missing, f"public functions/classes without a docstring: {missing}"


def test_public_modules_have_a_docstring():
    missing = [m for m in _public_modules() if not (importlib.import_module(m).__doc__ or "").strip()]
    assert not missing, missing


def _front_door_entries() -> list[str]:
    """The dotted names in the first autosummary of book/api.md (the front door)."""
    text = API_PAGE.read_text(encoding="utf-8")
    block = re.search(r"\.\. autosummary::\n(?:   :[^\n]*\n)*\n((?:   \S[^\n]*\n)+)", text)
    assert block, "book/api.md has no autosummary of the front door"
    return [line.strip().lstrip("~") for line in block.group(1).splitlines()]


def test_api_page_lists_every_name_of_the_front_door():
    entries = _front_door_entries()
    text = API_PAGE.read_text(encoding="utf-8")
    listed = {}
    for dotted in entries:
        listed.setdefault(dotted.rsplit(".", 1)[-1], []).append(dotted)
    for name in xbec.__all__:
        obj = getattr(xbec, name)
        if isinstance(obj, str):  # __version__: named in the text
            assert f"xbec.{name}" in text, name
            continue
        assert name in listed, f"xbec.{name} is not listed on book/api.md"
        assert any(pkgutil.resolve_name(d) is obj for d in listed[name]), f"{listed[name]} is not xbec.{name}"
    # and nothing listed there is missing from the front door
    assert {d.rsplit(".", 1)[-1] for d in entries} <= set(xbec.__all__)


def test_api_page_documents_every_public_module():
    """Each public module appears in an automodule directive (or is a re-exporting package)."""
    text = API_PAGE.read_text(encoding="utf-8")
    documented = set(re.findall(r"\.\. automodule:: (\S+)", text))
    for modname in _public_modules():
        module = importlib.import_module(modname)
        if modname in documented or modname == "xbec":
            continue
        parent = modname.rsplit(".", 1)[0]
        # a submodule whose public names are all documented through its package
        if parent in documented:
            pkg = importlib.import_module(parent)
            names = [n for n in _public_names(module) if inspect.isfunction(getattr(module, n, None))]
            if all(n in getattr(pkg, "__all__", ()) for n in names):
                continue
        if not any(inspect.isfunction(o) or inspect.isclass(o) for o in vars(module).values()):
            continue  # a package of packages
        pytest.fail(f"{modname} is not on book/api.md")


def test_the_api_page_is_in_the_table_of_contents():
    assert "file: book/api" in (ROOT / "_toc.yml").read_text(encoding="utf-8")
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    for ext in ("sphinx.ext.autodoc", "sphinx.ext.autosummary", "sphinx.ext.napoleon"):
        assert f"- {ext}" in config, ext


def test_version_is_typed_once():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert xbec.__version__ == version("xbec") == project["version"]
    typed = re.compile(r"""__version__[^=\n]*=\s*["']\d+\.\d+""")
    offenders = [p for p in (ROOT / "xbec").rglob("*.py") if typed.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders
    assert project["version"] not in (ROOT / "book" / "cite.md").read_text(encoding="utf-8")
