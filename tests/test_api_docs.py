"""The public API is documented: docstrings everywhere, and the book's API pages list it.

The API reference is ``book/api.md`` (the front door, ``import xbec``) and one
page per folder under ``book/api/``; page modules of the book are not on it.

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

import xbec

ROOT = Path(__file__).resolve().parents[1]
API_PAGE = ROOT / "book" / "api.md"
API_PAGES = [API_PAGE, *sorted((ROOT / "book" / "api").glob("*.md"))]
FOLDERS = ("model", "replication", "beyond", "figures", "rerun")


def _api_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in API_PAGES)


def _is_page_module(modname: str) -> bool:
    """A module that writes the book's pages (being dissolved, issue 15): not part of the API."""
    return "page" in modname.rsplit(".", 1)[-1]


def _public_modules() -> list[str]:
    """Every module of xbec whose dotted name has no private (``_``) part, page modules aside."""
    names = ["xbec"]
    for info in pkgutil.walk_packages(xbec.__path__, "xbec."):
        if any(part.startswith("_") for part in info.name.split(".")) or _is_page_module(info.name):
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


def _directives() -> dict[str, list[str] | None]:
    """``module -> documented names`` of every automodule on the API pages (``None``: all of ``__all__``).

    A package's automodule without ``:members:`` documents no names; ``autodata``
    entries count as names of their module.
    """
    out: dict[str, list[str] | None] = {}
    text = _api_text()
    for m in re.finditer(r"\.\. automodule:: (\S+)\n((?:   :[^\n]*\n)*)", text):
        options = dict(re.findall(r"   :([\w-]+):[ ]?([^\n]*)", m.group(2)))
        if "members" not in options:
            out.setdefault(m.group(1), [])
        elif options["members"].strip():
            out[m.group(1)] = [n.strip() for n in options["members"].split(",")]
        else:
            out[m.group(1)] = None
    for dotted in re.findall(r"\.\. autodata:: (\S+)", text):
        module, name = dotted.rsplit(".", 1)
        names = out.setdefault(module, [])
        if names is not None:
            names.append(name)
    return out


def test_api_pages_document_every_public_module_and_name():
    """Each public module is on an API page, and each of its public names is documented there.

    A name may instead be documented through its package (re-exported and
    documented with ``:members:``, e.g. ``xbec.model.contracts``).
    """
    documented = _directives()
    missing = []
    for modname in _public_modules():
        if modname == "xbec":
            continue
        module = importlib.import_module(modname)
        parent = modname.rsplit(".", 1)[0]
        through_parent = documented.get(parent, []) is None and parent != "xbec"
        own = [
            n
            for n in _public_names(module)
            if (inspect.isfunction(obj := getattr(module, n)) or inspect.isclass(obj)) and obj.__module__ == modname
        ]
        if modname not in documented and not (through_parent or not own):
            missing.append(modname)
            continue
        names = documented.get(modname, [])
        for n in own:
            in_parent = through_parent and n in getattr(importlib.import_module(parent), "__all__", ())
            if not (names is None or n in names or in_parent):
                missing.append(f"{modname}.{n}")
    assert not missing, f"not on the API pages: {missing}"


def test_no_page_module_on_the_api_pages():
    documented = set(_directives())
    assert not [m for m in documented if _is_page_module(m)]
    assert all(importlib.import_module(m) for m in documented)


def test_the_papers_stored_text_is_named_not_dumped():
    documented = _directives()["xbec.replication.paper"]
    assert documented is not None and "TEXT" in documented
    text = _api_text()
    for name in documented:
        if name.isupper():
            entry = re.search(rf"\.\. autodata:: xbec\.replication\.paper\.{name}\n((?:   :[^\n]*\n)*)", text)
            assert entry and ":no-value:" in entry.group(1), name


def test_the_api_pages_are_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "file: book/api\n" in toc
    for folder in FOLDERS:
        assert f"file: book/api/{folder}\n" in toc and (ROOT / "book" / "api" / f"{folder}.md").is_file(), folder
    assert {p.stem for p in API_PAGES[1:]} == set(FOLDERS)
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
