#!/usr/bin/env bash
# Installs the project's dependencies and generates the Prisma client. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node scripts/prisma-generate.mjs >/dev/null
