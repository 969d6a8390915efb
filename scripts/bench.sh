#!/usr/bin/env bash
# `pnpm bench`: every package's benchmark, one after another so they do not share the two cores.
# The database benchmarks measure PostgreSQL: the machine's server when one answers on 127.0.0.1.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ] && command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q; then
  export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
fi
exec pnpm exec turbo run bench --concurrency=1 --output-logs=full
