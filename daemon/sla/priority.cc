// Priority from the ITIL matrix (daemon/sla/priority.h).
#include "daemon/sla/priority.h"

#include <algorithm>

#include "parsers/urgency.h"

namespace deskd {

int PriorityOf(const PrioritySection& section, int impact, int urgency) {
  impact = std::clamp(impact, 1, 3);
  urgency = std::clamp(urgency, 1, 3);
  return section.matrix[impact - 1][urgency - 1];
}

PriorityDecision DecidePriority(const PrioritySection& section, const ParsedMail& mail) {
  PriorityDecision d;
  UrgencySignal signal = DetectUrgency(mail, section.UrgentWordsFor(mail.language));
  d.urgency = signal.urgency.value_or(section.default_urgency);
  d.impact = section.default_impact;
  d.reason = signal.urgency ? signal.reason : "default";
  d.priority = PriorityOf(section, d.impact, d.urgency);
  return d;
}

}  // namespace deskd
