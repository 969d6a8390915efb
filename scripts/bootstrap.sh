# Sourced by start.sh and test.sh: makes sure the pinned pnpm exists and the workspace is installed.
# Works on a fresh machine that has only Node.js and npm (corepack cannot verify signatures here).
PNPM_VERSION="10.34.9"
export TURBO_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if ! npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1; then
    # No rights for a global install: keep pnpm inside the checkout instead.
    npm install --no-save --prefix .tools "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$PWD/.tools/node_modules/.bin:$PATH"
  fi
fi

if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile --reporter=append-only
else
  pnpm install --reporter=append-only
fi
