#!/usr/bin/env bash
# `npm test`: the project's own tests — type check, unit tests, the CLI end to end, and the checks
# against real third-party nodes (DCMTK) in containers, cross-checked with openssl and sslscan.
#
# It first makes sure what those tests need is here (Docker engine, base image, DCMTK/openssl/
# sslscan on the host): on a fresh Debian machine as root, harness/engine/ensure-host.sh installs
# and starts them. Elsewhere it says what is missing; tests against real nodes then skip with that
# reason, except under CI=true, where a missing engine or node is a failure.
set -uo pipefail
cd "$(dirname "$0")/../.."

if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then
  bash harness/engine/ensure-host.sh all || { echo "npm test: could not prepare the host (see above)" >&2; [ "${CI:-}" = true ] && exit 1; }
else
  echo "npm test: not root on Debian; not installing Docker or DCMTK (tests that need them will say so)" >&2
fi

# Leftovers of an interrupted earlier run (there is no reaper without a registry).
if docker info >/dev/null 2>&1; then
  ids=$(docker ps -aq --filter label=org.part15.managed=true)
  [ -n "$ids" ] && docker rm -f $ids >/dev/null
fi

if docker info >/dev/null 2>&1; then
  echo "== reference-node images (built once per machine)" >&2
  bash harness/engine/build-images.sh || { echo "npm test: an image did not build (see above)" >&2; [ "${CI:-}" = true ] && exit 1; }
fi

echo "== type check and compile (tsc → .build/)" >&2
rm -rf .build
npx tsc -p tsconfig.build.json || { echo "npm test: type check failed" >&2; exit 1; }

# The tests run the compiled JavaScript (and the CLI they start does too): no on-the-fly
# transpiler in the loop, whose synchronous loader once hung a whole run on a cold cache.
echo "== tests (unit, end-to-end, real nodes)" >&2
export TESTCONTAINERS_RYUK_DISABLED=true PART15_FROM_BUILD=1
npx mocha --config .mocharc.json "$@"
