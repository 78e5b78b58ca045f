#include "daemon/wire/outbox_sender.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "daemon/store/sqlite_store.h"
#include "tests/unit/core_testing.h"

namespace deskd {
namespace {

using testing::FakeSink;
using testing::TempDir;
using testing::TestStart;

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteStore::Open(dir_.File("deskd.sqlite"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    config_.smtp.retry_initial_seconds = 30;
    config_.smtp.retry_max_seconds = 3600;
    config_.smtp.max_attempts = 5;
  }

  int64_t Queue(const std::string& message_id, const std::string& to) {
    OutboxRow row;
    row.kind = "acknowledgement";
    row.message_id = message_id;
    row.envelope_from = "support@itdesk.example";
    row.recipients = {to};
    row.raw = "Message-ID: " + message_id + "\r\nSubject: hi\r\n\r\nbody\r\n";
    row.created_at = ToUnix(clock_.Now());
    row.next_attempt_at = row.created_at;
    auto id = store_->EnqueueOutbox(row);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }

  OutboxRow Row(int64_t id) {
    auto row = store_->FindOutbox(id);
    EXPECT_TRUE(row.ok() && row->has_value());
    return row.ok() && row->has_value() ? **row : OutboxRow{};
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  Config config_;
  FakeClock clock_{TestStart()};
  FakeSink sink_;
};

TEST_F(OutboxTest, SendsDueRowsInOrderAndMarksThemSent) {
  int64_t a = Queue("<a@itdesk.example>", "anna@client.example");
  int64_t b = Queue("<b@itdesk.example>", "boris@client.example");
  OutboxSender sender(*store_, sink_, config_, clock_);
  OutboxRound round = sender.RunOnce();
  EXPECT_EQ(round.sent, 2);
  EXPECT_EQ(round.retried + round.failed, 0);
  ASSERT_EQ(sink_.sent.size(), 2u);
  EXPECT_EQ(sink_.sent[0].recipients, std::vector<std::string>{"anna@client.example"});
  EXPECT_EQ(sink_.sent[0].envelope_from, "support@itdesk.example");
  EXPECT_NE(sink_.sent[0].raw.find("<a@itdesk.example>"), std::string::npos);
  EXPECT_EQ(sink_.sent[1].recipients, std::vector<std::string>{"boris@client.example"});
  EXPECT_EQ(Row(a).status, "sent");
  EXPECT_EQ(Row(a).attempts, 1);
  EXPECT_EQ(Row(a).sent_at, ToUnix(clock_.Now()));
  EXPECT_EQ(Row(b).status, "sent");
  EXPECT_EQ(sender.NextDue(), std::nullopt);
  // Nothing is sent twice.
  EXPECT_EQ(sender.RunOnce().sent, 0);
  EXPECT_EQ(sink_.attempts.size(), 2u);
}

TEST_F(OutboxTest, RespectsMaxMailsPerRound) {
  Queue("<a@d>", "a@c.example");
  Queue("<b@d>", "b@c.example");
  Queue("<c@d>", "c@c.example");
  OutboxSender sender(*store_, sink_, config_, clock_);
  EXPECT_EQ(sender.RunOnce(2).sent, 2);
  EXPECT_EQ(sender.RunOnce(2).sent, 1);
}

TEST_F(OutboxTest, TemporaryFailuresBackOffExponentiallyWithAStableMessageId) {
  int64_t id = Queue("<stable@itdesk.example>", "anna@client.example");
  OutboxSender sender(*store_, sink_, config_, clock_);
  const int64_t start = ToUnix(clock_.Now());
  sink_.answers = {Error::Temporary("421 busy"), Error::Temporary("421 busy"),
                   Error::Temporary("connection refused")};

  EXPECT_EQ(sender.RunOnce().retried, 1);
  EXPECT_EQ(Row(id).attempts, 1);
  EXPECT_EQ(Row(id).next_attempt_at, start + 30);
  EXPECT_EQ(Row(id).last_error, "421 busy");
  ASSERT_TRUE(sender.NextDue().has_value());
  EXPECT_EQ(ToUnix(*sender.NextDue()), start + 30);

  // Not due yet: nothing happens.
  clock_.Advance(std::chrono::seconds(29));
  EXPECT_EQ(sender.RunOnce().retried, 0);
  EXPECT_EQ(sink_.attempts.size(), 1u);

  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(sender.RunOnce().retried, 1);
  EXPECT_EQ(Row(id).next_attempt_at, start + 30 + 60);

  clock_.Set(FromUnix(start + 90));
  EXPECT_EQ(sender.RunOnce().retried, 1);
  EXPECT_EQ(Row(id).next_attempt_at, start + 90 + 120);

  clock_.Set(FromUnix(start + 210));
  OutboxRound round = sender.RunOnce();
  EXPECT_EQ(round.sent, 1);
  EXPECT_EQ(Row(id).status, "sent");
  EXPECT_EQ(Row(id).attempts, 4);
  // Every attempt carried the same bytes, so the same Message-ID.
  ASSERT_EQ(sink_.attempts.size(), 4u);
  for (const auto& a : sink_.attempts) EXPECT_EQ(a.raw, sink_.attempts[0].raw);
}

TEST_F(OutboxTest, BackoffIsCapped) {
  SmtpSection smtp;
  smtp.retry_initial_seconds = 30;
  smtp.retry_max_seconds = 3600;
  EXPECT_EQ(OutboxSender::BackoffSeconds(smtp, 1), 30);
  EXPECT_EQ(OutboxSender::BackoffSeconds(smtp, 2), 60);
  EXPECT_EQ(OutboxSender::BackoffSeconds(smtp, 7), 1920);
  EXPECT_EQ(OutboxSender::BackoffSeconds(smtp, 8), 3600);
  EXPECT_EQ(OutboxSender::BackoffSeconds(smtp, 1000), 3600);
}

TEST_F(OutboxTest, PermanentRefusalFailsAtOnce) {
  int64_t id = Queue("<a@d>", "nobody@client.example");
  OutboxSender sender(*store_, sink_, config_, clock_);
  sink_.answers = {Error::Invalid("550 5.1.1 no such user")};
  OutboxRound round = sender.RunOnce();
  EXPECT_EQ(round.failed, 1);
  EXPECT_EQ(Row(id).status, "failed");
  EXPECT_EQ(Row(id).last_error, "550 5.1.1 no such user");
  EXPECT_EQ(sender.NextDue(), std::nullopt);
  clock_.Advance(std::chrono::hours(48));
  EXPECT_EQ(sender.RunOnce().failed + sender.RunOnce().sent, 0);

  // deskctl retry: queued again, due now, sent on the next round.
  ASSERT_TRUE(store_->RetryOutbox(id, ToUnix(clock_.Now())).ok());
  EXPECT_EQ(sender.RunOnce().sent, 1);
  EXPECT_EQ(Row(id).status, "sent");
}

TEST_F(OutboxTest, GivesUpAfterMaxAttempts) {
  config_.smtp.max_attempts = 3;
  int64_t id = Queue("<a@d>", "anna@client.example");
  OutboxSender sender(*store_, sink_, config_, clock_);
  for (int i = 0; i < 3; ++i) sink_.answers.push_back(Error::Temporary("421"));
  EXPECT_EQ(sender.RunOnce().retried, 1);
  clock_.Advance(std::chrono::hours(2));
  EXPECT_EQ(sender.RunOnce().retried, 1);
  clock_.Advance(std::chrono::hours(2));
  OutboxRound last = sender.RunOnce();
  EXPECT_EQ(last.failed, 1);
  EXPECT_EQ(Row(id).status, "failed");
  EXPECT_EQ(Row(id).attempts, 3);
}

// A sink that accepts the mail but leaves the database locked by another
// connection, so that MarkOutboxSent fails: what a crash between the
// server's "250 OK" and the commit looks like to the next round.
class LockingSink final : public MailSink {
 public:
  LockingSink(FakeSink& inner, const std::string& path) : inner_(inner), path_(path) {}
  ~LockingSink() override { Unlock(); }
  Status Send(const std::string& from, const std::vector<std::string>& to,
              const std::string& raw) override {
    Status st = inner_.Send(from, to, raw);
    if (lock_next_ && other_ == nullptr) {
      sqlite3_open(path_.c_str(), &other_);
      sqlite3_exec(other_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      lock_next_ = false;
    }
    return st;
  }
  void Unlock() {
    if (other_ == nullptr) return;
    sqlite3_exec(other_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other_);
    other_ = nullptr;
  }
  bool lock_next_ = true;

 private:
  FakeSink& inner_;
  std::string path_;
  sqlite3* other_ = nullptr;
};

TEST_F(OutboxTest, CrashBetweenSendAndMarkSentSendsAgainWithTheSameMessageId) {
  int64_t id = Queue("<once@itdesk.example>", "anna@client.example");
  LockingSink locking(sink_, dir_.File("deskd.sqlite"));
  sqlite3_busy_timeout(store_->db(), 20);
  OutboxSender sender(*store_, locking, config_, clock_);
  OutboxRound first = sender.RunOnce();
  EXPECT_TRUE(first.store_error);
  locking.Unlock();
  EXPECT_EQ(Row(id).status, "queued");  // the server has it, deskd does not know

  OutboxRound second = sender.RunOnce();
  EXPECT_EQ(second.sent, 1);
  EXPECT_EQ(Row(id).status, "sent");
  // At-least-once: delivered twice, as the same message.
  ASSERT_EQ(sink_.sent.size(), 2u);
  EXPECT_EQ(sink_.sent[0].raw, sink_.sent[1].raw);
  EXPECT_NE(sink_.sent[1].raw.find("Message-ID: <once@itdesk.example>"), std::string::npos);
}

}  // namespace
}  // namespace deskd
