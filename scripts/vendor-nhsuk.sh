#!/usr/bin/env bash
# Vendor nhsuk-frontend (the NHS design system) into crates/cairn-web/assets/.
#
# Fetches the pinned package from the npm registry with `npm pack`, checks its integrity, and
# copies the compiled, minified CSS and JS plus the icons the CSS refers to. Every @font-face
# rule (the Frutiger web font, loaded from another origin) and any other url() to another origin
# is removed, so that a Cairn page loads nothing from anywhere but Cairn itself.
#
# Usage: scripts/vendor-nhsuk.sh            # the pinned version below
#        NHSUK_VERSION=10.7.0 NHSUK_INTEGRITY=sha512-... scripts/vendor-nhsuk.sh   # an upgrade
# Needs: bash, node and npm, tar, sed, grep. Re-running it with the same pin gives the same files.
set -euo pipefail

NHSUK_VERSION="${NHSUK_VERSION:-10.6.1}"
# `npm view nhsuk-frontend@VERSION dist.integrity`; set it together with NHSUK_VERSION.
NHSUK_INTEGRITY="${NHSUK_INTEGRITY:-sha512-PZorqQZjZx/A26yJoskCL9z0ib6AtkAyF0o4K/RHr8zRrJyXrUOCnMbjy0VNXsGO4tfTNMwqlkwATKs4a0xayw==}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/crates/cairn-web/assets"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "==> Fetching nhsuk-frontend@$NHSUK_VERSION"
(cd "$WORK" && npm pack --silent "nhsuk-frontend@$NHSUK_VERSION" >/dev/null)
TARBALL="$WORK/nhsuk-frontend-$NHSUK_VERSION.tgz"
[ -f "$TARBALL" ] || { echo "npm pack did not produce $TARBALL" >&2; exit 1; }

actual_integrity="sha512-$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$TARBALL")"
if [ "$actual_integrity" != "$NHSUK_INTEGRITY" ]; then
  echo "Integrity mismatch for nhsuk-frontend@$NHSUK_VERSION" >&2
  echo "  expected $NHSUK_INTEGRITY" >&2
  echo "  got      $actual_integrity" >&2
  exit 1
fi
TARBALL_SHA256="$(sha256sum "$TARBALL" | cut -d' ' -f1)"

tar -xzf "$TARBALL" -C "$WORK"
PKG="$WORK/package"
DIST="$PKG/dist/nhsuk"
pkg_version="$(node -p 'require(process.argv[1]).version' "$PKG/package.json")"
pkg_license="$(node -p 'require(process.argv[1]).license' "$PKG/package.json")"
[ "$pkg_version" = "$NHSUK_VERSION" ] || { echo "package.json says $pkg_version, wanted $NHSUK_VERSION" >&2; exit 1; }

mkdir -p "$OUT"

echo "==> CSS: removing @font-face rules and other-origin url()s; pointing images at /assets/images/"
# In the minified CSS an @font-face block has no nested braces, so [^}]* stays inside it.
sed -E \
  -e 's/@font-face\{[^}]*\}//g' \
  -e 's#url\((["'\'']?)(\.\./)*(assets/)?images/#url(\1/assets/images/#g' \
  -e 's#/\*\# sourceMappingURL=[^*]*\*/##g' \
  "$DIST/nhsuk-frontend.min.css" > "$WORK/nhsuk.css"
remote_urls="$(grep -Eo 'url\((["'\'']?)(https?:)?//[^)]*\)' "$WORK/nhsuk.css" | sort -u || true)"
if [ -n "$remote_urls" ]; then
  echo "    replacing these other-origin url()s with none:"
  printf '%s\n' "$remote_urls" | sed 's/^/      /'
  sed -E -i 's#url\((["'\'']?)(https?:)?//[^)]*\)#none#g' "$WORK/nhsuk.css"
fi
if grep -q '@font-face' "$WORK/nhsuk.css"; then echo "an @font-face rule is left" >&2; exit 1; fi
if grep -Eq '@import|url\((["'\'']?)(https?:)?//' "$WORK/nhsuk.css"; then
  echo "a reference to another origin is left in the CSS" >&2; exit 1
fi
if grep -Eo 'url\([^)]*\)' "$WORK/nhsuk.css" | grep -Ev '^url\((["'\'']?)(/assets/images/|data:)' ; then
  echo "the CSS has a url() that is neither /assets/images/ nor data: (listed above)" >&2; exit 1
fi
cp "$WORK/nhsuk.css" "$OUT/nhsuk-frontend.min.css"

echo "==> JS (an ES module: load it with <script type=\"module\">)"
sed -E -e 's#//\# sourceMappingURL=.*$##' "$DIST/nhsuk-frontend.min.js" > "$OUT/nhsuk-frontend.min.js"
if grep -Eq 'https?://' "$OUT/nhsuk-frontend.min.js"; then
  echo "    note: the JS contains an absolute URL; check it loads nothing:"
  grep -Eo 'https?://[^"'\'' )]*' "$OUT/nhsuk-frontend.min.js" | sort -u | sed 's/^/      /'
fi

echo "==> Images -> $OUT/images/ (served as /assets/images/)"
# Only the vendored files at the top of images/: Cairn's own pictures live in folders below it
# (images/easy-read/) and must survive an upgrade.
mkdir -p "$OUT/images"
find "$OUT/images" -maxdepth 1 -type f -delete
cp "$DIST"/assets/images/* "$OUT/images/"
missing=0
for ref in $(grep -Eo '/assets/images/[^)"'\'']+' "$OUT/nhsuk-frontend.min.css" | sort -u); do
  if [ ! -f "$OUT/images/${ref#/assets/images/}" ]; then
    echo "    the CSS refers to $ref, which the package does not ship" >&2
    missing=1
  fi
done
[ "$missing" = 0 ] || exit 1

echo "==> Licence"
if ls "$PKG"/LICEN[CS]E* >/dev/null 2>&1; then
  cp "$(ls "$PKG"/LICEN[CS]E* | head -n1)" "$OUT/nhsuk-frontend-LICENSE.txt"
  license_note="copied from the package"
else
  # The npm package declares "license": "MIT" but ships no licence file: this is the LICENSE file
  # of the nhsuk/nhsuk-frontend source repository, word for word.
  [ "$pkg_license" = "MIT" ] || { echo "licence is now '$pkg_license': check it by hand" >&2; exit 1; }
  cat > "$OUT/nhsuk-frontend-LICENSE.txt" <<'EOF'
MIT License

Copyright (c) 2019 NHS.UK

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
EOF
  license_note="the package declares MIT but ships no licence file, so this is the LICENSE file of the nhsuk/nhsuk-frontend source repository"
fi

echo "==> README"
images_list="$(cd "$OUT/images" && ls | sed 's/^/  - `/; s/$/`/')"
cat > "$OUT/README.md" <<EOF
# Cairn's static assets

Embedded in the binary (rust-embed) and served under \`/assets/\`. Nothing here is fetched at run
time, and nothing a Cairn page loads comes from another origin.

Pages link each file by a content-hashed name (\`/assets/cairn.3f9a1c2e.css\`, kept a year), written
by \`crate::assets::href("cairn.css")\` in a template; the plain name still answers. A stylesheet's
\`url(/assets/…)\` and a script's \`import("./…")\` are given the hashed names when served.

## nhsuk-frontend $NHSUK_VERSION (vendored, do not edit by hand)

The NHS.UK design system, from the npm package \`nhsuk-frontend@$NHSUK_VERSION\`
(integrity \`$NHSUK_INTEGRITY\`, tarball sha256 \`$TARBALL_SHA256\`).
Written by \`scripts/vendor-nhsuk.sh\`: to upgrade, change the pin there and re-run it.

| file here | from the package | changes |
|---|---|---|
| \`nhsuk-frontend.min.css\` | \`dist/nhsuk/nhsuk-frontend.min.css\` | every \`@font-face\` rule removed; any other \`url()\` to another origin removed; source-map comment removed |
| \`nhsuk-frontend.min.js\` | \`dist/nhsuk/nhsuk-frontend.min.js\` | source-map comment removed; it is an ES module (\`<script type="module">\`) |
| \`images/\` | \`dist/nhsuk/assets/images/\` | none; the CSS refers to its icons as \`/assets/images/...\`, so they must be served at that path |
| \`nhsuk-frontend-LICENSE.txt\` | MIT licence | $license_note |

**What was stripped, and why.** The compiled CSS loads the Frutiger web font from the NHS's own
asset server (\`@font-face\` rules). Cairn removes those rules, so text falls back to Arial (the
design system's own fallback in its font stack). Nothing loads from another origin because:

- **privacy**: a font request tells a third party that someone — possibly on a mental-health
  ward — opened a Cairn page, with their IP address, time and browser;
- **Content Security Policy**: Cairn serves \`default-src 'self'\` with no other origins and no
  inline scripts or styles, which a remote font would break;
- **offline wards**: ward tablets and kiosks often have no internet access, only the trust's
  network; every page must look and work the same there.

Icons and images in \`images/\`:
$images_list

## Cairn's own files (edit freely)

- \`cairn.css\`: small additions on top of nhsuk-frontend (header language switch,
  \`.cairn-button-link\`, print stylesheet for A4, focus, scrolling tables, kiosk targets).
- \`cairn.js\`: progressive enhancement only; every page works without it. Load it, and nothing
  else, with \`<script type="module" src="{{ crate::assets::href("cairn.js") }}"></script>\`: it marks \`<body>\` as
  \`nhsuk-frontend-supported\` (nhsuk-frontend's docs do that with an inline script, which the CSP
  forbids), focuses the error summary, and imports \`nhsuk-frontend.min.js\` to start its components.
EOF

echo "==> Done: nhsuk-frontend $NHSUK_VERSION in $OUT"
