#!/usr/bin/env bash
# The test command: installs what it needs, brings up Postgres and Redis, type-checks,
# then runs the whole suite against them (each test file makes its own database and
# queue prefix).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/services.sh
# The browser test drives Debian's Chromium (no browser download).
if [ -f scripts/install-chromium.sh ]; then bash scripts/install-chromium.sh; fi
npx tsc --noEmit -p tsconfig.json
mkdir -p out
set +e
npx vitest run --reporter=default --reporter=json --outputFile.json=out/vitest.json "$@"
status=$?
set -e
node -e '
  const r = JSON.parse(require("fs").readFileSync("out/vitest.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' || true
exit $status
