"""Benchmark: time from APPEND of a client's mail to the support mailbox
until deskd's acknowledgement is in the client's own mailbox (IMAP intake,
SQLite, outbox, Postfix delivery through LMTP to Dovecot, read back over
IMAP). Polling interval 1 s, so half a second of the figure is the mean
wait for the next poll. Prints FIGURE lines; never fails on time.

Runs under tests/integration/run_with_mailstack.sh (CTest: bench_ack_latency).
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
import harness as h  # noqa: E402

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
CLIENTS = ["kati@clients.example", "ivan@clients.example", "ana@clients.example",
           "john@clients.example"]


def count(user):
    conn = h.imap(user)
    try:
        typ, data = conn.select("INBOX")
        return int(data[0])
    finally:
        conn.logout()


def main():
    h.clear(*h.ALL_USERS)
    desk = h.Deskd(poll_seconds=1).start()
    try:
        # Let it log in and read the empty mailbox first.
        h.wait_for(lambda: "deskd started" in desk.logs(), 20, "deskd started")
        latencies = []
        for i in range(ROUNDS):
            client = CLIENTS[i % len(CLIENTS)]
            before = count(client)
            raw = h.make_mail(client, "support@itdesk.example", f"Latency probe {i}",
                              "Hello,\n\nthe printer on the second floor does not print.\n\nRegards")
            t0 = time.monotonic()
            h.append("support@itdesk.example", raw)
            h.wait_for(lambda: count(client) > before, 30, f"acknowledgement {i}", interval=0.02)
            latencies.append(time.monotonic() - t0)
        latencies.sort()
        p50 = statistics.median(latencies)
        p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
        print(f"FIGURE ack_latency_rounds {ROUNDS}")
        print(f"FIGURE ack_latency_p50_seconds {p50:.3f}")
        print(f"FIGURE ack_latency_p95_seconds {p95:.3f}")
        print(f"FIGURE ack_latency_max_seconds {latencies[-1]:.3f}")
        print(f"FIGURE ack_latency_min_seconds {latencies[0]:.3f}")
    finally:
        desk.stop()


if __name__ == "__main__":
    main()
