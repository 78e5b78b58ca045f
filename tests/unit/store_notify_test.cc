// The store's reads and writes for daemon/notify/ and the views: alarms,
// notifications, the digests' incident and event reads, an incident's
// outbox. Through the Store interface on an in-memory SQLite database.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <algorithm>
#include <ctime>

#include "daemon/store/sqlite_store.h"
#include "daemon/store/store.h"
#include "tests/unit/core_testing.h"

namespace deskd {
namespace {

std::unique_ptr<Store> OpenMemory() {
  auto store = Store::Open(":memory:");
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  return store.ok() ? std::move(*store) : nullptr;
}

int64_t AddIncident(Store& store, const std::string& status, int64_t received_at,
                    std::optional<std::string> owner = std::nullopt) {
  IncidentRow row;
  row.subject = "Incident " + std::to_string(received_at);
  row.status = status;
  row.queue = "support";
  row.owner = std::move(owner);
  row.received_at = received_at;
  row.updated_at = received_at;
  auto number = store.CreateIncident(row, 1000);
  EXPECT_TRUE(number.ok());
  return number.ok() ? *number : 0;
}

SlaClock Clock(int64_t incident, ClockKind kind, int64_t due_at) {
  SlaClock c;
  c.incident = incident;
  c.kind = kind;
  c.started_at = 100;
  c.due_at = due_at;
  c.budget_seconds = due_at - 100;
  return c;
}

NotificationRow Notification(const std::string& key, const std::string& kind,
                             const std::string& lead, int64_t at) {
  NotificationRow n;
  n.key = key;
  n.kind = kind;
  n.lead = lead;
  n.created_at = at;
  return n;
}

EventRow Event(int64_t incident, const std::string& kind, const std::string& detail,
               int64_t at = 100) {
  EventRow e;
  e.incident = incident;
  e.at = at;
  e.actor = "test";
  e.kind = kind;
  e.detail_json = detail;
  return e;
}

TEST(StoreAlarms, AChangedClockIsToComputeUntilItsAlarmIsSet) {
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  int64_t a = AddIncident(*store, "new", 100);
  int64_t b = AddIncident(*store, "new", 100);
  EXPECT_FALSE(*store->HasAlarmsToCompute());
  EXPECT_EQ(*store->NextAlarmAt(), std::nullopt);
  ASSERT_TRUE(store->UpsertClocks({Clock(a, ClockKind::kFirstResponse, 500),
                                   Clock(a, ClockKind::kResolution, 900),
                                   Clock(b, ClockKind::kFirstResponse, 700)},
                                  100)
                  .ok());
  EXPECT_TRUE(*store->HasAlarmsToCompute());
  auto dirty = store->AlarmsToCompute(10);
  ASSERT_TRUE(dirty.ok());
  ASSERT_EQ(dirty->size(), 3u);
  for (const AlarmRow& alarm : *dirty) EXPECT_EQ(alarm.next_at, std::nullopt);
  EXPECT_EQ(store->AlarmsToCompute(2)->size(), 2u);
  EXPECT_TRUE(store->AlarmsDue(10000, 10)->empty()) << "alarms to compute are not due";

  ASSERT_TRUE(store->SetAlarm(a, "first_response", 400).ok());
  ASSERT_TRUE(store->SetAlarm(a, "resolution", 800).ok());
  ASSERT_TRUE(store->SetAlarm(b, "first_response", 300).ok());
  EXPECT_FALSE(*store->HasAlarmsToCompute());
  EXPECT_EQ(*store->NextAlarmAt(), 300);

  auto due = store->AlarmsDue(400, 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].incident, b);  // earliest first
  EXPECT_EQ((*due)[0].next_at, 300);
  EXPECT_EQ((*due)[1].incident, a);
  EXPECT_EQ((*due)[1].clock, "first_response");
  EXPECT_EQ(store->AlarmsDue(400, 1)->size(), 1u);

  ASSERT_TRUE(store->DeleteAlarm(b, "first_response").ok());
  EXPECT_EQ(*store->NextAlarmAt(), 400);
  // A change of the clock marks its alarm again.
  ASSERT_TRUE(store->UpsertClocks({Clock(a, ClockKind::kFirstResponse, 600)}, 200).ok());
  dirty = store->AlarmsToCompute(10);
  ASSERT_EQ(dirty->size(), 1u);
  EXPECT_EQ((*dirty)[0].incident, a);
  EXPECT_EQ((*dirty)[0].clock, "first_response");
  EXPECT_EQ(*store->NextAlarmAt(), 800);
}

TEST(StoreNotifications, AKeyIsWrittenOnce) {
  testing::TempDir dir;
  auto store = SqliteStore::Open(dir.File("deskd.sqlite"));
  ASSERT_TRUE(store.ok());
  int64_t n = AddIncident(**store, "open", 100);
  NotificationRow row = Notification("reminder:1000:first_response:75%:500", "reminder", "75%", 300);
  row.incident = n;
  row.clock = "first_response";
  row.recipients = {"maria@itdesk.example", "jaan@itdesk.example"};
  EXPECT_FALSE(*(*store)->NotificationExists(row.key));
  auto id = (*store)->InsertNotification(row);
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(id->has_value());
  EXPECT_TRUE(*(*store)->NotificationExists(row.key));
  EXPECT_FALSE(*(*store)->NotificationExists("reminder:1000:first_response:60m:500"));
  row.created_at = 400;
  auto again = (*store)->InsertNotification(row);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, std::nullopt);

  OutboxRow mail;
  mail.incident = n;
  mail.kind = "reminder";
  mail.message_id = "<r@itdesk.example>";
  mail.envelope_from = "support@itdesk.example";
  mail.recipients = {"maria@itdesk.example"};
  mail.raw = "Subject: r\r\n\r\nbody\r\n";
  auto outbox = (*store)->EnqueueOutbox(mail);
  ASSERT_TRUE(outbox.ok());
  ASSERT_TRUE((*store)->SetNotificationOutbox(**id, *outbox).ok());

  // What the file holds: one row, as first written, pointing at its mail.
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2((*store)->db(),
                               "SELECT COUNT(*), MAX(id), MAX(incident), MAX(clock), MAX(kind), "
                               "MAX(lead), MAX(recipients), MAX(outbox), MAX(created_at) "
                               "FROM notifications",
                               -1, &s, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(s, 0), 1);
  EXPECT_EQ(sqlite3_column_int64(s, 1), **id);
  EXPECT_EQ(sqlite3_column_int64(s, 2), n);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 3)), "first_response");
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 4)), "reminder");
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 5)), "75%");
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 6)),
               "[\"maria@itdesk.example\",\"jaan@itdesk.example\"]");
  EXPECT_EQ(sqlite3_column_int64(s, 7), *outbox);
  EXPECT_EQ(sqlite3_column_int64(s, 8), 300);
  sqlite3_finalize(s);
}

TEST(StoreNotifications, TheLastDigestOfEachLead) {
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->LastDigestKey("daily"), std::nullopt);
  EXPECT_EQ(*store->LastDigestAt("daily"), std::nullopt);
  for (const auto& row :
       {Notification("digest:manager:daily:2026-11-23", "digest", "daily", 1000),
        Notification("digest:manager:daily:2026-11-25", "digest", "daily", 3000),
        Notification("digest:manager:daily:2026-11-24", "digest", "daily", 2000),
        Notification("digest:technician:maria:2026-11-26", "digest", "technician", 4000),
        Notification("digest:technician:jaan:2026-11-26", "digest", "technician", 4000),
        Notification("escalation:1000:first_response:breach", "escalation", "breach", 5000)}) {
    ASSERT_TRUE(store->InsertNotification(row).ok());
  }
  EXPECT_EQ(*store->LastDigestKey("daily"), "digest:manager:daily:2026-11-25");
  EXPECT_EQ(*store->LastDigestAt("daily"), 3000);
  // Written in the same second: the later row.
  EXPECT_EQ(*store->LastDigestKey("technician"), "digest:technician:jaan:2026-11-26");
  EXPECT_EQ(*store->LastDigestAt("technician"), 4000);
  EXPECT_EQ(*store->LastDigestKey("breach"), std::nullopt) << "not a digest";
  EXPECT_EQ(*store->LastDigestKey("weekly"), std::nullopt);
}

TEST(StoreNotifications, EscalationsOfAPeriodWithReasonSubjectAndDeadline) {
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  int64_t a = AddIncident(*store, "open", 100);
  int64_t b = AddIncident(*store, "open", 200);
  ASSERT_TRUE(store->UpsertClocks({Clock(a, ClockKind::kFirstResponse, 700)}, 100).ok());
  ASSERT_TRUE(store->AddEvent(Event(b, "escalated", R"({"reason":"VIP is angry"})", 1500)).ok());
  ASSERT_TRUE(store->AddEvent(Event(b, "escalated", R"({"reason":"too early"})", 1400)).ok());

  NotificationRow breach = Notification("escalation:a:breach", "escalation", "breach", 1000);
  breach.incident = a;
  breach.clock = "first_response";
  NotificationRow manual = Notification("escalation:b:manual", "escalation", "manual", 1500);
  manual.incident = b;
  NotificationRow late = Notification("escalation:b:late", "escalation", "manual", 2000);
  late.incident = b;
  NotificationRow reminder = Notification("reminder:a", "reminder", "75%", 1200);
  reminder.incident = a;
  for (const auto& row : {manual, breach, late, reminder}) {
    ASSERT_TRUE(store->InsertNotification(row).ok());
  }
  auto rows = store->EscalationsBetween(1000, 2000);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);  // [from, to): not `late`, not the reminder
  const EscalationRow& first = (*rows)[0];
  EXPECT_EQ(first.incident, a);
  EXPECT_EQ(first.at, 1000);
  EXPECT_EQ(first.lead, "breach");
  EXPECT_EQ(first.clock, "first_response");
  EXPECT_EQ(first.subject, "Incident 100");
  EXPECT_EQ(first.reason, "");
  EXPECT_EQ(first.due_at, 700);
  const EscalationRow& second = (*rows)[1];
  EXPECT_EQ(second.incident, b);
  EXPECT_EQ(second.lead, "manual");
  EXPECT_EQ(second.clock, "");
  EXPECT_EQ(second.reason, "VIP is angry");  // the event written with it
  EXPECT_EQ(second.due_at, 0);
}

TEST(StoreEvents, HandoffsCountEscalationsReassignmentsAndQueueMoves) {
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  int64_t n = AddIncident(*store, "open", 100);
  int64_t quiet = AddIncident(*store, "open", 100);
  for (const auto& [kind, detail] : std::vector<std::pair<std::string, std::string>>{
           {"escalated", "{}"},
           {"delegated", "{}"},
           {"owner", R"({"from":"","to":"maria"})"},      // first owner: no hand-off
           {"assigned", R"({"to":"maria"})"},             // nor without a previous one
           {"owner", R"({"from":"maria","to":"jaan"})"},  // reassigned
           {"queue_changed", R"({"from":"support","to":"network"})"},
           {"status", R"({"from":"new","to":"open"})"}}) {
    ASSERT_TRUE(store->AddEvent(Event(n, kind, detail)).ok());
  }
  auto counts = store->Handoffs(n);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->handed_on, 3);
  EXPECT_EQ(counts->queue_moves, 1);
  counts = store->Handoffs(quiet);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->handed_on, 0);
  EXPECT_EQ(counts->queue_moves, 0);
}

TEST(StoreIncidents, TheDigestsReads) {
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  int64_t fresh = AddIncident(*store, "new", 100, "maria");
  int64_t open = AddIncident(*store, "open", 200, "maria");
  int64_t held = AddIncident(*store, "on_hold", 300, "maria");
  AddIncident(*store, "resolved", 400, "maria");
  AddIncident(*store, "open", 500, "jaan");
  int64_t merged = AddIncident(*store, "open", 600, "maria");
  ASSERT_TRUE(store->MergeIncident(merged, open, 700).ok());

  auto owned = store->OpenIncidentsOwnedBy("maria");
  ASSERT_TRUE(owned.ok());
  ASSERT_EQ(owned->size(), 3u);
  EXPECT_EQ((*owned)[0].number, fresh);
  EXPECT_EQ((*owned)[1].number, open);
  EXPECT_EQ((*owned)[2].number, held);
  EXPECT_EQ((*owned)[2].status, "on_hold");
  EXPECT_TRUE(store->OpenIncidentsOwnedBy("nobody")->empty());

  auto received = store->IncidentsReceivedBetween(200, 600);
  ASSERT_TRUE(received.ok());
  std::vector<int64_t> times;
  for (const IncidentRow& r : *received) times.push_back(r.received_at);
  std::sort(times.begin(), times.end());
  EXPECT_EQ(times, (std::vector<int64_t>{200, 300, 400, 500}));
  // Merged ones are not counted.
  EXPECT_TRUE(store->IncidentsReceivedBetween(600, 601)->empty());

  auto backlog = store->OpenIncidentsReceivedAt();
  ASSERT_TRUE(backlog.ok());
  std::sort(backlog->begin(), backlog->end());
  EXPECT_EQ(*backlog, (std::vector<int64_t>{100, 200, 300, 500}));
}

TEST(StoreOutbox, OutboxOfAnIncidentWhateverItsStatus) {
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  int64_t a = AddIncident(*store, "open", 100);
  int64_t b = AddIncident(*store, "open", 100);
  auto enqueue = [&](std::optional<int64_t> incident, const std::string& id) {
    OutboxRow o;
    o.incident = incident;
    o.kind = "update";
    o.message_id = id;
    o.envelope_from = "support@itdesk.example";
    o.recipients = {"anna@client.example"};
    o.raw = "Subject: " + id + "\r\n\r\nbody\r\n";
    auto row = store->EnqueueOutbox(o);
    EXPECT_TRUE(row.ok());
    return row.ok() ? *row : 0;
  };
  int64_t first = enqueue(a, "<1@d>");
  enqueue(b, "<2@d>");
  int64_t sent = enqueue(a, "<3@d>");
  enqueue(std::nullopt, "<4@d>");
  int64_t failed = enqueue(a, "<5@d>");
  ASSERT_TRUE(store->MarkOutboxSent(sent, 1, 150).ok());
  ASSERT_TRUE(store->MarkOutboxFailed(failed, 5, "550 no such user").ok());

  auto rows = store->OutboxOf(a);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].id, first);
  EXPECT_EQ((*rows)[0].status, "queued");
  EXPECT_EQ((*rows)[0].raw, "Subject: <1@d>\r\n\r\nbody\r\n");
  EXPECT_EQ((*rows)[1].id, sent);
  EXPECT_EQ((*rows)[1].status, "sent");
  EXPECT_EQ((*rows)[1].sent_at, 150);
  EXPECT_EQ((*rows)[2].id, failed);
  EXPECT_EQ((*rows)[2].last_error, "550 no such user");
  EXPECT_EQ((*rows)[2].recipients, std::vector<std::string>{"anna@client.example"});
  EXPECT_TRUE(store->OutboxOf(b + 1)->empty());
}

TEST(StoreSchema, WhenAMigrationWasApplied) {
  const int64_t before = std::time(nullptr);
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  const int64_t after = std::time(nullptr);
  auto applied = store->MigrationAppliedAt(3);
  ASSERT_TRUE(applied.ok());
  EXPECT_GE(*applied, before);
  EXPECT_LE(*applied, after);
  EXPECT_EQ(*store->MigrationAppliedAt(999), 0);
}

}  // namespace
}  // namespace deskd
