// The desk's model as plain values: incidents, participants, messages,
// events, links, outgoing mail, IMAP checkpoints, SLA clocks, alarms and
// notifications, as the store reads and writes them. No database, no I/O:
// every layer may use these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskd {

struct IncidentRow {
  int64_t number = 0;
  std::string subject;
  std::string status = "new";  // new|open|on_hold|resolved|closed|merged
  std::optional<std::string> hold_reason;
  int priority = 3;
  int urgency = 2;  // 1 (high) .. 3 (low)
  int impact = 2;   // 1 (high) .. 3 (low)
  std::string queue;
  std::optional<std::string> category;
  std::optional<std::string> owner;        // technician name
  std::optional<int64_t> requester_id;     // participants.id
  std::string language = "en";
  int64_t received_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> resolved_at;
  std::optional<int64_t> closed_at;
  std::optional<int64_t> merged_into;
};

struct ParticipantRow {
  int64_t id = 0;
  int64_t incident = 0;
  std::string address;
  std::optional<std::string> name;
  std::string role;  // requester|cc|technician
  int64_t added_at = 0;
};

struct MessageRow {
  int64_t id = 0;
  std::optional<int64_t> incident;
  std::string direction = "in";
  std::optional<std::string> message_id;
  std::string raw;  // left empty by the listing reads
  int64_t raw_size = 0;
  std::string sha256;
  std::optional<std::string> mailbox;
  std::optional<int64_t> uid;
  std::optional<int64_t> uidvalidity;
  std::optional<std::string> from_address;
  std::optional<std::string> from_name;
  std::string subject;
  std::string text;
  std::string new_text;
  std::string classification = "human";
  std::optional<std::string> language;
  bool is_internal = false;
  bool outside_sender = false;
  std::optional<int64_t> participant_id;
  int64_t received_at = 0;
  std::string problems_json = "[]";
};

struct EventRow {
  int64_t id = 0;
  int64_t incident = 0;
  int64_t at = 0;
  std::string actor;
  std::string kind;
  std::string detail_json = "{}";
  std::optional<int64_t> message;
};

struct LinkRow {
  std::string type;  // merged_into|duplicate_of|related|parent|child
  int64_t other = 0;
};

struct OutboxRow {
  int64_t id = 0;
  std::optional<int64_t> incident;
  std::string kind;
  std::string message_id;
  std::string envelope_from;
  std::vector<std::string> recipients;
  std::string raw;  // left empty by ListOutbox
  std::string status = "queued";  // queued|sent|failed
  int attempts = 0;
  int64_t next_attempt_at = 0;
  std::optional<std::string> last_error;
  int64_t created_at = 0;
  std::optional<int64_t> sent_at;
  std::optional<int64_t> cause_message;
};

// The scheduler's alarm of one SLA clock (sql/003_notifications.sql).
struct AlarmRow {
  int64_t incident = 0;
  std::string clock;               // first_response|in_work|resolution
  std::optional<int64_t> next_at;  // nullopt: the clock changed, compute again
};

// A reminder, escalation or digest deskd wrote: one row per unique key.
struct NotificationRow {
  int64_t id = 0;
  std::string key;                  // e.g. reminder:1042:resolution:75%:1795430000
  std::optional<int64_t> incident;  // nullopt for a digest
  std::optional<std::string> clock;
  std::string kind;                 // reminder|escalation|digest
  std::string lead;                 // 75%, 60m, breach, manual, technician, daily, weekly
  std::vector<std::string> recipients;
  std::optional<int64_t> outbox;    // the first outbox row written for it
  int64_t created_at = 0;
};

// An escalation notification as the manager's digest lists it.
struct EscalationRow {
  int64_t incident = 0;
  int64_t at = 0;          // when it was written
  std::string lead;        // breach, manual, technician
  std::string clock;       // "" when none
  std::string subject;     // the incident's, "" when it is gone
  std::string reason;      // the escalated event's reason, "" when none
  int64_t due_at = 0;      // the clock's deadline, 0 when none
};

// What the events of an incident say about where it went.
struct HandoffCounts {
  int64_t handed_on = 0;    // escalated, delegated, or reassigned from an owner
  int64_t queue_moves = 0;  // moved to another queue
};

struct Checkpoint {
  uint32_t uidvalidity = 0;
  uint32_t last_uid = 0;
};

struct IncidentQuery {
  std::optional<std::string> status;
  std::optional<std::string> owner;
  std::optional<std::string> queue;
  // Only incidents with an SLA clock overdue at this time: running with
  // due_at <= overdue_at, or breached and not met.
  std::optional<int64_t> overdue_at;
  int limit = 0;  // 0 = all
};

struct SearchHit {
  int64_t incident = 0;
  int64_t message = 0;
  std::string subject;
  std::string snippet;  // matching words in [brackets]
};

enum class ClockKind { kFirstResponse, kInWork, kResolution };
enum class ClockState { kRunning, kPaused, kMet, kBreached };

// "first_response", "in_work", "resolution" (the names in JSON and the database).
const char* ClockKindName(ClockKind kind);
std::optional<ClockKind> ParseClockKind(std::string_view name);
// "running", "paused", "met", "breached".
const char* ClockStateName(ClockState state);
std::optional<ClockState> ParseClockState(std::string_view name);

struct SlaClock {
  int64_t incident = 0;
  ClockKind kind = ClockKind::kFirstResponse;
  ClockState state = ClockState::kRunning;
  int64_t started_at = 0;      // the incident's receipt
  int64_t due_at = 0;          // deadline; for a paused clock: as it stood when paused
  int64_t budget_seconds = 0;  // allowed time: wall seconds, or working seconds if working_time
  bool working_time = false;   // true: the budget runs on the business calendar
  std::optional<int64_t> met_at;
  std::optional<int64_t> breached_at;  // when the breach was recorded
  std::optional<int64_t> paused_since;
  int64_t paused_seconds = 0;  // working seconds of earlier, ended pauses
  bool operator==(const SlaClock&) const = default;

  // Not met yet (running, paused, or breached without met_at).
  bool Open() const { return !met_at.has_value(); }
};

}  // namespace deskd
