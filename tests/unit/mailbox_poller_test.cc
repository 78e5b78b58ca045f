#include "daemon/intake/mailbox_poller.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/unit/core_testing.h"

namespace deskd {
namespace {

using testing::TempDir;
using testing::TestStart;

// An IMAP folder in memory, with the faults a real server shows: a dropped
// connection on a given fetch, a flag that cannot be set, a new UIDVALIDITY.
class FakeSource final : public MailSource {
 public:
  Result<FolderState> Open() override {
    ++opens;
    if (refuse_open) return Error::Temporary("connection refused");
    FolderState state;
    state.uidvalidity = uidvalidity;
    state.uidnext = next_uid;
    state.exists = static_cast<uint32_t>(messages.size());
    return state;
  }
  Result<std::vector<uint32_t>> UidsFrom(uint32_t first_uid) override {
    std::vector<uint32_t> uids;
    for (const auto& [uid, raw] : messages) {
      if (uid >= first_uid) uids.push_back(uid);
    }
    return uids;
  }
  Result<std::string> Fetch(uint32_t uid) override {
    fetched.push_back(uid);
    if (fail_fetch.count(uid) != 0) {
      fail_fetch.erase(uid);
      return Error::Temporary("connection lost");
    }
    auto it = messages.find(uid);
    if (it == messages.end()) return Error::NotFound("no such message");
    return it->second;
  }
  Status MarkProcessed(uint32_t uid) override {
    if (fail_mark.count(uid) != 0) return Error::Temporary("connection lost");
    seen.insert(uid);
    return Status::Ok();
  }
  Result<std::vector<uint32_t>> PendingUpTo(uint32_t last_uid) override {
    std::vector<uint32_t> uids;
    for (const auto& [uid, raw] : messages) {
      if (uid <= last_uid && seen.count(uid) == 0) uids.push_back(uid);
    }
    return uids;
  }

  void Add(const std::string& raw) { messages[next_uid++] = raw; }

  // Same mails, new UIDs, new UIDVALIDITY: what a rebuilt server index does.
  void Renumber() {
    std::map<uint32_t, std::string> renumbered;
    uint32_t uid = 1;
    for (auto& [old_uid, raw] : messages) renumbered[uid++] = raw;
    messages = renumbered;
    next_uid = uid;
    ++uidvalidity;
    seen.clear();
  }

  std::map<uint32_t, std::string> messages;
  uint32_t uidvalidity = 7;
  uint32_t next_uid = 1;
  bool refuse_open = false;
  std::set<uint32_t> fail_fetch;
  std::set<uint32_t> fail_mark;
  std::set<uint32_t> seen;
  std::vector<uint32_t> fetched;
  int opens = 0;
};

std::string ClientMail(int i) {
  return "From: Client " + std::to_string(i) + " <client" + std::to_string(i) +
         "@clients.example>\r\n"
         "To: support@itdesk.example\r\n"
         "Subject: Problem number " + std::to_string(i) + "\r\n"
         "Date: Mon, 23 Nov 2026 09:58:00 +0200\r\n"
         "Message-ID: <problem" + std::to_string(i) + "@clients.example>\r\n"
         "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
         "Hello,\r\n\r\nsomething is broken: " + std::to_string(i) + ".\r\n";
}

class MailboxPollerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.desk.address = "support@itdesk.example";
    config_.secret = "0123456789abcdef0123456789abcdef";
    box_.name = "support";
    box_.queue = "support";
    config_.mailboxes.push_back(box_);
    auto templates = TemplateSet::Load("", "en");
    ASSERT_TRUE(templates.ok()) << templates.error().message;
    templates_ = std::make_unique<TemplateSet>(std::move(*templates));
    auto store = Store::Open(dir_.File("deskd.sqlite"));
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    intake_ = std::make_unique<Intake>(*store_, config_, *templates_, clock_);
  }

  // A poller as after a restart (it asks for leftovers once per start).
  PollReport Poll() {
    MailboxPoller poller(box_, source_, *store_, *intake_);
    auto report = poller.PollOnce(stop_);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : PollReport{};
  }

  int64_t Incidents() {
    auto rows = store_->ListIncidents({});
    return rows.ok() ? static_cast<int64_t>(rows->size()) : -1;
  }

  TempDir dir_;
  Config config_;
  MailboxSection box_;
  FakeClock clock_{TestStart()};
  std::unique_ptr<TemplateSet> templates_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Intake> intake_;
  FakeSource source_;
  std::atomic<bool> stop_{false};
};

TEST_F(MailboxPollerTest, TakesEveryNewMailOnceAndFlagsItAfterTheCommit) {
  for (int i = 1; i <= 3; ++i) source_.Add(ClientMail(i));
  PollReport first = Poll();
  EXPECT_EQ(first.fetched, 3);
  EXPECT_EQ(first.created, 3);
  EXPECT_EQ(source_.seen, (std::set<uint32_t>{1, 2, 3}));
  EXPECT_EQ(Incidents(), 3);

  auto checkpoint = store_->GetCheckpoint("support");
  ASSERT_TRUE(checkpoint.ok() && checkpoint->has_value());
  EXPECT_EQ((*checkpoint)->uidvalidity, 7u);
  EXPECT_EQ((*checkpoint)->last_uid, 3u);

  source_.Add(ClientMail(4));
  source_.fetched.clear();
  PollReport second = Poll();
  EXPECT_EQ(second.fetched, 1);
  EXPECT_EQ(source_.fetched, (std::vector<uint32_t>{4}));
  EXPECT_EQ(Incidents(), 4);
}

TEST_F(MailboxPollerTest, ALostConnectionLeavesTheRestForTheNextPass) {
  for (int i = 1; i <= 3; ++i) source_.Add(ClientMail(i));
  source_.fail_fetch.insert(2);
  MailboxPoller poller(box_, source_, *store_, *intake_);
  auto report = poller.PollOnce(stop_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().kind, Error::Kind::kTemporary);
  EXPECT_EQ(Incidents(), 1);
  EXPECT_EQ(source_.seen, (std::set<uint32_t>{1}));

  PollReport again = Poll();
  EXPECT_EQ(again.fetched, 2);
  EXPECT_EQ(Incidents(), 3);
  EXPECT_EQ(source_.seen, (std::set<uint32_t>{1, 2, 3}));
}

TEST_F(MailboxPollerTest, CommittedButUnflaggedMailIsFlaggedAtTheNextStartNotTakenAgain) {
  for (int i = 1; i <= 2; ++i) source_.Add(ClientMail(i));
  source_.fail_mark.insert(2);  // as if deskd died between commit and flag
  Poll();
  EXPECT_EQ(source_.seen, (std::set<uint32_t>{1}));
  source_.fail_mark.clear();
  source_.fetched.clear();

  PollReport after_restart = Poll();
  EXPECT_EQ(after_restart.fetched, 0);
  EXPECT_TRUE(source_.fetched.empty());
  EXPECT_EQ(source_.seen, (std::set<uint32_t>{1, 2}));
  EXPECT_EQ(Incidents(), 2);
}

TEST_F(MailboxPollerTest, NewUidValidityRereadsTheFolderWithoutDuplicates) {
  for (int i = 1; i <= 3; ++i) source_.Add(ClientMail(i));
  Poll();
  auto outbox_before = store_->ListOutbox("queued", 0);
  ASSERT_TRUE(outbox_before.ok());

  source_.Renumber();
  source_.Add(ClientMail(4));
  PollReport report = Poll();
  EXPECT_EQ(report.fetched, 4);
  EXPECT_EQ(report.duplicates, 3);
  EXPECT_EQ(report.created, 1);
  EXPECT_EQ(Incidents(), 4);
  // Only the new mail caused mail: no second acknowledgement for the others.
  auto outbox_after = store_->ListOutbox("queued", 0);
  ASSERT_TRUE(outbox_after.ok());
  EXPECT_EQ(outbox_after->size() - outbox_before->size(),
            outbox_before->size() / 3);
  auto checkpoint = store_->GetCheckpoint("support");
  ASSERT_TRUE(checkpoint.ok() && checkpoint->has_value());
  EXPECT_EQ((*checkpoint)->uidvalidity, 8u);
  EXPECT_EQ((*checkpoint)->last_uid, 4u);
}

TEST_F(MailboxPollerTest, StopIsHonouredBetweenMessages) {
  for (int i = 1; i <= 3; ++i) source_.Add(ClientMail(i));
  stop_ = true;
  PollReport report = Poll();
  EXPECT_TRUE(report.interrupted);
  EXPECT_EQ(report.fetched, 0);
  EXPECT_EQ(Incidents(), 0);
}

TEST_F(MailboxPollerTest, TheAfterCommitObserverSeesEachCommitBeforeTheFlag) {
  for (int i = 1; i <= 3; ++i) source_.Add(ClientMail(i));
  source_.fail_fetch.insert(3);  // not committed: not observed
  struct Seen {
    uint32_t uid;
    bool flagged;
    int64_t incidents;
    IntakeOutcome::Action action;
  };
  std::vector<Seen> calls;
  MailboxPoller poller(box_, source_, *store_, *intake_,
                       [&](const MailOrigin& origin, const IntakeOutcome& outcome) {
                         EXPECT_EQ(origin.mailbox, "support");
                         EXPECT_EQ(origin.uidvalidity, 7u);
                         calls.push_back({origin.uid, source_.seen.count(origin.uid) != 0,
                                          Incidents(), outcome.action});
                       });
  EXPECT_FALSE(poller.PollOnce(stop_).ok());
  ASSERT_EQ(calls.size(), 2u);
  for (size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].uid, i + 1);
    EXPECT_FALSE(calls[i].flagged) << "observed after the flag, not between commit and flag";
    EXPECT_EQ(calls[i].incidents, static_cast<int64_t>(i + 1)) << "observed before the commit";
    EXPECT_EQ(calls[i].action, IntakeOutcome::Action::kCreated);
  }
  EXPECT_EQ(source_.seen, (std::set<uint32_t>{1, 2}));
}

TEST_F(MailboxPollerTest, ARefusedServerIsAnErrorAndNothingChanges) {
  source_.Add(ClientMail(1));
  source_.refuse_open = true;
  MailboxPoller poller(box_, source_, *store_, *intake_);
  auto report = poller.PollOnce(stop_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(Incidents(), 0);
  EXPECT_TRUE(source_.fetched.empty());
}

}  // namespace
}  // namespace deskd
