#!/usr/bin/env bash
# The one command that installs and starts the platform on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
exec pnpm exec turbo run dev --output-logs=full
