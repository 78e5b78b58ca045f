// Store: the only door to deskd's database. Typed reads and writes of
// incidents, participants, messages, events, the outbox, SLA clocks, the
// scheduler's alarms and notifications, IMAP checkpoints and the search. No
// SQL and no database header outside daemon/store/: callers see the row
// types of daemon/core/model.h. A caller that needs several writes to be
// atomic wraps them in BeginTransaction() (the intake does: one transaction
// per mail; the scheduler one per tick).
//
// One interface, not one per concern: every user but the outbox sender
// writes across several concerns inside one transaction (a mail touches
// incidents, messages, clocks and the outbox), so a split would narrow no
// caller; one class keeps the SQLite implementation (sqlite_store.h), a later
// PostgreSQL one and the tests' decorators (tests/unit/faulty_store.h)
// method for method alike. The methods are grouped by concern below.
//
// REQUIRES: used from one thread. Other processes (deskctl) may open the same
// database at the same time; a busy database is an Error of kind kTemporary.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/core/model.h"
#include "parsers/result.h"

namespace deskd {

// The writes since Store::BeginTransaction(), kept whole or not at all.
// Destroyed uncommitted, it rolls back.
class Transaction {
 public:
  Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  virtual ~Transaction() = default;

  // Makes the writes durable. On failure (busy, disk full) the transaction
  // may still be open; Rollback() or the destructor ends it.
  virtual Status Commit() = 0;
  // Discards the writes; nothing once committed or rolled back.
  virtual void Rollback() = 0;
};

class Store {
 public:
  // Opens the database at `path` (SQLite today: creates the parent
  // directory and the file if needed, WAL, synchronous=FULL, foreign keys,
  // busy_timeout 5000 ms) and applies the embedded migrations sql/NNN_*.sql
  // newer than its schema. ":memory:" gives a private in-memory database.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);

  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store() = default;

  // Highest migration applied.
  virtual Result<int> SchemaVersion() = 0;
  // When the first migration numbered `version` or higher was applied (unix
  // seconds); 0 when none is.
  virtual Result<int64_t> MigrationAppliedAt(int version) = 0;

  // Takes the write lock at once (SQLite: BEGIN IMMEDIATE), so a busy
  // database shows up here and not halfway through the writes.
  virtual Result<std::unique_ptr<Transaction>> BeginTransaction() = 0;

  // --- incidents ---
  // Inserts `row` (its number is ignored) with number max(first_number,
  // largest + 1); returns the number.
  virtual Result<int64_t> CreateIncident(const IncidentRow& row, int64_t first_number) = 0;
  virtual Result<std::optional<IncidentRow>> FindIncident(int64_t number) = 0;
  virtual Result<std::vector<IncidentRow>> ListIncidents(const IncidentQuery& query) = 0;
  // Open incidents (new, open, on_hold) owned by the technician `owner`, by number.
  virtual Result<std::vector<IncidentRow>> OpenIncidentsOwnedBy(const std::string& owner) = 0;
  // Incidents received in [from, to), merged ones left out.
  virtual Result<std::vector<IncidentRow>> IncidentsReceivedBetween(int64_t from, int64_t to) = 0;
  // The receipt times of the open incidents (new, open, on_hold).
  virtual Result<std::vector<int64_t>> OpenIncidentsReceivedAt() = 0;
  // Sets the status (and hold_reason; resolved_at/closed_at when entering
  // those states) and updated_at. kNotFound: no such incident.
  virtual Status SetIncidentStatus(int64_t number, const std::string& status,
                                   const std::optional<std::string>& hold_reason, int64_t now) = 0;
  virtual Status SetIncidentRequester(int64_t number, int64_t participant_id) = 0;
  virtual Status TouchIncident(int64_t number, int64_t now) = 0;
  // #assign: the owning technician's name (nullopt: nobody).
  virtual Status SetIncidentOwner(int64_t number, const std::optional<std::string>& owner,
                                  int64_t now) = 0;
  virtual Status SetIncidentCategory(int64_t number, const std::optional<std::string>& category,
                                     int64_t now) = 0;
  // #merge: status merged, merged_into set; later mail goes to `into`.
  virtual Status MergeIncident(int64_t number, int64_t into, int64_t now) = 0;
  // The language templates to the client use (a technician's #lang).
  virtual Status SetIncidentLanguage(int64_t number, const std::string& language,
                                     int64_t now) = 0;

  // --- participants ---
  // Adds (incident, address) with `role`, or returns the id of the row that
  // already has that address (its role unchanged).
  virtual Result<int64_t> AddParticipant(int64_t incident, const std::string& address,
                                         const std::optional<std::string>& name,
                                         const std::string& role, int64_t now) = 0;
  virtual Result<std::optional<ParticipantRow>> FindParticipant(int64_t id) = 0;
  virtual Result<std::optional<ParticipantRow>> FindParticipantByAddress(
      int64_t incident, const std::string& address) = 0;
  virtual Result<std::vector<ParticipantRow>> Participants(int64_t incident) = 0;

  // --- messages ---
  // Returns the new row's id.
  virtual Result<int64_t> InsertMessage(const MessageRow& row) = 0;
  // The incident (0 when unattached) of a stored message with these bytes.
  virtual Result<std::optional<int64_t>> FindMessageBySha256(const std::string& sha256_hex) = 0;
  // The incident (0 when unattached) of an incoming message with this Message-ID.
  virtual Result<std::optional<int64_t>> FindIncomingMessageId(const std::string& message_id) = 0;
  // The incident a Message-ID belongs to: an incoming message on an incident,
  // or a mail deskd queued or sent (outbox).
  virtual Result<std::optional<int64_t>> IncidentOfMessageId(const std::string& message_id) = 0;
  // Without raw bytes, in order of arrival.
  virtual Result<std::vector<MessageRow>> Messages(int64_t incident) = 0;
  virtual Result<std::optional<std::string>> MessageRaw(int64_t message_id) = 0;

  // --- events and links ---
  // Returns the new row's id.
  virtual Result<int64_t> AddEvent(const EventRow& row) = 0;
  virtual Result<std::vector<EventRow>> Events(int64_t incident) = 0;
  // What the events of an incident say about its hand-offs (manager digest).
  virtual Result<HandoffCounts> Handoffs(int64_t incident) = 0;
  virtual Status AddLink(int64_t incident, const std::string& type, int64_t other,
                         int64_t now) = 0;
  virtual Result<std::vector<LinkRow>> Links(int64_t incident) = 0;

  // --- outbox ---
  // Inserts the row (status queued; its id ignored) and one
  // outbox_recipients row per recipient. Returns the id.
  virtual Result<int64_t> EnqueueOutbox(const OutboxRow& row) = 0;
  // Outbox mails to `address` written at or after `since`.
  virtual Result<int> CountOutboxTo(const std::string& address, int64_t since) = 0;
  // Queued rows with next_attempt_at <= now, by id, with raw bytes.
  virtual Result<std::vector<OutboxRow>> DueOutbox(int64_t now, int limit) = 0;
  // Earliest next_attempt_at of a queued row.
  virtual Result<std::optional<int64_t>> NextOutboxDue() = 0;
  virtual Status MarkOutboxSent(int64_t id, int attempts, int64_t now) = 0;
  virtual Status MarkOutboxRetry(int64_t id, int attempts, int64_t next_attempt_at,
                                 const std::string& error) = 0;
  virtual Status MarkOutboxFailed(int64_t id, int attempts, const std::string& error) = 0;
  // For `deskctl outbox`: rows without raw bytes, newest first; status ""
  // = queued and failed.
  virtual Result<std::vector<OutboxRow>> ListOutbox(const std::string& status, int limit) = 0;
  virtual Result<std::optional<OutboxRow>> FindOutbox(int64_t id) = 0;
  // Every outbox row of an incident, whatever its status, by id, with raw bytes.
  virtual Result<std::vector<OutboxRow>> OutboxOf(int64_t incident) = 0;
  // For `deskctl retry ID`: a failed row back to queued, attempts 0, due now.
  // kNotFound: no such row; kInvalid: the row is not failed.
  virtual Status RetryOutbox(int64_t id, int64_t now) = 0;

  // --- priority and SLA clocks (sql/002_sla.sql) ---
  // kNotFound: no such incident.
  virtual Status SetIncidentPriority(int64_t number, int priority, int urgency, int impact,
                                     int64_t now) = 0;
  // Inserts or replaces each clock (key: incident, kind); updated_at = now.
  // Marks the clock's alarm "to compute".
  virtual Status UpsertClocks(const std::vector<SlaClock>& clocks, int64_t now) = 0;
  // The clocks of an incident, in kind order; empty when it has none.
  virtual Result<std::vector<SlaClock>> Clocks(int64_t incident) = 0;
  // The earliest due_at of a running clock.
  virtual Result<std::optional<int64_t>> NextClockDue() = 0;
  // Running clocks with due_at <= t, earliest first, at most `limit`.
  virtual Result<std::vector<SlaClock>> RunningClocksDueBefore(int64_t t, int limit) = 0;

  // --- the scheduler's alarms, one per SLA clock (sql/003_notifications.sql) ---
  // Alarms marked "to compute" (their clock changed), at most `limit`.
  virtual Result<std::vector<AlarmRow>> AlarmsToCompute(int limit) = 0;
  // True when an alarm is marked "to compute".
  virtual Result<bool> HasAlarmsToCompute() = 0;
  // Computed alarms with next_at <= now, earliest first, at most `limit`.
  virtual Result<std::vector<AlarmRow>> AlarmsDue(int64_t now, int limit) = 0;
  // The earliest next_at of a computed alarm.
  virtual Result<std::optional<int64_t>> NextAlarmAt() = 0;
  // Sets when the scheduler next has work for the clock's alarm.
  virtual Status SetAlarm(int64_t incident, const std::string& clock, int64_t next_at) = 0;
  // Removes the alarm: nothing more to do for the clock.
  virtual Status DeleteAlarm(int64_t incident, const std::string& clock) = 0;

  // --- notifications: each reminder, escalation and digest, once per key ---
  // Inserts the row (its id and outbox ignored) and returns its id, or
  // nullopt, writing nothing, when a row with its key exists.
  virtual Result<std::optional<int64_t>> InsertNotification(const NotificationRow& row) = 0;
  // Records the first outbox row written for notification `id`.
  virtual Status SetNotificationOutbox(int64_t id, int64_t outbox) = 0;
  // True when a notification with this key exists.
  virtual Result<bool> NotificationExists(const std::string& key) = 0;
  // The key of the newest digest notification of `lead` (technician, daily, weekly).
  virtual Result<std::optional<std::string>> LastDigestKey(const std::string& lead) = 0;
  // When the newest digest notification of `lead` was written.
  virtual Result<std::optional<int64_t>> LastDigestAt(const std::string& lead) = 0;
  // Escalation notifications written in [from, to), oldest first.
  virtual Result<std::vector<EscalationRow>> EscalationsBetween(int64_t from, int64_t to) = 0;

  // --- IMAP checkpoints ---
  virtual Result<std::optional<Checkpoint>> GetCheckpoint(const std::string& mailbox) = 0;
  // Same UIDVALIDITY: last_uid = max(last_uid, uid). A new UIDVALIDITY
  // replaces the checkpoint.
  virtual Status AdvanceCheckpoint(const std::string& mailbox, uint32_t uidvalidity, uint32_t uid,
                                   int64_t now) = 0;

  // --- search ---
  // Words of `text` must all occur (in a subject or a new text), at most
  // `limit` hits (0: all), best first.
  virtual Result<std::vector<SearchHit>> Search(const std::string& text, int limit) = 0;
};

}  // namespace deskd
