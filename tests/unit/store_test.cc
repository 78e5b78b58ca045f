#include "daemon/store/store.h"
#include "daemon/store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "daemon/core/embedded.h"
#include "tests/unit/core_testing.h"

namespace deskd {
namespace {

using testing::TempDir;

// The SQLite store itself: these tests look at the file's pragmas and plans.
std::unique_ptr<SqliteStore> OpenOrDie(const std::string& path) {
  auto store = SqliteStore::Open(path);
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  return store.ok() ? std::move(*store) : nullptr;
}

std::string PragmaText(SqliteStore& store, const char* pragma) {
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(store.db(), pragma, -1, &s, nullptr);
  std::string out;
  if (sqlite3_step(s) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  return out;
}

IncidentRow NewIncident(const std::string& subject, int64_t at = 100) {
  IncidentRow row;
  row.subject = subject;
  row.queue = "support";
  row.language = "en";
  row.received_at = at;
  row.updated_at = at;
  return row;
}

MessageRow NewMessage(std::optional<int64_t> incident, const std::string& sha,
                      std::optional<std::string> message_id) {
  MessageRow m;
  m.incident = incident;
  m.sha256 = sha;
  m.message_id = std::move(message_id);
  m.raw = std::string("raw\0bytes", 9);
  m.subject = "Printer on floor 3";
  m.new_text = "The printer is jammed again";
  m.received_at = 100;
  return m;
}

OutboxRow NewOutbox(std::optional<int64_t> incident, const std::string& message_id,
                    std::vector<std::string> to, int64_t at) {
  OutboxRow o;
  o.incident = incident;
  o.kind = "acknowledgement";
  o.message_id = message_id;
  o.envelope_from = "support@itdesk.example";
  o.recipients = std::move(to);
  o.raw = "Subject: x\r\n\r\nbody\r\n";
  o.created_at = at;
  o.next_attempt_at = at;
  return o;
}

// The sql/NNN_*.sql files compiled in: how many, and the highest NNN.
int MigrationCount() {
  int n = 0;
  for (const auto& [name, bytes] : EmbeddedFiles()) n += name.rfind("sql/", 0) == 0 ? 1 : 0;
  return n;
}
int NewestMigration() {
  int newest = 0;
  for (const auto& [name, bytes] : EmbeddedFiles()) {
    if (name.rfind("sql/", 0) == 0) newest = std::max(newest, std::stoi(name.substr(4, 3)));
  }
  return newest;
}

TEST(Store, OpenCreatesDirectoriesAndAppliesSchema) {
  TempDir dir;
  std::string path = dir.File("a/b/deskd.sqlite");
  auto store = OpenOrDie(path);
  ASSERT_TRUE(store);
  EXPECT_TRUE(std::filesystem::exists(path));
  auto version = store->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_GE(NewestMigration(), 2);
  EXPECT_EQ(*version, NewestMigration());
  EXPECT_EQ(PragmaText(*store, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(PragmaText(*store, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(PragmaText(*store, "PRAGMA synchronous"), "2");  // FULL
}

TEST(Store, ReopenKeepsDataAndDoesNotReapplyMigrations) {
  TempDir dir;
  std::string path = dir.File("deskd.sqlite");
  {
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->CreateIncident(NewIncident("first"), 1000).ok());
  }
  auto store = OpenOrDie(path);
  ASSERT_TRUE(store);
  auto found = store->FindIncident(1000);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->subject, "first");
  EXPECT_EQ(PragmaText(*store, "SELECT COUNT(*) FROM schema_migrations"),
            std::to_string(MigrationCount()));
}

TEST(Store, ProcessesOpeningANewDatabaseTogetherBothSucceed) {
  // deskd and deskctl started at once on a database that does not exist yet:
  // only one applies each migration, the other sees it applied.
  for (int round = 0; round < 5; ++round) {
    TempDir dir;
    const std::string path = dir.File("deskd.sqlite");
    std::vector<std::string> errors(4);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < errors.size(); ++i) {
      threads.emplace_back([&, i] {
        auto store = Store::Open(path);
        if (!store.ok()) errors[i] = store.error().message;
      });
    }
    for (auto& t : threads) t.join();
    for (const auto& e : errors) EXPECT_EQ(e, "");
  }
}

TEST(Store, RefusesADatabaseFromANewerDeskd) {
  TempDir dir;
  std::string path = dir.File("deskd.sqlite");
  {
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store);
    ASSERT_EQ(sqlite3_exec(store->db(),
                           "INSERT INTO schema_migrations VALUES (999, 'sql/999_future.sql', 0)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().kind, Error::Kind::kConfig);
}

TEST(Store, IncidentNumbersStartAtTheConfiguredNumberAndIncrease) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  auto a = store->CreateIncident(NewIncident("a"), 1000);
  auto b = store->CreateIncident(NewIncident("b"), 1000);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, 1000);
  EXPECT_EQ(*b, 1001);
  // Raising first_ticket_number later jumps ahead; lowering it never reuses.
  auto c = store->CreateIncident(NewIncident("c"), 5000);
  auto d = store->CreateIncident(NewIncident("d"), 1);
  ASSERT_TRUE(c.ok() && d.ok());
  EXPECT_EQ(*c, 5000);
  EXPECT_EQ(*d, 5001);
}

TEST(Store, StatusChangesStampResolvedAndClosed) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  auto n = store->CreateIncident(NewIncident("x"), 1000);
  ASSERT_TRUE(n.ok());
  ASSERT_TRUE(store->SetIncidentStatus(*n, "resolved", std::nullopt, 200).ok());
  ASSERT_TRUE(store->SetIncidentStatus(*n, "closed", std::nullopt, 300).ok());
  auto row = store->FindIncident(*n);
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->status, "closed");
  EXPECT_EQ((*row)->resolved_at, 200);
  EXPECT_EQ((*row)->closed_at, 300);
  EXPECT_EQ((*row)->updated_at, 300);
  // The schema refuses a status that does not exist.
  Status bad = store->SetIncidentStatus(*n, "bogus", std::nullopt, 400);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, Error::Kind::kInvalid);
  EXPECT_EQ(store->SetIncidentStatus(4242, "open", std::nullopt, 400).error().kind,
            Error::Kind::kNotFound);
}

TEST(Store, ParticipantsAreUniquePerAddress) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  auto n = store->CreateIncident(NewIncident("x"), 1000);
  ASSERT_TRUE(n.ok());
  auto p1 = store->AddParticipant(*n, "anna@client.example", "Anna", "requester", 100);
  auto p2 = store->AddParticipant(*n, "anna@client.example", std::nullopt, "cc", 101);
  auto p3 = store->AddParticipant(*n, "bob@client.example", std::nullopt, "cc", 101);
  ASSERT_TRUE(p1.ok() && p2.ok() && p3.ok());
  EXPECT_EQ(*p1, *p2);
  EXPECT_NE(*p1, *p3);
  auto all = store->Participants(*n);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].role, "requester");  // the first role stays
  EXPECT_EQ((*all)[0].name, "Anna");
  // A participant needs an existing incident (foreign keys are on).
  auto orphan = store->AddParticipant(999999, "x@y.example", std::nullopt, "cc", 1);
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().kind, Error::Kind::kInvalid);
}

TEST(Store, MessagesAreFoundByHashAndMessageIdAndOutboxIdsThreadToo) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  auto n = store->CreateIncident(NewIncident("x"), 1000);
  ASSERT_TRUE(n.ok());
  auto m = store->InsertMessage(NewMessage(*n, "abc", "<m1@client.example>"));
  ASSERT_TRUE(m.ok());
  auto loose = store->InsertMessage(NewMessage(std::nullopt, "def", "<m2@client.example>"));
  ASSERT_TRUE(loose.ok());
  ASSERT_TRUE(store->EnqueueOutbox(NewOutbox(*n, "<deskd.1@itdesk.example>", {"a@b.example"}, 1))
                  .ok());

  EXPECT_EQ(*store->FindMessageBySha256("abc"), std::optional<int64_t>(*n));
  EXPECT_EQ(*store->FindMessageBySha256("def"), std::optional<int64_t>(0));
  EXPECT_EQ(*store->FindMessageBySha256("zzz"), std::nullopt);
  EXPECT_EQ(*store->FindIncomingMessageId("<m1@client.example>"), std::optional<int64_t>(*n));
  EXPECT_EQ(*store->FindIncomingMessageId("<deskd.1@itdesk.example>"), std::nullopt);
  EXPECT_EQ(*store->IncidentOfMessageId("<m1@client.example>"), std::optional<int64_t>(*n));
  EXPECT_EQ(*store->IncidentOfMessageId("<deskd.1@itdesk.example>"), std::optional<int64_t>(*n));
  EXPECT_EQ(*store->IncidentOfMessageId("<m2@client.example>"), std::nullopt);  // unattached

  auto raw = store->MessageRaw(*m);
  ASSERT_TRUE(raw.ok() && raw->has_value());
  EXPECT_EQ(**raw, std::string("raw\0bytes", 9));
  auto listed = store->Messages(*n);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].raw_size, 9);
  EXPECT_TRUE((*listed)[0].raw.empty());
}

TEST(Store, OutboxLifecycle) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  auto a = store->EnqueueOutbox(NewOutbox(std::nullopt, "<a@d>", {"x@c.example"}, 100));
  auto b = store->EnqueueOutbox(NewOutbox(std::nullopt, "<b@d>", {"x@c.example", "y@c.example"}, 200));
  ASSERT_TRUE(a.ok() && b.ok());
  // The Message-ID is unique: a second row with it is refused.
  auto dup = store->EnqueueOutbox(NewOutbox(std::nullopt, "<a@d>", {"z@c.example"}, 300));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().kind, Error::Kind::kInvalid);

  EXPECT_EQ(*store->CountOutboxTo("x@c.example", 0), 2);
  EXPECT_EQ(*store->CountOutboxTo("x@c.example", 150), 1);
  EXPECT_EQ(*store->CountOutboxTo("z@c.example", 0), 0);

  auto due = store->DueOutbox(150, 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].id, *a);
  EXPECT_EQ((*due)[0].raw, "Subject: x\r\n\r\nbody\r\n");
  EXPECT_EQ((*due)[0].recipients, std::vector<std::string>{"x@c.example"});
  EXPECT_EQ(*store->NextOutboxDue(), std::optional<int64_t>(100));

  ASSERT_TRUE(store->MarkOutboxRetry(*a, 1, 500, "421 try later").ok());
  ASSERT_TRUE(store->MarkOutboxSent(*b, 1, 210).ok());
  EXPECT_EQ(*store->NextOutboxDue(), std::optional<int64_t>(500));
  EXPECT_TRUE(store->DueOutbox(499, 10)->empty());

  ASSERT_TRUE(store->MarkOutboxFailed(*a, 2, "550 no such user").ok());
  EXPECT_EQ(*store->NextOutboxDue(), std::nullopt);
  auto listed = store->ListOutbox("", 10);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);  // sent rows are not listed by default
  EXPECT_EQ((*listed)[0].status, "failed");
  EXPECT_EQ((*listed)[0].last_error, "550 no such user");
  EXPECT_EQ(store->ListOutbox("sent", 10)->size(), 1u);

  // Only a failed row can be retried; it is due at once with a fresh count.
  EXPECT_EQ(store->RetryOutbox(*b, 600).error().kind, Error::Kind::kInvalid);
  EXPECT_EQ(store->RetryOutbox(4242, 600).error().kind, Error::Kind::kNotFound);
  ASSERT_TRUE(store->RetryOutbox(*a, 600).ok());
  auto again = store->FindOutbox(*a);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->status, "queued");
  EXPECT_EQ((*again)->attempts, 0);
  EXPECT_EQ((*again)->next_attempt_at, 600);
  EXPECT_EQ((*again)->message_id, "<a@d>");
}

TEST(Store, CheckpointAdvancesAndResetsOnNewUidValidity) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->GetCheckpoint("inbox"), std::nullopt);
  ASSERT_TRUE(store->AdvanceCheckpoint("inbox", 7, 10, 1).ok());
  ASSERT_TRUE(store->AdvanceCheckpoint("inbox", 7, 5, 2).ok());  // never backwards
  auto cp = store->GetCheckpoint("inbox");
  ASSERT_TRUE(cp.ok() && cp->has_value());
  EXPECT_EQ((*cp)->uidvalidity, 7u);
  EXPECT_EQ((*cp)->last_uid, 10u);
  ASSERT_TRUE(store->AdvanceCheckpoint("inbox", 8, 3, 3).ok());  // folder recreated
  cp = store->GetCheckpoint("inbox");
  EXPECT_EQ((*cp)->uidvalidity, 8u);
  EXPECT_EQ((*cp)->last_uid, 3u);
  ASSERT_TRUE(store->AdvanceCheckpoint("inbox", 8, 4000000000u, 4).ok());  // full uint32 range
  EXPECT_EQ((*store->GetCheckpoint("inbox"))->last_uid, 4000000000u);
}

TEST(Store, UncommittedTransactionLeavesNothing) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  {
    auto tx = store->BeginTransaction();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(store->CreateIncident(NewIncident("gone"), 1000).ok());
    ASSERT_TRUE(store->AdvanceCheckpoint("inbox", 1, 1, 1).ok());
  }
  EXPECT_EQ(*store->FindIncident(1000), std::nullopt);
  EXPECT_EQ(*store->GetCheckpoint("inbox"), std::nullopt);
  {
    auto tx = store->BeginTransaction();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(store->CreateIncident(NewIncident("kept"), 1000).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_TRUE(store->FindIncident(1000)->has_value());
}

TEST(Store, BusyDatabaseIsATemporaryError) {
  TempDir dir;
  std::string path = dir.File("deskd.sqlite");
  auto store = OpenOrDie(path);
  ASSERT_TRUE(store);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_busy_timeout(store->db(), 20);  // do not wait the production 5 s here
  auto tx = store->BeginTransaction();
  ASSERT_FALSE(tx.ok());
  EXPECT_EQ(tx.error().kind, Error::Kind::kTemporary);
  auto created = store->CreateIncident(NewIncident("x"), 1000);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().kind, Error::Kind::kTemporary);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_TRUE(store->CreateIncident(NewIncident("x"), 1000).ok());
}

TEST(Store, ListIncidentsFilters) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  IncidentRow a = NewIncident("a");
  IncidentRow b = NewIncident("b");
  b.queue = "network";
  b.owner = "maria";
  ASSERT_TRUE(store->CreateIncident(a, 1000).ok());
  ASSERT_TRUE(store->CreateIncident(b, 1000).ok());
  ASSERT_TRUE(store->SetIncidentStatus(1001, "open", std::nullopt, 5).ok());
  EXPECT_EQ(store->ListIncidents({})->size(), 2u);
  IncidentQuery q;
  q.status = "open";
  ASSERT_EQ(store->ListIncidents(q)->size(), 1u);
  EXPECT_EQ((*store->ListIncidents(q))[0].number, 1001);
  q = {};
  q.owner = "maria";
  EXPECT_EQ(store->ListIncidents(q)->size(), 1u);
  q = {};
  q.queue = "support";
  ASSERT_EQ(store->ListIncidents(q)->size(), 1u);
  EXPECT_EQ((*store->ListIncidents(q))[0].number, 1000);
  q = {};
  q.limit = 1;
  EXPECT_EQ(store->ListIncidents(q)->size(), 1u);
}

SlaClock Clock(int64_t incident, ClockKind kind, ClockState state, int64_t due) {
  SlaClock c;
  c.incident = incident;
  c.kind = kind;
  c.state = state;
  c.started_at = 100;
  c.due_at = due;
  c.budget_seconds = due - 100;
  c.working_time = kind != ClockKind::kFirstResponse;
  return c;
}

TEST(Store, PriorityUrgencyAndImpact) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  IncidentRow a = NewIncident("a");
  a.urgency = 1;
  ASSERT_TRUE(store->CreateIncident(a, 1000).ok());
  EXPECT_EQ((*store->FindIncident(1000))->urgency, 1);
  EXPECT_EQ((*store->FindIncident(1000))->impact, 2);
  ASSERT_TRUE(store->SetIncidentPriority(1000, 1, 1, 1, 200).ok());
  IncidentRow r = **store->FindIncident(1000);
  EXPECT_EQ(r.priority, 1);
  EXPECT_EQ(r.impact, 1);
  EXPECT_EQ(r.updated_at, 200);
  EXPECT_EQ(store->SetIncidentPriority(1001, 1, 1, 1, 200).error().kind, Error::Kind::kNotFound);
  EXPECT_FALSE(store->SetIncidentPriority(1000, 5, 1, 1, 200).ok());  // CHECK constraint
}

TEST(Store, ClocksUpsertReadAndDue) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->CreateIncident(NewIncident("a"), 1000).ok());
  ASSERT_TRUE(store->CreateIncident(NewIncident("b"), 1000).ok());
  EXPECT_TRUE(store->Clocks(1000)->empty());
  EXPECT_EQ(*store->NextClockDue(), std::nullopt);

  SlaClock resolution = Clock(1000, ClockKind::kResolution, ClockState::kPaused, 900);
  resolution.paused_since = 300;
  resolution.paused_seconds = 42;
  std::vector<SlaClock> a = {resolution, Clock(1000, ClockKind::kFirstResponse, ClockState::kRunning, 500),
                             Clock(1000, ClockKind::kInWork, ClockState::kMet, 700)};
  a[2].met_at = 400;
  ASSERT_TRUE(store->UpsertClocks(a, 150).ok());
  std::vector<SlaClock> b = {Clock(1001, ClockKind::kFirstResponse, ClockState::kRunning, 450),
                             Clock(1001, ClockKind::kResolution, ClockState::kRunning, 2000)};
  ASSERT_TRUE(store->UpsertClocks(b, 150).ok());

  std::vector<SlaClock> read = *store->Clocks(1000);
  ASSERT_EQ(read.size(), 3u);  // in kind order
  EXPECT_EQ(read[0], a[1]);
  EXPECT_EQ(read[1], a[2]);
  EXPECT_EQ(read[2], a[0]);

  EXPECT_EQ(*store->NextClockDue(), 450);  // running only: not the paused 900 or met 700
  std::vector<SlaClock> due = *store->RunningClocksDueBefore(500, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].incident, 1001);
  EXPECT_EQ(due[1].incident, 1000);
  EXPECT_EQ(store->RunningClocksDueBefore(500, 1)->size(), 1u);
  EXPECT_TRUE(store->RunningClocksDueBefore(449, 10)->empty());

  // Upsert replaces: breach the first response of 1001.
  b[0].state = ClockState::kBreached;
  b[0].breached_at = 460;
  ASSERT_TRUE(store->UpsertClocks({b[0]}, 460).ok());
  EXPECT_EQ((*store->Clocks(1001))[0], b[0]);
  EXPECT_EQ(*store->NextClockDue(), 500);

  // --overdue: running and due by then, or breached and not met.
  IncidentQuery q;
  q.overdue_at = 470;
  std::vector<IncidentRow> overdue = *store->ListIncidents(q);
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].number, 1001);
  q.overdue_at = 600;
  EXPECT_EQ(store->ListIncidents(q)->size(), 2u);
  b[0].met_at = 480;  // met late: no longer overdue
  ASSERT_TRUE(store->UpsertClocks({b[0]}, 480).ok());
  q.overdue_at = 470;
  EXPECT_TRUE(store->ListIncidents(q)->empty());
}

TEST(Store, NextClockDueUsesTheIndex) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  for (const char* sql : {"SELECT MIN(due_at) FROM sla_clocks WHERE state = 'running'",
                          "SELECT * FROM sla_clocks WHERE state = 'running' AND due_at <= 5 "
                          "ORDER BY due_at, incident LIMIT 10"}) {
    sqlite3_stmt* s = nullptr;
    std::string plan;
    ASSERT_EQ(sqlite3_prepare_v2(store->db(), (std::string("EXPLAIN QUERY PLAN ") + sql).c_str(),
                                 -1, &s, nullptr),
              SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW) plan += reinterpret_cast<const char*>(sqlite3_column_text(s, 3));
    sqlite3_finalize(s);
    EXPECT_NE(plan.find("sla_clocks_due"), std::string::npos) << plan;
  }
}

TEST(Store, FullTextSearchFindsWordsAndSurvivesOddQueries) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  auto n = store->CreateIncident(NewIncident("x"), 1000);
  ASSERT_TRUE(n.ok());
  MessageRow m = NewMessage(*n, "h1", "<m1@c>");
  m.subject = "Printer on floor 3";
  m.new_text = "Tööjaam ei käivitu pärast uuendust";
  ASSERT_TRUE(store->InsertMessage(m).ok());
  auto hits = store->Search("printer", 10);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].incident, *n);
  // Diacritics are folded: "kaivitu" finds "käivitu".
  EXPECT_EQ(store->Search("kaivitu", 10)->size(), 1u);
  EXPECT_EQ(store->Search("printer missing", 10)->size(), 0u);  // all words required
  auto odd = store->Search("\"AND OR NOT( *", 10);
  EXPECT_TRUE(odd.ok()) << odd.error().message;
  EXPECT_TRUE(store->Search("   ", 10)->empty());
}

TEST(Store, EventsAndLinks) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->CreateIncident(NewIncident("a"), 1000).ok());
  ASSERT_TRUE(store->CreateIncident(NewIncident("b"), 1000).ok());
  EventRow e;
  e.incident = 1000;
  e.at = 5;
  e.actor = "deskd";
  e.kind = "created";
  ASSERT_TRUE(store->AddEvent(e).ok());
  auto events = store->Events(1000);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].kind, "created");
  ASSERT_TRUE(store->AddLink(1001, "related", 1000, 5).ok());
  ASSERT_TRUE(store->AddLink(1001, "related", 1000, 6).ok());  // idempotent
  auto links = store->Links(1001);
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].type, "related");
  EXPECT_EQ((*links)[0].other, 1000);
  EXPECT_FALSE(store->AddLink(1001, "friend_of", 1000, 5).ok());
}

}  // namespace
}  // namespace deskd
