// Escalation by hand (deskctl escalate) and the manager digest's figures,
// both over a real temporary store.
#include "daemon/notify/escalation.h"

#include <gtest/gtest.h>

#include "daemon/notify/digest.h"
#include "daemon/notify/scheduler.h"
#include "parsers/mail.h"
#include "tests/unit/core_testing.h"

namespace deskd {
namespace {

using testing::TempDir;
using testing::TestStart;

class EscalationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::Open(dir_.File("deskd.sqlite"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    config_.secret = "s";
    config_.manager.name = "Boss";
    config_.manager.address = "boss@itdesk.example";
    auto templates = TemplateSet::Load("", "en");
    ASSERT_TRUE(templates.ok());
    templates_.emplace(std::move(*templates));
    t0_ = ToUnix(TestStart());
  }

  int64_t NewIncident(const std::string& subject, int priority, int64_t at) {
    IncidentRow row;
    row.subject = subject;
    row.priority = priority;
    row.queue = "support";
    row.received_at = at;
    row.updated_at = at;
    int64_t n = *store_->CreateIncident(row, 1000);
    int64_t pid = *store_->AddParticipant(n, "kati@clients.example", "Kati Tamm", "requester", at);
    EXPECT_TRUE(store_->SetIncidentRequester(n, pid).ok());
    MessageRow m;
    m.incident = n;
    m.raw = "Subject: x\r\n\r\nbody\r\n";
    m.sha256 = std::to_string(n);
    m.from_address = "kati@clients.example";
    m.subject = subject;
    m.text = "The printer prints only blank pages.";
    m.new_text = m.text;
    m.received_at = at;
    EXPECT_TRUE(store_->InsertMessage(m).ok());
    EventRow e;
    e.incident = n;
    e.at = at;
    e.actor = "kati@clients.example";
    e.kind = "created";
    EXPECT_TRUE(store_->AddEvent(e).ok());
    EXPECT_TRUE(store_
                    ->UpsertClocks(StartClocks(n, at, config_.sla.For("support", priority),
                                               calendar_),
                                   at)
                    .ok());
    return n;
  }

  std::vector<OutboxRow> Outbox(const std::string& kind) {
    std::vector<OutboxRow> out;
    auto rows = store_->ListOutbox("", 0);
    EXPECT_TRUE(rows.ok());
    for (const OutboxRow& r : *rows) {
      if (r.kind != kind) continue;
      auto full = store_->FindOutbox(r.id);
      EXPECT_TRUE(full.ok() && full->has_value());
      out.push_back(**full);
    }
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  Config config_;
  std::optional<TemplateSet> templates_;
  BusinessCalendar calendar_ = BusinessCalendar::Default("Europe/Tallinn");
  int64_t t0_ = 0;
};

TEST_F(EscalationTest, ByHandMailsTheManagerWithSummaryHistoryAndReason) {
  int64_t n = NewIncident("Printer", 3, t0_);
  auto done = EscalateIncident(*store_, config_, *templates_, calendar_, n,
                               "needs a new fuser unit", "operator", t0_ + 600);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_TRUE(*done);
  auto mails = Outbox("escalation");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].recipients, std::vector<std::string>{"boss@itdesk.example"});
  const std::string& raw = mails[0].raw;
  EXPECT_NE(raw.find("X-Deskd-Notification: escalation"), std::string::npos) << raw;
  ParsedMail mail = ParseMail(raw, ParseOptions{});
  EXPECT_EQ(mail.subject, "[Ticket#1000] Escalation: Printer");
  for (const char* expected : {"needs a new fuser unit", "Kati Tamm <kati@clients.example>",
                               "created", "blank pages", "Resolution: due 2026-11-26 12:00"}) {
    EXPECT_NE(mail.text.find(expected), std::string::npos) << expected << "\n" << mail.text;
  }
  auto events = *store_->Events(n);
  ASSERT_EQ(events.back().kind, "escalated");
  EXPECT_NE(events.back().detail_json.find("needs a new fuser unit"), std::string::npos);
  EXPECT_EQ(events.back().actor, "operator");

  // Each escalation by hand is one more mail.
  ASSERT_TRUE(EscalateIncident(*store_, config_, *templates_, calendar_, n, "", "operator",
                               t0_ + 700)
                  .ok());
  EXPECT_EQ(Outbox("escalation").size(), 2u);
}

TEST_F(EscalationTest, WithoutAManagerItIsRecordedOnly) {
  config_.manager.address = "";
  int64_t n = NewIncident("Printer", 3, t0_);
  auto done = EscalateIncident(*store_, config_, *templates_, calendar_, n, "x", "operator", t0_);
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(Outbox("escalation").empty());
  EXPECT_EQ(store_->Events(n)->back().kind, "escalated");
}

TEST_F(EscalationTest, UnknownIncidentIsNotFound) {
  auto done = EscalateIncident(*store_, config_, *templates_, calendar_, 4242, "", "op", t0_);
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().kind, Error::Kind::kNotFound);
}

TEST_F(EscalationTest, ManagerDigestFiguresFromTheStore) {
  // A: answered after 30 min, resolved the same day: every clock met.
  int64_t a = NewIncident("A", 3, t0_);
  auto clocks = *store_->Clocks(a);
  ASSERT_TRUE(OnAnswerSent(&clocks, t0_ + 1800, calendar_));
  ASSERT_TRUE(OnStatusChange(&clocks, "open", "resolved", false, true, t0_ + 3600, calendar_));
  ASSERT_TRUE(store_->UpsertClocks(clocks, t0_ + 3600).ok());
  ASSERT_TRUE(store_->SetIncidentStatus(a, "resolved", std::nullopt, t0_ + 3600).ok());
  // B: priority 1, never answered: breached at +60 min and escalated.
  int64_t b = NewIncident("B", 1, t0_);
  Scheduler scheduler(*store_, config_, *templates_, calendar_);
  ASSERT_TRUE(scheduler.RunDue(t0_).ok());
  ASSERT_TRUE(scheduler.RunDue(t0_ + 3700).ok());

  auto d = LoadManagerDigest(*store_, t0_ - 86400, t0_ + 7200, false);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->kpis.incidents, 2);
  EXPECT_DOUBLE_EQ(d->kpis.all_met.value(), 0.5);
  EXPECT_DOUBLE_EQ(d->kpis.first_line.value(), 1.0);
  EXPECT_EQ(d->kpis.first_response_median.value(), 1800);
  EXPECT_EQ(d->kpis.backlog_total, 1);
  ASSERT_EQ(d->escalations.size(), 1u);
  EXPECT_EQ(d->escalations[0].number, b);
  ASSERT_EQ(d->breaches.size(), 1u);
  EXPECT_EQ(d->breaches[0].what, "first_response");

  // An escalated incident resolved later is not resolved at the first line.
  ASSERT_TRUE(store_->SetIncidentStatus(b, "resolved", std::nullopt, t0_ + 7000).ok());
  d = LoadManagerDigest(*store_, t0_ - 86400, t0_ + 7200, false);
  ASSERT_TRUE(d.ok());
  EXPECT_DOUBLE_EQ(d->kpis.first_line.value(), 0.5);
}

}  // namespace
}  // namespace deskd
