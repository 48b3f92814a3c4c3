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
# Installed from exactly this lock file? (A hash, not mtimes: a merge or checkout can leave the
# lock older than an install made from another version of it.)
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -d node_modules ] || [ "$(cat node_modules/.installed-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.installed-lock-hash
fi
# The install's postinstall already generated the client; only a schema edited since needs it again.
if [ ! -f packages/core/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt packages/core/generated/prisma/client.ts ]; then
  node scripts/prisma-generate.mjs >/dev/null
fi
