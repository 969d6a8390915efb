#!/usr/bin/env bash
# The one command that installs everything and runs every test suite; .ci/run calls it too.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh || exit 1

# The admin's browser test drives Debian's Chromium, never a browser a tool downloads. Install it when
# it is missing and apt is usable (root, or password-less sudo); otherwise carry on: the test then
# reports itself as skipped. Idempotent: does nothing once /usr/bin/chromium exists.
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
  as_root=none
  if [ "$(id -u)" = 0 ]; then as_root=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root="sudo -n"; fi
  if [ "$as_root" != none ]; then
    echo "Installing Debian's chromium for the admin's browser test…"
    { $as_root apt-get update -qq && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
      || echo "Could not install chromium: the admin's browser test will be skipped."
  fi
fi

rm -f apps/*/.vitest-report.json packages/*/.vitest-report.json
pnpm exec turbo run typecheck test --concurrency=1 --output-logs=new-only
status=$?
node scripts/test-summary.mjs || status=1
exit $status
