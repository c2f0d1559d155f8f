#!/usr/bin/env bash
# Builds the reference-node images the tests start, when they are missing, before any test runs:
# an uncached build (the reference node's apt + npm stage takes ~2 min) must not eat a test's time
# limit. Each target file names its image and how to build it; this list must match them (a unit
# test, harness/engine/build-images.test.ts, compares). Build logs: reports/image-builds/.
set -uo pipefail
cd "$(dirname "$0")/../.."

# tag | build context | Dockerfile
IMAGES=(
  "part15/dcmtk:3.6.7|fixtures/images/dcmtk|fixtures/images/dcmtk/Dockerfile"
  "part15/dcmqrscp:3.6.7|fixtures/images|fixtures/images/dcmqrscp/Dockerfile"
  "part15/orthanc:1.10.1|fixtures/images|fixtures/images/orthanc/Dockerfile"
  "part15/reference-node:0.1|fixtures/reference-node|fixtures/reference-node/Dockerfile"
)

mkdir -p reports/image-builds
status=0
for entry in "${IMAGES[@]}"; do
  IFS='|' read -r tag context dockerfile <<<"$entry"
  if docker image inspect "$tag" >/dev/null 2>&1; then continue; fi
  log="reports/image-builds/${tag//[^a-zA-Z0-9.-]/_}.log"
  echo "part15 images: building $tag (log: $log)" >&2
  start=$(date +%s)
  if docker build --network host --label org.part15.managed=true -f "$dockerfile" -t "$tag" "$context" >"$log" 2>&1; then
    echo "part15 images: $tag built in $(( $(date +%s) - start )) s" >&2
  else
    echo "part15 images: building $tag FAILED; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    status=1
  fi
done
exit $status
