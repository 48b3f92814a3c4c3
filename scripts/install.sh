#!/usr/bin/env bash
# Installs the project's dependencies and generates the Prisma client. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
# The lock file must be complete for every platform (the Dockerfile and CI run `npm ci`):
# a dry run checks it in about a second, so a lock that `npm ci` would refuse fails here
# even when node_modules is already installed.
if ! npm ci --dry-run --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null 2>&1; then
  echo "install: package-lock.json is out of sync with package.json; run 'npm install' and commit the lock file" >&2
  npm ci --dry-run --ignore-scripts --no-audit --no-fund --loglevel=error 2>&1 | grep -E 'Missing|Invalid' >&2 || true
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# The install's postinstall already generated the client; only a schema edited since needs it again.
if [ ! -f packages/core/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt packages/core/generated/prisma/client.ts ]; then
  node scripts/prisma-generate.mjs >/dev/null
fi
