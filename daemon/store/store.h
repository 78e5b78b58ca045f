// Store: deskd's SQLite database (schema in sql/NNN_*.sql, applied at Open).
// Typed reads and writes of incidents, participants, messages, events, the
// outbox and IMAP checkpoints. Each method is one or a few prepared
// statements; a caller that needs several writes to be atomic wraps them in
// BeginTransaction() (the intake does: one transaction per mail).
// REQUIRES: used from one thread. Other processes (deskctl) may open the same
// file at the same time (WAL); a busy database is an Error of kind kTemporary.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/model.h"
#include "daemon/store/sqlite_util.h"
#include "parsers/result.h"

struct sqlite3;

namespace deskd {

class Store {
 public:
  // Creates the parent directory and the file if needed, opens it (WAL,
  // synchronous=FULL, foreign_keys=ON, busy_timeout 5000 ms) and applies the
  // embedded migrations sql/NNN_*.sql that are newer than the file's schema.
  // ":memory:" gives a private in-memory database.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Highest migration applied.
  Result<int> SchemaVersion();

  // BEGIN IMMEDIATE; rolled back when the returned object dies uncommitted.
  Result<std::unique_ptr<Transaction>> BeginTransaction();

  // --- incidents ---
  // Inserts `row` (its number is ignored) with number max(first_number,
  // largest + 1); returns the number.
  Result<int64_t> CreateIncident(const IncidentRow& row, int64_t first_number);
  Result<std::optional<IncidentRow>> FindIncident(int64_t number);
  Result<std::vector<IncidentRow>> ListIncidents(const IncidentQuery& query);
  // Sets the status (and hold_reason; resolved_at/closed_at when entering
  // those states) and updated_at.
  Status SetIncidentStatus(int64_t number, const std::string& status,
                           const std::optional<std::string>& hold_reason, int64_t now);
  Status SetIncidentRequester(int64_t number, int64_t participant_id);
  Status TouchIncident(int64_t number, int64_t now);
  // #assign: the owning technician's name (nullopt: nobody).
  Status SetIncidentOwner(int64_t number, const std::optional<std::string>& owner, int64_t now);
  Status SetIncidentCategory(int64_t number, const std::optional<std::string>& category,
                             int64_t now);
  // #merge: status merged, merged_into set; later mail goes to `into`.
  Status MergeIncident(int64_t number, int64_t into, int64_t now);
  // The language templates to the client use (a technician's #lang).
  Status SetIncidentLanguage(int64_t number, const std::string& language, int64_t now);

  // --- participants ---
  // Adds (incident, address) with `role`, or returns the id of the row that
  // already has that address (its role unchanged).
  Result<int64_t> AddParticipant(int64_t incident, const std::string& address,
                                 const std::optional<std::string>& name, const std::string& role,
                                 int64_t now);
  Result<std::optional<ParticipantRow>> FindParticipant(int64_t id);
  Result<std::optional<ParticipantRow>> FindParticipantByAddress(int64_t incident,
                                                                 const std::string& address);
  Result<std::vector<ParticipantRow>> Participants(int64_t incident);

  // --- messages ---
  Result<int64_t> InsertMessage(const MessageRow& row);
  // The incident (0 when unattached) of a stored message with these bytes.
  Result<std::optional<int64_t>> FindMessageBySha256(const std::string& sha256_hex);
  // The incident (0 when unattached) of an incoming message with this Message-ID.
  Result<std::optional<int64_t>> FindIncomingMessageId(const std::string& message_id);
  // The incident a Message-ID belongs to: an incoming message on an incident,
  // or a mail deskd queued or sent (outbox).
  Result<std::optional<int64_t>> IncidentOfMessageId(const std::string& message_id);
  // Without raw bytes, in order of arrival.
  Result<std::vector<MessageRow>> Messages(int64_t incident);
  Result<std::optional<std::string>> MessageRaw(int64_t message_id);

  // --- events and links ---
  Result<int64_t> AddEvent(const EventRow& row);
  Result<std::vector<EventRow>> Events(int64_t incident);
  Status AddLink(int64_t incident, const std::string& type, int64_t other, int64_t now);
  Result<std::vector<LinkRow>> Links(int64_t incident);

  // --- outbox ---
  // Inserts the row (status queued; its id ignored) and one
  // outbox_recipients row per recipient. Returns the id.
  Result<int64_t> EnqueueOutbox(const OutboxRow& row);
  // Outbox mails to `address` written at or after `since`.
  Result<int> CountOutboxTo(const std::string& address, int64_t since);
  // Queued rows with next_attempt_at <= now, by id, with raw bytes.
  Result<std::vector<OutboxRow>> DueOutbox(int64_t now, int limit);
  // Earliest next_attempt_at of a queued row.
  Result<std::optional<int64_t>> NextOutboxDue();
  Status MarkOutboxSent(int64_t id, int attempts, int64_t now);
  Status MarkOutboxRetry(int64_t id, int attempts, int64_t next_attempt_at,
                         const std::string& error);
  Status MarkOutboxFailed(int64_t id, int attempts, const std::string& error);
  // For `deskctl outbox`: rows without raw bytes, newest first; status ""
  // = queued and failed.
  Result<std::vector<OutboxRow>> ListOutbox(const std::string& status, int limit);
  Result<std::optional<OutboxRow>> FindOutbox(int64_t id);
  // For `deskctl retry ID`: a failed row back to queued, attempts 0, due now.
  // kNotFound: no such row; kInvalid: the row is not failed.
  Status RetryOutbox(int64_t id, int64_t now);

  // --- priority and SLA clocks (sql/002_sla.sql) ---
  Status SetIncidentPriority(int64_t number, int priority, int urgency, int impact, int64_t now);
  // Inserts or replaces each clock (key: incident, kind); updated_at = now.
  Status UpsertClocks(const std::vector<SlaClock>& clocks, int64_t now);
  // The clocks of an incident, in kind order; empty when it has none.
  Result<std::vector<SlaClock>> Clocks(int64_t incident);
  // The earliest due_at of a running clock (the scheduler's next wake-up).
  Result<std::optional<int64_t>> NextClockDue();
  // Running clocks with due_at <= t, earliest first, at most `limit`.
  Result<std::vector<SlaClock>> RunningClocksDueBefore(int64_t t, int limit);

  // --- IMAP checkpoints ---
  Result<std::optional<Checkpoint>> GetCheckpoint(const std::string& mailbox);
  // Same UIDVALIDITY: last_uid = max(last_uid, uid). A new UIDVALIDITY
  // replaces the checkpoint.
  Status AdvanceCheckpoint(const std::string& mailbox, uint32_t uidvalidity, uint32_t uid,
                           int64_t now);

  // --- search ---
  // Words of `text` must all occur (FTS5 over subject and new_text).
  Result<std::vector<SearchHit>> Search(const std::string& text, int limit);

  // Fault injection for tests: called at named points inside multi-step
  // operations of callers (see Intake); a non-OK status is returned there.
  void SetFaultHookForTest(std::function<Status(std::string_view point)> hook) {
    fault_hook_ = std::move(hook);
  }
  Status FaultPoint(std::string_view point) const {
    return fault_hook_ ? fault_hook_(point) : Status::Ok();
  }

  sqlite3* db() { return db_; }

 private:
  explicit Store(sqlite3* db);
  Status Configure();
  Status Migrate();
  Result<StatementRef> Stmt(std::string_view sql) { return cache_.Get(sql); }

  sqlite3* db_;
  StatementCache cache_;
  std::function<Status(std::string_view)> fault_hook_;
};

}  // namespace deskd
