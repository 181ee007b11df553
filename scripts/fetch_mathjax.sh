#!/usr/bin/env bash
# Put a local copy of MathJax 3 into book/_vendor/mathjax/ so that the book
# renders equations without any network access at view time.
#
# The copy is MathJax's es5/ directory (the combined components plus the fonts,
# menus, accessibility and speech modules they load on demand) taken from the
# npm package `mathjax`. It is not committed (about 24 MB); `make book` runs this
# script when the copy is missing or of another version. Sphinx serves it as
# _static/mathjax/ (see mathjax_path and html_static_path in _config.yml).
#
# Usage: scripts/fetch_mathjax.sh [DEST]     (default DEST: book/_vendor/mathjax)
set -euo pipefail

VERSION="${MATHJAX_VERSION:-3.2.2}"
# SHA-256 of the npm tarball mathjax-3.2.2.tgz (checked after download).
SHA256_3_2_2="1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09"
DEST="${1:-book/_vendor/mathjax}"

if [ -f "$DEST/tex-chtml-full.js" ] && [ "$(cat "$DEST/.version" 2>/dev/null)" = "$VERSION" ]; then
    echo "MathJax $VERSION already in $DEST"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "npm not found: installing Debian's npm"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    else
        echo "error: npm is needed to fetch MathJax (or put MathJax $VERSION's es5/ in $DEST)" >&2
        exit 1
    fi
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "Fetching mathjax@$VERSION from the npm registry"
(cd "$tmp" && npm pack --silent "mathjax@$VERSION" >/dev/null)
tarball="$tmp/mathjax-$VERSION.tgz"
if [ "$VERSION" = "3.2.2" ]; then
    echo "$SHA256_3_2_2  $tarball" | sha256sum -c --quiet -
fi
tar -xzf "$tarball" -C "$tmp"

rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
cp -R "$tmp/package/es5" "$DEST"
cp "$tmp/package/LICENSE" "$DEST/LICENSE"
echo "$VERSION" > "$DEST/.version"
echo "MathJax $VERSION in $DEST ($(du -sh "$DEST" | cut -f1))"
