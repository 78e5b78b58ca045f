#!/bin/sh
# bench_reply_parsers: installs the pinned npm packages (npm ci from
# package-lock.json; the local npm cache first, the registry only for what it
# lacks), then runs bench.mjs over tests/corpus. Prints figures; fails only if
# a tool cannot run, never on accuracy.
# Usage: run_bench.sh DESKCTL [JSON_OUT]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
deskctl=$1
json=${2:-}
cd "$here"
if ! npm ci --prefer-offline --no-audit --no-fund --omit=optional --loglevel=error; then
  # No registry and no cache: a node_modules from an earlier install still works.
  [ -f node_modules/planer/package.json ] || exit 1
  echo "npm ci failed; running with the node_modules already installed" >&2
fi
if [ -n "$json" ]; then
  exec node bench.mjs --deskctl "$deskctl" --json "$json"
fi
exec node bench.mjs --deskctl "$deskctl"
