// SqliteStore: the Store on one SQLite file (schema in sql/NNN_*.sql,
// applied at Open). Each method is one or a few prepared statements, cached
// per connection. Private to daemon/store/: other layers see only store.h;
// tests and the benchmark may include it to look at the file directly.
// REQUIRES: used from one thread. Other processes (deskctl) may open the same
// file at the same time (WAL); a busy database is an Error of kind kTemporary.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/sqlite_util.h"
#include "daemon/store/store.h"
#include "parsers/result.h"

struct sqlite3;

namespace deskd {

class SqliteStore final : public Store {
 public:
  // See Store::Open.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  Result<int> SchemaVersion() override;
  Result<int64_t> MigrationAppliedAt(int version) override;
  Result<std::unique_ptr<Transaction>> BeginTransaction() override;

  // incidents
  Result<int64_t> CreateIncident(const IncidentRow& row, int64_t first_number) override;
  Result<std::optional<IncidentRow>> FindIncident(int64_t number) override;
  Result<std::vector<IncidentRow>> ListIncidents(const IncidentQuery& query) override;
  Result<std::vector<IncidentRow>> OpenIncidentsOwnedBy(const std::string& owner) override;
  Result<std::vector<IncidentRow>> IncidentsReceivedBetween(int64_t from, int64_t to) override;
  Result<std::vector<int64_t>> OpenIncidentsReceivedAt() override;
  Status SetIncidentStatus(int64_t number, const std::string& status,
                           const std::optional<std::string>& hold_reason, int64_t now) override;
  Status SetIncidentRequester(int64_t number, int64_t participant_id) override;
  Status TouchIncident(int64_t number, int64_t now) override;
  Status SetIncidentOwner(int64_t number, const std::optional<std::string>& owner,
                          int64_t now) override;
  Status SetIncidentCategory(int64_t number, const std::optional<std::string>& category,
                             int64_t now) override;
  Status MergeIncident(int64_t number, int64_t into, int64_t now) override;
  Status SetIncidentLanguage(int64_t number, const std::string& language, int64_t now) override;

  // participants
  Result<int64_t> AddParticipant(int64_t incident, const std::string& address,
                                 const std::optional<std::string>& name, const std::string& role,
                                 int64_t now) override;
  Result<std::optional<ParticipantRow>> FindParticipant(int64_t id) override;
  Result<std::optional<ParticipantRow>> FindParticipantByAddress(
      int64_t incident, const std::string& address) override;
  Result<std::vector<ParticipantRow>> Participants(int64_t incident) override;

  // messages
  Result<int64_t> InsertMessage(const MessageRow& row) override;
  Result<std::optional<int64_t>> FindMessageBySha256(const std::string& sha256_hex) override;
  Result<std::optional<int64_t>> FindIncomingMessageId(const std::string& message_id) override;
  Result<std::optional<int64_t>> IncidentOfMessageId(const std::string& message_id) override;
  Result<std::vector<MessageRow>> Messages(int64_t incident) override;
  Result<std::optional<std::string>> MessageRaw(int64_t message_id) override;

  // events and links
  Result<int64_t> AddEvent(const EventRow& row) override;
  Result<std::vector<EventRow>> Events(int64_t incident) override;
  Result<HandoffCounts> Handoffs(int64_t incident) override;
  Status AddLink(int64_t incident, const std::string& type, int64_t other, int64_t now) override;
  Result<std::vector<LinkRow>> Links(int64_t incident) override;

  // outbox
  Result<int64_t> EnqueueOutbox(const OutboxRow& row) override;
  Result<int> CountOutboxTo(const std::string& address, int64_t since) override;
  Result<std::vector<OutboxRow>> DueOutbox(int64_t now, int limit) override;
  Result<std::optional<int64_t>> NextOutboxDue() override;
  Status MarkOutboxSent(int64_t id, int attempts, int64_t now) override;
  Status MarkOutboxRetry(int64_t id, int attempts, int64_t next_attempt_at,
                         const std::string& error) override;
  Status MarkOutboxFailed(int64_t id, int attempts, const std::string& error) override;
  Result<std::vector<OutboxRow>> ListOutbox(const std::string& status, int limit) override;
  Result<std::optional<OutboxRow>> FindOutbox(int64_t id) override;
  Result<std::vector<OutboxRow>> OutboxOf(int64_t incident) override;
  Status RetryOutbox(int64_t id, int64_t now) override;

  // priority and SLA clocks (store_sla.cc)
  Status SetIncidentPriority(int64_t number, int priority, int urgency, int impact,
                             int64_t now) override;
  Status UpsertClocks(const std::vector<SlaClock>& clocks, int64_t now) override;
  Result<std::vector<SlaClock>> Clocks(int64_t incident) override;
  Result<std::optional<int64_t>> NextClockDue() override;
  Result<std::vector<SlaClock>> RunningClocksDueBefore(int64_t t, int limit) override;

  // alarms and notifications (store_notify.cc)
  Result<std::vector<AlarmRow>> AlarmsToCompute(int limit) override;
  Result<bool> HasAlarmsToCompute() override;
  Result<std::vector<AlarmRow>> AlarmsDue(int64_t now, int limit) override;
  Result<std::optional<int64_t>> NextAlarmAt() override;
  Status SetAlarm(int64_t incident, const std::string& clock, int64_t next_at) override;
  Status DeleteAlarm(int64_t incident, const std::string& clock) override;
  Result<std::optional<int64_t>> InsertNotification(const NotificationRow& row) override;
  Status SetNotificationOutbox(int64_t id, int64_t outbox) override;
  Result<bool> NotificationExists(const std::string& key) override;
  Result<std::optional<std::string>> LastDigestKey(const std::string& lead) override;
  Result<std::optional<int64_t>> LastDigestAt(const std::string& lead) override;
  Result<std::vector<EscalationRow>> EscalationsBetween(int64_t from, int64_t to) override;

  // checkpoints and search
  Result<std::optional<Checkpoint>> GetCheckpoint(const std::string& mailbox) override;
  Status AdvanceCheckpoint(const std::string& mailbox, uint32_t uidvalidity, uint32_t uid,
                           int64_t now) override;
  Result<std::vector<SearchHit>> Search(const std::string& text, int limit) override;

  // The connection, for tests and the benchmark that read or arrange the
  // file directly. Production code goes through the Store methods.
  sqlite3* db() { return db_; }

 private:
  explicit SqliteStore(sqlite3* db);
  Status Configure();
  Status Migrate();
  Result<StatementRef> Stmt(std::string_view sql) { return cache_.Get(sql); }

  sqlite3* db_;
  StatementCache cache_;
};

}  // namespace deskd
