// ProgramEnv: what deskd and deskctl take from outside the code that a test
// may want to replace (leveldb's Env, for the programs): the clock, and
// observers called at the points where a crash must lose nothing. main()
// passes the default, which is production: the wall clock and no observers.
// The test-only wrappers under tests/integration/ (deskd_testing,
// deskctl_testing) pass an offset clock and crash points instead; the
// production binaries read no test hook from the environment.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "daemon/core/clock.h"

namespace deskd {

struct MailOrigin;     // daemon/intake/intake.h
struct IntakeOutcome;  // daemon/intake/intake.h

struct ProgramEnv {
  // Makes the clock of the process (called once per daemon or verb).
  std::function<std::unique_ptr<Clock>()> make_clock = [] {
    return std::unique_ptr<Clock>(std::make_unique<SystemClock>());
  };
  // The scheduler looks at its alarms at least this often, so that clock
  // changes made by another process (deskctl) are noticed. A test clock
  // that jumps wants a second.
  std::chrono::seconds scheduler_idle_check{60};
  // deskd: after each intake commit, before the IMAP flag is set
  // (MailboxPoller::AfterCommit).
  std::function<void(const MailOrigin&, const IntakeOutcome&)> after_intake_commit;
  // deskd: after each scheduler tick that committed at least one reminder
  // or escalation (`written` of them), before the outbox sender runs.
  std::function<void(int written)> after_notification_commit;
};

}  // namespace deskd
