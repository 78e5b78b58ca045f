#!/bin/bash
# run_with_mailstack.sh NAME -- COMMAND [ARG...]
#
# Runs COMMAND against a fresh mail stack (tests/integration/mailstack):
# starts one in a new directory /tmp/NAME.XXXXXX (mode 0755, so Dovecot's
# vmail user can enter it), exports MAILSTACK_ENV (the stack's env file) and
# every KEY=value of that file, runs COMMAND, always stops the stack, and
# exits with COMMAND's exit code. The stack directory is removed afterwards
# unless the command failed or MAILSTACK_KEEP=1 (its logs help then).
#
# Environment: MAILSTACK_PORT_BASE (default 25000) — give concurrent runs
# different bases.

set -uo pipefail

usage() {
  echo "usage: $0 NAME -- COMMAND [ARG...]" >&2
  exit 64
}

[[ $# -ge 3 && $2 == "--" ]] || usage
name=$1
shift 2
[[ $name =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "$0: NAME must be letters, digits, _.-" >&2; exit 64; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mailstack="$here/mailstack"
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-25000}

state=$(mktemp -d "/tmp/$name.XXXXXX") || exit 70
chmod 0755 "$state"
stack="$state/stack"

stopped=0
stop_stack() {
  ((stopped)) && return
  stopped=1
  "$mailstack" stop "$stack" >&2 || echo "$0: stopping the mail stack in $stack failed" >&2
}
trap stop_stack EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! "$mailstack" start "$stack" >/dev/null; then
  echo "$0: could not start the mail stack in $stack (logs: $stack/*.log)" >&2
  exit 70
fi
export MAILSTACK_ENV="$stack/env"
set -a
# shellcheck disable=SC1090
. "$MAILSTACK_ENV"
set +a

"$@"
rc=$?

stop_stack
if ((rc == 0)) && [[ ${MAILSTACK_KEEP:-0} != 1 ]]; then
  rm -rf "$state"
else
  echo "$0: exit $rc; mail stack state kept in $stack" >&2
fi
exit "$rc"
