#!/usr/bin/env bash
# Installs the project's dependencies and generates the Prisma client. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm 11 sometimes leaves other platforms' optional packages (msgpackr-extract's, via
  # BullMQ) out of the lock file and then refuses `npm ci`; `npm install` honours the same
  # lock and installs the same versions.
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error
fi
# The install's postinstall already generated the client; only a schema edited since needs it again.
if [ ! -f packages/core/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt packages/core/generated/prisma/client.ts ]; then
  node scripts/prisma-generate.mjs >/dev/null
fi
