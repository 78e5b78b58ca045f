// Priority: 1 (highest) .. 4 from impact x urgency with the [priority]
// matrix (ITIL), and a new incident's priority from its first mail.
#pragma once

#include <string>

#include "daemon/config/config.h"
#include "parsers/mail.h"

namespace deskd {

// matrix[impact - 1][urgency - 1]; impact and urgency clamped to 1..3.
int PriorityOf(const PrioritySection& section, int impact, int urgency);

struct PriorityDecision {
  int priority = 3;
  int urgency = 2;
  int impact = 2;
  std::string reason;  // why the urgency: "X-Priority: 1", "urgent word \"kiire\"", "default"
};

// A new incident's priority: urgency from the mail (parsers/urgency.h, with
// the urgent words of the mail's language and English), else
// default_urgency; impact default_impact.
PriorityDecision DecidePriority(const PrioritySection& section, const ParsedMail& mail);

}  // namespace deskd
