"""The mail spine end to end, over real Dovecot and Postfix:
a client's mail becomes an incident and the client gets an acknowledgement
in their language; replies thread onto the incident by reply token,
In-Reply-To and subject tag; auto-replies and bounces are never answered."""

import re
import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import harness as h  # noqa: E402

SAMPLES = h.ROOT / "samples"


class Spine(unittest.TestCase):
    def setUp(self):
        h.clear(*h.ALL_USERS)
        self.desk = h.Deskd()

    def tearDown(self):
        rc = self.desk.stop()
        if hasattr(self, "_outcome") and not all(
                e is None for _, e in getattr(self._outcome, "errors", [])):
            print(self.desk.logs()[-4000:])
        self.assertIn(rc, (0, None), "deskd did not stop cleanly on SIGTERM\n" + self.desk.logs()[-3000:])

    def ack_for(self, user, number, timeout=20):
        return h.wait_for(lambda: h.tickets_in(user, number), timeout,
                          f"acknowledgement of #{number} in {user}")[0]

    def test_new_mail_becomes_incident_and_client_is_acknowledged_in_their_language(self):
        self.desk.start()
        cases = [("et_outlook_laptop.eml", "kati@clients.example", "et"),
                 ("ru_mailru_printer.eml", "ivan@clients.example", "ru"),
                 ("ro_gmail_wifi.eml", "ana@clients.example", "ro"),
                 ("en_iphone_vpn.eml", "john@clients.example", "en")]
        t0 = time.monotonic()
        for name, _, _ in cases:
            h.append("support@itdesk.example", (SAMPLES / name).read_bytes())
        incidents = self.desk.wait_incidents(4)
        by_requester = {i["requester"]["address"]: i for i in incidents}
        latencies = []
        for name, client, lang in cases:
            inc = by_requester[client]
            self.assertEqual(inc["status"], "new")
            self.assertEqual(inc["language"], lang, name)
            ack = self.ack_for(client, inc["number"])
            latencies.append(time.monotonic() - t0)
            self.assertEqual(ack["Auto-Submitted"], "auto-replied")
            self.assertEqual(ack["Content-Language"], lang)
            self.assertRegex(str(ack["Reply-To"]), r"support\+[a-z0-9.]+@itdesk\.example")
            original = h.email.message_from_bytes((SAMPLES / name).read_bytes())
            self.assertEqual(ack["In-Reply-To"], original["Message-ID"])
            self.assertTrue(ack["Message-ID"].endswith("@itdesk.example>"), ack["Message-ID"])
            # Both technicians of the queue are told.
            for tech in ("maria@itdesk.example", "jaan@itdesk.example"):
                h.wait_for(lambda: h.tickets_in(tech, inc["number"]), 10, f"{tech} told of #{inc['number']}")
        print(f"FIGURE append_to_ack_seconds max={max(latencies):.2f} for 4 mails")
        # Processed mail is flagged \Seen on the desk's mailbox, after commit.
        h.wait_for(lambda: all("\\Seen" in f for _, f, _ in h.messages("support@itdesk.example")),
                   10, "support INBOX all \\Seen")
        # Exactly one acknowledgement each.
        time.sleep(1.5)
        for _, client, _ in cases:
            self.assertEqual(len(h.messages(client)), 1, client)

    def test_replies_thread_by_token_in_reply_to_and_subject_tag(self):
        self.desk.start()
        h.append("support@itdesk.example", h.make_mail(
            "Kati Tamm <kati@clients.example>", "support@itdesk.example",
            "Printer ei tööta", "Tere, printer ei tööta. Palun aidake.\n"))
        number = self.desk.wait_incidents(1)[0]["number"]
        ack = self.ack_for("kati@clients.example", number)
        token_address = re.search(r"support\+[a-z0-9.]+@itdesk\.example", str(ack["Reply-To"])).group(0)
        h.wait_for(lambda: h.tickets_in("maria@itdesk.example", number), 10, "maria told")

        replies = [
            ("token", dict(to=token_address, subject="Re: printer")),
            ("in-reply-to", dict(to="support@itdesk.example", subject="Veel infot",
                                 in_reply_to=ack["Message-ID"], references=ack["Message-ID"])),
            ("subject tag", dict(to="support@itdesk.example", subject=f"Re: [Ticket#{number}] printer")),
        ]
        for i, (how, kw) in enumerate(replies, start=1):
            raw = h.make_mail("Kati Tamm <kati@clients.example>", kw["to"], kw["subject"],
                              f"Lisainfo {i}: tuli vilgub punaselt.\n\n> vana tekst\n",
                              in_reply_to=kw.get("in_reply_to"), references=kw.get("references"))
            h.send(raw, "kati@clients.example", [kw["to"]])
            h.wait_for(lambda: len([m for m in self.desk.incident(number)["messages"]
                                    if m["direction"] == "in"]) == 1 + i, 20, f"reply by {how} on #{number}")
            self.assertEqual(len(self.desk.incidents()), 1, f"reply by {how} made a new incident")
            # The technicians are told of the client's reply, quotes stripped.
            h.wait_for(lambda: any(f"Lisainfo {i}" in m.get_body(("plain",)).get_content()
                                   for m in h.tickets_in("maria@itdesk.example", number)),
                       10, f"maria told of reply {i}")
        time.sleep(1.5)
        self.assertEqual(len(h.messages("kati@clients.example")), 1, "a reply got a second acknowledgement")

        # Someone who is not a participant: an internal note; the client is not mailed.
        h.send(h.make_mail("John Smith <john@clients.example>", "support@itdesk.example",
                           f"Re: [Ticket#{number}] printer", "I have the same problem.\n"),
               "john@clients.example", ["support@itdesk.example"])
        msgs = h.wait_for(lambda: [m for m in self.desk.incident(number)["messages"]
                                   if m.get("outside_sender")], 20, "outside sender note")
        self.assertTrue(msgs[0]["internal"])
        time.sleep(1.5)
        self.assertEqual(len(h.messages("kati@clients.example")), 1)
        self.assertEqual(len(h.messages("john@clients.example")), 0)

    def test_auto_replies_and_bounces_get_no_acknowledgement(self):
        self.desk.start()
        h.append("support@itdesk.example", h.make_mail(
            "Ivan Petrov <ivan@clients.example>", "support@itdesk.example",
            "Автоматический ответ: Отпуск", "Я в отпуске до 1 декабря.\n",
            headers={"Auto-Submitted": "auto-replied"}))
        h.append("support@itdesk.example", h.make_mail(
            "Ana Popescu <ana@clients.example>", "support@itdesk.example",
            "Newsletter", "Monthly news.\n", headers={"List-Id": "<news.clients.example>",
                                                      "Precedence": "list"}))
        # A client mail, then a bounce of its acknowledgement.
        h.append("support@itdesk.example", h.make_mail(
            "John Smith <john@clients.example>", "support@itdesk.example",
            "Mouse broken", "My mouse is broken.\n"))
        john = h.wait_for(lambda: [i for i in self.desk.incidents()
                                   if i["requester"]["address"] == "john@clients.example"], 20, "john's incident")[0]
        ack = self.ack_for("john@clients.example", john["number"])
        dsn = (
            "From: MAILER-DAEMON@mailstack.localdomain (Mail Delivery System)\r\n"
            "To: support@itdesk.example\r\n"
            "Subject: Undelivered Mail Returned to Sender\r\n"
            "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            "Message-ID: <bounce.1@mailstack.localdomain>\r\n"
            "Auto-Submitted: auto-replied\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
            "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
            "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
            "Reporting-MTA: dns; mailstack.localdomain\r\n\r\n"
            "Final-Recipient: rfc822; john@clients.example\r\nAction: failed\r\nStatus: 5.2.2\r\n"
            "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\r\n"
            "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            f"Message-ID: {ack['Message-ID']}\r\nTo: john@clients.example\r\nSubject: x\r\n"
            "--B--\r\n").encode()
        h.append("support@itdesk.example", dsn)
        h.wait_for(lambda: len(h.messages("support@itdesk.example")) == 4 and
                   all("\\Seen" in f for _, f, _ in h.messages("support@itdesk.example")),
                   20, "all four mails processed")
        time.sleep(2)
        self.assertEqual(len(h.messages("ivan@clients.example")), 0, "auto-reply was answered")
        self.assertEqual(len(h.messages("ana@clients.example")), 0, "list mail was answered")
        self.assertEqual(len(h.messages("john@clients.example")), 1, "bounce was answered")
        events = self.desk.incident(john["number"])["events"]
        self.assertTrue(any("bounce" in e["kind"] for e in events), events)


if __name__ == "__main__":
    unittest.main(verbosity=2)
