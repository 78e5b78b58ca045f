#include "daemon/intake/mailbox_poller.h"

#include <spdlog/spdlog.h>

namespace deskd {
namespace {

// Log the progress of a long first sync every this many messages.
constexpr int kProgressEvery = 100;

}  // namespace

MailboxPoller::MailboxPoller(const MailboxSection& mailbox, MailSource& source, Store& store,
                             Intake& intake, AfterCommit after_commit)
    : mailbox_(mailbox),
      name_(mailbox.name.empty() ? mailbox.queue : mailbox.name),
      source_(source),
      store_(store),
      intake_(intake),
      after_commit_(std::move(after_commit)) {}

Result<PollReport> MailboxPoller::PollOnce(const std::atomic<bool>& stop) {
  PollReport report;
  DESKD_TRY_ASSIGN(auto folder, source_.Open());
  DESKD_TRY_ASSIGN(auto checkpoint, store_.GetCheckpoint(name_));

  uint32_t first_uid = 1;
  if (checkpoint.has_value()) {
    const auto& cp = *checkpoint;
    if (cp.uidvalidity == folder.uidvalidity) {
      first_uid = cp.last_uid + 1;
      if (!flagged_leftovers_) {
        // Messages committed before a crash but never flagged.
        if (auto pending = source_.PendingUpTo(cp.last_uid); pending.ok()) {
          for (uint32_t uid : *pending) {
            if (auto s = source_.MarkProcessed(uid); s.ok()) {
              spdlog::info("flagged message left over from before a restart mailbox={} uid={}", name_, uid);
            }
          }
        }
        flagged_leftovers_ = true;
      }
    } else {
      spdlog::warn("UIDVALIDITY changed mailbox={} old={} new={}: re-reading the folder, "
                   "duplicates are skipped", name_, cp.uidvalidity, folder.uidvalidity);
    }
  }
  if (folder.uidnext != 0 && first_uid >= folder.uidnext) return report;

  DESKD_TRY_ASSIGN(auto uids, source_.UidsFrom(first_uid));
  const size_t total = uids.size();
  if (total >= static_cast<size_t>(kProgressEvery)) {
    spdlog::info("sync started mailbox={} messages={}", name_, total);
  }
  for (uint32_t uid : uids) {
    if (stop) {
      report.interrupted = true;
      break;
    }
    DESKD_TRY_ASSIGN(auto raw, source_.Fetch(uid));
    ++report.fetched;
    MailOrigin origin{name_, mailbox_.queue, folder.uidvalidity, uid};
    auto outcome = intake_.Process(raw, origin);
    if (!outcome) {
      // Not committed: the message stays unflagged and past the checkpoint,
      // so the next pass tries it again.
      spdlog::error("intake failed mailbox={} uid={} error=\"{}\"", name_, uid, outcome.error().message);
      ++report.failed;
      return outcome.error();
    }
    if (after_commit_) after_commit_(origin, *outcome);
    switch (outcome->action) {
      case IntakeOutcome::Action::kCreated: ++report.created; break;
      case IntakeOutcome::Action::kDuplicate: ++report.duplicates; break;
      default: ++report.threaded; break;
    }
    report.outbox_rows += outcome->outbox_rows;
    if (auto s = source_.MarkProcessed(uid); !s.ok()) {
      // The mail is safe in the store; the flag is only a courtesy. It is
      // set again after the next restart (PendingUpTo).
      spdlog::warn("could not flag message mailbox={} uid={} error=\"{}\"", name_, uid, s.error().message);
    }
    if (total >= static_cast<size_t>(kProgressEvery) && report.fetched % kProgressEvery == 0) {
      spdlog::info("sync progress mailbox={} done={} total={}", name_, report.fetched, total);
    }
  }
  return report;
}

}  // namespace deskd
