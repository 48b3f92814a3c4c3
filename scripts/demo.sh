#!/usr/bin/env bash
# The demo command: installs, brings up Postgres and Redis, runs a simulated market end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/services.sh
exec npx tsx scripts/demo.ts
