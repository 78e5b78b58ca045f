// FaultyStore: a Store for tests that forwards every call to a real store
// and fails one chosen call with an injected error, the way leveldb's tests
// wrap their Env (db/fault_injection_test.cc). The caller under test sees
// the error exactly where a full disk or a busy database would show it; the
// test then checks that nothing of the transaction was kept.
//
//   FaultyStore faulty(*store);
//   faulty.Inject({.method = "InsertMessage", .after = true});  // written, then fails
//   faulty.Inject({.method = "Commit"});                        // the commit fails
//   faulty.Inject({.method = "", .nth = 3});                    // the third write fails
//
// Writes are BeginTransaction, a transaction's Commit and every method that
// changes the database; reads can be failed by name too. One fault at a time,
// fired once; later calls go through.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "daemon/store/store.h"

namespace deskd {
namespace testing {

class FaultyStore final : public Store {
 public:
  struct Fault {
    std::string method;  // a Store method, "Commit" (a transaction's), or "" = any write
    int nth = 1;         // the nth call that matches, from 1
    bool after = false;  // forward the call first, then report the error
    Error error = Error::Temporary("injected: disk full");
  };

  // REQUIRES: `base` outlives this store and the transactions it begins.
  explicit FaultyStore(Store& base) : base_(base) {}

  // Arms `fault` and starts counting calls afresh.
  void Inject(Fault fault) {
    fault_ = std::move(fault);
    matched_ = 0;
    writes_ = 0;
    fired_ = false;
  }
  // Disarms; every call goes through.
  void Clear() { fault_.reset(); }
  // True once the armed fault has failed a call.
  bool fired() const { return fired_; }
  // Writes since the last Inject (forwarded or failed).
  int writes() const { return writes_; }

  Result<std::unique_ptr<Transaction>> BeginTransaction() override {
    return Call("BeginTransaction", true, [&]() -> Result<std::unique_ptr<Transaction>> {
      DESKD_TRY_ASSIGN(auto tx, base_.BeginTransaction());
      return std::unique_ptr<Transaction>(new FaultyTransaction(*this, std::move(tx)));
    });
  }

  Result<int> SchemaVersion() override {
    return Call("SchemaVersion", false, [&] { return base_.SchemaVersion(); });
  }
  Result<int64_t> MigrationAppliedAt(int version) override {
    return Call("MigrationAppliedAt", false, [&] { return base_.MigrationAppliedAt(version); });
  }
  Result<int64_t> CreateIncident(const IncidentRow& row, int64_t first_number) override {
    return Call("CreateIncident", true, [&] { return base_.CreateIncident(row, first_number); });
  }
  Result<std::optional<IncidentRow>> FindIncident(int64_t number) override {
    return Call("FindIncident", false, [&] { return base_.FindIncident(number); });
  }
  Result<std::vector<IncidentRow>> ListIncidents(const IncidentQuery& query) override {
    return Call("ListIncidents", false, [&] { return base_.ListIncidents(query); });
  }
  Result<std::vector<IncidentRow>> OpenIncidentsOwnedBy(const std::string& owner) override {
    return Call("OpenIncidentsOwnedBy", false, [&] { return base_.OpenIncidentsOwnedBy(owner); });
  }
  Result<std::vector<IncidentRow>> IncidentsReceivedBetween(int64_t from, int64_t to) override {
    return Call("IncidentsReceivedBetween", false,
                [&] { return base_.IncidentsReceivedBetween(from, to); });
  }
  Result<std::vector<int64_t>> OpenIncidentsReceivedAt() override {
    return Call("OpenIncidentsReceivedAt", false, [&] { return base_.OpenIncidentsReceivedAt(); });
  }
  Status SetIncidentStatus(int64_t number, const std::string& status,
                           const std::optional<std::string>& hold_reason, int64_t now) override {
    return Call("SetIncidentStatus", true,
                [&] { return base_.SetIncidentStatus(number, status, hold_reason, now); });
  }
  Status SetIncidentRequester(int64_t number, int64_t participant_id) override {
    return Call("SetIncidentRequester", true,
                [&] { return base_.SetIncidentRequester(number, participant_id); });
  }
  Status TouchIncident(int64_t number, int64_t now) override {
    return Call("TouchIncident", true, [&] { return base_.TouchIncident(number, now); });
  }
  Status SetIncidentOwner(int64_t number, const std::optional<std::string>& owner,
                          int64_t now) override {
    return Call("SetIncidentOwner", true,
                [&] { return base_.SetIncidentOwner(number, owner, now); });
  }
  Status SetIncidentCategory(int64_t number, const std::optional<std::string>& category,
                             int64_t now) override {
    return Call("SetIncidentCategory", true,
                [&] { return base_.SetIncidentCategory(number, category, now); });
  }
  Status MergeIncident(int64_t number, int64_t into, int64_t now) override {
    return Call("MergeIncident", true, [&] { return base_.MergeIncident(number, into, now); });
  }
  Status SetIncidentLanguage(int64_t number, const std::string& language, int64_t now) override {
    return Call("SetIncidentLanguage", true,
                [&] { return base_.SetIncidentLanguage(number, language, now); });
  }
  Result<int64_t> AddParticipant(int64_t incident, const std::string& address,
                                 const std::optional<std::string>& name, const std::string& role,
                                 int64_t now) override {
    return Call("AddParticipant", true,
                [&] { return base_.AddParticipant(incident, address, name, role, now); });
  }
  Result<std::optional<ParticipantRow>> FindParticipant(int64_t id) override {
    return Call("FindParticipant", false, [&] { return base_.FindParticipant(id); });
  }
  Result<std::optional<ParticipantRow>> FindParticipantByAddress(
      int64_t incident, const std::string& address) override {
    return Call("FindParticipantByAddress", false,
                [&] { return base_.FindParticipantByAddress(incident, address); });
  }
  Result<std::vector<ParticipantRow>> Participants(int64_t incident) override {
    return Call("Participants", false, [&] { return base_.Participants(incident); });
  }
  Result<int64_t> InsertMessage(const MessageRow& row) override {
    return Call("InsertMessage", true, [&] { return base_.InsertMessage(row); });
  }
  Result<std::optional<int64_t>> FindMessageBySha256(const std::string& sha256_hex) override {
    return Call("FindMessageBySha256", false,
                [&] { return base_.FindMessageBySha256(sha256_hex); });
  }
  Result<std::optional<int64_t>> FindIncomingMessageId(const std::string& message_id) override {
    return Call("FindIncomingMessageId", false,
                [&] { return base_.FindIncomingMessageId(message_id); });
  }
  Result<std::optional<int64_t>> IncidentOfMessageId(const std::string& message_id) override {
    return Call("IncidentOfMessageId", false,
                [&] { return base_.IncidentOfMessageId(message_id); });
  }
  Result<std::vector<MessageRow>> Messages(int64_t incident) override {
    return Call("Messages", false, [&] { return base_.Messages(incident); });
  }
  Result<std::optional<std::string>> MessageRaw(int64_t message_id) override {
    return Call("MessageRaw", false, [&] { return base_.MessageRaw(message_id); });
  }
  Result<int64_t> AddEvent(const EventRow& row) override {
    return Call("AddEvent", true, [&] { return base_.AddEvent(row); });
  }
  Result<std::vector<EventRow>> Events(int64_t incident) override {
    return Call("Events", false, [&] { return base_.Events(incident); });
  }
  Result<HandoffCounts> Handoffs(int64_t incident) override {
    return Call("Handoffs", false, [&] { return base_.Handoffs(incident); });
  }
  Status AddLink(int64_t incident, const std::string& type, int64_t other, int64_t now) override {
    return Call("AddLink", true, [&] { return base_.AddLink(incident, type, other, now); });
  }
  Result<std::vector<LinkRow>> Links(int64_t incident) override {
    return Call("Links", false, [&] { return base_.Links(incident); });
  }
  Result<int64_t> EnqueueOutbox(const OutboxRow& row) override {
    return Call("EnqueueOutbox", true, [&] { return base_.EnqueueOutbox(row); });
  }
  Result<int> CountOutboxTo(const std::string& address, int64_t since) override {
    return Call("CountOutboxTo", false, [&] { return base_.CountOutboxTo(address, since); });
  }
  Result<std::vector<OutboxRow>> DueOutbox(int64_t now, int limit) override {
    return Call("DueOutbox", false, [&] { return base_.DueOutbox(now, limit); });
  }
  Result<std::optional<int64_t>> NextOutboxDue() override {
    return Call("NextOutboxDue", false, [&] { return base_.NextOutboxDue(); });
  }
  Status MarkOutboxSent(int64_t id, int attempts, int64_t now) override {
    return Call("MarkOutboxSent", true, [&] { return base_.MarkOutboxSent(id, attempts, now); });
  }
  Status MarkOutboxRetry(int64_t id, int attempts, int64_t next_attempt_at,
                         const std::string& error) override {
    return Call("MarkOutboxRetry", true,
                [&] { return base_.MarkOutboxRetry(id, attempts, next_attempt_at, error); });
  }
  Status MarkOutboxFailed(int64_t id, int attempts, const std::string& error) override {
    return Call("MarkOutboxFailed", true,
                [&] { return base_.MarkOutboxFailed(id, attempts, error); });
  }
  Result<std::vector<OutboxRow>> ListOutbox(const std::string& status, int limit) override {
    return Call("ListOutbox", false, [&] { return base_.ListOutbox(status, limit); });
  }
  Result<std::optional<OutboxRow>> FindOutbox(int64_t id) override {
    return Call("FindOutbox", false, [&] { return base_.FindOutbox(id); });
  }
  Result<std::vector<OutboxRow>> OutboxOf(int64_t incident) override {
    return Call("OutboxOf", false, [&] { return base_.OutboxOf(incident); });
  }
  Status RetryOutbox(int64_t id, int64_t now) override {
    return Call("RetryOutbox", true, [&] { return base_.RetryOutbox(id, now); });
  }
  Status SetIncidentPriority(int64_t number, int priority, int urgency, int impact,
                             int64_t now) override {
    return Call("SetIncidentPriority", true,
                [&] { return base_.SetIncidentPriority(number, priority, urgency, impact, now); });
  }
  Status UpsertClocks(const std::vector<SlaClock>& clocks, int64_t now) override {
    return Call("UpsertClocks", true, [&] { return base_.UpsertClocks(clocks, now); });
  }
  Result<std::vector<SlaClock>> Clocks(int64_t incident) override {
    return Call("Clocks", false, [&] { return base_.Clocks(incident); });
  }
  Result<std::optional<int64_t>> NextClockDue() override {
    return Call("NextClockDue", false, [&] { return base_.NextClockDue(); });
  }
  Result<std::vector<SlaClock>> RunningClocksDueBefore(int64_t t, int limit) override {
    return Call("RunningClocksDueBefore", false,
                [&] { return base_.RunningClocksDueBefore(t, limit); });
  }
  Result<std::vector<AlarmRow>> AlarmsToCompute(int limit) override {
    return Call("AlarmsToCompute", false, [&] { return base_.AlarmsToCompute(limit); });
  }
  Result<bool> HasAlarmsToCompute() override {
    return Call("HasAlarmsToCompute", false, [&] { return base_.HasAlarmsToCompute(); });
  }
  Result<std::vector<AlarmRow>> AlarmsDue(int64_t now, int limit) override {
    return Call("AlarmsDue", false, [&] { return base_.AlarmsDue(now, limit); });
  }
  Result<std::optional<int64_t>> NextAlarmAt() override {
    return Call("NextAlarmAt", false, [&] { return base_.NextAlarmAt(); });
  }
  Status SetAlarm(int64_t incident, const std::string& clock, int64_t next_at) override {
    return Call("SetAlarm", true, [&] { return base_.SetAlarm(incident, clock, next_at); });
  }
  Status DeleteAlarm(int64_t incident, const std::string& clock) override {
    return Call("DeleteAlarm", true, [&] { return base_.DeleteAlarm(incident, clock); });
  }
  Result<std::optional<int64_t>> InsertNotification(const NotificationRow& row) override {
    return Call("InsertNotification", true, [&] { return base_.InsertNotification(row); });
  }
  Status SetNotificationOutbox(int64_t id, int64_t outbox) override {
    return Call("SetNotificationOutbox", true,
                [&] { return base_.SetNotificationOutbox(id, outbox); });
  }
  Result<bool> NotificationExists(const std::string& key) override {
    return Call("NotificationExists", false, [&] { return base_.NotificationExists(key); });
  }
  Result<std::optional<std::string>> LastDigestKey(const std::string& lead) override {
    return Call("LastDigestKey", false, [&] { return base_.LastDigestKey(lead); });
  }
  Result<std::optional<int64_t>> LastDigestAt(const std::string& lead) override {
    return Call("LastDigestAt", false, [&] { return base_.LastDigestAt(lead); });
  }
  Result<std::vector<EscalationRow>> EscalationsBetween(int64_t from, int64_t to) override {
    return Call("EscalationsBetween", false, [&] { return base_.EscalationsBetween(from, to); });
  }
  Result<std::optional<Checkpoint>> GetCheckpoint(const std::string& mailbox) override {
    return Call("GetCheckpoint", false, [&] { return base_.GetCheckpoint(mailbox); });
  }
  Status AdvanceCheckpoint(const std::string& mailbox, uint32_t uidvalidity, uint32_t uid,
                           int64_t now) override {
    return Call("AdvanceCheckpoint", true,
                [&] { return base_.AdvanceCheckpoint(mailbox, uidvalidity, uid, now); });
  }
  Result<std::vector<SearchHit>> Search(const std::string& text, int limit) override {
    return Call("Search", false, [&] { return base_.Search(text, limit); });
  }

 private:
  // Passes Commit through the fault; Rollback always goes through.
  class FaultyTransaction final : public Transaction {
   public:
    FaultyTransaction(FaultyStore& store, std::unique_ptr<Transaction> base)
        : store_(store), base_(std::move(base)) {}
    Status Commit() override {
      return store_.Call("Commit", true, [&] { return base_->Commit(); });
    }
    void Rollback() override { base_->Rollback(); }

   private:
    FaultyStore& store_;
    std::unique_ptr<Transaction> base_;
  };

  // True when this call is the one to fail.
  bool Hit(const char* method, bool write) {
    if (write) ++writes_;
    if (!fault_ || fired_) return false;
    bool matches = fault_->method.empty() ? write : fault_->method == method;
    if (!matches || ++matched_ != fault_->nth) return false;
    fired_ = true;
    return true;
  }

  // Forwards the call unless it is the one to fail (before or after it).
  template <typename F>
  auto Call(const char* method, bool write, F&& forward) -> decltype(forward()) {
    if (!Hit(method, write)) return forward();
    if (!fault_->after) return fault_->error;
    auto result = forward();
    if (!result.ok()) return result;
    return fault_->error;
  }

  Store& base_;
  std::optional<Fault> fault_;
  int matched_ = 0;
  int writes_ = 0;
  bool fired_ = false;
};

}  // namespace testing
}  // namespace deskd
