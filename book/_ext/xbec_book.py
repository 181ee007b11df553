"""Local Sphinx extension of the xbec book (loaded through _config.yml).

1. Bibliography labels in author-year form ("Wei et al., 2024"), matching the
   author-year citations of the text (pybtex style `xbec_authoryear`, used as
   `bibtex_default_style`).

2. Jupyter Book 1 always loads sphinx-thebe, whose configuration <script> is
   added twice to every page by sphinx-thebe 0.3.1 (its env-before-read-docs
   handler runs twice), so every page threw "Identifier 'THEBE_JS_URL' has
   already been declared". The book offers no live code (launch_buttons.thebe
   is false), so this extension drops sphinx-thebe's scripts, which also
   removes the only CDN address (unpkg) left in the pages' <head>, and removes
   any other script included twice.
"""

from __future__ import annotations

import pkgutil
import re

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels "Du & Gong, 2018", "Wei et al., 2024"; a, b, ... on clashes."""

    def format_labels(self, sorted_entries):
        labels = []
        for entry in sorted_entries:
            persons = entry.persons.get("author") or entry.persons.get("editor") or []
            names = [" ".join(p.last_names) for p in persons if " ".join(p.last_names) != "others"]
            if not names:
                who = entry.fields.get("title", entry.key)[:20]
            elif len(names) == 1 and len(persons) == 1:
                who = names[0]
            elif len(names) == 2 and len(persons) == 2:
                who = f"{names[0]} & {names[1]}"
            else:
                who = f"{names[0]} et al."
            labels.append(f"{who}, {entry.fields.get('year', 'n.d.')}")
        for i, label in enumerate(labels):
            clashes = [j for j, other in enumerate(labels) if other == label]
            if len(clashes) > 1:
                labels[i] = label + "abcdefghijklmnopqrstuvwxyz"[clashes.index(i)]
        return iter(labels)


class AuthorYearStyle(PlainStyle):
    """pybtex's `plain` formatting and sorting, with author-year labels."""

    default_label_style = "xbec_authoryear"


register_plugin("pybtex.style.labels", "xbec_authoryear", AuthorYearLabelStyle)
register_plugin("pybtex.style.formatting", "xbec_authoryear", AuthorYearStyle)


def _prune_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen = set()
    kept = []
    for js in scripts:
        filename = str(getattr(js, "filename", js) or "")
        body = str(getattr(js, "attributes", {}).get("body", ""))
        if "sphinx-thebe" in filename or "THEBE_JS_URL" in body:
            continue
        key = (filename, body)
        if key in seen:
            continue
        seen.add(key)
        kept.append(js)
    scripts[:] = kept  # the builder's own list, reset before every page


_THEBE_BODY = re.compile(r"\s*<script type=\"text/x-thebe-config\">.*?</script>\s*<script>kernelName = '[^']*'</script>",
                         re.S)


def _drop_thebe_config(app, pagename, templatename, context, doctree):
    """Remove sphinx-thebe's per-page configuration (a launch repository this book does not use)."""
    body = context.get("body")
    if isinstance(body, str):
        context["body"] = _THEBE_BODY.sub("\n", body)


def _documented_by_identity(env):
    """``id(object) -> documented name`` for every Python object the build documents (cached per build)."""
    cache = getattr(env, "_xbec_documented", None)
    if cache is None or cache[0] != len(env.domaindata["py"]["objects"]):
        table = {}
        for name in sorted(env.domaindata["py"]["objects"]):
            if not name.startswith("xbec"):
                continue
            try:
                table.setdefault(id(pkgutil.resolve_name(name)), name)
            except (ImportError, AttributeError, ValueError):  # pkgutil.resolve_name's failures
                continue
        cache = (len(env.domaindata["py"]["objects"]), table)
        env._xbec_documented = cache
    return cache[1]


def _resolve_alias(app, env, node, contnode):
    """missing-reference handler: resolve an xbec object referred to by another of its names."""
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    module = node.get("py:module") or ""
    candidates = [target] if target.startswith("xbec") else []
    if module:
        candidates.append(f"{module}.{target}")
        candidates.append(f"{module.rsplit('.', 1)[0]}.{target}")
    for dotted in candidates:
        try:
            obj = pkgutil.resolve_name(dotted)
        except (ImportError, AttributeError, ValueError):  # pkgutil.resolve_name's failures
            continue
        if isinstance(obj, (str, int, float, bool)) or obj is None:
            continue  # immutable literals are shared between names: no identity to follow
        name = _documented_by_identity(env).get(id(obj))
        if name is None:
            return contnode  # exists, but not on the API page: plain text
        domain = env.get_domain("py")
        return domain.resolve_xref(env, node["refdoc"], app.builder, "obj", name, node, contnode)
    return None


def _version_substitution(app, config):
    """Make ``{{ xbec_version }}`` the installed package's version (typed once, in pyproject.toml)."""
    from importlib.metadata import version

    config.myst_substitutions = {**(config.myst_substitutions or {}), "xbec_version": version("xbec")}


def setup(app):
    app.connect("config-inited", _version_substitution)
    app.connect("missing-reference", _resolve_alias)
    app.connect("html-page-context", _prune_scripts, priority=900)
    app.connect("html-page-context", _drop_thebe_config, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
