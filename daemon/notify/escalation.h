// Escalation: an incident goes to the manager ([manager]) at once, with its
// summary, deadlines and history: at an SLA breach (the scheduler), by hand
// (`deskctl escalate N --reason TEXT`), or by a technician's #escalate. The
// mail is queued exactly once (daemon/notify/notifier.h) and an "escalated" event
// is recorded in the same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/calendar/calendar.h"
#include "daemon/config/config.h"
#include "daemon/notify/notifier.h"
#include "daemon/sla/sla.h"
#include "daemon/store/store.h"
#include "daemon/compose/templates.h"
#include "parsers/result.h"

namespace deskd {

struct EscalationRequest {
  std::string key;                   // BreachKey(...) or ManualEscalationKey(...)
  std::string actor;                 // technician name, "operator", "deskd"
  std::string reason;                // "" = none given
  std::optional<SlaClock> breached;  // the clock that was missed (lead "breach")
};

// A fresh key for one escalation by hand: "escalation:<n>:manual:<now>:<random>".
std::string ManualEscalationKey(int64_t incident, int64_t now);

// The template values of the escalation mail of `incident` (summary,
// deadlines, history, the client's first mail), in `language`.
Result<TemplateValues> EscalationValues(Store& store, const Config& config,
                                        const BusinessCalendar& calendar,
                                        const IncidentRow& incident,
                                        const EscalationRequest& request,
                                        const std::string& language, int64_t now);

// REQUIRES: a transaction is open on the store. Queues the mail to the
// manager (none when [manager] has no address: the escalation is recorded
// all the same) and adds the event "escalated" {reason, by, clock}. False
// (nothing written) when `request.key` was used before.
Result<bool> QueueEscalation(Store& store, Notifier& notifier, const Config& config,
                             const BusinessCalendar& calendar, const IncidentRow& incident,
                             const EscalationRequest& request, int64_t now);

// `deskctl escalate`: QueueEscalation of incident `number` in its own
// transaction, by `actor` with `reason`. kNotFound: no such incident.
Result<bool> EscalateIncident(Store& store, const Config& config, const TemplateSet& templates,
                              const BusinessCalendar& calendar, int64_t number,
                              const std::string& reason, const std::string& actor, int64_t now);

}  // namespace deskd
