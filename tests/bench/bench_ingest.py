"""Benchmark: mails per second through `deskctl ingest` (the same intake path
as IMAP), for 1,000 mails in the four languages, a fifth of them replies
threaded by subject tag. Prints figures; never fails on time.

Usage: python3 tests/bench/bench_ingest.py [BUILD_DIR] [N]
"""

import email.policy
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build"
N = int(sys.argv[2]) if len(sys.argv) > 2 else 1000

TEXTS = {
    "et": ("Arvuti ei käivitu", "Tere!\n\nMinu arvuti ei käivitu pärast uuendust. Palun aidake.\n\nKati"),
    "ru": ("Не работает принтер", "Здравствуйте!\n\nПринтер не печатает, пишет ошибку. Помогите, пожалуйста.\n\nИван"),
    "ro": ("Nu merge imprimanta", "Bună ziua,\n\nImprimanta nu funcționează de azi dimineață. Vă rog să verificați.\n\nAna"),
    "en": ("VPN does not connect", "Hi,\n\nThe VPN does not connect since this morning. Please help.\n\nJohn"),
}
CLIENTS = ["kati@clients.example", "ivan@clients.example", "ana@clients.example", "john@clients.example"]


def make(i, rnd):
    lang = list(TEXTS)[i % 4]
    subject, body = TEXTS[lang]
    m = EmailMessage(policy=email.policy.SMTP)
    m["From"] = CLIENTS[i % 4]
    m["To"] = "support@itdesk.example"
    if i >= 50 and rnd.random() < 0.2:
        m["Subject"] = f"Re: [Ticket#{1000 + rnd.randrange(0, 50)}] {subject}"
        body = f"Lisainfo / more info {i}\n\n> quoted history\n> more\n"
    else:
        m["Subject"] = f"{subject} {i}"
    m["Message-ID"] = f"<bench.{i}.{rnd.randrange(1 << 30)}@clients.example>"
    m["Date"] = "Mon, 23 Nov 2026 10:00:00 +0200"
    m.set_content(body + f"\n\n(id {i})\n", charset="utf-8")
    return m.as_bytes()


def main():
    rnd = random.Random(42)
    work = Path(tempfile.mkdtemp(prefix="deskd-bench-"))
    mails = work / "mails"
    mails.mkdir()
    files = []
    for i in range(N):
        f = mails / f"{i:05}.eml"
        f.write_bytes(make(i, rnd))
        files.append(str(f))
    (work / "deskd.toml").write_text("""
[desk]
address = "support@itdesk.example"
[database]
path = "deskd.sqlite"
[smtp]
url = "smtp://127.0.0.1:1"
[[technician]]
name = "maria"
address = "maria@itdesk.example"
queues = ["support"]
""")
    t0 = time.perf_counter()
    r = subprocess.run([str(BUILD / "deskctl"), "ingest", "--config", str(work / "deskd.toml"), *files],
                       capture_output=True, cwd=work)
    elapsed = time.perf_counter() - t0
    if r.returncode != 0:
        print(r.stderr.decode()[-2000:])
        raise SystemExit(f"deskctl ingest exited {r.returncode}")
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    db = sum(p.stat().st_size for p in work.glob("deskd.sqlite*"))
    listing = subprocess.run([str(BUILD / "deskctl"), "list", "--json", "--config", str(work / "deskd.toml")],
                             capture_output=True, cwd=work, check=True).stdout
    import json
    incidents = len(json.loads(listing))
    print(f"FIGURE ingest mails={N} seconds={elapsed:.2f} mails_per_second={N / elapsed:.0f} "
          f"incidents={incidents} peak_rss_mb={rss_mb:.1f} database_mb={db / 1e6:.1f}")


if __name__ == "__main__":
    main()
