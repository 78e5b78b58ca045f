#!/usr/bin/env python3
"""Smoke test of tests/integration/mailstack: a real Dovecot + Postfix pair.

Starts a stack in a temporary directory on a non-default port base, sends
mail over SMTP (plain, STARTTLS, AUTH), reads it back over IMAP and IMAPS,
checks the refusals (unknown user, relaying, bad password), stops and
restarts Postfix alone, and checks that `stop` leaves no process of the
instance behind. Always stops the stack. Run from anywhere as root:

    python3 tests/integration/mailstack_smoke.py

Exit 0: all checks passed; 1: a check failed; 77: cannot run here (not root,
or Dovecot/Postfix not installed: run `tests/integration/mailstack install`).
"""

import imaplib
import os
import shutil
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import formatdate, make_msgid

HERE = os.path.dirname(os.path.abspath(__file__))
MAILSTACK = os.path.join(HERE, "mailstack")
PORT_BASE = int(os.environ.get("MAILSTACK_SMOKE_PORT_BASE", "24000"))
ENV_KEYS = (
    "MAILSTACK_IMAP_PORT", "MAILSTACK_IMAPS_PORT", "MAILSTACK_SMTP_PORT",
    "MAILSTACK_LMTP_PORT", "MAILSTACK_SASL_PORT", "MAILSTACK_CA",
    "MAILSTACK_DIR", "MAILSTACK_DOVECOT_PID", "MAILSTACK_POSTFIX_PID",
)

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)
    return cond


def run(verb, state_dir, timeout=60):
    """Runs mailstack VERB STATE_DIR. Only `start` is told the port base: the
    other verbs must find it in STATE_DIR (as the integration harness does)."""
    env = {k: v for k, v in os.environ.items() if k != "MAILSTACK_PORT_BASE"}
    if verb == "start":
        env["MAILSTACK_PORT_BASE"] = str(PORT_BASE)
    t0 = time.monotonic()
    p = subprocess.run([MAILSTACK, verb, state_dir], env=env, text=True,
                       stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=timeout)
    return p, time.monotonic() - t0


def parse_env(text):
    env = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            env[key] = value
    return env


def alive(pid):
    """Live and not a zombie (PID 1 here reaps orphans lazily)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("State:"):
                    return line.split()[1] not in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError):
        return False
    return False


def descendants(root):
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/status") as f:
                for line in f:
                    if line.startswith("PPid:"):
                        children.setdefault(int(line.split()[1]), []).append(int(name))
                        break
        except OSError:
            continue
    out, todo = [], [root]
    while todo:
        for kid in children.get(todo.pop(), []):
            out.append(kid)
            todo.append(kid)
    return out


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def make_mail(to, subject, sender="ana@clients.example"):
    msg = EmailMessage()
    msg["From"] = f"Ana Client <{sender}>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="clients.example")
    msg.set_content(f"Body of {subject}\n")
    return msg


def find_mail(imap, subject, mailbox="INBOX", wait=15.0):
    """Header bytes of the message with SUBJECT in MAILBOX, polling."""
    deadline = time.monotonic() + wait
    while True:
        typ, _ = imap.select(mailbox)
        if typ == "OK":
            typ, data = imap.search(None, "SUBJECT", f'"{subject}"')
            ids = data[0].split() if typ == "OK" and data and data[0] else []
            if ids:
                typ, data = imap.fetch(ids[0], "(BODY.PEEK[HEADER])")
                return len(ids), data[0][1]
        if time.monotonic() > deadline:
            return 0, None
        time.sleep(0.1)


def smoke(state, env, ctx):
    smtp_port = int(env["MAILSTACK_SMTP_PORT"])
    imap_port = int(env["MAILSTACK_IMAP_PORT"])
    imaps_port = int(env["MAILSTACK_IMAPS_PORT"])
    tag = uuid.uuid4().hex[:8]
    subj_kati = f"smoke kati {tag}"
    subj_support = f"smoke support {tag}"
    subj_auth = f"smoke auth {tag}"

    # Plain SMTP from 127.0.0.1 without auth, local domains only.
    with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as s:
        s.ehlo("smoke.test")
        check(s.has_extn("starttls"), "SMTP offers STARTTLS")
        check(s.has_extn("auth"), "SMTP offers AUTH")
        refused = s.send_message(make_mail("kati@clients.example", subj_kati))
        check(not refused, "SMTP accepts mail for kati@clients.example")
        s.mail("ana@clients.example")
        code, _ = s.rcpt("unknown@clients.example")
        check(code == 550, f"RCPT unknown@clients.example refused (got {code})")
        code, text = s.rcpt("someone@elsewhere.example")
        check(code == 554 and b"Relay access denied" in text,
              f"RCPT to a foreign domain refused as relaying (got {code} {text!r})")
        s.rset()

    # A folder named like the +detail: delivery must still go to INBOX.
    imap = imaplib.IMAP4("127.0.0.1", imap_port, timeout=10)
    try:
        imap.login("support@itdesk.example", "support-pw")
        typ, _ = imap.create("abc123")
        check(typ == "OK", "support can create a folder abc123")
    finally:
        imap.logout()

    # STARTTLS, verifying the server against MAILSTACK_CA.
    with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as s:
        s.starttls(context=ctx)
        s.ehlo("smoke.test")
        to = "Service Desk <support+abc123@itdesk.example>"
        refused = s.send_message(make_mail(to, subj_support))
        check(not refused, "SMTP+STARTTLS accepts mail for support+abc123@itdesk.example")

    # SMTP AUTH through Dovecot SASL; a wrong password is refused; no relay
    # even when authenticated.
    with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as s:
        s.starttls(context=ctx)
        s.ehlo("smoke.test")
        try:
            s.login("maria@itdesk.example", "wrong-pw")
            check(False, "SMTP AUTH with a wrong password is refused")
        except smtplib.SMTPAuthenticationError:
            check(True, "SMTP AUTH with a wrong password is refused")
    with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as s:
        s.starttls(context=ctx)
        s.ehlo("smoke.test")
        code, _ = s.login("maria@itdesk.example", "maria-pw")
        check(code == 235, f"SMTP AUTH maria@itdesk.example (got {code})")
        s.mail("maria@itdesk.example")
        code, text = s.rcpt("someone@elsewhere.example")
        check(code == 554 and b"Relay access denied" in text,
              f"no relay after AUTH either (got {code} {text!r})")
        s.rset()
        refused = s.send_message(make_mail("john@clients.example", subj_auth,
                                           sender="maria@itdesk.example"))
        check(not refused, "authenticated mail for john@clients.example accepted")

    # IMAP plain: kati's mail.
    imap = imaplib.IMAP4("127.0.0.1", imap_port, timeout=10)
    try:
        imap.login("kati@clients.example", "kati-pw")
        n, hdr = find_mail(imap, subj_kati)
        check(n == 1, f"kati has the mail once over IMAP (found {n})")
        if hdr:
            h = BytesHeaderParser().parsebytes(hdr)
            check(h["To"] == "kati@clients.example", f"To: intact ({h['To']!r})")
    finally:
        imap.logout()

    # Wrong IMAP password refused.
    imap = imaplib.IMAP4("127.0.0.1", imap_port, timeout=10)
    try:
        imap.login("kati@clients.example", "nope")
        check(False, "IMAP login with a wrong password is refused")
    except imaplib.IMAP4.error:
        check(True, "IMAP login with a wrong password is refused")
    finally:
        imap.logout()

    # IMAPS verified against the CA: support's plus-addressed mail in INBOX.
    imap = imaplib.IMAP4_SSL("127.0.0.1", imaps_port, ssl_context=ctx, timeout=10)
    try:
        imap.login("support@itdesk.example", "support-pw")
        n, hdr = find_mail(imap, subj_support)
        check(n == 1, f"support+abc123 mail is in support's INBOX once over IMAPS (found {n})")
        if hdr:
            h = BytesHeaderParser().parsebytes(hdr)
            check(h["To"] == "Service Desk <support+abc123@itdesk.example>",
                  f"To: header untouched ({h['To']!r})")
            check(h["Delivered-To"] is not None
                  and "support" in h["Delivered-To"],
                  f"Delivered-To present ({h['Delivered-To']!r})")
        typ, data = imap.list()
        names = b"\n".join(data or [])
        check(b"Processed" in names, "folder Processed exists")
        n, _ = find_mail(imap, subj_support, mailbox="abc123", wait=0)
        check(n == 0, "nothing delivered into the folder named like the +detail")
        imap.select("INBOX")
        typ, data = imap.search(None, "SUBJECT", f'"{subj_support}"')
        ids = data[0].split()
        if ids:
            typ, _ = imap.copy(ids[0], "Processed")
            check(typ == "OK", "copy to Processed")
            n, _ = find_mail(imap, subj_support, mailbox="Processed", wait=2)
            check(n == 1, "mail visible in Processed")
    finally:
        imap.logout()

    imap = imaplib.IMAP4("127.0.0.1", imap_port, timeout=10)
    try:
        imap.login("john@clients.example", "john-pw")
        n, _ = find_mail(imap, subj_auth)
        check(n == 1, f"john has the authenticated sender's mail (found {n})")
    finally:
        imap.logout()

    # status, stop-smtp / start-smtp.
    p, _ = run("status", state)
    check(p.returncode == 0, "status exits 0 while running")
    old_postfix = int(env["MAILSTACK_POSTFIX_PID"])
    p, t = run("stop-smtp", state)
    print(f"     stop-smtp took {t:.2f} s", flush=True)
    check(p.returncode == 0, f"stop-smtp succeeds ({p.stderr.strip()})")
    check(not alive(old_postfix), "Postfix master gone after stop-smtp")
    check(not port_open(smtp_port), "SMTP port closed after stop-smtp")
    check(port_open(imap_port), "IMAP still up after stop-smtp")
    p, _ = run("status", state)
    check(p.returncode != 0, "status exits non-zero with Postfix down")
    p, t = run("start-smtp", state)
    print(f"     start-smtp took {t:.2f} s", flush=True)
    check(p.returncode == 0, f"start-smtp succeeds ({p.stderr.strip()})")
    env2 = parse_env(p.stdout)
    check(env2.get("MAILSTACK_POSTFIX_PID", "") not in ("", str(old_postfix)),
          "start-smtp records the new Postfix PID")
    env.update(env2)
    with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as s:
        refused = s.send_message(make_mail("ivan@clients.example", f"again {tag}"))
        check(not refused, "SMTP accepts mail after start-smtp")


def main():
    if os.geteuid() != 0:
        print("skipped: mailstack needs root", file=sys.stderr)
        return 77
    if not (shutil.which("dovecot") or os.path.exists("/usr/sbin/dovecot")) or \
            not os.path.exists("/usr/lib/postfix/sbin/master"):
        print("skipped: Dovecot/Postfix not installed "
              "(run tests/integration/mailstack install)", file=sys.stderr)
        return 77

    # Refuses a state directory the vmail user cannot enter.
    closed = tempfile.mkdtemp(prefix="mailstack-closed-", dir="/tmp")
    try:
        os.chmod(closed, 0o700)
        p, _ = run("start", os.path.join(closed, "state"))
        check(p.returncode != 0 and "vmail" in p.stderr,
              "start refuses a directory not traversable by vmail")
    finally:
        shutil.rmtree(closed, ignore_errors=True)

    state = tempfile.mkdtemp(prefix="mailstack-smoke-", dir="/tmp")
    os.chmod(state, 0o755)
    env = {}
    try:
        p, t = run("start", state)
        print(f"     start took {t:.2f} s", flush=True)
        if not check(p.returncode == 0, "start succeeds"):
            print(p.stdout, p.stderr, sep="\n", file=sys.stderr)
            return 1
        env = parse_env(p.stdout)
        with open(os.path.join(state, "env")) as f:
            check(parse_env(f.read()) == env, "printed env equals STATE_DIR/env")
        missing = [k for k in ENV_KEYS if not env.get(k)]
        check(not missing, f"env has all keys (missing: {missing})")
        check(env.get("MAILSTACK_SMTP_PORT") == str(PORT_BASE + 25)
              and env.get("MAILSTACK_IMAP_PORT") == str(PORT_BASE + 143)
              and env.get("MAILSTACK_IMAPS_PORT") == str(PORT_BASE + 993)
              and env.get("MAILSTACK_LMTP_PORT") == str(PORT_BASE + 24)
              and env.get("MAILSTACK_SASL_PORT") == str(PORT_BASE + 26),
              "ports follow MAILSTACK_PORT_BASE")
        ctx = ssl.create_default_context(cafile=env["MAILSTACK_CA"])
        p2, _ = run("start", state)
        check(p2.returncode == 0 and parse_env(p2.stdout) == env,
              "start on a running instance is a no-op")
        smoke(state, env, ctx)
    except Exception as e:  # report, then still stop below
        check(False, f"unexpected {type(e).__name__}: {e}")
    finally:
        pids = [int(env[k]) for k in ("MAILSTACK_DOVECOT_PID", "MAILSTACK_POSTFIX_PID")
                if env.get(k)]
        procs = pids + [d for pid in pids for d in descendants(pid)]
        p, t = run("stop", state)
        print(f"     stop took {t:.2f} s", flush=True)
        check(p.returncode == 0, f"stop succeeds ({p.stderr.strip()})")
        if pids:
            left = [pid for pid in procs if alive(pid)]
            check(len(procs) > len(pids) and not left,
                  f"no process of the instance left ({len(procs)} checked, left: {left})")
            ports = [int(env[k]) for k in ENV_KEYS if k.endswith("_PORT")]
            check(not any(port_open(port) for port in ports), "all ports closed")
        p, _ = run("stop", state)
        check(p.returncode == 0, "stop again succeeds")
        p, _ = run("status", state)
        check(p.returncode != 0, "status exits non-zero when stopped")
        if failures:
            print(f"kept {state} for inspection", file=sys.stderr)
        else:
            shutil.rmtree(state, ignore_errors=True)

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("mailstack smoke: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
