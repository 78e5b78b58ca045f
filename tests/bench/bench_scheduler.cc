// Scheduler benchmark: 1,000,000 open incidents (3,000,000 SLA clocks and
// their alarms) in a real SQLite file; the time of one scheduler tick with
// nothing due, of a tick that sends 10 reminders, and of NextDue; and the
// database size. Prints FIGURE lines; never fails on time (label bench).
// Usage: bench_scheduler [incidents] (default 1000000).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "daemon/calendar/calendar.h"
#include "daemon/notify/scheduler.h"
#include "daemon/store/sqlite_store.h"
#include "daemon/compose/templates.h"

namespace {

using namespace deskd;
using Steady = std::chrono::steady_clock;

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int Fail(const std::string& what, const Error& e) {
  std::fprintf(stderr, "bench_scheduler: %s: %s\n", what.c_str(), e.message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const int64_t now = 1795428000;  // Monday 2026-11-23 12:00 in Tallinn
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("deskd-bench-sched-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "deskd.sqlite").string();

  // The SQLite store itself: the fill below is SQL on its connection.
  auto store = SqliteStore::Open(path);
  if (!store) return Fail("open", store.error());
  sqlite3* db = (*store)->db();

  // All in one transaction, in SQL: incidents received over the last day,
  // their three clocks (the triggers make their alarms), then the alarms set
  // to what the scheduler would have computed (none due at `now`).
  auto t0 = Steady::now();
  std::string fill =
      "BEGIN;"
      "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " +
      std::to_string(n) +
      ") INSERT INTO incidents (number, subject, status, priority, queue, owner, language, "
      "received_at, updated_at) SELECT 1000 + i, 'Incident ' || i, "
      "CASE i % 3 WHEN 0 THEN 'new' WHEN 1 THEN 'open' ELSE 'on_hold' END, 1 + i % 4, 'support', "
      "CASE i % 2 WHEN 0 THEN 'maria' ELSE NULL END, 'en', " +
      std::to_string(now - 86400) + " + i * 86400 / " + std::to_string(n) + ", " +
      std::to_string(now) + " FROM s;"
      "INSERT INTO sla_clocks (incident, name, state, started_at, due_at, budget_seconds, "
      "working_time, updated_at) SELECT number, 'first_response', 'running', received_at, "
      "received_at + 86400 + 3600, 86400, 0, received_at FROM incidents;"
      "INSERT INTO sla_clocks (incident, name, state, started_at, due_at, budget_seconds, "
      "working_time, updated_at) SELECT number, 'in_work', 'running', received_at, "
      "received_at + 3 * 86400, 57600, 1, received_at FROM incidents;"
      "INSERT INTO sla_clocks (incident, name, state, started_at, due_at, budget_seconds, "
      "working_time, updated_at) SELECT number, 'resolution', 'running', received_at, "
      "received_at + 5 * 86400, 86400, 1, received_at FROM incidents;"
      "UPDATE sla_alarms SET next_at = " +
      std::to_string(now + 60) + " + (incident % 86400);"
      "COMMIT;";
  if (Status s = ExecSql(db, fill, "fill"); !s.ok()) return Fail("fill", s.error());
  auto filled = Steady::now() - t0;
  if (Status s = ExecSql(db, "PRAGMA wal_checkpoint(TRUNCATE);", "checkpoint"); !s.ok()) {
    return Fail("checkpoint", s.error());
  }
  std::printf("FIGURE scheduler_fill_incidents %lld\n", static_cast<long long>(n));
  std::printf("FIGURE scheduler_fill_seconds %.1f\n", Ms(filled) / 1000);
  std::printf("FIGURE scheduler_db_bytes %lld (%.0f MB)\n",
              static_cast<long long>(fs::file_size(path)), fs::file_size(path) / 1e6);

  Config config;
  config.secret = "bench";
  TechnicianSection maria;
  maria.name = "maria";
  maria.address = "maria@itdesk.example";
  TechnicianSection jaan;
  jaan.name = "jaan";
  jaan.address = "jaan@itdesk.example";
  config.technicians = {maria, jaan};
  config.manager.address = "boss@itdesk.example";
  auto templates = TemplateSet::Load("", "en");
  if (!templates) return Fail("templates", templates.error());
  BusinessCalendar calendar = BusinessCalendar::Default("Europe/Tallinn");
  Scheduler scheduler(**store, config, *templates, calendar);

  std::vector<double> idle, next_due, busy;
  for (int i = 0; i < 50; ++i) {
    auto a = Steady::now();
    auto tick = scheduler.RunDue(now);
    idle.push_back(Ms(Steady::now() - a));
    if (!tick) return Fail("tick", tick.error());
    if (tick->reminders + tick->escalations + tick->alarms_computed != 0) {
      std::fprintf(stderr, "bench_scheduler: an idle tick did work\n");
      return 1;
    }
    a = Steady::now();
    auto next = scheduler.NextDue(now);
    next_due.push_back(Ms(Steady::now() - a));
    if (!next || !*next || **next != now + 60) {
      std::fprintf(stderr, "bench_scheduler: unexpected next due time\n");
    }
  }
  // Ten first-response alarms due at once, each a 75 % reminder (mails composed
  // and queued in the outbox), five times over fresh incidents.
  int reminders = 0;
  for (int round = 0; round < 5; ++round) {
    int64_t first = 1000 + 1 + round * 10;
    std::string due = "UPDATE sla_alarms SET next_at = " + std::to_string(now) +
                      " WHERE clock = 'first_response' AND incident BETWEEN " +
                      std::to_string(first) + " AND " + std::to_string(first + 9) + ";" +
                      "UPDATE sla_clocks SET due_at = " + std::to_string(now + 3600) +
                      ", started_at = " + std::to_string(now + 3600 - 86400) +
                      " WHERE name = 'first_response' AND incident BETWEEN " +
                      std::to_string(first) + " AND " + std::to_string(first + 9) + ";";
    // The clock update marks the alarms to compute, as a real change would.
    if (Status s = ExecSql(db, due, "due"); !s.ok()) return Fail("due", s.error());
    auto a = Steady::now();
    auto tick = scheduler.RunDue(now);
    busy.push_back(Ms(Steady::now() - a));
    if (!tick) return Fail("busy tick", tick.error());
    reminders += tick->reminders;
  }
  std::printf("FIGURE scheduler_tick_idle_ms_median %.3f\n", Median(idle));
  std::printf("FIGURE scheduler_tick_idle_ms_max %.3f\n", *std::max_element(idle.begin(), idle.end()));
  std::printf("FIGURE scheduler_next_due_ms_median %.3f\n", Median(next_due));
  std::printf("FIGURE scheduler_tick_10_reminders_ms_median %.3f (reminders sent: %d of 50)\n",
              Median(busy), reminders);
  std::printf("FIGURE scheduler_tick_target_ms 10 (idle tick %s)\n",
              Median(idle) < 10 ? "met" : "NOT met");
  store->reset();
  fs::remove_all(dir);
  return 0;
}
