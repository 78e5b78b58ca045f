#include "daemon/sla/sla_tracker.h"

#include <gtest/gtest.h>

#include <regex>

#include "daemon/intake/intake.h"
#include "tests/unit/core_testing.h"

namespace deskd {
namespace {

using testing::TempDir;

// 2026-11-23T10:00:00Z = Monday 12:00 in Tallinn.
constexpr int64_t kT0 = 1795428000;
constexpr int64_t kHour = 3600;

std::string RawMail(const std::string& from, const std::string& to, const std::string& subject,
                    const std::string& body, const std::string& message_id,
                    const std::string& extra = "") {
  return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject +
         "\r\nDate: Mon, 23 Nov 2026 12:00:00 +0200\r\nMessage-ID: " + message_id + "\r\n" + extra +
         "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
}

class SlaTrackerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.desk.address = "support@itdesk.example";
    config_.desk.first_ticket_number = 1000;
    config_.secret = "0123456789abcdef0123456789abcdef";
    config_.calendar.time_zone = "Europe/Tallinn";
    MailboxSection box;
    box.name = box.queue = "support";
    config_.mailboxes.push_back(box);
    TechnicianSection maria;
    maria.name = maria.display_name = "maria";
    maria.address = "maria@itdesk.example";
    config_.technicians = {maria};
    auto opened = Store::Open(dir_.File("deskd.sqlite"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    auto templates = TemplateSet::Load("", "en");
    ASSERT_TRUE(templates.ok()) << templates.error().message;
    templates_ = std::make_unique<TemplateSet>(std::move(*templates));
    intake_ = std::make_unique<Intake>(*store_, config_, *templates_, clock_);
  }

  IntakeOutcome Take(const std::string& raw) {
    auto out = intake_->Process(raw, {});
    EXPECT_TRUE(out.ok()) << out.error().message;
    return out.ok() ? *out : IntakeOutcome{};
  }

  int64_t NewIncident(const std::string& subject = "Printer jammed",
                      const std::string& extra = "") {
    IntakeOutcome out = Take(RawMail("Anna <anna@client.example>", "support@itdesk.example",
                                     subject, "It does not print.", "<m" + std::to_string(++n_) +
                                     "@client.example>", extra));
    EXPECT_EQ(out.action, IntakeOutcome::Action::kCreated);
    return out.ticket;
  }

  SlaClock ClockOf(int64_t incident, ClockKind kind) {
    auto clocks = store_->Clocks(incident);
    EXPECT_TRUE(clocks.ok());
    for (const SlaClock& c : *clocks) {
      if (c.kind == kind) return c;
    }
    ADD_FAILURE() << "no clock " << ClockKindName(kind);
    return SlaClock{};
  }

  // Maria's answer through the reply token deskd gave her.
  IntakeOutcome TechnicianAnswers(int64_t incident, const std::string& body) {
    std::string token;
    auto rows = store_->ListOutbox("", 0);  // named: *temporary would dangle
    for (const OutboxRow& r : *rows) {
      auto full = store_->FindOutbox(r.id);
      std::smatch m;
      std::regex re("support\\+([a-z0-9.]+)@itdesk\\.example");
      if (r.kind == "technician_new" && r.incident == incident &&
          std::regex_search((*full)->raw, m, re)) {
        token = m[1].str();
      }
    }
    EXPECT_FALSE(token.empty());
    return Take(RawMail("maria@itdesk.example", "support+" + token + "@itdesk.example",
                        "Re: [Ticket#" + std::to_string(incident) + "]", body,
                        "<t" + std::to_string(++n_) + "@itdesk.example>"));
  }

  TempDir dir_;
  Config config_;
  FakeClock clock_{FromUnix(kT0)};
  std::unique_ptr<Store> store_;
  std::unique_ptr<TemplateSet> templates_;
  std::unique_ptr<Intake> intake_;
  int n_ = 0;
};

TEST_F(SlaTrackerTest, NewIncidentGetsPriorityAndRunningClocks) {
  int64_t n = NewIncident();
  IncidentRow row = **store_->FindIncident(n);
  EXPECT_EQ(row.priority, 3);
  EXPECT_EQ(row.urgency, 2);
  EXPECT_EQ(row.impact, 2);
  auto clocks = *store_->Clocks(n);
  ASSERT_EQ(clocks.size(), 3u);
  for (const SlaClock& c : clocks) {
    EXPECT_EQ(c.state, ClockState::kRunning);
    EXPECT_EQ(c.started_at, kT0);
  }
  EXPECT_EQ(clocks[0].due_at, kT0 + 24 * kHour);
  // Monday 12:00 Tallinn + 2 working days = Wednesday 12:00 = 10:00Z.
  EXPECT_EQ(clocks[1].due_at, kT0 + 48 * kHour);
  EXPECT_EQ(*store_->NextClockDue(), kT0 + 24 * kHour);
}

TEST_F(SlaTrackerTest, UrgentMailIsPriorityTwoAndHeaderHighWithHighImpactIsOne) {
  int64_t n = NewIncident("KIIRE: server is down");
  EXPECT_EQ((**store_->FindIncident(n)).priority, 2);
  EXPECT_EQ((**store_->FindIncident(n)).urgency, 1);
  config_.priority.default_impact = 1;
  n = NewIncident("Mail server", "X-Priority: 1 (Highest)\r\n");
  EXPECT_EQ((**store_->FindIncident(n)).priority, 1);
  // P1: the first answer is due within the hour.
  EXPECT_EQ(ClockOf(n, ClockKind::kFirstResponse).due_at, kT0 + kHour);
}

TEST_F(SlaTrackerTest, RelayedAnswerMeetsFirstResponseAndInWork) {
  int64_t n = NewIncident();
  clock_.Advance(std::chrono::seconds(2 * kHour));
  IntakeOutcome out = TechnicianAnswers(n, "Please restart it.");
  EXPECT_EQ(out.action, IntakeOutcome::Action::kThreaded);
  EXPECT_EQ(ClockOf(n, ClockKind::kFirstResponse).state, ClockState::kMet);
  EXPECT_EQ(ClockOf(n, ClockKind::kFirstResponse).met_at, kT0 + 2 * kHour);
  EXPECT_EQ(ClockOf(n, ClockKind::kInWork).state, ClockState::kMet);
  EXPECT_EQ(ClockOf(n, ClockKind::kResolution).state, ClockState::kRunning);
}

TEST_F(SlaTrackerTest, InternalNoteIsNoAnswer) {
  int64_t n = NewIncident();
  TechnicianAnswers(n, "#internal\n\nToner is late.");
  EXPECT_EQ(ClockOf(n, ClockKind::kFirstResponse).state, ClockState::kRunning);
}

TEST_F(SlaTrackerTest, StatusChangesPauseResumeAndMeet) {
  int64_t n = NewIncident();
  SlaTracker tracker(*store_, config_);
  int64_t due = ClockOf(n, ClockKind::kResolution).due_at;
  // On hold with the reason told, Monday 13:00 Tallinn to Tuesday 13:00: 8 h paused.
  ASSERT_TRUE(tracker.OnStatusChange(n, "new", "on_hold", "waiting for the spare part", true,
                                     kT0 + kHour).ok());
  EXPECT_EQ(ClockOf(n, ClockKind::kResolution).state, ClockState::kPaused);
  EXPECT_EQ(ClockOf(n, ClockKind::kInWork).state, ClockState::kMet);
  ASSERT_TRUE(tracker.OnStatusChange(n, "on_hold", "open", std::nullopt, false,
                                     kT0 + 25 * kHour).ok());
  SlaClock r = ClockOf(n, ClockKind::kResolution);
  EXPECT_EQ(r.state, ClockState::kRunning);
  EXPECT_EQ(r.paused_seconds, 8 * kHour);
  EXPECT_EQ(r.due_at, due + 24 * kHour);  // one working day later, same hour
  ASSERT_TRUE(tracker.OnStatusChange(n, "open", "resolved", std::nullopt, true,
                                     kT0 + 26 * kHour).ok());
  EXPECT_EQ(ClockOf(n, ClockKind::kResolution).state, ClockState::kMet);
  EXPECT_EQ(ClockOf(n, ClockKind::kFirstResponse).state, ClockState::kBreached);  // 24 h passed
}

TEST_F(SlaTrackerTest, ClientFollowUpReopensAResolvedIncidentsResolutionClock) {
  int64_t n = NewIncident();
  SlaTracker tracker(*store_, config_);
  ASSERT_TRUE(store_->SetIncidentStatus(n, "resolved", std::nullopt, kT0 + kHour).ok());
  ASSERT_TRUE(tracker.OnStatusChange(n, "new", "resolved", std::nullopt, true, kT0 + kHour).ok());
  EXPECT_EQ(ClockOf(n, ClockKind::kResolution).state, ClockState::kMet);
  clock_.Advance(std::chrono::seconds(3 * kHour));  // Monday 15:00 Tallinn
  Take(RawMail("anna@client.example", "support@itdesk.example",
               "Re: [Ticket#" + std::to_string(n) + "] Printer jammed", "Still broken.",
               "<again@client.example>"));
  EXPECT_EQ((**store_->FindIncident(n)).status, "open");
  SlaClock r = ClockOf(n, ClockKind::kResolution);
  EXPECT_EQ(r.state, ClockState::kRunning);
  EXPECT_FALSE(r.met_at);
  EXPECT_EQ(r.paused_seconds, 2 * kHour);  // Monday 13:00-15:00 Tallinn
}

TEST_F(SlaTrackerTest, PriorityChangeAndDelegation) {
  int64_t n = NewIncident();
  SlaTracker tracker(*store_, config_);
  ASSERT_TRUE(tracker.SetPriority(n, 1, kT0 + 600).ok());
  EXPECT_EQ((**store_->FindIncident(n)).priority, 1);
  EXPECT_EQ(ClockOf(n, ClockKind::kFirstResponse).due_at, kT0 + kHour);
  EXPECT_EQ(*store_->NextClockDue(), kT0 + kHour);
  ASSERT_TRUE(tracker.OnDelegated(n, kT0 + 900).ok());
  EXPECT_EQ(ClockOf(n, ClockKind::kInWork).state, ClockState::kMet);
  EXPECT_EQ(ClockOf(n, ClockKind::kInWork).met_at, kT0 + 900);
  EXPECT_EQ(tracker.SetPriority(99, 1, kT0).error().kind, Error::Kind::kNotFound);
}

TEST_F(SlaTrackerTest, QueueTargetsAndRecomputeOfAnIncidentWithoutClocks) {
  std::array<SlaTargets, 4> fast = config_.sla.priority;
  fast[2].first_response_minutes = 30;
  config_.sla.queue["support"] = fast;
  int64_t n = NewIncident();
  EXPECT_EQ(ClockOf(n, ClockKind::kFirstResponse).due_at, kT0 + 1800);
  // An incident from before 002_sla has no clocks: Recompute starts them.
  IncidentRow old;
  old.subject = "old";
  old.queue = "other";
  old.received_at = kT0;
  old.updated_at = kT0;
  int64_t m = *store_->CreateIncident(old, 1000);
  EXPECT_TRUE(store_->Clocks(m)->empty());
  SlaTracker tracker(*store_, config_);
  ASSERT_TRUE(tracker.Recompute(m, kT0 + 60).ok());
  EXPECT_EQ(store_->Clocks(m)->size(), 3u);
  EXPECT_EQ(ClockOf(m, ClockKind::kFirstResponse).due_at, kT0 + 24 * kHour);
}

}  // namespace
}  // namespace deskd
