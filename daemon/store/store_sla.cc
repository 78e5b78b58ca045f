// SqliteStore: priority and SLA clocks (sql/002_sla.sql). Kept apart from
// sqlite_store.cc so that the service-level reads and writes sit together.
#include <sqlite3.h>

#include "daemon/store/sqlite_store.h"

namespace deskd {

namespace {

constexpr const char* kClockColumns =
    "incident, name, state, started_at, due_at, budget_seconds, working_time, met_at, "
    "breached_at, paused_since, paused_seconds";

SlaClock ReadClock(const Statement& s) {
  SlaClock c;
  c.incident = s.Int(0);
  c.kind = ParseClockKind(s.Text(1)).value_or(ClockKind::kFirstResponse);
  c.state = ParseClockState(s.Text(2)).value_or(ClockState::kRunning);
  c.started_at = s.Int(3);
  c.due_at = s.Int(4);
  c.budget_seconds = s.Int(5);
  c.working_time = s.Int(6) != 0;
  c.met_at = s.OptInt(7);
  c.breached_at = s.OptInt(8);
  c.paused_since = s.OptInt(9);
  c.paused_seconds = s.Int(10);
  return c;
}

}  // namespace

Status SqliteStore::SetIncidentPriority(int64_t number, int priority, int urgency, int impact,
                                  int64_t now) {
  DESKD_TRY_ASSIGN(
      auto s, Stmt("UPDATE incidents SET priority = ?2, urgency = ?3, impact = ?4, updated_at = ?5 "
                   "WHERE number = ?1"));
  s->Bind(1, number).Bind(2, priority).Bind(3, urgency).Bind(4, impact).Bind(5, now);
  DESKD_TRY(s->Run());
  if (sqlite3_changes(db_) != 1) return Error::NotFound("no incident " + std::to_string(number));
  return Status::Ok();
}

Status SqliteStore::UpsertClocks(const std::vector<SlaClock>& clocks, int64_t now) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("INSERT OR REPLACE INTO sla_clocks(incident, name, state, started_at, due_at, "
           "budget_seconds, working_time, met_at, breached_at, paused_since, paused_seconds, "
           "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
  for (const SlaClock& c : clocks) {
    s->Bind(1, c.incident)
        .Bind(2, ClockKindName(c.kind))
        .Bind(3, ClockStateName(c.state))
        .Bind(4, c.started_at)
        .Bind(5, c.due_at)
        .Bind(6, c.budget_seconds)
        .Bind(7, c.working_time ? 1 : 0)
        .Bind(8, c.met_at)
        .Bind(9, c.breached_at)
        .Bind(10, c.paused_since)
        .Bind(11, c.paused_seconds)
        .Bind(12, now);
    Status run = s->Run();
    s->Reset();
    if (!run.ok()) return run;
  }
  return Status::Ok();
}

Result<std::vector<SlaClock>> SqliteStore::Clocks(int64_t incident) {
  DESKD_TRY_ASSIGN(auto s, Stmt(std::string("SELECT ") + kClockColumns +
                                " FROM sla_clocks WHERE incident = ? ORDER BY CASE name "
                                "WHEN 'first_response' THEN 0 WHEN 'in_work' THEN 1 ELSE 2 END"));
  s->Bind(1, incident);
  return CollectRows<SlaClock>(*s, ReadClock);
}

Result<std::optional<int64_t>> SqliteStore::NextClockDue() {
  DESKD_TRY_ASSIGN(auto s, Stmt("SELECT MIN(due_at) FROM sla_clocks WHERE state = 'running'"));
  DESKD_TRY(s->Step());
  return s->OptInt(0);
}

Result<std::vector<SlaClock>> SqliteStore::RunningClocksDueBefore(int64_t t, int limit) {
  DESKD_TRY_ASSIGN(auto s, Stmt(std::string("SELECT ") + kClockColumns +
                                " FROM sla_clocks WHERE state = 'running' AND due_at <= ? "
                                "ORDER BY due_at, incident LIMIT ?"));
  s->Bind(1, t).Bind(2, limit > 0 ? static_cast<int64_t>(limit) : int64_t{-1});
  return CollectRows<SlaClock>(*s, ReadClock);
}

}  // namespace deskd
