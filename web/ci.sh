#!/usr/bin/env bash
# The front end's CI, called by .ci/run: installs Debian's Chromium if it is
# missing (never a browser download), installs the npm packages from the
# lockfile, rebuilds dist/ and fails if it differs from the committed
# build, then starts the real server on a free loopback port with a fresh
# data directory (seeded with the article, plus a few GDELT and ICEWS
# events from internal/importer/testdata/resolution, so actors have source
# names and relationships have mentions) and runs the browser tests against
# it. Set EXPLORER_SCREENSHOT=$PWD/docs/explorer.png to refresh the README's
# screenshot, and EXPLORER_AGGREGATED_SCREENSHOTS=$PWD/docs to refresh the
# aggregated hub's before and after (explorer-hub-plain.png and
# explorer-hub-aggregated.png there).
set -euo pipefail
cd "$(dirname "$0")"
web=$PWD
root=$(cd .. && pwd)

step() { printf '\n=== web: %s\n' "$*"; }
fail() { printf '\nweb/ci.sh FAILED: %s\n' "$*" >&2; exit 1; }

step "Chromium (Debian's package)"
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends chromium
fi
/usr/bin/chromium --version

step "npm ci"
node --version
npm --version
npm ci --no-audit --no-fund

step "the committed build is fresh"
npm run --silent build
if [ -n "$(git status --porcelain -- dist)" ]; then
  git status --porcelain -- dist | head -20
  fail "web/dist differs from a fresh build: run 'npm run build' in web/ and commit dist/"
fi

tmp=$(mktemp -d /tmp/actorgraph-web-ci.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

step "build the server and import the resolution fixtures"
(cd "$root" && go build -o "$tmp/actorgraph" .)
# The import opens the fresh store, seeds the article into it and resolves
# the events against it: Putin gains GDELT and ICEWS names and mentions
# (the explorer test reads them). gdelt1-*.CSV is left out: it would make
# recep-tayyip-erdogan, which the playground's CreateActor example creates.
fixtures="$root/internal/importer/testdata/resolution"
env -u NEO4J_URI "$tmp/actorgraph" import -data "$tmp/data" -strict -progress none -log-format json \
  "$fixtures/gdelt2-20250520.export.CSV" "$fixtures/icews-2025-05.tsv" 2>"$tmp/import.log" ||
  { cat "$tmp/import.log"; fail "importing the resolution fixtures"; }

step "start the server"
token="web-ci-$RANDOM$RANDOM"
# Port 0: the server picks a free port and logs it; no race for a port.
# The fresh embedded store seeded above, whatever the shell points
# at: the tests know the article's graph, and CI's Neo4j holds whatever the
# Go tests and the load harness left in it.
env -u NEO4J_URI ACTORGRAPH_API_TOKEN="$token" "$tmp/actorgraph" -addr 127.0.0.1:0 -data "$tmp/data" -log-format json \
  >"$tmp/server.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 300); do
  url=$(sed -n 's/.*"msg":"listening".*"url":"\([^"]*\)".*/\1/p' "$tmp/server.log" | head -1)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/server.log"; fail "the server exited before listening"; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/server.log"; fail "the server did not log its address within 30 s"; }
echo "server: $url (log: $tmp/server.log)"

step "browser tests (playwright-core, /usr/bin/chromium, headless)"
set +e
ACTORGRAPH_URL="$url" ACTORGRAPH_TOKEN="$token" EXPLORER_SCREENSHOT="${EXPLORER_SCREENSHOT:-$tmp/explorer.png}" \
  node --test --test-concurrency=1 test/*.test.mjs
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "--- server log"
  tail -50 "$tmp/server.log"
  fail "browser tests exited $status"
fi
