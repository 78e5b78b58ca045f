// Scheduler with a fake clock over a real (temporary) store: reminders at the
// lead times, escalation at the breach, each exactly once, also across a
// "restart" (a new Scheduler) and a failed transaction; digests by schedule.
#include "daemon/notify/scheduler.h"

#include <gtest/gtest.h>

#include "daemon/notify/notifier.h"
#include "daemon/store/sqlite_store.h"
#include "tests/unit/core_testing.h"
#include "tests/unit/faulty_store.h"

namespace deskd {
namespace {

using testing::FaultyStore;
using testing::TempDir;
using testing::TestStart;

constexpr int64_t kMinute = 60;

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteStore::Open(dir_.File("deskd.sqlite"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    config_.secret = "test-secret";
    config_.desk.default_language = "en";
    TechnicianSection maria;
    maria.name = "maria";
    maria.display_name = "Maria Kask";
    maria.address = "maria@itdesk.example";
    maria.languages = {"et"};
    TechnicianSection jaan;
    jaan.name = "jaan";
    jaan.address = "jaan@itdesk.example";
    config_.technicians = {maria, jaan};
    config_.manager.name = "Boss";
    config_.manager.address = "boss@itdesk.example";
    config_.digest.manager_daily = false;
    config_.digest.manager_weekly = false;
    auto templates = TemplateSet::Load("", "en");
    ASSERT_TRUE(templates.ok()) << templates.error().message;
    templates_.emplace(std::move(*templates));
    t0_ = ToUnix(TestStart());  // Monday 12:00 in Tallinn
    // The digests' first times count from when sql/003 was applied: "now".
    auto st = Statement::Prepare(store_->db(), "UPDATE schema_migrations SET applied_at = ?");
    ASSERT_TRUE(st.ok());
    st->Bind(1, t0_);
    ASSERT_TRUE(st->Run().ok());
    scheduler_ = std::make_unique<Scheduler>(*store_, config_, *templates_, calendar_);
  }

  // A new incident of `priority`, received at t0_, with its clocks started.
  int64_t NewIncident(int priority, std::optional<std::string> owner = std::nullopt) {
    IncidentRow row;
    row.subject = "Printer on fire";
    row.priority = priority;
    row.queue = "support";
    row.owner = owner;
    row.received_at = t0_;
    row.updated_at = t0_;
    auto number = store_->CreateIncident(row, 1000);
    EXPECT_TRUE(number.ok());
    auto pid = store_->AddParticipant(*number, "kati@clients.example", "Kati", "requester", t0_);
    EXPECT_TRUE(pid.ok());
    EXPECT_TRUE(store_->SetIncidentRequester(*number, *pid).ok());
    auto clocks = StartClocks(*number, t0_, config_.sla.For("support", priority), calendar_);
    EXPECT_TRUE(store_->UpsertClocks(clocks, t0_).ok());
    return *number;
  }

  SchedulerTick Run(int64_t at) {
    auto tick = scheduler_->RunDue(at);
    EXPECT_TRUE(tick.ok()) << tick.error().message;
    return tick.ok() ? *tick : SchedulerTick{};
  }

  std::vector<OutboxRow> Outbox(const std::string& kind = "") {
    auto rows = store_->ListOutbox("", 0);
    EXPECT_TRUE(rows.ok());
    std::vector<OutboxRow> out;
    for (const OutboxRow& r : *rows) {
      if (kind.empty() || r.kind == kind) out.push_back(r);
    }
    return out;
  }

  std::string Raw(const OutboxRow& row) {
    auto full = store_->FindOutbox(row.id);
    EXPECT_TRUE(full.ok() && full->has_value());
    return full.ok() && full->has_value() ? (*full)->raw : "";
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  Config config_;
  std::optional<TemplateSet> templates_;
  BusinessCalendar calendar_ = BusinessCalendar::Default("Europe/Tallinn");
  std::unique_ptr<Scheduler> scheduler_;
  int64_t t0_ = 0;
};

TEST_F(SchedulerTest, LeadsOfAOneHourClockDropTheSixtyMinuteLead) {
  SlaClock c;
  c.started_at = 1000;
  c.due_at = 1000 + 3600;
  c.budget_seconds = 3600;
  auto leads = ReminderLeads(c, config_.reminders, calendar_);
  ASSERT_EQ(leads.size(), 1u);
  EXPECT_EQ(leads[0].name, "75%");
  EXPECT_EQ(leads[0].at, 1000 + 2700);

  c.due_at = 1000 + 86400;
  c.budget_seconds = 86400;
  leads = ReminderLeads(c, config_.reminders, calendar_);
  ASSERT_EQ(leads.size(), 2u);
  EXPECT_EQ(leads[0].at, 1000 + 64800);
  EXPECT_EQ(leads[1].name, "60m");
  EXPECT_EQ(leads[1].at, 1000 + 86400 - 3600);
}

TEST_F(SchedulerTest, NextDueIsTheSeventyFivePercentPointOfAPriorityOneResponse) {
  NewIncident(1);
  auto next = scheduler_->NextDue(t0_);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->value_or(0), t0_) << "new clocks must be computed at once";
  SchedulerTick tick = Run(t0_);
  EXPECT_EQ(tick.alarms_computed, 3);
  EXPECT_EQ(tick.reminders, 0);
  next = scheduler_->NextDue(t0_);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->value_or(0), t0_ + 45 * kMinute);
}

TEST_F(SchedulerTest, ReminderToQueueTechniciansInTheirLanguageThenEscalationOnce) {
  int64_t n = NewIncident(1);
  Run(t0_);
  EXPECT_EQ(Run(t0_ + 44 * kMinute).reminders, 0);
  SchedulerTick tick = Run(t0_ + 45 * kMinute);
  EXPECT_EQ(tick.reminders, 1);
  EXPECT_EQ(tick.outbox_rows, 2);
  auto reminders = Outbox("reminder");
  ASSERT_EQ(reminders.size(), 2u);
  std::string maria, jaan;
  for (const OutboxRow& r : reminders) {
    EXPECT_EQ(r.incident.value_or(0), n);
    (r.recipients[0] == "maria@itdesk.example" ? maria : jaan) = Raw(r);
  }
  EXPECT_NE(maria.find("Content-Language: et"), std::string::npos);
  EXPECT_NE(jaan.find("Content-Language: en"), std::string::npos);
  EXPECT_NE(jaan.find("Reminder"), std::string::npos);
  EXPECT_NE(maria.find("Reply-To:"), std::string::npos);

  // The same tick again, and a "restarted" scheduler: nothing more.
  EXPECT_EQ(Run(t0_ + 45 * kMinute).reminders, 0);
  scheduler_ = std::make_unique<Scheduler>(*store_, config_, *templates_, calendar_);
  EXPECT_EQ(Run(t0_ + 50 * kMinute).outbox_rows, 0);
  EXPECT_EQ(Outbox("reminder").size(), 2u);

  tick = Run(t0_ + 60 * kMinute);
  EXPECT_EQ(tick.escalations, 1);
  auto escalations = Outbox("escalation");
  ASSERT_EQ(escalations.size(), 1u);
  EXPECT_EQ(escalations[0].recipients[0], "boss@itdesk.example");
  std::string raw = Raw(escalations[0]);
  EXPECT_NE(raw.find("Escalation"), std::string::npos);
  EXPECT_NE(raw.find("First response"), std::string::npos);

  auto clocks = store_->Clocks(n);
  ASSERT_TRUE(clocks.ok());
  EXPECT_EQ((*clocks)[0].kind, ClockKind::kFirstResponse);
  EXPECT_EQ((*clocks)[0].state, ClockState::kBreached);
  auto events = store_->Events(n);
  ASSERT_TRUE(events.ok());
  int escalated = 0, reminded = 0, breached = 0;
  for (const EventRow& e : *events) {
    escalated += e.kind == "escalated";
    reminded += e.kind == "reminder";
    breached += e.kind == "sla_breached";
  }
  EXPECT_EQ(escalated, 1);
  EXPECT_EQ(reminded, 1);
  EXPECT_EQ(breached, 1);

  scheduler_ = std::make_unique<Scheduler>(*store_, config_, *templates_, calendar_);
  Run(t0_ + 61 * kMinute);
  Run(t0_ + 62 * kMinute);
  EXPECT_EQ(Outbox("escalation").size(), 1u);
}

TEST_F(SchedulerTest, OwnerAloneIsReminded) {
  NewIncident(1, "jaan");
  Run(t0_);
  Run(t0_ + 46 * kMinute);
  auto reminders = Outbox("reminder");
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(reminders[0].recipients[0], "jaan@itdesk.example");
  EXPECT_NE(Raw(reminders[0]).find("You own this incident"), std::string::npos);
}

TEST_F(SchedulerTest, AFailedTransactionWritesNothingAndTheNextTickSendsOnce) {
  NewIncident(1);
  Run(t0_);
  // The reminder's notification row and outbox rows are written; its
  // transaction's commit fails.
  FaultyStore faulty(*store_);
  Scheduler scheduler(faulty, config_, *templates_, calendar_);
  faulty.Inject({.method = "Commit", .error = Error::Io("crash")});
  auto failed = scheduler.RunDue(t0_ + 45 * kMinute);
  ASSERT_TRUE(faulty.fired());
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(Outbox().empty());
  Notifier notifier(*store_, config_, *templates_);
  auto due = (*store_->Clocks(1000))[0].due_at;
  EXPECT_FALSE(*notifier.WasSent(ReminderKey(1000, "first_response", "75%", due)));
  faulty.Clear();
  EXPECT_EQ(Run(t0_ + 46 * kMinute).reminders, 1);
  EXPECT_EQ(Outbox("reminder").size(), 2u);
}

TEST_F(SchedulerTest, AFailureAtAnyWriteOfATickWritesNothing) {
  NewIncident(1);
  Run(t0_);
  // Each write of the tick that sends the 75% reminder fails in turn
  // (BEGIN, the notification, its outbox rows, the event, the alarm, COMMIT):
  // the tick fails and leaves neither mail nor notification behind.
  FaultyStore faulty(*store_);
  Scheduler scheduler(faulty, config_, *templates_, calendar_);
  Notifier notifier(*store_, config_, *templates_);
  const int64_t due = (*store_->Clocks(1000))[0].due_at;
  const std::string key = ReminderKey(1000, "first_response", "75%", due);
  int failed = 0;
  for (int nth = 1; nth < 100; ++nth) {
    SCOPED_TRACE(nth);
    faulty.Inject({.method = "", .nth = nth});
    auto tick = scheduler.RunDue(t0_ + 45 * kMinute);
    if (!faulty.fired()) {
      ASSERT_TRUE(tick.ok()) << tick.error().message;
      EXPECT_EQ(tick->reminders, 1);
      break;
    }
    ASSERT_FALSE(tick.ok());
    EXPECT_TRUE(Outbox().empty());
    EXPECT_FALSE(*notifier.WasSent(key));
    ++failed;
  }
  EXPECT_GE(failed, 6);
  EXPECT_EQ(Outbox("reminder").size(), 2u);  // maria and jaan, once
  EXPECT_TRUE(*notifier.WasSent(key));
}

TEST_F(SchedulerTest, LeadsPassedTogetherGiveOneReminderOfTheLatest) {
  // Priority 3: first response 24 h wall time; 75 % at +18 h, 60 m at +23 h.
  int64_t n = NewIncident(3, "maria");
  Run(t0_);
  Run(t0_ + 23 * 3600 + 5 * kMinute);
  auto reminders = Outbox("reminder");
  ASSERT_EQ(reminders.size(), 1u);
  Notifier notifier(*store_, config_, *templates_);
  auto clocks = store_->Clocks(n);
  ASSERT_TRUE(clocks.ok());
  int64_t due = (*clocks)[0].due_at;
  EXPECT_TRUE(*notifier.WasSent(ReminderKey(n, "first_response", "75%", due)));
  EXPECT_TRUE(*notifier.WasSent(ReminderKey(n, "first_response", "60m", due)));
}

TEST_F(SchedulerTest, AMetClockStopsItsAlarm) {
  int64_t n = NewIncident(1);
  Run(t0_);
  auto clocks = store_->Clocks(n);
  ASSERT_TRUE(clocks.ok());
  ASSERT_TRUE(OnAnswerSent(&*clocks, t0_ + 10 * kMinute, calendar_));
  ASSERT_TRUE(store_->UpsertClocks(*clocks, t0_ + 10 * kMinute).ok());
  Run(t0_ + 10 * kMinute);
  Run(t0_ + 2 * 3600);
  EXPECT_TRUE(Outbox("reminder").empty());
  EXPECT_TRUE(Outbox("escalation").empty());
}

TEST_F(SchedulerTest, TechnicianReviewEveryOtherWorkingDayAtTheHour) {
  NewIncident(2, "maria");
  NewIncident(1, "maria");
  // Installed Monday 12:00, never sent, that day's hour (09:00) had passed:
  // Tuesday 09:00, however late it is asked.
  auto next = scheduler_->NextTechnicianReview(t0_);
  ASSERT_TRUE(next.ok() && next->has_value());
  int64_t tuesday9 = t0_ + 21 * 3600;  // 12:00 Mon -> 09:00 Tue
  EXPECT_EQ(**next, tuesday9);
  EXPECT_EQ(scheduler_->NextTechnicianReview(tuesday9).value().value_or(0), tuesday9);
  Run(t0_);
  EXPECT_TRUE(Outbox("technician_review").empty());
  Run(tuesday9);
  auto reviews = Outbox("technician_review");
  ASSERT_EQ(reviews.size(), 1u) << "maria owns two; jaan owns none and gets no mail";
  EXPECT_EQ(reviews[0].recipients[0], "maria@itdesk.example");
  std::string raw = Raw(reviews[0]);
  EXPECT_NE(raw.find("Content-Language: et"), std::string::npos);
  // Thursday 09:00 is the next one.
  next = scheduler_->NextTechnicianReview(tuesday9 + 60);
  ASSERT_TRUE(next.ok() && next->has_value());
  EXPECT_EQ(**next, tuesday9 + 2 * 86400);
  Run(tuesday9 + 86400);
  EXPECT_EQ(Outbox("technician_review").size(), 1u);
}

TEST_F(SchedulerTest, ManagerDigestIsMultipartAlternativeOncePerDay) {
  config_.digest.manager_daily = true;
  int64_t n = NewIncident(1);
  Run(t0_);
  Run(t0_ + 61 * kMinute);  // breach, escalation
  auto sent = scheduler_->SendManagerDigest(t0_ + 2 * 3600, false);
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(*sent, 1);
  sent = scheduler_->SendManagerDigest(t0_ + 3 * 3600, false);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, 0);
  auto digests = Outbox("manager_digest");
  ASSERT_EQ(digests.size(), 1u);
  std::string raw = Raw(digests[0]);
  EXPECT_NE(raw.find("multipart/alternative"), std::string::npos);
  EXPECT_NE(raw.find("text/html"), std::string::npos);
  EXPECT_NE(raw.find("[Ticket#" + std::to_string(n) + "]"), std::string::npos);
}

TEST_F(SchedulerTest, ManagerDigestsDailyOnWorkingDaysAndWeeklyOnTheDay) {
  config_.digest.manager_daily = true;
  config_.digest.manager_weekly = true;
  config_.digest.manager_weekly_day = "mon";
  const int64_t tuesday8 = t0_ + 20 * 3600;
  EXPECT_EQ(scheduler_->NextManagerDigest(t0_, false).value().value_or(0), tuesday8);
  EXPECT_EQ(scheduler_->NextManagerDigest(t0_, true).value().value_or(0),
            t0_ + 7 * 86400 - 4 * 3600);
  EXPECT_EQ(scheduler_->NextDue(t0_).value().value_or(0), tuesday8);
  Run(t0_);
  EXPECT_TRUE(Outbox("manager_digest").empty());
  Run(tuesday8);
  EXPECT_EQ(Outbox("manager_digest").size(), 1u);
  Run(tuesday8 + 3600);
  EXPECT_EQ(Outbox("manager_digest").size(), 1u);
  // Friday's comes Friday; the next after that is Monday (weekend).
  const int64_t friday8 = tuesday8 + 3 * 86400;
  EXPECT_EQ(scheduler_->NextManagerDigest(tuesday8 + 60, false).value().value_or(0),
            tuesday8 + 86400);
  Run(tuesday8 + 86400);
  Run(tuesday8 + 2 * 86400);
  Run(friday8);
  EXPECT_EQ(scheduler_->NextManagerDigest(friday8 + 60, false).value().value_or(0),
            friday8 + 3 * 86400);
  EXPECT_EQ(Outbox("manager_digest").size(), 4u);
}

TEST(NotifierTest, QueueOnceWritesAKeyOnce) {
  TempDir dir;
  auto store = Store::Open(dir.File("d.sqlite"));
  ASSERT_TRUE(store.ok());
  Config config;
  config.secret = "s";
  auto templates = TemplateSet::Load("", "en");
  ASSERT_TRUE(templates.ok());
  Notifier notifier(**store, config, *templates);
  NotificationMail mail;
  mail.template_name = "technician_review";
  mail.language = "ru";
  mail.values = {{"technician_name", "Иван"}, {"count", "0"}, {"overdue_count", "0"},
                 {"rows", ""}, {"date", "2026-11-23"}, {"desk_name", "IT"}};
  mail.to = MailAddress{"ivan@itdesk.example", std::nullopt};
  NotificationKey key{DigestKey("technician:ivan", "2026-11-23"), std::nullopt, "", "digest",
                      "technician"};
  auto first = notifier.SendOnce(key, {mail}, 100);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(*first);
  auto second = notifier.SendOnce(key, {mail}, 200);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(*second);
  auto rows = (*store)->ListOutbox("", 0);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].kind, "technician_review");
  EXPECT_TRUE(*notifier.WasSent(key.key));
  EXPECT_FALSE(*notifier.WasSent("digest:technician:ivan:2026-11-24"));
}

}  // namespace
}  // namespace deskd
