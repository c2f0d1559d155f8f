#!/usr/bin/env bash
# Rebuilds audit-message.rng from audit-message.rnc (PS3.15 §A.5.1.1, verbatim) with trang.
# Build-time only: the harness reads the committed .rng at run time (xmllint --relaxng) and never
# needs trang. Install it with `apt-get install -y trang` (Debian).
#
# The one transformation: "##" (RELAX NG compact documentation) becomes "#" (a plain comment).
# The standard writes "##" after patterns (e.g. `"E"  ## Execute` right before `}`), which the
# compact syntax does not allow, so trang rejects the text as published. A comment has no meaning
# in the grammar, so the converted schema is the normative one.
set -euo pipefail
cd "$(dirname "$0")"
command -v trang >/dev/null || { echo "regenerate.sh: trang is not installed (apt-get install -y trang)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed 's/##/#/g' audit-message.rnc > "$work/audit-message.rnc"
trang -I rnc -O rng "$work/audit-message.rnc" "$work/audit-message.rng"
mv "$work/audit-message.rng" audit-message.rng
echo "regenerate.sh: wrote $(pwd)/audit-message.rng" >&2
