#!/usr/bin/env bash
# The one command that installs and starts the platform on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
# Starts every dev task: the API (http://127.0.0.1:${PORT:-4000}/graphql) and the admin
# (http://127.0.0.1:5173, forwarding /graphql to the API).
exec pnpm exec turbo run dev --output-logs=full
