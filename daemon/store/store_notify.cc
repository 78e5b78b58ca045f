// SqliteStore: the scheduler's alarms and the notifications
// (sql/003_notifications.sql). Kept apart from sqlite_store.cc so that what
// daemon/notify/ reads and writes sits together.
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "daemon/core/mail_text.h"
#include "daemon/store/sqlite_store.h"

namespace deskd {

namespace {

AlarmRow ReadAlarm(const Statement& s) {
  return AlarmRow{s.Int(0), s.Text(1), s.OptInt(2)};
}

}  // namespace

// --- alarms ---

Result<std::vector<AlarmRow>> SqliteStore::AlarmsToCompute(int limit) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("SELECT incident, clock, next_at FROM sla_alarms WHERE next_at IS NULL LIMIT ?"));
  s->Bind(1, limit);
  return CollectRows<AlarmRow>(*s, ReadAlarm);
}

Result<bool> SqliteStore::HasAlarmsToCompute() {
  DESKD_TRY_ASSIGN(auto s, Stmt("SELECT 1 FROM sla_alarms WHERE next_at IS NULL LIMIT 1"));
  return s->Step();
}

Result<std::vector<AlarmRow>> SqliteStore::AlarmsDue(int64_t now, int limit) {
  DESKD_TRY_ASSIGN(auto s,
                   Stmt("SELECT incident, clock, next_at FROM sla_alarms WHERE next_at IS NOT NULL "
                        "AND next_at <= ? ORDER BY next_at LIMIT ?"));
  s->Bind(1, now).Bind(2, limit);
  return CollectRows<AlarmRow>(*s, ReadAlarm);
}

Result<std::optional<int64_t>> SqliteStore::NextAlarmAt() {
  DESKD_TRY_ASSIGN(auto s, Stmt("SELECT MIN(next_at) FROM sla_alarms WHERE next_at IS NOT NULL"));
  DESKD_TRY_ASSIGN(auto step, s->Step());
  return step ? s->OptInt(0) : std::nullopt;
}

Status SqliteStore::SetAlarm(int64_t incident, const std::string& clock, int64_t next_at) {
  DESKD_TRY_ASSIGN(auto s,
                   Stmt("UPDATE sla_alarms SET next_at = ? WHERE incident = ? AND clock = ?"));
  s->Bind(1, next_at).Bind(2, incident).Bind(3, clock);
  return s->Run();
}

Status SqliteStore::DeleteAlarm(int64_t incident, const std::string& clock) {
  DESKD_TRY_ASSIGN(auto s, Stmt("DELETE FROM sla_alarms WHERE incident = ? AND clock = ?"));
  s->Bind(1, incident).Bind(2, clock);
  return s->Run();
}

// --- notifications ---

Result<std::optional<int64_t>> SqliteStore::InsertNotification(const NotificationRow& row) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("INSERT INTO notifications (key, incident, clock, kind, lead, recipients, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING"));
  s->Bind(1, row.key)
      .Bind(2, row.incident)
      .Bind(3, row.clock)
      .Bind(4, row.kind)
      .Bind(5, row.lead)
      .Bind(6, JsonText(nlohmann::json(row.recipients)))
      .Bind(7, row.created_at);
  DESKD_TRY(s->Run());
  if (sqlite3_changes(db_) == 0) return std::optional<int64_t>();  // the key exists
  return std::optional<int64_t>(sqlite3_last_insert_rowid(db_));
}

Status SqliteStore::SetNotificationOutbox(int64_t id, int64_t outbox) {
  DESKD_TRY_ASSIGN(auto s, Stmt("UPDATE notifications SET outbox = ? WHERE id = ?"));
  s->Bind(1, outbox).Bind(2, id);
  return s->Run();
}

Result<bool> SqliteStore::NotificationExists(const std::string& key) {
  DESKD_TRY_ASSIGN(auto s, Stmt("SELECT 1 FROM notifications WHERE key = ?"));
  s->Bind(1, key);
  return s->Step();
}

Result<std::optional<std::string>> SqliteStore::LastDigestKey(const std::string& lead) {
  DESKD_TRY_ASSIGN(auto s, Stmt("SELECT key FROM notifications WHERE kind = 'digest' AND lead = ? "
                                "ORDER BY created_at DESC, id DESC LIMIT 1"));
  s->Bind(1, lead);
  return OptionalRow<std::string>(*s, [](const Statement& st) { return st.Text(0); });
}

Result<std::optional<int64_t>> SqliteStore::LastDigestAt(const std::string& lead) {
  DESKD_TRY_ASSIGN(
      auto s, Stmt("SELECT MAX(created_at) FROM notifications WHERE kind = 'digest' AND lead = ?"));
  s->Bind(1, lead);
  DESKD_TRY_ASSIGN(auto step, s->Step());
  return step ? s->OptInt(0) : std::nullopt;
}

Result<std::vector<EscalationRow>> SqliteStore::EscalationsBetween(int64_t from, int64_t to) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("SELECT n.incident, n.created_at, n.lead, COALESCE(n.clock, ''), COALESCE(i.subject, "
           "''), "
           " COALESCE((SELECT json_extract(e.detail, '$.reason') FROM events e "
           "   WHERE e.incident = n.incident AND e.kind = 'escalated' AND e.at = n.created_at "
           "   ORDER BY e.id LIMIT 1), ''), "
           " COALESCE((SELECT c.due_at FROM sla_clocks c WHERE c.incident = n.incident "
           "   AND c.name = n.clock), 0) "
           "FROM notifications n LEFT JOIN incidents i ON i.number = n.incident "
           "WHERE n.kind = 'escalation' AND n.created_at >= ? AND n.created_at < ? "
           "ORDER BY n.created_at, n.id"));
  s->Bind(1, from).Bind(2, to);
  return CollectRows<EscalationRow>(*s, [](const Statement& st) {
    EscalationRow r;
    r.incident = st.Int(0);
    r.at = st.Int(1);
    r.lead = st.Text(2);
    r.clock = st.Text(3);
    r.subject = st.Text(4);
    r.reason = st.Text(5);
    r.due_at = st.Int(6);
    return r;
  });
}

}  // namespace deskd
