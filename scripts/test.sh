#!/usr/bin/env bash
# The one command that installs everything and runs every test suite; .ci/run calls it too.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh || exit 1

rm -f apps/*/.vitest-report.json packages/*/.vitest-report.json
pnpm exec turbo run typecheck test --concurrency=1 --output-logs=new-only
status=$?
node scripts/test-summary.mjs || status=1
exit $status
