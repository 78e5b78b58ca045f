// MailboxPoller: one pass over one mailbox folder. Reads the checkpoint,
// fetches every message past it, hands each to Intake (which stores it and
// advances the checkpoint in one transaction), and only after that commit
// marks the message processed on the server. A UIDVALIDITY change re-reads
// the folder from the start; Intake's deduplication keeps that harmless.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "daemon/config/config.h"
#include "daemon/intake/intake.h"
#include "daemon/core/mail_source.h"
#include "daemon/store/store.h"

namespace deskd {

struct PollReport {
  int fetched = 0;
  int created = 0;
  int threaded = 0;
  int duplicates = 0;
  int outbox_rows = 0;
  int failed = 0;           // messages left for the next pass
  bool interrupted = false; // stop was requested between messages
};

class MailboxPoller {
 public:
  // Called after each message whose intake transaction has committed, before
  // the message is flagged on the server: the point where a crash must lose
  // nothing and duplicate nothing. Tests observe or kill the process there
  // (tests/integration/deskd_testing_main.cc); production passes none.
  using AfterCommit = std::function<void(const MailOrigin&, const IntakeOutcome&)>;

  // REQUIRES: all references outlive the poller.
  MailboxPoller(const MailboxSection& mailbox, MailSource& source, Store& store,
                Intake& intake, AfterCommit after_commit = {});

  // One pass. `stop` is checked between messages: the message in flight is
  // always finished (committed and marked) first.
  Result<PollReport> PollOnce(const std::atomic<bool>& stop);

  const std::string& name() const { return name_; }

 private:
  const MailboxSection& mailbox_;
  std::string name_;
  MailSource& source_;
  Store& store_;
  Intake& intake_;
  AfterCommit after_commit_;
  bool flagged_leftovers_ = false;  // PendingUpTo is asked once per start
};

}  // namespace deskd
