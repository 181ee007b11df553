"""Write .zenodo.json and codemeta.json from CITATION.cff (the one source of citation metadata).

cffconvert (the Citation File Format project's converter) pins jsonschema 3,
which the book's own jsonschema 4 excludes, so this small script does the same
mapping (CFF 1.2.0 -> Zenodo deposit metadata / CodeMeta 2.0), plus what
cffconvert leaves out: the replicated paper (CITATION.cff `references`) as a
related work, Zenodo `references` and CodeMeta `citation`.

`make lock`, `make dist` and a release do not need it to run: the two files
are committed; tests/test_release.py fails when they differ from what this
script writes (run `python scripts/citation_meta.py` after editing CITATION.cff).

Usage: python scripts/citation_meta.py [--check]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]


class _StringDates(yaml.SafeLoader):
    """CFF dates are strings (format: date): keep them as written."""


_StringDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_cff(path: Path = ROOT / "CITATION.cff") -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_StringDates)


def _person_name(a: dict[str, Any]) -> str:
    if "name" in a:
        return a["name"]
    return f"{a['family-names']}, {a['given-names']}"


def reference_text(ref: dict[str, Any]) -> str:
    """A reference of CITATION.cff as one APA-like line."""
    names = [f"{a['family-names']}, {'. '.join(p[0] for p in a['given-names'].split())}." for a in ref["authors"]]
    who = ", ".join(names[:-1]) + ", & " + names[-1] if len(names) > 1 else names[0]
    title = " ".join(str(ref["title"]).split())
    return (f"{who} ({ref['year']}). {title}. {ref['journal']}, {ref['volume']}({ref['issue']}), "
            f"{ref['start']}–{ref['end']}.")


def licenses(cff: dict[str, Any]) -> list[str]:
    """The SPDX identifiers of CITATION.cff's `license` (a string or a list), code's first."""
    value = cff["license"]
    return [value] if isinstance(value, str) else list(value)


CODE_LICENSE, TEXT_LICENSE = "MIT", "CC-BY-4.0"


def deposit_notes(cff: dict[str, Any]) -> str:
    """What a Zenodo deposit of this release is (the bundle `make dist` writes), its licences and how to cite."""
    v = str(cff["version"])
    return (
        f"This deposit is the release bundle of xbec {v} (written by `make dist`): "
        f"xbec-{v}-source.tar.gz, the full source at the release commit (package, notebooks, book, tests, "
        "Makefile, scripts, lock files, examples), from which `make test` and `make book` rebuild everything; "
        "the HTML book, the book as one PDF, the executed notebooks, the tables and figures of the paper's "
        "parameters with the run manifest, the wheel and sdist, and SHA256SUMS; its README.md says what "
        f"each file is and how to rebuild. Licences: code {CODE_LICENSE}, text of the book {TEXT_LICENSE} (see LICENSE). "
        "Please cite this software and the replicated paper, Wei, Yang & Ou (2024), listed under references."
    )


def _paper_refs(cff: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in cff.get("references", []) if r.get("type") == "article"]


def zenodo(cff: dict[str, Any]) -> dict[str, Any]:
    """Zenodo deposit metadata (.zenodo.json)."""
    out: dict[str, Any] = {
        "upload_type": "software",
        "title": cff["title"],
        "description": " ".join(cff["abstract"].split()),
        "version": str(cff["version"]),
        "publication_date": cff["date-released"],
        "creators": [{"name": _person_name(a)} for a in cff["authors"]],
        # Zenodo's deposit metadata takes one licence: the code's; the notes
        # give the text's (CC BY 4.0) as well.
        "license": {"id": licenses(cff)[0]},
        "keywords": list(cff.get("keywords", [])),
        "access_right": "open",
        "notes": deposit_notes(cff),
        # The replicated paper has no DOI or URL of record we could cite, so it is
        # given as a reference (free text) rather than a related identifier.
        "references": [reference_text(r) for r in _paper_refs(cff)],
    }
    for r in _paper_refs(cff):
        if r.get("doi"):
            out.setdefault("related_identifiers", []).append(
                {"identifier": r["doi"], "relation": "isSupplementTo", "scheme": "doi", "resource_type": "publication-article"})
    if cff.get("repository-code"):
        out.setdefault("related_identifiers", []).append(
            {"identifier": cff["repository-code"], "relation": "isSupplementTo", "scheme": "url"})
    return out


def _cm_person(a: dict[str, Any]) -> dict[str, Any]:
    if "name" in a:
        return {"@type": "Organization", "name": a["name"]}
    return {"@type": "Person", "givenName": a["given-names"], "familyName": a["family-names"]}


def codemeta(cff: dict[str, Any]) -> dict[str, Any]:
    """CodeMeta 2.0 (codemeta.json)."""
    out: dict[str, Any] = {
        "@context": "https://doi.org/10.5063/schema/codemeta-2.0",
        "@type": "SoftwareSourceCode",
        "name": cff["title"],
        "description": " ".join(cff["abstract"].split()),
        "version": str(cff["version"]),
        "datePublished": cff["date-released"],
        "author": [_cm_person(a) for a in cff["authors"]],
        "license": [f"https://spdx.org/licenses/{lic}" for lic in licenses(cff)],
        "keywords": list(cff.get("keywords", [])),
        "programmingLanguage": "Python",
        "citation": [
            {
                "@type": "ScholarlyArticle",
                "name": " ".join(str(r["title"]).split()),
                "author": [_cm_person(a) for a in r["authors"]],
                "datePublished": str(r["year"]),
                "pagination": f"{r['start']}-{r['end']}",
                "isPartOf": {
                    "@type": "PublicationIssue",
                    "issueNumber": str(r["issue"]),
                    "isPartOf": {"@type": "PublicationVolume", "volumeNumber": str(r["volume"]),
                                 "isPartOf": {"@type": "Periodical", "name": r["journal"]}},
                },
            }
            for r in _paper_refs(cff)
        ],
    }
    if cff.get("repository-code"):
        out["codeRepository"] = cff["repository-code"]
    return out


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def outputs(cff: dict[str, Any] | None = None) -> dict[str, str]:
    cff = load_cff() if cff is None else cff
    return {".zenodo.json": render(zenodo(cff)), "codemeta.json": render(codemeta(cff))}


def main(argv: list[str]) -> int:
    stale = []
    for name, text in outputs().items():
        path = ROOT / name
        if "--check" in argv:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"citation_meta: wrote {name}")
    if stale:
        print(f"citation_meta: {', '.join(stale)} differ from CITATION.cff: run python scripts/citation_meta.py",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
