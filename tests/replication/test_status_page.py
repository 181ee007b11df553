"""The build-status page's helpers (xbec.replication.status_page)."""

from __future__ import annotations

import re

import numpy

from xbec.replication import status_page


def test_package_version():
    assert status_page.package_version("numpy") == numpy.__version__
    assert status_page.package_version("no-such-distribution-xbec") == "not installed"


def test_git_commit_outside_a_checkout(tmp_path):
    assert status_page.git_commit(cwd=str(tmp_path)) == "unknown (not a git checkout)"


def test_build_values():
    v = status_page.build_values(["numpy", "no-such-distribution-xbec"])
    assert f"`{numpy.__version__}`" in v["versions"] and "`not installed`" in v["versions"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", v["build_date"])
    assert v["build_commit"].startswith("`") and v["xbec_version"]
