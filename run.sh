#!/usr/bin/env bash
# The demo: builds deskd, starts a local mail stack (Dovecot + Postfix on
# 127.0.0.1), writes the embedded default config, drops sample client mails
# into the support mailbox, runs deskd and shows the incidents and the
# acknowledgements the clients received. Ctrl-C stops all of it, by PID.
# Each run starts afresh: var/ and the demo mail stack are reset.
set -euo pipefail
cd "$(dirname "$0")"

scripts/deps.sh --mail
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

STACK=/tmp/deskd-demo-mailstack
export MAILSTACK_PORT_BASE=14000
DESKD_PID=""
cleanup() {
  trap - EXIT INT TERM
  if [[ -n "$DESKD_PID" ]] && kill -0 "$DESKD_PID" 2>/dev/null; then
    kill -TERM "$DESKD_PID"; wait "$DESKD_PID" 2>/dev/null || true
  fi
  tests/integration/mailstack stop "$STACK" >/dev/null 2>&1 || true
  echo "run.sh: stopped deskd and the mail stack"
}
trap cleanup EXIT INT TERM

tests/integration/mailstack stop "$STACK" >/dev/null 2>&1 || true
rm -rf "$STACK" var
mkdir -p var
tests/integration/mailstack start "$STACK" >/dev/null
echo "run.sh: mail stack up (IMAP 127.0.0.1:14143, SMTP 127.0.0.1:14025)"

# The embedded default config, trusting the demo stack's own CA (its
# servers offer STARTTLS with a certificate that CA signed).
build/deskd --print-default-config |
  sed -e "s|^url = \"imap://127.0.0.1:14143\"|&\nca_file = \"$STACK/ssl/ca.pem\"|" \
      -e "s|^url = \"smtp://127.0.0.1:14025\"|&\nca_file = \"$STACK/ssl/ca.pem\"|" > deskd.toml
echo "support-pw" > var/support.password
chmod 0600 var/support.password
build/deskd --check-config --config deskd.toml

python3 - <<'PY'
import imaplib, pathlib
c = imaplib.IMAP4("127.0.0.1", 14143)
c.login("support@itdesk.example", "support-pw")
for f in sorted(pathlib.Path("samples").glob("*.eml")):
    c.append("INBOX", None, None, f.read_bytes())
    print(f"run.sh: delivered {f.name} to support@itdesk.example")
c.logout()
PY

build/deskd --config deskd.toml &
DESKD_PID=$!

python3 - <<'PY'
import email, email.policy, imaplib, time
clients = ["kati@clients.example", "ivan@clients.example", "ana@clients.example", "john@clients.example"]
deadline = time.time() + 60
found = {}
while time.time() < deadline and len(found) < len(clients):
    for user in clients:
        if user in found:
            continue
        c = imaplib.IMAP4("127.0.0.1", 14143)
        c.login(user, user.split("@")[0] + "-pw")
        c.select("INBOX")
        _, data = c.search(None, "ALL")
        for n in data[0].split():
            _, d = c.fetch(n, "(BODY.PEEK[HEADER])")
            m = email.message_from_bytes(d[0][1], policy=email.policy.default)
            found[user] = str(m["Subject"])
        c.logout()
    time.sleep(0.5)
print()
print("Acknowledgements in the clients' mailboxes:")
for user in clients:
    print(f"  {user:24} {found.get(user, '(none yet)')}")
PY
echo
echo "Incidents (build/deskctl list --config deskd.toml):"
build/deskctl list --config deskd.toml
echo
echo "deskd is running (PID $DESKD_PID); mail support@itdesk.example on 127.0.0.1:14025 to add more."
echo "Ctrl-C stops deskd and the mail stack."
wait "$DESKD_PID"
