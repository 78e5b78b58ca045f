"""Test harness for deskd's integration tests against the real mail stack.

A test file runs under tests/integration/run_with_mailstack.sh, which starts
Dovecot and Postfix on loopback and exports MAILSTACK_ENV (the stack's env
file). This module reads it and offers: IMAP/SMTP helpers for the stack's
users, a Deskd object that writes a config, starts and stops the daemon by
PID, and runs deskctl, and wait_for() for everything that happens "within
seconds".

Deskd runs the production binaries deskd and deskctl, unless a test asks for
a test hook: a moved clock (Deskd(clock_file=...)) or a crash point
(start(crash_after_commit=N), start(crash_after_notification=N)). Then it
runs the test-only wrappers deskd_testing and deskctl_testing
(tests/integration/deskd_testing_main.cc), which take those hooks as
command-line options; the production binaries read no test hook.
"""

import email
import email.policy
import imaplib
import json
import os
import signal
import smtplib
import subprocess
import tempfile
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("DESKD_BUILD_DIR", ROOT / "build"))
DESKD = BUILD / "deskd"
DESKCTL = BUILD / "deskctl"
DESKD_TESTING = BUILD / "tests" / "integration" / "deskd_testing"
DESKCTL_TESTING = BUILD / "tests" / "integration" / "deskctl_testing"


def read_env():
    path = os.environ.get("MAILSTACK_ENV")
    if not path:
        raise SystemExit("MAILSTACK_ENV is not set: run under tests/integration/run_with_mailstack.sh")
    env = {}
    for line in Path(path).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            k, v = line.split("=", 1)
            env[k.strip()] = v.strip().strip('"')
    return env


STACK = read_env()
IMAP_PORT = int(STACK["MAILSTACK_IMAP_PORT"])
SMTP_PORT = int(STACK["MAILSTACK_SMTP_PORT"])
STACK_DIR = STACK["MAILSTACK_DIR"]
MAILSTACK = ROOT / "tests" / "integration" / "mailstack"


def password(user):
    return user.split("@")[0] + "-pw"


def wait_for(predicate, timeout=20.0, what="condition", interval=0.1):
    """Polls predicate() until it returns a truthy value; returns that value."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {last!r})")


# ---------------------------------------------------------------- IMAP / SMTP

def imap(user):
    conn = imaplib.IMAP4("127.0.0.1", IMAP_PORT)
    conn.login(user, password(user))
    return conn


def append(user, raw, folder="INBOX"):
    """APPENDs raw bytes to a user's folder, as a delivery would."""
    conn = imap(user)
    try:
        typ, data = conn.append(folder, None, None, raw)
        assert typ == "OK", data
    finally:
        conn.logout()


def messages(user, folder="INBOX"):
    """All messages of a folder: list of (uid, flags, email.message.Message)."""
    conn = imap(user)
    try:
        conn.select(folder)
        typ, data = conn.uid("SEARCH", None, "ALL")
        uids = data[0].split()
        out = []
        for uid in uids:
            typ, d = conn.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
            raw = None
            flags = b""
            for part in d:
                if isinstance(part, tuple):
                    flags = part[0]
                    raw = part[1]
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            out.append((int(uid), flags.decode(), msg))
        return out
    finally:
        conn.logout()


def send(raw, sender, recipients):
    with smtplib.SMTP("127.0.0.1", SMTP_PORT, timeout=10) as s:
        s.sendmail(sender, recipients, raw)


def make_mail(frm, to, subject, body, *, cc=None, in_reply_to=None, references=None,
              headers=None, message_id=None, charset="utf-8"):
    m = EmailMessage(policy=email.policy.SMTP)
    m["From"] = frm
    m["To"] = to
    if cc:
        m["Cc"] = cc
    m["Subject"] = subject
    m["Date"] = email.utils.formatdate(localtime=True)
    m["Message-ID"] = message_id or f"<{uuid.uuid4().hex}@clients.example>"
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
    if references:
        m["References"] = references
    for k, v in (headers or {}).items():
        m[k] = v
    m.set_content(body, charset=charset)
    return m.as_bytes()


# ---------------------------------------------------------------- deskd

class Deskd:
    """One deskd installation: a temp dir with config, secret and database.

    clock_file: a file holding an offset in seconds added to the wall time
    (re-read at every reading of the clock) by deskd and deskctl, which then
    run as deskd_testing / deskctl_testing --test-clock-file.
    """

    def __init__(self, extra_toml="", poll_seconds=1, clock_file=None):
        self.dir = Path(tempfile.mkdtemp(prefix="deskd-it-"))
        self.clock_file = clock_file
        (self.dir / "support.password").write_text("support-pw\n")
        self.log_path = self.dir / "deskd.log"
        self.proc = None
        self.config = self.dir / "deskd.toml"
        self.config.write_text(f"""
[desk]
name = "IT Support"
address = "support@itdesk.example"
prefix = "Ticket"
default_language = "en"

[database]
path = "deskd.sqlite"

[[mailbox]]
url = "imap://127.0.0.1:{IMAP_PORT}"
user = "support@itdesk.example"
password_file = "support.password"
folder = "INBOX"
queue = "support"
poll_interval_seconds = {poll_seconds}
ca_file = "{STACK['MAILSTACK_CA']}"

[smtp]
url = "smtp://127.0.0.1:{SMTP_PORT}"
ca_file = "{STACK['MAILSTACK_CA']}"
retry_initial_seconds = 1
retry_max_seconds = 2

[[technician]]
name = "maria"
display_name = "Maria Kask"
address = "maria@itdesk.example"
queues = ["support"]

[[technician]]
name = "jaan"
display_name = "Jaan Tamm"
address = "jaan@itdesk.example"
queues = ["support"]

[manager]
name = "boss"
address = "boss@itdesk.example"
{extra_toml}
""")

    def start(self, env=None, crash_after_commit=None, crash_after_notification=None):
        """Starts deskd. crash_after_commit=N: it SIGKILLs itself right after the
        N-th intake commit; crash_after_notification=N: after the N-th
        scheduler tick that wrote a reminder or escalation."""
        hooks = []
        if self.clock_file is not None:
            hooks += ["--test-clock-file", str(self.clock_file)]
        if crash_after_commit is not None:
            hooks += ["--test-crash-after-commit", str(crash_after_commit)]
        if crash_after_notification is not None:
            hooks += ["--test-crash-after-notification", str(crash_after_notification)]
        program = [str(DESKD_TESTING), *hooks] if hooks else [str(DESKD)]
        e = dict(os.environ)
        e.update(env or {})
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([*program, "--config", str(self.config), "--log-level", "debug"],
                                     stdout=self.log, stderr=self.log, env=e, cwd=self.dir)
        return self

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.proc = None
        self.log.close()
        return rc

    def kill9(self):
        return self.stop(signal.SIGKILL)

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def logs(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def deskctl(self, *args, check=True, input=None):
        if self.clock_file is not None:
            program = [str(DESKCTL_TESTING), "--test-clock-file", str(self.clock_file)]
        else:
            program = [str(DESKCTL)]
        r = subprocess.run([*program, *args, "--config", str(self.config)],
                           capture_output=True, input=input, cwd=self.dir)
        if check and r.returncode != 0:
            raise AssertionError(f"deskctl {args} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
        return r

    def incidents(self):
        return json.loads(self.deskctl("list", "--json").stdout)

    def incident(self, number):
        return json.loads(self.deskctl("show", str(number), "--json").stdout)

    def wait_incidents(self, n, timeout=20):
        return wait_for(lambda: (lambda l: l if len(l) >= n else None)(self.incidents()),
                        timeout, f"{n} incident(s)")


def mailstack(verb):
    subprocess.run([str(MAILSTACK), verb, STACK_DIR], check=True, capture_output=True)


def clear(*users, folders=("INBOX",)):
    """Deletes every message of the users' folders: each test starts empty."""
    for user in users:
        conn = imap(user)
        try:
            for folder in folders:
                typ, _ = conn.select(folder)
                if typ != "OK":
                    continue
                conn.uid("STORE", "1:*", "+FLAGS.SILENT", r"(\Deleted)")
                conn.expunge()
        finally:
            conn.logout()


ALL_USERS = ("support@itdesk.example", "maria@itdesk.example", "jaan@itdesk.example",
             "boss@itdesk.example", "kati@clients.example", "ivan@clients.example",
             "ana@clients.example", "john@clients.example")


def tickets_in(user, number):
    """Messages in a user's INBOX whose subject carries [Ticket#number]."""
    return [m for _, _, m in messages(user) if f"[Ticket#{number}]" in str(m["Subject"])]
