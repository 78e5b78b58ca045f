// SlaTracker: keeps an incident's stored priority and SLA clocks
// (sql/002_sla.sql) in step with what happens to it. The rules are
// daemon/sla/sla.h's; this class reads the clocks, applies a rule and writes
// them back. Callers (the intake, deskctl) call it inside their own
// transaction, so the clocks change together with the incident.
// Breaching due clocks and reminding is the scheduler's work, not this.
// REQUIRES: used from the store's thread; store and config outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/calendar/calendar.h"
#include "daemon/config/config.h"
#include "daemon/sla/priority.h"
#include "daemon/sla/sla.h"
#include "daemon/store/store.h"
#include "parsers/mail.h"
#include "parsers/result.h"

namespace deskd {

class SlaTracker {
 public:
  // The calendar is built from config.calendar (validated at config load;
  // should that fail, Mon-Fri 09:00-17:00 in desk.time_zone is used).
  SlaTracker(Store& store, const Config& config);
  SlaTracker(Store& store, const Config& config, BusinessCalendar calendar);

  // A new incident (`incident.number`, received_at and queue set): its
  // priority, urgency and impact from the first mail are stored and its
  // clocks started from received_at.
  Result<PriorityDecision> OnCreated(const IncidentRow& incident, const ParsedMail& mail);
  // A technician's answer was relayed to the client (queued for it): first
  // response and in_work met at `at`.
  Status OnTechnicianAnswer(int64_t incident, int64_t at);
  // The status changed. `hold_reason`: the reason told to the client when
  // the new status is on_hold. `by_technician`: a technician did it.
  Status OnStatusChange(int64_t incident, const std::string& from, const std::string& to,
                        const std::optional<std::string>& hold_reason, bool by_technician,
                        int64_t at);
  // The owner changed to another technician: in_work met.
  Status OnDelegated(int64_t incident, int64_t at);
  // A technician set the priority (1..4): stored, deadlines recomputed from receipt.
  Status SetPriority(int64_t incident, int priority, int64_t now);
  // Re-targets the clocks from the incident's current priority and queue
  // (deadlines from receipt, pauses and met times kept); starts them if the
  // incident has none (an incident from before 002_sla). kNotFound: no incident.
  Status Recompute(int64_t incident, int64_t now);

  const BusinessCalendar& calendar() const { return calendar_; }

 private:
  // Loads the clocks (starting them when there are none), applies `rule`,
  // stores them when it changed something.
  template <typename Rule>
  Status Update(int64_t incident, int64_t now, Rule rule);

  Store& store_;
  const Config& config_;
  BusinessCalendar calendar_;
};

}  // namespace deskd
