#include "daemon/store/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <system_error>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

#include "daemon/core/embedded.h"

namespace deskd {

namespace {

constexpr const char* kIncidentColumns =
    "number, subject, status, hold_reason, priority, queue, category, owner, requester_id, "
    "language, received_at, updated_at, resolved_at, closed_at, merged_into, urgency, impact";

IncidentRow ReadIncident(const Statement& s) {
  IncidentRow r;
  r.number = s.Int(0);
  r.subject = s.Text(1);
  r.status = s.Text(2);
  r.hold_reason = s.OptText(3);
  r.priority = static_cast<int>(s.Int(4));
  r.queue = s.Text(5);
  r.category = s.OptText(6);
  r.owner = s.OptText(7);
  r.requester_id = s.OptInt(8);
  r.language = s.Text(9);
  r.received_at = s.Int(10);
  r.updated_at = s.Int(11);
  r.resolved_at = s.OptInt(12);
  r.closed_at = s.OptInt(13);
  r.merged_into = s.OptInt(14);
  r.urgency = static_cast<int>(s.Int(15));
  r.impact = static_cast<int>(s.Int(16));
  return r;
}

constexpr const char* kParticipantColumns = "id, incident, address, name, role, added_at";

ParticipantRow ReadParticipant(const Statement& s) {
  ParticipantRow r;
  r.id = s.Int(0);
  r.incident = s.Int(1);
  r.address = s.Text(2);
  r.name = s.OptText(3);
  r.role = s.Text(4);
  r.added_at = s.Int(5);
  return r;
}

constexpr const char* kOutboxColumns =
    "id, incident, kind, message_id, envelope_from, recipients, status, attempts, "
    "next_attempt_at, last_error, created_at, sent_at, cause_message";

OutboxRow ReadOutbox(const Statement& s) {
  OutboxRow r;
  r.id = s.Int(0);
  r.incident = s.OptInt(1);
  r.kind = s.Text(2);
  r.message_id = s.Text(3);
  r.envelope_from = s.Text(4);
  auto recipients = nlohmann::json::parse(s.Text(5), nullptr, /*allow_exceptions=*/false);
  if (recipients.is_array()) {
    for (const auto& a : recipients) {
      if (a.is_string()) r.recipients.push_back(a.get<std::string>());
    }
  }
  r.status = s.Text(6);
  r.attempts = static_cast<int>(s.Int(7));
  r.next_attempt_at = s.Int(8);
  r.last_error = s.OptText(9);
  r.created_at = s.Int(10);
  r.sent_at = s.OptInt(11);
  r.cause_message = s.OptInt(12);
  return r;
}

// Migration files "sql/NNN_name.sql" -> version NNN.
std::optional<int> MigrationVersion(const std::string& path) {
  const std::string prefix = "sql/";
  if (path.rfind(prefix, 0) != 0 || path.size() < prefix.size() + 4) return std::nullopt;
  if (path.substr(path.size() - 4) != ".sql") return std::nullopt;
  size_t i = prefix.size();
  int version = 0;
  size_t digits = 0;
  while (i < path.size() && std::isdigit(static_cast<unsigned char>(path[i])) && digits < 9) {
    version = version * 10 + (path[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0 || i >= path.size() || path[i] != '_') return std::nullopt;
  return version;
}

// FTS5 query from free text: each word as a quoted string, all required.
std::string FtsQuery(const std::string& text) {
  std::string query;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!query.empty()) query += ' ';
    query += '"';
    for (char c : word) {
      if (c == '"') query += '"';
      query += c;
    }
    query += '"';
    word.clear();
  };
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return query;
}

}  // namespace

SqliteStore::SqliteStore(sqlite3* db) : db_(db), cache_(db) {}

SqliteStore::~SqliteStore() {
  cache_.Clear();
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  if (path != ":memory:") {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(parent, ec);
      if (ec) return Error::Io("database " + path + ": cannot create " + parent.string() + ": " +
                               ec.message());
    }
  }
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(db, rc, "open database " + path);
    sqlite3_close_v2(db);
    return e;
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  Status st = store->Configure();
  if (!st.ok()) return Error{st.error().kind, "database " + path + ": " + st.error().message};
  st = store->Migrate();
  if (!st.ok()) return Error{st.error().kind, "database " + path + ": " + st.error().message};
  return store;
}

Status SqliteStore::Configure() {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  // WAL: deskctl reads while deskd writes. synchronous=FULL: every commit is
  // on disk before the IMAP message is flagged or moved; with NORMAL a power
  // loss could roll back a committed mail after its message left the inbox.
  // One fsync per incoming mail is cheap at a service desk's volume.
  // Switching a new database to WAL needs a lock that SQLite does not wait
  // for (no busy handler): when another process is switching it at the same
  // moment, try again for a while.
  for (int attempt = 0;; ++attempt) {
    Status wal = ExecSql(db_, "PRAGMA journal_mode=WAL", "journal_mode");
    if (wal.ok()) break;
    if (wal.error().kind != Error::Kind::kTemporary || attempt >= 500) return wal;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  DESKD_TRY(ExecSql(db_, "PRAGMA synchronous=FULL", "synchronous"));
  DESKD_TRY(ExecSql(db_, "PRAGMA foreign_keys=ON", "foreign_keys"));
  return Status::Ok();
}

Status SqliteStore::Migrate() {
  DESKD_TRY(ExecSql(db_,
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    "applied_at INTEGER NOT NULL)",
                    "create schema_migrations"));
  std::map<int, std::pair<std::string, std::string_view>> migrations;
  for (const auto& [path, bytes] : EmbeddedFiles()) {
    auto version = MigrationVersion(path);
    if (!version || *version == 0) continue;  // 000_* is not a migration
    if (!migrations.emplace(*version, std::make_pair(path, bytes)).second) {
      return Error::Internal("two migrations numbered " + std::to_string(*version));
    }
  }
  DESKD_TRY_ASSIGN(auto current, SchemaVersion());
  int known = migrations.empty() ? 0 : migrations.rbegin()->first;
  if (current > known) {
    return Error::Config("schema version " + std::to_string(current) +
                         " is newer than this deskd knows (" + std::to_string(known) + ")");
  }
  for (const auto& [version, file] : migrations) {
    if (version <= current) continue;
    DESKD_TRY_ASSIGN(auto tx, SqliteTransaction::Begin(db_));
    // Another process (deskd and deskctl starting together on a new
    // database) may have applied it while we waited for the write lock.
    DESKD_TRY_ASSIGN(auto now, SchemaVersion());
    if (version <= now) continue;  // the transaction rolls back unused
    DESKD_TRY(ExecSql(db_, std::string(file.second), "migration " + file.first));
    {
      DESKD_TRY_ASSIGN(auto s, Stmt("INSERT INTO schema_migrations(version, name, applied_at) "
                                    "VALUES (?, ?, CAST(strftime('%s','now') AS INTEGER))"));
      s->Bind(1, version).Bind(2, file.first);
      DESKD_TRY(s->Run());
    }
    DESKD_TRY(tx->Commit());
  }
  return Status::Ok();
}

Result<int> SqliteStore::SchemaVersion() {
  DESKD_TRY_ASSIGN(auto s, Stmt("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  DESKD_TRY(s->Step());
  return static_cast<int>(s->Int(0));
}

Result<int64_t> SqliteStore::MigrationAppliedAt(int version) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("SELECT COALESCE(MIN(applied_at), 0) FROM schema_migrations WHERE version >= ?"));
  s->Bind(1, version);
  DESKD_TRY_ASSIGN(auto step, s->Step());
  return step ? s->Int(0) : int64_t{0};
}

Result<std::unique_ptr<Transaction>> SqliteStore::BeginTransaction() {
  DESKD_TRY_ASSIGN(auto tx, SqliteTransaction::Begin(db_));
  return std::unique_ptr<Transaction>(std::move(tx));
}

// --- incidents ---

Result<int64_t> SqliteStore::CreateIncident(const IncidentRow& row, int64_t first_number) {
  int64_t number = first_number;
  {
    DESKD_TRY_ASSIGN(auto s, Stmt("SELECT MAX(number) FROM incidents"));
    DESKD_TRY(s->Step());
    if (auto max = s->OptInt(0)) number = std::max(first_number, *max + 1);
  }
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("INSERT INTO incidents(number, subject, status, hold_reason, priority, queue, category, "
           "owner, requester_id, language, received_at, updated_at, resolved_at, closed_at, "
           "merged_into, urgency, impact) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  s->Bind(1, number)
      .Bind(2, row.subject)
      .Bind(3, row.status)
      .Bind(4, row.hold_reason)
      .Bind(5, row.priority)
      .Bind(6, row.queue)
      .Bind(7, row.category)
      .Bind(8, row.owner)
      .Bind(9, row.requester_id)
      .Bind(10, row.language)
      .Bind(11, row.received_at)
      .Bind(12, row.updated_at)
      .Bind(13, row.resolved_at)
      .Bind(14, row.closed_at)
      .Bind(15, row.merged_into)
      .Bind(16, row.urgency)
      .Bind(17, row.impact);
  DESKD_TRY(s->Run());
  return number;
}

Result<std::optional<IncidentRow>> SqliteStore::FindIncident(int64_t number) {
  DESKD_TRY_ASSIGN(
      auto s, Stmt(std::string("SELECT ") + kIncidentColumns + " FROM incidents WHERE number = ?"));
  s->Bind(1, number);
  return OptionalRow<IncidentRow>(*s, ReadIncident);
}

Result<std::vector<IncidentRow>> SqliteStore::ListIncidents(const IncidentQuery& query) {
  // One statement for every filter combination: a NULL parameter matches all.
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt(std::string("SELECT ") + kIncidentColumns +
           " FROM incidents WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR owner = ?2)"
           " AND (?3 IS NULL OR queue = ?3) AND (?5 IS NULL OR number IN ("
           "SELECT incident FROM sla_clocks WHERE state = 'running' AND due_at <= ?5 "
           "UNION SELECT incident FROM sla_clocks WHERE state = 'breached' AND met_at IS NULL))"
           " ORDER BY number LIMIT ?4"));
  s->Bind(1, query.status).Bind(2, query.owner).Bind(3, query.queue).Bind(5, query.overdue_at);
  s->Bind(4, query.limit > 0 ? static_cast<int64_t>(query.limit) : int64_t{-1});
  return CollectRows<IncidentRow>(*s, ReadIncident);
}

Result<std::vector<IncidentRow>> SqliteStore::OpenIncidentsOwnedBy(const std::string& owner) {
  DESKD_TRY_ASSIGN(auto s,
                   Stmt(std::string("SELECT ") + kIncidentColumns +
                        " FROM incidents WHERE owner = ? AND status IN ('new', 'open', 'on_hold') "
                        "ORDER BY number"));
  s->Bind(1, owner);
  return CollectRows<IncidentRow>(*s, ReadIncident);
}

Result<std::vector<IncidentRow>> SqliteStore::IncidentsReceivedBetween(int64_t from, int64_t to) {
  DESKD_TRY_ASSIGN(auto s, Stmt(std::string("SELECT ") + kIncidentColumns +
                                " FROM incidents WHERE received_at >= ? AND received_at < ? "
                                "AND status != 'merged'"));
  s->Bind(1, from).Bind(2, to);
  return CollectRows<IncidentRow>(*s, ReadIncident);
}

Result<std::vector<int64_t>> SqliteStore::OpenIncidentsReceivedAt() {
  DESKD_TRY_ASSIGN(
      auto s, Stmt("SELECT received_at FROM incidents WHERE status IN ('new', 'open', 'on_hold')"));
  return CollectRows<int64_t>(*s, [](const Statement& st) { return st.Int(0); });
}

Status SqliteStore::SetIncidentStatus(int64_t number, const std::string& status,
                                const std::optional<std::string>& hold_reason, int64_t now) {
  DESKD_TRY_ASSIGN(auto s,
                   Stmt("UPDATE incidents SET status = ?2, hold_reason = ?3, updated_at = ?4, "
                        "resolved_at = CASE WHEN ?2 = 'resolved' THEN ?4 ELSE resolved_at END, "
                        "closed_at = CASE WHEN ?2 = 'closed' THEN ?4 ELSE closed_at END "
                        "WHERE number = ?1"));
  s->Bind(1, number).Bind(2, status).Bind(3, hold_reason).Bind(4, now);
  DESKD_TRY(s->Run());
  if (sqlite3_changes(db_) != 1) return Error::NotFound("no incident " + std::to_string(number));
  return Status::Ok();
}

Status SqliteStore::SetIncidentRequester(int64_t number, int64_t participant_id) {
  DESKD_TRY_ASSIGN(auto s, Stmt("UPDATE incidents SET requester_id = ? WHERE number = ?"));
  s->Bind(1, participant_id).Bind(2, number);
  return s->Run();
}

Status SqliteStore::SetIncidentLanguage(int64_t number, const std::string& language, int64_t now) {
  DESKD_TRY_ASSIGN(auto s,
                   Stmt("UPDATE incidents SET language = ?, updated_at = ? WHERE number = ?"));
  s->Bind(1, language).Bind(2, now).Bind(3, number);
  return s->Run();
}

Status SqliteStore::SetIncidentOwner(int64_t number, const std::optional<std::string>& owner,
                               int64_t now) {
  DESKD_TRY_ASSIGN(auto s, Stmt("UPDATE incidents SET owner = ?, updated_at = ? WHERE number = ?"));
  s->Bind(1, owner).Bind(2, now).Bind(3, number);
  return s->Run();
}

Status SqliteStore::SetIncidentCategory(int64_t number, const std::optional<std::string>& category,
                                  int64_t now) {
  DESKD_TRY_ASSIGN(auto s,
                   Stmt("UPDATE incidents SET category = ?, updated_at = ? WHERE number = ?"));
  s->Bind(1, category).Bind(2, now).Bind(3, number);
  return s->Run();
}

Status SqliteStore::MergeIncident(int64_t number, int64_t into, int64_t now) {
  DESKD_TRY_ASSIGN(
      auto s, Stmt("UPDATE incidents SET status = 'merged', merged_into = ?, hold_reason = NULL, "
                   "closed_at = COALESCE(closed_at, ?), updated_at = ? WHERE number = ?"));
  s->Bind(1, into).Bind(2, now).Bind(3, now).Bind(4, number);
  return s->Run();
}

Status SqliteStore::TouchIncident(int64_t number, int64_t now) {
  DESKD_TRY_ASSIGN(auto s, Stmt("UPDATE incidents SET updated_at = ? WHERE number = ?"));
  s->Bind(1, now).Bind(2, number);
  return s->Run();
}

// --- participants ---

Result<int64_t> SqliteStore::AddParticipant(int64_t incident, const std::string& address,
                                      const std::optional<std::string>& name,
                                      const std::string& role, int64_t now) {
  {
    DESKD_TRY_ASSIGN(
        auto s,
        Stmt("INSERT INTO participants(incident, address, name, role, added_at) VALUES (?,?,?,?,?) "
             "ON CONFLICT(incident, address) DO NOTHING"));
    s->Bind(1, incident).Bind(2, address).Bind(3, name).Bind(4, role).Bind(5, now);
    DESKD_TRY(s->Run());
  }
  DESKD_TRY_ASSIGN(auto found, FindParticipantByAddress(incident, address));
  if (!found) return Error::Internal("participant " + address + " vanished");
  return found->id;
}

Result<std::optional<ParticipantRow>> SqliteStore::FindParticipant(int64_t id) {
  DESKD_TRY_ASSIGN(auto s, Stmt(std::string("SELECT ") + kParticipantColumns +
                                " FROM participants WHERE id = ?"));
  s->Bind(1, id);
  return OptionalRow<ParticipantRow>(*s, ReadParticipant);
}

Result<std::optional<ParticipantRow>> SqliteStore::FindParticipantByAddress(int64_t incident,
                                                                      const std::string& address) {
  DESKD_TRY_ASSIGN(auto s, Stmt(std::string("SELECT ") + kParticipantColumns +
                                " FROM participants WHERE incident = ? AND address = ?"));
  s->Bind(1, incident).Bind(2, address);
  return OptionalRow<ParticipantRow>(*s, ReadParticipant);
}

Result<std::vector<ParticipantRow>> SqliteStore::Participants(int64_t incident) {
  DESKD_TRY_ASSIGN(auto s, Stmt(std::string("SELECT ") + kParticipantColumns +
                                " FROM participants WHERE incident = ? ORDER BY id"));
  s->Bind(1, incident);
  return CollectRows<ParticipantRow>(*s, ReadParticipant);
}

// --- messages ---

Result<int64_t> SqliteStore::InsertMessage(const MessageRow& row) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("INSERT INTO messages(incident, direction, message_id, raw, raw_size, sha256, mailbox, "
           "uid, uidvalidity, from_address, from_name, subject, text, new_text, classification, "
           "language, is_internal, outside_sender, participant_id, received_at, problems) "
           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  s->Bind(1, row.incident)
      .Bind(2, row.direction)
      .Bind(3, row.message_id)
      .BindBlob(4, row.raw)
      .Bind(5, static_cast<int64_t>(row.raw.size()))
      .Bind(6, row.sha256)
      .Bind(7, row.mailbox)
      .Bind(8, row.uid)
      .Bind(9, row.uidvalidity)
      .Bind(10, row.from_address)
      .Bind(11, row.from_name)
      .Bind(12, row.subject)
      .Bind(13, row.text)
      .Bind(14, row.new_text)
      .Bind(15, row.classification)
      .Bind(16, row.language)
      .Bind(17, row.is_internal ? 1 : 0)
      .Bind(18, row.outside_sender ? 1 : 0)
      .Bind(19, row.participant_id)
      .Bind(20, row.received_at)
      .Bind(21, row.problems_json);
  DESKD_TRY(s->Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<std::optional<int64_t>> SqliteStore::FindMessageBySha256(const std::string& sha256_hex) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("SELECT COALESCE(incident, 0) FROM messages WHERE sha256 = ? ORDER BY id LIMIT 1"));
  s->Bind(1, sha256_hex);
  return OptionalRow<int64_t>(*s, [](const Statement& st) { return st.Int(0); });
}

Result<std::optional<int64_t>> SqliteStore::FindIncomingMessageId(const std::string& message_id) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("SELECT COALESCE(incident, 0) FROM messages WHERE message_id = ? AND direction = 'in' "
           "ORDER BY id LIMIT 1"));
  s->Bind(1, message_id);
  return OptionalRow<int64_t>(*s, [](const Statement& st) { return st.Int(0); });
}

Result<std::optional<int64_t>> SqliteStore::IncidentOfMessageId(const std::string& message_id) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("SELECT incident FROM messages WHERE message_id = ?1 AND incident IS NOT NULL "
           "UNION ALL SELECT incident FROM outbox WHERE message_id = ?1 AND incident IS NOT NULL "
           "LIMIT 1"));
  s->Bind(1, message_id);
  return OptionalRow<int64_t>(*s, [](const Statement& st) { return st.Int(0); });
}

Result<std::vector<MessageRow>> SqliteStore::Messages(int64_t incident) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("SELECT id, incident, direction, message_id, raw_size, sha256, mailbox, uid, "
           "uidvalidity, "
           "from_address, from_name, subject, text, new_text, classification, language, "
           "is_internal, "
           "outside_sender, participant_id, received_at, problems FROM messages WHERE incident = ? "
           "ORDER BY id"));
  s->Bind(1, incident);
  return CollectRows<MessageRow>(*s, [](const Statement& st) {
    MessageRow r;
    r.id = st.Int(0);
    r.incident = st.OptInt(1);
    r.direction = st.Text(2);
    r.message_id = st.OptText(3);
    r.raw_size = st.Int(4);
    r.sha256 = st.Text(5);
    r.mailbox = st.OptText(6);
    r.uid = st.OptInt(7);
    r.uidvalidity = st.OptInt(8);
    r.from_address = st.OptText(9);
    r.from_name = st.OptText(10);
    r.subject = st.Text(11);
    r.text = st.Text(12);
    r.new_text = st.Text(13);
    r.classification = st.Text(14);
    r.language = st.OptText(15);
    r.is_internal = st.Int(16) != 0;
    r.outside_sender = st.Int(17) != 0;
    r.participant_id = st.OptInt(18);
    r.received_at = st.Int(19);
    r.problems_json = st.Text(20);
    return r;
  });
}

Result<std::optional<std::string>> SqliteStore::MessageRaw(int64_t message_id) {
  DESKD_TRY_ASSIGN(auto s, Stmt("SELECT raw FROM messages WHERE id = ?"));
  s->Bind(1, message_id);
  return OptionalRow<std::string>(*s, [](const Statement& st) { return st.Blob(0); });
}

// --- events and links ---

Result<int64_t> SqliteStore::AddEvent(const EventRow& row) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("INSERT INTO events(incident, at, actor, kind, detail, message) VALUES (?,?,?,?,?,?)"));
  s->Bind(1, row.incident)
      .Bind(2, row.at)
      .Bind(3, row.actor)
      .Bind(4, row.kind)
      .Bind(5, row.detail_json)
      .Bind(6, row.message);
  DESKD_TRY(s->Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<std::vector<EventRow>> SqliteStore::Events(int64_t incident) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("SELECT id, incident, at, actor, kind, detail, message FROM events WHERE incident = ? "
           "ORDER BY id"));
  s->Bind(1, incident);
  return CollectRows<EventRow>(*s, [](const Statement& st) {
    EventRow r;
    r.id = st.Int(0);
    r.incident = st.Int(1);
    r.at = st.Int(2);
    r.actor = st.Text(3);
    r.kind = st.Text(4);
    r.detail_json = st.Text(5);
    r.message = st.OptInt(6);
    return r;
  });
}

Result<HandoffCounts> SqliteStore::Handoffs(int64_t incident) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt(
          "SELECT "
          " SUM(kind IN ('escalated', 'delegated') OR (kind IN ('owner', 'assign', 'assigned') AND "
          "     COALESCE(json_extract(detail, '$.from'), '') != '')), "
          " SUM(kind IN ('queue', 'queue_changed', 'moved')) "
          "FROM events WHERE incident = ?"));
  s->Bind(1, incident);
  DESKD_TRY_ASSIGN(auto step, s->Step());
  HandoffCounts counts;  // SUM over no events is NULL: none
  if (step) {
    counts.handed_on = s->OptInt(0).value_or(0);
    counts.queue_moves = s->OptInt(1).value_or(0);
  }
  return counts;
}

Status SqliteStore::AddLink(int64_t incident, const std::string& type, int64_t other, int64_t now) {
  DESKD_TRY_ASSIGN(auto s,
                   Stmt("INSERT INTO links(incident, type, other, created_at) VALUES (?,?,?,?) "
                        "ON CONFLICT(incident, type, other) DO NOTHING"));
  s->Bind(1, incident).Bind(2, type).Bind(3, other).Bind(4, now);
  return s->Run();
}

Result<std::vector<LinkRow>> SqliteStore::Links(int64_t incident) {
  DESKD_TRY_ASSIGN(auto s, Stmt("SELECT type, other FROM links WHERE incident = ? ORDER BY id"));
  s->Bind(1, incident);
  return CollectRows<LinkRow>(*s, [](const Statement& st) {
    return LinkRow{st.Text(0), st.Int(1)};
  });
}

// --- outbox ---

Result<int64_t> SqliteStore::EnqueueOutbox(const OutboxRow& row) {
  int64_t id = 0;
  {
    DESKD_TRY_ASSIGN(auto s, Stmt("INSERT INTO outbox(incident, kind, message_id, envelope_from, "
                                  "recipients, raw, status, "
                                  "attempts, next_attempt_at, created_at, cause_message) "
                                  "VALUES (?,?,?,?,?,?,'queued',0,?,?,?)"));
    s->Bind(1, row.incident)
        .Bind(2, row.kind)
        .Bind(3, row.message_id)
        .Bind(4, row.envelope_from)
        .Bind(5, nlohmann::json(row.recipients).dump())
        .BindBlob(6, row.raw)
        .Bind(7, row.next_attempt_at)
        .Bind(8, row.created_at)
        .Bind(9, row.cause_message);
    DESKD_TRY(s->Run());
    id = sqlite3_last_insert_rowid(db_);
  }
  for (const std::string& address : row.recipients) {
    DESKD_TRY_ASSIGN(
        auto s, Stmt("INSERT INTO outbox_recipients(outbox, address, created_at) VALUES (?,?,?) "
                     "ON CONFLICT DO NOTHING"));
    s->Bind(1, id).Bind(2, address).Bind(3, row.created_at);
    DESKD_TRY(s->Run());
  }
  return id;
}

Result<int> SqliteStore::CountOutboxTo(const std::string& address, int64_t since) {
  DESKD_TRY_ASSIGN(
      auto s, Stmt("SELECT COUNT(*) FROM outbox_recipients WHERE address = ? AND created_at >= ?"));
  s->Bind(1, address).Bind(2, since);
  DESKD_TRY(s->Step());
  return static_cast<int>(s->Int(0));
}

Result<std::vector<OutboxRow>> SqliteStore::DueOutbox(int64_t now, int limit) {
  DESKD_TRY_ASSIGN(auto s,
                   Stmt(std::string("SELECT ") + kOutboxColumns +
                        ", raw FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? "
                        "ORDER BY id LIMIT ?"));
  s->Bind(1, now).Bind(2, limit);
  return CollectRows<OutboxRow>(*s, [](const Statement& st) {
    OutboxRow r = ReadOutbox(st);
    r.raw = st.Blob(13);
    return r;
  });
}

Result<std::optional<int64_t>> SqliteStore::NextOutboxDue() {
  DESKD_TRY_ASSIGN(auto s, Stmt("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'queued'"));
  DESKD_TRY(s->Step());
  return s->OptInt(0);
}

Status SqliteStore::MarkOutboxSent(int64_t id, int attempts, int64_t now) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("UPDATE outbox SET status = 'sent', attempts = ?, sent_at = ?, last_error = NULL "
           "WHERE id = ?"));
  s->Bind(1, attempts).Bind(2, now).Bind(3, id);
  return s->Run();
}

Status SqliteStore::MarkOutboxRetry(int64_t id, int attempts, int64_t next_attempt_at,
                              const std::string& error) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?"));
  s->Bind(1, attempts).Bind(2, next_attempt_at).Bind(3, error).Bind(4, id);
  return s->Run();
}

Status SqliteStore::MarkOutboxFailed(int64_t id, int attempts, const std::string& error) {
  DESKD_TRY_ASSIGN(
      auto s,
      Stmt("UPDATE outbox SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?"));
  s->Bind(1, attempts).Bind(2, error).Bind(3, id);
  return s->Run();
}

Result<std::vector<OutboxRow>> SqliteStore::ListOutbox(const std::string& status, int limit) {
  DESKD_TRY_ASSIGN(
      auto s, Stmt(std::string("SELECT ") + kOutboxColumns +
                   " FROM outbox WHERE (?1 = '' AND status IN ('queued', 'failed')) OR status = ?1 "
                   "ORDER BY id DESC LIMIT ?2"));
  s->Bind(1, status).Bind(2, limit > 0 ? static_cast<int64_t>(limit) : int64_t{-1});
  return CollectRows<OutboxRow>(*s, ReadOutbox);
}

Result<std::optional<OutboxRow>> SqliteStore::FindOutbox(int64_t id) {
  DESKD_TRY_ASSIGN(
      auto s, Stmt(std::string("SELECT ") + kOutboxColumns + ", raw FROM outbox WHERE id = ?"));
  s->Bind(1, id);
  return OptionalRow<OutboxRow>(*s, [](const Statement& st) {
    OutboxRow r = ReadOutbox(st);
    r.raw = st.Blob(13);
    return r;
  });
}

Result<std::vector<OutboxRow>> SqliteStore::OutboxOf(int64_t incident) {
  DESKD_TRY_ASSIGN(auto s, Stmt(std::string("SELECT ") + kOutboxColumns +
                                ", raw FROM outbox WHERE incident = ? ORDER BY id"));
  s->Bind(1, incident);
  return CollectRows<OutboxRow>(*s, [](const Statement& st) {
    OutboxRow r = ReadOutbox(st);
    r.raw = st.Blob(13);
    return r;
  });
}

Status SqliteStore::RetryOutbox(int64_t id, int64_t now) {
  DESKD_TRY_ASSIGN(auto row, FindOutbox(id));
  if (!row) return Error::NotFound("no outbox mail " + std::to_string(id));
  if (row->status != "failed") {
    return Error::Invalid("outbox mail " + std::to_string(id) + " is " + row->status +
                          ", not failed");
  }
  DESKD_TRY_ASSIGN(auto s,
                   Stmt("UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = ? "
                        "WHERE id = ? AND status = 'failed'"));
  s->Bind(1, now).Bind(2, id);
  return s->Run();
}

// --- checkpoints ---

Result<std::optional<Checkpoint>> SqliteStore::GetCheckpoint(const std::string& mailbox) {
  DESKD_TRY_ASSIGN(auto s, Stmt("SELECT uidvalidity, last_uid FROM checkpoints WHERE mailbox = ?"));
  s->Bind(1, mailbox);
  return OptionalRow<Checkpoint>(*s, [](const Statement& st) {
    return Checkpoint{static_cast<uint32_t>(st.Int(0)), static_cast<uint32_t>(st.Int(1))};
  });
}

Status SqliteStore::AdvanceCheckpoint(const std::string& mailbox, uint32_t uidvalidity, uint32_t uid,
                                int64_t now) {
  DESKD_TRY_ASSIGN(auto s,
                   Stmt("INSERT INTO checkpoints(mailbox, uidvalidity, last_uid, updated_at) "
                        "VALUES (?1,?2,?3,?4) "
                        "ON CONFLICT(mailbox) DO UPDATE SET "
                        "last_uid = CASE WHEN uidvalidity = excluded.uidvalidity "
                        "  THEN MAX(last_uid, excluded.last_uid) ELSE excluded.last_uid END, "
                        "uidvalidity = excluded.uidvalidity, updated_at = excluded.updated_at"));
  s->Bind(1, mailbox)
      .Bind(2, static_cast<int64_t>(uidvalidity))
      .Bind(3, static_cast<int64_t>(uid))
      .Bind(4, now);
  return s->Run();
}

// --- search ---

Result<std::vector<SearchHit>> SqliteStore::Search(const std::string& text, int limit) {
  std::string query = FtsQuery(text);
  if (query.empty()) return std::vector<SearchHit>();
  DESKD_TRY_ASSIGN(
      auto s, Stmt("SELECT m.incident, m.id, m.subject, "
                   "snippet(messages_fts, -1, '[', ']', '...', 12) "
                   "FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid "
                   "WHERE messages_fts MATCH ? AND m.incident IS NOT NULL ORDER BY rank LIMIT ?"));
  s->Bind(1, query).Bind(2, limit > 0 ? static_cast<int64_t>(limit) : int64_t{-1});
  return CollectRows<SearchHit>(*s, [](const Statement& st) {
    return SearchHit{st.Int(0), st.Int(1), st.Text(2), st.Text(3)};
  });
}

}  // namespace deskd
