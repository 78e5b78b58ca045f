"""Service levels over the real mail stack, with deskd's test clock.

deskd and deskctl run as the test-only wrappers deskd_testing and
deskctl_testing --test-clock-file (tests/integration/testing_env.h): a file
holding an offset in seconds that they add to the wall time, re-read on every
reading of the clock. A priority 1 mail arrives; moving the clock 46 minutes
ahead brings the 75 % reminder of the one-hour first response to the queue's
technicians (nobody owns the incident), 61 minutes the escalation to the
manager. Each reaches its Dovecot mailbox exactly once, also when deskd is
killed with SIGKILL right after writing it and restarted. `deskctl escalate`
sends one more, by hand, with its reason. Once a technician has taken the
incident (#assign through the reply token), only the owner is reminded.
"""

import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import harness as h  # noqa: E402

TECHS = ("maria@itdesk.example", "jaan@itdesk.example")
BOSS = "boss@itdesk.example"

EXTRA = """
[priority]
default_impact = 1
"""


def notifications(user, number, kind):
    return [m for m in h.tickets_in(user, number) if m["X-Deskd-Notification"] == kind]


class ServiceLevels(unittest.TestCase):
    def setUp(self):
        h.clear(*h.ALL_USERS)
        self.desk = h.Deskd(extra_toml=EXTRA)
        self.clock = self.desk.dir / "clock_offset"
        self.desk.clock_file = self.clock
        self.set_clock(0)

    def tearDown(self):
        self.desk.stop()

    def set_clock(self, minutes):
        tmp = self.clock.with_suffix(".tmp")
        tmp.write_text(str(int(minutes * 60)))
        tmp.replace(self.clock)

    def start(self, **hooks):
        self.desk.start(**hooks)

    def counts(self, number):
        return ({t: len(notifications(t, number, "reminder")) for t in TECHS},
                len(notifications(BOSS, number, "escalation")))

    def test_reminder_then_escalation_exactly_once_across_sigkill(self):
        self.start()
        h.append("support@itdesk.example", h.make_mail(
            "Kati Tamm <kati@clients.example>", "support@itdesk.example",
            "URGENT: the server room is too hot", "Tere, serveriruum on väga kuum, kiire!\n",
            headers={"X-Priority": "1 (Highest)"}))
        number = self.desk.wait_incidents(1)[0]["number"]
        incident = self.desk.incident(number)
        self.assertEqual(incident["priority"], 1, incident)
        clocks = {c["name"]: c for c in incident.get("clocks", [])}
        self.assertEqual(clocks["first_response"]["state"], "running", incident)
        h.wait_for(lambda: all(h.tickets_in(t, number) for t in TECHS), 20, "technician_new mails")
        time.sleep(2)
        self.assertEqual(self.counts(number), ({t: 0 for t in TECHS}, 0), "nothing due yet")

        # 46 minutes later: past 75 % of the hour.
        self.set_clock(46)
        h.wait_for(lambda: all(notifications(t, number, "reminder") for t in TECHS), 30,
                   "the 75 % reminder at both queue technicians")
        reminder = notifications("maria@itdesk.example", number, "reminder")[0]
        self.assertIn("Reminder", str(reminder["Subject"]))
        self.desk.kill9()
        self.start()
        time.sleep(4)
        self.assertEqual(self.counts(number), ({t: 1 for t in TECHS}, 0))

        # deskd dies right after it has written the escalation, before sending it.
        self.desk.stop()
        self.start(crash_after_notification=1)
        self.set_clock(61)
        rc = self.desk.proc.wait(timeout=30)
        self.desk.stop()
        self.assertEqual(rc, -9, "the injected crash did not happen\n" + self.desk.logs()[-3000:])
        self.start()
        h.wait_for(lambda: notifications(BOSS, number, "escalation"), 30, "the escalation at the manager")
        time.sleep(4)
        self.desk.kill9()
        self.start()
        time.sleep(4)
        self.assertEqual(self.counts(number), ({t: 1 for t in TECHS}, 1))
        escalation = notifications(BOSS, number, "escalation")[0]
        body = escalation.get_body(("plain",)).get_content()
        self.assertIn("First response", body)
        self.assertIn("serveriruum", body, "the client's first mail is in the escalation")
        shown = self.desk.incident(number)
        clocks = {c["name"]: c for c in shown.get("clocks", [])}
        self.assertEqual(clocks["first_response"]["state"], "breached", shown)

        # By hand: one more, with the reason.
        r = self.desk.deskctl("escalate", str(number), "--reason", "the cooling needs a purchase")
        self.assertIn(BOSS, r.stdout.decode())
        h.wait_for(lambda: len(notifications(BOSS, number, "escalation")) == 2, 30, "the manual escalation")
        bodies = [m.get_body(("plain",)).get_content() for m in notifications(BOSS, number, "escalation")]
        self.assertTrue(any("the cooling needs a purchase" in b for b in bodies))
        events = [e["kind"] for e in self.desk.incident(number)["events"]]
        self.assertEqual(events.count("escalated"), 2, events)
        self.assertEqual(events.count("sla_breached"), 1, events)
        self.assertEqual(events.count("reminder"), 1, events)
        print(f"FIGURE test_sla: 1 reminder x {len(TECHS)} technicians, 1 breach escalation, "
              f"1 manual escalation; 3 restarts (2 SIGKILL, 1 injected crash)")

    def test_only_the_owner_is_reminded(self):
        self.start()
        h.append("support@itdesk.example", h.make_mail(
            "Ivan <ivan@clients.example>", "support@itdesk.example",
            "Срочно: не работает VPN", "Добрый день, VPN не подключается, срочно!\n",
            headers={"Importance": "high"}))
        number = self.desk.wait_incidents(1)[0]["number"]
        self.assertEqual(self.desk.incident(number)["priority"], 1)
        new = h.wait_for(lambda: h.tickets_in("maria@itdesk.example", number), 20, "maria's notification")[0]
        # Maria takes it from her mail client: #assign through her reply token.
        h.append("support@itdesk.example", h.make_mail(
            "Maria Kask <maria@itdesk.example>", str(new["Reply-To"]),
            "Re: " + str(new["Subject"]), "#assign maria\n", in_reply_to=str(new["Message-ID"])))
        h.wait_for(lambda: self.desk.incident(number)["owner"] == "maria", 20, "maria owns it")
        self.set_clock(46)
        h.wait_for(lambda: notifications("maria@itdesk.example", number, "reminder"), 30, "the owner's reminder")
        time.sleep(3)
        self.assertEqual(self.counts(number), ({"maria@itdesk.example": 1, "jaan@itdesk.example": 0}, 0))
        body = notifications("maria@itdesk.example", number, "reminder")[0].get_body(("plain",)).get_content()
        self.assertIn("You own this incident", body)


if __name__ == "__main__":
    unittest.main(verbosity=2)
